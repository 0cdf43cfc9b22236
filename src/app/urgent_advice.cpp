#include "app/urgent_advice.h"

#include "policy/front_door_hours.h"
#include "policy/service_words.h"

namespace fd::app {

UrgentAdviceNow PortalUrgentAdvice(const AppContext& ctx, bool sending) {
  const Instant now = ctx.clock.Now();
  const auto& pack = ctx.procedures.PackAt(now);
  const auto& calendar = ctx.procedures.CalendarAt(now);
  UrgentAdviceNow answer;
  answer.advice = policy::WithEmergencyNumber(policy::UrgentAdviceNow(pack, calendar, now, sending));
  answer.intake_service_open = policy::FrontDoorOpenAt(pack, calendar, now);  // the one rule, as the receipt
  return answer;
}

}  // namespace fd::app
