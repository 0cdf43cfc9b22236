// A leaver's work when their account is disabled (docs/decisions.md "A leaver's work, and the
// administrator's other tools"). Without this, a contact a manager allocated to them to screen stays
// theirs: every other worker's start of its screening is refused ("allocated to Lee Leaver") and it
// sits in nobody's queue; a referrer they owe a call is on no one's list; a chair consultation
// allocated to a chair who left waits for a chair who will not come. Nobody is told.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "domain/instant.h"
#include "store/store.h"
#include "store/user_records.h"

namespace fd::app {

struct LeaversWork {
  // Contacts still at the front door whose screening was allocated to them: released back to the
  // team's queue (references).
  std::vector<std::string> screenings_released;
  // Referrers they were to ring with an outcome: the call stays on each contact's page, where any
  // worker of the team may make and record it (references).
  std::vector<std::string> referrer_calls;
  // Chair consultations allocated to them (a chair) and not yet recorded: for the coordinator to
  // re-allocate, as a chair who is away (references).
  std::vector<std::string> chair_consultations;
};

// Why their work is handed over, and what of it they can still do. A leaver can do none of it; a
// worker given another role keeps what that role may still do (a team manager still screens); a
// worker moved to another team keeps screening only that team's contacts.
struct HandOver {
  std::string reason = "worker_disabled";  // the released allocation's audit reason
  std::string what_happened;               // "Lee Leaver's account was disabled." (the notice's first words)
  bool may_screen = false;                 // keeps screening allocations (of `team_id`'s contacts, if set)
  std::optional<std::int64_t> team_id;     // after a move: only this team's contacts stay theirs
  bool may_call_referrers = false;         // keeps the referrer calls they owe
  bool may_record_chair_consultations = false;
};
// What a user who is disabled, given another role or moved to another team hands over: in the same
// transaction as the change, as HandOverLeaversWork with `how` saying what they keep.
LeaversWork HandOverWork(store::Transaction& tx, const std::optional<Actor>& by, const store::UserRecord& user,
                         const HandOver& how, Instant now);

// In the disabling transaction: releases `leaver`'s open screening allocations (each audited as
// contact.screening_allocated with no worker, the reason "worker_disabled"), and tells by a staff
// notice the active team managers of their team (and of the team of each contact released) what was
// released and which referrer calls they owed, and the active child protection coordinators which
// chair consultations need another chair. Nothing to tell, no notice. REQUIRES: a write transaction.
LeaversWork HandOverLeaversWork(store::Transaction& tx, const std::optional<Actor>& by,
                                const store::UserRecord& leaver, Instant now);

// "released 2 screenings (FD-…, FD-…)": the words the disable reply (page, CLI) uses.
std::string LeaversWorkSummary(const LeaversWork& work);

}  // namespace fd::app
