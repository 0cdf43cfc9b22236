#include "app/read_audit.h"

#include <utility>

namespace fd::app {

void ReadAudit::Record(store::Store& store, audit::AuditEvent event) {
  Waiting mine;
  mine.event = std::move(event);
  std::unique_lock lock(mutex_);
  queue_.push_back(&mine);
  if (!writing_) {
    writing_ = true;
    mine.lead = true;
  }
  mine.woken.wait(lock, [&] { return mine.done || mine.lead; });
  if (!mine.done) WriteBatch(store, lock);  // this view is in the batch it writes
  if (mine.fault) std::rethrow_exception(mine.fault);
}

void ReadAudit::WriteBatch(store::Store& store, std::unique_lock<std::mutex>& lock) {
  std::vector<Waiting*> batch;
  batch.swap(queue_);
  lock.unlock();
  std::exception_ptr fault;
  try {
    auto tx = store.Begin(store::TransactionMode::kWrite);
    for (Waiting* w : batch) audit::Append(*tx, w->event);
    tx->Commit();  // returns once the log is flushed
  } catch (...) {
    fault = std::current_exception();  // every view in the batch fails with it; none is shown
  }
  lock.lock();
  ++batches_;
  if (!fault) views_ += batch.size();
  for (Waiting* w : batch) {
    w->done = true;
    w->fault = fault;
    w->woken.notify_one();
  }
  // Views queued while this batch was written: the first of them writes the next batch.
  if (queue_.empty()) {
    writing_ = false;
  } else {
    queue_.front()->lead = true;
    queue_.front()->woken.notify_one();
  }
}

std::uint64_t ReadAudit::batches() const {
  std::lock_guard lock(mutex_);
  return batches_;
}

std::size_t ReadAudit::queued() const {
  std::lock_guard lock(mutex_);
  return queue_.size();
}

std::uint64_t ReadAudit::views() const {
  std::lock_guard lock(mutex_);
  return views_;
}

}  // namespace fd::app
