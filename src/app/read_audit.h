// The read audit's writer: a view of a child's record (record_access.h lists the events) is appended
// to the audit log and durable before the record is shown, and views that arrive together share one
// write transaction and one flush of the log.
//
// Why not one transaction per view, in the same unit as the read: every view then paid a whole write
// transaction of its own (the chain head, the event and its index pages written to the log, the
// writers' lock taken and handed on), which made a read five times the cost of a read without its
// audit (docs/benchmarks.md "Throughput"). Here the record is read in a read transaction, the view
// event is queued, and the first viewer to find no batch being written writes every view queued so
// far in one transaction, commits it (the commit returns once the log is flushed: group_sync.h), and
// wakes the others. No record is shown before its view is durable, and a view that cannot be written
// is not shown: Record throws the store's fault, as the write in the same unit did.
#pragma once

#include <condition_variable>
#include <cstdint>
#include <exception>
#include <memory>
#include <mutex>
#include <vector>

#include "audit/audit_log.h"
#include "store/store.h"

namespace fd::app {

class ReadAudit {
 public:
  // Appends `event` to the audit log of `store`, with any other views waiting, and returns once it is
  // durable. Throws what the store throws (StoreFault: answered 503) when the batch cannot be written.
  // REQUIRES: the caller holds no transaction on `store` (the batch needs the write lock).
  void Record(store::Store& store, audit::AuditEvent event);

  std::uint64_t batches() const;  // write transactions so far (each holds one or more views)
  std::uint64_t views() const;    // views recorded so far
  std::size_t queued() const;     // views waiting for the batch being written to end

 private:
  // One viewer waiting: woken alone (its own condition), when its view is written or when it is to
  // write the next batch, so a batch's end does not wake every handler thread to look.
  struct Waiting {
    audit::AuditEvent event;
    std::condition_variable woken;
    bool done = false;   // GUARDED_BY(mutex_)
    bool lead = false;   // GUARDED_BY(mutex_) write the next batch
    std::exception_ptr fault;
  };

  // Writes `batch` in one transaction and wakes its viewers; hands the next batch to the first viewer
  // queued meanwhile. REQUIRES: writing_ is set and `lock` holds mutex_ (released while writing).
  void WriteBatch(store::Store& store, std::unique_lock<std::mutex>& lock);

  mutable std::mutex mutex_;
  std::vector<Waiting*> queue_;  // GUARDED_BY(mutex_) views not yet taken into a batch
  bool writing_ = false;         // GUARDED_BY(mutex_) a batch is being written, or handed to its writer
  std::uint64_t batches_ = 0;    // GUARDED_BY(mutex_)
  std::uint64_t views_ = 0;      // GUARDED_BY(mutex_)
};

}  // namespace fd::app
