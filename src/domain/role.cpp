#include "domain/role.h"

#include <array>

#include "domain/named_values.h"

namespace fd {
namespace {

constexpr std::array<Named<Role>, 10> kRoles = {{
    {Role::kContactOfficer, "contact_officer", "Contact officer"},
    {Role::kSocialWorker, "social_worker", "Social worker"},
    {Role::kTeamManager, "team_manager", "Team manager"},
    {Role::kCpCoordinator, "cp_coordinator", "Child protection coordinator"},
    {Role::kCpChair, "cp_chair", "Child protection chair"},
    {Role::kHubAdviser, "hub_adviser", "Consultation hub adviser"},
    {Role::kDataProtectionOfficer, "data_protection_officer", "Data protection officer"},
    {Role::kAnalyst, "analyst", "Performance analyst"},
    {Role::kAdministrator, "administrator", "Administrator"},
    {Role::kPartner, "partner", "Partner agency user"},
}};

constexpr std::array kAllRoles = {
    Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager,
    Role::kCpCoordinator,  Role::kCpChair,      Role::kHubAdviser,
    Role::kDataProtectionOfficer, Role::kAnalyst, Role::kAdministrator, Role::kPartner,
};

}  // namespace

std::string_view RoleId(Role role) { return IdOf(kRoles, role); }
std::string_view RoleTitle(Role role) { return TitleOf(kRoles, role); }
std::optional<Role> RoleFromId(std::string_view id) { return FromId(kRoles, id); }

std::span<const Role> AllRoles() { return kAllRoles; }

}  // namespace fd
