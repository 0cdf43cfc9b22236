// Group commit's promise (store/sqlite/group_sync.h): no commit is reported durable before a flush
// that began after it finished, one flush serves every commit waiting when it began, and a failed
// flush is never followed by an acknowledged write.
#include "store/sqlite/group_sync.h"

#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <thread>
#include <vector>

#include "store/store.h"

namespace fd::store {
namespace {

// Writers as the SQLite store runs them: the ticket is issued under the writers' mutex, the wait
// happens after it is let go. The flush notes which tickets it covers (those issued when it
// began) only once it has finished, as a disk would.
TEST(GroupSync, NoCommitIsDurableBeforeAFlushThatBeganAfterItAndFlushesAreShared) {
  GroupSync sync;
  std::mutex writers;
  std::atomic<std::uint64_t> on_disk{0};
  const GroupSync::Flush flush = [&]() -> std::optional<std::string> {
    const std::uint64_t covers = sync.issued();
    std::this_thread::sleep_for(std::chrono::microseconds(300));
    std::uint64_t seen = on_disk.load();
    while (seen < covers && !on_disk.compare_exchange_weak(seen, covers)) {
    }
    return std::nullopt;
  };
  constexpr int kThreads = 8, kCommits = 60;
  std::atomic<int> early{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t)
    threads.emplace_back([&] {
      for (int i = 0; i < kCommits; ++i) {
        std::uint64_t ticket;
        {
          std::lock_guard lock(writers);
          ticket = sync.Issue();
        }
        sync.WaitDurable(ticket, flush);
        if (on_disk.load() < ticket) ++early;
      }
    });
  for (auto& t : threads) t.join();
  EXPECT_EQ(early.load(), 0) << "a commit was reported before the flush covering it finished";
  EXPECT_EQ(sync.issued(), std::uint64_t{kThreads * kCommits});
  // Eight writers waiting on one flush at a time share it: far fewer flushes than commits.
  EXPECT_LT(sync.flushes(), sync.issued());
  EXPECT_GE(sync.flushes(), 1u);
}

TEST(GroupSync, ALoneWriterFlushesOncePerCommit) {
  GroupSync sync;
  int flushes = 0;
  for (int i = 0; i < 5; ++i) {
    sync.WaitDurable(sync.Issue(), [&]() -> std::optional<std::string> {
      ++flushes;
      return std::nullopt;
    });
  }
  EXPECT_EQ(flushes, 5);
  EXPECT_EQ(sync.flushes(), 5u);
}

// A failed flush may have lost the pages it could not write, and a retry could falsely succeed:
// the waiter and every later write are refused (503) rather than acknowledged.
TEST(GroupSync, AFailedFlushRefusesTheWaiterAndEveryLaterWrite) {
  GroupSync sync;
  const auto fails = []() -> std::optional<std::string> { return "Input/output error"; };
  const auto works = []() -> std::optional<std::string> { return std::nullopt; };
  try {
    sync.WaitDurable(sync.Issue(), fails);
    ADD_FAILURE() << "a commit whose flush failed was reported durable";
  } catch (const StoreFault& fault) {
    EXPECT_EQ(fault.kind(), StoreFault::Kind::kUnavailable);
    EXPECT_NE(std::string(fault.what()).find("Input/output error"), std::string::npos);
  }
  EXPECT_THROW(sync.ThrowIfFailed(), StoreFault);
  EXPECT_THROW(sync.WaitDurable(sync.Issue(), works), StoreFault);
}

TEST(GroupSync, AThrowingFlushCountsAsAFailure) {
  GroupSync sync;
  EXPECT_THROW(sync.WaitDurable(sync.Issue(), []() -> std::optional<std::string> { throw std::runtime_error("gone"); }),
               StoreFault);
  EXPECT_THROW(sync.ThrowIfFailed(), StoreFault);
}

}  // namespace
}  // namespace fd::store
