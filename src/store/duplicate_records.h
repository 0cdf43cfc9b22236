// Contacts closed as duplicates of others (migration 0037; app/duplicates.h), and deadlines closed
// as not applicable when the obligation fell away. Backend-neutral.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

// One contact closed as a duplicate of another, seen from either side: `contact_id` and `reference`
// name the other contact (the original from the duplicate, the duplicate from the original).
struct DuplicateLink {
  std::int64_t contact_id = 0;
  std::string reference;
  std::string reason;
  bool shares_child = false;  // false: the worker confirmed the same concern with no child shared
  std::int64_t closed_by = 0;
  std::string closed_by_name;
  Instant closed_at;
};

// `from_state`: the stage the contact was at (received, screening, screened), kept so that a
// duplicate closed by mistake returns to it when reopened (migration 0042).
void InsertDuplicate(Transaction& tx, std::int64_t contact_id, std::int64_t original_id, const std::string& reason,
                     bool shares_child, std::int64_t by, Instant at, const std::string& from_state);
// The stage a duplicate was at when it was closed; nullopt when it is not a duplicate.
std::optional<std::string> DuplicateFromState(Transaction& tx, std::int64_t contact_id);
// Reopening: the link and its kept stage go (both contact pages drop it, the status link stops
// following the original, the figures and Annex A count the contact again).
void RemoveDuplicate(Transaction& tx, std::int64_t contact_id);
// The contact `contact_id` was closed as a duplicate of, if it was.
std::optional<DuplicateLink> DuplicateOf(Transaction& tx, std::int64_t contact_id);
// The contacts closed as duplicates of `original_id`, oldest closure first.
std::vector<DuplicateLink> DuplicatesOf(Transaction& tx, std::int64_t original_id);

// A deadline closed as not applicable: neither met nor breached.
struct NotApplicableDeadline {
  std::int64_t id = 0;
  std::string timescale;
  std::string rule_id;
  std::string obligation;
  Instant starts_at;
  Instant due_at;
  Instant closed_at;
  std::string closed_by_name;
  std::string reason;
};
// Moves the record's open (unmet) deadlines out of `deadlines` into deadlines_not_applicable, with
// when, by whom and why; returns them. Queues, counts and figures read `deadlines` only, so a closed
// one is in none of them. A deadline's "check this date" mark (CAL-2, CAL-3) is kept with it (0045).
std::vector<NotApplicableDeadline> CloseDeadlinesNotApplicable(Transaction& tx, const std::string& record_type,
                                                               std::int64_t record_id, Instant at, std::int64_t by,
                                                               const std::string& reason);
// The same for the record's open deadlines of one timescale only (HCR-32: the decision on a strategy
// discussion, when the manager decided with reasons that none is needed).
std::vector<NotApplicableDeadline> CloseDeadlinesNotApplicable(Transaction& tx, const std::string& record_type,
                                                               std::int64_t record_id, const std::string& timescale,
                                                               Instant at, std::int64_t by, const std::string& reason);
std::vector<NotApplicableDeadline> NotApplicableDeadlines(Transaction& tx, const std::string& record_type,
                                                          std::int64_t record_id);

// Moves the record's deadlines closed as not applicable back into `deadlines`, as they were (their
// ids, start and due times, and "check this date" marks): a due time already past is breached, as
// any open deadline past due is.
// Returns them as they were closed.
std::vector<NotApplicableDeadline> RestoreNotApplicableDeadlines(Transaction& tx, const std::string& record_type,
                                                                 std::int64_t record_id);

// Retention: a purged contact takes its duplicate links (either side) and closed deadlines with it.
void PurgeDuplicateLinks(Transaction& tx, std::int64_t contact_id);

}  // namespace fd::store
