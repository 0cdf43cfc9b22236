// Remembered browsers over real HTTP (docs/security.md "Throttling and lock-out", docs/decisions.md
// "Remembered browsers: revoking them"): the device cookie that keeps a worker's own browser out of a
// stranger's lock-out gives that exemption only while the browser is remembered. Disabling the
// account, an administrator's new password and the user's own new password forget every browser;
// the administrator sees and forgets a user's browsers one at a time or all at once (the API and
// the page), and each user their own. A forgotten browser is then locked out with the stranger.
// Hardening has no RULE ids: the tests name the ASVS item the lock-out serves (V2.2.1).
#include "api_fixture.h"
#include "app/account_changes.h"
#include "app/accounts.h"
#include "app/device_cookies.h"
#include "app/remembered_browsers.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using RememberedBrowsers = ApiTest;

const std::string kWorker = "social_worker";
const std::string kFirefoxOnWindows =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:133.0) Gecko/20100101 Firefox/133.0";
const std::string kSafariOnIPhone =
    "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) "
    "Version/18.1 Mobile/15E148 Safari/604.1";
const std::map<std::string, std::string> kForm = {{"Content-Type", "application/x-www-form-urlencoded"}};

// A sign-in as the API's client sends it, from a browser that says what it is.
HttpReply SignInFrom(HttpClient& client, const std::string& username, const std::string& password,
                     const std::string& user_agent) {
  auto reply = client.Send("POST", "/api/v1/session", json{{"username", username}, {"password", password}}.dump(),
                           {{"Content-Type", "application/json"}, {"User-Agent", user_agent}});
  if (reply.status == 201) client.csrf_token = reply.Json().at("csrf_token");
  return reply;
}

bool IsLockedOut(const HttpReply& reply) {
  return reply.status == 401 && reply.body.find("Too many attempts: try again after") != std::string::npos;
}

// Five wrong passwords from a client that has never signed in as the worker: the username is then
// locked to every browser not remembered for it.
void StrangerLocksTheUsername(HttpClient stranger) {
  for (int i = 0; i < 5; ++i) ASSERT_EQ(stranger.SignIn(kWorker, "not the password").status, 401);
  ASSERT_TRUE(IsLockedOut(stranger.SignIn(kWorker, kTestPassword)));
}

std::int64_t UserId(HttpClient& client) { return client.Get("/api/v1/session").Json().at("user").at("id"); }

// The audit rows of one action, oldest first: actor, record id and changes.
std::vector<std::tuple<std::string, std::string, json>> Audited(store::Store& store, const std::string& action) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  std::vector<std::tuple<std::string, std::string, json>> out;
  for (const auto& row :
       tx->Query("SELECT actor, record_id, changes FROM audit_events WHERE action = ? ORDER BY seq", {action}))
    out.emplace_back(row.Text(0), row.Text(1), json::parse(row.Text(2)));
  return out;
}

class RememberedBrowsersOfAWorker : public RememberedBrowsers {
 protected:
  void SetUp() override {
    RememberedBrowsers::SetUp();
    admin_ = std::make_unique<HttpClient>(SignedIn(Role::kAdministrator));
    administrator_ = app::Actor{UserId(*admin_), "administrator", "Test administrator", Role::kAdministrator,
                                std::nullopt};
    desk_ = std::make_unique<HttpClient>(Client());
    ASSERT_EQ(SignInFrom(*desk_, kWorker, kTestPassword, kFirefoxOnWindows).status, 201);
    phone_ = std::make_unique<HttpClient>(Client());
    ASSERT_EQ(SignInFrom(*phone_, kWorker, kTestPassword, kSafariOnIPhone).status, 201);
    worker_id_ = UserId(*desk_);
  }
  std::string Devices() const { return "/api/v1/users/" + std::to_string(worker_id_) + "/devices"; }

  std::unique_ptr<HttpClient> admin_, desk_, phone_;
  app::Actor administrator_;
  std::int64_t worker_id_ = 0;
};

