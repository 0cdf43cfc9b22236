// The administrator's accounts on the pages and the API (app/user_directory.h, app/account_changes.h;
// docs/decisions.md "Administering accounts on the pages"), over real HTTP: every account listed with
// its role, team, state and last sign-in; a leaver disabled (their session ends at once), enabled,
// moved, given another role, unlocked, and a new starter added, each through the use case the CLI
// uses and audited as it is; an administrator cannot disable themselves nor drop their own role; every
// other role is refused every route. No RULE ids: account administration (the review's finding "every
// account change needs a shell on the server").
#include "api_fixture.h"
#include "page_forms.h"
#include "user_audit.h"
#include "domain/text.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class UserAdmin : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    admin_ = std::make_unique<HttpClient>(SignedIn(Role::kAdministrator));
  }
  // The account's id, from the administrator's list.
  std::int64_t IdOf(const std::string& username) {
    auto list = admin_->Get("/api/v1/users");
    EXPECT_EQ(list.status, 200) << list.body;
    const json users = list.Json().at("users");
    for (const auto& u : users)
      if (u.at("username") == username) return u.at("id").get<std::int64_t>();
    ADD_FAILURE() << "no account " << username;
    return 0;
  }
  std::string Api(const std::string& username, const std::string& tail = "") {
    return "/api/v1/users/" + std::to_string(IdOf(username)) + tail;
  }
  std::string PagePath(const std::string& username, const std::string& tail = "") {
    return "/users/" + std::to_string(IdOf(username)) + tail;
  }
  // The audit events of `action` about user `id`: who did it.
  std::vector<std::string> AuditActors(const std::string& action, std::int64_t id) {
    return UserAuditActors(*store_, action, id);
  }
  std::unique_ptr<HttpClient> admin_;
};

// Every account, with its role in words, team, state and last sign-in (ISO in JSON, in words on the
// page, "Never" for one who never signed in); filtered by role, team and status.
TEST_F(UserAdmin, ListsEveryAccountWithItsRoleTeamStateAndLastSignIn) {
  SignedIn(Role::kSocialWorker);
  auto list = admin_->Get("/api/v1/users");
  ASSERT_EQ(list.status, 200) << list.body;
  const json users = list.Json().at("users");
  EXPECT_EQ(users.size(), AllRoles().size());
  for (const auto& u : users) {
    EXPECT_EQ(u.at("team"), "Front Door");
    EXPECT_EQ(u.at("status"), "active");
    EXPECT_EQ(u.at("locked"), false);
    if (u.at("username") == "social_worker") {
      EXPECT_EQ(u.at("role_title"), "Social worker");
      EXPECT_TRUE(u.at("last_signed_in_at").is_string()) << u;
      EXPECT_EQ(u.at("links").at("devices"), "/api/v1/users/" + std::to_string(u.at("id").get<int>()) + "/devices");
    }
    if (u.at("username") == "analyst") {
      EXPECT_TRUE(u.at("last_signed_in_at").is_null()) << u;
    }
  }
  auto workers = admin_->Get("/api/v1/users?role=social_worker&team=Front%20Door&status=active");
  ASSERT_EQ(workers.status, 200);
  ASSERT_EQ(workers.Json().at("users").size(), 1u);
  EXPECT_EQ(admin_->Get("/api/v1/users?status=disabled").Json().at("users").size(), 0u);
  EXPECT_EQ(admin_->Get("/api/v1/users?team=Front%20door").Json().at("users").size(), 0u);
  auto unknown = admin_->Get("/api/v1/users?role=chief");
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(NamesField(unknown, "role")) << unknown.body;
  auto one = admin_->Get(Api("social_worker"));
  ASSERT_EQ(one.status, 200);
  EXPECT_EQ(one.Json().at("role"), "social_worker");
  EXPECT_EQ(admin_->Get("/api/v1/users/999999").status, 404);

  auto page = admin_->Get("/users");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"" + PagePath("social_worker") + "\">Test social_worker</a>"), std::string::npos)
      << page.body;
  EXPECT_NE(page.body.find("Never"), std::string::npos);
  auto filtered = admin_->Get("/users?role=analyst");
  ASSERT_EQ(filtered.status, 200);
  EXPECT_NE(filtered.body.find("Test analyst"), std::string::npos);
  EXPECT_EQ(filtered.body.find("Test social_worker"), std::string::npos);
  auto shown = admin_->Get(PagePath("social_worker"));
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("href=\"" + PagePath("social_worker", "/browsers") + "\""), std::string::npos);
  EXPECT_NE(shown.body.find("Social worker"), std::string::npos);
  for (const char* action : {"/disable", "/unlock", "/role", "/team"})
    EXPECT_NE(shown.body.find("action=\"" + PagePath("social_worker", action) + "\""), std::string::npos) << action;

  // The administrator's home page links to the list; nobody else's does.
  EXPECT_NE(admin_->Get("/").body.find("href=\"/users\""), std::string::npos);
  EXPECT_EQ(SignedIn(Role::kTeamManager).Get("/").body.find("href=\"/users\""), std::string::npos);
}

