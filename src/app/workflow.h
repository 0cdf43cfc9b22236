// The front door workflow after intake (docs/workflow.md): screening with its task list, record
// and agency checks, consent, police notification, the proposed decision and its authorisation by
// a manager who did not propose it, and the referral that follows. Each function is one use case:
// authorise → load → domain rule → write with the version check → audit → e-mails → commit.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "app/passed_on.h"
#include "domain/contact.h"
#include "domain/decision.h"
#include "domain/error.h"
#include "domain/screening.h"
#include "store/agency_check_records.h"
#include "store/duplicate_records.h"
#include "store/fast_track_records.h"
#include "store/same_child_records.h"
#include "store/screening_allocation_records.h"
#include "store/workflow_records.h"

namespace fd::app {

// Everything a screening page or API client needs about one contact's progress.
struct WorkflowView {
  Contact contact;
  std::optional<Screening> screening;
  std::vector<ScreeningTask> tasks;          // the task list (empty before screening starts)
  std::vector<store::RecordCheck> record_checks;
  std::vector<store::AgencyCheck> agency_checks;
  std::vector<store::CheckRequestRow> check_requests;  // issue 12: checks sent to partner agencies
  std::vector<store::PoliceNotification> police_notifications;
  std::vector<Decision> decisions;           // oldest first; the last is the current one
  std::vector<OutcomeOption> outcomes;       // the pack's outcomes, for proposing
  DecisionRules decision_rules;              // the pack's own rules for a decision (HCR-34)
  std::optional<std::string> referral_reference;
  std::vector<store::SameChildContact> same_child;  // KCR-10, HCR-30: other contacts about a child (app/same_child.h)
  // The social worker a team manager allocated it to screen (app/screening_allocation.h), if any.
  std::optional<store::ScreeningAllocation> allocation;
  // Who screens it: the allocated worker, else whoever started screening it.
  std::optional<std::int64_t> screener_id;
  std::string screener_name;
  // KCR-10, HCR-30: of same_child, the contacts being screened now by someone other than this one's
  // screener (one entry per contact), so that the two screen together.
  std::vector<store::SameChildContact> screened_at_the_same_time;
  // HCR-5: for a contact passed at receipt to an allocated worker, its hand-overs and whether it is
  // recorded on the child's record (app/passed_on.h).
  std::optional<PassedOn> passed_on;
  // A contact closed as a duplicate (app/duplicates.h): the contact it duplicates, and its deadlines
  // closed as not applicable; on any contact, the contacts closed as duplicates of it.
  std::optional<store::DuplicateLink> duplicate_of;
  std::vector<store::NotApplicableDeadline> deadlines_not_applicable;
  std::vector<store::DuplicateLink> duplicates;
  // HCR-13: fast-tracked to the assessment team (app/fast_track.h), at receipt or by hand.
  std::optional<store::FastTrack> fast_track;
  // HCR-9: a returned form no e-mail could carry, its call not yet recorded (app/returned_forms.h).
  std::string return_not_sent;
};
// Whether the contact's screener (WorkflowView::screener_id: the allocated worker, else whoever started
// screening it) is someone other than `actor`, who is not a team manager: its screening forms are then
// not theirs (MayScreenAllocated refuses them, review finding 4).
bool HeldByOther(const WorkflowView& view, const Actor& actor);
// Errors: kForbidden, kNotFound. Not audited: for re-reads after a change (the API's answer to a
// workflow step) and re-displays of a refused form.
Result<WorkflowView> GetWorkflow(AppContext& ctx, const Actor& actor, std::int64_t contact_id);
// Someone opening the contact (GET /api/v1/contacts/{id}/workflow, the contact page and its screening
// and decision pages): GetWorkflow, and the look appended as "contact.viewed" in the same transaction
// (app/record_access.h). Errors as GetWorkflow.
Result<WorkflowView> OpenWorkflow(AppContext& ctx, const Actor& actor, std::int64_t contact_id);

// Every transition takes the contact version the actor was looking at: a stale one is kConflict
// (409) and nothing is written. Starting or recording screening of a contact allocated to another
// social worker is kConflict too (app/screening_allocation.h); team managers go on. Starting while
// another contact about the same child is being screened by someone else is not refused: the view
// then lists it (WorkflowView::screened_at_the_same_time, KCR-10, HCR-30).
Result<void> StartScreening(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version);
// Saves answers (partial saves allowed) while screening. A "crime may have been committed" answer
// creates the police-notification task and its immediate deadline (KCR-13, HCR-28). The draft's
// household answers (KCR-6) are the contact's intake answers, so one not asked at intake can be
// recorded here; a wrong one is kInvalid on "household.<question id>".
Result<void> SaveScreening(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                           const ScreeningDraft& draft);
// KCR-10, HCR-30: looks each child up in the register (exact match on NHS number, or names and
// date of birth) and records what is known, with the household's other members. On a restricted
// record the actor is not named on, the plan, looked-after and open-case answers are withheld
// (RecordCheck::withheld_ask) and the task stays open until a named viewer runs the checks; a
// viewer's earlier check of that child and record is kept. Returns what the actor may see.
Result<std::vector<store::RecordCheck>> RunRecordChecks(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                                        std::int64_t version);

struct AgencyCheckDraft {
  std::string agency, asked_person, asked_at, response;  // asked_at: local "YYYY-MM-DDTHH:MM"
};
// KCR-9. Refused (kConflict) while parents are not informed and no manager has authorised sharing
// without their knowledge (KCR-15, HCR-26).
Result<void> AddAgencyCheck(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                            const AgencyCheckDraft& draft);
// KCR-15, HCR-26: a team manager authorises sharing without the parents' knowledge, with reasons.
Result<void> AuthoriseSharing(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                              const std::string& reason);
// KCR-13, HCR-28: records that the police were told, when, and their reference; meets the deadline.
Result<void> RecordPoliceNotified(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                                  const std::string& police_reference, const std::string& note);
// Completes screening when every task is done; otherwise kInvalid listing what is still to do.
Result<void> CompleteScreening(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version);

// KCR-16, HCR-31: proposing, and a team manager (not the proposer) authorising or returning it.
// Proposing an outcome other than a strategy discussion where screening found significant harm or
// urgent action needs `draft.harm_override_reason` (kInvalid naming "harm_override_reason" without it;
// domain/harm_override.h); HCR-28's police protection refuses any other outcome outright.
Result<void> ProposeDecision(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                             const DecisionDraft& draft);
// Authorising meets the decision deadline (KCR-8, HCR-27), opens HCR-32's follow-up deadlines,
// makes a referral when the outcome needs an assessment (HCR-29, KCR-2), and tells the referrer
// (KCR-17, HCR-24, HCR-33).
// KCR-16, HCR-31, HCR-32: authorising an outcome other than a strategy discussion where screening found
// significant harm or urgent action needs the manager's `override_reason` (kInvalid naming
// "override_reason" without it); HCR-32's clock is then closed as not needed, with that reason.
Result<void> AuthoriseDecision(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                               const std::string& override_reason = "");
// KCR-16: a proposal sent back, with the reason, reopens screening: everything recorded stays, the
// worker records what was asked for, completes the screening again and proposes anew. Its proposer
// gets a staff notice. The deadlines are not touched: the decision clock keeps running.
Result<void> ReturnDecision(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                            const std::string& reason);
// The proposal sent back that the contact is being worked on after (KCR-16): the last decision,
// when it was returned; nullptr once a new one is proposed, or when none was sent back.
const Decision* SentBack(const WorkflowView& view);

// The steps a user may send twice without meaning to: a double click, or the browser's back button
// and the form sent again.
enum class WorkflowStep { kCompleteScreening, kProposeDecision, kAuthoriseDecision };
// True when `actor` has already taken `step` from `version`: the contact is where the step leads,
// exactly one change on from `version`, and that change was theirs (they completed the screening,
// proposed the decision awaiting authorisation, authorised the decision). The use cases still refuse
// the second send (kConflict, nothing written) but say the user did it, not someone else; the pages
// show its result instead.
bool AlreadyTakenBy(const WorkflowView& view, const Actor& actor, WorkflowStep step, std::int64_t version);

// KCR-2, HCR-29: the referrals made, for the responsible team's queue. Errors: kForbidden.
Result<std::vector<store::Referral>> ListReferrals(AppContext& ctx, const Actor& actor, const std::string& team);

}  // namespace fd::app
