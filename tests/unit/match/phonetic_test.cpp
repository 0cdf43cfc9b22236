#include "match/phonetic.h"

#include <gtest/gtest.h>

namespace fd::match {
namespace {

PhoneticCodes Codes(std::string primary, std::string alternate) {
  return PhoneticCodes{primary, alternate};
}

// Expected codes follow Philips' published routine (cross-checked against the PostgreSQL
// fuzzystrmatch port); "0" is the code for "th".
TEST(DoubleMetaphone, SmithSmythSchmidtShareACode) {
  EXPECT_EQ(DoubleMetaphone("Smith"), Codes("SM0", "XMT"));
  EXPECT_EQ(DoubleMetaphone("Smyth"), Codes("SM0", "XMT"));
  EXPECT_EQ(DoubleMetaphone("Schmidt"), Codes("XMT", "SMT"));
  EXPECT_TRUE(SoundAlike(DoubleMetaphone("Smith"), DoubleMetaphone("Schmidt")));
}

TEST(DoubleMetaphone, CatherineAndKathryn) {
  EXPECT_EQ(DoubleMetaphone("Catherine"), Codes("K0RN", "KTRN"));
  EXPECT_EQ(DoubleMetaphone("Kathryn"), Codes("K0RN", "KTRN"));
}

TEST(DoubleMetaphone, StephenAndSteven) {
  EXPECT_EQ(DoubleMetaphone("Stephen"), Codes("STFN", "STFN"));
  EXPECT_EQ(DoubleMetaphone("Steven"), Codes("STFN", "STFN"));
}

// The published algorithm sounds the P in "Thompson" (only "mb" is silent), and codes stop at
// four characters, so Thompson and Tomson do not share a code: that pair is caught as a close
// spelling (Jaro–Winkler 0.925) instead; see compare_test.
TEST(DoubleMetaphone, ThompsonAndTomsonDiffer) {
  EXPECT_EQ(DoubleMetaphone("Thompson"), Codes("TMPS", "TMPS"));
  EXPECT_EQ(DoubleMetaphone("Tomson"), Codes("TMSN", "TMSN"));
  EXPECT_EQ(DoubleMetaphone("Thompson", 6), Codes("TMPSN", "TMPSN"));
}

TEST(DoubleMetaphone, JonathanAndJohnathan) {
  EXPECT_EQ(DoubleMetaphone("Jonathan"), Codes("JN0N", "ANTN"));
  EXPECT_EQ(DoubleMetaphone("Johnathan"), Codes("JN0N", "ANTN"));
}

TEST(DoubleMetaphone, McDonaldAndMacDonald) {
  EXPECT_EQ(DoubleMetaphone("McDonald"), Codes("MKTN", "MKTN"));
  EXPECT_EQ(DoubleMetaphone("MacDonald"), Codes("MKTN", "MKTN"));
  EXPECT_EQ(DoubleMetaphone("Mac Donald"), Codes("MKTN", "MKTN"));
}

TEST(DoubleMetaphone, IrishNames) {
  EXPECT_EQ(DoubleMetaphone("Siobhan"), Codes("SPN", "XPN"));
  EXPECT_EQ(DoubleMetaphone("Aoife"), Codes("AF", "AF"));
}

TEST(DoubleMetaphone, PublishedExamples) {
  EXPECT_EQ(DoubleMetaphone("Xavier"), Codes("SF", "SFR"));
  EXPECT_EQ(DoubleMetaphone("Michael"), Codes("MKL", "MXL"));
  EXPECT_EQ(DoubleMetaphone("Hugh"), Codes("H", "H"));
  EXPECT_EQ(DoubleMetaphone("Laugh"), Codes("LF", "LF"));
  EXPECT_EQ(DoubleMetaphone("Wasserman"), Codes("ASRM", "FSRM"));
  EXPECT_EQ(DoubleMetaphone("Knight"), Codes("NT", "NT"));
  EXPECT_EQ(DoubleMetaphone("Campbell"), Codes("KMPL", "KMPL"));
  EXPECT_EQ(DoubleMetaphone("Psychology"), Codes("SXLJ", "SKLK"));
  EXPECT_EQ(DoubleMetaphone("Ciara"), Codes("SR", "XR"));
}

TEST(DoubleMetaphone, CaseAccentsAndPunctuationDoNotMatter) {
  EXPECT_EQ(DoubleMetaphone("O'Brien"), DoubleMetaphone("OBRIEN"));
  EXPECT_EQ(DoubleMetaphone("o’brien"), Codes("APRN", "APRN"));
  EXPECT_EQ(DoubleMetaphone("Zoë"), DoubleMetaphone("Zoe"));
  EXPECT_EQ(DoubleMetaphone("Françoise"), Codes("FRNS", "FRNS"));  // Ç is S in the original
}

TEST(DoubleMetaphone, NamesWithoutLatinLettersHaveNoCode) {
  EXPECT_EQ(DoubleMetaphone(""), Codes("", ""));
  EXPECT_EQ(DoubleMetaphone("محمد"), Codes("", ""));
  EXPECT_FALSE(SoundAlike(DoubleMetaphone(""), DoubleMetaphone("")));
}

}  // namespace
}  // namespace fd::match
