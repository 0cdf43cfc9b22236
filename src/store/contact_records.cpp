#include "store/contact_records.h"

#include <unordered_map>

#include <nlohmann/json.hpp>

#include "store/deadline_records.h"

namespace fd::store {
namespace {

// A work queue: routed contacts stay on their queue (LADO, allocated worker) until someone acts;
// returned forms, decided contacts and those closed as duplicates leave it, and so does one the
// allocated worker has recorded on the child's record (HCR-5, migration 0036: a lookup by key, for
// that queue's contacts alone).
constexpr const char* kQueueWhere =
    "WHERE c.queue IN (?, ?) AND c.state NOT IN ('decided', 'duplicate') AND (CAST(? AS BIGINT) IS NULL OR c.allocated_user_id = ?) "
    "AND (c.queue <> 'allocated-worker' OR NOT EXISTS (SELECT 1 FROM passed_on_recorded p WHERE p.contact_id = c.id)) ";
// The same, its urgent contacts alone (contacts_by_queue(queue, urgent, received_at) serves both).
constexpr const char* kUrgentQueueWhere =
    "WHERE c.queue IN (?, ?) AND c.state NOT IN ('decided', 'duplicate') AND c.urgent = 1 "
    "AND (CAST(? AS BIGINT) IS NULL OR c.allocated_user_id = ?) "
    "AND (c.queue <> 'allocated-worker' OR NOT EXISTS (SELECT 1 FROM passed_on_recorded p WHERE p.contact_id = c.id)) ";
// The contacts whose proposed decision awaits a manager's authorisation (KCR-16), added to either.
constexpr const char* kAwaitingAuthorisation = "AND c.state = 'proposed' ";
// Those overdue for a decision: a clock a decision meets (store/queue_columns.h), unmet and breached
// (kBreachedIfUnmetSql, its two times bound). deadlines_by_record serves the lookup per contact.
constexpr const char* kOverdueForDecision =
    "AND EXISTS (SELECT 1 FROM deadlines d WHERE d.record_type = 'contact' AND d.record_id = c.id "
    "AND d.met_at IS NULL AND d.timescale IN ('decision', 'immediate-protection', 'section-47-decision') "
    "AND d.due_at < ? AND (d.starts_at <> d.due_at OR d.due_at < ?)) ";
constexpr const char* kQueueOrder = "ORDER BY c.urgent DESC, c.received_at ASC, c.id ASC LIMIT ? OFFSET ?";

// "(?,?,…)": `count` placeholders for an IN list; the values are bound, never written into the SQL.
std::string InList(std::size_t count) {
  std::string out = "(";
  for (std::size_t i = 0; i < count; ++i) out.append(i ? ",?" : "?");
  out.push_back(')');
  return out;
}

constexpr const char* kContactColumns =
    "SELECT c.id, c.reference, c.received_at, c.recorded_by, COALESCE(u.display_name, ''), c.referrer_type, "
    "c.referrer_anonymous, c.referrer_name, c.referrer_role, c.referrer_agency, c.referrer_phone, "
    "c.referrer_email, c.concern, c.channel, c.form, c.hub_consultation, c.state, c.version, c.urgent, c.queue, "
    "c.allocated_user_id, c.team_id, c.routing_note, c.household_domestic_abuse, c.household_mental_illness, "
    "c.household_substance_misuse, c.household_learning_difficulties, c.information, c.indicators, "
    "c.harm_by_another_child, c.allegation_against_professional, c.anonymity_limits_explained, "
    "c.passing_on_concern_of, COALESCE(k.number, ''), c.created_at, c.call_reference FROM contacts c LEFT JOIN users u ON u.id = c.recorded_by "
    "LEFT JOIN consultations k ON k.id = c.consultation_id ";

std::vector<std::int64_t> IdsOf(const std::vector<Contact>& contacts) {
  std::vector<std::int64_t> ids;
  for (const auto& c : contacts) ids.push_back(c.id);
  return ids;
}

Contact ContactFromRow(const Row& r) {
  Contact c;
  c.id = r.Int(0);
  c.reference = r.Text(1);
  c.received_at = ParseUtc(r.Text(2)).value_or(Instant{});
  c.recorded_by = r.Int(3);
  c.recorded_by_name = r.Text(4);
  c.referrer.type = ReferrerTypeFromId(r.Text(5)).value_or(ReferrerType::kOtherProfessional);
  c.referrer.anonymous = r.Int(6) != 0;
  c.referrer.name = r.Text(7);
  c.referrer.role = r.Text(8);
  c.referrer.agency = r.Text(9);
  c.referrer.phone = r.Text(10);
  c.referrer.email = r.Text(11);
  c.concern = r.Text(12);
  Intake& in = c.intake;
  in.channel = ChannelFromId(r.Text(13)).value_or(Channel::kPhone);
  in.form = FormKindFromId(r.Text(14)).value_or(FormKind::kNone);
  in.hub_consultation = r.Text(15);
  c.state = r.Text(16);
  c.version = r.Int(17);
  c.urgent = r.Int(18) != 0;
  c.queue = r.Text(19);
  c.allocated_user_id = r.OptionalInt(20);
  c.team_id = r.OptionalInt(21);
  c.routing_note = r.Text(22);
  for (std::size_t i = 0; i < 4; ++i) in.household[i] = AnswerFromId(r.Text(23 + i)).value_or(Answer::kNotAsked);
  // Written by InsertContact only; a value that does not parse is read as empty rather than failing the page.
  if (auto info = nlohmann::json::parse(r.Text(27), nullptr, false); info.is_object())
    for (const auto& [k, v] : info.items())
      if (v.is_string()) in.information[k] = v.get<std::string>();
  if (auto ids = nlohmann::json::parse(r.Text(28), nullptr, false); ids.is_array())
    for (const auto& v : ids)
      if (v.is_string()) in.indicators.push_back(v.get<std::string>());
  in.harm_by_another_child = r.Int(29) != 0;
  in.allegation_against_professional = r.Int(30) != 0;
  in.anonymity_limits_explained = r.Int(31) != 0;
  in.passing_on_concern_of = r.Text(32);
  in.consultation_number = r.Text(33);
  c.recorded_at = ParseUtc(r.Text(34)).value_or(c.received_at);
  in.call_reference = r.Text(35);
  return c;
}

std::optional<std::string> OptionalDate(const std::optional<std::chrono::year_month_day>& d) {
  if (!d) return std::nullopt;
  return FormatIsoDate(*d);
}

Child ChildFromRow(const Row& r) {
  Child child;
  child.first_names = r.Text(1);
  child.last_name = r.Text(2);
  if (auto dob = r.OptionalText(3)) child.date_of_birth = ParseIsoDate(*dob);
  if (auto due = r.OptionalText(4)) child.expected_date = ParseIsoDate(*due);
  child.gender = GenderFromId(r.Text(5)).value_or(Gender::kNotKnown);
  child.address = r.Text(6);
  child.school = r.Text(7);
  child.nhs_number = r.Text(8);
  child.role = ChildRoleFromId(r.Text(9)).value_or(ChildRole::kSubject);
  return child;
}

// Loads the children of several contacts in one query rather than one per contact.
void AttachChildren(Transaction& tx, std::vector<Contact>& contacts) {
  if (contacts.empty()) return;
  Params params;
  std::unordered_map<std::int64_t, Contact*> by_id;
  for (auto& contact : contacts) {
    params.emplace_back(contact.id);
    by_id[contact.id] = &contact;
  }
  for (const auto& row : tx.Query(std::string("SELECT contact_id, first_names, last_name, date_of_birth, expected_date, "
                                              "gender, address, school, nhs_number, role FROM contact_children "
                                              "WHERE contact_id IN ") +
                                      InList(contacts.size()) + " ORDER BY contact_id, position",
                                  params))
    by_id.at(row.Int(0))->children.push_back(ChildFromRow(row));
}

}  // namespace

std::int64_t NextReferenceNumber(Transaction& tx, const std::string& prefix, int year) {
  const auto changed =
      tx.Execute("UPDATE reference_counters SET last_value = last_value + 1 WHERE prefix = ? AND year = ?",
                 {prefix, year});
  if (changed == 0) {
    tx.Execute("INSERT INTO reference_counters (prefix, year, last_value) VALUES (?, ?, 1)", {prefix, year});
    return 1;
  }
  return tx.Query("SELECT last_value FROM reference_counters WHERE prefix = ? AND year = ?", {prefix, year})
      .at(0)
      .Int(0);
}

std::int64_t InsertContact(Transaction& tx, const Contact& c, Instant created_at) {
  const std::int64_t id =
      tx.Query(
            "INSERT INTO contacts (reference, received_at, recorded_by, referrer_type, referrer_anonymous, "
            "referrer_name, referrer_role, referrer_agency, referrer_phone, referrer_email, concern, created_at, "
            "channel, form, hub_consultation, state, version, urgent, queue, allocated_user_id, team_id, routing_note, "
            "household_domestic_abuse, household_mental_illness, household_substance_misuse, "
            "household_learning_difficulties, information, indicators, harm_by_another_child, "
            "allegation_against_professional, anonymity_limits_explained, passing_on_concern_of, call_reference) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
            "RETURNING id",
            {c.reference, FormatUtc(c.received_at), c.recorded_by, ReferrerTypeId(c.referrer.type),
             c.referrer.anonymous, c.referrer.name, c.referrer.role, c.referrer.agency, c.referrer.phone,
             c.referrer.email, c.concern, FormatUtc(created_at), ChannelId(c.intake.channel),
             FormKindId(c.intake.form), c.intake.hub_consultation, c.state, c.version, c.urgent, c.queue,
             c.allocated_user_id, c.team_id, c.routing_note, AnswerId(c.intake.household[0]),
             AnswerId(c.intake.household[1]), AnswerId(c.intake.household[2]), AnswerId(c.intake.household[3]),
             nlohmann::json(c.intake.information).dump(), nlohmann::json(c.intake.indicators).dump(),
             c.intake.harm_by_another_child, c.intake.allegation_against_professional,
             c.intake.anonymity_limits_explained, c.intake.passing_on_concern_of, c.intake.call_reference})
          .at(0)
          .Int(0);
  for (std::size_t i = 0; i < c.children.size(); ++i) {
    const Child& child = c.children[i];
    tx.Execute(
        "INSERT INTO contact_children (contact_id, position, first_names, last_name, date_of_birth, "
        "expected_date, gender, address, school, nhs_number, role) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, static_cast<std::int64_t>(i), child.first_names, child.last_name, OptionalDate(child.date_of_birth),
         OptionalDate(child.expected_date), GenderId(child.gender), child.address, child.school, child.nhs_number,
         ChildRoleId(child.role)});
  }
  return id;
}

