#include "store/write_health.h"

#include <atomic>
#include <ctime>
#include <mutex>
#include <unordered_map>

namespace fd::store {
namespace {

// The readiness row of migration 0065: written, never read, so no record of anyone's is touched.
constexpr const char* kWriteReadinessRow = "UPDATE readiness_checks SET checked_at = ? WHERE id = 1";

struct Failures {
  std::mutex mutex;
  std::unordered_map<const Store*, std::string> by_store;  // GUARDED_BY(mutex)
  // Read without the mutex on every commit: while nothing fails, a commit takes no lock here.
  std::atomic<bool> any{false};
};

Failures& AllFailures() {
  static Failures failures;
  return failures;
}

std::string NowText() {
  const std::time_t now = std::time(nullptr);
  std::tm utc{};
  gmtime_r(&now, &utc);
  char text[32];
  std::strftime(text, sizeof text, "%Y-%m-%dT%H:%M:%SZ", &utc);
  return text;
}

// Said to anyone who asks /readyz: the kind of failure, never the database's own words (a path).
std::string FailureInWords(const StoreFault& fault) {
  const std::string what = fault.what();
  if (what.find("readonly") != std::string::npos || what.find("read-only") != std::string::npos ||
      what.find("permission denied") != std::string::npos)
    return "the database is read-only to this service";
  switch (fault.kind()) {
    case StoreFault::Kind::kFull: return "the disk is full";
    case StoreFault::Kind::kCorrupt: return "the database is damaged";
    default: return "the database refused a write";
  }
}

}  // namespace

std::optional<std::string> WriteFailure(const Store& store) {
  auto& failures = AllFailures();
  if (!failures.any.load(std::memory_order_relaxed)) return std::nullopt;
  std::lock_guard lock(failures.mutex);
  const auto found = failures.by_store.find(&store);
  if (found == failures.by_store.end()) return std::nullopt;
  return found->second;
}

void NoteWriteFault(const Store& store, const StoreFault& fault) noexcept {
  if (fault.kind() == StoreFault::Kind::kBusy || fault.kind() == StoreFault::Kind::kConstraint) return;
  try {
    auto words = FailureInWords(fault);
    auto& failures = AllFailures();
    std::lock_guard lock(failures.mutex);
    failures.by_store[&store] = std::move(words);
    failures.any = true;
  } catch (...) {
    // Out of memory while noting a fault: the fault itself is still thrown to the caller.
  }
}

void NoteWriteCommitted(const Store& store) noexcept { ForgetWriteHealth(store); }

void ForgetWriteHealth(const Store& store) noexcept {
  auto& failures = AllFailures();
  if (!failures.any.load(std::memory_order_relaxed)) return;
  std::lock_guard lock(failures.mutex);
  failures.by_store.erase(&store);
  failures.any = !failures.by_store.empty();
}

bool WritesWork(Store& store) noexcept {
  if (!WriteFailure(store)) return true;
  try {
    auto tx = store.Begin(TransactionMode::kWrite);
    tx->Execute(kWriteReadinessRow, {NowText()});
    tx->Commit();
    return true;  // the commit cleared the failure
  } catch (...) {
    return false;  // the backend noted what failed
  }
}

void CheckWritable(Store& store) {
  auto tx = store.Begin(TransactionMode::kWrite);
  tx->Execute(kWriteReadinessRow, {NowText()});
  // Not committed: destroying it rolls the write back.
}

}  // namespace fd::store
