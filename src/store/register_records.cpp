#include "store/register_records.h"

#include <algorithm>
#include <cctype>
#include <chrono>

#include <nlohmann/json.hpp>

#include "domain/instant.h"
#include "store/people_records.h"

namespace fd::store {
namespace {

using nlohmann::json;

constexpr const char* kPersonFields =
    "p.id, p.first_names, p.last_name, p.date_of_birth, p.expected_date, p.gender, p.nhs_number, p.postcode, "
    "p.household, p.is_child, p.open_case, p.allocated_user_id, p.team_id, p.child_protection_plan, p.looked_after, "
    "p.known_history, p.restricted, p.restricted_ask, p.merged_into, p.created_at";
const std::string kPersonColumns = std::string("SELECT ") + kPersonFields + " FROM people p ";

RegisterPerson PersonFromRow(const Row& r) {
  RegisterPerson p;
  p.id = r.Int(0);
  p.first_names = r.Text(1);
  p.last_name = r.Text(2);
  p.date_of_birth = r.OptionalText(3);
  p.expected_date = r.OptionalText(4);
  p.gender = r.Text(5);
  p.nhs_number = r.Text(6);
  p.postcode = r.Text(7);
  p.household = r.Text(8);
  p.is_child = r.Int(9) != 0;
  p.open_case = r.Int(10) != 0;
  p.allocated_user_id = r.OptionalInt(11);
  p.team_id = r.OptionalInt(12);
  p.child_protection_plan = r.Int(13) != 0;
  p.looked_after = r.Int(14) != 0;
  p.known_history = r.Text(15);
  p.restricted = r.Int(16) != 0;
  p.restricted_ask = r.Text(17);
  p.merged_into = r.OptionalInt(18);
  p.created_at = r.Text(19);
  return p;
}

constexpr const char* kNameColumns =
    "SELECT id, person_id, kind, first_names, last_name, from_date, to_date FROM person_names ";

PersonName NameFromRow(const Row& r) {
  return {r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.Text(4), r.OptionalText(5), r.OptionalText(6)};
}

constexpr const char* kAddressColumns = "SELECT id, person_id, address, postcode, from_date, to_date FROM person_addresses ";
// Current addresses first, then the most recent.
constexpr const char* kAddressOrder =
    "ORDER BY (CASE WHEN to_date IS NULL OR to_date = '' THEN 0 ELSE 1 END), COALESCE(from_date, '') DESC, id DESC";

PersonAddress AddressFromRow(const Row& r) {
  return {r.Int(0), r.Int(1), r.Text(2), r.Text(3), r.OptionalText(4), r.OptionalText(5)};
}

constexpr const char* kInvolvementColumns =
    "SELECT i.id, i.person_id, i.kind, i.started_on, i.ended_on, i.allocated_user_id, i.team_id, i.reference, "
    "i.summary, COALESCE(u.display_name, ''), COALESCE(t.name, '') FROM involvements i "
    "LEFT JOIN users u ON u.id = i.allocated_user_id LEFT JOIN teams t ON t.id = i.team_id ";

Involvement InvolvementFromRow(const Row& r) {
  Involvement i;
  i.id = r.Int(0);
  i.person_id = r.Int(1);
  i.kind = r.Text(2);
  i.started_on = r.Text(3);
  i.ended_on = r.OptionalText(4);
  if (i.ended_on && i.ended_on->empty()) i.ended_on.reset();
  i.allocated_user_id = r.OptionalInt(5);
  i.team_id = r.OptionalInt(6);
  i.reference = r.Text(7);
  i.summary = r.Text(8);
  i.allocated_name = r.Text(9);
  i.team_name = r.Text(10);
  return i;
}

std::string Now() {
  return FormatUtc(std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()));
}

// "(?, ?, ?)" for n values; the values themselves are always bound.
std::string Placeholders(std::size_t n) {
  std::string s = "(";
  for (std::size_t i = 0; i < n; ++i) s += i ? ", ?" : "?";
  return s + ")";
}

std::vector<std::int64_t> Ids(Transaction& tx, const std::string& sql, const Params& params) {
  std::vector<std::int64_t> out;
  for (const auto& row : tx.Query(sql, params)) out.push_back(row.Int(0));
  return out;
}

// How many of `ids` in `table` have `column` = `owner`. `table` and `column` are constants of this file.
std::int64_t CountOwned(Transaction& tx, const char* table, const char* column, const std::vector<std::int64_t>& ids,
                        std::int64_t owner) {
  if (ids.empty()) return 0;
  Params params{owner};
  for (auto id : ids) params.emplace_back(id);
  // sql-scan: allow table and column are constants of this file; values are bound
  return tx.Query(std::string("SELECT COUNT(*) FROM ") + table + " WHERE " + column + " = ? AND id IN " +
                      Placeholders(ids.size()),
                  params)
      .at(0)
      .Int(0);
}

// Sets `column` of the rows `ids` in `table` from `from` to `to`. Constants as above.
void Repoint(Transaction& tx, const char* table, const char* column, const std::vector<std::int64_t>& ids,
             std::int64_t from, std::int64_t to) {
  if (ids.empty()) return;
  Params params{to, from};
  for (auto id : ids) params.emplace_back(id);
  // sql-scan: allow table and column are constants of this file; values are bound
  tx.Execute(std::string("UPDATE ") + table + " SET " + column + " = ? WHERE " + column + " = ? AND id IN " +
                 Placeholders(ids.size()),
             params);
}

CaseSummary SummaryOf(const RegisterPerson& p) {
  return {p.open_case, p.allocated_user_id, p.team_id, p.child_protection_plan, p.looked_after};
}

std::string Lower(std::string s) {
  std::transform(s.begin(), s.end(), s.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return s;
}

// Two ways of writing one address compare equal: letters and digits only, lower case, without the
// postcode at the end ("12 Orchard Way, Exampleton EX1 2AB" = "12 orchard way exampleton").
std::string AddressKey(const std::string& address, const std::string& postcode) {
  std::string key;
  for (unsigned char c : address)
    if (std::isalnum(c)) key += static_cast<char>(std::tolower(c));
  const std::string pc = Lower(postcode);
  if (!pc.empty() && key.size() >= pc.size() && key.compare(key.size() - pc.size(), pc.size(), pc) == 0)
    key.erase(key.size() - pc.size());
  return key;
}

json OptionalIdJson(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }
std::optional<std::int64_t> OptionalIdFrom(const json& v) {
  if (v.is_number_integer()) return v.get<std::int64_t>();
  return std::nullopt;
}

}  // namespace

bool IsSymmetricRelationship(const std::string& kind) {
  return kind == "sibling" || kind == "half_sibling" || kind == "household_member";
}

// --- reading ---------------------------------------------------------------------------------------

std::optional<RegisterPerson> FindRegisterPerson(Transaction& tx, std::int64_t id) {
  auto rows = tx.Query(std::string(kPersonColumns) + "WHERE p.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return PersonFromRow(rows[0]);
}

std::vector<RegisterPerson> FindRegisterPeople(Transaction& tx, const std::vector<std::int64_t>& ids) {
  std::vector<RegisterPerson> out;
  if (ids.empty()) return out;
  Params params;
  for (auto id : ids) params.emplace_back(id);
  for (const auto& row : tx.Query(std::string(kPersonColumns) + "WHERE p.id IN " + Placeholders(ids.size()) +
                                      " ORDER BY p.id",
                                  params))
    out.push_back(PersonFromRow(row));
  return out;
}

std::optional<PersonWhole> ReadPersonWhole(Transaction& tx, std::int64_t id) {
  auto person = FindRegisterPerson(tx, id);
  if (!person) return std::nullopt;
  PersonWhole w;
  w.person = std::move(*person);
  for (const auto& row : tx.Query(std::string(kNameColumns) + "WHERE person_id = ? ORDER BY COALESCE(from_date, ''), id", {id}))
    w.names.push_back(NameFromRow(row));
  for (const auto& row : tx.Query(std::string(kAddressColumns) + "WHERE person_id = ? " + kAddressOrder, {id}))
    w.addresses.push_back(AddressFromRow(row));
  w.relationships = RelationshipsOf(tx, id);
  w.involvements = InvolvementsOf(tx, id);
  w.restricted_viewers = Ids(tx, "SELECT user_id FROM restricted_viewers WHERE person_id = ? ORDER BY user_id", {id});
  for (const auto& row : tx.Query("SELECT c.id, cc.position, c.reference, c.received_at, c.state FROM contact_children cc "
                                  "JOIN contacts c ON c.id = cc.contact_id WHERE cc.person_id = ? "
                                  "ORDER BY c.received_at DESC, c.id DESC, cc.position",
                                  {id}))
    w.contacts.push_back({row.Int(0), static_cast<int>(row.Int(1)), row.Text(2), row.Text(3), row.Text(4)});
  return w;
}

std::vector<RegisterPerson> HouseholdOf(Transaction& tx, const RegisterPerson& person,
                                        const std::optional<PersonAddress>& current_address) {
  std::vector<RegisterPerson> out;
  if (!person.household.empty())
    for (const auto& row : tx.Query(std::string(kPersonColumns) +
                                        "WHERE p.household = ? AND p.id <> ? AND p.merged_into IS NULL ORDER BY p.id",
                                    {person.household, person.id}))
      out.push_back(PersonFromRow(row));
  if (current_address && !current_address->postcode.empty()) {
    const std::string key = AddressKey(current_address->address, current_address->postcode);
    for (const auto& row : tx.Query(std::string("SELECT ") + kPersonFields + ", a.address FROM people p " +
                                        "JOIN person_addresses a ON a.person_id = p.id WHERE a.postcode = ? AND "
                                        "(a.to_date IS NULL OR a.to_date = '') AND p.id <> ? AND p.merged_into IS NULL "
                                        "ORDER BY p.id",
                                    {current_address->postcode, person.id})) {
      if (AddressKey(row.Text(20), current_address->postcode) != key) continue;
      RegisterPerson p = PersonFromRow(row);
      if (std::none_of(out.begin(), out.end(), [&](const RegisterPerson& o) { return o.id == p.id; }))
        out.push_back(std::move(p));
    }
  }
  std::sort(out.begin(), out.end(), [](const RegisterPerson& a, const RegisterPerson& b) { return a.id < b.id; });
  return out;
}

std::optional<std::string> HouseholdKeyAt(Transaction& tx, const std::string& address, const std::string& postcode,
                                          std::int64_t except_person_id) {
  if (address.empty() || postcode.empty()) return std::nullopt;
  const std::string key = AddressKey(address, postcode);
  for (const auto& row : tx.Query(
           "SELECT p.household, a.address FROM people p JOIN person_addresses a ON a.person_id = p.id "
           "WHERE p.id <> ? AND p.merged_into IS NULL AND p.household <> '' AND (a.to_date IS NULL OR a.to_date = '') "
           "AND a.postcode = ? ORDER BY p.id",
           {except_person_id, postcode}))
    if (AddressKey(row.Text(1), postcode) == key) return row.Text(0);
  return std::nullopt;
}

std::optional<Involvement> FindInvolvement(Transaction& tx, std::int64_t id) {
  auto rows = tx.Query(std::string(kInvolvementColumns) + "WHERE i.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return InvolvementFromRow(rows[0]);
}

std::vector<Involvement> InvolvementsOf(Transaction& tx, std::int64_t person_id) {
  std::vector<Involvement> out;
  for (const auto& row :
       tx.Query(std::string(kInvolvementColumns) + "WHERE i.person_id = ? ORDER BY i.started_on DESC, i.id DESC", {person_id}))
    out.push_back(InvolvementFromRow(row));
  return out;
}

std::int64_t CountInvolvements(Transaction& tx, std::int64_t person_id) {
  return tx.Query("SELECT COUNT(*) FROM involvements WHERE person_id = ?", {person_id}).at(0).Int(0);
}

std::vector<Relationship> RelationshipsOf(Transaction& tx, std::int64_t person_id) {
  std::vector<Relationship> out;
  for (const auto& row : tx.Query("SELECT id, person_id, related_person_id, kind, from_date, to_date FROM relationships "
                                  "WHERE person_id = ? OR related_person_id = ? ORDER BY id",
                                  {person_id, person_id}))
    out.push_back({row.Int(0), row.Int(1), row.Int(2), row.Text(3), row.OptionalText(4), row.OptionalText(5)});
  return out;
}

std::optional<std::int64_t> PersonWithNhsNumber(Transaction& tx, const std::string& nhs_number, std::int64_t except_id) {
  if (nhs_number.empty()) return std::nullopt;
  auto rows = tx.Query("SELECT id FROM people WHERE nhs_number = ? AND id <> ? AND merged_into IS NULL ORDER BY id LIMIT 1",
                       {nhs_number, except_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].Int(0);
}

std::optional<std::string> TeamName(Transaction& tx, std::int64_t team_id) {
  auto rows = tx.Query("SELECT name FROM teams WHERE id = ?", {team_id});
  if (rows.empty()) return std::nullopt;
  return rows[0].Text(0);
}

bool IsRestrictedViewer(Transaction& tx, std::int64_t person_id, std::int64_t user_id) {
  return !tx.Query("SELECT 1 FROM restricted_viewers WHERE person_id = ? AND user_id = ?", {person_id, user_id}).empty();
}

bool HasRelationship(Transaction& tx, std::int64_t person_id, std::int64_t related_person_id, const std::string& kind) {
  if (IsSymmetricRelationship(kind))
    return !tx.Query("SELECT 1 FROM relationships WHERE kind = ? AND ((person_id = ? AND related_person_id = ?) OR "
                     "(person_id = ? AND related_person_id = ?))",
                     {kind, person_id, related_person_id, related_person_id, person_id})
                .empty();
  return !tx.Query("SELECT 1 FROM relationships WHERE kind = ? AND person_id = ? AND related_person_id = ?",
                   {kind, person_id, related_person_id})
              .empty();
}

std::vector<RegisterEntry> ListRegisterPage(Transaction& tx, std::int64_t after_id, int limit) {
  std::vector<RegisterEntry> out;
  for (const auto& row : tx.Query(std::string(kPersonColumns) + "WHERE p.id > ? ORDER BY p.id LIMIT ?", {after_id, limit}))
    out.push_back({PersonFromRow(row), {}, {}});
  if (out.empty()) return out;
  // The page is an id range, so its names and addresses come in two range queries.
  const std::int64_t first = out.front().person.id, last = out.back().person.id;
  std::size_t at = 0;
  auto entry_of = [&](std::int64_t person_id) -> RegisterEntry* {
    while (at < out.size() && out[at].person.id < person_id) ++at;
    return at < out.size() && out[at].person.id == person_id ? &out[at] : nullptr;
  };
  for (const auto& row :
       tx.Query(std::string(kNameColumns) + "WHERE person_id BETWEEN ? AND ? ORDER BY person_id, id", {first, last}))
    if (auto* e = entry_of(row.Int(1))) e->names.push_back(NameFromRow(row));
  at = 0;
  for (const auto& row :
       tx.Query(std::string(kAddressColumns) + "WHERE person_id BETWEEN ? AND ? ORDER BY person_id, id", {first, last}))
    if (auto* e = entry_of(row.Int(1))) e->addresses.push_back(AddressFromRow(row));
  return out;
}

// --- writing ---------------------------------------------------------------------------------------

std::int64_t InsertRegisterPerson(Transaction& tx, const RegisterPerson& p) {
  const std::int64_t id =
      tx.Query("INSERT INTO people (first_names, last_name, date_of_birth, expected_date, gender, nhs_number, postcode, "
               "household, is_child, open_case, allocated_user_id, team_id, child_protection_plan, looked_after, "
               "known_history, restricted, restricted_ask, merged_into, created_at) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {p.first_names, p.last_name, p.date_of_birth, p.expected_date, p.gender, p.nhs_number, p.postcode,
                p.household, p.is_child, p.open_case, p.allocated_user_id, p.team_id, p.child_protection_plan,
                p.looked_after, p.known_history, p.restricted, p.restricted_ask, p.merged_into,
                p.created_at.empty() ? Now() : p.created_at})
          .at(0)
          .Int(0);
  NotePersonChanged(tx, id);
  return id;
}

std::int64_t InsertPersonName(Transaction& tx, const PersonName& n) {
  const std::int64_t id = tx.Query("INSERT INTO person_names (person_id, kind, first_names, last_name, from_date, to_date) "
                                   "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
                                   {n.person_id, n.kind, n.first_names, n.last_name, n.from_date, n.to_date})
                              .at(0)
                              .Int(0);
  NotePersonChanged(tx, n.person_id);
  return id;
}

std::int64_t InsertPersonAddress(Transaction& tx, const PersonAddress& a) {
  const std::int64_t id = tx.Query("INSERT INTO person_addresses (person_id, address, postcode, from_date, to_date) "
                                   "VALUES (?, ?, ?, ?, ?) RETURNING id",
                                   {a.person_id, a.address, a.postcode, a.from_date, a.to_date})
                              .at(0)
                              .Int(0);
  NotePersonChanged(tx, a.person_id);
  return id;
}

std::int64_t CloseCurrentAddresses(Transaction& tx, std::int64_t person_id, const std::string& to_date) {
  const auto n = tx.Execute(
      "UPDATE person_addresses SET to_date = ? WHERE person_id = ? AND (to_date IS NULL OR to_date = '')",
      {to_date, person_id});
  if (n > 0) NotePersonChanged(tx, person_id);
  return n;
}

void UpdateHome(Transaction& tx, std::int64_t person_id, const std::string& postcode, const std::string& household) {
  tx.Execute("UPDATE people SET postcode = ?, household = ? WHERE id = ?", {postcode, household, person_id});
  NotePersonChanged(tx, person_id);
}

std::int64_t InsertRelationship(Transaction& tx, const Relationship& r) {
  const std::int64_t id =
      tx.Query("INSERT INTO relationships (person_id, related_person_id, kind, from_date, to_date) "
               "VALUES (?, ?, ?, ?, ?) RETURNING id",
               {r.person_id, r.related_person_id, r.kind, r.from_date, r.to_date})
          .at(0)
          .Int(0);
  NotePersonChanged(tx, r.person_id);
  NotePersonChanged(tx, r.related_person_id);
  return id;
}

std::int64_t InsertInvolvement(Transaction& tx, const Involvement& i) {
  const std::int64_t id =
      tx.Query("INSERT INTO involvements (person_id, kind, started_on, ended_on, allocated_user_id, team_id, reference, "
               "summary) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {i.person_id, i.kind, i.started_on, i.ended_on, i.allocated_user_id, i.team_id, i.reference, i.summary})
          .at(0)
          .Int(0);
  NotePersonChanged(tx, i.person_id);
  return id;
}

bool EndInvolvement(Transaction& tx, std::int64_t id, const std::string& ended_on) {
  auto rows = tx.Query("SELECT person_id FROM involvements WHERE id = ? AND (ended_on IS NULL OR ended_on = '')", {id});
  if (rows.empty()) return false;
  tx.Execute("UPDATE involvements SET ended_on = ? WHERE id = ?", {ended_on, id});
  NotePersonChanged(tx, rows[0].Int(0));
  return true;
}

void UpdateCaseSummary(Transaction& tx, std::int64_t person_id, const CaseSummary& s) {
  tx.Execute("UPDATE people SET open_case = ?, allocated_user_id = ?, team_id = ?, child_protection_plan = ?, "
             "looked_after = ? WHERE id = ?",
             {s.open_case, s.allocated_user_id, s.team_id, s.child_protection_plan, s.looked_after, person_id});
  NotePersonChanged(tx, person_id);
}

void SetRestriction(Transaction& tx, std::int64_t person_id, bool restricted, const std::string& ask,
                    const std::vector<std::int64_t>& viewers) {
  tx.Execute("UPDATE people SET restricted = ?, restricted_ask = ? WHERE id = ?", {restricted, ask, person_id});
  tx.Execute("DELETE FROM restricted_viewers WHERE person_id = ?", {person_id});
  for (auto user : viewers)
    tx.Execute("INSERT INTO restricted_viewers (person_id, user_id) VALUES (?, ?)", {person_id, user});
  NotePersonChanged(tx, person_id);
}

bool LinkContactChild(Transaction& tx, std::int64_t contact_id, int position, std::int64_t person_id) {
  const auto n = tx.Execute("UPDATE contact_children SET person_id = ? WHERE contact_id = ? AND position = ?",
                            {person_id, contact_id, position});
  if (n == 0) return false;
  NotePersonChanged(tx, person_id);
  return true;
}

std::vector<std::optional<std::int64_t>> ContactChildPeople(Transaction& tx, std::int64_t contact_id) {
  std::vector<std::optional<std::int64_t>> out;
  for (const auto& row :
       tx.Query("SELECT position, person_id FROM contact_children WHERE contact_id = ? ORDER BY position", {contact_id})) {
    const auto position = static_cast<std::size_t>(row.Int(0));
    if (out.size() <= position) out.resize(position + 1);
    out[position] = row.OptionalInt(1);
  }
  return out;
}

// --- merging ---------------------------------------------------------------------------------------

std::string MovedRowsToJson(const MovedRows& m) {
  json pairs = json::array();
  for (const auto& [contact, position] : m.contact_children) pairs.push_back({contact, position});
  return json{{"names", m.names},
              {"addresses", m.addresses},
              {"involvements", m.involvements},
              {"relationships_from", m.relationships_from},
              {"relationships_to", m.relationships_to},
              {"contact_children", pairs},
              {"consultations", m.consultations},
              {"chair_consultations", m.chair_consultations},
              {"record_checks", m.record_checks},
              {"added_names", m.added_names},
              {"related_people", m.related_people},
              {"kept_summary",
               {{"open_case", m.kept_summary.open_case},
                {"allocated_user_id", OptionalIdJson(m.kept_summary.allocated_user_id)},
                {"team_id", OptionalIdJson(m.kept_summary.team_id)},
                {"child_protection_plan", m.kept_summary.child_protection_plan},
                {"looked_after", m.kept_summary.looked_after}}}}
      .dump();
}

MovedRows MovedRowsFromJson(const std::string& text) {
  const json j = json::parse(text);
  MovedRows m;
  auto ids = [&](const char* key) { return j.value(key, std::vector<std::int64_t>{}); };
  m.names = ids("names");
  m.addresses = ids("addresses");
  m.involvements = ids("involvements");
  m.relationships_from = ids("relationships_from");
  m.relationships_to = ids("relationships_to");
  m.consultations = ids("consultations");
  m.chair_consultations = ids("chair_consultations");
  m.record_checks = ids("record_checks");
  m.added_names = ids("added_names");
  m.related_people = ids("related_people");
  for (const auto& pair : j.value("contact_children", json::array()))
    m.contact_children.emplace_back(pair.at(0).get<std::int64_t>(), pair.at(1).get<int>());
  const json s = j.value("kept_summary", json::object());
  m.kept_summary = {s.value("open_case", false), OptionalIdFrom(s.value("allocated_user_id", json())),
                    OptionalIdFrom(s.value("team_id", json())), s.value("child_protection_plan", false),
                    s.value("looked_after", false)};
  return m;
}

MovedRows MoveToKept(Transaction& tx, std::int64_t kept, std::int64_t merged) {
  MovedRows m;
  const auto kept_person = FindRegisterPerson(tx, kept);
  const auto merged_person = FindRegisterPerson(tx, merged);
  if (kept_person) m.kept_summary = SummaryOf(*kept_person);

  m.names = Ids(tx, "SELECT id FROM person_names WHERE person_id = ? ORDER BY id", {merged});
  Repoint(tx, "person_names", "person_id", m.names, merged, kept);
  m.addresses = Ids(tx, "SELECT id FROM person_addresses WHERE person_id = ? ORDER BY id", {merged});
  Repoint(tx, "person_addresses", "person_id", m.addresses, merged, kept);
  m.involvements = Ids(tx, "SELECT id FROM involvements WHERE person_id = ? ORDER BY id", {merged});
  Repoint(tx, "involvements", "person_id", m.involvements, merged, kept);

  // A relationship between the two records would become the kept person's relationship with
  // themselves, and one the kept record already has would appear twice: both stay where they are.
  for (const auto& row : tx.Query("SELECT id, related_person_id, kind FROM relationships WHERE person_id = ? ORDER BY id",
                                  {merged})) {
    const std::int64_t other = row.Int(1);
    if (other == kept || HasRelationship(tx, kept, other, row.Text(2))) continue;
    tx.Execute("UPDATE relationships SET person_id = ? WHERE id = ?", {kept, row.Int(0)});
    m.relationships_from.push_back(row.Int(0));
    m.related_people.push_back(other);
  }
  for (const auto& row : tx.Query("SELECT id, person_id, kind FROM relationships WHERE related_person_id = ? ORDER BY id",
                                  {merged})) {
    const std::int64_t other = row.Int(1);
    if (other == kept || HasRelationship(tx, other, kept, row.Text(2))) continue;
    tx.Execute("UPDATE relationships SET related_person_id = ? WHERE id = ?", {kept, row.Int(0)});
    m.relationships_to.push_back(row.Int(0));
    m.related_people.push_back(other);
  }

  for (const auto& row :
       tx.Query("SELECT contact_id, position FROM contact_children WHERE person_id = ? ORDER BY contact_id, position", {merged}))
    m.contact_children.emplace_back(row.Int(0), static_cast<int>(row.Int(1)));
  tx.Execute("UPDATE contact_children SET person_id = ? WHERE person_id = ?", {kept, merged});
  m.consultations = Ids(tx, "SELECT id FROM consultations WHERE person_id = ? ORDER BY id", {merged});
  Repoint(tx, "consultations", "person_id", m.consultations, merged, kept);
  m.chair_consultations = Ids(tx, "SELECT id FROM chair_consultations WHERE person_id = ? ORDER BY id", {merged});
  Repoint(tx, "chair_consultations", "person_id", m.chair_consultations, merged, kept);
  m.record_checks = Ids(tx, "SELECT id FROM record_checks WHERE person_id = ? ORDER BY id", {merged});
  Repoint(tx, "record_checks", "person_id", m.record_checks, merged, kept);

  // The merged record's own name stays findable on the kept one, unless it already is.
  if (kept_person && merged_person) {
    auto same = [&](const std::string& first, const std::string& last) {
      return Lower(first) == Lower(merged_person->first_names) && Lower(last) == Lower(merged_person->last_name);
    };
    bool known = same(kept_person->first_names, kept_person->last_name);
    for (const auto& row : tx.Query("SELECT first_names, last_name FROM person_names WHERE person_id = ?", {kept}))
      known |= same(row.Text(0), row.Text(1));
    if (!known)
      m.added_names.push_back(InsertPersonName(
          tx, {0, kept, "alternative", merged_person->first_names, merged_person->last_name, std::nullopt, std::nullopt}));
  }

  tx.Execute("UPDATE people SET merged_into = ? WHERE id = ?", {kept, merged});
  NotePersonChanged(tx, kept);
  NotePersonChanged(tx, merged);
  std::sort(m.related_people.begin(), m.related_people.end());
  m.related_people.erase(std::unique(m.related_people.begin(), m.related_people.end()), m.related_people.end());
  for (auto other : m.related_people) NotePersonChanged(tx, other);
  return m;
}

bool StillWithKept(Transaction& tx, std::int64_t kept, const MovedRows& m) {
  auto all = [&](const char* table, const char* column, const std::vector<std::int64_t>& ids) {
    return CountOwned(tx, table, column, ids, kept) == static_cast<std::int64_t>(ids.size());
  };
  if (!all("person_names", "person_id", m.names) || !all("person_names", "person_id", m.added_names) ||
      !all("person_addresses", "person_id", m.addresses) || !all("involvements", "person_id", m.involvements) ||
      !all("relationships", "person_id", m.relationships_from) ||
      !all("relationships", "related_person_id", m.relationships_to) ||
      !all("consultations", "person_id", m.consultations) ||
      !all("chair_consultations", "person_id", m.chair_consultations) ||
      !all("record_checks", "person_id", m.record_checks))
    return false;
  for (const auto& [contact, position] : m.contact_children)
    if (tx.Query("SELECT 1 FROM contact_children WHERE contact_id = ? AND position = ? AND person_id = ?",
                 {contact, position, kept})
            .empty())
      return false;
  return true;
}

void MoveBack(Transaction& tx, std::int64_t kept, std::int64_t merged, const MovedRows& m) {
  Repoint(tx, "person_names", "person_id", m.names, kept, merged);
  Repoint(tx, "person_addresses", "person_id", m.addresses, kept, merged);
  Repoint(tx, "involvements", "person_id", m.involvements, kept, merged);
  Repoint(tx, "relationships", "person_id", m.relationships_from, kept, merged);
  Repoint(tx, "relationships", "related_person_id", m.relationships_to, kept, merged);
  for (const auto& [contact, position] : m.contact_children)
    tx.Execute("UPDATE contact_children SET person_id = ? WHERE contact_id = ? AND position = ? AND person_id = ?",
               {merged, contact, position, kept});
  Repoint(tx, "consultations", "person_id", m.consultations, kept, merged);
  Repoint(tx, "chair_consultations", "person_id", m.chair_consultations, kept, merged);
  Repoint(tx, "record_checks", "person_id", m.record_checks, kept, merged);
  for (auto id : m.added_names) tx.Execute("DELETE FROM person_names WHERE id = ? AND person_id = ?", {id, kept});
  tx.Execute("UPDATE people SET merged_into = NULL WHERE id = ?", {merged});
  NotePersonChanged(tx, kept);
  NotePersonChanged(tx, merged);
  for (auto other : m.related_people) NotePersonChanged(tx, other);
}

std::int64_t InsertMerge(Transaction& tx, const PersonMerge& merge) {
  return tx
      .Query("INSERT INTO person_merges (kept_person_id, merged_person_id, reason, moved, merged_by, merged_at) "
             "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
             {merge.kept_person_id, merge.merged_person_id, merge.reason, MovedRowsToJson(merge.moved), merge.merged_by,
              merge.merged_at})
      .at(0)
      .Int(0);
}

namespace {

constexpr const char* kMergeColumns =
    "SELECT m.id, m.kept_person_id, m.merged_person_id, m.reason, m.moved, m.merged_by, m.merged_at, m.undone_by, "
    "m.undone_at, COALESCE(a.display_name, ''), COALESCE(b.display_name, '') FROM person_merges m "
    "LEFT JOIN users a ON a.id = m.merged_by LEFT JOIN users b ON b.id = m.undone_by ";

PersonMerge MergeFromRow(const Row& r) {
  PersonMerge m;
  m.id = r.Int(0);
  m.kept_person_id = r.Int(1);
  m.merged_person_id = r.Int(2);
  m.reason = r.Text(3);
  m.moved = MovedRowsFromJson(r.Text(4));
  m.merged_by = r.Int(5);
  m.merged_at = r.Text(6);
  m.undone_by = r.OptionalInt(7);
  m.undone_at = r.OptionalText(8);
  m.merged_by_name = r.Text(9);
  m.undone_by_name = r.Text(10);
  return m;
}

}  // namespace

std::optional<PersonMerge> FindMerge(Transaction& tx, std::int64_t id) {
  auto rows = tx.Query(std::string(kMergeColumns) + "WHERE m.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  return MergeFromRow(rows[0]);
}

std::vector<PersonMerge> MergesOf(Transaction& tx, std::int64_t person_id) {
  std::vector<PersonMerge> out;
  for (const auto& row : tx.Query(std::string(kMergeColumns) +
                                      "WHERE m.kept_person_id = ? OR m.merged_person_id = ? ORDER BY m.id DESC",
                                  {person_id, person_id}))
    out.push_back(MergeFromRow(row));
  return out;
}

bool MarkMergeUndone(Transaction& tx, std::int64_t id, std::int64_t by, const std::string& at) {
  return tx.Execute("UPDATE person_merges SET undone_by = ?, undone_at = ? WHERE id = ? AND undone_at IS NULL",
                    {by, at, id}) == 1;
}

}  // namespace fd::store
