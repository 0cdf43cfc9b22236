// The administrator's tools on the command line (docs/decisions.md "A leaver's work, and the
// administrator's other tools"), run as build/frontdoor against a temporary database: `user disable`
// says what of the leaver's work was released; `user unlock-address` lifts an address's refusal with
// a reason (audited); `user add` refuses a username another account has in another letter case, and
// names its own flag for a new team.
#include <gtest/gtest.h>

#include <memory>

#include "app/accounts.h"
#include "app/context.h"
#include "store/sqlite/sqlite_store.h"
#include "support/database_rows.h"
#include "support/run_command.h"
#include "support/temp_dir.h"

namespace fd::testing {
namespace {

class AdministratorToolsCli : public ::testing::Test {
 protected:
  void SetUp() override {
    path_ = dir_.File("fd.db");
    db_ = " --database sqlite:" + path_;
    auto added = RunFrontdoor(
        "user add --username sam --name 'Sam Jones' --role social_worker --team 'Front Door' --new-team" +
            db_,
        "a sound passphrase here");
    ASSERT_EQ(added.exit_code, 0) << added.output;
  }
  TempDir dir_;
  std::string path_;
  std::string db_;
};

TEST_F(AdministratorToolsCli, UserDisableSaysWhatOfTheLeaversWorkWasReleased) {
  auto disabled = RunFrontdoor("user disable --username sam" + db_);
  EXPECT_EQ(disabled.exit_code, 0) << disabled.output;
  EXPECT_NE(disabled.output.find("no screening was allocated to them"), std::string::npos) << disabled.output;
}

TEST_F(AdministratorToolsCli, UserAddRefusesAUsernameTakenInAnotherCaseAndNamesItsFlag) {
  auto look_alike = RunFrontdoor(
      "user add --username SAM --name 'Sam Other' --role social_worker --team 'Front Door'" + db_,
      "a sound passphrase here");
  EXPECT_EQ(look_alike.exit_code, 2) << look_alike.output;
  EXPECT_NE(look_alike.output.find("That username is already taken"), std::string::npos) << look_alike.output;
  EXPECT_EQ(Query(path_, "SELECT COUNT(*) FROM users").at(0).at(0), "1");
  auto unknown =
      RunFrontdoor("user add --username kim --name Kim --role social_worker --team 'Duty Team'" + db_,
                   "a sound passphrase here");
  EXPECT_EQ(unknown.exit_code, 2) << unknown.output;
  EXPECT_NE(unknown.output.find("(--new-team)"), std::string::npos) << unknown.output;
}

TEST_F(AdministratorToolsCli, UserUnlockAddressLiftsAThrottledAddressWithAReason) {
  {
    store::SqliteStore store(path_);
    app::SystemClock clock;
    auto procedures =
        policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/hertfordshire").value();
    app::AppContext ctx{store, clock, *procedures, "Europe/London"};
    ctx.password_hashing = app::PasswordHashing::kFastForTests;
    for (int i = 0; i < 20; ++i)
      (void)app::SignIn(ctx, "typo" + std::to_string(i % 4), "not the password", {"192.0.2.10", ""});
    auto refused = app::SignIn(ctx, "sam", "a sound passphrase here", {"192.0.2.10", ""});
    ASSERT_FALSE(refused.has_value());
    EXPECT_NE(refused.error().message.find("from your network"), std::string::npos)
        << refused.error().message;
  }
  auto no_reason = RunFrontdoor("user unlock-address 192.0.2.10" + db_);
  EXPECT_NE(no_reason.exit_code, 0) << no_reason.output;
  auto not_refused = RunFrontdoor("user unlock-address 192.0.2.99 --reason 'Office rang'" + db_);
  EXPECT_EQ(not_refused.exit_code, 2) << not_refused.output;
  auto lifted = RunFrontdoor("user unlock-address 192.0.2.10 --reason 'Duty office: a new starter'" + db_);
  EXPECT_EQ(lifted.exit_code, 0) << lifted.output;
  EXPECT_NE(lifted.output.find("192.0.2.10 may sign in again"), std::string::npos) << lifted.output;
  EXPECT_EQ(Query(path_, "SELECT actor FROM audit_events WHERE action = 'login.throttle_lifted'").at(0).at(0),
            "system");
  store::SqliteStore store(path_);
  app::SystemClock clock;
  auto procedures = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/hertfordshire").value();
  app::AppContext ctx{store, clock, *procedures, "Europe/London"};
  EXPECT_TRUE(app::SignIn(ctx, "sam", "a sound passphrase here", {"192.0.2.10", ""}).has_value());
}

}  // namespace
}  // namespace fd::testing
