// What every backend must do, run on SQLite and again on PostgreSQL (the ".postgres" copies):
// migrations, rollback, bound parameters, constraint faults, serialised writers.
#include <gtest/gtest.h>

#include <functional>
#include <map>
#include <set>
#include <utility>
#include <thread>

#include "store/contact_records.h"
#include "store/deadline_records.h"
#include "store/operations_records.h"
#include "store/performance_records.h"
#include "store/migrations.h"
#include "store/row_stream.h"
#include "support/temp_dir.h"
#include "support/test_store.h"

namespace fd::store {
namespace {

class StoreContract : public ::testing::Test {
 protected:
  void SetUp() override { store_ = std::make_unique<testing::TestStore>(dir_, "test.db"); }
  testing::TempDir dir_;
  std::unique_ptr<testing::TestStore> store_;
};

TEST_F(StoreContract, MigrateIsIdempotentAndRecordsVersions) {
  const int version = SchemaVersion(*store_);
  EXPECT_EQ(version, AllMigrations().back().version);
  auto again = Migrate(*store_);
  EXPECT_TRUE(again.applied.empty());
  EXPECT_EQ(again.to_version, version);
}

// Passes everything to a store, but before the first write after a read (Migrate's first migration,
// once it has read the schema's version) lets `meanwhile` run: another process migrating the same
// database at the same moment.
class MigratedMeanwhile final : public Store {
 public:
  MigratedMeanwhile(Store& real, std::function<void()> meanwhile) : real_(real), meanwhile_(std::move(meanwhile)) {}
  std::unique_ptr<Transaction> Begin(TransactionMode mode) override {
    if (mode == TransactionMode::kRead) read_ = true;
    else if (read_ && meanwhile_) std::exchange(meanwhile_, nullptr)();
    return real_.Begin(mode);
  }
  Dialect dialect() const override { return real_.dialect(); }

 private:
  Store& real_;
  std::function<void()> meanwhile_;
  bool read_ = false;
};

// Two processes migrating one database together (two nodes starting, two `frontdoor migrate`): the
// one that found the others' work done reports the database's version, not the version it began at.
TEST_F(StoreContract, MigrateReportsTheDatabasesVersionWhenAnotherProcessMigratedMeanwhile) {
  const auto& all = AllMigrations();
  ASSERT_GE(all.size(), 3u);
  const int newest = all.back().version;
  const int older = all[all.size() - 3].version;
  // The database as it was before the last two migrations were recorded (their tables stay: the
  // other process's work, which this one must not repeat).
  std::vector<std::pair<int, std::string>> removed;
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    for (const auto& row : tx->Query("SELECT version, name FROM schema_migrations WHERE version > ?", {older}))
      removed.emplace_back(static_cast<int>(row.Int(0)), row.Text(1));
    tx->Execute("DELETE FROM schema_migrations WHERE version > ?", {older});
    tx->Commit();
  }
  ASSERT_EQ(removed.size(), 2u);
  MigratedMeanwhile racing(*store_, [&] {
    auto other = store_->OpenAnother();
    auto tx = other->Begin(TransactionMode::kWrite);
    for (const auto& [version, name] : removed)
      tx->Execute("INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)",
                  {version, name, "2026-11-27T13:00:00Z"});
    tx->Commit();
  });
  const auto report = Migrate(racing);
  EXPECT_EQ(report.from_version, older);
  EXPECT_TRUE(report.applied.empty());
  EXPECT_EQ(report.to_version, newest);
}

TEST_F(StoreContract, UncommittedTransactionRollsBack) {
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {"Ghost team"});
    // destroyed without Commit()
  }
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM teams").at(0).Int(0), 0);
}

TEST_F(StoreContract, CommittedTransactionIsVisibleToANewConnection) {
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {"Front Door"});
    tx->Commit();
  }
  auto other = store_->OpenAnother();
  auto tx = other->Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT name FROM teams").at(0).Text(0), "Front Door");
}

TEST_F(StoreContract, BindsParametersSoQuotesAreData) {
  auto tx = store_->Begin(TransactionMode::kWrite);
  const std::string evil = "x'); DROP TABLE teams; --";
  tx->Execute("INSERT INTO teams (name) VALUES (?)", {evil});
  EXPECT_EQ(tx->Query("SELECT name FROM teams WHERE name = ?", {evil}).at(0).Text(0), evil);
}

