#include "store/performance_records.h"

namespace fd::store {
namespace {

Instant At(const std::string& text) {
  return ParseUtc(text).value_or(Instant{});
}

std::optional<Instant> OptionalAt(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return ParseUtc(*text);
}

// Every read binds the scope the same way: start, end, then the team twice ("? IS NULL OR … = ?").
Params ScopeParams(const PerformanceScope& scope) {
  return {FormatUtc(scope.start), FormatUtc(scope.end), scope.team_id, scope.team_id};
}

std::vector<performance::ReferralFact> ReferralRows(const std::vector<Row>& rows) {
  std::vector<performance::ReferralFact> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back({r.Int(0), r.Int(1), At(r.Text(2)), r.OptionalInt(3)});
  return out;
}

std::string Names(Transaction& tx, std::int64_t contact_id) {
  std::string names;
  for (const auto& r : tx.Query("SELECT first_names, last_name FROM contact_children WHERE contact_id = ? "
                                "ORDER BY position",
                                {contact_id})) {
    if (!names.empty()) names += ", ";
    names += r.Text(0) + (r.Text(0).empty() || r.Text(1).empty() ? "" : " ") + r.Text(1);
  }
  return names;
}

std::string Name(const std::string& first, const std::string& last) {
  return first + (first.empty() || last.empty() ? "" : " ") + last;
}

}  // namespace

std::vector<performance::ContactFact> ContactFacts(Transaction& tx, const PerformanceScope& scope) {
  // The decision is the first one authorised (a contact is decided once): its time and outcome come
  // as one text, "2026-03-03T10:30:00Z child-and-family-assessment", from one probe of an index of
  // migration 0017 instead of two. The acknowledgement is the first made. The contacts themselves
  // come from the covering index alone; their order does not matter to the counting.
  const auto rows = tx.Query(
      "SELECT c.id, c.received_at, c.referrer_type, c.queue, "
      "(SELECT d.decided_at || ' ' || d.outcome FROM decisions d WHERE d.contact_id = c.id "
      " AND d.status = 'authorised' ORDER BY d.decided_at, d.id LIMIT 1), "
      "(SELECT MIN(a.acknowledged_at) FROM contact_acknowledgements a WHERE a.contact_id = c.id), "
      "CASE WHEN EXISTS (SELECT 1 FROM referrals r WHERE r.contact_id = c.id) THEN 1 ELSE 0 END "
      "FROM contacts c WHERE c.received_at >= ? AND c.received_at < ? AND (CAST(? AS BIGINT) IS NULL OR c.team_id = ?) "
      "ORDER BY c.received_at",
      ScopeParams(scope));
  std::vector<performance::ContactFact> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    performance::ContactFact c{r.Int(0),
                               At(r.Text(1)),
                               r.Text(2),
                               r.Text(3) == "returned",
                               std::nullopt,
                               "",
                               OptionalAt(r.OptionalText(5)),
                               r.Int(6) != 0};
    if (const auto decision = r.OptionalText(4)) {
      const auto space = decision->find(' ');
      c.decided_at = ParseUtc(decision->substr(0, space));
      if (space != std::string::npos) c.outcome = decision->substr(space + 1);
    }
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<performance::ReferralFact> ReferralFacts(Transaction& tx, const PerformanceScope& scope) {
  return ReferralRows(
      tx.Query("SELECT r.id, c.id, c.received_at, cc.person_id FROM contacts c JOIN referrals r ON "
               "r.contact_id = c.id "
               "LEFT JOIN contact_children cc ON cc.contact_id = c.id AND cc.role = 'subject' AND "
               "cc.person_id IS NOT NULL "
               "WHERE c.received_at >= ? AND c.received_at < ? AND (CAST(? AS BIGINT) IS NULL OR c.team_id = ?) "
               "ORDER BY c.received_at, r.id, cc.person_id",
               ScopeParams(scope)));
}

std::vector<performance::ReferralFact> EarlierReferralFacts(Transaction& tx, const PerformanceScope& scope,
                                                            Instant since) {
  Params params = ScopeParams(scope);
  params.push_back(FormatUtc(since));
  params.push_back(FormatUtc(scope.end));
  return ReferralRows(
      tx.Query("SELECT r.id, c.id, c.received_at, cc.person_id FROM contact_children cc "
               "JOIN contacts c ON c.id = cc.contact_id JOIN referrals r ON r.contact_id = c.id "
               "WHERE cc.role = 'subject' AND cc.person_id IN ("
               "  SELECT pc.person_id FROM contacts p JOIN referrals pr ON pr.contact_id = p.id "
               "  JOIN contact_children pc ON pc.contact_id = p.id AND pc.role = 'subject' AND pc.person_id "
               "IS NOT NULL "
               "  WHERE p.received_at >= ? AND p.received_at < ? AND (CAST(? AS BIGINT) IS NULL OR p.team_id = ?)) "
               "AND c.received_at >= ? AND c.received_at < ? "
               "ORDER BY c.received_at, r.id, cc.person_id",
               params));
}

std::vector<performance::ConsultationFact> ConsultationFacts(Transaction& tx, const PerformanceScope& scope) {
  Params params = ScopeParams(scope);
  for (auto& p : ScopeParams(scope)) params.push_back(std::move(p));
  const auto rows = tx.Query(
      "SELECT 'consultation', k.id, k.requested_at, k.type, CASE WHEN k.status = 'completed' THEN 1 ELSE 0 "
      "END, k.advised_route "
      "FROM consultations k JOIN users u ON u.id = k.recorded_by "
      "WHERE k.requested_at >= ? AND k.requested_at < ? AND (CAST(? AS BIGINT) IS NULL OR u.team_id = ?) "
      "UNION ALL "
      "SELECT 'chair-consultation', h.id, h.requested_at, 'cp-chair', CASE WHEN h.status = 'recorded' THEN 1 "
      "ELSE 0 END, '' "
      "FROM chair_consultations h JOIN users u ON u.id = h.requested_by "
      "WHERE h.requested_at >= ? AND h.requested_at < ? AND (CAST(? AS BIGINT) IS NULL OR u.team_id = ?) "
      "ORDER BY 3, 1, 2",
      params);
  std::vector<performance::ConsultationFact> out;
  out.reserve(rows.size());
  for (const auto& r : rows)
    out.push_back({r.Text(0), r.Int(1), At(r.Text(2)), r.Text(3), r.Int(4) != 0, r.Text(5)});
  return out;
}

std::vector<performance::DeadlineCount> DeadlineCounts(Transaction& tx, const PerformanceScope& scope,
                                                       Instant now) {
  const std::string at = FormatUtc(now);
  Params params = {at, at};
  for (auto& p : ScopeParams(scope)) params.push_back(std::move(p));
  // The states of Deadline::StateAt at `now`, with "met" split into on time and late, summed in one
  // pass: a group per rule and timescale (a handful), not one per deadline and state to sort.
  const auto rows = tx.Query(
      "SELECT rule_id, timescale, "
      "SUM(CASE WHEN met_at IS NULL AND due_at >= ? THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN met_at <= due_at THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN met_at > due_at THEN 1 ELSE 0 END), "
      "SUM(CASE WHEN met_at IS NULL AND due_at < ? THEN 1 ELSE 0 END) "
      "FROM deadlines WHERE starts_at >= ? AND starts_at < ? AND (CAST(? AS BIGINT) IS NULL OR team_id = ?) "
      "GROUP BY rule_id, timescale ORDER BY rule_id, timescale",
      params);
  std::vector<performance::DeadlineCount> out;
  for (const auto& r : rows)
    for (std::size_t i = 0; i < std::size(performance::kDeadlineStates); ++i)
      if (const auto n = r.Int(2 + i); n > 0)
        out.push_back({r.Text(0), r.Text(1), std::string(performance::kDeadlineStates[i]), n});
  return out;
}

std::vector<DeadlineRecord> DeadlineRecords(Transaction& tx, const PerformanceScope& scope, Instant now,
                                            const std::string& timescale, const std::string& state) {
  Params params = {FormatUtc(now)};
  for (auto& p : ScopeParams(scope)) params.push_back(std::move(p));
  for (const auto& p : {timescale, timescale, state, state}) params.push_back(p);
  const auto rows = tx.Query(
      "SELECT id, record_type, record_id, record_reference, rule_id, timescale, state, starts_at, due_at, "
      "met_at "
      "FROM (SELECT id, record_type, record_id, record_reference, rule_id, timescale, starts_at, due_at, "
      "met_at, "
      "  CASE WHEN met_at IS NOT NULL AND met_at > due_at THEN 'met-late' "
      "    WHEN met_at IS NOT NULL THEN 'met-on-time' WHEN due_at < ? THEN 'breached' ELSE 'open' END AS "
      "state "
      "  FROM deadlines WHERE starts_at >= ? AND starts_at < ? AND (CAST(? AS BIGINT) IS NULL OR team_id = ?)) counted "
      "WHERE (? = '' OR timescale = ?) AND (? = '' OR state = ?) ORDER BY starts_at, id",
      params);
  std::vector<DeadlineRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows)
    out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), At(r.Text(7)),
                   At(r.Text(8)), OptionalAt(r.OptionalText(9))});
  return out;
}

