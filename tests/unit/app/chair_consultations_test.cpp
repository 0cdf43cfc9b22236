// Child Protection Chair consultations under Kent's packs (CPC-1…CPC-8): requested to the area's
// inbox, allocated by the coordinator to a chair, arranged within 24 hours, recorded under the eight
// headings within 48 hours of being held; refused after the ICPC decision, flagged after a strategy
// discussion, and never deciding anything.
#include "app/chair_consultations.h"

#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>

#include <fmt/format.h>

#include "app_fixture.h"
#include "notify/outbox.h"
#include "store/deadline_records.h"
#include "store/people_records.h"
#include "support/temp_dir.h"

namespace fd::app {
namespace {

class ChairConsultationsTest : public AppTest {
 protected:
  ChairConsultationsTest()
      : kent_(policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent").value()),
        kent_ctx_{*store_, clock_, *kent_, "Europe/London"} {}

  static ChairConsultationRequest Request() {
    ChairConsultationRequest r;
    r.area = "north-west";
    r.child_first_names = "Tia";
    r.child_last_name = "Sample";
    r.child_date_of_birth = "2012-10-03";
    r.contact_reference = "Case 88412";
    r.reason = "Neglect over two years; the family engage and then withdraw. Is a conference proportionate?";
    r.strategy_discussion_held = false;
    r.icpc_decision_made = false;
    return r;
  }

  void At(const char* utc) { clock_.Set(*ParseUtc(utc)); }

  // Requested by the social worker; returns the id.
  std::int64_t Requested(const ChairConsultationRequest& r = Request()) {
    auto outcome = RequestChairConsultation(kent_ctx_, UserWithRole(Role::kSocialWorker), r);
    EXPECT_TRUE(outcome.has_value()) << outcome.error().message;
    EXPECT_TRUE(outcome->accepted());
    return outcome->id.value_or(0);
  }

  std::int64_t Allocated() {
    const auto id = Requested();
    auto done = AllocateChairConsultation(kent_ctx_, UserWithRole(Role::kCpCoordinator), id, Chair().user_id);
    EXPECT_TRUE(done.has_value()) << done.error().message;
    return id;
  }

  std::int64_t Arranged(const char* arranged_for) {
    const auto id = Allocated();
    auto done = RecordChairContact(kent_ctx_, Chair(), id, arranged_for);
    EXPECT_TRUE(done.has_value()) << done.error().message;
    return id;
  }

  Actor Chair() { return UserWithRole(Role::kCpChair); }

  // Tia on the register, so that a request about her is on her record from the start (CPC-4).
  void TiaOnTheRegister() {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::InsertPerson(*tx, {0, "Tia", "Sample", "2012-10-03", "", "mill-lane-4", true, true, std::nullopt,
                              std::nullopt, true, false, "Child protection plan since 2026"});
    tx->Commit();
  }

  Actor OtherUser(const std::string& username, Role role) {
    auto id = CreateUser(ctx_, std::nullopt, {username, "Other " + username, "", role, "Child Protection", kPassword});
    EXPECT_TRUE(id.has_value());
    return Actor{*id, username, "Other " + username, role, std::nullopt};
  }

  static ChairConsultationRecordDraft Record(const char* held_at) {
    ChairConsultationRecordDraft draft;
    draft.held_at = held_at;
    for (const auto& h : ChairConsultationHeadings()) draft.headings[std::string(h.id)] = "None known";
    draft.headings["brief_history"] = "Working well: school attendance. Worries: food and supervision at weekends.";
    draft.headings["family_safety_plan"] = "Grandmother to visit at weekends; plan reviewed with the family.";
    return draft;
  }

  Deadline DeadlineOf(std::int64_t id, const std::string& timescale) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    for (const auto& d : store::DeadlinesForRecord(*tx, "chair-consultation", id))
      if (d.timescale == timescale) return d;
    ADD_FAILURE() << "no " << timescale << " deadline";
    return {};
  }

  std::int64_t Count(const std::string& sql) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query(sql).at(0).Int(0);
  }

