// Consultation requests over real HTTP (Hertfordshire pack in the fixture: the Consultation Hub).
#include <regex>

#include "api_fixture.h"
#include "hub_consultation_request.h"
#include "procedures_fixture.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using ConsultationsApi = ApiTest;

// RULE HCR-7: the hub advises schools, early years settings and Families First key workers only;
// a refusal is answered with the rule and the route to take instead.
TEST_F(ConsultationsApi, HCR7_TheHubRefusesOtherCallersWithTheRoute) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = HubConsultationAboutAHungryPupil();
  body["caller_type"] = "health";
  auto refused = officer.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
  EXPECT_EQ(refused.Json().at("rule"), "HCR-7");
  EXPECT_FALSE(refused.Json().at("route").get<std::string>().empty());
}

// RULE FDS-7: a consultation request has no child-identity fields: sending one is refused by name.
TEST_F(ConsultationsApi, FDS7_ChildIdentityFieldsAreRefusedByName) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = HubConsultationAboutAHungryPupil();
  body["child_name"] = "Mia Example";
  auto refused = officer.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(refused.status, 422);
  EXPECT_EQ(refused.Json().at("errors").at(0).at("field"), "child_name");
  body.erase("child_name");
  body["type"] = "no-named";  // a Kent consultation: not offered by this authority's procedures
  auto wrong_type = officer.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(wrong_type.status, 422);
  EXPECT_EQ(wrong_type.Json().at("errors").at(0).at("field"), "type");
  EXPECT_EQ(SignedIn(Role::kAnalyst).SendJson("POST", "/api/v1/consultations", HubConsultationAboutAHungryPupil()).status, 403);
}

// The allocated worker the child is open to: a field of the wrong type, or one that is not a field,
// is named in a 422 (a number as the name was once a 500, the exception escaping the handler).
TEST_F(ConsultationsApi, ChildOpenToFieldsOfTheWrongTypeAreNamed) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = HubConsultationAboutAHungryPupil();
  body["child_open_to"] = {{"name", 5}, {"team", "Hub"}};
  auto refused = officer.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Json().at("errors").at(0).at("field"), "child_open_to.name");
  body["child_open_to"] = {{"team", "Hub"}, {"ward", "3"}};
  refused = officer.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Json().at("errors").at(0).at("field"), "child_open_to.ward");
  body["child_open_to"] = {{"name", nullptr}, {"team", "Hub"}};
  EXPECT_NE(officer.SendJson("POST", "/api/v1/consultations", body).status, 500);
}

}  // namespace
}  // namespace fd::testing

namespace fd::testing {
namespace {

// Kent's 2017 CRU procedures on a fixed Tuesday morning, so the line is open whatever the time of
// the run.
class NamedConsultationsApi : public ApiTestUnderProcedures {
 protected:
  void Configure(service::ServiceOptions&) override { UseProcedures("kent", fixed_); }
  app::FixedClock fixed_{*ParseUtc("2019-03-05T10:00:00Z")};
};

// RULE CRU-3 RULE CRU-4 RULE FDS-8: over HTTP, a named consultation is checked against the register
// and answered with whom to contact only; recorded as safeguarding it goes on the child's record;
// nobody but an adviser reads it, and there is no route for a consultee at all.
TEST_F(NamedConsultationsApi, CRU3_CRU4_RegisterCheckRecordAndNoRouteForTheConsultee) {
  auto officer = SignedIn(Role::kContactOfficer);
  json request = {{"type", "named"},
                  {"consultee_name", "Priya Shah"},
                  {"consultee_organisation", "Riverside Primary"},
                  {"consultee_phone", "01632 960 001"},
                  {"caller_type", "school"},
                  {"summary", "Noah is often hungry. What next?"},
                  {"safeguarding_lead_consulted", true},
                  {"parent_discussed", true},
                  {"child", {{"first_names", "Noah"}, {"last_name", "Sample"}, {"date_of_birth", "2014-02-11"}}}};
  auto created = officer.SendJson("POST", "/api/v1/consultations", request);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/consultations/" + std::to_string(created.Json().at("id").get<std::int64_t>());

  auto worker = SignedIn(Role::kSocialWorker);
  auto checked = worker.SendJson("POST", path + "/register-check", json::object());
  ASSERT_EQ(checked.status, 200) << checked.body;
  EXPECT_NE(checked.Json().at("register_answer").get<std::string>().find("no allocated worker"), std::string::npos);

  auto bad = worker.SendJson("POST", path + "/record", {{"advice", "x"}, {"decision", "refer"}});
  ASSERT_EQ(bad.status, 422);
  EXPECT_EQ(bad.Json().at("errors").at(0).at("field"), "decision");
  auto recorded = worker.SendJson("POST", path + "/record",
                                  {{"questions", "Is this neglect?"}, {"advice", "Make an IAR now."}, {"safeguarding", true}});
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  EXPECT_TRUE(recorded.Json().at("on_child_record").get<bool>());
  EXPECT_EQ(recorded.Json().at("retention").at("class"), "child-record");

  // FDS-8: the record is for advisers; the officer who took the call, and anyone not signed in, get nothing.
  EXPECT_EQ(officer.Get(path).status, 403);
  EXPECT_EQ(Client().Get(path).status, 401);
}

}  // namespace
}  // namespace fd::testing