TEST_F(StoreContract, ConstraintViolationIsAFaultAndLeavesNothing) {
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO teams (name) VALUES (?)", {"A"});
    try {
      tx->Execute("INSERT INTO teams (name) VALUES (?)", {"A"});
      FAIL() << "expected a constraint fault";
    } catch (const StoreFault& fault) {
      EXPECT_EQ(fault.kind(), StoreFault::Kind::kConstraint);
    }
  }
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM teams").at(0).Int(0), 0);
}

// RULE KCR-13 RULE HCR-28: every count of breached deadlines in SQL agrees with the domain's rule
// (BreachedAt) on each backend: telling the police, due the moment it arose, is not breached in its
// first minute; a deadline with a timescale is breached the second after it is due.
TEST_F(StoreContract, BreachedDeadlineCountsGiveAnImmediateDeadlineItsFirstMinute) {
  const Instant arose = *ParseUtc("2026-11-24T10:00:00Z");
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    auto deadline = [&](const std::string& timescale, Instant starts_at, Instant due_at) {
      Deadline d;
      d.timescale = timescale;
      d.rule_id = "HCR-28";
      d.obligation = "o";
      d.record_type = "contact";
      d.record_id = 1;
      d.record_reference = "FD-2026-000001";
      d.starts_at = starts_at;
      d.due_at = due_at;
      d.policy_version = "2019";
      InsertDeadline(*tx, d, starts_at);
    };
    deadline("police-notification", arose, arose);
    deadline("decision", arose - std::chrono::hours{24}, arose);
    tx->Commit();
  }
  const PerformanceScope day{arose - std::chrono::hours{24}, arose + std::chrono::hours{1}, std::nullopt};
  auto breached = [&](Instant now) {
    auto tx = store_->Begin(TransactionMode::kRead);
    std::map<std::string, std::int64_t> by_way;  // "metrics:decision", "dashboard:…", "records:…"
    for (const auto& b : CountBreachedDeadlines(*tx, now)) by_way["metrics:" + b.timescale] += b.open_past_due;
    for (const auto& c : DeadlineCounts(*tx, day, now))
      if (c.state == "breached") by_way["dashboard:" + c.timescale] += c.count;
    for (const auto& r : DeadlineRecords(*tx, day, now, "", "breached")) ++by_way["records:" + r.timescale];
    return by_way;
  };
  using Counts = std::map<std::string, std::int64_t>;
  EXPECT_EQ(breached(arose), Counts{});
  EXPECT_EQ(breached(arose + std::chrono::seconds{1}),
            (Counts{{"dashboard:decision", 1}, {"metrics:decision", 1}, {"records:decision", 1}}));
  EXPECT_EQ(breached(arose + std::chrono::seconds{30}),
            (Counts{{"dashboard:decision", 1}, {"metrics:decision", 1}, {"records:decision", 1}}));
  EXPECT_EQ(breached(arose + std::chrono::seconds{60}),
            (Counts{{"dashboard:decision", 1}, {"metrics:decision", 1}, {"records:decision", 1}}));
  EXPECT_EQ(breached(arose + std::chrono::minutes{2}),
            (Counts{{"dashboard:decision", 1},
                    {"dashboard:police-notification", 1},
                    {"metrics:decision", 1},
                    {"metrics:police-notification", 1},
                    {"records:decision", 1},
                    {"records:police-notification", 1}}));

  // The dashboard's counts change by the clock alone when the first open one stops being in time:
  // the ordinary one at its due time, the immediate one a minute after it.
  auto tx = store_->Begin(TransactionMode::kRead);
  std::optional<Instant> until;
  DeadlineCounts(*tx, day, arose - std::chrono::seconds{10}, &until);
  EXPECT_EQ(until, arose);
  DeadlineCounts(*tx, day, arose + std::chrono::seconds{30}, &until);
  EXPECT_EQ(until, arose + kAtOnceAllowance);
  const auto open = DeadlineRecords(*tx, day, arose + std::chrono::seconds{30}, "", "open");
  ASSERT_EQ(open.size(), 1u);
  EXPECT_EQ(open[0].timescale, "police-notification");
}

