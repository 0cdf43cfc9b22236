// The front door workflow end to end at the use-case level, against a real SQLite store and the
// Hertfordshire pack: routing, screening and its task list, checks, consent, police notification,
// manager-authorised decisions, referrals, follow-up deadlines and what the referrer is told.
#include "app/workflow.h"

#include <algorithm>

#include "app/contacts.h"
#include "app/deadline_json.h"
#include "app/deadlines.h"
#include "app/email_delivery.h"
#include "app/performance.h"
#include "app/service_figures.h"
#include "app_fixture.h"
#include "notify/outbox.h"
#include "store/people_records.h"

namespace fd::app {
namespace {

class WorkflowTest : public AppTest {
 protected:
  Actor officer_ = UserWithRole(Role::kContactOfficer);
  Actor worker_ = UserWithRole(Role::kSocialWorker);
  Actor manager_ = UserWithRole(Role::kTeamManager);

  Actor SecondManager() {
    auto id = CreateUser(ctx_, std::nullopt, {"manager2", "Second Manager", "", Role::kTeamManager, "Front Door", kPassword});
    EXPECT_TRUE(id.has_value());
    return Actor{*id, "manager2", "Second Manager", Role::kTeamManager, manager_.team_id};
  }

  static ContactDraft PoliceContact() {
    ContactDraft d;
    d.referrer_type = "police";
    d.referrer_name = "PC Jo Webb";
    d.referrer_agency = "Hertfordshire Constabulary";
    d.referrer_email = "jo.webb@herts.pnn.police.uk";
    d.children.push_back({"Ava", "Example", "2016-03-02", "", "female", "1 Elm Road", "Elm Primary", "", "subject"});
    d.children.push_back({"Ben", "Example", "2019-07-09", "", "male", "1 Elm Road", "", "", "subject"});
    d.concern = "Domestic incident attended last night; both children present.";
    d.intake.channel = "email";
    d.intake.household = {{"domestic_abuse", "yes"}, {"mental_illness", "not_known"}, {"substance_misuse", "no"},
                          {"learning_difficulties", "no"}};
    return d;
  }

  // The police contact's children and concern sent by their school (Elm Primary) on a red form, with no
  // Hub consultation and no imminent risk: what Hertfordshire returns to the sender (HCR-9).
  static ContactDraft SchoolRedFormDraft() {
    ContactDraft d = PoliceContact();
    d.referrer_type = "school";
    d.referrer_agency = "Elm Primary";
    d.referrer_email = "dsl@elm.hertfordshire.gov.uk";
    d.intake.channel = "form";
    d.intake.form = "red";
    return d;
  }

  Contact Record(const ContactDraft& draft) {
    auto c = RecordContact(ctx_, officer_, draft);
    EXPECT_TRUE(c.has_value()) << (c ? "" : c.error().message + " " + (c.error().fields.empty() ? "" : c.error().fields[0].field));
    return c.value_or(Contact{});
  }

  std::int64_t Version(std::int64_t id) { return GetContact(ctx_, worker_, id)->version; }

  static ScreeningDraft FullAnswers() {
    ScreeningDraft s;
    for (const auto& q : ScreeningQuestions()) s.answers[std::string(q.id)] = "Answered: " + std::string(q.title);
    s.significant_harm = "no";
    s.urgent_action = "no";
    s.crime_possible = "no";
    s.consent = "informed_agreed";
    return s;
  }

  // Received → screened, with every task done.
  void Screen(std::int64_t id, const ScreeningDraft& answers = FullAnswers()) {
    ASSERT_TRUE(StartScreening(ctx_, worker_, id, Version(id)).has_value());
    auto saved = SaveScreening(ctx_, worker_, id, Version(id), answers);
    ASSERT_TRUE(saved.has_value()) << saved.error().message;
    ASSERT_TRUE(RunRecordChecks(ctx_, worker_, id, Version(id)).has_value());
    auto done = CompleteScreening(ctx_, worker_, id, Version(id));
    ASSERT_TRUE(done.has_value()) << (done ? "" : done.error().fields.empty() ? done.error().message : done.error().fields[0].message);
  }

  static DecisionDraft Outcome(const std::string& outcome) {
    return {outcome, {0, 1}, "", "Reasons for the decision.", "Next steps agreed.",
            "Mother engaged and protective; children safe at home tonight.", "N4"};
  }

  std::vector<notify::OutboxRow> Emails(std::int64_t contact_id) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return notify::ListOutbox(*tx, "contact", contact_id);
  }

