// How alike two spellings are, for catching typing slips that change the sound code
// ("Jonh" for "John", "Mohammed" for "Muhammed").
#pragma once

#include <string_view>

namespace fd::match {

// Jaro similarity (M. A. Jaro, 1989): 1 for equal strings, 0 when nothing matches. Characters
// match when equal and no further apart than half the longer string's length less one;
// transpositions are half the matched characters out of order. Compares bytes, so callers pass
// normalised names (NormaliseName).
double Jaro(std::string_view a, std::string_view b);

// Jaro–Winkler (W. E. Winkler, 1990): Jaro raised for a common prefix of up to 4 characters, by
// 0.1 of the remaining distance per character. The boost applies whatever the Jaro value (as in
// the published reference values MARTHA/MARHTA 0.961, DWAYNE/DUANE 0.840, DIXON/DICKSONX 0.813).
double JaroWinkler(std::string_view a, std::string_view b);

// JaroWinkler(a, b) >= threshold, answered without the full computation when a quick upper bound
// (from the letters the two share, ignoring order, and their common prefix) already falls short.
// Most pairs of different names fail that way, which matters when a search compares a query
// with thousands of names.
bool JaroWinklerAtLeast(std::string_view a, std::string_view b, double threshold);

// Jaro–Winkler of two names after NormaliseName, so case, accents and punctuation do not count:
// NameSimilarity("O'Brien", "OBRIEN") is 1.
double NameSimilarity(std::string_view a, std::string_view b);

}  // namespace fd::match
