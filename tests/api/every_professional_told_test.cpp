// Every professional hears the outcome (KCR-17, HCR-24), the consultation line's call-back details
// work (FDS-6, FDS-9), and an urgent receipt says what is true now (HCR-18). Over real HTTP, API
// and pages; the fixture's pack is Hertfordshire's unless a suite says otherwise.
#include <regex>

#include "api_fixture.h"
#include "procedures_fixture.h"
#include "app/api_tokens.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

std::string ErrorOn(const HttpReply& reply, const std::string& field) {
  for (const auto& e : reply.Json().value("errors", json::array()))
    if (e.at("field") == field) return e.at("message");
  return "";
}

// A school's screenable contact from a designated safeguarding lead with `email` and no phone.
json SchoolContactWithEmail(const std::string& email) {
  json body = ScreenableSchoolContact();
  body["referrer"]["email"] = email;
  return body;
}

const json kDecision = {{"outcome", "families-first"}, {"children", {0}}, {"rationale", "Support needed"},
                        {"next_steps", "Families First worker to contact the mother"}};

using EveryProfessionalTold = ApiTest;

// RULE KCR-17 RULE HCR-24 RULE KCR-5: at intake over the API, a professional whose address is not
// secure (a typo of nhs.net, a school's own domain) and who gives no phone number is refused, naming
// the phone field and why; with a phone number, or a secure address, they are taken.
TEST_F(EveryProfessionalTold, KCR17_HCR24_AtIntakeAProfessionalWithAnInsecureAddressMustGiveAPhone) {
  auto officer = SignedIn(Role::kContactOfficer);
  for (const std::string email : {"dsl@riverside.example.sch.uk", "dr.y@nhs.ent"}) {
    auto refused = officer.SendJson("POST", "/api/v1/contacts", SchoolContactWithEmail(email));
    ASSERT_EQ(refused.status, 422) << refused.body;
    const std::string message = ErrorOn(refused, "referrer.phone");
    EXPECT_TRUE(Has(message, "the outcome cannot be e-mailed to " + email + " because it is not a secure address"))
        << refused.body;
    EXPECT_TRUE(Has(message, "nhs.net")) << message;  // the pack's secure domains, to spot the typo
  }
  // The same through the Idempotency-Key path.
  auto keyed = officer.Send("POST", "/api/v1/contacts", SchoolContactWithEmail("dr.y@nhs.ent").dump(),
                            {{"Content-Type", "application/json"},
                             {"X-CSRF-Token", officer.csrf_token},
                             {"Idempotency-Key", "school-7f3a"}});
  EXPECT_EQ(keyed.status, 422) << keyed.body;
  EXPECT_FALSE(ErrorOn(keyed, "referrer.phone").empty()) << keyed.body;

  json with_phone = SchoolContactWithEmail("dr.y@nhs.ent");
  with_phone["referrer"]["phone"] = "01632 960 002";
  EXPECT_EQ(officer.SendJson("POST", "/api/v1/contacts", with_phone).status, 201);
  EXPECT_EQ(officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact()).status, 201);  // gov.uk
  // The public's rules are unchanged: their own address is e-mailed (KCR-17's confidential form).
  json neighbour = ScreenableSchoolContact();
  neighbour["referrer"] = {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"email", "jo@example.org"}};
  EXPECT_EQ(officer.SendJson("POST", "/api/v1/contacts", neighbour).status, 201);
}

// RULE KCR-17 RULE HCR-24: the staff form says it at the phone box, keeping what was typed.
TEST_F(EveryProfessionalTold, KCR17_HCR24_TheStaffFormAsksForThePhoneKeepingWhatWasTyped) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto reply = officer.Send("POST", "/contacts",
                            FormBody({{"csrf_token", officer.csrf_token},
                                      {"child_count", "1"},
                                      {"channel", "email"},
                                      {"referrer_type", "school"},
                                      {"referrer_name", "Priya Shah"},
                                      {"referrer_agency", "Riverside Primary"},
                                      {"referrer_email", "dsl@riverside.example.sch.uk"},
                                      {"children-0-first_names", "Mia"},
                                      {"children-0-last_name", "Example"},
                                      {"concern", "Arrived hungry three days running."},
                                      {"action", "record"}}),
                            kFormHeaders);
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_TRUE(Has(reply.body, "href=\"#referrer_phone\"")) << reply.body;
  EXPECT_TRUE(Has(reply.body, "id=\"referrer_phone-error\"")) << reply.body;
  EXPECT_TRUE(Has(reply.body, "dsl@riverside.example.sch.uk because it is not a secure address"));
  EXPECT_TRUE(Has(reply.body, "value=\"dsl@riverside.example.sch.uk\""));
  EXPECT_TRUE(Has(reply.body, "value=\"Riverside Primary\""));
}

