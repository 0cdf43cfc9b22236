// Read audit (app/record_access.h, issue 8 point 3): which reads are views, and which views count as
// views of a person's records — those of records merged into them, and of a contact opened before
// its child was linked to them.
#include "app/record_access.h"

#include <cctype>
#include <atomic>
#include <chrono>
#include <thread>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/contacts.h"
#include "app/people.h"
#include "app/read_audit.h"
#include "audit/audit_log.h"
#include "app/workflow.h"
#include "app_fixture.h"

namespace fd::app {
namespace {

class RecordAccessTest : public AppTest {
 protected:
  std::int64_t Record(const std::string& first, const std::string& dob) {
    PersonDraft d;
    d.first_names = first;
    d.last_name = "Example";
    d.date_of_birth = dob;
    auto v = RecordPerson(ctx_, UserWithRole(Role::kSocialWorker), d);
    EXPECT_TRUE(v.has_value()) << (v ? "" : v.error().message);
    return v ? v->id : 0;
  }

  std::int64_t ContactAboutMia() {
    ContactDraft d;
    d.referrer_type = "school";
    d.referrer_name = "Priya Shah";
    d.referrer_agency = "Riverside Primary";
    d.referrer_phone = "01632 960 001";  // KCR-17: the address is not a secure one
    d.referrer_email = "dsl@riverside.example.sch.uk";
    d.children.push_back({"Mia", "Example", "2017-05-14", "", "female", "12 Orchard Way", "Riverside", "", "subject"});
    d.concern = "Arrived hungry three days running.";
    auto c = RecordContact(ctx_, UserWithRole(Role::kContactOfficer), d);
    EXPECT_TRUE(c.has_value());
    return c ? c->id : 0;
  }

  std::int64_t Views(const std::string& action) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ?", {action}).at(0).Int(0);
  }

