// Deadline ids are never reused (migration 0047; docs/decisions.md "Deadline ids are never reused"):
// a SQLite database left by an older frontdoor, where a deadline closed as not applicable had its id
// given to a newer deadline, migrates cleanly, and no id is given twice afterwards. SQLite only:
// PostgreSQL's identity never gave an id twice (the API tests run the round trips on both).
#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/instant.h"
#include "store/duplicate_records.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "support/temp_dir.h"

namespace fd::store {
namespace {

constexpr int kBeforeDeadlineIds = 46;  // the last migration before 0047

class SqliteDeadlineIds : public ::testing::Test {
 protected:
  void SetUp() override {
    store_ = std::make_unique<SqliteStore>(dir_.File("old.db"));
    Migrate(*store_, kBeforeDeadlineIds);
  }

  std::int64_t One(const std::string& sql, const Params& params = {}) {
    auto tx = store_->Begin(TransactionMode::kRead);
    return tx->Query(sql, params).at(0).Int(0);
  }

  testing::TempDir dir_;
  std::unique_ptr<SqliteStore> store_;
};

void ContactRow(Transaction& tx, std::int64_t id) {
  tx.Execute("INSERT INTO contacts (id, reference, received_at, recorded_by, referrer_type, referrer_anonymous, "
             "referrer_name, referrer_role, referrer_agency, referrer_phone, referrer_email, concern, created_at) "
             "VALUES (?, ?, '2026-11-02T10:00:00Z', 1, 'school', 0, 'Priya Shah', '', 'Riverside Primary', '', '', "
             "'A concern', '2026-11-02T10:00:00Z')",
             {id, "FD-2026-00000" + std::to_string(id)});
}

// `id` null: the table gives one.
void DeadlineRow(Transaction& tx, const char* table, Value id, std::int64_t contact, const char* timescale) {
  const std::string closed = std::string(table) == "deadlines" ? "" : ", closed_at, closed_by, reason";
  const std::string closed_values = closed.empty() ? "" : ", '2026-11-02T11:00:00Z', 1, 'Closed as a duplicate'";
  tx.Execute("INSERT INTO " + std::string(table) +
                 " (id, timescale, rule_id, obligation, record_type, record_id, record_reference, starts_at, due_at, "
                 "policy_version, created_at" + closed + ") VALUES (?, ?, 'HCR-27', 'Decide', 'contact', ?, ?, "
                 "'2026-11-02T10:00:00Z', '2026-11-03T10:00:00Z', '2019-05', '2026-11-02T10:00:00Z'" +
                 closed_values + ")",
             {id, timescale, contact, "FD-2026-00000" + std::to_string(contact)});
}

// The finding's state, as an older frontdoor left it: A (1) has deadline 1; B (2), closed as a
// duplicate, had deadlines 2 and 3 (3 an agency check's, with a "check this date" mark) moved out;
// C (3) then got id 3 again, with an agency check and a mark of its own.
TEST_F(SqliteDeadlineIds, ADatabaseThatGaveAClosedDeadlinesIdAgainMigratesCleanly) {
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO users (id, username, display_name, role, password_hash, created_at) "
                "VALUES (1, 'worker', 'Sam Worker', 'social_worker', 'x', '2026-11-02T10:00:00Z')");
    for (std::int64_t c : {1, 2, 3}) ContactRow(*tx, c);
    DeadlineRow(*tx, "deadlines", 1, 1, "decision");
    DeadlineRow(*tx, "deadlines_not_applicable", 2, 2, "decision");
    DeadlineRow(*tx, "deadlines_not_applicable", 3, 2, "agency-check-standard");
    tx->Execute("INSERT INTO deadlines_not_applicable_past_bank_holidays VALUES (3, '2028-12-31')");
    DeadlineRow(*tx, "deadlines", 3, 3, "agency-check-urgent");
    tx->Execute("INSERT INTO deadlines_past_bank_holidays VALUES (3, '2027-12-31')");
    for (std::int64_t c : {2, 3})
      tx->Execute("INSERT INTO agency_check_requests (contact_id, agency, question, lawful_basis, urgency, "
                  "requested_by, requested_at, deadline_id) VALUES (?, 'police', 'Known?', 'section-17', "
                  "'standard', 1, '2026-11-02T10:30:00Z', 3)",
                  {c});
    tx->Commit();
  }

