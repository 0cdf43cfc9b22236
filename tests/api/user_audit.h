// The audit trail of changes to accounts, read straight from the store: for the tests of the
// administrator's pages and of first passwords, which check who made each change.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "store/store.h"

namespace fd::testing {

// Who did each audit event of `action` about user `id`, oldest first.
inline std::vector<std::string> UserAuditActors(store::Store& store, const std::string& action, std::int64_t id) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  std::vector<std::string> out;
  for (const auto& row : tx->Query("SELECT actor FROM audit_events WHERE action = ? AND record_type = 'user' AND "
                                   "record_id = ? ORDER BY seq",
                                   {action, std::to_string(id)}))
    out.push_back(row.Text(0));
  return out;
}

}  // namespace fd::testing
