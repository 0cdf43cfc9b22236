// RULE HCR-18 RULE KCR-8: one rule says whether the front door is open now (policy/front_door_hours.h),
// and every answer follows it: the portal's urgent advice before sending (page and API) and, for a
// routine request sent while it is closed, its receipt (API and page) and acknowledgement e-mail,
// which say it is closed, when it opens and the day the decision is due, from the decision deadline
// the system recorded (CAL-3). Under Kent (office hours on working days) and Hertfordshire (the
// Customer Service Centre's hours). The clock is moved to the time each test needs, so none depends
// on the day the tests run.
#include <chrono>
#include <thread>

#include "api_fixture.h"
#include "calendar/local_time.h"
#include "policy/front_door_hours.h"
#include "policy/service_words.h"
#include "support/smtp_sink.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

bool Closed(const policy::PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant at) {
  return !policy::FrontDoorOpenAt(pack, calendar, at);
}

// A weekday at 10 in the morning, local time, with the front door open.
bool WeekdayAtTen(const policy::PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant at) {
  const auto local = calendar.ToLocal(at);
  const auto day = std::chrono::floor<std::chrono::days>(local);
  const std::chrono::weekday weekday{std::chrono::sys_days{day.time_since_epoch()}};
  const auto hour = std::chrono::duration_cast<std::chrono::hours>(local - day).count();
  return weekday.c_encoding() >= 1 && weekday.c_encoding() <= 5 && hour == 10 &&
         policy::FrontDoorOpenAt(pack, calendar, at);
}

// A police officer's routine request about one child, from a secure address (KCR-5).
json RoutineRequest() {
  return {{"referrer", {{"type", "police"}, {"name", "PC Jo Lane"}, {"agency", "Constabulary"},
                        {"email", "jo.lane@force.pnn.police.uk"}, {"phone", "01632 960 002"}}},
          {"children", json::array({{{"first_names", "Rowan"}, {"last_name", "Daley"},
                                     {"date_of_birth", "2018-03-04"}, {"gender", "male"}}})},
          {"concern", "Rowan's school says he is often hungry and his clothes are not washed."},
          {"intake", json::object()}};
}

// The same from the portal's page; `form`: Hertfordshire's professionals send a green form (HCR-10).
Fields RoutineRequestPage(bool form) {
  Fields fields{{"child_count", "1"},
                {"referrer_type", "police"},
                {"referrer_name", "PC Jo Lane"},
                {"referrer_role", "Police constable"},
                {"referrer_agency", "Constabulary"},
                {"referrer_phone", "01632 960 002"},
                {"referrer_email", "jo.lane@force.pnn.police.uk"},
                {"children-0-first_names", "Rowan"},
                {"children-0-last_name", "Daley"},
                {"children-0-dob-day", "4"},
                {"children-0-dob-month", "3"},
                {"children-0-dob-year", "2018"},
                {"concern", "Rowan's school says he is often hungry and his clothes are not washed."},
                {"household-domestic_abuse", "not_known"},
                {"action", "send"}};
  if (form) fields.emplace_back("form", "green");
  return fields;
}

class FrontDoorOpenTest : public ApiTest {
 protected:
  void Configure(service::ServiceOptions& options) override {
    options.smtp_url = sink_.url();
    options.smtp_from = "frontdoor@example.gov.uk";
  }

  // 10:00 on the next weekday the front door is open: the clock is first put on the hour, so that an
  // hour's steps reach 10:00 itself.
  void AtTenOnAWeekday() {
    const auto since_hour = std::chrono::duration_cast<std::chrono::seconds>(clock_.Now().time_since_epoch()) %
                            std::chrono::hours(1);
    clock_.Advance(std::chrono::seconds(std::chrono::hours(1)) - since_hour);
    AdvanceUntil(WeekdayAtTen);
  }

