// A worker given a role that cannot screen, or moved to another team, hands over their screening
// allocations exactly as a leaver does (admin review finding 5). The reviewer allocated FD-5 to Nia,
// then made her an analyst; FD-6 to Wes, then moved him with `user set-team`: both stayed their
// screener, every other worker's start was refused (409 "only they, or a team manager, may screen
// it"), and no manager was told. RULE KCR-8: a contact waits for no one who cannot screen it, or its
// decision within a working day is lost behind them.
#include "api_fixture.h"
#include "page_forms.h"
#include "support/run_command.h"

namespace fd::testing {
namespace {

using nlohmann::json;

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

class MovedWorkerWork : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    DuringOpeningHours();  // HCR-18: out of hours a contact goes to the out-of-hours queue
    auto id = app::CreateUser(*ctx_, std::nullopt,
                              {"nia", "Nia New", "", Role::kSocialWorker, "Front Door", kTestPassword});
    ASSERT_TRUE(id) << id.error().message;
    nia_id_ = *id;
  }

  // A new contact in the Front Door's queue, allocated by its manager to Nia to screen.
  json AllocatedToNia(HttpClient& manager) {
    auto created =
        SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
    EXPECT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json().at("id");
    auto allocated =
        PostWithVersion(manager, "/api/v1/contacts/" + std::to_string(id) + "/screening-allocation",
                        {{"worker", "nia"}}, created.Json().at("version").get<std::int64_t>());
    EXPECT_EQ(allocated.status, 200) << allocated.body;
    return allocated.Json();
  }

  // Another worker of the team starts its screening: 200 once it is no one's, else 409.
  HttpReply StartedByAnotherWorker(std::int64_t contact_id) {
    auto worker = SignedIn(Role::kSocialWorker);
    auto shown = worker.Get("/api/v1/contacts/" + std::to_string(contact_id));
    return PostWithVersion(worker, "/api/v1/contacts/" + std::to_string(contact_id) + "/screening/start",
                           json::object(), shown.Json().at("version").get<std::int64_t>());
  }

  std::int64_t Released(std::int64_t contact_id, const std::string& reason) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx
        ->Query("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.screening_allocated' AND record_id = ? "
                "AND changes LIKE ?",
                {std::to_string(contact_id), "%" + reason + "%"})
        .at(0)
        .Int(0);
  }

  std::int64_t nia_id_ = 0;
};

