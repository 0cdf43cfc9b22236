// What a queue's page shows beside each contact beyond the contact itself.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

// When each of `contact_ids` must be decided by: the earliest unmet deadline of the clocks a
// decision meets ("decision", KCR-8/HCR-27; "immediate-protection" and "section-47-decision",
// raised by screening). One query for the page (deadlines_by_record, migration 0002).
std::map<std::int64_t, Instant> DecideBy(Transaction& tx, const std::vector<std::int64_t>& contact_ids);

}  // namespace fd::store