  // The decision deadline recorded for the contact of that reference.
  Instant DecisionDue(const std::string& reference) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    const auto rows = tx->Query(
        "SELECT d.due_at FROM deadlines d JOIN contacts c ON c.id = d.record_id WHERE d.record_type = 'contact' "
        "AND d.timescale = 'decision' AND c.reference = ?",
        {reference});
    EXPECT_EQ(rows.size(), 1u) << reference;
    return rows.empty() ? Instant{} : *ParseUtc(rows[0].Text(0));
  }

  // "by the end of Monday 30 November 2026": the recorded deadline in the receipt's words.
  std::string DueWords(Instant due) { return policy::DueForPeople(due, procedures_->CalendarAt(due)); }

  std::string AcknowledgementAbout(const std::string& reference) {
    for (int i = 0; i < 100; ++i) {
      for (const auto& m : sink_.Messages())
        if (m.recipients == std::vector<std::string>{"jo.lane@force.pnn.police.uk"} &&
            Has(m.DecodedSubject(), reference))
          return m.DecodedBody();
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    }
    ADD_FAILURE() << "no acknowledgement about " << reference;
    return "";
  }

  // Urgent advice, page and API, while the front door is closed: says so, never "straight away".
  void ExpectClosedAdvice(const std::string& closed_words) {
    auto api = Client().Get("/api/v1/portal/urgent-advice");
    ASSERT_EQ(api.status, 200) << api.body;
    EXPECT_EQ(api.Json().at("intake_service_open"), false);
    const std::string advice = api.Json().at("urgent_advice");
    EXPECT_TRUE(Has(advice, "call 999 now. " + closed_words)) << advice;
    EXPECT_FALSE(Has(advice, "straight away")) << advice;
    const std::string page = Client().Get("/request-for-support").body;
    EXPECT_TRUE(Has(page, closed_words)) << page;
    EXPECT_FALSE(Has(page, "straight away and say it is urgent")) << page;
  }

  void ExpectOpenAdvice() {
    auto api = Client().Get("/api/v1/portal/urgent-advice");
    ASSERT_EQ(api.status, 200) << api.body;
    EXPECT_EQ(api.Json().at("intake_service_open"), true);
    const std::string advice = api.Json().at("urgent_advice");
    EXPECT_EQ(advice, procedures_->PackAt(clock_.Now()).routing.urgent_advice);
    EXPECT_TRUE(Has(advice, "straight away")) << advice;
    EXPECT_FALSE(Has(advice, "closed now")) << advice;
  }

  // A routine request while closed, on the API: the receipt's words, fields and e-mail agree with the
  // deadline recorded.
  void ExpectClosedRoutineReceiptOnTheApi(const std::string& closed_words) {
    auto reply = Client().SendJson("POST", "/api/v1/portal/contacts", RoutineRequest());
    ASSERT_EQ(reply.status, 201) << reply.body;
    const json receipt = reply.Json();
    const std::string reference = receipt.at("reference");
    const Instant due = DecisionDue(reference);
    const std::string next = receipt.at("what_happens_next");
    EXPECT_TRUE(Has(next, closed_words)) << next;
    EXPECT_TRUE(Has(next, "decide what happens next within one working day, " + DueWords(due) + ".")) << next;
    EXPECT_EQ(receipt.at("front_door_open"), false);
    EXPECT_TRUE(receipt.contains("front_door_opens")) << receipt.dump();
    EXPECT_EQ(receipt.at("decision_due"), calendar::FormatLocalIso(due, "Europe/London"));
    const std::string email = AcknowledgementAbout(reference);
    EXPECT_TRUE(Has(email, closed_words)) << email;
    EXPECT_TRUE(Has(email, DueWords(due))) << email;
  }

  // The same from the page: the receipt says it.
  void ExpectClosedRoutineReceiptOnThePage(const std::string& closed_words, bool form) {
    auto page = Client().Send("POST", "/request-for-support", FormBody(RoutineRequestPage(form)), kFormHeaders);
    ASSERT_EQ(page.status, 200) << page.body;
    const std::string reference = FirstCapture(page.body, "id=\"reference\">(FD-\\d{4}-\\d{6})<");
    ASSERT_FALSE(reference.empty()) << page.body;
    const std::string next = FirstCapture(page.body, "id=\"what-happens-next\">([^<]*)<");
    EXPECT_TRUE(Has(next, closed_words)) << next;
    EXPECT_TRUE(Has(next, "within one working day, " + DueWords(DecisionDue(reference)) + ".")) << next;
  }

  SmtpSink sink_;
};

using HertfordshireFrontDoor = FrontDoorOpenTest;  // the fixture's pack

