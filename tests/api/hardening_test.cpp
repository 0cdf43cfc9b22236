// Hardening over real HTTP (issue 8 point 6, OWASP ASVS level 2; docs/security.md): sign-in
// throttling and lock-out, session rotation, expiry and sign-out, CSRF on every unsafe route,
// security headers everywhere, input size limits, and API tokens. Hardening has no RULE ids.
#include <set>

#include "api/session_guard.h"
#include "api_fixture.h"
#include "app/api_tokens.h"

namespace fd::testing {
namespace {

using nlohmann::json;

json SchoolContact() {
  return {{"referrer", {{"type", "school"}, {"name", "Priya Shah"}, {"role", "DSL"}, {"agency", "Riverside Primary"},
                        {"phone", "01632 960 001"}, {"email", "dsl@riverside.example.sch.uk"}}},
          {"children", json::array({{{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                                     {"gender", "female"}, {"address", "12 Orchard Way"}, {"school", "Riverside"}}})},
          {"concern", "Arrived hungry three days running."}};
}

std::int64_t CountAudit(store::Store& store, const std::string& action) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  return tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ?", {action}).at(0).Int(0);
}

// A concrete path for a route pattern: every {param} becomes 1 (or a file name for {*}).
std::string Concrete(const std::string& pattern) {
  std::string out;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] == '{') {
      const auto end = pattern.find('}', i);
      out += pattern.substr(i, end - i + 1) == "{*}" ? "x.css" : "1";
      i = end + 1;
    } else {
      out += pattern[i++];
    }
  }
  return out;
}

using Hardening = ApiTest;

// --- 1. throttling and lock-out ---------------------------------------------------------------