// RULE CAL-2 RULE CAL-3: the deadlines the start-up check reads to mark those opened before
// migration 0033 are the open ones with no mark: never one met, breached at `now`, already marked or
// due before the bound it is given; marked, a deadline reads back as counted past the list.
TEST_F(StoreContract, CAL2_CAL3_OpenDeadlinesNotFlaggedAreTheOpenOnesWithoutAMark) {
  const Instant now = *ParseUtc("2028-12-29T14:00:00Z");
  std::map<std::string, std::int64_t> ids;
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    auto deadline = [&](const std::string& name, Instant due_at, bool met, bool marked) {
      Deadline d;
      d.timescale = "decision";
      d.rule_id = "HCR-27";
      d.obligation = name;
      d.record_type = "contact";
      d.record_id = static_cast<std::int64_t>(ids.size()) + 1;
      d.record_reference = "FD-2028-00000" + std::to_string(d.record_id);
      d.starts_at = now - std::chrono::hours{1};
      d.due_at = due_at;
      if (met) d.met_at = now;
      d.counted_without_bank_holidays = marked;
      d.bank_holidays_known_until = marked ? "2028-12-31" : "";
      d.policy_version = "2019";
      ids[name] = InsertDeadline(*tx, d, d.starts_at);
    };
    const Instant new_year = *ParseUtc("2029-01-01T14:00:00Z");
    deadline("open past the list", new_year, false, false);
    deadline("open, marked", new_year, false, true);
    deadline("met", new_year, true, false);
    deadline("breached", now - std::chrono::hours{1}, false, false);
    deadline("open, due before the bound", now + std::chrono::hours{2}, false, false);
    tx->Commit();
  }
  auto read = [&](std::optional<Instant> due_from) {
    auto tx = store_->Begin(TransactionMode::kRead);
    std::set<std::string> names;
    for (const auto& d : OpenDeadlinesNotFlagged(*tx, now, due_from)) names.insert(d.obligation);
    return names;
  };
  const Instant bound = *ParseUtc("2028-12-30T00:00:00Z");
  EXPECT_EQ(read(bound), (std::set<std::string>{"open past the list"}));
  EXPECT_EQ(read(std::nullopt), (std::set<std::string>{"open past the list", "open, due before the bound"}));
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    FlagCountedWithoutBankHolidays(*tx, ids.at("open past the list"), "2028-12-31");
    tx->Commit();
  }
  EXPECT_EQ(read(bound), std::set<std::string>{});
  auto tx = store_->Begin(TransactionMode::kRead);
  const auto marked = DeadlinesForRecord(*tx, "contact", 1);
  ASSERT_EQ(marked.size(), 1u);
  EXPECT_TRUE(marked[0].counted_without_bank_holidays);
  EXPECT_EQ(marked[0].bank_holidays_known_until, "2028-12-31");
}

TEST_F(StoreContract, ReferenceNumbersCountPerYearWithoutGaps) {
  auto tx = store_->Begin(TransactionMode::kWrite);
  EXPECT_EQ(NextReferenceNumber(*tx, "FD", 2026), 1);
  EXPECT_EQ(NextReferenceNumber(*tx, "FD", 2026), 2);
  EXPECT_EQ(NextReferenceNumber(*tx, "FD", 2027), 1);
  tx->Commit();
}

// Read-then-write in each transaction: only serialised writers lose no increment.
TEST_F(StoreContract, ConcurrentWritersAreSerialisedNotLost) {
  constexpr int kThreads = 4, kEach = 50;
  auto other_node = store_->OpenAnother();
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    Store& store = t % 2 == 0 ? static_cast<Store&>(*store_) : *other_node;
    threads.emplace_back([&store] {
      for (int i = 0; i < kEach; ++i) {
        auto tx = store.Begin(TransactionMode::kWrite);
        NextReferenceNumber(*tx, "FD", 2026);
        tx->Commit();
      }
    });
  }
  for (auto& t : threads) t.join();
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT last_value FROM reference_counters WHERE prefix='FD' AND year=2026").at(0).Int(0),
            kThreads * kEach);
}

// A migration line may end "…;  -- comment": every statement must still run, none swallowed.
TEST_F(StoreContract, EveryMigrationStatementRunsEvenWithTrailingComments) {
  auto tx = store_->Begin(TransactionMode::kRead);
  // Columns added by 0004's ALTER TABLE lines, each of which ends in a comment.
  EXPECT_NO_THROW(tx->Query("SELECT channel, form, state, version, urgent, queue, passing_on_concern_of, receipt_code "
                            "FROM contacts"));
  EXPECT_NO_THROW(tx->Query("SELECT nhs_number, role FROM contact_children"));
}

