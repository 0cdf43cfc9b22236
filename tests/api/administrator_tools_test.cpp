// The administrator's day (docs/decisions.md "A leaver's work, and the administrator's other
// tools"), over real HTTP, API and pages: a leaver's screening allocations go back to the team's
// queue when their account is disabled, and their managers are told what was released and which
// referrer calls they owed; a network address refused sign-in is seen and lifted (audited, with a
// reason); a username differing from another only in letter case is refused on every path; the
// errors name the API's field and the page's checkbox, not the CLI's flag; the add-account form shows
// every field's error at once and checks the e-mail. No RULE ids: review findings on account
// administration.
#include "api_fixture.h"
#include "page_forms.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

bool Has(const HttpReply& reply, const std::string& text) {
  return reply.body.find(text) != std::string::npos;
}

class AdministratorTools : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto id = app::CreateUser(*ctx_, std::nullopt,
                              {"lee", "Lee Leaver", "", Role::kSocialWorker, "Front Door", kTestPassword});
    ASSERT_TRUE(id) << id.error().message;
    lee_id_ = *id;
    admin_ = std::make_unique<HttpClient>(SignedIn(Role::kAdministrator));
  }

  HttpClient SignedInAs(const std::string& username) {
    HttpClient client(service_->port());
    auto reply = client.SignIn(username, kTestPassword);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return client;
  }

  // A new contact in the Front Door's queue, allocated by its manager to Lee to screen.
  json AllocatedToLee(HttpClient& manager) {
    auto created =
        SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
    EXPECT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json().at("id");
    auto allocated =
        PostWithVersion(manager, "/api/v1/contacts/" + std::to_string(id) + "/screening-allocation",
                        {{"worker", "lee"}}, created.Json().at("version").get<std::int64_t>());
    EXPECT_EQ(allocated.status, 200) << allocated.body;
    return allocated.Json();
  }

  std::int64_t AuditCount(const std::string& action, const std::string& record_id) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx
        ->Query("SELECT COUNT(*) FROM audit_events WHERE action = ? AND record_id = ?", {action, record_id})
        .at(0)
        .Int(0);
  }

  std::int64_t lee_id_ = 0;
  std::unique_ptr<HttpClient> admin_;
};

// Finding 1 on the API: Lee leaves with a contact allocated to them to screen. Before, another
// worker's start was refused ("allocated to Lee Leaver") for good. Disabled: the allocation is
// released in the same change (audited as an allocation to no one), the reply says how many and
// which, the other worker starts it, and the team's manager is told on their home page.
TEST_F(AdministratorTools, DisablingALeaverReleasesTheirScreeningAllocationsAndTellsTheirManagers) {
  DuringOpeningHours();  // HCR-18: out of hours its contacts go to the out-of-hours queue
  admin_ = std::make_unique<HttpClient>(SignedIn(Role::kAdministrator));  // the clock moved on
  auto manager = SignedIn(Role::kTeamManager);
  const json contact = AllocatedToLee(manager);
  const std::int64_t id = contact.at("id");
  const std::string reference = contact.at("reference");
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string start = "/api/v1/contacts/" + std::to_string(id) + "/screening/start";
  auto refused = PostWithVersion(worker, start, json::object(), contact.at("version").get<std::int64_t>());
  ASSERT_EQ(refused.status, 409) << refused.body;
  EXPECT_TRUE(Has(refused, "Lee Leaver")) << refused.body;

  auto disabled =
      admin_->SendJson("POST", "/api/v1/users/" + std::to_string(lee_id_) + "/disable", json::object());
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.Json().at("disabled").at("screenings_released"), 1) << disabled.body;
  EXPECT_EQ(disabled.Json().at("disabled").at("screenings_released_references"), json::array({reference}));
  EXPECT_EQ(AuditCount("contact.screening_allocated", std::to_string(id)), 2);

  auto shown = worker.Get("/api/v1/contacts/" + std::to_string(id));
  ASSERT_EQ(shown.status, 200) << shown.body;
  auto started =
      PostWithVersion(worker, start, json::object(), shown.Json().at("version").get<std::int64_t>());
  EXPECT_EQ(started.status, 200) << started.body;

  auto home = manager.Get("/");
  EXPECT_TRUE(Has(home, "account was disabled")) << home.body;
  EXPECT_TRUE(Has(home, reference)) << home.body;
  // Enabling them again gives nothing back: the queue has it.
  auto enabled =
      admin_->SendJson("POST", "/api/v1/users/" + std::to_string(lee_id_) + "/enable", json::object());
  ASSERT_EQ(enabled.status, 200) << enabled.body;
  EXPECT_EQ(AuditCount("contact.screening_allocated", std::to_string(id)), 2);
}

