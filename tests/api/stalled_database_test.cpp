// Several nodes on one PostgreSQL: a node stopped in the middle of a write, a statement that runs too
// long and a database server that stops answering must each cost a bounded wait and a 503, never a
// service that hangs, and /readyz must say so (docs/decisions.md "A stalled node, a hung database").
// PostgreSQL only: SQLite has no server to stall and one process's writers on one file.
//
// Each answer is shown to come from the request's own time limit, not from the cause going away or
// from some other fault: it comes while the cause is still there (the lock still held, the server
// still stopped), and the answer and the node's log name the limit that fired. No test measures how
// long it took (a loaded machine makes any upper bound flaky; timings belong in bench/): the HTTP
// client's own 30 s limit only stops a test that would otherwise hang.
#include <signal.h>

#include <regex>

#include "api_fixture.h"
#include "server_process.h"
#include "support/raw_postgres_session.h"

namespace fd::testing {
namespace {

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
// Recorded (201) proves it: the stopped node never let go of the lock itself, and a wait that ran
// into lock_timeout is refused (503), so the lock was freed by the server ending that session.
TEST_F(StalledDatabase, ContactsAreRecordedSoonAfterAnotherNodeStopsInsideAWrite) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto stopped_node = store::OpenStore(WithUrlParameters(real_store_->url(), "idle_in_transaction_session_timeout=1"));
  auto stopped = stopped_node->Begin(store::TransactionMode::kWrite);
  stopped->Execute("INSERT INTO teams (name) VALUES (?)", {"Half written"});

  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  EXPECT_EQ(created.status, 201) << created.body;

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
// then fail), answered by its probe's own limit (a second's wait for the lock, within its 3 s): the
// 503 comes while the lock is still held, so not from the lock being freed. Ready again as soon as
// the lock is free.
TEST_F(StalledDatabase, ReadyzIsNotReadyWhileTheWritersLockCannotBeTaken) {
  auto client = Client();
  EXPECT_EQ(client.Get("/readyz").status, 200);
  RawPostgresSession holder(real_store_->url());
  holder.HoldWritersLock();
  auto held = client.Get("/readyz");
  EXPECT_EQ(held.status, 503) << held.body;
  EXPECT_NE(held.body.find("The database is not answering"), std::string::npos) << held.body;
  holder.Exec("ROLLBACK");
  EXPECT_EQ(client.Get("/readyz").status, 200);
}

// RULE KCR-18: a statement that runs past statement_timeout (here the contacts table is locked by
// someone with direct access; 1 s limit on this node) is cancelled: the contact is refused with 503,
// with nothing of it saved (no reference used, no audit event), and recorded once the database is
// free again. The refusal is the 1 s statement limit's, not the 10 s of lock_timeout: it comes while
// the table is still locked and the node's log names the statement timeout, never the lock timeout.
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
  auto refused = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  locker.Exec("ROLLBACK");
  EXPECT_EQ(refused.status, 503) << refused.body;
  EXPECT_NE(node->Log().find("statement timeout"), std::string::npos) << node->Log();
  EXPECT_EQ(node->Log().find("lock timeout"), std::string::npos) << node->Log();
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
// /readyz answers 503 by its own 3 s limit, and a request 503 once its statement's limit and a 5 s
// grace have passed (1 s + 5 s here; 30 s + 5 s built in), instead of hanging until the server
// wakes: both while the server is still stopped, so by the node's own limits, and the node's log says
// the database gave no answer in the whole 6 s (the store's own count, so the grace was given, not
// cut short). Once it answers again, so does the node, on new connections.
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

  EXPECT_EQ(officer.Get("/readyz").status, 503);
  auto list = officer.Get("/api/v1/contacts");
  EXPECT_EQ(list.status, 503) << list.body;
  std::smatch gave_up;
  const std::string log = node->Log();
  ASSERT_TRUE(std::regex_search(log, gave_up, std::regex("no answer from the server in ([0-9]+) s"))) << log;
  EXPECT_GE(std::stoi(gave_up[1].str()), 1 + 5) << log;  // its statement's 1 s and the 5 s grace

  for (pid_t pid : stopped) kill(pid, SIGCONT);
  EXPECT_EQ(officer.Get("/readyz").status, 200);
  EXPECT_EQ(officer.Get("/api/v1/contacts").status, 200);
}

}  // namespace
}  // namespace fd::testing
