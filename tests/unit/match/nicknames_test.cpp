#include "match/nicknames.h"

#include <gtest/gtest.h>

#include "test_support.h"

namespace fd::match {
namespace {

TEST(NicknameTable, ParsesGroupsCommentsAndBlankLines) {
  const auto table = NicknameTable::Parse("# comment\n\nWilliam,Will,Bill\r\n  Elizabeth, Beth ,Liz\n");
  ASSERT_TRUE(table.has_value());
  EXPECT_EQ(table->GroupCount(), 2u);
  EXPECT_TRUE(table->AreNicknames("Bill", "William"));
  EXPECT_TRUE(table->AreNicknames("william", "BILL"));
  EXPECT_TRUE(table->AreNicknames("Beth", "Liz"));
  EXPECT_FALSE(table->AreNicknames("Bill", "Beth"));
  EXPECT_FALSE(table->AreNicknames("Bill", "Bill"));  // equal names are exact, not nicknames
  EXPECT_FALSE(table->AreNicknames("Zebedee", "Bill"));
  EXPECT_FALSE(table->AreNicknames("", "Bill"));
}

TEST(NicknameTable, GroupsAreNotTransitive) {
  const auto table = NicknameTable::Parse("Alexander,Alex\nAlexandra,Alex\n");
  ASSERT_TRUE(table.has_value());
  EXPECT_TRUE(table->AreNicknames("Alex", "Alexander"));
  EXPECT_TRUE(table->AreNicknames("Alex", "Alexandra"));
  EXPECT_FALSE(table->AreNicknames("Alexander", "Alexandra"));
}

TEST(NicknameTable, RejectsAGroupOfOneWithItsLine) {
  const auto table = NicknameTable::Parse("William,Bill\n# fine\nSolo\n");
  ASSERT_FALSE(table.has_value());
  EXPECT_EQ(table.error().line, 3);
  const auto repeated = NicknameTable::Parse("Zoe,ZOË\n");  // one name once normalised
  ASSERT_FALSE(repeated.has_value());
  EXPECT_EQ(repeated.error().line, 1);
}

TEST(NicknameTable, EmptyTablePairsNothing) {
  const NicknameTable table;
  EXPECT_EQ(table.GroupCount(), 0u);
  EXPECT_FALSE(table.AreNicknames("Bill", "William"));
}

TEST(ShippedNicknames, HasAtLeast150GroupsAndTheCommonPairs) {
  const NicknameTable table = ShippedNicknames();
  EXPECT_GE(table.GroupCount(), 150u);
  const std::vector<std::pair<std::string, std::string>> pairs = {
      {"Bill", "William"},      {"Will", "William"},      {"Liam", "William"},     {"Bill", "Liam"},
      {"Beth", "Elizabeth"},    {"Liz", "Elizabeth"},     {"Lizzie", "Elizabeth"}, {"Betty", "Elizabeth"},
      {"Eliza", "Elizabeth"},   {"Jack", "John"},         {"Johnny", "John"},      {"Kate", "Catherine"},
      {"Katie", "Kathryn"},     {"Kathryn", "Catherine"}, {"Alex", "Alexander"},   {"Alex", "Alexandra"},
      {"Sasha", "Alexander"},   {"Sasha", "Alexandra"},   {"Mo", "Mohammed"},      {"Muhammad", "Mohammed"},
      {"Mohammad", "Muhammad"}, {"Peggy", "Margaret"},    {"Bob", "Robert"},       {"Harry", "Henry"},
      {"Ted", "Edward"},        {"Seun", "Oluwaseun"},    {"Kasia", "Katarzyna"},  {"Niamh", "Neve"},
  };
  for (const auto& [a, b] : pairs) {
    EXPECT_TRUE(table.AreNicknames(a, b)) << a << " / " << b;
    EXPECT_TRUE(table.AreNicknames(b, a)) << b << " / " << a;
  }
  // Siblings' names must stay apart.
  EXPECT_FALSE(table.AreNicknames("Jack", "Oliver"));
  EXPECT_FALSE(table.AreNicknames("Amelia", "Emily"));
  EXPECT_FALSE(table.AreNicknames("William", "Wilma"));
}

TEST(IsInitialOf, AnInitialAgreesWithNamesStartingWithIt) {
  EXPECT_TRUE(IsInitialOf("J", "Jack"));
  EXPECT_TRUE(IsInitialOf("jasmine", "J."));
  EXPECT_TRUE(IsInitialOf("J", "j"));
  EXPECT_FALSE(IsInitialOf("J", "Kate"));
  EXPECT_FALSE(IsInitialOf("Jack", "Jasmine"));  // two full names never do
  EXPECT_FALSE(IsInitialOf("", "Jack"));
}

}  // namespace
}  // namespace fd::match
