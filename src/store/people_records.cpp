#include "store/people_records.h"

#include <chrono>

#include "domain/instant.h"

namespace fd::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, first_names, last_name, date_of_birth, nhs_number, household, is_child, open_case, "
    "allocated_user_id, team_id, child_protection_plan, looked_after, known_history FROM people ";

PersonRecord FromRow(const Row& r) {
  PersonRecord p;
  p.id = r.Int(0);
  p.first_names = r.Text(1);
  p.last_name = r.Text(2);
  p.date_of_birth = r.OptionalText(3);
  p.nhs_number = r.Text(4);
  p.household = r.Text(5);
  p.is_child = r.Int(6) != 0;
  p.open_case = r.Int(7) != 0;
  p.allocated_user_id = r.OptionalInt(8);
  p.team_id = r.OptionalInt(9);
  p.child_protection_plan = r.Int(10) != 0;
  p.looked_after = r.Int(11) != 0;
  p.known_history = r.Text(12);
  return p;
}

}  // namespace

void NotePersonChanged(Transaction& tx, std::int64_t person_id) {
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  tx.Execute("INSERT INTO person_changes (person_id, changed_at) VALUES (?, ?)", {person_id, FormatUtc(now)});
}

std::int64_t InsertPerson(Transaction& tx, const PersonRecord& p) {
  const std::int64_t id = tx
      .Query("INSERT INTO people (first_names, last_name, date_of_birth, nhs_number, household, is_child, open_case, "
             "allocated_user_id, team_id, child_protection_plan, looked_after, known_history) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {p.first_names, p.last_name, p.date_of_birth, p.nhs_number, p.household, p.is_child, p.open_case,
              p.allocated_user_id, p.team_id, p.child_protection_plan, p.looked_after, p.known_history})
      .at(0)
      .Int(0);
  NotePersonChanged(tx, id);
  return id;
}

std::vector<PersonRecord> FindExactMatches(Transaction& tx, const std::string& first_names, const std::string& last_name,
                                           const std::optional<std::string>& date_of_birth,
                                           const std::string& nhs_number) {
  std::vector<PersonRecord> out;
  if (!nhs_number.empty())
    for (const auto& row :
         tx.Query(std::string(kColumns) + "WHERE nhs_number = ? AND merged_into IS NULL ORDER BY id", {nhs_number}))
      out.push_back(FromRow(row));
  if (date_of_birth && !last_name.empty())
    for (const auto& row : tx.Query(std::string(kColumns) +
                                        "WHERE merged_into IS NULL AND LOWER(last_name) = LOWER(?) AND LOWER(first_names) = LOWER(?) "
                                        "AND date_of_birth = ? ORDER BY id",
                                    {last_name, first_names, *date_of_birth})) {
      PersonRecord p = FromRow(row);
      bool seen = false;
      for (const auto& o : out) seen |= o.id == p.id;
      if (!seen) out.push_back(std::move(p));
    }
  return out;
}

std::optional<PersonRecord> FindPerson(Transaction& tx, std::int64_t id) {
  const auto rows = tx.Query(std::string(kColumns) + "WHERE id = ? AND merged_into IS NULL", {id});
  if (rows.empty()) return std::nullopt;
  return FromRow(rows.front());
}

std::vector<PersonRecord> HouseholdMembers(Transaction& tx, const std::string& household, std::int64_t except_id) {
  std::vector<PersonRecord> out;
  if (household.empty()) return out;
  for (const auto& row :
       tx.Query(std::string(kColumns) + "WHERE household = ? AND id <> ? AND merged_into IS NULL ORDER BY is_child DESC, id",
                {household, except_id}))
    out.push_back(FromRow(row));
  return out;
}

}  // namespace fd::store
