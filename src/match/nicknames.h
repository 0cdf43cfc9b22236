// Given names that stand for each other: "Bill" is William, "Liz" is Elizabeth, "Mo" is
// Mohammed. Referrers write the name a child is called by; the records hold the registered name.
// The list is data (data/nicknames.csv), read by the caller and handed in as text, so the
// library does no I/O and a council can extend the list without a rebuild.
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace fd::match {

// Why a nickname list could not be read: the line (counting from 1) and what is wrong with it.
struct NicknameError {
  int line = 0;
  std::string message;
};

class NicknameTable {
 public:
  // An empty table: no two different names are nicknames of each other.
  NicknameTable() = default;

  // Reads a list in which each line is one group of equivalent names separated by commas
  // ("William,Will,Bill,Billy,Liam"). Blank lines and lines starting with '#' are skipped.
  // A name may appear in several groups ("Alex" for Alexander and for Alexandra); names are
  // compared after NormaliseName. Fails on a line with fewer than two different names.
  [[nodiscard]] static std::expected<NicknameTable, NicknameError> Parse(std::string_view csv_text);

  // True when `a` and `b` are different names that one group lists together. Not transitive:
  // "Alexander" and "Alexandra" share "Alex" but are only nicknames if one group holds both.
  bool AreNicknames(std::string_view a, std::string_view b) const;

  // Every name sharing a group with `name` (normalised), itself excluded: what a search compares
  // its forename against, worked out once rather than per candidate.
  std::vector<std::string> EquivalentsOf(std::string_view name) const;

  std::size_t GroupCount() const { return group_count_; }

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // Normalised name → the groups it appears in (usually one).
  std::unordered_map<std::string, std::vector<std::uint32_t>, Hash, std::equal_to<>> groups_of_;
  std::vector<std::vector<std::string>> members_;  // group → its names
  std::size_t group_count_ = 0;
};

// True when one name is a single letter (an initial, as in "J. Smith") and the other name starts
// with it: "J" agrees with "Jack" and "Jasmine". Two equal initials agree too; two full names never
// do. Compared after NormaliseName.
bool IsInitialOf(std::string_view a, std::string_view b);

}  // namespace fd::match