// Finding 1: a referrer Lee was to ring with the outcome cannot be given to another worker's list,
// so the notice names it, and the reply lists it; the call stays on the contact's page.
TEST_F(AdministratorTools, DisablingALeaverNamesTheReferrerCallsTheyOwedToTheirManagers) {
  DuringOpeningHours();
  admin_ = std::make_unique<HttpClient>(SignedIn(Role::kAdministrator));
  auto officer = SignedIn(Role::kContactOfficer);
  auto manager = SignedIn(Role::kTeamManager);
  auto lee = SignedInAs("lee");
  json body = ScreenableSchoolContact();
  body["referrer"] = {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "01632 960 001"}};
  body["intake"]["channel"] = "phone";
  auto created = officer.SendJson("POST", "/api/v1/contacts", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::string reference = created.Json().at("reference");
  ScreenAndDecide(lee, manager, id,
                  {{"outcome", "families-first"},
                   {"children", {0}},
                   {"rationale", "Support needed"},
                   {"next_steps", "Families First worker to contact the mother"}});
  ASSERT_EQ(lee.Get("/api/v1/referrers-to-tell").Json().at("calls").size(), 1u);

  auto disabled =
      admin_->SendJson("POST", "/api/v1/users/" + std::to_string(lee_id_) + "/disable", json::object());
  ASSERT_EQ(disabled.status, 200) << disabled.body;
  EXPECT_EQ(disabled.Json().at("disabled").at("screenings_released"), 0);
  EXPECT_EQ(disabled.Json().at("disabled").at("referrer_calls_owed"), json::array({reference}))
      << disabled.body;
  auto home = manager.Get("/");
  EXPECT_TRUE(Has(home, "Referrers they were to ring")) << home.body;
  EXPECT_TRUE(Has(home, reference));
}

// Finding 1 on the page: the banner says how many screenings went back to the queue.
TEST_F(AdministratorTools, ThePageSaysHowManyScreeningsADisabledLeaverReleased) {
  DuringOpeningHours();
  admin_ = std::make_unique<HttpClient>(SignedIn(Role::kAdministrator));
  auto manager = SignedIn(Role::kTeamManager);
  const json contact = AllocatedToLee(manager);
  auto disabled = SendForm(*admin_, "/users/" + std::to_string(lee_id_) + "/disable", {});
  ASSERT_EQ(disabled.status, 303) << disabled.body;
  auto page = admin_->Get(disabled.Header("location"));
  EXPECT_TRUE(Has(page, "1 screening allocated to them is back in the team&apos;s queue")) << page.body;
  auto worker = SignedIn(Role::kSocialWorker);
  auto started = PostWithVersion(
      worker, "/api/v1/contacts/" + std::to_string(contact.at("id").get<std::int64_t>()) + "/screening/start",
      json::object(), contact.at("version").get<std::int64_t>());
  EXPECT_EQ(started.status, 200) << started.body;
}

