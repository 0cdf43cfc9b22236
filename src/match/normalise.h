// Normal forms of the fields the matcher compares: names, postcodes and NHS numbers.
// Records arrive typed by many hands ("O'Brien", "OBRIEN", "o’brien", "Zoë"), so every comparison
// and every blocking key is computed on these forms, never on the text as entered.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fd::match {

// Lower case, accents folded to their base letter ("Zoë" → "zoe", "Łukasz" → "lukasz",
// "Straße" → "strasse"), and everything that is not a letter dropped: spaces, hyphens, apostrophes
// (straight and curly), full stops, digits. So "O'Brien", "OBrien" and "o’brien" are all "obrien",
// and "Smith-Jones" is "smithjones". Letters of other scripts (Arabic, Cyrillic, …) are kept as
// they are, so such names still agree exactly with themselves. Invalid UTF-8 bytes are dropped.
std::string NormaliseName(std::string_view text);

// The words of a name, each normalised: split at spaces and hyphens ("Smith-Jones" → {"smith",
// "jones"}, "Mary Jane" → {"mary", "jane"}); words that normalise to nothing are left out.
std::vector<std::string> NameWords(std::string_view text);

// Forenames split at spaces only, so a hyphenated forename stays one name ("Jean-Luc" → "jeanluc")
// while "Mary Jane" typed in one box becomes two forenames.
std::vector<std::string> ForenameList(const std::vector<std::string>& forenames);

// A UK postcode in normal form: upper case, no spaces ("sw1a 1aa" → "SW1A1AA"). Returns nullopt
// unless the result has the shape of a full postcode: 5 to 7 letters and digits, starting with a
// letter, ending in digit-letter-letter (the inward code). Checking it exists is not our job.
std::optional<std::string> NormalisePostcode(std::string_view text);

// The outward code (district) of a normalised postcode: all but the last three characters
// ("SW1A1AA" → "SW1A").
std::string_view OutwardCode(std::string_view normalised_postcode);

// An NHS number as ten digits, spaces and hyphens allowed in the input ("943 476 5919").
// Returns nullopt for anything else. The Modulus 11 check digit is deliberately not checked:
// a record with a mistyped NHS number is still the same child, and the other fields can say so.
std::optional<std::string> NormaliseNhsNumber(std::string_view text);

}  // namespace fd::match
