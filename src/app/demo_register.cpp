#include "app/demo_register.h"

#include <stdexcept>
#include <string>

#include "store/people_records.h"
#include "store/register_records.h"
#include "store/user_records.h"

namespace fd::app {
namespace {

std::int64_t PersonNamed(store::Transaction& tx, const char* first, const char* last) {
  auto rows = tx.Query("SELECT id FROM people WHERE first_names = ? AND last_name = ? ORDER BY id LIMIT 1", {first, last});
  if (rows.empty()) throw std::runtime_error(std::string("seed-demo: ") + first + " " + last + " is not on the register");
  return rows[0].Int(0);
}

store::UserRecord User(store::Transaction& tx, const char* username) {
  auto user = store::FindUserByUsername(tx, username);
  if (!user) throw std::runtime_error(std::string("seed-demo: no demo user ") + username);
  return *user;
}

}  // namespace

void SeedDemoRegister(store::Transaction& tx) {
  const auto worker = User(tx, "worker");
  const auto manager = User(tx, "manager");
  const std::int64_t mia = PersonNamed(tx, "Mia", "Example");
  const std::int64_t sam = PersonNamed(tx, "Sam", "Example");
  const std::int64_t tia = PersonNamed(tx, "Tia", "Sample");

  // The Example family at 12 Orchard Way: Sam and Mia were "Jones" until 2021; Leo is Mia's brother.
  store::RegisterPerson leo;
  leo.first_names = "Leo";
  leo.last_name = "Example";
  leo.date_of_birth = "2020-01-30";
  leo.gender = "male";
  leo.household = "orchard-way-12";
  const std::int64_t leo_id = store::InsertRegisterPerson(tx, leo);
  const char* home = "12 Orchard Way, Exampleton EX1 2AB";
  for (auto [id, gender] : {std::pair{mia, "female"}, std::pair{tia, "female"}}) {
    tx.Execute("UPDATE people SET gender = ? WHERE id = ?", {gender, id});
    store::NotePersonChanged(tx, id);
  }
  for (auto id : {mia, sam, leo_id}) {
    store::InsertPersonAddress(tx, {0, id, home, "EX12AB", id == leo_id ? "2020-01-30" : "2021-06-01", std::nullopt});
    store::UpdateHome(tx, id, "EX12AB", "orchard-way-12");
  }
  store::InsertPersonAddress(tx, {0, mia, "3 Station Road, Exampleton EX3 1ZZ", "EX31ZZ", "2017-05-14", "2021-06-01"});
  store::InsertPersonName(tx, {0, mia, "previous", "Mia", "Jones", "2017-05-14", "2021-05-31"});
  store::InsertPersonName(tx, {0, sam, "previous", "Sam", "Jones", std::nullopt, "2021-05-31"});
  store::InsertRelationship(tx, {0, sam, mia, "parent", std::nullopt, std::nullopt});
  store::InsertRelationship(tx, {0, sam, leo_id, "parent", std::nullopt, std::nullopt});
  store::InsertRelationship(tx, {0, mia, leo_id, "sibling", std::nullopt, std::nullopt});
  store::Involvement advice;
  advice.person_id = mia;
  advice.kind = "contact";
  advice.started_on = "2024-03-04";
  advice.ended_on = "2024-03-04";
  advice.reference = "FD-2024-000311";
  advice.summary = "Information and advice";
  store::InsertInvolvement(tx, advice);

  // Tia Sample: open, on a child protection plan, allocated to the demo social worker.
  store::Involvement plan;
  plan.person_id = tia;
  plan.kind = "child_protection_plan";
  plan.started_on = "2026-01-12";
  plan.allocated_user_id = worker.id;
  plan.team_id = worker.team_id;
  plan.summary = "Neglect";
  store::InsertInvolvement(tx, plan);
  store::UpdateCaseSummary(tx, tia, {true, worker.id, worker.team_id, true, false});

  // A restricted record: only the team manager sees it; everyone else is told whom to ask.
  store::RegisterPerson ezra;
  ezra.first_names = "Ezra";
  ezra.last_name = "Quinn";
  ezra.date_of_birth = "2011-06-19";
  ezra.gender = "male";
  ezra.restricted = true;
  ezra.restricted_ask = manager.display_name + ", Front Door team manager";
  const std::int64_t ezra_id = store::InsertRegisterPerson(tx, ezra);
  store::SetRestriction(tx, ezra_id, true, ezra.restricted_ask, {manager.id});
}

}  // namespace fd::app