  Actor Dpo() { return UserWithRole(Role::kDataProtectionOfficer); }
};

// Only the Open… reads are views: GetContact and GetWorkflow (re-reads after a change) append nothing.
TEST_F(RecordAccessTest, OnlyOpeningAppendsAViewEvent) {
  const auto contact = ContactAboutMia();
  const Actor worker = UserWithRole(Role::kSocialWorker);
  ASSERT_TRUE(GetContact(ctx_, worker, contact).has_value());
  ASSERT_TRUE(GetWorkflow(ctx_, worker, contact).has_value());
  EXPECT_EQ(Views("contact.viewed"), 0);
  ASSERT_TRUE(OpenContact(ctx_, worker, contact).has_value());
  ASSERT_TRUE(OpenWorkflow(ctx_, worker, contact).has_value());
  EXPECT_EQ(Views("contact.viewed"), 2);
  // A refused or missing read is not a view.
  EXPECT_FALSE(OpenContact(ctx_, UserWithRole(Role::kAnalyst), contact).has_value());
  EXPECT_FALSE(OpenWorkflow(ctx_, worker, 999).has_value());
  EXPECT_EQ(Views("contact.viewed"), 2);
}

// A contact opened before its child was linked counts, since it was about the child all along; the
// register record merged into the person counts too. The listing is audited.
TEST_F(RecordAccessTest, LinksAndMergesAsTheyAreNow) {
  const auto mia = Record("Mia", "2017-05-14");
  const auto duplicate = Record("Mia", "2017-05-14");
  const auto contact = ContactAboutMia();
  const Actor worker = UserWithRole(Role::kSocialWorker);
  ASSERT_TRUE(OpenContact(ctx_, worker, contact).has_value());
  ASSERT_TRUE(GetPerson(ctx_, worker, duplicate).has_value());

  auto before = ListRecordAccess(ctx_, Dpo(), mia, 1, 25);
  ASSERT_TRUE(before.has_value());
  EXPECT_EQ(before->total, 0);

  ASSERT_TRUE(ConfirmChildMatch(ctx_, UserWithRole(Role::kContactOfficer), contact, 0, mia).has_value());
  ASSERT_TRUE(MergePeople(ctx_, UserWithRole(Role::kTeamManager), mia, duplicate, "The same child").has_value());
  auto after = ListRecordAccess(ctx_, Dpo(), mia, 1, 25);
  ASSERT_TRUE(after.has_value());
  ASSERT_EQ(after->total, 2);
  EXPECT_EQ(after->views[0].kind, "person");
  EXPECT_EQ(after->views[0].record_id, duplicate);
  EXPECT_EQ(after->views[1].kind, "contact");
  EXPECT_EQ(after->views[1].record_id, contact);
  EXPECT_EQ(after->views[1].user, "Test social_worker");
  EXPECT_EQ(after->views[1].role_title, "Social worker");
  EXPECT_EQ(Views("record-access.listed"), 2);

  // Paging is checked; other roles are refused; an unknown person is not found.
  EXPECT_EQ(ListRecordAccess(ctx_, Dpo(), mia, 0, 25).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(ListRecordAccess(ctx_, Dpo(), mia, 1, kMaxRecordAccessPageSize + 1).error().code, ErrorCode::kInvalid);
  EXPECT_EQ(ListRecordAccess(ctx_, worker, mia, 1, 25).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(ListRecordAccess(ctx_, Dpo(), 4242, 1, 25).error().code, ErrorCode::kNotFound);
  EXPECT_EQ(Views("record-access.listed"), 2);
}

// The DPO finds whose records by register number or by a contact's reference (its linked children).
TEST_F(RecordAccessTest, FindsThePersonByNumberOrContactReference) {
  const auto mia = Record("Mia", "2017-05-14");
  const auto contact = ContactAboutMia();
  std::string reference;
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    reference = tx->Query("SELECT reference FROM contacts WHERE id = ?", {contact}).at(0).Text(0);
  }
  EXPECT_EQ(FindRecordAccessPeople(ctx_, Dpo(), reference).error().fields.at(0).field, "person");  // not linked yet
  ASSERT_TRUE(ConfirmChildMatch(ctx_, UserWithRole(Role::kContactOfficer), contact, 0, mia).has_value());
  EXPECT_EQ(FindRecordAccessPeople(ctx_, Dpo(), " " + std::to_string(mia) + " ").value(), std::vector<std::int64_t>{mia});
  std::string lower = reference;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  EXPECT_EQ(FindRecordAccessPeople(ctx_, Dpo(), lower).value(), std::vector<std::int64_t>{mia});
  EXPECT_EQ(FindRecordAccessPeople(ctx_, Dpo(), "").error().code, ErrorCode::kInvalid);
  EXPECT_EQ(FindRecordAccessPeople(ctx_, Dpo(), "4242").error().code, ErrorCode::kInvalid);
  EXPECT_EQ(FindRecordAccessPeople(ctx_, UserWithRole(Role::kTeamManager), reference).error().code,
            ErrorCode::kForbidden);
}

// Views that arrive while a batch is being written wait, and are written together in the next: one
// transaction for all of them (app/read_audit.h). Every view is in the log, in a chain that verifies,
// and none returns before its batch is committed.
TEST_F(RecordAccessTest, ViewsArrivingTogetherShareOneTransaction) {
  const Actor worker = UserWithRole(Role::kSocialWorker);
  const Instant now = clock_.Now();
  ReadAudit audit;
  constexpr int kViewers = 6;
  std::atomic<int> returned{0};
  std::vector<std::thread> viewers;
  {
    // Another writer holds the write lock, so the first viewer's batch (itself alone) waits for it and
    // the other five queue behind that batch.
    auto held = store_->Begin(store::TransactionMode::kWrite);
    audit::Append(*held, {now, std::nullopt, "system", "test.writer", "test", "1", {}});
    for (int i = 0; i < kViewers; ++i)
      viewers.emplace_back([&, i] {
        audit.Record(*store_, {now, worker.user_id, worker.username, "contact.viewed", "contact",
                               std::to_string(100 + i), {{"person_ids", nlohmann::json::array()}}});
        ++returned;
      });
    const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(20);
    while (audit.queued() < kViewers - 1 && std::chrono::steady_clock::now() < give_up)
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    EXPECT_EQ(audit.queued(), static_cast<std::size_t>(kViewers - 1));
    EXPECT_EQ(returned.load(), 0);  // nobody's view is shown while it is not yet written
    held->Commit();
  }
  for (auto& v : viewers) v.join();
  EXPECT_EQ(returned.load(), kViewers);
  EXPECT_EQ(audit.views(), static_cast<std::uint64_t>(kViewers));
  EXPECT_EQ(audit.batches(), 2u);
  EXPECT_EQ(Views("contact.viewed"), kViewers);
  EXPECT_TRUE(audit::Verify(*store_).intact);
}

}  // namespace
}  // namespace fd::app
