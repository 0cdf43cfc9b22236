// Deadlines opened by the procedures in force, met by the use case that records the action, and
// shown on work queues as open, due today, breached or met late.
#include "app/deadlines.h"

#include "app/contacts.h"
#include "app/deadlines_past_bank_holidays.h"
#include "app_fixture.h"
#include "audit/audit_log.h"

namespace fd::app {
namespace {

using DeadlinesTest = AppTest;

ContactDraft PhoneContact() {
  ContactDraft d;
  d.referrer_type = "health";
  d.referrer_name = "Dr Ann Lee";
  d.referrer_agency = "Riverside Surgery";
  d.referrer_phone = "01632 960001";
  d.children.push_back({"Leo", "Example", "2019-02-03", "", "male", "4 Mill Lane", "", "9434765919", "subject"});
  d.concern = "Bruising seen at an appointment.";
  return d;
}

const Deadline* Find(const std::vector<Deadline>& deadlines, const std::string& timescale) {
  for (const auto& d : deadlines)
    if (d.timescale == timescale) return &d;
  return nullptr;
}

std::vector<Deadline> DeadlinesOf(AppContext& ctx, const Actor& actor, std::int64_t contact_id) {
  auto queue = ContactDeadlines(ctx, actor, contact_id);
  EXPECT_TRUE(queue.has_value());
  return queue ? queue->deadlines : std::vector<Deadline>{};
}

// RULE HCR-22 RULE HCR-27: in Hertfordshire a contact must be acknowledged and decided within
// 1 working day; both deadlines open when it is recorded, with the rule that set them.
TEST_F(DeadlinesTest, HCR22_HCR27_RecordingAContactOpensAcknowledgementAndDecisionDeadlines) {
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto contact = RecordContact(ctx_, officer, PhoneContact());  // Tuesday 24 November 2026, 10:00
  ASSERT_TRUE(contact.has_value());
  const auto deadlines = DeadlinesOf(ctx_, officer, contact->id);
  ASSERT_EQ(deadlines.size(), 3u);  // and HCR-15's written confirmation of a professional's phone call
  EXPECT_EQ(Find(deadlines, "written-confirmation")->rule_id, "HCR-15");
  EXPECT_EQ(FormatUtc(Find(deadlines, "written-confirmation")->due_at), "2026-11-25T10:00:00Z");  // 24 elapsed hours
  const Deadline* ack = Find(deadlines, "acknowledgement");
  const Deadline* decision = Find(deadlines, "decision");
  ASSERT_TRUE(ack && decision);
  EXPECT_EQ(ack->rule_id, "HCR-22");
  EXPECT_EQ(decision->rule_id, "HCR-27");
  EXPECT_EQ(FormatUtc(ack->due_at), "2026-11-25T10:00:00Z");
  EXPECT_EQ(FormatUtc(decision->due_at), "2026-11-25T10:00:00Z");
  EXPECT_EQ(ack->record_reference, contact->reference);
  EXPECT_EQ(ack->team_id, officer.team_id);
  EXPECT_EQ(ack->policy_version, "2019");
  EXPECT_EQ(ack->StateAt(clock_.Now()), DeadlineState::kOpen);
}

// RULE CAL-3: received on Christmas Eve morning, the next working day is Tuesday 29 December
// (Christmas Day, the weekend and the Boxing Day substitute are not working days).
TEST_F(DeadlinesTest, CAL3_AContactOnChristmasEveIsDueAfterTheBankHolidays) {
  clock_.Set(*ParseUtc("2026-12-24T10:00:00Z"));
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto contact = RecordContact(ctx_, officer, PhoneContact());
  ASSERT_TRUE(contact.has_value());
  EXPECT_EQ(FormatUtc(Find(DeadlinesOf(ctx_, officer, contact->id), "decision")->due_at), "2026-12-29T10:00:00Z");
}

// RULE CAL-3: received in the evening, the day counts from the start of office hours next morning.
TEST_F(DeadlinesTest, CAL3_AnEveningContactCountsFromTheNextMorning) {
  clock_.Set(*ParseUtc("2026-11-24T18:30:00Z"));
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto contact = RecordContact(ctx_, officer, PhoneContact());
  ASSERT_TRUE(contact.has_value());
  EXPECT_EQ(FormatUtc(Find(DeadlinesOf(ctx_, officer, contact->id), "decision")->due_at), "2026-11-26T09:00:00Z");
}

// RULE KCR-8 RULE CRU-5: in Kent the decision is due within 1 working day, under the pack in force
// on the day the contact arrived: the 2017 CRU procedures before 1 September 2024, the 2024 Front
// Door Service procedures from then. Kent's packs set no acknowledgement deadline (HCR-22 is
// Hertfordshire's), so none is opened.
TEST_F(DeadlinesTest, KCR8_CRU5_KentDecisionDeadlineUnderThePackInForceThatDay) {
  auto kent = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent");
  ASSERT_TRUE(kent.has_value());
  AppContext kent_ctx{*store_, clock_, **kent, "Europe/London"};
  const Actor officer = UserWithRole(Role::kContactOfficer);

  clock_.Set(*ParseUtc("2024-08-30T11:00:00Z"));  // Friday, 12:00 BST
  auto before = RecordContact(kent_ctx, officer, PhoneContact());
  ASSERT_TRUE(before.has_value());
  auto old_deadlines = DeadlinesOf(kent_ctx, officer, before->id);
  ASSERT_EQ(old_deadlines.size(), 1u);
  EXPECT_EQ(old_deadlines[0].rule_id, "KCR-8");
  EXPECT_EQ(old_deadlines[0].policy_version, "2017-cru");
  EXPECT_EQ(FormatUtc(old_deadlines[0].due_at), "2024-09-02T11:00:00Z");  // Monday 12:00 BST

  clock_.Set(*ParseUtc("2024-09-02T11:00:00Z"));
  auto after = RecordContact(kent_ctx, officer, PhoneContact());
  ASSERT_TRUE(after.has_value());
  auto new_deadlines = DeadlinesOf(kent_ctx, officer, after->id);
  ASSERT_EQ(new_deadlines.size(), 1u);
  EXPECT_EQ(new_deadlines[0].policy_version, "2024-fds");
}

// RULE KCR-8: in Kent, a contact where the child may need immediate protection (a significant-harm
// indicator) is to be decided at once: its deadline is due at receipt.
TEST_F(DeadlinesTest, KCR8_ImmediateProtectionIsDueAtOnce) {
  auto kent = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent");
  ASSERT_TRUE(kent.has_value());
  AppContext kent_ctx{*store_, clock_, **kent, "Europe/London"};
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto draft = PhoneContact();
  draft.intake.indicators = {"disclosed-abuse"};
  auto contact = RecordContact(kent_ctx, officer, draft);
  ASSERT_TRUE(contact.has_value()) << contact.error().message;
  auto deadlines = DeadlinesOf(kent_ctx, officer, contact->id);
  const Deadline* now = Find(deadlines, "immediate-protection");
  ASSERT_TRUE(now);
  EXPECT_EQ(now->rule_id, "KCR-8");
  EXPECT_EQ(now->due_at, clock_.Now());
  draft.intake.indicators.clear();
  auto ordinary = RecordContact(kent_ctx, officer, draft);
  EXPECT_FALSE(Find(DeadlinesOf(kent_ctx, officer, ordinary->id), "immediate-protection"));
}

// RULE HCR-22: recording the acknowledgement meets the deadline, once, and is audited.
TEST_F(DeadlinesTest, HCR22_AcknowledgingMeetsTheDeadlineOnTime) {
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto contact = RecordContact(ctx_, officer, PhoneContact());
  ASSERT_TRUE(contact.has_value());
  clock_.Set(*ParseUtc("2026-11-24T15:00:00Z"));
  ASSERT_TRUE(AcknowledgeContact(ctx_, officer, contact->id, AcknowledgementMethod::kVerbal, "Told Dr Lee").has_value());

  auto queue = ContactDeadlines(ctx_, officer, contact->id);
  ASSERT_TRUE(queue.has_value());
  const Deadline* ack = Find(queue->deadlines, "acknowledgement");
  ASSERT_TRUE(ack && ack->met_at);
  EXPECT_EQ(FormatUtc(*ack->met_at), "2026-11-24T15:00:00Z");
  EXPECT_FALSE(ack->MetLate());
  EXPECT_EQ(ack->met_by, officer.user_id);
  EXPECT_FALSE(Find(queue->deadlines, "decision")->met_at);  // acknowledging is not deciding
  ASSERT_EQ(queue->acknowledgements.size(), 1u);
  EXPECT_EQ(queue->acknowledgements[0].method, "verbal");
  EXPECT_EQ(queue->acknowledgements[0].note, "Told Dr Lee");

  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.acknowledged'").at(0).Int(0), 1);
}

// RULE HCR-22: the same user's identical acknowledgement within 10 minutes is the form sent again:
// nothing is recorded. Later, with another note, or by someone else, it is a new acknowledgement.
TEST_F(DeadlinesTest, HCR22_RepeatedAcknowledgementIsRecordedOnce) {
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto contact = RecordContact(ctx_, officer, PhoneContact());
  ASSERT_TRUE(contact.has_value());
  clock_.Set(*ParseUtc("2026-11-24T15:00:00Z"));
  auto first = AcknowledgeContact(ctx_, officer, contact->id, AcknowledgementMethod::kVerbal, "Told Dr Lee");
  ASSERT_TRUE(first.has_value());
  EXPECT_FALSE(first->repeated);
  clock_.Set(*ParseUtc("2026-11-24T15:09:00Z"));
  auto again = AcknowledgeContact(ctx_, officer, contact->id, AcknowledgementMethod::kVerbal, "Told Dr Lee");
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->repeated);
  EXPECT_EQ(ContactDeadlines(ctx_, officer, contact->id)->acknowledgements.size(), 1u);
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.acknowledged'").at(0).Int(0), 1);
  }