  const auto report = Migrate(*store_);
  EXPECT_EQ(report.to_version, AllMigrations().back().version);

  // C's deadline keeps id 3 with its mark and its check; B's takes 4, above every id given, with its own.
  EXPECT_EQ(One("SELECT record_id FROM deadlines WHERE id = 3"), 3);
  EXPECT_EQ(One("SELECT bank_holidays_known_until = '2027-12-31' FROM deadlines_past_bank_holidays "
                "WHERE deadline_id = 3"),
            1);
  EXPECT_EQ(One("SELECT deadline_id FROM agency_check_requests WHERE contact_id = 3"), 3);
  EXPECT_EQ(
      One("SELECT id FROM deadlines_not_applicable WHERE record_id = 2 AND timescale = 'agency-check-standard'"), 4);
  EXPECT_EQ(One("SELECT id FROM deadlines_not_applicable WHERE record_id = 2 AND timescale = 'decision'"), 2);
  EXPECT_EQ(One("SELECT bank_holidays_known_until = '2028-12-31' FROM deadlines_not_applicable_past_bank_holidays "
                "WHERE deadline_id = 4"),
            1);
  EXPECT_EQ(One("SELECT deadline_id FROM agency_check_requests WHERE contact_id = 2"), 4);
  EXPECT_EQ(One("SELECT COUNT(*) FROM deadlines") + One("SELECT COUNT(*) FROM deadlines_not_applicable"), 4);
  {
    auto tx = store_->Begin(TransactionMode::kRead);
    EXPECT_TRUE(tx->Query("PRAGMA foreign_key_check").empty());
    EXPECT_EQ(tx->Query("PRAGMA integrity_check").at(0).Text(0), "ok");
    // The table's indexes and the kept months' triggers are back.
    EXPECT_EQ(tx->Query("SELECT name FROM sqlite_master WHERE tbl_name = 'deadlines' AND type IN ('index', 'trigger')")
                  .size(),
              6u);
    EXPECT_TRUE(tx->Query("SELECT name FROM sqlite_master WHERE name LIKE 'deadline_ids%' OR name LIKE "
                          "'deadline_marks%' OR name = 'deadlines_rebuilt'")
                    .empty());
  }

  // B reopened and C closed, the moves that failed on the primary key: both go through now.
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    EXPECT_EQ(RestoreNotApplicableDeadlines(*tx, "contact", 2).size(), 2u);
    const Instant at = *ParseUtc("2026-11-02T12:00:00Z");
    EXPECT_EQ(CloseDeadlinesNotApplicable(*tx, "contact", 3, at, 1, "Closed as a duplicate").size(), 1u);
    tx->Commit();
  }
  // The highest id moved out (4) is not given again: the next is 5.
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    EXPECT_EQ(CloseDeadlinesNotApplicable(*tx, "contact", 2, *ParseUtc("2026-11-02T13:00:00Z"), 1, "Again").size(), 2u);
    DeadlineRow(*tx, "deadlines", nullptr, 1, "written-confirmation");
    tx->Commit();
  }
  EXPECT_EQ(One("SELECT MAX(id) FROM deadlines"), 5);
}

// Run again (a migration may be), it changes nothing, and still gives no id twice: the highest given
// is kept across the table's rebuild.
TEST_F(SqliteDeadlineIds, RunAgainItKeepsTheHighestIdGiven) {
  Migrate(*store_);
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO users (id, username, display_name, role, password_hash, created_at) "
                "VALUES (1, 'worker', 'Sam Worker', 'social_worker', 'x', '2026-11-02T10:00:00Z')");
    for (int id : {1, 2, 3}) DeadlineRow(*tx, "deadlines", id, 1, "decision");
    tx->Execute("DELETE FROM deadlines WHERE id = 3");
    tx->Commit();
  }
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("DELETE FROM schema_migrations WHERE version = 47");
    tx->Commit();
  }
  Migrate(*store_);
  EXPECT_EQ(One("SELECT COUNT(*) FROM deadlines"), 2);
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    DeadlineRow(*tx, "deadlines", nullptr, 1, "decision");
    tx->Commit();
  }
  EXPECT_EQ(One("SELECT MAX(id) FROM deadlines"), 4);
}

}  // namespace
}  // namespace fd::store