  std::shared_ptr<const policy::Procedures> kent_;
  AppContext kent_ctx_;
};

// RULE CPC-1: a social worker's request is recorded and e-mailed to their area's inbox, with the
// reference, area, requester and a link only: never the child's details.
TEST_F(ChairConsultationsTest, CPC1_RequestGoesToTheAreaInboxWithoutTheChildsDetails) {
  auto outcome = RequestChairConsultation(kent_ctx_, UserWithRole(Role::kSocialWorker), Request());
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  ASSERT_TRUE(outcome->accepted());
  EXPECT_EQ(outcome->reference, "CPC-000001");
  EXPECT_TRUE(outcome->flags.empty());
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto emails = notify::ListOutbox(*tx, "chair-consultation", *outcome->id);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0].recipient, "cpcconsultationsnw@kent.gov.uk");
  EXPECT_NE(emails[0].subject.find("CPC-000001"), std::string::npos);
  const std::string& body = emails[0].body;
  EXPECT_NE(body.find("North and West Kent"), std::string::npos) << body;
  EXPECT_NE(body.find("Test social_worker"), std::string::npos) << body;
  EXPECT_NE(body.find(fmt::format("/chair-consultations/{}", *outcome->id)), std::string::npos) << body;
  for (const char* secret : {"Tia", "Sample", "2012", "Case 88412", "Neglect"}) {
    EXPECT_EQ(body.find(secret), std::string::npos) << secret;
    EXPECT_EQ(emails[0].subject.find(secret), std::string::npos) << secret;
  }
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = 'chair_consultation.requested'").at(0).Int(0), 1);

  // A team manager may ask too, and South and East goes to its own inbox.
  auto r = Request();
  r.area = "south-east";
  auto manager = RequestChairConsultation(kent_ctx_, UserWithRole(Role::kTeamManager), r);
  ASSERT_TRUE(manager.has_value());
  EXPECT_EQ(manager->reference, "CPC-000002");
  auto tx2 = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(notify::ListOutbox(*tx2, "chair-consultation", *manager->id).at(0).recipient,
            "cpcconsultationsse@kent.gov.uk");
  // Others do not request them.
  auto officer = RequestChairConsultation(kent_ctx_, UserWithRole(Role::kContactOfficer), Request());
  ASSERT_FALSE(officer.has_value());
  EXPECT_TRUE(officer.error().IsForbidden());
}

// RULE CPC-1: every missing answer is named, each with its field.
TEST_F(ChairConsultationsTest, CPC1_EveryProblemIsNamed) {
  ChairConsultationRequest empty;
  auto refused = RequestChairConsultation(kent_ctx_, UserWithRole(Role::kSocialWorker), empty);
  ASSERT_FALSE(refused.has_value());
  std::set<std::string> fields;
  for (const auto& e : refused.error().fields) fields.insert(e.field);
  EXPECT_EQ(fields, (std::set<std::string>{"area", "child_first_names", "child_last_name", "child_date_of_birth",
                                           "reason", "strategy_discussion_held", "icpc_decision_made"}));
  auto r = Request();
  r.area = "east-sussex";
  r.child_date_of_birth = "2030-01-01";
  r.strategy_discussion_held = true;  // then its date is needed
  refused = RequestChairConsultation(kent_ctx_, UserWithRole(Role::kSocialWorker), r);
  ASSERT_FALSE(refused.has_value());
  ASSERT_EQ(refused.error().fields.size(), 3u);
  EXPECT_EQ(refused.error().fields[0].field, "area");
  EXPECT_NE(refused.error().fields[0].message.find("North and West Kent or South and East Kent"), std::string::npos);
  EXPECT_EQ(refused.error().fields[1].field, "child_date_of_birth");
  EXPECT_EQ(refused.error().fields[2].field, "strategy_discussion_date");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM chair_consultations"), 0);
}

// Hertfordshire's procedures have no CP chair consultations: the request is refused, saying so.
TEST_F(ChairConsultationsTest, NotOfferedWhereTheProceduresHaveNone) {
  auto refused = RequestChairConsultation(ctx_, UserWithRole(Role::kSocialWorker), Request());
  ASSERT_FALSE(refused.has_value());
  ASSERT_TRUE(refused.error().IsInvalid());
  EXPECT_EQ(refused.error().fields.at(0).field, "area");
  EXPECT_NE(refused.error().message.find("Hertfordshire"), std::string::npos) << refused.error().message;
  EXPECT_NE(refused.error().message.find("offer no Child Protection Chair consultations"), std::string::npos);
}

