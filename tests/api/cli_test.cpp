// build/frontdoor itself, run as operators run it: migrate, seed-demo, audit verify, serve + SIGTERM.
#include <arpa/inet.h>
#include <gtest/gtest.h>
#include <netinet/in.h>
#include <signal.h>
#include <sqlite3.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <cstring>
#include <filesystem>
#include <chrono>
#include <fstream>
#include <iterator>
#include <thread>

#include "support/http_client.h"
#include "support/run_command.h"
#include "support/sqlite_file.h"
#include "support/temp_dir.h"

namespace fd::testing {
namespace {

const std::string kBinary = std::string(FD_BINARY_DIR) + "/frontdoor";

TEST(Cli, MigrateAndSeedDemoOnce) {
  TempDir dir;
  const std::string db = "--database sqlite:" + dir.File("var/fd.db");
  auto migrate = RunFrontdoor("migrate " + db);
  EXPECT_EQ(migrate.exit_code, 0) << migrate.output;
  EXPECT_NE(migrate.output.find("migrated: 0001_initial"), std::string::npos) << migrate.output;
  auto seed = RunFrontdoor("seed-demo " + db);
  EXPECT_EQ(seed.exit_code, 0) << seed.output;
  EXPECT_NE(seed.output.find("12 users"), std::string::npos) << seed.output;  // 9 staff, 3 partner agency users
  auto again = RunFrontdoor("seed-demo " + db);
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.output.find("nothing loaded"), std::string::npos) << again.output;
}

// The audit log edited or cut behind the program's back is caught by `frontdoor audit verify`.
TEST(Cli, AuditVerifyFindsRowsEditedOrDeletedBehindItsBack) {
  TempDir dir;
  const std::string path = dir.File("fd.db");
  const std::string db = "--database sqlite:" + path;
  ASSERT_EQ(RunFrontdoor("seed-demo " + db).exit_code, 0);
  auto intact = RunFrontdoor("audit verify " + db);
  EXPECT_EQ(intact.exit_code, 0) << intact.output;
  EXPECT_NE(intact.output.find("intact"), std::string::npos);

  ExecSql(path, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 3");
  auto edited = RunFrontdoor("audit verify " + db);
  EXPECT_EQ(edited.exit_code, 1) << edited.output;
  EXPECT_NE(edited.output.find("event 3"), std::string::npos) << edited.output;

  TempDir dir2;
  const std::string path2 = dir2.File("fd.db");
  ASSERT_EQ(RunFrontdoor("seed-demo --database sqlite:" + path2).exit_code, 0);
  ExecSql(path2, "DELETE FROM audit_events WHERE seq = 5");
  auto deleted = RunFrontdoor("audit verify --database sqlite:" + path2);
  EXPECT_EQ(deleted.exit_code, 1) << deleted.output;
  EXPECT_NE(deleted.output.find("event 5"), std::string::npos) << deleted.output;
}

// RULE FDS-8: `retention run --dry-run` lists what is due and changes nothing; `retention run` purges
// it, and `audit verify` still finds the chain intact.
TEST(Cli, RetentionRunDryRunThenPurgeKeepsTheAuditChainIntact) {
  TempDir dir;
  const std::string path = dir.File("fd.db");
  const std::string db = "--database sqlite:" + path;
  ASSERT_EQ(RunFrontdoor("seed-demo " + db).exit_code, 0);
  // A child on the demo register with nothing open, recorded as a child long ago and now past their
  // 25th birthday (one recorded when already an adult is kept as an adult's record).
  ExecSql(path, "UPDATE people SET date_of_birth = '1990-01-01', created_at = '2001-06-01T09:00:00Z', open_case = 0 "
                "WHERE id = (SELECT MIN(id) FROM "
                "people p WHERE is_child = 1 AND NOT EXISTS (SELECT 1 FROM involvements i WHERE i.person_id = p.id "
                "AND (i.ended_on IS NULL OR i.ended_on = '')))");
  auto dry = RunFrontdoor("retention run --dry-run " + db);
  EXPECT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_NE(dry.output.find("would purge person"), std::string::npos) << dry.output;
  EXPECT_NE(dry.output.find("1 records due; nothing changed"), std::string::npos) << dry.output;
  auto run = RunFrontdoor("retention run " + db);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("1 records purged"), std::string::npos) << run.output;
  auto again = RunFrontdoor("retention run --dry-run " + db);
  EXPECT_NE(again.output.find("0 records due"), std::string::npos) << again.output;
  auto verify = RunFrontdoor("audit verify " + db);
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

// RULE FDS-8: `retention run` takes a contact closed as a duplicate with its original, in the same
// run, and says so (docs/decisions.md "Reopening a duplicate").
TEST(Cli, RetentionRunPurgesADuplicateWithItsOriginal) {
  TempDir dir;
  const std::string path = dir.File("fd.db");
  const std::string db = "--database sqlite:" + path;
  ASSERT_EQ(RunFrontdoor("seed-demo " + db).exit_code, 0);
  // The first demo contact decided with no further action long ago; the last closed as its duplicate.
  ExecSql(path,
          "INSERT INTO decisions (contact_id, outcome, children, rationale, next_steps, proposed_by, proposed_at, "
          "status, decided_by, decided_at, policy_version) VALUES ((SELECT MIN(id) FROM contacts), "
          "'no-further-action', '[0]', 'Known', 'None', (SELECT MIN(id) FROM users), '2001-01-01T10:00:00Z', "
          "'authorised', (SELECT MIN(id) FROM users), '2001-01-02T10:00:00Z', 'test'); "
          "UPDATE contacts SET state = 'decided' WHERE id = (SELECT MIN(id) FROM contacts); "
          "INSERT INTO contact_duplicates (contact_id, original_id, reason, shares_child, closed_by, closed_at) VALUES "
          "((SELECT MAX(id) FROM contacts), (SELECT MIN(id) FROM contacts), 'Same incident', 1, "
          "(SELECT MIN(id) FROM users), '2001-01-01T11:00:00Z'); "
          "INSERT INTO contact_duplicate_stages (contact_id, from_state) VALUES ((SELECT MAX(id) FROM contacts), "
          "'received'); "
          "UPDATE contacts SET state = 'duplicate' WHERE id = (SELECT MAX(id) FROM contacts)");
  auto dry = RunFrontdoor("retention run --dry-run " + db);
  EXPECT_EQ(dry.exit_code, 0) << dry.output;
  EXPECT_NE(dry.output.find(", a duplicate of FD-"), std::string::npos) << dry.output;
  EXPECT_NE(dry.output.find("2 records due; nothing changed"), std::string::npos) << dry.output;
  auto run = RunFrontdoor("retention run " + db);
  EXPECT_EQ(run.exit_code, 0) << run.output;
  EXPECT_NE(run.output.find("2 records purged"), std::string::npos) << run.output;
  auto again = RunFrontdoor("retention run --dry-run " + db);
  EXPECT_NE(again.output.find("0 records due"), std::string::npos) << again.output;
  auto verify = RunFrontdoor("audit verify " + db);
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

// RULE FDS-8: a consultation stored before its review day followed the pack's rule kept the day it
// was advised plus 25 years; `retention review-days` lists it with the day the child-record rule gives
// (the child's 25th birthday), lists none stored by the rule, and changes nothing.
TEST(Cli, RetentionReviewDaysListsConsultationsStoredBeforeTheRule) {
  TempDir dir;
  const std::string path = dir.File("fd.db");
  const std::string db = "--database sqlite:" + path;
  ASSERT_EQ(RunFrontdoor("seed-demo " + db).exit_code, 0);
  auto none = RunFrontdoor("retention review-days " + db);
  EXPECT_EQ(none.exit_code, 0) << none.output;
  EXPECT_NE(none.output.find("0 records whose review day is not the pack's rule's"), std::string::npos) << none.output;
  for (const auto& [number, review_on] : {std::pair{"OLD1-OLD1-OLD1", "2051-03-02"}, std::pair{"NEW1-NEW1-NEW1", "2042-05-14"}})
    ExecSql(path, std::string("INSERT INTO consultations (number, type, policy_version, requested_at, recorded_by, "
                              "consultee_name, consultee_role, consultee_organisation, consultee_phone, consultee_email, "
                              "caller_type, summary, safeguarding_lead_consulted, status, advised_at, child_first_names, "
                              "child_last_name, child_date_of_birth, retention_class, review_on) VALUES ('") +
                      number + "', 'hub', '2019', '2026-03-02T10:00:00Z', (SELECT MIN(id) FROM users), 'Kim', '', "
                      "'School', '01632 960 002', '', 'school', 'Hungry', 1, 'completed', '2026-03-02T11:00:00Z', "
                      "'Mia', 'Example', '2017-05-14', 'child-record', '" + review_on + "')");
  auto listed = RunFrontdoor("retention review-days " + db);
  EXPECT_EQ(listed.exit_code, 0) << listed.output;
  EXPECT_NE(listed.output.find("OLD1-OLD1-OLD1 (child-record): review day 2051-03-02, the pack's rule gives 2042-05-14"),
            std::string::npos)
      << listed.output;
  EXPECT_EQ(listed.output.find("NEW1-NEW1-NEW1"), std::string::npos) << listed.output;
  EXPECT_NE(listed.output.find("1 records whose review day is not the pack's rule's; nothing changed"), std::string::npos)
      << listed.output;
}

TEST(Cli, BadArgumentsExit2) {
  EXPECT_EQ(RunFrontdoor("no-such-command").exit_code, 2);
  EXPECT_EQ(RunFrontdoor("serve --listen nonsense").exit_code, 2);
  TempDir dir;
  std::ofstream(dir.File("bad.toml")) << "[server]\nlisten = 8080\n";
  auto bad = RunFrontdoor("migrate --config " + dir.File("bad.toml"));
  EXPECT_EQ(bad.exit_code, 2);
  EXPECT_NE(bad.output.find("bad.toml:2"), std::string::npos) << bad.output;
}

// The server refuses to start on a policy pack it cannot read, naming the file and line.
TEST(Cli, ServeRefusesAnInvalidPolicyPack) {
  TempDir dir;
  std::ofstream(dir.File("broken.toml")) << "[authority]\nname = \"Nowhere\"\ntime_zone = 42\n";
  auto refused = RunFrontdoor("serve --listen 127.0.0.1:0 --database sqlite:" + dir.File("fd.db") +
                              " --policy " + dir.File("broken.toml"));
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("broken.toml:"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("not valid"), std::string::npos) << refused.output;
}

// The overload limits are checked when the file is read: out of range, the server does not start
// and says which setting and what it must be.
TEST(Cli, ServeRefusesOverloadLimitsOutOfRange) {
  TempDir dir;
  std::ofstream(dir.File("zero.toml")) << "[server]\nmax_connections = 0\n";
  auto zero = RunFrontdoor("serve --config " + dir.File("zero.toml") + " --listen 127.0.0.1:0 --database sqlite:" +
                           dir.File("fd.db"));
  EXPECT_EQ(zero.exit_code, 2) << zero.output;
  EXPECT_NE(zero.output.find("'server.max_connections' must be from 1 to 1000000 (got 0)"), std::string::npos)
      << zero.output;
  std::ofstream(dir.File("queue.toml")) << "[server]\nmax_queued_requests = -1\n";
  auto negative = RunFrontdoor("serve --config " + dir.File("queue.toml") + " --listen 127.0.0.1:0 --database sqlite:" +
                               dir.File("fd.db"));
  EXPECT_EQ(negative.exit_code, 2) << negative.output;
  EXPECT_NE(negative.output.find("'server.max_queued_requests' must be from 0"), std::string::npos) << negative.output;
}

// The wait for a free database connection is checked with the other limits: 0 would answer 503
// whenever the pool is busy for an instant, an hour would be the unbounded wait again.
TEST(Cli, ServeRefusesAConnectionWaitOutOfRange) {
  TempDir dir;
  std::ofstream(dir.File("wait.toml")) << "[database]\nconnection_wait_ms = 0\n";
  auto zero = RunFrontdoor("serve --config " + dir.File("wait.toml") + " --listen 127.0.0.1:0 --database sqlite:" +
                           dir.File("fd.db"));
  EXPECT_EQ(zero.exit_code, 2) << zero.output;
  EXPECT_NE(zero.output.find("'database.connection_wait_ms' must be from 100 to 120000 (got 0)"), std::string::npos)
      << zero.output;
  std::ofstream(dir.File("ok.toml")) << "[database]\nconnection_wait_ms = 2500\n";
  EXPECT_EQ(RunFrontdoor("migrate --config " + dir.File("ok.toml") + " --database sqlite:" + dir.File("fd.db")).exit_code,
            0);
}

// Thread counts are checked when the file is read: handler_threads = 100000 once started 32,000
// threads, made fork fail for every program on the machine and left a server SIGTERM could not stop.
// Refused, with the setting, its range and what to do; nothing is started.
TEST(Cli, ServeRefusesThreadCountsOutOfRange) {
  TempDir dir;
  std::ofstream(dir.File("threads.toml")) << "[server]\nhandler_threads = 100000\n";
  const auto started = std::chrono::steady_clock::now();
  auto many = RunShell("timeout 10 " + FrontdoorBinary() + " serve --config " + dir.File("threads.toml") +
                       " --listen 127.0.0.1:0 --database sqlite:" + dir.File("fd.db"));
  EXPECT_LT(std::chrono::steady_clock::now() - started, std::chrono::seconds(5));
  EXPECT_EQ(many.exit_code, 2) << many.output;
  EXPECT_NE(many.output.find("'server.handler_threads' must be from 0 to 1024 (got 100000): 0 (eight per core)"),
            std::string::npos)
      << many.output;
  std::ofstream(dir.File("io.toml")) << "[server]\nio_threads = -3\n";
  auto negative = RunFrontdoor("migrate --config " + dir.File("io.toml") + " --database sqlite:" + dir.File("fd.db"));
  EXPECT_EQ(negative.exit_code, 2) << negative.output;
  EXPECT_NE(negative.output.find("'server.io_threads' must be from 0 to 256 (got -3)"), std::string::npos)
      << negative.output;
  std::ofstream(dir.File("ok.toml")) << "[server]\nio_threads = 2\nhandler_threads = 1024\n";
  EXPECT_EQ(RunFrontdoor("migrate --config " + dir.File("ok.toml") + " --database sqlite:" + dir.File("fd.db")).exit_code,
            0);
}

// SIGTERM while the server is still starting stops it at once. Here start-up is held up by another
// program's lock on the database (it would wait 10 s for it); the signal used to wait, blocked,
// until start-up ended.
TEST(Cli, ServeStopsPromptlyOnSigtermDuringStartUp) {
  TempDir dir;
  const std::string path = dir.File("fd.db");
  sqlite3* holder = nullptr;
  ASSERT_EQ(sqlite3_open(path.c_str(), &holder), SQLITE_OK);
  ASSERT_EQ(sqlite3_exec(holder, "BEGIN EXCLUSIVE; CREATE TABLE held (x);", nullptr, nullptr, nullptr), SQLITE_OK);
  const std::string db = "sqlite:" + path;
  const std::string log = dir.File("serve.log");
  const pid_t pid = fork();
  if (pid == 0) {
    if (FILE* out = freopen(log.c_str(), "a", stdout)) (void)out;
    if (FILE* err = freopen(log.c_str(), "a", stderr)) (void)err;
    const std::string templates = std::string(FD_SOURCE_DIR) + "/templates";
    const std::string static_dir = std::string(FD_BINARY_DIR) + "/static";
    const std::string policy = std::string(FD_SOURCE_DIR) + "/policies/kent";
    execl(kBinary.c_str(), kBinary.c_str(), "serve", "--database", db.c_str(), "--listen", "127.0.0.1:0",
          "--templates", templates.c_str(), "--static", static_dir.c_str(), "--policy", policy.c_str(),
          static_cast<char*>(nullptr));
    _exit(127);
  }
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // well into the wait for the lock
  kill(pid, SIGTERM);
  const auto signalled = std::chrono::steady_clock::now();
  int status = 0;
  while (waitpid(pid, &status, WNOHANG) == 0 && std::chrono::steady_clock::now() - signalled < std::chrono::seconds(5))
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  const auto took = std::chrono::steady_clock::now() - signalled;
  if (took >= std::chrono::seconds(5)) {
    kill(pid, SIGKILL);
    waitpid(pid, &status, 0);
  }
  sqlite3_exec(holder, "ROLLBACK", nullptr, nullptr, nullptr);
  sqlite3_close(holder);
  std::ifstream in(log);
  const std::string output((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  EXPECT_LT(took, std::chrono::seconds(2)) << output;
  ASSERT_TRUE(WIFEXITED(status)) << output;
  EXPECT_EQ(WEXITSTATUS(status), 0) << output;
  EXPECT_NE(output.find("during start-up"), std::string::npos) << output;
}

// A port another program listens on, or a static folder that is not there: the server says so and
// exits 1 (both used to abort on an uncaught exception). `timeout` keeps a server that started after
// all from hanging the test.
TEST(Cli, ServeSaysWhenItsPortIsTaken) {
  TempDir dir;
  const int taken = ::socket(AF_INET, SOCK_STREAM, 0);
  ASSERT_GE(taken, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  ASSERT_EQ(::bind(taken, reinterpret_cast<sockaddr*>(&address), sizeof address), 0);
  ASSERT_EQ(::listen(taken, 1), 0);
  socklen_t length = sizeof address;
  ASSERT_EQ(::getsockname(taken, reinterpret_cast<sockaddr*>(&address), &length), 0);
  const std::string listen = "127.0.0.1:" + std::to_string(ntohs(address.sin_port));
  const std::string serve = "cd '" + std::string(FD_SOURCE_DIR) + "' && timeout 30 " + FrontdoorBinary() +
                            " serve --database sqlite:" + dir.File("fd.db") + " --templates " + FD_SOURCE_DIR +
                            "/templates --policy " + FD_SOURCE_DIR + "/policies/hertfordshire --listen ";
  auto refused = RunShell(serve + listen + " --static " + FD_BINARY_DIR + "/static");
  ::close(taken);
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("frontdoor: cannot start on " + listen + ": "), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("in use"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("change server.listen (or --listen), or stop the other program"), std::string::npos)
      << refused.output;

  auto no_static = RunShell(serve + "127.0.0.1:0 --static " + dir.File("nowhere"));
  EXPECT_EQ(no_static.exit_code, 1) << no_static.output;
  EXPECT_NE(no_static.output.find("frontdoor: paths.static (or --static) is '" + dir.File("nowhere") +
                                   "', which is not a folder"),
            std::string::npos)
      << no_static.output;
}

// SIGTERM stops the server cleanly (exit 0) after answering what it was asked.
TEST(Cli, ServeStopsGracefullyOnSigterm) {
  TempDir dir;
  const std::string db = "sqlite:" + dir.File("fd.db");
  ASSERT_EQ(RunFrontdoor("seed-demo --database " + db).exit_code, 0);
  const std::string port_file = dir.File("port");
  const pid_t pid = fork();
  if (pid == 0) {
    const std::string templates = std::string(FD_SOURCE_DIR) + "/templates";
    const std::string static_dir = std::string(FD_BINARY_DIR) + "/static";
    const std::string policy = std::string(FD_SOURCE_DIR) + "/policies/kent";
    execl(kBinary.c_str(), kBinary.c_str(), "serve", "--database", db.c_str(), "--listen", "127.0.0.1:0",
          "--port-file", port_file.c_str(), "--templates", templates.c_str(), "--static", static_dir.c_str(),
          "--policy", policy.c_str(), static_cast<char*>(nullptr));
    _exit(127);
  }
  int port = 0;
  for (int i = 0; i < 300 && port == 0; ++i) {
    std::ifstream in(port_file);
    if (!(in >> port)) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  ASSERT_GT(port, 0) << "server did not start";
  HttpClient client(static_cast<std::uint16_t>(port));
  EXPECT_EQ(client.Get("/healthz").status, 200);
  EXPECT_EQ(client.SignIn("officer", "frontdoor-demo").status, 201);
  EXPECT_EQ(client.Get("/api/v1/contacts").Json().at("total"), 3);
  // The program runs on tcmalloc (docs/decisions.md): the heap it reports is the allocator's, not
  // glibc's arenas, which then hold next to nothing.
  HttpClient admin(static_cast<std::uint16_t>(port));
  ASSERT_EQ(admin.SignIn("admin", "frontdoor-demo").status, 201);
  const std::string metrics = admin.Get("/metrics").body;
  const auto at = metrics.find("\nfrontdoor_heap_in_use_bytes ");
  ASSERT_NE(at, std::string::npos) << metrics.substr(0, 500);
  EXPECT_GT(std::stoll(metrics.substr(at + std::strlen("\nfrontdoor_heap_in_use_bytes "))), 1'000'000);
  kill(pid, SIGTERM);
  int status = 0;
  waitpid(pid, &status, 0);
  ASSERT_TRUE(WIFEXITED(status));
  EXPECT_EQ(WEXITSTATUS(status), 0);
}

// RULE CAL-2: the bank-holiday list ends in 2028. A calculation past it is refused, naming the date,
// the list's end and how to update it, rather than answering Christmas Day 2029 as a working day;
// within the list the answer is as before.
TEST(Cli, CAL2_CalendarRefusesToCountPastTheBankHolidayList) {
  const std::string kent = std::string(FD_SOURCE_DIR) + "/policies/kent";
  auto past = RunFrontdoor("calendar due --policy " + kent + " --timescale \"1 working day\" --from 2029-12-24T12:00");
  EXPECT_EQ(past.exit_code, 1) << past.output;
  EXPECT_EQ(past.output.find("2029-12-25T12:00"), std::string::npos) << past.output;
  EXPECT_NE(past.output.find("the bank holidays of 2029-12-24 are not known"), std::string::npos) << past.output;
  EXPECT_NE(past.output.find("ends on 2028-12-31"), std::string::npos) << past.output;
  EXPECT_NE(past.output.find("frontdoor calendar import"), std::string::npos) << past.output;
  // The start inside the list, the answer past it: refused too.
  auto across = RunFrontdoor("calendar due --policy " + kent + " --timescale \"3 working days\" --from 2028-12-29T12:00");
  EXPECT_EQ(across.exit_code, 1) << across.output;
  EXPECT_NE(across.output.find("the bank holidays of 2029-01-"), std::string::npos) << across.output;
  auto inside = RunFrontdoor("calendar due --policy " + kent + " --timescale \"1 working day\" --from 2028-12-22T12:00");
  EXPECT_EQ(inside.exit_code, 0) << inside.output;
  EXPECT_EQ(inside.output, "2028-12-27T12:00:00+00:00\n");
}

// RULE CAL-2: a bank-holiday list ending within 12 months (here, long ended) is warned of by
// `policy check` (still valid: exit 0) and logged by the server at start-up; /metrics has its end.
TEST(Cli, CAL2_PolicyCheckAndServeWarnWhenTheBankHolidayListRunsOut) {
  TempDir dir;
  std::filesystem::create_directories(dir.File("policies/kent"));
  std::filesystem::create_directories(dir.File("policies/bank-holidays"));
  for (const char* file : {"2017-cru.toml", "2024-fds.toml"})
    std::filesystem::copy_file(std::string(FD_SOURCE_DIR) + "/policies/kent/" + file, dir.File("policies/kent/") + file);
  std::ofstream(dir.File("policies/bank-holidays/england-and-wales.json"))
      << R"({"england-and-wales": {"division": "england-and-wales", "events": [)"
      << R"({"title": "Christmas Day", "date": "2020-12-25"}, {"title": "Boxing Day", "date": "2020-12-28"}]}})";
  auto checked = RunFrontdoor("policy check " + dir.File("policies/kent"));
  EXPECT_EQ(checked.exit_code, 0) << checked.output;
  EXPECT_NE(checked.output.find("warning: "), std::string::npos) << checked.output;
  EXPECT_NE(checked.output.find("ends on 2020-12-31, which has passed"), std::string::npos) << checked.output;
  EXPECT_NE(checked.output.find("frontdoor calendar import"), std::string::npos) << checked.output;

  std::ofstream(dir.File("policies/bank-holidays/far.json"))
      << R"({"england-and-wales": {"division": "england-and-wales", "events": [)"
      << R"({"title": "Christmas Day", "date": "2099-12-25"}]}})";
  std::filesystem::rename(dir.File("policies/bank-holidays/far.json"),
                          dir.File("policies/bank-holidays/england-and-wales.json"));
  auto far = RunFrontdoor("policy check " + dir.File("policies/kent"));
  EXPECT_EQ(far.exit_code, 0) << far.output;
  EXPECT_EQ(far.output.find("warning"), std::string::npos) << far.output;

  // Back to the list that has ended: the server says so when it starts, and still starts.
  std::ofstream(dir.File("policies/bank-holidays/england-and-wales.json"))
      << R"({"england-and-wales": {"division": "england-and-wales", "events": [)"
      << R"({"title": "Christmas Day", "date": "2020-12-25"}]}})";
  ASSERT_EQ(RunFrontdoor("seed-demo --database sqlite:" + dir.File("fd.db")).exit_code, 0);
  auto served = RunShell("cd '" + std::string(FD_SOURCE_DIR) + "' && timeout 4 " + FrontdoorBinary() +
                         " serve --listen 127.0.0.1:0 --database sqlite:" + dir.File("fd.db") + " --policy " +
                         dir.File("policies/kent") + " --static " + FD_BINARY_DIR + "/static");
  EXPECT_NE(served.output.find("frontdoor listening"), std::string::npos) << served.output;
  EXPECT_NE(served.output.find("ends on 2020-12-31, which has passed"), std::string::npos) << served.output;
}

// seed-demo --people: a synthetic population in the register tables and its labelled queries.
TEST(Cli, SeedDemoLoadsASyntheticPopulationAndWritesLabelledQueries) {
  TempDir dir;
  const std::string path = dir.File("fd.db");
  const std::string queries = dir.File("queries.jsonl");
  ASSERT_EQ(RunFrontdoor("seed-demo --database sqlite:" + path).exit_code, 0);  // demo users already there
  auto seed = RunFrontdoor("seed-demo --database sqlite:" + path + " --people 500 --queries " + queries +
                           " --query-count 40 --seed 3");
  ASSERT_EQ(seed.exit_code, 0) << seed.output;
  EXPECT_NE(seed.output.find("500 people"), std::string::npos) << seed.output;
  auto count = [&path](const std::string& sql) { return CountIn(path, sql); };
  EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE household LIKE 'synth-%'"), 500);
  EXPECT_GE(count("SELECT COUNT(*) FROM person_changes WHERE person_id IN (SELECT id FROM people WHERE household "
                  "LIKE 'synth-%')"),
            500);
  EXPECT_GT(count("SELECT COUNT(*) FROM relationships"), 300);
  EXPECT_GT(count("SELECT COUNT(*) FROM person_addresses"), 500);
  EXPECT_GT(count("SELECT COUNT(*) FROM involvements"), 200);
  EXPECT_GT(count("SELECT COUNT(*) FROM people WHERE allocated_user_id IS NOT NULL"), 0);
  std::ifstream in(queries);
  int lines = 0, answered = 0;
  for (std::string line; std::getline(in, line); ++lines) {
    const auto at = line.find("\"person_id\":");
    ASSERT_NE(at, std::string::npos) << line;
    const std::string id = line.substr(at + 12, line.find(',', at) - at - 12);
    if (id == "null") continue;
    EXPECT_EQ(count("SELECT COUNT(*) FROM people WHERE household LIKE 'synth-%' AND id = " + id), 1) << line;
    ++answered;
  }
  EXPECT_EQ(lines, 40);
  EXPECT_EQ(answered, 32);
  auto again = RunFrontdoor("seed-demo --database sqlite:" + path + " --people 500");
  EXPECT_EQ(again.exit_code, 0);
  EXPECT_NE(again.output.find("already holds one"), std::string::npos) << again.output;
}

}  // namespace
}  // namespace fd::testing
