// The use cases the register's pages added (app/people.h): ending an address — the person moved
// out, and with nowhere current left they leave that household — and the workers and teams an
// involvement may be allocated to.
#include <algorithm>

#include "app/people.h"
#include "app_fixture.h"
#include "audit/audit_log.h"

namespace fd::app {
namespace {

class PeopleRegisterFormsTest : public AppTest {
 protected:
  Actor Worker() { return UserWithRole(Role::kSocialWorker); }

  std::int64_t Record(const std::string& first, const std::string& last, const std::string& address) {
    PersonDraft d;
    d.first_names = first;
    d.last_name = last;
    d.date_of_birth = "2017-05-14";
    d.address = address;
    d.address_from = "2020-01-01";
    auto v = RecordPerson(ctx_, Worker(), d);
    EXPECT_TRUE(v.has_value()) << (v ? "" : v.error().message);
    return v ? v->id : 0;
  }

  std::int64_t Count(const std::string& sql, const store::Params& params = {}) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query(sql, params).at(0).Int(0);
  }
};

const FieldError* Field(const Error& e, const std::string& name) {
  for (const auto& f : e.fields)
    if (f.field == name) return &f;
  return nullptr;
}

// RULE KCR-10: the register keeps where a child lived and when; ending an address keeps it as
// history, and someone who moved out is no longer shown in that household.
TEST_F(PeopleRegisterFormsTest, KCR10_EndingAnAddressKeepsItAsHistoryAndLeavesTheHousehold) {
  const std::string home = "12 Orchard Way, Exampleton EX1 2AB";
  const auto mia = Record("Mia", "Example", home);
  const auto sam = Record("Sam", "Example", home);
  auto before = GetPerson(ctx_, Worker(), mia);
  ASSERT_TRUE(before.has_value());
  ASSERT_EQ(before->household.size(), 1u);
  ASSERT_EQ(before->addresses.size(), 1u);
  const auto address_id = before->addresses[0].id;

  // Every problem is named, and nothing changes.
  auto future = CloseAddress(ctx_, Worker(), mia, address_id, "2027-01-01");
  ASSERT_FALSE(future.has_value());
  ASSERT_NE(Field(future.error(), "to_date"), nullptr);
  // A message starts with a capital letter, whatever the field's words.
  EXPECT_EQ(Field(future.error(), "to_date")->message, "The date they moved out cannot be in the future");
  auto early = CloseAddress(ctx_, Worker(), mia, address_id, "2019-12-31");
  ASSERT_FALSE(early.has_value());
  ASSERT_NE(Field(early.error(), "to_date"), nullptr);
  EXPECT_NE(Field(early.error(), "to_date")->message.find("1 January 2020"), std::string::npos);
  EXPECT_TRUE(CloseAddress(ctx_, Worker(), mia, address_id, "30/01/2026").error().IsInvalid());
  EXPECT_TRUE(CloseAddress(ctx_, Worker(), mia, 4242, "").error().IsNotFound());
  // Another person's address is not this record's.
  const auto sams_address = GetPerson(ctx_, Worker(), sam)->addresses.at(0).id;
  EXPECT_TRUE(CloseAddress(ctx_, Worker(), mia, sams_address, "").error().IsNotFound());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_addresses WHERE to_date IS NOT NULL AND to_date <> ''"), 0);

  auto ended = CloseAddress(ctx_, Worker(), mia, address_id, "2026-11-01");
  ASSERT_TRUE(ended.has_value()) << ended.error().message;
  ASSERT_EQ(ended->addresses.size(), 1u);
  EXPECT_EQ(ended->addresses[0].to_date, "2026-11-01");
  EXPECT_FALSE(ended->current_address.has_value());
  EXPECT_TRUE(ended->person.household.empty());
  EXPECT_TRUE(ended->household.empty());
  EXPECT_TRUE(GetPerson(ctx_, Worker(), sam)->household.empty());
  EXPECT_EQ(CloseAddress(ctx_, Worker(), mia, address_id, "").error().code, ErrorCode::kConflict);

  // Audited, and the match index is told.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'person.address_closed' AND record_id = ?",
                  {std::to_string(mia)}),
            1);
  EXPECT_GT(Count("SELECT COUNT(*) FROM person_changes WHERE person_id = ?", {mia}), 1);
}

TEST_F(PeopleRegisterFormsTest, EndingOneOfTwoCurrentAddressesKeepsTheHousehold) {
  const auto mia = Record("Mia", "Example", "12 Orchard Way, Exampleton EX1 2AB");
  AddressDraft second{"3 Station Road, Exampleton EX3 1ZZ", "", "2024-01-01", "", false};
  auto added = AddAddress(ctx_, Worker(), mia, second);
  ASSERT_TRUE(added.has_value()) << added.error().message;
  const std::string household = added->person.household;
  ASSERT_FALSE(household.empty());
  const auto station = std::find_if(added->addresses.begin(), added->addresses.end(),
                                    [](const store::PersonAddress& a) { return a.postcode == "EX31ZZ"; });
  ASSERT_NE(station, added->addresses.end());
  auto ended = CloseAddress(ctx_, Worker(), mia, station->id, "");
  ASSERT_TRUE(ended.has_value()) << ended.error().message;
  EXPECT_EQ(ended->person.household, household);
  ASSERT_TRUE(ended->current_address.has_value());
  EXPECT_EQ(ended->current_address->postcode, "EX12AB");
}

TEST_F(PeopleRegisterFormsTest, OnlyRolesThatManageTheRegisterEndAddressesOrSeeWhoToAllocate) {
  const auto mia = Record("Mia", "Example", "12 Orchard Way, Exampleton EX1 2AB");
  const auto address_id = GetPerson(ctx_, Worker(), mia)->addresses.at(0).id;
  const Actor officer = UserWithRole(Role::kContactOfficer);
  EXPECT_EQ(CloseAddress(ctx_, officer, mia, address_id, "").error().code, ErrorCode::kForbidden);
  EXPECT_EQ(ListAllocationChoices(ctx_, officer).error().code, ErrorCode::kForbidden);

  UserWithRole(Role::kTeamManager);
  UserWithRole(Role::kCpChair);
  auto choices = ListAllocationChoices(ctx_, Worker());
  ASSERT_TRUE(choices.has_value());
  std::vector<std::string> workers;
  for (const auto& w : choices->workers) workers.push_back(w.name);
  EXPECT_EQ(workers, (std::vector<std::string>{"Test social_worker", "Test team_manager"}));
  ASSERT_EQ(choices->teams.size(), 1u);
  EXPECT_EQ(choices->teams[0].name, "Front Door");
}

}  // namespace
}  // namespace fd::app
