#include "app/permissions.h"

#include <array>
#include <vector>
#include <fmt/format.h>

namespace fd::app {
namespace {

struct Grant {
  Action action;
  std::string_view id;
  std::string_view what;  // for the refusal message: "record contacts"
  std::initializer_list<Role> roles;
};

// Children's records are seen by the people who work the front door. Analysts see figures, the
// data protection officer sees the audit trail, administrators manage accounts: none of them
// reads a child's record by default.
const std::array<Grant, 37>& Grants() {
  static const std::array<Grant, 37> grants = {{
      {Action::kRecordContact, "contact.record", "record contacts",
       {Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager, Role::kHubAdviser}},
      {Action::kViewContact, "contact.view", "view contacts",
       {Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager, Role::kHubAdviser, Role::kCpCoordinator,
        Role::kCpChair}},
      // Listing every contact is for those who work the front door's queues: record, screen, decide.
      // Hub advisers give advice only (HCR-7) and work the consultation queue; CP coordinators and
      // chairs work the chair consultations (CPC-2…CPC-5). They open a contact they are led to (the
      // one they recorded, a link from a record), each opening audited, but browse none.
      {Action::kListContacts, "contact.list", "list contacts",
       {Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager}},
      // The accounts are the administrator's (docs/decisions.md "People, roles and sessions"): what a
      // team manager needs of them, their team's social workers to allocate to, each allocation form lists.
      {Action::kViewUsers, "user.list", "see the list of users", {Role::kAdministrator}},
      {Action::kVerifyAudit, "audit.verify", "check the audit log",
       {Role::kDataProtectionOfficer, Role::kAdministrator}},
      {Action::kViewDeadlines, "deadline.list", "see work queues of deadlines",
       {Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager, Role::kHubAdviser, Role::kCpCoordinator,
        Role::kCpChair, Role::kAnalyst}},
      {Action::kAcknowledgeContact, "contact.acknowledge", "record that a contact was acknowledged",
       {Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager}},
      {Action::kScreenContact, "contact.screen", "screen contacts and propose decisions",
       {Role::kSocialWorker, Role::kTeamManager}},
      {Action::kAuthoriseDecision, "decision.authorise", "authorise or return decisions", {Role::kTeamManager}},
      {Action::kAuthoriseSharing, "sharing.authorise",
       "authorise sharing information without the parents' knowledge", {Role::kTeamManager}},
      {Action::kRequestConsultation, "consultation.request", "request consultations",
       {Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager, Role::kHubAdviser}},
      {Action::kAdviseConsultation, "consultation.advise", "give and record consultation advice",
       {Role::kSocialWorker, Role::kTeamManager, Role::kHubAdviser}},
      {Action::kRequestChairConsultation, "chair-consultation.request",
       "request consultations with a Child Protection Chair", {Role::kSocialWorker, Role::kTeamManager}},
      {Action::kAllocateChairConsultation, "chair-consultation.allocate",
       "allocate consultations to a Child Protection Chair", {Role::kCpCoordinator}},
      {Action::kRecordChairConsultation, "chair-consultation.record",
       "arrange and record Child Protection Chair consultations", {Role::kCpChair}},
      // The register is read by everyone who works a child's record; it is written by social workers
      // and their managers, and only managers merge records or restrict them.
      {Action::kViewRegister, "register.view", "view the people register",
       {Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager, Role::kHubAdviser, Role::kCpCoordinator,
        Role::kCpChair}},
      {Action::kManageRegister, "register.manage",
       "record people, names, addresses, relationships and involvement on the register",
       {Role::kSocialWorker, Role::kTeamManager}},
      {Action::kMergePeople, "register.merge", "merge people's records or undo a merge", {Role::kTeamManager}},
      {Action::kRestrictPerson, "register.restrict", "restrict people's records", {Role::kTeamManager}},
      {Action::kLinkContactChild, "register.link-contact", "link a contact's child to the people register",
       {Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager, Role::kHubAdviser}},
      {Action::kRecordInformationRequest, "information-request.record",
       "record, route, answer or refuse requests for information",
       {Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager}},
      {Action::kReviewInformationRequest, "information-request.review",
       "review what is sent in answer to a request for information", {Role::kTeamManager}},
      {Action::kHandleDataProtectionRequest, "information-request.data-protection",
       "handle data protection exemption and subject access requests", {Role::kDataProtectionOfficer}},
      // KCR-14: those who may need to call a member of the public back; each look is audited with why.
      {Action::kViewReferrerIdentity, "referrer.identity", "see a member of the public's name and contact details",
       {Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager}},
      // Issue 8 point 3: who opened a person's records is the data protection officer's to see.
      {Action::kViewRecordAccess, "record-access.view", "see who viewed a person's records",
       {Role::kDataProtectionOfficer}},
      // Managers and analysts are judged and inspected on these figures; the lists behind them name
      // children, so only these two roles see them.
      {Action::kViewPerformance, "performance.view",
       "see the performance dashboard and the statutory returns", {Role::kTeamManager, Role::kAnalyst}},
      // The service's own health for monitoring (request rates, queue depths, the outbox): counts with
      // no personal data, read by the administrator who runs the service, usually through a token
      // with the "metrics" scope that a Prometheus server sends (docs/monitoring.md).
      {Action::kViewMetrics, "metrics.view", "read the service's monitoring metrics", {Role::kAdministrator}},
      // Issue 12 point 2: the ledger answers a data subject's "who has had my data?", as record access
      // answers "who has looked at it?": the data protection officer's (docs/decisions.md).
      {Action::kViewDisclosures, "disclosure.list", "list the disclosures about a person",
       {Role::kDataProtectionOfficer}},
      // Issue 12 point 1: those who screen send checks (KCR-9); only partner users answer them, and
      // partner users may do nothing else (docs/security.md "Partner agency users").
      {Action::kSendAgencyCheck, "agency-check.send", "send check requests to partner agencies",
       {Role::kSocialWorker, Role::kTeamManager}},
      {Action::kAnswerAgencyCheck, "agency-check.answer", "see and answer your agency's check requests",
       {Role::kPartner}},
      // Police notifications (issue 12 point 4): a force's system sends them (through an account with
      // a "police-notifications" token), or a contact officer or manager uploads the force's file; a
      // team manager decides what becomes of each, as they authorise every front door decision.
      {Action::kImportPoliceNotifications, "police-notification.import",
       "send batches of police domestic-abuse notifications", {Role::kContactOfficer, Role::kTeamManager}},
      {Action::kTriagePoliceNotifications, "police-notification.triage",
       "review and decide police domestic-abuse notifications", {Role::kTeamManager}},
      // The team's manager gives out the front door's screening (docs/decisions.md "Allocating
      // screening, and two workers on one child").
      {Action::kAllocateScreening, "screening.allocate",
       "allocate a contact's screening to a social worker of their team", {Role::kTeamManager}},
      // HCR-5: a contact passed to a child's allocated worker is handed on by a team manager when the
      // worker cannot work it, and recorded on the child's record by whoever holds it (docs/decisions.md
      // "Passed to the allocated worker, and not lost there").
      {Action::kHandOverContact, "contact.hand-over",
       "hand a contact passed to an allocated worker to another social worker", {Role::kTeamManager}},
      {Action::kRecordPassedOn, "contact.record-passed-on",
       "record that a contact passed to an allocated worker is on the child's record",
       {Role::kSocialWorker, Role::kTeamManager}},
      // Another user's remembered browsers (device cookies; app/remembered_browsers.h) are the
      // administrator's, who runs the accounts; everyone sees and forgets their own on their account page.
      {Action::kForgetUserBrowsers, "user.forget-browsers",
       "see the browsers a user is remembered on, and forget them", {Role::kAdministrator}},
      // The accounts themselves, on the pages and the API as with `frontdoor user …`: the administrator
      // gives a new starter an account and locks out a leaver without a shell on the server.
      {Action::kManageUsers, "user.manage",
       "list, add, disable, enable and unlock accounts, and change their role or team", {Role::kAdministrator}},
  }};
  return grants;
}

const Grant& GrantFor(Action action) {
  for (const auto& g : Grants())
    if (g.action == action) return g;
  return Grants()[0];  // unreachable: every Action has a row (checked by a test)
}

constexpr std::array kAllActions = {Action::kRecordContact, Action::kViewContact,  Action::kListContacts,
                                    Action::kViewUsers,     Action::kVerifyAudit,  Action::kViewDeadlines,
                                    Action::kAcknowledgeContact, Action::kScreenContact, Action::kAuthoriseDecision,
                                    Action::kAuthoriseSharing, Action::kRequestConsultation,
                                    Action::kAdviseConsultation, Action::kRequestChairConsultation,
                                    Action::kAllocateChairConsultation, Action::kRecordChairConsultation,
                                    Action::kViewRegister, Action::kManageRegister, Action::kMergePeople,
                                    Action::kRestrictPerson, Action::kLinkContactChild,
                                    Action::kRecordInformationRequest, Action::kReviewInformationRequest,
                                    Action::kHandleDataProtectionRequest, Action::kViewReferrerIdentity,
                                    Action::kViewRecordAccess, Action::kViewPerformance, Action::kViewMetrics,
                                    Action::kViewDisclosures, Action::kSendAgencyCheck, Action::kAnswerAgencyCheck,
                                    Action::kImportPoliceNotifications, Action::kTriagePoliceNotifications,
                                    Action::kAllocateScreening, Action::kHandOverContact, Action::kRecordPassedOn,
                                    Action::kForgetUserBrowsers, Action::kManageUsers};

}  // namespace

std::string_view ActionId(Action action) { return GrantFor(action).id; }
std::span<const Action> AllActions() { return kAllActions; }

bool IsAllowed(Role role, Action action) {
  for (Role r : GrantFor(action).roles)
    if (r == role) return true;
  return false;
}

Result<void> Authorise(const Actor& actor, Action action) {
  if (!IsAllowed(actor.role, action))
    return std::unexpected(Error::Forbidden(
        fmt::format("Your role ({}) does not allow you to {}", RoleTitle(actor.role), GrantFor(action).what)));
  if (actor.token_scopes) {
    for (const auto& scope : *actor.token_scopes)
      if (TokenScopeAllows(scope, action)) return {};
    return std::unexpected(
        Error::Forbidden(fmt::format("This API token's scopes do not allow it to {}", GrantFor(action).what)));
  }
  return {};
}

namespace {

struct TokenScope {
  std::string_view id;
  std::initializer_list<Action> actions;
};

// Deny by default: an action added to the table above is in no scope until it is added here.
const std::array<TokenScope, 8>& TokenScopes() {
  static const std::array<TokenScope, 8> scopes = {{
      {"contacts:read", {Action::kViewContact, Action::kListContacts}},
      {"contacts:write", {Action::kRecordContact, Action::kAcknowledgeContact}},
      {"deadlines:read", {Action::kViewDeadlines}},
      {"register:read", {Action::kViewRegister}},
      {"register:write", {Action::kManageRegister, Action::kLinkContactChild}},
      {"consultations:write", {Action::kRequestConsultation}},
      {"metrics", {Action::kViewMetrics}},
      {"police-notifications", {Action::kImportPoliceNotifications}},
  }};
  return scopes;
}

}  // namespace

std::span<const std::string_view> AllTokenScopes() {
  static const std::vector<std::string_view> ids = [] {
    std::vector<std::string_view> out;
    for (const auto& s : TokenScopes()) out.push_back(s.id);
    return out;
  }();
  return ids;
}

bool IsTokenScope(std::string_view scope) {
  for (const auto& s : TokenScopes())
    if (s.id == scope) return true;
  return false;
}

bool TokenScopeAllows(std::string_view scope, Action action) {
  for (const auto& s : TokenScopes()) {
    if (s.id != scope) continue;
    for (Action a : s.actions)
      if (a == action) return true;
  }
  return false;
}

}  // namespace fd::app
