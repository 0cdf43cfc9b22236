// The person doing something. Every use case takes one; there are no anonymous writes except the
// public portal's, which acts as the "public" actor.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/role.h"

namespace fd::app {

// How long the same person's identical entry counts as the same form sent again (a double click, a
// refresh, the back button) rather than a second one: an acknowledgement (HCR-22), a disclosure of the
// referrer's identity (KCR-14). Minutes, not seconds: a refresh can come after a slow page.
inline constexpr std::chrono::minutes kResentFormWindow{10};

struct Actor {
  std::int64_t user_id = 0;
  std::string username;
  std::string display_name;
  Role role = Role::kContactOfficer;
  std::optional<std::int64_t> team_id;
  // Set when the request came with an API token (app/api_tokens.h) rather than a person's session:
  // the token's scopes, which narrow what the role allows (app/permissions.h, TokenScopeAllows).
  std::optional<std::vector<std::string>> token_scopes = std::nullopt;
  // A partner user's agency is not carried here: the partner use cases read it from the user's row
  // in their own transaction (app/agency_checks.cpp), so a change of agency takes effect at once.
};

}  // namespace fd::app
