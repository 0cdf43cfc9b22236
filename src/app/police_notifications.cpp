#include "app/police_notifications.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include <algorithm>
#include <cctype>
#include <set>
#include <span>

#include "app/contacts.h"
#include "app/match_bands.h"
#include "app/permissions.h"
#include "app/person_directory.h"
#include "app/person_search.h"
#include "audit/audit_log.h"
#include "notify/secure_recipients.h"
#include "policy/rule_citations.h"
#include "calendar/local_time.h"
#include "domain/contact.h"
#include "domain/field_words.h"
#include "domain/police_notification.h"
#include "domain/text.h"

namespace fd::app {
namespace {

using nlohmann::json;

constexpr std::size_t kCandidatesPerChild = 3;

// A JSON value as the text a draft field holds: strings as they are, nothing else accepted.
std::string TextOf(const json& item, const char* key, std::vector<FieldError>& errors, const std::string& prefix = "") {
  auto it = item.find(key);
  if (it == item.end() || it->is_null()) return "";
  if (it->is_string()) return it->get<std::string>();
  errors.push_back({prefix + key, NotTextMessage(prefix + key)});
  return "";
}

// One JSON notification as a draft; type errors (a number where text belongs) are the row's problems.
PoliceNotificationDraft DraftFromJson(const json& item, std::vector<FieldError>& errors) {
  PoliceNotificationDraft d;
  if (!item.is_object()) {
    errors.push_back({"notification", "Each notification must be a JSON object"});
    return d;
  }
  d.force_reference = TextOf(item, "force_reference", errors);
  d.notified_at = TextOf(item, "notified_at", errors);
  d.risk_level = TextOf(item, "risk_level", errors);
  d.incident_summary = TextOf(item, "incident_summary", errors);
  d.officer = TextOf(item, "officer", errors);
  d.officer_email = TextOf(item, "officer_email", errors);
  if (auto it = item.find("children"); it != item.end() && !it->is_null()) {
    if (!it->is_array()) errors.push_back({"children", NotAListMessage("children", "one object for each child")});
    else
      for (std::size_t i = 0; i < it->size(); ++i) {
        const json& c = (*it)[i];
        const std::string at = fmt::format("children[{}].", i);
        if (!c.is_object()) {
          errors.push_back({fmt::format("children[{}]", i), "Each child must be a JSON object"});
          continue;
        }
        d.children.push_back({TextOf(c, "first_names", errors, at), TextOf(c, "last_name", errors, at),
                              TextOf(c, "date_of_birth", errors, at), TextOf(c, "address", errors, at),
                              TextOf(c, "expected_date", errors, at)});
      }
  }
  if (auto it = item.find("adults"); it != item.end() && !it->is_null()) {
    if (!it->is_array()) errors.push_back({"adults", NotAListMessage("adults", "one object for each adult")});
    else
      for (std::size_t i = 0; i < it->size(); ++i) {
        const json& a = (*it)[i];
        const std::string at = fmt::format("adults[{}].", i);
        if (!a.is_object()) {
          errors.push_back({fmt::format("adults[{}]", i), "Each adult must be a JSON object"});
          continue;
        }
        d.adults.push_back({TextOf(a, "name", errors, at), TextOf(a, "role", errors, at)});
      }
  }
  return d;
}

// The expected date is written only for an unborn child, so a notification without one has the same
// JSON, and so the same fingerprint, as before there were expected dates: a resent batch stays a repeat.
json ChildrenJson(const std::vector<NotifiedChildDraft>& children) {
  json out = json::array();
  for (const auto& c : children) {
    json child = {{"first_names", c.first_names}, {"last_name", c.last_name}, {"date_of_birth", c.date_of_birth},
                  {"address", c.address}};
    if (c.IsUnborn()) child["expected_date"] = c.expected_date;
    out.push_back(std::move(child));
  }
  return out;
}

json AdultsJson(const std::vector<NotifiedAdultDraft>& adults) {
  json out = json::array();
  for (const auto& a : adults) out.push_back({{"name", a.name}, {"role", a.role}});
  return out;
}

// The notification in canonical JSON: what its fingerprint is taken of, whichever format it came in.
json CanonicalJson(const PoliceNotification& n) {
  return {{"force_reference", n.force_reference}, {"notified_at", FormatUtc(n.notified_at)},
          {"risk_level", PoliceRiskLevelId(n.risk_level)}, {"incident_summary", n.incident_summary},
          {"officer", n.officer}, {"officer_email", n.officer_email}, {"children", ChildrenJson(n.children)},
          {"adults", AdultsJson(n.adults)}};
}

std::optional<match::DateOfBirth> MatchDate(const std::string& text) {
  auto date = ParseIsoDate(text);
  if (!date) return std::nullopt;
  return match::DateOfBirth{static_cast<int>(date->year()), static_cast<int>(static_cast<unsigned>(date->month())),
                            static_cast<int>(static_cast<unsigned>(date->day()))};
}

// The register's candidates for each child, best first (at least a possible match: app/match_bands.h).
// Without a people directory nothing is searched and every child has none, said so in "searched";
// nor is an unborn child with no name yet: there is nothing to look for it by.
json MatchChildren(AppContext& ctx, const std::vector<NotifiedChildDraft>& children) {
  json out = json::array();
  for (const auto& c : children) {
    const bool named = !c.first_names.empty() || !c.last_name.empty();
    json entry = {{"searched", ctx.people != nullptr && named}, {"candidates", json::array()}};
    if (ctx.people && named) {
      match::PersonQuery query;
      query.forenames = SplitWords(c.first_names);
      if (!c.last_name.empty()) query.surname = c.last_name;
      query.date_of_birth = MatchDate(c.date_of_birth);
      if (auto found = ctx.people->Search(query, kCandidatesPerChild, kPossibleMatch))
        for (const auto& candidate : *found)
          entry["candidates"].push_back({{"person_id", candidate.id},
                                         {"probability", candidate.probability},
                                         {"band", candidate.probability >= kLikelyMatch ? "likely" : "possible"}});
    }
    out.push_back(std::move(entry));
  }
  return out;
}

// The register ids a notification's matches name.
void CandidateIds(const json& matches, std::set<std::int64_t>& ids) {
  if (!matches.is_array()) return;
  for (const auto& m : matches)
    if (m.is_object() && m.contains("candidates"))
      for (const auto& c : m.at("candidates"))
        if (c.is_object() && c.contains("person_id")) ids.insert(c.at("person_id").get<std::int64_t>());
}

// The notifications' matches as `actor` may see them: a restricted record the actor is not a named
// viewer of keeps its place but shows only that it exists and whom to ask, as the register search
// shows it (docs/api.md "People search"). One look at the register for the whole page.
void ShowMatchesTo(store::Transaction& tx, const Actor& actor, std::vector<store::PoliceNotificationRecord>& items) {
  std::vector<json> parsed;
  parsed.reserve(items.size());
  std::set<std::int64_t> ids;
  for (const auto& n : items) {
    parsed.push_back(json::parse(n.matches, nullptr, false));
    CandidateIds(parsed.back(), ids);
  }
  const auto hidden = RestrictedFrom(tx, actor, ids);
  if (hidden.empty()) return;
  for (std::size_t i = 0; i < items.size(); ++i) {
    json& matches = parsed[i];
    if (!matches.is_array()) continue;
    bool changed = false;
    for (auto& m : matches) {
      if (!m.is_object() || !m.contains("candidates")) continue;
      for (auto& c : m.at("candidates")) {
        if (!c.is_object() || !c.contains("person_id")) continue;
        auto it = hidden.find(c.at("person_id").get<std::int64_t>());
        if (it == hidden.end()) continue;
        c = {{"restricted", true}, {"record_exists", true}, {"ask", it->second}};
        changed = true;
      }
    }
    if (changed) items[i].matches = matches.dump();
  }
}

struct CheckedRow {
  std::size_t row = 0;
  PoliceNotification notification;
  std::string fingerprint;
};

void Refuse(PoliceBatchReport& report, std::size_t row, const std::string& reference,
            const std::vector<FieldError>& errors) {
  for (const auto& e : errors) report.problems.push_back({row, reference, e.field, e.message});
  ++report.refused;
}

// Writes one chunk of checked rows in one transaction: repeats are counted, clashes refused, the rest
// matched, inserted and audited.
void WriteChunk(AppContext& ctx, const Actor& actor, std::span<const CheckedRow> rows, std::int64_t batch_id,
                Instant now, PoliceBatchReport& report) {
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  for (const auto& r : rows) {
    const auto& n = r.notification;
    if (auto known = store::FindPoliceReference(*tx, n.force_reference)) {
      if (known->request_hash == r.fingerprint) {
        ++report.repeated;
        continue;
      }
      Refuse(report, r.row, n.force_reference,
             {{"force_reference", fmt::format("Force reference {} was already received with different details: a "
                                              "correction needs a new reference",
                                              n.force_reference)}});
      continue;
    }
    store::PoliceNotificationRecord record;
    record.batch_id = batch_id;
    record.force_reference = n.force_reference;
    record.request_hash = r.fingerprint;
    record.notified_at = n.notified_at;
    record.risk_level = std::string(PoliceRiskLevelId(n.risk_level));
    const TriageGrade grade = GradeOf(n.risk_level);
    record.grade = std::string(TriageGradeId(grade));
    record.grade_rank = TriageRank(grade);
    record.incident_summary = n.incident_summary;
    record.officer = n.officer;
    record.officer_email = n.officer_email;
    record.children = ChildrenJson(n.children).dump();
    record.adults = AdultsJson(n.adults).dump();
    const json matches = MatchChildren(ctx, n.children);
    record.matches = matches.dump();
    record.received_at = now;
    record.id = store::InsertPoliceNotification(*tx, record);
    // The audit holds the candidates' ids (the register check), not the notification's content.
    json candidate_ids = json::array();
    for (const auto& m : matches)
      for (const auto& c : m.at("candidates")) candidate_ids.push_back(c.at("person_id"));
    audit::Append(*tx, {now, actor.user_id, actor.username, "police-notification.received", "police-notification",
                        std::to_string(record.id),
                        {{"batch", batch_id}, {"force_reference", n.force_reference}, {"risk_level", record.risk_level},
                         {"grade", record.grade}, {"candidates", candidate_ids}}});
    ++report.imported;
    report.imported_ids.push_back(record.id);
  }
  tx->Commit();
}

}  // namespace

Result<PoliceBatchReport> ImportPoliceBatch(AppContext& ctx, const Actor& actor, std::string_view format,
                                            std::string_view body) {
  if (auto allowed = Authorise(actor, Action::kImportPoliceNotifications); !allowed)
    return std::unexpected(allowed.error());
  std::vector<PoliceNotificationDraft> drafts;
  std::vector<std::vector<FieldError>> shape_errors;  // per row: JSON type problems
  if (format == "csv") {
    // A file saved in another encoding (Excel's plain "CSV" is Windows-1252) would be refused field by
    // field; one message says what to do instead.
    if (!IsValidUtf8(body))
      return std::unexpected(Error::InvalidField(
          "body", "The file is not UTF-8: save it as UTF-8 (CSV UTF-8 in Excel) and upload it again"));
    auto read = ReadPoliceNotificationCsv(body);
    if (!read) return std::unexpected(read.error());
    drafts = std::move(*read);
    shape_errors.resize(drafts.size());
  } else if (format == "json") {
    const json parsed = json::parse(body, nullptr, false);
    if (parsed.is_discarded()) return std::unexpected(Error::InvalidField("body", "The body is not valid JSON"));
    const json* list = &parsed;
    if (parsed.is_object() && parsed.contains("notifications")) list = &parsed.at("notifications");
    if (!list->is_array())
      return std::unexpected(Error::InvalidField("body", "Send a list of notifications, or {\"notifications\": [...]}"));
    for (const auto& item : *list) {
      shape_errors.emplace_back();
      drafts.push_back(DraftFromJson(item, shape_errors.back()));
    }
  } else {
    return std::unexpected(Error::InvalidField("format", "Send the batch as CSV (text/csv) or JSON (application/json)"));
  }
  if (drafts.empty()) return std::unexpected(Error::InvalidField("body", "The batch holds no notifications"));
  if (drafts.size() > kMaxPoliceBatchRows)
    return std::unexpected(Error::InvalidField(
        "body", fmt::format("A batch may hold up to {} notifications: split it", kMaxPoliceBatchRows)));

  const Instant now = ctx.clock.Now();
  PoliceBatchReport report;
  report.rows = drafts.size();
  std::vector<CheckedRow> checked;
  checked.reserve(drafts.size());
  for (std::size_t i = 0; i < drafts.size(); ++i) {
    const std::size_t row = i + 1;
    auto valid = ValidatePoliceNotification(drafts[i], now);
    std::vector<FieldError> errors = shape_errors[i];
    if (!valid) errors.insert(errors.end(), valid.error().begin(), valid.error().end());
    // KCR-5 limits what the front door sends, not what it takes in: an officer's address that is not
    // secure is no reason to refuse a notification (KCR-18). It is flagged when shown
    // (HasSecureReplyAddress) and nothing is ever e-mailed to it.
    if (!errors.empty()) {
      Refuse(report, row, Trim(drafts[i].force_reference), errors);
      continue;
    }
    std::string fingerprint = audit::Sha256Hex(CanonicalJson(*valid).dump());
    checked.push_back({row, std::move(*valid), std::move(fingerprint)});
  }

  if (ctx.people) ctx.people->CatchUp(ctx.store);  // see the register as committed before the import
  store::PoliceBatchRecord batch{0, now, actor.user_id, std::string(format), static_cast<std::int64_t>(drafts.size()),
                                 0, 0, 0};
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
    batch.id = store::InsertPoliceBatch(*tx, batch);
    tx->Commit();
  }
  report.batch_id = batch.id;
  for (std::size_t start = 0; start < checked.size(); start += kPoliceRowsPerTransaction) {
    const std::size_t count = std::min(kPoliceRowsPerTransaction, checked.size() - start);
    WriteChunk(ctx, actor, std::span<const CheckedRow>(checked).subspan(start, count), batch.id, now, report);
  }
  std::sort(report.problems.begin(), report.problems.end(),
            [](const PoliceRowProblem& a, const PoliceRowProblem& b) { return a.row < b.row; });
  batch.rows_imported = static_cast<std::int64_t>(report.imported);
  batch.rows_repeated = static_cast<std::int64_t>(report.repeated);
  batch.rows_refused = static_cast<std::int64_t>(report.refused);
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  store::UpdatePoliceBatchCounts(*tx, batch);
  audit::Append(*tx, {now, actor.user_id, actor.username, "police-batch.received", "police-batch",
                      std::to_string(batch.id),
                      {{"format", batch.format}, {"rows", report.rows}, {"imported", report.imported},
                       {"repeated", report.repeated}, {"refused", report.refused}}});
  tx->Commit();
  return report;
}