  EXPECT_FALSE(AcknowledgeContact(ctx_, officer, contact->id, AcknowledgementMethod::kEmail, "Told Dr Lee")->repeated);
  EXPECT_FALSE(AcknowledgeContact(ctx_, officer, contact->id, AcknowledgementMethod::kVerbal, "Rang again")->repeated);
  const Actor manager = UserWithRole(Role::kTeamManager);
  EXPECT_FALSE(AcknowledgeContact(ctx_, manager, contact->id, AcknowledgementMethod::kVerbal, "Told Dr Lee")->repeated);
  clock_.Set(*ParseUtc("2026-11-24T15:20:00Z"));
  EXPECT_FALSE(AcknowledgeContact(ctx_, officer, contact->id, AcknowledgementMethod::kVerbal, "Told Dr Lee")->repeated);
  EXPECT_EQ(ContactDeadlines(ctx_, officer, contact->id)->acknowledgements.size(), 5u);
}

// RULE HCR-22: opening a contact shows its deadlines and acknowledgements, read with it (one
// moment's), as ContactDeadlines reads them.
TEST_F(DeadlinesTest, HCR22_OpeningAContactShowsItsDeadlinesWithIt) {
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto contact = RecordContact(ctx_, officer, PhoneContact());
  ASSERT_TRUE(contact.has_value());
  clock_.Set(*ParseUtc("2026-11-24T15:00:00Z"));
  ASSERT_TRUE(AcknowledgeContact(ctx_, officer, contact->id, AcknowledgementMethod::kEmail, "Sent").has_value());

  auto opened = OpenContact(ctx_, UserWithRole(Role::kSocialWorker), contact->id);
  ASSERT_TRUE(opened.has_value());
  EXPECT_EQ(opened->contact.reference, contact->reference);
  const auto read_alone = DeadlinesOf(ctx_, officer, contact->id);
  ASSERT_EQ(opened->deadlines.deadlines.size(), read_alone.size());
  for (std::size_t i = 0; i < read_alone.size(); ++i) {
    EXPECT_EQ(opened->deadlines.deadlines[i].timescale, read_alone[i].timescale);
    EXPECT_EQ(opened->deadlines.deadlines[i].met_at, read_alone[i].met_at);
  }
  const Deadline* ack = Find(opened->deadlines.deadlines, "acknowledgement");
  ASSERT_TRUE(ack && ack->met_at);
  ASSERT_EQ(opened->deadlines.acknowledgements.size(), 1u);
  EXPECT_EQ(opened->deadlines.acknowledgements[0].method, "email");
  EXPECT_EQ(FormatUtc(opened->deadlines.now), "2026-11-24T15:00:00Z");
}

