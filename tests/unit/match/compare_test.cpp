#include "match/compare.h"

#include <gtest/gtest.h>

#include "match/normalise.h"
#include "match/string_similarity.h"
#include "test_support.h"

namespace fd::match {
namespace {

class CompareTest : public ::testing::Test {
 protected:
  Level Forenames(std::string_view a, std::string_view b) const {
    return CompareNames(Form(a), Form(b), &nicknames_);
  }
  Level Surnames(std::string_view a, std::string_view b) const {
    return CompareNames(Form(a), Form(b), nullptr);
  }
  static NameForm Form(std::string_view name) { return MakeNameForm(NormaliseName(name)); }

  NicknameTable nicknames_ = ShippedNicknames();
};

TEST_F(CompareTest, NameLevels) {
  EXPECT_EQ(Forenames("O'Brien", "OBRIEN"), Level::kExact);
  EXPECT_EQ(Forenames("Jonathon", "Jonathan"), Level::kClose);
  EXPECT_EQ(Forenames("Bill", "William"), Level::kNickname);
  EXPECT_EQ(Forenames("Liz", "Elizabeth"), Level::kNickname);
  EXPECT_EQ(Forenames("J", "Jack"), Level::kInitial);
  EXPECT_EQ(Forenames("Jack", "J."), Level::kInitial);
  EXPECT_EQ(Forenames("Catherine", "Cathrine"), Level::kClose);
  EXPECT_EQ(Forenames("Catherine", "Cathryn"), Level::kNickname);  // Jaro–Winkler 0.90, but listed
  EXPECT_EQ(Forenames("Stephen", "Steven"), Level::kNickname);
  EXPECT_EQ(Forenames("Siobhan", "Shivaun"), Level::kNickname);
  EXPECT_EQ(Forenames("Jack", "Oliver"), Level::kDisagree);
  EXPECT_EQ(Forenames("K", "Jack"), Level::kDisagree);
  EXPECT_EQ(Forenames("", "Jack"), Level::kMissing);
  // Surnames get no nickname level.
  EXPECT_EQ(Surnames("Bill", "William"), Level::kDisagree);
  EXPECT_EQ(Surnames("Smyth", "Schmidt"), Level::kPhonetic);
  EXPECT_EQ(Surnames("Thompson", "Tomson"), Level::kClose);
  EXPECT_EQ(Surnames("McDonald", "MacDonald"), Level::kClose);
}

// The close threshold keeps apart names that different children really have.
TEST_F(CompareTest, CloseThresholdKeepsDifferentNamesApart) {
  for (const auto& [a, b] : std::vector<std::pair<const char*, const char*>>{
           {"Ava", "Eva"}, {"Jack", "Jake"}, {"Harry", "Harvey"}, {"Lily", "Lila"}, {"Amelia", "Emilia"}}) {
    EXPECT_LT(NameSimilarity(a, b), kCloseSimilarity) << a << " / " << b;
    EXPECT_NE(Forenames(a, b), Level::kClose) << a << " / " << b;
  }
}

TEST_F(CompareTest, DateLevels) {
  auto date = [](int y, int m, int d) { return PackDate(DateOfBirth{y, m, d}); };
  EXPECT_EQ(CompareDates(date(2015, 3, 4), date(2015, 3, 4)), Level::kExact);
  EXPECT_EQ(CompareDates(date(2015, 3, 4), date(2015, 4, 3)), Level::kDayMonthSwapped);
  EXPECT_EQ(CompareDates(date(2015, 3, 4), date(2016, 3, 4)), Level::kYearOff);
  EXPECT_EQ(CompareDates(date(2010, 3, 4), date(2009, 3, 4)), Level::kYearOff);
  EXPECT_EQ(CompareDates(date(2015, 3, 4), date(2015, 3, 7)), Level::kOneDigit);
  EXPECT_EQ(CompareDates(date(2015, 3, 14), date(2015, 3, 4)), Level::kOneDigit);
  EXPECT_EQ(CompareDates(date(2015, 3, 4), date(2018, 3, 4)), Level::kOneDigit);
  EXPECT_EQ(CompareDates(date(2015, 3, 4), date(2012, 7, 9)), Level::kDisagree);
  EXPECT_EQ(CompareDates(0, date(2015, 3, 4)), Level::kMissing);
}

TEST_F(CompareTest, PostcodeNhsAndGenderLevels) {
  Person a{1, {}, "", {}, std::nullopt, Gender::kFemale, "943 476 5919", "SW1A 1AA"};
  Person b = a;
  b.postcode = "sw1a2aa";
  EXPECT_EQ(Compare(a, b, nicknames_)[Position(Field::kPostcode)], Level::kSameDistrict);
  b.postcode = "N1 1AA";
  EXPECT_EQ(Compare(a, b, nicknames_)[Position(Field::kPostcode)], Level::kDisagree);
  EXPECT_EQ(Compare(a, a, nicknames_)[Position(Field::kPostcode)], Level::kExact);
  EXPECT_EQ(Compare(a, a, nicknames_)[Position(Field::kNhsNumber)], Level::kExact);
  b.nhs_number = "9434765918";
  EXPECT_EQ(Compare(a, b, nicknames_)[Position(Field::kNhsNumber)], Level::kDisagree);
  b.gender = Gender::kMale;
  EXPECT_EQ(Compare(a, b, nicknames_)[Position(Field::kGender)], Level::kDisagree);
  b.gender = Gender::kNotKnown;
  EXPECT_EQ(Compare(a, b, nicknames_)[Position(Field::kGender)], Level::kMissing);
}

TEST_F(CompareTest, PeopleCompareFieldByField) {
  const Person william{1,
                       {"William", "James"},
                       "Smith",
                       {"Jones"},
                       DateOfBirth{2015, 3, 4},
                       Gender::kMale,
                       std::nullopt,
                       "SW1A 1AA"};
  const Person bill{2,           {"Bill"}, "Jones", {}, DateOfBirth{2015, 4, 3}, Gender::kMale, std::nullopt,
                    std::nullopt};
  const FieldLevels levels = Compare(bill, william, nicknames_);
  EXPECT_EQ(levels[Position(Field::kForename)], Level::kNickname);
  EXPECT_EQ(levels[Position(Field::kSurname)], Level::kExact);  // William's previous surname
  EXPECT_EQ(levels[Position(Field::kDateOfBirth)], Level::kDayMonthSwapped);
  EXPECT_EQ(levels[Position(Field::kGender)], Level::kExact);
  EXPECT_EQ(levels[Position(Field::kNhsNumber)], Level::kMissing);
  EXPECT_EQ(levels[Position(Field::kPostcode)], Level::kMissing);

  // Known by a middle name.
  const Person james{3, {"James"}, "Smith", {}, std::nullopt, Gender::kNotKnown, std::nullopt, std::nullopt};
  EXPECT_EQ(Compare(james, william, nicknames_)[Position(Field::kForename)], Level::kOtherForename);
  // Part of a double-barrelled surname.
  const Person hyphen{
      4, {"William"}, "Smith-Jones", {}, std::nullopt, Gender::kNotKnown, std::nullopt, std::nullopt};
  EXPECT_EQ(Compare(james, hyphen, nicknames_)[Position(Field::kSurname)], Level::kExact);
}

TEST_F(CompareTest, MalformedFieldsCountAsMissing) {
  const Person a{1, {"Amy"}, "Khan", {}, DateOfBirth{2015, 2, 30}, Gender::kFemale, "12", "nowhere"};
  const FieldLevels levels = Compare(a, a, nicknames_);
  EXPECT_EQ(levels[Position(Field::kForename)], Level::kExact);
  EXPECT_EQ(levels[Position(Field::kDateOfBirth)], Level::kMissing);
  EXPECT_EQ(levels[Position(Field::kNhsNumber)], Level::kMissing);
  EXPECT_EQ(levels[Position(Field::kPostcode)], Level::kMissing);
}

}  // namespace
}  // namespace fd::match