Result<PoliceQueuePage> ListPoliceNotifications(AppContext& ctx, const Actor& actor, const std::string& status,
                                                int page, int page_size) {
  auto triage = Authorise(actor, Action::kTriagePoliceNotifications);
  if (!triage && !Authorise(actor, Action::kImportPoliceNotifications)) return std::unexpected(triage.error());
  std::vector<FieldError> errors;
  if (status != "awaiting-triage" && status != "closed" && status != "contact-opened")
    errors.push_back({"status", "Choose a status: awaiting-triage, closed or contact-opened"});
  if (page < 1) errors.push_back({"page", "Page must be 1 or more"});
  if (page_size < 1 || page_size > 500) errors.push_back({"page_size", "Page size must be between 1 and 500"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto found = store::ListPoliceNotifications(*tx, status, page, page_size);
  ShowMatchesTo(*tx, actor, found.items);
  return PoliceQueuePage{std::move(found.items), found.total, store::OldestAwaitingTriage(*tx)};
}

bool HasSecureReplyAddress(const AppContext& ctx, const store::PoliceNotificationRecord& n) {
  return notify::IsSecureAddress(Trim(n.officer_email), ctx.procedures.PackAt(n.received_at).secure_email_domains);
}

std::optional<Instant> PoliceDecisionDue(const AppContext& ctx, const store::PoliceNotificationRecord& n) {
  const policy::PolicyPack& pack = ctx.procedures.PackAt(n.received_at);
  auto rule = pack.timescales.end();
  if (n.risk_level == "high") rule = pack.timescales.find("immediate-protection");
  if (rule == pack.timescales.end()) rule = pack.timescales.find("decision");
  if (rule == pack.timescales.end()) return std::nullopt;
  return ctx.procedures.CalendarAt(n.received_at).Due(rule->second.timescale, n.received_at);
}

namespace {

// An adult the force names as the alleged perpetrator ("alleged perpetrator", "Perpetrator (alleged)").
bool IsAllegedPerpetrator(const std::string& role) {
  std::string lower;
  for (char c : role) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return lower.find("perpetrator") != std::string::npos;
}

// The contact a notification becomes: the officer is the referrer, the incident the concern, and
// the household has domestic abuse (that is what the notification reports). What the force told us
// fills the information it answers (KCR-7): the alleged perpetrator the force names, and an unborn
// child's expected date in place of a date of birth. Times are the
// authority's local time (CAL-1), as everywhere people read them.
ContactDraft ContactFrom(const store::PoliceNotificationRecord& n, const std::string& time_zone) {
  ContactDraft draft;
  draft.referrer_type = "police";
  draft.referrer_name = n.officer;
  draft.referrer_email = n.officer_email;
  draft.referrer_agency = "Police";
  draft.referrer_role = "Police officer";
  const json children = json::parse(n.children, nullptr, false);
  if (children.is_array())
    for (const auto& c : children) {
      ChildDraft child;
      child.first_names = c.value("first_names", "");
      child.last_name = c.value("last_name", "");
      child.date_of_birth = c.value("date_of_birth", "");
      child.expected_date = c.value("expected_date", "");
      child.address = c.value("address", "");
      child.gender = "not_known";
      draft.children.push_back(std::move(child));
    }
  std::string adults, perpetrators;
  const json list = json::parse(n.adults, nullptr, false);
  if (list.is_array())
    for (const auto& a : list) {
      const std::string name = a.value("name", "");
      const std::string role = a.value("role", "");
      if (!adults.empty()) adults += "; ";
      adults += name;
      if (!role.empty()) adults += fmt::format(" ({})", role);
      if (IsAllegedPerpetrator(role)) perpetrators += (perpetrators.empty() ? "" : "; ") + name;
    }
  draft.concern = fmt::format("Police domestic abuse notification {} ({} risk), notified {}.\n\n{}", n.force_reference,
                              n.risk_level, calendar::FormatLocalForPeople(n.notified_at, time_zone),
                              n.incident_summary);
  if (!adults.empty()) draft.concern += fmt::format("\n\nAdults involved: {}", adults);
  if (!perpetrators.empty())
    draft.intake.information["alleged_perpetrator"] =
        fmt::format("{} (named by the police in notification {})", perpetrators, n.force_reference);
  draft.intake.channel = "email";
  draft.intake.household["domestic_abuse"] = "yes";
  return draft;
}

// KCR-8, HCR-27: the front door received the referral when the force's batch arrived; the force's
// high risk makes the contact urgent (HCR-12, HCR-13: at the top of the queue, decided at once).
EarlierReceipt ReceiptOf(const AppContext& ctx, const store::PoliceNotificationRecord& n) {
  EarlierReceipt receipt;
  receipt.received_at = n.received_at;
  receipt.police_notification = true;
  // KCR-5: no e-mail goes to an address that is not secure, the acknowledgement included; the
  // contact says so, so the officer is answered another way.
  if (!HasSecureReplyAddress(ctx, n))
    receipt.note = policy::CiteRules(
        ctx.procedures.PackAt(n.received_at),
        fmt::format("{}. Nothing is e-mailed to the officer's address (KCR-5), so the acknowledgement was not sent.",
                    kNoSecureReplyNote));
  receipt.urgent = n.risk_level == "high";
  if (receipt.urgent)
    receipt.urgent_note = fmt::format("Urgent: the police graded the risk high in notification {}, so it is at the "
                                      "top of the queue.",
                                      n.force_reference);
  return receipt;
}

}  // namespace

Result<std::vector<PoliceDecided>> DecidePoliceNotifications(AppContext& ctx, const Actor& actor,
                                                             const PoliceDecisionRequest& request) {
  if (auto allowed = Authorise(actor, Action::kTriagePoliceNotifications); !allowed)
    return std::unexpected(allowed.error());
  std::vector<FieldError> errors;
  if (request.ids.empty()) errors.push_back({"ids", "Select at least one notification"});
  if (request.ids.size() > kMaxPoliceDecisionIds)
    errors.push_back({"ids", fmt::format("Decide up to {} notifications at once", kMaxPoliceDecisionIds)});
  if (std::set<std::int64_t>(request.ids.begin(), request.ids.end()).size() != request.ids.size())
    errors.push_back({"ids", "A notification is selected twice"});
  const bool close = request.decision == "information-only";
  if (!close && request.decision != "open-contact")
    errors.push_back({"decision", "Choose information-only (close) or open-contact"});
  const std::string reason = Trim(request.reason);
  if (auto problem = CheckRequiredText(reason, 2000, true, "the reason for the decision"))
    errors.push_back({"reason", *problem});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  std::vector<PoliceDecided> decided;
  bool conflict = false;
  for (std::size_t i = 0; i < request.ids.size(); ++i) {
    const std::string field = fmt::format("ids[{}]", i);
    auto n = store::FindPoliceNotification(*tx, request.ids[i]);
    if (!n) {
      errors.push_back({field, fmt::format("There is no police notification {}", request.ids[i])});
      continue;
    }
    if (n->status != "awaiting-triage") {
      errors.push_back({field, fmt::format("Notification {} has already been decided", n->force_reference)});
      conflict = true;
      continue;
    }
    // A high-risk notification means a child may need protecting now: it is never closed unseen in
    // a bulk "information only"; it becomes a contact and is screened (docs/decisions.md).
    if (close && n->risk_level == "high") {
      errors.push_back({field, fmt::format("Notification {} is high risk: it cannot be closed as information only; "
                                           "open a contact for it",
                                           n->force_reference)});
      continue;
    }
    PoliceDecided one{n->id, close ? "closed" : "contact-opened", std::nullopt, ""};
    if (!close) {
      ContactDraft draft = ContactFrom(*n, ctx.time_zone);
      draft.intake.channel = "police_notification";  // how it came in: not an e-mail
      auto contact = RecordContactIn(ctx, *tx, actor, draft, ReceiptOf(ctx, *n));
      if (!contact) {
        if (!contact.error().IsInvalid()) return std::unexpected(contact.error());
        for (const auto& e : contact.error().fields)
          errors.push_back({field, fmt::format("Notification {} cannot become a contact: {}: {}", n->force_reference,
                                               PoliceFieldInWords(e.field), e.message)});
        continue;
      }
      one.contact_id = contact->id;
      one.contact_reference = contact->reference;
    }
    if (!store::DecidePoliceNotification(*tx, n->id, one.status, reason, now, actor.user_id, one.contact_id)) {
      errors.push_back({field, fmt::format("Notification {} has already been decided", n->force_reference)});
      conflict = true;
      continue;
    }
    json changes = {{"force_reference", n->force_reference}, {"decision", request.decision},
                    {"status", one.status}, {"reason", reason}, {"risk_level", n->risk_level}};
    if (one.contact_id) changes["contact_id"] = *one.contact_id;
    audit::Append(*tx, {now, actor.user_id, actor.username, "police-notification.decided", "police-notification",
                        std::to_string(n->id), changes});
    decided.push_back(std::move(one));
  }
  // All or nothing: any problem leaves every notification as it was (the transaction rolls back).
  if (!errors.empty()) {
    if (conflict) {
      Error error = Error::Conflict("Some of the notifications have already been decided: nothing was changed");
      error.fields = std::move(errors);
      return std::unexpected(std::move(error));
    }
    return std::unexpected(Error::Invalid(std::move(errors), "Nothing was decided: check the notifications named"));
  }
  tx->Commit();
  return decided;
}

std::optional<NotificationOrigin> NotificationOfContact(AppContext& ctx, const Actor& actor, std::int64_t contact_id) {
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  const auto id = store::PoliceNotificationOfContact(*tx, contact_id);
  if (!id) return std::nullopt;
  auto n = store::FindPoliceNotification(*tx, *id);
  if (!n) return std::nullopt;
  NotificationOrigin origin;
  origin.notification_id = n->id;
  origin.force_reference = n->force_reference;
  origin.secure_reply = HasSecureReplyAddress(ctx, *n);
  const json matches = json::parse(n->matches, nullptr, false);
  std::set<std::int64_t> ids;
  CandidateIds(matches, ids);
  const auto hidden = RestrictedFrom(*tx, actor, ids);
  if (!matches.is_array()) return origin;
  for (const auto& m : matches) {
    std::optional<SuggestedMatch> suggested;
    // Only the best candidate, and only when very likely: a possible one is for the typed search.
    if (m.is_object() && m.contains("candidates") && !m.at("candidates").empty()) {
      const json& best = m.at("candidates")[0];
      if (best.value("band", "") == "likely") {
        const auto person = best.value("person_id", std::int64_t{0});
        if (auto it = hidden.find(person); it != hidden.end()) suggested = SuggestedMatch{true, it->second, 0};
        else suggested = SuggestedMatch{false, "", person};
      }
    }
    origin.children.push_back(std::move(suggested));
  }
  return origin;
}

json PoliceNotificationToJson(const store::PoliceNotificationRecord& n) {
  json out = {{"id", n.id},
              {"batch_id", n.batch_id},
              {"force_reference", n.force_reference},
              {"notified_at", FormatUtc(n.notified_at)},
              {"risk_level", n.risk_level},
              {"grade", n.grade},
              {"incident_summary", n.incident_summary},
              {"officer", n.officer},
              {"officer_email", n.officer_email},
              {"children", json::parse(n.children, nullptr, false)},
              {"adults", json::parse(n.adults, nullptr, false)},
              {"matches", json::parse(n.matches, nullptr, false)},
              {"status", n.status},
              {"received_at", FormatUtc(n.received_at)}};
  if (n.decided_at) {
    out["decision"] = {{"reason", n.decision_reason}, {"decided_at", FormatUtc(*n.decided_at)},
                       {"decided_by", n.decided_by_name}};
  }
  if (n.contact_id) out["contact"] = {{"id", *n.contact_id}, {"reference", n.contact_reference}};
  return out;
}

}  // namespace fd::app