// ASVS V2.2.1: a leaver's browsers are forgotten when the account is disabled; enabled again (or the
// laptop never handed back), their old cookie counts as no cookie and the stranger's lock holds it.
TEST_F(RememberedBrowsersOfAWorker, ASVS_V2_2_1_DisablingTheAccountForgetsItsBrowsers) {
  auto disabled = app::SetAccountActive(*ctx_, administrator_, kWorker, false);
  ASSERT_TRUE(disabled.has_value());
  EXPECT_EQ(disabled->browsers_forgotten, 2);
  ASSERT_TRUE(app::SetAccountActive(*ctx_, administrator_, kWorker, true).has_value());
  EXPECT_EQ(desk_->SignIn(kWorker, "not the password").status, 401);
  EXPECT_EQ(std::get<2>(Audited(*store_, "login.failed").back()).at("device_cookie"), "forgotten");
  StrangerLocksTheUsername(Client());
  EXPECT_TRUE(IsLockedOut(desk_->SignIn(kWorker, kTestPassword)));
  EXPECT_TRUE(IsLockedOut(phone_->SignIn(kWorker, kTestPassword)));
  const auto audited = Audited(*store_, "user.browsers_forgotten");
  ASSERT_EQ(audited.size(), 1u);
  const auto& [actor, whose, changes] = audited[0];
  EXPECT_EQ(actor, "administrator");  // who
  EXPECT_EQ(whose, std::to_string(worker_id_));
  EXPECT_EQ(changes.at("username"), kWorker);  // whose
  EXPECT_EQ(changes.at("reason"), "account_disabled");  // why
  EXPECT_EQ(changes.at("browsers_forgotten"), 2);
  EXPECT_EQ(std::get<2>(Audited(*store_, "user.disabled").at(0)).at("browsers_forgotten"), 2);
}

// ASVS V2.2.1: an administrator's new password (a password lost or stolen) forgets every browser.
TEST_F(RememberedBrowsersOfAWorker, ASVS_V2_2_1_AnAdministratorsNewPasswordForgetsTheBrowsers) {
  ASSERT_TRUE(app::SetPassword(*ctx_, administrator_, kWorker, "a brand new passphrase").has_value());
  StrangerLocksTheUsername(Client());
  EXPECT_TRUE(IsLockedOut(desk_->SignIn(kWorker, "a brand new passphrase")));
  EXPECT_TRUE(IsLockedOut(phone_->SignIn(kWorker, "a brand new passphrase")));
  const auto audited = Audited(*store_, "user.browsers_forgotten");
  ASSERT_EQ(audited.size(), 1u);
  EXPECT_EQ(std::get<0>(audited[0]), "administrator");
  EXPECT_EQ(std::get<2>(audited[0]).at("reason"), "password_reset");
  EXPECT_EQ(std::get<2>(audited[0]).at("username"), kWorker);
  EXPECT_EQ(std::get<2>(Audited(*store_, "user.password_changed").at(0)).at("browsers_forgotten"), 2);
}

// ASVS V2.2.1: the user's own new password forgets every browser of theirs, the one they changed it
// in too: whoever knew the old password may have signed in from theirs.
TEST_F(RememberedBrowsersOfAWorker, ASVS_V2_2_1_ChangingYourOwnPasswordForgetsYourBrowsers) {
  auto changed = desk_->SendJson("PUT", "/api/v1/session/password",
                                 {{"current_password", kTestPassword}, {"new_password", "a brand new passphrase"}});
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(desk_->Get("/api/v1/session").status, 200);  // this session stays
  StrangerLocksTheUsername(Client());
  EXPECT_TRUE(IsLockedOut(phone_->SignIn(kWorker, "a brand new passphrase")));
  EXPECT_TRUE(IsLockedOut(desk_->SignIn(kWorker, "a brand new passphrase")));
  const auto audited = Audited(*store_, "user.browsers_forgotten");
  ASSERT_EQ(audited.size(), 1u);
  EXPECT_EQ(std::get<0>(audited[0]), kWorker);
  EXPECT_EQ(std::get<2>(audited[0]).at("reason"), "own_password_changed");
  EXPECT_EQ(std::get<2>(audited[0]).at("browsers_forgotten"), 2);
}

// The administrator lists a user's remembered browsers, described by browser and system (never the
// User-Agent itself, which is nowhere in the audit log); a sign-in from one renews it in place.
TEST_F(RememberedBrowsersOfAWorker, TheAdministratorListsAUsersRememberedBrowsers) {
  auto listed = admin_->Get(Devices());
  ASSERT_EQ(listed.status, 200) << listed.body;
  const json devices = listed.Json().at("devices");
  ASSERT_EQ(devices.size(), 2u) << listed.body;
  std::set<std::string> described;
  for (const auto& d : devices) {
    described.insert(d.at("description"));
    EXPECT_FALSE(d.at("first_remembered_at").get<std::string>().empty());
    EXPECT_FALSE(d.at("last_used_at").get<std::string>().empty());
    EXPECT_FALSE(d.at("expires_at").get<std::string>().empty());
  }
  EXPECT_EQ(described, (std::set<std::string>{"Firefox on Windows", "Safari on iPhone"}));

  clock_.Advance(std::chrono::minutes(90));  // within the administrator's session's idle limit
  ASSERT_EQ(SignInFrom(*desk_, kWorker, kTestPassword, kFirefoxOnWindows).status, 201);
  const json after = admin_->Get(Devices()).Json().at("devices");
  ASSERT_EQ(after.size(), 2u);
  EXPECT_EQ(after[0].at("description"), "Firefox on Windows");  // the last used first
  EXPECT_NE(after[0].at("last_used_at"), after[0].at("first_remembered_at"));
  std::set<std::int64_t> ids_before, ids_after;
  for (const auto& d : devices) ids_before.insert(d.at("id").get<std::int64_t>());
  for (const auto& d : after) ids_after.insert(d.at("id").get<std::int64_t>());
  EXPECT_EQ(ids_before, ids_after);

  auto tx = store_->Begin(store::TransactionMode::kRead);
  for (const auto& row : tx->Query("SELECT changes FROM audit_events", {}))
    EXPECT_EQ(row.Text(0).find("Gecko"), std::string::npos) << row.Text(0);
}

