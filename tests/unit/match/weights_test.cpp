#include "match/weights.h"

#include <gtest/gtest.h>

#include <cmath>
#include <vector>

namespace fd::match {
namespace {

TEST(Weights, DefaultTableIsUsable) {
  EXPECT_EQ(CheckWeights(DefaultWeights()), std::nullopt);
}

TEST(Weights, LevelsRankAsTheBriefSays) {
  const Weights w = DefaultWeights();
  auto weight = [&w](Field f, Level l) { return MatchWeight(w, f, l); };
  // Forenames: exact > close/nickname > initial > phonetic only > 0 > disagree.
  EXPECT_GT(weight(Field::kForename, Level::kExact), weight(Field::kForename, Level::kNickname));
  EXPECT_GT(weight(Field::kForename, Level::kNickname), weight(Field::kForename, Level::kInitial));
  EXPECT_GT(weight(Field::kForename, Level::kClose), weight(Field::kForename, Level::kInitial));
  EXPECT_GT(weight(Field::kForename, Level::kInitial), weight(Field::kForename, Level::kPhonetic));
  EXPECT_GT(weight(Field::kForename, Level::kPhonetic), 0.0);
  EXPECT_LT(weight(Field::kForename, Level::kDisagree), 0.0);
  // Dates: exact > swapped > year off > one digit > 0 > disagree.
  EXPECT_GT(weight(Field::kDateOfBirth, Level::kExact), weight(Field::kDateOfBirth, Level::kDayMonthSwapped));
  EXPECT_GT(weight(Field::kDateOfBirth, Level::kDayMonthSwapped),
            weight(Field::kDateOfBirth, Level::kYearOff));
  EXPECT_GT(weight(Field::kDateOfBirth, Level::kYearOff), weight(Field::kDateOfBirth, Level::kOneDigit));
  EXPECT_LT(weight(Field::kDateOfBirth, Level::kDisagree), 0.0);
  // An NHS number agreeing is near-decisive on its own: "very likely" (0.95, the service's band)
  // even among a million people, and more so on a smaller register.
  EXPECT_GT(Posterior(weight(Field::kNhsNumber, Level::kExact), PriorFor(w.on_register, 1000000)), 0.95);
  EXPECT_GT(Posterior(weight(Field::kNhsNumber, Level::kExact), PriorFor(w.on_register, 100000)), 0.99);
  EXPECT_GT(weight(Field::kPostcode, Level::kExact), weight(Field::kPostcode, Level::kSameDistrict));
  // Missing and inapplicable levels weigh nothing.
  EXPECT_EQ(weight(Field::kSurname, Level::kMissing), 0.0);
  EXPECT_EQ(weight(Field::kPostcode, Level::kNickname), 0.0);
}

TEST(Weights, CheckWeightsNamesTheProblem) {
  Weights w = DefaultWeights();
  w.At(Field::kSurname, Level::kExact).m = 0.5;
  const auto problem = CheckWeights(w);
  ASSERT_TRUE(problem.has_value());
  EXPECT_NE(problem->find("surname"), std::string::npos);
  w = DefaultWeights();
  w.on_register = 0.0;
  EXPECT_TRUE(CheckWeights(w).has_value());
  w = DefaultWeights();
  w.At(Field::kGender, Level::kDisagree) = Probabilities{};
  EXPECT_TRUE(CheckWeights(w).has_value());
}

TEST(Weights, PosteriorFollowsBayes) {
  EXPECT_NEAR(Posterior(0.0, 0.01), 0.01, 1e-12);
  // Odds 1:99 times 2^10 = 1024:99.
  EXPECT_NEAR(Posterior(10.0, 0.01), 1024.0 / (1024.0 + 99.0), 1e-12);
  EXPECT_NEAR(Posterior(200.0, 1e-6), 1.0, 1e-12);
  EXPECT_NEAR(Posterior(-200.0, 1e-6), 0.0, 1e-12);
}

TEST(Weights, PriorFollowsTheRegisterSize) {
  // Half the searches are about someone on the register: among 100,000 people each is 1 in 200,000.
  EXPECT_NEAR(PriorFor(0.5, 100000), 1.0 / 200000.0, 1e-15);
  EXPECT_NEAR(PriorFor(0.5, 1000000), 1.0 / 2000000.0, 1e-15);
  // An empty or one-person register: never a certainty before comparing.
  EXPECT_NEAR(PriorFor(0.5, 0), 0.5, 1e-12);
  EXPECT_LT(PriorFor(1.0, 1), 1.0);
}

TEST(Weights, EstimateCountsLevelsWithSmoothing) {
  std::vector<LabelledComparison> pairs;
  auto add = [&pairs](Level surname, bool same, int times) {
    FieldLevels levels{};
    levels[Position(Field::kSurname)] = surname;
    for (int i = 0; i < times; ++i) pairs.push_back(LabelledComparison{levels, same});
  };
  add(Level::kExact, true, 90);
  add(Level::kDisagree, true, 10);
  add(Level::kExact, false, 1);
  add(Level::kDisagree, false, 99);
  const Weights learnt = EstimateWeights(pairs, DefaultWeights(), 1.0);
  // Surname has 5 levels: exact, close, initial, phonetic, disagree; each gets one pseudo-count.
  EXPECT_NEAR(learnt.At(Field::kSurname, Level::kExact).m, 91.0 / 105.0, 1e-12);
  EXPECT_NEAR(learnt.At(Field::kSurname, Level::kClose).m, 1.0 / 105.0, 1e-12);
  EXPECT_NEAR(learnt.At(Field::kSurname, Level::kExact).u, 2.0 / 105.0, 1e-12);
  EXPECT_NEAR(learnt.At(Field::kSurname, Level::kDisagree).u, 100.0 / 105.0, 1e-12);
  // Fields never observed get uniform smoothed values; the share on the register is kept.
  EXPECT_NEAR(learnt.At(Field::kGender, Level::kExact).m, 0.5, 1e-12);
  EXPECT_EQ(learnt.on_register, DefaultWeights().on_register);
  EXPECT_EQ(CheckWeights(learnt), std::nullopt);
  EXPECT_FALSE(learnt.Applies(Field::kPostcode, Level::kNickname));
}

TEST(Weights, EstimateWithoutSmoothingKeepsUnobservedFields) {
  const Weights learnt = EstimateWeights({}, DefaultWeights(), 0.0);
  EXPECT_EQ(learnt.At(Field::kNhsNumber, Level::kExact).u,
            DefaultWeights().At(Field::kNhsNumber, Level::kExact).u);
}

}  // namespace
}  // namespace fd::match
