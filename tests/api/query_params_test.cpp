// Finding 9 of the manager's review: a page or API route given a parameter it cannot take, a value a
// parameter cannot have, or a parameter twice, says so and names it, rather than showing a different
// list from the one asked for. Pages and the API read each list's parameters through one definition
// (api/list_queries.h), and the dashboard's period is Annex A's (app/report_period.h). docs/decisions.md
// "A link's parameters are read one way on the pages and the API".
#include "api_fixture.h"
#include "calendar/local_time.h"
#include "domain/contact.h"

namespace fd::testing {
namespace {

using nlohmann::json;

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

// The message the API gives for `field`, or "" when it names no such field.
std::string MessageFor(const HttpReply& reply, const std::string& field) {
  const json body = json::parse(reply.body, nullptr, false);
  if (!body.is_object() || !body.contains("errors")) return "";
  for (const auto& e : body.at("errors"))
    if (e.value("field", "") == field) return e.value("message", "");
  return "";
}

class QueryParams : public ApiTest {
 protected:
  // A page refused for its address: 400, the GOV.UK error summary with `message`, linking to
  // `without` (the same page without the parameter), and none of the list it would have shown.
  void ExpectRefusedPage(HttpClient& client, const std::string& path, const std::string& message,
                         const std::string& without) {
    SCOPED_TRACE(path);
    auto page = client.Get(path);
    EXPECT_EQ(page.status, 400) << page.body;
    EXPECT_TRUE(Has(page, "govuk-error-summary")) << page.body;
    EXPECT_TRUE(Has(page, "There is a problem with the web address"));
    EXPECT_TRUE(Has(page, ">" + message + "</a>")) << page.body;
    EXPECT_TRUE(Has(page, "href=\"" + without + "\"")) << page.body;
  }

  void ExpectRefusedApi(HttpClient& client, const std::string& path, const std::string& field,
                        const std::string& message) {
    SCOPED_TRACE(path);
    auto reply = client.Get(path);
    EXPECT_EQ(reply.status, 422) << reply.body;
    EXPECT_EQ(MessageFor(reply, field), message) << reply.body;
  }