// Finding 2: twenty typos behind one office's address refuse everyone there. The administrator sees
// the address (API and page), lifts it with a reason (audited), and the office signs in again; the
// accounts guessed at stay as locked as they were.
TEST_F(AdministratorTools, AnAdministratorSeesAndLiftsAThrottledAddress) {
  // The test client's address is the office's: every client here shares it.
  // Four usernames, five typos each: each is locked at its fifth, and the address at the twentieth.
  for (int i = 0; i < 20; ++i) Client().SignIn("typo" + std::to_string(i % 4), "not the password");
  EXPECT_EQ(Client().SignIn("lee", kTestPassword).status, 401);
  auto list = admin_->Get("/api/v1/throttled-addresses");
  ASSERT_EQ(list.status, 200) << list.body;
  ASSERT_EQ(list.Json().at("addresses").size(), 1u) << list.body;
  const std::string address = list.Json().at("addresses").at(0).at("address");
  EXPECT_EQ(list.Json().at("addresses").at(0).at("failures"), 20);
  EXPECT_TRUE(list.Json().at("addresses").at(0).at("until").is_string());
  auto users = admin_->Get("/users");
  EXPECT_TRUE(Has(users, "1 network address is refused sign-in now")) << users.body;
  auto page = admin_->Get("/throttled-addresses");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, address)) << page.body;

  // A reason is required, on the API and the page; an address not refused is 404.
  auto no_reason = admin_->SendJson("POST", "/api/v1/throttled-addresses/lift", {{"address", address}});
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_TRUE(NamesField(no_reason, "reason"));
  auto page_no_reason =
      SendForm(*admin_, "/throttled-addresses/lift", {{"address", address}, {"reason", ""}});
  EXPECT_EQ(page_no_reason.status, 422);
  EXPECT_TRUE(Has(page_no_reason, "govuk-error-summary"));
  EXPECT_EQ(admin_
                ->SendJson("POST", "/api/v1/throttled-addresses/lift",
                           {{"address", "192.0.2.77"}, {"reason", "Office rang"}})
                .status,
            404);
  EXPECT_EQ(AuditCount("login.throttle_lifted", address), 0);

  auto lifted =
      admin_->SendJson("POST", "/api/v1/throttled-addresses/lift",
                       {{"address", address}, {"reason", "Duty office NAT: a new starter's typos"}});
  ASSERT_EQ(lifted.status, 200) << lifted.body;
  EXPECT_EQ(lifted.Json().at("failures_forgotten"), 20);
  EXPECT_EQ(AuditCount("login.throttle_lifted", address), 1);
  EXPECT_EQ(admin_->Get("/api/v1/throttled-addresses").Json().at("addresses").size(), 0u);
  EXPECT_EQ(Client().SignIn("lee", kTestPassword).status, 201);
  // Each username guessed five times is still locked to untrusted clients.
  auto typo = Client().SignIn("typo0", "not the password");
  EXPECT_TRUE(Has(typo, "Too many attempts")) << typo.body;
  EXPECT_FALSE(Has(typo, "from your network")) << typo.body;

  // The page lifts it too.
  for (int i = 0; i < 20; ++i) Client().SignIn("other" + std::to_string(i % 4), "not the password");
  auto page_lift =
      SendForm(*admin_, "/throttled-addresses/lift", {{"address", address}, {"reason", "Office rang"}});
  ASSERT_EQ(page_lift.status, 303) << page_lift.body;
  EXPECT_TRUE(Has(admin_->Get(page_lift.Header("location")), "may sign in again"));
  EXPECT_EQ(AuditCount("login.throttle_lifted", address), 2);
}

// Finding 2: only the administrator.
TEST_F(AdministratorTools, OnlyTheAdministratorSeesOrLiftsThrottledAddresses) {
  for (Role role : AllRoles()) {
    if (role == Role::kAdministrator) continue;
    HttpClient client = SignedIn(role);
    EXPECT_EQ(client.Get("/api/v1/throttled-addresses").status, 403) << RoleId(role);
    EXPECT_EQ(client.Get("/throttled-addresses").status, 403) << RoleId(role);
    EXPECT_EQ(client.SendJson("POST", "/api/v1/throttled-addresses/lift", {{"address", "x"}, {"reason", "y"}})
                  .status,
              403)
        << RoleId(role);
  }
}

