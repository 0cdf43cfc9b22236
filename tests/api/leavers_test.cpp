// Leavers, moves and a user's own password over real HTTP (docs/operations.md "Leavers and moves",
// docs/security.md): a disabled account cannot sign in and its open sessions end at once; a user
// changes their own password, which ends their other sessions but not this one; a leaver's API
// tokens are revoked for good, and a token acts with its user's role and team as they are now. No
// RULE ids: this is account hardening (the review's findings "leavers keep a working account" and
// "a leaver's tokens come back").
#include "api_fixture.h"
#include "app/account_changes.h"
#include "app/accounts.h"
#include "app/api_tokens.h"
#include "app/device_cookies.h"

namespace fd::testing {
namespace {

using nlohmann::json;

std::int64_t CountAudit(store::Store& store, const std::string& action) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  return tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ?", {action}).at(0).Int(0);
}

const std::map<std::string, std::string> kForm = {{"Content-Type", "application/x-www-form-urlencoded"}};

using Leavers = ApiTest;

// A leaver's session ends the moment the account is disabled (the API 401s, the pages send them to
// sign in), and signing in again gets the wrong-password answer, so nobody learns the account exists
// but is disabled. Enabling it lets them back in.
TEST_F(Leavers, ADisabledUserCannotSignInAndTheirSessionEnds) {
  auto worker = SignedIn(Role::kSocialWorker);
  ASSERT_EQ(worker.Get("/api/v1/session").status, 200);
  const std::string wrong_password = Client().SignIn("social_worker", "not the password").Json().at("detail");

  ASSERT_TRUE(app::SetAccountActive(*ctx_, std::nullopt, "social_worker", false).has_value());
  EXPECT_EQ(worker.Get("/api/v1/session").status, 401);
  EXPECT_EQ(worker.Get("/contacts").status, 303);
  auto again = Client().SignIn("social_worker", kTestPassword);
  EXPECT_EQ(again.status, 401);
  EXPECT_EQ(again.Json().at("detail"), wrong_password);
  auto page =
      Client().Send("POST", "/sign-in", "username=social_worker&password=correct+horse+battery", kForm);
  EXPECT_EQ(page.status, 401);
  EXPECT_EQ(page.body.find("disabled"), std::string::npos);
  EXPECT_EQ(CountAudit(*store_, "user.disabled"), 1);

  // Only an administrator may do it from the application.
  app::Actor manager{0, "team_manager", "Manager", Role::kTeamManager, std::nullopt};
  EXPECT_EQ(app::SetAccountActive(*ctx_, manager, "social_worker", true).error().code, ErrorCode::kForbidden);

  ASSERT_TRUE(app::SetAccountActive(*ctx_, std::nullopt, "social_worker", true).has_value());
  EXPECT_EQ(Client().SignIn("social_worker", kTestPassword).status, 201);
  EXPECT_EQ(CountAudit(*store_, "user.enabled"), 1);
}

// A change of role ends the user's sessions: nothing goes on acting with the old role's permissions.
TEST_F(Leavers, ARoleChangeEndsTheirSessions) {
  auto worker = SignedIn(Role::kSocialWorker);
  ASSERT_TRUE(app::ChangeRole(*ctx_, std::nullopt, "social_worker", "team_manager").has_value());
  EXPECT_EQ(worker.Get("/api/v1/session").status, 401);
  auto signed_in = Client().SignIn("social_worker", kTestPassword);
  ASSERT_EQ(signed_in.status, 201);
  EXPECT_EQ(signed_in.Json().at("user").at("role"), "team_manager");
  EXPECT_EQ(CountAudit(*store_, "user.role_changed"), 1);
}

// PUT /api/v1/session/password: the user's other sessions end, this one stays; the new password
// signs in and the old one does not; audited, without either password.
TEST_F(Leavers, ChangingYourOwnPasswordEndsYourOtherSessions) {
  auto here = SignedIn(Role::kSocialWorker);
  auto elsewhere = SignedIn(Role::kSocialWorker);
  auto someone_else = SignedIn(Role::kTeamManager);
  const std::string replacement = "a brand new passphrase";
  auto changed = here.SendJson("PUT", "/api/v1/session/password",
                               {{"current_password", kTestPassword}, {"new_password", replacement}});
  ASSERT_EQ(changed.status, 204) << changed.body;
  EXPECT_EQ(here.Get("/api/v1/session").status, 200);
  EXPECT_EQ(elsewhere.Get("/api/v1/session").status, 401);
  EXPECT_EQ(someone_else.Get("/api/v1/session").status, 200);
  EXPECT_EQ(Client().SignIn("social_worker", kTestPassword).status, 401);
  EXPECT_EQ(Client().SignIn("social_worker", replacement).status, 201);
  EXPECT_EQ(CountAudit(*store_, "user.password_changed"), 1);
  auto tx = store_->Begin(store::TransactionMode::kRead);
  for (const auto& row : tx->Query("SELECT changes FROM audit_events"))
    EXPECT_EQ(row.Text(0).find("passphrase"), std::string::npos) << row.Text(0);
}

// The password rules of `user password` apply; a wrong current password is a field error that counts
// toward the lock-out like a failed sign-in (so a stolen session cannot guess on and on).
// A session used without the worker's browser (a stolen session cookie, no device cookie): its wrong
// current passwords lock the username to untrusted clients.
TEST_F(Leavers, AWrongCurrentPasswordIsAFieldErrorAndCountsTowardTheLockOut) {
  auto here = SignedIn(Role::kSocialWorker);
  here.cookies.erase(app::DeviceCookieName("social_worker"));
  auto weak = here.SendJson("PUT", "/api/v1/session/password",
                            {{"current_password", kTestPassword}, {"new_password", "short"}});
  EXPECT_EQ(weak.status, 422);
  EXPECT_TRUE(NamesField(weak, "new_password")) << weak.body;
  for (int i = 0; i < 4; ++i) {
    auto wrong =
        here.SendJson("PUT", "/api/v1/session/password",
                      {{"current_password", "not the password"}, {"new_password", "a brand new passphrase"}});
    EXPECT_EQ(wrong.status, 422) << wrong.body;
    EXPECT_TRUE(NamesField(wrong, "current_password")) << wrong.body;
  }
  auto fifth =
      here.SendJson("PUT", "/api/v1/session/password",
                    {{"current_password", "not the password"}, {"new_password", "a brand new passphrase"}});
  EXPECT_NE(fifth.body.find("Too many attempts"), std::string::npos) << fifth.body;
  EXPECT_EQ(
      Client().SignIn("social_worker", kTestPassword).Json().at("detail").get<std::string>().find("Too many"),
      0u);
  auto right =
      here.SendJson("PUT", "/api/v1/session/password",
                    {{"current_password", kTestPassword}, {"new_password", "a brand new passphrase"}});
  EXPECT_EQ(right.status, 422);  // refused while locked
  EXPECT_EQ(CountAudit(*store_, "account.locked"), 1);
}

// ASVS V2.2.1: in the worker's own browser (its device cookie) the wrong current passwords lock that
// browser alone; a stranger's lock on the username does not stop the worker changing their password.
TEST_F(Leavers, ASVS_V2_2_1_AWrongCurrentPasswordInTheWorkersOwnBrowserLocksThatBrowserAlone) {
  auto here = SignedIn(Role::kSocialWorker);
  ASSERT_TRUE(here.cookies.contains(app::DeviceCookieName("social_worker")));
  auto stranger = Client();
  for (int i = 0; i < 5; ++i) stranger.SignIn("social_worker", "not the password");
  ASSERT_EQ(stranger.SignIn("social_worker", kTestPassword).status, 401);  // untrusted clients are locked out
  for (int i = 0; i < 5; ++i)
    here.SendJson("PUT", "/api/v1/session/password",
                  {{"current_password", "not the password"}, {"new_password", "a brand new passphrase"}});
  auto right = here.SendJson("PUT", "/api/v1/session/password",
                             {{"current_password", kTestPassword}, {"new_password", "a brand new passphrase"}});
  EXPECT_EQ(right.status, 422);  // this browser is now locked too
  EXPECT_NE(right.body.find("Too many attempts"), std::string::npos) << right.body;
  EXPECT_EQ(CountAudit(*store_, "device.locked"), 1);
  clock_.Advance(std::chrono::minutes(16));
  auto later = here.SendJson("PUT", "/api/v1/session/password",
                             {{"current_password", kTestPassword}, {"new_password", "a brand new passphrase"}});
  EXPECT_EQ(later.status, 204) << later.body;
}

// The page: linked from every page's header, the new password twice, errors beside the fields.
TEST_F(Leavers, ThePasswordPageChangesYourPassword) {
  auto here = SignedIn(Role::kContactOfficer);
  auto elsewhere = SignedIn(Role::kContactOfficer);
  auto home = here.Get("/");
  EXPECT_NE(home.body.find("href=\"/account/password\""), std::string::npos);
  auto form = here.Get("/account/password");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"current_password\""), std::string::npos);
  const std::string csrf = "csrf_token=" + here.csrf_token;
  auto mismatch = here.Send("POST", "/account/password",
                            csrf +
                                "&current_password=correct+horse+battery&new_password=a+brand+new+passphrase"
                                "&new_password_again=a+brand+new+passphrasf",
                            kForm);
  EXPECT_EQ(mismatch.status, 422);
  EXPECT_NE(mismatch.body.find("The two new passwords are not the same"), std::string::npos);
  auto wrong = here.Send("POST", "/account/password",
                         csrf +
                             "&current_password=wrong+one&new_password=a+brand+new+passphrase"
                             "&new_password_again=a+brand+new+passphrase",
                         kForm);
  EXPECT_EQ(wrong.status, 422);
  EXPECT_NE(wrong.body.find("Your current password is not right"), std::string::npos);
  auto done = here.Send("POST", "/account/password",
                        csrf +
                            "&current_password=correct+horse+battery&new_password=a+brand+new+passphrase"
                            "&new_password_again=a+brand+new+passphrase",
                        kForm);
  EXPECT_EQ(done.status, 200) << done.body;
  EXPECT_NE(done.body.find("Your password has been changed"), std::string::npos);
  EXPECT_EQ(here.Get("/api/v1/session").status, 200);
  EXPECT_EQ(elsewhere.Get("/api/v1/session").status, 401);
}


