// Several nodes on one PostgreSQL: a node stopped in the middle of a write, a statement that runs too
// long and a database server that stops answering must each cost a bounded wait and a 503, never a
// service that hangs, and /readyz must say so (docs/decisions.md "A stalled node, a hung database").
// PostgreSQL only: SQLite has no server to stall and one process's writers on one file.
#include <signal.h>

#include <chrono>

#include "api_fixture.h"
#include "server_process.h"
#include "support/raw_postgres_session.h"

namespace fd::testing {
namespace {

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

class StalledDatabase : public ApiTest {
 protected:
  void SetUp() override {
    if (!OnPostgres()) GTEST_SKIP() << "about PostgreSQL (the .postgres copy)";
    ApiTest::SetUp();
  }
  // Another node on this database, with `parameters` added to its URL (e.g. shorter time limits).
  std::unique_ptr<ServerProcess> StartNode(const std::string& name, const std::string& parameters) {
    auto node = std::make_unique<ServerProcess>(WithUrlParameters(real_store_->url(), parameters), dir_, name);
    EXPECT_TRUE(node->running());
    return node;
  }
  std::int64_t ContactCount() {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM contacts").at(0).Int(0);
  }
};

// RULE KCR-18: every contact is recorded, also while another node is stopped (SIGSTOP, a pause of
// its machine) in the middle of a write, holding the writers' lock. The server ends the stopped
// node's session after its idle_in_transaction_session_timeout (1 s here, 15 s built in) and rolls
// back what it had written, and the contact waiting on this node is recorded then, not refused after
// the 10 s of lock_timeout. When the stopped node wakes, its write is a fault (503), not half done.
TEST_F(StalledDatabase, ContactsAreRecordedSoonAfterAnotherNodeStopsInsideAWrite) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto stopped_node = store::OpenStore(WithUrlParameters(real_store_->url(), "idle_in_transaction_session_timeout=1"));
  auto stopped = stopped_node->Begin(store::TransactionMode::kWrite);
  stopped->Execute("INSERT INTO teams (name) VALUES (?)", {"Half written"});

  const auto asked = std::chrono::steady_clock::now();
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  const double waited = SecondsSince(asked);
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_LT(waited, 6.0);

  try {
    stopped->Execute("INSERT INTO teams (name) VALUES (?)", {"After waking"});
    stopped->Commit();
    ADD_FAILURE() << "the stopped node's session should have been ended";
  } catch (const store::StoreFault& fault) {
    EXPECT_EQ(fault.kind(), store::StoreFault::Kind::kUnavailable) << fault.what();
  }
  stopped.reset();
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM teams WHERE name IN ('Half written', 'After waking')").at(0).Int(0), 0);
  EXPECT_EQ(ContactCount(), 1);
}

// /readyz: not ready while this node could not take the writers' lock (every write would wait and
// then fail), answered within its 3 s; ready again as soon as the lock is free.
TEST_F(StalledDatabase, ReadyzIsNotReadyWhileTheWritersLockCannotBeTaken) {
  auto client = Client();
  EXPECT_EQ(client.Get("/readyz").status, 200);
  RawPostgresSession holder(real_store_->url());
  holder.HoldWritersLock();
  const auto asked = std::chrono::steady_clock::now();
  auto held = client.Get("/readyz");
  EXPECT_LT(SecondsSince(asked), 3.5);
  EXPECT_EQ(held.status, 503) << held.body;
  holder.Exec("ROLLBACK");
  EXPECT_EQ(client.Get("/readyz").status, 200);
}

// RULE KCR-18: a statement that runs past statement_timeout (here the contacts table is locked by
// someone with direct access; 1 s limit on this node) is cancelled: the contact is refused with 503
// in about that time, with nothing of it saved (no reference used, no audit event), and recorded
// once the database is free again.
TEST_F(StalledDatabase, AStatementOverTheTimeLimitAnswers503AndSavesNothing) {
  auto node = StartNode("limited", "statement_timeout=1");
  ASSERT_TRUE(node->running());
  HttpClient officer(node->port());
  ASSERT_EQ(officer.SignIn(std::string(RoleId(Role::kContactOfficer)), kTestPassword).status, 201);
  std::int64_t events = 0;
  {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    events = tx->Query("SELECT COUNT(*) FROM audit_events").at(0).Int(0);
  }

  RawPostgresSession locker(real_store_->url());
  locker.Exec("BEGIN; LOCK TABLE contacts IN ACCESS EXCLUSIVE MODE");
  const auto asked = std::chrono::steady_clock::now();
  auto refused = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  const double waited = SecondsSince(asked);
  locker.Exec("ROLLBACK");
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_LT(waited, 6.0);  // the 1 s limit, not the 10 s of lock_timeout
  EXPECT_NE(node->Log().find("statement timeout"), std::string::npos) << node->Log();
  EXPECT_EQ(ContactCount(), 0);
  {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events").at(0).Int(0), events);
  }

  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_TRUE(created.Json().at("reference").get<std::string>().ends_with("000001")) << created.body;
}

// The database server stops answering (its sessions' processes are stopped with SIGSTOP, as when the
// whole server is stopped, frozen or swapping; TCP still acknowledges, so only a deadline notices):
// /readyz answers 503 within its 3 s, and a request 503 once its statement's limit and a 5 s grace
// have passed (1 s + 5 s here; 30 s + 5 s built in), instead of hanging until the server wakes.
// Once it answers again, so does the node, on new connections.
TEST_F(StalledDatabase, RequestsAnswer503InBoundedTimeWhenTheDatabaseStopsAnswering) {
  auto node = StartNode("frozen", "statement_timeout=1&application_name=frontdoor-frozen-test");
  ASSERT_TRUE(node->running());
  HttpClient officer(node->port());
  ASSERT_EQ(officer.SignIn(std::string(RoleId(Role::kContactOfficer)), kTestPassword).status, 201);
  ASSERT_EQ(officer.Get("/readyz").status, 200);  // its probe's connection is open

  RawPostgresSession admin(real_store_->url());
  const auto stopped = admin.Backends({"frontdoor-frozen-test", "frontdoor readiness"});
  ASSERT_FALSE(stopped.empty());
  struct Resume {
    const std::vector<pid_t>& pids;
    ~Resume() {
      for (pid_t pid : pids) kill(pid, SIGCONT);
    }
  } resume{stopped};
  for (pid_t pid : stopped) ASSERT_EQ(kill(pid, SIGSTOP), 0);

  auto asked = std::chrono::steady_clock::now();
  EXPECT_EQ(officer.Get("/readyz").status, 503);
  EXPECT_LT(SecondsSince(asked), 3.5);
  asked = std::chrono::steady_clock::now();
  auto list = officer.Get("/api/v1/contacts");
  const double waited = SecondsSince(asked);
  EXPECT_EQ(list.status, 503) << list.body;
  EXPECT_GT(waited, 5.5);
  EXPECT_LT(waited, 9.0);
  EXPECT_NE(node->Log().find("no answer from the server"), std::string::npos) << node->Log();

  for (pid_t pid : stopped) kill(pid, SIGCONT);
  EXPECT_EQ(officer.Get("/readyz").status, 200);
  EXPECT_EQ(officer.Get("/api/v1/contacts").status, 200);
}

}  // namespace
}  // namespace fd::testing
