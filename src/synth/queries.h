// A labelled query set for the matcher: each query is a child or adult as a caller to the front
// door might describe them, with the slips callers and typists make, and the true answer: the
// person's id, or "not on the register" for people the register does not hold.
//
// The error mix is kErrorMix below (docs/synthetic-population.md explains it); every query records
// the errors actually applied, so accuracy can be broken down by error.
//
// Deterministic: the same population and options give the same queries.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "match/nicknames.h"
#include "match/person.h"
#include "synth/population.h"

namespace fd::synth {

// One line of the documented mix: the chance that a query about a child (or an adult) gets this
// error or omission. Errors of one field exclude each other (a first name is misspelt or given as a
// nickname, not both). `needs` says when an error can apply at all; when it cannot, the field is
// given as recorded, so the share met is lower than the rate for those errors.
struct ErrorRate {
  std::string_view tag;
  double child_rate = 0.0;
  double adult_rate = 0.0;
  std::string_view what;
  std::string_view needs;  // "" when it always applies
};

inline constexpr ErrorRate kErrorMix[] = {
    // The query as a whole.
    {"first_name_only", 0.02, 0.02, "only a first name (and perhaps gender) is known", ""},
    // First name.
    {"forename_typo", 0.06, 0.06, "a letter of the first name wrong, dropped or doubled", ""},
    {"forename_transposed", 0.04, 0.04, "two adjacent letters of the first name swapped",
     "two different letters side by side after the first"},
    {"nickname", 0.08, 0.08, "a nickname or other form of the first name (data/nicknames.csv)",
     "a first name with a listed nickname"},
    {"middle_name_as_first", 0.02, 0.02, "the middle name given as the first name", "a middle name"},
    {"forename_initial", 0.02, 0.02, "only the initial of the first name", ""},
    {"no_forename", 0.03, 0.03, "no first name", "not first_name_only"},
    // Surname (not drawn for first_name_only).
    {"surname_typo", 0.06, 0.06, "a letter of the surname wrong, dropped or doubled", ""},
    {"surname_transposed", 0.03, 0.03, "two adjacent letters of the surname swapped",
     "two different letters side by side after the first"},
    {"changed_surname", 0.07, 0.07,
     "an earlier surname, or (for a child) the mother's surname, instead of the current one",
     "an earlier surname, or a mother with another surname"},
    {"no_surname", 0.03, 0.03, "no surname", ""},
    // Date of birth (not drawn for first_name_only).
    {"dob_swapped", 0.05, 0.05, "day and month swapped (04/03 for 03/04)", "a day of 12 or less, not equal to the month"},
    {"dob_year_off", 0.05, 0.05, "the year one out", "a valid date a year away"},
    {"dob_digit", 0.03, 0.03, "one digit of the day wrong", ""},
    {"no_dob", 0.10, 0.35, "no date of birth (callers rarely know an adult's)", ""},
    // Other fields (not drawn for first_name_only).
    {"nhs_given", 0.15, 0.05, "the NHS number is given (correctly)", "an NHS number on record"},
    {"postcode_given", 0.45, 0.45, "the current postcode is given", ""},
    {"old_postcode", 0.10, 0.10, "a previous address's postcode is given", "an earlier address elsewhere"},
    {"gender_given", 0.70, 0.70, "the gender is given", "a recorded gender"},
    // Spelling (any name).
    {"accents_dropped", 0.70, 0.70, "accents typed without (Mikolaj for Mikołaj)", "a name with accents"},
};

// Tags that are omissions or information given, not errors, among those above.
bool IsInformationTag(std::string_view tag);

struct LabelledQuery {
  std::int64_t number = 0;                // 1, 2, 3, …
  std::optional<std::int64_t> person_id;  // the true person; nullopt: not on the register
  bool about_child = true;
  std::string absent_kind;  // "" on the register; else "other_family", "new_baby" or "new_partner"
  // What the caller says; "" means not known.
  std::string forenames;
  std::string surname;
  std::string date_of_birth;  // YYYY-MM-DD
  std::string gender;         // "female", "male"
  std::string nhs_number;
  std::string postcode;
  std::vector<std::string> errors;  // tags of kErrorMix applied, in table order
};

// The matcher's form of a query. Dates and postcodes are well formed by construction.
match::PersonQuery ToMatchQuery(const LabelledQuery& query);
// One JSON object on one line; `id_offset` is added to person_id (the store's ids may not start at 1).
std::string ToJsonLine(const LabelledQuery& query, std::int64_t id_offset = 0);
// Reads a line written by ToJsonLine (ids as written). nullopt for a line that is not one.
std::optional<LabelledQuery> FromJsonLine(std::string_view line);

struct QueryOptions {
  std::uint64_t seed = 1;
  std::size_t count = 1000;
  double absent_share = 0.2;  // queries about people not on the register
  double adult_share = 0.25;  // of the queries about people on it, those about adults
};

// Picks query targets from a population offered family by family (reservoir sampling, so the whole
// population is never held), then describes each with errors. Absent people come from families
// outside the population (60%), new babies of registered families (25%) and new partners living
// in registered households (15%).
class QuerySampler {
 public:
  QuerySampler(QueryOptions options, PopulationOptions population);

  // REQUIRES: families in population order, each once.
  void Offer(const Family& family);
  // The queries, shuffled, numbered from 1. Fewer than `count` only when the population has fewer
  // people of a kind than asked for.
  std::vector<LabelledQuery> Finish();

 private:
  struct Target {
    SynthPerson person;
    std::string mother_surname;  // a child's mother's current surname, when it differs
  };
  struct Household {
    std::string group;
    std::string surname;   // of its youngest child
    std::string postcode;  // current
    int district = 0;
    std::vector<std::string> child_names;
  };
  LabelledQuery Describe(const Target& target, Random& random) const;
  template <typename T>
  void Keep(std::vector<T>& reservoir, std::size_t capacity, std::size_t& seen, T&& item);

  QueryOptions options_;
  PopulationOptions population_;
  match::NicknameTable nicknames_;
  Random random_;
  std::size_t child_capacity_ = 0, adult_capacity_ = 0, household_capacity_ = 0;
  std::size_t children_seen_ = 0, adults_seen_ = 0, households_seen_ = 0;
  std::vector<Target> children_, adults_;
  std::vector<Household> households_;
};

// The nickname table shipped as data/nicknames.csv (embedded).
const match::NicknameTable& ShippedNicknames();

}  // namespace fd::synth
