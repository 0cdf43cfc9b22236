#include "match/weights.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace fd::match {
namespace {

// Keeps log2 finite for a table learnt from few pairs; CheckWeights rejects such tables anyway.
constexpr double kFloor = 1e-12;

}  // namespace

// Where the numbers come from. None is measured on a council's own records yet: they are
// reasoned estimates, to be replaced by EstimateWeights on clerically reviewed pairs once the
// front door has them (see docs/matching.md, "Learning the weights").
//
// u (chance agreement between two different children) comes from how names and dates spread:
// - forename exact 0.006: the chance two children share a first name is the sum of squared name
//   frequencies; in ONS baby-name counts for England and Wales the commonest names each cover
//   about 1–2% of a year's births, which puts the sum near half a percent.
// - surname exact 0.002: the same sum over surnames is smaller (the commonest, Smith, is about
//   1% of people), raised a little because brothers, sisters and cousins live in one council.
// - date of birth exact 0.00015: one day among about 6,600 for children aged 0–17; swapped,
//   year ±1 and one-digit levels scale with how many dates each admits (about 0.3, 2 and 16).
// - NHS number exact 1e-8: different children share a number only through error, such as a
//   sibling's number typed on the wrong record; assumed under one record in a thousand.
// - postcode exact 0.0005: about 2,000 children-bearing postcodes in a district council's area,
//   more in a city; same outward code 0.03: a council area spans a few dozen districts.
// - gender 0.5 each way.
// m (agreement between two records of one child) is assumed from the errors front doors see:
// - first names are written the same in about 85% of a child's records; the rest are typing
//   slips, nicknames ("Bill"), middle names used as first names, initials and sound-alike
//   spellings ("Jayden"/"Jaden"). A truly different forename is rare (1%).
// - surnames change more than forenames (a parent's new partner, adoption, a parent's surname
//   chosen later): 5.8% of a child's record pairs disagree even with previous surnames listed.
// - dates of birth agree in 92%; swapped day and month (US-style entry), year one out and one
//   wrong digit account for most of the rest.
// - NHS numbers, when both recorded, agree in 97%; the rest are typing errors.
// - postcodes agree in 65%: children's families move, and records keep old addresses.
// - recorded gender agrees in 97%.
// The prior, 1 in 200,000, says a searched-for child is on the index about half the time in a
// council holding about 100,000 children's records: 0.5 / 100,000.
Weights DefaultWeights() {
  Weights w;
  auto set = [&w](Field field, Level level, double m, double u) { w.At(field, level) = Probabilities{m, u}; };

  set(Field::kForename, Level::kExact, 0.85, 0.006);
  set(Field::kForename, Level::kClose, 0.05, 0.004);
  set(Field::kForename, Level::kNickname, 0.04, 0.003);
  set(Field::kForename, Level::kOtherForename, 0.02, 0.002);
  set(Field::kForename, Level::kInitial, 0.01, 0.0015);
  set(Field::kForename, Level::kPhonetic, 0.02, 0.008);
  set(Field::kForename, Level::kDisagree, 0.01, 1.0 - 0.006 - 0.004 - 0.003 - 0.002 - 0.0015 - 0.008);

  set(Field::kSurname, Level::kExact, 0.88, 0.002);
  set(Field::kSurname, Level::kClose, 0.04, 0.002);
  set(Field::kSurname, Level::kInitial, 0.002, 0.0005);
  set(Field::kSurname, Level::kPhonetic, 0.02, 0.004);
  set(Field::kSurname, Level::kDisagree, 0.058, 1.0 - 0.002 - 0.002 - 0.0005 - 0.004);

  set(Field::kDateOfBirth, Level::kExact, 0.92, 0.00015);
  set(Field::kDateOfBirth, Level::kDayMonthSwapped, 0.01, 0.00005);
  set(Field::kDateOfBirth, Level::kYearOff, 0.01, 0.0003);
  set(Field::kDateOfBirth, Level::kOneDigit, 0.03, 0.0025);
  set(Field::kDateOfBirth, Level::kDisagree, 0.03, 1.0 - 0.00015 - 0.00005 - 0.0003 - 0.0025);

  set(Field::kGender, Level::kExact, 0.97, 0.5);
  set(Field::kGender, Level::kDisagree, 0.03, 0.5);

  set(Field::kNhsNumber, Level::kExact, 0.97, 1e-8);
  set(Field::kNhsNumber, Level::kDisagree, 0.03, 1.0 - 1e-8);

  set(Field::kPostcode, Level::kExact, 0.65, 0.0005);
  set(Field::kPostcode, Level::kSameDistrict, 0.15, 0.03);
  set(Field::kPostcode, Level::kDisagree, 0.20, 1.0 - 0.0005 - 0.03);

  w.prior = 1.0 / 200000.0;
  return w;
}

