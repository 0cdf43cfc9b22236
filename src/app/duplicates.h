// A contact closed as a duplicate of another (docs/decisions.md "A contact closed as a duplicate"):
// the same concern sent twice — a professional's written confirmation of their call (HCR-15), a
// portal form sent again, an e-mail and a call about one incident. The duplicate is not screened or
// decided on: its open deadlines are closed as not applicable, it leaves the queues and the figures
// of decisions, and the original is decided for both. What it holds stays readable, linked both
// ways. Its referrer is not forgotten (HCR-24, KCR-17): their status link shows the original's
// progress and, once decided, what they may be told of the original's decision (app/status_links.h).
#pragma once

#include <cstdint>
#include <string>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"

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
// writing, the confirmation is recorded on the original. Audited as contact.closed_as_duplicate.
Result<void> CloseAsDuplicate(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                              const DuplicateDraft& draft);

}  // namespace fd::app
