// What is particular to the PostgreSQL backend: placeholders, the types it binds and reads back, its
// pool after a lost connection, writers serialised across nodes by the advisory lock, Ping. Runs only
// in the ".postgres" copy, on the server scripts/test-postgres started (support/test_store.h).
#include "store/postgres/postgres_store.h"

#include <gtest/gtest.h>
#include <signal.h>

#include <atomic>
#include <chrono>
#include <limits>
#include <regex>
#include <string>
#include <thread>

#include "support/hang_guard.h"
#include "support/raw_postgres_session.h"
#include "support/temp_dir.h"
#include "support/test_store.h"

namespace fd::store {
namespace {

class PostgresStoreTest : public ::testing::Test {
 protected:
  void SetUp() override {
    ASSERT_TRUE(testing::OnPostgres()) << "run through CTest's .postgres copy (FD_TEST_POSTGRES)";
    store_ = std::make_unique<testing::TestStore>(dir_, "unused.db");
    ASSERT_EQ(store_->dialect(), Dialect::kPostgres);
  }
  testing::TempDir dir_;
  std::unique_ptr<testing::TestStore> store_;
};

TEST(PostgresStore, NumbersPlaceholdersOutsideQuotesAndComments) {
  EXPECT_EQ(NumberPlaceholders("SELECT a FROM t WHERE b = ? AND c = ?"), "SELECT a FROM t WHERE b = $1 AND c = $2");
  EXPECT_EQ(NumberPlaceholders("SELECT '?', 'it''s ?', \"odd?name\", ? -- why?\n, ? /* ? */"),
            "SELECT '?', 'it''s ?', \"odd?name\", $1 -- why?\n, $2 /* ? */");
}

TEST(PostgresStore, TakesThePoolSizeFromTheUrlAndHidesItFromLibpq) {
  auto url = ParsePostgresUrl("postgresql://fd@db.example:5433/frontdoor?pool=3&sslmode=require");
  EXPECT_EQ(url.pool_size, 3);
  EXPECT_EQ(url.conninfo,
            "postgresql://fd@db.example:5433/frontdoor?sslmode=require&connect_timeout=10&keepalives=1&keepalives_idle=10"
            "&keepalives_interval=5&keepalives_count=3&tcp_user_timeout=10000&application_name=frontdoor");
  EXPECT_EQ(ParsePostgresUrl("postgresql://h/db").pool_size, 8);
  EXPECT_THROW(ParsePostgresUrl("postgresql://h/db?pool=0"), StoreFault);
  EXPECT_THROW(ParsePostgresUrl("postgresql://h/db?pool=many"), StoreFault);
}

// The time limits: frontdoor's own (taken out of the URL, whole seconds) and libpq's TCP settings
// (added unless the URL gives its own, which are left as they are).
TEST(PostgresStore, TakesTheTimeLimitsFromTheUrl) {
  const auto plain = ParsePostgresUrl("postgresql://h/db");
  EXPECT_EQ(plain.statement_timeout_s, 30);
  EXPECT_EQ(plain.idle_in_transaction_timeout_s, 15);
  const auto tuned = ParsePostgresUrl(
      "postgresql://h/db?statement_timeout=120s&idle_in_transaction_session_timeout=5&keepalives_idle=30&tcp_user_timeout=20000");
  EXPECT_EQ(tuned.statement_timeout_s, 120);
  EXPECT_EQ(tuned.idle_in_transaction_timeout_s, 5);
  EXPECT_EQ(tuned.conninfo,
            "postgresql://h/db?keepalives_idle=30&tcp_user_timeout=20000&connect_timeout=10&keepalives=1"
            "&keepalives_interval=5&keepalives_count=3&application_name=frontdoor");
  for (const char* bad : {"statement_timeout=0", "statement_timeout=", "statement_timeout=30ms",
                          "statement_timeout=-1", "idle_in_transaction_session_timeout=0",
                          "idle_in_transaction_session_timeout=3601", "idle_in_transaction_session_timeout=1m"}) {
    EXPECT_THROW(ParsePostgresUrl(std::string("postgresql://h/db?") + bad), StoreFault) << bad;
  }
}

TEST_F(PostgresStoreTest, PlaceholdersInsideQuotedTextAreData) {
  auto tx = store_->Begin(TransactionMode::kWrite);
  tx->Execute("INSERT INTO teams (name) VALUES ('what? ' || ?)", {"this"});
  auto rows = tx->Query("SELECT name, '?' FROM teams WHERE name = 'what? ' || ?", {"this"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(0), "what? this");
  EXPECT_EQ(rows[0].Text(1), "?");
}

TEST_F(PostgresStoreTest, ValuesRoundTripWithTheirTypes) {
  auto tx = store_->Begin(TransactionMode::kRead);
  const std::int64_t big = std::numeric_limits<std::int64_t>::max();
  const double third = 1.0 / 3.0;
  const std::string text = "Zoë O'Brien – 😀";
  auto row = tx->Query("SELECT ?, ?, ?, CAST(? AS TEXT), 1 = 1, CAST(2 AS SMALLINT), CAST(3 AS INTEGER)",
                       {big, third, text, Value()})
                 .at(0);
  ASSERT_TRUE(row[0].IsInt());
  EXPECT_EQ(row.Int(0), big);
  ASSERT_TRUE(row[1].IsReal());
  EXPECT_EQ(row[1].AsReal(), third);  // exactly: the shortest text that reads back as the same double
  ASSERT_TRUE(row[2].IsText());
  EXPECT_EQ(row.Text(2), text);
  EXPECT_TRUE(row.IsNull(3));
  EXPECT_EQ(row.Int(4), 1);  // a boolean reads as 0 or 1, as in SQLite
  EXPECT_EQ(row.Int(5), 2);
  EXPECT_EQ(row.Int(6), 3);
}

// SUM over BIGINT is NUMERIC in PostgreSQL: a whole number still reads as an integer, a fraction as a real.
TEST_F(PostgresStoreTest, NumericReadsAsIntegerWhenWhole) {
  auto tx = store_->Begin(TransactionMode::kRead);
  auto row = tx->Query("SELECT SUM(x), AVG(x), CAST(2.5 AS NUMERIC) FROM (VALUES (CAST(1 AS BIGINT)), (2)) v(x)").at(0);
  ASSERT_TRUE(row[0].IsInt());
  EXPECT_EQ(row.Int(0), 3);
  ASSERT_TRUE(row[1].IsReal());
  EXPECT_EQ(row[1].AsReal(), 1.5);
  EXPECT_EQ(row[2].AsReal(), 2.5);
}

TEST_F(PostgresStoreTest, NullsAreStoredAndReadBack) {
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {"Front Door"});
    tx->Execute("INSERT INTO users (username, display_name, role, team_id, password_hash, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?)",
                {"u", "U", "social_worker", Value(), "x", "2026-11-24T10:00:00Z"});
    tx->Commit();
  }
  auto tx = store_->Begin(TransactionMode::kRead);
  auto rows = tx->Query("SELECT team_id FROM users WHERE username = ?", {"u"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(rows[0].IsNull(0));
  EXPECT_FALSE(rows[0].OptionalInt(0).has_value());
}

TEST_F(PostgresStoreTest, DestroyingATransactionRollsItBackAndFreesTheConnection) {
  for (int i = 0; i < 20; ++i) {  // more than the pool holds: each connection must come back
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {"Ghost " + std::to_string(i)});
  }
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM teams").at(0).Int(0), 0);
}

TEST_F(PostgresStoreTest, AReadTransactionCannotWrite) {
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_THROW(tx->Execute("INSERT INTO teams (name) VALUES (?)", {"x"}), StoreFault);
}

// Two nodes: while the first holds a write transaction, the second's Begin(kWrite) waits on the
// advisory lock, and once it has begun it reads what the first committed (read-then-write is safe).
TEST_F(PostgresStoreTest, ASecondWriterOnAnotherNodeWaitsForTheFirst) {
  auto other_node = store_->OpenAnother();
  auto first = store_->Begin(TransactionMode::kWrite);
  first->Execute("INSERT INTO teams (name) VALUES (?)", {"First"});

  std::atomic<bool> began{false};
  std::int64_t seen = -1;
  std::thread second([&] {
    auto tx = other_node->Begin(TransactionMode::kWrite);
    began = true;
    seen = tx->Query("SELECT COUNT(*) FROM teams").at(0).Int(0);
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {"Second"});
    tx->Commit();
  });
  // Wait (without a deadline: CTest's timeout bounds it) until the server shows the second writer
  // queued on the advisory lock; only then is "it has not begun" a fact rather than a race.
  auto observer = store_->OpenAnother();
  for (;;) {
    auto tx = observer->Begin(TransactionMode::kRead);
    if (tx->Query("SELECT COUNT(*) FROM pg_locks WHERE locktype = 'advisory' AND NOT granted").at(0).Int(0) > 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  EXPECT_FALSE(began.load());
  first->Commit();
  second.join();
  EXPECT_TRUE(began.load());
  EXPECT_EQ(seen, 1);
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM teams").at(0).Int(0), 2);
}

std::int64_t BackendPid(Transaction& tx) { return tx.Query("SELECT pg_backend_pid()").at(0).Int(0); }

// Through a read transaction: a write one would queue behind the victim's advisory lock.
void Terminate(Store& admin, std::int64_t pid) {
  auto tx = admin.Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT pg_terminate_backend(CAST(? AS INTEGER), 5000)", {pid}).at(0).Int(0), 1);
  tx->Commit();
}

// The server drops a connection mid-transaction: the statement is a kUnavailable fault, nothing is
// half-written, and the pool replaces the dead connection.
TEST_F(PostgresStoreTest, AKilledConnectionIsUnavailableAndThePoolRecovers) {
  auto admin = store_->OpenAnother();
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {"Lost"});
    Terminate(*admin, BackendPid(*tx));
    try {
      tx->Query("SELECT COUNT(*) FROM teams");
      FAIL() << "expected a fault";
    } catch (const StoreFault& fault) {
      EXPECT_EQ(fault.kind(), StoreFault::Kind::kUnavailable) << fault.what();
    }
  }
  auto tx = store_->Begin(TransactionMode::kWrite);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM teams").at(0).Int(0), 0);
  tx->Execute("INSERT INTO teams (name) VALUES (?)", {"Kept"});
  tx->Commit();
}

// An idle pooled connection the server has closed (a restart, an idle timeout) is found dead at
// BEGIN and replaced, so the next transaction still succeeds.
TEST_F(PostgresStoreTest, ADeadIdleConnectionIsReplacedAtBegin) {
  auto admin = store_->OpenAnother();
  std::int64_t pid = 0;
  {
    auto tx = store_->Begin(TransactionMode::kRead);
    pid = BackendPid(*tx);
  }
  Terminate(*admin, pid);
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_NE(BackendPid(*tx), pid);
  EXPECT_TRUE(store_->Ping());
}

// The database stops answering (here: it refuses connections and its sessions are ended, as a
// stopped server would): Ping is false without throwing, and true again once it is back.
TEST_F(PostgresStoreTest, PingIsFalseWhileTheDatabaseCannotAnswer) {
  EXPECT_TRUE(store_->Ping());
  const std::string database = store_->url().substr(store_->url().rfind('/') + 1);
  auto admin = OpenStore(testing::PostgresBaseUrl() + "postgres");
  auto set_connections = [&](bool allow) {
    auto tx = admin->Begin(TransactionMode::kWrite);
    // ALTER DATABASE takes no parameters; the name is our own test database's, made in TestStore.
    tx->Execute(allow ? "ALTER DATABASE " + database + " ALLOW_CONNECTIONS true"
                      : "ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
    if (!allow)
      tx->Query("SELECT pg_terminate_backend(pid, 5000) FROM pg_stat_activity WHERE datname = ?", {database});
    tx->Commit();
  };
  set_connections(false);
  EXPECT_FALSE(store_->Ping());
  try {
    store_->Begin(TransactionMode::kRead);
    ADD_FAILURE() << "expected a fault";
  } catch (const StoreFault& fault) {
    EXPECT_EQ(fault.kind(), StoreFault::Kind::kUnavailable);
  }
  set_connections(true);
  EXPECT_TRUE(store_->Ping());
}

// The tests of time limits below show that the limit fired by what was answered and when in the
// order of events (while the cause is still there), never by how long it took: any upper bound on
// the clock is flaky on a loaded machine, and timings belong in bench/. testing::UnlessHung only
// stops a test that would otherwise hang.

// /readyz on PostgreSQL: not ready while no writer on this node could take the writers' lock,
// answered by the probe's own limit while waiting for it (the lock is still held when it answers);
// ready again once the lock is free.
TEST_F(PostgresStoreTest, PingIsFalseWhileTheWritersLockCannotBeTaken) {
  EXPECT_TRUE(store_->Ping());
  testing::RawPostgresSession holder(store_->url());
  holder.HoldWritersLock();
  EXPECT_FALSE(testing::UnlessHung([&] { return store_->Ping(); }));
  holder.Exec("ROLLBACK");
  EXPECT_TRUE(store_->Ping());
}

// A node stopped in the middle of a write transaction (SIGSTOP, a long pause) holds the writers'
// lock: the server ends its session after idle_in_transaction_session_timeout and rolls back what
// it had written, and every other node writes again. When the node wakes, its next statement is a
// kUnavailable fault (its request answers 503), never a half-written change. The other write is
// done, not refused: a writer whose wait ran into the 10 s of lock_timeout gets a kBusy fault, and
// the stalled node never let go itself, so the server ended its session.
TEST_F(PostgresStoreTest, ANodeStalledInsideAWriteIsEndedAndItsLockFreed) {
  auto stalled_node = OpenStore(testing::WithUrlParameters(store_->url(), "idle_in_transaction_session_timeout=1"));
  auto stalled = stalled_node->Begin(TransactionMode::kWrite);
  stalled->Execute("INSERT INTO teams (name) VALUES (?)", {"Half written"});
  testing::UnlessHung([&] {
    auto other = store_->OpenAnother();
    auto tx = other->Begin(TransactionMode::kWrite);  // waits for the server to end the stalled session
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {"Written"});
    tx->Commit();
  });
  try {
    stalled->Query("SELECT COUNT(*) FROM teams");
    ADD_FAILURE() << "expected a fault";
  } catch (const StoreFault& fault) {
    EXPECT_EQ(fault.kind(), StoreFault::Kind::kUnavailable) << fault.what();
  }
  auto tx = store_->Begin(TransactionMode::kRead);
  auto rows = tx->Query("SELECT name FROM teams ORDER BY name");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(0), "Written");
}