// RULE HCR-22: an acknowledgement after the working day is recorded but counted as met late;
// one never made shows as breached on the work queue.
TEST_F(DeadlinesTest, HCR22_LateAndMissingAcknowledgementsAreLateAndBreached) {
  const Actor officer = UserWithRole(Role::kContactOfficer);
  const Actor worker = UserWithRole(Role::kSocialWorker);
  auto late = RecordContact(ctx_, officer, PhoneContact());
  auto missing = RecordContact(ctx_, officer, PhoneContact());
  ASSERT_TRUE(late && missing);
  clock_.Set(*ParseUtc("2026-11-25T12:00:00Z"));  // two hours past due
  ASSERT_TRUE(AcknowledgeContact(ctx_, officer, late->id, AcknowledgementMethod::kEmail, "").has_value());
  EXPECT_TRUE(Find(DeadlinesOf(ctx_, officer, late->id), "acknowledgement")->MetLate());

  auto queue = ListDeadlines(ctx_, worker, QueueScope::kTeam, false);
  ASSERT_TRUE(queue.has_value());
  // Unmet only: the late one's decision and written confirmation, the missing one's three.
  ASSERT_EQ(queue->deadlines.size(), 5u);
  for (const auto& d : queue->deadlines) EXPECT_EQ(d.StateAt(queue->now), DeadlineState::kBreached) << d.timescale;
  auto with_met = ListDeadlines(ctx_, worker, QueueScope::kTeam, true);
  EXPECT_EQ(with_met->deadlines.size(), 6u);
}