  const Deadline* Find(const std::vector<Deadline>& all, const std::string& timescale) {
    for (const auto& d : all)
      if (d.timescale == timescale) return &d;
    return nullptr;
  }
  std::vector<Deadline> DeadlinesOf(std::int64_t id) { return ContactDeadlines(ctx_, worker_, id)->deadlines; }
};

// RULE KCR-11 RULE HCR-30 RULE KCR-10 RULE HCR-25: screening cannot complete until every question
// is answered, records are checked and consent is recorded; the refusal lists what is left.
TEST_F(WorkflowTest, KCR11_HCR30_KCR10_HCR25_CompletionListsWhatIsStillToDo) {
  const Contact c = Record(PoliceContact());
  ASSERT_TRUE(StartScreening(ctx_, worker_, c.id, c.version).has_value());
  auto early = CompleteScreening(ctx_, worker_, c.id, Version(c.id));
  ASSERT_FALSE(early.has_value());
  std::set<std::string> fields;
  for (const auto& f : early.error().fields) fields.insert(f.field);
  for (const char* f : {"answers.nature", "answers.child_location", "answers.last_seen", "answers.family_known",
                        "significant_harm", "urgent_action", "record_checks", "consent", "crime_possible"})
    EXPECT_TRUE(fields.contains(f)) << f;
  EXPECT_FALSE(fields.contains("household"));  // answered at intake
  EXPECT_EQ(GetContact(ctx_, worker_, c.id)->state, "screening");
}

// RULE KCR-6: the four household questions must be asked before screening completes.
TEST_F(WorkflowTest, KCR6_HouseholdQuestionsBlockCompletionUntilAsked) {
  auto draft = PoliceContact();
  draft.intake.household.erase("learning_difficulties");
  const Contact c = Record(draft);
  ASSERT_TRUE(StartScreening(ctx_, worker_, c.id, c.version).has_value());
  ASSERT_TRUE(SaveScreening(ctx_, worker_, c.id, Version(c.id), FullAnswers()).has_value());
  ASSERT_TRUE(RunRecordChecks(ctx_, worker_, c.id, Version(c.id)).has_value());
  auto done = CompleteScreening(ctx_, worker_, c.id, Version(c.id));
  ASSERT_FALSE(done.has_value());
  ASSERT_EQ(done.error().fields.size(), 1u);
  EXPECT_EQ(done.error().fields[0].field, "household");
}

// RULE KCR-10 RULE HCR-30: record checks find the child, their plan and status, and who else in
// the household is or was known.
TEST_F(WorkflowTest, KCR10_HCR30_RecordChecksFindTheChildAndTheirHousehold) {
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::PersonRecord ava;
    ava.first_names = "Ava";
    ava.last_name = "Example";
    ava.date_of_birth = "2016-03-02";
    ava.household = "H1";
    ava.child_protection_plan = true;
    store::InsertPerson(*tx, ava);
    store::PersonRecord half_brother{0, "Cal", "Other", "2010-01-01", "", "H1", true, false, {}, {}, false, true,
                                     "looked after 2018–2020"};
    store::InsertPerson(*tx, half_brother);
    store::PersonRecord adult{0, "Dan", "Other", "1985-05-05", "", "H1", false, false, {}, {}, false, false,
                              "known to adult services"};
    store::InsertPerson(*tx, adult);
    tx->Commit();
  }
  const Contact c = Record(PoliceContact());
  ASSERT_TRUE(StartScreening(ctx_, worker_, c.id, c.version).has_value());
  auto checks = RunRecordChecks(ctx_, worker_, c.id, Version(c.id));
  ASSERT_TRUE(checks.has_value());
  ASSERT_EQ(checks->size(), 2u);
  EXPECT_TRUE((*checks)[0].known);
  EXPECT_TRUE((*checks)[0].child_protection_plan);
  EXPECT_NE((*checks)[0].household_known.find("Cal Other (child, looked after 2018–2020)"), std::string::npos)
      << (*checks)[0].household_known;
  EXPECT_NE((*checks)[0].household_known.find("Dan Other (adult"), std::string::npos);
  EXPECT_FALSE((*checks)[1].known);  // Ben is not on the register
}

// RULE HCR-25: "not informed" only with one of the recorded reasons.
TEST_F(WorkflowTest, HCR25_NotInformingParentsNeedsAReason) {
  const Contact c = Record(PoliceContact());
  ASSERT_TRUE(StartScreening(ctx_, worker_, c.id, c.version).has_value());
  ScreeningDraft d;
  d.consent = "not_informed";
  auto refused = SaveScreening(ctx_, worker_, c.id, Version(c.id), d);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields.at(0).field, "not_informed_reason");
  d.not_informed_reason = "loss_of_evidence";
  EXPECT_TRUE(SaveScreening(ctx_, worker_, c.id, Version(c.id), d).has_value());
}

// RULE KCR-9 RULE KCR-15 RULE HCR-26 RULE KCR-4: agencies are asked after the parents are told; without
// their knowledge only once a team manager has authorised it with reasons; each check records
// who was asked, when and what they said.
TEST_F(WorkflowTest, KCR9_KCR15_HCR26_AgencyChecksWaitForParentsOrAManager) {
  const Contact c = Record(PoliceContact());
  ASSERT_TRUE(StartScreening(ctx_, worker_, c.id, c.version).has_value());
  const AgencyCheckDraft check{"Health visiting", "Nurse Kay Patel", "2026-11-24T10:00", "Known; last visit in October"};
  auto before_consent = AddAgencyCheck(ctx_, worker_, c.id, Version(c.id), check);
  ASSERT_FALSE(before_consent.has_value());
  EXPECT_EQ(before_consent.error().code, ErrorCode::kConflict);

  ScreeningDraft d;
  d.consent = "not_informed";
  d.not_informed_reason = "prompt_harm";
  ASSERT_TRUE(SaveScreening(ctx_, worker_, c.id, Version(c.id), d).has_value());
  auto unauthorised = AddAgencyCheck(ctx_, worker_, c.id, Version(c.id), check);
  ASSERT_FALSE(unauthorised.has_value());
  EXPECT_TRUE(unauthorised.error().IsForbidden());
  EXPECT_TRUE(AuthoriseSharing(ctx_, worker_, c.id, Version(c.id), "Risk of harm").error().IsForbidden());
  EXPECT_TRUE(AuthoriseSharing(ctx_, manager_, c.id, Version(c.id), "  ").error().IsInvalid());
  ASSERT_TRUE(AuthoriseSharing(ctx_, manager_, c.id, Version(c.id), "Telling the father may prompt harm").has_value());
  ASSERT_TRUE(AddAgencyCheck(ctx_, worker_, c.id, Version(c.id), check).has_value());

  auto view = GetWorkflow(ctx_, worker_, c.id);
  ASSERT_EQ(view->agency_checks.size(), 1u);
  EXPECT_EQ(view->agency_checks[0].asked_person, "Nurse Kay Patel");
  EXPECT_EQ(FormatUtc(view->agency_checks[0].asked_at), "2026-11-24T10:00:00Z");
  EXPECT_EQ(view->agency_checks[0].response, "Known; last visit in October");
  EXPECT_EQ(view->screening->sharing_authorised_by, manager_.user_id);

  auto future = AddAgencyCheck(ctx_, worker_, c.id, Version(c.id), {"Police", "DS Lee", "2026-11-25T09:00", "x"});
  ASSERT_FALSE(future.has_value());
  EXPECT_EQ(future.error().fields.at(0).field, "asked_at");
  // Nor before the contact came in.
  auto before = AddAgencyCheck(ctx_, worker_, c.id, Version(c.id), {"Police", "DS Lee", "1900-01-01T10:00", "x"});
  ASSERT_FALSE(before.has_value());
  EXPECT_TRUE(before.error().IsInvalid());
  EXPECT_EQ(before.error().fields.at(0).field, "asked_at");
  EXPECT_NE(before.error().fields.at(0).message.find("before the contact was received"), std::string::npos);
}

