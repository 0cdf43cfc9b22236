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

bool MetLateFor(Instant starts_at, Instant due_at, Instant met_at) {
  const Instant on_time_until = starts_at == due_at ? due_at + kAtOnceAllowance : due_at;
  return met_at > on_time_until;
}

DeadlineState Deadline::StateAt(Instant now) const {
  if (met_at) return DeadlineState::kMet;
  return now > due_at ? DeadlineState::kBreached : DeadlineState::kOpen;
}

}  // namespace fd
