// Consultation requests under Kent's packs: checked against the type's preconditions in the pack in
// force on the day, queued for call-back when accepted, refused with the right route otherwise.
#include "app/consultations.h"

#include "app_fixture.h"
#include "domain/consultation_number.h"
#include "notify/outbox.h"

namespace fd::app {
namespace {

class ConsultationsTest : public AppTest {
 protected:
  ConsultationsTest()
      : kent_(policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent").value()),
        kent_ctx_{*store_, clock_, *kent_, "Europe/London"} {}

  static ConsultationRequest Request() {
    ConsultationRequest r;
    r.consultee_name = "Priya Shah";
    r.consultee_role = "Designated safeguarding lead";
    r.consultee_organisation = "Riverside Primary";
    r.consultee_phone = "01632 960 001";
    r.caller_type = "school";
    r.summary = "A Year 4 pupil is often hungry and tired; no disclosures. What should we do next?";
    r.safeguarding_lead_consulted = true;
    return r;
  }

  Result<ConsultationOutcome> Ask(const std::string& utc, const ConsultationRequest& r = Request()) {
    clock_.Set(*ParseUtc(utc));
    return RequestConsultation(kent_ctx_, UserWithRole(Role::kContactOfficer), r);
  }

  static ConsultationAdvice Advice(std::string questions, std::string advice) {
    ConsultationAdvice a;
    a.questions = std::move(questions);
    a.advice = std::move(advice);
    return a;
  }

  std::int64_t Count(const char* sql) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query(sql).at(0).Int(0);
  }

