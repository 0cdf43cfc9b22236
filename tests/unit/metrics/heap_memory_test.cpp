// The heap-in-use gauge: it follows what the program holds, including a block large enough for malloc
// to map on its own, and gives it back when it is freed.
#include "metrics/heap_memory.h"

#include <gtest/gtest.h>

#include <cstdlib>
#include <cstring>

namespace fd::metrics {
namespace {

TEST(HeapInUse, RisesByABlockHeldAndFallsWhenItIsFreed) {
  constexpr std::int64_t kBlock = 48 << 20;  // above glibc's largest mmap threshold (32 MiB): mapped
  const std::int64_t before = HeapInUseBytes();
  EXPECT_GT(before, 0);
  void* block = std::malloc(kBlock);
  ASSERT_NE(block, nullptr);
  std::memset(block, 1, kBlock);  // touched, so the compiler cannot drop it
  const std::int64_t held = HeapInUseBytes();
  std::free(block);
  const std::int64_t after = HeapInUseBytes();
  EXPECT_GE(held - before, kBlock);
  EXPECT_LT(held - before, kBlock + (1 << 20));
  EXPECT_LT(after, held - kBlock / 2);
}

}  // namespace
}  // namespace fd::metrics