std::optional<std::string> CheckWeights(const Weights& weights) {
  if (!(weights.prior > 0.0 && weights.prior < 1.0))
    return fmt::format("prior {} is not in (0, 1)", weights.prior);
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    double m_sum = 0.0;
    double u_sum = 0.0;
    for (std::size_t l = 0; l < kLevelCount; ++l) {
      const auto level = static_cast<Level>(l);
      if (!weights.Applies(field, level)) continue;
      const Probabilities& p = weights.At(field, level);
      if (!(p.m > 0.0 && p.m < 1.0 && p.u > 0.0 && p.u < 1.0)) {
        return fmt::format("{} at level {}: m {} and u {} must both be in (0, 1)", FieldName(field),
                           LevelName(level), p.m, p.u);
      }
      m_sum += p.m;
      u_sum += p.u;
    }
    if (!weights.Applies(field, Level::kExact) || !weights.Applies(field, Level::kDisagree)) {
      return fmt::format("{} needs both an exact and a disagree level", FieldName(field));
    }
    if (std::abs(m_sum - 1.0) > 0.001 || std::abs(u_sum - 1.0) > 0.001) {
      return fmt::format("{}: m sums to {} and u to {}; each must be 1", FieldName(field), m_sum, u_sum);
    }
  }
  return std::nullopt;
}

double MatchWeight(const Weights& weights, Field field, Level level) {
  if (!weights.Applies(field, level)) return 0.0;
  const Probabilities& p = weights.At(field, level);
  return std::log2(std::max(p.m, kFloor) / std::max(p.u, kFloor));
}

WeightTable LogWeights(const Weights& weights) {
  WeightTable table{};
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    for (std::size_t l = 0; l < kLevelCount; ++l) {
      table[f][l] = MatchWeight(weights, static_cast<Field>(f), static_cast<Level>(l));
    }
  }
  return table;
}

double Posterior(double match_weight, double prior) {
  // Worked in log space so a weight of +60 bits does not overflow the odds.
  const double log2_prior_odds = std::log2(prior) - std::log2(1.0 - prior);
  const double log2_odds = log2_prior_odds + match_weight;
  return 1.0 / (1.0 + std::exp2(-log2_odds));
}

Weights EstimateWeights(std::span<const LabelledComparison> pairs, const Weights& start,
                        double pseudo_count) {
  Weights learnt = start;
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    std::array<double, kLevelCount> same{};
    std::array<double, kLevelCount> different{};
    for (const LabelledComparison& pair : pairs) {
      const Level level = pair.levels[f];
      if (!start.Applies(field, level)) continue;
      (pair.same_person ? same : different)[Position(level)] += 1.0;
    }
    double same_total = 0.0;
    double different_total = 0.0;
    for (std::size_t l = 0; l < kLevelCount; ++l) {
      if (!start.Applies(field, static_cast<Level>(l))) continue;
      same[l] += pseudo_count;
      different[l] += pseudo_count;
      same_total += same[l];
      different_total += different[l];
    }
    for (std::size_t l = 0; l < kLevelCount; ++l) {
      const auto level = static_cast<Level>(l);
      if (!start.Applies(field, level)) continue;
      // With no pairs for one side (and no smoothing), keep the starting value rather than divide by 0.
      Probabilities& p = learnt.At(field, level);
      if (same_total > 0.0) p.m = same[l] / same_total;
      if (different_total > 0.0) p.u = different[l] / different_total;
    }
  }
  return learnt;
}

}  // namespace fd::match
