// `frontdoor backup` and `frontdoor restore` (docs/operations.md "Back up and restore"), run as the
// operator runs them (build/frontdoor) against the database of a real server on loopback. The backup
// under load runs on SQLite (online backup API) and, in the PostgreSQL copy, on PostgreSQL (pg_dump,
// pg_restore); the checks of SQLite files run on SQLite only (tests/api/CMakeLists.txt).
#include <sys/wait.h>

#include <array>
#include <filesystem>
#include <fstream>
#include <mutex>
#include <random>
#include <regex>

#include <fmt/format.h>

#include "api_fixture.h"
#include "server_process.h"
#include "support/run_command.h"
#include "support/sqlite_file.h"

namespace fd::testing {
namespace {

using nlohmann::json;
namespace fs = std::filesystem;


CommandResult Frontdoor(const std::string& args) { return RunFrontdoor(args); }

json Contact(int writer, int n) {
  return {{"referrer",
           {{"type", "school"},
            {"name", "Priya Shah"},
            {"role", "Designated safeguarding lead"},
            {"agency", "Riverside Primary"},
            {"phone", "01632 960 001"}, {"email", "dsl@riverside.example.sch.uk"}}},
          {"children",
           json::array({{{"first_names", fmt::format("Writer{}", writer)},
                         {"last_name", fmt::format("Contact{}", n)},
                         {"date_of_birth", "2017-05-14"},
                         {"gender", "female"},
                         {"address", fmt::format("{} Orchard Way", n)},
                         {"school", "Riverside Primary"}}})},
          {"concern", fmt::format("Backup under load: writer {}, contact {}.", writer, n)}};
}

class Backup : public ApiTest {
 protected:
  std::string database() const { return real_store_->url(); }

