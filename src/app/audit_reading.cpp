#include "app/audit_reading.h"

#include <algorithm>
#include <cctype>
#include <map>

#include <fmt/format.h>

#include "app/permissions.h"
#include "calendar/local_time.h"
#include "domain/contact.h"

namespace fd::app {
namespace {

using nlohmann::json;

bool AllOf(const std::string& text, const char* allowed_punctuation, bool upper_too) {
  return std::all_of(text.begin(), text.end(), [&](char c) {
    const auto u = static_cast<unsigned char>(c);
    return std::islower(u) || std::isdigit(u) || (upper_too && std::isupper(u)) ||
           std::string_view(allowed_punctuation).find(c) != std::string_view::npos;
  });
}

// Keys whose string values would be secrets, were any event ever to hold one.
bool SecretKey(const std::string& key) {
  std::string lower = key;
  std::transform(lower.begin(), lower.end(), lower.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  for (const char* word : {"password", "token", "secret", "hash", "signature"})
    if (lower.find(word) != std::string::npos) return true;
  return false;
}

json Withheld(const json& value) {
  if (value.is_object()) {
    json out = json::object();
    for (auto it = value.begin(); it != value.end(); ++it)
      out[it.key()] = SecretKey(it.key()) && it.value().is_string() ? json("[withheld]") : Withheld(it.value());
    return out;
  }
  if (value.is_array()) {
    json out = json::array();
    for (const auto& item : value) out.push_back(Withheld(item));
    return out;
  }
  return value;
}

std::string Capitalised(std::string text) {
  std::replace(text.begin(), text.end(), '_', ' ');
  std::replace(text.begin(), text.end(), '-', ' ');
  if (!text.empty()) text[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(text[0])));
  return text;
}

// LIKE's own characters in a prefix taken literally ('!' is the escape).
std::string LikePrefix(const std::string& prefix) {
  std::string out;
  for (char c : prefix) {
    if (c == '%' || c == '_' || c == '!') out += '!';
    out += c;
  }
  return out + "%";
}

std::vector<FieldError> Check(const AuditQuery& q, std::optional<std::chrono::year_month_day>& from,
                              std::optional<std::chrono::year_month_day>& to) {
  std::vector<FieldError> errors;
  if (q.event_type.size() > 80 || !AllOf(q.event_type, "._-", false))
    errors.push_back({"event_type", "Event type must be the start of an event's name in small letters, like user. or "
                                    "retention.purged"});
  if (q.who.size() > 100 || !AllOf(q.who, "._@-", true))
    errors.push_back({"who", "Who must be a username (letters, numbers, dots, hyphens), like jsmith, or system"});
  if (q.record_kind.size() > 40 || !AllOf(q.record_kind, "_-", false))
    errors.push_back({"record_kind", "Kind of record must be a word like contact, person or user"});
  if (q.record_id.size() > 40 || !AllOf(q.record_id, "-", true))
    errors.push_back({"record_id", "Record number must be letters, numbers and hyphens only, like 12"});
  else if (!q.record_id.empty() && q.record_kind.empty())
    errors.push_back({"record_kind", "Enter the kind of record as well as its number, like contact and 12"});
  if (!q.from.empty() && !(from = ParseIsoDate(q.from)))
    errors.push_back({"from", "From must be a real date, like 2026-11-01"});
  if (!q.to.empty() && !(to = ParseIsoDate(q.to)))
    errors.push_back({"to", "To must be a real date, like 2026-11-30"});
  if (from && to && *to < *from) errors.push_back({"to", "To must be the same as or after From"});
  if (q.page < 1) errors.push_back({"page", "Page must be 1 or more"});
  if (q.page_size < 1 || q.page_size > kMaxAuditPageSize)
    errors.push_back({"page_size", fmt::format("Page size must be between 1 and {}", kMaxAuditPageSize)});
  return errors;
}

}  // namespace

std::string ActionInWords(const std::string& action) {
  static const std::map<std::string, std::string> kWords = {
      {"audit.viewed", "Audit log read"},
      {"api_token.created", "API token created"},
      {"api_token.revoked", "API token revoked"},
      {"api_token.used", "API token used"},
      {"contact.created", "Contact recorded"},
      {"contact.viewed", "Contact opened"},
      {"login.failed", "Sign-in refused"},
      {"login.succeeded", "Signed in"},
      {"login.throttled", "Sign-ins held back (too many tries)"},
      {"login.throttle_lifted", "Sign-in hold lifted"},
      {"person.searched", "Register searched"},
      {"person.viewed", "Register record opened"},
      {"record-access.listed", "Who viewed a person's records listed"},
      {"referrer.identity_viewed", "Referrer's identity seen"},
      {"retention.purged", "Purged by retention"},
      {"retention.review_day_kept", "Review day decided: kept longer"},
      {"user.browsers_forgotten", "Remembered browsers forgotten"},
      {"user.created", "Account created"},
      {"user.disabled", "Account disabled"},
      {"user.enabled", "Account enabled"},
      {"user.must_change_password", "Told to change password at next sign-in"},
      {"user.must_change_password_cleared", "Password change no longer required"},
      {"user.password_changed", "Password changed"},
      {"user.role_changed", "Role changed"},
      {"user.signed_out", "Signed out"},
      {"user.team_changed", "Team changed"},
  };
  if (auto it = kWords.find(action); it != kWords.end()) return it->second;
  // Any other event: "chair-consultation.recorded" → "Chair consultation: recorded".
  const auto dot = action.find('.');
  if (dot == std::string::npos) return Capitalised(action);
  std::string rest = action.substr(dot + 1);
  std::replace(rest.begin(), rest.end(), '_', ' ');
  std::replace(rest.begin(), rest.end(), '-', ' ');
  return Capitalised(action.substr(0, dot)) + ": " + rest;
}

std::string RecordInWords(const std::string& kind, const std::string& id) {
  if (kind.empty() && id.empty()) return "";
  if (id.empty()) return Capitalised(kind);
  return Capitalised(kind) + " " + id;
}

std::string ChainStateInWords(const audit::VerifyReport& chain) {
  if (chain.intact) {
    if (chain.head_seq == 0) return "The log is empty.";
    std::string out = fmt::format("The log verifies up to event {}.", chain.head_seq);
    if (chain.events_erased > 0)
      out += fmt::format(" {} event{} had {} details erased by retention, each traced to its purge.",
                         chain.events_erased, chain.events_erased == 1 ? "" : "s",
                         chain.events_erased == 1 ? "its" : "their");
    return out;
  }
  const std::int64_t bad = chain.first_bad_seq.value_or(0);
  if (bad <= 1) return fmt::format("The log does not verify from its first event: {}.", chain.problem);
  return fmt::format("The log verifies up to event {} and breaks at event {}: {}.", bad - 1, bad, chain.problem);
}

Result<AuditListing> ReadAuditLog(AppContext& ctx, const Actor& actor, const AuditQuery& query) {
  if (auto allowed = Authorise(actor, Action::kVerifyAudit); !allowed) return std::unexpected(allowed.error());
  std::optional<std::chrono::year_month_day> from, to;
  if (auto errors = Check(query, from, to); !errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  AuditListing out;
  out.page = query.page;
  out.page_size = query.page_size;
  // The chain first, in its own read: the page then says how far what it lists is proven.
  out.chain = audit::Verify(ctx.store);

  // One statement whatever is filtered (never SQL built from strings): each filter is a pair of
  // bound values, empty when not given. Stored instants are "YYYY-MM-DDTHH:MM:SSZ", so text order is
  // time order.
  const std::string type_prefix = query.event_type.empty() ? std::string() : LikePrefix(query.event_type);
  std::string from_at, to_before;
  if (from) from_at = FormatUtc(calendar::StartOfLocalDay(*from, ctx.time_zone));
  if (to) {
    const auto next = std::chrono::year_month_day{std::chrono::sys_days{*to} + std::chrono::days{1}};
    to_before = FormatUtc(calendar::StartOfLocalDay(next, ctx.time_zone));
  }
  const store::Params params{type_prefix,       type_prefix,       query.who,      query.who,
                             query.record_kind, query.record_kind, query.record_id, query.record_id,
                             from_at,           from_at,           to_before,      to_before};
#define FD_AUDIT_FILTER                                                                                     \
  " WHERE (? = '' OR e.action LIKE ? ESCAPE '!') AND (? = '' OR e.actor = ?) AND (? = '' OR e.record_type = ?)" \
  " AND (? = '' OR e.record_id = ?) AND (? = '' OR e.at >= ?) AND (? = '' OR e.at < ?)"

  const Instant now = ctx.clock.Now();
  // A write transaction: the reading is audited in the same unit as the read.
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  out.total = tx->Query("SELECT COUNT(*) FROM audit_events e" FD_AUDIT_FILTER, params).at(0).Int(0);
  store::Params page_params = params;
  page_params.push_back(static_cast<std::int64_t>(query.page_size));
  page_params.push_back(static_cast<std::int64_t>(query.page - 1) * query.page_size);
  const auto rows = tx->Query(
      "SELECT e.seq, e.at, e.actor, e.action, e.record_type, e.record_id, e.changes, e.erased_by, u.display_name "
      "FROM audit_events e LEFT JOIN users u ON u.id = e.actor_id" FD_AUDIT_FILTER
      " ORDER BY e.seq DESC LIMIT ? OFFSET ?",
      page_params);
#undef FD_AUDIT_FILTER
  for (const auto& row : rows) {
    AuditRow r;
    r.seq = row.Int(0);
    r.at = ParseUtc(row.Text(1)).value_or(Instant{});
    r.actor = row.Text(2);
    r.action = row.Text(3);
    r.what = ActionInWords(r.action);
    r.record_kind = row.Text(4);
    r.record_id = row.Text(5);
    r.record = RecordInWords(r.record_kind, r.record_id);
    const json payload = json::parse(row.Text(6), nullptr, false);
    r.details = payload.is_discarded() ? json::object() : Withheld(payload);
    r.erased_by = row.OptionalInt(7);
    if (const auto name = row.OptionalText(8)) r.actor_name = *name;
    out.rows.push_back(std::move(r));
  }
  json filters = json::object();
  for (const auto& [key, value] : {std::pair{"event_type", &query.event_type}, std::pair{"who", &query.who},
                                   std::pair{"record_kind", &query.record_kind},
                                   std::pair{"record_id", &query.record_id}, std::pair{"from", &query.from},
                                   std::pair{"to", &query.to}})
    if (!value->empty()) filters[key] = *value;
  audit::Append(*tx, {now, actor.user_id, actor.username, "audit.viewed", "audit", "",
                      {{"filters", filters},
                       {"page", query.page},
                       {"page_size", query.page_size},
                       {"total", out.total},
                       {"chain_intact", out.chain.intact}}});
  tx->Commit();
  return out;
}

}  // namespace fd::app
