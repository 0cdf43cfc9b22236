// An administrator resets a user's password on the pages and the API (app/password_reset.h;
// docs/decisions.md "An administrator resets a password"): a temporary one, typed or made by
// frontdoor and shown once; its holder must choose their own at next sign-in (ASVS V2.3.1), their
// sessions end, any lock-out is lifted; the password is never in the log, the audit or a page sent
// back. No RULE ids: an administrator's tool, not a procedure of the seeds.
#include <regex>

#include "api_fixture.h"
#include "page_forms.h"
#include "app/api_tokens.h"
#include "support/log_capture.h"
#include "user_audit.h"

namespace fd::testing {
namespace {

using nlohmann::json;

constexpr const char* kWorker = "social_worker";
constexpr const char* kTyped = "a temporary passphrase to read out";
constexpr const char* kOwn = "a passphrase of their very own";
constexpr const char* kCommon = "passwordpassword";  // long enough, but on the common list
const std::regex kMadeByFrontdoor(
    "[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}-[a-hjkmnp-z2-9]{4}");

class PasswordReset : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    admin_ = std::make_unique<HttpClient>(SignedIn(Role::kAdministrator));
  }
  std::int64_t IdOf(const std::string& username) {
    const json list = admin_->Get("/api/v1/users").Json();  // kept: a loop over a temporary's part dangles
    for (const auto& u : list.at("users"))
      if (u.at("username") == username) return u.at("id").get<std::int64_t>();
    ADD_FAILURE() << "no account " << username;
    return 0;
  }
  std::string WorkerPath(const std::string& tail = "") {
    return "/api/v1/users/" + std::to_string(IdOf(kWorker)) + tail;
  }
  // Five wrong passwords from a browser frontdoor does not know: the username is locked to such clients.
  void LockOut(const std::string& username) {
    for (std::int64_t i = 0; i < app::kAccountFailureLimit; ++i)
      Client().SignIn(username, "not the password at all");
    ASSERT_EQ(admin_->Get(WorkerPath()).Json().at("locked"), true);
  }
  // No log line, no audit event and none of `pages` holds `password`.
  void NeverShown(const std::string& password, const std::vector<HttpReply>& pages = {}) {
    const auto lines = logs_.Lines();
    EXPECT_FALSE(lines.empty());  // the log was captured: its lines are what is searched
    for (const auto& line : lines) EXPECT_EQ(line.find(password), std::string::npos) << line;
    auto tx = store_->Begin(store::TransactionMode::kRead);
    for (const auto& row : tx->Query("SELECT action, changes FROM audit_events"))
      EXPECT_EQ(row.Text(1).find(password), std::string::npos) << row.Text(0) << ": " << row.Text(1);
    for (const auto& page : pages) EXPECT_EQ(page.body.find(password), std::string::npos) << page.body;
  }
  // The first user.password_changed event (the reset's): who did it and what it says.
  std::pair<std::string, json> PasswordChanged() {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    auto rows = tx->Query(
        "SELECT actor, changes FROM audit_events WHERE action = 'user.password_changed' ORDER BY seq");
    EXPECT_FALSE(rows.empty());  // the reset's; a change of their own after it comes later
    if (rows.empty()) return {};
    return {rows.at(0).Text(0), json::parse(rows.at(0).Text(1))};
  }

  CapturedLogs logs_;  // the password must never be in the log
  std::unique_ptr<HttpClient> admin_;
};

