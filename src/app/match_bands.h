// The probability bands of the people search (see docs/matching.md "In the service"), apart from
// person_search.h so the matcher's benchmark (bench/match_bench) reports the service's own bands
// without linking the application. At or above kLikelyMatch a candidate is "very likely" the child;
// at or above kPossibleMatch it is "possible" and worth checking; below that it is not shown at
// all, so a search does not show strangers' records.
#pragma once

namespace fd::app {

inline constexpr double kLikelyMatch = 0.95;
inline constexpr double kPossibleMatch = 0.005;

}  // namespace fd::app