// RULE HCR-26: where a crime is possible the police may be consulted before the parents are told;
// no other agency may.
TEST_F(WorkflowTest, HCR26_PoliceMayBeConsultedBeforeParentsWhenACrimeIsPossible) {
  const Contact c = Record(PoliceContact());
  ASSERT_TRUE(StartScreening(ctx_, worker_, c.id, c.version).has_value());
  ScreeningDraft crime;
  crime.crime_possible = "yes";
  ASSERT_TRUE(SaveScreening(ctx_, worker_, c.id, Version(c.id), crime).has_value());
  EXPECT_EQ(AddAgencyCheck(ctx_, worker_, c.id, Version(c.id), {"Health visiting", "Nurse", "2026-11-24T10:00", "x"})
                .error()
                .code,
            ErrorCode::kConflict);
  EXPECT_TRUE(
      AddAgencyCheck(ctx_, worker_, c.id, Version(c.id), {"Police (CAIT)", "DS Lee", "2026-11-24T10:00", "Known"})
          .has_value());
}

// RULE KCR-13 RULE HCR-28: a possible crime means the police are notified at once: a task with an
// immediate deadline that blocks completion until it is recorded as done, with its time.
TEST_F(WorkflowTest, KCR13_HCR28_APossibleCrimeNeedsThePoliceNotifiedAtOnce) {
  const Contact c = Record(PoliceContact());
  auto answers = FullAnswers();
  answers.crime_possible = "yes";
  ASSERT_TRUE(StartScreening(ctx_, worker_, c.id, c.version).has_value());
  ASSERT_TRUE(SaveScreening(ctx_, worker_, c.id, Version(c.id), answers).has_value());
  ASSERT_TRUE(RunRecordChecks(ctx_, worker_, c.id, Version(c.id)).has_value());
  const Deadline* police = Find(DeadlinesOf(c.id), "police-notification");
  ASSERT_TRUE(police);
  EXPECT_EQ(police->rule_id, "HCR-28");
  EXPECT_EQ(police->due_at, clock_.Now());
  auto blocked = CompleteScreening(ctx_, worker_, c.id, Version(c.id));
  ASSERT_FALSE(blocked.has_value());
  EXPECT_EQ(blocked.error().fields.at(0).field, "police_notification");

  clock_.Set(*ParseUtc("2026-11-24T10:20:00Z"));
  ASSERT_TRUE(RecordPoliceNotified(ctx_, worker_, c.id, Version(c.id), "CAD 1234", "Told the duty sergeant").has_value());
  auto view = GetWorkflow(ctx_, worker_, c.id);
  EXPECT_EQ(FormatUtc(*view->police_notifications.at(0).done_at), "2026-11-24T10:20:00Z");
  EXPECT_EQ(view->police_notifications.at(0).police_reference, "CAD 1234");
  EXPECT_TRUE(Find(DeadlinesOf(c.id), "police-notification")->MetLate());  // "at once" means at once
  EXPECT_TRUE(CompleteScreening(ctx_, worker_, c.id, Version(c.id)).has_value());
}

// RULE KCR-13 RULE HCR-28: notified at once (six seconds after the need arose, the time to press the
// button) is met, not met late; the rule is the domain's (MetLateFor), whatever the minute boundary.
TEST_F(WorkflowTest, KCR13_HCR28_ThePoliceToldAtOnceIsNotLate) {
  clock_.Set(*ParseUtc("2026-11-24T10:00:57Z"));  // six seconds later is in the next minute
  const Contact c = Record(PoliceContact());
  auto answers = FullAnswers();
  answers.crime_possible = "yes";
  ASSERT_TRUE(StartScreening(ctx_, worker_, c.id, c.version).has_value());
  ASSERT_TRUE(SaveScreening(ctx_, worker_, c.id, Version(c.id), answers).has_value());
  clock_.Set(*ParseUtc("2026-11-24T10:01:03Z"));
  ASSERT_TRUE(RecordPoliceNotified(ctx_, worker_, c.id, Version(c.id), "CAD 77", "Told the duty sergeant").has_value());
  const Deadline* police = Find(DeadlinesOf(c.id), "police-notification");
  ASSERT_TRUE(police);
  ASSERT_TRUE(police->met_at.has_value());
  EXPECT_EQ(police->StateAt(clock_.Now()), DeadlineState::kMet);
  EXPECT_FALSE(police->MetLate());
  // The allowance is a moment, not a timescale: two minutes after is late.
  EXPECT_TRUE(MetLateFor(police->starts_at, police->due_at, police->due_at + std::chrono::minutes{2}));
  // A deadline with a timescale has no allowance: a second after its due time is late.
  EXPECT_TRUE(MetLateFor(police->starts_at, police->starts_at + std::chrono::hours{24},
                         police->starts_at + std::chrono::hours{24} + std::chrono::seconds{1}));
}

