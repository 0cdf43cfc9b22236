#include "store/deadline_records.h"

namespace fd::store {
namespace {

constexpr const char* kColumns =
    "SELECT id, timescale, rule_id, obligation, record_type, record_id, record_reference, team_id, user_id, "
    "starts_at, due_at, met_at, met_by, policy_version, CASE WHEN b.deadline_id IS NULL THEN 0 ELSE 1 END, "
    "COALESCE(b.bank_holidays_known_until, '') FROM deadlines "
    "LEFT JOIN deadlines_past_bank_holidays b ON b.deadline_id = deadlines.id ";

Deadline FromRow(const Row& r) {
  Deadline d;
  d.id = r.Int(0);
  d.timescale = r.Text(1);
  d.rule_id = r.Text(2);
  d.obligation = r.Text(3);
  d.record_type = r.Text(4);
  d.record_id = r.Int(5);
  d.record_reference = r.Text(6);
  d.team_id = r.OptionalInt(7);
  d.user_id = r.OptionalInt(8);
  d.starts_at = ParseUtc(r.Text(9)).value_or(Instant{});
  d.due_at = ParseUtc(r.Text(10)).value_or(Instant{});
  if (auto met = r.OptionalText(11)) d.met_at = ParseUtc(*met);
  d.met_by = r.OptionalInt(12);
  d.policy_version = r.Text(13);
  d.counted_without_bank_holidays = r.Int(14) != 0;
  d.bank_holidays_known_until = r.Text(15);
  return d;
}

// The filter as one SQL condition, and its parameters in order (FilterParams). Fixed SQL with
// optional filters as bound parameters ("? IS NULL OR …"), never concatenated values. A contact at
// the front door is its screener's work until its decision is made: the worker a manager allocated it
// to (migration 0031), else, once screening started and nobody is allocated, whoever started
// screening it (docs/decisions.md "A screened contact stays someone's until it is decided"). The
// second branch reads screenings and looks each contact up by its key: a join let SQLite scan every
// contact instead.
constexpr const char* kFilterWhere =
    "WHERE (? = 1 OR met_at IS NULL) AND (CAST(? AS BIGINT) IS NULL OR team_id = ?) "
    "AND (CAST(? AS BIGINT) IS NULL OR user_id = ? OR (record_type = 'contact' AND record_id IN "
    "(SELECT sa.contact_id FROM screening_allocations sa JOIN contacts c ON c.id = sa.contact_id "
    "WHERE c.state IN ('received', 'screening', 'screened', 'proposed') AND sa.user_id = ? "
    "UNION SELECT s.contact_id FROM screenings s WHERE s.started_by = ? "
    "AND (SELECT c.state FROM contacts c WHERE c.id = s.contact_id) IN ('screening', 'screened', 'proposed') "
    "AND NOT EXISTS (SELECT 1 FROM screening_allocations x WHERE x.contact_id = s.contact_id)))) ";
Params FilterParams(const DeadlineFilter& f) {
  return {f.include_met ? 1 : 0, f.team_id, f.team_id, f.user_id, f.user_id, f.user_id, f.user_id};
}

void Append(Params& to, const Params& more) { to.insert(to.end(), more.begin(), more.end()); }

std::optional<std::string> OptionalUtc(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return FormatUtc(*t);
}

}  // namespace

Params BreachedIfUnmetParams(Instant now) {
  const BreachCutoffs cut = BreachCutoffsAt(now);
  return {FormatUtc(cut.due_before), FormatUtc(cut.at_once_due_before)};
}

std::int64_t InsertDeadline(Transaction& tx, const Deadline& d, Instant created_at) {
  const auto rows = tx.Query("INSERT INTO deadlines (timescale, rule_id, obligation, record_type, record_id, record_reference, team_id, "
             "user_id, starts_at, due_at, met_at, met_by, policy_version, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {d.timescale, d.rule_id, d.obligation, d.record_type, d.record_id, d.record_reference, d.team_id, d.user_id,
              FormatUtc(d.starts_at), FormatUtc(d.due_at), OptionalUtc(d.met_at), d.met_by, d.policy_version,
              FormatUtc(created_at)});
  const std::int64_t id = rows.at(0).Int(0);
  if (d.counted_without_bank_holidays) FlagCountedWithoutBankHolidays(tx, id, d.bank_holidays_known_until);
  return id;
}

void FlagCountedWithoutBankHolidays(Transaction& tx, std::int64_t deadline_id, const std::string& known_until) {
  tx.Execute("INSERT INTO deadlines_past_bank_holidays (deadline_id, bank_holidays_known_until) VALUES (?, ?)",
             {deadline_id, known_until});
}

