// A contact passed at receipt to the allocated social worker of a child whose case is open (HCR-5):
// it must not be lost with them (docs/decisions.md "Passed to the allocated worker, and not lost
// there"). A team manager of the holder's team, or of the front door, hands it to another active
// social worker when the holder cannot work it (off sick, left), with a reason; the holder records
// that it is on the child's record, which meets the pack's deadline for it ([intake]
// passed_on_recorded) and lets a professional's status link say where it went (KCR-17).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/contact.h"
#include "domain/error.h"
#include "store/passed_on_records.h"
#include "store/store.h"

namespace fd::app {

// What the contact shows of it: its hand-overs (oldest first) and whether it is recorded.
struct PassedOn {
  std::string holder_name;  // the social worker who holds it now
  std::vector<store::HandOver> hand_overs;
  std::optional<store::PassedOnRecorded> recorded;
  // What the reader may do now, as the contact page offers it (the use cases check again).
  bool may_hand_over = false;
  bool may_record = false;
};

// Whether the contact went at receipt to a child's allocated worker and is still theirs.
bool IsPassedToWorker(const Contact& contact);

// The contact's holder, hand-overs and recording as `actor` sees them, or nullopt when it was not
// passed to a worker.
std::optional<PassedOn> PassedOnOf(store::Transaction& tx, const AppContext& ctx, const Actor& actor,
                                   const Contact& contact);

// What the hand-over form offers: the contact, its holder and the active social workers of every
// team but the holder.
struct HandOverChoices {
  std::int64_t contact_id = 0;
  std::string reference;
  std::int64_t version = 0;
  std::string holder_name;
  std::vector<store::ActiveWorker> workers;
};
// Errors: kForbidden (not a team manager of the holder's team or the front door), kNotFound,
// kConflict (not passed to a worker, or already recorded on the child's record).
Result<HandOverChoices> HandOverChoicesFor(AppContext& ctx, const Actor& actor, std::int64_t contact_id);

// Hands the contact to the social worker `worker` (a username) for `reason`, taking the version the
// manager was looking at. The new holder and their team managers may then work it, and its open
// deadlines move to them; the old holder loses it (app/case_access.h) and the new one gets a notice.
// Audited as contact.handed_over (from, to, why). Errors as HandOverChoicesFor, kConflict for a
// stale version, kInvalid on "worker" (none, unknown, not a social worker, disabled, the holder) and
// "reason" (none, too long).
Result<void> HandOverContact(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                             std::int64_t version, const std::string& worker, const std::string& reason);

// The holder (or a team manager of their team) records that the contact is on the child's record,
// with an optional note; meets its deadline. Audited as contact.recorded_on_child_record. Errors:
// kForbidden (role, or not the holder or their team's manager), kNotFound, kConflict (not passed to
// a worker, already recorded, stale version), kInvalid on "note".
Result<void> RecordOnChildRecord(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                 std::int64_t version, const std::string& note);

}  // namespace fd::app
