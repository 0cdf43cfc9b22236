#include "store/disclosure_records.h"

#include <algorithm>
#include <set>

#include <nlohmann/json.hpp>

namespace fd::store {
namespace {

// One disclosure by id (the listings find ids first, then read each row).
std::vector<Row> ReadOne(Transaction& tx, std::int64_t id) {
  return tx.Query(
    "SELECT d.id, d.direction, d.items, d.counterpart_kind, d.counterpart, d.lawful_basis, d.policy_version, "
    "d.authorised_by, d.recorded_by, d.disclosed_at, d.cause_kind, d.cause_id, d.detail, "
    "COALESCE(au.display_name, ''), COALESCE(rb.display_name, '') FROM disclosures d "
    "LEFT JOIN users au ON au.id = d.authorised_by LEFT JOIN users rb ON rb.id = d.recorded_by "
    "WHERE d.id = ?",
    {id});
}

std::vector<std::string> ItemsFrom(const std::string& text) {
  std::vector<std::string> out;
  const auto parsed = nlohmann::json::parse(text, nullptr, false);
  if (parsed.is_array())
    for (const auto& item : parsed)
      if (item.is_string()) out.push_back(item.get<std::string>());
  return out;
}

DisclosureRow FromRow(const Row& row) {
  DisclosureRow d;
  d.id = row.Int(0);
  d.direction = row.Text(1);
  d.items = ItemsFrom(row.Text(2));
  d.counterpart_kind = row.Text(3);
  d.counterpart = row.Text(4);
  d.lawful_basis = row.Text(5);
  d.policy_version = row.Text(6);
  d.authorised_by = row.OptionalInt(7);
  d.recorded_by = row.OptionalInt(8);
  d.disclosed_at = row.Text(9);
  d.cause_kind = row.Text(10);
  d.cause_id = row.Text(11);
  d.detail = row.Text(12);
  d.authorised_by_name = row.Text(13);
  d.recorded_by_name = row.Text(14);
  return d;
}

void ReadSubjects(Transaction& tx, DisclosureRow& d) {
  for (const auto& row : tx.Query("SELECT person_id, contact_id, child_position FROM disclosure_subjects "
                                  "WHERE disclosure_id = ? ORDER BY contact_id, child_position, person_id",
                                  {d.id}))
    d.subjects.push_back({row.OptionalInt(0), row.OptionalInt(1), row.OptionalInt(2)});
}

std::vector<DisclosureRow> ReadByIds(Transaction& tx, const std::set<std::int64_t>& ids) {
  std::vector<DisclosureRow> out;
  for (std::int64_t id : ids) {
    auto rows = ReadOne(tx, id);
    if (rows.empty()) continue;
    out.push_back(FromRow(rows.front()));
    ReadSubjects(tx, out.back());
  }
  std::sort(out.begin(), out.end(), [](const DisclosureRow& a, const DisclosureRow& b) {
    return a.disclosed_at != b.disclosed_at ? a.disclosed_at < b.disclosed_at : a.id < b.id;
  });
  return out;
}

}  // namespace

std::int64_t InsertDisclosure(Transaction& tx, const DisclosureRow& d) {
  nlohmann::json items = nlohmann::json::array();
  for (const auto& item : d.items) items.push_back(item);
  const std::int64_t id =
      tx.Query("INSERT INTO disclosures (direction, items, counterpart_kind, counterpart, lawful_basis, policy_version, "
               "authorised_by, recorded_by, disclosed_at, cause_kind, cause_id, detail) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {d.direction, items.dump(), d.counterpart_kind, d.counterpart, d.lawful_basis, d.policy_version,
                d.authorised_by, d.recorded_by, d.disclosed_at, d.cause_kind, d.cause_id, d.detail})
          .at(0)
          .Int(0);
  for (const auto& s : d.subjects)
    tx.Execute("INSERT INTO disclosure_subjects (disclosure_id, person_id, contact_id, child_position) "
               "VALUES (?, ?, ?, ?)",
               {id, s.person_id, s.contact_id, s.child_position});
  return id;
}

std::vector<DisclosureRow> DisclosuresAboutPerson(Transaction& tx, std::int64_t person_id) {
  std::set<std::int64_t> ids;
  // The person and any record merged into them: a merge makes their disclosures one person's.
  for (const auto& p : tx.Query("SELECT id FROM people WHERE id = ? OR merged_into = ?", {person_id, person_id})) {
    const std::int64_t pid = p.Int(0);
    for (const auto& row : tx.Query("SELECT disclosure_id FROM disclosure_subjects WHERE person_id = ?", {pid}))
      ids.insert(row.Int(0));
    // A contact's child linked to the person after (or before) the disclosure was made.
    for (const auto& child :
         tx.Query("SELECT contact_id, position FROM contact_children WHERE person_id = ?", {pid}))
      for (const auto& row : tx.Query("SELECT disclosure_id FROM disclosure_subjects "
                                      "WHERE contact_id = ? AND child_position = ?",
                                      {child.Int(0), child.Int(1)}))
        ids.insert(row.Int(0));
  }
  return ReadByIds(tx, ids);
}

std::vector<DisclosureRow> DisclosuresByCause(Transaction& tx, const std::string& cause_kind,
                                              const std::string& cause_id) {
  std::set<std::int64_t> ids;
  for (const auto& row :
       tx.Query("SELECT id FROM disclosures WHERE cause_kind = ? AND cause_id = ?", {cause_kind, cause_id}))
    ids.insert(row.Int(0));
  return ReadByIds(tx, ids);
}

void UnlinkDisclosuresFromContact(Transaction& tx, std::int64_t contact_id) {
  tx.Execute("UPDATE disclosure_subjects SET contact_id = NULL, child_position = NULL WHERE contact_id = ?",
             {contact_id});
}

void UnlinkDisclosuresFromPerson(Transaction& tx, std::int64_t person_id) {
  tx.Execute("UPDATE disclosure_subjects SET person_id = NULL WHERE person_id = ?", {person_id});
}

}  // namespace fd::store
