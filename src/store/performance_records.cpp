#include "store/performance_records.h"

#include <algorithm>
#include <functional>
#include <tuple>

#include "domain/deadline.h"
#include "store/deadline_records.h"
#include "store/row_stream.h"

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

Instant AtView(std::string_view text) { return ParseUtc(text).value_or(Instant{}); }

// The positions of a period's records sorted by contact id, to join rows that come in contact id
// order (each table's covering index on contact_id) in one pass.
class ById {
 public:
  template <typename Record>
  explicit ById(const std::vector<Record>& records) {
    order_.reserve(records.size());
    for (std::size_t i = 0; i < records.size(); ++i) order_.push_back({records[i].id, i});
    std::sort(order_.begin(), order_.end());
  }
  // The lowest and highest contact id: the range every joined read covers. Contacts are numbered as
  // they are received, so the range holds little besides the period's own.
  Params Range() const { return {order_.front().first, order_.back().first}; }
  // Calls `each` with the position of the record a row (contact id first, rows in contact id order)
  // is about; rows of other contacts in the range are passed over.
  void Join(Transaction& tx, std::string_view sql, const Params& params,
            const std::function<void(std::size_t, const RowView&)>& each) const {
    std::size_t next = 0;
    ForEachRow(tx, sql, params, [&](const RowView& r) {
      const std::int64_t contact = r.Int(0);
      while (next < order_.size() && order_[next].first < contact) ++next;
      for (std::size_t i = next; i < order_.size() && order_[i].first == contact; ++i) each(order_[i].second, r);
    });
  }

 private:
  std::vector<std::pair<std::int64_t, std::size_t>> order_;
};

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
  // The period's contacts first, from the covering index on their time. What else a contact needs —
  // its first authorised decision, its first acknowledgement, whether a referral was made from it —
  // is read as one range of contact ids from each table's own covering index, in contact order,
  // and joined here: three sequential reads instead of three index probes per contact.
  std::vector<performance::ContactFact> out;
  ForEachRow(tx,
             "SELECT c.id, c.received_at, c.referrer_type, c.queue FROM contacts c "
             "WHERE c.received_at >= ? AND c.received_at < ? AND (CAST(? AS BIGINT) IS NULL OR c.team_id = ?) "
             "ORDER BY c.received_at",
             ScopeParams(scope), [&](const RowView& r) {
               // Only a contact passed on at receipt is in these queues (app/routing.h): the queue
               // tells it from the covering index, with no read of the row.
               const auto queue = r.Text(3);
               out.push_back({r.Int(0), AtView(r.Text(1)), std::string(r.Text(2)), queue == "returned",
                              queue == "allocated-worker" || queue == "lado", std::nullopt, "", std::nullopt, false,
                              false});
             });
  if (out.empty()) return out;
  const ById by_id(out);
  const Params range = by_id.Range();
  // The first authorised decision: the earliest decided_at, then the lowest id.
  std::vector<std::int64_t> first_id(out.size());
  by_id.Join(tx,
             "SELECT contact_id, decided_at, outcome, id FROM decisions WHERE contact_id >= ? AND contact_id <= ? "
             "AND status = 'authorised' ORDER BY contact_id",
             range, [&](std::size_t i, const RowView& r) {
               auto& c = out[i];
               const auto at = ParseUtc(r.Text(1));
               const std::int64_t id = r.Int(3);
               if (!at || (c.decided_at && std::pair(*at, id) >= std::pair(*c.decided_at, first_id[i]))) return;
               first_id[i] = id;
               c.decided_at = at;
               c.outcome.assign(r.Text(2));
             });
  by_id.Join(tx,
             "SELECT contact_id, acknowledged_at FROM contact_acknowledgements WHERE contact_id >= ? AND "
             "contact_id <= ? ORDER BY contact_id",
             range, [&](std::size_t i, const RowView& r) {
               const auto at = ParseUtc(r.Text(1));
               auto& c = out[i];
               if (at && (!c.acknowledged_at || *at < *c.acknowledged_at)) c.acknowledged_at = at;
             });
  by_id.Join(tx, "SELECT contact_id FROM referrals WHERE contact_id >= ? AND contact_id <= ? ORDER BY contact_id",
             range, [&](std::size_t i, const RowView&) { out[i].referred = true; });
  // Closed as a duplicate of another contact (migration 0037): its primary key is the contact id.
  by_id.Join(tx,
             "SELECT contact_id FROM contact_duplicates WHERE contact_id >= ? AND contact_id <= ? ORDER BY contact_id",
             range, [&](std::size_t i, const RowView&) { out[i].duplicate = true; });
  return out;
}

