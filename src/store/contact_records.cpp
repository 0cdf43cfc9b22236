#include "store/contact_records.h"

#include <unordered_map>

namespace fd::store {
namespace {

constexpr const char* kContactColumns =
    "SELECT c.id, c.reference, c.received_at, c.recorded_by, COALESCE(u.display_name, ''), c.referrer_type, "
    "c.referrer_anonymous, c.referrer_name, c.referrer_role, c.referrer_agency, c.referrer_phone, "
    "c.referrer_email, c.concern FROM contacts c LEFT JOIN users u ON u.id = c.recorded_by ";

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
  return child;
}

// Loads the children of several contacts in one query rather than one per contact.
void AttachChildren(Transaction& tx, std::vector<Contact>& contacts) {
  if (contacts.empty()) return;
  std::string sql =
      "SELECT contact_id, first_names, last_name, date_of_birth, expected_date, gender, address, school "
      "FROM contact_children WHERE contact_id IN (";
  Params params;
  std::unordered_map<std::int64_t, Contact*> by_id;
  for (std::size_t i = 0; i < contacts.size(); ++i) {
    sql += i ? ",?" : "?";
    params.emplace_back(contacts[i].id);
    by_id[contacts[i].id] = &contacts[i];
  }
  sql += ") ORDER BY contact_id, position";
  for (const auto& row : tx.Query(sql, params)) by_id.at(row.Int(0))->children.push_back(ChildFromRow(row));
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
            "referrer_name, referrer_role, referrer_agency, referrer_phone, referrer_email, concern, created_at) "
            "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) RETURNING id",
            {c.reference, FormatUtc(c.received_at), c.recorded_by, ReferrerTypeId(c.referrer.type),
             c.referrer.anonymous, c.referrer.name, c.referrer.role, c.referrer.agency, c.referrer.phone,
             c.referrer.email, c.concern, FormatUtc(created_at)})
          .at(0)
          .Int(0);
  for (std::size_t i = 0; i < c.children.size(); ++i) {
    const Child& child = c.children[i];
    tx.Execute(
        "INSERT INTO contact_children (contact_id, position, first_names, last_name, date_of_birth, "
        "expected_date, gender, address, school) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
        {id, static_cast<std::int64_t>(i), child.first_names, child.last_name, OptionalDate(child.date_of_birth),
         OptionalDate(child.expected_date), GenderId(child.gender), child.address, child.school});
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
  return result;
}

}  // namespace fd::store
