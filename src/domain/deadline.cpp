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

DeadlineState Deadline::StateAt(Instant now) const {
  if (met_at) return DeadlineState::kMet;
  return now > due_at ? DeadlineState::kBreached : DeadlineState::kOpen;
}

}  // namespace fd