std::map<std::string, std::string> Bearer(const std::string& token) {
  return {{"Authorization", "Bearer " + token}, {"Content-Type", "application/json"}};
}

// Disabling an account revokes every API token of theirs still in force, each audited
// api_token.revoked as `token revoke` is: enabling the account again (a return, or a mistake put
// right) does not bring back a token left in a script or on a laptop. Tokens of others stay.
TEST_F(Leavers, DisablingRevokesTheirTokensForGoodAndEnablingDoesNotBringThemBack) {
  auto first = app::CreateApiToken(*ctx_, std::nullopt, {"dashboard", "social_worker", {"contacts:read"}});
  auto second = app::CreateApiToken(*ctx_, std::nullopt, {"script", "social_worker", {"contacts:read"}});
  auto others = app::CreateApiToken(*ctx_, std::nullopt, {"police", "contact_officer", {"contacts:read"}});
  ASSERT_TRUE(first && second && others);
  ASSERT_TRUE(app::RevokeApiToken(*ctx_, std::nullopt, second->id));  // already revoked: not counted again
  auto client = Client();
  ASSERT_EQ(client.Send("GET", "/api/v1/contacts", "", Bearer(first->token)).status, 200);

  auto disabled = app::SetAccountActive(*ctx_, std::nullopt, "social_worker", false);
  ASSERT_TRUE(disabled.has_value());
  EXPECT_EQ(disabled->tokens_revoked, 1);
  EXPECT_EQ(client.Send("GET", "/api/v1/contacts", "", Bearer(first->token)).status, 401);
  ASSERT_TRUE(app::SetAccountActive(*ctx_, std::nullopt, "social_worker", true).has_value());
  EXPECT_EQ(client.Send("GET", "/api/v1/contacts", "", Bearer(first->token)).status, 401);
  EXPECT_EQ(client.Send("GET", "/api/v1/contacts", "", Bearer(second->token)).status, 401);
  EXPECT_EQ(client.Send("GET", "/api/v1/contacts", "", Bearer(others->token)).status, 200);
  EXPECT_EQ(Client().SignIn("social_worker", kTestPassword).status, 201);  // the account itself is back

  auto tokens = app::ListApiTokens(*ctx_, std::nullopt);
  ASSERT_TRUE(tokens.has_value());
  for (const auto& t : *tokens) EXPECT_EQ(t.revoked_at.has_value(), t.username == "social_worker") << t.name;
  auto tx = store_->Begin(store::TransactionMode::kRead);
  const auto revoked = tx->Query(
      "SELECT record_id, changes FROM audit_events WHERE action = 'api_token.revoked' ORDER BY seq");
  ASSERT_EQ(revoked.size(), 2u);  // `second` by hand, `first` with the account
  EXPECT_EQ(revoked[1].Text(0), std::to_string(first->id));
  EXPECT_NE(revoked[1].Text(1).find("user.disabled"), std::string::npos) << revoked[1].Text(1);
  EXPECT_EQ(revoked[1].Text(1).find(first->token), std::string::npos);
}

