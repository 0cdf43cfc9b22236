// The dashboard's kept months (issue 9 point 4; docs/dashboard.md "Kept months"): each complete
// local month's figures, per team, kept as text, and the notes the database's triggers leave when
// a write changes a month already ended (migration 0026). The use case decides what a note
// forgets and when a month may be kept; this file only reads and writes the rows.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

struct KeptMonthsState {
  Instant noted_before;  // writes about records older than this leave a note
  std::int64_t generation = 0;  // how many times notes have been taken
  bool notes_waiting = false;
};
KeptMonthsState ReadKeptMonthsState(Transaction& tx);

// The calls below change the notes and the kept months: make them in a write transaction, which
// holds every writer off (PostgreSQL's too: every write takes the store's lock), so every write
// noted is visible to it and no note is left while it runs.

// Moves the mark up to `at` (never down).
void NoteWritesBefore(Transaction& tx, Instant at);

struct PerformanceTouch {
  std::optional<Instant> at;  // none: every month
  bool forward = false;       // the twelve months after `at` too
};
// Every note left, removed as it is read; counts a generation when there were any.
std::vector<PerformanceTouch> TakePerformanceTouches(Transaction& tx);

struct KeptMonth {
  std::string month;     // its first local day, "2026-03-01"
  std::string calendar;  // the pack versions that judged it
  std::optional<Instant> stale_at;
  std::string figures;  // as the use case wrote them
  Instant computed_at;  // read back only; KeepMonth takes it apart
};
// The kept months of one team (0: all teams) from `first` to `last` (first days, both included).
std::vector<KeptMonth> KeptMonths(Transaction& tx, std::int64_t team_key, const std::string& first,
                                  const std::string& last);
// Keeps (or replaces) a month.
void KeepMonth(Transaction& tx, std::int64_t team_key, const KeptMonth& month, Instant computed_at);
// Forgets the months, every team's; all of them when `months` is nullopt.
void ForgetKeptMonths(Transaction& tx, const std::optional<std::vector<std::string>>& months);

}  // namespace fd::store