namespace fd::testing {
namespace {

// Kent's 2024 procedures (no-named consultations, FDS) on a fixed Tuesday morning, so the line is
// open whatever the time of the run.
class NoNamedConsultationsApi : public ApiTestUnderProcedures {
 protected:
  void Configure(service::ServiceOptions&) override { UseProcedures("kent", fixed_); }
  app::FixedClock fixed_{*ParseUtc("2026-11-24T11:00:00Z")};

  static json NoNamedRequest(const std::string& summary, const std::string& email) {
    return {{"type", "no-named"},
            {"consultee_name", "Priya Shah"},
            {"consultee_organisation", "Oak Primary"},
            {"consultee_phone", "01632 960 001"},
            {"consultee_email", email},
            {"caller_type", "school"},
            {"summary", summary},
            {"safeguarding_lead_consulted", true}};
  }
};

// RULE FDS-7: the review's summaries, a street address and a named school, are refused naming what
// to remove; the name itself has no shape and is not claimed to be found.
TEST_F(NoNamedConsultationsApi, FDS7_StreetAddressAndSchoolAreRefused) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto address = officer.SendJson(
      "POST", "/api/v1/consultations",
      NoNamedRequest("Mia Example, aged 9, lives at 12 Orchard Way Maidstone with mum", "dsl@oak.kent.sch.uk"));
  ASSERT_EQ(address.status, 422) << address.body;
  EXPECT_EQ(address.Json().at("errors").at(0).at("field"), "summary");
  EXPECT_EQ(address.Json().at("errors").at(0).at("message"),
            "Remove the street address \"12 Orchard Way\": a no-named consultation must not identify the child");
  auto school = officer.SendJson(
      "POST", "/api/v1/consultations",
      NoNamedRequest("The child, Mia Example, attends Riverside Primary School", "dsl@oak.kent.sch.uk"));
  ASSERT_EQ(school.status, 422) << school.body;
  EXPECT_EQ(school.Json().at("errors").at(0).at("message"),
            "Remove the school \"Riverside Primary School\": a no-named consultation must not identify the child");
  EXPECT_EQ(school.Json().at("errors").size(), 1u) << school.body;

  // The page refuses it the same way and says that names are not recognised.
  auto form = officer.Get("/consultations/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("names cannot be recognised"), std::string::npos);
  EXPECT_NE(form.body.find("named schools are refused"), std::string::npos);
}

// RULE FDS-9 RULE KCR-5: a school's address that is not on the secure list gets no e-mail, and the
// answer and the page say so, why, and to give the number by phone; a secure address is e-mailed
// and the answer says where.
TEST_F(NoNamedConsultationsApi, FDS9_TheAnswerSaysWhetherTheNumberWasEmailed) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  const json advice = {{"questions", "Is hunger on its own enough?"}, {"advice", "Talk to the family first."}};

  auto insecure = officer.SendJson("POST", "/api/v1/consultations",
                                   NoNamedRequest("A pupil is often hungry.", "dsl@oak.kent.sch.uk"));
  ASSERT_EQ(insecure.status, 201) << insecure.body;
  const std::string number = insecure.Json().at("number");
  const std::string path = "/api/v1/consultations/" + std::to_string(insecure.Json().at("id").get<std::int64_t>());
  auto recorded = worker.SendJson("POST", path + "/record", advice);
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  const json note = recorded.Json().at("number_email");
  EXPECT_FALSE(note.at("sent").get<bool>());
  EXPECT_TRUE(note.at("to").is_null());
  EXPECT_EQ(note.at("message"), "The consultation number " + number +
                                    " was not e-mailed: dsl@oak.kent.sch.uk is not a secure e-mail address (KCR-5). "
                                    "Give it to Priya Shah by phone on 01632 960 001.");
  auto page = worker.Get("/consultations/" + std::to_string(insecure.Json().at("id").get<std::int64_t>()));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("was not e-mailed: dsl@oak.kent.sch.uk is not a secure e-mail address"), std::string::npos);

  auto secure = officer.SendJson("POST", "/api/v1/consultations",
                                 NoNamedRequest("A pupil is often hungry.", "dsl@riverside.kent.gov.uk"));
  ASSERT_EQ(secure.status, 201) << secure.body;
  const std::string secure_path = "/api/v1/consultations/" + std::to_string(secure.Json().at("id").get<std::int64_t>());
  auto sent = worker.SendJson("POST", secure_path + "/record", advice);
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_TRUE(sent.Json().at("number_email").at("sent").get<bool>());
  EXPECT_EQ(sent.Json().at("number_email").at("to"), "dsl@riverside.kent.gov.uk");
  // The e-mail confirms that a no-named consultation was given, in those words (FDS-9).
  {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    auto rows = tx->Query("SELECT body FROM outbox WHERE recipient = ?", {std::string("dsl@riverside.kent.gov.uk")});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_NE(rows[0].Text(0).find("This confirms that Kent County Council gave you a no-named professional "
                                   "consultation on "),
              std::string::npos)
        << rows[0].Text(0);
  }
  // The officer's receipt no longer says a call is to come once it has been made (FDS-6).
  auto receipt = officer.Get("/consultations/" + std::to_string(secure.Json().at("id").get<std::int64_t>()) + "/requested");
  ASSERT_EQ(receipt.status, 200);
  EXPECT_EQ(receipt.body.find("will call back by"), std::string::npos);
  EXPECT_NE(receipt.body.find("A social worker called back and recorded the advice on"), std::string::npos);
}

