// The people register whole (migration 0011, docs/workflow.md "People register"): a person with
// every name they had, where they lived, how they are related, what involvement children's services
// had, who may see a restricted record, and the bookkeeping that makes a merge undoable.
//
// Backend-neutral, written against Transaction; every value is bound, never concatenated. Every
// function here that writes calls NotePersonChanged for each person it touched, in the caller's
// transaction, so each node's match index catches up (people_records.h). Dates are YYYY-MM-DD text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace fd::store {

// A `people` row with every column the register has.
struct RegisterPerson {
  std::int64_t id = 0;
  std::string first_names;
  std::string last_name;
  std::optional<std::string> date_of_birth;
  std::optional<std::string> expected_date;  // an unborn child's expected date
  std::string gender = "not_known";
  std::string nhs_number;  // ten digits, or empty
  std::string postcode;    // current, normalised (upper case, no spaces)
  std::string household;   // people sharing a household key live together
  bool is_child = true;
  // The current summary; derived from open involvements once the person has any (app/people.h).
  bool open_case = false;
  std::optional<std::int64_t> allocated_user_id;
  std::optional<std::int64_t> team_id;
  bool child_protection_plan = false;
  bool looked_after = false;
  std::string known_history;
  bool restricted = false;
  std::string restricted_ask;  // whom everyone else asks
  std::optional<std::int64_t> merged_into;
  std::string created_at;  // UTC ISO 8601, or empty for rows made before the register
};

struct PersonName {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string kind;  // previous, alternative
  std::string first_names;
  std::string last_name;
  std::optional<std::string> from_date;
  std::optional<std::string> to_date;
};

struct PersonAddress {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string address;
  std::string postcode;  // normalised
  std::optional<std::string> from_date;
  std::optional<std::string> to_date;  // none: lives there now
};

// `person_id` is `kind` of `related_person_id` ("parent": person is a parent of related person).
struct Relationship {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::int64_t related_person_id = 0;
  std::string kind;
  std::optional<std::string> from_date;
  std::optional<std::string> to_date;
};

struct Involvement {
  std::int64_t id = 0;
  std::int64_t person_id = 0;
  std::string kind;
  std::string started_on;
  std::optional<std::string> ended_on;  // none: open
  std::optional<std::int64_t> allocated_user_id;
  std::optional<std::int64_t> team_id;
  std::string reference;
  std::string summary;
  // Read only: the allocated worker's display name and the team's name ("" when none).
  std::string allocated_name;
  std::string team_name;
};

// A contact that named this person (contact_children.person_id).
struct LinkedContact {
  std::int64_t contact_id = 0;
  int child_position = 0;
  std::string reference;
  std::string received_at;
  std::string state;
};

struct PersonWhole {
  RegisterPerson person;
  std::vector<PersonName> names;            // previous and alternative, oldest first
  std::vector<PersonAddress> addresses;     // current first, then newest first
  std::vector<Relationship> relationships;  // both directions: person_id or related_person_id is this person
  std::vector<Involvement> involvements;    // newest started first
  std::vector<std::int64_t> restricted_viewers;
  std::vector<LinkedContact> contacts;      // newest received first
};

// --- reading ---------------------------------------------------------------------------------

std::optional<RegisterPerson> FindRegisterPerson(Transaction& tx, std::int64_t id);
// Several people by id, in id order; ids that do not exist are left out.
std::vector<RegisterPerson> FindRegisterPeople(Transaction& tx, const std::vector<std::int64_t>& ids);
std::optional<PersonWhole> ReadPersonWhole(Transaction& tx, std::int64_t id);
// People (not merged away) sharing the household key, or living now at the same address (same
// normalised postcode and the same address text, ignoring case), except `person_id`. Id order.
std::vector<RegisterPerson> HouseholdOf(Transaction& tx, const RegisterPerson& person,
                                        const std::optional<PersonAddress>& current_address);
// The household key of someone else (not merged away) living now at that address, if any.
std::optional<std::string> HouseholdKeyAt(Transaction& tx, const std::string& address, const std::string& postcode,
                                          std::int64_t except_person_id);
std::optional<Involvement> FindInvolvement(Transaction& tx, std::int64_t id);
std::vector<Involvement> InvolvementsOf(Transaction& tx, std::int64_t person_id);
std::int64_t CountInvolvements(Transaction& tx, std::int64_t person_id);
// Relationships of which the person is either side, in id order.
std::vector<Relationship> RelationshipsOf(Transaction& tx, std::int64_t person_id);
bool IsRestrictedViewer(Transaction& tx, std::int64_t person_id, std::int64_t user_id);
// Someone else (not merged away) already recorded with this NHS number.
std::optional<std::int64_t> PersonWithNhsNumber(Transaction& tx, const std::string& nhs_number, std::int64_t except_id);
std::optional<std::string> TeamName(Transaction& tx, std::int64_t team_id);
// True when the pair already has a relationship of `kind`: the same direction, or either direction
// for the symmetric kinds (sibling, half_sibling, household_member).
bool HasRelationship(Transaction& tx, std::int64_t person_id, std::int64_t related_person_id, const std::string& kind);
bool IsSymmetricRelationship(const std::string& kind);

