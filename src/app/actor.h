// The person doing something. Every use case takes one; there are no anonymous writes except the
// public portal's, which acts as the "public" actor.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/role.h"

namespace fd::app {

struct Actor {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kContactOfficer;
  std::optional<std::int64_t> team_id;
};

}  // namespace fd::app
