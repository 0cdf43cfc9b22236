// What /metrics reads from the database at scrape time: work queue depths, breached deadlines and
// the e-mail outbox's backlog. Counts grouped by codes (queue, stage, rule, timescale), never a
// record's id, reference or any personal detail. Backend-neutral; each is one indexed query.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

// Contacts still being worked at the front door (received, screening, screened, proposed), by
// queue and stage. Decided and routed contacts have left the queues.
struct QueueDepth {
  std::string queue;  // "front-door", "out-of-hours", "lado", …
  std::string state;  // "received", "screening", "screened", "proposed"
  std::int64_t contacts = 0;
};
std::vector<QueueDepth> CountOpenContactsByQueue(Transaction& tx);

// Deadlines breached at `now` (not met and past due; domain BreachedAt), by timescale and rule.
struct BreachedDeadlines {
  std::string timescale;  // "decision", "acknowledgement", …
  std::string rule_id;    // "HCR-21", "KCR-8", …
  std::int64_t open_past_due = 0;
};
std::vector<BreachedDeadlines> CountBreachedDeadlines(Transaction& tx, Instant now);

struct OutboxBacklog {
  std::int64_t unsent = 0;  // waiting to be sent or retried
  std::int64_t failed = 0;  // given up after the last attempt; an administrator must look
  std::optional<Instant> oldest_unsent_created_at;
};
OutboxBacklog ReadOutboxBacklog(Transaction& tx);

}  // namespace fd::store
