// Relationship rules over HTTP (issue 8, point 1): a contact about a child whose case is open to a
// worker is worked by that worker and the team managers of their team; others read it and are told
// whom to ask.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/case_access.h"
#include "api_fixture.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class CaseAccess : public ApiTest {
 protected:
  // Tia's case is open to Lee Locality in the North Locality team; the fixture's own social worker
  // and team manager work the Front Door.
  void SetUp() override {
    ApiTest::SetUp();
    for (const auto& [username, role] : {std::pair{"lee", Role::kSocialWorker}, {"nia", Role::kTeamManager}}) {
      auto id = app::CreateUser(*ctx_, std::nullopt,
                                {username, username == std::string("lee") ? "Lee Locality" : "Nia North", "", role,
                                 "North Locality", kTestPassword});
      ASSERT_TRUE(id) << id.error().message;
      if (username == std::string("lee")) lee_id_ = *id;
    }
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO people (first_names, last_name, date_of_birth, open_case, allocated_user_id) "
                "VALUES ('Tia', 'Sample', '2012-10-03', 1, ?)",
                {lee_id_});
    tx->Commit();
    auto officer = SignedIn(Role::kContactOfficer);
    auto created = officer.SendJson(
        "POST", "/api/v1/contacts",
        {{"referrer", {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"},
                       {"email", "dsl@riverside.example.sch.uk"}}},
         {"children", json::array({{{"first_names", "Tia"}, {"last_name", "Sample"}, {"date_of_birth", "2012-10-03"},
                                    {"gender", "female"}, {"address", "4 Mill Lane"}}})},
         {"concern", "Tia said she is scared to go home."}});
    ASSERT_EQ(created.status, 201) << created.body;
    ASSERT_EQ(created.Json().at("queue"), "allocated-worker");
    contact_ = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  }

  HttpClient As(const std::string& username) {
    HttpClient client = Client();
    EXPECT_EQ(client.SignIn(username, kTestPassword).status, 201);
    return client;
  }

  std::int64_t lee_id_ = 0;
  std::string contact_;
};

