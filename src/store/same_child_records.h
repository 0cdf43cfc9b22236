// Other contacts about the same child (KCR-10: is the family known; HCR-30: is the child known).
// A child on two contacts is the same child when both are linked to one register person, or both
// give one NHS number, or both give exactly the same names (ignoring case) and date of birth: the
// exactness of FindExactMatches, never a fuzzy match. Indexes relied on: contact_children(person_id)
// (0016), contact_children(nhs_number) and contact_children(date_of_birth, last_name) (0028).
#pragma once

#include <cstdint>
#include <optional>
#include <set>
#include <string>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

struct SameChildContact {
  int child_position = 0;  // the child on the contact asked about
  std::int64_t contact_id = 0;
  std::string reference;
  Instant received_at;
  std::string state;  // contact state id
  bool urgent = false;
  // Its screener: the worker a manager allocated it to (migration 0031), else whoever started it.
  std::optional<std::int64_t> screening_by;
  std::string screening_by_name;  // empty when screening has not started and nobody is allocated
};

// The other contacts about a child of `contact_id` that are not decided, or were received or
// decided at or after `since`; oldest received first, at most `limit` rows.
std::vector<SameChildContact> SameChildContacts(Transaction& tx, std::int64_t contact_id, Instant since,
                                                int limit);

// Of `contact_ids` (one page of a queue), those with a child about whom another contact is not
// yet decided. One query for the whole page.
std::set<std::int64_t> ContactsWithRepeats(Transaction& tx, const std::vector<std::int64_t>& contact_ids);

// Whether contacts `a` and `b` are about one child, by the same three look-ups.
bool SharesChild(Transaction& tx, std::int64_t a, std::int64_t b);

}  // namespace fd::store