class KentFrontDoor : public FrontDoorOpenTest {
 protected:
  void Configure(service::ServiceOptions& options) override {
    FrontDoorOpenTest::Configure(options);
    procedures_ = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent").value();
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, clock_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
};

// RULE KCR-8: while Kent's offices are closed the advice before sending says so, and when they open,
// and does not tell anyone to ring 03000 411111 "straight away".
TEST_F(KentFrontDoor, KCR8_WhileTheOfficesAreClosedTheUrgentAdviceSaysSo) {
  AdvanceUntil(Closed);
  ExpectClosedAdvice("Our offices are closed now (they open again on ");
}

// RULE KCR-8: on a weekday at 10:00 the advice is Kent's own: call 03000 411111 straight away.
TEST_F(KentFrontDoor, KCR8_OnAWeekdayAtTenTheUrgentAdviceSaysOpen) {
  AtTenOnAWeekday();
  ExpectOpenAdvice();
}

// RULE KCR-8 RULE HCR-12: the consultation request page's advice for a caller with a significant-harm
// indicator follows the same rule: while the offices are closed, not Kent's number "straight away".
TEST_F(KentFrontDoor, KCR8_TheConsultationPagesUrgentAdviceFollowsTheSameRule) {
  AdvanceUntil(Closed);
  auto officer = SignedIn(Role::kContactOfficer);
  const std::string closed = officer.Get("/consultations/new").body;
  EXPECT_TRUE(Has(closed, "Our offices are closed now (they open again on ")) << closed;
  EXPECT_FALSE(Has(closed, "03000 411111 straight away")) << closed;
  AtTenOnAWeekday();
  const std::string open = SignedIn(Role::kContactOfficer).Get("/consultations/new").body;  // a new day's session
  EXPECT_TRUE(Has(open, "03000 411111 straight away")) << open;
  EXPECT_FALSE(Has(open, "Our offices are closed now")) << open;
}

// RULE HCR-18: while the Customer Service Centre is closed the advice says so.
TEST_F(HertfordshireFrontDoor, HCR18_WhileTheCentreIsClosedTheUrgentAdviceSaysSo) {
  AdvanceUntil(Closed);
  ExpectClosedAdvice("The Customer Service Centre is closed now (it opens again on ");
}

// RULE HCR-18: on a weekday at 10:00 the advice is the centre's number.
TEST_F(HertfordshireFrontDoor, HCR18_OnAWeekdayAtTenTheUrgentAdviceSaysOpen) {
  AtTenOnAWeekday();
  ExpectOpenAdvice();
}

// RULE KCR-8 RULE CAL-3: a routine request while Kent's offices are closed: the receipt (API and
// page) and the acknowledgement e-mail say they are closed, when they open, and the day the decision
// is due, from the deadline recorded.
TEST_F(KentFrontDoor, KCR8_CAL3_ARoutineReceiptWhileClosedSaysWhenTheDecisionIsDue) {
  AdvanceUntil(Closed);
  ExpectClosedRoutineReceiptOnTheApi("Our offices are closed now (they open again on ");
  ExpectClosedRoutineReceiptOnThePage("Our offices are closed now (they open again on ", false);
}

// RULE HCR-18 RULE CAL-3: the same under Hertfordshire while the Customer Service Centre is closed.
TEST_F(HertfordshireFrontDoor, HCR18_CAL3_ARoutineReceiptWhileClosedSaysWhenTheDecisionIsDue) {
  AdvanceUntil(Closed);
  ExpectClosedRoutineReceiptOnTheApi("The Customer Service Centre is closed now (it opens again on ");
  ExpectClosedRoutineReceiptOnThePage("The Customer Service Centre is closed now (it opens again on ", true);
}

// RULE KCR-8: while open, a routine receipt keeps its words and says the front door is open.
TEST_F(KentFrontDoor, KCR8_ARoutineReceiptWhileOpenSaysNothingOfClosing) {
  AtTenOnAWeekday();
  auto reply = Client().SendJson("POST", "/api/v1/portal/contacts", RoutineRequest());
  ASSERT_EQ(reply.status, 201) << reply.body;
  const json receipt = reply.Json();
  EXPECT_EQ(receipt.at("front_door_open"), true);
  EXPECT_FALSE(receipt.contains("front_door_opens"));
  EXPECT_EQ(receipt.at("decision_due"), calendar::FormatLocalIso(DecisionDue(receipt.at("reference")), "Europe/London"));
  EXPECT_FALSE(Has(receipt.at("what_happens_next"), "closed")) << receipt.dump();
}

}  // namespace
}  // namespace fd::testing
