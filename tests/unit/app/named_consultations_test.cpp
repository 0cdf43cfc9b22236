// Named consultations: Kent's CRU (2017) checks the register and tells the consultee only whom to
// contact (CRU-3), keeps nothing unless the concern is a safeguarding one and then expects an IAR
// (CRU-4); Hertfordshire's Consultation Hub puts its advice on the child's record and the school's
// later red form links to it (HCR-10), which is what lets the form through HCR-9. Every record
// carries its retention class and review date from the pack.
#include "app/consultations.h"

#include "app/contacts.h"
#include "app/retention.h"
#include "app_fixture.h"
#include "store/people_records.h"

namespace fd::app {
namespace {

class NamedConsultationsTest : public AppTest {
 protected:
  NamedConsultationsTest()
      : kent_(policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent").value()),
        kent_ctx_{*store_, clock_, *kent_, "Europe/London"} {}

  static ConsultationRequest CruRequest(ConsultationChild child) {
    ConsultationRequest r;
    r.type = "named";
    r.consultee_name = "Priya Shah";
    r.consultee_organisation = "Riverside Primary";
    r.consultee_phone = "01632 960 001";
    r.consultee_email = "dsl@riverside.kent.gov.uk";
    r.caller_type = "school";
    r.summary = "Noah is often hungry and tired. What should we do next?";
    r.safeguarding_lead_consulted = true;
    r.parent_discussed = true;
    r.child = std::move(child);
    return r;
  }

  // A family on the register: Tia is open, with a child protection plan and a history; her brother
  // Noah lives with her and is not open.
  void RegisterFamily() {
    const Actor worker = UserWithRole(Role::kSocialWorker);
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::InsertPerson(*tx, {0, "Tia", "Sample", "2012-10-03", "", "mill-lane-4", true, true, worker.user_id,
                              worker.team_id, true, false, "Child protection plan since 2018 after neglect"});
    noah_ = store::InsertPerson(*tx, {0, "Noah", "Sample", "2014-02-11", "", "mill-lane-4", true, false, {}, {}, false,
                                      false, "Contact in 2017: information and advice"});
    tx->Commit();
  }

  static ConsultationAdvice Advice(bool safeguarding, std::string route = "") {
    ConsultationAdvice a;
    a.questions = "Is hunger on its own enough to refer?";
    a.advice = "Talk to the family about the school's breakfast club; refer if it continues.";
    a.safeguarding = safeguarding;
    a.advised_route = std::move(route);
    return a;
  }

  store::Row One(const std::string& sql, std::vector<store::Value> params = {}) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query(sql, params).at(0);
  }

  std::shared_ptr<const policy::Procedures> kent_;
  AppContext kent_ctx_;
  std::int64_t noah_ = 0;
};

// RULE CRU-3: the child may be named so the register can be checked; the consultee is told only the
// allocated worker of the child or a brother or sister who is open — never the plan or the history.
TEST_F(NamedConsultationsTest, CRU3_TheRegisterCheckGivesOnlyTheAllocatedWorker) {
  RegisterFamily();
  clock_.Set(*ParseUtc("2019-03-05T10:00:00Z"));  // a Tuesday, under the 2017 CRU pack
  auto queued = RequestConsultation(kent_ctx_, UserWithRole(Role::kContactOfficer),
                                    CruRequest({"Noah", "Sample", "2014-02-11"}));
  ASSERT_TRUE(queued.has_value()) << queued.error().message;
  ASSERT_TRUE(queued->check.accepted()) << queued->check.refusal->reason;
  const Actor adviser = UserWithRole(Role::kSocialWorker);
  auto checked = CheckConsultationRegister(kent_ctx_, adviser, *queued->id, {});
  ASSERT_TRUE(checked.has_value()) << checked.error().message;
  EXPECT_EQ(checked->person_id, noah_);
  EXPECT_NE(checked->register_answer.find("brother or sister"), std::string::npos) << checked->register_answer;
  EXPECT_NE(checked->register_answer.find("Test social_worker"), std::string::npos) << checked->register_answer;
  for (const char* secret : {"plan", "neglect", "2017", "2018", "Tia", "information and advice"})
    EXPECT_EQ(checked->register_answer.find(secret), std::string::npos) << secret;
  // A child nobody knows: nothing to pass on, and no hint of whether they were known.
  auto unknown = RequestConsultation(kent_ctx_, UserWithRole(Role::kContactOfficer),
                                     CruRequest({"Ava", "Nobody", "2015-06-01"}));
  auto none = CheckConsultationRegister(kent_ctx_, adviser, *unknown->id, {});
  ASSERT_TRUE(none.has_value());
  EXPECT_FALSE(none->person_id.has_value());
  EXPECT_NE(none->register_answer.find("no allocated worker"), std::string::npos);
  // Only advisers check the register.
  EXPECT_TRUE(CheckConsultationRegister(kent_ctx_, UserWithRole(Role::kContactOfficer), *unknown->id, {})
                  .error()
                  .IsForbidden());
}

// RULE FDS-8 RULE CRU-4: a consultation stored before review days followed the pack's rule kept the
// day it was advised plus 25 years (2044-03-05), though the child-record rule runs from the date of
// birth (2039-02-11). The rule is the pack's, not in the database, so no migration can redate it:
// ReviewDaysToCheck (`frontdoor retention review-days`) lists it for the data protection officer,
// with the day the rule gives, and nothing with the rule's own day; it changes nothing.
TEST_F(NamedConsultationsTest, FDS8_AReviewDayStoredBeforeTheRuleIsListedForChecking) {
  RegisterFamily();
  clock_.Set(*ParseUtc("2019-03-05T10:00:00Z"));
  const Actor officer = UserWithRole(Role::kContactOfficer);
  const Actor adviser = UserWithRole(Role::kSocialWorker);
  auto plain = RequestConsultation(kent_ctx_, officer, CruRequest({"Noah", "Sample", "2014-02-11"}));
  ASSERT_TRUE(RecordConsultationAdvice(kent_ctx_, adviser, *plain->id, Advice(false)).has_value());
  auto safeguarding = RequestConsultation(kent_ctx_, officer, CruRequest({"Noah", "Sample", "2014-02-11"}));
  ASSERT_TRUE(RecordConsultationAdvice(kent_ctx_, adviser, *safeguarding->id, Advice(true)).has_value());
  EXPECT_TRUE(ReviewDaysToCheck(kent_ctx_).empty());  // both stored by the rule

  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("UPDATE consultations SET review_on = '2044-03-05' WHERE id = ?", {*safeguarding->id});
    tx->Commit();
  }
  clock_.Set(*ParseUtc("2026-11-27T10:00:00Z"));
  const auto found = ReviewDaysToCheck(kent_ctx_);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].record_type, "consultation");
  EXPECT_EQ(found[0].id, *safeguarding->id);
  EXPECT_EQ(found[0].record_class, "child-record");
  EXPECT_EQ(found[0].stored_on, "2044-03-05");
  EXPECT_EQ(found[0].rule_on, "2039-02-11");
  EXPECT_EQ(One("SELECT review_on FROM consultations WHERE id = ?", {*safeguarding->id}).Text(0), "2044-03-05");
}