// RULE KCR-13 RULE HCR-28: told within a minute the police are told on time, so for that minute the
// deadline is not breached anywhere it is counted: the work queue (and its JSON), /metrics' gauge and
// the dashboard with the records behind it. Two minutes on, it is breached in all of them.
TEST_F(WorkflowTest, KCR13_HCR28_ThePoliceNotYetToldIsNotBreachedInTheFirstMinute) {
  const Contact c = Record(PoliceContact());  // 10:00:00; its other deadlines are due tomorrow
  auto answers = FullAnswers();
  answers.crime_possible = "yes";
  ASSERT_TRUE(StartScreening(ctx_, worker_, c.id, c.version).has_value());
  ASSERT_TRUE(SaveScreening(ctx_, worker_, c.id, Version(c.id), answers).has_value());
  const Actor admin = UserWithRole(Role::kAdministrator);
  const DashboardQuery today{"2026-11-24", "2026-11-24", ""};

  struct Counted {
    int queue_breached = 0, queue_due_today = 0, json_breached = 0;
    std::int64_t metrics = 0, dashboard_open = 0, dashboard_breached = 0, records_breached = 0;
  };
  auto count = [&] {
    Counted n;
    auto queue = ListDeadlines(ctx_, worker_, QueueScope::kTeam, false);
    EXPECT_TRUE(queue.has_value());
    for (const auto& d : queue->deadlines) {
      if (d.timescale != "police-notification") continue;
      n.queue_breached += d.StateAt(queue->now) == DeadlineState::kBreached;
      const auto json = DeadlineToJson(d, queue->now, queue->end_of_today, ctx_.time_zone);
      n.json_breached += json["state"] == "breached";
      n.queue_due_today += json["due_today"].get<bool>();
    }
    auto figures = ReadServiceFigures(ctx_, admin);
    EXPECT_TRUE(figures.has_value());
    for (const auto& b : figures->breached)
      if (b.timescale == "police-notification") n.metrics += b.open_past_due;
    auto dashboard = GetDashboard(ctx_, manager_, today);
    EXPECT_TRUE(dashboard.has_value());
    for (const auto& f : dashboard->figures)
      if (f.id == performance::kDeadlines) {
        if (const auto* r = f.Find("police-notification:open")) n.dashboard_open = r->count;
        if (const auto* r = f.Find("police-notification:breached")) n.dashboard_breached = r->count;
      }
    DashboardRecordsQuery breached;
    breached.period = today;
    breached.figure = "deadlines";
    breached.breakdown = "police-notification:breached";
    auto records = GetDashboardRecords(ctx_, manager_, breached);
    EXPECT_TRUE(records.has_value()) << records.error().message;
    n.records_breached = records->total;
    return n;
  };

  clock_.Set(*ParseUtc("2026-11-24T10:00:30Z"));
  const Counted first = count();
  EXPECT_EQ(first.queue_breached, 0);
  EXPECT_EQ(first.json_breached, 0);
  EXPECT_EQ(first.queue_due_today, 1);  // open, and due today
  EXPECT_EQ(first.metrics, 0);
  EXPECT_EQ(first.dashboard_open, 1);
  EXPECT_EQ(first.dashboard_breached, 0);
  EXPECT_EQ(first.records_breached, 0);

  clock_.Set(*ParseUtc("2026-11-24T10:02:00Z"));
  const Counted later = count();
  EXPECT_EQ(later.queue_breached, 1);
  EXPECT_EQ(later.json_breached, 1);
  EXPECT_EQ(later.queue_due_today, 0);
  EXPECT_EQ(later.metrics, 1);
  EXPECT_EQ(later.dashboard_open, 0);
  EXPECT_EQ(later.dashboard_breached, 1);
  EXPECT_EQ(later.records_breached, 1);
}

// RULE HCR-28: a child taken into police protection → a strategy discussion with the police.
TEST_F(WorkflowTest, HCR28_PoliceProtectionLeadsToAStrategyDiscussion) {
  const Contact c = Record(PoliceContact());
  auto answers = FullAnswers();
  answers.police_protection = "yes";
  Screen(c.id, answers);
  auto nfa = ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("no-further-action"));
  ASSERT_FALSE(nfa.has_value());
  EXPECT_EQ(nfa.error().fields.at(0).field, "outcome");
  EXPECT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("strategy-discussion")).has_value());
}

// RULE KCR-16 RULE HCR-31: the disposal is authorised by a manager who did not propose it.
TEST_F(WorkflowTest, KCR16_HCR31_AManagerWhoDidNotProposeItAuthorises) {
  const Contact c = Record(PoliceContact());
  EXPECT_EQ(ProposeDecision(ctx_, manager_, c.id, c.version, Outcome("no-further-action")).error().code,
            ErrorCode::kConflict);  // deciding before screening is complete
  Screen(c.id);
  ASSERT_TRUE(ProposeDecision(ctx_, manager_, c.id, Version(c.id), Outcome("no-further-action")).has_value());
  EXPECT_TRUE(AuthoriseDecision(ctx_, manager_, c.id, Version(c.id)).error().IsForbidden());  // own proposal
  EXPECT_TRUE(AuthoriseDecision(ctx_, worker_, c.id, Version(c.id)).error().IsForbidden());   // not a manager
  const Actor other = SecondManager();
  ASSERT_TRUE(AuthoriseDecision(ctx_, other, c.id, Version(c.id)).has_value());
  EXPECT_EQ(GetContact(ctx_, worker_, c.id)->state, "decided");
  EXPECT_EQ(AuthoriseDecision(ctx_, other, c.id, Version(c.id)).error().code, ErrorCode::kConflict);  // twice
}