// RULE KCR-17 RULE HCR-24: on the portal (page and API), the same, in the sender's words; with a
// phone the receipt says they will be phoned with the outcome, and why not e-mailed; with a secure
// address that it will be e-mailed there. A member of the public's receipt is unchanged.
TEST_F(EveryProfessionalTold, KCR17_HCR24_ThePortalAsksForThePhoneAndTheReceiptSaysHowTheyWillHear) {
  auto visitor = Client();
  std::vector<std::pair<std::string, std::string>> fields = {{"child_count", "1"},
                                                             {"referrer_type", "health"},
                                                             {"referrer_name", "Dr Yusuf"},
                                                             {"referrer_agency", "Riverside Surgery"},
                                                             {"referrer_email", "dr.y@nhs.ent"},
                                                             {"children-0-first_names", "Sam"},
                                                             {"children-0-last_name", "Example"},
                                                             {"children-0-nhs_number", "943 476 5919"},
                                                             {"form", "green"},  // HCR-17
                                                             {"concern", "Missed three appointments."},
                                                             {"action", "send"}};
  auto refused = visitor.Send("POST", "/request-for-support", FormBody(fields), kFormHeaders);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused.body, "Enter your phone number: we cannot e-mail the outcome to dr.y@nhs.ent because it is "
                                "not a secure address"))
      << refused.body;
  EXPECT_TRUE(Has(refused.body, "href=\"#referrer_phone\""));
  EXPECT_TRUE(Has(refused.body, "value=\"dr.y@nhs.ent\""));

  fields.push_back({"referrer_phone", "01632 960 002"});
  auto sent = visitor.Send("POST", "/request-for-support", FormBody(fields), kFormHeaders);
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_TRUE(Has(sent.body, "id=\"how-outcome-told\"")) << sent.body;
  EXPECT_TRUE(Has(sent.body, "We cannot e-mail the outcome to dr.y@nhs.ent because it is not a secure address. "
                             "Once a decision is made, a social worker will phone you on 01632 960 002 to tell you "
                             "the outcome."))
      << sent.body;

  json api = {{"referrer", {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"},
                            {"email", "dsl@riverside.example.sch.uk"}}},
              {"children", json::array({{{"first_names", "Sam"}, {"last_name", "Example"}}})},
              {"concern", "Arrived hungry three days running."}};
  auto api_refused = visitor.SendJson("POST", "/api/v1/portal/contacts", api);
  ASSERT_EQ(api_refused.status, 422) << api_refused.body;
  EXPECT_TRUE(Has(ErrorOn(api_refused, "referrer.phone"), "we will phone you to tell you")) << api_refused.body;
  api["referrer"]["email"] = "dsl@riverside.hertfordshire.gov.uk";
  auto secure = visitor.SendJson("POST", "/api/v1/portal/contacts", api);
  ASSERT_EQ(secure.status, 201) << secure.body;
  EXPECT_EQ(secure.Json().at("how_outcome_told"),
            "Once a decision is made, we will e-mail the outcome to dsl@riverside.hertfordshire.gov.uk.");

  json neighbour = api;
  neighbour["referrer"] = {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "01632 960 001"}};
  auto public_receipt = visitor.SendJson("POST", "/api/v1/portal/contacts", neighbour);
  ASSERT_EQ(public_receipt.status, 201) << public_receipt.body;
  EXPECT_FALSE(public_receipt.Json().contains("how_outcome_told")) << public_receipt.body;
}

