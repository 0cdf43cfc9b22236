// The people who use the front door, as roles. A user has exactly one role.
#pragma once

#include <optional>
#include <span>
#include <string_view>

namespace fd {

enum class Role {
  kContactOfficer,
  kSocialWorker,
  kTeamManager,
  kCpCoordinator,
  kCpChair,
  kHubAdviser,
  kDataProtectionOfficer,
  kAnalyst,
  kAdministrator,
  // Issue 12 point 1: a user of a partner agency (police, health, …), scoped to one agency (the
  // user's `agency`): sees and answers only the check requests sent to that agency.
  kPartner,
};

// Stable identifiers used in the database, the API and the config ("contact_officer").
std::string_view RoleId(Role role);
// The name people use ("Contact officer").
std::string_view RoleTitle(Role role);
std::optional<Role> RoleFromId(std::string_view id);
std::span<const Role> AllRoles();

}  // namespace fd