// Five wrong passwords lock the account: the sixth try, even with the right password, is refused
// with a time to try again, on the API and on the sign-in page alike. Unknown usernames get the
// same answers (no user enumeration).
TEST_F(Hardening, FiveFailedSignInsLockTheAccountOnTheApiAndThePage) {
  auto client = Client();
  for (int i = 0; i < 4; ++i) {
    auto reply = client.SignIn("social_worker", "not the password");
    ASSERT_EQ(reply.status, 401);
    EXPECT_EQ(reply.Json().at("detail"), "Enter a correct username and password");
    EXPECT_EQ(client.SignIn("nobody_at_all", "not the password").Json().at("detail"),
              "Enter a correct username and password");
  }
  auto fifth = client.SignIn("social_worker", "not the password");
  EXPECT_EQ(fifth.status, 401);
  const std::string locked = fifth.Json().at("detail");
  EXPECT_TRUE(locked.starts_with("Too many attempts: try again after ")) << locked;
  EXPECT_EQ(client.SignIn("nobody_at_all", "not the password").Json().at("detail"), locked);

  auto right_password = client.SignIn("social_worker", kTestPassword);
  EXPECT_EQ(right_password.status, 401);
  EXPECT_EQ(right_password.Json().at("detail"), locked);
  auto page = client.Send("POST", "/sign-in", "username=social_worker&password=correct+horse+battery",
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(page.status, 401);
  EXPECT_NE(page.body.find("Too many attempts: try again after"), std::string::npos);
  EXPECT_EQ(CountAudit(*store_, "account.locked"), 2);  // social_worker and nobody_at_all
  EXPECT_GE(CountAudit(*store_, "login.failed"), 10);

  clock_.Advance(std::chrono::minutes(16));  // the lock ends by itself
  EXPECT_EQ(client.SignIn("social_worker", kTestPassword).status, 201);
  EXPECT_EQ(CountAudit(*store_, "login.succeeded"), 1);
}

// --- 2. sessions -------------------------------------------------------------------------------

// Session fixation: a token the browser held before signing in (planted or old) is never the
// signed-in session; sign-in always sets a fresh one and ends the old.
TEST_F(Hardening, SignInRotatesTheSessionToken) {
  auto client = Client();
  client.cookies["fd_session"] = "attacker-chosen-token-attacker-chosen-token";
  ASSERT_EQ(client.SignIn("social_worker", kTestPassword).status, 201);
  const std::string first = client.cookies.at("fd_session");
  EXPECT_NE(first, "attacker-chosen-token-attacker-chosen-token");
  HttpClient planted = Client();
  planted.cookies["fd_session"] = "attacker-chosen-token-attacker-chosen-token";
  EXPECT_EQ(planted.Get("/api/v1/session").status, 401);

  ASSERT_EQ(client.SignIn("social_worker", kTestPassword).status, 201);  // signing in again, same browser
  const std::string second = client.cookies.at("fd_session");
  EXPECT_NE(second, first);
  HttpClient old = Client();
  old.cookies["fd_session"] = first;
  EXPECT_EQ(old.Get("/api/v1/session").status, 401);
  EXPECT_EQ(client.Get("/api/v1/session").status, 200);
}

// Sessions end after 2 hours idle and 12 hours after sign-in, whatever the use; signing out ends one.
TEST_F(Hardening, SessionsExpireIdleAndAbsoluteAndSignOutEndsThem) {
  auto idle = SignedIn(Role::kSocialWorker);
  clock_.Advance(std::chrono::minutes(119));
  ASSERT_EQ(idle.Get("/api/v1/session").status, 200);  // used: the idle limit slides
  clock_.Advance(std::chrono::minutes(121));
  EXPECT_EQ(idle.Get("/api/v1/session").status, 401);
  EXPECT_EQ(idle.Get("/contacts").status, 303);  // pages send the browser to sign in

  auto busy = SignedIn(Role::kSocialWorker);
  for (int hour = 1; hour < 12; ++hour) {
    clock_.Advance(std::chrono::minutes(60));
    ASSERT_EQ(busy.Get("/api/v1/session").status, 200) << hour;
  }
  clock_.Advance(std::chrono::minutes(61));
  EXPECT_EQ(busy.Get("/api/v1/session").status, 401);

  auto api = SignedIn(Role::kSocialWorker);
  HttpClient copy = Client();
  copy.cookies = api.cookies;
  EXPECT_EQ(api.Send("DELETE", "/api/v1/session", "", {{"X-CSRF-Token", api.csrf_token}}).status, 204);
  EXPECT_EQ(copy.Get("/api/v1/session").status, 401);

  auto page = SignedIn(Role::kSocialWorker);
  HttpClient page_copy = Client();
  page_copy.cookies = page.cookies;
  EXPECT_EQ(page.Send("POST", "/sign-out", "csrf_token=" + page.csrf_token,
                      {{"Content-Type", "application/x-www-form-urlencoded"}})
                .status,
            303);
  EXPECT_EQ(page_copy.Get("/api/v1/session").status, 401);
}

// --- 3. CSRF on every unsafe route -------------------------------------------------------------

// Walks the router's own table, so a route added later is covered without touching this test.
// Only the routes documented as public (docs/security.md) may take an unsafe method without a
// session, and so without a CSRF token.
TEST_F(Hardening, EveryUnsafeRouteRefusesAMissingOrWrongCsrfToken) {
  const std::set<std::string> documented_public = {"POST /sign-in", "POST /api/v1/session",
                                                   "POST /request-for-support", "POST /api/v1/portal/contacts"};
  auto client = SignedIn(Role::kTeamManager);
  int checked = 0;
  std::set<std::string> public_unsafe;
  for (const auto& route : service_->router().routes()) {
    if (!api::IsUnsafeMethod(route.method)) continue;
    const std::string name = route.method + " " + route.pattern;
    if (route.access == http::Access::kPublic) {
      public_unsafe.insert(name);
      continue;
    }
    const std::string path = Concrete(route.pattern);
    auto none = client.Send(route.method, path, "{}", {{"Content-Type", "application/json"}});
    EXPECT_EQ(none.status, 403) << name << ": " << none.body;
    auto wrong = client.Send(route.method, path, "{}",
                             {{"Content-Type", "application/json"}, {"X-CSRF-Token", "wrong-" + client.csrf_token}});
    EXPECT_EQ(wrong.status, 403) << name << ": " << wrong.body;
    auto form = client.Send(route.method, path, "csrf_token=wrong&x=1",
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
    EXPECT_EQ(form.status, 403) << name << ": " << form.body;
    ++checked;
  }
  EXPECT_EQ(public_unsafe, documented_public);
  EXPECT_GT(checked, 20);
  // Still signed in: the refusals changed nothing.
  EXPECT_EQ(client.Get("/api/v1/contacts").Json().at("total"), 0);
}

// --- 4. security headers -----------------------------------------------------------------------

void ExpectSecurityHeaders(const HttpReply& reply, const std::string& what, bool hsts) {
  const std::string csp = reply.Header("content-security-policy");
  EXPECT_NE(csp.find("default-src 'self'"), std::string::npos) << what << ": " << csp;
  EXPECT_NE(csp.find("script-src 'self'"), std::string::npos) << what << ": " << csp;
  EXPECT_NE(csp.find("frame-ancestors 'none'"), std::string::npos) << what << ": " << csp;
  EXPECT_EQ(csp.find("unsafe-inline"), std::string::npos) << what << ": " << csp;
  EXPECT_EQ(csp.find("unsafe-eval"), std::string::npos) << what << ": " << csp;
  EXPECT_EQ(reply.Header("x-content-type-options"), "nosniff") << what;
  EXPECT_EQ(reply.Header("referrer-policy"), "no-referrer") << what;
  EXPECT_EQ(reply.Header("x-frame-options"), "DENY") << what;
  if (hsts)
    EXPECT_EQ(reply.Header("strict-transport-security"), "max-age=31536000; includeSubDomains") << what;
  else
    EXPECT_EQ(reply.Header("strict-transport-security"), "") << what;
}

// A page, an API answer, an error and a static file all carry the headers; no HSTS over plain HTTP.
TEST_F(Hardening, EveryKindOfAnswerCarriesTheSecurityHeaders) {
  auto client = SignedIn(Role::kSocialWorker);
  auto page = client.Get("/contacts");
  ASSERT_EQ(page.status, 200);
  ExpectSecurityHeaders(page, "page", false);
  auto api = client.Get("/api/v1/contacts");
  ASSERT_EQ(api.status, 200);
  ExpectSecurityHeaders(api, "api", false);
  auto error = client.Get("/api/v1/contacts/999999");
  ASSERT_EQ(error.status, 404);
  ExpectSecurityHeaders(error, "api error", false);
  auto missing_page = client.Get("/no-such-page");
  ASSERT_EQ(missing_page.status, 404);
  ExpectSecurityHeaders(missing_page, "page error", false);
  auto file = Client().Get("/static/app.css");
  ASSERT_EQ(file.status, 200);
  ExpectSecurityHeaders(file, "static", false);
}

// Behind a TLS-terminating proxy the request says so (X-Forwarded-Proto, trusted): HSTS is sent.
class HardeningTrustedProxy : public ApiTest {
  void Configure(service::ServiceOptions& options) override { options.server.trust_proxy = true; }
};
TEST_F(HardeningTrustedProxy, HstsIsSentWhenTheRequestCameOverTls) {
  auto reply = Client().Send("GET", "/sign-in", "", {{"X-Forwarded-Proto", "https"}});
  ExpectSecurityHeaders(reply, "https page", true);
  auto plain = Client().Get("/sign-in");
  ExpectSecurityHeaders(plain, "http page", false);
}

// Configured as behind TLS (secure_cookies): HSTS on everything, and the cookie is Secure.
class HardeningBehindTls : public ApiTest {
  void Configure(service::ServiceOptions& options) override { options.secure_cookies = true; }
};
TEST_F(HardeningBehindTls, HstsIsSentOnEveryKindOfAnswer) {
  auto client = Client();
  auto signed_in = client.SignIn("social_worker", kTestPassword);
  ASSERT_EQ(signed_in.status, 201);
  EXPECT_NE(signed_in.set_cookies.at(0).find("; Secure"), std::string::npos);
  ExpectSecurityHeaders(client.Get("/contacts"), "page", true);
  ExpectSecurityHeaders(client.Get("/api/v1/contacts"), "api", true);
  ExpectSecurityHeaders(client.Get("/api/v1/contacts/999999"), "error", true);
  ExpectSecurityHeaders(Client().Get("/static/app.css"), "static", true);
  // Refused before routing (the header is too large): still carries them.
  ExpectSecurityHeaders(Client().Send("GET", "/", "", {{"X-Padding", std::string(20 * 1024, 'a')}}), "431", true);
}

// --- 6. input size limits ----------------------------------------------------------------------

TEST_F(Hardening, OversizedInputIsRefusedWithAClearMessage) {
  auto client = SignedIn(Role::kContactOfficer);
  // Over the body limit (the test server's is 256 KiB; production's 1 MiB): 413 before any handler.
  auto body = SchoolContact();
  body["concern"] = std::string(1024 * 1024, 'x');
  auto too_big = client.SendJson("POST", "/api/v1/contacts", body);
  EXPECT_EQ(too_big.status, 413);
  EXPECT_NE(too_big.body.find("larger than this service accepts"), std::string::npos) << too_big.body;
  EXPECT_NE(too_big.Header("content-type").find("problem+json"), std::string::npos);
  // A page's form over the limit gets a page, not the API's JSON.
  auto page = client.Send("POST", "/contacts",
                          "csrf_token=" + client.csrf_token + "&concern=" + std::string(1024 * 1024, 'x'),
                          {{"Content-Type", "application/x-www-form-urlencoded"}, {"Accept", "text/html"}});
  EXPECT_EQ(page.status, 413);
  EXPECT_NE(page.Header("content-type").find("text/html"), std::string::npos) << page.Header("content-type");
  EXPECT_NE(page.body.find("What you sent is too large"), std::string::npos) << page.body;
  // Within the body limit but over the field's own (20,000 characters): 422 naming the field.
  body["concern"] = std::string(30'000, 'x');
  auto long_field = client.SendJson("POST", "/api/v1/contacts", body);
  ASSERT_EQ(long_field.status, 422) << long_field.body;
  bool named = false;
  const json problem = long_field.Json();
  for (const auto& e : problem.at("errors"))
    if (e.at("field") == "concern") {
      named = true;
      EXPECT_NE(e.at("message").get<std::string>().find("20000 characters or fewer"), std::string::npos) << e;
    }
  EXPECT_TRUE(named) << long_field.body;
  // Headers over 16 KiB: 431.
  auto headers = client.Send("GET", "/api/v1/contacts", "", {{"X-Padding", std::string(20 * 1024, 'a')}});
  EXPECT_EQ(headers.status, 431);
  // A form field over its limit on a page: the form comes back with the problem, nothing saved.
  auto form = client.Send("POST", "/contacts", "csrf_token=" + client.csrf_token + "&concern=" + std::string(30'000, 'x'),
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(form.status, 422);
  EXPECT_NE(form.body.find("20000 characters or fewer"), std::string::npos);
  EXPECT_EQ(client.Get("/api/v1/contacts").Json().at("total"), 0);
  // An absurd password is refused like any wrong one, without being hashed.
  EXPECT_EQ(Client().SignIn("social_worker", std::string(100'000, 'p')).status, 401);
}

// --- 8. API tokens -----------------------------------------------------------------------------

// A bearer token works on /api/v1 within its scopes, needs no CSRF token, is refused on pages and
// once revoked, and every use is audited by the token's id.
TEST_F(Hardening, BearerTokensAreScopedAuditedAndRevocable) {
  auto reader = app::CreateApiToken(*ctx_, std::nullopt, {"dashboard", "contact_officer", {"contacts:read"}});
  auto writer = app::CreateApiToken(*ctx_, std::nullopt, {"police", "contact_officer", {"contacts:write"}});
  ASSERT_TRUE(reader && writer);
  auto bearer = [](const std::string& token) {
    return std::map<std::string, std::string>{{"Authorization", "Bearer " + token},
                                              {"Content-Type", "application/json"}};
  };
  auto client = Client();  // no cookie, no CSRF token

  auto created = client.Send("POST", "/api/v1/contacts", SchoolContact().dump(), bearer(writer->token));
  EXPECT_EQ(created.status, 201) << created.body;  // no CSRF needed: a bearer request has no cookie
  auto listed = client.Send("GET", "/api/v1/contacts", "", bearer(reader->token));
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.Json().at("total"), 1);

  auto out_of_scope = client.Send("POST", "/api/v1/contacts", SchoolContact().dump(), bearer(reader->token));
  EXPECT_EQ(out_of_scope.status, 403) << out_of_scope.body;
  EXPECT_EQ(client.Send("GET", "/api/v1/contacts", "", bearer(writer->token)).status, 403);

  // Pages never take a bearer token: the browser is sent to sign in.
  EXPECT_EQ(client.Send("GET", "/contacts", "", bearer(reader->token)).status, 303);

  auto unknown = client.Send("GET", "/api/v1/contacts", "", bearer("fdt_not-a-real-token"));
  EXPECT_EQ(unknown.status, 401);
  EXPECT_NE(unknown.Header("www-authenticate").find("Bearer"), std::string::npos);
  ASSERT_TRUE(app::RevokeApiToken(*ctx_, std::nullopt, reader->id));
  EXPECT_EQ(client.Send("GET", "/api/v1/contacts", "", bearer(reader->token)).status, 401);

  auto tx = store_->Begin(store::TransactionMode::kRead);
  const auto uses = tx->Query("SELECT record_id, changes FROM audit_events WHERE action = 'api_token.used'");
  EXPECT_EQ(uses.size(), 4u);  // created, listed, out_of_scope, writer's GET (the revoked one was refused)
  for (const auto& row : uses) {
    EXPECT_TRUE(row.Text(0) == std::to_string(reader->id) || row.Text(0) == std::to_string(writer->id));
    EXPECT_EQ(row.Text(1).find(reader->token), std::string::npos);
    EXPECT_EQ(row.Text(1).find(writer->token), std::string::npos);
  }
}

}  // namespace
}  // namespace fd::testing