ReferralFactSets ReferralFactsSince(Transaction& tx, const PerformanceScope& scope, Instant since) {
  // Every contact received from `since` to the period's end (any team), then the referrals made from
  // them and their subjects linked to the register, each a range of contact ids over a covering
  // index (migration 0019), joined here in contact order.
  struct WindowContact {
    std::int64_t id = 0;
    Instant received_at;
    bool in_scope = false;
  };
  std::vector<WindowContact> contacts;
  const std::string start = FormatUtc(scope.start);
  ForEachRow(tx,
             "SELECT id, received_at, team_id FROM contacts WHERE received_at >= ? AND received_at < ?",
             {FormatUtc(since), FormatUtc(scope.end)}, [&](const RowView& r) {
               const bool team = !scope.team_id || (!r.IsNull(2) && r.Int(2) == *scope.team_id);
               contacts.push_back({r.Int(0), AtView(r.Text(1)), team && r.Text(1) >= std::string_view(start)});
             });
  ReferralFactSets out;
  if (contacts.empty()) return out;
  const ById by_id(contacts);
  const Params range = by_id.Range();
  // The rows of both reads come in contact id order, so each contact's referrals and subjects are a
  // run in each list: no list per contact.
  struct Hit {
    std::size_t contact;
    std::int64_t id;  // the referral's, or the subject's register record
  };
  std::vector<Hit> referral_hits, subject_hits;
  std::vector<bool> referred(contacts.size());
  by_id.Join(tx,
             "SELECT contact_id, id FROM referrals WHERE contact_id >= ? AND contact_id <= ? ORDER BY contact_id, id",
             range, [&](std::size_t i, const RowView& r) {
               referral_hits.push_back({i, r.Int(1)});
               referred[i] = true;
             });
  by_id.Join(tx,
             "SELECT contact_id, person_id FROM contact_children WHERE contact_id >= ? AND contact_id <= ? "
             "AND role = 'subject' AND person_id IS NOT NULL ORDER BY contact_id",
             range, [&](std::size_t i, const RowView& r) {
               if (referred[i]) subject_hits.push_back({i, r.Int(1)});
             });
  // Each referred contact: its run of referrals [a, a_end) and of subjects [b, b_end).
  struct Run {
    std::size_t contact, a, a_end, b, b_end;
  };
  std::vector<Run> runs;
  for (std::size_t a = 0, b = 0; a < referral_hits.size();) {
    const std::size_t contact = referral_hits[a].contact;
    std::size_t a_end = a, b_end = b;
    while (a_end < referral_hits.size() && referral_hits[a_end].contact == contact) ++a_end;
    while (b_end < subject_hits.size() && subject_hits[b_end].contact == contact) ++b_end;
    std::sort(subject_hits.begin() + static_cast<std::ptrdiff_t>(b), subject_hits.begin() + static_cast<std::ptrdiff_t>(b_end),
              [](const Hit& x, const Hit& y) { return x.id < y.id; });
    runs.push_back({contact, a, a_end, b, b_end});
    a = a_end;
    b = b_end;
  }
  // The period's referrals (of the scope's team), one row per linked child or one with none.
  std::vector<std::int64_t> wanted;
  for (const Run& run : runs) {
    const WindowContact& c = contacts[run.contact];
    if (!c.in_scope) continue;
    for (std::size_t a = run.a; a < run.a_end; ++a) {
      if (run.b == run.b_end) out.referrals.push_back({referral_hits[a].id, c.id, c.received_at, std::nullopt});
      for (std::size_t b = run.b; b < run.b_end; ++b) {
        out.referrals.push_back({referral_hits[a].id, c.id, c.received_at, subject_hits[b].id});
        wanted.push_back(subject_hits[b].id);
      }
    }
  }
  std::sort(wanted.begin(), wanted.end());
  wanted.erase(std::unique(wanted.begin(), wanted.end()), wanted.end());
  // Every referral of the window, whichever team's, about one of those children.
  for (const Run& run : runs)
    for (std::size_t a = run.a; a < run.a_end; ++a)
      for (std::size_t b = run.b; b < run.b_end; ++b)
        if (std::binary_search(wanted.begin(), wanted.end(), subject_hits[b].id))
          out.earlier_referrals.push_back({referral_hits[a].id, contacts[run.contact].id,
                                           contacts[run.contact].received_at, subject_hits[b].id});
  const auto in_order = [](const performance::ReferralFact& a, const performance::ReferralFact& b) {
    return std::tie(a.received_at, a.referral_id, a.person_id) < std::tie(b.received_at, b.referral_id, b.person_id);
  };
  std::sort(out.referrals.begin(), out.referrals.end(), in_order);
  std::sort(out.earlier_referrals.begin(), out.earlier_referrals.end(), in_order);
  return out;
}

