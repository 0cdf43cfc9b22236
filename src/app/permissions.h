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
  kRecordInformationRequest,    // IR-1…IR-8, IR-10: record, evidence, route, answer or refuse a request
  kReviewInformationRequest,    // IR-7: a manager reviews what is sent before it goes
  kHandleDataProtectionRequest, // IR-9: exemption and subject access requests, the Data Protection Team
  kViewReferrerIdentity,        // KCR-14: see a member of the public's name and contact details (audited)
  kViewRecordAccess,            // issue 8 point 3: see who viewed a person's records (the DPO; audited)
  kViewPerformance,             // the timeliness dashboard and the statutory returns (Annex A, CIN census)
  kViewMetrics,                 // /metrics: the service's operational figures for monitoring (docs/monitoring.md)
  kViewDisclosures,             // issue 12 point 2: list every disclosure about a person (the ledger; the DPO)
  kSendAgencyCheck,             // issue 12 point 1: send a check request to a partner agency from screening
  kAnswerAgencyCheck,           // issue 12 point 1: a partner agency user works their agency's checks
  kImportPoliceNotifications,   // issue 12 point 4: send a batch of police domestic-abuse notifications
  kTriagePoliceNotifications,   // issue 12 point 4: review the police notifications' queue and decide in bulk
  kAllocateScreening,           // a team manager gives a contact at the front door to a named worker to screen
  kHandOverContact,             // HCR-5: a team manager hands a contact passed to an allocated worker to another
  kRecordPassedOn,              // HCR-5: the holder records a contact passed to them on the child's record
  kForgetUserBrowsers,          // see the browsers a user is remembered on, and forget them (a lost laptop)
  kManageUsers,                 // list accounts, add one, disable or enable, change role or team, unlock
};

std::string_view ActionId(Action action);
std::span<const Action> AllActions();
bool IsAllowed(Role role, Action action);
// Ok, or a kForbidden error naming what the role may not do. An actor acting through an API token
// (actor.token_scopes set) must also hold a scope that allows the action.
Result<void> Authorise(const Actor& actor, Action action);

// API token scopes (docs/api.md "Bearer tokens"): what a system integration may do, each scope a set
// of actions. A token never gets more than its user's role allows; actions in no scope (authorising
// decisions and sharing, merging and restricting records, users, the audit log) need a person.
std::span<const std::string_view> AllTokenScopes();
bool IsTokenScope(std::string_view scope);
bool TokenScopeAllows(std::string_view scope, Action action);

}  // namespace fd::app
