// Blocking: which records a search looks at. Scoring every child for every search would not
// scale, so each record is filed under a few keys, and a search scores only the records that
// share at least one key with the query. The keys are chosen so that one error in any one field
// still leaves the true record sharing a key through another field:
//   - date of birth exact (the query also tries day and month swapped, and year ±1);
//   - the sound of the surname, and of each previous surname and surname part (both codes);
//   - the sound of the first forename (both codes). Middle names are compared but not keys: they
//     would double the largest blocks, and a child known by a middle name still shares the
//     surname or date of birth. Initials are not keys either: "J" would file half the index;
//   - NHS number; postcode.
// A key is a 64-bit value: a kind in the top byte and the field's packed value below it, so keys
// of different kinds never collide and need no hashing to build.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "match/name_pool.h"
#include "match/record.h"

namespace fd::match {

using BlockingKey = std::uint64_t;

enum class KeyKind : std::uint8_t {
  kDateOfBirth = 1,
  kSurnameSound = 2,
  kForenameSound = 3,
  kNhsNumber = 4,
  kPostcode = 5,
};

BlockingKey MakeKey(KeyKind kind, std::uint64_t value);

// Name-sound keys file thousands of people each (the sound of "Smith" is over 1% of the
// country); the others file a handful. The index stores the two differently.
constexpr bool IsNameKey(BlockingKey key) {
  const auto kind = static_cast<KeyKind>(key >> 56);
  return kind == KeyKind::kSurnameSound || kind == KeyKind::kForenameSound;
}

// One person filed under a name key, with a summary of the record: enough for a search to bound
// the person's score while reading the block front to back, and to skip reading the record
// (a cache miss somewhere in hundreds of megabytes) for the many who cannot make the results.
struct Posting {
  std::uint32_t slot = 0;
  NameId forename = kNoName;             // first forename
  NameId middle = kNoName;               // first middle name
  NameId surname = kNoName;              // current surname, whole
  std::uint32_t date_of_birth : 25 = 0;  // PackedDate (at most 21991231 < 2^25)
  std::uint32_t gender : 2 = 0;          // Gender
  std::uint32_t more_forenames : 1 = 0;  // has a second middle name
  std::uint32_t more_surnames : 1 = 0;   // has surname parts or previous surnames
};
static_assert(sizeof(Posting) == 20);

Posting PostingFor(std::uint32_t slot, const Record& record);

// The keys a record is filed under, without repeats.
std::vector<BlockingKey> RecordKeys(const Record& record, std::span<const NameId> extra_names,
                                    const NamePool& pool);

// The keys a query looks up, without repeats; empty when the query holds nothing to block on,
// in which case the search finds nobody.
std::vector<BlockingKey> QueryKeys(const PreparedQuery& query);

}  // namespace fd::match