// RULE CPC-2: only the Child Protection Coordinator allocates, only to a user with the cp_chair
// role, and only once to the same chair (giving it to another chair: the API test
// CPC2_TheCoordinatorReallocatesToAnotherChair).
TEST_F(ChairConsultationsTest, CPC2_TheCoordinatorAllocatesToAChairOnce) {
  const auto id = Requested();
  const Actor worker = UserWithRole(Role::kSocialWorker);
  auto by_worker = AllocateChairConsultation(kent_ctx_, worker, id, Chair().user_id);
  ASSERT_FALSE(by_worker.has_value());
  EXPECT_TRUE(by_worker.error().IsForbidden());
  auto by_chair = AllocateChairConsultation(kent_ctx_, Chair(), id, Chair().user_id);
  ASSERT_FALSE(by_chair.has_value());
  EXPECT_TRUE(by_chair.error().IsForbidden());

  const Actor coordinator = UserWithRole(Role::kCpCoordinator);
  auto to_worker = AllocateChairConsultation(kent_ctx_, coordinator, id, worker.user_id);
  ASSERT_FALSE(to_worker.has_value());
  ASSERT_TRUE(to_worker.error().IsInvalid());
  EXPECT_EQ(to_worker.error().fields.at(0).field, "chair_user_id");
  EXPECT_FALSE(AllocateChairConsultation(kent_ctx_, coordinator, id, 9999).has_value());

  auto chairs = ListChairs(kent_ctx_, coordinator);
  ASSERT_TRUE(chairs.has_value());
  ASSERT_EQ(chairs->size(), 1u);
  EXPECT_EQ(chairs->at(0).id, Chair().user_id);
  ASSERT_TRUE(AllocateChairConsultation(kent_ctx_, coordinator, id, Chair().user_id).has_value());
  auto view = GetChairConsultation(kent_ctx_, coordinator, id);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->status, "allocated");
  EXPECT_EQ(view->allocated_chair_id, Chair().user_id);
  EXPECT_EQ(view->allocated_by, coordinator.user_id);

  auto again = AllocateChairConsultation(kent_ctx_, coordinator, id, Chair().user_id);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'chair_consultation.allocated'"), 1);
}

// RULE CPC-3: the chair's contact with the social worker is due exactly 24 hours after the
// allocation, assigned to that chair; recording it meets it. Only the allocated chair records it, once:
// another chair is told there is no such consultation, as when reading it.
TEST_F(ChairConsultationsTest, CPC3_ContactDueTwentyFourHoursAfterAllocation) {
  At("2026-11-24T10:00:00Z");
  const auto id = Requested();
  At("2026-11-24T15:30:00Z");  // allocated later that day
  ASSERT_TRUE(AllocateChairConsultation(kent_ctx_, UserWithRole(Role::kCpCoordinator), id, Chair().user_id));
  const Deadline contact = DeadlineOf(id, "chair-contact");
  EXPECT_EQ(FormatUtc(contact.due_at), "2026-11-25T15:30:00Z");
  EXPECT_EQ(contact.rule_id, "CPC-3");
  EXPECT_EQ(contact.user_id, Chair().user_id);

  const Actor other = OtherUser("chair2", Role::kCpChair);
  At("2026-11-25T09:00:00Z");
  auto not_theirs = RecordChairContact(kent_ctx_, other, id, "2026-11-26T14:00");
  ASSERT_FALSE(not_theirs.has_value());
  EXPECT_EQ(not_theirs.error().code, ErrorCode::kNotFound);  // as reading it: not revealed
  auto bad_time = RecordChairContact(kent_ctx_, Chair(), id, "tomorrow afternoon");
  ASSERT_FALSE(bad_time.has_value());
  EXPECT_EQ(bad_time.error().fields.at(0).field, "arranged_for");

  ASSERT_TRUE(RecordChairContact(kent_ctx_, Chair(), id, "2026-11-26T14:00").has_value());
  const Deadline met = DeadlineOf(id, "chair-contact");
  ASSERT_TRUE(met.met_at.has_value());
  EXPECT_EQ(FormatUtc(*met.met_at), "2026-11-25T09:00:00Z");
  EXPECT_FALSE(met.MetLate());
  auto view = GetChairConsultation(kent_ctx_, Chair(), id);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->status, "arranged");
  EXPECT_EQ(FormatUtc(*view->arranged_for), "2026-11-26T14:00:00Z");  // local = UTC in November
  auto twice = RecordChairContact(kent_ctx_, Chair(), id, "2026-11-27T14:00");
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
}

