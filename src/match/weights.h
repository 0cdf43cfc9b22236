// The Fellegi–Sunter table: for each field and level, m = P(level | the two records are the same
// child) and u = P(level | they are different children). A level adds log2(m/u) "bits" of
// evidence: positive when it is commoner between records of one child than between strangers.
// One table for the whole matcher, passed in (never global), so a council can replace the default
// below with one learnt from its own clerically reviewed pairs (EstimateWeights).
#pragma once

#include <array>
#include <cstddef>
#include <optional>
#include <span>
#include <string>

#include "match/levels.h"

namespace fd::match {

struct Probabilities {
  double m = 0.0;  // P(level | same person)
  double u = 0.0;  // P(level | different people)
};

struct Weights {
  // Both m and u zero: the level does not apply to the field (no nickname for a postcode).
  // kMissing is never used: a missing field weighs 0 whatever the table says.
  std::array<std::array<Probabilities, kLevelCount>, kFieldCount> table{};
  // P(the person searched for is on the register at all), before comparing any field. With the
  // number of people indexed it gives the prior, P(one given record is the person searched for)
  // = on_register / people (PriorFor), which turns the summed weight into a probability (see
  // Posterior). So the same table stays calibrated as a register grows from 5 to 1,000,000.
  double on_register = 0.0;

  const Probabilities& At(Field field, Level level) const { return table[Position(field)][Position(level)]; }
  Probabilities& At(Field field, Level level) { return table[Position(field)][Position(level)]; }
  bool Applies(Field field, Level level) const {
    const Probabilities& p = At(field, level);
    return level != Level::kMissing && (p.m > 0.0 || p.u > 0.0);
  }
};

// The shipped table; weights.cpp says where each number comes from.
Weights DefaultWeights();

// The share of searches about people on the register assumed when a council has no figure of its
// own: about half the children a front door is asked about are already known to it.
inline constexpr double kDefaultOnRegister = 0.5;

// What is wrong with a table, or nullopt when it is usable: every applicable m and u in (0, 1),
// each field's m and u each summing to 1 (within 0.001), `on_register` in (0, 1], and every field
// having kExact and kDisagree.
std::optional<std::string> CheckWeights(const Weights& weights);

// log2(m/u) for one level; 0 for kMissing and for levels that do not apply.
double MatchWeight(const Weights& weights, Field field, Level level);

// The weights of every field and level, worked out once so scoring is additions only.
using WeightTable = std::array<std::array<double, kLevelCount>, kFieldCount>;
WeightTable LogWeights(const Weights& weights);

// The prior for one record of a register of `people`: on_register / people (people 0 counts as
// 1), capped below 1.
double PriorFor(double on_register, std::size_t people);

// The probability that the two records are the same child, given the summed match weight (bits)
// and the prior: posterior odds = prior odds × 2^weight.
double Posterior(double match_weight, double prior);

// One reviewed pair: how its fields compared (Compare in compare.h) and whether a person decided
// the records were the same child.
struct LabelledComparison {
  FieldLevels levels{};
  bool same_person = false;
};

// Learns m and u by counting levels among the reviewed pairs, field by field: m is the share of
// same-person pairs at each level, u the share of different-people pairs, with `pseudo_count`
// added to every applicable level (Laplace smoothing) so a level never seen is unlikely rather
// than impossible. Missing fields are not counted. Which levels apply, and `on_register`, come
// from `start`: reviewed pairs are chosen for being hard, so they say nothing about how often a
// search meets its child.
Weights EstimateWeights(std::span<const LabelledComparison> pairs, const Weights& start = DefaultWeights(),
                        double pseudo_count = 1.0);

}  // namespace fd::match