// ASVS V2.2.1: "Forget this browser" (a lost phone): that browser is then locked out with the
// stranger's count, while the desk's is still let in; a browser not the user's is 404; "Forget all".
TEST_F(RememberedBrowsersOfAWorker, ASVS_V2_2_1_AForgottenBrowserIsLockedOutWithTheStranger) {
  std::int64_t phone_id = 0;
  const json devices = admin_->Get(Devices()).Json().at("devices");
  for (const auto& d : devices)
    if (d.at("description") == "Safari on iPhone") phone_id = d.at("id");
  ASSERT_NE(phone_id, 0);
  auto forgotten = admin_->Send("DELETE", Devices() + "/" + std::to_string(phone_id), "",
                                {{"X-CSRF-Token", admin_->csrf_token}});
  EXPECT_EQ(forgotten.status, 204) << forgotten.body;
  ASSERT_EQ(admin_->Get(Devices()).Json().at("devices").size(), 1u);

  StrangerLocksTheUsername(Client());
  EXPECT_TRUE(IsLockedOut(phone_->SignIn(kWorker, kTestPassword)));
  EXPECT_EQ(desk_->SignIn(kWorker, kTestPassword).status, 201);  // still remembered

  // Gone already, or another user's: not one of this user's browsers.
  EXPECT_EQ(admin_->Send("DELETE", Devices() + "/" + std::to_string(phone_id), "",
                         {{"X-CSRF-Token", admin_->csrf_token}})
                .status,
            404);
  auto manager = Client();
  ASSERT_EQ(SignInFrom(manager, "team_manager", kTestPassword, kFirefoxOnWindows).status, 201);
  const std::int64_t manager_id = UserId(manager);
  const std::int64_t managers_browser =
      admin_->Get("/api/v1/users/" + std::to_string(manager_id) + "/devices").Json().at("devices").at(0).at("id");
  EXPECT_EQ(admin_->Send("DELETE", Devices() + "/" + std::to_string(managers_browser), "",
                         {{"X-CSRF-Token", admin_->csrf_token}})
                .status,
            404);
  EXPECT_EQ(admin_->Get("/api/v1/users/999999/devices").status, 404);

  auto all = admin_->Send("DELETE", Devices(), "", {{"X-CSRF-Token", admin_->csrf_token}});
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.Json().at("forgotten"), 1);
  EXPECT_TRUE(admin_->Get(Devices()).Json().at("devices").empty());
  EXPECT_TRUE(IsLockedOut(desk_->SignIn(kWorker, kTestPassword)));
  EXPECT_EQ(admin_->Get("/api/v1/users/" + std::to_string(manager_id) + "/devices").Json().at("devices").size(), 1u);

  const auto audited = Audited(*store_, "user.browsers_forgotten");
  ASSERT_EQ(audited.size(), 2u);
  EXPECT_EQ(std::get<0>(audited[0]), "administrator");
  EXPECT_EQ(std::get<2>(audited[0]).at("browser"), phone_id);
  EXPECT_EQ(std::get<2>(audited[0]).at("reason"), "forgotten");
  EXPECT_EQ(std::get<2>(audited[1]).at("browsers_forgotten"), 1);
}

// Another user's browsers are the administrator's alone: every other role is refused, on the API
// and the page, even for their own (which they see on their account page instead).
TEST_F(RememberedBrowsersOfAWorker, OnlyAnAdministratorSeesOrForgetsAnotherUsersBrowsers) {
  for (Role role : {Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager, Role::kHubAdviser,
                    Role::kCpCoordinator, Role::kCpChair, Role::kDataProtectionOfficer, Role::kAnalyst,
                    Role::kPartner}) {
    SCOPED_TRACE(RoleId(role));
    auto client = SignedIn(role);
    EXPECT_EQ(client.Get(Devices()).status, 403);
    EXPECT_EQ(client.Send("DELETE", Devices(), "", {{"X-CSRF-Token", client.csrf_token}}).status, 403);
    EXPECT_EQ(client.Send("DELETE", Devices() + "/1", "", {{"X-CSRF-Token", client.csrf_token}}).status, 403);
    EXPECT_EQ(client.Get("/users/" + std::to_string(worker_id_) + "/browsers").status, 403);
    EXPECT_EQ(client.Send("POST", "/users/" + std::to_string(worker_id_) + "/browsers/forget",
                          "csrf_token=" + client.csrf_token, kForm)
                  .status,
              403);
  }
  // The desk's and the phone's, and the one the social worker's walk above signed in from.
  EXPECT_EQ(admin_->Get(Devices()).Json().at("devices").size(), 3u);
  EXPECT_TRUE(Audited(*store_, "user.browsers_forgotten").empty());
}