// RULE CPC-3: contact recorded after the 24 hours is met late, and the deadline says so.
TEST_F(ChairConsultationsTest, CPC3_ContactAfterTwentyFourHoursIsLate) {
  At("2026-11-24T10:00:00Z");
  const auto id = Allocated();
  At("2026-11-25T10:00:01Z");
  ASSERT_TRUE(RecordChairContact(kent_ctx_, Chair(), id, "2026-11-26T10:00:00Z").has_value());
  EXPECT_TRUE(DeadlineOf(id, "chair-contact").MetLate());
}

// RULE CPC-4: the record is due 48 hours after the consultation is held: from the time arranged
// until it is held, then from when it was actually held; recording within that meets it on time
// (the consultation being on the child's record from the request).
TEST_F(ChairConsultationsTest, CPC4_RecordDueFortyEightHoursAfterHoldingIt) {
  TiaOnTheRegister();
  At("2026-11-24T10:00:00Z");
  const auto id = Arranged("2026-11-26T14:00");
  const Deadline planned = DeadlineOf(id, "chair-record");
  EXPECT_EQ(FormatUtc(planned.due_at), "2026-11-28T14:00:00Z");
  EXPECT_EQ(planned.rule_id, "CPC-4");
  EXPECT_EQ(planned.user_id, Chair().user_id);

  // Held an hour later than arranged; recorded 47 hours after that.
  At("2026-11-28T14:00:00Z");
  ASSERT_TRUE(RecordChairConsultation(kent_ctx_, Chair(), id, Record("2026-11-26T15:00")).has_value());
  const Deadline record = DeadlineOf(id, "chair-record");
  EXPECT_EQ(FormatUtc(record.starts_at), "2026-11-26T15:00:00Z");
  EXPECT_EQ(FormatUtc(record.due_at), "2026-11-28T15:00:00Z");
  ASSERT_TRUE(record.met_at.has_value());
  EXPECT_FALSE(record.MetLate());
}

// RULE CPC-4: recorded but on no child's record (the register held no match), the deadline stays
// open: the record is not yet on the child's record (app/chair_consultation_child.h meets it).
TEST_F(ChairConsultationsTest, CPC4_RecordedOnNoChildsRecordIsNotMet) {
  At("2026-11-24T10:00:00Z");
  const auto id = Arranged("2026-11-24T11:00");
  At("2026-11-24T13:00:00Z");
  ASSERT_TRUE(RecordChairConsultation(kent_ctx_, Chair(), id, Record("2026-11-24T11:00")).has_value());
  EXPECT_FALSE(DeadlineOf(id, "chair-record").met_at.has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'chair_consultation.recorded' AND changes LIKE "
                  "'%\"on_childs_record\":false%'"),
            1);
}

// RULE CPC-4: recorded more than 48 hours after it was held is late.
TEST_F(ChairConsultationsTest, CPC4_RecordedAfterFortyEightHoursIsLate) {
  TiaOnTheRegister();
  At("2026-11-24T10:00:00Z");
  const auto id = Arranged("2026-11-25T10:00");
  At("2026-11-27T10:00:01Z");
  ASSERT_TRUE(RecordChairConsultation(kent_ctx_, Chair(), id, Record("2026-11-25T10:00")).has_value());
  const Deadline record = DeadlineOf(id, "chair-record");
  EXPECT_EQ(FormatUtc(record.due_at), "2026-11-27T10:00:00Z");
  EXPECT_TRUE(record.MetLate());
  // It cannot be said to have been held in the future.
  const auto later = Arranged("2026-11-28T10:00");
  auto future = RecordChairConsultation(kent_ctx_, Chair(), later, Record("2026-11-28T10:00"));
  ASSERT_FALSE(future.has_value());
  EXPECT_EQ(future.error().fields.at(0).field, "held_at");
}