// A token carries no role or team of its own: each request takes its user's as they are now, so
// after `set-team` a token's new contact goes to the new team, and after `set-role` the old role's
// permissions are gone (a contact officer made a performance analyst records no contacts).
TEST_F(Leavers, ATokenActsWithItsUsersRoleAndTeamAsTheyAreNow) {
  auto token = app::CreateApiToken(*ctx_, std::nullopt, {"police", "contact_officer", {"contacts:write"}});
  ASSERT_TRUE(token.has_value());
  auto client = Client();
  auto team_of = [&](const HttpReply& created) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx
        ->Query("SELECT t.name FROM contacts c JOIN teams t ON t.id = c.team_id WHERE c.id = ?",
                {created.Json().at("id").get<std::int64_t>()})
        .at(0)
        .Text(0);
  };
  auto before = client.Send("POST", "/api/v1/contacts", ScreenableSchoolContact().dump(), Bearer(token->token));
  ASSERT_EQ(before.status, 201) << before.body;
  EXPECT_EQ(team_of(before), "Front Door");

  ASSERT_TRUE(app::MoveToTeam(*ctx_, std::nullopt, "contact_officer", "Duty Team", true).has_value());
  auto moved = client.Send("POST", "/api/v1/contacts", ScreenableSchoolContact().dump(), Bearer(token->token));
  ASSERT_EQ(moved.status, 201) << moved.body;
  EXPECT_EQ(team_of(moved), "Duty Team");

  ASSERT_TRUE(app::ChangeRole(*ctx_, std::nullopt, "contact_officer", "analyst").has_value());
  EXPECT_EQ(client.Send("POST", "/api/v1/contacts", ScreenableSchoolContact().dump(), Bearer(token->token)).status,
            403);
}

}  // namespace
}  // namespace fd::testing
