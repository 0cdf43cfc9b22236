#include "match/weights.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>

namespace fd::match {
namespace {

// Keeps log2 finite for a table learnt from few pairs; CheckWeights rejects such tables anyway.
constexpr double kFloor = 1e-12;

}  // namespace

// Where the numbers come from: LEARNT from labelled comparisons, by bench/learn_weights, on a
// synthetic county that is not the benchmark's (docs/matching.md, "The weights table"):
//
//   cmake -S . -B build-match -G Ninja -DCMAKE_BUILD_TYPE=Release -DFRONTDOOR_BENCH=ON
//   ninja -C build-match learn_weights
//   build-match/learn_weights --people 200000 --queries 40000 --seed 2 --random-pairs 20
//
// (src/synth/ population and queries with seed 2; bench/match_bench measures on seed 1, so the
// benchmark's queries were never trained on). m: the share of each level among the 32,000
// comparisons of a training query with its own person's record, so it carries the error mix of
// src/synth/queries.h (kErrorMix: typos, nicknames, swapped dates, changed surnames, old
// postcodes). u: the share among 800,000 comparisons of a training query with a person drawn at
// random from the register (chance agreement, which is what the prior, on_register / people,
// spreads over). One pseudo-count per level (Laplace) before normalising.
//
// Six values the training set cannot measure keep the reasoned estimates of the table this one
// replaced, and the rest of their field was scaled to make room:
// - m of date of birth "different" (0.03), gender "different" (0.03) and NHS number "different"
//   (0.03): the query generator never gets a date wholly wrong, a gender wrong or an NHS number
//   wrong, so it would say these never happen to one child's records; front doors see them.
// - u of NHS number "exact" (1e-8): two different people sharing a number happens only through
//   error, far too rarely to meet in 800,000 random pairs.
// - surname "initial" (m 0.002, u 0.0005): neither the generator nor random pairs give a surname
//   as an initial.
//
// Exact agreement on a name is weighed further by how common the name is on the register (the
// index does it per search: NameFrequencyWeight in index.h); the values here are its average.
Weights DefaultWeights() {
  Weights w;
  auto set = [&w](Field field, Level level, double m, double u) { w.At(field, level) = Probabilities{m, u}; };

  // Learnt by `learn_weights --people 200000 --queries 40000 --seed 2 --random-pairs 20`.
  set(Field::kForename, Level::kExact, 0.814674, 0.00271852);           // +8.2 bits
  set(Field::kForename, Level::kClose, 0.0961415, 0.000793278);         // +6.9 bits
  set(Field::kForename, Level::kNickname, 0.0417418, 0.001508);         // +4.8 bits
  set(Field::kForename, Level::kOtherForename, 0.0106609, 0.00169731);  // +2.7 bits
  set(Field::kForename, Level::kInitial, 0.0209997, 0.00124014);        // +4.1 bits
  set(Field::kForename, Level::kPhonetic, 0.00602293, 0.00312289);      // +0.9 bits
  set(Field::kForename, Level::kDisagree, 0.00975908, 0.98892);         // -6.7 bits

  set(Field::kSurname, Level::kExact, 0.886838, 0.00187448);       // +8.9 bits
  set(Field::kSurname, Level::kClose, 0.0820934, 0.000454819);     // +7.5 bits
  set(Field::kSurname, Level::kInitial, 0.002, 0.0005);            // +2.0 bits (reasoned)
  set(Field::kSurname, Level::kPhonetic, 0.00281838, 0.00102006);  // +1.5 bits
  set(Field::kSurname, Level::kDisagree, 0.0262502, 0.996151);     // -5.2 bits

  set(Field::kDateOfBirth, Level::kExact, 0.859934, 5.86158e-05);             // +13.8 bits
  set(Field::kDateOfBirth, Level::kDayMonthSwapped, 0.0207413, 2.15953e-05);  // +9.9 bits
  set(Field::kDateOfBirth, Level::kYearOff, 0.0557539, 0.000129572);          // +8.7 bits
  set(Field::kDateOfBirth, Level::kOneDigit, 0.0335707, 0.0013821);           // +4.6 bits
  set(Field::kDateOfBirth, Level::kDisagree, 0.03, 0.998408);                 // -5.1 bits (m reasoned)

  set(Field::kGender, Level::kExact, 0.97, 0.500962);     // +1.0 bits
  set(Field::kGender, Level::kDisagree, 0.03, 0.499038);  // -4.1 bits (m reasoned)

  set(Field::kNhsNumber, Level::kExact, 0.97, 1e-8);           // +26.5 bits (u reasoned)
  set(Field::kNhsNumber, Level::kDisagree, 0.03, 1.0 - 1e-8);  // -5.1 bits (m reasoned)

  set(Field::kPostcode, Level::kExact, 0.866252, 4.47871e-05);        // +14.2 bits
  set(Field::kPostcode, Level::kSameDistrict, 0.0937038, 0.0331002);  // +1.5 bits
  set(Field::kPostcode, Level::kDisagree, 0.0400444, 0.966855);       // -4.6 bits

  // Not learnt: the share of searches about someone already on the register. The benchmark's
  // query set has 80% (a fifth are about people not on it); a front door's real share is not
  // known yet, and half is the reasoned figure the service starts from (kDefaultOnRegister).
  w.on_register = kDefaultOnRegister;
  return w;
}

std::optional<std::string> CheckWeights(const Weights& weights) {
  if (!(weights.on_register > 0.0 && weights.on_register <= 1.0))
    return fmt::format("on_register {} is not in (0, 1]", weights.on_register);
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

double PriorFor(double on_register, std::size_t people) {
  const double prior = on_register / static_cast<double>(std::max<std::size_t>(people, 1));
  return std::min(prior, 1.0 - 1e-9);
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
