#include "app/routing.h"

#include <fmt/format.h>

#include "policy/rule_citations.h"
#include "store/people_records.h"

namespace fd::app {

RoutingDecision RouteContact(store::Transaction& tx, const NewContact& c, const policy::PolicyPack& pack,
                             bool intake_service_open) {
  RoutingDecision r;
  const bool from_setting = c.referrer.type == ReferrerType::kSchool || c.referrer.type == ReferrerType::kEarlyYears;
  // HCR-9: a red form from a school or early years setting with no hub consultation and no
  // imminent-risk indicator is returned, not progressed.
  if (pack.routing.red_forms_need_hub_consultation && c.intake.form == FormKind::kRed && from_setting &&
      c.intake.hub_consultation.empty() && !c.intake.Urgent()) {
    r.queue = "returned";
    r.state = "routed";
    r.note = policy::CiteRules(pack, "Returned to the sender: a school or early years setting consults the "
                                     "Consultation Hub before sending a red form (HCR-9).");
    return r;
  }
  // HCR-4: allegations against adults who work with children go to the managing-allegations route.
  if (c.intake.allegation_against_professional) {
    r.queue = "lado";
    r.state = "routed";
    r.note = policy::CiteRules(pack, "An allegation against an adult who works with children: passed to the "
                                     "managing-allegations (LADO) route (HCR-4).");
    return r;
  }
  // HCR-5: a child already open goes to the allocated worker.
  for (const auto& child : c.children) {
    if (child.role != ChildRole::kSubject) continue;
    std::optional<std::string> dob;
    if (child.date_of_birth) dob = FormatIsoDate(*child.date_of_birth);
    for (const auto& person : store::FindExactMatches(tx, child.first_names, child.last_name, dob, child.nhs_number)) {
      if (!person.open_case || !person.allocated_user_id) continue;
      r.queue = "allocated-worker";
      r.state = "routed";
      r.allocated_user_id = person.allocated_user_id;
      r.allocated_team_id = person.team_id;
      r.note = policy::CiteRules(pack, fmt::format("{} {} is open to a team: sent to the allocated social worker "
                                                   "(HCR-5).",
                                                   person.first_names, person.last_name));
      return r;
    }
  }
  // HCR-18: outside the service centre's hours contacts go to the out-of-hours service.
  if (!pack.routing.intake_service.empty() && !intake_service_open) {
    r.queue = "out-of-hours";
    const auto* service = pack.Service(pack.routing.out_of_hours_service);
    r.note = policy::CiteRules(pack, fmt::format("Received outside the {}'s hours: passed to the {} (HCR-18).",
                                                 pack.Service(pack.routing.intake_service)->name,
                                                 service ? service->name : std::string("out-of-hours service")));
    return r;
  }
  r.note = c.intake.Urgent() ? "Urgent: a significant-harm indicator was given, so it is at the top of the queue."
                             : "";
  return r;
}

}  // namespace fd::app
