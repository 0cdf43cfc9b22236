#include "cli/restore_losses.h"

#include <algorithm>
#include <set>
#include <unordered_map>

#include <fmt/format.h>

#include "audit/audit_log.h"

namespace fd::cli {
namespace {

bool Migrated(store::Store& store) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  const auto rows = store.dialect() == store::Dialect::kSqlite
                        ? tx->Query("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?",
                                    {std::string("audit_head")})
                        : tx->Query("SELECT 1 FROM information_schema.tables WHERE table_name = ?",
                                    {std::string("audit_head")});
  return !rows.empty();
}

std::string Reference(const std::string& prefix, std::int64_t year, std::int64_t number) {
  return fmt::format("{}-{:04}-{:06}", prefix, year, number);
}

std::optional<std::string> HashAt(store::Transaction& tx, std::int64_t seq) {
  const auto rows = tx.Query("SELECT hash FROM audit_events WHERE seq = ?", {seq});
  if (rows.empty()) return std::nullopt;
  return rows.at(0).Text(0);
}

// The account changes a restore undoes: each must be made again by hand (a leaver disabled again).
// Sign-ins, sign-outs and a token's use change no account.
const std::set<std::string>& AccountChangeActions() {
  static const std::set<std::string> actions = {
      "user.created",         "user.disabled",          "user.enabled",     "user.role_changed",
      "user.team_changed",    "user.password_changed",  "user.must_change_password",
      "user.browsers_forgotten", "api_token.created",   "api_token.revoked"};
  return actions;
}

std::string Plural(std::size_t n, const char* one, const char* many) {
  return fmt::format("{} {}", n, n == 1 ? one : many);
}

}  // namespace

ReferenceCounters ReadReferenceCounters(store::Store& store) {
  ReferenceCounters counters;
  if (!Migrated(store)) return counters;
  auto tx = store.Begin(store::TransactionMode::kRead);
  for (const auto& row : tx->Query("SELECT prefix, year, last_value FROM reference_counters"))
    counters[{row.Text(0), row.Int(1)}] = row.Int(2);
  return counters;
}

std::int64_t LastAuditEvent(store::Store& store) {
  if (!Migrated(store)) return 0;
  auto tx = store.Begin(store::TransactionMode::kRead);
  return tx->Query("SELECT seq FROM audit_head WHERE id = 1").at(0).Int(0);
}

bool Losses::Any() const {
  return audit_events > 0 || !contacts.empty() || !account_changes.empty() || !emails.empty();
}

std::vector<std::string> Losses::Lines() const {
  std::vector<std::string> lines;
  if (other_history)
    lines.push_back("the backup is not an earlier copy of this database (their audit logs differ): everything "
                    "this database holds is replaced");
  if (audit_events > 0)
    lines.push_back(fmt::format("{} recorded after the backup's last (event {})",
                                Plural(static_cast<std::size_t>(audit_events), "audit event", "audit events"),
                                backup_last_event));
  auto list = [&lines](const std::vector<std::string>& items, const std::string& heading) {
    if (items.empty()) return;
    lines.push_back(heading + ":");
    for (const auto& item : items) lines.push_back("  " + item);
  };
  list(contacts, Plural(contacts.size(), "contact whose reference was issued (it will not be issued again)",
                        "contacts whose references were issued (they will not be issued again)"));
  list(account_changes, Plural(account_changes.size(), "account change (make it again)",
                               "account changes (make them again)"));
  list(emails, Plural(emails.size(), "e-mail sent", "e-mails sent"));
  return lines;
}

nlohmann::json Losses::Json() const {
  return {{"backup_last_event", backup_last_event}, {"audit_events", audit_events},
          {"other_history", other_history},         {"contacts", contacts},
          {"account_changes", account_changes},     {"emails", emails}};
}