// RULE FDS-6: a call-back made after the time it was due shows as late on the record, and the review
// date is written as people write dates.
TEST_F(NoNamedConsultationsApi, FDS6_ALateCallBackShowsAsLateOnTheRecord) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/consultations",
                                  NoNamedRequest("A pupil is often hungry.", "dsl@riverside.kent.gov.uk"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json().at("id").get<std::int64_t>());
  fixed_.Set(*ParseUtc("2026-11-27T15:00:00Z"));  // three days later: well past the call-back's time
  auto worker = SignedIn(Role::kSocialWorker);   // signed in now: a session made days before has ended
  auto recorded = worker.SendJson("POST", "/api/v1/consultations/" + id + "/record",
                                  {{"questions", "Is hunger on its own enough?"}, {"advice", "Talk to the family first."}});
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  auto page = worker.Get("/consultations/" + id);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("(late: it was due by "), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("next review on 20"), std::string::npos) << "an ISO review date";
}

}  // namespace
}  // namespace fd::testing

namespace fd::testing {
namespace {

// Hertfordshire's procedures on a fixed Tuesday morning, when the Consultation Hub is open.
class HubConsultationsApi : public ApiTestUnderProcedures {
 protected:
  void Configure(service::ServiceOptions&) override { UseProcedures("hertfordshire", fixed_); }
  app::FixedClock fixed_{*ParseUtc("2026-11-24T11:00:00Z")};
};

// RULE FDS-8 RULE FDS-9: Hertfordshire's hub has no consultation number to e-mail (the rules are
// Kent's): its pages promise none and its answer carries no number_email.
TEST_F(HubConsultationsApi, FDS9_HertfordshireHubPagesDoNotCarryKentWording) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto form = officer.Get("/consultations/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_EQ(form.body.find("consultation number is e-mailed"), std::string::npos);
  auto body = HubConsultationAboutAHungryPupil();
  body["consultee_email"] = "dsl@elm.hertfordshire.gov.uk";
  auto created = officer.SendJson("POST", "/api/v1/consultations", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json().at("id").get<std::int64_t>());
  auto receipt = officer.Get("/consultations/" + id + "/requested");
  ASSERT_EQ(receipt.status, 200) << receipt.body;
  EXPECT_EQ(receipt.body.find("e-mailed"), std::string::npos);
  auto hub = SignedIn(Role::kHubAdviser);
  auto page = hub.Get("/consultations/" + id);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.body.find("FDS-8"), std::string::npos);
  EXPECT_EQ(page.body.find("FDS-9"), std::string::npos);
  auto recorded = hub.SendJson("POST", "/api/v1/consultations/" + id + "/record",
                               {{"questions", "What next?"},
                                {"advice", "Send a green form."},
                                {"advised_route", "green"},
                                {"child", {{"first_names", "Noah"}, {"last_name", "Sample"}, {"date_of_birth", "2014-02-11"}}}});
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  EXPECT_FALSE(recorded.Json().contains("number_email"));
}


// RULE HCR-10: the adviser's record of a hub consultation. WCAG 1.3.1, 3.3.1: "Questions asked" and
// "Advice given", refused empty, are each described by their error, so a screen reader says why.
TEST_F(HubConsultationsApi, HCR10_TheRecordFormsErrorsAreReadAtTheirBoxes) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/consultations", HubConsultationAboutAHungryPupil());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string id = std::to_string(created.Json().at("id").get<std::int64_t>());
  auto hub = SignedIn(Role::kHubAdviser);
  auto page = hub.Get("/consultations/" + id);
  ASSERT_EQ(page.status, 200) << page.body;
  std::smatch token;
  ASSERT_TRUE(std::regex_search(page.body, token, std::regex("name=\"csrf_token\" value=\"([^\"]+)\"")));
  auto refused = hub.Send("POST", "/consultations/" + id + "/record",
                          "csrf_token=" + token[1].str() + "&questions=&advice=&advised_route=green",
                          {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(std::regex_search(refused.body, std::regex("id=\"questions\"[^>]*aria-describedby=\"([^\"]* )?questions-error\"")))
      << refused.body;
  EXPECT_TRUE(std::regex_search(refused.body, std::regex("id=\"advice\"[^>]*aria-describedby=\"advice-error\"")));
  EXPECT_NE(refused.body.find("id=\"questions-error\""), std::string::npos);
}

}  // namespace
}  // namespace fd::testing
