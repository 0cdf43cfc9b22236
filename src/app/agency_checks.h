// Partner agency checks (issue 12 point 1; KCR-9, KCR-4, KCR-14, KCR-15, HCR-26). From screening a
// social worker (or team manager) sends a check request to one of the pack's partner agencies: what
// is asked, about which of the contact's children (only those), on which lawful basis, and how
// urgently; the deadline comes from the pack ("agency-check-urgent", "agency-check-standard") through
// the deadline machinery, so an overdue check shows on the work queue like any other deadline.
// Sending records a ledger disclosure out (app/disclosures.h); the answer records one in.
//
// Partner users (Role::kPartner, scoped to one agency) see only their agency's requests, and of each
// only what the request says: the question, the named children's identifying details, the deadline.
// Never the contact's reference, the referrer, the concern, or other agencies' answers: the views
// below simply do not carry them. A request of another agency is "not found" to them.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"
#include "domain/instant.h"
#include "store/agency_check_records.h"

namespace fd::app {

struct CheckRequestDraft {
  std::string agency;        // the pack's [[partner_agencies]] id
  std::string question;      // what is asked
  std::vector<int> children;  // positions of the contact's children it is about (0-based)
  std::string lawful_basis;  // the pack's [[lawful_bases]] id
  std::string urgency;       // urgent, standard
};

// Sends a check request. Authorises (Action::kSendAgencyCheck and the case relationship), checks the
// contact is being screened, validates naming each field ("agency", "question", "children",
// "lawful_basis", "urgency"), then applies the sharing rules:
//   KCR-4: the "consent" basis needs screening to have recorded that the parents were told and agreed
//          (kInvalid on "lawful_basis" otherwise: a choice on the form, not a change to the contact);
//   KCR-15, HCR-26: a basis "without the parents' knowledge" needs a team manager's authorisation of
//          sharing on the contact first (kForbidden otherwise, saying so).
// The same question to the same agency about the same children, while an earlier one is unanswered,
// is kConflict and not sent again (a double click, a re-sent form); its message opens "This check was
// already sent", which app::IsAlreadyDone recognises, so pages say it is done rather than changed.
// Opens the deadline, records the disclosure (out) and audits "contact.agency_check_requested", all in
// one transaction. Errors: kForbidden, kNotFound, kConflict, kInvalid.
Result<store::CheckRequestRow> SendAgencyCheck(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                               const CheckRequestDraft& draft);

// A contact's check requests, oldest first, for its screening page. Errors: kForbidden, kNotFound.
Result<std::vector<store::CheckRequestRow>> ContactCheckRequests(AppContext& ctx, const Actor& actor,
                                                                 std::int64_t contact_id);

// One request as a partner user sees it: nothing of the contact beyond what the request says.
struct PartnerCheck {
  std::int64_t id = 0;
  std::string agency;
  std::string agency_name;
  std::string question;
  std::string urgency;
  std::string lawful_basis_label;  // so the partner knows on what basis they are asked
  Instant requested_at;
  std::optional<Instant> due_at;
  std::vector<store::CheckSubjectRow> people;
  std::optional<std::string> answer;
  std::optional<Instant> answered_at;
  std::string answered_by_name;
  bool overdue = false;  // unanswered and past its deadline
  int chases = 0;        // how often the front door has chased it
};

// The partner user's agency's requests: open first (soonest due), then answered (newest first).
// Errors: kForbidden (not a partner user, or one with no agency).
Result<std::vector<PartnerCheck>> ListPartnerChecks(AppContext& ctx, const Actor& actor);
// One request of the partner user's agency; the look is audited ("agency-check.viewed").
// Errors: kForbidden; kNotFound (no such request, or another agency's).
Result<PartnerCheck> OpenPartnerCheck(AppContext& ctx, const Actor& actor, std::int64_t id);
// Answers it: the answer lands on the contact as an agency check (KCR-9: who was asked, when, what they
// said), meets the request's deadline, records the disclosure (in), tells the worker who asked, and is
// audited ("contact.agency_check_answered"). Errors: kForbidden; kNotFound as above; kConflict (already
// answered); kInvalid naming "answer".
Result<PartnerCheck> AnswerPartnerCheck(AppContext& ctx, const Actor& actor, std::int64_t id, const std::string& answer);

// Issue 12 point 1: chases an overdue check. Those who send checks (and may work on the case) chase one
// of the contact's requests that is unanswered and past its deadline: the chase is counted on the
// request (the partner's queue shows it beside "Overdue"), every active partner user of the agency
// gets a notice linking to it, and it is audited ("contact.agency_check_chased"). Errors: kForbidden;
// kNotFound (no such request on this contact); kConflict (answered, not yet due, or no deadline).
Result<store::CheckRequestRow> ChaseAgencyCheck(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                                std::int64_t request_id);

// Issue 12: the dashboard's response times by agency, for the checks sent in [start, end) and answered:
// how many, the median hours from sending to answer, and how many of those with a deadline were
// answered by it. Agencies in the pack's order, then any the pack no longer lists. Reads only.
// Errors: kForbidden (not Action::kViewPerformance).
struct AgencyResponseTime {
  std::string agency;
  std::string agency_name;
  int answered = 0;
  double median_hours = 0;
  int with_deadline = 0;    // answered checks that had a deadline
  int within_deadline = 0;  // of those, answered by it
};
Result<std::vector<AgencyResponseTime>> AgencyResponseTimes(AppContext& ctx, const Actor& actor, Instant start,
                                                            Instant end);

}  // namespace fd::app
