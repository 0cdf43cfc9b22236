// A migrated store (SQLite in a temp folder, or a PostgreSQL database: support/test_store.h), a fixed clock, and one user per role.
#pragma once

#include <gtest/gtest.h>

#include <map>

#include "app/accounts.h"
#include "app/context.h"
#include "store/migrations.h"
#include "support/temp_dir.h"
#include "support/test_store.h"

namespace fd::app {

class AppTest : public ::testing::Test {
 protected:
  AppTest()
      : store_(std::make_unique<testing::TestStore>(dir_, "app.db")),
        clock_(*ParseUtc("2026-11-24T10:00:00Z")),
        procedures_(policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/hertfordshire").value()),
        ctx_{*store_, clock_, *procedures_, "Europe/London"} {
    ctx_.password_hashing = PasswordHashing::kFastForTests;  // many accounts are made; none guarded
    store::Migrate(*store_);
  }

  // Creates (once) and returns a user with `role`; password "correct horse battery".
  Actor UserWithRole(Role role) {
    auto it = actors_.find(role);
    if (it != actors_.end()) return it->second;
    const std::string username(RoleId(role));
    auto id = CreateUser(ctx_, std::nullopt, {username, "Test " + username, "", role, "Front Door", kPassword,
                                              role == Role::kPartner ? "police" : ""});
    EXPECT_TRUE(id.has_value());
    auto tx = store_->Begin(store::TransactionMode::kRead);
    const auto team = tx->Query("SELECT team_id FROM users WHERE id = ?", {*id}).at(0).OptionalInt(0);
    Actor actor{*id, username, "Test " + username, role, team};
    actors_[role] = actor;
    return actor;
  }

  static constexpr const char* kPassword = "correct horse battery";
  testing::TempDir dir_;
  std::unique_ptr<testing::TestStore> store_;
  FixedClock clock_;
  std::shared_ptr<const policy::Procedures> procedures_;
  AppContext ctx_;
  std::map<Role, Actor> actors_;
};

}  // namespace fd::app