// RULE KCR-16 RULE HCR-31: a returned proposal goes back to the worker with the reason: screening
// reopens with everything recorded kept, the worker is told, and after more checks and completing the
// screening again a new proposal can be made.
TEST_F(WorkflowTest, KCR16_HCR31_AReturnedProposalReopensScreeningAndTellsTheProposer) {
  const Contact c = Record(PoliceContact());
  Screen(c.id);
  ASSERT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("no-further-action")).has_value());
  EXPECT_TRUE(ReturnDecision(ctx_, manager_, c.id, Version(c.id), "").error().IsInvalid());
  ASSERT_TRUE(ReturnDecision(ctx_, manager_, c.id, Version(c.id), "Domestic abuse: consider an assessment").has_value());
  auto view = GetWorkflow(ctx_, worker_, c.id);
  EXPECT_EQ(view->contact.state, "screening");
  EXPECT_EQ(view->decisions.back().status, "returned");
  EXPECT_EQ(view->decisions.back().return_reason, "Domestic abuse: consider an assessment");
  ASSERT_NE(SentBack(*view), nullptr);
  EXPECT_EQ(SentBack(*view)->decided_by, manager_.user_id);
  ASSERT_TRUE(view->screening.has_value());
  EXPECT_FALSE(view->screening->completed_at.has_value());
  EXPECT_EQ(view->screening->answers.at("nature"), FullAnswers().answers.at("nature"))
      << "the answers are kept";
  EXPECT_FALSE(view->record_checks.empty()) << "the record checks are kept";
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    auto notices = store::UnreadNotices(*tx, worker_.user_id);
    ASSERT_EQ(notices.size(), 1u);
    EXPECT_NE(notices[0].message.find(c.reference + ": your proposed decision was sent back by"),
              std::string::npos)
        << notices[0].message;
    EXPECT_EQ(notices[0].link, "/contacts/" + std::to_string(c.id));
  }
  // The worker works again: a proposal on the same evidence is refused until screening is complete.
  EXPECT_EQ(ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("child-and-family-assessment"))
                .error()
                .code,
            ErrorCode::kConflict);
  ASSERT_TRUE(RunRecordChecks(ctx_, worker_, c.id, Version(c.id)).has_value());
  ASSERT_TRUE(CompleteScreening(ctx_, worker_, c.id, Version(c.id)).has_value());
  EXPECT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("child-and-family-assessment")).has_value());
  EXPECT_EQ(SentBack(*GetWorkflow(ctx_, worker_, c.id)), nullptr)
      << "a new proposal is no longer the one sent back";
}

// RULE KCR-3: leaving a sibling out of the decision is a recorded professional judgement.
TEST_F(WorkflowTest, KCR3_LeavingASiblingOutNeedsAReason) {
  const Contact c = Record(PoliceContact());
  Screen(c.id);
  auto only_ava = Outcome("child-and-family-assessment");
  only_ava.children = {0};
  auto refused = ProposeDecision(ctx_, worker_, c.id, Version(c.id), only_ava);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields.at(0).field, "sibling_reason");
  only_ava.sibling_reason = "Ben lives with his father and was not present";
  ASSERT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), only_ava).has_value());
  EXPECT_EQ(GetWorkflow(ctx_, worker_, c.id)->decisions.back().children, std::vector<int>{0});
}

// RULE KCR-2 RULE HCR-29 RULE HCR-32 RULE KCR-8 RULE HCR-27: an assessment outcome makes a referral to the
// responsible team; authorising meets the decision deadline. "Child seen within 5 working days" is the
// assessment team's, met in its assessment outside the front door: no front-door clock opens for it,
// and the date goes with the authorisation's audit entry.
TEST_F(WorkflowTest, KCR2_HCR29_HCR32_AnAssessmentMakesAReferralAndNoFrontDoorChildSeenClock) {
  const Contact c = Record(PoliceContact());
  Screen(c.id);
  ASSERT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("child-and-family-assessment")).has_value());
  clock_.Set(*ParseUtc("2026-11-24T15:00:00Z"));
  ASSERT_TRUE(AuthoriseDecision(ctx_, manager_, c.id, Version(c.id)).has_value());
  auto view = GetWorkflow(ctx_, worker_, c.id);
  ASSERT_TRUE(view->referral_reference.has_value());
  EXPECT_EQ(*view->referral_reference, "RF-2026-000001");
  const auto deadlines = DeadlinesOf(c.id);
  const Deadline* decision = Find(deadlines, "decision");
  ASSERT_TRUE(decision && decision->met_at);
  EXPECT_FALSE(decision->MetLate());
  EXPECT_FALSE(Find(deadlines, "child-seen"));
  EXPECT_FALSE(Find(deadlines, "section-47-decision"));
  auto tx = store_->Begin(store::TransactionMode::kRead);
  const auto rows = tx->Query("SELECT changes FROM audit_events WHERE action = 'contact.decision_authorised'");
  ASSERT_EQ(rows.size(), 1u);
  // Tuesday to Tuesday: 5 working days.
  EXPECT_EQ(nlohmann::json::parse(rows[0].Text(0)).at("child_seen_by"), "2026-12-01T15:00:00Z");
}

// RULE HCR-34: a case moving to another team needs the holding team's response to risk and the
// protective factors recorded first.
TEST_F(WorkflowTest, HCR34_MovingTheCaseNeedsProtectiveFactorsRecorded) {
  const Contact c = Record(PoliceContact());
  Screen(c.id);
  auto draft = Outcome("child-and-family-assessment");
  draft.protective_factors = "";
  auto refused = ProposeDecision(ctx_, worker_, c.id, Version(c.id), draft);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields.at(0).field, "protective_factors");
  auto nfa = Outcome("no-further-action");
  nfa.protective_factors = "";
  EXPECT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), nfa).has_value());  // stays: not needed
}