// One person as a match index loads it: the row, their other names and every address's postcode.
struct RegisterEntry {
  RegisterPerson person;
  std::vector<PersonName> names;
  std::vector<PersonAddress> addresses;
};
// Loading the register in pages: people with after_id < id, in id order, at most `limit`, with their
// names and addresses (three queries per page, not one per person). Merged-away people are included
// (merged_into set) so a loader can tell them apart; the next page starts after the last id returned.
std::vector<RegisterEntry> ListRegisterPage(Transaction& tx, std::int64_t after_id, int limit);

// --- writing (each notes the people it touched) --------------------------------------------------

std::int64_t InsertRegisterPerson(Transaction& tx, const RegisterPerson& person);
std::int64_t InsertPersonName(Transaction& tx, const PersonName& name);
std::int64_t InsertPersonAddress(Transaction& tx, const PersonAddress& address);
// Ends every current address of the person on `to_date`; returns how many.
std::int64_t CloseCurrentAddresses(Transaction& tx, std::int64_t person_id, const std::string& to_date);
// The person's current postcode and household key (after a move).
void UpdateHome(Transaction& tx, std::int64_t person_id, const std::string& postcode, const std::string& household);
std::int64_t InsertRelationship(Transaction& tx, const Relationship& relationship);
std::int64_t InsertInvolvement(Transaction& tx, const Involvement& involvement);
// Ends an open involvement; false when it was not open.
bool EndInvolvement(Transaction& tx, std::int64_t id, const std::string& ended_on);

struct CaseSummary {
  bool open_case = false;
  std::optional<std::int64_t> allocated_user_id;
  std::optional<std::int64_t> team_id;
  bool child_protection_plan = false;
  bool looked_after = false;
};
void UpdateCaseSummary(Transaction& tx, std::int64_t person_id, const CaseSummary& summary);
// Replaces the restriction: the flag, whom to ask, and the named viewers.
void SetRestriction(Transaction& tx, std::int64_t person_id, bool restricted, const std::string& ask,
                    const std::vector<std::int64_t>& viewers);
// contact_children.person_id for one child of a contact; false when there is no such child.
bool LinkContactChild(Transaction& tx, std::int64_t contact_id, int position, std::int64_t person_id);
// contact_children.person_id for every child of a contact, by position (none: not linked).
std::vector<std::optional<std::int64_t>> ContactChildPeople(Transaction& tx, std::int64_t contact_id);

// --- merging --------------------------------------------------------------------------------------

// What a merge moved from the merged record to the kept one, by row, so undo restores exactly.
struct MovedRows {
  std::vector<std::int64_t> names, addresses, involvements;
  std::vector<std::int64_t> relationships_from;  // person_id was the merged record
  std::vector<std::int64_t> relationships_to;    // related_person_id was the merged record
  std::vector<std::pair<std::int64_t, int>> contact_children;  // (contact_id, position)
  std::vector<std::int64_t> consultations, chair_consultations, record_checks;
  std::vector<std::int64_t> added_names;  // the merged record's own name, added to the kept one
  CaseSummary kept_summary;               // the kept record's summary before the merge
  std::vector<std::int64_t> related_people;  // the other side of every moved relationship
};
std::string MovedRowsToJson(const MovedRows& moved);
// REQUIRES: text written by MovedRowsToJson.
MovedRows MovedRowsFromJson(const std::string& text);

struct PersonMerge {
  std::int64_t id = 0;
  std::int64_t kept_person_id = 0;
  std::int64_t merged_person_id = 0;
  std::string reason;
  MovedRows moved;
  std::int64_t merged_by = 0;
  std::string merged_at;
  std::optional<std::int64_t> undone_by;
  std::optional<std::string> undone_at;
  // Read only: display names of who merged and who undid.
  std::string merged_by_name, undone_by_name;
};

// Re-points every row of `merged` to `kept` (names, addresses, relationships, involvements, contact
// children, consultations, chair consultations, record checks) and sets merged_into. Relationships
// between the two, and those the kept record already has, stay with the merged record. Returns what
// moved; notes both people and the other side of each moved relationship.
MovedRows MoveToKept(Transaction& tx, std::int64_t kept, std::int64_t merged);
// True when every row in `moved` still belongs to `kept` (nothing has moved on since the merge).
bool StillWithKept(Transaction& tx, std::int64_t kept, const MovedRows& moved);
// Moves exactly those rows back, deletes the added names and clears merged_into.
// REQUIRES: StillWithKept(tx, kept, moved).
void MoveBack(Transaction& tx, std::int64_t kept, std::int64_t merged, const MovedRows& moved);

std::int64_t InsertMerge(Transaction& tx, const PersonMerge& merge);
std::optional<PersonMerge> FindMerge(Transaction& tx, std::int64_t id);
// Merges of which the person is either side, newest first.
std::vector<PersonMerge> MergesOf(Transaction& tx, std::int64_t person_id);
// Marks a merge undone; false when it already was.
bool MarkMergeUndone(Transaction& tx, std::int64_t id, std::int64_t by, const std::string& at);

}  // namespace fd::store
