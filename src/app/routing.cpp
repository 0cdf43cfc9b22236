#include "app/routing.h"

#include <algorithm>

#include <fmt/format.h>

#include "policy/rule_citations.h"
#include "store/people_records.h"
#include "store/register_records.h"
#include "store/user_records.h"

namespace fd::app {

namespace {

// "A", "A and B", "A, B and C".
std::string InWords(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i) {
    if (i > 0) out += i + 1 == names.size() ? " and " : ", ";
    out += names[i];
  }
  return out;
}

std::string Sentences(std::string first, const std::string& second) {
  if (first.empty()) return second;
  if (!second.empty()) first += " " + second;
  return first;
}

std::optional<OpenChild> OpenChildOf(store::Transaction& tx, bool open_case, std::optional<std::int64_t> worker,
                                     std::optional<std::int64_t> team, const std::string& first_names,
                                     const std::string& last_name) {
  if (!open_case || !worker) return std::nullopt;
  OpenChild open{0, first_names + (first_names.empty() || last_name.empty() ? "" : " ") + last_name, *worker, "", team};
  if (auto user = store::FindUserById(tx, *worker)) open.worker_name = user->display_name;
  return open;
}

// The register record a linked child is: the one it was merged into, if it was.
std::optional<store::RegisterPerson> LinkedPerson(store::Transaction& tx, std::int64_t person_id) {
  auto person = store::FindRegisterPerson(tx, person_id);
  if (person && person->merged_into) person = store::FindRegisterPerson(tx, *person->merged_into);
  return person;
}

}  // namespace

OpenCases FindOpenCases(store::Transaction& tx, const std::vector<Child>& children,
                        const std::vector<std::optional<std::int64_t>>& linked) {
  OpenCases cases;
  for (std::size_t i = 0; i < children.size(); ++i) {
    const Child& child = children[i];
    if (child.role != ChildRole::kSubject) continue;
    std::optional<OpenChild> open;
    if (i < linked.size() && linked[i]) {
      if (auto person = LinkedPerson(tx, *linked[i]))
        open = OpenChildOf(tx, person->open_case, person->allocated_user_id, person->team_id, person->first_names,
                           person->last_name);
    } else {
      std::optional<std::string> dob;
      if (child.date_of_birth) dob = FormatIsoDate(*child.date_of_birth);
      for (const auto& person : store::FindExactMatches(tx, child.first_names, child.last_name, dob, child.nhs_number))
        if ((open = OpenChildOf(tx, person.open_case, person.allocated_user_id, person.team_id, person.first_names,
                                person.last_name)))
          break;
    }
    if (open) {
      open->position = static_cast<int>(i);
      cases.open.push_back(std::move(*open));
    }
    else cases.not_open.push_back(child.first_names + (child.first_names.empty() || child.last_name.empty() ? "" : " ") +
                                  child.last_name);
  }
  return cases;
}

std::optional<OpenChild> SoleHolder(const OpenCases& cases) {
  if (cases.open.empty() || !cases.not_open.empty()) return std::nullopt;
  for (const auto& child : cases.open)
    if (child.worker_id != cases.open.front().worker_id) return std::nullopt;
  return cases.open.front();
}

std::string OpenCasesNote(const policy::PolicyPack& pack, const OpenCases& cases) {
  if (cases.open.empty()) return "";
  std::vector<std::string> names;
  for (const auto& child : cases.open) names.push_back(child.name);
  const char* are = names.size() == 1 ? "is" : "are";
  if (SoleHolder(cases))
    return policy::CiteRules(pack, fmt::format("{} {} open to a team: sent to the allocated social worker (HCR-5).",
                                               InWords(names), are));
  std::vector<std::string> whom;
  for (const auto& child : cases.open)
    whom.push_back(fmt::format("{} is open to {}", child.name,
                               child.worker_name.empty() ? std::string("an allocated social worker") : child.worker_name));
  const bool one_worker = std::all_of(cases.open.begin(), cases.open.end(),
                                      [&](const OpenChild& o) { return o.worker_id == cases.open.front().worker_id; });
  const std::string told = one_worker ? "the allocated social worker is told of this contact"
                                      : "each allocated social worker is told of this contact";
  if (cases.not_open.empty())
    return policy::CiteRules(pack, fmt::format("{}: {}. The children are open to different workers, so the front "
                                               "door screens and decides on it (HCR-5, KCR-1).",
                                               InWords(whom), told));
  return policy::CiteRules(pack, fmt::format("{}: {}. {} {} not open to a team, so the front door screens and decides "
                                             "on it (HCR-5, HCR-6, KCR-1).",
                                             InWords(whom), told, InWords(cases.not_open),
                                             cases.not_open.size() == 1 ? "is" : "are"));
}

RoutingDecision RouteContact(store::Transaction& tx, const NewContact& c, const policy::PolicyPack& pack,
                             bool front_door_open) {
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
  // HCR-5: a contact all of whose children are open to one worker goes to that worker. When only
  // some are open (or to different workers), the front door screens and decides on it (HCR-6,
  // KCR-1, KCR-8) and each allocated worker is told.
  const OpenCases cases = FindOpenCases(tx, c.children);
  r.open = cases.open;
  if (auto holder = SoleHolder(cases)) {
    r.queue = "allocated-worker";
    r.state = "routed";
    r.allocated_user_id = holder->worker_id;
    r.allocated_team_id = holder->team_id;
    r.note = OpenCasesNote(pack, cases);
    return r;
  }
  // HCR-18: outside the service centre's hours a contact is marked as arrived out of hours. It is
  // still the front door's to decide, and on its queue; an urgent one is also sent to the
  // out-of-hours service where frontdoor can send it (app/out_of_hours.h, which adds to this note
  // what was really done), so this note claims no hand-over.
  if (!pack.routing.intake_service.empty() && !front_door_open) {
    r.queue = "out-of-hours";
    r.note = Sentences(policy::CiteRules(pack, fmt::format("Received outside the {}'s hours (HCR-18): on the front "
                                                           "door's queue, marked as arrived out of hours.",
                                                           pack.Service(pack.routing.intake_service)->name)),
                       OpenCasesNote(pack, cases));
    return r;
  }
  r.note = Sentences(c.intake.Urgent() ? "Urgent: a significant-harm indicator was given, so it is at the top of the queue."
                                       : "",
                     OpenCasesNote(pack, cases));
  return r;
}

}  // namespace fd::app
