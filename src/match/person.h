// What the matcher knows about a person: the few fields that identify a child across records.
// The caller (app/) builds these from its store and keeps the index current; match/ never reads
// the store itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fd::match {

// The caller's identifier for the person record (the store's row id).
using PersonId = std::int64_t;

// A date of birth as recorded: plain numbers, so the library needs no clock or calendar library.
struct DateOfBirth {
  int year = 0;
  int month = 0;  // 1–12
  int day = 0;    // 1–31

  friend bool operator==(const DateOfBirth&, const DateOfBirth&) = default;
};

// As recorded; kNotKnown is treated as missing, never as a disagreement.
enum class Gender : std::uint8_t { kNotKnown, kFemale, kMale, kOther };

struct Person {
  PersonId id = 0;
  std::vector<std::string> forenames;  // first name first, then middle names
  std::string surname;
  std::vector<std::string> previous_surnames;  // and alternative ones: a parent's, before adoption, …
  std::optional<DateOfBirth> date_of_birth;
  Gender gender = Gender::kNotKnown;
  std::optional<std::string> nhs_number;  // ten digits (spaces allowed)
  std::optional<std::string> postcode;    // any case and spacing; kept as "SW1A1AA"
};

// What a searcher knows, all of it optional: an empty vector or nullopt means "not known" and
// neither helps nor harms a candidate. At least one of names, date of birth, NHS number or
// postcode is needed to find anyone; a query with none finds nobody.
struct PersonQuery {
  std::vector<std::string> forenames;
  std::optional<std::string> surname;
  std::vector<std::string> previous_surnames;
  std::optional<DateOfBirth> date_of_birth;
  Gender gender = Gender::kNotKnown;
  std::optional<std::string> nhs_number;
  std::optional<std::string> postcode;
};

// True for a real calendar date (leap years included) in the years 1900–2199.
constexpr bool IsValidDate(const DateOfBirth& date) {
  if (date.year < 1900 || date.year > 2199 || date.month < 1 || date.month > 12 || date.day < 1) return false;
  constexpr int kDays[] = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
  const bool leap = (date.year % 4 == 0 && date.year % 100 != 0) || date.year % 400 == 0;
  const int days = kDays[date.month - 1] + ((date.month == 2 && leap) ? 1 : 0);
  return date.day <= days;
}

}  // namespace fd::match
