#include "store/store.h"

namespace fd::store {

// Every backend answers /readyz the same way: a read transaction and the cheapest query, so a
// database that is gone, full of locks or out of connections shows as not ready.
bool Store::Ping() noexcept {
  try {
    auto tx = Begin(TransactionMode::kRead);
    tx->Query("SELECT 1");
    return true;
  } catch (...) {
    return false;
  }
}

}  // namespace fd::store