// A statement running longer than statement_timeout is cancelled by the server: a kBusy fault
// naming the statement timeout (a sleep left to finish would be no fault at all).
TEST_F(PostgresStoreTest, AStatementOverTheTimeLimitIsCancelled) {
  auto limited = OpenStore(testing::WithUrlParameters(store_->url(), "statement_timeout=1"));
  auto tx = limited->Begin(TransactionMode::kRead);
  testing::UnlessHung([&] {
    try {
      tx->Query("SELECT pg_sleep(4)");
      ADD_FAILURE() << "expected a fault";
    } catch (const StoreFault& fault) {
      EXPECT_EQ(fault.kind(), StoreFault::Kind::kBusy) << fault.what();
      EXPECT_NE(std::string(fault.what()).find("statement timeout"), std::string::npos) << fault.what();
    }
  });
}

// A migration's statements have no time limit (kLiftStatementLimit): DDL over a large table may take
// as long as it needs, and the node waits for it.
TEST_F(PostgresStoreTest, ASchemaChangeHasNoStatementTimeLimit) {
  auto limited = OpenStore(testing::WithUrlParameters(store_->url(), "statement_timeout=1"));
  {
    auto tx = limited->Begin(TransactionMode::kWrite);
    tx->Execute(kLiftStatementLimit);
    EXPECT_EQ(tx->Query("SELECT current_setting('statement_timeout')").at(0).Text(0), "0");
    tx->Query("SELECT pg_sleep(1.5)");
    tx->Commit();
  }
  auto tx = limited->Begin(TransactionMode::kWrite);  // the same pooled connection: limited again
  EXPECT_EQ(tx->Query("SELECT current_setting('statement_timeout')").at(0).Text(0), "1s");
}

