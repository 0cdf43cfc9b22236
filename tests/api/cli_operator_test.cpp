// The operator's mistakes, made as operators make them with build/frontdoor and a copy of
// config/frontdoor.toml: a misspelt setting, a mistyped database URL, a database that cannot be used,
// a restore under a running server, an audit log cut at its end, and the messages that say which
// setting to put right (docs/decisions.md "Settings and commands that say what is wrong").
#include <gtest/gtest.h>
#include <unistd.h>

#include <csignal>

#include <filesystem>
#include <fstream>
#include <regex>

#include "server_process.h"
#include "support/http_client.h"
#include "support/run_command.h"
#include "support/sqlite_file.h"
#include "support/temp_dir.h"

namespace fd::testing {
namespace {

namespace fs = std::filesystem;

std::string Write(const TempDir& dir, const std::string& name, const std::string& text) {
  std::ofstream(dir.File(name)) << text;
  return dir.File(name);
}

// No command may end on an uncaught exception ("terminate called…", exit 134).
void ExpectToldNotAborted(const CommandResult& result) {
  EXPECT_EQ(result.output.find("terminate called"), std::string::npos) << result.output;
  EXPECT_NE(result.exit_code, -1) << result.output;
  EXPECT_NE(result.exit_code, 134) << result.output;
  EXPECT_EQ(result.output.rfind("frontdoor: ", 0), 0u) << result.output;
}

// A setting frontdoor does not know is refused with its file and line, and the nearest known name:
// `secure_cookie = true` used to start a server whose cookies lacked Secure, without a word.
TEST(CliSettings, UnknownSettingsAndSectionsAreRefusedNamingFileLineAndTheNearestName) {
  TempDir dir;
  const std::string db = " --database sqlite:" + dir.File("fd.db");
  const auto cookie = Write(dir, "cookie.toml", "[server]\nlisten = \"127.0.0.1:0\"\nsecure_cookie = true\n");
  auto refused = RunFrontdoor("serve --config " + cookie + db);
  EXPECT_EQ(refused.exit_code, 2) << refused.output;
  EXPECT_NE(refused.output.find(cookie + ":3: unknown setting 'server.secure_cookie' (did you mean "
                                         "'server.secure_cookies'?)"),
            std::string::npos)
      << refused.output;
  EXPECT_FALSE(fs::exists(dir.File("fd.db")));

  const auto port = Write(dir, "port.toml", "[server]\nlisten_port = 5\n");
  auto port_refused = RunFrontdoor("migrate --config " + port + db);
  EXPECT_EQ(port_refused.exit_code, 2) << port_refused.output;
  EXPECT_NE(port_refused.output.find(
                port + ":2: unknown setting 'server.listen_port' (did you mean 'server.listen'?)"),
            std::string::npos)
      << port_refused.output;

  const auto section =
      Write(dir, "section.toml", "[server]\nlisten = \"127.0.0.1:0\"\n\n[databse]\nurl = \"sqlite:x.db\"\n");
  auto section_refused = RunFrontdoor("audit verify --config " + section);
  EXPECT_EQ(section_refused.exit_code, 2) << section_refused.output;
  EXPECT_NE(section_refused.output.find(section + ":4: unknown section [databse] (did you mean [database]?)"),
            std::string::npos)
      << section_refused.output;

  const auto loose = Write(dir, "loose.toml", "listen = \"127.0.0.1:0\"\n");
  auto loose_refused = RunFrontdoor("token list --config " + loose + db);
  EXPECT_EQ(loose_refused.exit_code, 2) << loose_refused.output;
  EXPECT_NE(loose_refused.output.find(loose + ":1: setting 'listen' belongs in a section"), std::string::npos)
      << loose_refused.output;

  // The files shipped and documented hold only known settings.
  for (const std::string file : {"config/frontdoor.toml", "packaging/frontdoor.toml"}) {
    auto known = RunFrontdoor("migrate --config " + file + db);
    EXPECT_EQ(known.exit_code, 0) << file << ": " << known.output;
  }
}

// A database URL that is neither sqlite: nor postgresql:// is refused naming where it came from,
// before anything is made: `sqllite:/tmp/x.db` used to migrate a new, empty database in a folder
// called `sqllite:` and serve it (every sign-in failing).
TEST(CliDatabase, AMistypedUrlIsRefusedAndNoDatabaseIsMade) {
  TempDir dir;
  const std::string typo = "sqllite:" + dir.File("x.db");
  const auto config = Write(dir, "typo.toml", "[database]\nurl = \"" + typo + "\"\n");
  auto serve = RunFrontdoor("serve --listen 127.0.0.1:0 --config " + config);
  EXPECT_EQ(serve.exit_code, 2) << serve.output;
  EXPECT_NE(serve.output.find("database.url in " + config + " is '" + typo +
                              "', which is not a database URL: use "
                              "sqlite:PATH"),
            std::string::npos)
      << serve.output;
  EXPECT_NE(serve.output.find("postgresql://USER@HOST:PORT/DATABASE"), std::string::npos) << serve.output;
  EXPECT_FALSE(fs::exists(std::string(FD_SOURCE_DIR) + "/sqllite:"));

  // A bare path ending .db is no longer taken for SQLite either.
  const std::string bare = dir.File("bare.db");
  for (const std::string& command :
       std::vector<std::string>{"serve --listen 127.0.0.1:0", "migrate", "audit verify", "token list",
                                "backup --out " + dir.File("b.db"), "restore --from " + config}) {
    for (const std::string& url : {bare, std::string("mysql://x/y")}) {
      auto refused = RunFrontdoor(command + " --database " + url);
      ExpectToldNotAborted(refused);
      EXPECT_EQ(refused.exit_code, 2) << command << ": " << refused.output;
      EXPECT_NE(refused.output.find("--database is '" + url + "', which is not a database URL"),
                std::string::npos)
          << command << ": " << refused.output;
    }
  }
  EXPECT_FALSE(fs::exists(bare));
}

// A database at a newer schema, or one this user cannot write: every command says so, naming the
// database and where it was named, and what to do; exit 1.
TEST(CliDatabase, ADatabaseThatCannotBeUsedIsToldNotAborted) {
  TempDir dir;
  const std::string path = dir.File("fd.db");
  const std::string db = " --database sqlite:" + path;
  ASSERT_EQ(RunFrontdoor("migrate" + db).exit_code, 0);
  ExecSql(path,
          "INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from_the_future', "
          "'2030-01-01')");
  for (const std::string& command : std::vector<std::string>{
           "serve --listen 127.0.0.1:0 --static " + std::string(FD_BINARY_DIR) + "/static", "migrate",
           "seed-demo", "token list", "retention run --dry-run"}) {
    auto newer = RunFrontdoor(command + db);
    ExpectToldNotAborted(newer);
    EXPECT_EQ(newer.exit_code, 1) << command << ": " << newer.output;
    EXPECT_NE(newer.output.find("the database sqlite:" + path + " (--database) cannot be used"),
              std::string::npos)
        << command << ": " << newer.output;
    EXPECT_NE(newer.output.find("newer than this program"), std::string::npos) << newer.output;
    EXPECT_NE(newer.output.find("run that version, or restore a backup"), std::string::npos) << newer.output;
  }

  // Read-only: the file and its folder belong to another user (as root, run the command as nobody).
  TempDir other;
  const std::string readonly = other.File("fd.db");
  ASSERT_EQ(RunFrontdoor("migrate --database sqlite:" + readonly).exit_code, 0);
  // Readable by others, as an administrator may have made it: the refusal is for writing. (migrate
  // makes it 0600, which another user cannot open at all: that is said too, below.)
  fs::permissions(readonly, fs::perms::group_read | fs::perms::others_read, fs::perm_options::add);
  std::string as_other_user;
  if (::geteuid() == 0) {
    as_other_user = "setpriv --reuid=65534 --regid=65534 --clear-groups ";
  } else {
    fs::permissions(readonly, fs::perms::owner_write, fs::perm_options::remove);
    fs::permissions(other.path(), fs::perms::owner_write, fs::perm_options::remove);
  }
  const auto config = Write(dir, "ro.toml", "[database]\nurl = \"sqlite:" + readonly + "\"\n");
  for (const std::string command : {"audit verify", "token list"}) {
    auto refused = RunShell("cd '" + std::string(FD_SOURCE_DIR) + "' && " + as_other_user +
                            FrontdoorBinary() + " " + command + " --config " + config);
    ExpectToldNotAborted(refused);
    EXPECT_EQ(refused.exit_code, 1) << command << ": " << refused.output;
    EXPECT_NE(refused.output.find("(database.url in " + config + ") cannot be used"), std::string::npos)
        << refused.output;
    EXPECT_NE(refused.output.find("cannot be written by this user: run frontdoor as the user that owns it"),
              std::string::npos)
        << refused.output;
  }
  if (::geteuid() == 0) {
    fs::permissions(readonly, fs::perms::group_read | fs::perms::others_read, fs::perm_options::remove);
    auto unreadable = RunShell("cd '" + std::string(FD_SOURCE_DIR) + "' && " + as_other_user + FrontdoorBinary() +
                               " token list --config " + config);
    ExpectToldNotAborted(unreadable);
    EXPECT_EQ(unreadable.exit_code, 1) << unreadable.output;
    EXPECT_NE(unreadable.output.find("cannot be opened by this user, or is not there: run frontdoor as the user that "
                                     "owns it"),
              std::string::npos)
        << unreadable.output;
  }
  fs::permissions(other.path(), fs::perms::owner_all, fs::perm_options::add);
}

// RULE KCR-8: the portal's limit per address in the running server is the configuration's
// `portal.requests_per_hour`; out of range, nothing starts and the message names the setting.
TEST(CliSettings, KCR8_ThePortalsLimitIsTheConfigurationsAndZeroIsRefused) {
  TempDir dir;
  const std::string database = "sqlite:" + dir.File("fd.db");
  auto zero = RunFrontdoor("serve --config " + Write(dir, "zero.toml", "[portal]\nrequests_per_hour = 0\n") +
                           " --listen 127.0.0.1:0 --database " + database);
  EXPECT_EQ(zero.exit_code, 2) << zero.output;
  EXPECT_NE(zero.output.find("'portal.requests_per_hour' must be from 1 to 1000000 (got 0)"), std::string::npos)
      << zero.output;

  ServerProcess server(database, dir, "server",
                       {"--config", Write(dir, "two.toml", "[portal]\nrequests_per_hour = 2\n")});
  ASSERT_TRUE(server.running());
  HttpClient client(server.port());
  const nlohmann::json request = {
      {"referrer", {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "01632 960 001"}}},
      {"children", nlohmann::json::array({{{"first_names", "Sam"}, {"last_name", "Example"}}})},
      {"concern", "Shouting every night."},
      {"intake", {{"household", {{"domestic_abuse", "yes"}, {"mental_illness", "not_known"}}}}}};
  EXPECT_EQ(client.SendJson("POST", "/api/v1/portal/contacts", request).status, 201);
  EXPECT_EQ(client.SendJson("POST", "/api/v1/portal/contacts", request).status, 201);
  auto third = client.SendJson("POST", "/api/v1/portal/contacts", request);
  EXPECT_EQ(third.status, 429) << third.body;
  EXPECT_FALSE(third.Header("retry-after").empty());
}

// A running server holds the database's lock: `restore --force` refuses ("stop the service first")
// instead of replacing records the server goes on numbering from (FD-…-000009 issued twice).
TEST(CliRestore, RefusesWhileAServerRunsOnTheDatabase) {
  TempDir dir;
  const std::string path = dir.File("fd.db");
  const std::string backup = dir.File("backup.db");
  ASSERT_EQ(RunFrontdoor("seed-demo --database sqlite:" + path).exit_code, 0);
  ASSERT_EQ(RunFrontdoor("backup --database sqlite:" + path + " --out " + backup).exit_code, 0);
  {
    ServerProcess server("sqlite:" + path, dir, "server");
    ASSERT_TRUE(server.running());
    auto refused = RunFrontdoor("restore --force --from " + backup + " --database sqlite:" + path);
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    EXPECT_NE(refused.output.find("restore refused: a frontdoor server is running on " + path),
              std::string::npos)
        << refused.output;
    EXPECT_NE(refused.output.find("stop the service first"), std::string::npos) << refused.output;
    EXPECT_NE(refused.output.find(path + " was not changed"), std::string::npos) << refused.output;
    // A second server (another node starting) shares the lock.
    ServerProcess second("sqlite:" + path, dir, "second");
    EXPECT_TRUE(second.running());
  }
  auto restored = RunFrontdoor("restore --force --from " + backup + " --database sqlite:" + path);
  EXPECT_EQ(restored.exit_code, 0) << restored.output;
}

// serve still makes a database that is not there (make run, the package's first start), and says so.
TEST(CliRestore, ServeSaysWhenItMakesANewDatabase) {
  TempDir dir;
  ServerProcess server("sqlite:" + dir.File("var/new.db"), dir, "server");
  ASSERT_TRUE(server.running());
  EXPECT_NE(
      server.Log().find("there is no database at " + dir.File("var/new.db") + ": making a new, empty one"),
      std::string::npos)
      << server.Log();
}

// A tail deleted with audit_head edited to match verifies as intact: only a head kept elsewhere shows
// it. `audit verify` prints the head as SEQ:HASH, and --expect-head SEQ:HASH fails when the log no
// longer holds that event unchanged.
TEST(CliAudit, VerifyPrintsItsHeadAndExpectHeadFindsADeletedTail) {
  TempDir dir;
  const std::string path = dir.File("fd.db");
  const std::string db = " --database sqlite:" + path;
  ASSERT_EQ(RunFrontdoor("seed-demo" + db).exit_code, 0);
  auto first = RunFrontdoor("audit verify" + db);
  ASSERT_EQ(first.exit_code, 0) << first.output;
  std::smatch m;
  const std::string output = first.output;
  ASSERT_TRUE(std::regex_search(output, m, std::regex("head: ([0-9]+):([0-9a-f]{64})"))) << output;
  const std::string head = m[1].str() + ":" + m[2].str();
  const std::int64_t seq = std::stoll(m[1].str());
  ASSERT_GT(seq, 3);

  auto same = RunFrontdoor("audit verify --expect-head " + head + db);
  EXPECT_EQ(same.exit_code, 0) << same.output;
  EXPECT_NE(same.output.find("event " + m[1].str() + " is the one recorded"), std::string::npos)
      << same.output;

  // The last two events deleted, and audit_head set to the new last one: the chain alone looks whole.
  ExecSql(path, "DELETE FROM audit_events WHERE seq > " + std::to_string(seq - 2));
  ExecSql(path,
          "UPDATE audit_head SET seq = (SELECT MAX(seq) FROM audit_events), hash = (SELECT hash FROM "
          "audit_events WHERE seq = (SELECT MAX(seq) FROM audit_events)) WHERE id = 1");
  EXPECT_EQ(RunFrontdoor("audit verify" + db).exit_code, 0);
  auto cut = RunFrontdoor("audit verify --expect-head " + head + db);
  EXPECT_EQ(cut.exit_code, 1) << cut.output;
  EXPECT_NE(cut.output.find("events were deleted from the end"), std::string::npos) << cut.output;

  // An event rewritten at the recorded place: not the one recorded.
  const std::string earlier = std::to_string(seq - 2) + ":" + std::string(64, 'a');
  auto rewritten = RunFrontdoor("audit verify --expect-head " + earlier + db);
  EXPECT_EQ(rewritten.exit_code, 1) << rewritten.output;
  EXPECT_NE(rewritten.output.find("is not the one recorded"), std::string::npos) << rewritten.output;

  auto malformed = RunFrontdoor("audit verify --expect-head 12" + db);
  EXPECT_EQ(malformed.exit_code, 2) << malformed.output;
  EXPECT_NE(malformed.output.find("--expect-head must be SEQ:HASH"), std::string::npos) << malformed.output;
}

// Start-up problems name the setting to correct.
TEST(CliMessages, ServeNamesTheSettingThatStopsItStarting) {
  TempDir dir;
  const std::string serve = "serve --listen 127.0.0.1:0 --database sqlite:" + dir.File("fd.db");
  auto templates = RunFrontdoor(serve + " --templates /nonexistent");
  EXPECT_EQ(templates.exit_code, 1) << templates.output;
  EXPECT_NE(
      templates.output.find("paths.templates (or --templates) is '/nonexistent', which is not a folder"),
      std::string::npos)
      << templates.output;

  // The whole configuration is checked before the database is touched, and the file is named.
  const auto smtp = Write(dir, "smtp.toml", "[smtp]\nurl = \"mail.example.org:25\"\n");
  auto bad_smtp =
      RunFrontdoor("serve --config " + smtp + " --listen 127.0.0.1:0 --database sqlite:" + dir.File("smtp.db") +
                   " --static " + FD_BINARY_DIR + "/static");
  EXPECT_EQ(bad_smtp.exit_code, 2) << bad_smtp.output;
  EXPECT_NE(bad_smtp.output.find("frontdoor: " + smtp + ": smtp.url must start with smtp:// or smtps://"),
            std::string::npos)
      << bad_smtp.output;
  EXPECT_FALSE(fs::exists(dir.File("smtp.db")));

  // A setting of the wrong type says what type it must be.
  const auto threads = Write(dir, "threads.toml", "[server]\nhandler_threads = \"8\"\n");
  auto wrong_type = RunFrontdoor("serve --config " + threads + " --listen 127.0.0.1:0 --database sqlite:" +
                                 dir.File("smtp.db"));
  EXPECT_EQ(wrong_type.exit_code, 2) << wrong_type.output;
  EXPECT_NE(wrong_type.output.find(threads + ":2: setting 'server.handler_threads' has the wrong type: it must be a "
                                             "whole number (no quotes), not text"),
            std::string::npos)
      << wrong_type.output;
}

// frontdoor --version and frontdoor version: the version and the commit it was built from.
TEST(CliMessages, VersionPrintsTheVersionAndCommit) {
  for (const std::string args : {"--version", "version"}) {
    auto version = RunFrontdoor(args);
    EXPECT_EQ(version.exit_code, 0) << args << ": " << version.output;
    EXPECT_TRUE(std::regex_search(version.output, std::regex(R"(^frontdoor \d+\.\d+\.\d+ \(commit ([0-9a-f]{7,}|unknown)\))")))
        << args << ": " << version.output;
  }
}

// user password takes --username as user disable does; the bare name still works.
TEST(CliMessages, UserPasswordTakesUsernameAsAnOptionOrBare) {
  TempDir dir;
  const std::string db = " --database sqlite:" + dir.File("fd.db");
  ASSERT_EQ(RunFrontdoor("seed-demo" + db).exit_code, 0);
  for (const std::string args : {"user password --username worker", "user password worker"}) {
    auto set = RunFrontdoor(args + db, std::string("a new long password 1\n"));
    EXPECT_EQ(set.exit_code, 0) << args << ": " << set.output;
    EXPECT_NE(set.output.find("password set for worker"), std::string::npos) << set.output;
  }
  auto missing = RunFrontdoor("user password" + db);
  EXPECT_EQ(missing.exit_code, 2) << missing.output;
  EXPECT_NE(missing.output.find("--username NAME"), std::string::npos) << missing.output;
}

// serve, migrate and backup refuse a database this user cannot write, naming it and what to do: SQLite
// opens such a file read-only without a word, and the server used to start, say "ready", and fail
// every sign-in. Tests run as root, whom file modes do not stop: the commands run as nobody, on a
// file of root's with mode 0444, in a folder anyone may write (so only the file is refused).
TEST(CliDatabase, ServeMigrateAndBackupRefuseADatabaseThisUserCannotWrite) {
  TempDir dir;
  const std::string path = dir.File("ro.db");
  ASSERT_EQ(RunFrontdoor("migrate --database sqlite:" + path).exit_code, 0);
  fs::permissions(path, fs::perms::owner_read | fs::perms::group_read | fs::perms::others_read);
  fs::permissions(dir.path(), fs::perms::all);
  const std::string as_other_user =
      ::geteuid() == 0 ? "setpriv --reuid=65534 --regid=65534 --clear-groups " : std::string();
  for (const std::string& command : std::vector<std::string>{
           "migrate", "serve --listen 127.0.0.1:0 --static " + std::string(FD_BINARY_DIR) + "/static",
        "backup --out " + dir.File("b.db")}) {
    auto refused = RunShell("cd '" + std::string(FD_SOURCE_DIR) + "' && " + as_other_user + FrontdoorBinary() + " " +
                            command + " --database sqlite:" + path);
    ExpectToldNotAborted(refused);
    EXPECT_EQ(refused.exit_code, 1) << command << ": " << refused.output;
    EXPECT_NE(refused.output.find(path), std::string::npos) << command << ": " << refused.output;
    EXPECT_NE(refused.output.find("cannot be written by this user: run frontdoor as the user that owns it"),
              std::string::npos)
        << command << ": " << refused.output;
    EXPECT_EQ(refused.output.find("frontdoor listening"), std::string::npos) << refused.output;
  }
  EXPECT_FALSE(fs::exists(dir.File("b.db")));
}

// /readyz answers 503 "not ready: writes failing" while the database refuses writes, though it still
// answers reads, and 200 again once writes work, with no user's write needed to find out. Writes are
// made to fail by the server's file-size limit (prlimit --fsize=0: every write(2) to a file fails, as
// on a full disk), which root cannot ignore as it ignores file modes; SIGXFSZ is ignored so the
// write fails rather than killing the server.
TEST(CliDatabase, ReadyzIsNotReadyWhileWritesFailAndReadyWhenTheyWorkAgain) {
  TempDir dir;
  const std::string database = "sqlite:" + dir.File("fd.db");
  ASSERT_EQ(RunFrontdoor("seed-demo --database " + database).exit_code, 0);
  const auto previous = std::signal(SIGXFSZ, SIG_IGN);  // inherited by the server through fork and exec
  ServerProcess server(database, dir, "server");
  std::signal(SIGXFSZ, previous);
  ASSERT_TRUE(server.running());
  HttpClient client(server.port());
  ASSERT_EQ(client.Get("/readyz").status, 200);

  const std::string pid = std::to_string(server.pid());
  ASSERT_EQ(RunShell("prlimit --pid " + pid + " --fsize=0:unlimited").exit_code, 0);
  const auto failed = client.SignIn("worker", "frontdoor-demo");  // a sign-in writes its session
  EXPECT_EQ(failed.status, 503) << failed.body;
  auto not_ready = client.Get("/readyz");
  EXPECT_EQ(not_ready.status, 503) << not_ready.body;
  EXPECT_NE(not_ready.body.find("not ready: writes failing: "), std::string::npos) << not_ready.body;
  EXPECT_EQ(client.Get("/healthz").status, 200);  // the process itself is alive

  ASSERT_EQ(RunShell("prlimit --pid " + pid + " --fsize=unlimited:unlimited").exit_code, 0);
  auto ready = client.Get("/readyz");
  EXPECT_EQ(ready.status, 200) << ready.body;
}

// migrate and serve make the database (and SQLite's -wal and -shm beside it) their owner's alone,
// whatever the umask, as backup and restore make theirs: it holds every child's record.
TEST(CliDatabase, MigrateAndServeMakeTheDatabaseReadableByItsOwnerAlone) {
  TempDir dir;
  auto mode_of = [](const std::string& file) {
    return fs::status(file).permissions() & (fs::perms::group_all | fs::perms::others_all);
  };
  ASSERT_EQ(RunShell("umask 022 && " + FrontdoorBinary() + " migrate --database sqlite:" + dir.File("m.db")).exit_code,
            0);
  EXPECT_EQ(mode_of(dir.File("m.db")), fs::perms::none);
  ServerProcess server("sqlite:" + dir.File("s.db"), dir, "server");
  ASSERT_TRUE(server.running());
  for (const std::string& file : {dir.File("s.db"), dir.File("s.db-wal"), dir.File("s.db-shm")}) {
    ASSERT_TRUE(fs::exists(file)) << file;
    EXPECT_EQ(mode_of(file), fs::perms::none) << file;
  }
}


// report annex-a: why a file cannot be written, and a wrong period said once.
TEST(CliMessages, ReportSaysWhyItCannotWriteAndSaysAWrongPeriodOnce) {
  TempDir dir;
  const std::string db = " --database sqlite:" + dir.File("fd.db");
  ASSERT_EQ(RunFrontdoor("seed-demo" + db).exit_code, 0);
  auto unwritable =
      RunFrontdoor("report annex-a --list 1 --from 2026-01-01 --to 2026-06-30 --out /nonexistent/x.csv" + db);
  EXPECT_EQ(unwritable.exit_code, 1) << unwritable.output;
  EXPECT_NE(unwritable.output.find("cannot write /nonexistent/x.csv: No such file or directory"),
            std::string::npos)
      << unwritable.output;

  auto backwards = RunFrontdoor("report annex-a --list 1 --from 2026-06-30 --to 2026-01-01 --out " +
                                dir.File("x.csv") + db);
  EXPECT_EQ(backwards.exit_code, 2) << backwards.output;
  const std::string message = "must be the same as or after the first";
  const auto at = backwards.output.find(message);
  ASSERT_NE(at, std::string::npos) << backwards.output;
  EXPECT_EQ(backwards.output.find(message, at + 1), std::string::npos) << backwards.output;
}

}  // namespace
}  // namespace fd::testing
