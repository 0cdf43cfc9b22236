#include "match/string_similarity.h"

#include <gtest/gtest.h>

namespace fd::match {
namespace {

// Reference values from Winkler (1990) as reproduced in the record-linkage literature.
TEST(JaroWinkler, PublishedReferenceValues) {
  EXPECT_NEAR(JaroWinkler("MARTHA", "MARHTA"), 0.961, 0.0005);
  EXPECT_NEAR(JaroWinkler("DWAYNE", "DUANE"), 0.840, 0.0005);
  EXPECT_NEAR(JaroWinkler("DIXON", "DICKSONX"), 0.813, 0.0005);
  EXPECT_NEAR(Jaro("MARTHA", "MARHTA"), 0.944, 0.0005);
  EXPECT_NEAR(Jaro("DWAYNE", "DUANE"), 0.822, 0.0005);
  EXPECT_NEAR(Jaro("DIXON", "DICKSONX"), 0.767, 0.0005);
}

TEST(JaroWinkler, Bounds) {
  EXPECT_DOUBLE_EQ(JaroWinkler("SMITH", "SMITH"), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("", ""), 1.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("", "SMITH"), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("ABC", "XYZ"), 0.0);
  EXPECT_DOUBLE_EQ(JaroWinkler("MARHTA", "MARTHA"), JaroWinkler("MARTHA", "MARHTA"));
}

TEST(JaroWinkler, PrefixBoostStopsAtFourCharacters) {
  // Same Jaro, longer common prefix: the boost grows to four characters and no further.
  const double four = JaroWinkler("abcdxyz", "abcdzyx");
  const double jaro = Jaro("abcdxyz", "abcdzyx");
  EXPECT_NEAR(four, jaro + 0.4 * (1 - jaro), 1e-12);
  const double five = JaroWinkler("abcdexyz", "abcdezyx");
  const double jaro5 = Jaro("abcdexyz", "abcdezyx");
  EXPECT_NEAR(five, jaro5 + 0.4 * (1 - jaro5), 1e-12);
}

TEST(JaroWinkler, LongStringsTakeTheSlowPathWithTheSameResult) {
  const std::string a(100, 'a');
  std::string b = a;
  b[50] = 'b';
  // 99 of 100 characters match in place: Jaro (0.99 + 0.99 + 1) / 3, then a four-letter prefix.
  const double jaro = (0.99 + 0.99 + 1.0) / 3.0;
  EXPECT_NEAR(Jaro(a, b), jaro, 1e-12);
  EXPECT_NEAR(JaroWinkler(a, b), jaro + 0.4 * (1 - jaro), 1e-12);
}

TEST(NameSimilarity, IgnoresCaseAccentsAndPunctuation) {
  EXPECT_DOUBLE_EQ(NameSimilarity("O'Brien", "OBRIEN"), 1.0);
  EXPECT_DOUBLE_EQ(NameSimilarity("o’brien", "O'Brien"), 1.0);
  EXPECT_DOUBLE_EQ(NameSimilarity("Zoë", "ZOE"), 1.0);
  EXPECT_DOUBLE_EQ(NameSimilarity("Smith-Jones", "smith jones"), 1.0);
  EXPECT_GT(NameSimilarity("Jonathon", "Jonathan"), 0.92);
}

}  // namespace
}  // namespace fd::match