// The administrator has frontdoor make one: given once in the answer; the worker's sessions end and
// their lock-out is lifted, so the new password works at once; they must choose their own before
// anything else (ASVS V2.3.1); their API token is not changed; the password is in no log or audit.
TEST_F(PasswordReset, ASVS_V2_3_1_AGeneratedPasswordIsGivenOnceAndMustBeChangedAtSignIn) {
  auto token = app::CreateApiToken(*ctx_, std::nullopt, {"script", kWorker, {"contacts:read"}});
  ASSERT_TRUE(token.has_value());
  auto old_session = SignedIn(Role::kSocialWorker);
  ASSERT_EQ(old_session.Get("/api/v1/session").status, 200);
  LockOut(kWorker);

  auto reset = admin_->SendJson("POST", WorkerPath("/password"), {{"generate", true}});
  ASSERT_EQ(reset.status, 200) << reset.body;
  EXPECT_EQ(reset.Header("cache-control"), "no-store");
  const json done = reset.Json().at("password_reset");
  const std::string temporary = done.at("temporary_password").get<std::string>();
  EXPECT_TRUE(std::regex_match(temporary, kMadeByFrontdoor)) << temporary;
  EXPECT_EQ(done.at("generated"), true);
  EXPECT_GE(done.at("sessions_ended").get<int>(), 1);
  EXPECT_EQ(done.at("lock_lifted"), true);
  EXPECT_EQ(reset.Json().at("must_change_password"), true);
  EXPECT_EQ(reset.Json().at("locked"), false);
  // Shown once: the account read again does not have it.
  EXPECT_EQ(admin_->Get(WorkerPath()).body.find(temporary), std::string::npos);

  EXPECT_EQ(old_session.Get("/api/v1/session").status, 401);       // their sessions ended
  EXPECT_EQ(Client().SignIn(kWorker, kTestPassword).status, 401);  // the old password is gone
  auto worker = Client();
  auto signed_in = worker.SignIn(kWorker, temporary);  // the lock-out is lifted: it works at once
  ASSERT_EQ(signed_in.status, 201) << signed_in.body;
  EXPECT_EQ(signed_in.Json().at("user").at("must_change_password"), true);
  auto held = worker.Get("/api/v1/contacts");
  EXPECT_EQ(held.status, 403);
  EXPECT_EQ(held.Json().at("code"), "password_change_required");
  ASSERT_EQ(worker
                .SendJson("PUT", "/api/v1/session/password",
                          {{"current_password", temporary}, {"new_password", kOwn}})
                .status,
            204);
  EXPECT_EQ(worker.Get("/api/v1/contacts").status, 200);
  // Sessions only: a token is a system's, and has no password.
  EXPECT_EQ(
      Client().Send("GET", "/api/v1/contacts", "", {{"Authorization", "Bearer " + token->token}}).status,
      200);

  const auto [actor, changes] = PasswordChanged();
  EXPECT_EQ(actor, "administrator");           // who
  EXPECT_EQ(changes.at("username"), kWorker);  // whose
  EXPECT_EQ(changes.at("reset"), true);
  EXPECT_EQ(changes.at("generated"), true);
  EXPECT_EQ(changes.at("lock_lifted"), true);
  EXPECT_EQ(UserAuditActors(*store_, "user.must_change_password", IdOf(kWorker)),
            std::vector<std::string>{"administrator"});
  NeverShown(temporary);
}