// RULE HCR-32 RULE KCR-12: significant harm recorded at screening → the decision on a strategy discussion
// and Section 47 enquiries within 24 hours; authorising the decision is that decision and meets it
// (it is not opened again after the authorisation, where nothing in the front door could meet it).
TEST_F(WorkflowTest, HCR32_SignificantHarmOpensASection47DecisionWithin24Hours) {
  const Contact c = Record(PoliceContact());
  auto harm = FullAnswers();
  harm.significant_harm = "yes";
  Screen(c.id, harm);
  const Deadline* s47 = Find(DeadlinesOf(c.id), "section-47-decision");
  ASSERT_TRUE(s47);
  EXPECT_EQ(FormatUtc(s47->due_at), "2026-11-25T10:00:00Z");
  EXPECT_FALSE(s47->met_at);
  ASSERT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("strategy-discussion")).has_value());
  ASSERT_TRUE(AuthoriseDecision(ctx_, manager_, c.id, Version(c.id)).has_value());
  const auto deadlines = DeadlinesOf(c.id);
  EXPECT_EQ(std::count_if(deadlines.begin(), deadlines.end(),
                          [](const Deadline& d) { return d.timescale == "section-47-decision"; }),
            1);
  s47 = Find(deadlines, "section-47-decision");
  ASSERT_TRUE(s47 && s47->met_at);
  EXPECT_TRUE(GetWorkflow(ctx_, worker_, c.id)->referral_reference.has_value());
}

// RULE HCR-32: a strategy discussion decided without significant harm recorded at screening leaves no
// 24-hour deadline behind: the decision it asks for has been made.
TEST_F(WorkflowTest, HCR32_AuthorisingAStrategyDiscussionLeavesNoDeadlineOpen) {
  const Contact c = Record(PoliceContact());
  Screen(c.id);
  ASSERT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("strategy-discussion")).has_value());
  ASSERT_TRUE(AuthoriseDecision(ctx_, manager_, c.id, Version(c.id)).has_value());
  EXPECT_FALSE(Find(DeadlinesOf(c.id), "section-47-decision"));
}

// RULE KCR-2 RULE HCR-1: a contact stays a contact; only outcomes needing an assessment make it a referral.
TEST_F(WorkflowTest, KCR2_NoFurtherActionMakesNoReferral) {
  const Contact c = Record(PoliceContact());
  Screen(c.id);
  ASSERT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("no-further-action")).has_value());
  ASSERT_TRUE(AuthoriseDecision(ctx_, manager_, c.id, Version(c.id)).has_value());
  EXPECT_FALSE(GetWorkflow(ctx_, worker_, c.id)->referral_reference.has_value());
}

// RULE KCR-17 RULE HCR-24 RULE HCR-33 RULE HCR-22 RULE HCR-14: the professional's e-mailed contact is acknowledged
// automatically; once decided they are told the outcome and where it went.
TEST_F(WorkflowTest, KCR17_HCR24_HCR33_HCR22_AProfessionalIsAcknowledgedThenToldTheOutcome) {
  auto draft = PoliceContact();
  draft.intake.passing_on_concern_of = "a neighbour";
  const Contact c = Record(draft);
  auto emails = Emails(c.id);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0].purpose, "acknowledgement");
  EXPECT_EQ(emails[0].recipient, "jo.webb@herts.pnn.police.uk");
  // HCR-22: queued is not sent: the clock runs until the mail server takes it, then is met then.
  EXPECT_FALSE(Find(DeadlinesOf(c.id), "acknowledgement")->met_at.has_value());
  const Instant sent_at = clock_.Now() + std::chrono::minutes(3);
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    ASSERT_TRUE(notify::MarkSent(*tx, emails[0].id, sent_at));
    RecordEmailSent(*tx, emails[0], sent_at);
    tx->Commit();
  }
  EXPECT_EQ(Find(DeadlinesOf(c.id), "acknowledgement")->met_at, sent_at);
  ASSERT_EQ(ContactDeadlines(ctx_, worker_, c.id)->acknowledgements.size(), 1u);
  EXPECT_EQ(ContactDeadlines(ctx_, worker_, c.id)->acknowledgements[0].at, sent_at);

  Screen(c.id);
  ASSERT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("child-and-family-assessment")).has_value());
  ASSERT_TRUE(AuthoriseDecision(ctx_, manager_, c.id, Version(c.id)).has_value());
  emails = Emails(c.id);
  ASSERT_EQ(emails.size(), 2u);
  EXPECT_EQ(emails[1].purpose, "outcome");
  EXPECT_NE(emails[1].body.find("Child and Family Assessment"), std::string::npos) << emails[1].body;
  EXPECT_NE(emails[1].body.find("passed to the Assessment team"), std::string::npos);
  EXPECT_NE(emails[1].body.find("concern from a neighbour"), std::string::npos);
}

// RULE KCR-17 RULE KCR-14: a member of the public hears that it was acted on, not what was decided.
TEST_F(WorkflowTest, KCR17_AMemberOfThePublicGetsConfidentialFeedback) {
  ContactDraft d = PoliceContact();
  d.referrer_type = "member_of_public";
  d.referrer_agency = "";
  d.referrer_email = "neighbour@example.com";
  const Contact c = Record(d);
  Screen(c.id);
  ASSERT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("child-and-family-assessment")).has_value());
  ASSERT_TRUE(AuthoriseDecision(ctx_, manager_, c.id, Version(c.id)).has_value());
  auto emails = Emails(c.id);
  ASSERT_EQ(emails.size(), 2u);
  EXPECT_EQ(emails[1].recipient, "neighbour@example.com");
  EXPECT_EQ(emails[1].body.find("Assessment"), std::string::npos) << emails[1].body;
  EXPECT_NE(emails[1].body.find("cannot tell you what that action is"), std::string::npos);
}