// RULE KCR-17: migration 0028 takes the secret out of the status links of e-mails already sent
// ("/status/[sent: not kept]"), on both stores alike; an e-mail not yet sent keeps its link (it
// must still carry it), and text that only looks like a link is left as written.
TEST_F(StoreContract, KCR17_Migration0028ForgetsTheSecretsOfSentStatusLinks) {
  const std::string secret = "Ab3_-Zz9Ab3_-Zz9Ab3_-Zz9Ab3_-Zz9Ab3_-Zz9Ab3";  // 43 characters of base64url
  ASSERT_EQ(secret.size(), 43u);
  const std::string link = "https://frontdoor.example.gov.uk/status/";
  const auto body = [&](const std::string& after) {
    return "Thank you, Zoë. You can see how far it has got at this link: " + after + "\nPlease do not share it.\n";
  };
  const std::map<std::string, std::pair<std::string, bool>> rows{  // key: body, sent
      {"sent", {body(link + secret), true}},
      {"unsent", {body(link + secret), false}},
      {"too-long", {body(link + secret + "X"), true}},
      {"at-the-end", {"Link: " + link + secret, true}},
      {"no-link", {"Your contact has been screened.\n", true}}};
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    for (const auto& [key, row] : rows)
      tx->Execute("INSERT INTO outbox (idempotency_key, recipient, subject, body, record_type, record_id, purpose, "
                  "created_at, next_attempt_at, sent_at) VALUES (?, 'jo@example.org', 'Subject', ?, 'contact', 1, "
                  "'acknowledgement', '2026-11-20T09:00:00Z', '2026-11-20T09:00:00Z', ?)",
                  {key, row.first, row.second ? Value("2026-11-20T09:00:05Z") : Value()});
    // As a database last migrated by 0027: the runner applies what is above its highest version
    // (later migrations run again, and are written so that they may).
    tx->Execute("DELETE FROM schema_migrations WHERE version >= 28");
    tx->Commit();
  }
  const auto report = Migrate(*store_);
  ASSERT_FALSE(report.applied.empty());
  EXPECT_EQ(report.applied.front(), "0028_sent_status_secrets");
  std::map<std::string, std::string> after;
  auto tx = store_->Begin(TransactionMode::kRead);
  for (const auto& row : tx->Query("SELECT idempotency_key, body FROM outbox")) after[row.Text(0)] = row.Text(1);
  EXPECT_EQ(after["sent"], body(link + "[sent: not kept]"));
  EXPECT_EQ(after["at-the-end"], "Link: " + link + "[sent: not kept]");
  EXPECT_EQ(after["unsent"], rows.at("unsent").first);
  EXPECT_EQ(after["too-long"], rows.at("too-long").first);
  EXPECT_EQ(after["no-link"], rows.at("no-link").first);
}

TEST_F(StoreContract, TwoStatementsInOneCallAreRefusedNotHalfRun) {
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    EXPECT_THROW(tx->Execute("INSERT INTO teams (name) VALUES ('a'); INSERT INTO teams (name) VALUES ('b')"),
                 StoreFault);
  }
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM teams").at(0).Int(0), 0);
}

// store::ForEachRow hands over every row Query would return, in order, without copying: text as
// views, NULL as empty text that IsNull reports, integers; and an exception from the callback stops
// the read and leaves the statement to be run again.
TEST_F(StoreContract, ForEachRowReadsWhatQueryReads) {
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    for (const char* name : {"Alpha team with a name longer than fifteen", "Beta", "Gamma"})
      tx->Execute("INSERT INTO teams (name) VALUES (?)", {name});
    tx->Commit();
  }
  auto tx = store_->Begin(TransactionMode::kRead);
  const std::string sql = "SELECT id, name, CAST(NULL AS TEXT) FROM teams WHERE id >= ? ORDER BY id";
  const auto rows = tx->Query(sql, {std::int64_t{1}});
  ASSERT_EQ(rows.size(), 3u);
  std::size_t i = 0;
  ForEachRow(*tx, sql, {std::int64_t{1}}, [&](const RowView& r) {
    ASSERT_LT(i, rows.size());
    EXPECT_EQ(r.size(), 3u);
    EXPECT_EQ(r.Int(0), rows[i].Int(0));
    EXPECT_EQ(std::string(r.Text(1)), rows[i].Text(1));
    EXPECT_FALSE(r.IsNull(1));
    EXPECT_TRUE(r.IsNull(2));
    EXPECT_EQ(r.Text(2), "");
    ++i;
  });
  EXPECT_EQ(i, 3u);

  int seen = 0;
  EXPECT_THROW(ForEachRow(*tx, sql, {std::int64_t{1}},
                          [&](const RowView&) {
                            if (++seen == 2) throw std::runtime_error("stop");
                          }),
               std::runtime_error);
  EXPECT_EQ(seen, 2);
  std::vector<std::string> names;
  ForEachRow(*tx, sql, {rows[1].Int(0)}, [&](const RowView& r) { names.emplace_back(r.Text(1)); });
  EXPECT_EQ(names, (std::vector<std::string>{"Beta", "Gamma"}));
}

