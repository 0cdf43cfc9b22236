#include "store/agency_check_records.h"

namespace fd::store {
namespace {

// Every read of a request gives FromRow these columns, with the names of who asked and who answered.
constexpr const char* kSelect =
    "SELECT r.id, r.contact_id, r.agency, r.question, r.lawful_basis, r.urgency, r.requested_by, r.requested_at, "
    "r.due_at, r.deadline_id, r.answer, r.answered_by, r.answered_at, COALESCE(q.display_name, ''), "
    "COALESCE(a.display_name, ''), r.chases, r.last_chased_at FROM agency_check_requests r "
    "LEFT JOIN users q ON q.id = r.requested_by LEFT JOIN users a ON a.id = r.answered_by ";

// Column order of every request read below.
CheckRequestRow FromRow(const Row& row) {
  CheckRequestRow r;
  r.id = row.Int(0);
  r.contact_id = row.Int(1);
  r.agency = row.Text(2);
  r.question = row.Text(3);
  r.lawful_basis = row.Text(4);
  r.urgency = row.Text(5);
  r.requested_by = row.Int(6);
  r.requested_at = row.Text(7);
  r.due_at = row.OptionalText(8);
  r.deadline_id = row.OptionalInt(9);
  r.answer = row.OptionalText(10);
  r.answered_by = row.OptionalInt(11);
  r.answered_at = row.OptionalText(12);
  r.requested_by_name = row.Text(13);
  r.answered_by_name = row.Text(14);
  r.chases = row.Int(15);
  r.last_chased_at = row.OptionalText(16);
  return r;
}

void ReadSubjects(Transaction& tx, CheckRequestRow& r) {
  for (const auto& row : tx.Query("SELECT child_position, first_names, last_name, date_of_birth, address "
                                  "FROM agency_check_subjects WHERE request_id = ? ORDER BY child_position",
                                  {r.id}))
    r.subjects.push_back({row.Int(0), row.Text(1), row.Text(2), row.Text(3), row.Text(4)});
}

std::vector<CheckRequestRow> WithSubjects(Transaction& tx, const std::vector<Row>& rows) {
  std::vector<CheckRequestRow> out;
  for (const auto& row : rows) {
    out.push_back(FromRow(row));
    ReadSubjects(tx, out.back());
  }
  return out;
}

}  // namespace

std::int64_t InsertCheckRequest(Transaction& tx, const CheckRequestRow& r) {
  const std::int64_t id =
      tx.Query("INSERT INTO agency_check_requests (contact_id, agency, question, lawful_basis, urgency, requested_by, "
               "requested_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
               {r.contact_id, r.agency, r.question, r.lawful_basis, r.urgency, r.requested_by, r.requested_at})
          .at(0)
          .Int(0);
  for (const auto& s : r.subjects)
    tx.Execute("INSERT INTO agency_check_subjects (request_id, child_position, first_names, last_name, date_of_birth, "
               "address) VALUES (?, ?, ?, ?, ?, ?)",
               {id, s.child_position, s.first_names, s.last_name, s.date_of_birth, s.address});
  return id;
}

void SetCheckRequestDeadline(Transaction& tx, std::int64_t id, std::int64_t deadline_id, const std::string& due_at) {
  tx.Execute("UPDATE agency_check_requests SET deadline_id = ?, due_at = ? WHERE id = ?", {deadline_id, due_at, id});
}

std::optional<CheckRequestRow> FindCheckRequest(Transaction& tx, std::int64_t id) {
  auto rows = tx.Query(
      std::string(kSelect) + "WHERE r.id = ?",
      {id});
  if (rows.empty()) return std::nullopt;
  return WithSubjects(tx, rows).front();
}

std::vector<CheckRequestRow> CheckRequestsForAgency(Transaction& tx, const std::string& agency, int limit) {
  // Open ones first, soonest due first (a request without a deadline last among them); then the
  // answered, newest first. CASE keeps the order the same on SQLite and PostgreSQL.
  return WithSubjects(
      tx, tx.Query(std::string(kSelect) + "WHERE r.agency = ? ORDER BY CASE WHEN r.answered_at IS NULL THEN 0 ELSE 1 END, "
                   "CASE WHEN r.answered_at IS NULL THEN COALESCE(r.due_at, '9999') ELSE '' END, "
                   "r.answered_at DESC, r.id LIMIT ?",
                   {agency, static_cast<std::int64_t>(limit)}));
}

std::vector<CheckRequestRow> CheckRequestsOfContact(Transaction& tx, std::int64_t contact_id) {
  return WithSubjects(
      tx, tx.Query(std::string(kSelect) + "WHERE r.contact_id = ? ORDER BY r.requested_at, r.id",
                   {contact_id}));
}

bool AnswerCheckRequest(Transaction& tx, std::int64_t id, const std::string& answer, std::int64_t by,
                        const std::string& at) {
  return tx.Execute("UPDATE agency_check_requests SET answer = ?, answered_by = ?, answered_at = ? "
                    "WHERE id = ? AND answered_at IS NULL",
                    {answer, by, at, id}) == 1;
}

std::vector<CheckRequestRow> AnsweredCheckRequestsSince(Transaction& tx, const std::string& from) {
  std::vector<CheckRequestRow> out;
  for (const auto& row : tx.Query(
           std::string(kSelect) + "WHERE r.answered_at IS NOT NULL AND r.requested_at >= ? "
           "ORDER BY r.agency, r.id",
           {from}))
    out.push_back(FromRow(row));
  return out;
}

void RecordCheckRequestChase(Transaction& tx, std::int64_t id, const std::string& at) {
  tx.Execute("UPDATE agency_check_requests SET chases = chases + 1, last_chased_at = ? WHERE id = ?", {at, id});
}

std::vector<std::int64_t> ActivePartnerUsers(Transaction& tx, const std::string& agency) {
  std::vector<std::int64_t> out;
  for (const auto& row :
       tx.Query("SELECT id FROM users WHERE role = 'partner' AND agency = ? AND active = 1 ORDER BY id", {agency}))
    out.push_back(row.Int(0));
  return out;
}

void MeetDeadlineById(Transaction& tx, std::int64_t deadline_id, const std::string& at, std::int64_t by) {
  tx.Execute("UPDATE deadlines SET met_at = ?, met_by = ? WHERE id = ? AND met_at IS NULL", {at, by, deadline_id});
}

void PurgeCheckRequests(Transaction& tx, std::int64_t contact_id) {
  tx.Execute("DELETE FROM agency_check_subjects WHERE request_id IN "
             "(SELECT id FROM agency_check_requests WHERE contact_id = ?)",
             {contact_id});
  tx.Execute("DELETE FROM agency_check_requests WHERE contact_id = ?", {contact_id});
}

}  // namespace fd::store