// RULE CPC-5: the record needs every heading answered ("None known" is an answer), says which is
// missing, keeps them in the procedure's order; it can be made only once, after the contact.
TEST_F(ChairConsultationsTest, CPC5_EveryHeadingIsAnswered) {
  At("2026-11-24T10:00:00Z");
  const auto allocated = Allocated();
  auto too_soon = RecordChairConsultation(kent_ctx_, Chair(), allocated, Record("2026-11-24T10:00"));
  ASSERT_FALSE(too_soon.has_value());
  EXPECT_EQ(too_soon.error().code, ErrorCode::kConflict);

  const auto id = Arranged("2026-11-24T11:00");
  At("2026-11-24T13:00:00Z");
  auto draft = Record("2026-11-24T11:00");
  draft.headings["previous_proceedings"] = "";
  auto missing = RecordChairConsultation(kent_ctx_, Chair(), id, draft);
  ASSERT_FALSE(missing.has_value());
  ASSERT_EQ(missing.error().fields.size(), 1u);
  EXPECT_EQ(missing.error().fields[0].field, "previous_proceedings");
  EXPECT_NE(missing.error().fields[0].message.find("Previous proceedings"), std::string::npos);

  ASSERT_TRUE(RecordChairConsultation(kent_ctx_, Chair(), id, Record("2026-11-24T11:00")).has_value());
  auto view = GetChairConsultation(kent_ctx_, UserWithRole(Role::kSocialWorker), id);
  ASSERT_TRUE(view.has_value());
  EXPECT_EQ(view->status, "recorded");
  ASSERT_EQ(view->record.size(), 8u);
  EXPECT_EQ(view->record.at("previous_cp"), "None known");
  EXPECT_NE(view->record.at("brief_history").find("Worries"), std::string::npos);
  auto twice = RecordChairConsultation(kent_ctx_, Chair(), id, Record("2026-11-24T11:00"));
  ASSERT_FALSE(twice.has_value());
  EXPECT_EQ(twice.error().code, ErrorCode::kConflict);
}

// RULE CPC-6: the consultation supports the district team's decision but does not make it: the
// record has no decision (a "decision" is refused by name) and the table has nowhere to keep one.
TEST_F(ChairConsultationsTest, CPC6_NoDecisionIsRecorded) {
  At("2026-11-24T10:00:00Z");
  const auto id = Arranged("2026-11-24T11:00");
  At("2026-11-24T13:00:00Z");
  auto draft = Record("2026-11-24T11:00");
  draft.headings["decision"] = "Hold an initial child protection conference";
  auto refused = RecordChairConsultation(kent_ctx_, Chair(), id, draft);
  ASSERT_FALSE(refused.has_value());
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "decision");
  // The catalogue of columns is the one thing each database names its own way.
  EXPECT_EQ(Count(store_->dialect() == store::Dialect::kSqlite
                      ? "SELECT COUNT(*) FROM pragma_table_info('chair_consultations') WHERE name LIKE '%decision%' "
                        "OR name LIKE '%outcome%'"
                      : "SELECT COUNT(*) FROM information_schema.columns WHERE table_name = 'chair_consultations' "
                        "AND (column_name LIKE '%decision%' OR column_name LIKE '%outcome%')"),
            0);
  EXPECT_NE(std::string(kChairConsultationDecisionNote).find("district social work team remains responsible"),
            std::string::npos);
}

