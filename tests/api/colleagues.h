// Colleagues beside the fixture's one user per role: social workers and managers of named teams
// (a locality team a case is open to, a second worker at the Front Door), for tests of who may see
// and do what.
#pragma once

#include <gtest/gtest.h>

#include <cstdint>
#include <initializer_list>
#include <map>
#include <optional>
#include <string>

#include "api_fixture.h"

namespace fd::testing {

struct Colleague {
  const char* username;
  const char* name;
  Role role;
  const char* team;
};

// Adds each colleague's account (password kTestPassword, no e-mail address); `ids` gets each one's id
// by username. A colleague who cannot be added is a fatal test failure: call it through
// ASSERT_NO_FATAL_FAILURE so that SetUp stops there too.
inline void AddColleagues(app::AppContext& ctx, std::initializer_list<Colleague> colleagues,
                          std::map<std::string, std::int64_t>& ids) {
  for (const Colleague& c : colleagues) {
    auto id = app::CreateUser(ctx, std::nullopt, {c.username, c.name, "", c.role, c.team, kTestPassword});
    ASSERT_TRUE(id) << id.error().message;
    ids[c.username] = *id;
  }
}

}  // namespace fd::testing
