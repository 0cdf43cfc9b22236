// HCR-15: "A professional's phone contact is confirmed in writing (request form) within 24 hours,
// attaching any Families First Assessment; the system tracks it until received." The professional's
// side of it (docs/decisions.md "A written request quoting the call's reference"): when they phone,
// they are asked for the written request, with the reference to quote and where to send it; their
// written request quoting that reference is recorded as the call's written confirmation.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/contact.h"
#include "domain/instant.h"
#include "policy/policy_pack.h"
#include "store/call_reference_records.h"
#include "store/store.h"

namespace fd::app {

// The portal's request form, where the professional sends their written request (web/portal_pages.h).
inline constexpr const char* kRequestForSupportPath = "/request-for-support";

// The pack's timescale for it; a pack without it (Kent's) tracks no written confirmation of calls.
inline constexpr const char* kWrittenConfirmationTimescale = "written-confirmation";
bool TracksWrittenConfirmationOfCalls(const policy::PolicyPack& pack);

// The channels that are writing: an e-mail, the portal, a form sent in.
bool CameInWriting(Channel channel);

// What became of the call reference `contact` quotes (Intake::call_reference, as the domain keeps it:
// domain/call_reference.h), `contact` being a contact just recorded (inserted, its deadlines open) in
// `tx`. It confirms the call it names in writing when that contact is a phone contact awaiting its
// written confirmation, from the same referrer (app/duplicates.h SameReferrer) about a child in
// common, and `contact` came in writing: the call's written-confirmation deadline is met and audited
// there (contact.written_confirmation, naming `contact`), as closing `contact` as a duplicate of it
// would. `contact` itself stays to be screened: what it adds (a Families First Assessment, another
// child) is the worker's to judge, and closing it as a duplicate is one step. Otherwise nothing is
// recorded on any other contact, and the note tells staff why. Either way the outcome is kept
// (store/call_reference_records.h) and audited as contact.call_reference; the sender is told nothing
// of it, so the field discloses nothing about another contact. Does nothing when it quotes none.
// REQUIRES: a write transaction.
void MatchCallReference(store::Transaction& tx, const Actor& actor, const Contact& contact, Instant now);

// A contact's side of it: the call reference it quoted and what became of it, and the contacts in
// writing recorded as its own written confirmation (when it is a call). REQUIRES: the caller has
// authorised reading the contact.
struct CallReferences {
  std::optional<store::QuotedCallReference> quoted;
  std::vector<store::WrittenConfirmation> confirmed_by;
};
CallReferences CallReferencesOf(AppContext& ctx, std::int64_t contact_id);

// What a professional who phoned is asked to do (HCR-15): send the written request form by `due_at`
// (`within` of the call, as the pack words its timescale: "24 hours") on the portal at `portal_url`,
// quoting their call's reference, with any Families First Assessment. In their words (the e-mail
// after the call) or, `to_officer`, the contact officer's (to ask on the call).
std::string WrittenConfirmationRequest(const Contact& call, Instant due_at, const std::string& within,
                                       const std::string& portal_url, const std::string& time_zone, bool to_officer);

}  // namespace fd::app