// The police notification suite's token and one notification from an officer whose address is not
// secure (a webmail address, which the force's batch may carry: KCR-5 only stops e-mailing it).
class EveryProfessionalToldFromPolice : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto created = app::CreateApiToken(*ctx_, std::nullopt, {"force", "contact_officer", {"police-notifications"}});
    ASSERT_TRUE(created);
    token_ = created->token;
  }
  // The contact opened from the notification, by a team manager.
  std::int64_t OpenedContact(HttpClient& manager) {
    const json notification = {
        {"force_reference", "HRT-77"},
        {"notified_at", "2026-01-10T22:15:00Z"},
        {"risk_level", "standard"},
        {"incident_summary", "Verbal argument between the parents; the children were upstairs."},
        {"officer", "PC 4521 Dawson"},
        {"officer_email", "k.dawson@gmail.com"},
        {"children", json::array({{{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                                   {"address", "12 Orchard Way, Exampleton EX1 2AB"}}})},
        {"adults", json::array({{{"name", "Sam Example"}, {"role", "alleged perpetrator"}}})}};
    auto batch = Client().Send("POST", "/api/v1/police-notifications/batches",
                               json{{"notifications", json::array({notification})}}.dump(),
                               {{"Authorization", "Bearer " + token_}, {"Content-Type", "application/json"}});
    EXPECT_EQ(batch.status, 201) << batch.body;
    auto queue = manager.Get("/api/v1/police-notifications?status=awaiting-triage");
    EXPECT_EQ(queue.status, 200) << queue.body;
    const std::int64_t id = queue.Json().at("items").at(0).at("id");
    auto opened = manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                                   {{"ids", {id}}, {"decision", "open-contact"}, {"reason", "Screen"}});
    EXPECT_EQ(opened.status, 200) << opened.body;
    return opened.Json().at("decided").at(0).at("contact").at("id");
  }
  std::string token_;
};

