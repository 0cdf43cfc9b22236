// Demo data for `frontdoor seed-demo`: a user for every role and a few contacts, so a new
// installation can be tried at once. Loaded once: a database that already has users is left alone.
#pragma once

#include <string>
#include <vector>

#include "app/context.h"
#include "domain/role.h"

namespace fd::app {

// The one password every demo account shares. Demo data only: never for real use.
inline constexpr const char* kDemoPassword = "frontdoor-demo";

struct DemoLogin {
  std::string username;
  Role role;
};

struct DemoSeedReport {
  bool seeded = false;  // false: the database already had users, nothing was changed
  std::vector<DemoLogin> logins;
  int contacts = 0;
};

DemoSeedReport SeedDemo(AppContext& ctx);
const std::vector<DemoLogin>& DemoLogins();

}  // namespace fd::app
