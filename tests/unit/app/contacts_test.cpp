#include "app/contacts.h"

#include "app/permissions.h"
#include "app_fixture.h"
#include "audit/audit_log.h"

namespace fd::app {
namespace {

using ContactsTest = AppTest;

ContactDraft SchoolDraft() {
  ContactDraft d;
  d.referrer_type = "school";
  d.referrer_name = "Priya Shah";
  d.referrer_agency = "Riverside Primary";
  d.referrer_phone = "01632 960 001";  // KCR-17: the address is not a secure one
  d.referrer_email = "dsl@riverside.example.sch.uk";
  d.children.push_back({"Mia", "Example", "2017-05-14", "", "female", "12 Orchard Way", "Riverside", "", "subject"});
  d.concern = "Arrived hungry three days running.";
  return d;
}

// RULE KCR-18: every contact is recorded, with a reference, its received time and who recorded it.
TEST_F(ContactsTest, KCR18_RecordsAContactWithReferenceTimeAndAuditEvent) {
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto contact = RecordContact(ctx_, officer, SchoolDraft());
  ASSERT_TRUE(contact.has_value()) << contact.error().message;
  EXPECT_EQ(contact->reference, "FD-2026-000001");
  EXPECT_EQ(contact->received_at, clock_.Now());
  auto again = RecordContact(ctx_, officer, SchoolDraft());
  EXPECT_EQ(again->reference, "FD-2026-000002");

  auto read = GetContact(ctx_, officer, contact->id);
  ASSERT_TRUE(read.has_value());
  EXPECT_EQ(read->children.at(0).first_names, "Mia");
  EXPECT_EQ(read->recorded_by, officer.user_id);

  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto events = tx->Query("SELECT actor, action FROM audit_events WHERE record_type = 'contact' AND record_id = ?",
                          {std::to_string(contact->id)});
  ASSERT_EQ(events.size(), 1u);
  EXPECT_EQ(events[0].Text(0), "contact_officer");
  EXPECT_EQ(events[0].Text(1), "contact.created");
  tx.reset();
  EXPECT_TRUE(audit::Verify(*store_).intact);
}

TEST_F(ContactsTest, ReferenceYearIsTheLocalYear) {
  // 23:30 UTC on 31 December is still 2026 in London (GMT); BST does not apply in winter.
  clock_.Set(*ParseUtc("2026-12-31T23:30:00Z"));
  auto contact = RecordContact(ctx_, UserWithRole(Role::kContactOfficer), SchoolDraft());
  EXPECT_EQ(contact->reference, "FD-2026-000001");
  clock_.Set(*ParseUtc("2027-01-01T00:30:00Z"));
  contact = RecordContact(ctx_, UserWithRole(Role::kContactOfficer), SchoolDraft());
  EXPECT_EQ(contact->reference, "FD-2027-000001");
}

TEST_F(ContactsTest, InvalidDraftWritesNothing) {
  auto draft = SchoolDraft();
  draft.concern = "";
  auto contact = RecordContact(ctx_, UserWithRole(Role::kContactOfficer), draft);
  ASSERT_FALSE(contact.has_value());
  EXPECT_EQ(contact.error().fields.at(0).field, "concern");
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM contacts").at(0).Int(0), 0);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.created'").at(0).Int(0), 0);
}

TEST_F(ContactsTest, RolesWithoutTheRightAreRefused) {
  for (Role role : {Role::kAnalyst, Role::kAdministrator, Role::kDataProtectionOfficer}) {
    auto refused = RecordContact(ctx_, UserWithRole(role), SchoolDraft());
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
    EXPECT_EQ(ListContacts(ctx_, UserWithRole(role), 1, 10).error().code, ErrorCode::kForbidden);
  }
}

TEST_F(ContactsTest, ListIsNewestFirstAndPaged) {
  const Actor officer = UserWithRole(Role::kContactOfficer);
  for (int i = 0; i < 5; ++i) {
    clock_.Set(clock_.Now() + std::chrono::minutes(1));
    ASSERT_TRUE(RecordContact(ctx_, officer, SchoolDraft()).has_value());
  }
  auto first = ListContacts(ctx_, officer, 1, 2);
  ASSERT_TRUE(first.has_value());
  EXPECT_EQ(first->total, 5);
  ASSERT_EQ(first->contacts.size(), 2u);
  EXPECT_EQ(first->contacts[0].reference, "FD-2026-000005");
  EXPECT_EQ(first->contacts[1].reference, "FD-2026-000004");
  EXPECT_EQ(first->contacts[0].children.size(), 1u);
  auto last = ListContacts(ctx_, officer, 3, 2);
  ASSERT_EQ(last->contacts.size(), 1u);
  EXPECT_EQ(last->contacts[0].reference, "FD-2026-000001");
  EXPECT_FALSE(ListContacts(ctx_, officer, 0, 2).has_value());
  EXPECT_FALSE(ListContacts(ctx_, officer, 1, 1000).has_value());
}

TEST_F(ContactsTest, UnknownContactIsNotFound) {
  auto missing = GetContact(ctx_, UserWithRole(Role::kSocialWorker), 999);
  ASSERT_FALSE(missing.has_value());
  EXPECT_EQ(missing.error().code, ErrorCode::kNotFound);
}

TEST(Permissions, EveryActionHasARowAndEveryRoleIsConsidered) {
  for (Action action : AllActions()) {
    EXPECT_FALSE(ActionId(action).empty());
    int allowed = 0;
    for (Role role : AllRoles()) allowed += IsAllowed(role, action);
    EXPECT_GT(allowed, 0) << ActionId(action);
  }
  EXPECT_FALSE(IsAllowed(Role::kAnalyst, Action::kViewContact));  // figures, not children's records
}

}  // namespace
}  // namespace fd::app
