// The index's own forms of a person and of a query: normalised once, names interned, dates,
// NHS numbers and postcodes packed into integers, so comparing a candidate costs integer
// compares plus, for names, a look-up of a comparison already made.
#pragma once

#include <cstdint>
#include <expected>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "match/match_error.h"
#include "match/name_pool.h"
#include "match/person.h"

namespace fd::match {

// yyyymmdd, e.g. 20150304; 0 = not recorded.
using PackedDate = std::uint32_t;
// The ten digits as a number with bit 40 set, so "0000000000" is not mistaken for "not recorded".
using PackedNhs = std::uint64_t;
// The postcode's characters, one byte each, last character lowest (so >> 24 drops the inward code
// and leaves the outward code); 0 = not recorded.
using PackedPostcode = std::uint64_t;

inline constexpr NameId kNoName = 0xFFFFFFFF;

PackedDate PackDate(const DateOfBirth& date);
DateOfBirth UnpackDate(PackedDate date);
std::string PostcodeText(PackedPostcode postcode);

// What scoring reads for each candidate it scores, in 40 bytes. Records lie scattered over a
// large array, so these reads, not the arithmetic, are most of what a search costs.
// Names a person rarely has (a second middle name, surname parts, previous surnames) live apart
// in their "extra names" (see StoredPerson), read only when the inline names did not agree.
struct Record {
  PackedNhs nhs = 0;
  PackedPostcode postcode = 0;
  PackedDate date_of_birth = 0;
  NameId forename = kNoName;  // first forename
  NameId middle = kNoName;    // first middle name
  NameId surname = kNoName;   // current surname, whole ("smithjones")
  Gender gender = Gender::kNotKnown;
  std::uint8_t more_forenames = 0;  // middle names after the first, at the start of the extra names
  std::uint8_t current_parts = 0;   // then the current surname's parts ("smith", "jones")
  std::uint8_t previous_names = 0;  // then the previous surnames' variants
};
static_assert(sizeof(Record) <= 40, "Record is read once per candidate; keep it to 40 bytes");

// A person as the index files them.
struct StoredPerson {
  PersonId id = 0;
  Record record;
  std::vector<NameId> extra_names;  // see Record
};

// A query in the same shape, with names kept as forms (a searched-for name need not be in the
// pool); `id` is the pool's id when it holds the name, so equal names compare as integers.
struct QueryName {
  NameForm form;
  std::optional<NameId> id;
};

struct PreparedQuery {
  std::vector<QueryName> forenames;
  std::vector<QueryName> surnames;  // current surname's variants, then previous surnames'
  std::size_t current_surname_count = 0;
  PackedNhs nhs = 0;
  PackedPostcode postcode = 0;
  PackedDate date_of_birth = 0;
  Gender gender = Gender::kNotKnown;
};

// Validates and converts a person, interning their names. Errors name the field: an NHS number
// that is not ten digits, an impossible date, a malformed postcode, over 255 names.
std::expected<StoredPerson, MatchError> PrepareRecord(const Person& person, NamePool& pool);

// The same for a query, leaving the pool untouched.
std::expected<PreparedQuery, MatchError> PrepareQuery(const PersonQuery& query, const NamePool& pool);

// The variants of a surname: whole ("smithjones"), then its parts when it has several
// ({"smith", "jones"}), each normalised and without repeats.
std::vector<std::string> SurnameVariants(std::string_view surname);

// A record's names by role, read from the record and its extra names.
struct RecordNames {
  std::vector<NameId> forenames;  // first, then middle names
  std::vector<NameId> surnames;   // current surname's variants, then previous surnames'
  std::size_t current_surname_count = 0;
};
RecordNames NamesOf(const Record& record, std::span<const NameId> extra_names);

}  // namespace fd::match
