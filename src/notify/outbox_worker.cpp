#include "notify/outbox_worker.h"

// Log lines go through logging/ (one JSON object per line, every value escaped there); the e-mail's
// id and idempotency key name it, never its recipient.
#include "logging/log.h"

namespace fd::notify {

OutboxWorker::OutboxWorker(store::Store& store, std::unique_ptr<EmailSender> sender, Clock now,
                           OutboxWorkerOptions options)
    : store_(store), sender_(std::move(sender)), now_(std::move(now)), options_(options) {
  if (options_.batch_size < 1) options_.batch_size = 1;
}

OutboxWorker::~OutboxWorker() { Stop(); }

void OutboxWorker::Start() {
  std::lock_guard start_stop(start_stop_);
  if (thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = false;
    woken_ = false;
  }
  stop_requested_ = false;
  thread_ = std::thread([this] { Run(); });
}

void OutboxWorker::Stop() {
  std::lock_guard start_stop(start_stop_);
  if (!thread_.joinable()) return;
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  stop_requested_ = true;
  wake_.notify_all();
  thread_.join();
}

void OutboxWorker::Wake() {
  {
    std::lock_guard lock(mutex_);
    woken_ = true;
  }
  wake_.notify_all();
}

int OutboxWorker::DeliverDue() { return DeliverDueUntil(nullptr); }

void OutboxWorker::Run() {
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    // Nothing may escape the thread (that would end the process); a failing store is logged and
    // the next pass tries again.
    try {
      DeliverDueUntil(&stop_requested_);
    } catch (const std::exception& e) {
      logging::Error("outbox: delivery pass failed", {{"error", e.what()}});
    } catch (...) {
      logging::Error("outbox: delivery pass failed", {{"error", "unknown exception"}});
    }
    lock.lock();
    wake_.wait_for(lock, options_.poll_interval, [&] { return stopping_ || woken_; });
  }
}

int OutboxWorker::DeliverDueUntil(const std::atomic<bool>* stop) {
  const auto stopping = [stop] { return stop && stop->load(); };
  int attempted = 0;
  while (!stopping()) {
    std::vector<OutboxRow> due;
    {
      auto tx = store_.Begin(store::TransactionMode::kRead);
      due = DueEmails(*tx, now_(), options_.batch_size);
    }
    int claimed_here = 0;
    for (const auto& row : due) {
      if (stopping()) break;
      // Each claim commits on its own, and no transaction is open while sending: the SQLite write
      // lock is never held across a network round trip.
      bool claimed = false;
      {
        auto tx = store_.Begin(store::TransactionMode::kWrite);
        claimed = ClaimEmail(*tx, row, now_());
        tx->Commit();
      }
      if (!claimed) continue;  // another worker has it
      ++claimed_here;
      ++attempted;
      DeliverOne(row);
    }
    // A short batch means nothing more is due; a batch claimed wholly by others means the same
    // rows would come back, so stop rather than spin.
    if (static_cast<int>(due.size()) < options_.batch_size || claimed_here == 0) break;
  }
  return attempted;
}

void OutboxWorker::DeliverOne(const OutboxRow& row) {
  const OutgoingMessage message{row.recipient, row.subject, row.body, row.idempotency_key, now_()};
  const auto sent = sender_->Send(message);
  const Instant done = now_();
  // The recipient is personal data and stays out of the log; the row id and key identify the e-mail.
  if (sent) {
    try {
      auto tx = store_.Begin(store::TransactionMode::kWrite);
      MarkSent(*tx, row.id, done);
      tx->Commit();
    } catch (const store::StoreFault&) {
      logging::Error("outbox: e-mail was sent but could not be marked sent; it will be sent again with the same "
                     "Message-ID",
                     {{"email_id", row.id}, {"idempotency_key", row.idempotency_key}});
      throw;
    }
    logging::Info("outbox: sent e-mail", {{"email_id", row.id}, {"idempotency_key", row.idempotency_key}});
    return;
  }
  std::optional<FailureOutcome> outcome;
  {
    auto tx = store_.Begin(store::TransactionMode::kWrite);
    outcome = RecordFailure(*tx, row.id, sent.error().message, done, sent.error().IsInvalid());
    tx->Commit();
  }
  if (!outcome) return;
  if (outcome->gave_up)
    logging::Error("outbox: gave up on e-mail", {{"email_id", row.id},
                                                 {"idempotency_key", row.idempotency_key},
                                                 {"attempts", outcome->attempts},
                                                 {"error", sent.error().message}});
  else
    logging::Warn("outbox: e-mail attempt failed", {{"email_id", row.id},
                                                   {"idempotency_key", row.idempotency_key},
                                                   {"attempts", outcome->attempts},
                                                   {"next_attempt_at", FormatUtc(*outcome->next_attempt_at)},
                                                   {"error", sent.error().message}});
}

}  // namespace fd::notify
