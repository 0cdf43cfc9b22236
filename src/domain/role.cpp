#include "domain/role.h"

#include <array>

namespace fd {
namespace {

struct RoleNames {
  Role role;
  std::string_view id;
  std::string_view title;
};

constexpr std::array kRoles = {
    RoleNames{Role::kContactOfficer, "contact_officer", "Contact officer"},
    RoleNames{Role::kSocialWorker, "social_worker", "Social worker"},
    RoleNames{Role::kTeamManager, "team_manager", "Team manager"},
    RoleNames{Role::kCpCoordinator, "cp_coordinator", "Child protection coordinator"},
    RoleNames{Role::kCpChair, "cp_chair", "Child protection chair"},
    RoleNames{Role::kHubAdviser, "hub_adviser", "Consultation hub adviser"},
    RoleNames{Role::kDataProtectionOfficer, "data_protection_officer", "Data protection officer"},
    RoleNames{Role::kAnalyst, "analyst", "Performance analyst"},
    RoleNames{Role::kAdministrator, "administrator", "Administrator"},
};

constexpr std::array kAllRoles = {
    Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager,
    Role::kCpCoordinator,  Role::kCpChair,      Role::kHubAdviser,
    Role::kDataProtectionOfficer, Role::kAnalyst, Role::kAdministrator,
};

}  // namespace

std::string_view RoleId(Role role) {
  for (const auto& r : kRoles)
    if (r.role == role) return r.id;
  return "unknown";
}

std::string_view RoleTitle(Role role) {
  for (const auto& r : kRoles)
    if (r.role == role) return r.title;
  return "Unknown";
}

std::optional<Role> RoleFromId(std::string_view id) {
  for (const auto& r : kRoles)
    if (r.id == id) return r.role;
  return std::nullopt;
}

std::span<const Role> AllRoles() { return kAllRoles; }

}  // namespace fd