// RULE CPC-7: a request made after a strategy discussion goes ahead, flagged for the coordinator
// and chair.
TEST_F(ChairConsultationsTest, CPC7_RequestAfterAStrategyDiscussionIsFlagged) {
  auto r = Request();
  r.strategy_discussion_held = true;
  r.strategy_discussion_date = "2026-11-20";
  auto outcome = RequestChairConsultation(kent_ctx_, UserWithRole(Role::kSocialWorker), r);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  ASSERT_TRUE(outcome->accepted());
  ASSERT_EQ(outcome->flags.size(), 1u);
  EXPECT_EQ(outcome->flags[0].rule, "CPC-7");
  auto view = GetChairConsultation(kent_ctx_, UserWithRole(Role::kCpCoordinator), *outcome->id);
  ASSERT_TRUE(view.has_value());
  ASSERT_EQ(view->flags.size(), 1u);
  EXPECT_EQ(view->flags[0].rule, "CPC-7");
  EXPECT_EQ(view->strategy_discussion_date, "2026-11-20");
  auto unflagged = GetChairConsultation(kent_ctx_, UserWithRole(Role::kCpCoordinator), Requested());
  EXPECT_TRUE(unflagged->flags.empty());
}

// RULE CPC-8: refused once the district team has decided to go to an initial child protection
// conference: the rule and the route come back, the refusal is audited, nothing else is kept.
TEST_F(ChairConsultationsTest, CPC8_RefusedAfterTheIcpcDecision) {
  auto r = Request();
  r.icpc_decision_made = true;
  auto outcome = RequestChairConsultation(kent_ctx_, UserWithRole(Role::kSocialWorker), r);
  ASSERT_TRUE(outcome.has_value()) << outcome.error().message;
  ASSERT_FALSE(outcome->accepted());
  EXPECT_EQ(outcome->refusal->rule, "CPC-8");
  EXPECT_NE(outcome->refusal->route.find("already decided to hold an ICPC; no consultation"), std::string::npos);
  EXPECT_FALSE(outcome->id.has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM chair_consultations"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'chair_consultation.refused' "
                  "AND changes LIKE '%CPC-8%' AND changes NOT LIKE '%Sample%'"),
            1);
}

// Each role sees its own slice: the coordinator everything (awaiting allocation first), a chair
// those allocated to them, a requester their own; anyone else's is "not found".
TEST_F(ChairConsultationsTest, EachRoleSeesItsOwnConsultations) {
  At("2026-11-24T09:00:00Z");
  const auto first = Allocated();
  At("2026-11-24T10:00:00Z");
  auto r = Request();
  r.child_first_names = "Mia";
  auto by_manager = RequestChairConsultation(kent_ctx_, UserWithRole(Role::kTeamManager), r);
  ASSERT_TRUE(by_manager.has_value());
  const auto second = *by_manager->id;

  auto all = ListChairConsultations(kent_ctx_, UserWithRole(Role::kCpCoordinator));
  ASSERT_TRUE(all.has_value());
  ASSERT_EQ(all->size(), 2u);
  EXPECT_EQ(all->at(0).id, second);  // awaiting allocation, though newer
  EXPECT_EQ(all->at(1).id, first);

  auto chairs = ListChairConsultations(kent_ctx_, Chair());
  ASSERT_EQ(chairs->size(), 1u);
  EXPECT_EQ(chairs->at(0).id, first);
  EXPECT_TRUE(ListChairConsultations(kent_ctx_, OtherUser("chair2", Role::kCpChair))->empty());

  auto mine = ListChairConsultations(kent_ctx_, UserWithRole(Role::kSocialWorker));
  ASSERT_EQ(mine->size(), 1u);
  EXPECT_EQ(mine->at(0).id, first);
  EXPECT_EQ(mine->at(0).area_name, "North and West Kent");
  auto others = GetChairConsultation(kent_ctx_, UserWithRole(Role::kSocialWorker), second);
  ASSERT_FALSE(others.has_value());
  EXPECT_TRUE(others.error().IsNotFound());
  auto officer = ListChairConsultations(kent_ctx_, UserWithRole(Role::kContactOfficer));
  ASSERT_FALSE(officer.has_value());
  EXPECT_TRUE(officer.error().IsForbidden());
}

