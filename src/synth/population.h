// A synthetic population for a county's children's services register: families and households
// with parents, step-parents, partners of parents, children and half-siblings; surnames changed on
// marriage and separation; house moves with dates; NHS numbers; and what children's services did
// (contacts, referrals, assessments, early help, child in need, child protection plans, looked-after
// periods, some still open with an allocated worker and team).
//
// Deterministic: family f is a pure function of (seed, f, the population's date), and people are
// numbered 1, 2, 3, … in family order, so the same options give the same people on every machine.
// Families are made one at a time (PopulationGenerator::Next), so a million people can be streamed
// into a store or an index without holding them all. docs/synthetic-population.md describes the
// model and its numbers.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "match/person.h"
#include "synth/name_data.h"

namespace fd::synth {

using Day = std::chrono::sys_days;

// "2026-06-01".
std::string FormatDay(Day day);
Day MakeDay(int year, int month, int day);

enum class RelationshipKind : unsigned char {
  kParent,           // person is a parent of the related person
  kStepParent,       // person is married to a parent of the related person
  kSibling,          // same two parents
  kHalfSibling,      // one parent in common
  kHouseholdMember,  // lives in the same household (a grandparent)
  kPartnerOfParent,  // person is a parent's partner, not married
};
// As the register stores it: "parent", "step_parent", "sibling", "half_sibling", …
std::string_view ToString(RelationshipKind kind);

enum class InvolvementKind : unsigned char {
  kContact,
  kReferral,
  kEarlyHelp,
  kAssessment,
  kChildInNeed,
  kChildProtectionPlan,
  kLookedAfter,
};
// As the register stores it: "contact", "referral", "early_help", "assessment", "child_in_need", …
std::string_view ToString(InvolvementKind kind);

struct Involvement {
  InvolvementKind kind = InvolvementKind::kContact;
  Day started{};
  std::optional<Day> ended;  // nullopt: open on the population's date
  int worker = -1;           // the allocated worker while open (0..kWorkers-1), -1 for none
  std::string team;          // the team holding it while open, "" for none
  std::string reference;     // "CT-2023-004512"
  std::string summary;
};
inline constexpr int kWorkers = 40;

struct PreviousName {
  std::string first_names;
  std::string last_name;
  std::optional<Day> from;
  std::optional<Day> to;
};

struct AddressSpell {
  std::string address;   // "14 Orchard Way, Wealdham WH3 4AB"
  std::string postcode;  // normalised: "WH34AB"
  Day from{};
  std::optional<Day> to;  // nullopt: lives there now
};

struct SynthPerson {
  std::int64_t id = 0;  // 1-based, consecutive in family order
  Sex sex = Sex::kFemale;
  std::string gender;  // as recorded: "female", "male" or "not_known"
  std::vector<std::string> forenames;  // first name first, then middle names
  std::string surname;                 // current
  std::vector<PreviousName> previous_names;  // earlier surnames, oldest first
  std::optional<Day> date_of_birth;          // nullopt for an unborn child
  std::optional<Day> expected_date;          // an unborn child's expected date
  std::string nhs_number;                    // "" when not recorded
  std::vector<AddressSpell> addresses;       // oldest first; the last is current
  std::string household;                     // key shared by the people living together now
  bool is_child = false;                     // under 18 (or unborn) on the population's date
  bool restricted = false;                   // visible only to named people
  std::string group;                         // heritage group, for analysis only
  std::vector<Involvement> involvements;     // in date order

  std::string FirstNames() const;      // forenames joined with spaces
  std::string CurrentPostcode() const;  // normalised; "" with no address
  // Anything open beyond a contact or referral.
  bool OpenCase() const;
  bool Open(InvolvementKind kind) const;
  // The open involvement with a worker, latest first; nullptr when none.
  const Involvement* Allocation() const;
  // "Contact 2019; assessment 2021; child protection plan 2021–2022; looked after since 2023".
  std::string KnownHistory() const;
};

struct Relationship {
  std::int64_t person_id = 0;
  std::int64_t related_person_id = 0;
  RelationshipKind kind = RelationshipKind::kParent;
  std::optional<Day> from;
  std::optional<Day> to;
};

struct Family {
  std::int64_t index = 0;  // the family's number in the population
  std::vector<SynthPerson> people;
  std::vector<Relationship> relationships;
};

struct PopulationOptions {
  std::uint64_t seed = 1;
  std::int64_t people = 1000;                 // how many people the population holds
  Day today = MakeDay(2026, 6, 1);            // the population's date: nothing happens after it
};

// Family `family_index`, its people numbered from `first_id`. Pure. The people making up
// `options.people` come from families 0, 1, 2, …; other indexes (kAbsentFamilyBase and up) give
// families that are not on the register, for queries about people it does not hold.
Family MakeFamily(const PopulationOptions& options, std::int64_t family_index, std::int64_t first_id);
inline constexpr std::int64_t kAbsentFamilyBase = 1'000'000'000;
// Ids of people of absent families start here, so they never collide with the register's.
inline constexpr std::int64_t kAbsentIdBase = 20'000'000;

// The population, family by family.
class PopulationGenerator {
 public:
  explicit PopulationGenerator(PopulationOptions options) : options_(options) {}

  // Fills `family` with the next family and returns true, or returns false once `people` have been
  // made. The last family is cut short at `people` (with the relationships to those cut).
  bool Next(Family& family);
  std::int64_t made() const { return next_id_ - 1; }
  const PopulationOptions& options() const { return options_; }

 private:
  PopulationOptions options_;
  std::int64_t next_family_ = 0;
  std::int64_t next_id_ = 1;
};

// What the matcher indexes for a person: names (previous surnames too), date of birth, gender,
// NHS number and current postcode.
match::Person ToMatchPerson(const SynthPerson& person);

}  // namespace fd::synth
