#include <gtest/gtest.h>

#include <map>
#include <random>

#include "match/id_list.h"
#include "match/u64_map.h"

namespace fd::match {
namespace {

TEST(IdList, GrowsPastItsInlineIdsAndShrinks) {
  IdList list;
  EXPECT_TRUE(list.empty());
  for (std::uint32_t i = 0; i < 100; ++i) list.Add(i);
  EXPECT_EQ(list.size(), 100u);
  EXPECT_GT(list.HeapBytes(), 0u);
  for (std::uint32_t i = 0; i < 100; i += 2) EXPECT_TRUE(list.Remove(i));
  EXPECT_FALSE(list.Remove(0));
  EXPECT_EQ(list.size(), 50u);
  for (std::uint32_t id : list.Ids()) EXPECT_EQ(id % 2, 1u);
  IdList moved = std::move(list);
  EXPECT_EQ(moved.size(), 50u);
  EXPECT_EQ(list.size(), 0u);  // NOLINT(bugprone-use-after-move): moved-from is empty by contract
}

TEST(IdList, SmallListsStayInline) {
  IdList list;
  list.Add(7);
  list.Add(9);
  EXPECT_EQ(list.HeapBytes(), 0u);
  IdList other;
  other = std::move(list);
  ASSERT_EQ(other.size(), 2u);
  EXPECT_EQ(other.Ids()[0], 7u);
  EXPECT_EQ(other.Ids()[1], 9u);
}

// Random inserts and erases against std::map, so backward-shift deletion is exercised through
// long probe chains and wrap-around.
TEST(U64Map, AgreesWithStdMap) {
  U64Map<int> map;
  std::map<std::uint64_t, int> expected;
  std::mt19937_64 random(42);
  for (int step = 0; step < 200000; ++step) {
    const std::uint64_t key = random() % 5000;
    if (random() % 3 == 0) {
      EXPECT_EQ(map.Erase(key), expected.erase(key) == 1);
    } else {
      map[key] = step;
      expected[key] = step;
    }
  }
  EXPECT_EQ(map.size(), expected.size());
  for (std::uint64_t key = 0; key < 5000; ++key) {
    const int* found = map.Find(key);
    const auto it = expected.find(key);
    ASSERT_EQ(found != nullptr, it != expected.end()) << key;
    if (found) {
      EXPECT_EQ(*found, it->second);
    }
  }
  std::size_t visited = 0;
  map.ForEach([&visited](std::uint64_t, int) { ++visited; });
  EXPECT_EQ(visited, expected.size());
}

}  // namespace
}  // namespace fd::match
