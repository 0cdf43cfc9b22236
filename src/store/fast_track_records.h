// Contacts fast-tracked to the assessment team (migration 0043; app/fast_track.h, HCR-13).
// Backend-neutral.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

struct FastTrack {
  std::int64_t contact_id = 0;
  std::string contact_reference;
  std::string team;       // the team it went to (the pack's referral_team then)
  std::string indicator;  // at receipt: the significant-harm indicator that meant imminent risk
  std::string reason;     // by hand: why the worker fast-tracked it
  std::optional<std::int64_t> by;  // who did it by hand; none at receipt
  std::string by_name;
  Instant at;
  std::string state;  // the contact's state now, for the team's queue
};

void InsertFastTrack(Transaction& tx, const FastTrack& f);
std::optional<FastTrack> FindFastTrack(Transaction& tx, std::int64_t contact_id);
// The contacts fast-tracked to `team` (all teams when empty), newest first, at most 200.
std::vector<FastTrack> ListFastTracks(Transaction& tx, const std::string& team);
// Retention: a purged contact takes its fast track with it.
void PurgeFastTrack(Transaction& tx, std::int64_t contact_id);

}  // namespace fd::store