// A deadline due later today is marked "due today"; one due tomorrow is not.
TEST_F(DeadlinesTest, DueTodayIsUntilLocalMidnight) {
  const Actor officer = UserWithRole(Role::kContactOfficer);
  ASSERT_TRUE(RecordContact(ctx_, officer, PhoneContact()).has_value());  // due Wed 10:00
  auto tuesday = ListDeadlines(ctx_, officer, QueueScope::kAll, false);
  EXPECT_FALSE(tuesday->deadlines.at(0).DueBy(tuesday->end_of_today));
  clock_.Set(*ParseUtc("2026-11-25T08:00:00Z"));
  auto wednesday = ListDeadlines(ctx_, officer, QueueScope::kAll, false);
  EXPECT_EQ(FormatUtc(wednesday->end_of_today), "2026-11-26T00:00:00Z");
  EXPECT_TRUE(wednesday->deadlines.at(0).DueBy(wednesday->end_of_today));
}

// Team queues hold only the team's deadlines; a user with no team has no team queue.
TEST_F(DeadlinesTest, TeamScopeShowsOnlyTheTeamsDeadlines) {
  const Actor officer = UserWithRole(Role::kContactOfficer);
  ASSERT_TRUE(RecordContact(ctx_, officer, PhoneContact()).has_value());
  Actor elsewhere = UserWithRole(Role::kSocialWorker);
  elsewhere.team_id = *officer.team_id + 1000;
  EXPECT_TRUE(ListDeadlines(ctx_, elsewhere, QueueScope::kTeam, false)->deadlines.empty());
  elsewhere.team_id.reset();
  EXPECT_TRUE(ListDeadlines(ctx_, elsewhere, QueueScope::kTeam, false)->deadlines.empty());
  EXPECT_EQ(ListDeadlines(ctx_, elsewhere, QueueScope::kAll, false)->deadlines.size(), 3u);
}