// Every route, for every role but the administrator: 403.
TEST_F(UserAdmin, EveryOtherRoleIsRefusedEveryRoute) {
  const std::string id = std::to_string(IdOf("social_worker"));
  const std::vector<std::pair<std::string, std::string>> routes = {
      {"GET", "/users"},
      {"GET", "/users/new"},
      {"POST", "/users"},
      {"GET", "/users/" + id},
      {"POST", "/users/" + id + "/disable"},
      {"POST", "/users/" + id + "/enable"},
      {"POST", "/users/" + id + "/unlock"},
      {"POST", "/users/" + id + "/role"},
      {"POST", "/users/" + id + "/team"},
      {"GET", "/api/v1/users"},
      {"POST", "/api/v1/users"},
      {"GET", "/api/v1/users/" + id},
      {"POST", "/api/v1/users/" + id + "/disable"},
      {"POST", "/api/v1/users/" + id + "/enable"},
      {"POST", "/api/v1/users/" + id + "/unlock"},
      {"POST", "/api/v1/users/" + id + "/role"},
      {"POST", "/api/v1/users/" + id + "/team"}};
  for (Role role : AllRoles()) {
    if (role == Role::kAdministrator) continue;
    HttpClient client = SignedIn(role);
    for (const auto& [method, path] : routes) {
      HttpReply reply;
      if (method == "GET") reply = client.Get(path);
      else if (path.starts_with("/api/"))
        reply = client.SendJson(method, path, {{"role", "administrator"}, {"team", "Front Door"}});
      else
        reply = SendForm(client, path, {{"role", "administrator"}, {"team", "Front Door"}});
      EXPECT_EQ(reply.status, 403) << RoleId(role) << " " << method << " " << path << ": " << reply.body.substr(0, 200);
    }
  }
  EXPECT_EQ(admin_->Get(Api("social_worker")).Json().at("status"), "active");
  EXPECT_EQ(admin_->Get(Api("social_worker")).Json().at("role"), "social_worker");
}

// A leaver disabled at 5pm on the API: their open session ends at once, the answer says what ended,
// audited as the CLI's is (by the administrator, not "system"). Enabled again: they sign in.
TEST_F(UserAdmin, ADisabledUsersSessionEndsAndEachChangeIsAudited) {
  auto worker = SignedIn(Role::kSocialWorker);
  ASSERT_EQ(worker.Get("/api/v1/session").status, 200);
  const std::int64_t id = IdOf("social_worker");
  auto disabled = admin_->SendJson("POST", Api("social_worker", "/disable"), json::object());
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.Json().at("status"), "disabled");
  EXPECT_EQ(disabled.Json().at("disabled").at("sessions_ended"), 1);
  EXPECT_EQ(worker.Get("/api/v1/session").status, 401);
  EXPECT_EQ(Client().SignIn("social_worker", kTestPassword).status, 401);
  EXPECT_EQ(AuditActors("user.disabled", id), std::vector<std::string>{"administrator"});
  EXPECT_EQ(admin_->Get("/api/v1/users?status=disabled").Json().at("users").size(), 1u);

  auto enabled = admin_->SendJson("POST", Api("social_worker", "/enable"), json::object());
  ASSERT_EQ(enabled.status, 200) << enabled.body;
  EXPECT_EQ(enabled.Json().at("status"), "active");
  EXPECT_EQ(AuditActors("user.enabled", id), std::vector<std::string>{"administrator"});

  // The same on the page: the form, then the page again saying what was done.
  auto worker_again = SignedIn(Role::kSocialWorker);
  auto page_disable = SendForm(*admin_, PagePath("social_worker", "/disable"), {});
  ASSERT_EQ(page_disable.status, 303) << page_disable.body;
  EXPECT_EQ(worker_again.Get("/api/v1/session").status, 401);
  auto after = admin_->Get(page_disable.Header("location"));
  EXPECT_NE(after.body.find("The account is disabled"), std::string::npos) << after.body;
  EXPECT_NE(after.body.find("Enable this account"), std::string::npos);
  ASSERT_EQ(SendForm(*admin_, PagePath("social_worker", "/enable"), {}).status, 303);
  EXPECT_EQ(AuditActors("user.disabled", id).size(), 2u);
  EXPECT_EQ(AuditActors("user.enabled", id).size(), 2u);
  EXPECT_EQ(Client().SignIn("social_worker", kTestPassword).status, 201);
}