// RULE CRU-4: the unit keeps no record of a consultation unless the concern is a safeguarding one —
// then it goes on the child's record and an IAR is expected, tracked until it arrives.
TEST_F(NamedConsultationsTest, CRU4_NothingIsKeptUnlessSafeguardingThenAnIarIsTracked) {
  RegisterFamily();
  clock_.Set(*ParseUtc("2019-03-05T10:00:00Z"));
  const Actor officer = UserWithRole(Role::kContactOfficer);
  const Actor adviser = UserWithRole(Role::kSocialWorker);

  auto plain = RequestConsultation(kent_ctx_, officer, CruRequest({"Noah", "Sample", "2014-02-11"}));
  auto kept = RecordConsultationAdvice(kent_ctx_, adviser, *plain->id, Advice(false));
  ASSERT_TRUE(kept.has_value()) << kept.error().message;
  EXPECT_FALSE(kept->recorded);
  auto row = One("SELECT summary, questions, advice, child_last_name, person_id IS NULL, retention_class, review_on "
                 "FROM consultations WHERE id = ?",
                 {*plain->id});
  EXPECT_EQ(row.Text(0), "");
  EXPECT_EQ(row.Text(1), "");
  EXPECT_EQ(row.Text(2), "");
  EXPECT_EQ(row.Text(3), "");
  EXPECT_EQ(row.Int(4), 1);
  EXPECT_EQ(row.Text(5), "consultation-not-recorded");
  EXPECT_EQ(row.Text(6), "2020-03-05");  // point 7: 1 year under the 2017 pack
  EXPECT_EQ(One("SELECT COUNT(*) FROM deadlines WHERE timescale = 'iar-expected'").Int(0), 0);

  auto safeguarding = RequestConsultation(kent_ctx_, officer, CruRequest({"Noah", "Sample", "2014-02-11"}));
  auto recorded = RecordConsultationAdvice(kent_ctx_, adviser, *safeguarding->id, Advice(true));
  ASSERT_TRUE(recorded.has_value()) << recorded.error().message;
  EXPECT_TRUE(recorded->recorded);
  EXPECT_EQ(recorded->person_id, noah_);  // on the child's record
  EXPECT_EQ(recorded->retention_class, "child-record");
  EXPECT_EQ(recorded->review_on, "2039-02-11");  // the child-record rule: 25 years from the date of birth
  EXPECT_EQ(One("SELECT COUNT(*) FROM deadlines WHERE timescale = 'iar-expected' AND rule_id = 'CRU-4' AND "
                "met_at IS NULL")
                .Int(0),
            1);

  // The IAR arrives the next day, quoting the number: linked, and the follow-up is met.
  clock_.Set(*ParseUtc("2019-03-06T09:30:00Z"));
  ContactDraft iar;
  iar.referrer_type = "school";
  iar.referrer_name = "Priya Shah";
  iar.referrer_agency = "Riverside Primary";
  iar.referrer_email = "dsl@riverside.kent.gov.uk";
  iar.intake.channel = "email";
  iar.intake.consultation_number = safeguarding->number;
  iar.children.push_back({"Noah", "Sample", "2014-02-11", "", "male", "4 Mill Lane", "Riverside Primary", "", "subject"});
  iar.concern = "Inter-Agency Referral following consultation: Noah is hungry and has bruises.";
  auto contact = RecordContact(kent_ctx_, officer, iar);
  ASSERT_TRUE(contact.has_value()) << contact.error().message;
  EXPECT_EQ(contact->intake.consultation_number, safeguarding->number);
  EXPECT_EQ(One("SELECT COUNT(*) FROM deadlines WHERE timescale = 'iar-expected' AND met_at IS NOT NULL").Int(0), 1);
  EXPECT_EQ(GetConsultation(kent_ctx_, adviser, *safeguarding->id)->followed_by_reference, contact->reference);

  // A number that matches nothing is refused on its field, with the contact's input kept by the caller.
  iar.intake.consultation_number = "CN-0000-0000-0";
  auto wrong = RecordContact(kent_ctx_, officer, iar);
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().fields.at(0).field, "intake.consultation_number");
}