std::optional<Contact> FindContact(Transaction& tx, std::int64_t id) {
  auto rows = tx.Query(std::string(kContactColumns) + "WHERE c.id = ?", {id});
  if (rows.empty()) return std::nullopt;
  std::vector<Contact> one{ContactFromRow(rows[0])};
  AttachChildren(tx, one);
  return std::move(one[0]);
}

std::optional<Contact> FindContactByReference(Transaction& tx, const std::string& reference) {
  auto rows = tx.Query(std::string(kContactColumns) + "WHERE c.reference = ?", {reference});
  if (rows.empty()) return std::nullopt;
  std::vector<Contact> one{ContactFromRow(rows[0])};
  AttachChildren(tx, one);
  return std::move(one[0]);
}

ContactPage ListContacts(Transaction& tx, int page, int page_size) {
  ContactPage result;
  result.total = tx.Query("SELECT COUNT(*) FROM contacts").at(0).Int(0);
  const std::int64_t offset = static_cast<std::int64_t>(page - 1) * page_size;
  for (const auto& row : tx.Query(std::string(kContactColumns) +
                                      "ORDER BY c.received_at DESC, c.id DESC LIMIT ? OFFSET ?",
                                  {page_size, offset}))
    result.contacts.push_back(ContactFromRow(row));
  AttachChildren(tx, result.contacts);
  result.screeners = ScreenersOf(tx, IdsOf(result.contacts));
  return result;
}

