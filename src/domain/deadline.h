// A deadline: an obligation a rule creates, due at a time, met (on time or late) or not.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/instant.h"

namespace fd {

enum class DeadlineState { kOpen, kMet, kBreached };

std::string_view DeadlineStateId(DeadlineState state);

// A deadline "immediately" (the pack's `within = "immediately"`) is due the moment it arises, so its
// due time is its start. Doing it at once still takes the moment to press the button: met within
// kAtOnceAllowance of being due it is met on time, not late (twenty minutes later is late). Every
// other deadline is late when met after its due time.
inline constexpr std::chrono::seconds kAtOnceAllowance{60};
// Whether a deadline that started at `starts_at`, due at `due_at`, met at `met_at` was met late; the
// rule shared by Deadline::MetLate and the store's counts.
bool MetLateFor(Instant starts_at, Instant due_at, Instant met_at);

struct Deadline {
  std::int64_t id = 0;
  std::string timescale;   // pack timescale id
  std::string rule_id;     // "KCR-8"
  std::string obligation;  // "Decide the response"
  std::string record_type;
  std::int64_t record_id = 0;
  std::string record_reference;
  std::optional<std::int64_t> team_id;
  std::optional<std::int64_t> user_id;
  Instant starts_at;
  Instant due_at;
  std::optional<Instant> met_at;
  std::optional<std::int64_t> met_by;
  std::string policy_version;

  // Met (whenever), breached (not met and past due), or open. A deadline met after it was due
  // stays "met" but is late (MetLate), so reports can count both.
  DeadlineState StateAt(Instant now) const;
  bool MetLate() const { return met_at && MetLateFor(starts_at, due_at, *met_at); }
  // Not met, and due on `today`'s local date or earlier: for "due today" marks on work queues.
  bool DueBy(Instant end_of_day) const { return !met_at && due_at <= end_of_day; }
};

}  // namespace fd
