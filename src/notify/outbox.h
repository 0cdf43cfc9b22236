// The outbox (table `outbox`, migration 0003): every e-mail frontdoor sends is first a row here,
// written in the same transaction as the change that causes it. Nothing is sent for a change that
// rolled back, and nothing is lost when the server stops; OutboxWorker delivers the rows.
//
// Row life: queued (next_attempt_at = created_at) → claimed by a worker (next_attempt_at moved a
// lease ahead) → sent (sent_at) or, after a failed attempt, due again after a back-off; after
// kMaxAttempts failures, or a message that can never be sent, failed (failed_at), which
// administrators see.
//
// Every function runs in the caller's transaction and throws store::StoreFault on faults. SQL is
// the portable subset (SQLite and PostgreSQL); instants are UTC text, which sorts in time order.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::notify {

struct Email {
  std::string recipient;        // one bare address
  std::string subject;          // UTF-8, one line
  std::string body;             // UTF-8 plain text
  std::string record_type;      // "contact"
  std::int64_t record_id = 0;
  std::string purpose;          // "acknowledgement", "outcome", …
  std::string idempotency_key;  // unique: "contact:12:acknowledgement" (see IdempotencyKey)
};

struct OutboxRow {
  std::int64_t id = 0;
  std::string idempotency_key;
  std::string recipient;
  std::string subject;
  std::string body;
  std::string record_type;
  std::int64_t record_id = 0;
  std::string purpose;
  Instant created_at;
  int attempts = 0;  // attempts that finished, sent or failed
  Instant next_attempt_at;
  std::optional<Instant> sent_at;
  std::optional<Instant> failed_at;
  std::string last_error;  // the last failure, kept after a later success
};

// After this many failed attempts a row is marked failed and no longer retried (about 5 hours
// of back-off in all, long enough to ride out a mail server's restart or a network outage).
inline constexpr int kMaxAttempts = 12;
// How long a claimed row is left to the worker that claimed it; longer than a send can take
// (SmtpOptions::total_timeout), so a row is only picked up again if that worker died.
inline constexpr std::chrono::seconds kClaimLease{300};

// "contact:12:acknowledgement": the conventional key, one e-mail per purpose per record.
std::string IdempotencyKey(std::string_view record_type, std::int64_t record_id, std::string_view purpose);

// Queues `email` in the caller's (write) transaction, due at once. Returns false, inserting
// nothing, when a row with the same idempotency key exists (sent or not): asking twice for the
// same e-mail sends it once. The message is checked when sent, not here (see CheckAddress in
// notify/message.h to check a recipient before queueing).
// REQUIRES: email.idempotency_key is not empty.
bool Enqueue(store::Transaction& tx, const Email& email, Instant now);

// Retry delay after the n-th failed attempt (n >= 1): 30 s, 60 s, 120 s, … doubling, at most 1 hour.
std::chrono::seconds RetryDelay(int failed_attempts);

// Rows due at `now` (not sent, not failed, next_attempt_at <= now), longest waiting first.
std::vector<OutboxRow> DueEmails(store::Transaction& tx, Instant now, int limit);

// Takes `row` (as read by DueEmails) for sending: moves its next_attempt_at to now + lease. Returns
// false when another worker took it first or it is no longer due, in which case it must not be sent.
bool ClaimEmail(store::Transaction& tx, const OutboxRow& row, Instant now, std::chrono::seconds lease = kClaimLease);

// Records a successful attempt. Returns false when the row was already sent or does not exist.
// With `kept_body`, the row's body becomes that, in the same statement: what of a sent e-mail is
// kept (a status link's secret is not; OutboxWorkerOptions::kept_after_sending).
bool MarkSent(store::Transaction& tx, std::int64_t id, Instant at,
              const std::optional<std::string>& kept_body = std::nullopt);

struct FailureOutcome {
  int attempts = 0;
  bool gave_up = false;                   // failed_at was set: no more attempts
  std::optional<Instant> next_attempt_at;  // when it will be tried again, unless it gave up
};
// Records a failed attempt with its error: due again after RetryDelay(attempts), or marked failed
// when this was attempt kMaxAttempts or `permanent` (the message itself can never be sent).
// Returns nullopt when the row was already sent or failed, or does not exist.
std::optional<FailureOutcome> RecordFailure(store::Transaction& tx, std::int64_t id, std::string_view error,
                                            Instant now, bool permanent = false);

// Every e-mail for one record, oldest first (record pages, tests).
std::vector<OutboxRow> ListOutbox(store::Transaction& tx, const std::string& record_type, std::int64_t record_id);
// E-mails given up on, newest first (the administrators' list).
std::vector<OutboxRow> ListFailedEmails(store::Transaction& tx, int limit = 200);

// E-mails the outbox is failing to send, for the warning managers, analysts and administrators see
// (HCR-22: an acknowledgement waiting is not one sent). Troubled: not sent and not given up, but
// tried and failed, or queued before `stuck_before` (no worker is sending at all); or given up on at
// or after `given_up_since`. One read of the index outbox_due (sent_at IS NULL comes first).
struct SendingTrouble {
  std::int64_t waiting = 0;              // not sent, still to be tried again
  std::optional<Instant> waiting_since;  // when the longest waiting of them was queued
  std::int64_t given_up = 0;             // given up on since `given_up_since`
  std::optional<Instant> last_given_up_at;
  std::string last_error;  // the newest troubled e-mail's error (a remote server's words); "" when none
  bool Any() const { return waiting > 0 || given_up > 0; }
};
SendingTrouble ReadSendingTrouble(store::Transaction& tx, Instant stuck_before, Instant given_up_since);
// The troubled e-mails themselves, longest waiting first (the administrators' detail).
std::vector<OutboxRow> ListTroubledEmails(store::Transaction& tx, Instant stuck_before, Instant given_up_since,
                                          int limit);

}  // namespace fd::notify