// RULE KCR-5: a professional address outside the pack's secure domains is never e-mailed.
TEST_F(WorkflowTest, KCR5_AnInsecureProfessionalAddressIsNotEmailed) {
  ContactDraft d = PoliceContact();
  d.referrer_email = "jo.webb@gmail.example";
  d.referrer_phone = "01632 960 004";  // KCR-17: told the outcome by phone instead
  const Contact c = Record(d);
  Screen(c.id);
  ASSERT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("no-further-action")).has_value());
  ASSERT_TRUE(AuthoriseDecision(ctx_, manager_, c.id, Version(c.id)).has_value());
  EXPECT_TRUE(Emails(c.id).empty());
  EXPECT_FALSE(Find(DeadlinesOf(c.id), "acknowledgement")->met_at);  // still to acknowledge another way
}

// RULE HCR-4: an allegation against an adult who works with children goes to the LADO queue.
TEST_F(WorkflowTest, HCR4_AnAllegationAgainstAProfessionalGoesToTheLadoQueue) {
  auto d = PoliceContact();
  d.intake.allegation_against_professional = true;
  const Contact c = Record(d);
  EXPECT_EQ(c.queue, "lado");
  EXPECT_EQ(c.state, "routed");
  EXPECT_NE(c.routing_note.find("HCR-4"), std::string::npos);
}

// RULE HCR-5: a child already open goes to the allocated worker, who is told at once.
TEST_F(WorkflowTest, HCR5_AChildAlreadyOpenGoesToTheAllocatedWorker) {
  const Actor allocated = UserWithRole(Role::kSocialWorker);
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::PersonRecord ava{0, "Ava", "Example", "2016-03-02", "", "", true, true, allocated.user_id,
                            allocated.team_id, false, false, ""};
    store::InsertPerson(*tx, ava);
    store::PersonRecord ben{0, "Ben", "Example", "2019-07-09", "", "", true, true, allocated.user_id,
                            allocated.team_id, false, false, ""};
    store::InsertPerson(*tx, ben);
    tx->Commit();
  }
  const Contact c = Record(PoliceContact());
  EXPECT_EQ(c.queue, "allocated-worker");
  EXPECT_EQ(c.state, "routed");
  EXPECT_EQ(c.allocated_user_id, allocated.user_id);
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto notices = store::UnreadNotices(*tx, allocated.user_id);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].message.find(c.reference), std::string::npos);
}

// RULE HCR-5 RULE HCR-6 RULE HCR-27: Ava is open, Ben is not: the front door screens and decides on the
// contact, with its one-day decision deadline; Ava's worker is told and the note says who is open to whom.
TEST_F(WorkflowTest, HCR5_HCR6_AContactAlsoAboutAChildNotOpenStaysAtTheFrontDoor) {
  const Actor allocated = UserWithRole(Role::kSocialWorker);
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::PersonRecord ava{0, "Ava", "Example", "2016-03-02", "", "", true, true, allocated.user_id,
                            allocated.team_id, false, false, ""};
    store::InsertPerson(*tx, ava);
    tx->Commit();
  }
  const Contact c = Record(PoliceContact());
  EXPECT_EQ(c.queue, "front-door");
  EXPECT_EQ(c.state, "received");
  EXPECT_FALSE(c.allocated_user_id.has_value());
  EXPECT_NE(c.routing_note.find("Ben Example is not open to a team"), std::string::npos) << c.routing_note;
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto notices = store::UnreadNotices(*tx, allocated.user_id);
  ASSERT_EQ(notices.size(), 1u);
  EXPECT_NE(notices[0].message.find(c.reference + " about Ava Example"), std::string::npos) << notices[0].message;
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM deadlines WHERE record_type = 'contact' AND record_id = ? AND "
                      "timescale = 'decision'",
                      {c.id})
                .at(0)
                .Int(0),
            1);
}

// RULE HCR-18 RULE HCR-6 RULE KCR-1: every contact comes in through the one front door; outside the Customer Service Centre's hours a contact goes to out of hours;
// within them, to the front door.
TEST_F(WorkflowTest, HCR18_OutsideServiceCentreHoursGoesToOutOfHours) {
  EXPECT_EQ(Record(PoliceContact()).queue, "front-door");  // Tuesday 10:00
  clock_.Set(*ParseUtc("2026-11-24T20:30:00Z"));            // Tuesday 20:30: closed at 20:00
  const Contact late = Record(PoliceContact());
  EXPECT_EQ(late.queue, "out-of-hours");
  EXPECT_NE(late.routing_note.find("HCR-18"), std::string::npos);
}

// RULE HCR-9 RULE HCR-10 RULE HCR-11: a school's red form with no hub consultation and no imminent risk is
// returned to the sender, not progressed; with a consultation noted, it goes ahead.
TEST_F(WorkflowTest, HCR9_ARedFormWithoutAHubConsultationIsReturned) {
  ContactDraft d = SchoolRedFormDraft();
  const Contact returned = Record(d);
  EXPECT_EQ(returned.queue, "returned");
  EXPECT_EQ(returned.state, "routed");
  auto emails = Emails(returned.id);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0].purpose, "returned");
  EXPECT_TRUE(DeadlinesOf(returned.id).empty());

  d.intake.hub_consultation = "Hub advised a red referral on 23 November";
  EXPECT_EQ(Record(d).queue, "front-door");
  d.intake.hub_consultation.clear();
  d.intake.indicators = {"imminent-risk"};
  EXPECT_EQ(Record(d).queue, "front-door");  // imminent risk is never sent back
}

