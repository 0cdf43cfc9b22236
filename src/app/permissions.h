// Who may do what: one table of role × action (docs/security.md prints it). Relationship rules
// (allocated worker, restricted records) come with the information-governance work.
#pragma once

#include <span>
#include <string_view>

#include "app/actor.h"
#include "domain/error.h"

namespace fd::app {

enum class Action {
  kRecordContact,
  kViewContact,
  kListContacts,
  kViewUsers,
  kVerifyAudit,
  kViewDeadlines,
  kAcknowledgeContact,
  kScreenContact,       // screen, check records and agencies, propose a decision
  kAuthoriseDecision,   // KCR-16, HCR-31
  kAuthoriseSharing,    // KCR-15, HCR-26
};

std::string_view ActionId(Action action);
std::span<const Action> AllActions();
bool IsAllowed(Role role, Action action);
// Ok, or a kForbidden error naming what the role may not do.
Result<void> Authorise(const Actor& actor, Action action);

}  // namespace fd::app
