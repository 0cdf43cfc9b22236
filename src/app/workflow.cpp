#include "app/workflow.h"

#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "app/already_done.h"
#include "app/case_access.h"
#include "app/contact_json.h"
#include "app/deadlines.h"
#include "app/disclosures.h"
#include "app/permissions.h"
#include "app/person_search.h"
#include "app/record_access.h"
#include "app/referrer_callbacks.h"
#include "app/referrer_identity.h"
#include "app/duplicates.h"
#include "app/referrer_messages.h"
#include "app/returned_forms.h"
#include "app/same_child.h"
#include "app/screening_allocation.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/contact_workflow.h"
#include "domain/harm_override.h"
#include "domain/information_checklist.h"
#include "domain/text.h"
#include "policy/rule_citations.h"
#include "store/contact_records.h"
#include "store/people_records.h"
#include "store/police_notification_records.h"
#include "store/register_records.h"

namespace fd::app {
namespace {

using nlohmann::json;

Error StaleVersion() {
  return Error::Conflict("Someone else changed this contact while you were working on it. Reload it to see their change.");
}

// Review finding 8: the steps a user may send twice without meaning to, as the audit records them,
// and how the second send is answered when the first one was theirs (app/already_done.h).
struct OwnStep {
  std::string_view action, done, not_again;
};
constexpr OwnStep kStarted{"contact.screening_started", "started screening this", "it was not started again"};
constexpr OwnStep kSaved{"contact.screening_saved", "saved these screening answers", "they were not saved again"};
constexpr OwnStep kChecked{"contact.record_checks", "ran the record checks", "they were not run again"};
constexpr OwnStep kAgencyCheck{"contact.agency_check", "recorded this agency check",
                               "it was not recorded again, so it is on the contact once"};
constexpr OwnStep kSharing{"contact.sharing_authorised", "authorised sharing without the parents' knowledge",
                           "it was not authorised again"};
constexpr OwnStep kPoliceTold{"contact.police_notified", "recorded that the police were told",
                              "it was not recorded again"};

// A refusal of `step` as the user sent it from `version`: when the contact's one change since was the
// user's own same step, "You already … at 9:14am" instead of someone else's change; otherwise as it was.
Error OrAlreadyDone(store::Transaction& tx, const AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                    std::int64_t version, const OwnStep& step, Error error) {
  if (error.code != ErrorCode::kConflict) return error;
  auto contact = store::FindContact(tx, contact_id);
  if (!contact) return error;
  const auto at = OwnChangeSince(tx, actor, contact_id, version, contact->version, step.action);
  if (!at) return error;
  return AlreadyDone(step.done, *at, ctx.time_zone, step.not_again);
}

// Whether saving `draft` would change the contact's screening or intake answers as they are now. A
// form from before the user's own last save that says something else is a change of theirs since, not
// the same save sent twice: it is not "already done", so what they typed is not lost.
bool SaveChangesSomething(store::Transaction& tx, std::int64_t contact_id, const ScreeningDraft& draft);
// The same for an agency check: unless the user's last one on the contact says exactly this.
bool AgencyCheckDiffers(store::Transaction& tx, const Actor& actor, std::int64_t contact_id,
                        const AgencyCheckDraft& draft);

// The contact, loaded for a change, with the status the state machine judges.
struct Loaded {
  Contact contact;
  ContactStatus status;
};

Result<Loaded> Load(store::Transaction& tx, std::int64_t contact_id) {
  auto contact = store::FindContact(tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  Loaded l{std::move(*contact), {}};
  l.status.state = ContactStateFromId(l.contact.state).value_or(ContactState::kReceived);
  l.status.version = l.contact.version;
  for (const auto& d : store::DecisionsOf(tx, contact_id))
    if (d.status == "proposed") l.status.proposed_by = d.proposed_by;
  return l;
}

// Load, for an actor who is about to change the contact: the relationship rule (app/case_access.h)
// keeps a contact about a child with an open case to its allocated worker and their team managers.
Result<Loaded> LoadToWork(store::Transaction& tx, const Actor& actor, std::int64_t contact_id) {
  auto l = Load(tx, contact_id);
  if (!l) return l;
  if (auto may = MayWorkOnCase(actor, CaseHolderOf(tx, l->contact)); !may) return std::unexpected(may.error());
  return l;
}

// Bumps the version (and sets the state) only if nobody changed the contact since it was read:
// the guarantee under concurrent writers on any backend.
Result<void> Advance(store::Transaction& tx, const Loaded& l, const ContactStatus& next) {
  if (!store::AdvanceContact(tx, l.contact.id, l.contact.version, std::string(ContactStateId(next.state))))
    return std::unexpected(StaleVersion());
  return {};
}

Transition By(const Actor& actor, std::int64_t version) { return Transition{actor.user_id, actor.role, version}; }

void Audit(store::Transaction& tx, const Actor& actor, Instant now, const char* action, std::int64_t contact_id,
           json changes) {
  audit::Append(tx, {now, actor.user_id, actor.username, action, "contact", std::to_string(contact_id), std::move(changes)});
}

ScreeningFacts FactsOf(store::Transaction& tx, const Contact& contact) {
  ScreeningFacts f;
  f.household_answered = contact.intake.HouseholdAnswered();
  // KCR-10, HCR-30: a check whose answers were withheld on a restricted record is not done: the
  // answers are not known until a named viewer of that record runs the checks.
  const auto checks = store::RecordChecksOf(tx, contact.id);
  f.record_checks_done = !checks.empty();
  for (const auto& c : checks) {
    // Checks run before the child's details were corrected answered for other details: run them again.
    if (c.details_corrected_at) f.record_checks_done = false;
    if (c.withheld_ask) {
      f.record_checks_done = false;
      if (f.record_checks_withheld_ask.empty()) f.record_checks_withheld_ask = *c.withheld_ask;
    }
  }
  for (const auto& p : store::PoliceNotificationsOf(tx, contact.id)) f.police_notification_pending |= !p.done_at;
  return f;
}

// Screening edits happen while screening, by the roles that screen.
Result<Loaded> LoadForScreening(const AppContext& ctx, store::Transaction& tx, const Actor& actor,
                                std::int64_t contact_id, std::int64_t version) {
  if (auto allowed = Authorise(actor, Action::kScreenContact); !allowed) return std::unexpected(allowed.error());
  auto l = LoadToWork(tx, actor, contact_id);
  if (!l) return std::unexpected(l.error());
  if (auto may = MayScreenAllocated(ctx, tx, actor, contact_id); !may) return std::unexpected(may.error());
  if (l->contact.version != version) return std::unexpected(StaleVersion());
  if (l->status.state != ContactState::kScreening)
    return std::unexpected(Error::Conflict(fmt::format("This contact is not being screened: it is at the stage '{}'",
                                                       ContactStateTitle(l->status.state))));
  return l;
}

DeadlineSubject SubjectOf(const Contact& c) {
  return {"contact", c.id, c.reference, c.team_id, c.allocated_user_id};
}

DecisionRules DecisionRulesOf(const policy::PolicyPack& pack) {
  return {pack.decisions.protective_factors_before_transfer};
}

std::vector<OutcomeOption> OutcomesOf(const policy::PolicyPack& pack) {
  std::vector<OutcomeOption> out;
  for (const auto& o : pack.outcomes) out.push_back({o.id, o.label, o.next});
  return out;
}

// The outcome's title in the pack, for messages; its id when the pack has no such outcome.
std::string OutcomeLabelOf(const policy::PolicyPack& pack, const std::string& id) {
  for (const auto& o : pack.outcomes)
    if (o.id == id) return o.label;
  return id;
}

json ScreeningJson(const Screening& s) {
  return {{"answers", s.answers},
          {"significant_harm", AnswerId(s.significant_harm)},
          {"urgent_action", AnswerId(s.urgent_action)},
          {"crime_possible", AnswerId(s.crime_possible)},
          {"police_protection", AnswerId(s.police_protection)},
          {"consent", ConsentId(s.consent)},
          {"not_informed_reason", s.not_informed_reason}};
}

// Whom to ask about register record `person_id` when it is restricted and `user_id` is not named on
// it; nullopt when the user may read it.
std::optional<std::string> WithheldFrom(store::Transaction& tx, std::int64_t person_id, std::int64_t user_id) {
  auto whole = store::FindRegisterPerson(tx, person_id);
  if (!whole || !whole->restricted || store::IsRestrictedViewer(tx, person_id, user_id)) return std::nullopt;
  return whole->restricted_ask.empty() ? "the data protection officer" : whole->restricted_ask;
}

// KCR-10, HCR-30: a check on a restricted record the checker may not read answers only that a record
// exists and whom to ask. Its plan, looked-after and open-case answers are withheld, never "no".
void Withhold(store::RecordCheck& check, const std::string& ask) {
  check.child_protection_plan = false;
  check.looked_after = false;
  check.open_case = false;
  check.household_known = fmt::format("A restricted record exists: ask {}", ask);
  check.withheld_ask = ask;
}

// The workflow view of one contact as `tx` sees it, for `actor`. REQUIRES: the actor may view contacts.
Result<WorkflowView> ReadWorkflow(AppContext& ctx, const Actor& actor, store::Transaction& tx,
                                  std::int64_t contact_id) {
  auto contact = store::FindContact(tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  WorkflowView v;
  v.contact = std::move(*contact);
  ProtectReferrer(v.contact);  // KCR-14
  v.screening = store::FindScreening(tx, contact_id);
  if (v.screening) v.tasks = ScreeningTasks(*v.screening, FactsOf(tx, v.contact));
  v.record_checks = store::RecordChecksOf(tx, contact_id);
  // A named viewer's check on a restricted record is shown to anyone else as withheld, as the record
  // itself is: that it exists and whom to ask (docs/security.md "Restricted records").
  for (auto& c : v.record_checks)
    if (!c.withheld_ask && c.person_id)
      if (auto ask = WithheldFrom(tx, *c.person_id, actor.user_id)) Withhold(c, *ask);
  v.agency_checks = store::AgencyChecksOf(tx, contact_id);
  v.check_requests = store::CheckRequestsOfContact(tx, contact_id);
  v.police_notifications = store::PoliceNotificationsOf(tx, contact_id);
  v.decisions = store::DecisionsOf(tx, contact_id);
  const policy::PolicyPack& pack = ctx.procedures.PackAt(v.contact.received_at);
  v.outcomes = OutcomesOf(pack);
  v.decision_rules = DecisionRulesOf(pack);
  for (auto& d : v.decisions)
    for (const auto& o : v.outcomes)
      if (o.id == d.outcome) {
        d.outcome_label = o.label;
        d.next = o.next;
      }
  auto referral = tx.Query("SELECT reference FROM referrals WHERE contact_id = ? ORDER BY id DESC LIMIT 1", {contact_id});
  if (!referral.empty()) v.referral_reference = referral[0].Text(0);
  v.same_child = SameChildOf(ctx, tx, contact_id);
  v.allocation = store::FindScreeningAllocation(tx, contact_id);
  v.passed_on = PassedOnOf(tx, ctx, actor, v.contact);
  if (v.allocation) {
    v.screener_id = v.allocation->user_id;
    v.screener_name = v.allocation->name;
  } else if (v.screening && (v.contact.state == "screening" || v.contact.state == "screened" ||
                             v.contact.state == "proposed")) {
    // Whoever screened it keeps it until the decision is made (store::Screener).
    v.screener_id = v.screening->started_by;
    auto name = tx.Query("SELECT display_name FROM users WHERE id = ?", {v.screening->started_by});
    if (!name.empty()) v.screener_name = name[0].Text(0);
  }
  v.duplicate_of = store::DuplicateOf(tx, contact_id);
  v.deadlines_not_applicable = store::NotApplicableDeadlines(tx, "contact", contact_id);
  v.duplicates = store::DuplicatesOf(tx, contact_id);
  v.fast_track = store::FindFastTrack(tx, contact_id);
  if (ReturnsToRing(tx, {contact_id}).contains(contact_id)) v.return_not_sent = ReturnNotSentWords(v.contact.referrer);
  // KCR-10, HCR-30: two workers screening one child apart should know of each other.
  for (const auto& o : v.same_child) {
    if (o.state != "screening" || !o.screening_by || o.screening_by == v.screener_id) continue;
    const bool listed = std::any_of(v.screened_at_the_same_time.begin(), v.screened_at_the_same_time.end(),
                                    [&](const auto& s) { return s.contact_id == o.contact_id; });
    if (!listed) v.screened_at_the_same_time.push_back(o);
  }
  return v;
}

// What says whether a step was already taken: where the contact is, its version, and who took the
// step that led there (nullopt: nobody yet).
struct StepFacts {
  ContactState state = ContactState::kReceived;
  std::int64_t version = 0;
  std::optional<std::int64_t> by;
};

std::optional<std::int64_t> LastDecisionBy(const std::vector<Decision>& decisions, WorkflowStep step) {
  const char* status = step == WorkflowStep::kProposeDecision ? "proposed" : "authorised";
  for (auto it = decisions.rbegin(); it != decisions.rend(); ++it)
    if (it->status == status) return step == WorkflowStep::kProposeDecision ? std::optional(it->proposed_by) : it->decided_by;
  return std::nullopt;
}

StepFacts FactsFor(const Contact& contact, const std::optional<Screening>& screening,
                   const std::vector<Decision>& decisions, WorkflowStep step) {
  StepFacts f;
  f.state = ContactStateFromId(contact.state).value_or(ContactState::kReceived);
  f.version = contact.version;
  if (step == WorkflowStep::kCompleteScreening) f.by = screening ? screening->completed_by : std::nullopt;
  else f.by = LastDecisionBy(decisions, step);
  return f;
}

bool Taken(const StepFacts& f, const Actor& actor, WorkflowStep step, std::int64_t version) {
  const ContactState leads_to = step == WorkflowStep::kCompleteScreening ? ContactState::kScreened
                                : step == WorkflowStep::kProposeDecision ? ContactState::kProposed
                                                                         : ContactState::kDecided;
  return f.state == leads_to && f.version == version + 1 && f.by == actor.user_id;
}

// A conflict on `step`: when the user's own send of it got there first, say so rather than blame
// someone else; otherwise the conflict as it was.
Error ConflictOn(store::Transaction& tx, const Actor& actor, std::int64_t contact_id, WorkflowStep step,
                 std::int64_t version, Error conflict) {
  if (conflict.code != ErrorCode::kConflict) return conflict;
  auto contact = store::FindContact(tx, contact_id);
  if (!contact) return conflict;
  const StepFacts facts =
      FactsFor(*contact, store::FindScreening(tx, contact_id), store::DecisionsOf(tx, contact_id), step);
  if (!Taken(facts, actor, step, version)) return conflict;
  switch (step) {
    case WorkflowStep::kCompleteScreening:
      return Error::Conflict("You have already completed this screening, and nothing has changed since: it was not "
                             "completed again.");
    case WorkflowStep::kProposeDecision:
      return Error::Conflict("You have already sent this decision for authorisation, and nothing has changed since: "
                             "it was not sent again.");
    case WorkflowStep::kAuthoriseDecision:
      return Error::Conflict("You have already authorised this decision, and nothing has changed since: it was not "
                             "authorised again.");
  }
  return conflict;
}

// KCR-8, HCR-32: what screening finds counts as an intake indicator does. Urgent action needed
// (immediate protection) or significant harm makes the contact urgent, so it tops every queue;
// urgent action opens the pack's `immediate-protection` clock (Kent: at once), significant harm its
// `section-47-decision` clock (Hertfordshire: 24 hours). A pack without the timescale opens nothing;
// a clock already opened (at intake, or by an earlier save) is not opened twice.
// The significant-harm clock counts from when the harm was known: receipt, when an indicator was
// ticked at intake (HCR-12), else this save. Both are met only by authorising the decision: KCR-8 asks
// for the decision on the response, with next steps, recorded at once, and HCR-32 for the decision on
// a strategy discussion within 24 hours. Recording urgency is not that decision, so the contact stays
// overdue on every queue until a manager authorises it (docs/decisions.md "A decision against what
// screening found needs a reason; the 'at once' decision is met by the decision").
void RaiseUrgency(store::Transaction& tx, const AppContext& ctx, const Actor& actor, const Contact& contact,
                  const Screening& before, const Screening& after, Instant now) {
  const bool urgent_action = after.urgent_action == Answer::kYes && before.urgent_action != Answer::kYes;
  const bool significant_harm = after.significant_harm == Answer::kYes && before.significant_harm != Answer::kYes;
  if (!urgent_action && !significant_harm) return;
  if (!contact.urgent) {
    store::MarkContactUrgent(tx, contact.id);
    Audit(tx, actor, now, "contact.marked_urgent", contact.id,
          {{"significant_harm", significant_harm}, {"urgent_action", urgent_action}});
  }
  const auto existing = store::DeadlinesForRecord(tx, "contact", contact.id);
  auto open_once = [&](const char* timescale, Instant from) {
    if (std::any_of(existing.begin(), existing.end(), [&](const Deadline& d) { return d.timescale == timescale; }))
      return false;
    return OpenDeadline(tx, ctx, timescale, SubjectOf(contact), from).has_value();
  };
  if (urgent_action) open_once("immediate-protection", now);
  if (significant_harm) open_once("section-47-decision", contact.intake.Urgent() ? contact.received_at : now);
}

}  // namespace

namespace {

bool SaveChangesSomething(store::Transaction& tx, std::int64_t contact_id, const ScreeningDraft& draft) {
  const auto contact = store::FindContact(tx, contact_id);
  const auto current = store::FindScreening(tx, contact_id);
  if (!contact || !current) return true;
  std::vector<FieldError> ignored;
  std::array<Answer, 4> household = contact->intake.household;
  ReadHouseholdAnswers(draft.household, "household", household, ignored);
  std::map<std::string, std::string> information = contact->intake.information;
  ReadInformationItems(draft.information, "information", information, ignored);
  const auto updated = ApplyScreeningDraft(*current, draft);
  return !updated || !ignored.empty() || ScreeningJson(*updated) != ScreeningJson(*current) ||
         household != contact->intake.household || information != contact->intake.information;
}

bool AgencyCheckDiffers(store::Transaction& tx, const Actor& actor, std::int64_t contact_id,
                        const AgencyCheckDraft& draft) {
  const auto checks = store::AgencyChecksOf(tx, contact_id);
  for (auto it = checks.rbegin(); it != checks.rend(); ++it)
    if (it->recorded_by == actor.user_id)
      return it->agency != Trim(draft.agency) || it->asked_person != Trim(draft.asked_person) ||
             it->response != draft.response;
  return true;
}

}  // namespace

bool HeldByOther(const WorkflowView& view, const Actor& actor) {
  return actor.role != Role::kTeamManager && view.screener_id && *view.screener_id != actor.user_id;
}

bool AlreadyTakenBy(const WorkflowView& view, const Actor& actor, WorkflowStep step, std::int64_t version) {
  return Taken(FactsFor(view.contact, view.screening, view.decisions, step), actor, step, version);
}

Result<WorkflowView> GetWorkflow(AppContext& ctx, const Actor& actor, std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  return ReadWorkflow(ctx, actor, *tx, contact_id);
}

Result<WorkflowView> OpenWorkflow(AppContext& ctx, const Actor& actor, std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  // Opening a contact is itself recorded, and durable before the contact is shown (read_audit.h).
  Result<WorkflowView> view;
  audit::AuditEvent viewed;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    view = ReadWorkflow(ctx, actor, *tx, contact_id);
    if (!view) return view;
    viewed = ContactViewed(*tx, actor, now, contact_id);
  }
  AuditView(ctx, std::move(viewed));
  return view;
}

Result<void> StartScreening(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version) {
  if (auto allowed = Authorise(actor, Action::kScreenContact); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto l = LoadToWork(*tx, actor, contact_id);
  if (!l) return std::unexpected(l.error());
  if (auto may = MayScreenAllocated(ctx, *tx, actor, contact_id); !may) return std::unexpected(may.error());
  auto next = fd::StartScreening(l->status, By(actor, version));
  if (!next) return std::unexpected(OrAlreadyDone(*tx, ctx, actor, contact_id, version, kStarted, next.error()));
  if (auto ok = Advance(*tx, *l, *next); !ok) return ok;
  Screening s;
  s.contact_id = contact_id;
  s.started_by = actor.user_id;
  s.started_at = now;
  store::InsertScreening(*tx, s);
  // KCR-8: starting to screen meets no clock; the "at once" decision is met by the decision itself.
  Audit(*tx, actor, now, "contact.screening_started", contact_id, json::object());
  tx->Commit();
  return {};
}

Result<void> SaveScreening(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                           const ScreeningDraft& draft) {
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto l = LoadForScreening(ctx, *tx, actor, contact_id, version);
  if (!l) {
    Error refused = OrAlreadyDone(*tx, ctx, actor, contact_id, version, kSaved, l.error());
    if (IsAlreadyDone(refused) && SaveChangesSomething(*tx, contact_id, draft)) return std::unexpected(l.error());
    return std::unexpected(refused);
  }
  auto current = store::FindScreening(*tx, contact_id);
  if (!current) return std::unexpected(Error::Conflict("Screening has not been started"));
  // KCR-6: household answers the referrer was not asked at intake are recorded here, read as intake
  // reads them; every wrong field of the save is reported together.
  std::vector<FieldError> intake_errors;
  std::array<Answer, 4> household = l->contact.intake.household;
  ReadHouseholdAnswers(draft.household, "household", household, intake_errors);
  // KCR-7: the checklist's items gathered after intake, read as intake reads them.
  std::map<std::string, std::string> information = l->contact.intake.information;
  ReadInformationItems(draft.information, "information", information, intake_errors);
  auto updated = ApplyScreeningDraft(*current, draft);
  if (!updated) updated = std::unexpected(policy::CiteRules(ctx.procedures.PackAt(l->contact.received_at), updated.error()));
  if (!updated && !updated.error().IsInvalid()) return std::unexpected(updated.error());
  if (!updated || !intake_errors.empty()) {
    std::vector<FieldError> errors = updated ? std::vector<FieldError>{} : updated.error().fields;
    errors.insert(errors.end(), intake_errors.begin(), intake_errors.end());
    return std::unexpected(Error::Invalid(std::move(errors)));
  }
  if (auto ok = Advance(*tx, *l, l->status); !ok) return ok;
  store::UpdateScreening(*tx, *updated);
  json changes = ScreeningJson(*updated);
  if (household != l->contact.intake.household) {
    store::UpdateContactHousehold(*tx, contact_id, household);
    l->contact.intake.household = household;
    changes["household"] = IntakeToJson(l->contact.intake).at("household");
  }
  if (information != l->contact.intake.information) {
    store::UpdateContactInformation(*tx, contact_id, information);
    // The audit holds what was written and what is still missing after it.
    json given = json::object();
    const auto& before = l->contact.intake.information;
    for (const auto& [id, text] : information)
      if (auto was = before.find(id); was == before.end() || was->second != text) given[id] = text;
    json cleared = json::array();
    for (const auto& [id, text] : before)
      if (!information.contains(id)) cleared.push_back(id);
    l->contact.intake.information = information;
    changes["information"] = given;
    if (!cleared.empty()) changes["information_cleared"] = cleared;
    changes["information_missing"] = MissingInformation(l->contact, &*updated).size();
  }
  // KCR-13, HCR-28: a possible crime means the police are told at once; the task stays open until done.
  // A contact the police themselves referred (a force's domestic abuse notification) needs no telling:
  // the task is recorded done at once, naming their notification, and no deadline opens (it would
  // open already breached, demanding what the police did first).
  const auto pending = store::PoliceNotificationsOf(*tx, contact_id);
  if (updated->crime_possible == Answer::kYes && current->crime_possible != Answer::kYes &&
      std::none_of(pending.begin(), pending.end(), [](const auto& p) { return !p.done_at; })) {
    store::InsertPoliceNotification(*tx, contact_id, now);
    if (auto force_reference = store::ForceReferenceOfContact(*tx, contact_id)) {
      store::CompletePoliceNotification(
          *tx, contact_id, now, actor.user_id, *force_reference,
          fmt::format("The police referred this contact (notification {}): they know of the incident", *force_reference));
      changes["police_notified"] = {{"police_reference", *force_reference}, {"by", "police referral"}};
    } else {
      OpenDeadline(*tx, ctx, "police-notification", SubjectOf(l->contact), now);
    }
  }
  Audit(*tx, actor, now, "contact.screening_saved", contact_id, std::move(changes));
  RaiseUrgency(*tx, ctx, actor, l->contact, *current, *updated, now);
  tx->Commit();
  return {};
}

namespace {

// What the matcher says about a child not yet linked to the register and with no exact match.
struct Unconfirmed {
  int likely = 0;    // candidates at or above kLikelyMatch
  int possible = 0;  // every candidate shown (restricted ones included)
};

std::string ChildName(const Child& child, std::size_t position) {
  const std::string name = Trim(child.first_names + " " + child.last_name);
  return name.empty() ? fmt::format("Child {}", position + 1) : fmt::format("Child {} ({})", position + 1, name);
}

// KCR-10: "is the family known?" is answered from the register record the child is linked to, else
// an exact match (NHS number, or names and date of birth); only then the fuzzy matcher, before the
// write transaction (a search audits in its own). Returns, per child, what the matcher found.
Result<std::vector<Unconfirmed>> SearchUnlinkedChildren(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                                        std::int64_t version) {
  std::vector<Child> to_search;
  std::vector<std::size_t> positions;
  std::size_t count = 0;
  const policy::PolicyPack* pack = nullptr;  // the pack the contact was received under
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    auto l = LoadForScreening(ctx, *tx, actor, contact_id, version);
    if (!l) return std::unexpected(OrAlreadyDone(*tx, ctx, actor, contact_id, version, kChecked, l.error()));
    count = l->contact.children.size();
    pack = &ctx.procedures.PackAt(l->contact.received_at);
    const auto linked = store::ContactChildPeople(*tx, contact_id);
    for (std::size_t i = 0; i < count; ++i) {
      const Child& child = l->contact.children[i];
      if (i < linked.size() && linked[i]) continue;
      std::optional<std::string> dob;
      if (child.date_of_birth) dob = FormatIsoDate(*child.date_of_birth);
      if (!store::FindExactMatches(*tx, child.first_names, child.last_name, dob, child.nhs_number).empty()) continue;
      to_search.push_back(child);
      positions.push_back(i);
    }
  }
  std::vector<Unconfirmed> out(count);
  if (!ctx.people || !IsAllowed(actor.role, Action::kViewRegister)) return out;
  for (std::size_t k = 0; k < to_search.size(); ++k) {
    auto found = SearchPeople(ctx, actor, QueryForChild(to_search[k]), kDefaultSearchLimit);
    if (!found) continue;  // a field the matcher cannot read: the exact check above stands
    for (const auto& c : found->candidates) {
      ++out[positions[k]].possible;
      if (!c.restricted && c.band == MatchBand::kLikely) ++out[positions[k]].likely;
    }
  }
  for (std::size_t k = 0; k < to_search.size(); ++k)
    if (out[positions[k]].likely > 0)
      return std::unexpected(policy::CiteRules(
          *pack, Error::Conflict(fmt::format(
                     "{} is very likely already on the people register. Confirm who they are under \"Is this child "
                     "known?\" (or record them as a new person), then run the record checks again (KCR-10, HCR-30)",
                     ChildName(to_search[k], positions[k])))));
  return out;
}

// The record check for a child found on the register (HCR-30: the household too). A restricted
// record says only that a record exists and whom to ask, unless the checker is a named viewer.
void FillFromRegister(store::Transaction& tx, const Actor& actor, const store::PersonRecord& p,
                      store::RecordCheck& check) {
  check.person_id = p.id;
  check.known = true;
  if (auto ask = WithheldFrom(tx, p.id, actor.user_id)) {
    Withhold(check, *ask);
    return;
  }
  check.child_protection_plan = p.child_protection_plan;
  check.looked_after = p.looked_after;
  check.open_case = p.open_case;
  std::string household;
  for (const auto& m : store::HouseholdMembers(tx, p.household, p.id)) {
    household += fmt::format("{}{} {} ({}{}{})", household.empty() ? "" : "; ", m.first_names, m.last_name,
                             m.is_child ? "child" : "adult", m.open_case ? ", open case" : "",
                             m.known_history.empty() ? "" : ", " + m.known_history);
  }
  check.household_known = household.empty() ? "No one else recorded in the household" : household;
}

}  // namespace

Result<std::vector<store::RecordCheck>> RunRecordChecks(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                                        std::int64_t version) {
  auto unconfirmed = SearchUnlinkedChildren(ctx, actor, contact_id, version);
  if (!unconfirmed) return std::unexpected(unconfirmed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto l = LoadForScreening(ctx, *tx, actor, contact_id, version);
  if (!l) return std::unexpected(OrAlreadyDone(*tx, ctx, actor, contact_id, version, kChecked, l.error()));
  const auto linked = store::ContactChildPeople(*tx, contact_id);
  const auto earlier = store::RecordChecksOf(*tx, contact_id);
  std::vector<store::RecordCheck> checks;
  std::vector<std::pair<int, std::string>> kept;  // children whose named viewer's check was kept, whom to ask
  for (std::size_t i = 0; i < l->contact.children.size(); ++i) {
    const Child& child = l->contact.children[i];
    store::RecordCheck check;
    check.child_position = static_cast<int>(i);
    check.checked_by = actor.user_id;
    check.checked_at = now;
    std::optional<store::PersonRecord> person;
    if (i < linked.size() && linked[i]) person = store::FindPerson(*tx, *linked[i]);
    if (!person) {
      std::optional<std::string> dob;
      if (child.date_of_birth) dob = FormatIsoDate(*child.date_of_birth);
      auto matches = store::FindExactMatches(*tx, child.first_names, child.last_name, dob, child.nhs_number);
      if (!matches.empty()) person = matches.front();
    }
    if (person) {
      FillFromRegister(*tx, actor, *person, check);
      // Checking again without being named on a restricted record keeps a named viewer's answers
      // for that child and record: they stand until a viewer checks again, so the task they finished
      // is not reopened by a colleague refreshing the other children's checks.
      if (check.withheld_ask) {
        auto by_viewer = std::find_if(earlier.begin(), earlier.end(), [&](const store::RecordCheck& e) {
          return e.child_position == check.child_position && e.person_id == check.person_id && !e.withheld_ask;
        });
        if (by_viewer != earlier.end()) {
          kept.emplace_back(check.child_position, *check.withheld_ask);
          check = *by_viewer;
        }
      }
    } else {
      const int possible = i < unconfirmed->size() ? (*unconfirmed)[i].possible : 0;
      check.household_known =
          possible == 0 ? "Not known to children's services"
                        : fmt::format("Not known to children's services as recorded; {} possible {} on the people "
                                      "register not confirmed as this child (see \"Is this child known?\")",
                                      possible, possible == 1 ? "match" : "matches");
    }
    checks.push_back(check);
  }
  if (auto ok = Advance(*tx, *l, l->status); !ok) return std::unexpected(ok.error());
  store::ReplaceRecordChecks(*tx, contact_id, checks);
  json found = json::array();
  auto kept_ask = [&](int position) -> const std::string* {
    for (const auto& [p, ask] : kept)
      if (p == position) return &ask;
    return nullptr;
  };
  for (const auto& c : checks) {
    // A kept check's answers are in the event of the check that made them; a withheld answer is
    // recorded as withheld (null), never as "no". The audit names no one to ask.
    if (kept_ask(c.child_position)) {
      found.push_back({{"child", c.child_position}, {"known", c.known}, {"kept", true}});
      continue;
    }
    auto answer = [&](bool value) { return c.withheld_ask ? json(nullptr) : json(value); };
    found.push_back({{"child", c.child_position},
                     {"known", c.known},
                     {"child_protection_plan", answer(c.child_protection_plan)},
                     {"looked_after", answer(c.looked_after)},
                     {"withheld", c.withheld_ask.has_value()}});
  }
  Audit(*tx, actor, now, "contact.record_checks", contact_id, {{"checks", found}});
  tx->Commit();
  // The checker is told of a kept check only what they may read of the record: that it exists.
  for (auto& c : checks)
    if (const std::string* ask = kept_ask(c.child_position)) Withhold(c, *ask);
  return checks;
}

Result<void> AddAgencyCheck(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                            const AgencyCheckDraft& draft) {
  const Instant now = ctx.clock.Now();
  std::vector<FieldError> errors;
  auto required = [&](const std::string& value, const char* field, const char* what, std::size_t max) {
    if (auto problem = CheckRequiredText(value, max, true, what)) errors.push_back({field, *problem});
  };
  required(draft.agency, "agency", "the agency asked", 200);
  required(draft.asked_person, "asked_person", "who was asked", 200);
  required(draft.response, "response", "what they said", 10000);
  std::optional<Instant> asked_at;
  if (auto local = calendar::ParseLocalTime(draft.asked_at); !local) {
    errors.push_back({"asked_at", "Enter when they were asked, like 2026-11-24T14:30"});
  } else if (auto at = ctx.procedures.CalendarAt(now).FromLocal(*local); !at) {
    errors.push_back({"asked_at", at.error()});
  } else if (*at > now) {
    errors.push_back({"asked_at", "When they were asked cannot be in the future"});
  } else {
    asked_at = *at;
  }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto l = LoadForScreening(ctx, *tx, actor, contact_id, version);
  if (!l) {
    Error refused = OrAlreadyDone(*tx, ctx, actor, contact_id, version, kAgencyCheck, l.error());
    if (IsAlreadyDone(refused) && AgencyCheckDiffers(*tx, actor, contact_id, draft)) return std::unexpected(l.error());
    return std::unexpected(refused);
  }
  // KCR-9: an agency is asked about this contact, so not before it came in (1900-01-01 is a slip);
  // the time is typed to the minute, so the minute the contact came in is allowed.
  if (*asked_at < std::chrono::floor<std::chrono::minutes>(l->contact.received_at))
    return std::unexpected(Error::InvalidField(
        "asked_at", fmt::format("When they were asked cannot be before the contact was received ({})",
                                calendar::FormatLocalForPeople(l->contact.received_at, ctx.time_zone))));
  auto screening = store::FindScreening(*tx, contact_id);
  // KCR-15, HCR-25/26: parents are told first; sharing without their knowledge needs a manager.
  const SharingBlock block = SharingBlockFor(screening ? &*screening : nullptr, NamesThePolice(draft.agency));
  const policy::PolicyPack& pack = ctx.procedures.PackAt(l->contact.received_at);
  if (block == SharingBlock::kConsentNotRecorded)
    return std::unexpected(policy::CiteRules(
        pack, Error::Conflict("Record first whether the parents have been informed (HCR-25): agencies are normally "
                              "asked after parents are told")));
  if (block == SharingBlock::kNeedsAuthorisation)
    return std::unexpected(policy::CiteRules(
        pack, Error::Forbidden("The parents have not been informed, so a team manager must authorise sharing without "
                               "their knowledge first (KCR-15, HCR-26)")));
  if (auto ok = Advance(*tx, *l, l->status); !ok) return ok;
  store::AgencyCheck check{0, Trim(draft.agency), Trim(draft.asked_person), *asked_at, draft.response,
                           actor.user_id, actor.display_name, now};
  store::InsertAgencyCheck(*tx, contact_id, check);
  Audit(*tx, actor, now, "contact.agency_check", contact_id,
        {{"agency", check.agency}, {"asked_person", check.asked_person}, {"asked_at", FormatUtc(check.asked_at)}});
  tx->Commit();
  return {};
}

Result<void> AuthoriseSharing(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                              const std::string& reason) {
  if (auto allowed = Authorise(actor, Action::kAuthoriseSharing); !allowed) return std::unexpected(allowed.error());
  if (auto problem = CheckText(reason, 5000, true, "The reasons")) return std::unexpected(Error::InvalidField("reason", *problem));
  if (Trim(reason).empty())
    return std::unexpected(Error::InvalidField("reason", "Record the reasons for sharing without the parents' knowledge"));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto l = LoadToWork(*tx, actor, contact_id);
  if (!l) return std::unexpected(l.error());
  if (l->contact.version != version)
    return std::unexpected(OrAlreadyDone(*tx, ctx, actor, contact_id, version, kSharing, StaleVersion()));
  auto screening = store::FindScreening(*tx, contact_id);
  if (l->status.state != ContactState::kScreening || !screening)
    return std::unexpected(Error::Conflict("Sharing is authorised while the contact is being screened"));
  if (!screening->NeedsSharingAuthorisation())
    return std::unexpected(Error::Conflict("The parents have been informed, so no authorisation is needed to share"));
  if (auto ok = Advance(*tx, *l, l->status); !ok) return ok;
  screening->sharing_authorised_by = actor.user_id;
  screening->sharing_authorised_at = now;
  screening->sharing_authorisation_reason = reason;
  store::UpdateScreening(*tx, *screening);
  Audit(*tx, actor, now, "contact.sharing_authorised", contact_id, {{"reason", reason}});
  tx->Commit();
  return {};
}

Result<void> RecordPoliceNotified(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                                  const std::string& police_reference, const std::string& note) {
  if (auto problem = CheckText(police_reference, 100, false, "The police reference"))
    return std::unexpected(Error::InvalidField("police_reference", *problem));
  if (auto problem = CheckText(note, 5000, true, "The note")) return std::unexpected(Error::InvalidField("note", *problem));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto l = LoadForScreening(ctx, *tx, actor, contact_id, version);
  if (!l) return std::unexpected(OrAlreadyDone(*tx, ctx, actor, contact_id, version, kPoliceTold, l.error()));
  if (auto ok = Advance(*tx, *l, l->status); !ok) return ok;
  if (!store::CompletePoliceNotification(*tx, contact_id, now, actor.user_id, Trim(police_reference), note))
    return std::unexpected(Error::Conflict("There is no police notification waiting on this contact"));
  MeetDeadline(*tx, "contact", contact_id, "police-notification", now, actor.user_id);
  Audit(*tx, actor, now, "contact.police_notified", contact_id, {{"police_reference", Trim(police_reference)}});
  tx->Commit();
  return {};
}

Result<void> CompleteScreening(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version) {
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto l = LoadForScreening(ctx, *tx, actor, contact_id, version);
  if (!l) return std::unexpected(ConflictOn(*tx, actor, contact_id, WorkflowStep::kCompleteScreening, version, l.error()));
  auto screening = store::FindScreening(*tx, contact_id);
  if (!screening) return std::unexpected(Error::Conflict("Screening has not been started"));
  auto blocks = WhatBlocksCompletion(*screening, FactsOf(*tx, l->contact));
  if (!blocks.empty())
    return std::unexpected(policy::CiteRules(ctx.procedures.PackAt(l->contact.received_at),
                                             Error::Invalid(std::move(blocks), "Screening is not complete yet")));
  auto next = fd::CompleteScreening(l->status, By(actor, version));
  if (!next) return std::unexpected(next.error());
  if (auto ok = Advance(*tx, *l, *next); !ok) return ok;
  screening->completed_by = actor.user_id;
  screening->completed_at = now;
  store::UpdateScreening(*tx, *screening);
  Audit(*tx, actor, now, "contact.screening_completed", contact_id, ScreeningJson(*screening));
  tx->Commit();
  return {};
}

Result<void> ProposeDecision(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                             const DecisionDraft& draft) {
  if (auto allowed = Authorise(actor, Action::kScreenContact); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto l = LoadToWork(*tx, actor, contact_id);
  if (!l) return std::unexpected(l.error());
  auto next = fd::ProposeDecision(l->status, By(actor, version));
  if (!next) return std::unexpected(ConflictOn(*tx, actor, contact_id, WorkflowStep::kProposeDecision, version, next.error()));
  std::vector<int> subjects;
  for (std::size_t i = 0; i < l->contact.children.size(); ++i)
    if (l->contact.children[i].role == ChildRole::kSubject) subjects.push_back(static_cast<int>(i));
  // The outcomes of the pack in force when the contact arrived (CRU-5).
  const policy::PolicyPack& pack = ctx.procedures.PackAt(l->contact.received_at);
  const auto outcomes = OutcomesOf(pack);
  auto decision = ValidateDecision(draft, outcomes, subjects, DecisionRulesOf(pack));
  const auto screening = store::FindScreening(*tx, contact_id);
  if (!decision) {
    // The social worker's review, finding 12: a missing reason for departing from the harm screening
    // found is named with the other problems, not in a second round once they are mended.
    Error problems = decision.error();
    const auto chosen = std::find_if(outcomes.begin(), outcomes.end(),
                                     [&](const OutcomeOption& o) { return o.id == draft.outcome; });
    const Screening* found = screening ? &*screening : nullptr;
    if (problems.IsInvalid() && chosen != outcomes.end() && DepartsFromHarmFound(found, chosen->next))
      if (auto problem = OverrideReasonProblem(found, chosen->next, chosen->label, draft.harm_override_reason,
                                               "proposing"))
        problems.fields.push_back({"harm_override_reason", policy::CiteRules(pack, *problem)});
    return std::unexpected(std::move(problems));
  }
  // HCR-28: a child taken into police protection → a strategy discussion with the police.
  if (screening && screening->police_protection == Answer::kYes && decision->next != "section-47")
    return std::unexpected(Error::InvalidField(
        "outcome", "A child was taken into police protection: the outcome is a strategy discussion with the police"));
  // KCR-16, HCR-31, HCR-32: significant harm or urgent action found → a strategy discussion, unless the
  // proposer records why not. A reason sent with a proposal that needs none is not kept.
  const Screening* found = screening ? &*screening : nullptr;
  std::string override_reason;
  if (DepartsFromHarmFound(found, decision->next)) {
    if (auto problem = OverrideReasonProblem(found, decision->next, OutcomeLabelOf(pack, decision->outcome),
                                             draft.harm_override_reason, "proposing"))
      return std::unexpected(policy::CiteRules(pack, Error::InvalidField("harm_override_reason", *problem)));
    override_reason = draft.harm_override_reason;
  }
  if (auto ok = Advance(*tx, *l, *next); !ok) return ok;
  decision->contact_id = contact_id;
  decision->proposed_by = actor.user_id;
  decision->proposed_at = now;
  decision->policy_version = pack.version;
  decision->id = store::InsertDecision(*tx, *decision);
  json proposed = {{"decision", decision->id}, {"outcome", decision->outcome}, {"children", decision->children},
                   {"sibling_reason", decision->sibling_reason}};
  if (!override_reason.empty()) {
    store::InsertHarmOverride(*tx, decision->id, "proposed", override_reason, actor.user_id, now);
    proposed["harm_found"] = HarmFoundWords(*found);
    proposed["harm_override_reason"] = override_reason;
  }
  Audit(*tx, actor, now, "contact.decision_proposed", contact_id, std::move(proposed));
  tx->Commit();
  return {};
}

namespace {

// The outcome e-mailed: the ledger names the professional's address, never the public's (KCR-14).
Disclosure OutcomeDisclosure(const Contact& contact, const Decision& decision, const policy::PolicyPack& pack,
                             const Actor& actor, Instant now) {
  Disclosure d = OutcomeToReferrer(contact, decision, pack, actor, now);
  const bool professional = IsProfessional(contact.referrer.type);
  d.counterpart_kind = professional ? "email" : "person";
  d.counterpart = professional ? ReferrerEmailAddress(contact.referrer, pack).value_or("")
                               : "the referrer (a member of the public)";
  d.authorised_by = actor.user_id;
  return d;
}

}  // namespace

Result<void> AuthoriseDecision(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                               const std::string& override_reason) {
  if (auto allowed = Authorise(actor, Action::kAuthoriseDecision); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto l = LoadToWork(*tx, actor, contact_id);
  if (!l) return std::unexpected(l.error());
  auto next = fd::AuthoriseDecision(l->status, By(actor, version));
  if (!next) return std::unexpected(ConflictOn(*tx, actor, contact_id, WorkflowStep::kAuthoriseDecision, version, next.error()));
  auto decisions = store::DecisionsOf(*tx, contact_id);
  auto it = std::find_if(decisions.rbegin(), decisions.rend(), [](const Decision& d) { return d.status == "proposed"; });
  if (it == decisions.rend()) return std::unexpected(Error::Conflict("There is no proposed decision to authorise"));
  Decision decision = *it;
  const policy::PolicyPack& pack = ctx.procedures.PackAt(l->contact.received_at);
  for (const auto& o : pack.outcomes)
    if (o.id == decision.outcome) {
      decision.outcome_label = o.label;
      decision.next = o.next;
    }
  // KCR-16, HCR-31, HCR-32: the manager authorising anything but a strategy discussion, where screening
  // found significant harm or urgent action, records their own reason for overriding it.
  const auto screening = store::FindScreening(*tx, contact_id);
  const Screening* found = screening ? &*screening : nullptr;
  const bool overridden = DepartsFromHarmFound(found, decision.next);
  if (overridden)
    if (auto problem = OverrideReasonProblem(found, decision.next, OutcomeLabelOf(pack, decision.outcome),
                                             override_reason, "authorising"))
      return std::unexpected(policy::CiteRules(pack, Error::InvalidField("override_reason", *problem)));
  if (auto ok = Advance(*tx, *l, *next); !ok) return ok;
  decision.status = "authorised";
  decision.decided_by = actor.user_id;
  decision.decided_at = now;
  store::UpdateDecision(*tx, decision);
  // KCR-8, HCR-27: the decision deadline is met by the authorisation, and so are the clocks for a
  // child needing immediate protection and, HCR-32, for deciding on a strategy discussion and
  // Section 47 enquiries (opened when significant harm is recorded): this is that decision.
  // Overridden, HCR-32's clock is not "met": no strategy discussion was decided on. The manager has
  // decided, with reasons, that the child's circumstances do not call for one, so the 24 hours to
  // decide on one are closed as not needed, with that reason (docs/decisions.md "A decision against
  // what screening found needs a reason"): in no queue or timeliness figure, shown on the contact.
  json not_needed = json::array();
  if (overridden) {
    store::InsertHarmOverride(*tx, decision.id, "authorised", override_reason, actor.user_id, now);
    for (const auto& d : store::CloseDeadlinesNotApplicable(
             *tx, "contact", contact_id, "section-47-decision", now, actor.user_id,
             fmt::format("Not needed: {} authorised \"{}\" instead of a strategy discussion. Their reason: {}",
                         actor.display_name, decision.outcome_label.empty() ? decision.outcome : decision.outcome_label,
                         override_reason)))
      not_needed.push_back(d.timescale);
  }
  for (const char* timescale : {"decision", "immediate-protection", "section-47-decision"})
    MeetDeadline(*tx, "contact", contact_id, timescale, now, actor.user_id);
  // HCR-32: child in need → the assessment starts at once and the child is seen within 5 working days.
  // That is the assessment team's work under its own procedure (the Child and Family Assessments
  // Procedure, HCR-13, HCR-29), done after the referral leaves the front door and recorded outside
  // frontdoor: no front-door clock is opened that nothing here could meet. The date, under the pack's
  // `child-seen` timescale, goes with the referral (its audit entry) for the team taking it.
  std::optional<Instant> child_seen_by;
  if (decision.next == "assessment")
    if (const auto* seen = pack.Timescale("child-seen"))
      child_seen_by = ctx.procedures.CalendarAt(now).Due(seen->timescale, now);
  // HCR-29, KCR-2: an outcome needing an assessment makes the contact a referral to the responsible team.
  std::optional<std::string> referral_team;
  std::string referral_reference;
  if (decision.MakesReferral()) {
    const int year = static_cast<int>(calendar::LocalDate(now, ctx.time_zone).year());
    referral_reference = fmt::format("RF-{:04}-{:06}", year, store::NextReferenceNumber(*tx, "RF", year));
    referral_team = pack.routing.referral_team;
    store::InsertReferral(*tx, referral_reference, contact_id, decision.id, decision.outcome, *referral_team, now);
  }
  // KCR-17, HCR-24, HCR-33: the referrer is told (professionals the outcome, the public a confidential form).
  const bool told = QueueOutcomeEmail(*tx, l->contact, pack, decision.id,
                                      OutcomeMessage(l->contact, decision, pack, referral_team), now);
  // Issue 12 point 2: the e-mail is a disclosure about the children decided on, on the pack's basis
  // for feedback to referrers; without one the authorisation fails and nothing is sent.
  if (told) {
    Disclosure d = OutcomeDisclosure(l->contact, decision, pack, actor, now);
    // A second outcome told (a reopened duplicate decided on its own) is its own entry in the ledger.
    d.cause_id = OutcomeCauseId(*tx, d.cause_kind, fmt::format("{}:outcome", contact_id), decision.id);
    if (auto recorded = RecordDisclosure(*tx, pack, d); !recorded) return std::unexpected(recorded.error());
  }
  // A referrer it could not e-mail but who gave a phone number is rung by the proposer: a task on
  // their home page, and a deadline when the pack sets one (app/referrer_callbacks.h).
  const bool to_ring = !told && ReferrerIsTold(*tx, l->contact) && TellsReferrerByPhone(l->contact.referrer, pack);
  if (to_ring) OpenReferrerCallback(*tx, ctx, l->contact, decision.id, decision.proposed_by, now);
  // HCR-24, KCR-17: the referrers of its duplicates who are other people hear it too, as theirs.
  auto duplicates_told = TellDuplicatesReferrers(*tx, ctx, actor, l->contact, decision, referral_team, now);
  if (!duplicates_told) return std::unexpected(duplicates_told.error());
  json duplicate_referrers = json::array();
  for (const auto& t : *duplicates_told) duplicate_referrers.push_back({{"contact", t.contact_id}, {"told", t.how}});
  Audit(*tx, actor, now, "contact.decision_authorised", contact_id,
        {{"decision", decision.id},
         {"outcome", decision.outcome},
         {"referral", referral_reference},
         {"child_seen_by", child_seen_by ? json(FormatUtc(*child_seen_by)) : json(nullptr)},
         {"referrer_emailed", told},
         {"referrer_to_ring", to_ring},
         {"duplicate_referrers", duplicate_referrers},
         {"harm_found", overridden ? json(HarmFoundWords(*found)) : json(nullptr)},
         {"override_reason", overridden ? json(override_reason) : json(nullptr)},
         {"deadlines_not_needed", not_needed}});
  tx->Commit();
  return {};
}

Result<void> ReturnDecision(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                            const std::string& reason) {
  if (auto allowed = Authorise(actor, Action::kAuthoriseDecision); !allowed) return std::unexpected(allowed.error());
  if (auto problem = CheckText(reason, 5000, true, "The reason")) return std::unexpected(Error::InvalidField("reason", *problem));
  if (Trim(reason).empty())
    return std::unexpected(Error::InvalidField("reason", "Say why the proposal is returned, so it can be put right"));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto l = LoadToWork(*tx, actor, contact_id);
  if (!l) return std::unexpected(l.error());
  auto next = fd::ReturnProposal(l->status, By(actor, version));
  if (!next) return std::unexpected(next.error());
  auto decisions = store::DecisionsOf(*tx, contact_id);
  auto it = std::find_if(decisions.rbegin(), decisions.rend(), [](const Decision& d) { return d.status == "proposed"; });
  if (it == decisions.rend()) return std::unexpected(Error::Conflict("There is no proposed decision to return"));
  if (auto ok = Advance(*tx, *l, *next); !ok) return ok;
  it->status = "returned";
  it->decided_by = actor.user_id;
  it->decided_at = now;
  it->return_reason = reason;
  store::UpdateDecision(*tx, *it);
  // Screening is open again, so it is no longer complete: completing it again records who and when
  // (the first completion stays in the audit trail). Answers and checks stay as they were.
  if (auto screening = store::FindScreening(*tx, contact_id)) {
    screening->completed_by.reset();
    screening->completed_at.reset();
    store::UpdateScreening(*tx, *screening);
  }
  // The proposer is told (a manager sending back their own proposal knows). The reason is on the
  // contact's pages, behind their access rules, not in the notice on the proposer's home page.
  if (it->proposed_by != actor.user_id)
    store::InsertStaffNotice(
        *tx, it->proposed_by,
        fmt::format("Contact {}: your proposed decision was sent back by {}. Screening is open "
                    "again to put it right",
                    l->contact.reference, actor.display_name),
        "/contacts/" + std::to_string(contact_id), now);
  Audit(*tx, actor, now, "contact.decision_returned", contact_id,
        {{"decision", it->id},
         {"reason", reason},
         {"screening_reopened", true},
         {"proposer_told", it->proposed_by != actor.user_id}});
  tx->Commit();
  return {};
}

const Decision* SentBack(const WorkflowView& view) {
  if (view.decisions.empty() || view.decisions.back().status != "returned") return nullptr;
  return &view.decisions.back();
}

Result<std::vector<store::Referral>> ListReferrals(AppContext& ctx, const Actor& actor, const std::string& team) {
  if (auto allowed = Authorise(actor, Action::kListContacts); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto referrals = store::ListReferrals(*tx, team);
  // The outcome's title from the pack the referral was made under, so the page shows the user's
  // words; the id where a later pack dropped it.
  for (auto& r : referrals) {
    r.outcome_label = r.outcome;
    for (const auto& o : ctx.procedures.PackAt(r.created_at).outcomes)
      if (o.id == r.outcome) r.outcome_label = o.label;
  }
  return referrals;
}

}  // namespace fd::app