// RULE HCR-9 RULE HCR-8: the e-mail returning a red form recorded by staff (a school's e-mailed form)
// says how to reach the Hub: its hours in words, and, sent on a Friday at 4:30pm after it has closed,
// that it opens again on Monday at 9am; the procedure gives the Hub no number, so where to ask for it;
// and whom to call if a child is at imminent risk (the centre is open until 8pm).
TEST_F(WorkflowTest, HCR9_TheReturnedFormsEmailSaysWhenTheHubOpensAgain) {
  clock_.Set(*ParseUtc("2026-11-27T16:30:00Z"));  // Friday, London is on GMT
  const Contact returned = Record(SchoolRedFormDraft());
  ASSERT_EQ(returned.queue, "returned");
  auto emails = Emails(returned.id);
  ASSERT_EQ(emails.size(), 1u);
  const std::string& body = emails[0].body;
  for (const char* said :
       {"Please call the Hub to discuss the concern",
        "The Consultation Hub is open Monday to Thursday, 9am to 5pm; Friday, 9am to 4pm; closed on bank holidays. "
        "It is closed now and opens again on Monday 30 November 2026 at 9:00am.",
        "If you do not have the number for the Hub, ask the Customer Service Centre on 0300 123 4043.",
        "If a child is at imminent risk of significant harm, do not wait for the Hub. If a child is in immediate "
        "danger, call 999 now. Otherwise call the Customer Service Centre on 0300 123 4043"})
    EXPECT_NE(body.find(said), std::string::npos) << said << "\n---\n" << body;
}

// RULE HCR-12 RULE HCR-13: a significant-harm indicator marks the contact urgent.
TEST_F(WorkflowTest, HCR12_HCR13_AnIndicatorMakesTheContactUrgent) {
  auto d = PoliceContact();
  d.intake.indicators = {"disclosed-abuse"};
  const Contact c = Record(d);
  EXPECT_TRUE(c.urgent);
  d.intake.indicators = {"not-an-indicator"};
  auto refused = RecordContact(ctx_, officer_, d);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields.at(0).field, "intake.indicators[0]");
}

// RULE HCR-23: a referrer chasing before a decision is told only that it was received (which
// counts as the acknowledgement if none was made); after, what KCR-17 allows.
TEST_F(WorkflowTest, HCR23_AChaserIsToldOnlyThatItWasReceivedUntilDecided) {
  ContactDraft d = PoliceContact();
  d.referrer_email = "";
  d.referrer_phone = "01632 960 555";
  d.intake.channel = "phone";
  const Contact c = Record(d);
  clock_.Set(*ParseUtc("2026-11-27T11:00:00Z"));  // three working days later, unacknowledged
  auto early = RecordChase(ctx_, officer_, c.id, "PC Webb rang");
  ASSERT_TRUE(early.has_value());
  EXPECT_FALSE(early->decided);
  EXPECT_NE(early->tell.find("only that contact " + c.reference + " was received"), std::string::npos) << early->tell;
  const Deadline* ack = Find(DeadlinesOf(c.id), "acknowledgement");
  ASSERT_TRUE(ack && ack->met_at);
  EXPECT_TRUE(ack->MetLate());
  Screen(c.id);
  ASSERT_TRUE(ProposeDecision(ctx_, worker_, c.id, Version(c.id), Outcome("no-further-action")).has_value());
  ASSERT_TRUE(AuthoriseDecision(ctx_, manager_, c.id, Version(c.id)).has_value());
  auto later = RecordChase(ctx_, officer_, c.id, "");
  ASSERT_TRUE(later.has_value());
  EXPECT_TRUE(later->decided);
  EXPECT_NE(later->tell.find("tell them the outcome"), std::string::npos);
}

// Concurrent edits: the second writer holding an old version gets a conflict, never an overwrite.
TEST_F(WorkflowTest, KCR16_AStaleVersionIsAConflictAndWritesNothing) {
  const Contact c = Record(PoliceContact());
  ASSERT_TRUE(StartScreening(ctx_, worker_, c.id, c.version).has_value());
  const std::int64_t seen = Version(c.id);
  ScreeningDraft first;
  first.answers["nature"] = "First writer";
  ASSERT_TRUE(SaveScreening(ctx_, worker_, c.id, seen, first).has_value());
  ScreeningDraft second;
  second.answers["nature"] = "Second writer";
  auto stale = SaveScreening(ctx_, manager_, c.id, seen, second);
  ASSERT_FALSE(stale.has_value());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
  EXPECT_EQ(GetWorkflow(ctx_, worker_, c.id)->screening->answers.at("nature"), "First writer");
}

// RULE HCR-2: anyone may contact children's services: the public portal records a contact without a
// signed-in user, from the public or a professional, and gives the receipt back (HCR-16).
TEST_F(WorkflowTest, HCR16_ThePortalGivesAReceiptAndUrgentAdvice) {
  ContactDraft d;
  d.referrer_type = "member_of_public";
  d.referrer_name = "A Neighbour";
  d.referrer_email = "neighbour@example.com";
  d.children.push_back({"Zoe", "", "", "", "female", "", "", "", "subject"});
  d.concern = "A child left alone all day.";
  d.intake.indicators = {"imminent-risk"};
  auto receipt = SubmitPortalContact(ctx_, d);
  ASSERT_TRUE(receipt.has_value()) << receipt.error().message;
  EXPECT_TRUE(receipt->reference.starts_with("FD-2026-"));
  EXPECT_TRUE(receipt->urgent);
  EXPECT_NE(receipt->urgent_advice.find("999"), std::string::npos);
  EXPECT_TRUE(receipt->acknowledgement_emailed);
  EXPECT_EQ(receipt->contact.intake.channel, Channel::kPortal);
  EXPECT_EQ(receipt->contact.recorded_by_name, "Request for Support portal");
  d.referrer_type = "school";
  d.referrer_agency = "Elm Primary";
  // KCR-17: a school whose address is not secure gives a phone number to hear the outcome.
  auto no_phone = SubmitPortalContact(ctx_, d);
  ASSERT_FALSE(no_phone.has_value());
  EXPECT_EQ(no_phone.error().fields.at(0).field, "referrer.phone");
  d.referrer_phone = "01632 960 003";
  EXPECT_TRUE(SubmitPortalContact(ctx_, d).has_value());
}

}  // namespace
}  // namespace fd::app
