#include "api/route_permissions.h"

#include <fmt/format.h>


namespace fd::api {
namespace {

using enum app::Action;

// Reading them is open to requester, coordinator and chair alike: a refusal says so, not "request".
constexpr std::string_view kReadChairConsultations = "read Child Protection Chair consultations";
// CPC-4: the coordinator and the chair put a consultation on the child's record, by hand.
constexpr std::string_view kLinkChairConsultationChild = "put a Child Protection Chair consultation on the child's record";

// One row per signed-in route, pages and API side by side. Grouped as the users see the work.
// Read routes of a record name the action of reading it; a form page names the action its form does.
// A plain array initialised in place, so each row's initializer_list lives as long as the table.
const RoutePermission kRoutePermissions[] = {
    // Anyone signed in: their own session and home page.
    {"GET", "/", {}},
    {"GET", "/api/v1/session", {}},
    {"DELETE", "/api/v1/session", {}},
    {"PUT", "/api/v1/session/password", {}},
    {"GET", "/account/password", {}},
    {"POST", "/account/password", {}},
    // Their own remembered browsers (app/remembered_browsers.h: each user's own only).
    {"GET", "/account/browsers", {}},
    {"POST", "/account/browsers/{id}/forget", {}},
    {"POST", "/account/browsers/forget", {}},
    {"POST", "/sign-out", {}},

    // Another user's remembered browsers: the administrator's (a lost laptop, a leaver).
    {"GET", "/api/v1/users/{id}/devices", {kForgetUserBrowsers}},
    {"DELETE", "/api/v1/users/{id}/devices/{device_id}", {kForgetUserBrowsers}},
    {"DELETE", "/api/v1/users/{id}/devices", {kForgetUserBrowsers}},
    {"GET", "/users/{id}/browsers", {kForgetUserBrowsers}},
    {"POST", "/users/{id}/browsers/{device_id}/forget", {kForgetUserBrowsers}},
    {"POST", "/users/{id}/browsers/forget", {kForgetUserBrowsers}},

    // The accounts themselves, the administrator's: what `frontdoor user …` does, without a shell on
    // the server (app/user_directory.h, app/account_changes.h).
    {"GET", "/api/v1/users", {kManageUsers}},
    {"POST", "/api/v1/users", {kManageUsers}},
    {"GET", "/api/v1/users/{id}", {kManageUsers}},
    {"POST", "/api/v1/users/{id}/disable", {kManageUsers}},
    {"POST", "/api/v1/users/{id}/enable", {kManageUsers}},
    {"POST", "/api/v1/users/{id}/unlock", {kManageUsers}},
    {"POST", "/api/v1/users/{id}/role", {kManageUsers}},
    {"POST", "/api/v1/users/{id}/team", {kManageUsers}},
    {"POST", "/api/v1/users/{id}/password", {kManageUsers}},
    {"GET", "/api/v1/throttled-addresses", {kManageUsers}},
    {"POST", "/api/v1/throttled-addresses/lift", {kManageUsers}},
    {"GET", "/users", {kManageUsers}},
    {"GET", "/users/new", {kManageUsers}},
    {"POST", "/users", {kManageUsers}},
    {"GET", "/users/{id}", {kManageUsers}},
    {"POST", "/users/{id}/disable", {kManageUsers}},
    {"POST", "/users/{id}/enable", {kManageUsers}},
    {"POST", "/users/{id}/unlock", {kManageUsers}},
    {"POST", "/users/{id}/role", {kManageUsers}},
    {"POST", "/users/{id}/team", {kManageUsers}},
    {"POST", "/users/{id}/password", {kManageUsers}},
    {"GET", "/throttled-addresses", {kManageUsers}},
    {"POST", "/throttled-addresses/lift", {kManageUsers}},

    // Monitoring (docs/monitoring.md): an administrator, or a token with the "metrics" scope.
    {"GET", "/metrics", {kViewMetrics}},

    // Contacts: intake, reading, lists.
    {"GET", "/api/v1/contacts", {kListContacts}},
    {"GET", "/contacts", {kListContacts}},
    {"POST", "/api/v1/contacts", {kRecordContact}},
    {"GET", "/contacts/new", {kRecordContact}},
    {"POST", "/contacts", {kRecordContact}},
    {"GET", "/api/v1/contacts/{id}", {kViewContact}},
    {"GET", "/contacts/{id}", {kViewContact}},
    {"GET", "/api/v1/contacts/{id}/workflow", {kViewContact}},
    {"GET", "/api/v1/referrals", {kListContacts}},
    {"GET", "/referrals", {kListContacts}},
    // HCR-13: a worker fast-tracks a contact to the assessment team by hand.
    {"POST", "/api/v1/contacts/{id}/fast-track", {kScreenContact}},
    {"POST", "/contacts/{id}/fast-track", {kScreenContact}},

    // KCR-14: a member of the public's identity, with a reason.
    {"POST", "/api/v1/contacts/{id}/referrer-identity", {kViewReferrerIdentity}},
    {"GET", "/contacts/{id}/referrer", {kViewReferrerIdentity}},
    {"POST", "/contacts/{id}/referrer", {kViewReferrerIdentity}},
    {"POST", "/api/v1/contacts/{id}/referrer-consent", {kViewReferrerIdentity}},
    {"POST", "/contacts/{id}/referrer/consent", {kViewReferrerIdentity}},
    {"GET", "/api/v1/contacts/{id}/referrer-disclosures", {kViewReferrerIdentity, kViewDisclosures}},
    {"POST", "/api/v1/contacts/{id}/referrer-disclosures", {kViewReferrerIdentity}},
    {"POST", "/contacts/{id}/referrer/disclosures", {kViewReferrerIdentity}},

    // Issue 12 point 3: the referrer's status links (a referrer's look at one is public).
    {"GET", "/api/v1/contacts/{id}/status-links", {kViewContact}},
    {"POST", "/api/v1/contacts/{id}/status-links/revoke", {kAcknowledgeContact}},
    {"GET", "/contacts/{id}/status-links/revoke", {kAcknowledgeContact}},
    {"POST", "/contacts/{id}/status-links/revoke", {kAcknowledgeContact}},

    // Acknowledgements and chasing (HCR-22, HCR-23).
    {"POST", "/api/v1/contacts/{id}/acknowledgement", {kAcknowledgeContact}},
    {"POST", "/contacts/{id}/acknowledgement", {kAcknowledgeContact}},
    {"POST", "/api/v1/contacts/{id}/written-confirmation", {kAcknowledgeContact}},
    {"POST", "/contacts/{id}/written-confirmation", {kAcknowledgeContact}},
    {"POST", "/api/v1/contacts/{id}/chase", {kAcknowledgeContact}},
    {"POST", "/contacts/{id}/chase", {kAcknowledgeContact}},
    // KCR-17, HCR-24: the referrer rung with the outcome, by the worker who proposed it.
    {"GET", "/api/v1/referrers-to-tell", {kViewDeadlines}},
    {"GET", "/api/v1/contacts/{id}/referrer-call", {kViewContact}},
    {"POST", "/api/v1/contacts/{id}/referrer-call", {kScreenContact}},
    {"POST", "/contacts/{id}/referrer-call", {kScreenContact}},

    // Screening, checks and decisions (KCR-10…KCR-16).
    {"GET", "/contacts/{id}/screening", {kViewContact}},
    {"GET", "/contacts/{id}/screening/check", {kViewContact}},
    {"GET", "/contacts/{id}/decision", {kViewContact}},
    {"POST", "/api/v1/contacts/{id}/screening-allocation", {kAllocateScreening}},
    {"GET", "/contacts/{id}/screening-allocation", {kAllocateScreening}},
    {"POST", "/contacts/{id}/screening-allocation", {kAllocateScreening}},
    // HCR-5: a contact passed to an allocated worker: handed over, recorded on the child's record.
    {"POST", "/api/v1/contacts/{id}/hand-over", {kHandOverContact}},
    {"GET", "/contacts/{id}/hand-over", {kHandOverContact}},
    {"POST", "/contacts/{id}/hand-over", {kHandOverContact}},
    {"POST", "/api/v1/contacts/{id}/recorded-on-child-record", {kRecordPassedOn}},
    {"POST", "/contacts/{id}/recorded-on-child-record", {kRecordPassedOn}},
    {"POST", "/api/v1/contacts/{id}/screening/start", {kScreenContact}},
    {"POST", "/contacts/{id}/screening/start", {kScreenContact}},
    {"PUT", "/api/v1/contacts/{id}/screening", {kScreenContact}},
    {"POST", "/contacts/{id}/screening", {kScreenContact}},
    {"POST", "/api/v1/contacts/{id}/record-checks", {kScreenContact}},
    {"POST", "/contacts/{id}/record-checks", {kScreenContact}},
    {"POST", "/api/v1/contacts/{id}/agency-checks", {kScreenContact}},
    {"POST", "/contacts/{id}/agency-checks", {kScreenContact}},
    {"POST", "/api/v1/contacts/{id}/police-notification", {kScreenContact}},
    {"POST", "/contacts/{id}/police-notification", {kScreenContact}},
    {"POST", "/api/v1/contacts/{id}/screening/complete", {kScreenContact}},
    {"POST", "/contacts/{id}/screening/complete", {kScreenContact}},
    {"POST", "/api/v1/contacts/{id}/decision", {kScreenContact}},
    {"POST", "/contacts/{id}/decision", {kScreenContact}},
    {"POST", "/contacts/{id}/decision/check", {kScreenContact}},
    {"POST", "/api/v1/contacts/{id}/sharing-authorisation", {kAuthoriseSharing}},
    {"POST", "/contacts/{id}/sharing-authorisation", {kAuthoriseSharing}},
    // KCR-15, HCR-26: the screening worker asks a team manager to authorise sharing.
    {"POST", "/api/v1/contacts/{id}/sharing-authorisation-request", {kScreenContact}},
    {"POST", "/contacts/{id}/sharing-authorisation-request", {kScreenContact}},
    {"POST", "/api/v1/contacts/{id}/decision/authorise", {kAuthoriseDecision}},
    {"POST", "/contacts/{id}/decision/authorise", {kAuthoriseDecision}},
    {"POST", "/api/v1/contacts/{id}/decision/return", {kAuthoriseDecision}},
    {"POST", "/contacts/{id}/decision/return", {kAuthoriseDecision}},
    // KCR-3: a manager reviews which children an authorised decision opened.
    {"GET", "/api/v1/contacts/{id}/sibling-reviews", {kAuthoriseDecision}},
    {"POST", "/api/v1/contacts/{id}/sibling-reviews", {kAuthoriseDecision}},
    {"GET", "/contacts/{id}/sibling-review", {kAuthoriseDecision}},
    {"POST", "/contacts/{id}/sibling-review", {kAuthoriseDecision}},
    // A contact closed as a duplicate of another, before a decision is proposed (app/duplicates.h).
    {"POST", "/api/v1/contacts/{id}/duplicate-of", {kScreenContact}},
    {"POST", "/contacts/{id}/duplicate-of", {kScreenContact}},
    // A team manager reopens one closed by mistake (app/duplicates.h).
    {"POST", "/api/v1/contacts/{id}/reopen-duplicate", {kAuthoriseDecision}},
    {"POST", "/contacts/{id}/reopen-duplicate", {kAuthoriseDecision}},

    // Deadlines (CAL, HCR timescales).
    // Whether e-mail is being sent: whoever works deadlines or reads the figures, and the
    // administrator, who gets each troubled e-mail too (app/email_trouble.h).
    {"GET", "/api/v1/outbox/health", {kViewDeadlines, kViewPerformance, kViewMetrics}, "see whether e-mails are being sent"},
    {"GET", "/api/v1/deadlines", {kViewDeadlines}},
    {"GET", "/deadlines", {kViewDeadlines}},

    // Consultations: requested by a professional's contact, advised by the front door.
    {"GET", "/api/v1/consultations", {kAdviseConsultation}},
    {"GET", "/consultations", {kAdviseConsultation}},
    {"POST", "/api/v1/consultations", {kRequestConsultation}},
    {"GET", "/consultations/new", {kRequestConsultation}},
    {"POST", "/consultations/new", {kRequestConsultation}},
    {"GET", "/consultations/{id}/requested", {kRequestConsultation}},
    {"GET", "/api/v1/consultations/{id}", {kAdviseConsultation}},
    {"GET", "/consultations/{id}", {kAdviseConsultation}},
    {"POST", "/api/v1/consultations/{id}/register-check", {kAdviseConsultation}},
    {"POST", "/consultations/{id}/register-check", {kAdviseConsultation}},
    {"POST", "/api/v1/consultations/{id}/record", {kAdviseConsultation}},
    {"POST", "/consultations/{id}/record", {kAdviseConsultation}},

    // Child Protection Chair consultations (CPC-1…CPC-6): requester, coordinator and chair each
    // see their own list and records.
    {"GET", "/api/v1/chair-consultations",
     {kRequestChairConsultation, kAllocateChairConsultation, kRecordChairConsultation}, kReadChairConsultations},
    {"GET", "/chair-consultations", {kRequestChairConsultation, kAllocateChairConsultation, kRecordChairConsultation},
     kReadChairConsultations},
    {"GET", "/api/v1/chair-consultations/{id}",
     {kRequestChairConsultation, kAllocateChairConsultation, kRecordChairConsultation}, kReadChairConsultations},
    {"GET", "/chair-consultations/{id}",
     {kRequestChairConsultation, kAllocateChairConsultation, kRecordChairConsultation}, kReadChairConsultations},
    {"POST", "/api/v1/chair-consultations", {kRequestChairConsultation}},
    {"GET", "/chair-consultations/new", {kRequestChairConsultation}},
    {"POST", "/chair-consultations", {kRequestChairConsultation}},
    {"POST", "/api/v1/chair-consultations/{id}/allocate", {kAllocateChairConsultation}},
    {"POST", "/chair-consultations/{id}/allocate", {kAllocateChairConsultation}},
    {"POST", "/api/v1/chair-consultations/{id}/contacted", {kRecordChairConsultation}},
    {"POST", "/chair-consultations/{id}/contacted", {kRecordChairConsultation}},
    {"POST", "/api/v1/chair-consultations/{id}/record", {kRecordChairConsultation}},
    {"POST", "/chair-consultations/{id}/record", {kRecordChairConsultation}},
    {"POST", "/api/v1/chair-consultations/{id}/child", {kAllocateChairConsultation, kRecordChairConsultation},
     kLinkChairConsultationChild},
    {"POST", "/chair-consultations/{id}/child", {kAllocateChairConsultation, kRecordChairConsultation},
     kLinkChairConsultationChild},

    // The people register (KCR-10, HCR-30).
    {"GET", "/api/v1/people/search", {kViewRegister}},
    {"GET", "/people/search", {kViewRegister}},
    {"GET", "/api/v1/people/{id}", {kViewRegister}},
    {"GET", "/people/{id}", {kViewRegister}},
    {"POST", "/api/v1/people", {kManageRegister}},
    {"GET", "/people/new", {kManageRegister}},
    {"POST", "/people", {kManageRegister}},
    {"POST", "/api/v1/people/{id}/names", {kManageRegister}},
    {"GET", "/people/{id}/names/new", {kManageRegister}},
    {"POST", "/people/{id}/names", {kManageRegister}},
    {"POST", "/api/v1/people/{id}/addresses", {kManageRegister}},
    {"GET", "/people/{id}/addresses/new", {kManageRegister}},
    {"POST", "/people/{id}/addresses", {kManageRegister}},
    {"POST", "/api/v1/people/{id}/addresses/{address_id}/close", {kManageRegister}},
    {"GET", "/people/{id}/addresses/{address_id}/end", {kManageRegister}},
    {"POST", "/people/{id}/addresses/{address_id}/end", {kManageRegister}},
    {"POST", "/api/v1/people/{id}/relationships", {kManageRegister}},
    {"GET", "/people/{id}/relationships/new", {kManageRegister}},
    {"POST", "/people/{id}/relationships", {kManageRegister}},
    {"POST", "/api/v1/people/{id}/involvements", {kManageRegister}},
    {"GET", "/people/{id}/involvements/new", {kManageRegister}},
    {"POST", "/people/{id}/involvements", {kManageRegister}},
    {"POST", "/api/v1/involvements/{id}/close", {kManageRegister}},
    {"GET", "/people/{id}/involvements/{involvement_id}/end", {kManageRegister}},
    {"POST", "/people/{id}/involvements/{involvement_id}/end", {kManageRegister}},
    {"POST", "/api/v1/people/{id}/restriction", {kRestrictPerson}},
    {"POST", "/api/v1/people/merges", {kMergePeople}},
    {"GET", "/people/{id}/merge", {kMergePeople}},
    {"POST", "/people/{id}/merge", {kMergePeople}},
    {"GET", "/api/v1/people/merges/{id}", {kMergePeople}},
    {"GET", "/people/merges/{id}", {kMergePeople}},
    {"POST", "/api/v1/people/merges/{id}/undo", {kMergePeople}},
    {"POST", "/people/merges/{id}/undo", {kMergePeople}},
    {"POST", "/api/v1/contacts/{id}/children/{position}/person", {kLinkContactChild}},
    {"POST", "/contacts/{id}/children/{position}/person", {kLinkContactChild}},
    // A child's details corrected after receipt: the officer before screening, those who screen after.
    {"PUT", "/api/v1/contacts/{id}/children/{position}", {kRecordContact, kScreenContact}},
    {"GET", "/contacts/{id}/children/{position}/correct", {kRecordContact, kScreenContact}},
    {"POST", "/contacts/{id}/children/{position}/correct", {kRecordContact, kScreenContact}},

    // Read audit: who viewed a person's records (the data protection officer).
    {"GET", "/api/v1/people/{id}/record-access", {kViewRecordAccess}},
    {"GET", "/api/v1/people/{id}/disclosures", {kViewDisclosures}},
    // Issue 12 point 1: partner agency checks. Partner users reach only these (docs/security.md).
    {"POST", "/api/v1/contacts/{id}/agency-check-requests", {kSendAgencyCheck}},
    {"POST", "/contacts/{id}/agency-check-requests", {kSendAgencyCheck}},
    {"POST", "/api/v1/contacts/{id}/agency-check-requests/{request}/chase", {kSendAgencyCheck}},
    {"POST", "/contacts/{id}/agency-check-requests/{request}/chase", {kSendAgencyCheck}},
    {"GET", "/api/v1/partner/checks", {kAnswerAgencyCheck}},
    {"GET", "/api/v1/partner/checks/{id}", {kAnswerAgencyCheck}},
    {"POST", "/api/v1/partner/checks/{id}", {kAnswerAgencyCheck}},
    {"GET", "/partner/checks", {kAnswerAgencyCheck}},
    {"GET", "/partner/checks/{id}", {kAnswerAgencyCheck}},
    {"POST", "/partner/checks/{id}", {kAnswerAgencyCheck}},
    {"GET", "/people/{id}/disclosures", {kViewDisclosures}},
    {"GET", "/people/{id}/record-access", {kViewRecordAccess}},
    {"GET", "/record-access", {kViewRecordAccess}},
    {"POST", "/record-access", {kViewRecordAccess}},
    // The audit log itself (the admin/DPO review, finding 7): "check the audit log" (docs/security.md).
    {"GET", "/api/v1/audit-events", {kVerifyAudit}},
    {"GET", "/audit", {kVerifyAudit}},

    // Requests for information (IR-1…IR-10): the front door's, the reviewing manager's, and the
    // Data Protection Team's (IR-9); each request's type then decides which of them may act.
    {"GET", "/api/v1/information-request-types", {kRecordInformationRequest, kHandleDataProtectionRequest}},
    {"GET", "/api/v1/information-requests",
     {kRecordInformationRequest, kReviewInformationRequest, kHandleDataProtectionRequest}},
    {"GET", "/information-requests",
     {kRecordInformationRequest, kReviewInformationRequest, kHandleDataProtectionRequest}},
    {"POST", "/api/v1/information-requests", {kRecordInformationRequest, kHandleDataProtectionRequest}},
    {"GET", "/information-requests/new", {kRecordInformationRequest, kHandleDataProtectionRequest}},
    {"POST", "/information-requests/new", {kRecordInformationRequest, kHandleDataProtectionRequest}},
    {"GET", "/api/v1/information-requests/{id}",
     {kRecordInformationRequest, kReviewInformationRequest, kHandleDataProtectionRequest}},
    {"GET", "/information-requests/{id}",
     {kRecordInformationRequest, kReviewInformationRequest, kHandleDataProtectionRequest}},
    {"POST", "/api/v1/information-requests/{id}/evidence", {kRecordInformationRequest, kHandleDataProtectionRequest}},
    {"POST", "/information-requests/{id}/evidence", {kRecordInformationRequest, kHandleDataProtectionRequest}},
    {"POST", "/api/v1/information-requests/{id}/decide", {kRecordInformationRequest, kHandleDataProtectionRequest}},
    {"POST", "/information-requests/{id}/decide", {kRecordInformationRequest, kHandleDataProtectionRequest}},
    {"POST", "/api/v1/information-requests/{id}/answer", {kRecordInformationRequest, kHandleDataProtectionRequest}},
    {"POST", "/information-requests/{id}/answer", {kRecordInformationRequest, kHandleDataProtectionRequest}},
    {"POST", "/api/v1/information-requests/{id}/refuse", {kRecordInformationRequest, kHandleDataProtectionRequest}},
    {"POST", "/information-requests/{id}/refuse", {kRecordInformationRequest, kHandleDataProtectionRequest}},
    {"POST", "/api/v1/information-requests/{id}/review", {kReviewInformationRequest}},
    {"POST", "/information-requests/{id}/review", {kReviewInformationRequest}},

    // Performance and returns (issue 9): the dashboard, its figures and the records behind them.
    {"GET", "/dashboard", {kViewPerformance}},
    {"GET", "/dashboard/records", {kViewPerformance}},
    {"GET", "/api/v1/dashboard", {kViewPerformance}},
    {"GET", "/api/v1/dashboard/records", {kViewPerformance}},
    // The statutory returns (Ofsted Annex A, the DfE CIN census): the page, its downloads, the API.
    {"GET", "/reports", {kViewPerformance}},
    {"GET", "/reports/annex-a", {kViewPerformance}},
    {"GET", "/reports/cin-census", {kViewPerformance}},
    {"GET", "/api/v1/reports/annex-a", {kViewPerformance}},
    {"GET", "/api/v1/reports/cin-census", {kViewPerformance}},
    // The check before downloading: children who may be one child under two ids.
    {"GET", "/api/v1/reports/children-check", {kViewPerformance}},

    // Police domestic-abuse notifications (issue 12 point 4): a force's batches in, a manager's
    // triage out; whoever may send a batch may see the queue it went into.
    {"POST", "/api/v1/police-notifications/batches", {kImportPoliceNotifications}},
    {"GET", "/api/v1/police-notifications", {kTriagePoliceNotifications, kImportPoliceNotifications}},
    {"POST", "/api/v1/police-notifications/decisions", {kTriagePoliceNotifications}},
    {"GET", "/police-notifications", {kTriagePoliceNotifications, kImportPoliceNotifications}},
    {"POST", "/police-notifications/decisions", {kTriagePoliceNotifications}},
    {"GET", "/police-notifications/upload", {kImportPoliceNotifications}},
    {"POST", "/police-notifications/upload", {kImportPoliceNotifications}},
};

}  // namespace

std::span<const RoutePermission> AllRoutePermissions() { return kRoutePermissions; }

const RoutePermission* FindRoutePermission(std::string_view method, std::string_view pattern) {
  for (const auto& p : kRoutePermissions)
    if (p.method == method && p.pattern == pattern) return &p;
  return nullptr;
}

bool RoleMayReach(Role role, const RoutePermission& permission) {
  if (permission.any_of.size() == 0) return true;
  for (app::Action a : permission.any_of)
    if (app::IsAllowed(role, a)) return true;
  return false;
}

Result<void> AuthoriseRoute(const app::Actor& actor, const RoutePermission& permission) {
  if (permission.any_of.size() == 0) return {};
  Result<void> first;
  bool have_first = false;
  bool role_may = false;
  for (app::Action a : permission.any_of) {
    auto allowed = app::Authorise(actor, a);
    if (allowed) return {};
    role_may = role_may || app::IsAllowed(actor.role, a);
    if (!have_first) {
      first = std::move(allowed);
      have_first = true;
    }
  }
  if (permission.refused_what.empty()) return first;
  const std::string_view what = permission.refused_what;
  return std::unexpected(Error::Forbidden(
      role_may ? fmt::format("This API token's scopes do not allow it to {}", what)
               : fmt::format("Your role ({}) does not allow you to {}", RoleTitle(actor.role), what)));
}

}  // namespace fd::api