std::vector<performance::ReferralFact> ReferralFacts(Transaction& tx, const PerformanceScope& scope) {
  return ReferralFactsSince(tx, scope, scope.start).referrals;
}

std::vector<performance::ReferralFact> EarlierReferralFacts(Transaction& tx, const PerformanceScope& scope,
                                                            Instant since) {
  // By the children: for a short period, few children, each found by the register record index.
  Params params = ScopeParams(scope);
  params.push_back(FormatUtc(since));
  params.push_back(FormatUtc(scope.end));
  std::vector<performance::ReferralFact> out;
  ForEachRow(tx,
             "SELECT r.id, c.id, c.received_at, cc.person_id FROM contact_children cc "
             "JOIN contacts c ON c.id = cc.contact_id JOIN referrals r ON r.contact_id = c.id "
             "WHERE cc.role = 'subject' AND cc.person_id IN ("
             "  SELECT pc.person_id FROM contacts p JOIN referrals pr ON pr.contact_id = p.id "
             "  JOIN contact_children pc ON pc.contact_id = p.id AND pc.role = 'subject' AND pc.person_id "
             "IS NOT NULL "
             "  WHERE p.received_at >= ? AND p.received_at < ? AND (CAST(? AS BIGINT) IS NULL OR p.team_id = ?)) "
             "AND c.received_at >= ? AND c.received_at < ? "
             "ORDER BY c.received_at, r.id, cc.person_id",
             params, [&](const RowView& r) {
               out.push_back({r.Int(0), r.Int(1), AtView(r.Text(2)), r.Int(3)});
             });
  return out;
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
                                                       Instant now, std::optional<Instant>* earliest_open_until) {
  // The states of Deadline::StateAt at `now`, with "met" split into on time and late, counted here
  // as the rows stream from the covering index: SQL's GROUP BY would sort every deadline of the
  // period to make a handful of groups. Times are UTC text of one format, so they compare as text.
  // Breached is the domain's rule as bounds on the due time (BreachCutoffsAt), compared as text.
  const BreachCutoffs cut = BreachCutoffsAt(now);
  const std::string due_before = FormatUtc(cut.due_before), at_once_due_before = FormatUtc(cut.at_once_due_before);
  struct Group {
    std::string rule_id, timescale;
    std::int64_t counts[std::size(performance::kDeadlineStates)] = {};
  };
  std::vector<Group> groups;
  Group* last = nullptr;
  // The earliest due time of those still open, apart for those due at once (in time a minute longer).
  std::string earliest_open, earliest_open_at_once;
  ForEachRow(tx,
             "SELECT rule_id, timescale, due_at, met_at, starts_at FROM deadlines "
             "WHERE starts_at >= ? AND starts_at < ? AND (CAST(? AS BIGINT) IS NULL OR team_id = ?)",
             ScopeParams(scope), [&](const RowView& r) {
               const std::string_view rule = r.Text(0), timescale = r.Text(1), due = r.Text(2);
               if (!last || last->rule_id != rule || last->timescale != timescale) {
                 last = nullptr;
                 for (auto& g : groups)
                   if (g.rule_id == rule && g.timescale == timescale) last = &g;
                 if (!last) last = &groups.emplace_back(Group{std::string(rule), std::string(timescale)});
               }
               std::size_t state;  // the index in kDeadlineStates: open, met-on-time, met-late, breached
               if (r.IsNull(3)) {
                 const bool at_once = r.Text(4) == due;
                 state = due < std::string_view(due_before) && (!at_once || due < std::string_view(at_once_due_before))
                             ? 3
                             : 0;
                 std::string& earliest = at_once ? earliest_open_at_once : earliest_open;
                 if (state == 0 && earliest_open_until && (earliest.empty() || due < earliest)) earliest = due;
               } else if (r.Text(3) <= due) {
                 state = 1;
               } else {
                 // Late by its time, unless due at once and met within the moment allowed (domain/deadline.h).
                 state = MetLateFor(AtView(r.Text(4)), AtView(due), AtView(r.Text(3))) ? 2 : 1;
               }
               ++last->counts[state];
             });
  if (earliest_open_until) {
    *earliest_open_until = std::nullopt;
    for (const std::string* due : {&earliest_open, &earliest_open_at_once}) {
      if (due->empty()) continue;
      const Instant at = AtView(*due);
      const Instant until = due == &earliest_open_at_once ? InTimeUntil(at, at) : at;
      if (!*earliest_open_until || until < **earliest_open_until) *earliest_open_until = until;
    }
  }
  std::sort(groups.begin(), groups.end(), [](const Group& a, const Group& b) {
    return std::tie(a.rule_id, a.timescale) < std::tie(b.rule_id, b.timescale);
  });
  std::vector<performance::DeadlineCount> out;
  for (const auto& g : groups)
    for (std::size_t i = 0; i < std::size(performance::kDeadlineStates); ++i)
      if (g.counts[i] > 0)
        out.push_back({g.rule_id, g.timescale, std::string(performance::kDeadlineStates[i]), g.counts[i]});
  return out;
}

