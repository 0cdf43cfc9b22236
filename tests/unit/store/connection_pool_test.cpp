// The connection pool both stores keep (store/connection_pool.h): at most the limit open, a caller
// past it waits (and is counted) until one is given back, a broken connection is closed and its
// place freed, and a connection that fails to open frees its place too.
#include "store/connection_pool.h"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>

namespace fd::store {
namespace {

// What the pool holds: here only a number, so the pool's own rules are what is tested.
struct Numbered {
  int number;
};

class ConnectionPoolTest : public ::testing::Test {
 protected:
  ConnectionPool<Numbered> pool_{2, [this] {
                                   if (fail_next_open_.exchange(false)) throw StoreFault(StoreFault::Kind::kUnavailable, "refused");
                                   return std::make_unique<Numbered>(Numbered{++opened_});
                                 }};
  std::atomic<int> opened_{0};
  std::atomic<bool> fail_next_open_{false};

  StoreStats Stats() const {
    StoreStats stats;
    pool_.Fill(stats);
    return stats;
  }
};

TEST_F(ConnectionPoolTest, ReusesAnIdleConnectionBeforeOpeningAnother) {
  auto first = pool_.Acquire();
  EXPECT_TRUE(first.fresh);
  const int number = first.connection->number;
  pool_.Release(std::move(first.connection));
  auto again = pool_.Acquire();
  EXPECT_FALSE(again.fresh);
  EXPECT_EQ(again.connection->number, number);
  EXPECT_EQ(opened_.load(), 1);
  EXPECT_EQ(Stats().connections_open, 1);
  EXPECT_EQ(Stats().connections_in_use, 1);
}

TEST_F(ConnectionPoolTest, ACallerPastTheLimitWaitsForOneGivenBackAndIsCounted) {
  auto a = pool_.Acquire();
  auto b = pool_.Acquire();
  EXPECT_EQ(Stats().connections_max, 2);
  EXPECT_EQ(Stats().connections_in_use, 2);
  std::atomic<bool> got{false};
  int number = 0;
  std::thread third([&] {
    auto c = pool_.Acquire();
    number = c.connection->number;
    got = true;
    pool_.Release(std::move(c.connection));
  });
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
  while (Stats().waiting == 0 && std::chrono::steady_clock::now() < give_up)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  EXPECT_EQ(Stats().waiting, 1);
  EXPECT_FALSE(got.load());
  const int given_back = b.connection->number;
  pool_.Release(std::move(b.connection));
  third.join();
  EXPECT_TRUE(got.load());
  EXPECT_EQ(number, given_back);  // the one given back, not a third opened
  EXPECT_EQ(opened_.load(), 2);
  const auto stats = Stats();
  EXPECT_EQ(stats.waiting, 0);
  EXPECT_EQ(stats.waits_total, 1u);
  EXPECT_GT(stats.wait_seconds_total, 0);
  pool_.Release(std::move(a.connection));
}

TEST_F(ConnectionPoolTest, ABrokenConnectionIsClosedAndItsPlaceFreed) {
  auto a = pool_.Acquire();
  auto b = pool_.Acquire();
  pool_.Release(std::move(a.connection), /*reusable=*/false);
  pool_.Release(nullptr);  // b's transaction dropped it after a fault
  b.connection.reset();
  EXPECT_EQ(Stats().connections_open, 0);
  auto fresh = pool_.Acquire();
  EXPECT_TRUE(fresh.fresh);
  EXPECT_EQ(fresh.connection->number, 3);
}

TEST_F(ConnectionPoolTest, AConnectionThatFailsToOpenFreesItsPlace) {
  auto a = pool_.Acquire();
  fail_next_open_ = true;
  EXPECT_THROW(pool_.Acquire(), StoreFault);
  EXPECT_EQ(Stats().connections_open, 1);
  auto b = pool_.Acquire();  // the place is free again: opened, not waited for
  EXPECT_TRUE(b.fresh);
  EXPECT_EQ(Stats().waits_total, 0u);
}

// A caller past the limit waits no longer than the pool's wait limit (`[database]
// connection_wait_ms`), then gets ConnectionWaitExceeded with the wait, counted; the place it
// waited for is no one's, and the next caller after a release is served.
TEST(ConnectionPoolWait, ACallerPastTheLimitGivesUpAfterTheWaitLimit) {
  int opened = 0;
  ConnectionPool<Numbered> pool(1, [&] { return std::make_unique<Numbered>(Numbered{++opened}); },
                                std::chrono::milliseconds{150});
  auto held = pool.Acquire();
  const auto asked = std::chrono::steady_clock::now();
  try {
    pool.Acquire();
    ADD_FAILURE() << "a second connection was given past the limit";
  } catch (const ConnectionWaitExceeded& exceeded) {
    EXPECT_EQ(exceeded.waited(), std::chrono::milliseconds{150});
    EXPECT_EQ(exceeded.kind(), StoreFault::Kind::kBusy);
  }
  // `held` is kept until after the refusal, so the refusal itself shows the wait ended at its limit;
  // the clock checks only that the wait was used, which load cannot shorten.
  EXPECT_GE(std::chrono::steady_clock::now() - asked, std::chrono::milliseconds{140});
  StoreStats stats;
  pool.Fill(stats);
  EXPECT_EQ(stats.waiting, 0);
  EXPECT_EQ(stats.waits_total, 1u);
  EXPECT_EQ(stats.waits_exceeded_total, 1u);
  EXPECT_EQ(stats.connections_open, 1);
  pool.Release(std::move(held.connection));
  auto next = pool.Acquire();
  EXPECT_FALSE(next.fresh);
  EXPECT_EQ(opened, 1);
}

}  // namespace
}  // namespace fd::store
