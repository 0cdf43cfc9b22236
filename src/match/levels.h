// The fields the matcher compares and the levels of agreement each comparison can reach: the
// vocabulary shared by the weights, the index's reasons and docs/matching.md.
#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string_view>

namespace fd::match {

enum class Field : std::uint8_t { kForename, kSurname, kDateOfBirth, kGender, kNhsNumber, kPostcode };
inline constexpr std::size_t kFieldCount = 6;

// Not every level applies to every field; the weights table says which do (see weights.h).
enum class Level : std::uint8_t {
  kMissing,          // one side did not record the field: weight 0, neither for nor against
  kExact,            // the same after normalisation
  kClose,            // names: Jaro–Winkler ≥ 0.92 ("Jonathon"/"Jonathan"), a typing slip
  kNickname,         // forenames: the nickname list pairs them ("Bill"/"William")
  kOtherForename,    // forenames: one's first name is the other's middle name
  kInitial,          // names: one side is just the initial of the other ("J"/"Jack")
  kPhonetic,         // names: different spelling, same sound code ("Smyth"/"Schmidt")
  kDayMonthSwapped,  // date of birth: 04/03 recorded as 03/04
  kYearOff,          // date of birth: same day and month, year one out
  kOneDigit,         // date of birth: one digit of DDMMYYYY differs
  kSameDistrict,     // postcode: same outward code (district), different postcode
  kDisagree,
};
inline constexpr std::size_t kLevelCount = 12;

// One level per field: a comparison vector, in Field order.
using FieldLevels = std::array<Level, kFieldCount>;

// How a level reads to a person deciding whether two records are the same child.
enum class Agreement : std::uint8_t { kAgreed, kPartlyAgreed, kDisagreed, kMissing };

constexpr std::size_t Position(Field field) {
  return static_cast<std::size_t>(field);
}
constexpr std::size_t Position(Level level) {
  return static_cast<std::size_t>(level);
}

constexpr Agreement AgreementOf(Level level) {
  switch (level) {
    case Level::kMissing:
      return Agreement::kMissing;
    case Level::kExact:
      return Agreement::kAgreed;
    case Level::kDisagree:
      return Agreement::kDisagreed;
    default:
      return Agreement::kPartlyAgreed;
  }
}

// Lower-case words for reasons and logs: "date of birth", "day and month swapped".
std::string_view FieldName(Field field);
std::string_view LevelName(Level level);
std::string_view AgreementName(Agreement agreement);

}  // namespace fd::match
