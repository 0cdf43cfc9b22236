#include "notify/outbox_worker.h"

// Log lines go through logging/ (one JSON object per line, every value escaped there); the e-mail's
// id and idempotency key name it, never its recipient.
#include "logging/log.h"

#include <algorithm>

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

std::chrono::milliseconds OutboxWorker::WaitAfter(int failed_passes) const {
  const auto longest = std::max(options_.max_pass_back_off, options_.poll_interval);
  auto wait = options_.poll_interval;
  for (int i = 1; i < failed_passes && wait < longest; ++i) wait *= 2;
  return std::min(wait, longest);
}

void OutboxWorker::Run() {
  int failed_passes = 0;
  std::unique_lock lock(mutex_);
  while (!stopping_) {
    woken_ = false;
    lock.unlock();
    // Nothing may escape the thread (that would end the process); a failing store is logged and
    // a later pass tries again, backing off while it keeps failing.
    std::optional<std::string> failure;
    try {
      DeliverDueUntil(&stop_requested_);
    } catch (const std::exception& e) {
      failure = e.what();
    } catch (...) {
      failure = "unknown exception";
    }
    if (!failure) {
      failed_passes = 0;
      if (const auto ended = passes_.Succeeded())
        logging::Info("outbox: delivery recovered",
                      {{"failed_passes", ended->failures}, {"failing_since", FormatUtc(ended->since)}});
    } else {
      ++failed_passes;
      const auto wait = WaitAfter(failed_passes);
      const Instant now = now_();
      const auto note = passes_.Failed(now, now + std::chrono::ceil<std::chrono::seconds>(wait));
      if (note.say == FailureRun::Say::kFirst)
        logging::Error("outbox: delivery pass failed",
                       {{"error", *failure}, {"next_pass_in_ms", wait.count()},
                        {"then", "further failures are summed up once a minute until delivery recovers"}});
      else if (note.say == FailureRun::Say::kSummary)
        logging::Warn("outbox: delivery passes still failing",
                      {{"failed_passes", note.failures}, {"failing_since", FormatUtc(note.since)},
                       {"next_pass_in_ms", wait.count()}, {"error", *failure}});
    }
    lock.lock();
    wake_.wait_for(lock, WaitAfter(failed_passes), [&] { return stopping_ || woken_; });
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
    // The body kept is decided here, and written by the statement that marks the row sent: until
    // that commits, the row is due again with its whole body (a resend after a crash is the same
    // e-mail); after it, what is not kept (a status link's secret) is gone from the store.
    std::optional<std::string> kept;
    if (options_.kept_after_sending)
      if (std::string body = options_.kept_after_sending(row.body); body != row.body) kept = std::move(body);
    try {
      auto tx = store_.Begin(store::TransactionMode::kWrite);
      if (MarkSent(*tx, row.id, done, kept) && options_.on_sent) options_.on_sent(*tx, row, done);
      tx->Commit();
    } catch (const store::StoreFault&) {
      logging::Error("outbox: e-mail was sent but could not be marked sent; it will be sent again with the same "
                     "Message-ID",
                     {{"email_id", row.id}, {"idempotency_key", row.idempotency_key}});
      throw;
    }
    logging::Info("outbox: sent e-mail", {{"email_id", row.id}, {"idempotency_key", row.idempotency_key}});
    if (const auto ended = sending_.Succeeded())
      logging::Info("e-mail sending recovered",
                    {{"failed_attempts", ended->failures}, {"failing_since", FormatUtc(ended->since)}});
    return;
  }
  std::optional<FailureOutcome> outcome;
  {
    auto tx = store_.Begin(store::TransactionMode::kWrite);
    outcome = RecordFailure(*tx, row.id, sent.error().message, done, sent.error().IsInvalid());
    tx->Commit();
  }
  if (!outcome) return;
  if (outcome->gave_up) {
    logging::Error("outbox: gave up on e-mail", {{"email_id", row.id},
                                                 {"idempotency_key", row.idempotency_key},
                                                 {"attempts", outcome->attempts},
                                                 {"error", sent.error().message}});
    return;
  }
  // The mail server did not take it: the first failure of a run is told in full, then a summary at
  // most once a minute, then that sending recovered. Every attempt is still counted on its row.
  const auto note = sending_.Failed(done, *outcome->next_attempt_at);
  if (note.say == FailureRun::Say::kFirst)
    logging::Warn("outbox: e-mail attempt failed",
                  {{"email_id", row.id},
                   {"idempotency_key", row.idempotency_key},
                   {"attempts", outcome->attempts},
                   {"next_attempt_at", FormatUtc(*outcome->next_attempt_at)},
                   {"error", sent.error().message},
                   {"then", "further failures are summed up once a minute until sending recovers"}});
  else if (note.say == FailureRun::Say::kSummary)
    logging::Warn("outbox: e-mail sending still failing",
                  {{"failed_attempts", note.failures},
                   {"failing_since", FormatUtc(note.since)},
                   {"next_attempt_at", FormatUtc(note.next_try)},
                   {"error", sent.error().message}});
}

}  // namespace fd::notify