// Finding 3: "NEWBIE" beside "newbie", "Lee" beside "lee": refused on the API
// and the page ("That username is already taken"); an existing account still signs in exactly.
TEST_F(AdministratorTools, AUsernameDifferingOnlyInLetterCaseIsTaken) {
  json starter = {{"username", "LEE"},
                  {"display_name", "Another Lee"},
                  {"role", "social_worker"},
                  {"team", "Front Door"},
                  {"password", "a long first passphrase"}};
  auto api = admin_->SendJson("POST", "/api/v1/users", starter);
  EXPECT_EQ(api.status, 422) << api.body;
  EXPECT_TRUE(NamesField(api, "username"));
  EXPECT_TRUE(Has(api, "That username is already taken"));
  auto page = SendForm(*admin_, "/users",
                       {{"display_name", "Another Lee"},
                        {"username", "Lee"},
                        {"email", ""},
                        {"role", "social_worker"},
                        {"team", "Front Door"},
                        {"agency", ""},
                        {"password", "a long first passphrase"},
                        {"password_again", "a long first passphrase"}});
  EXPECT_EQ(page.status, 422);
  EXPECT_TRUE(Has(page, "That username is already taken")) << page.body;
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM users WHERE LOWER(username) = 'lee'").at(0).Int(0), 1);
  tx.reset();
  EXPECT_EQ(Client().SignIn("LEE", kTestPassword).status, 401);
  EXPECT_EQ(Client().SignIn("lee", kTestPassword).status, 201);
}

// Finding 4: the API names its field, the page its checkbox; neither the CLI's flag.
TEST_F(AdministratorTools, ANewTeamErrorSpeaksEachWayInsOwnWords) {
  auto moved =
      admin_->SendJson("POST", "/api/v1/users/" + std::to_string(lee_id_) + "/team", {{"team", "Duty Team"}});
  EXPECT_EQ(moved.status, 422);
  EXPECT_TRUE(Has(moved, "new_team")) << moved.body;
  EXPECT_FALSE(Has(moved, "--new-team")) << moved.body;
  auto added = admin_->SendJson("POST", "/api/v1/users",
                                {{"username", "kim"},
                                 {"display_name", "Kim"},
                                 {"role", "social_worker"},
                                 {"team", "Duty Team"},
                                 {"password", "a long first passphrase"}});
  EXPECT_EQ(added.status, 422);
  EXPECT_TRUE(Has(added, "new_team")) << added.body;
  EXPECT_FALSE(Has(added, "--new-team")) << added.body;
  auto page = SendForm(*admin_, "/users/" + std::to_string(lee_id_) + "/team", {{"team", "Duty Team"}});
  EXPECT_EQ(page.status, 422);
  EXPECT_TRUE(Has(page, "tick &quot;It is a new team: create it&quot;")) << page.body;
  EXPECT_FALSE(Has(page, "--new-team"));
}

// Finding 5: the add-account form shows every field's error at once, as the API does, and an e-mail
// that cannot be one ("x") is refused on both.
TEST_F(AdministratorTools, TheAddAccountFormShowsEveryErrorAtOnceAndChecksTheEmail) {
  auto page = SendForm(*admin_, "/users",
                       {{"display_name", ""},
                        {"username", "bad name!"},
                        {"email", "x"},
                        {"role", "social_worker"},
                        {"team", "Front door"},
                        {"agency", ""},
                        {"password", "a long first passphrase"},
                        {"password_again", "something else"}});
  EXPECT_EQ(page.status, 422);
  for (const char* message :
       {"Enter the person&apos;s name", "A username may use only", "Enter the e-mail address",
        "did you mean Front Door?", "The two passwords are not the same"})
    EXPECT_TRUE(Has(page, message)) << message << "\n" << page.body;
  auto api = admin_->SendJson("POST", "/api/v1/users",
                              {{"username", "kim"},
                               {"display_name", "Kim"},
                               {"email", "x"},
                               {"role", "social_worker"},
                               {"team", "Front door"},
                               {"password", "a long first passphrase"}});
  EXPECT_EQ(api.status, 422);
  EXPECT_TRUE(NamesField(api, "email")) << api.body;
  EXPECT_TRUE(NamesField(api, "team")) << api.body;
}

}  // namespace
}  // namespace fd::testing