// RULE CPC-4: the record is kept on the child's record: linked to the register entry when exactly
// one matches, kept under the pack's child-record class and reviewed on the child's 25th birthday
// (the class's `from = "date-of-birth"`).
TEST_F(ChairConsultationsTest, CPC4_KeptOnTheChildsRecord) {
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::InsertPerson(*tx, {0, "Tia", "Sample", "2012-10-03", "", "mill-lane-4", true, true, std::nullopt,
                              std::nullopt, true, false, "Child protection plan since 2026"});
    tx->Commit();
  }
  At("2026-11-24T10:00:00Z");
  const auto id = Arranged("2026-11-24T11:00");
  At("2026-11-24T13:00:00Z");
  ASSERT_TRUE(RecordChairConsultation(kent_ctx_, Chair(), id, Record("2026-11-24T11:00")).has_value());
  auto view = GetChairConsultation(kent_ctx_, Chair(), id);
  ASSERT_TRUE(view.has_value());
  EXPECT_TRUE(view->person_id.has_value());
  EXPECT_EQ(view->retention_class, "child-record");
  EXPECT_EQ(view->review_on, "2037-10-03");  // the child-record rule: 25 years from the date of birth
  // A child the register does not hold stays unlinked.
  auto r = Request();
  r.child_first_names = "Nobody";
  auto other = RequestChairConsultation(kent_ctx_, UserWithRole(Role::kSocialWorker), r);
  EXPECT_FALSE(GetChairConsultation(kent_ctx_, UserWithRole(Role::kSocialWorker), *other->id)->person_id.has_value());
}

// RULE CPC-2: a request should be allocated within a day of it, as Kent's procedure names no time; a
// pack that sets the `chair-allocation` timescale sets its own. The lists carry it while the request
// waits and mark it overdue once past, then what is due next is the chair's contact (CPC-3).
TEST_F(ChairConsultationsTest, CPC2_AllocateByADayOrThePacksOwnTime) {
  At("2026-11-24T10:00:00Z");
  const Instant requested = clock_.Now();
  EXPECT_EQ(AllocateChairBy(kent_ctx_, requested), requested + std::chrono::hours(24));

  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "kent");
  std::filesystem::create_directories(dir.path() / "bank-holidays");
  std::filesystem::copy_file(std::string(FD_SOURCE_DIR) + "/policies/bank-holidays/england-and-wales.json",
                             dir.path() / "bank-holidays" / "england-and-wales.json");
  std::ifstream in(std::string(FD_SOURCE_DIR) + "/policies/kent/2024-fds.toml");
  std::string pack((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  const std::string anchor = "[timescales]\n";
  ASSERT_NE(pack.find(anchor), std::string::npos);
  pack.insert(pack.find(anchor) + anchor.size(),
              "chair-allocation = { within = \"2 hours\", rule = \"CPC-2\", description = \"Allocate to a chair\" }\n");
  std::ofstream(dir.path() / "kent" / "2024-fds.toml") << pack;
  auto own = policy::Procedures::Load((dir.path() / "kent").string());
  ASSERT_TRUE(own.has_value());
  AppContext own_ctx{*store_, clock_, **own, "Europe/London"};
  EXPECT_EQ(AllocateChairBy(own_ctx, requested), requested + std::chrono::hours(2));

  const auto id = Requested();
  const Actor coordinator = UserWithRole(Role::kCpCoordinator);
  auto listed = ListChairConsultations(kent_ctx_, coordinator);
  ASSERT_TRUE(listed.has_value() && listed->size() == 1u);
  auto due = NextDue(listed->at(0));
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->timescale, "chair-allocation");
  EXPECT_FALSE(due->overdue);
  At("2026-11-25T10:01:00Z");
  listed = ListChairConsultations(kent_ctx_, coordinator);
  EXPECT_TRUE(NextDue(listed->at(0))->overdue);
  ASSERT_TRUE(AllocateChairConsultation(kent_ctx_, coordinator, id, Chair().user_id).has_value());
  listed = ListChairConsultations(kent_ctx_, coordinator);
  due = NextDue(listed->at(0));
  ASSERT_TRUE(due.has_value());
  EXPECT_EQ(due->timescale, "chair-contact");
  EXPECT_EQ(due->due_at, clock_.Now() + std::chrono::hours(24));
  EXPECT_FALSE(due->overdue);
}

}  // namespace
}  // namespace fd::app
