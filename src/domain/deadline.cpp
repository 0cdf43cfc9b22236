#include "domain/deadline.h"

#include <array>
#include <chrono>

#include "domain/contact.h"

namespace fd {

std::string_view DeadlineStateId(DeadlineState state) {
  switch (state) {
    case DeadlineState::kOpen: return "open";
    case DeadlineState::kMet: return "met";
    case DeadlineState::kBreached: return "breached";
  }
  return "open";
}

Instant InTimeUntil(Instant starts_at, Instant due_at) {
  return starts_at == due_at ? due_at + kAtOnceAllowance : due_at;
}

bool MetLateFor(Instant starts_at, Instant due_at, Instant met_at) { return met_at > InTimeUntil(starts_at, due_at); }

bool BreachedAt(Instant starts_at, Instant due_at, Instant now) { return now > InTimeUntil(starts_at, due_at); }

// now > due + allowance is due < now - allowance: the same instants, as bounds on the due time.
BreachCutoffs BreachCutoffsAt(Instant now) { return {now, now - kAtOnceAllowance}; }

std::string BankHolidaysUnknownNote(std::string_view known_until) {
  static constexpr std::array<const char*, 12> kMonths = {"January", "February", "March",     "April",
                                                          "May",     "June",     "July",      "August",
                                                          "September", "October", "November", "December"};
  const auto day = ParseIsoDate(known_until);
  if (!day) return "Bank holidays are not known: check this date";
  return "Bank holidays after " + std::to_string(static_cast<unsigned>(day->day())) + " " +
         kMonths[static_cast<unsigned>(day->month()) - 1] + " " + std::to_string(static_cast<int>(day->year())) +
         " are not known: check this date";
}

DeadlineState Deadline::StateAt(Instant now) const {
  if (met_at) return DeadlineState::kMet;
  return BreachedAt(starts_at, due_at, now) ? DeadlineState::kBreached : DeadlineState::kOpen;
}

}  // namespace fd