// A typed one follows the password rules everywhere else (too short, common: 422 naming "password",
// never echoed back); the request must say which it is; an administrator's own account is refused,
// pointing to the change of one's own; another role is refused at the route (403).
TEST_F(PasswordReset, ATypedPasswordFollowsTheRulesAndOnlyAnAdministratorResetsAnotherAccount) {
  auto short_one = admin_->SendJson("POST", WorkerPath("/password"), {{"password", "too short"}});
  EXPECT_EQ(short_one.status, 422) << short_one.body;
  EXPECT_TRUE(NamesField(short_one, "password")) << short_one.body;
  EXPECT_NE(short_one.body.find("at least 12 characters"), std::string::npos) << short_one.body;
  auto common = admin_->SendJson("POST", WorkerPath("/password"), {{"password", kCommon}});
  EXPECT_EQ(common.status, 422) << common.body;
  EXPECT_TRUE(NamesField(common, "password"));
  EXPECT_NE(common.body.find("common passwords"), std::string::npos) << common.body;
  for (const json& body :
       {json::object(), json{{"generate", true}, {"password", kTyped}}, json{{"generate", "yes"}}}) {
    auto unclear = admin_->SendJson("POST", WorkerPath("/password"), body);
    EXPECT_EQ(unclear.status, 422) << body.dump() << ": " << unclear.body;
    EXPECT_TRUE(NamesField(unclear, "password")) << unclear.body;
  }
  auto own = admin_->SendJson("POST", "/api/v1/users/" + std::to_string(IdOf("administrator")) + "/password",
                              {{"generate", true}});
  EXPECT_EQ(own.status, 422) << own.body;
  EXPECT_TRUE(NamesField(own, "password"));
  EXPECT_NE(own.body.find("/account/password"), std::string::npos) << own.body;
  EXPECT_EQ(admin_->SendJson("POST", "/api/v1/users/999999/password", {{"generate", true}}).status, 404);
  for (Role role : {Role::kTeamManager, Role::kSocialWorker, Role::kDataProtectionOfficer}) {
    auto refused = SignedIn(role).SendJson("POST", WorkerPath("/password"), {{"password", kTyped}});
    EXPECT_EQ(refused.status, 403) << RoleId(role) << ": " << refused.body;
  }
  // Without the CSRF token, as every POST.
  auto no_csrf = admin_->Send("POST", WorkerPath("/password"), json{{"generate", true}}.dump(),
                              {{"Content-Type", "application/json"}});
  EXPECT_EQ(no_csrf.status, 403) << no_csrf.body;
  auto still = Client();
  ASSERT_EQ(still.SignIn(kWorker, kTestPassword).status, 201);  // nothing refused changed anything
  EXPECT_EQ(still.Get("/api/v1/contacts").status, 200);

  auto typed = admin_->SendJson("POST", WorkerPath("/password"), {{"password", kTyped}});
  ASSERT_EQ(typed.status, 200) << typed.body;
  EXPECT_EQ(typed.Json().at("password_reset").at("generated"), false);
  EXPECT_FALSE(typed.Json().at("password_reset").contains("temporary_password"));  // they know it
  EXPECT_EQ(still.Get("/api/v1/session").status, 401);
  auto worker = Client();
  ASSERT_EQ(worker.SignIn(kWorker, kTyped).status, 201);
  EXPECT_EQ(worker.Get("/api/v1/contacts").status, 403);  // until they choose their own
  EXPECT_EQ(PasswordChanged().second.at("generated"), false);
  NeverShown(kTyped, {typed});
  NeverShown(kCommon, {common});
}

// On the pages: the user's page offers it (the administrator's own points to /account/password);
// "Make a temporary password" shows it on the answer alone, with how to give it; the worker's page
// session is sent to sign in, and signed in with it to /account/password until they choose their own.
TEST_F(PasswordReset, ASVS_V2_3_1_OnThePagesAMadePasswordIsShownOnceAndTheWorkerMustChangeIt) {
  const std::string page = "/users/" + std::to_string(IdOf(kWorker));
  auto shown = admin_->Get(page);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("Make a temporary password"), std::string::npos);
  EXPECT_NE(shown.body.find("Type a temporary password yourself instead"), std::string::npos);
  auto own = admin_->Get("/users/" + std::to_string(IdOf("administrator")));
  EXPECT_EQ(own.body.find("Make a temporary password"), std::string::npos);
  EXPECT_NE(own.body.find("This is your own account"), std::string::npos);
  EXPECT_NE(own.body.find("href=\"/account/password\""), std::string::npos);

  auto old_session = SignedIn(Role::kSocialWorker);
  ASSERT_EQ(old_session.Get("/").status, 200);
  LockOut(kWorker);
  auto made = SendForm(*admin_, page + "/password", {{"how", "generate"}});
  ASSERT_EQ(made.status, 200) << made.body;
  EXPECT_EQ(made.Header("cache-control"), "no-store");
  const std::string temporary = FirstCapture(made.body, "id=\"temporary-password\">([^<]+)<");
  EXPECT_TRUE(std::regex_match(temporary, kMadeByFrontdoor)) << made.body;
  EXPECT_NE(made.body.find("Give it to them by phone, not by e-mail"), std::string::npos);
  EXPECT_NE(made.body.find("shown only this once"), std::string::npos);
  EXPECT_NE(made.body.find("The lock-out on their account is lifted"), std::string::npos);
  auto again = admin_->Get(page);
  EXPECT_EQ(again.body.find(temporary), std::string::npos);  // once
  EXPECT_NE(again.body.find("Yes: an administrator set it"), std::string::npos);

  auto sent_away = old_session.Get("/");
  EXPECT_EQ(sent_away.status, 303);
  EXPECT_TRUE(sent_away.Header("location").starts_with("/sign-in")) << sent_away.Header("location");
  auto worker = Client();
  auto signed_in = worker.Send("POST", "/sign-in",
                               FormBody({{"username", kWorker}, {"password", temporary}, {"next", "/"}}),
                               kFormContentType);
  ASSERT_EQ(signed_in.status, 303) << signed_in.body;
  auto held = worker.Get("/contacts");
  EXPECT_EQ(held.status, 303);
  EXPECT_EQ(held.Header("location"), "/account/password");
  const std::string csrf =
      FirstCapture(worker.Get("/account/password").body, "name=\"csrf_token\" value=\"([^\"]+)\"");
  auto changed =
      SendForm(worker, "/account/password",
               {{"current_password", temporary}, {"new_password", kOwn}, {"new_password_again", kOwn}}, csrf);
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(worker.Get("/contacts").status, 200);

  // Another role may not (403), nor the administrator on their own account (the page says where).
  auto manager = SignedIn(Role::kTeamManager);
  EXPECT_EQ(SendForm(manager, page + "/password", {{"how", "generate"}}).status, 403);
  auto refused_own = SendForm(*admin_, "/users/" + std::to_string(IdOf("administrator")) + "/password",
                              {{"how", "generate"}});
  EXPECT_EQ(refused_own.status, 422);
  EXPECT_NE(refused_own.body.find("This is your own account"), std::string::npos);
  EXPECT_NE(refused_own.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_EQ(admin_->Get("/api/v1/session").status, 200);
  NeverShown(temporary);
}

