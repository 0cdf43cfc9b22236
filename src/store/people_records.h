// The people register as the workflow needs it now: insert, exact-match lookup, household.
// Backend-neutral. The fuzzy matcher of the people-matching work reads the same table.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace fd::store {

struct PersonRecord {
  std::int64_t id = 0;
  std::string first_names;
  std::string last_name;
  std::optional<std::string> date_of_birth;  // YYYY-MM-DD
  std::string nhs_number;
  std::string household;  // people sharing a household key live together
  bool is_child = true;
  bool open_case = false;
  std::optional<std::int64_t> allocated_user_id;
  std::optional<std::int64_t> team_id;
  bool child_protection_plan = false;
  bool looked_after = false;
  std::string known_history;
};

// Inserts the person and notes the change (NotePersonChanged).
std::int64_t InsertPerson(Transaction& tx, const PersonRecord& person);
// Every write to the register (people, person_names, person_addresses, relationships,
// involvements, restricted_viewers, merges) calls this for each person it touched, in the same
// transaction: each node's match index reads person_changes past its last seq to catch up.
void NotePersonChanged(Transaction& tx, std::int64_t person_id);
// People whose NHS number equals `nhs_number` (when given), or whose names (ignoring case) and
// date of birth are exactly these. Records merged into another are never found (nor below).
std::vector<PersonRecord> FindExactMatches(Transaction& tx, const std::string& first_names, const std::string& last_name,
                                           const std::optional<std::string>& date_of_birth,
                                           const std::string& nhs_number);
// The person with this id, unless merged into another or gone.
std::optional<PersonRecord> FindPerson(Transaction& tx, std::int64_t id);
// Everyone sharing the household key, except `except_id`.
std::vector<PersonRecord> HouseholdMembers(Transaction& tx, const std::string& household, std::int64_t except_id);

}  // namespace fd::store
