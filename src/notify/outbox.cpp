#include "notify/outbox.h"

#include <algorithm>
#include <cassert>

#include <fmt/format.h>

namespace fd::notify {
namespace {

constexpr const char* kColumns =
    "SELECT id, idempotency_key, recipient, subject, body, record_type, record_id, purpose, created_at, attempts, "
    "next_attempt_at, sent_at, failed_at, last_error FROM outbox ";

// Errors come from remote servers; keep the row (and the administrators' page) a sensible size.
constexpr std::size_t kMaxErrorLength = 1000;

OutboxRow FromRow(const store::Row& r) {
  OutboxRow row;
  row.id = r.Int(0);
  row.idempotency_key = r.Text(1);
  row.recipient = r.Text(2);
  row.subject = r.Text(3);
  row.body = r.Text(4);
  row.record_type = r.Text(5);
  row.record_id = r.Int(6);
  row.purpose = r.Text(7);
  row.created_at = ParseUtc(r.Text(8)).value_or(Instant{});
  row.attempts = static_cast<int>(r.Int(9));
  row.next_attempt_at = ParseUtc(r.Text(10)).value_or(Instant{});
  if (auto sent = r.OptionalText(11)) row.sent_at = ParseUtc(*sent);
  if (auto failed = r.OptionalText(12)) row.failed_at = ParseUtc(*failed);
  row.last_error = r.Text(13);
  return row;
}

std::vector<OutboxRow> Rows(std::vector<store::Row> rows) {
  std::vector<OutboxRow> out;
  out.reserve(rows.size());
  for (const auto& r : rows) out.push_back(FromRow(r));
  return out;
}

}  // namespace

std::string IdempotencyKey(std::string_view record_type, std::int64_t record_id, std::string_view purpose) {
  return fmt::format("{}:{}:{}", record_type, record_id, purpose);
}

bool Enqueue(store::Transaction& tx, const Email& email, Instant now) {
  assert(!email.idempotency_key.empty());
  const std::string at = FormatUtc(now);
  // ON CONFLICT … DO NOTHING (SQLite 3.24+, PostgreSQL 9.5+) rather than check-then-insert, so two
  // transactions asking for the same e-mail cannot both insert, and no constraint fault is raised.
  return tx.Execute("INSERT INTO outbox (idempotency_key, recipient, subject, body, record_type, record_id, purpose, "
                    "created_at, next_attempt_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?) "
                    "ON CONFLICT (idempotency_key) DO NOTHING",
                    {email.idempotency_key, email.recipient, email.subject, email.body, email.record_type,
                     email.record_id, email.purpose, at, at}) == 1;
}

std::chrono::seconds RetryDelay(int failed_attempts) {
  constexpr std::chrono::seconds kFirst{30};
  constexpr std::chrono::seconds kCap{3600};
  if (failed_attempts <= 1) return kFirst;
  if (failed_attempts > 8) return kCap;  // 30 s × 2^7 already exceeds the cap; no shift overflow
  return std::min(kCap, kFirst * (1 << (failed_attempts - 1)));
}

std::vector<OutboxRow> DueEmails(store::Transaction& tx, Instant now, int limit) {
  return Rows(tx.Query(std::string(kColumns) +
                           "WHERE sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ? "
                           "ORDER BY next_attempt_at, id LIMIT ?",
                       {FormatUtc(now), limit}));
}

bool ClaimEmail(store::Transaction& tx, const OutboxRow& row, Instant now, std::chrono::seconds lease) {
  // Still due at `now` is the condition: the first claim moves next_attempt_at past now, so a second
  // worker's claim of the same row changes nothing and returns false.
  return tx.Execute("UPDATE outbox SET next_attempt_at = ? "
                    "WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL AND next_attempt_at <= ?",
                    {FormatUtc(now + lease), row.id, FormatUtc(now)}) == 1;
}

bool MarkSent(store::Transaction& tx, std::int64_t id, Instant at, const std::optional<std::string>& kept_body) {
  if (kept_body)
    return tx.Execute("UPDATE outbox SET sent_at = ?, attempts = attempts + 1, body = ? WHERE id = ? AND sent_at IS NULL",
                      {FormatUtc(at), *kept_body, id}) == 1;
  return tx.Execute("UPDATE outbox SET sent_at = ?, attempts = attempts + 1 WHERE id = ? AND sent_at IS NULL",
                    {FormatUtc(at), id}) == 1;
}

std::optional<FailureOutcome> RecordFailure(store::Transaction& tx, std::int64_t id, std::string_view error,
                                            Instant now, bool permanent) {
  const auto rows =
      tx.Query("SELECT attempts FROM outbox WHERE id = ? AND sent_at IS NULL AND failed_at IS NULL", {id});
  if (rows.empty()) return std::nullopt;
  FailureOutcome outcome;
  outcome.attempts = static_cast<int>(rows.front().Int(0)) + 1;
  outcome.gave_up = permanent || outcome.attempts >= kMaxAttempts;
  std::string_view kept = error.substr(0, kMaxErrorLength);
  // Cut on a character boundary so the column stays valid UTF-8.
  if (kept.size() < error.size())
    while (!kept.empty() && (static_cast<unsigned char>(error[kept.size()]) & 0xC0) == 0x80) kept.remove_suffix(1);
  if (outcome.gave_up) {
    tx.Execute("UPDATE outbox SET attempts = ?, failed_at = ?, last_error = ? WHERE id = ?",
               {outcome.attempts, FormatUtc(now), kept, id});
  } else {
    outcome.next_attempt_at = now + RetryDelay(outcome.attempts);
    tx.Execute("UPDATE outbox SET attempts = ?, next_attempt_at = ?, last_error = ? WHERE id = ?",
               {outcome.attempts, FormatUtc(*outcome.next_attempt_at), kept, id});
  }
  return outcome;
}

std::vector<OutboxRow> ListOutbox(store::Transaction& tx, const std::string& record_type, std::int64_t record_id) {
  return Rows(tx.Query(std::string(kColumns) + "WHERE record_type = ? AND record_id = ? ORDER BY created_at, id",
                       {record_type, record_id}));
}

std::vector<OutboxRow> ListFailedEmails(store::Transaction& tx, int limit) {
  return Rows(tx.Query(std::string(kColumns) + "WHERE failed_at IS NOT NULL ORDER BY failed_at DESC, id DESC LIMIT ?",
                       {limit}));
}

namespace {

// The condition of ReadSendingTrouble, with its parameters (stuck_before, given_up_since) in order.
constexpr const char* kTroubled =
    "sent_at IS NULL AND ((failed_at IS NULL AND (attempts > 0 OR created_at < ?)) OR failed_at >= ?)";

}  // namespace

SendingTrouble ReadSendingTrouble(store::Transaction& tx, Instant stuck_before, Instant given_up_since) {
  SendingTrouble out;
  const store::Params params{FormatUtc(stuck_before), FormatUtc(given_up_since)};
  const auto counts = tx.Query(std::string("SELECT COALESCE(SUM(CASE WHEN failed_at IS NULL THEN 1 ELSE 0 END), 0), "
                                           "COALESCE(SUM(CASE WHEN failed_at IS NULL THEN 0 ELSE 1 END), 0), "
                                           "MIN(CASE WHEN failed_at IS NULL THEN created_at END), MAX(failed_at) "
                                           "FROM outbox WHERE ") + kTroubled,
                               params);
  if (counts.empty()) return out;
  out.waiting = counts[0].Int(0);
  out.given_up = counts[0].Int(1);
  if (auto since = counts[0].OptionalText(2)) out.waiting_since = ParseUtc(*since);
  if (auto last = counts[0].OptionalText(3)) out.last_given_up_at = ParseUtc(*last);
  if (!out.Any()) return out;
  const auto error = tx.Query(std::string("SELECT last_error FROM outbox WHERE ") + kTroubled +
                                  " AND last_error <> '' ORDER BY id DESC LIMIT 1",
                              params);
  if (!error.empty()) out.last_error = error[0].Text(0);
  return out;
}

std::vector<OutboxRow> ListTroubledEmails(store::Transaction& tx, Instant stuck_before, Instant given_up_since,
                                          int limit) {
  return Rows(tx.Query(std::string(kColumns) + "WHERE " + kTroubled + " ORDER BY created_at, id LIMIT ?",
                       {FormatUtc(stuck_before), FormatUtc(given_up_since), limit}));
}

}  // namespace fd::notify
