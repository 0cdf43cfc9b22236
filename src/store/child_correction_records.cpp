#include "store/child_correction_records.h"

#include <nlohmann/json.hpp>

namespace fd::store {
namespace {

using nlohmann::json;

std::optional<std::string> OptionalDate(const std::optional<std::chrono::year_month_day>& date) {
  if (!date) return std::nullopt;
  return FormatIsoDate(*date);
}

std::string JoinFields(const std::vector<std::string>& fields) {
  std::string out;
  for (const auto& f : fields) out += (out.empty() ? "" : ",") + f;
  return out;
}

std::vector<std::string> SplitFields(const std::string& text) {
  std::vector<std::string> out;
  std::string::size_type start = 0;
  while (start < text.size()) {
    const auto comma = text.find(',', start);
    const auto end = comma == std::string::npos ? text.size() : comma;
    if (end > start) out.push_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

}  // namespace

void UpdateContactChild(Transaction& tx, std::int64_t contact_id, int position, const Child& child) {
  tx.Execute("UPDATE contact_children SET first_names = ?, last_name = ?, date_of_birth = ?, expected_date = ?, "
             "gender = ?, address = ?, nhs_number = ? WHERE contact_id = ? AND position = ?",
             {child.first_names, child.last_name, OptionalDate(child.date_of_birth), OptionalDate(child.expected_date),
              GenderId(child.gender), child.address, child.nhs_number, contact_id, position});
}

std::int64_t InsertChildCorrection(Transaction& tx, const ChildCorrection& c) {
  json changes = json::array();
  for (const auto& f : c.changes) changes.push_back({{"field", f.field}, {"from", f.from}, {"to", f.to}});
  return tx
      .Query("INSERT INTO child_corrections (contact_id, child_position, changes, reason, corrected_by, corrected_at, "
             "link_person_id, link_differs) VALUES (?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {c.contact_id, c.child_position, changes.dump(), c.reason, c.corrected_by, FormatUtc(c.corrected_at),
              c.link_person_id, JoinFields(c.link_differs)})
      .at(0)
      .Int(0);
}

std::vector<ChildCorrection> ChildCorrectionsOf(Transaction& tx, std::int64_t contact_id) {
  std::vector<ChildCorrection> out;
  for (const auto& r : tx.Query("SELECT k.id, k.child_position, k.changes, k.reason, k.corrected_by, "
                                "COALESCE(u.display_name, ''), k.corrected_at, k.link_person_id, k.link_differs "
                                "FROM child_corrections k LEFT JOIN users u ON u.id = k.corrected_by "
                                "WHERE k.contact_id = ? ORDER BY k.id",
                                {contact_id})) {
    ChildCorrection c;
    c.id = r.Int(0);
    c.contact_id = contact_id;
    c.child_position = static_cast<int>(r.Int(1));
    for (const auto& f : json::parse(r.Text(2), nullptr, false))
      if (f.is_object())
        c.changes.push_back({f.value("field", ""), f.value("from", ""), f.value("to", "")});
    c.reason = r.Text(3);
    c.corrected_by = r.Int(4);
    c.corrected_by_name = r.Text(5);
    c.corrected_at = ParseUtc(r.Text(6)).value_or(Instant{});
    c.link_person_id = r.OptionalInt(7);
    c.link_differs = SplitFields(r.Text(8));
    out.push_back(std::move(c));
  }
  return out;
}

void MarkRecordChecksOnEarlierDetails(Transaction& tx, std::int64_t contact_id, int position, Instant at) {
  // The first correction after a check is when it stopped answering for the details.
  tx.Execute("INSERT INTO record_checks_before_correction (record_check_id, contact_id, corrected_at) "
             "SELECT r.id, r.contact_id, ? FROM record_checks r WHERE r.contact_id = ? AND r.child_position = ? "
             "AND NOT EXISTS (SELECT 1 FROM record_checks_before_correction f WHERE f.record_check_id = r.id)",
             {FormatUtc(at), contact_id, position});
}

void ClearLinkToCheck(Transaction& tx, std::int64_t contact_id, int position) {
  tx.Execute("UPDATE child_corrections SET link_person_id = NULL, link_differs = '' "
             "WHERE contact_id = ? AND child_position = ? AND link_person_id IS NOT NULL",
             {contact_id, position});
}

}  // namespace fd::store
