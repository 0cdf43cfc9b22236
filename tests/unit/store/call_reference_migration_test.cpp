// HCR-15: migration 0063 makes a call's reference a field of the contact (docs/decisions.md "A call's
// reference is a field of the contact"). A database an older frontdoor left, with references quoted
// through call_references (0048) or held among the intake items, keeps every one, now as the
// contact's own; and the migration may run again. On SQLite, and on PostgreSQL in the .postgres copy.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "store/call_reference_records.h"
#include "store/contact_records.h"
#include "store/migrations.h"
#include "support/temp_dir.h"
#include "support/test_store.h"

namespace fd::store {
namespace {

// Before the column: 0049 (0053 to 0062 touch nothing it reads or writes).
constexpr int kBeforeCallReferenceColumn = 49;
constexpr int kCallReferenceColumn = 63;

class CallReferenceMigration : public ::testing::Test {
 protected:
  void SetUp() override {
    testing::TestStoreOptions options;
    options.migrated_up_to = kBeforeCallReferenceColumn;
    store_ = std::make_unique<testing::TestStore>(dir_, "old.db", options);
    ASSERT_EQ(SchemaVersion(*store_), kBeforeCallReferenceColumn);
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO users (id, username, display_name, role, password_hash, created_at) "
                "VALUES (1, 'officer', 'Sam Officer', 'contact_officer', 'x', '2026-11-27T10:00:00Z')");
    tx->Commit();
  }

  // A contact as 0049 held it, with its intake items as the JSON text `information`. Its id is 100 +
  // `n`: PostgreSQL's identity, not moved by an id given, gives the contacts recorded later 1, 2, ….
  void ContactRow(std::int64_t n, const std::string& information) {
    const std::int64_t id = 100 + n;
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("INSERT INTO contacts (id, reference, received_at, recorded_by, referrer_type, referrer_anonymous, "
                "referrer_name, referrer_role, referrer_agency, referrer_phone, referrer_email, concern, created_at, "
                "channel, information) VALUES (?, ?, '2026-11-27T10:00:00Z', 1, 'police', 0, 'PC Jo Webb', '', "
                "'Hertfordshire Constabulary', '', 'jo.webb@herts.pnn.police.uk', 'A concern', "
                "'2026-11-27T10:00:00Z', 'portal', ?)",
                {id, "FD-2026-00000" + std::to_string(n), information});
    tx->Commit();
  }

  Contact Read(std::int64_t n) {
    auto tx = store_->Begin(TransactionMode::kRead);
    auto contact = FindContact(*tx, n > 100 ? n : 100 + n);
    EXPECT_TRUE(contact.has_value()) << n;
    return contact.value_or(Contact{});
  }

  testing::TempDir dir_;
  std::unique_ptr<testing::TestStore> store_;
};

// RULE HCR-15: nothing quoted before the column is lost. 1: quoted through 0048's call_references.
// 2: held among the intake items, as typed: carried over as a quoted one is kept, and out of the
// items, the checklist's own items untouched. 3: blank among the items: gone, nothing quoted. 4: no
// reference at all. 5: a different one among the items from 0048's: both kept, neither overwritten.
TEST_F(CallReferenceMigration, HCR15_AReferenceHeldAmongTheIntakeItemsIsCarriedOverToTheContactsOwnField) {
  ContactRow(1, "{}");
  ContactRow(2, R"({"call_reference":" fd-2026-000007 ","parental_responsibility":"Mother"})");
  ContactRow(3, R"({"call_reference":"  ","parental_responsibility":"Father"})");
  ContactRow(4, R"({"parental_responsibility":"Mother"})");
  ContactRow(5, R"({"call_reference":"FD-2026-000009"})");
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    for (const auto& [contact, given] : {std::pair{1, "FD-2026-000004"}, std::pair{5, "FD-2026-000008"}})
      tx->Execute("INSERT INTO call_references (contact_id, reference_given, call_contact_id, staff_note) "
                  "VALUES (?, ?, NULL, 'No contact has that reference')",
                  {100 + contact, given});
    tx->Commit();
  }

  const auto report = Migrate(*store_);
  EXPECT_EQ(report.to_version, AllMigrations().back().version);

  EXPECT_EQ(Read(1).intake.call_reference, "FD-2026-000004");
  const Contact carried = Read(2);
  EXPECT_EQ(carried.intake.call_reference, "FD-2026-000007");
  EXPECT_EQ(carried.intake.information, (std::map<std::string, std::string>{{"parental_responsibility", "Mother"}}));
  const Contact blank = Read(3);
  EXPECT_EQ(blank.intake.call_reference, "");
  EXPECT_EQ(blank.intake.information, (std::map<std::string, std::string>{{"parental_responsibility", "Father"}}));
  const Contact none = Read(4);
  EXPECT_EQ(none.intake.call_reference, "");
  EXPECT_EQ(none.intake.information, (std::map<std::string, std::string>{{"parental_responsibility", "Mother"}}));
  const Contact both = Read(5);
  EXPECT_EQ(both.intake.call_reference, "FD-2026-000008");
  EXPECT_EQ(both.intake.information.at("call_reference"), "FD-2026-000009");
  {
    auto tx = store_->Begin(TransactionMode::kRead);
    const auto quoted = CallReferenceOf(*tx, 101);
    ASSERT_TRUE(quoted.has_value());
    EXPECT_EQ(quoted->reference_given, "FD-2026-000004");
    EXPECT_EQ(quoted->staff_note, "No contact has that reference");
  }

  // Written and read with the rest of the contact from now on.
  Contact later = Read(4);
  later.reference = "FD-2026-000010";
  later.intake.call_reference = "FD-2026-000002";
  std::int64_t id = 0;
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    id = InsertContact(*tx, later, later.received_at);
    tx->Commit();
  }
  auto tx = store_->Begin(TransactionMode::kRead);
  EXPECT_EQ(FindContact(*tx, id)->intake.call_reference, "FD-2026-000002");
}

// A migration may run again (the runner applies what is above the highest version recorded): 0063's
// column is added once, and what it carried over stays as it was.
TEST_F(CallReferenceMigration, RunAgainItChangesNothing) {
  ContactRow(2, R"({"call_reference":"fd-2026-000007"})");
  Migrate(*store_, kCallReferenceColumn);
  {
    auto tx = store_->Begin(TransactionMode::kWrite);
    tx->Execute("DELETE FROM schema_migrations WHERE version = 63");
    tx->Commit();
  }
  // Up to its own number: a later migration would otherwise be the highest recorded.
  const auto report = Migrate(*store_, kCallReferenceColumn);
  ASSERT_EQ(report.applied.size(), 1u);
  EXPECT_EQ(report.applied[0], "0063_contact_call_reference");
  EXPECT_EQ(Read(2).intake.call_reference, "FD-2026-000007");
  EXPECT_TRUE(Read(2).intake.information.empty());
}

}  // namespace
}  // namespace fd::store