// The session's backends of this database other than the caller's, by application_name.
std::vector<pid_t> Backends(Store& admin, const std::string& database, const std::string& application) {
  auto tx = admin.Begin(TransactionMode::kRead);
  std::vector<pid_t> pids;
  for (const auto& row : tx->Query("SELECT pid FROM pg_stat_activity WHERE datname = ? AND application_name = ? "
                                   "AND pid <> pg_backend_pid()",
                                   {database, application}))
    pids.push_back(static_cast<pid_t>(row.Int(0)));
  return pids;
}

// A database server that stops answering (here its session's backend is stopped with SIGSTOP, as
// when the whole server is stopped, swapping or frozen; TCP still acknowledges, so only a deadline
// notices): the statement is given up after statement_timeout and a grace (5 s), the connection
// closed, and the pool carries on with a new one once the server answers again. Given up while the
// backend is still stopped, so by the node's own deadline; the fault says how long it waited by the
// store's own count, the whole 1 s and grace (not cut short).
TEST_F(PostgresStoreTest, AServerThatStopsAnsweringIsGivenUpOn) {
  auto limited = OpenStore(testing::WithUrlParameters(store_->url(), "statement_timeout=1&application_name=frontdoor-hung-test"));
  const std::string database = store_->url().substr(store_->url().rfind('/') + 1);
  auto admin = store_->OpenAnother();
  auto tx = limited->Begin(TransactionMode::kWrite);
  tx->Execute("INSERT INTO teams (name) VALUES (?)", {"Never committed"});
  const auto pids = Backends(*admin, database, "frontdoor-hung-test");
  ASSERT_EQ(pids.size(), 1u);
  ASSERT_EQ(kill(pids[0], SIGSTOP), 0);
  const std::string answer = testing::UnlessHung([&]() -> std::string {
    try {
      // Not COMMIT: a COMMIT sent to a server that then wakes may still be done by it, as with any
      // connection lost while committing (docs/decisions.md "A stalled node, a hung database").
      tx->Query("SELECT COUNT(*) FROM teams");
      return "no fault";
    } catch (const StoreFault& fault) {
      const std::string what = fault.what();
      return fault.kind() == StoreFault::Kind::kUnavailable ? what : "not kUnavailable: " + what;
    }
  });
  kill(pids[0], SIGCONT);
  std::smatch gave_up;
  ASSERT_TRUE(std::regex_search(answer, gave_up, std::regex("no answer from the server in ([0-9]+) s"))) << answer;
  EXPECT_GE(std::stoi(gave_up[1].str()), 1 + 5) << answer;  // statement_timeout and the grace
  tx.reset();
  auto again = limited->Begin(TransactionMode::kRead);
  EXPECT_EQ(again->Query("SELECT COUNT(*) FROM teams").at(0).Int(0), 0);
}