// An administrator cannot disable their own account nor take away their own administrator role:
// the council is never left with no administrator. Refused with the reason, nothing changed.
TEST_F(UserAdmin, AnAdministratorCannotDisableThemselvesNorDropTheirOwnRole) {
  const std::int64_t own = IdOf("administrator");
  auto refused = admin_->SendJson("POST", Api("administrator", "/disable"), json::object());
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(NamesField(refused, "active")) << refused.body;
  EXPECT_NE(refused.body.find("You cannot disable your own account"), std::string::npos);
  auto role = admin_->SendJson("POST", Api("administrator", "/role"), {{"role", "team_manager"}});
  EXPECT_EQ(role.status, 422) << role.body;
  EXPECT_NE(role.body.find("You cannot take away your own administrator role"), std::string::npos);

  auto page = SendForm(*admin_, PagePath("administrator", "/disable"), {});
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(page.body.find("You cannot disable your own account"), std::string::npos) << page.body;
  auto role_page = SendForm(*admin_, PagePath("administrator", "/role"), {{"role", "team_manager"}});
  EXPECT_EQ(role_page.status, 422);
  EXPECT_NE(role_page.body.find("You cannot take away your own administrator role"), std::string::npos);

  EXPECT_EQ(admin_->Get("/api/v1/session").status, 200);
  EXPECT_EQ(admin_->Get(Api("administrator")).Json().at("role"), "administrator");
  EXPECT_TRUE(AuditActors("user.disabled", own).empty());
  EXPECT_TRUE(AuditActors("user.role_changed", own).empty());
}