std::vector<DeadlineRecord> DeadlineRecords(Transaction& tx, const PerformanceScope& scope, Instant now,
                                            const std::string& timescale, const std::string& state) {
  // Met deadlines are split into on time and late here, by the domain's rule (MetLateFor: a deadline
  // due at once has a moment's allowance), which SQL could not share; so the state is filtered here too.
  // Breached is the same rule in SQL (kBreachedIfUnmetSql), bound first.
  Params params = BreachedIfUnmetParams(now);
  for (auto& p : ScopeParams(scope)) params.push_back(std::move(p));
  const bool met_wanted = state.empty() || state == "met-late" || state == "met-on-time";
  const std::string sql_state = state == "met-late" || state == "met-on-time" ? "met" : state;
  for (const auto& p : {timescale, timescale, sql_state, sql_state}) params.push_back(p);
  const auto rows = tx.Query(
      std::string("SELECT id, record_type, record_id, record_reference, rule_id, timescale, state, starts_at, "
                  "due_at, met_at, counted_without_bank_holidays, bank_holidays_known_until "
                  "FROM (SELECT id, record_type, record_id, record_reference, rule_id, timescale, starts_at, due_at, "
                  "met_at, CASE WHEN b.deadline_id IS NULL THEN 0 ELSE 1 END AS counted_without_bank_holidays, "
                  "COALESCE(b.bank_holidays_known_until, '') AS bank_holidays_known_until, "
                  "  CASE WHEN met_at IS NOT NULL THEN 'met' WHEN ") +
          kBreachedIfUnmetSql +
          " THEN 'breached' ELSE 'open' END AS state "
          "  FROM deadlines LEFT JOIN deadlines_past_bank_holidays b ON b.deadline_id = deadlines.id "
          "  WHERE starts_at >= ? AND starts_at < ? AND (CAST(? AS BIGINT) IS NULL OR team_id = ?)) "
          "counted "
          "WHERE (? = '' OR timescale = ?) AND (? = '' OR state = ?) ORDER BY starts_at, id",
      params);
  std::vector<DeadlineRecord> out;
  out.reserve(rows.size());
  for (const auto& r : rows) {
    DeadlineRecord d{r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), r.Text(6), At(r.Text(7)),
                     At(r.Text(8)), OptionalAt(r.OptionalText(9)), r.Int(10) != 0, r.Text(11)};
    if (d.met_at) {
      if (!met_wanted) continue;
      d.state = MetLateFor(d.starts_at, d.due_at, *d.met_at) ? "met-late" : "met-on-time";
      if (!state.empty() && d.state != state) continue;
    }
    out.push_back(std::move(d));
  }
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