TEST_F(DeadlinesTest, AcknowledgementRefusals) {
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto contact = RecordContact(ctx_, officer, PhoneContact());
  ASSERT_TRUE(contact.has_value());
  auto analyst = AcknowledgeContact(ctx_, UserWithRole(Role::kAnalyst), contact->id, AcknowledgementMethod::kEmail, "");
  ASSERT_FALSE(analyst.has_value());
  EXPECT_TRUE(analyst.error().IsForbidden());
  auto nowhere = AcknowledgeContact(ctx_, officer, contact->id + 99, AcknowledgementMethod::kEmail, "");
  ASSERT_FALSE(nowhere.has_value());
  EXPECT_TRUE(nowhere.error().IsNotFound());
  auto method = AcknowledgementMethodFrom("carrier pigeon");
  ASSERT_FALSE(method.has_value());
  EXPECT_EQ(method.error().fields.at(0).field, "method");
  auto long_note = AcknowledgeContact(ctx_, officer, contact->id, AcknowledgementMethod::kEmail, std::string(2001, 'x'));
  ASSERT_FALSE(long_note.has_value());
  EXPECT_EQ(long_note.error().fields.at(0).field, "note");
  EXPECT_FALSE(ListDeadlines(ctx_, UserWithRole(Role::kAdministrator), QueueScope::kAll, false).has_value());
}

// RULE CAL-2 RULE CAL-3: at start, an open deadline from before migration 0033 (no mark) is marked
// when its working days ran past the bank-holiday list loaded now (ends 31 December 2028); one in
// hours due past it too is not (it counts no bank holidays), nor one due within the list; one whose
// timescale the packs no longer name is counted as unknown. A second start marks nothing.
TEST_F(DeadlinesTest, CAL2_CAL3_OlderOpenDeadlinesInWorkingDaysPastTheListAreMarkedOnce) {
  const Instant friday = *ParseUtc("2028-12-29T14:00:00Z");
  clock_.Set(friday + std::chrono::hours{1});
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    auto deadline = [&](const std::string& timescale, Instant starts_at, Instant due_at) {
      Deadline d;
      d.timescale = timescale;
      d.rule_id = "HCR-27";
      d.obligation = timescale;
      d.record_type = "contact";
      d.record_id = 1;
      d.record_reference = "FD-2028-000001";
      d.starts_at = starts_at;
      d.due_at = due_at;
      d.policy_version = procedures_->PackAt(starts_at).version;
      store::InsertDeadline(*tx, d, starts_at);  // no mark, as before migration 0033
    };
    deadline("decision", friday, *ParseUtc("2029-01-01T14:00:00Z"));
    deadline("written-confirmation", friday + std::chrono::hours{47}, *ParseUtc("2029-01-01T13:00:00Z"));
    deadline("acknowledgement", friday, *ParseUtc("2028-12-29T17:00:00Z"));
    deadline("no-longer-in-the-pack", friday, *ParseUtc("2029-01-02T14:00:00Z"));
    tx->Commit();
  }
  const PastBankHolidaysMarked first = MarkOlderDeadlinesPastBankHolidays(ctx_);
  EXPECT_EQ(first.marked, 1);
  EXPECT_EQ(first.timescale_unknown, 1);
  auto tx = store_->Begin(store::TransactionMode::kRead);
  const auto deadlines = store::DeadlinesForRecord(*tx, "contact", 1);
  tx.reset();
  for (const auto& d : deadlines) {
    EXPECT_EQ(d.counted_without_bank_holidays, d.timescale == "decision") << d.timescale;
    EXPECT_EQ(d.bank_holidays_known_until, d.timescale == "decision" ? "2028-12-31" : "") << d.timescale;
  }
  EXPECT_EQ(MarkOlderDeadlinesPastBankHolidays(ctx_).marked, 0);
}

}  // namespace
}  // namespace fd::app
