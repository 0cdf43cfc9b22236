// Delivers the outbox: one thread that, every poll interval or when woken, takes the due rows in
// small batches, claims each, sends it, and records the result.
//
// Delivery guarantee. Under normal operation each row is sent exactly once: it is claimed in one
// transaction (so no other worker, in this process or another, takes it), sent with no
// transaction open, and marked sent in another. If the process dies, or the store fails, after the
// SMTP server accepted a message but before the row is marked sent, the row is due again when its
// claim lease (kClaimLease) runs out and the message is sent again with the same Message-ID
// (built from the idempotency key): at-least-once, with a key the receiver can see to drop the
// repeat. A message refused before sending (bad recipient, header injection) is marked failed at
// once; server and network failures are retried with back-off (RetryDelay) up to kMaxAttempts.
//
// Logging. A run of failures is told in a few lines (notify/failure_run.h), not one a failure: with
// the mail server not answering, the first failed attempt (warning), at most one summary a minute,
// and "e-mail sending recovered"; with the store down, the first failed pass (error), at most one
// summary a minute (warning) while passes back off, and "outbox: delivery recovered". A message
// given up on is still an error of its own: an administrator must look at it.
//
// Thread safety: Start, Stop and Wake may be called from any thread. DeliverDue may run beside the
// worker thread (each row is claimed before it is sent).
#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "domain/instant.h"
#include "notify/email_sender.h"
#include "notify/failure_run.h"
#include "notify/outbox.h"
#include "store/store.h"

namespace fd::notify {

struct OutboxWorkerOptions {
  std::chrono::milliseconds poll_interval{1000};
  int batch_size = 10;  // rows read per query; batches repeat until nothing is due
  // After a pass that failed (the store down), the next waits twice as long as the last, from
  // poll_interval up to this; a pass that succeeds brings back poll_interval.
  std::chrono::milliseconds max_pass_back_off{30'000};
  // What of a sent e-mail's body is kept, written in the transaction that marks it sent (the
  // service gives app::WithoutStatusSecrets: a status link's secret is not kept). Unset: all of it.
  std::function<std::string(std::string_view body)> kept_after_sending = {};
  // What sending an e-mail completes, written in the transaction that marks it sent, so the two
  // commit together (the service gives app::RecordEmailSent: an automatic acknowledgement meets
  // HCR-22 when the mail server took it, not when it was queued). Unset: nothing. May throw
  // store::StoreFault, which leaves the row unmarked (sent again later, as after a crash).
  std::function<void(store::Transaction& tx, const OutboxRow& row, Instant sent_at)> on_sent = {};
};

class OutboxWorker {
 public:
  using Clock = std::function<Instant()>;

  // `store` must outlive the worker. `now` is the time source (tests step it).
  OutboxWorker(store::Store& store, std::unique_ptr<EmailSender> sender, Clock now,
               OutboxWorkerOptions options = {});
  ~OutboxWorker();  // Stop()
  OutboxWorker(const OutboxWorker&) = delete;
  OutboxWorker& operator=(const OutboxWorker&) = delete;

  // Starts the thread; does nothing when it is running.
  void Start();
  // Asks the thread to finish and joins it. A send under way completes first (it is bounded by the
  // sender's time-out) so its row is marked; rows not reached stay due for the next start.
  void Stop();
  // Looks for due rows now rather than at the next poll (call after committing an Enqueue).
  void Wake();

  // One pass on the caller's thread: sends every row due now, in batches. Returns how many rows it
  // attempted. Throws store::StoreFault when the store fails (the worker thread logs and carries on).
  int DeliverDue();

 private:
  void Run();
  // DeliverDue, giving up between rows once `stop` is set (the thread's Stop; null: never).
  int DeliverDueUntil(const std::atomic<bool>* stop);
  // Sends one claimed row and records the outcome.
  void DeliverOne(const OutboxRow& row);

  // The wait after `failed_passes` failed passes in a row: poll_interval after none or one, then
  // doubling up to max_pass_back_off.
  std::chrono::milliseconds WaitAfter(int failed_passes) const;

  store::Store& store_;
  std::unique_ptr<EmailSender> sender_;
  Clock now_;
  OutboxWorkerOptions options_;
  FailureRun sending_;  // attempts the mail server did not take
  FailureRun passes_;   // passes the store failed

  std::mutex mutex_;
  std::condition_variable wake_;
  bool woken_ = false;     // GUARDED_BY(mutex_)
  bool stopping_ = false;  // GUARDED_BY(mutex_)
  std::atomic<bool> stop_requested_{false};  // stopping_, readable between sends without the lock
  std::mutex start_stop_;  // serialises Start and Stop
  std::thread thread_;     // GUARDED_BY(start_stop_)
};

}  // namespace fd::notify
