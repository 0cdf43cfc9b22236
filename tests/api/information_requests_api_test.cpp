// Requests for information over real HTTP (Hertfordshire pack in the fixture): errors name the
// field, what is wrong and what to do; an immigration request from outside .gov.uk is returned
// naming the channel (IR-6); a CAFCASS detailed request is returned without reasons, then reviewed
// by a manager before the answer is recorded as sent, item by item (IR-7).
#include "api_fixture.h"

#include <set>
#include "store/people_records.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class InformationRequestsApi : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    const auto worker = tx->Query("SELECT id, team_id FROM users WHERE username = 'social_worker'").at(0);
    store::InsertPerson(*tx, {0, "Tia", "Sample", "2012-10-03", "", "mill-lane-4", true, true, worker.Int(0),
                              worker.OptionalInt(1), true, false, "Child protection plan since 2026"});
    store::InsertPerson(*tx, {0, "Mia", "Example", "2017-05-14", "", "orchard-way-12", true, false, {}, {}, false, false,
                              "Contact in 2024: information and advice"});
    tx->Commit();
  }

  static json Request(const std::string& type, const std::string& email) {
    return {{"type", type},
            {"requester_name", "Jo Duty"},
            {"requester_organisation", "UK Visas and Immigration"},
            {"requester_email", email},
            {"subject_first_names", "Mia"},
            {"subject_last_name", "Example"},
            {"subject_date_of_birth", "2017-05-14"},
            {"details", "Is the child known?"}};
  }
};

// Every error names its field, what is wrong and what to do; unknown fields are named too.
TEST_F(InformationRequestsApi, ErrorsNameTheField) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = Request("immigration", "x@homeoffice.gov.uk");
  body["consent"] = "yes";
  body["child_name"] = "Mia";
  auto bad = officer.SendJson("POST", "/api/v1/information-requests", body);
  ASSERT_EQ(bad.status, 422) << bad.body;
  std::set<std::string> fields;
  const json bad_body = bad.Json();  // kept: at() returns a reference into it
  for (const auto& e : bad_body.at("errors")) fields.insert(e.at("field").get<std::string>());
  EXPECT_TRUE(fields.contains("consent"));
  EXPECT_TRUE(fields.contains("child_name"));
  body.erase("child_name");
  body["consent"] = true;
  body["type"] = "gossip";
  body["requester_name"] = "";
  auto invalid = officer.SendJson("POST", "/api/v1/information-requests", body);
  ASSERT_EQ(invalid.status, 422);
  EXPECT_EQ(invalid.Json().at("errors").at(0).at("field"), "type");
  EXPECT_NE(invalid.Json().at("errors").at(0).at("message").get<std::string>().find("known-to-services"),
            std::string::npos);
  EXPECT_EQ(SignedIn(Role::kAnalyst).SendJson("POST", "/api/v1/information-requests", Request("immigration", "")).status,
            403);
  EXPECT_EQ(officer.Get("/api/v1/information-requests?queue=data-protection-team").status, 403);
  EXPECT_EQ(officer.Get("/api/v1/information-requests?queue=everything").status, 422);
  EXPECT_EQ(officer.Get("/api/v1/information-requests/999").status, 404);
  auto types = officer.Get("/api/v1/information-request-types");
  ASSERT_EQ(types.status, 200);
  EXPECT_EQ(types.Json().at("items").size(), 9u);
}

// RULE IR-6: an immigration request from a non-.gov.uk address is returned naming the channel;
// with a .gov.uk address it is routed, with no consent needed.
TEST_F(InformationRequestsApi, IR6_ImmigrationFromOutsideGovUkIsReturnedNamingTheChannel) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/information-requests", Request("immigration", "cw@ukvi-mail.com"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/information-requests/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  EXPECT_EQ(created.Json().at("subject").at("register_state"), "closed");
  auto decided = officer.SendJson("POST", path + "/decide", json::object());
  ASSERT_EQ(decided.status, 200) << decided.body;
  EXPECT_EQ(decided.Json().at("status"), "returned");
  const json missing = decided.Json().at("decision").at("missing").at(0);
  EXPECT_EQ(missing.at("check"), "reply-channel");
  EXPECT_EQ(missing.at("rule"), "IR-6");
  EXPECT_NE(missing.at("needed").get<std::string>().find(".gov.uk"), std::string::npos);
  auto fixed = officer.SendJson("POST", path + "/evidence", {{"reply_email", "cw@homeoffice.gov.uk"}});
  ASSERT_EQ(fixed.status, 200) << fixed.body;
  auto routed = officer.SendJson("POST", path + "/decide", json::object());
  ASSERT_EQ(routed.status, 200);
  EXPECT_EQ(routed.Json().at("status"), "routed");
  EXPECT_EQ(routed.Json().at("routed").at("route"), "contact");  // IR-1: closed → a contact
  EXPECT_FALSE(routed.Json().at("routed").at("contact_reference").get<std::string>().empty());
}

