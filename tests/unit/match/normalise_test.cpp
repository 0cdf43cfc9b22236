#include "match/normalise.h"

#include <gtest/gtest.h>

#include "match/person.h"

namespace fd::match {
namespace {

using Words = std::vector<std::string>;

TEST(NormaliseName, CaseApostrophesHyphensAndSpaces) {
  EXPECT_EQ(NormaliseName("O'Brien"), "obrien");
  EXPECT_EQ(NormaliseName("OBrien"), "obrien");
  EXPECT_EQ(NormaliseName("o’brien"), "obrien");  // curly apostrophe
  EXPECT_EQ(NormaliseName("Smith-Jones"), "smithjones");
  EXPECT_EQ(NormaliseName("  Mary  Jane "), "maryjane");
  EXPECT_EQ(NormaliseName("St. John"), "stjohn");
  EXPECT_EQ(NormaliseName("Smith–Jones"), "smithjones");  // en dash
}

TEST(NormaliseName, AccentsFoldToTheirBaseLetter) {
  EXPECT_EQ(NormaliseName("Zoë"), "zoe");
  EXPECT_EQ(NormaliseName("Siân"), "sian");
  EXPECT_EQ(NormaliseName("Łukasz"), "lukasz");
  EXPECT_EQ(NormaliseName("Straße"), "strasse");
  EXPECT_EQ(NormaliseName("Ægir Øyvind"), "aegiroyvind");
  EXPECT_EQ(NormaliseName("Şükrü Çelik"), "sukrucelik");
  EXPECT_EQ(NormaliseName("Ștefan"), "stefan");
  EXPECT_EQ(NormaliseName("Zoe\xCC\x88"), "zoe");  // e + combining diaeresis
}

TEST(NormaliseName, OtherScriptsAreKeptAndBadBytesDropped) {
  EXPECT_EQ(NormaliseName("محمد"), "محمد");
  EXPECT_EQ(NormaliseName("Ан-на"), "Анна");
  EXPECT_EQ(NormaliseName("Jo\xFFhn"), "john");
  EXPECT_EQ(NormaliseName("'-. "), "");
}

TEST(NameWords, SplitAtSpacesAndHyphens) {
  EXPECT_EQ(NameWords("Smith-Jones"), (Words{"smith", "jones"}));
  EXPECT_EQ(NameWords(" Mary  Jane "), (Words{"mary", "jane"}));
  EXPECT_EQ(NameWords("O'Brien"), (Words{"obrien"}));
  EXPECT_EQ(NameWords(" - "), Words{});
}

TEST(ForenameList, KeepsHyphenatedForenamesWhole) {
  EXPECT_EQ(ForenameList({"Jean-Luc", "Mary Jane"}), (Words{"jeanluc", "mary", "jane"}));
  EXPECT_EQ(ForenameList({""}), Words{});
}

TEST(NormalisePostcode, UpperCaseWithoutSpaces) {
  EXPECT_EQ(NormalisePostcode("sw1a 1aa"), "SW1A1AA");
  EXPECT_EQ(NormalisePostcode("M1 1AE"), "M11AE");
  EXPECT_EQ(NormalisePostcode("B33 8TH"), "B338TH");
  EXPECT_EQ(NormalisePostcode("CR2 6XH"), "CR26XH");
  EXPECT_EQ(NormalisePostcode("SW1A"), std::nullopt);  // an outward code alone
  EXPECT_EQ(NormalisePostcode("SW1A 1A"), std::nullopt);
  EXPECT_EQ(NormalisePostcode("1W1A 1AA"), std::nullopt);
  EXPECT_EQ(NormalisePostcode("SW1A-1AA"), std::nullopt);
  EXPECT_EQ(NormalisePostcode("SW1A 1AAA"), std::nullopt);
  EXPECT_EQ(OutwardCode("SW1A1AA"), "SW1A");
  EXPECT_EQ(OutwardCode("M11AE"), "M1");
}

TEST(NormaliseNhsNumber, TenDigitsWithOptionalSeparators) {
  EXPECT_EQ(NormaliseNhsNumber("943 476 5919"), "9434765919");
  EXPECT_EQ(NormaliseNhsNumber("943-476-5919"), "9434765919");
  // The check digit is not checked: a mistyped number still belongs to the same child.
  EXPECT_EQ(NormaliseNhsNumber("9434765918"), "9434765918");
  EXPECT_EQ(NormaliseNhsNumber("943476591"), std::nullopt);
  EXPECT_EQ(NormaliseNhsNumber("94347659190"), std::nullopt);
  EXPECT_EQ(NormaliseNhsNumber("94347a5919"), std::nullopt);
}

TEST(IsValidDate, RealCalendarDates) {
  EXPECT_TRUE(IsValidDate(DateOfBirth{2016, 2, 29}));
  EXPECT_FALSE(IsValidDate(DateOfBirth{2015, 2, 29}));
  EXPECT_TRUE(IsValidDate(DateOfBirth{2000, 2, 29}));
  EXPECT_FALSE(IsValidDate(DateOfBirth{1900, 2, 29}));
  EXPECT_FALSE(IsValidDate(DateOfBirth{2015, 13, 1}));
  EXPECT_FALSE(IsValidDate(DateOfBirth{2015, 4, 31}));
  EXPECT_FALSE(IsValidDate(DateOfBirth{2015, 4, 0}));
  EXPECT_FALSE(IsValidDate(DateOfBirth{}));
}

}  // namespace
}  // namespace fd::match