  std::shared_ptr<const policy::Procedures> kent_;
  AppContext kent_ctx_;
};

// RULE FDS-1 RULE FDS-6 RULE FDS-9: the line takes a request at 15:59 on a Friday and queues it for
// call-back with a consultation number; at 16:01 it refuses, giving Monday's opening.
TEST_F(ConsultationsTest, FDS1_FDS6_FDS9_FridayAtFourOClock) {
  auto accepted = Ask("2026-11-27T15:59:00Z");
  ASSERT_TRUE(accepted.has_value()) << accepted.error().message;
  ASSERT_TRUE(accepted->check.accepted());
  EXPECT_TRUE(IsValidConsultationNumber(accepted->number)) << accepted->number;
  ASSERT_TRUE(accepted->call_back_by.has_value());
  EXPECT_EQ(FormatUtc(*accepted->call_back_by), "2026-11-30T15:59:00Z");  // 1 working day (pack's target)
  EXPECT_EQ(Count("SELECT COUNT(*) FROM consultations WHERE status = 'queued'"), 1);

  auto refused = Ask("2026-11-27T16:01:00Z");
  ASSERT_TRUE(refused.has_value());
  ASSERT_FALSE(refused->check.accepted());
  EXPECT_EQ(refused->check.refusal->rule, "FDS-1");
  EXPECT_NE(refused->check.refusal->route.find("30 November 2026 at 10:00am"), std::string::npos)
      << refused->check.refusal->route;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM consultations"), 1);
  // RULE CAL-2: after a bank holiday weekend, the Tuesday.
  auto christmas = Ask("2026-12-24T16:30:00Z");
  EXPECT_NE(christmas->check.refusal->route.find("29 December 2026 at 10:00am"), std::string::npos);
}

// RULE FDS-3: a significant-harm indicator sends the caller to an urgent Request for Support.
TEST_F(ConsultationsTest, FDS3_SignificantHarmIsRedirected) {
  auto r = Request();
  r.indicators = {"disclosed-abuse"};
  auto refused = Ask("2026-11-24T11:00:00Z", r);
  ASSERT_TRUE(refused.has_value());
  ASSERT_FALSE(refused->check.accepted());
  EXPECT_EQ(refused->check.refusal->rule, "FDS-3");
  EXPECT_NE(refused->check.refusal->route.find("urgent Request for Support"), std::string::npos);
}

// RULE FDS-7 RULE FDS-10: a no-named request naming the child's NHS number is refused, saying what to
// remove; and no consultation turns into a contact or referral.
TEST_F(ConsultationsTest, FDS7_FDS10_IdentifyingDetailsAreRefusedAndNothingBecomesAReferral) {
  auto r = Request();
  r.summary = "Pupil with NHS number 943 476 5919 is often hungry.";
  auto refused = Ask("2026-11-24T11:00:00Z", r);
  ASSERT_FALSE(refused.has_value());
  ASSERT_EQ(refused.error().fields.at(0).field, "summary");
  EXPECT_NE(refused.error().fields.at(0).message.find("943 476 5919"), std::string::npos);
  ASSERT_TRUE(Ask("2026-11-24T11:00:00Z").has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contacts"), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM referrals"), 0);
}

// RULE CRU-5: a request is judged by the pack in force that day: before 1 September 2024 Kent offered
// named CRU consultations, not no-named ones.
TEST_F(ConsultationsTest, CRU5_TheProceduresInForceDecideWhichConsultationExists) {
  auto before = Ask("2024-08-30T11:00:00Z");
  ASSERT_FALSE(before.has_value());
  EXPECT_EQ(before.error().fields.at(0).field, "type");
  EXPECT_NE(before.error().fields.at(0).message.find("named"), std::string::npos);
  auto after = Ask("2024-09-02T11:00:00Z");
  ASSERT_TRUE(after.has_value());
  EXPECT_TRUE(after->check.accepted());
}

// RULE FDS-8 RULE FDS-9 RULE FDS-10 RULE KCR-5: the social worker records questions and advice; the
// consultee (on a secure address) is e-mailed only the consultation number; the call-back deadline is
// met; nothing becomes a contact or referral; a second record is refused.
TEST_F(ConsultationsTest, FDS8_FDS9_TheRecordStaysTheNumberIsEmailed) {
  auto r = Request();
  r.consultee_email = "dsl@riverside.kent.gov.uk";
  auto queued = Ask("2026-11-24T11:00:00Z", r);
  ASSERT_TRUE(queued.has_value() && queued->id);
  const Actor worker = UserWithRole(Role::kSocialWorker);
  auto queue = ListConsultationQueue(kent_ctx_, worker);
  ASSERT_EQ(queue->size(), 1u);
  EXPECT_TRUE(ListConsultationQueue(kent_ctx_, UserWithRole(Role::kContactOfficer)).error().IsForbidden());
  EXPECT_TRUE(RecordConsultationAdvice(kent_ctx_, worker, *queued->id, {}).error().IsInvalid());
  EXPECT_TRUE(RecordConsultationAdvice(kent_ctx_, worker, *queued->id,
                                       Advice("Is this neglect?", "Call back on 01632 960 999 tomorrow"))
                  .error()
                  .IsInvalid());  // FDS-7 holds for the record too
  ASSERT_TRUE(RecordConsultationAdvice(
                  kent_ctx_, worker, *queued->id,
                  Advice("Is this neglect?", "Speak to the parent; if no change in a week, make a Request for Support."))
                  .has_value());
  EXPECT_EQ(RecordConsultationAdvice(kent_ctx_, worker, *queued->id, Advice("q", "a")).error().code,
            ErrorCode::kConflict);
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto emails = notify::ListOutbox(*tx, "consultation", *queued->id);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_NE(emails[0].body.find(queued->number), std::string::npos);
  EXPECT_EQ(emails[0].body.find("Speak to the parent"), std::string::npos);  // never the record
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM deadlines WHERE record_type = 'consultation' AND met_at IS NOT NULL")
                .at(0)
                .Int(0),
            1);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM contacts").at(0).Int(0), 0);
  EXPECT_TRUE(ListConsultationQueue(kent_ctx_, worker)->empty());
}

TEST_F(ConsultationsTest, ConsulteeDetailsAreNeededAndOnlyProfessionalsConsult) {
  auto r = Request();
  r.consultee_name = "";
  r.consultee_phone = "";
  r.caller_type = "member_of_public";
  auto refused = Ask("2026-11-24T11:00:00Z", r);
  ASSERT_FALSE(refused.has_value());
  std::set<std::string> fields;
  for (const auto& f : refused.error().fields) fields.insert(f.field);
  EXPECT_TRUE(fields.contains("consultee_name"));
  EXPECT_TRUE(fields.contains("consultee_phone"));
  EXPECT_TRUE(fields.contains("caller_type"));
}

}  // namespace
}  // namespace fd::app