// /readyz while the server does not answer: not ready, by its own 3 s limit (its backend is still
// stopped when it answers).
TEST_F(PostgresStoreTest, PingAnswersWithinItsTimeWhenTheServerDoesNotAnswer) {
  ASSERT_TRUE(store_->Ping());
  const std::string database = store_->url().substr(store_->url().rfind('/') + 1);
  auto admin = store_->OpenAnother();
  const auto pids = Backends(*admin, database, "frontdoor readiness");
  ASSERT_EQ(pids.size(), 1u);
  ASSERT_EQ(kill(pids[0], SIGSTOP), 0);
  const bool ready = testing::UnlessHung([&] { return store_->Ping(); });
  kill(pids[0], SIGCONT);
  EXPECT_FALSE(ready);
  EXPECT_TRUE(store_->Ping());  // on a new connection
}

TEST(PostgresStore, AnUnreachableServerIsAFaultAtOpen) {
  // Port 1 on loopback: nothing listens there, so the connection is refused at once.
  try {
    PostgresStore store("postgresql://nobody@127.0.0.1:1/none");
    FAIL() << "expected a fault";
  } catch (const StoreFault& fault) {
    EXPECT_EQ(fault.kind(), StoreFault::Kind::kUnavailable);
  }
}

}  // namespace
}  // namespace fd::store
