// A contact closed as a duplicate of another (docs/decisions.md "A contact closed as a duplicate"):
// the same concern sent twice — a professional's written confirmation of their call (HCR-15), a
// portal form sent again, an e-mail and a call about one incident. The duplicate is not screened or
// decided on: its open deadlines are closed as not applicable, it leaves the queues and the figures
// of decisions, and the original is decided for both. What it holds stays readable, linked both
// ways. Its referrer is not forgotten (HCR-24, KCR-17): their status link shows the original's
// progress and, once decided, what they may be told of the original's decision (app/status_links.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/decision.h"
#include "domain/error.h"
#include "store/duplicate_records.h"
#include "store/store.h"

namespace fd::app {

struct DuplicateDraft {
  std::string contact;  // the original: its reference ("FD-2026-000123") or number
  std::string reason;
  // The worker confirms the two are the same concern though no child is shared (a child's name
  // misspelt on one of them). Without it, two contacts with no child in common are refused.
  bool same_concern = false;
};

// Closes `contact_id` (at `version`) as a duplicate of the draft's contact, by a social worker or team
// manager who may work on both (the relationship rule, app/case_access.h; the allocation,
// app/screening_allocation.h). Errors: kForbidden (role, or a contact held by another worker);
// kNotFound (no contact `contact_id`); kConflict (a stale version; a decision already proposed,
// decided or passed on; allocated to another worker); kInvalid on "contact" (blank, unknown, itself,
// itself a duplicate: the message names the contact to give instead), "reason" or "same_concern".
// HCR-15: when the original is a phone contact awaiting its written confirmation and this one came in
// writing, the confirmation is recorded on the original. HCR-24, KCR-17: when the original's decision
// is already authorised, this contact's referrer is told it at once (TellReferrerOfDuplicateOfDecided).
// Audited as contact.closed_as_duplicate.
Result<void> CloseAsDuplicate(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                              const DuplicateDraft& draft);

// What reopening gave back: the stage the contact returned to, and its deadlines restored with their
// original due times; those already past are breached, and are said to be.
struct ReopenedDuplicate {
  std::string state;
  std::vector<store::NotApplicableDeadline> restored;
  std::vector<store::NotApplicableDeadline> breached;  // of `restored`, due before the reopening
};

// Reopens `contact_id` (at `version`), closed as a duplicate by mistake, by a team manager who may
// work on it (docs/decisions.md "Reopening a duplicate"): it returns to the stage it was closed at and
// so to its queue, its deadlines closed as not applicable are restored as they were, it counts again
// in the figures and Annex A, both contact pages drop the link, its referrer's status link shows its
// own progress again, and a call to its referrer opened by the original's decision and not yet made is
// withdrawn. Errors: kForbidden (role; a contact held by another); kNotFound; kInvalid on "reason"
// (required); kConflict (a stale version; not closed as a duplicate, saying what to do). Audited as
// contact.duplicate_reopened with who, when and why.
Result<ReopenedDuplicate> ReopenDuplicate(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                          std::int64_t version, const std::string& reason);

// HCR-24, KCR-17: when `original`'s decision is authorised, the referrers of its duplicates who are
// other people hear it as its own referrer does, by their own type (a professional the outcome and
// next steps, a member of the public only that it was acted on), under their own reference: e-mailed
// where frontdoor may, else rung (app/referrer_callbacks.h) when they gave a phone number. Returns,
// for the audit, what was done for each. REQUIRES: a write transaction; `decision` authorised.
struct DuplicateReferrerTold {
  std::int64_t contact_id = 0;
  std::string how;  // "emailed", "to-ring", "same-referrer", "no-one-to-tell"
};
Result<std::vector<DuplicateReferrerTold>> TellDuplicatesReferrers(store::Transaction& tx, const AppContext& ctx,
                                                                   const Actor& actor, const Contact& original,
                                                                   const Decision& decision,
                                                                   const std::optional<std::string>& referral_team,
                                                                   Instant now);

// HCR-24, KCR-17: `duplicate`, just closed as a duplicate of `original`, whose decision is already
// authorised, so TellDuplicatesReferrers has run without it: its referrer hears that decision now, in
// the same way and words (e-mailed, or a call opened for the decision's proposer). Returns how
// (DuplicateReferrerTold::how), or nullopt when `original` has no authorised decision (told when it
// has one). REQUIRES: a write transaction, the one closing `duplicate`.
Result<std::optional<std::string>> TellReferrerOfDuplicateOfDecided(store::Transaction& tx, const AppContext& ctx,
                                                                    const Actor& actor, const Contact& original,
                                                                    const Contact& duplicate, Instant now);

// Whether two contacts' referrers are one person: the same e-mail address, phone number, or name at
// the same agency (a professional's written confirmation of their own call). Pure.
bool SameReferrer(const Referrer& a, const Referrer& b);

}  // namespace fd::app