// Issue 9 point 4 (docs/dashboard.md "Kept months"): every table whose rows the dashboard counts
// leaves a note when a row about an ended month is written, on each backend; a table left out
// would let a kept month go stale without anyone knowing.
TEST_F(StoreContract, EveryTableTheDashboardCountsNotesItsWrites) {
  auto tx = store_->Begin(TransactionMode::kRead);
  std::set<std::string> noted;  // "table insert"
  if (store_->dialect() == Dialect::kSqlite) {
    for (const auto& row : tx->Query("SELECT tbl_name, sql FROM sqlite_master WHERE type = 'trigger' AND name LIKE 'performance_%'"))
      for (const char* event : {"INSERT", "UPDATE", "DELETE"})
        if (row.Text(1).find(std::string("AFTER ") + event) != std::string::npos)
          noted.insert(row.Text(0) + " " + event);
  } else {
    for (const auto& row : tx->Query("SELECT event_object_table, event_manipulation FROM information_schema.triggers "
                                     "WHERE trigger_name LIKE 'performance_%'"))
      noted.insert(row.Text(0) + " " + row.Text(1));
  }
  for (const char* table : {"decisions", "contact_acknowledgements", "referrals", "contact_children", "consultations",
                            "chair_consultations", "deadlines"})
    for (const char* event : {"INSERT", "UPDATE", "DELETE"})
      EXPECT_TRUE(noted.contains(std::string(table) + " " + event)) << table << " " << event;
  EXPECT_TRUE(noted.contains("contacts UPDATE"));
  EXPECT_TRUE(noted.contains("contacts DELETE"));
  EXPECT_TRUE(noted.contains("users UPDATE"));
  // Migration 0037: a contact closed as a duplicate (or its link purged) moves out of the decision figures.
  EXPECT_TRUE(noted.contains("contact_duplicates INSERT"));
  EXPECT_TRUE(noted.contains("contact_duplicates DELETE"));
}

// A note is left only for a record older than the mark, and the mark only moves up.
TEST_F(StoreContract, KeptMonthNotesOnlyForRecordsBeforeTheMark) {
  auto count_notes = [&] {
    auto tx = store_->Begin(TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM performance_touches").at(0).Int(0);
  };
  auto write = [&](const std::string& sql, const Params& params = {}) {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute(sql, params);
    tx->Commit();
  };
  write("INSERT INTO teams (name) VALUES ('Front Door')");
  write("INSERT INTO users (username, display_name, role, team_id, password_hash, created_at) "
        "VALUES ('u', 'U', 'social_worker', 1, 'x', '2026-01-01T00:00:00Z')");
  write("INSERT INTO consultations (number, type, policy_version, requested_at, recorded_by, consultee_name, "
        "consultee_role, consultee_organisation, consultee_phone, consultee_email, caller_type, summary, "
        "safeguarding_lead_consulted) VALUES ('C1', 'hub', '1', '2026-03-05T11:00:00Z', 1, 'P', 'R', 'O', '1', '', 'school', 'S', 1)");
  EXPECT_EQ(count_notes(), 0) << "the mark starts before everything";
  write("UPDATE performance_month_state SET cached_until = '2026-04-01T00:00:00Z'");
  write("UPDATE consultations SET status = 'completed'");
  EXPECT_EQ(count_notes(), 1) << "March is before the mark";
  write("INSERT INTO consultations (number, type, policy_version, requested_at, recorded_by, consultee_name, "
        "consultee_role, consultee_organisation, consultee_phone, consultee_email, caller_type, summary, "
        "safeguarding_lead_consulted) VALUES ('C2', 'hub', '1', '2026-04-02T11:00:00Z', 1, 'P', 'R', 'O', '1', '', 'school', 'S', 1)");
  EXPECT_EQ(count_notes(), 1) << "April is not";
  write("UPDATE users SET team_id = NULL");
  EXPECT_EQ(count_notes(), 2) << "a person's team moves every consultation they recorded";
}

}  // namespace
}  // namespace fd::store
