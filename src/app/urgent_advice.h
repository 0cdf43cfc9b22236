// HCR-12, HCR-18: whom a referrer should call now if a child may be at imminent risk, said on the
// portal before a request is sent (the form's warning, its "not sent" answer) and on the API for
// systems that build their own form. The words are policy/service_words.h's, as the receipt's are.
#pragma once

#include <string>

#include "app/context.h"

namespace fd::app {

struct UrgentAdviceNow {
  // The front door's number while it is open; out of its hours 999, that it is closed and when it
  // opens, and the out-of-hours service where the pack names one. Never empty (999 at the least).
  std::string advice;
  // Whether the front door is open now (policy/front_door_hours.h): the intake service's hours, or
  // office hours on working days when the pack names none (Kent). The API keeps the field's name.
  bool intake_service_open = true;
};

// At the clock's now, by the pack in force. `sending`: said to someone about to send a request, so
// out of hours it also says the request would go straight to the out-of-hours service.
UrgentAdviceNow PortalUrgentAdvice(const AppContext& ctx, bool sending);

}  // namespace fd::app