// A role change (sessions end) and a move of team, audited; bad input is refused with the field's
// message: an unknown role, a team differing from one only in letter case, a team that is not there.
TEST_F(UserAdmin, RoleAndTeamChangesAreAuditedAndBadInputRefused) {
  const std::int64_t id = IdOf("social_worker");
  auto worker = SignedIn(Role::kSocialWorker);
  auto unknown = admin_->SendJson("POST", Api("social_worker", "/role"), {{"role", "chief"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(NamesField(unknown, "role"));
  auto promoted = admin_->SendJson("POST", Api("social_worker", "/role"), {{"role", "team_manager"}});
  ASSERT_EQ(promoted.status, 200) << promoted.body;
  EXPECT_EQ(promoted.Json().at("role_title"), "Team manager");
  EXPECT_EQ(worker.Get("/api/v1/session").status, 401);
  EXPECT_EQ(AuditActors("user.role_changed", id), std::vector<std::string>{"administrator"});

  auto by_case = admin_->SendJson("POST", Api("social_worker", "/team"), {{"team", "front door"}});
  EXPECT_EQ(by_case.status, 422);
  EXPECT_NE(by_case.body.find("did you mean Front Door?"), std::string::npos) << by_case.body;
  auto missing = admin_->SendJson("POST", Api("social_worker", "/team"), {{"team", "Duty Team"}});
  EXPECT_EQ(missing.status, 422);
  EXPECT_TRUE(NamesField(missing, "team"));
  auto empty = admin_->SendJson("POST", Api("social_worker", "/team"), {{"team", " "}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(AuditActors("user.team_changed", id).empty());
  auto moved = admin_->SendJson("POST", Api("social_worker", "/team"), {{"team", "Duty Team"}, {"new_team", true}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Json().at("team"), "Duty Team");
  ASSERT_EQ(SendForm(*admin_, PagePath("social_worker", "/team"), {{"team", "Front Door"}}).status, 303);
  EXPECT_EQ(AuditActors("user.team_changed", id).size(), 2u);
  EXPECT_EQ(admin_->Get(Api("social_worker")).Json().at("team"), "Front Door");
}

// Five wrong passwords lock the username; the administrator sees it and lifts it (audited), on the
// API and the page.
TEST_F(UserAdmin, ALockedAccountIsShownAndUnlocked) {
  const std::int64_t id = IdOf("social_worker");
  for (int i = 0; i < 5; ++i) Client().SignIn("social_worker", "not the password");
  auto locked = admin_->Get(Api("social_worker"));
  EXPECT_EQ(locked.Json().at("locked"), true) << locked.body;
  EXPECT_TRUE(locked.Json().at("locked_until").is_string());
  EXPECT_EQ(admin_->Get("/api/v1/users?status=locked").Json().at("users").size(), 1u);
  EXPECT_NE(admin_->Get(PagePath("social_worker")).body.find("Locked out after too many failed sign-ins"),
            std::string::npos);
  auto unlocked = admin_->SendJson("POST", Api("social_worker", "/unlock"), json::object());
  ASSERT_EQ(unlocked.status, 200) << unlocked.body;
  EXPECT_EQ(unlocked.Json().at("locked"), false);
  EXPECT_EQ(unlocked.Json().at("unlocked").at("username_was_locked"), true);
  EXPECT_EQ(AuditActors("account.unlocked", id), std::vector<std::string>{"administrator"});
  EXPECT_EQ(Client().SignIn("social_worker", kTestPassword).status, 201);
  ASSERT_EQ(SendForm(*admin_, PagePath("social_worker", "/unlock"), {}).status, 303);
  EXPECT_EQ(AuditActors("account.unlocked", id).size(), 2u);
}

// A new starter: added on the API and on the page with a first password typed twice; a team typed in
// the wrong case makes no second team; the password is never shown again nor in the audit log.
TEST_F(UserAdmin, AnAccountIsAddedWithAFirstPasswordNeverShownAgain) {
  const std::string password = "a long first passphrase";
  json starter = {{"username", "sam.jones"}, {"display_name", "Sam Jones"}, {"email", "sam@example.gov.uk"},
                  {"role", "social_worker"},  {"team", "front door"},      {"password", password}};
  auto by_case = admin_->SendJson("POST", "/api/v1/users", starter);
  EXPECT_EQ(by_case.status, 422) << by_case.body;
  EXPECT_NE(by_case.body.find("did you mean Front Door?"), std::string::npos);
  starter["role"] = "chief";
  EXPECT_EQ(admin_->SendJson("POST", "/api/v1/users", starter).status, 422);
  starter["role"] = "social_worker";
  starter["team"] = "Front Door";
  auto added = admin_->SendJson("POST", "/api/v1/users", starter);
  ASSERT_EQ(added.status, 201) << added.body;
  EXPECT_EQ(added.Json().at("team"), "Front Door");
  EXPECT_EQ(added.body.find(password), std::string::npos);
  EXPECT_EQ(Client().SignIn("sam.jones", password).status, 201);
  const std::int64_t id = added.Json().at("id").get<std::int64_t>();
  EXPECT_EQ(AuditActors("user.created", id), std::vector<std::string>{"administrator"});

  // The page: the two passwords differ, then a good one.
  auto form = admin_->Get("/users/new");
  ASSERT_EQ(form.status, 200);
  std::vector<std::pair<std::string, std::string>> fields = {
      {"display_name", "Kim Lee"}, {"username", "kim.lee"}, {"email", ""},
      {"role", "team_manager"},    {"team", "Front Door"},  {"agency", ""},
      {"password", password},      {"password_again", "something else"}};
  auto differ = SendForm(*admin_, "/users", fields);
  EXPECT_EQ(differ.status, 422);
  EXPECT_NE(differ.body.find("The two passwords are not the same"), std::string::npos);
  EXPECT_NE(differ.body.find("value=\"Kim Lee\""), std::string::npos);
  EXPECT_EQ(differ.body.find(password), std::string::npos);
  fields.back().second = password;
  auto made = SendForm(*admin_, "/users", fields);
  ASSERT_EQ(made.status, 303) << made.body;
  auto shown = admin_->Get(made.Header("location"));
  EXPECT_NE(shown.body.find("The account is added"), std::string::npos) << shown.body;
  EXPECT_EQ(shown.body.find(password), std::string::npos);
  EXPECT_EQ(admin_->Get("/api/v1/users?team=Front%20Door").Json().at("users").size(), AllRoles().size() + 2);

  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(
      tx->Query("SELECT COUNT(*) FROM audit_events WHERE changes LIKE ?", {"%" + password + "%"}).at(0).Int(0), 0);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM teams").at(0).Int(0), 1);
}

}  // namespace
}  // namespace fd::testing