// RULE KCR-17 RULE HCR-24: whatever the way in, a professional frontdoor cannot e-mail and who gave no
// phone number is not left untold: the proposer gets the task, saying no phone was given and what is
// known (name, organisation, e-mail), over the API, on the home page and on the contact page; it is
// recorded as told with a note, and the ledger says how they were told.
TEST_F(EveryProfessionalToldFromPolice, KCR17_HCR24_AProfessionalWithNoPhoneAndNoSecureAddressStillGetsATask) {
  DuringOpeningHours();
  auto manager = SignedIn(Role::kTeamManager);
  auto worker = SignedIn(Role::kSocialWorker);
  const std::int64_t id = OpenedContact(manager);
  if (HasFatalFailure()) return;
  // KCR-6: a notification does not answer the four household questions; the worker asks them.
  const std::string base = "/api/v1/contacts/" + std::to_string(id);
  auto started = PostWithVersion(worker, base + "/screening/start", json::object(),
                                 worker.Get(base).Json().at("version"));
  ASSERT_EQ(started.status, 200) << started.body;
  auto household = worker.SendJson(
      "PUT", base + "/screening",
      {{"household", {{"domestic_abuse", "yes"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
                      {"learning_difficulties", "not_known"}}},
       {"version", started.Json().at("version")}});
  ASSERT_EQ(household.status, 200) << household.body;
  ScreenAndDecide(worker, manager, id, kDecision);
  if (HasFatalFailure()) return;

  const std::string call = "/api/v1/contacts/" + std::to_string(id) + "/referrer-call";
  auto open = worker.Get(call);
  ASSERT_EQ(open.status, 200) << open.body;
  const std::string no_phone = open.Json().at("no_phone");
  EXPECT_TRUE(Has(no_phone, "No phone number was given, and the outcome cannot be e-mailed to k.dawson@gmail.com: it "
                            "is not a secure address."))
      << no_phone;
  EXPECT_TRUE(Has(no_phone, "PC 4521 Dawson, Police officer, Police, k.dawson@gmail.com")) << no_phone;
  EXPECT_TRUE(Has(open.Json().at("tell").get<std::string>(), "tell them the outcome and next steps"));
  auto mine = worker.Get("/api/v1/referrers-to-tell").Json().at("calls");
  ASSERT_EQ(mine.size(), 1u) << mine;
  EXPECT_EQ(mine.at(0).at("contact_id"), id);

  const std::string reference = open.Json().at("contact_reference");
  EXPECT_TRUE(Has(worker.Get("/").body, "Tell the referrer of " + reference + ": no phone number was given"));
  auto page = worker.Get("/contacts/" + std::to_string(id));
  EXPECT_TRUE(Has(page.body, "gave no phone number")) << page.body;
  EXPECT_TRUE(Has(page.body, "id=\"referrer-call-no-phone\""));

  auto told = worker.SendJson("POST", call, json{{"note", "Rang the force's switchboard; told PC Dawson"}});
  ASSERT_EQ(told.status, 200) << told.body;
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto rows =
      tx->Query("SELECT counterpart FROM disclosures WHERE cause_id = ?", {std::to_string(id) + ":outcome-call"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(0), "the referrer, Police, as the note of the call says");
}

// Kent's 2024 procedures (no-named consultations, FDS) on a fixed Tuesday morning, the line open.
class ConsultationCallBack : public ApiTestUnderProcedures {
 protected:
  void Configure(service::ServiceOptions&) override { UseProcedures("kent", fixed_); }
  app::FixedClock fixed_{*ParseUtc("2026-11-24T11:00:00Z")};
};

json NoNamed(const std::string& phone, const std::string& email) {
  return {{"type", "no-named"},
          {"consultee_name", "Ann Teach"},
          {"consultee_organisation", "Oak Primary"},
          {"consultee_phone", phone},
          {"consultee_email", email},
          {"caller_type", "school"},
          {"summary", "A pupil is often hungry."},
          {"safeguarding_lead_consulted", true}};
}

// RULE FDS-6 RULE FDS-9: the consultee's call-back number and the address the number is e-mailed to
// are checked as the portal checks a referrer's, with its messages; good ones are taken.
TEST_F(ConsultationCallBack, FDS6_FDS9_ACallBackNumberOrAddressThatCannotWorkIsRefused) {
  auto officer = SignedIn(Role::kContactOfficer);
  for (const std::string phone : {"call me", "1", "01234"}) {
    auto refused = officer.SendJson("POST", "/api/v1/consultations", NoNamed(phone, ""));
    ASSERT_EQ(refused.status, 422) << phone << ": " << refused.body;
    EXPECT_EQ(ErrorOn(refused, "consultee_phone"), "Enter a phone number, like 01632 960 001 or +44 7700 900 982");
  }
  for (const std::string email : {"ann teach@kent,gov.uk", "sian@kent.gov.uk."}) {
    auto refused = officer.SendJson("POST", "/api/v1/consultations", NoNamed("01632 960 001", email));
    ASSERT_EQ(refused.status, 422) << email << ": " << refused.body;
    EXPECT_EQ(ErrorOn(refused, "consultee_email"),
              "Enter an email address in the correct format, like name@example.org");
  }
  EXPECT_EQ(officer.SendJson("POST", "/api/v1/consultations", NoNamed("01632 960 001", "sian@kent.gov.uk")).status,
            201);
  EXPECT_EQ(officer.SendJson("POST", "/api/v1/consultations", NoNamed("", "sian@kent.gov.uk")).status, 201);
}

// RULE FDS-6 RULE FDS-9: the page says it at each box, keeping what was typed.
TEST_F(ConsultationCallBack, FDS6_FDS9_ThePageSaysItAtTheBoxesKeepingWhatWasTyped) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto reply = officer.Send("POST", "/consultations/new",
                            FormBody({{"csrf_token", officer.csrf_token},
                                      {"type", "no-named"},
                                      {"consultee_name", "Ann Teach"},
                                      {"consultee_organisation", "Oak Primary"},
                                      {"consultee_phone", "call me"},
                                      {"consultee_email", "ann teach@kent,gov.uk"},
                                      {"caller_type", "school"},
                                      {"summary", "A pupil is often hungry."},
                                      {"safeguarding_lead_consulted", "yes"}}),
                            kFormHeaders);
  ASSERT_EQ(reply.status, 422) << reply.body;
  EXPECT_TRUE(Has(reply.body, "href=\"#consultee_phone\"")) << reply.body;
  EXPECT_TRUE(Has(reply.body, "href=\"#consultee_email\"")) << reply.body;
  EXPECT_TRUE(Has(reply.body, "id=\"consultee_email-error\""));
  EXPECT_TRUE(Has(reply.body, "aria-describedby=\"consultee_email-hint consultee_email-error\""));
  EXPECT_TRUE(Has(reply.body, "value=\"call me\""));
  EXPECT_TRUE(Has(reply.body, "value=\"ann teach@kent,gov.uk\""));
}

// A member of the public's urgent request on the portal, over the API.
json UrgentPublicRequest() {
  return {{"referrer", {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "01632 960 001"}}},
          {"children", json::array({{{"first_names", "Sam"}, {"last_name", "Example"}}})},
          {"concern", "Shouting every night."},
          {"intake", {{"indicators", json::array({"police-protection"})}}}};
}