ContactPage ListQueue(Transaction& tx, const std::string& queue,
                      std::optional<std::int64_t> allocated_user_id, int page, int page_size,
                      bool urgent_only, bool awaiting_authorisation, std::optional<Instant> overdue_at) {
  ContactPage result;
  // HCR-18: a contact that arrived out of hours is still the front door's to decide, so the front
  // door's queue lists it too, in the same order (app/routing.h; docs/decisions.md "Urgent contacts
  // out of hours reach someone, and the front door's queue shows them"); "out-of-hours" alone lists
  // only those. contacts_by_queue serves the IN list.
  const std::string also = queue == "front-door" ? std::string("out-of-hours") : queue;
  // The clauses are constants chosen by the flags (the state a fixed word): nothing the user sent.
  const std::string where = std::string(urgent_only ? kUrgentQueueWhere : kQueueWhere) +
                            (awaiting_authorisation ? kAwaitingAuthorisation : "") +
                            (overdue_at ? kOverdueForDecision : "");
  Params params{queue, also, allocated_user_id, allocated_user_id};
  if (overdue_at) {
    const Params breached = BreachedIfUnmetParams(*overdue_at);
    params.insert(params.end(), breached.begin(), breached.end());
  }
  // sql-scan: allow the WHERE clause is made of the constant clauses above; values are bound
  const std::string count = "SELECT COUNT(*) FROM contacts c " + where;
  result.total = tx.Query(count, params).at(0).Int(0);
  const std::int64_t offset = static_cast<std::int64_t>(page - 1) * page_size;
  const std::string list = std::string(kContactColumns) + where + kQueueOrder;
  params.push_back(page_size);
  params.push_back(offset);
  for (const auto& row : tx.Query(list, params))
    result.contacts.push_back(ContactFromRow(row));
  AttachChildren(tx, result.contacts);
  result.screeners = ScreenersOf(tx, IdsOf(result.contacts));
  return result;
}

