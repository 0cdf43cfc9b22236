#include "app/linked_open_cases.h"

#include <algorithm>

#include <fmt/format.h>

#include "app/routing.h"
#include "domain/contact_workflow.h"
#include "policy/rule_citations.h"
#include "store/register_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

// Decided or passed on: the front door no longer holds it, so a link changes nothing about who works it.
bool AtTheFrontDoor(const Contact& contact) {
  const auto state = ContactStateFromId(contact.state).value_or(ContactState::kReceived);
  return state != ContactState::kDecided && state != ContactState::kRouted;
}

std::optional<std::int64_t> FrontDoorTeam(store::Transaction& tx, const AppContext& ctx) {
  if (ctx.intake_team.empty()) return std::nullopt;
  auto rows = tx.Query("SELECT id FROM teams WHERE name = ?", {ctx.intake_team});
  if (rows.empty()) return std::nullopt;
  return rows[0].Int(0);
}

}  // namespace

std::string RecheckOpenCases(AppContext& ctx, store::Transaction& tx, const Contact& contact, int linked_position,
                             Instant now, std::string_view why) {
  if (!AtTheFrontDoor(contact)) return "";
  const OpenCases cases = FindOpenCases(tx, contact.children, store::ContactChildPeople(tx, contact.id));
  const auto holder = SoleHolder(cases);
  const std::optional<std::int64_t> holder_id = holder ? std::optional(holder->worker_id) : std::nullopt;
  const auto linked = std::find_if(cases.open.begin(), cases.open.end(),
                                   [&](const OpenChild& o) { return o.position == linked_position; });
  // Nothing to say when the link neither finds an open case nor changes who holds the contact.
  if (linked == cases.open.end() && holder_id == contact.allocated_user_id) return "";

  const policy::PolicyPack& pack = ctx.procedures.PackAt(contact.received_at);
  std::string note;
  if (holder) {
    std::vector<std::string> names;
    for (const auto& o : cases.open) names.push_back(o.name);
    std::string who = holder->worker_name.empty() ? std::string("the allocated social worker") : holder->worker_name;
    std::string children = names.front();
    for (std::size_t i = 1; i < names.size(); ++i) children += (i + 1 == names.size() ? " and " : ", ") + names[i];
    note = policy::CiteRules(pack, fmt::format("{}: {} {} open to {}, so only they and their team "
                                               "managers may work on this contact (HCR-5).",
                                               why, children, names.size() == 1 ? "is" : "are", who));
  } else if (!cases.open.empty()) {
    note = std::string(why) + ": " + OpenCasesNote(pack, cases);
  } else {
    note = std::string(why) + ": no child on this contact is open to a team, so the front door screens and "
                              "decides on it.";
  }
  const auto team = holder ? holder->team_id : contact.allocated_user_id ? FrontDoorTeam(tx, ctx) : contact.team_id;
  store::SetCaseHolder(tx, contact.id, holder_id, team ? team : contact.team_id,
                       contact.routing_note.empty() ? note : contact.routing_note + " " + note);
  // HCR-5: the worker of the child just linked hears of it at once, as at receipt.
  if (linked != cases.open.end() && linked->worker_id != contact.allocated_user_id)
    store::InsertStaffNotice(
        tx, linked->worker_id,
        holder ? fmt::format("{}Contact {} about {}, a child allocated to you, is now yours to work on",
                             contact.urgent ? "URGENT: " : "", contact.reference, linked->name)
               : fmt::format("{}Contact {} about {}, a child allocated to you: the front door screens it, as it is "
                             "also about children not open to you",
                             contact.urgent ? "URGENT: " : "", contact.reference, linked->name),
        "/contacts/" + std::to_string(contact.id), now);
  return note;
}

}  // namespace fd::app
