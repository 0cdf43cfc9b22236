// The Hertfordshire Consultation Hub over real HTTP, on a Tuesday morning when the hub is open
// (HCR-8): imminent risk is a referral, not a consultation (HCR-12); Families First key workers may
// consult (HCR-7); the advice goes on the child's record, which lists it for advisers only (HCR-10);
// and the record is kept until the child's 25th birthday, as the pack's rule says. Then Kent's Child
// Protection Chair records on the child's record (CPC-4), for the requester, coordinator and chair.
#include "api_fixture.h"
#include "page_forms.h"
#include "procedures_fixture.h"

namespace fd::testing {
namespace {

using nlohmann::json;

bool Has(const HttpReply& reply, const std::string& text) {
  return reply.body.find(text) != std::string::npos;
}

class HubConsultations : public ApiTest {
 protected:
  void Configure(service::ServiceOptions&) override {
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, fixed_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
  app::FixedClock fixed_{*ParseUtc("2026-11-24T10:00:00Z")};  // a Tuesday: the hub is open
};

json HubRequest() {
  return {{"type", "hub"},
          {"consultee_name", "Priya Shah"},
          {"consultee_organisation", "Elm Primary"},
          {"consultee_phone", "01632 960 001"},
          {"caller_type", "school"},
          {"summary", "Mia said her stepfather hit her with a belt."},
          {"child", {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"}}}};
}

// RULE HCR-12 RULE HCR-7: imminent risk of significant harm is a child protection referral now; the
// hub gives advice only, so nothing is queued, and the answer says where to make the referral.
TEST_F(HubConsultations, HCR12_ImminentRiskIsRefusedWithTheReferralRoute) {
  auto hub = SignedIn(Role::kHubAdviser);
  auto body = HubRequest();
  body["indicators"] = {"imminent-risk"};
  auto refused = hub.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Json().at("rule"), "HCR-12");
  EXPECT_EQ(refused.Json().at("precondition"), "no-significant-harm");
  EXPECT_NE(refused.Json().at("route").get<std::string>().find("child protection referral"),
            std::string::npos);
  EXPECT_EQ(refused.Json().at("make_referral").at("href"), "/api/v1/contacts");
  EXPECT_TRUE(hub.Get("/api/v1/consultations").Json().at("items").empty());

  // An indicator the procedures do not list is named, never dropped.
  body["indicators"] = {"bruise"};
  auto unknown = hub.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_TRUE(NamesField(unknown, "indicators")) << unknown.body;
}

// RULE HCR-12: the request page refuses it too, keeps what was typed, and opens the contact form
// with it for the referral.
TEST_F(HubConsultations, HCR12_ThePageRefusesAndCarriesWhatWasTypedToTheReferral) {
  auto hub = SignedIn(Role::kHubAdviser);
  const std::vector<std::pair<std::string, std::string>> form = {
      {"type", "hub"},
      {"consultee_name", "Priya Shah"},
      {"consultee_organisation", "Elm Primary"},
      {"consultee_phone", "01632 960 001"},
      {"caller_type", "school"},
      {"indicators", "imminent-risk"},
      {"indicators", "disclosed-abuse"},
      {"child.first_names", "Mia"},
      {"child.last_name", "Example"},
      {"child-date_of_birth-day", "14"},
      {"child-date_of_birth-month", "5"},
      {"child-date_of_birth-year", "2017"},
      {"summary", "Mia said her stepfather hit her with a belt."}};
  auto refused = SendForm(hub, "/consultations/new", form);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_FALSE(Has(refused, "Consultation requested"));
  EXPECT_TRUE(Has(refused, "No consultation opened") && Has(refused, "HCR-12"));
  EXPECT_TRUE(Has(refused, "value=\"Priya Shah\""));             // kept
  EXPECT_TRUE(Has(refused, "value=\"imminent-risk\" checked"));  // kept
  EXPECT_TRUE(Has(refused, "id=\"make-referral\""));
  EXPECT_TRUE(Has(refused, "name=\"action\" value=\"carry-over\""));
  EXPECT_TRUE(Has(refused, "name=\"children-0-dob-year\" value=\"2017\""));

  auto referral = SendForm(hub, "/contacts",
                           {{"action", "carry-over"},
                            {"referrer_type", "school"},
                            {"referrer_name", "Priya Shah"},
                            {"concern", "Mia said her stepfather hit her with a belt."},
                            {"indicators", "imminent-risk"},
                            {"children-0-first_names", "Mia"}});
  ASSERT_EQ(referral.status, 200) << referral.body;
  EXPECT_TRUE(Has(referral, "value=\"Priya Shah\""));
  EXPECT_TRUE(Has(referral, "Mia said her stepfather hit her with a belt.</textarea>"));
  EXPECT_TRUE(Has(referral, "value=\"Mia\""));
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM contacts").at(0).Int(0), 0);  // nothing recorded until it is sent
}

// RULE HCR-7: Families First key workers may consult the hub, by the API and on the page; the page
// shows no empty list of things to confirm when the hub asks none.
TEST_F(HubConsultations, HCR7_FamiliesFirstKeyWorkersMayConsult) {
  auto hub = SignedIn(Role::kHubAdviser);
  auto body = HubRequest();
  body["caller_type"] = "families_first_key_worker";
  body["summary"] = "The family's attendance is falling; what next?";
  auto created = hub.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(created.status, 201) << created.body;

  auto page = hub.Get("/consultations/new");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, "value=\"families_first_key_worker\"") && Has(page, "Families First key worker"));
  EXPECT_FALSE(Has(page, "The caller confirms"));
  auto posted = SendForm(hub, "/consultations/new",
                         {{"type", "hub"},
                          {"consultee_name", "Kim Key"},
                          {"consultee_organisation", "Families First"},
                          {"consultee_phone", "01632 960 002"},
                          {"caller_type", "families_first_key_worker"},
                          {"summary", "Attendance is falling."}});
  EXPECT_EQ(posted.status, 303) << posted.body;
}

// RULE HCR-10: the hub's advice is on the child's record, which lists it with a link for advisers
// and not for those who may not open it; kept until the child's 25th birthday (the pack's
// child-record rule runs from the date of birth).
TEST_F(HubConsultations, HCR10_AdviceIsOnTheChildsRecordForAdvisersOnly) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto person =
      worker.SendJson("POST", "/api/v1/people",
                      {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"}});
  ASSERT_EQ(person.status, 201) << person.body;
  const std::int64_t person_id = person.Json().at("id");
  auto hub = SignedIn(Role::kHubAdviser);
  auto body = HubRequest();
  body["summary"] = "Mia is often hungry; what should we do?";
  auto created = hub.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::string number = created.Json().at("number");
  const std::string path = "/api/v1/consultations/" + std::to_string(id);
  EXPECT_EQ(hub.Get(path).Json().at("retention").at("review_on"), "2042-05-14");
  auto recorded = hub.SendJson(
      "POST", path + "/record",
      {{"questions", "Is this neglect?"}, {"advice", "Send a green form."}, {"advised_route", "green"}});
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  EXPECT_TRUE(recorded.Json().at("on_child_record").get<bool>());
  EXPECT_EQ(recorded.Json().at("retention").at("review_on"), "2042-05-14");

  const std::string record = "/api/v1/people/" + std::to_string(person_id);
  auto seen = hub.Get(record);
  ASSERT_EQ(seen.status, 200) << seen.body;
  const json on_record = seen.Json().at("consultations");
  ASSERT_EQ(on_record.size(), 1u) << seen.body;
  EXPECT_EQ(on_record.at(0).at("reference"), number);
  EXPECT_EQ(on_record.at(0).at("record_type"), "consultation");
  EXPECT_EQ(on_record.at(0).at("advised_route"), "green");
  EXPECT_EQ(on_record.at(0).at("href"), path);
  EXPECT_EQ(on_record.at(0).at("page"), "/consultations/" + std::to_string(id));
  auto page = hub.Get("/people/" + std::to_string(person_id));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, "Consultations on this record"));
  EXPECT_TRUE(Has(page, "href=\"/consultations/" + std::to_string(id) + "\">" + number + "</a>"));

