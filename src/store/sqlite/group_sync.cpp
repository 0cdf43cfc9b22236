#include "store/sqlite/group_sync.h"

#include "store/store.h"

namespace fd::store {
namespace {

[[noreturn]] void ThrowFailed(const std::string& why) {
  throw StoreFault(StoreFault::Kind::kUnavailable, "sqlite: the write-ahead log could not be flushed to disk (" + why +
                                                       "); no write is acknowledged until frontdoor is restarted");
}

}  // namespace

std::uint64_t GroupSync::Issue() {
  std::lock_guard lock(mutex_);
  return ++issued_;
}

void GroupSync::WaitDurable(std::uint64_t ticket, const Flush& flush) {
  std::unique_lock lock(mutex_);
  for (;;) {
    if (failure_) ThrowFailed(*failure_);
    if (durable_ >= ticket) return;
    if (flushing_) {
      // A flush is under way; it may have begun before this ticket, so wait and look again.
      flushed_.wait(lock);
      continue;
    }
    // Lead a flush for every commit written so far: their log writes are complete, since a
    // ticket is issued only after its COMMIT returned.
    flushing_ = true;
    const std::uint64_t covers = issued_;
    lock.unlock();
    std::optional<std::string> error;
    try {
      error = flush();
    } catch (const std::exception& e) {
      error = e.what();
    }
    lock.lock();
    flushing_ = false;
    ++flushes_;
    if (error) failure_ = std::move(error);
    else if (covers > durable_) durable_ = covers;
    flushed_.notify_all();
  }
}

void GroupSync::ThrowIfFailed() const {
  std::lock_guard lock(mutex_);
  if (failure_) ThrowFailed(*failure_);
}

std::uint64_t GroupSync::flushes() const {
  std::lock_guard lock(mutex_);
  return flushes_;
}

std::uint64_t GroupSync::issued() const {
  std::lock_guard lock(mutex_);
  return issued_;
}

}  // namespace fd::store