// A typed one on the page: a weak one or two that differ are refused beside the field with the error
// summary, the typed form left open and the account's other boxes as they were, but the password
// itself never put back in the page; a good one goes back to the account with a banner saying to
// give it by phone.
TEST_F(PasswordReset, OnThePagesATypedPasswordIsCheckedWithTheFieldNamedAndNeverPutBack) {
  const std::string page = "/users/" + std::to_string(IdOf(kWorker));
  auto weak = SendForm(*admin_, page + "/password",
                       {{"how", "typed"}, {"password", kCommon}, {"password_again", kCommon}});
  ASSERT_EQ(weak.status, 422) << weak.body;
  EXPECT_NE(weak.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(weak.body.find("href=\"#password\""), std::string::npos) << weak.body;
  EXPECT_NE(weak.body.find("id=\"password-error\""), std::string::npos);
  EXPECT_NE(weak.body.find("common passwords"), std::string::npos);
  EXPECT_NE(weak.body.find("id=\"type-password\" open"), std::string::npos);  // the choice kept
  EXPECT_NE(weak.body.find("value=\"Front Door\""), std::string::npos);       // their team's box as it was
  auto differ = SendForm(
      *admin_, page + "/password",
      {{"how", "typed"}, {"password", kTyped}, {"password_again", "a temporary passphrase to read"}});
  ASSERT_EQ(differ.status, 422);
  EXPECT_NE(differ.body.find("href=\"#password_again\""), std::string::npos);
  EXPECT_NE(differ.body.find("The two passwords are not the same"), std::string::npos);
  auto empty =
      SendForm(*admin_, page + "/password", {{"how", "typed"}, {"password", ""}, {"password_again", ""}});
  ASSERT_EQ(empty.status, 422);
  EXPECT_NE(empty.body.find("Enter a temporary password"), std::string::npos);
  auto still = Client();
  ASSERT_EQ(still.SignIn(kWorker, kTestPassword).status, 201);  // nothing refused changed anything

  auto set = SendForm(*admin_, page + "/password",
                      {{"how", "typed"}, {"password", kTyped}, {"password_again", kTyped}});
  ASSERT_EQ(set.status, 303) << set.body;
  auto banner = admin_->Get(set.Header("location"));
  EXPECT_NE(banner.body.find("The temporary password is set: give it to them by phone, not by e-mail"),
            std::string::npos)
      << banner.body;
  EXPECT_EQ(still.Get("/api/v1/session").status, 401);
  auto worker = Client();
  ASSERT_EQ(worker.SignIn(kWorker, kTyped).status, 201);
  EXPECT_EQ(worker.Get("/api/v1/contacts").status, 403);
  NeverShown(kTyped, {set, banner});
  NeverShown(kCommon, {weak});
}

}  // namespace
}  // namespace fd::testing