  // A contact officer reads the register but may not open a consultation: not listed.
  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_TRUE(officer.Get(record).Json().at("consultations").empty());
  EXPECT_FALSE(Has(officer.Get("/people/" + std::to_string(person_id)), number));
}

// CPC-000001 on Kent's procedures, with the real clock (the chair's steps are timed from now).
using ChairConsultationsOnRecord = KentApiTest;

// RULE CPC-4: the chair's record is on the child's record, listed for its requester, the coordinator
// and its chair only; kept until the child's 25th birthday.
TEST_F(ChairConsultationsOnRecord, CPC4_TheChairsRecordIsOnTheChildsRecordForItsReaders) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto person =
      worker.SendJson("POST", "/api/v1/people",
                      {{"first_names", "Tia"}, {"last_name", "Sample"}, {"date_of_birth", "2017-05-14"}});
  ASSERT_EQ(person.status, 201) << person.body;
  const std::string record = "/api/v1/people/" + std::to_string(person.Json().at("id").get<std::int64_t>());
  auto created = worker.SendJson("POST", "/api/v1/chair-consultations",
                                 {{"area", "north-west"},
                                  {"child_first_names", "Tia"},
                                  {"child_last_name", "Sample"},
                                  {"child_date_of_birth", "2017-05-14"},
                                  {"contact_reference", "Case 88412"},
                                  {"reason", "Neglect over two years; is a conference proportionate?"},
                                  {"strategy_discussion_held", false},
                                  {"icpc_decision_made", false}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string base =
      "/api/v1/chair-consultations/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto coordinator = SignedIn(Role::kCpCoordinator);
  auto chair = SignedIn(Role::kCpChair);
  const std::int64_t chair_id = chair.Get("/api/v1/session").Json().at("user").at("id");
  ASSERT_EQ(coordinator.SendJson("POST", base + "/allocate", {{"chair_user_id", chair_id}}).status, 200);
  const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
  ASSERT_EQ(
      chair.SendJson("POST", base + "/contacted", {{"arranged_for", FormatUtc(now + std::chrono::hours(1))}})
          .status,
      200);
  json headings = {{"held_at", FormatUtc(now)}};
  for (const char* id : {"previous_cp", "previous_cin", "previous_proceedings", "previous_cla",
                         "brief_history", "prevention_work", "other_agencies", "family_safety_plan"})
    headings[id] = "None known";
  auto recorded = chair.SendJson("POST", base + "/record", headings);
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  EXPECT_EQ(worker.Get(base).Json().at("review_on"), "2042-05-14");

  for (auto* reader : {&worker, &coordinator, &chair}) {
    auto seen = reader->Get(record);
    ASSERT_EQ(seen.status, 200) << seen.body;
    const json on_record = seen.Json().at("consultations");
    ASSERT_EQ(on_record.size(), 1u) << seen.body;
    EXPECT_EQ(on_record.at(0).at("reference"), "CPC-000001");
    EXPECT_EQ(on_record.at(0).at("record_type"), "chair-consultation");
    EXPECT_EQ(on_record.at(0).at("href"), base);
  }
  auto page = coordinator.Get(record.substr(7));  // "/people/N"
  EXPECT_TRUE(Has(page, "Consultations on this record") && Has(page, "CPC-000001"));
  // The requester's team manager shares the consultation (CPC-1: "a social work manager and social
  // worker"), so it is listed for them too; a contact officer reads the register but may not open
  // the chair's record: not listed.
  EXPECT_EQ(SignedIn(Role::kTeamManager).Get(record).Json().at("consultations").size(), 1u);
  auto officer_sees = SignedIn(Role::kContactOfficer).Get(record);
  ASSERT_EQ(officer_sees.status, 200) << officer_sees.body;
  EXPECT_TRUE(officer_sees.Json().at("consultations").empty()) << officer_sees.body;
}

}  // namespace
}  // namespace fd::testing
