// HCR-13: children at imminent risk of significant harm are fast-tracked to the appropriate
// assessment team for immediate action (hertfordshire-contacts-and-referrals.txt section 3). Where
// the pack switches it on ([routing] fast_track_indicators), a contact with one of those indicators
// goes at receipt to the referral team's queue, and its managers are told, while it stays urgent at
// the top of the front door's queue, which still screens and decides on it: nothing waits for the
// other. A social worker or team manager may fast-track a contact by hand with a reason (risk found
// at screening). docs/decisions.md "Fast track to the assessment team (HCR-13)".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/contact.h"
#include "domain/error.h"
#include "store/fast_track_records.h"
#include "store/store.h"

namespace fd::app {

// What the contact page, the workflow JSON and the team's queue call it.
inline constexpr const char* kFastTrackedTitle = "Fast-tracked: imminent risk of significant harm";

// The pack's imminent-risk indicator among the contact's, if the pack fast-tracks and the contact is
// the front door's to decide (not passed at receipt to an allocated worker or the LADO route).
std::optional<std::string> FastTrackIndicator(const policy::PolicyPack& pack, const Contact& contact);

// At receipt, in the contact's own transaction: the row on the referral team's queue, the audit
// (contact.fast_tracked, with the indicator) and a notice to each active team manager of that team,
// or, when it has none, to the front door's managers (its intake team's), so it is never lost.
void FastTrackAtReceipt(store::Transaction& tx, const AppContext& ctx, const policy::PolicyPack& pack,
                        const Actor& actor, const Contact& contact, const std::string& indicator, Instant now);

// By hand, for `reason`: as at receipt, and the contact is marked urgent if it was not. Errors:
// kForbidden (not a social worker or team manager, or the contact is another worker's case);
// kNotFound; kConflict (the pack in force has no fast track; already fast-tracked; decided, closed
// as a duplicate or passed on at receipt); kInvalid on "reason" (none, too long).
Result<store::FastTrack> FastTrackByHand(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                         const std::string& reason);

// The contacts fast-tracked to `team` (every team when empty), newest first. Errors: kForbidden.
Result<std::vector<store::FastTrack>> ListFastTracked(AppContext& ctx, const Actor& actor, const std::string& team);

}  // namespace fd::app
