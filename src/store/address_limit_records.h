// The counts behind the limits on what anyone may do without signing in (migration 0032,
// app/address_throttle.h): per limit and client address, the window being counted and its uses.
// Backend-neutral: written against Transaction. Callers hold a write transaction, which every node's
// writers take in turn, so a read then a write of one row is never overtaken.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

struct AddressUses {
  Instant window_start;
  std::int64_t uses = 0;
};

std::optional<AddressUses> FindAddressUses(Transaction& tx, const std::string& limit, const std::string& address);
// Sets the address's window and uses under `limit`, adding its row when there is none.
void SetAddressUses(Transaction& tx, const std::string& limit, const std::string& address, const AddressUses& uses);
// Deletes the rows of `limit` whose window began at or before `passed` (their window is over);
// returns how many.
std::int64_t DeletePassedAddressWindows(Transaction& tx, const std::string& limit, Instant passed);

}  // namespace fd::store