// RULE IR-7: a CAFCASS detailed request without reasons is returned; with them, the answer waits for
// a manager's review, and exactly what was approved is recorded as shared, with who authorised it.
TEST_F(InformationRequestsApi, IR7_CafcassRequestIsReviewedThenSentAndRecorded) {
  auto officer = SignedIn(Role::kContactOfficer);
  json body = {{"type", "detailed-request"},
               {"requester_name", "Ash Guardian"},
               {"requester_organisation", "CAFCASS"},
               {"requester_email", "ash@cafcass.gov.uk"},
               {"subject_first_names", "Tia"},
               {"subject_last_name", "Sample"},
               {"subject_date_of_birth", "2012-10-03"}};
  auto created = officer.SendJson("POST", "/api/v1/information-requests", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/information-requests/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto returned = officer.SendJson("POST", path + "/decide", json::object());
  ASSERT_EQ(returned.Json().at("status"), "returned");
  EXPECT_EQ(returned.Json().at("decision").at("missing").at(0).at("rule"), "IR-7");
  ASSERT_EQ(officer.SendJson("POST", path + "/evidence", {{"reasons", "Private law hearing in January"}}).status, 200);
  auto routed = officer.SendJson("POST", path + "/decide", json::object());
  ASSERT_EQ(routed.Json().at("routed").at("route"), "allocated-worker") << routed.body;

  auto worker = SignedIn(Role::kSocialWorker);
  const json answer = {{"items", {{{"kind", "chronology"}, {"text", "2026-01-12: child protection plan (neglect)"}}}},
                       {"to", "ash@cafcass.gov.uk"},
                       {"channel", "email"}};
  auto proposed = worker.SendJson("POST", path + "/answer", answer);
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  EXPECT_EQ(proposed.Json().at("status"), "awaiting-review");
  EXPECT_TRUE(proposed.Json().at("shared").empty());
  auto manager = SignedIn(Role::kTeamManager);
  auto waiting = manager.Get("/api/v1/information-requests?queue=awaiting-review");
  ASSERT_EQ(waiting.status, 200);
  EXPECT_EQ(waiting.Json().at("items").size(), 1u);
  auto bad_review = manager.SendJson("POST", path + "/review", {{"decision", "ok"}});
  ASSERT_EQ(bad_review.status, 422);
  EXPECT_EQ(bad_review.Json().at("errors").at(0).at("field"), "decision");
  EXPECT_EQ(worker.SendJson("POST", path + "/review", {{"decision", "approve"}}).status, 403);
  auto approved = manager.SendJson("POST", path + "/review", {{"decision", "approve"}, {"note", "Fine"}});
  ASSERT_EQ(approved.status, 200) << approved.body;
  EXPECT_EQ(approved.Json().at("status"), "approved");
  auto sent = worker.SendJson("POST", path + "/answer", answer);
  ASSERT_EQ(sent.status, 200) << sent.body;
  EXPECT_EQ(sent.Json().at("status"), "answered");
  const json shared = sent.Json().at("shared").at(0);
  EXPECT_EQ(shared.at("authorised_by"), "Test team_manager");
  EXPECT_EQ(shared.at("items").at(0).at("kind"), "chronology");
  EXPECT_EQ(shared.at("to"), "ash@cafcass.gov.uk");
}

// Kent's procedures define no kinds of request for information: the home page has no link to them,
// and the form page says so plainly, with no form; a form sent anyway records nothing.
class InformationRequestsUnderKent : public ApiTest {
 protected:
  void Configure(service::ServiceOptions&) override {
    procedures_ = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent").value();
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, clock_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
};

TEST_F(InformationRequestsUnderKent, NoKindsNoLinkNoFormAndSaidPlainly) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto types = officer.Get("/api/v1/information-request-types");
  ASSERT_EQ(types.status, 200) << types.body;
  ASSERT_TRUE(types.Json().at("items").empty());  // the premise: Kent's pack defines none

  auto home = officer.Get("/");
  ASSERT_EQ(home.status, 200);
  EXPECT_EQ(home.body.find("href=\"/information-requests\""), std::string::npos);
  EXPECT_EQ(home.body.find("Requests for information"), std::string::npos);

  auto page = officer.Get("/information-requests/new");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("have no requests for information"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("Kind of request"), std::string::npos);
  EXPECT_EQ(page.body.find("action=\"/information-requests/new\""), std::string::npos);

  const std::map<std::string, std::string> form{{"Content-Type", "application/x-www-form-urlencoded"}};
  auto sent = officer.Send("POST", "/information-requests/new",
                           "csrf_token=" + officer.csrf_token + "&type=court&details=Is+the+child+known", form);
  EXPECT_EQ(sent.status, 409) << sent.body;
  EXPECT_EQ(sent.body.find("href=\"#type\""), std::string::npos);
  EXPECT_NE(sent.body.find("have no requests for information"), std::string::npos);
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM information_requests").at(0).Int(0), 0);
}

// With kinds (Hertfordshire), no kind chosen: the error summary links the first radio, which has that id.
TEST_F(InformationRequestsApi, MissingKindLinksTheFirstRadio) {
  auto officer = SignedIn(Role::kContactOfficer);
  const std::map<std::string, std::string> form{{"Content-Type", "application/x-www-form-urlencoded"}};
  auto sent = officer.Send("POST", "/information-requests/new",
                           "csrf_token=" + officer.csrf_token + "&details=Is+the+child+known", form);
  ASSERT_EQ(sent.status, 422) << sent.body;
  EXPECT_NE(sent.body.find("href=\"#type\""), std::string::npos);
  const auto first_radio = sent.body.find("class=\"govuk-radios__input\"");
  ASSERT_NE(first_radio, std::string::npos);
  EXPECT_EQ(sent.body.find("id=\"type\"", first_radio), sent.body.find("id=\"", first_radio)) << sent.body;
  EXPECT_NE(officer.Get("/").body.find("href=\"/information-requests\""), std::string::npos);
}

}  // namespace
}  // namespace fd::testing
