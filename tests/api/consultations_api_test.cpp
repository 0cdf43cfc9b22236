// Consultation requests over real HTTP (Hertfordshire pack in the fixture: the Consultation Hub).
#include "api_fixture.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using ConsultationsApi = ApiTest;

json HubRequest() {
  return {{"type", "hub"},
          {"consultee_name", "Priya Shah"},
          {"consultee_organisation", "Elm Primary"},
          {"consultee_phone", "01632 960 001"},
          {"caller_type", "school"},
          {"summary", "A pupil is often hungry; what should we do?"},
          {"safeguarding_lead_consulted", true}};
}

// RULE HCR-7: the hub advises schools, early years settings and Families First key workers only;
// a refusal is answered with the rule and the route to take instead.
TEST_F(ConsultationsApi, HCR7_TheHubRefusesOtherCallersWithTheRoute) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = HubRequest();
  body["caller_type"] = "health";
  auto refused = officer.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
  EXPECT_EQ(refused.Json().at("rule"), "HCR-7");
  EXPECT_FALSE(refused.Json().at("route").get<std::string>().empty());
}

// RULE FDS-7: a consultation request has no child-identity fields: sending one is refused by name.
TEST_F(ConsultationsApi, FDS7_ChildIdentityFieldsAreRefusedByName) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = HubRequest();
  body["child_name"] = "Mia Example";
  auto refused = officer.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(refused.status, 422);
  EXPECT_EQ(refused.Json().at("errors").at(0).at("field"), "child_name");
  body.erase("child_name");
  body["type"] = "no-named";  // a Kent consultation: not offered by this authority's procedures
  auto wrong_type = officer.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(wrong_type.status, 422);
  EXPECT_EQ(wrong_type.Json().at("errors").at(0).at("field"), "type");
  EXPECT_EQ(SignedIn(Role::kAnalyst).SendJson("POST", "/api/v1/consultations", HubRequest()).status, 403);
}

// The allocated worker the child is open to: a field of the wrong type, or one that is not a field,
// is named in a 422 (a number as the name was once a 500, the exception escaping the handler).
TEST_F(ConsultationsApi, ChildOpenToFieldsOfTheWrongTypeAreNamed) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = HubRequest();
  body["child_open_to"] = {{"name", 5}, {"team", "Hub"}};
  auto refused = officer.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Json().at("errors").at(0).at("field"), "child_open_to.name");
  body["child_open_to"] = {{"team", "Hub"}, {"ward", "3"}};
  refused = officer.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Json().at("errors").at(0).at("field"), "child_open_to.ward");
  body["child_open_to"] = {{"name", nullptr}, {"team", "Hub"}};
  EXPECT_NE(officer.SendJson("POST", "/api/v1/consultations", body).status, 500);
}

}  // namespace
}  // namespace fd::testing

namespace fd::testing {
namespace {

// Kent's 2017 CRU procedures on a fixed Tuesday morning, so the line is open whatever the time of
// the run.
class NamedConsultationsApi : public ApiTest {
 protected:
  void Configure(service::ServiceOptions&) override {
    procedures_ = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent").value();
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, fixed_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
  app::FixedClock fixed_{*ParseUtc("2019-03-05T10:00:00Z")};
};

// RULE CRU-3 RULE CRU-4 RULE FDS-8: over HTTP, a named consultation is checked against the register
// and answered with whom to contact only; recorded as safeguarding it goes on the child's record;
// nobody but an adviser reads it, and there is no route for a consultee at all.
TEST_F(NamedConsultationsApi, CRU3_CRU4_RegisterCheckRecordAndNoRouteForTheConsultee) {
  auto officer = SignedIn(Role::kContactOfficer);
  json request = {{"type", "named"},
                  {"consultee_name", "Priya Shah"},
                  {"consultee_organisation", "Riverside Primary"},
                  {"consultee_phone", "01632 960 001"},
                  {"caller_type", "school"},
                  {"summary", "Noah is often hungry. What next?"},
                  {"safeguarding_lead_consulted", true},
                  {"parent_discussed", true},
                  {"child", {{"first_names", "Noah"}, {"last_name", "Sample"}, {"date_of_birth", "2014-02-11"}}}};
  auto created = officer.SendJson("POST", "/api/v1/consultations", request);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/consultations/" + std::to_string(created.Json().at("id").get<std::int64_t>());

  auto worker = SignedIn(Role::kSocialWorker);
  auto checked = worker.SendJson("POST", path + "/register-check", json::object());
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_NE(checked.Json().at("register_answer").get<std::string>().find("no allocated worker"), std::string::npos);

  auto bad = worker.SendJson("POST", path + "/record", {{"advice", "x"}, {"decision", "refer"}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Json().at("errors").at(0).at("field"), "decision");
  auto recorded = worker.SendJson("POST", path + "/record",
                                  {{"questions", "Is this neglect?"}, {"advice", "Make an IAR now."}, {"safeguarding", true}});
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  EXPECT_TRUE(recorded.Json().at("on_child_record").get<bool>());
  EXPECT_EQ(recorded.Json().at("retention").at("class"), "child-record");

  // FDS-8: the record is for advisers; the officer who took the call, and anyone not signed in, get nothing.
  EXPECT_EQ(officer.Get(path).status, 403);
  EXPECT_EQ(Client().Get(path).status, 401);
}

}  // namespace
}  // namespace fd::testing