Losses CompareWithBackup(store::Store& replaced, store::Store& backup) {
  Losses losses;
  if (!Migrated(replaced)) return losses;
  std::set<std::string> backup_references, backup_sent;
  std::int64_t backup_head = 0;
  {
    auto tx = backup.Begin(store::TransactionMode::kRead);
    backup_head = tx->Query("SELECT seq FROM audit_head WHERE id = 1").at(0).Int(0);
    for (const auto& row : tx->Query("SELECT reference FROM contacts")) backup_references.insert(row.Text(0));
    for (const auto& row : tx->Query("SELECT idempotency_key FROM outbox WHERE sent_at IS NOT NULL"))
      backup_sent.insert(row.Text(0));
  }
  losses.backup_last_event = backup_head;
  auto tx = replaced.Begin(store::TransactionMode::kRead);
  const std::int64_t head = tx->Query("SELECT seq FROM audit_head WHERE id = 1").at(0).Int(0);
  // One history when both logs hold the same event where the shorter ends.
  if (const std::int64_t common = std::min(head, backup_head); common > 0) {
    auto backup_tx = backup.Begin(store::TransactionMode::kRead);
    losses.other_history = HashAt(*tx, common) != HashAt(*backup_tx, common);
  }
  const std::int64_t lost_after = losses.other_history ? 0 : backup_head;
  losses.audit_events = std::max<std::int64_t>(0, head - lost_after);

  for (const auto& row : tx->Query("SELECT reference, referrer_name, referrer_email FROM contacts ORDER BY id")) {
    if (backup_references.contains(row.Text(0))) continue;
    const std::string email = row.Text(2);
    const std::string name = row.Text(1);
    losses.contacts.push_back(email.empty() && name.empty()
                                  ? row.Text(0)
                                  : fmt::format("{} (referrer {}{}{})", row.Text(0), name,
                                                name.empty() || email.empty() ? "" : ", ", email));
  }
  std::unordered_map<std::string, std::string> usernames;
  for (const auto& row : tx->Query("SELECT id, username FROM users")) usernames[std::to_string(row.Int(0))] = row.Text(1);
  for (const auto& row : tx->Query("SELECT action, record_type, record_id, actor, at FROM audit_events WHERE seq > ? "
                                   "ORDER BY seq",
                                   {lost_after})) {
    const std::string action = row.Text(0);
    if (!AccountChangeActions().contains(action)) continue;
    const std::string record_id = row.Text(2);
    const auto user = usernames.find(record_id);
    const std::string whose = row.Text(1) == "user" && user != usernames.end()
                                  ? user->second
                                  : fmt::format("{} {}", row.Text(1), record_id);
    losses.account_changes.push_back(fmt::format("{}: {} at {} by {}", whose, action, row.Text(4), row.Text(3)));
  }
  for (const auto& row : tx->Query("SELECT idempotency_key, recipient, subject, sent_at FROM outbox WHERE sent_at IS "
                                   "NOT NULL ORDER BY id")) {
    if (backup_sent.contains(row.Text(0))) continue;
    losses.emails.push_back(fmt::format("to {}: \"{}\" (sent {})", row.Text(1), row.Text(2), row.Text(3)));
  }
  return losses;
}

std::vector<std::string> CarriedOver::Lines() const {
  std::vector<std::string> lines;
  for (const auto& r : references) lines.push_back(r);
  lines.push_back(fmt::format("{} and {} of the backup ended: everyone signs in again",
                              Plural(static_cast<std::size_t>(sessions_ended), "session", "sessions"),
                              Plural(static_cast<std::size_t>(browsers_forgotten), "remembered browser",
                                     "remembered browsers")));
  return lines;
}

CarriedOver CarryOver(store::Store& restored, const ReferenceCounters& replaced, const Losses& losses,
                      const std::string& from, bool replaced_unreadable, Instant now) {
  CarriedOver carried;
  auto tx = restored.Begin(store::TransactionMode::kWrite);
  for (const auto& [series, last] : replaced) {
    const auto& [prefix, year] = series;
    const auto rows =
        tx->Query("SELECT last_value FROM reference_counters WHERE prefix = ? AND year = ?", {prefix, year});
    const std::int64_t restored_last = rows.empty() ? 0 : rows.at(0).Int(0);
    if (restored_last >= last) continue;
    if (rows.empty())
      tx->Execute("INSERT INTO reference_counters (prefix, year, last_value) VALUES (?, ?, ?)", {prefix, year, last});
    else
      tx->Execute("UPDATE reference_counters SET last_value = ? WHERE prefix = ? AND year = ?", {last, prefix, year});
    carried.references.push_back(fmt::format(
        "references continue after {}, the last the replaced database issued (the backup's last was {}): none is "
        "issued twice",
        Reference(prefix, year, last), restored_last == 0 ? std::string("none") : Reference(prefix, year, restored_last)));
  }
  carried.sessions_ended = tx->Execute("DELETE FROM sessions");
  carried.browsers_forgotten = tx->Execute("DELETE FROM remembered_browsers");
  nlohmann::json changes = {{"from", from},
                            {"lost", losses.Json()},
                            {"replaced_database_unreadable", replaced_unreadable},
                            {"references_continued", carried.references},
                            {"sessions_ended", carried.sessions_ended},
                            {"remembered_browsers_forgotten", carried.browsers_forgotten}};
  audit::Append(*tx, {now, std::nullopt, "system", "database.restored", "database", "restore", std::move(changes)});
  tx->Commit();
  return carried;
}

}  // namespace fd::cli
