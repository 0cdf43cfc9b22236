// The pages over real HTTP: sign-in, CSRF on forms, refused forms keeping their input.
#include <regex>

#include "api_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using PagesTest = ApiTest;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

// Signs in through the sign-in page and returns the CSRF token from the next page's form.
std::string SignInThroughPage(HttpClient& client, const std::string& username) {
  auto reply = client.Send("POST", "/sign-in",
                           FormBody({{"username", username}, {"password", kTestPassword}, {"next", "/"}}),
                           kFormHeaders);
  EXPECT_EQ(reply.status, 303);
  auto home = client.Get("/contacts/new");
  std::smatch match;
  std::regex token("name=\"csrf_token\" value=\"([^\"]+)\"");
  EXPECT_TRUE(std::regex_search(home.body, match, token));
  return match.size() > 1 ? match[1].str() : "";
}

TEST_F(PagesTest, PagesNeedSignInAndRedirectThere) {
  auto client = Client();
  auto reply = client.Get("/contacts?page=2");
  EXPECT_EQ(reply.status, 303);
  EXPECT_EQ(reply.Header("location"), "/sign-in?next=/contacts%3Fpage%3D2");
  EXPECT_EQ(client.Get("/sign-in").status, 200);
  EXPECT_EQ(client.Get("/static/app.css").status, 200);
  EXPECT_EQ(client.Get("/no-such-page").status, 404);
}

TEST_F(PagesTest, WrongPasswordOnThePageKeepsTheUsernameOnly) {
  auto client = Client();
  auto reply = client.Send("POST", "/sign-in",
                           FormBody({{"username", "contact_officer"}, {"password", "wrong"}}), kFormHeaders);
  EXPECT_EQ(reply.status, 401);
  EXPECT_NE(reply.body.find("Enter a correct username and password"), std::string::npos);
  EXPECT_NE(reply.body.find("value=\"contact_officer\""), std::string::npos);
  EXPECT_EQ(reply.body.find("value=\"wrong\""), std::string::npos);
}

// The message at the field is the error's own: a lock-out says when to try again there too, and an
// empty box says which box.
TEST_F(PagesTest, SignInShowsEachErrorsOwnMessageAtItsField) {
  auto client = Client();
  auto post = [&](const std::string& username, const std::string& password) {
    return client.Send("POST", "/sign-in", FormBody({{"username", username}, {"password", password}}),
                       kFormHeaders);
  };
  auto field_error = [](const HttpReply& reply, const std::string& field) {
    const std::string start = "<p id=\"" + field + "-error\" class=\"govuk-error-message\"><span class=\"govuk-visually-hidden\">Error:</span> ";
    const auto at = reply.body.find(start);
    if (at == std::string::npos) return std::string();
    return reply.body.substr(at + start.size(), reply.body.find("</p>", at) - at - start.size());
  };

  auto wrong = post("contact_officer", "wrong");
  EXPECT_EQ(field_error(wrong, "username"), "Enter a correct username and password");
  for (int i = 0; i < 4; ++i) post("contact_officer", "wrong");
  auto locked = post("contact_officer", "wrong");
  EXPECT_EQ(locked.status, 401);
  const std::string at_field = field_error(locked, "username");
  EXPECT_TRUE(at_field.starts_with("Too many attempts: try again after ")) << at_field;
  EXPECT_NE(locked.body.find("<a href=\"#username\">" + at_field + "</a>"), std::string::npos);  // the summary too
  EXPECT_EQ(locked.body.find("Enter a correct username and password"), std::string::npos);

  auto no_username = post("", "something");
  EXPECT_EQ(field_error(no_username, "username"), "Enter your username");
  EXPECT_EQ(field_error(no_username, "password"), "");
  EXPECT_NE(no_username.body.find("<a href=\"#username\">Enter your username</a>"), std::string::npos);
  auto no_password = post("analyst", "");
  EXPECT_EQ(field_error(no_password, "password"), "Enter your password");
  EXPECT_EQ(field_error(no_password, "username"), "");
  EXPECT_NE(no_password.body.find("<a href=\"#password\">Enter your password</a>"), std::string::npos);
  EXPECT_NE(no_password.body.find("value=\"analyst\""), std::string::npos);
  auto neither = post("", "");
  EXPECT_EQ(field_error(neither, "username"), "Enter your username");
  EXPECT_EQ(field_error(neither, "password"), "Enter your password");
  EXPECT_EQ(neither.body.find("Enter a correct username and password"), std::string::npos);
}

TEST_F(PagesTest, SignInNeverRedirectsOffSite) {
  auto client = Client();
  auto reply = client.Send(
      "POST", "/sign-in",
      FormBody({{"username", "contact_officer"}, {"password", kTestPassword}, {"next", "//evil.example"}}),
      kFormHeaders);
  EXPECT_EQ(reply.status, 303);
  EXPECT_EQ(reply.Header("location"), "/");
}

TEST_F(PagesTest, AFormWithoutItsCsrfTokenIsRefusedAndNothingSaved) {
  auto client = Client();
  SignInThroughPage(client, "contact_officer");
  auto reply = client.Send("POST", "/contacts",
                           FormBody({{"referrer_type", "member_of_public"}, {"concern", "x"}}), kFormHeaders);
  EXPECT_EQ(reply.status, 403);
  EXPECT_NE(reply.body.find("Nothing was saved"), std::string::npos);
}

