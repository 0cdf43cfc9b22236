// Corrections of a contact's child after receipt (migration 0038): the child's row rewritten with the
// corrected details, and the history of each correction (app/child_corrections.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

// One field's change, as shown: dates YYYY-MM-DD, gender by its id, the NHS number's ten digits.
struct CorrectedField {
  std::string field;  // first_names, last_name, date_of_birth, expected_date, nhs_number, gender, address
  std::string from;
  std::string to;
};

struct ChildCorrection {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  int child_position = 0;
  std::vector<CorrectedField> changes;
  std::string reason;
  std::int64_t corrected_by = 0;
  std::string corrected_by_name;
  Instant corrected_at;
  // The register link that disagreed with the corrected details, still to be checked (none: nullopt).
  std::optional<std::int64_t> link_person_id;
  std::vector<std::string> link_differs;  // "name", "date_of_birth"
};

// Rewrites the child's details at `position` (its role, school and register link are kept).
// REQUIRES: a write transaction; the child exists.
void UpdateContactChild(Transaction& tx, std::int64_t contact_id, int position, const Child& child);
std::int64_t InsertChildCorrection(Transaction& tx, const ChildCorrection& correction);
// Every correction of the contact's children, oldest first, with the corrector's name.
std::vector<ChildCorrection> ChildCorrectionsOf(Transaction& tx, std::int64_t contact_id);
// The record checks already run on the child say they answered for the details before `at`.
void MarkRecordChecksOnEarlierDetails(Transaction& tx, std::int64_t contact_id, int position, Instant at);
// The child was linked again: the link flagged by earlier corrections has been looked at.
void ClearLinkToCheck(Transaction& tx, std::int64_t contact_id, int position);

}  // namespace fd::store