std::optional<RecordSummary> ContactSummary(Transaction& tx, std::int64_t contact_id) {
  const auto rows = tx.Query(
      "SELECT c.reference, c.received_at, c.state, "
      "(SELECT d.outcome FROM decisions d WHERE d.contact_id = c.id AND d.status = 'authorised' "
      " ORDER BY d.decided_at, d.id LIMIT 1) FROM contacts c WHERE c.id = ?",
      {contact_id});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  return RecordSummary{r.Text(0), At(r.Text(1)), r.Text(2), Names(tx, contact_id), r.Text(3)};
}

std::optional<RecordSummary> ConsultationSummary(Transaction& tx, std::int64_t consultation_id) {
  const auto rows = tx.Query(
      "SELECT number, requested_at, status, child_first_names, child_last_name, advised_route FROM "
      "consultations "
      "WHERE id = ?",
      {consultation_id});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  return RecordSummary{r.Text(0), At(r.Text(1)), r.Text(2), Name(r.Text(3), r.Text(4)), r.Text(5)};
}

std::optional<RecordSummary> ChairConsultationSummary(Transaction& tx, std::int64_t chair_consultation_id) {
  const auto rows = tx.Query(
      "SELECT reference, requested_at, status, child_first_names, child_last_name FROM chair_consultations "
      "WHERE id = ?",
      {chair_consultation_id});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  return RecordSummary{r.Text(0), At(r.Text(1)), r.Text(2), Name(r.Text(3), r.Text(4)), ""};
}

std::vector<TeamRecord> Teams(Transaction& tx) {
  std::vector<TeamRecord> out;
  for (const auto& r : tx.Query("SELECT id, name FROM teams ORDER BY name, id"))
    out.push_back({r.Int(0), r.Text(1)});
  return out;
}

}  // namespace fd::store