using UrgentReceipt = ApiTest;

// RULE HCR-18 RULE HCR-12: while the Customer Service Centre is open an urgent receipt says the
// request is at the top of the queue and decided as soon as possible, not "within one working day".
TEST_F(UrgentReceipt, HCR18_InHoursTheUrgentReceiptDoesNotAlsoPromiseOneWorkingDay) {
  DuringOpeningHours();
  auto reply = Client().SendJson("POST", "/api/v1/portal/contacts", UrgentPublicRequest());
  ASSERT_EQ(reply.status, 201) << reply.body;
  const std::string next = reply.Json().at("what_happens_next");
  EXPECT_FALSE(Has(next, "within one working day")) << next;
  EXPECT_TRUE(Has(next, "as soon as possible")) << next;
  EXPECT_TRUE(Has(reply.Json().at("urgent_advice").get<std::string>(),
                  "Otherwise call the Customer Service Centre on 0300 123 4043"));
}

// RULE HCR-18: out of the centre's hours an urgent receipt does not send the sender to the closed
// centre: it says it is closed, when it opens, and 999 (the pack gives no number for the out-of-hours
// service). No out-of-hours mailbox is configured here, so it does not claim the request went there
// (tests/api/out_of_hours_test.cpp has one that is).
TEST_F(UrgentReceipt, HCR18_OutOfHoursTheUrgentReceiptSaysTheCentreIsClosedAndWhereItWent) {
  for (int hours = 0; hours < 24 * 14; ++hours) {
    const Instant now = clock_.Now();
    const policy::PolicyPack& pack = procedures_->PackAt(now);
    const auto* centre = pack.Service(pack.routing.intake_service);
    ASSERT_NE(centre, nullptr);
    const auto& calendar = procedures_->CalendarAt(now);
    if (!calendar.IsOpen(*centre, now) && !calendar.IsOpen(*centre, now + std::chrono::minutes(10))) break;
    clock_.Advance(std::chrono::hours(1));
  }
  auto reply = Client().SendJson("POST", "/api/v1/portal/contacts", UrgentPublicRequest());
  ASSERT_EQ(reply.status, 201) << reply.body;
  const std::string advice = reply.Json().at("urgent_advice");
  EXPECT_FALSE(Has(advice, "call the Customer Service Centre")) << advice;
  EXPECT_TRUE(Has(advice, "call 999 now")) << advice;
  EXPECT_TRUE(Has(advice, "The Customer Service Centre is closed now (it opens again ")) << advice;
  EXPECT_FALSE(Has(advice, "Out of Hours Service")) << advice;

  std::vector<std::pair<std::string, std::string>> fields = {{"child_count", "1"},
                                                             {"referrer_type", "member_of_public"},
                                                             {"referrer_name", "Jo Neighbour"},
                                                             {"referrer_phone", "01632 960 001"},
                                                             {"children-0-first_names", "Sam"},
                                                             {"children-0-last_name", "Example"},
                                                             {"concern", "Shouting every night."},
                                                             {"indicators", "police-protection"},
                                                             {"action", "send"}};
  auto page = Client().Send("POST", "/request-for-support", FormBody(fields), kFormHeaders);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_FALSE(Has(page.body, "call the Customer Service Centre on")) << page.body;
  EXPECT_TRUE(Has(page.body, "the top of our queue, to be looked at first when the Customer Service Centre opens"))
      << page.body;
  EXPECT_FALSE(Has(page.body, "within one working day")) << page.body;
}

}  // namespace
}  // namespace fd::testing
