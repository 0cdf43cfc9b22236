#include "store/report_records.h"

#include "store/row_stream.h"

namespace fd::store {
namespace {

// A contact's received_at and the period's ends are UTC text of one format, so they compare as
// text; contacts_newest_first indexes received_at.
// A contact closed as a duplicate (migration 0037) comes with the contact it duplicates, and for
// each of its children whether that contact has the same child, by the rule of "Other contacts
// about this child" (store/same_child_records.h): one register person, one NHS number, or exactly
// the same names and date of birth. Only a duplicate's rows look at the original's children.
constexpr const char* kSubjectChildren =
    "SELECT c.id, c.reference, c.received_at, c.referrer_type, c.referrer_anonymous, cc.position, cc.gender, "
    "cc.date_of_birth, cc.expected_date, cc.person_id, o.received_at, o.referrer_type, o.referrer_anonymous, "
    "CASE WHEN o.id IS NOT NULL AND EXISTS (SELECT 1 FROM contact_children oc WHERE oc.contact_id = o.id "
    "AND oc.role = 'subject' AND ((cc.person_id IS NOT NULL AND oc.person_id = cc.person_id) "
    "OR (cc.nhs_number <> '' AND oc.nhs_number = cc.nhs_number) "
    "OR (cc.date_of_birth IS NOT NULL AND cc.last_name <> '' AND oc.date_of_birth = cc.date_of_birth "
    "AND LOWER(oc.last_name) = LOWER(cc.last_name) AND LOWER(oc.first_names) = LOWER(cc.first_names)))) "
    "THEN 1 ELSE 0 END, cc.nhs_number, cc.first_names, cc.last_name "
    "FROM contacts c JOIN contact_children cc ON cc.contact_id = c.id "
    "LEFT JOIN contact_duplicates x ON x.contact_id = c.id LEFT JOIN contacts o ON o.id = x.original_id "
    "WHERE c.received_at >= ? AND c.received_at < ? AND cc.role = 'subject' "
    "ORDER BY c.received_at, c.id, cc.position";

// The NHS numbers of the period's unlinked children, then everyone holding one of them: children
// on contacts of any date, and register records kept.
constexpr const char* kNhsNumberHolders =
    "WITH wanted AS (SELECT DISTINCT s.nhs_number FROM contacts c JOIN contact_children s ON s.contact_id = c.id "
    "WHERE c.received_at >= ? AND c.received_at < ? AND s.role = 'subject' AND s.person_id IS NULL "
    "AND s.nhs_number <> '') "
    "SELECT cc.nhs_number, cc.contact_id, cc.position, cc.person_id FROM contact_children cc "
    "WHERE cc.role = 'subject' AND cc.nhs_number IN (SELECT nhs_number FROM wanted) "
    "UNION ALL SELECT p.nhs_number, 0, 0, p.id FROM people p "
    "WHERE p.merged_into IS NULL AND p.nhs_number IN (SELECT nhs_number FROM wanted) "
    "ORDER BY 1, 2, 3";

constexpr const char* kAuthorisedDecisions =
    "SELECT d.id, c.id, c.reference, c.received_at, c.referrer_type, c.referrer_anonymous, d.outcome, d.children, "
    "r.reference, r.team, d.primary_need "
    "FROM contacts c JOIN decisions d ON d.contact_id = c.id AND d.status = 'authorised' "
    "LEFT JOIN referrals r ON r.decision_id = d.id "
    "WHERE c.received_at >= ? AND c.received_at < ? "
    "ORDER BY c.received_at, c.id, d.id";

constexpr const char* kPerson =
    "SELECT p.id, p.gender, p.date_of_birth, p.expected_date, p.merged_into FROM people p WHERE p.id = ?";

// An empty ended_on is an open involvement, as NULL is.
constexpr const char* kInvolvements =
    "SELECT i.person_id, i.started_on, i.ended_on, COALESCE(t.name, ''), COALESCE(u.display_name, ''), i.reference "
    "FROM involvements i LEFT JOIN teams t ON t.id = i.team_id LEFT JOIN users u ON u.id = i.allocated_user_id "
    "WHERE i.kind = ? AND i.started_on <= ? AND (i.ended_on IS NULL OR i.ended_on = '' OR i.ended_on >= ?) "
    "ORDER BY i.started_on, i.person_id, i.id";

constexpr const char* kStrategyDiscussions =
    "SELECT contact_reference, person_id, strategy_discussion_date FROM chair_consultations "
    "WHERE strategy_discussion_held = 1 AND contact_reference <> '' AND strategy_discussion_date >= ? "
    "AND strategy_discussion_date <= ? ORDER BY strategy_discussion_date, id";

std::optional<std::string> NonEmpty(const Row& row, std::size_t i) {
  auto text = row.OptionalText(i);
  if (text && text->empty()) return std::nullopt;
  return text;
}

std::optional<std::string> NonEmpty(const RowView& row, std::size_t i) {
  if (row.IsNull(i) || row.Text(i).empty()) return std::nullopt;
  return std::string(row.Text(i));
}

std::optional<std::string> OptionalText(const RowView& row, std::size_t i) {
  if (row.IsNull(i)) return std::nullopt;
  return std::string(row.Text(i));
}

std::optional<std::int64_t> OptionalInt(const RowView& row, std::size_t i) {
  if (row.IsNull(i)) return std::nullopt;
  return row.Int(i);
}

}  // namespace

std::vector<ReturnContactChild> SubjectChildrenReceived(Transaction& tx, const std::string& from_utc,
                                                        const std::string& to_utc) {
  return SubjectChildrenReceived(tx, from_utc, to_utc, [](std::int64_t) { return true; });
}

std::vector<ReturnContactChild> SubjectChildrenReceived(Transaction& tx, const std::string& from_utc,
                                                        const std::string& to_utc,
                                                        const std::function<bool(std::int64_t)>& wanted) {
  // A year of a county's contacts is some 130,000 rows: streamed, not copied twice, and only those
  // wanted kept.
  std::vector<ReturnContactChild> out;
  ForEachRow(tx, kSubjectChildren, {from_utc, to_utc}, [&](const RowView& row) {
    if (!wanted(row.Int(0))) return;
    ReturnContactChild& c = out.emplace_back();
    c.contact_id = row.Int(0);
    c.contact_reference = row.Text(1);
    c.received_at = row.Text(2);
    c.referrer_type = row.Text(3);
    c.referrer_anonymous = row.Int(4) != 0;
    c.position = static_cast<int>(row.Int(5));
    c.gender = row.Text(6);
    c.date_of_birth = NonEmpty(row, 7);
    c.expected_date = NonEmpty(row, 8);
    c.person_id = OptionalInt(row, 9);
    if (!row.IsNull(10))
      c.duplicate_of = ReturnContactChild::Original{std::string(row.Text(10)), std::string(row.Text(11)),
                                                    row.Int(12) != 0, row.Int(13) != 0};
    c.nhs_number = row.Text(14);
    c.first_names = row.Text(15);
    c.last_name = row.Text(16);
  });
  return out;
}

std::vector<ReturnNhsNumberHolder> NhsNumberHolders(Transaction& tx, const std::string& from_utc,
                                                    const std::string& to_utc) {
  std::vector<ReturnNhsNumberHolder> out;
  ForEachRow(tx, kNhsNumberHolders, {from_utc, to_utc}, [&](const RowView& row) {
    ReturnNhsNumberHolder& h = out.emplace_back();
    h.nhs_number = row.Text(0);
    h.contact_id = row.Int(1);
    h.position = static_cast<int>(row.Int(2));
    h.person_id = OptionalInt(row, 3);
  });
  return out;
}

std::vector<ReturnDecision> AuthorisedDecisionsOfContactsReceived(Transaction& tx, const std::string& from_utc,
                                                                  const std::string& to_utc) {
  std::vector<ReturnDecision> out;
  ForEachRow(tx, kAuthorisedDecisions, {from_utc, to_utc}, [&](const RowView& row) {
    ReturnDecision& d = out.emplace_back();
    d.decision_id = row.Int(0);
    d.contact_id = row.Int(1);
    d.contact_reference = row.Text(2);
    d.received_at = row.Text(3);
    d.referrer_type = row.Text(4);
    d.referrer_anonymous = row.Int(5) != 0;
    d.outcome = row.Text(6);
    d.children = row.Text(7);
    d.referral_reference = OptionalText(row, 8);
    d.referral_team = OptionalText(row, 9);
    d.primary_need = row.Text(10);
  });
  return out;
}

std::optional<ReturnPerson> PersonForReturn(Transaction& tx, std::int64_t id) {
  const auto rows = tx.Query(kPerson, {id});
  if (rows.empty()) return std::nullopt;
  const Row& row = rows[0];
  ReturnPerson p;
  p.id = row.Int(0);
  p.gender = row.Text(1);
  p.date_of_birth = NonEmpty(row, 2);
  p.expected_date = NonEmpty(row, 3);
  p.merged_into = row.OptionalInt(4);
  return p;
}

std::vector<ReturnInvolvement> InvolvementsOpenBetween(Transaction& tx, const std::string& kind,
                                                       const std::string& from, const std::string& to) {
  std::vector<ReturnInvolvement> out;
  for (const auto& row : tx.Query(kInvolvements, {kind, to, from})) {
    ReturnInvolvement i;
    i.person_id = row.Int(0);
    i.started_on = row.Text(1);
    i.ended_on = NonEmpty(row, 2);
    i.team = row.Text(3);
    i.worker = row.Text(4);
    i.reference = row.Text(5);
    out.push_back(std::move(i));
  }
  return out;
}

std::vector<ReturnStrategyDiscussion> StrategyDiscussionsBetween(Transaction& tx, const std::string& from,
                                                                 const std::string& to) {
  std::vector<ReturnStrategyDiscussion> out;
  for (const auto& row : tx.Query(kStrategyDiscussions, {from, to})) {
    ReturnStrategyDiscussion s;
    s.contact_reference = row.Text(0);
    s.person_id = row.OptionalInt(1);
    s.held_on = row.Text(2);
    out.push_back(std::move(s));
  }
  return out;
}

}  // namespace fd::store