// RULE HCR-10 RULE HCR-9: the hub's advice ("make a red referral") goes on the child's record; the
// school's later red form about the same child links to it and is not returned. Without the
// consultation the same form is returned.
TEST_F(NamedConsultationsTest, HCR10_HubAdviceIsOnTheChildsRecordAndTheLaterRedFormLinks) {
  ContactDraft form;
  form.referrer_type = "school";
  form.referrer_name = "Priya Shah";
  form.referrer_agency = "Elm Primary School";
  form.referrer_email = "dsl@elm.hertfordshire.gov.uk";
  form.intake.channel = "form";
  form.intake.form = "red";
  form.children.push_back({"Ava", "Example", "2016-09-09", "", "female", "1 Elm Road", "Elm Primary School", "", "subject"});
  form.concern = "Ava said her stepfather hit her; a mark on her arm.";
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto before = RecordContact(ctx_, officer, form);
  ASSERT_TRUE(before.has_value()) << before.error().message;
  EXPECT_EQ(before->queue, "returned");  // HCR-9: no hub consultation yet

  const Actor hub = UserWithRole(Role::kHubAdviser);
  ConsultationRequest r;
  r.type = "hub";
  r.consultee_name = "Priya Shah";
  r.consultee_organisation = "Elm Primary School";
  r.consultee_email = "dsl@elm.hertfordshire.gov.uk";
  r.caller_type = "school";
  r.summary = "Ava has a mark on her arm and says her stepfather hit her.";
  r.child = {"Ava", "Example", "2016-09-09"};
  auto queued = RequestConsultation(ctx_, hub, r);
  ASSERT_TRUE(queued.has_value()) << queued.error().message;
  ASSERT_TRUE(queued->check.accepted()) << queued->check.refusal->reason;
  // The advice must be one of the hub's routes.
  EXPECT_EQ(RecordConsultationAdvice(ctx_, hub, *queued->id, Advice(false)).error().fields.at(0).field, "advised_route");
  auto advised = RecordConsultationAdvice(ctx_, hub, *queued->id, Advice(false, "red"));
  ASSERT_TRUE(advised.has_value()) << advised.error().message;
  ASSERT_TRUE(advised->person_id.has_value());  // a new record for a child not known before
  EXPECT_EQ(advised->retention_class, "child-record");

  clock_.Set(*ParseUtc("2026-11-24T14:00:00Z"));
  auto after = RecordContact(ctx_, officer, form);
  ASSERT_TRUE(after.has_value()) << after.error().message;
  EXPECT_NE(after->queue, "returned");
  EXPECT_EQ(after->intake.consultation_number, queued->number);
  EXPECT_NE(after->intake.hub_consultation.find("advised a red"), std::string::npos) << after->intake.hub_consultation;
  EXPECT_EQ(GetConsultation(ctx_, hub, *queued->id)->followed_by_reference, after->reference);
}

// Point 7 of the consultations work: a no-named record's class and review date come from the pack.
TEST_F(NamedConsultationsTest, FDS8_EachRecordCarriesItsRetentionClassAndReviewDate) {
  clock_.Set(*ParseUtc("2026-11-24T11:00:00Z"));
  ConsultationRequest r = CruRequest({});
  r.type = "no-named";
  r.summary = "A pupil is often hungry; no disclosures.";
  auto queued = RequestConsultation(kent_ctx_, UserWithRole(Role::kContactOfficer), r);
  ASSERT_TRUE(queued.has_value()) << queued.error().message;
  auto view = GetConsultation(kent_ctx_, UserWithRole(Role::kSocialWorker), *queued->id);
  EXPECT_EQ(view->retention_class, "consultation");
  EXPECT_EQ(view->review_on, "2032-11-24");  // 6 years
  // A no-named request never carries the child.
  r.child = {"Noah", "Sample", ""};
  EXPECT_EQ(RequestConsultation(kent_ctx_, UserWithRole(Role::kContactOfficer), r).error().fields.at(0).field, "child");
}

}  // namespace
}  // namespace fd::app