// The screener as ScreenersOf finds it: the allocated worker, else (once started) whoever started.
constexpr const char* kToScreenWhere =
    "WHERE c.state IN ('received', 'screening', 'screened', 'proposed') AND ("
    "EXISTS (SELECT 1 FROM screening_allocations a WHERE a.contact_id = c.id "
    "AND (CAST(? AS BIGINT) IS NULL OR a.user_id = ?)) "
    "OR (c.state <> 'received' AND NOT EXISTS (SELECT 1 FROM screening_allocations a WHERE a.contact_id = c.id) "
    "AND EXISTS (SELECT 1 FROM screenings s WHERE s.contact_id = c.id "
    "AND (CAST(? AS BIGINT) IS NULL OR s.started_by = ?)))) ";

ContactPage ListToScreen(Transaction& tx, std::optional<std::int64_t> screener_id, int page, int page_size,
                         bool urgent_only, bool awaiting_authorisation, std::optional<Instant> overdue_at) {
  ContactPage result;
  // The clauses are constants chosen by the flags: nothing the user sent.
  const std::string where = std::string(kToScreenWhere) + (urgent_only ? "AND c.urgent = 1 " : "") +
                            (awaiting_authorisation ? kAwaitingAuthorisation : "") +
                            (overdue_at ? kOverdueForDecision : "");
  Params params{screener_id, screener_id, screener_id, screener_id};
  if (overdue_at) {
    const Params breached = BreachedIfUnmetParams(*overdue_at);
    params.insert(params.end(), breached.begin(), breached.end());
  }
  // sql-scan: allow the WHERE clause is made of the constant clauses above; values are bound
  const std::string count = "SELECT COUNT(*) FROM contacts c " + where;
  result.total = tx.Query(count, params).at(0).Int(0);
  const std::int64_t offset = static_cast<std::int64_t>(page - 1) * page_size;
  const std::string list = std::string(kContactColumns) + where + kQueueOrder;
  params.push_back(page_size);
  params.push_back(offset);
  for (const auto& row : tx.Query(list, params)) result.contacts.push_back(ContactFromRow(row));
  AttachChildren(tx, result.contacts);
  result.screeners = ScreenersOf(tx, IdsOf(result.contacts));
  return result;
}

std::map<std::int64_t, Screener> ScreenersOf(Transaction& tx, const std::vector<std::int64_t>& contact_ids) {
  std::map<std::int64_t, Screener> out;
  if (contact_ids.empty()) return out;
  const Params ids(contact_ids.begin(), contact_ids.end());
  // The worker a manager allocated it to (migration 0031), else whoever started screening it, from
  // allocation until the decision is made: a screened contact awaiting its proposal or its
  // authorisation is still that worker's (docs/decisions.md "A screened contact stays someone's
  // until it is decided").
  for (const auto& row : tx.Query("SELECT c.id, COALESCE(a.user_id, s.started_by), COALESCE(u.display_name, ''), "
                                  "CASE WHEN c.state = 'received' THEN 0 ELSE 1 END, c.state FROM contacts c "
                                  "LEFT JOIN screenings s ON s.contact_id = c.id "
                                  "LEFT JOIN screening_allocations a ON a.contact_id = c.id "
                                  "LEFT JOIN users u ON u.id = COALESCE(a.user_id, s.started_by) "
                                  "WHERE (c.state IN ('screening', 'screened', 'proposed') "
                                  "OR (c.state = 'received' AND a.user_id IS NOT NULL)) "
                                  "AND c.id IN " +
                                      InList(ids.size()),
                                  ids))
    if (!row.IsNull(1)) out[row.Int(0)] = Screener{row.Int(1), row.Text(2), row.Int(3) != 0, row.Text(4)};
  return out;
}

}  // namespace fd::store
