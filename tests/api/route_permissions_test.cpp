// The route × role walk (issue 8, point 1): every route the server has, tried by every role,
// against the route × action table (api/route_permissions.h) and the role × action table
// (app/permissions.h). A route added without an entry fails here; so does a role let into a
// route its actions do not allow, or refused one they do.
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "api/route_permissions.h"
#include "api/session_guard.h"
#include "api_fixture.h"
#include "mia_example.h"
#include "support/route_target.h"

namespace fd::testing {
namespace {

using nlohmann::json;

constexpr Role kRoles[] = {Role::kContactOfficer, Role::kSocialWorker,          Role::kTeamManager,
                           Role::kHubAdviser,     Role::kCpCoordinator,         Role::kCpChair,
                           Role::kDataProtectionOfficer, Role::kAnalyst,        Role::kAdministrator,
                           Role::kPartner};

// The routes that need no sign-in, as docs/security.md lists them.
const std::set<std::string> kDocumentedPublic = {
    "GET /healthz",     "GET /readyz",   "GET /static/{*}",          "GET /assets/{*}",
    "GET /sign-in",     "POST /sign-in", "POST /api/v1/session",     "GET /request-for-support",
    "POST /request-for-support",         "POST /api/v1/portal/contacts",  "GET /api/v1/portal/urgent-advice",
    "GET /status/{secret}",              "GET /api/v1/status/{secret}",
    "GET /api/v1/openapi.yaml"};

std::string Name(const http::Route& route) { return route.method + " " + route.pattern; }

class RoutePermissions : public ApiTest {
 protected:
  // The records include a hub consultation, taken only while the line is open (HCR-8): the test
  // runs on the next Wednesday at 10:00 UTC (never a bank holiday), whatever the time of the run.
  void SetUp() override {
    ApiTest::SetUp();
    using namespace std::chrono;
    const sys_days today = floor<days>(clock_.Now());
    sys_days day = today + days(1);
    while (weekday(day) != Wednesday) day += days(1);
    const year_month_day date(day);
    const bool holiday = (date.month() == December && (date.day() == 25d || date.day() == 26d)) ||
                         (date.month() == January && date.day() == 1d);
    if (holiday) day += days(7);
    clock_.Advance(duration_cast<seconds>(sys_seconds(day) + hours(10) - clock_.Now()));
  }
  // Real records for the {id}s, so an allowed role reaches a real record and the use case's own
  // checks are exercised too (not only "not found").
  void MakeRecords() {
    auto officer = SignedIn(Role::kContactOfficer);
    auto contact = officer.SendJson(
        "POST", "/api/v1/contacts",
        {{"referrer",
          {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"},
           {"phone", "01632 960 001"}, {"email", "dsl@riverside.example.sch.uk"}}},
         {"children",
          json::array({{{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                        {"gender", "female"}, {"address", "12 Orchard Way"}}})},
         {"concern", "Arrived hungry three days running."}});
    ASSERT_EQ(contact.status, 201) << contact.body;
    ids_["contact"] = std::to_string(contact.Json().at("id").get<std::int64_t>());

    auto consultation = officer.SendJson("POST", "/api/v1/consultations",
                                         {{"type", "hub"},
                                          {"consultee_name", "Priya Shah"},
                                          {"consultee_organisation", "Elm Primary"},
                                          {"consultee_phone", "01632 960 001"},
                                          {"caller_type", "school"},
                                          {"summary", "A pupil is often hungry; what should we do?"},
                                          {"safeguarding_lead_consulted", true}});
    ASSERT_EQ(consultation.status, 201) << consultation.body;
    ids_["consultation"] = std::to_string(consultation.Json().at("id").get<std::int64_t>());

    // The fixture's procedures (Hertfordshire) offer no chair consultations: chair routes take an
    // id that does not exist, which the guard decides on before the handler looks.
    ids_["chair"] = "999999";
    auto worker = SignedIn(Role::kSocialWorker);
    auto person = worker.SendJson("POST", "/api/v1/people", MiaForTheRegister());
    ASSERT_EQ(person.status, 201) << person.body;
    ids_["person"] = std::to_string(person.Json().at("id").get<std::int64_t>());

    const json request = {{"requester_name", "Jo Duty"},
                          {"requester_organisation", "UK Visas and Immigration"},
                          {"requester_email", "jo.duty@homeoffice.gov.uk"},
                          {"subject_first_names", "Mia"},
                          {"subject_last_name", "Example"},
                          {"subject_date_of_birth", "2017-05-14"},
                          {"details", "Is the child known?"}};
    json immigration = request;
    immigration["type"] = "immigration";
    auto front_door = officer.SendJson("POST", "/api/v1/information-requests", immigration);
    ASSERT_EQ(front_door.status, 201) << front_door.body;
    ids_["request"] = std::to_string(front_door.Json().at("id").get<std::int64_t>());
    json subject_access = request;
    subject_access["type"] = "subject-access";
    auto dpo = SignedIn(Role::kDataProtectionOfficer).SendJson("POST", "/api/v1/information-requests", subject_access);
    ASSERT_EQ(dpo.status, 201) << dpo.body;
    ids_["dp-request"] = std::to_string(dpo.Json().at("id").get<std::int64_t>());

    // An account of its own for the administrator's routes to disable, enable and move: not one of
    // the walk's signed-in users, whose sessions would end.
    auto spare = app::CreateUser(*ctx_, std::nullopt,
                                 {"spare", "Spare Account", "", Role::kSocialWorker, "Front Door", kTestPassword});
    ASSERT_TRUE(spare.has_value());
    ids_["user"] = std::to_string(*spare);
  }

  // The route's pattern with real ids in its {…} segments. The data protection officer works the
  // Data Protection Team's requests (IR-9), so theirs is a subject access request.
  std::string Concrete(const std::string& pattern, Role role) const {
    return FillRoute(pattern, [&] { return std::optional(ids_.at(RouteRecordKind(pattern, role))); }, "999999");
  }

  std::map<std::string, std::string> ids_;
};

// Every signed-in route has an entry, and no entry names a route that does not exist.
TEST_F(RoutePermissions, EveryRouteHasAnEntryAndEveryEntryARoute) {
  std::set<std::string> routes, public_routes;
  for (const auto& route : service_->router().routes()) {
    if (route.access == http::Access::kPublic) {
      public_routes.insert(Name(route));
      continue;
    }
    routes.insert(Name(route));
    EXPECT_NE(api::FindRoutePermission(route.method, route.pattern), nullptr)
        << Name(route) << " has no entry in src/api/route_permissions.cpp: decide which actions let a role in";
  }
  EXPECT_EQ(public_routes, kDocumentedPublic);
  for (const auto& p : api::AllRoutePermissions())
    EXPECT_TRUE(routes.contains(std::string(p.method) + " " + std::string(p.pattern)))
        << p.method << " " << p.pattern << " is in the table but is not a signed-in route";
}

// Every route × every role: refused (403, before the handler reads anything) exactly when none of
// the route's actions is allowed to the role; otherwise never 401 or 403 on a real record.
TEST_F(RoutePermissions, EveryRouteWithEveryRoleMatchesTheTable) {
  MakeRecords();
  std::map<Role, HttpClient> clients;
  for (Role role : kRoles) clients.emplace(role, SignedIn(role));
  int checked = 0, refused = 0;
  for (const auto& route : service_->router().routes()) {
    if (route.access == http::Access::kPublic) continue;
    const api::RoutePermission* permission = api::FindRoutePermission(route.method, route.pattern);
    if (!permission) continue;  // reported by the test above
    for (Role role : kRoles) {
      HttpClient& client = clients.at(role);
      const std::string target = Concrete(route.pattern, role);
      const bool api = target.starts_with("/api/");
      HttpReply reply;
      if (!api::IsUnsafeMethod(route.method))
        reply = client.Get(target);
      else if (api)
        reply = client.Send(route.method, target, "{}",
                            {{"Content-Type", "application/json"}, {"X-CSRF-Token", client.csrf_token}});
      else
        reply = client.Send(route.method, target, "csrf_token=" + client.csrf_token,
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
      const std::string what = Name(route) + " as " + std::string(RoleId(role)) + " (" + target + ")";
      if (api::RoleMayReach(role, *permission)) {
        EXPECT_NE(reply.status, 403) << what << ": " << reply.body.substr(0, 300);
        EXPECT_NE(reply.status, 401) << what;
      } else {
        EXPECT_EQ(reply.status, 403) << what << ": " << reply.body.substr(0, 300);
        if (api) {
          EXPECT_EQ(reply.Header("content-type"), "application/problem+json") << what;
        }
        ++refused;
      }
      ++checked;
      // Signing out ends the session the walk uses: sign in again.
      if (Name(route) == "POST /sign-out" || Name(route) == "DELETE /api/v1/session")
        clients.insert_or_assign(role, SignedIn(role));
    }
  }
  EXPECT_GT(checked, 1000);
  EXPECT_GT(refused, 300);
}

// A refusal at the route happens before the body is read: a refused role sending nonsense gets
// 403 naming what their role may not do, never a validation answer that shows the form's fields.
TEST_F(RoutePermissions, RefusalComesBeforeTheBodyIsRead) {
  MakeRecords();
  auto analyst = SignedIn(Role::kAnalyst);
  auto reply = analyst.Send("POST", "/api/v1/contacts/" + ids_.at("contact") + "/decision", "not json",
                            {{"Content-Type", "application/json"}, {"X-CSRF-Token", analyst.csrf_token}});
  ASSERT_EQ(reply.status, 403) << reply.body;
  EXPECT_NE(reply.Json().at("detail").get<std::string>().find("Performance analyst"), std::string::npos) << reply.body;
  auto page = analyst.Get("/contacts/new");
  ASSERT_EQ(page.status, 403);
  EXPECT_NE(page.body.find("You cannot do this"), std::string::npos);
}

}  // namespace
}  // namespace fd::testing
