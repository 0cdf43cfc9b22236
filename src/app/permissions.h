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
  kRequestConsultation,  // ask for advice on behalf of a professional (FDS-1…FDS-7, CRU-1…CRU-3, HCR-7)
  kAdviseConsultation,   // call back, check records, record the advice (FDS-8, CRU-3, CRU-4, HCR-10)
  kRequestChairConsultation,   // CPC-1: social workers and their managers
  kAllocateChairConsultation,  // CPC-2: the Child Protection Coordinator
  kRecordChairConsultation,    // CPC-3…CPC-5: the Child Protection Chair
  kViewRegister,        // the people register: family, household, involvement (KCR-10, HCR-30)
  kManageRegister,      // record people, names, addresses, relationships, involvements
  kMergePeople,         // merge two records of one person, and undo a merge
  kRestrictPerson,      // restrict a record to named viewers
  kLinkContactChild,    // "is this child known?": link a contact's child to the register, or add them
};

std::string_view ActionId(Action action);
std::span<const Action> AllActions();
bool IsAllowed(Role role, Action action);
// Ok, or a kForbidden error naming what the role may not do.
Result<void> Authorise(const Actor& actor, Action action);

}  // namespace fd::app
