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

}  // namespace
}  // namespace fd::testing
