#include "store/workflow_records.h"

#include <nlohmann/json.hpp>

namespace fd::store {
namespace {

std::optional<std::string> OptionalUtc(const std::optional<Instant>& t) {
  if (!t) return std::nullopt;
  return FormatUtc(*t);
}
std::optional<Instant> OptionalInstant(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return ParseUtc(*text);
}
Instant InstantOf(const std::string& text) { return ParseUtc(text).value_or(Instant{}); }

}  // namespace

bool AdvanceContact(Transaction& tx, std::int64_t contact_id, std::int64_t expected_version, const std::string& state) {
  return tx.Execute("UPDATE contacts SET state = ?, version = version + 1 WHERE id = ? AND version = ?",
                    {state, contact_id, expected_version}) == 1;
}

void UpdateContactHousehold(Transaction& tx, std::int64_t contact_id, const std::array<Answer, 4>& household) {
  tx.Execute("UPDATE contacts SET household_domestic_abuse = ?, household_mental_illness = ?, "
             "household_substance_misuse = ?, household_learning_difficulties = ? WHERE id = ?",
             {std::string(AnswerId(household[0])), std::string(AnswerId(household[1])),
              std::string(AnswerId(household[2])), std::string(AnswerId(household[3])), contact_id});
}

void UpdateContactInformation(Transaction& tx, std::int64_t contact_id,
                              const std::map<std::string, std::string>& information) {
  tx.Execute("UPDATE contacts SET information = ? WHERE id = ?", {nlohmann::json(information).dump(), contact_id});
}

void SetRouting(Transaction& tx, std::int64_t contact_id, const std::string& queue,
                std::optional<std::int64_t> allocated_user_id, const std::string& note, bool urgent) {
  tx.Execute("UPDATE contacts SET queue = ?, allocated_user_id = ?, routing_note = ?, urgent = ? WHERE id = ?",
             {queue, allocated_user_id, note, urgent, contact_id});
}

void SetCaseHolder(Transaction& tx, std::int64_t contact_id, std::optional<std::int64_t> allocated_user_id,
                   std::optional<std::int64_t> team_id, const std::string& note) {
  tx.Execute("UPDATE contacts SET allocated_user_id = ?, team_id = ?, routing_note = ? WHERE id = ?",
             {allocated_user_id, team_id, note, contact_id});
  tx.Execute("UPDATE deadlines SET team_id = ? WHERE record_type = 'contact' AND record_id = ? AND met_at IS NULL",
             {team_id, contact_id});
}

void MarkContactUrgent(Transaction& tx, std::int64_t contact_id) {
  tx.Execute("UPDATE contacts SET urgent = ? WHERE id = ?", {true, contact_id});
}

std::optional<Screening> FindScreening(Transaction& tx, std::int64_t contact_id) {
  auto rows = tx.Query(
      "SELECT contact_id, started_by, started_at, answers, significant_harm, urgent_action, crime_possible, consent, "
      "not_informed_reason, not_informed_detail, sharing_authorised_by, sharing_authorised_at, "
      "sharing_authorisation_reason, completed_by, completed_at, police_protection FROM screenings WHERE contact_id = ?",
      {contact_id});
  if (rows.empty()) return std::nullopt;
  const Row& r = rows[0];
  Screening s;
  s.contact_id = r.Int(0);
  s.started_by = r.Int(1);
  s.started_at = InstantOf(r.Text(2));
  if (auto answers = nlohmann::json::parse(r.Text(3), nullptr, false); answers.is_object())
    for (const auto& [k, v] : answers.items())
      if (v.is_string()) s.answers[k] = v.get<std::string>();
  s.significant_harm = AnswerFromId(r.Text(4)).value_or(Answer::kNotAsked);
  s.urgent_action = AnswerFromId(r.Text(5)).value_or(Answer::kNotAsked);
  s.crime_possible = AnswerFromId(r.Text(6)).value_or(Answer::kNotAsked);
  s.consent = ConsentFromId(r.Text(7)).value_or(Consent::kNotRecorded);
  s.not_informed_reason = r.Text(8);
  s.not_informed_detail = r.Text(9);
  s.sharing_authorised_by = r.OptionalInt(10);
  s.sharing_authorised_at = OptionalInstant(r.OptionalText(11));
  s.sharing_authorisation_reason = r.Text(12);
  s.completed_by = r.OptionalInt(13);
  s.completed_at = OptionalInstant(r.OptionalText(14));
  s.police_protection = AnswerFromId(r.Text(15)).value_or(Answer::kNotAsked);
  return s;
}

namespace {
Params ScreeningParams(const Screening& s) {
  auto answer = [](Answer a) { return a == Answer::kNotAsked ? std::string() : std::string(AnswerId(a)); };
  return {nlohmann::json(s.answers).dump(), answer(s.significant_harm), answer(s.urgent_action),
          answer(s.crime_possible), std::string(ConsentId(s.consent)), s.not_informed_reason, s.not_informed_detail,
          s.sharing_authorised_by, OptionalUtc(s.sharing_authorised_at), s.sharing_authorisation_reason,
          s.completed_by, OptionalUtc(s.completed_at), answer(s.police_protection)};
}
}  // namespace

void InsertScreening(Transaction& tx, const Screening& s) {
  Params params{s.contact_id, s.started_by, FormatUtc(s.started_at)};
  for (auto& p : ScreeningParams(s)) params.push_back(std::move(p));
  tx.Execute("INSERT INTO screenings (contact_id, started_by, started_at, answers, significant_harm, urgent_action, "
             "crime_possible, consent, not_informed_reason, not_informed_detail, sharing_authorised_by, "
             "sharing_authorised_at, sharing_authorisation_reason, completed_by, completed_at, police_protection) "
             "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
             params);
}

void UpdateScreening(Transaction& tx, const Screening& s) {
  Params params = ScreeningParams(s);
  params.emplace_back(s.contact_id);
  tx.Execute("UPDATE screenings SET answers = ?, significant_harm = ?, urgent_action = ?, crime_possible = ?, "
             "consent = ?, not_informed_reason = ?, not_informed_detail = ?, sharing_authorised_by = ?, "
             "sharing_authorised_at = ?, sharing_authorisation_reason = ?, completed_by = ?, completed_at = ?, "
             "police_protection = ? WHERE contact_id = ?",
             params);
}

void ReplaceRecordChecks(Transaction& tx, std::int64_t contact_id, const std::vector<RecordCheck>& checks) {
  tx.Execute("DELETE FROM record_checks_before_correction WHERE contact_id = ?", {contact_id});  // migration 0038
  tx.Execute("DELETE FROM record_checks WHERE contact_id = ?", {contact_id});
  for (const auto& c : checks)
    tx.Execute("INSERT INTO record_checks (contact_id, child_position, person_id, known, child_protection_plan, "
               "looked_after, open_case, household_known, checked_by, checked_at, withheld_ask) "
               "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
               {contact_id, c.child_position, c.person_id, c.known, c.child_protection_plan, c.looked_after,
                c.open_case, c.household_known, c.checked_by, FormatUtc(c.checked_at), c.withheld_ask});
}

std::vector<RecordCheck> RecordChecksOf(Transaction& tx, std::int64_t contact_id) {
  std::vector<RecordCheck> out;
  for (const auto& r : tx.Query("SELECT r.id, r.child_position, r.person_id, r.known, r.child_protection_plan, "
                                "r.looked_after, r.open_case, r.household_known, r.checked_by, r.checked_at, "
                                "r.withheld_ask, f.corrected_at FROM record_checks r "
                                "LEFT JOIN record_checks_before_correction f ON f.record_check_id = r.id "
                                "WHERE r.contact_id = ? ORDER BY r.child_position, r.id",
                                {contact_id})) {
    out.push_back({r.Int(0), static_cast<int>(r.Int(1)), r.OptionalInt(2), r.Int(3) != 0, r.Int(4) != 0,
                   r.Int(5) != 0, r.Int(6) != 0, r.Text(7), r.Int(8), InstantOf(r.Text(9)), r.OptionalText(10), {}});
    if (auto corrected = r.OptionalText(11)) out.back().details_corrected_at = InstantOf(*corrected);
  }
  return out;
}

std::int64_t InsertAgencyCheck(Transaction& tx, std::int64_t contact_id, const AgencyCheck& c) {
  return tx
      .Query("INSERT INTO agency_checks (contact_id, agency, asked_person, asked_at, response, recorded_by, "
             "recorded_at) VALUES (?, ?, ?, ?, ?, ?, ?) RETURNING id",
             {contact_id, c.agency, c.asked_person, FormatUtc(c.asked_at), c.response, c.recorded_by,
              FormatUtc(c.recorded_at)})
      .at(0)
      .Int(0);
}

std::vector<AgencyCheck> AgencyChecksOf(Transaction& tx, std::int64_t contact_id) {
  std::vector<AgencyCheck> out;
  for (const auto& r : tx.Query("SELECT a.id, a.agency, a.asked_person, a.asked_at, a.response, a.recorded_by, "
                                "COALESCE(u.display_name, ''), a.recorded_at FROM agency_checks a "
                                "LEFT JOIN users u ON u.id = a.recorded_by WHERE a.contact_id = ? ORDER BY a.asked_at, a.id",
                                {contact_id}))
    out.push_back({r.Int(0), r.Text(1), r.Text(2), InstantOf(r.Text(3)), r.Text(4), r.Int(5), r.Text(6),
                   InstantOf(r.Text(7))});
  return out;
}

std::int64_t InsertPoliceNotification(Transaction& tx, std::int64_t contact_id, Instant required_at) {
  return tx
      .Query("INSERT INTO police_notifications (contact_id, required_at) VALUES (?, ?) RETURNING id",
             {contact_id, FormatUtc(required_at)})
      .at(0)
      .Int(0);
}

std::vector<PoliceNotification> PoliceNotificationsOf(Transaction& tx, std::int64_t contact_id) {
  std::vector<PoliceNotification> out;
  for (const auto& r : tx.Query("SELECT id, required_at, done_at, done_by, police_reference, note "
                                "FROM police_notifications WHERE contact_id = ? ORDER BY id",
                                {contact_id}))
    out.push_back({r.Int(0), InstantOf(r.Text(1)), OptionalInstant(r.OptionalText(2)), r.OptionalInt(3), r.Text(4),
                   r.Text(5)});
  return out;
}

bool CompletePoliceNotification(Transaction& tx, std::int64_t contact_id, Instant done_at, std::int64_t by,
                                const std::string& reference, const std::string& note) {
  return tx.Execute("UPDATE police_notifications SET done_at = ?, done_by = ?, police_reference = ?, note = ? "
                    "WHERE contact_id = ? AND done_at IS NULL",
                    {FormatUtc(done_at), by, reference, note, contact_id}) > 0;
}

std::int64_t InsertDecision(Transaction& tx, const Decision& d) {
  return tx
      .Query("INSERT INTO decisions (contact_id, outcome, children, sibling_reason, rationale, next_steps, proposed_by, "
             "proposed_at, status, policy_version, protective_factors, primary_need) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
             "RETURNING id",
             {d.contact_id, d.outcome, nlohmann::json(d.children).dump(), d.sibling_reason, d.rationale, d.next_steps,
              d.proposed_by, FormatUtc(d.proposed_at), d.status, d.policy_version, d.protective_factors, d.primary_need})
      .at(0)
      .Int(0);
}

std::vector<Decision> DecisionsOf(Transaction& tx, std::int64_t contact_id) {
  std::vector<Decision> out;
  for (const auto& r : tx.Query(
           "SELECT d.id, d.contact_id, d.outcome, d.children, d.sibling_reason, d.rationale, d.next_steps, "
           "d.proposed_by, COALESCE(p.display_name, ''), d.proposed_at, d.status, d.decided_by, "
           "COALESCE(m.display_name, ''), d.decided_at, d.return_reason, d.policy_version, d.protective_factors, "
           "d.primary_need, COALESCE(hp.reason, ''), COALESCE(ha.reason, '') FROM decisions d "
           "LEFT JOIN users p ON p.id = d.proposed_by LEFT JOIN users m ON m.id = d.decided_by "
           "LEFT JOIN decision_harm_overrides hp ON hp.decision_id = d.id AND hp.step = 'proposed' "
           "LEFT JOIN decision_harm_overrides ha ON ha.decision_id = d.id AND ha.step = 'authorised' "
           "WHERE d.contact_id = ? ORDER BY d.id",
           {contact_id})) {
    Decision d;
    d.id = r.Int(0);
    d.contact_id = r.Int(1);
    d.outcome = r.Text(2);
    if (auto children = nlohmann::json::parse(r.Text(3), nullptr, false); children.is_array())
      for (const auto& c : children)
        if (c.is_number_integer()) d.children.push_back(c.get<int>());
    d.sibling_reason = r.Text(4);
    d.rationale = r.Text(5);
    d.next_steps = r.Text(6);
    d.proposed_by = r.Int(7);
    d.proposed_by_name = r.Text(8);
    d.proposed_at = InstantOf(r.Text(9));
    d.status = r.Text(10);
    d.decided_by = r.OptionalInt(11);
    d.decided_by_name = r.Text(12);
    d.decided_at = OptionalInstant(r.OptionalText(13));
    d.return_reason = r.Text(14);
    d.policy_version = r.Text(15);
    d.protective_factors = r.Text(16);
    d.primary_need = r.Text(17);
    d.harm_override_reason = r.Text(18);
    d.authorised_override_reason = r.Text(19);
    out.push_back(std::move(d));
  }
  return out;
}

void InsertHarmOverride(Transaction& tx, std::int64_t decision_id, const std::string& step, const std::string& reason,
                        std::int64_t by, Instant at) {
  tx.Execute("INSERT INTO decision_harm_overrides (decision_id, step, reason, recorded_by, recorded_at) "
             "VALUES (?, ?, ?, ?, ?)",
             {decision_id, step, reason, by, FormatUtc(at)});
}

void UpdateDecision(Transaction& tx, const Decision& d) {
  tx.Execute("UPDATE decisions SET status = ?, decided_by = ?, decided_at = ?, return_reason = ? WHERE id = ?",
             {d.status, d.decided_by, OptionalUtc(d.decided_at), d.return_reason, d.id});
}

std::int64_t InsertReferral(Transaction& tx, const std::string& reference, std::int64_t contact_id,
                            std::int64_t decision_id, const std::string& outcome, const std::string& team, Instant at) {
  return tx
      .Query("INSERT INTO referrals (reference, contact_id, decision_id, outcome, team, created_at) "
             "VALUES (?, ?, ?, ?, ?, ?) RETURNING id",
             {reference, contact_id, decision_id, outcome, team, FormatUtc(at)})
      .at(0)
      .Int(0);
}

std::vector<Referral> ListReferrals(Transaction& tx, const std::string& team) {
  std::vector<Referral> out;
  for (const auto& r : tx.Query("SELECT r.id, r.reference, r.contact_id, c.reference, r.outcome, r.team, r.created_at "
                                "FROM referrals r JOIN contacts c ON c.id = r.contact_id "
                                "WHERE (? = '' OR r.team = ?) ORDER BY r.created_at DESC, r.id DESC LIMIT 200",
                                {team, team}))
    out.push_back({r.Int(0), r.Text(1), r.Int(2), r.Text(3), r.Text(4), r.Text(5), InstantOf(r.Text(6)), ""});
  return out;
}

void InsertStaffNotice(Transaction& tx, std::int64_t user_id, const std::string& message, const std::string& link,
                       Instant at) {
  tx.Execute("INSERT INTO staff_notices (user_id, message, link, created_at) VALUES (?, ?, ?, ?)",
             {user_id, message, link, FormatUtc(at)});
}

std::vector<StaffNotice> UnreadNotices(Transaction& tx, std::int64_t user_id) {
  std::vector<StaffNotice> out;
  for (const auto& r : tx.Query("SELECT id, message, link, created_at FROM staff_notices WHERE user_id = ? AND "
                                "read_at IS NULL ORDER BY id DESC LIMIT 50",
                                {user_id}))
    out.push_back({r.Int(0), r.Text(1), r.Text(2), InstantOf(r.Text(3))});
  return out;
}

}  // namespace fd::store