  // The authority's local date, as the period's limit counts it.
  std::string Today() { return FormatIsoDate(calendar::LocalDate(clock_.Now(), ctx_->time_zone)); }
  std::string AfterToday() {
    return FormatIsoDate(std::chrono::year_month_day(
        std::chrono::sys_days(calendar::LocalDate(clock_.Now(), ctx_->time_zone)) + std::chrono::days{1}));
  }
};

// The deadlines page refused what GET /api/v1/deadlines refused, and showed the team's list instead.
TEST_F(QueryParams, TheDeadlinesPageRefusesWhatTheApiRefuses) {
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string scope = "scope must be one of: mine, team or all";
  ExpectRefusedPage(worker, "/deadlines?scope=foo", scope, "/deadlines");
  ExpectRefusedApi(worker, "/api/v1/deadlines?scope=foo", "scope", scope);
  const std::string met = "include_met must be true or false";
  ExpectRefusedPage(worker, "/deadlines?scope=mine&include_met=maybe", met, "/deadlines?scope=mine");
  ExpectRefusedApi(worker, "/api/v1/deadlines?include_met=maybe", "include_met", met);
  const std::string page = "page must be a whole number from 1, like page=2";
  ExpectRefusedPage(worker, "/deadlines?page=abc", page, "/deadlines");
  ExpectRefusedApi(worker, "/api/v1/deadlines?page=abc", "page", page);
  // A page shows a fixed number of rows: page_size is the API's alone.
  ExpectRefusedPage(worker, "/deadlines?page_size=10",
                    "There is no parameter page_size here: check its spelling (the parameters are scope, "
                    "include_met or page)",
                    "/deadlines");
  // Good parameters still work, on both.
  auto good = worker.Get("/deadlines?scope=mine&include_met=true&page=1");
  EXPECT_EQ(good.status, 200) << good.body;
  EXPECT_TRUE(Has(good, "Show only deadlines still to meet"));
  EXPECT_EQ(worker.Get("/api/v1/deadlines?scope=mine&include_met=true&page=1&page_size=10").status, 200);
}

// /contacts?queue=nope showed every contact with no message.
TEST_F(QueryParams, TheContactsPageRefusesAQueueThatIsNotOne) {
  auto manager = SignedIn(Role::kTeamManager);
  const std::string queue = "queue must be one of: front-door, out-of-hours, lado, allocated-worker, to-screen or returned";
  ExpectRefusedPage(manager, "/contacts?queue=nope", queue, "/contacts");
  ExpectRefusedApi(manager, "/api/v1/contacts?queue=nope", "queue", queue);
  const std::string urgent = "urgent must be true or false";
  ExpectRefusedPage(manager, "/contacts?queue=front-door&urgent=yes", urgent, "/contacts?queue=front-door");
  ExpectRefusedApi(manager, "/api/v1/contacts?queue=front-door&urgent=yes", "urgent", urgent);
  const std::string alone = "overdue is a filter of a work queue: give queue too, or leave overdue out";
  ExpectRefusedPage(manager, "/contacts?overdue=true", alone, "/contacts");
  ExpectRefusedApi(manager, "/api/v1/contacts?overdue=true", "overdue", alone);
  ExpectRefusedPage(manager, "/contacts?queue=front-door&awaiting=me",
                    "awaiting must be one of: authorisation", "/contacts?queue=front-door");

  auto good = manager.Get("/contacts?queue=front-door&urgent=true");
  EXPECT_EQ(good.status, 200) << good.body;
  EXPECT_EQ(manager.Get("/contacts?queue=front-door&overdue=true&page=1").status, 200);
  EXPECT_EQ(manager.Get("/api/v1/contacts?queue=front-door&awaiting=authorisation").status, 200);
}

// The API took the first of two values; now neither page nor API guesses.
TEST_F(QueryParams, AParameterGivenTwiceIsRefusedByName) {
  auto manager = SignedIn(Role::kTeamManager);
  const std::string twice = "from is given 2 times: give it once";
  ExpectRefusedApi(manager, "/api/v1/dashboard?from=2026-03-01&from=2026-04-01&to=2026-04-30", "from", twice);
  ExpectRefusedPage(manager, "/dashboard?from=2026-03-01&from=2026-04-01&to=2026-04-30", twice,
                    "/dashboard?to=2026-04-30");
  ExpectRefusedApi(manager, "/api/v1/reports/annex-a?list=1&from=2025-01-01&from=2025-02-01&to=2025-06-30", "from",
                   twice);
  ExpectRefusedApi(manager, "/api/v1/contacts?queue=front-door&queue=lado", "queue",
                   "queue is given 2 times: give it once");
  ExpectRefusedPage(manager, "/contacts?queue=front-door&queue=lado", "queue is given 2 times: give it once",
                    "/contacts");
  ExpectRefusedApi(manager, "/api/v1/deadlines?scope=mine&scope=all", "scope", "scope is given 2 times: give it once");
  ExpectRefusedPage(manager, "/deadlines?scope=mine&scope=all", "scope is given 2 times: give it once",
                    "/deadlines");
}

// The dashboard accepted foo=1 and a `to` in the future while Annex A refused both: now they agree,
// on the pages and the API, in the same words.
TEST_F(QueryParams, TheDashboardAndAnnexATakeTheSamePeriod) {
  auto analyst = SignedIn(Role::kAnalyst);
  const std::string future = AfterToday();
  const std::string ended = "The last day of the period must be today (" + Today() +
                            ") or earlier: a figure or a return can only count what has happened";
  ExpectRefusedApi(analyst, "/api/v1/dashboard?from=" + Today() + "&to=" + future, "to", ended);
  ExpectRefusedApi(analyst, "/api/v1/reports/annex-a?list=1&format=csv&from=" + Today() + "&to=" + future, "to", ended);
  auto page = analyst.Get("/dashboard?from=" + Today() + "&to=" + future);
  EXPECT_EQ(page.status, 422) << page.body;
  EXPECT_TRUE(Has(page, "govuk-error-summary"));
  EXPECT_TRUE(Has(page, ended)) << page.body;

  // Longer than a year and a day: refused by both.
  const std::string longest = "Choose a period of at most 366 days";
  ExpectRefusedApi(analyst, "/api/v1/dashboard?from=2024-01-01&to=2025-06-30", "to", longest);
  ExpectRefusedApi(analyst, "/api/v1/reports/annex-a?list=1&format=csv&from=2024-01-01&to=2025-06-30", "to",
                   longest);
  ExpectRefusedApi(analyst, "/api/v1/reports/children-check?from=2024-01-01&to=2025-06-30", "to", longest);

  // A parameter neither takes: refused by both, naming it.
  ExpectRefusedApi(analyst, "/api/v1/dashboard?foo=1", "foo",
                   "There is no parameter foo here: check its spelling (the parameters are from, to, team or format)");
  ExpectRefusedApi(analyst, "/api/v1/reports/annex-a?list=1&from=2025-01-01&to=2025-06-30&foo=1", "foo",
                   "There is no parameter foo here: check its spelling (the parameters are list, from, to or format)");
  ExpectRefusedPage(analyst, "/dashboard?from=2025-06-01&to=2025-06-30&foo=1",
                    "There is no parameter foo here: check its spelling (the parameters are from, to, team, "
                    "from-day, from-month, from-year, to-day, to-month or to-year)",
                    "/dashboard?from=2025-06-01&amp;to=2025-06-30");
  ExpectRefusedPage(analyst, "/reports/annex-a?list=1&from=2025-01-01&to=2025-06-30&frmat=csv",
                    "There is no parameter frmat here: check its spelling (the parameters are list, from, to, "
                    "format, from-day, from-month, from-year, to-day, to-month or to-year)",
                    "/reports/annex-a?from=2025-01-01&amp;list=1&amp;to=2025-06-30");
  ExpectRefusedPage(analyst, "/reports/cin-census?year=2025&allow_errors=maybe",
                    "allow_errors must be true or false", "/reports/cin-census?year=2025");
  ExpectRefusedPage(analyst, "/dashboard/records?figure=conversion&counted=maybe", "counted must be true or false",
                    "/dashboard/records?figure=conversion");

  // The same good period works on both.
  EXPECT_EQ(analyst.Get("/api/v1/dashboard?from=2025-06-01&to=2025-06-30").status, 200);
  EXPECT_EQ(analyst.Get("/dashboard?from=2025-06-01&to=2025-06-30").status, 200);
  EXPECT_EQ(analyst.Get("/api/v1/reports/annex-a?list=1&format=csv&from=2025-06-01&to=2025-06-30").status, 200);
  EXPECT_EQ(analyst.Get("/dashboard?from=" + Today() + "&to=" + Today()).status, 200);
}

// The other lists with parameters: search, who viewed a record, accounts, requests for information.
TEST_F(QueryParams, EveryOtherListRefusesWhatItCannotTake) {
  auto worker = SignedIn(Role::kSocialWorker);
  ExpectRefusedPage(worker, "/people/search?last_name=Smith&surname=Smith",
                    "There is no parameter surname here: check its spelling (the parameters are first_names, "
                    "last_name, nhs_number, date_of_birth-day, date_of_birth-month or date_of_birth-year)",
                    "/people/search?last_name=Smith");
  ExpectRefusedApi(worker, "/api/v1/people/search?last_name=Smith&surname=Smith", "surname",
                   "There is no parameter surname here: check its spelling (the parameters are first_names, "
                   "last_name, date_of_birth, nhs_number, postcode, gender or limit)");

  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  ExpectRefusedPage(dpo, "/people/1/record-access?page=abc", "page must be a whole number from 1, like page=2",
                    "/people/1/record-access");
  ExpectRefusedApi(dpo, "/api/v1/people/1/record-access?page=abc", "page",
                   "page must be a whole number from 1, like page=2");
  ExpectRefusedPage(dpo, "/record-access?person=1", "This address takes no parameter person: leave it out",
                    "/record-access");

  auto admin = SignedIn(Role::kAdministrator);
  ExpectRefusedPage(admin, "/users?rol=social_worker",
                    "There is no parameter rol here: check its spelling (the parameters are role, team or status)",
                    "/users");
  ExpectRefusedApi(admin, "/api/v1/users?role=social_worker&role=team_manager", "role",
                   "role is given 2 times: give it once");
  EXPECT_EQ(admin.Get("/users?role=social_worker").status, 200);

  const std::string queue = "queue must be one of: ";
  auto refused = worker.Get("/information-requests?queue=nope");
  if (refused.status != 404) {  // a pack with requests for information
    EXPECT_EQ(refused.status, 400) << refused.body;
    EXPECT_TRUE(Has(refused, queue)) << refused.body;
    auto api = worker.Get("/api/v1/information-requests?status=maybe");
    EXPECT_EQ(api.status, 422) << api.body;
    EXPECT_EQ(MessageFor(api, "status"), "status must be one of: open, closed or any") << api.body;
    ExpectRefusedPage(worker, "/information-requests?status=maybe", "status must be one of: open, closed or any",
                      "/information-requests");
  }
}

}  // namespace
}  // namespace fd::testing
