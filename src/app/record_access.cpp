#include "app/record_access.h"

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <map>
#include <utility>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/permissions.h"
#include "calendar/local_time.h"
#include "audit/audit_log.h"
#include "domain/contact.h"
#include "domain/role.h"
#include "domain/text.h"
#include "store/contact_records.h"
#include "store/register_records.h"

namespace fd::app {
namespace {

using nlohmann::json;

// The view events' names. The listing's SQL (kViewsOfPerson) names the same six.
constexpr const char* kPersonViewed = "person.viewed";  // recorded by GetPerson (app/people.cpp)
constexpr const char* kContactViewed = "contact.viewed";
constexpr const char* kReferrerIdentityViewed = "referrer.identity_viewed";  // RevealReferrer
constexpr const char* kConsultationViewed = "consultation.viewed";
constexpr const char* kChairConsultationViewed = "chair-consultation.viewed";
constexpr const char* kInformationRequestViewed = "information-request.viewed";  // OpenInformationRequest

json OptionalId(std::optional<std::int64_t> id) { return id ? json(*id) : json(nullptr); }

// A person's records (`records`: record_type, record_id as the audit log spells it, and the
// reference shown) and the sequence numbers of their view events (`views`). Parameters: the person
// id twice. Each step is an index lookup (migration 0016; record_access.h lists the indexes). The
// CROSS JOIN keeps SQLite's loop order: each of the person's records, then its events from the
// (record_type, record_id, action, seq) index, never a walk of the whole log in sequence order
// (which "ORDER BY seq DESC LIMIT" would otherwise tempt it into). PostgreSQL plans it freely.
constexpr const char* kViewsOfPerson =
    "WITH who AS (SELECT id FROM people WHERE id = ? UNION SELECT id FROM people WHERE merged_into = ?), "
    "records (record_type, record_id, reference) AS ("
    " SELECT 'person', CAST(id AS TEXT), CAST(id AS TEXT) FROM who"
    " UNION SELECT 'contact', CAST(c.id AS TEXT), c.reference FROM contact_children cc"
    "   JOIN contacts c ON c.id = cc.contact_id WHERE cc.person_id IN (SELECT id FROM who)"
    " UNION SELECT 'consultation', CAST(k.id AS TEXT), k.number FROM consultations k"
    "   WHERE k.person_id IN (SELECT id FROM who)"
    " UNION SELECT 'chair-consultation', CAST(h.id AS TEXT), h.reference FROM chair_consultations h"
    "   WHERE h.person_id IN (SELECT id FROM who)"
    " UNION SELECT 'information_request', CAST(q.id AS TEXT), q.reference FROM information_requests q"
    "   WHERE q.person_id IN (SELECT id FROM who)), "
    "views AS (SELECT e.seq FROM records r CROSS JOIN audit_events e"
    " WHERE e.record_type = r.record_type AND e.record_id = r.record_id AND e.action IN ('person.viewed', 'contact.viewed', 'referrer.identity_viewed', 'consultation.viewed',"
    " 'chair-consultation.viewed', 'information-request.viewed')) ";

std::string KindOf(const std::string& action) {
  if (action == kPersonViewed) return "person";
  if (action == kContactViewed) return "contact";
  if (action == kReferrerIdentityViewed) return "referrer-identity";
  if (action == kConsultationViewed) return "consultation";
  if (action == kChairConsultationViewed) return "chair-consultation";
  if (action == kInformationRequestViewed) return "information-request";
  return action;
}

std::string ReasonIn(const std::string& changes) {
  const json payload = json::parse(changes, nullptr, false);
  if (!payload.is_object()) return "";
  auto it = payload.find("reason");
  return it != payload.end() && it->is_string() ? it->get<std::string>() : std::string();
}

// "123" → 123; nullopt for anything but a whole number above 0.
std::optional<std::int64_t> WholeNumber(const std::string& text) {
  if (text.empty() || text.size() > 15) return std::nullopt;
  std::int64_t n = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
    n = n * 10 + (c - '0');
  }
  return n > 0 ? std::optional<std::int64_t>(n) : std::nullopt;
}

// Finding 7: the DPO finds a person by name, as a data subject gives it: "Mia Example", or with the
// date of birth, "Mia Example 2017-05-14" (or 14/05/2017). Exact names, any case, never merged
// records. A search of the register, audited as any other ("person.searched": the fields, never the values).
Result<std::vector<std::int64_t>> FindRecordAccessPeopleByName(AppContext& ctx, const Actor& actor,
                                                              const std::string& text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text + " ") {
    if (c == ' ' || c == ',' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  std::optional<std::string> born;
  if (!words.empty()) {
    const std::string& last = words.back();
    std::string iso = last;
    if (int d = 0, m = 0, y = 0; std::sscanf(last.c_str(), "%d/%d/%d", &d, &m, &y) == 3)
      iso = fmt::format("{:04}-{:02}-{:02}", y, m, d);
    if (ParseIsoDate(iso)) {
      born = iso;
      words.pop_back();
    } else if (std::isdigit(static_cast<unsigned char>(last.front()))) {
      return std::unexpected(Error::InvalidField(
          "person", "Enter the date of birth as a real date after the name, like Mia Example 2017-05-14"));
    }
  }
  if (words.size() < 2)
    return std::unexpected(Error::InvalidField(
        "person", "Enter the person's first and last names (and their date of birth), a register number, a contact "
                  "reference like FD-2026-000123 or a request's reference like IR-2026-000123"));
  std::string first;
  for (std::size_t i = 0; i + 1 < words.size(); ++i) first += (first.empty() ? "" : " ") + words[i];
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  const auto rows =
      born ? tx->Query("SELECT id FROM people WHERE merged_into IS NULL AND LOWER(first_names) = LOWER(?) AND "
                       "LOWER(last_name) = LOWER(?) AND date_of_birth = ? ORDER BY id",
                       {first, words.back(), *born})
           : tx->Query("SELECT id FROM people WHERE merged_into IS NULL AND LOWER(first_names) = LOWER(?) AND "
                       "LOWER(last_name) = LOWER(?) ORDER BY id",
                       {first, words.back()});
  std::vector<std::int64_t> people;
  for (const auto& row : rows) people.push_back(row.Int(0));
  json fields = json::array({"first_names", "last_name"});
  if (born) fields.push_back("date_of_birth");
  audit::Append(*tx, {now, actor.user_id, actor.username, "person.searched", "person", "",
                      {{"fields", fields}, {"candidates", people.size()}, {"shown", people}, {"for", "record-access"}}});
  tx->Commit();
  if (people.empty())
    return std::unexpected(Error::InvalidField(
        "person", born ? "No one on the register has that name and date of birth: check the spelling and the date"
                       : "No one on the register has that name: check the spelling, or add the date of birth"));
  return people;
}

// Finding 7: a person retention purged is on the register no more, but the log keeps that it went:
// "retention.purged" of the person, its payload the class and the pack's basis (app/retention.cpp).
std::string NoPersonMessage(store::Transaction& tx, std::int64_t person_id, const std::string& zone) {
  const auto rows = tx.Query(
      "SELECT at, changes FROM audit_events WHERE record_type = 'person' AND record_id = ? AND "
      "action = 'retention.purged' ORDER BY seq DESC LIMIT 1",
      {std::to_string(person_id)});
  if (rows.empty()) return "There is no person with that number on the register";
  const auto at = ParseUtc(rows[0].Text(0));
  const json payload = json::parse(rows[0].Text(1), nullptr, false);
  auto field = [&](const char* key) {
    auto it = payload.is_object() ? payload.find(key) : payload.end();
    return it != payload.end() && it->is_string() ? it->get<std::string>() : std::string();
  };
  std::string under = field("class").empty() ? std::string("the pack's retention period")
                                             : "the pack's \"" + field("class") + "\" retention period";
  if (!field("basis").empty()) under += " (" + field("basis") + ")";
  return fmt::format("Person {} is no longer on the register: purged by retention on {}, under {}. Who viewed "
                     "their records before then is in the audit log",
                     person_id, at ? calendar::FormatLocalDateForPeople(*at, zone) : rows[0].Text(0), under);
}

}  // namespace

audit::AuditEvent ContactViewed(store::Transaction& tx, const Actor& actor, Instant now, std::int64_t contact_id) {
  json people = json::array();
  for (const auto& person : store::ContactChildPeople(tx, contact_id))
    if (person) people.push_back(*person);
  return {now, actor.user_id, actor.username, kContactViewed, "contact", std::to_string(contact_id),
          {{"person_ids", people}}};
}

audit::AuditEvent PersonViewed(const Actor& actor, Instant now, std::int64_t person_id, bool restricted,
                               bool existence_only) {
  return {now, actor.user_id, actor.username, kPersonViewed, "person", std::to_string(person_id),
          {{"restricted", restricted}, {"existence_only", existence_only}}};
}

audit::AuditEvent ConsultationViewed(const Actor& actor, Instant now, std::int64_t id, const std::string& number,
                                     std::optional<std::int64_t> person_id) {
  return {now, actor.user_id, actor.username, kConsultationViewed, "consultation", std::to_string(id),
          {{"number", number}, {"person_id", OptionalId(person_id)}}};
}

audit::AuditEvent ChairConsultationViewed(const Actor& actor, Instant now, std::int64_t id,
                                          const std::string& reference, std::optional<std::int64_t> person_id) {
  return {now, actor.user_id, actor.username, kChairConsultationViewed, "chair-consultation", std::to_string(id),
          {{"reference", reference}, {"person_id", OptionalId(person_id)}}};
}

audit::AuditEvent InformationRequestViewed(const Actor& actor, Instant now, std::int64_t id,
                                           const std::string& reference, const std::string& type,
                                           std::optional<std::int64_t> person_id) {
  return {now, actor.user_id, actor.username, kInformationRequestViewed, "information_request", std::to_string(id),
          {{"reference", reference}, {"type", type}, {"person_id", OptionalId(person_id)}}};
}

void AuditView(AppContext& ctx, audit::AuditEvent event) { ctx.read_audit->Record(ctx.store, std::move(event)); }

Result<RecordAccess> ListRecordAccess(AppContext& ctx, const Actor& actor, std::int64_t person_id, int page,
                                      int page_size) {
  if (auto allowed = Authorise(actor, Action::kViewRecordAccess); !allowed) return std::unexpected(allowed.error());
  std::vector<FieldError> errors;
  if (page < 1) errors.push_back({"page", "Page must be 1 or more"});
  if (page_size < 1 || page_size > kMaxRecordAccessPageSize)
    errors.push_back({"page_size", "Page size must be between 1 and 100"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  const Instant now = ctx.clock.Now();
  // A write transaction: the listing is itself audited, in the same unit as the read.
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto person = store::FindRegisterPerson(*tx, person_id);
  if (!person) return std::unexpected(Error::NotFound(NoPersonMessage(*tx, person_id, ctx.time_zone)));

  RecordAccess out;
  out.person_id = person_id;
  out.restricted = person->restricted;
  out.page = page;
  out.page_size = page_size;
  const store::Params twice = {person_id, person_id};
  out.total = tx->Query(std::string(kViewsOfPerson) + "SELECT COUNT(*) FROM views", twice).at(0).Int(0);
  // The references shown, by record: a person has few records, however many views.
  std::map<std::pair<std::string, std::string>, std::string> references;
  for (const auto& row : tx->Query(std::string(kViewsOfPerson) + "SELECT record_type, record_id, reference FROM records",
                                   twice))
    references[{row.Text(0), row.Text(1)}] = row.Text(2);
  // The page's sequence numbers come from the index alone; only those events are read. (Joining
  // `records` here as well tempts SQLite into a Bloom filter built by scanning the whole log.)
  const std::int64_t offset = static_cast<std::int64_t>(page - 1) * page_size;
  const auto rows = tx->Query(
      std::string(kViewsOfPerson) +
          "SELECT e.at, e.actor, e.action, e.record_type, e.record_id, e.changes, u.display_name, u.role "
          "FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id "
          "WHERE e.seq IN (SELECT seq FROM views ORDER BY seq DESC LIMIT ? OFFSET ?) ORDER BY e.seq DESC",
      {person_id, person_id, static_cast<std::int64_t>(page_size), offset});
  for (const auto& row : rows) {
    RecordView v;
    v.at = ParseUtc(row.Text(0)).value_or(Instant{});
    const auto name = row.OptionalText(6);
    v.user = name ? *name : row.Text(1);
    if (const auto role = row.OptionalText(7)) {
      v.role = *role;
      if (auto known = RoleFromId(*role)) v.role_title = std::string(RoleTitle(*known));
    }
    v.kind = KindOf(row.Text(2));
    v.record_id = WholeNumber(row.Text(4)).value_or(0);
    auto reference = references.find({row.Text(3), row.Text(4)});
    v.record = reference != references.end() ? reference->second : row.Text(4);
    v.reason = ReasonIn(row.Text(5));
    out.views.push_back(std::move(v));
  }
  audit::Append(*tx, {now, actor.user_id, actor.username, "record-access.listed", "person", std::to_string(person_id),
                      {{"page", page}, {"page_size", page_size}, {"total", out.total}}});
  tx->Commit();
  return out;
}

Result<std::vector<std::int64_t>> FindRecordAccessPeople(AppContext& ctx, const Actor& actor,
                                                         const std::string& number_or_reference) {
  if (auto allowed = Authorise(actor, Action::kViewRecordAccess); !allowed) return std::unexpected(allowed.error());
  std::string text = Trim(number_or_reference);
  if (text.empty())
    return std::unexpected(Error::InvalidField(
        "person", "Enter a person's name (and date of birth), register number, a contact reference or a request for "
                  "information's reference"));
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  if (auto id = WholeNumber(text)) {
    if (!store::FindRegisterPerson(*tx, *id))
      return std::unexpected(Error::InvalidField("person", NoPersonMessage(*tx, *id, ctx.time_zone)));
    return std::vector<std::int64_t>{*id};
  }
  std::string upper = text;
  std::transform(upper.begin(), upper.end(), upper.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (upper.starts_with("IR-")) {
    // Finding 7: a request for information's reference, for a subject access or "why was this shared?".
    auto rows = tx->Query("SELECT person_id FROM information_requests WHERE reference = ?", {upper});
    if (rows.empty())
      return std::unexpected(Error::InvalidField(
          "person", "There is no request for information with that reference: check it, like IR-2026-000123"));
    const auto person = rows[0].OptionalInt(0);
    if (!person)
      return std::unexpected(Error::InvalidField(
          "person", "Request " + upper + " names no one on the register: search by the person's name and date of birth"));
    return std::vector<std::int64_t>{*person};
  }
  if (!upper.starts_with("FD-")) {
    tx.reset();  // the name search is audited, in a write transaction of its own
    return FindRecordAccessPeopleByName(ctx, actor, text);
  }
  auto contact = store::FindContactByReference(*tx, upper);
  if (!contact)
    return std::unexpected(Error::InvalidField(
        "person", "There is no person with that number and no contact with that reference, like FD-2026-000123"));
  std::vector<std::int64_t> people;
  for (const auto& person : store::ContactChildPeople(*tx, contact->id))
    if (person && std::find(people.begin(), people.end(), *person) == people.end()) people.push_back(*person);
  if (people.empty())
    return std::unexpected(Error::InvalidField(
        "person", "No child on contact " + contact->reference + " is linked to the register yet"));
  return people;
}

}  // namespace fd::app
