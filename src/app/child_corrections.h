// Correcting a contact's child after receipt: a name or date of birth mistyped on the phone, the
// right NHS number rung through later (docs/decisions.md "Correcting a child's details"). The contact
// holds the corrected details, and each correction is kept with the old and new values, who, when
// and why (migration 0038) and audited. What depended on the details follows: the register match is
// looked at again (HCR-5, app/linked_open_cases.h), a register link made before is kept but flagged
// when it now disagrees (the link warning of app/people.h), and record checks already run say they
// answered for the details as they were (KCR-10, HCR-30). The other contacts about the same child are
// found from the details as they now are (app/same_child.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "app/context.h"
#include "domain/contact.h"
#include "domain/error.h"
#include "store/child_correction_records.h"

namespace fd::app {

// The details that may be corrected, as typed. A field left nullopt keeps its value; "" clears it.
struct ChildDetailsChange {
  std::optional<std::string> first_names;
  std::optional<std::string> last_name;
  std::optional<std::string> date_of_birth;  // YYYY-MM-DD
  std::optional<std::string> expected_date;  // YYYY-MM-DD, an unborn child
  std::optional<std::string> nhs_number;
  std::optional<std::string> gender;
  std::optional<std::string> address;
};

struct CorrectedChild {
  Contact contact;  // as it now is
  store::ChildCorrection correction;
  // The register record the child is linked to disagrees with the corrected details: kept, and
  // whoever works the contact is asked to check it is the same child (app/people.h LinkWarnings).
  std::vector<FieldError> link_warnings;
  std::string routing_note;  // HCR-5 found through the corrected details; empty: nothing changed
};

// Whether the actor may correct the contact's children now: one who records contacts (a contact
// officer, a hub adviser) while it is received (before screening starts), a social worker or team
// manager until it is decided; each only if they may work it (app/case_access.h). Errors: kForbidden
// (role; an open case held by someone else), kConflict (screening started, for one who only records
// contacts; decided, for everyone, saying what to do instead).
// Pure but for the case holder, read in `tx`.
Result<void> MayCorrectChildren(store::Transaction& tx, const Actor& actor, const Contact& contact);
// The contact, for the correction form of child `position`: errors as MayCorrectChildren, and
// kNotFound (contact or child).
Result<Contact> ContactToCorrect(AppContext& ctx, const Actor& actor, std::int64_t contact_id, int position);
// The same by role and stage alone, for a page deciding whether to offer "Correct details".
bool OffersChildCorrection(Role role, const Contact& contact);

// Corrects child `position` (0 for the first) of contact `contact_id`, taking the contact version
// the actor was looking at, with `reason` (required). Checked as at intake (domain/child_details.h;
// HCR-17 where the pack has it). Errors as MayCorrectChildren, kNotFound (contact or child), kConflict
// (stale version), kInvalid (a field, "reason", or nothing changed).
Result<CorrectedChild> CorrectChild(AppContext& ctx, const Actor& actor, std::int64_t contact_id, int position,
                                    std::int64_t version, const ChildDetailsChange& change, const std::string& reason);

// The contact's corrections, oldest first. REQUIRES: the actor may read the contact (already checked
// by the caller's read of it). Errors: kForbidden (role).
Result<std::vector<store::ChildCorrection>> ChildCorrectionsOf(AppContext& ctx, const Actor& actor,
                                                               std::int64_t contact_id);

// Words for a corrected field ("date of birth"), and a value as people read it (dates DD/MM/YYYY).
std::string CorrectedFieldWords(const std::string& field);
std::string CorrectedValueWords(const std::string& field, const std::string& value);

// [{"child", "changes": [{"field", "from", "to"}], "reason", "corrected_by": {"id", "name"},
//   "corrected_at", "link_to_check": null | {"person_id", "differs": ["name", "date_of_birth"]}}]
nlohmann::json ChildCorrectionsToJson(const std::vector<store::ChildCorrection>& corrections);

}  // namespace fd::app
