// Device cookies over real HTTP (ASVS V2.2.1; OWASP "Slow Down Online Guessing Attacks with Device
// Cookies"; docs/security.md "Throttling and lock-out"): a stranger who knows a worker's username
// locks out untrusted clients only, never the worker's own browser; a forged, expired or other
// user's cookie gives no trust; and the trusted browser is itself locked, alone, after its own
// failures. Hardening has no RULE ids: the tests name the ASVS item.
#include "api_fixture.h"
#include "app/accounts.h"
#include "app/device_cookies.h"

namespace fd::testing {
namespace {

using DeviceCookies = ApiTest;

const std::string kWorker = "social_worker";

std::int64_t CountAudit(store::Store& store, const std::string& action, const std::string& containing = "") {
  auto tx = store.Begin(store::TransactionMode::kRead);
  return tx
      ->Query("SELECT COUNT(*) FROM audit_events WHERE action = ? AND changes LIKE ?",
              {action, "%" + containing + "%"})
      .at(0)
      .Int(0);
}

// Five wrong passwords from a client that has never signed in as the worker.
void StrangerGuessesFiveTimes(HttpClient& stranger) {
  for (int i = 0; i < 5; ++i) ASSERT_EQ(stranger.SignIn(kWorker, "not the password").status, 401);
}

bool IsLockedOut(const HttpReply& reply) {
  return reply.status == 401 && reply.body.find("Too many attempts: try again after") != std::string::npos;
}

// A sign-in with the device cookie in the header alone (an API client without a cookie jar).
HttpReply SignInWithHeader(HttpClient& client, const std::string& username, const std::string& device_cookie) {
  return client.Send("POST", "/api/v1/session", nlohmann::json{{"username", username}, {"password", kTestPassword}}.dump(),
                     {{"Content-Type", "application/json"}, {"X-Device-Cookie", device_cookie}});
}

// ASVS V2.2.1: the stranger's failures lock untrusted clients out of the worker's account, but the
// worker's own browser, with its device cookie, still signs in (API and page), and its success
// does not lift the lock on the stranger.
TEST_F(DeviceCookies, ASVS_V2_2_1_AStrangersFailuresLockUntrustedClientsButNotTheWorkersOwnBrowser) {
  auto worker = Client();
  auto first = worker.SignIn(kWorker, kTestPassword);
  ASSERT_EQ(first.status, 201);
  const std::string name = app::DeviceCookieName(kWorker);
  ASSERT_TRUE(worker.cookies.contains(name));
  const std::string cookie = worker.cookies.at(name);
  std::string set_cookie;
  for (const auto& c : first.set_cookies)
    if (c.starts_with(name + "=")) set_cookie = c;
  EXPECT_NE(set_cookie.find("; HttpOnly"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; SameSite=Strict"), std::string::npos) << set_cookie;
  EXPECT_NE(set_cookie.find("; Max-Age=2592000"), std::string::npos) << set_cookie;  // 30 days
  EXPECT_EQ(set_cookie.find("Secure"), std::string::npos) << set_cookie;            // plain HTTP here
  EXPECT_EQ(set_cookie.find(kWorker), std::string::npos) << "the cookie's name does not spell the username";

  // A browser that signs in on the page is given one too.
  auto page_browser = Client();
  auto page_sign_in = page_browser.Send("POST", "/sign-in", "username=social_worker&password=correct+horse+battery",
                                        {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(page_sign_in.status, 303);
  ASSERT_TRUE(page_browser.cookies.contains(name));

  auto stranger = Client();
  StrangerGuessesFiveTimes(stranger);
  EXPECT_TRUE(IsLockedOut(stranger.SignIn(kWorker, kTestPassword)));  // even with the right password
  auto stranger_page = stranger.Send("POST", "/sign-in", "username=social_worker&password=correct+horse+battery",
                                     {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(stranger_page.status, 401);
  EXPECT_NE(stranger_page.body.find("Too many attempts: try again after"), std::string::npos);
  EXPECT_EQ(page_browser.Send("POST", "/sign-in", "username=social_worker&password=correct+horse+battery",
                              {{"Content-Type", "application/x-www-form-urlencoded"}})
                .status,
            303);  // the page honours the cookie it gave
  auto another_stranger = Client();
  EXPECT_TRUE(IsLockedOut(another_stranger.SignIn(kWorker, kTestPassword)));
  EXPECT_EQ(CountAudit(*store_, "account.locked", "untrusted"), 1);

  // The worker's browser is not held by that lock.
  EXPECT_EQ(worker.SignIn(kWorker, kTestPassword).status, 201);
  auto page = worker.Send("POST", "/sign-in", "username=social_worker&password=correct+horse+battery",
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(page.status, 303) << page.body;
  EXPECT_TRUE(worker.cookies.contains(name));  // the page gave a fresh one
  EXPECT_EQ(worker.Get("/api/v1/session").status, 200);
  EXPECT_EQ(CountAudit(*store_, "login.succeeded", "\"trusted\""), 3);
  // Nor does the worker's success let the stranger go on guessing.
  EXPECT_TRUE(IsLockedOut(stranger.SignIn(kWorker, kTestPassword)));

  // The cookie and the password are never in the audit log; the cookie's id only as its hash.
  auto tx = store_->Begin(store::TransactionMode::kRead);
  for (const auto& row : tx->Query("SELECT changes FROM audit_events", {})) {
    const std::string changes = row.Text(0);
    EXPECT_EQ(changes.find(cookie.substr(cookie.rfind('.') + 1)), std::string::npos) << changes;
    EXPECT_EQ(changes.find(worker.cookies.at(name).substr(worker.cookies.at(name).rfind('.') + 1)), std::string::npos);
    EXPECT_EQ(changes.find(kTestPassword), std::string::npos) << changes;
    EXPECT_EQ(changes.find("not the password"), std::string::npos) << changes;
  }
}

// ASVS V2.2.1: only a cookie the service signed, for this very username, and not yet expired, gives
// trust; in the cookie or in the X-Device-Cookie header alike.
TEST_F(DeviceCookies, ASVS_V2_2_1_AForgedExpiredOrOtherUsersCookieGivesNoTrust) {
  auto worker = Client();
  ASSERT_EQ(worker.SignIn(kWorker, kTestPassword).status, 201);
  const std::string name = app::DeviceCookieName(kWorker);
  const std::string cookie = worker.cookies.at(name);
  auto manager = Client();
  ASSERT_EQ(manager.SignIn("team_manager", kTestPassword).status, 201);
  const std::string managers_cookie = manager.cookies.at(app::DeviceCookieName("team_manager"));

  auto stranger = Client();
  StrangerGuessesFiveTimes(stranger);

  // The header works as the cookie does, for an API client.
  auto api_client = Client();
  EXPECT_EQ(SignInWithHeader(api_client, kWorker, cookie).status, 201);

  std::string bad_signature = cookie;
  bad_signature.back() = bad_signature.back() == 'A' ? 'B' : 'A';
  // The manager's genuine cookie, its username swapped for the worker's: the signature no longer fits.
  const auto dot = managers_cookie.find('.', 3);
  std::string renamed = cookie.substr(0, cookie.find('.', 3)) + managers_cookie.substr(dot);
  for (const std::string& offered : {bad_signature, renamed, managers_cookie, std::string("v1.x.y.1.z"),
                                     std::string(500, 'a')}) {
    SCOPED_TRACE(offered);
    auto in_cookie = Client();
    in_cookie.cookies[name] = offered;
    EXPECT_TRUE(IsLockedOut(in_cookie.SignIn(kWorker, kTestPassword)));
    auto in_header = Client();
    EXPECT_TRUE(IsLockedOut(SignInWithHeader(in_header, kWorker, offered)));
  }
  EXPECT_GE(CountAudit(*store_, "login.failed", "\"device_cookie\":\"none\""), 5);

  // Expired: trusted for 30 days after its sign-in.
  clock_.Advance(std::chrono::days(30) + std::chrono::minutes(1));
  StrangerGuessesFiveTimes(stranger);
  EXPECT_TRUE(IsLockedOut(worker.SignIn(kWorker, kTestPassword)));
  auto header_client = Client();
  EXPECT_TRUE(IsLockedOut(SignInWithHeader(header_client, kWorker, cookie)));
}

// ASVS V2.2.1: the trusted browser keeps its own count: five failures of its own lock it, alone (by
// its cookie's id), for 15 minutes; other clients, trusted or not, are not held by that; the
// administrator's unlock (the CLI's) lifts it.
TEST_F(DeviceCookies, ASVS_V2_2_1_TheTrustedBrowserItselfCanBeLocked) {
  auto worker = Client();
  ASSERT_EQ(worker.SignIn(kWorker, kTestPassword).status, 201);
  auto second_browser = Client();
  ASSERT_EQ(second_browser.SignIn(kWorker, kTestPassword).status, 201);

  for (int i = 0; i < 4; ++i)
    EXPECT_EQ(worker.SignIn(kWorker, "not the password").Json().at("detail"), "Enter a correct username and password");
  EXPECT_TRUE(IsLockedOut(worker.SignIn(kWorker, "not the password")));
  EXPECT_TRUE(IsLockedOut(worker.SignIn(kWorker, kTestPassword)));
  EXPECT_EQ(CountAudit(*store_, "device.locked"), 1);
  EXPECT_EQ(CountAudit(*store_, "account.locked"), 0);

  EXPECT_EQ(second_browser.SignIn(kWorker, kTestPassword).status, 201);  // the worker's other browser
  auto untrusted = Client();
  EXPECT_EQ(untrusted.SignIn(kWorker, kTestPassword).status, 201);  // a browser's failures are its own

  ASSERT_TRUE(app::UnlockAccount(*ctx_, std::nullopt, kWorker).has_value());
  EXPECT_EQ(worker.SignIn(kWorker, kTestPassword).status, 201);
  EXPECT_EQ(CountAudit(*store_, "account.unlocked", "\"trusted_browsers_unlocked\":1"), 1);

  // Locked again, it is let in once the 15 minutes have passed.
  for (int i = 0; i < 5; ++i) worker.SignIn(kWorker, "not the password");
  EXPECT_TRUE(IsLockedOut(worker.SignIn(kWorker, kTestPassword)));
  clock_.Advance(std::chrono::minutes(16));
  EXPECT_EQ(worker.SignIn(kWorker, kTestPassword).status, 201);
}

// ASVS V3.4.1: over TLS (a proxy's X-Forwarded-Proto it is told to trust, or secure_cookies) the device
// cookie is Secure, as the session cookie is.
class DeviceCookiesBehindTlsProxy : public ApiTest {
  void Configure(service::ServiceOptions& options) override { options.server.trust_proxy = true; }
};
TEST_F(DeviceCookiesBehindTlsProxy, ASVS_V3_4_1_TheDeviceCookieIsSecureOverTls) {
  auto client = Client();
  auto over_tls =
      client.Send("POST", "/api/v1/session", nlohmann::json{{"username", kWorker}, {"password", kTestPassword}}.dump(),
                  {{"Content-Type", "application/json"}, {"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(over_tls.status, 201);
  ASSERT_EQ(over_tls.set_cookies.size(), 2u);
  EXPECT_TRUE(over_tls.set_cookies[1].starts_with(app::DeviceCookieName(kWorker) + "="));
  EXPECT_NE(over_tls.set_cookies[1].find("; Secure"), std::string::npos) << over_tls.set_cookies[1];
  auto page = Client().Send("POST", "/sign-in", "username=social_worker&password=correct+horse+battery",
                            {{"Content-Type", "application/x-www-form-urlencoded"}, {"X-Forwarded-Proto", "https"}});
  ASSERT_EQ(page.status, 303);
  for (const auto& cookie : page.set_cookies) EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
}

class DeviceCookiesSecureConfigured : public ApiTest {
  void Configure(service::ServiceOptions& options) override { options.secure_cookies = true; }
};
TEST_F(DeviceCookiesSecureConfigured, ASVS_V3_4_1_TheDeviceCookieIsSecureWhenCookiesAreConfiguredSecure) {
  auto client = Client();
  auto reply = client.SignIn(kWorker, kTestPassword);
  ASSERT_EQ(reply.status, 201);
  ASSERT_EQ(reply.set_cookies.size(), 2u);
  for (const auto& cookie : reply.set_cookies) EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
}

}  // namespace
}  // namespace fd::testing
