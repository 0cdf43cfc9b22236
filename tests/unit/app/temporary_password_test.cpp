// The temporary passwords frontdoor makes for an administrator's reset (app/password_reset.h): they
// pass the password rules asked of people, are easy to read out, and are never the same twice.
#include <gtest/gtest.h>

#include <regex>
#include <set>

#include "app/accounts.h"
#include "app/password_reset.h"

namespace fd::app {
namespace {

TEST(TemporaryPassword, PassesThePasswordRulesAndHasNoLookAlikes) {
  const std::regex groups("[a-hjkmnp-z2-9]{4}(-[a-hjkmnp-z2-9]{4}){3}");
  std::set<std::string> seen;
  for (int i = 0; i < 200; ++i) {
    const std::string password = MakeTemporaryPassword();
    EXPECT_TRUE(std::regex_match(password, groups)) << password;
    EXPECT_EQ(CheckPassword(password), std::nullopt) << password;
    seen.insert(password);
  }
  EXPECT_EQ(seen.size(), 200u);  // about 79 random bits each: a repeat means the randomness is broken
}

}  // namespace
}  // namespace fd::app