TEST_F(PagesTest, ARefusedContactFormComesBackWithEverythingTyped) {
  auto client = Client();
  const std::string csrf = SignInThroughPage(client, "contact_officer");
  auto reply = client.Send("POST", "/contacts",
                           FormBody({{"csrf_token", csrf},
                                     {"child_count", "1"},
                                     {"referrer_type", "school"},
                                     {"referrer_name", "Priya <Shah>"},
                                     {"children-0-first_names", "Mia"},
                                     {"children-0-dob-day", "31"},
                                     {"children-0-dob-month", "2"},
                                     {"children-0-dob-year", "2019"},
                                     {"concern", "Line one\nLine two"}}),
                           kFormHeaders);
  EXPECT_EQ(reply.status, 422);
  EXPECT_NE(reply.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(reply.body.find("href=\"#children-0-dob-day\""), std::string::npos);
  EXPECT_NE(reply.body.find("href=\"#referrer_agency\""), std::string::npos);
  EXPECT_NE(reply.body.find("value=\"Priya &lt;Shah&gt;\""), std::string::npos);  // kept, and escaped
  EXPECT_NE(reply.body.find("Line one\nLine two</textarea>"), std::string::npos);
  EXPECT_NE(reply.body.find("value=\"31\""), std::string::npos);
  EXPECT_EQ(client.Get("/api/v1/contacts").status, 200);
}

// The same contact form sent twice (a double click, a refresh, the back button) records one contact
// and shows it both times; sent again with a changed answer, it is a contact of its own, so nothing
// typed is lost.
TEST_F(PagesTest, TheSameContactFormSentTwiceRecordsOneContact) {
  auto client = Client();
  const std::string csrf = SignInThroughPage(client, "contact_officer");
  const auto blank = client.Get("/contacts/new");
  std::smatch match;
  ASSERT_TRUE(std::regex_search(blank.body, match, std::regex("name=\"form_key\" value=\"([A-Za-z0-9_-]{16,})\"")))
      << blank.body;
  const std::string key = match[1].str();
  std::vector<std::pair<std::string, std::string>> fields{{"csrf_token", csrf},
                                                          {"form_key", key},
                                                          {"child_count", "1"},
                                                          {"referrer_type", "member_of_public"},
                                                          {"referrer_anonymous", "yes"},
                                                          {"anonymity_limits_explained", "yes"},
                                                          {"children-0-first_names", "Sam"},
                                                          {"concern", "Shouting heard every night."},
                                                          {"action", "record"}};
  auto first = client.Send("POST", "/contacts", FormBody(fields), kFormHeaders);
  ASSERT_EQ(first.status, 303) << first.body;
  auto again = client.Send("POST", "/contacts", FormBody(fields), kFormHeaders);
  ASSERT_EQ(again.status, 303) << again.body;
  EXPECT_EQ(again.Header("location"), first.Header("location"));
  EXPECT_EQ(client.Get("/api/v1/contacts").Json().at("total"), 1);

  fields[7].second = "Shouting heard every night, and a door slammed.";
  auto changed = client.Send("POST", "/contacts", FormBody(fields), kFormHeaders);
  ASSERT_EQ(changed.status, 303) << changed.body;
  EXPECT_NE(changed.Header("location"), first.Header("location"));
  EXPECT_EQ(client.Get("/api/v1/contacts").Json().at("total"), 2);
}

TEST_F(PagesTest, AValidContactFormRecordsAndRedirectsToTheContact) {
  auto client = Client();
  const std::string csrf = SignInThroughPage(client, "contact_officer");
  auto reply = client.Send("POST", "/contacts",
                           FormBody({{"csrf_token", csrf},
                                     {"child_count", "1"},
                                     {"referrer_type", "member_of_public"},
                                     {"referrer_anonymous", "yes"},
                                     {"anonymity_limits_explained", "yes"},
                                     {"children-0-first_names", "Sam"},
                                     {"concern", "Shouting heard every night."}}),
                           kFormHeaders);
  ASSERT_EQ(reply.status, 303) << reply.body;
  auto page = client.Get(reply.Header("location"));
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Anonymous member of the public"), std::string::npos);
  EXPECT_NE(page.body.find("recorded</p>"), std::string::npos);
  // A page past the end of the list links back to the first page.
  auto beyond = client.Get("/contacts?page=999");
  ASSERT_EQ(beyond.status, 200);
  EXPECT_NE(beyond.body.find("There are no contacts on this page."), std::string::npos);
  EXPECT_NE(beyond.body.find("<a class=\"govuk-link\" href=\"/contacts\">Go to the first page</a>"), std::string::npos)
      << beyond.body;
}

TEST_F(PagesTest, RolesWithoutAccessSeeAPlainRefusal) {
  auto client = Client();
  auto reply = client.Send("POST", "/sign-in",
                           FormBody({{"username", "analyst"}, {"password", kTestPassword}}), kFormHeaders);
  ASSERT_EQ(reply.status, 303);
  EXPECT_EQ(client.Get("/contacts").status, 403);
  EXPECT_EQ(client.Get("/contacts/new").status, 403);
  auto home = client.Get("/");
  EXPECT_EQ(home.status, 200);
  // An analyst's work is the figures: the home page leads to the dashboard.
  EXPECT_NE(home.body.find("href=\"/dashboard\">Performance dashboard"), std::string::npos) << home.body;
}

}  // namespace
}  // namespace fd::testing
