// Field-by-field comparison: the level of agreement each pair of values reaches. The index's
// scorer and the weight learning both use these, so a level means the same everywhere.
#pragma once

#include "match/levels.h"
#include "match/name_pool.h"
#include "match/nicknames.h"
#include "match/person.h"
#include "match/record.h"

namespace fd::match {

// Two different names at least this alike by Jaro–Winkler count as the same name mistyped.
// 0.92 keeps apart different names that children really have, such as "Ava"/"Eva" and
// "Jack"/"Jake", while catching slips like "Jonathon"/"Jonathan" (compare_test pins these).
inline constexpr double kCloseSimilarity = 0.92;

// Two normalised names: exact; close (Jaro–Winkler ≥ kCloseSimilarity); nickname (only when
// `nicknames` is given, i.e. for forenames); initial; phonetic (a shared sound code); or disagree.
// kMissing when either is empty.
Level CompareNames(const NameForm& a, const NameForm& b, const NicknameTable* nicknames);

// The same, given whether the nickname list pairs the two (always false for surnames), for
// callers that have looked that up already.
Level NameLevel(const NameForm& a, const NameForm& b, bool listed_as_nicknames);

// Dates of birth: exact; day and month swapped; year ±1 with the same day and month; one digit of
// DDMMYYYY different; or disagree. kMissing when either is 0.
Level CompareDates(PackedDate a, PackedDate b);

// Postcodes: exact; same outward code; or disagree. kMissing when either is 0.
Level ComparePostcodes(PackedPostcode a, PackedPostcode b);

// Exact or disagree; kMissing when either is not recorded.
Level CompareNhsNumbers(PackedNhs a, PackedNhs b);
Level CompareGenders(Gender a, Gender b);

// How every field of two people compares, as the index would score `b` for a search for `a`.
// For building labelled pairs to learn weights from (EstimateWeights). A field that fails to
// validate (a malformed NHS number, say) counts as missing.
FieldLevels Compare(const Person& a, const Person& b, const NicknameTable& nicknames);

}  // namespace fd::match