  // A second real service on a restored database, as a node started on it would be.
  struct Node {
    store::StorePtr store;
    std::unique_ptr<app::AppContext> ctx;
    std::unique_ptr<service::Service> service;
    ~Node() {
      if (service) service->Stop();
    }
  };
  std::unique_ptr<Node> StartNode(const std::string& url) {
    auto node = std::make_unique<Node>();
    node->store = store::OpenStore(url);
    node->ctx = std::make_unique<app::AppContext>(app::AppContext{*node->store, clock_, *procedures_, "Europe/London"});
    node->ctx->password_hashing = app::PasswordHashing::kFastForTests;
    service::ServiceOptions options;
    options.server.port = 0;
    options.server.io_threads = 1;
    options.server.handler_threads = 2;
    options.templates_dir = std::string(FD_SOURCE_DIR) + "/templates";
    options.static_dir = std::string(FD_BINARY_DIR) + "/static";
    node->service = std::make_unique<service::Service>(*node->ctx, options);
    node->service->Start();
    return node;
  }
};

// Backed up while two writers keep creating contacts; restored into a new database. Every contact
// acknowledged (201) before the backup started is in the restored database exactly as it was
// acknowledged, and the restored audit chain is intact.
TEST_F(Backup, UnderWriteLoadKeepsEveryAcknowledgedContactAndAnIntactAuditChain) {
  std::mutex mutex;
  std::vector<json> acknowledged;  // GUARDED_BY(mutex): the 201 bodies, in the order they came
  std::vector<std::string> failures;
  std::atomic<bool> stop{false};
  std::vector<std::thread> writers;
  for (int w = 0; w < 2; ++w) {
    writers.emplace_back([&, w] {
      auto client = SignedIn(Role::kContactOfficer);
      for (int n = 0; !stop.load(); ++n) {
        auto reply = client.SendJson("POST", "/api/v1/contacts", Contact(w, n));
        std::lock_guard lock(mutex);
        if (reply.status == 201) acknowledged.push_back(reply.Json());
        else failures.push_back(fmt::format("{}: {}", reply.status, reply.body));
      }
    });
  }
  auto count = [&] {
    std::lock_guard lock(mutex);
    return acknowledged.size() + failures.size();
  };
  auto wait_for = [&](std::size_t n) {  // a bound for a loaded machine, not a timing assertion
    for (int i = 0; i < 1200 && count() < n; ++i) std::this_thread::sleep_for(std::chrono::milliseconds(50));
  };
  wait_for(30);
  std::vector<json> before;
  {
    std::lock_guard lock(mutex);
    before = acknowledged;
  }
  const std::string out = dir_.File(OnPostgres() ? "backups/fd-backup.dump" : "backups/fd-backup.db");
  fs::create_directories(dir_.File("backups"));
  auto backup = Frontdoor("backup --database " + database() + " --out " + out);
  const std::size_t at_end_of_backup = count();
  wait_for(at_end_of_backup + 10);  // the server kept writing after the backup, unharmed
  stop = true;
  for (auto& t : writers) t.join();
  ASSERT_TRUE(failures.empty()) << failures.front();
  ASSERT_GE(before.size(), 30u);
  ASSERT_GE(acknowledged.size(), at_end_of_backup + 10);
  RecordProperty("acknowledged_before_backup", static_cast<int>(before.size()));
  RecordProperty("acknowledged_during_backup", static_cast<int>(at_end_of_backup - before.size()));

  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_NE(backup.output.find("backup written: " + out), std::string::npos) << backup.output;
  EXPECT_TRUE(fs::exists(out));
  EXPECT_FALSE(fs::exists(out + ".partial"));
  // One self-contained file: nothing of it lives in a -wal beside it.
  EXPECT_FALSE(fs::exists(out + "-wal"));

  // The restore goes into a database of its own: a new file, or a new PostgreSQL database holding
  // only the schema, as a replacement server's would.
  std::unique_ptr<TestStore> restored_postgres;
  std::string restored = "sqlite:" + dir_.File("restored/fd.db");
  if (OnPostgres()) {
    restored_postgres = std::make_unique<TestStore>(dir_, "unused.db");
    restored = restored_postgres->url();
  }
  auto restore = Frontdoor("restore --from " + out + " --database " + restored);
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  EXPECT_NE(restore.output.find("audit chain intact"), std::string::npos) << restore.output;
  auto verify = Frontdoor("audit verify --database " + restored);
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
  EXPECT_NE(verify.output.find("intact"), std::string::npos) << verify.output;

  auto node = StartNode(restored);
  HttpClient client(node->service->port());
  ASSERT_EQ(client.SignIn("contact_officer", kTestPassword).status, 201);
  auto live = SignedIn(Role::kContactOfficer);
  for (const auto& acked : before) {
    const auto id = acked.at("id").get<std::int64_t>();
    const std::string target = fmt::format("/api/v1/contacts/{}", id);
    auto read = client.Get(target);
    ASSERT_EQ(read.status, 200) << "contact " << id << " acknowledged before the backup is missing";
    const json body = read.Json();
    for (const auto& [key, value] : acked.items())
      EXPECT_EQ(body.at(key), value) << "contact " << id << " field " << key;
    // Its rows in other tables came with it: the same deadlines as on the live server.
    const json live_body = live.Get(target).Json();
    EXPECT_EQ(body.at("deadlines").size(), live_body.at("deadlines").size()) << "contact " << id;
    EXPECT_EQ(body.at("acknowledgements"), live_body.at("acknowledgements")) << "contact " << id;
  }
  // Nothing torn: every contact the backup holds reads back whole.
  auto list = client.Get("/api/v1/contacts?page=1&page_size=100");
  ASSERT_EQ(list.status, 200);
  const auto total = list.Json().at("total").get<std::size_t>();
  EXPECT_GE(total, before.size());
  EXPECT_LE(total, acknowledged.size());
}

TEST_F(Backup, RestoreRefusesADatabaseThatHoldsRecordsUnlessForced) {
  const std::string out = dir_.File("b.db");
  ASSERT_EQ(Frontdoor("backup --database " + database() + " --out " + out).exit_code, 0);
  auto again = Frontdoor("backup --database " + database() + " --out " + out);
  EXPECT_EQ(again.exit_code, 1) << again.output;
  EXPECT_NE(again.output.find("already exists"), std::string::npos) << again.output;
  EXPECT_EQ(Frontdoor("backup --database " + database() + " --out " + out + " --force").exit_code, 0);

  // The live database holds users and audit events: not replaced without --force.
  auto refused = Frontdoor("restore --from " + out + " --database " + database());
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("already holds records"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("--force"), std::string::npos) << refused.output;
  // Each count by its name, not their sum ("2916 users and audit events").
  EXPECT_TRUE(std::regex_search(refused.output, std::regex(R"(\(\d+ users? and \d+ audit events?\))")))
      << refused.output;

  const std::string copy = dir_.File("copy.db");
  ASSERT_EQ(Frontdoor("restore --from " + out + " --database sqlite:" + copy).exit_code, 0);
  ExecSql(copy, "CREATE TABLE made_after_the_backup (x INTEGER)");
  auto forced = Frontdoor("restore --from " + out + " --database sqlite:" + copy + " --force");
  EXPECT_EQ(forced.exit_code, 0) << forced.output;
  EXPECT_EQ(CountIn(copy, "SELECT COUNT(*) FROM sqlite_master WHERE name = 'made_after_the_backup'"), 0);
  EXPECT_EQ(CountIn(copy, "SELECT COUNT(*) FROM users"), CountIn(out, "SELECT COUNT(*) FROM users"));
  EXPECT_EQ(Frontdoor("audit verify --database sqlite:" + copy).exit_code, 0);
}

// A backup that is not sound is refused, and the target is left as it was (here: not created).
TEST_F(Backup, RestoreRefusesACorruptFileUnknownMigrationsOrABrokenAuditChain) {
  const std::string out = dir_.File("b.db");
  ASSERT_EQ(Frontdoor("backup --database " + database() + " --out " + out).exit_code, 0);

  const std::string garbage = dir_.File("garbage.db");
  std::ofstream(garbage) << "this is not a database, though it is long enough to look like a header of one";
  auto not_db = Frontdoor("restore --from " + garbage + " --database sqlite:" + dir_.File("t1.db"));
  EXPECT_EQ(not_db.exit_code, 1) << not_db.output;
  EXPECT_NE(not_db.output.find("restore refused"), std::string::npos) << not_db.output;
  EXPECT_FALSE(fs::exists(dir_.File("t1.db")));

  const std::string future = dir_.File("future.db");
  fs::copy_file(out, future);
  ExecSql(future, "INSERT INTO schema_migrations (version, name, applied_at) VALUES (9999, 'from_the_future', "
                  "'2030-01-01T00:00:00Z')");
  auto unknown = Frontdoor("restore --from " + future + " --database sqlite:" + dir_.File("t2.db"));
  EXPECT_EQ(unknown.exit_code, 1) << unknown.output;
  EXPECT_NE(unknown.output.find("9999_from_the_future"), std::string::npos) << unknown.output;
  EXPECT_FALSE(fs::exists(dir_.File("t2.db")));

  const std::string tampered = dir_.File("tampered.db");
  fs::copy_file(out, tampered);
  ExecSql(tampered, "UPDATE audit_events SET actor = 'mallory' WHERE seq = 2");
  auto broken = Frontdoor("restore --from " + tampered + " --database sqlite:" + dir_.File("t3.db"));
  EXPECT_EQ(broken.exit_code, 1) << broken.output;
  EXPECT_NE(broken.output.find("BROKEN at event 2"), std::string::npos) << broken.output;
  EXPECT_FALSE(fs::exists(dir_.File("t3.db")));
  EXPECT_FALSE(fs::exists(dir_.File("t3.db.restoring")));
}

// A backup that cannot be written fails with a message naming the file, and leaves no FILE (nor a
// FILE.partial that might be taken for one).
TEST_F(Backup, OntoAnUnwritableOrFullPathFailsClearlyAndLeavesNoFile) {
  // Unwritable: the folder is a regular file (refused even to root, unlike a permission).
  std::ofstream(dir_.File("not-a-folder")) << "x";
  const std::string unwritable = dir_.File("not-a-folder/fd-backup.db");
  auto refused = Frontdoor("backup --database " + database() + " --out " + unwritable);
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("backup failed"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("nothing was written to " + unwritable), std::string::npos) << refused.output;

  // Full: the backup process may write only 16 KiB (a file-size limit, as a full disk would stop
  // it part-way); SIGXFSZ ignored so the write fails with an error instead of killing it.
  const std::string full = dir_.File("fd-full.db");
  auto cut_short = RunShell("trap '' XFSZ; ulimit -f 32; exec " + FrontdoorBinary() + " backup --database " + database() +
                       " --out " + full);
  EXPECT_EQ(cut_short.exit_code, 1) << cut_short.output;
  EXPECT_NE(cut_short.output.find("backup failed"), std::string::npos) << cut_short.output;
  EXPECT_NE(cut_short.output.find("nothing was written to " + full), std::string::npos) << cut_short.output;
  EXPECT_FALSE(fs::exists(full));
  EXPECT_FALSE(fs::exists(full + ".partial"));
  EXPECT_FALSE(fs::exists(full + ".partial-journal"));
}

// `restore --force` while a server runs on the database is refused ("stop the service first"): the
// server would go on writing, its records lost and their numbers issued again. SQLite: the server's
// lock beside the file; PostgreSQL: its open connections. Runs on both.
TEST_F(Backup, ForcedRestoreIsRefusedWhileAServerRunsOnTheDatabase) {
  const std::string out = dir_.File("b.db");
  ASSERT_EQ(Frontdoor("backup --database " + database() + " --out " + out).exit_code, 0);
  {
    ServerProcess server(database(), dir_, "node");
    ASSERT_TRUE(server.running());
    auto refused = Frontdoor("restore --force --from " + out + " --database " + database());
    EXPECT_EQ(refused.exit_code, 1) << refused.output;
    EXPECT_NE(refused.output.find("restore refused: "), std::string::npos) << refused.output;
    EXPECT_NE(refused.output.find("stop the service first"), std::string::npos) << refused.output;
    EXPECT_NE(refused.output.find("not changed"), std::string::npos) << refused.output;
  }
  // With the server stopped, the lock is free (this test's own service on the file takes none).
  if (database().starts_with("sqlite:")) {
    auto restored = Frontdoor("restore --force --from " + out + " --database " + database());
    EXPECT_EQ(restored.exit_code, 0) << restored.output;
  }
}

// A forced restore tells, before replacing, everything the database held beyond the backup: the
// audit events, the contacts whose references were issued (and their referrers), the account changes
// (a leaver's disabling) and the e-mails sent. After it, no reference is issued twice (the counters
// continue from the replaced database's) and no session of the backup opens again (a leaver's).
// SQLite: the replaced database is compared with the checked copy before it is replaced.
TEST_F(Backup, ForcedRestoreSaysWhatIsLostNeverReissuesAReferenceAndEndsEverySession) {
  if (OnPostgres()) GTEST_SKIP() << "compared record by record on SQLite only";
  const std::string path = database().substr(std::string("sqlite:").size());
  auto leaver = SignedIn(Role::kSocialWorker);  // a session the backup holds
  ASSERT_EQ(leaver.Get("/api/v1/session").status, 200);
  const std::string out = dir_.File("before.db");
  ASSERT_EQ(Frontdoor("backup --database " + database() + " --out " + out).exit_code, 0);

  // After the backup: a contact (its reference e-mailed), and the leaver disabled.
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", Contact(0, 1));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string lost_reference = created.Json().at("reference").get<std::string>();
  ExecSql(path, "INSERT INTO outbox (idempotency_key, recipient, subject, body, record_type, record_id, purpose, "
                "created_at, next_attempt_at, sent_at) VALUES ('contact:99:acknowledgement', "
                "'dsl@riverside.example.sch.uk', 'Your contact " + lost_reference + "', 'x', 'contact', 99, "
                "'acknowledgement', '2026-11-28T09:00:00Z', '2026-11-28T09:00:00Z', '2026-11-28T09:00:01Z')");
  const auto leaver_id = CountIn(path, "SELECT id FROM users WHERE username = 'social_worker'");
  auto admin = SignedIn(Role::kAdministrator);
  ASSERT_EQ(admin.SendJson("POST", fmt::format("/api/v1/users/{}/disable", leaver_id), json::object()).status, 200);

  // Without --force: refused, saying what would be lost.
  auto refused = Frontdoor("restore --from " + out + " --database " + database());
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("would lose"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find(lost_reference + " (referrer Priya Shah, dsl@riverside.example.sch.uk)"),
            std::string::npos)
      << refused.output;
  EXPECT_NE(refused.output.find("social_worker: user.disabled"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("1 e-mail sent"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("to dsl@riverside.example.sch.uk: \"Your contact " + lost_reference + "\""),
            std::string::npos)
      << refused.output;
  EXPECT_TRUE(std::regex_search(refused.output, std::regex(R"(\d+ audit events? recorded after the backup's last)")))
      << refused.output;

  auto forced = Frontdoor("restore --force --from " + out + " --database " + database());
  ASSERT_EQ(forced.exit_code, 0) << forced.output;
  EXPECT_NE(forced.output.find("loses what it recorded after the backup"), std::string::npos) << forced.output;
  EXPECT_NE(forced.output.find("references continue after " + lost_reference), std::string::npos) << forced.output;
  EXPECT_NE(forced.output.find("disable again any leaver"), std::string::npos) << forced.output;
  EXPECT_EQ(CountIn(path, "SELECT COUNT(*) FROM sessions"), 0);
  // The restore is in the audit log, with what it lost.
  EXPECT_EQ(CountIn(path, "SELECT COUNT(*) FROM audit_events WHERE action = 'database.restored' AND changes LIKE '%" +
                              lost_reference + "%'"),
            1);
  EXPECT_EQ(Frontdoor("audit verify --database " + database()).exit_code, 0);

  // The leaver's session from the backup does not open again.
  EXPECT_EQ(leaver.Get("/api/v1/session").status, 401);
  // The next contact (another child, another referrer) has a reference never issued before.
  auto again = SignedIn(Role::kContactOfficer);
  auto next = again.SendJson("POST", "/api/v1/contacts", Contact(1, 2));
  ASSERT_EQ(next.status, 201) << next.body;
  EXPECT_GT(next.Json().at("reference").get<std::string>(), lost_reference);
}

// A database that cannot be read (bytes overwritten in its middle, as a failing disk leaves it) is
// what a restore is for: without --force refused, saying so; with --force moved aside (kept, with its
// -wal and -shm) under a timestamped name, said where, and the backup restored in its place.
TEST_F(Backup, ForcedRestoreOverADamagedDatabaseMovesItAsideAndRestores) {
  if (OnPostgres()) GTEST_SKIP() << "a SQLite file";
  const std::string out = dir_.File("b.db");
  ASSERT_EQ(Frontdoor("backup --database " + database() + " --out " + out).exit_code, 0);
  const std::string damaged = dir_.File("damaged/fd.db");
  ASSERT_EQ(Frontdoor("restore --from " + out + " --database sqlite:" + damaged).exit_code, 0);
  {
    // dd if=/dev/urandom of=fd.db bs=4096 seek=2 count=N conv=notrunc: every page past the first two.
    const auto size = fs::file_size(damaged);
    ASSERT_GT(size, 3u * 4096);
    std::fstream file(damaged, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(2 * 4096);
    std::mt19937 random(7);
    for (std::uintmax_t i = 2 * 4096; i < size; ++i) file.put(static_cast<char>(random() & 0xFF));
  }
  std::ofstream(damaged + "-wal") << "";  // a -wal beside it goes aside with it

  auto refused = Frontdoor("restore --from " + out + " --database sqlite:" + damaged);
  EXPECT_EQ(refused.exit_code, 1) << refused.output;
  EXPECT_NE(refused.output.find("cannot be read"), std::string::npos) << refused.output;
  EXPECT_NE(refused.output.find("add --force to move it aside"), std::string::npos) << refused.output;

  auto forced = Frontdoor("restore --force --from " + out + " --database sqlite:" + damaged);
  ASSERT_EQ(forced.exit_code, 0) << forced.output;
  std::smatch moved;
  ASSERT_TRUE(std::regex_search(forced.output, moved, std::regex(R"(moved aside to (\S+\.damaged-\d{8}T\d{6}Z))")))
      << forced.output;
  EXPECT_TRUE(fs::exists(moved[1].str()));
  EXPECT_TRUE(fs::exists(moved[1].str() + "-wal"));
  EXPECT_EQ(Frontdoor("audit verify --database sqlite:" + damaged).exit_code, 0);
  EXPECT_EQ(CountIn(damaged, "SELECT COUNT(*) FROM users"), CountIn(out, "SELECT COUNT(*) FROM users"));
}

// frontdoor's own ?pool=N (docs/operations.md "Several nodes") is taken out of the URL before pg_dump
// and pg_restore see it: libpq's programs refuse a parameter they do not know ("invalid URI query
// parameter"), and the nightly backup failed. PostgreSQL only: a SQLite URL has no parameters.
TEST_F(Backup, WithThePoolParameterInTheUrlBacksUpAndRestoresOnPostgres) {
  if (!OnPostgres()) GTEST_SKIP() << "a PostgreSQL URL's parameter";
  const std::string out = dir_.File("pooled.dump");
  auto backup = Frontdoor("backup --database '" + database() + "?pool=4' --out " + out);
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  EXPECT_NE(backup.output.find("backup written: " + out), std::string::npos) << backup.output;
  EXPECT_EQ(backup.output.find("invalid URI query parameter"), std::string::npos) << backup.output;

  TestStore target(dir_, "unused.db");
  auto restore = Frontdoor("restore --from " + out + " --database '" + target.url() + "?pool=4'");
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  EXPECT_NE(restore.output.find("audit chain intact"), std::string::npos) << restore.output;
  auto verify = Frontdoor("audit verify --database '" + target.url() + "?pool=4'");
  EXPECT_EQ(verify.exit_code, 0) << verify.output;
}

// A backup holds every child's record: it is its owner's alone (mode 0600), whatever the umask of the
// shell that runs it, on both stores (pg_dump's file too); so is a database a restore makes anew.
TEST_F(Backup, FileIsReadableAndWritableByItsOwnerAlone) {
  const std::string out = dir_.File("owner-only.backup");
  auto backup = RunShell("umask 022 && cd '" + std::string(FD_SOURCE_DIR) + "' && " + FrontdoorBinary() +
                         " backup --database " + database() + " --out " + out);
  ASSERT_EQ(backup.exit_code, 0) << backup.output;
  const auto mode = fs::status(out).permissions();
  EXPECT_EQ(mode & (fs::perms::group_all | fs::perms::others_all), fs::perms::none)
      << "backup mode " << std::oct << static_cast<int>(mode);
  EXPECT_EQ(mode & fs::perms::owner_all, fs::perms::owner_read | fs::perms::owner_write);
  if (OnPostgres()) return;
  const std::string restored = dir_.File("restored-owner-only.db");
  auto restore = RunShell("umask 022 && cd '" + std::string(FD_SOURCE_DIR) + "' && " + FrontdoorBinary() +
                          " restore --from " + out + " --database sqlite:" + restored);
  ASSERT_EQ(restore.exit_code, 0) << restore.output;
  EXPECT_EQ(fs::status(restored).permissions() & (fs::perms::group_all | fs::perms::others_all), fs::perms::none);
}

}  // namespace
}  // namespace fd::testing
