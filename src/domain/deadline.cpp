#include "domain/deadline.h"

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

DeadlineState Deadline::StateAt(Instant now) const {
  if (met_at) return DeadlineState::kMet;
  return BreachedAt(starts_at, due_at, now) ? DeadlineState::kBreached : DeadlineState::kOpen;
}

}  // namespace fd
