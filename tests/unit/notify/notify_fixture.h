// Shared by the notify tests: a migrated SQLite store in a temporary folder, a clock the test
// steps, sample e-mails, and a bounded wait (never a timed assertion).
#pragma once

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <thread>

#include "domain/instant.h"
#include "notify/outbox.h"
#include "store/migrations.h"
#include "support/test_store.h"
#include "support/temp_dir.h"

namespace fd::notify {

// A clock that says what it is told; safe to read from the worker thread while the test steps it.
class TestClock {
 public:
  explicit TestClock(Instant start) : seconds_(start.time_since_epoch().count()) {}
  Instant Now() const { return Instant{std::chrono::seconds{seconds_.load()}}; }
  void Advance(std::chrono::seconds by) { seconds_ += by.count(); }
  std::function<Instant()> Function() const {
    return [this] { return Now(); };
  }

 private:
  std::atomic<std::int64_t> seconds_;
};

inline Instant At(const char* utc) { return ParseUtc(utc).value(); }

// Polls `done` until it is true or `timeout` passes; returns its last answer.
inline bool WaitFor(const std::function<bool()>& done,
                    std::chrono::milliseconds timeout = std::chrono::seconds(5)) {
  const auto until = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() > until) return done();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return true;
}

inline Email SampleEmail(std::int64_t record_id, const std::string& purpose = "acknowledgement") {
  Email e;
  e.recipient = "dr.lee@riverside.nhs.net";
  e.subject = "Contact received";
  e.body = "Dear Dr Lee,\nWe received your contact.\n";
  e.record_type = "contact";
  e.record_id = record_id;
  e.purpose = purpose;
  e.idempotency_key = IdempotencyKey("contact", record_id, purpose);
  return e;
}

class NotifyTest : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<testing::TestStore>(dir_, "notify.db");
    store::Migrate(*store_);
  }

  // Enqueues in its own committed transaction, as a use case would.
  bool Queue(const Email& email, Instant now) {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    const bool inserted = Enqueue(*tx, email, now);
    tx->Commit();
    return inserted;
  }

  std::vector<OutboxRow> Outbox(std::int64_t record_id, const std::string& record_type = "contact") {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return ListOutbox(*tx, record_type, record_id);
  }

  // The one row for that record; fails the test when there is not exactly one.
  OutboxRow OnlyRow(std::int64_t record_id) {
    auto rows = Outbox(record_id);
    EXPECT_EQ(rows.size(), 1u);
    return rows.empty() ? OutboxRow{} : rows.front();
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::TestStore> store_;
};

}  // namespace fd::notify