std::vector<Deadline> OpenDeadlinesNotFlagged(Transaction& tx, Instant now, std::optional<Instant> due_from) {
  // The due bound is a range on deadlines_open_by_due (met_at, due_at): only the open deadlines due
  // late enough to be past a list are read, not every open one. Without one, '' is before every time.
  Params params = {due_from ? FormatUtc(*due_from) : std::string()};
  Append(params, BreachedIfUnmetParams(now));
  std::vector<Deadline> out;
  for (const auto& row : tx.Query(std::string(kColumns) +
                                      "WHERE met_at IS NULL AND b.deadline_id IS NULL AND due_at >= ? AND NOT " +
                                      kBreachedIfUnmetSql + " ORDER BY id",
                                  params))
    out.push_back(FromRow(row));
  return out;
}

std::vector<Deadline> DeadlinesForRecord(Transaction& tx, const std::string& record_type, std::int64_t record_id) {
  std::vector<Deadline> out;
  for (const auto& row :
       tx.Query(std::string(kColumns) + "WHERE record_type = ? AND record_id = ? ORDER BY due_at, id", {record_type, record_id}))
    out.push_back(FromRow(row));
  return out;
}

QueueCounts CountDeadlines(Transaction& tx, const DeadlineFilter& filter, Instant now, Instant end_of_today) {
  const Params breached = BreachedIfUnmetParams(now);
  Params params = breached;
  params.push_back(FormatUtc(end_of_today));
  Append(params, breached);
  Append(params, FilterParams(filter));
  const auto rows = tx.Query(std::string("SELECT COUNT(*), COALESCE(SUM(CASE WHEN met_at IS NULL AND ") +
                                 kBreachedIfUnmetSql +
                                 " THEN 1 ELSE 0 END), 0), COALESCE(SUM(CASE WHEN met_at IS NULL AND due_at <= ? "
                                 "AND NOT " +
                                 kBreachedIfUnmetSql + " THEN 1 ELSE 0 END), 0) FROM deadlines " + kFilterWhere,
                             params);
  if (rows.empty()) return {};
  return {rows[0].Int(0), rows[0].Int(1), rows[0].Int(2)};
}

std::vector<Deadline> ListDeadlines(Transaction& tx, const DeadlineFilter& filter, Instant now, int page,
                                    int page_size) {
  Params params = FilterParams(filter);
  Append(params, BreachedIfUnmetParams(now));
  params.push_back(page_size);
  params.push_back(static_cast<std::int64_t>(page - 1) * page_size);
  std::vector<Deadline> out;
  for (const auto& row : tx.Query(std::string(kColumns) + kFilterWhere +
                                      "ORDER BY CASE WHEN met_at IS NOT NULL THEN 2 WHEN " + kBreachedIfUnmetSql +
                                      " THEN 0 ELSE 1 END, due_at, id LIMIT ? OFFSET ?",
                                  params))
    out.push_back(FromRow(row));
  return out;
}

std::int64_t MeetDeadlines(Transaction& tx, const std::string& record_type, std::int64_t record_id,
                           const std::string& timescale, Instant at, std::int64_t by) {
  return tx.Execute(
      "UPDATE deadlines SET met_at = ?, met_by = ? WHERE record_type = ? AND record_id = ? AND timescale = ? AND "
      "met_at IS NULL",
      {FormatUtc(at), by, record_type, record_id, timescale});
}

void InsertAcknowledgement(Transaction& tx, std::int64_t contact_id, const std::string& method,
                           const std::string& note, Instant at, std::int64_t by) {
  tx.Execute("INSERT INTO contact_acknowledgements (contact_id, method, note, acknowledged_at, acknowledged_by) "
             "VALUES (?, ?, ?, ?, ?)",
             {contact_id, method, note, FormatUtc(at), by});
}

std::vector<AcknowledgementRecord> AcknowledgementsOf(Transaction& tx, std::int64_t contact_id) {
  std::vector<AcknowledgementRecord> out;
  for (const auto& row : tx.Query("SELECT a.method, a.note, a.acknowledged_at, u.display_name, a.acknowledged_by "
                                  "FROM contact_acknowledgements a JOIN users u ON u.id = a.acknowledged_by "
                                  "WHERE a.contact_id = ? ORDER BY a.acknowledged_at, a.id",
                                  {contact_id}))
    out.push_back({row.Text(0), row.Text(1), ParseUtc(row.Text(2)).value_or(Instant{}), row.Text(3), row.Int(4)});
  return out;
}

}  // namespace fd::store