// RULE KCR-8: the reviewer's FD-5. POST /api/v1/users/{id}/role {"role":"analyst"} releases it, says
// so in the answer, audits the release with its reason, and tells the team's manager.
TEST_F(MovedWorkerWork, KCR8_ARoleThatCannotScreenReleasesTheirScreeningAndTellsTheManager) {
  auto admin = SignedIn(Role::kAdministrator);
  auto manager = SignedIn(Role::kTeamManager);
  const json contact = AllocatedToNia(manager);
  const std::int64_t id = contact.at("id");
  const std::string reference = contact.at("reference");
  ASSERT_EQ(StartedByAnotherWorker(id).status, 409);

  auto changed = admin.SendJson("POST", "/api/v1/users/" + std::to_string(nia_id_) + "/role", {{"role", "analyst"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.Json().at("role"), "analyst");
  EXPECT_EQ(changed.Json().at("role_changed").at("screenings_released"), 1) << changed.body;
  EXPECT_EQ(changed.Json().at("role_changed").at("screenings_released_references"), json::array({reference}));
  EXPECT_EQ(Released(id, "worker_role_changed"), 1);
  auto home = manager.Get("/");
  EXPECT_TRUE(Has(home, "Nia New is now a performance analyst")) << home.body;
  EXPECT_TRUE(Has(home, reference)) << home.body;
  EXPECT_EQ(StartedByAnotherWorker(id).status, 200);
}

// RULE KCR-8: a team manager still screens, so a worker made one keeps what was allocated to them.
TEST_F(MovedWorkerWork, KCR8_ARoleThatStillScreensKeepsTheirScreening) {
  auto admin = SignedIn(Role::kAdministrator);
  auto manager = SignedIn(Role::kTeamManager);
  const json contact = AllocatedToNia(manager);
  auto changed =
      admin.SendJson("POST", "/api/v1/users/" + std::to_string(nia_id_) + "/role", {{"role", "team_manager"}});
  ASSERT_EQ(changed.status, 200) << changed.body;
  EXPECT_EQ(changed.Json().at("role_changed").at("screenings_released"), 0);
  EXPECT_EQ(StartedByAnotherWorker(contact.at("id").get<std::int64_t>()).status, 409);
}

// RULE KCR-8: a move to another team on the API and on the page releases them, and the banner says so.
TEST_F(MovedWorkerWork, KCR8_AMoveToAnotherTeamReleasesTheirScreeningOnTheApiAndThePage) {
  auto admin = SignedIn(Role::kAdministrator);
  auto manager = SignedIn(Role::kTeamManager);
  const json first = AllocatedToNia(manager);
  auto moved = admin.SendJson("POST", "/api/v1/users/" + std::to_string(nia_id_) + "/team",
                              {{"team", "Child Protection"}, {"new_team", true}});
  ASSERT_EQ(moved.status, 200) << moved.body;
  EXPECT_EQ(moved.Json().at("team_changed").at("screenings_released"), 1) << moved.body;
  EXPECT_EQ(Released(first.at("id").get<std::int64_t>(), "worker_moved_team"), 1);
  EXPECT_TRUE(Has(manager.Get("/"), "Nia New moved to Child Protection"));

  // Back to the Front Door, a second allocation, and moved again on the page.
  ASSERT_EQ(admin.SendJson("POST", "/api/v1/users/" + std::to_string(nia_id_) + "/team", {{"team", "Front Door"}})
                .status,
            200);
  const json second = AllocatedToNia(manager);
  auto page = SendForm(admin, "/users/" + std::to_string(nia_id_) + "/team", {{"team", "Child Protection"}});
  ASSERT_EQ(page.status, 303) << page.body;
  auto shown = admin.Get(page.Header("location"));
  EXPECT_TRUE(Has(shown, "1 screening allocated to them is back in the team&apos;s queue")) << shown.body;
  EXPECT_EQ(StartedByAnotherWorker(second.at("id").get<std::int64_t>()).status, 200);
}

// RULE KCR-8: the reviewer's FD-6, moved with `frontdoor user set-team`: released, printed, audited.
TEST_F(MovedWorkerWork, KCR8_UserSetTeamOnTheCommandLineReleasesTheirScreening) {
  auto manager = SignedIn(Role::kTeamManager);
  const json contact = AllocatedToNia(manager);
  const std::string reference = contact.at("reference");
  const std::string common = " --database '" + real_store_->url() + "' --policy policies/hertfordshire";
  auto moved = RunFrontdoor("user set-team --username nia --team 'Child Protection' --new-team" + common);
  ASSERT_EQ(moved.exit_code, 0) << moved.output;
  EXPECT_NE(moved.output.find("1 screening released back to the team's queue (" + reference + ")"), std::string::npos)
      << moved.output;
  EXPECT_EQ(Released(contact.at("id").get<std::int64_t>(), "worker_moved_team"), 1);
  EXPECT_TRUE(Has(manager.Get("/"), reference));
  EXPECT_EQ(StartedByAnotherWorker(contact.at("id").get<std::int64_t>()).status, 200);
}

// Admin review finding 8: the accounts are the administrator's; a team manager allocates from the
// allocation form's list of their team's social workers, and sees no list of users (as docs/security.md says).
TEST_F(MovedWorkerWork, ATeamManagerSeesNoListOfUsers) {
  auto manager = SignedIn(Role::kTeamManager);
  EXPECT_EQ(manager.Get("/api/v1/users").status, 403);
  EXPECT_EQ(manager.Get("/users").status, 403);
  EXPECT_EQ(SignedIn(Role::kAdministrator).Get("/api/v1/users").status, 200);
}

}  // namespace
}  // namespace fd::testing
