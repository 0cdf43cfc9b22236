#include "domain/consultation_request.h"

#include <algorithm>
#include <array>
#include <cctype>

namespace fd {
namespace {

bool Lists(const std::vector<std::string>& list, std::string_view id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

// The rule catalogue id for a precondition under a procedure; the precondition id when none fits.
std::string RuleFor(std::string_view procedure, std::string_view id) {
  struct Row {
    std::string_view procedure, precondition, rule;
  };
  static constexpr std::array<Row, 13> kRules{{
      {"FDS", precondition::kServiceOpen, "FDS-1"},
      {"FDS", precondition::kNoRequestForSupport, "FDS-2"},
      {"FDS", precondition::kNoSignificantHarm, "FDS-3"},
      {"FDS", precondition::kSafeguardingLeadConsulted, "FDS-4"},
      {"FDS", precondition::kChildNotOpen, "FDS-5"},
      {"CRU", precondition::kNoIarOrEhn, "CRU-1"},
      {"CRU", precondition::kNoSignificantHarm, "CRU-1"},
      {"CRU", precondition::kSafeguardingLeadConsulted, "CRU-2"},
      {"CRU", precondition::kParentDiscussed, "CRU-2"},
      {"CRU", precondition::kChildNotOpen, "CRU-3"},
      {"HCR", precondition::kServiceOpen, "HCR-8"},
      {"HCR", precondition::kEligibleCaller, "HCR-7"},
      {"HCR", precondition::kNoSignificantHarm, "HCR-12"},
  }};
  for (const auto& row : kRules)
    if (row.procedure == procedure && row.precondition == id) return std::string(row.rule);
  if (id == precondition::kServiceOpen) return "CAL-5";  // the CRU line's hours are office hours
  return std::string(id);
}

std::string UrgentRoute(std::string_view procedure) {
  if (procedure == "CRU") return "Make an Inter-Agency Referral now; if the child is in immediate danger, call 999";
  if (procedure == "HCR")
    return "Call 999 if the child is in immediate danger, or make a child protection referral now, by phone or "
           "on the red form";
  return "Make an urgent Request for Support now; consent is not needed";
}

std::string Readable(std::string_view id) {
  std::string text(id);
  std::replace(text.begin(), text.end(), '_', ' ');
  std::replace(text.begin(), text.end(), '-', ' ');
  return text;
}

std::string AllocatedWorkerRoute(const AllocatedWorker& worker) {
  std::string who;
  if (!worker.name.empty() && !worker.team.empty()) who = "the allocated worker, " + worker.name + " (" + worker.team + ")";
  else if (!worker.name.empty()) who = "the allocated worker, " + worker.name;
  else if (!worker.team.empty()) who = "the allocated team, " + worker.team;
  else who = "the child's allocated worker or team";
  std::string route = "Contact " + who;
  if (!worker.phone.empty()) route += ", on " + worker.phone;
  return route + ", instead of making a consultation";
}

// The fixed order of checking; see the header.
constexpr std::array<std::string_view, 8> kOrder{
    precondition::kNoSignificantHarm,  precondition::kEligibleCaller,
    precondition::kNoRequestForSupport, precondition::kNoIarOrEhn,
    precondition::kChildNotOpen,       precondition::kSafeguardingLeadConsulted,
    precondition::kParentDiscussed,    precondition::kServiceOpen,
};

// The refusal when precondition `id` fails, or nothing when it holds.
std::optional<ConsultationRefusal> Check(std::string_view id, const ConsultationRules& rules,
                                         const ConsultationFacts& facts) {
  auto refuse = [&](std::string reason, std::string route) {
    return ConsultationRefusal{std::string(id), RuleFor(rules.procedure, id), std::move(reason), std::move(route)};
  };
  if (id == precondition::kNoSignificantHarm) {
    if (facts.significant_harm_indicators.empty()) return std::nullopt;
    return refuse("You believe the child is suffering, or is likely to suffer, significant harm, so this needs a "
                  "referral, not a consultation",
                  UrgentRoute(rules.procedure));
  }
  if (id == precondition::kEligibleCaller) {
    if (Lists(rules.eligible_callers, facts.caller_type)) return std::nullopt;
    std::string who;
    for (std::size_t i = 0; i < rules.eligible_callers.size(); ++i)
      who += (i == 0 ? "" : i + 1 == rules.eligible_callers.size() ? " and " : ", ") + Readable(rules.eligible_callers[i]);
    std::string route = rules.procedure == "HCR"
                            ? "Contact the Customer Service Centre, which takes contacts from everyone else"
                            : "Contact children's services through the front door instead";
    return refuse("This consultation line gives advice only to callers from: " + (who.empty() ? "nobody" : who), route);
  }
  if (id == precondition::kNoRequestForSupport) {
    if (!facts.request_already_made) return std::nullopt;
    return refuse("A Request for Support has already been made for this child, so there is no consultation",
                  "Follow up the Request for Support already made: add what you know to it");
  }
  if (id == precondition::kNoIarOrEhn) {
    if (!facts.request_already_made) return std::nullopt;
    return refuse("An Inter-Agency Referral or Early Help Notification has already been made for this child, so there "
                  "is no consultation",
                  "Follow up the referral or notification already made: add what you know to it");
  }
  if (id == precondition::kChildNotOpen) {
    if (!facts.open_to) return std::nullopt;
    return refuse("The child is already open to children's services, so the call goes to their worker",
                  AllocatedWorkerRoute(*facts.open_to));
  }
  if (id == precondition::kSafeguardingLeadConsulted) {
    if (facts.safeguarding_lead_consulted || rules.safeguarding_lead_warning_only) return std::nullopt;
    return refuse("You must first seek advice from your own organisation's safeguarding lead",
                  "Speak to your designated safeguarding lead, then call again if you still need advice");
  }
  if (id == precondition::kParentDiscussed) {
    if (facts.parent_discussed) return std::nullopt;
    return refuse("You must first discuss your concern with the parent, carer or young person",
                  "Discuss your concern with the parent, carer or young person, then call again");
  }
  if (id == precondition::kServiceOpen) {
    if (facts.service_open) return std::nullopt;
    const std::string service = facts.service_name.empty() ? "the consultation line" : "the " + facts.service_name;
    std::string route = facts.next_opening.empty() ? "Call again when " + service + " is open"
                                                   : "It opens again on " + facts.next_opening;
    route += ". If you believe the child is suffering, or is likely to suffer, significant harm, do not wait: " +
             UrgentRoute(rules.procedure);
    std::string reason = service + " is closed now";
    reason[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(reason[0])));
    return refuse(reason, route);
  }
  return refuse("The front door cannot check the precondition \"" + std::string(id) +
                    "\", so the consultation cannot be opened here",
                "Contact children's services through the front door instead");
}

}  // namespace

ConsultationCheck CheckConsultationRequest(const ConsultationRules& rules, const ConsultationFacts& facts) {
  ConsultationCheck result;
  std::vector<std::string_view> ordered;
  for (std::string_view id : kOrder)
    if (Lists(rules.preconditions, id)) ordered.push_back(id);
  for (const auto& id : rules.preconditions)
    if (std::find(kOrder.begin(), kOrder.end(), id) == kOrder.end()) ordered.push_back(id);
  for (std::string_view id : ordered) {
    if (auto refusal = Check(id, rules, facts)) {
      result.refusal = std::move(*refusal);
      return result;
    }
  }
  if (Lists(rules.preconditions, precondition::kSafeguardingLeadConsulted) && !facts.safeguarding_lead_consulted)
    result.warnings.push_back(
        "You have not yet sought advice from your own organisation's safeguarding lead: please do so as well");
  return result;
}

}  // namespace fd
