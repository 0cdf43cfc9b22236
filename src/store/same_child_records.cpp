#include "store/same_child_records.h"

namespace fd::store {
namespace {

constexpr const char* kPairFrom =
    "FROM contact_children a JOIN contact_children b ON b.contact_id <> a.contact_id AND ";

// The pairs (child of a contact asked about, another contact) that name the same child, as three
// look-ups each served by its own index; `a` is the contact asked about, `b` the other one.
// `where_a` narrows `a` and takes the parameters bound once per branch.
std::string SameChildPairs(const std::string& where_a) {
  const std::string from = kPairFrom;
  // sql-scan: allow `where_a` is "a.contact_id = ?" or an IN list of ? placeholders: values are bound
  return "SELECT a.contact_id AS asked, a.position AS position, b.contact_id AS other " + from +
         "a.person_id IS NOT NULL AND b.person_id = a.person_id WHERE " + where_a +
         " UNION SELECT a.contact_id, a.position, b.contact_id " + from +
         "a.nhs_number <> '' AND b.nhs_number = a.nhs_number WHERE " + where_a +
         " UNION SELECT a.contact_id, a.position, b.contact_id " + from +
         "a.date_of_birth IS NOT NULL AND a.last_name <> '' AND b.date_of_birth = a.date_of_birth "
         "AND LOWER(b.last_name) = LOWER(a.last_name) AND LOWER(b.first_names) = LOWER(a.first_names) WHERE " +
         where_a;
}

}  // namespace

std::vector<SameChildContact> SameChildContacts(Transaction& tx, std::int64_t contact_id, Instant since, int limit) {
  const std::string since_text = FormatUtc(since);
  // sql-scan: allow SameChildPairs holds constants and ? placeholders only
  const std::string sql = "SELECT m.position, c.id, c.reference, c.received_at, c.state, c.urgent, COALESCE(sa.user_id, s.started_by), "
      "COALESCE(u.display_name, '') FROM (" +
      SameChildPairs("a.contact_id = ?") +
      ") m JOIN contacts c ON c.id = m.other LEFT JOIN screenings s ON s.contact_id = c.id "
      "LEFT JOIN screening_allocations sa ON sa.contact_id = c.id "
      "LEFT JOIN users u ON u.id = COALESCE(sa.user_id, s.started_by) "
      "WHERE c.state NOT IN ('decided', 'duplicate') OR c.received_at >= ? OR EXISTS (SELECT 1 FROM decisions d WHERE "
      "d.contact_id = c.id AND d.status = 'authorised' AND d.decided_at >= ?) "
      "ORDER BY c.received_at, c.id, m.position LIMIT ?";
  std::vector<SameChildContact> out;
  for (const auto& r : tx.Query(sql, {contact_id, contact_id, contact_id, since_text, since_text, limit})) {
    SameChildContact s;
    s.child_position = static_cast<int>(r.Int(0));
    s.contact_id = r.Int(1);
    s.reference = r.Text(2);
    s.received_at = ParseUtc(r.Text(3)).value_or(Instant{});
    s.state = r.Text(4);
    s.urgent = r.Int(5) != 0;
    s.screening_by = r.OptionalInt(6);
    s.screening_by_name = r.Text(7);
    out.push_back(std::move(s));
  }
  return out;
}

std::set<std::int64_t> ContactsWithRepeats(Transaction& tx, const std::vector<std::int64_t>& contact_ids) {
  std::set<std::int64_t> out;
  if (contact_ids.empty()) return out;
  std::string in = "a.contact_id IN (";
  for (std::size_t i = 0; i < contact_ids.size(); ++i) in.append(i ? ",?" : "?");  // placeholders only
  in.push_back(')');
  Params params;
  for (int branch = 0; branch < 3; ++branch)
    for (auto id : contact_ids) params.emplace_back(id);
  // sql-scan: allow SameChildPairs holds constants and ? placeholders only
  const std::string sql = "SELECT DISTINCT m.asked FROM (" + SameChildPairs(in) +
                          ") m JOIN contacts c ON c.id = m.other WHERE c.state NOT IN ('decided', 'duplicate')";
  for (const auto& r : tx.Query(sql, params)) out.insert(r.Int(0));
  return out;
}

bool SharesChild(Transaction& tx, std::int64_t a, std::int64_t b) {
  // sql-scan: allow SameChildPairs holds constants and ? placeholders only
  const std::string sql = "SELECT 1 FROM (" + SameChildPairs("a.contact_id = ?") + ") m WHERE m.other = ? LIMIT 1";
  return !tx.Query(sql, {a, a, a, b}).empty();
}

}  // namespace fd::store
