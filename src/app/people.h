// The people register (issue 7, docs/workflow.md "People register"): who is or was known to
// children's services, by every name they had, where they lived, how they are related, and what
// involvement there was — so the front door can see siblings and household adults at once (KCR-10,
// HCR-30). Also merging two records of one person (and undoing it exactly), restricted records, and
// linking a contact's child to the register ("is this child known?").
//
// Every use case authorises first (permissions.h: register.view, register.manage, register.merge,
// register.restrict, register.link-contact), writes and audits in one transaction, and notes every
// person touched in person_changes so each node's match index catches up (store/people_records.h).
// Reading a record is audited too ("person.viewed"). A restricted record shows anyone who is not one
// of its named viewers only that it exists and whom to ask; writing to it is refused to them.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/contact.h"
#include "domain/error.h"
#include "store/register_records.h"

namespace fd::app {

// The kinds the register knows, and how each reads to people.
bool IsRelationshipKind(std::string_view kind);   // parent, step_parent, sibling, half_sibling, household_member, partner_of_parent
bool IsInvolvementKind(std::string_view kind);    // contact, referral, early_help, assessment, child_in_need, child_protection_plan, looked_after
std::string InvolvementKindTitle(std::string_view kind);  // "Child protection plan"
// "EX1 2AB", "ex12ab" → "EX12AB" when it is a full UK postcode; nullopt otherwise.
std::optional<std::string> NormalisePostcode(std::string_view text);
// The UK postcode at the end of an address written on one line ("12 Orchard Way, Exampleton EX1 2AB").
std::optional<std::string> PostcodeInAddress(std::string_view address);

// A new person. Dates are YYYY-MM-DD; empty means not known.
struct PersonDraft {
  std::string first_names, last_name;
  std::string date_of_birth;
  std::string expected_date;  // an unborn child's expected date (instead of a date of birth)
  std::string gender = "not_known";
  std::string nhs_number;     // checked with Modulus 11
  std::string address;        // where they live now (optional)
  std::string postcode;       // optional; taken from the end of the address when not given
  std::string address_from;   // when they moved in (optional)
  std::string household;      // a household key; when empty, that of others at the same address, or one made from it
  // Child or adult. A child is under 18 on the day recorded (Children Act 1989 s105): "child" with a
  // date of birth 18 or more years before is refused (kInvalid, "is_child"). Not said: from the date
  // of birth, and a child when there is none (as a person is recorded for a child's sake).
  std::optional<bool> is_child;
};

struct NameDraft {
  std::string kind;  // previous, alternative
  std::string first_names, last_name;
  std::string from_date, to_date;
};

struct AddressDraft {
  std::string address, postcode;
  std::string from_date, to_date;  // to_date empty: lives there now
  bool close_previous = false;      // end the current address(es) the day this one starts (or today)
};

struct RelationshipDraft {
  std::int64_t related_person_id = 0;
  std::string kind;  // the person is `kind` of the related person: "parent" reads "is a parent of"
  std::string from_date, to_date;
};

struct InvolvementDraft {
  std::string kind;
  std::string started_on, ended_on;  // ended_on empty: open
  std::optional<std::int64_t> allocated_user_id;
  std::optional<std::int64_t> team_id;  // the allocated worker's team when not given
  std::string reference, summary;
};

struct RestrictionDraft {
  bool restricted = true;
  std::string ask;                    // whom everyone else asks (required when restricted)
  std::vector<std::int64_t> viewers;  // users who see the record; the manager restricting it is always one
};

// Another person as a record shows them. `hidden`: restricted, and the actor is not a named viewer —
// then only `person_id` and `ask` are set.
struct PersonRef {
  std::int64_t person_id = 0;
  bool hidden = false;
  std::string ask;
  std::string first_names, last_name;
  std::string date_of_birth;
  bool is_child = true;
  bool known = false;  // any involvement, open case or recorded history (HCR-30: "are or were known")
  bool open_case = false;
  bool child_protection_plan = false;
  bool looked_after = false;
};

struct FamilyMember {
  std::int64_t relationship_id = 0;  // 0 for a member found through a parent
  std::string kind;                  // the stored kind
  std::string relation;              // what they are to this person: "Parent", "Brother or sister", …
  std::string from_date, to_date;
  bool through_parent = false;       // a child of this person's parent not recorded as a sibling
  PersonRef person;
};

struct HouseholdMember {
  PersonRef person;
  std::string relation;  // from the family, when related; else ""
};

struct Viewer {
  std::int64_t user_id = 0;
  std::string name;
};

struct MergeSummary {
  std::int64_t id = 0;
  std::int64_t kept_person_id = 0, merged_person_id = 0;
  std::string merged_at;
  bool undone = false;
};

struct PersonView {
  std::int64_t id = 0;
  bool visible = true;      // false: restricted and the actor is not a named viewer; only id, restricted, ask
  bool restricted = false;
  std::string ask;
  std::optional<std::int64_t> merged_into;
  store::RegisterPerson person;
  std::string allocated_name, team_name;  // the current summary's worker and team
  std::vector<store::PersonName> names;
  std::vector<store::PersonAddress> addresses;
  std::optional<store::PersonAddress> current_address;
  std::vector<FamilyMember> family;
  std::vector<HouseholdMember> household;
  std::vector<store::Involvement> involvements;  // newest first; ended_on none = open
  std::vector<store::LinkedContact> contacts;
  std::vector<Viewer> viewers;                   // restricted records, for their viewers
  std::vector<MergeSummary> merges;
  // Open involvements the reader may not end, each with why and whom to ask (another worker's or
  // team's case: app/case_access.h). Only for a role that writes the register.
  std::map<std::int64_t, std::string> held_elsewhere;
};

// Errors: kForbidden, kInvalid (every field named). Returns the new record.
Result<PersonView> RecordPerson(AppContext& ctx, const Actor& actor, const PersonDraft& draft);
// Errors (these and the ones below that take a person): kForbidden (role, or restricted and not a
// named viewer: the message says whom to ask), kNotFound, kConflict (merged into another record),
// kInvalid.
Result<PersonView> AddName(AppContext& ctx, const Actor& actor, std::int64_t person_id, const NameDraft& draft);
Result<PersonView> AddAddress(AppContext& ctx, const Actor& actor, std::int64_t person_id, const AddressDraft& draft);
// Also kInvalid for a relationship with oneself, an unknown or merged related person, or one the
// pair already has (either way round for siblings, half-siblings and household members); and
// kForbidden, its field `related_person_id`, when the related person is restricted and the actor is not
// a named viewer (the relationship would show on their record).
Result<PersonView> AddRelationship(AppContext& ctx, const Actor& actor, std::int64_t person_id,
                                   const RelationshipDraft& draft);
// Keeps the person's summary (open_case, allocated worker and team, child protection plan, looked
// after) derived from their open involvements.
Result<PersonView> AddInvolvement(AppContext& ctx, const Actor& actor, std::int64_t person_id,
                                  const InvolvementDraft& draft);
// Errors: also kConflict when already closed. `ended_on` empty: today.
Result<PersonView> CloseInvolvement(AppContext& ctx, const Actor& actor, std::int64_t involvement_id,
                                    const std::string& ended_on);
// Ends one of the person's addresses: they moved out on `to_date` (empty: today). When no current
// address is left, they leave that household (their household key and current postcode are
// cleared). Errors: as AddAddress; also kNotFound (no such address on this record), kConflict
// (already ended), kInvalid (to_date not a date, in the future, or before they moved in).
Result<PersonView> CloseAddress(AppContext& ctx, const Actor& actor, std::int64_t person_id, std::int64_t address_id,
                                const std::string& to_date);

// Who an involvement may be allocated to, for the register's forms: active social workers and team
// managers ("Sam Social"), and the teams of active users. Errors: kForbidden (register.manage).
struct AllocationOption {
  std::int64_t id = 0;
  std::string name;
};
struct AllocationChoices {
  std::vector<AllocationOption> workers;  // by name
  std::vector<AllocationOption> teams;    // by name
};
Result<AllocationChoices> ListAllocationChoices(AppContext& ctx, const Actor& actor);

// Team managers; changing an already restricted record needs its manager to be a named viewer.
Result<PersonView> SetRestricted(AppContext& ctx, const Actor& actor, std::int64_t person_id,
                                 const RestrictionDraft& draft);

// The record with family, household and involvement. Audited as "person.viewed" — also when the
// record is restricted and the actor sees only that it exists. Errors: kForbidden, kNotFound.
Result<PersonView> GetPerson(AppContext& ctx, const Actor& actor, std::int64_t person_id);

struct MergeView {
  std::int64_t id = 0;
  std::int64_t kept_person_id = 0, merged_person_id = 0;
  std::string kept_name, merged_name;  // "Restricted record" when the actor may not see it
  std::string reason;
  std::string merged_by_name, merged_at;
  std::string undone_by_name;
  std::optional<std::string> undone_at;
  store::MovedRows moved;
  bool undoable = false;  // not undone, and nothing moved on since
};

// Moves everything of `merged_person_id` onto `kept_person_id` and marks it merged into it.
// Errors: kForbidden (role; restricted records the manager is not a viewer of), kInvalid (reason
// missing, a record merged into itself, either record unknown; at merged_person_id, the two recorded
// as family of each other, or both with a date of birth and the dates different: then they are two
// people), kConflict (either record already merged; a restricted record into an unrestricted one).
// A refusal about one of the two records (kConflict, or kForbidden for the merged record) also names
// its field, kept_person_id or merged_person_id, so a form can show it beside what was typed.
Result<MergeView> MergePeople(AppContext& ctx, const Actor& actor, std::int64_t kept_person_id,
                              std::int64_t merged_person_id, const std::string& reason);
// Restores exactly what the merge moved. Errors: kForbidden, kNotFound, kConflict (already undone,
// or a later merge moved the rows on: undo that one first).
Result<MergeView> UndoMerge(AppContext& ctx, const Actor& actor, std::int64_t merge_id);
// Errors: kForbidden, kNotFound.
Result<MergeView> GetMerge(AppContext& ctx, const Actor& actor, std::int64_t merge_id);

struct ChildLink {
  std::int64_t contact_id = 0;
  int child_position = 0;  // 0 for the first child
  std::int64_t person_id = 0;
  bool new_person = false;
  // Where the record's name or date of birth disagree with the child's on the contact ("name",
  // "date_of_birth"): linked all the same, as the contact may hold a nickname or a mistake, but
  // whoever linked it is asked to check it is the same child.
  std::vector<FieldError> warnings;
  std::string routing_note;  // HCR-5 found through the link (app/linked_open_cases.h); empty: none
};
// The words of a link warning for `field` ("name", "date_of_birth"), for a page that has only the field.
std::string LinkWarningMessage(std::string_view field);
// Where the register record `person` disagrees with `child` on name or date of birth: what a link
// answers with, and what a correction of a linked child's details is checked against.
std::vector<FieldError> LinkWarnings(const Child& child, const store::RegisterPerson& person);
// "This is the child": links the contact's child to a register record, and applies HCR-5 to the
// contact again while the front door holds it (app/linked_open_cases.h). Errors: kForbidden (role;
// a restricted record the actor may not see), kNotFound (contact or child), kInvalid (unknown
// person), kConflict (a merged record).
Result<ChildLink> ConfirmChildMatch(AppContext& ctx, const Actor& actor, std::int64_t contact_id, int child_position,
                                    std::int64_t person_id);
// "New person": records the child as given on the contact and links it. Errors: kForbidden,
// kNotFound, kConflict (already linked), kInvalid (the contact's details are not enough).
Result<ChildLink> NewPersonFromContactChild(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                            int child_position);
// A new register record for a child another record names (a CP chair consultation's child, CPC-4),
// inserted in the caller's write transaction with its "person.recorded" audit event, whose changes
// are `source` (what the record came from). The caller authorises and links it. Returns the new id.
// Errors: kInvalid naming each field, as RecordPerson.
Result<std::int64_t> RecordPersonIn(AppContext& ctx, store::Transaction& tx, const Actor& actor,
                                    const PersonDraft& draft, const std::map<std::string, std::string>& source);
// The register record each child of a contact is linked to, by position. Errors: kForbidden, kNotFound.
Result<std::vector<std::optional<std::int64_t>>> ContactChildPeople(AppContext& ctx, const Actor& actor,
                                                                    std::int64_t contact_id);

}  // namespace fd::app