// The pages: the administrator's page of a user's browsers, with "Forget this browser" and "Forget
// all"; each user's own on their account page (linked from every page), their own only.
TEST_F(RememberedBrowsersOfAWorker, ThePagesListAndForgetRememberedBrowsers) {
  const std::string admin_page = "/users/" + std::to_string(worker_id_) + "/browsers";
  auto page = admin_->Get(admin_page);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("Firefox on Windows"), std::string::npos);
  EXPECT_NE(page.body.find("Safari on iPhone"), std::string::npos);
  EXPECT_NE(page.body.find("Test social_worker&apos;s remembered browsers (social_worker)"), std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("Forget this browser"), std::string::npos);
  EXPECT_NE(page.body.find("Forget all"), std::string::npos);
  const std::string forget_path = FirstCapture(page.body, "action=\"(" + admin_page + "/[0-9]+/forget)\"");
  ASSERT_FALSE(forget_path.empty()) << page.body;
  auto forgot = admin_->Send("POST", forget_path, "csrf_token=" + admin_->csrf_token, kForm);
  ASSERT_EQ(forgot.status, 303) << forgot.body;
  EXPECT_EQ(admin_->Get(Devices()).Json().at("devices").size(), 1u);
  EXPECT_NE(admin_->Get(forgot.Header("location")).body.find("The browser is forgotten"), std::string::npos);

  // The worker's own page: the one browser left; the manager's browser is not theirs to forget.
  auto manager = Client();
  ASSERT_EQ(SignInFrom(manager, "team_manager", kTestPassword, kFirefoxOnWindows).status, 201);
  const std::int64_t managers_browser = admin_->Get("/api/v1/users/" + std::to_string(UserId(manager)) + "/devices")
                                            .Json().at("devices").at(0).at("id");
  auto home = desk_->Get("/");
  EXPECT_NE(home.body.find("href=\"/account/browsers\""), std::string::npos);
  auto own = desk_->Get("/account/browsers");
  ASSERT_EQ(own.status, 200) << own.body;
  EXPECT_NE(own.body.find("Your remembered browsers"), std::string::npos);
  EXPECT_EQ(desk_->Send("POST", "/account/browsers/" + std::to_string(managers_browser) + "/forget",
                        "csrf_token=" + desk_->csrf_token, kForm)
                .status,
            404);
  EXPECT_EQ(admin_->Get("/api/v1/users/" + std::to_string(UserId(manager)) + "/devices").Json().at("devices").size(),
            1u);
  auto all = desk_->Send("POST", "/account/browsers/forget", "csrf_token=" + desk_->csrf_token, kForm);
  ASSERT_EQ(all.status, 303) << all.body;
  EXPECT_TRUE(admin_->Get(Devices()).Json().at("devices").empty());
  EXPECT_NE(desk_->Get("/account/browsers").body.find("No browser is remembered for you"), std::string::npos);
  const auto audited = Audited(*store_, "user.browsers_forgotten");
  ASSERT_EQ(audited.size(), 2u);
  EXPECT_EQ(std::get<0>(audited[1]), kWorker);  // by the worker themselves
}

// The description is the families alone, short, from whatever the browser sends.
TEST(BrowserDescription, NamesTheBrowserAndSystemFamiliesOnly) {
  EXPECT_EQ(app::BrowserDescription(kFirefoxOnWindows), "Firefox on Windows");
  EXPECT_EQ(app::BrowserDescription(kSafariOnIPhone), "Safari on iPhone");
  EXPECT_EQ(app::BrowserDescription("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like "
                                    "Gecko) Chrome/131.0.0.0 Safari/537.36 Edg/131.0.0.0"),
            "Edge on Windows");
  EXPECT_EQ(app::BrowserDescription("Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
                                    "Chrome/131.0.0.0 Mobile Safari/537.36"),
            "Chrome on Android");
  EXPECT_EQ(app::BrowserDescription(""), "Unknown browser");
  EXPECT_EQ(app::BrowserDescription(std::string(5000, 'x')), "Unknown browser");
}

}  // namespace
}  // namespace fd::testing
