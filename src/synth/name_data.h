// The shipped lists the population is drawn from (data/synth/*.csv and data/nicknames.csv), parsed
// once from the copies embedded at build time. Nothing is read from disk at run time.
//
// Thread safety: NameData::Get() is safe from any thread; the object is immutable once built.
#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "synth/random.h"

namespace fd::synth {

enum class Sex : unsigned char { kFemale, kMale };

// Values with relative weights; Pick draws one in proportion to its weight.
class WeightedList {
 public:
  void Add(std::string value, double weight);
  // REQUIRES: !empty().
  const std::string& Pick(Random& random) const;
  std::size_t PickIndex(Random& random) const;
  bool empty() const { return values_.empty(); }
  std::size_t size() const { return values_.size(); }
  const std::vector<std::string>& values() const { return values_; }
  double Weight(std::size_t i) const { return cumulative_[i] - (i == 0 ? 0.0 : cumulative_[i - 1]); }

 private:
  std::vector<std::string> values_;
  std::vector<double> cumulative_;
};

// A postcode district of the made-up county: "WH3" in Wealdham.
struct District {
  std::string area;  // "WH"
  int number = 0;    // 3
  std::string town;  // "Wealdham"
  std::string Outward() const { return area + std::to_string(number); }
};

class NameData {
 public:
  // The lists, parsed once. A malformed embedded file is a build defect and throws std::logic_error
  // naming the file and line (the unit tests parse them all).
  static const NameData& Get();

  // Forenames of a heritage group for a sex and birth cohort; falls back to the group's "any"
  // list, then to the British list, so the answer is never empty.
  const WeightedList& Forenames(std::string_view group, Sex sex, bool child) const;
  // The group's surname list (British when the group has none).
  const WeightedList& Surnames(std::string_view group) const;

  const WeightedList& groups() const { return groups_; }
  const WeightedList& surname_stems() const { return stems_; }
  const WeightedList& surname_middles() const { return middles_; }
  const WeightedList& surname_endings() const { return endings_; }
  const std::vector<District>& districts() const { return districts_; }
  const WeightedList& district_weights() const { return district_weights_; }  // values are indexes
  const std::vector<std::string>& street_stems() const { return street_stems_; }
  const std::vector<std::string>& street_types() const { return street_types_; }
  // data/nicknames.csv as shipped, for match::NicknameTable::Parse.
  std::string_view nicknames_csv() const { return nicknames_csv_; }

 private:
  NameData();

  std::map<std::string, WeightedList, std::less<>> forenames_;  // "group/sex/cohort"
  std::map<std::string, WeightedList, std::less<>> surnames_;   // by group
  WeightedList groups_, stems_, middles_, endings_, district_weights_;
  std::vector<District> districts_;
  std::vector<std::string> street_stems_, street_types_;
  std::string_view nicknames_csv_;
};

}  // namespace fd::synth
