// What a queue's page shows beside each contact beyond the contact itself.
#pragma once

#include <cstdint>
#include <map>
#include <vector>

#include "domain/deadline.h"
#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

// The earliest unmet clock a contact must be decided by, and when it started.
struct DecideByClock {
  Instant due_at;
  Instant starts_at;
  // Past its time, by the one rule a deadline is breached by (a clock due at once gets its minute).
  bool OverdueAt(Instant now) const { return BreachedAt(starts_at, due_at, now); }
};

// When each of `contact_ids` must be decided by: the earliest unmet deadline of the clocks a
// decision meets ("decision", KCR-8/HCR-27; "immediate-protection" and "section-47-decision",
// opened at receipt for an urgent contact or raised by screening). One query for the page
// (deadlines_by_record, migration 0002).
std::map<std::int64_t, DecideByClock> DecideBy(Transaction& tx, const std::vector<std::int64_t>& contact_ids);

}  // namespace fd::store
