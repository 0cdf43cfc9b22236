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

// RULE KCR-13 RULE HCR-28 (tell the police), RULE KCR-8 (immediate protection): a deadline
// "immediately" (the pack's `within = "immediately"`) is due the moment it arises, so its due time is
// its start. Doing it at once still takes the moment to press the button: met within kAtOnceAllowance
// of being due it is met on time, not late (twenty minutes later is late), and for the same reason it
// is not breached during that moment, only after it. Every other deadline is late when met after its
// due time and breached when still open after it.
inline constexpr std::chrono::seconds kAtOnceAllowance{60};
// The last instant at which a deadline that started at `starts_at`, due at `due_at`, is still in
// time: its due time, or, due at once (starts_at == due_at), its due time plus kAtOnceAllowance. The
// one rule behind "met late" (met after it) and "breached" (still open after it).
Instant InTimeUntil(Instant starts_at, Instant due_at);
// Whether a deadline that started at `starts_at`, due at `due_at`, met at `met_at` was met late; the
// rule shared by Deadline::MetLate and the store's counts.
bool MetLateFor(Instant starts_at, Instant due_at, Instant met_at);
// Whether a deadline not met, that started at `starts_at` and is due at `due_at`, is breached at
// `now`; the rule shared by Deadline::StateAt and the store's counts (through BreachCutoffsAt).
bool BreachedAt(Instant starts_at, Instant due_at, Instant now);

// BreachedAt as bounds on the due time, for counts that compare each row's times with values bound
// once (SQL): a deadline not met is breached at `now` when it is due before `due_before` and, if it is
// due at once (starts_at == due_at), also before `at_once_due_before`. Every deadline breached is due
// before `due_before`, so that bound alone can be a range on an index of due times.
struct BreachCutoffs {
  Instant due_before;
  Instant at_once_due_before;
};
BreachCutoffs BreachCutoffsAt(Instant now);

// RULE CAL-2 RULE CAL-3: what a page shows beside the due time of a deadline counted past the
// bank-holiday list, whose last day is `known_until` (YYYY-MM-DD; empty when the list was empty):
// "Bank holidays after 31 December 2028 are not known: check this date".
std::string BankHolidaysUnknownNote(std::string_view known_until);

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
  // RULE CAL-2 RULE CAL-3: its working days ran past the bank-holiday list, so days after the list's
  // last day were counted as working days though some may be holidays: the due time needs checking.
  bool counted_without_bank_holidays = false;
  std::string bank_holidays_known_until;  // that list's last day (YYYY-MM-DD); empty when it was empty

  // Met (whenever), breached (not met and past due: BreachedAt, which gives one due at once its
  // first minute), or open. A deadline met after it was due stays "met" but is late (MetLate), so
  // reports can count both.
  DeadlineState StateAt(Instant now) const;
  bool MetLate() const { return met_at && MetLateFor(starts_at, due_at, *met_at); }
  // Not met, and due on `today`'s local date or earlier: for "due today" marks on work queues.
  bool DueBy(Instant end_of_day) const { return !met_at && due_at <= end_of_day; }
};

}  // namespace fd