// RULE IR-1: a request about a child open to a team is the allocated worker's; the front door
// reads the contact and the request, but only Lee and Lee's team managers answer it.
TEST_F(CaseAccess, IR1_OthersReadAnOpenCaseButOnlyTheAllocatedWorkerAndTheirManagersWorkIt) {
  auto front_door_worker = SignedIn(Role::kSocialWorker);
  auto front_door_manager = SignedIn(Role::kTeamManager);
  EXPECT_EQ(front_door_worker.Get(contact_).status, 200);
  EXPECT_EQ(front_door_manager.Get(contact_ + "/workflow").status, 200);

  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/information-requests",
                                  {{"type", "immigration"},
                                   {"requester_name", "Jo Duty"},
                                   {"requester_organisation", "UK Visas and Immigration"},
                                   {"requester_email", "jo.duty@homeoffice.gov.uk"},
                                   {"subject_first_names", "Tia"},
                                   {"subject_last_name", "Sample"},
                                   {"subject_date_of_birth", "2012-10-03"},
                                   {"details", "Is the child known?"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string request =
      "/api/v1/information-requests/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto routed = officer.SendJson("POST", request + "/decide", json::object());
  ASSERT_EQ(routed.status, 200) << routed.body;
  ASSERT_EQ(routed.Json().at("routed").at("route"), "allocated-worker") << routed.body;

  const json answer = {{"items", {{{"kind", "known"}, {"text", "Known: open to the North Locality team"}}}},
                       {"to", "jo.duty@homeoffice.gov.uk"},
                       {"channel", "email"}};
  for (HttpClient* other : {&officer, &front_door_worker, &front_door_manager}) {
    EXPECT_EQ(other->Get(request).status, 200);
    auto refused = other->SendJson("POST", request + "/answer", answer);
    ASSERT_EQ(refused.status, 403) << refused.body;
    EXPECT_NE(refused.Json().at("detail").get<std::string>().find("Lee Locality"), std::string::npos) << refused.body;
    EXPECT_EQ(other->SendJson("POST", request + "/refuse", {{"reason", "Not ours"}}).status, 403);
  }
  EXPECT_EQ(officer.Get(request).Json().at("status"), "routed");  // nothing changed

  // A manager of Lee's team may act on it (cover, supervision); Lee answers it.
  auto nia = As("nia");
  auto evidence = nia.SendJson("POST", request + "/evidence", {{"note", "Checked with Lee"}, {"identity_verified", true}});
  EXPECT_EQ(evidence.status, 200) << evidence.body;
  auto lee = As("lee");
  auto answered = lee.SendJson("POST", request + "/answer", answer);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.Json().at("status"), "answered");
}

// POSTs a page's form as a browser does, with the session's CSRF token.
HttpReply PostForm(HttpClient& client, const std::string& path, const std::string& fields = "") {
  return client.Send("POST", path, "csrf_token=" + client.csrf_token + (fields.empty() ? "" : "&" + fields),
                     {{"Content-Type", "application/x-www-form-urlencoded"}});
}

// RULE KCR-10: record checks rely on the register saying truly whether a child is subject of a
// child protection plan, so the plan (an open involvement) is the case holder's to end: Lee, who
// holds Tia's case, and Nia, a manager of Lee's team (issue 8 point 1, app/case_access.h). A
// manager or worker of another team (here the Front Door) is refused, told whom to ask, over the
// API and on the page, and may not open another involvement on the case either; history (an
// involvement already ended) is anyone's to record.
TEST_F(CaseAccess, KCR10_OnlyTheCaseHolderAndTheirTeamManagersEndAChildProtectionPlan) {
  std::int64_t tia = 0;
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    tia = tx->Query("SELECT id FROM people WHERE first_names = 'Tia'").at(0).Int(0);
  }
  const std::string person = "/api/v1/people/" + std::to_string(tia);
  auto lee = As("lee");
  auto plan = lee.SendJson("POST", person + "/involvements",
                           {{"kind", "child_protection_plan"}, {"started_on", "2026-01-12"},
                            {"allocated_user_id", lee_id_}, {"summary", "Plan after an ICPC"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::int64_t plan_id = plan.Json().at("involvements").at(0).at("id").get<std::int64_t>();
  const std::string close = "/api/v1/involvements/" + std::to_string(plan_id) + "/close";
  const std::string end_page = "/people/" + std::to_string(tia) + "/involvements/" + std::to_string(plan_id) + "/end";

  auto front_door_manager = SignedIn(Role::kTeamManager);
  auto front_door_worker = SignedIn(Role::kSocialWorker);
  for (HttpClient* other : {&front_door_manager, &front_door_worker}) {
    auto refused = other->SendJson("POST", close, {{"ended_on", "2026-02-01"}});
    ASSERT_EQ(refused.status, 403) << refused.body;
    const std::string detail = refused.Json().at("detail").get<std::string>();
    EXPECT_NE(detail.find("Lee Locality"), std::string::npos) << detail;
    EXPECT_NE(detail.find("child protection plan"), std::string::npos) << detail;
    // Nor may they open another involvement on Tia's open case; an ended one is history.
    auto opened = other->SendJson("POST", person + "/involvements",
                                  {{"kind", "looked_after"}, {"started_on", "2026-02-01"}});
    EXPECT_EQ(opened.status, 403) << opened.body;
    auto history = other->SendJson("POST", person + "/involvements",
                                   {{"kind", "early_help"}, {"started_on", "2020-01-06"}, {"ended_on", "2020-06-30"}});
    EXPECT_EQ(history.status, 201) << history.body;
    // The page offers no way to end it, and refuses the form either way.
    auto page = other->Get("/people/" + std::to_string(tia));
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("href=\"" + end_page + "\""), std::string::npos);
    EXPECT_EQ(other->Get(end_page).status, 403);
    auto posted = PostForm(*other, end_page);
    EXPECT_EQ(posted.status, 403) << posted.body;
    EXPECT_NE(posted.body.find("Lee Locality"), std::string::npos);
  }
  auto still = lee.Get(person);
  EXPECT_TRUE(still.Json().at("summary").at("child_protection_plan").get<bool>()) << still.body;

  // Lee sees the way to end it; Nia, a manager of Lee's team, ends it.
  EXPECT_NE(lee.Get("/people/" + std::to_string(tia)).body.find("href=\"" + end_page + "\""), std::string::npos);
  auto nia = As("nia");
  auto ended = PostForm(nia, end_page, "ended_on-day=1&ended_on-month=2&ended_on-year=2026");
  EXPECT_EQ(ended.status, 303) << ended.body;
  EXPECT_FALSE(lee.Get(person).Json().at("summary").at("child_protection_plan").get<bool>());
}

// The rule itself, without a server.
TEST(CaseAccessRule, AllocatedWorkerAndTheirTeamManagersOnly) {
  const app::CaseHolder holder{7, "Lee Locality", 3};
  app::Actor lee{7, "lee", "Lee Locality", Role::kSocialWorker, 3};
  app::Actor colleague{8, "sam", "Sam", Role::kSocialWorker, 3};
  app::Actor manager{9, "nia", "Nia", Role::kTeamManager, 3};
  app::Actor other_manager{10, "max", "Max", Role::kTeamManager, 4};
  app::Actor teamless_manager{11, "tom", "Tom", Role::kTeamManager, std::nullopt};
  EXPECT_TRUE(app::MayWorkOnCase(lee, holder));
  EXPECT_FALSE(app::MayWorkOnCase(colleague, holder));  // same team, but not a manager
  EXPECT_TRUE(app::MayWorkOnCase(manager, holder));
  EXPECT_FALSE(app::MayWorkOnCase(other_manager, holder));
  EXPECT_FALSE(app::MayWorkOnCase(teamless_manager, holder));
  EXPECT_TRUE(app::MayWorkOnCase(colleague, std::nullopt));  // held by the front door: the role decides
  const app::CaseHolder no_team{7, "Lee Locality", std::nullopt};
  EXPECT_FALSE(app::MayWorkOnCase(teamless_manager, no_team));
}

// RULE KCR-10: the same rule for ending or opening involvement on the register, and a case held by
// a team alone is its managers' to change.
TEST(CaseAccessRule, KCR10_TheCaseOnTheRegisterIsChangedByWhoeverHoldsIt) {
  const app::CaseHolder holder{7, "Lee Locality", 3};
  app::Actor lee{7, "lee", "Lee Locality", Role::kSocialWorker, 3};
  app::Actor colleague{8, "sam", "Sam", Role::kSocialWorker, 3};
  app::Actor manager{9, "nia", "Nia", Role::kTeamManager, 3};
  app::Actor other_manager{10, "max", "Max", Role::kTeamManager, 4};
  EXPECT_TRUE(app::MayChangeCase(lee, holder, "end it"));
  EXPECT_FALSE(app::MayChangeCase(colleague, holder, "end it"));
  EXPECT_TRUE(app::MayChangeCase(manager, holder, "end it"));
  auto refused = app::MayChangeCase(other_manager, holder, "end this involvement (child protection plan)");
  ASSERT_FALSE(refused);
  EXPECT_TRUE(refused.error().IsForbidden());
  EXPECT_NE(refused.error().message.find("Lee Locality"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("end this involvement (child protection plan)"), std::string::npos);
  app::CaseHolder team_only;
  team_only.team_id = 3;
  team_only.team_name = "North Locality";
  EXPECT_TRUE(app::MayChangeCase(manager, team_only, "end it"));
  EXPECT_FALSE(app::MayChangeCase(colleague, team_only, "end it"));
  auto other_team = app::MayChangeCase(other_manager, team_only, "end it");
  ASSERT_FALSE(other_team);
  EXPECT_NE(other_team.error().message.find("North Locality"), std::string::npos) << other_team.error().message;
  EXPECT_TRUE(app::MayChangeCase(other_manager, std::nullopt, "end it"));  // nobody holds it: the role decides
}

}  // namespace
}  // namespace fd::testing
