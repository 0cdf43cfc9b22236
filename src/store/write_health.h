// Writes failing (docs/decisions.md "Restore, readiness and the database's permissions"): a database
// that answers reads but refuses every write (read-only to this user, a full disk) is not ready,
// though Store::Ping() succeeds. Each backend notes its write transactions' faults here, and the
// next write that commits clears them; /readyz asks WritesWork().
//
// Kept beside the Store interface rather than in it: per store, keyed by its address, forgotten when
// the backend is destroyed (each backend's destructor calls ForgetWriteHealth).
#pragma once

#include <optional>
#include <string>

#include "store/store.h"

namespace fd::store {

// What is failing, in words fit for a public probe (no paths, no SQL); none while writes work.
std::optional<std::string> WriteFailure(const Store& store);
// A fault of a write transaction: noted unless it is a busy lock or a broken constraint (the
// database took writes; this one was refused or waited).
void NoteWriteFault(const Store& store, const StoreFault& fault) noexcept;
void NoteWriteCommitted(const Store& store) noexcept;
void ForgetWriteHealth(const Store& store) noexcept;

// True while writes work. Only after a failure: writes the readiness row (migration 0065) and commits,
// so /readyz learns that writes work again without waiting for a user's write (a load balancer sends
// none to a node it took out). Never throws.
bool WritesWork(Store& store) noexcept;

// At start (serve, migrate): one real write in a transaction rolled back. Throws StoreFault (its
// message says "readonly" for a database this user cannot write) rather than start a service whose
// every change would fail.
void CheckWritable(Store& store);

}  // namespace fd::store
