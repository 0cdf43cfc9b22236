// Requests for information over real HTTP (Hertfordshire pack in the fixture): errors name the
// field, what is wrong and what to do; an immigration request from outside .gov.uk is returned
// naming the channel (IR-6); a CAFCASS detailed request is returned without reasons, then reviewed
// by a manager before the answer is recorded as sent, item by item (IR-7).
#include "api_fixture.h"
#include "procedures_fixture.h"

#include <set>

#include "calendar/local_time.h"
#include "policy/procedures.h"
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
  // In words, not the kinds' ids (the API lists those at /api/v1/information-request-types).
  EXPECT_NE(invalid.Json().at("errors").at(0).at("message").get<std::string>().find("Choose the kind of request"),
            std::string::npos);
  EXPECT_EQ(invalid.Json().at("errors").at(0).at("message").get<std::string>().find("known-to-services"),
            std::string::npos);
  EXPECT_EQ(SignedIn(Role::kAnalyst).SendJson("POST", "/api/v1/information-requests", Request("immigration", "")).status,
            403);
  EXPECT_EQ(officer.Get("/api/v1/information-requests?queue=data-protection-team").status, 403);
  EXPECT_EQ(officer.Get("/api/v1/information-requests?queue=everything").status, 422);
  EXPECT_EQ(officer.Get("/api/v1/information-requests/999").status, 404);
  auto types = officer.Get("/api/v1/information-request-types");
  ASSERT_EQ(types.status, 200);
  EXPECT_EQ(types.Json().at("items").size(), 9u);
  // RULE IR-9: which kind is a person's own request, and the basis each kind's answer rests on.
  for (const auto& type : types.Json().at("items")) {
    const bool sar = type.at("id") == "subject-access";
    EXPECT_EQ(type.at("subject_access"), sar) << type.dump();
    if (sar) {
      EXPECT_EQ(type.at("lawful_basis"), "subject-access");
    }
    if (type.at("id") == "known-to-services") {
      EXPECT_TRUE(type.at("lawful_basis").is_null());
    }
  }
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

// Kent's procedures define no kinds of request for information in any version: the home page has no
// link to them, and every page and API address of them answers 404 saying so plainly (a page in the
// service's layout, a problem+json), before any form, body or number is read; nothing is recorded.
using InformationRequestsUnderKent = KentApiTest;

constexpr const char* kNoneDefined = "define no requests for information";

TEST_F(InformationRequestsUnderKent, EveryAddressSaysPlainlyThereAreNone) {
  for (const auto& version : procedures_->versions())  // the premise: no version of Kent's pack defines any
    ASSERT_TRUE(version.information_request_types.empty()) << version.version;
  auto officer = SignedIn(Role::kContactOfficer);
  auto home = officer.Get("/");
  ASSERT_EQ(home.status, 200);
  EXPECT_EQ(home.body.find("href=\"/information-requests\""), std::string::npos);
  EXPECT_EQ(home.body.find("Requests for information"), std::string::npos);

  for (const char* page : {"/information-requests", "/information-requests?queue=all", "/information-requests/new",
                           "/information-requests/1", "/information-requests/not-a-number"}) {
    auto got = officer.Get(page);
    EXPECT_EQ(got.status, 404) << page;
    EXPECT_NE(got.body.find(kNoneDefined), std::string::npos) << page << got.body;
    EXPECT_NE(got.body.find("<h1 class=\"govuk-heading-l\">Requests for information</h1>"), std::string::npos) << page;
    EXPECT_EQ(got.body.find("Page not found"), std::string::npos) << page;
    EXPECT_EQ(got.body.find("Kind of request"), std::string::npos) << page;
  }
  const std::map<std::string, std::string> form{{"Content-Type", "application/x-www-form-urlencoded"}};
  for (const char* action : {"/information-requests/new", "/information-requests/1/evidence",
                             "/information-requests/1/decide", "/information-requests/1/refuse"}) {
    auto sent = officer.Send("POST", action,
                             "csrf_token=" + officer.csrf_token + "&type=court&details=Is+the+child+known", form);
    EXPECT_EQ(sent.status, 404) << action;
    EXPECT_NE(sent.body.find(kNoneDefined), std::string::npos) << action << sent.body;
    EXPECT_EQ(sent.body.find("href=\"#type\""), std::string::npos) << action;
  }

  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  for (auto* client : {&officer, &dpo})
    for (const char* api : {"/api/v1/information-request-types", "/api/v1/information-requests",
                            "/api/v1/information-requests?queue=data-protection-team", "/api/v1/information-requests/1"}) {
      auto got = client->Get(api);
      EXPECT_EQ(got.status, 404) << api;
      EXPECT_NE(got.headers["content-type"].find("application/problem+json"), std::string::npos) << api;
      EXPECT_NE(got.Json().at("detail").get<std::string>().find(kNoneDefined), std::string::npos) << api << got.body;
    }
  json body = {{"type", "court"}, {"requester_name", "Jo Duty"}, {"requester_organisation", "Kent Police"},
               {"details", "Is the child known?"}};
  auto manager = SignedIn(Role::kTeamManager);  // reviews are a team manager's (a contact officer's is 403 at the route)
  for (const auto& [client, api] : {std::pair{&officer, "/api/v1/information-requests"},
                                    std::pair{&officer, "/api/v1/information-requests/1/evidence"},
                                    std::pair{&officer, "/api/v1/information-requests/1/answer"},
                                    std::pair{&manager, "/api/v1/information-requests/1/review"}}) {
    auto sent = client->SendJson("POST", api, body);
    EXPECT_EQ(sent.status, 404) << api << sent.body;
    EXPECT_NE(sent.Json().at("detail").get<std::string>().find(kNoneDefined), std::string::npos) << api;
  }
  // A body that is no request at all gets the same answer: the address is what has nothing behind it.
  auto mistyped = officer.SendJson("POST", "/api/v1/information-requests", json::array({1, 2}));
  EXPECT_EQ(mistyped.status, 404) << mistyped.body;
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM information_requests").at(0).Int(0), 0);
}

// A council whose later version of the procedures drops the kinds of request (here Hertfordshire's
// 2019 pack again from tomorrow, without them): requests received before are still read, listed and
// linked, as their kinds are those of the version in force when they came (CRU-5); only new ones
// cannot be recorded (the form page says so, the API names "type").
class InformationRequestsAfterKindsDropped : public InformationRequestsApi {
 protected:
  void Configure(service::ServiceOptions&) override {
    auto versions = policy::LoadPolicy(std::string(FD_SOURCE_DIR) + "/policies/hertfordshire").value();
    policy::PolicyPack later = versions.back();
    later.version = "without requests for information";
    later.information_request_types.clear();
    later.effective_from = std::chrono::sys_days{calendar::LocalDate(clock_.Now(), "Europe/London")} + std::chrono::days{1};
    versions.push_back(std::move(later));
    procedures_ = std::make_shared<const policy::Procedures>(std::move(versions));
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, clock_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
};

TEST_F(InformationRequestsAfterKindsDropped, EarlierRequestsStayReadable) {
  std::int64_t id = 0;
  std::string reference;
  {
    auto officer = SignedIn(Role::kContactOfficer);
    auto created = officer.SendJson("POST", "/api/v1/information-requests", Request("immigration", "x@homeoffice.gov.uk"));
    ASSERT_EQ(created.status, 201) << created.body;
    id = created.Json().at("id").get<std::int64_t>();
    reference = created.Json().at("reference").get<std::string>();
  }
  clock_.Advance(std::chrono::hours(48));  // the later version is in force
  auto officer = SignedIn(Role::kContactOfficer);
  auto types = officer.Get("/api/v1/information-request-types");
  ASSERT_EQ(types.status, 200) << types.body;
  EXPECT_TRUE(types.Json().at("items").empty());

  auto read = officer.Get("/api/v1/information-requests/" + std::to_string(id));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Json().at("type").at("id"), "immigration");
  auto listed = officer.Get("/api/v1/information-requests?queue=all");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.Json().at("items").size(), 1u);
  auto page = officer.Get("/information-requests/" + std::to_string(id));
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find(reference), std::string::npos);
  auto list = officer.Get("/information-requests?queue=all");
  ASSERT_EQ(list.status, 200);
  EXPECT_NE(list.body.find(reference), std::string::npos);
  EXPECT_EQ(list.body.find("href=\"/information-requests/new\""), std::string::npos);  // nothing new to record
  EXPECT_NE(officer.Get("/").body.find("href=\"/information-requests\""), std::string::npos);

  auto form = officer.Get("/information-requests/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("have no requests for information"), std::string::npos) << form.body;
  auto refused = officer.SendJson("POST", "/api/v1/information-requests", Request("immigration", "x@homeoffice.gov.uk"));
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(NamesField(refused, "type"));
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM information_requests").at(0).Int(0), 1);
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

// RULE IR-9: a subject access request is the Data Protection Team's. Until it is passed on, the
// officer who took it sees what they recorded and every other officer only that it is for the team;
// once passed on, everyone but the data protection officer — the officer who took it, the officer
// who routed it, a social worker, a team manager — sees only that it was passed on (reference,
// kind, when, to whom), in the API, on its page and in the queues. Each look at the whole request
// is audited, with no names in the event; a passed-on-only look shows nothing and is not.
TEST_F(InformationRequestsApi, IR9_APassedOnSubjectAccessRequestIsReadOnlyByTheDataProtectionTeam) {
  ASSERT_TRUE(app::CreateUser(*ctx_, std::nullopt,
                              {"olly", "Olly Other", "", Role::kContactOfficer, "Front Door", kTestPassword, ""}));
  auto officer = SignedIn(Role::kContactOfficer);
  auto other_officer = Client();
  ASSERT_EQ(other_officer.SignIn("olly", kTestPassword).status, 201);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  const json body = {{"type", "subject-access"},
                     {"requester_name", "Sam Jones"},
                     {"requester_organisation", "Sam Jones, for himself"},
                     {"requester_email", "sam.jones@example.com"},
                     {"requester_phone", "07700 900123"},
                     {"subject_first_names", "Sam"},
                     {"subject_last_name", "Jones"},
                     {"subject_date_of_birth", "1990-08-21"},
                     {"details", "Copies of my records from when I was in care"}};
  const std::vector<std::string> personal = {"Sam Jones", "Jones", "1990-08-21", "sam.jones@example.com", "07700",
                                             "Copies of my records"};
  auto shows_none = [&](const HttpReply& reply, const std::string& who) {
    for (const auto& text : personal) EXPECT_EQ(reply.body.find(text), std::string::npos) << who << " sees " << text;
  };
  auto recorded = officer.SendJson("POST", "/api/v1/information-requests", body);
  ASSERT_EQ(recorded.status, 201) << recorded.body;
  const std::string reference = recorded.Json().at("reference");
  const std::string id = std::to_string(recorded.Json().at("id").get<std::int64_t>());
  const std::string api = "/api/v1/information-requests/" + id;
  const std::string page = "/information-requests/" + id;

  auto own = officer.Get(api);
  ASSERT_EQ(own.status, 200);
  EXPECT_EQ(own.Json().at("details"), body.at("details"));  // what they typed, until it is passed on
  auto before = other_officer.Get(api);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(before.Json().at("passed_on_only").get<bool>());
  shows_none(before, "another officer before routing");
  EXPECT_NE(other_officer.Get(page).body.find("id=\"decide-form\""), std::string::npos);  // they may still route it

  auto routed = other_officer.SendJson("POST", api + "/decide", json::object());
  ASSERT_EQ(routed.status, 200) << routed.body;
  EXPECT_EQ(routed.Json().at("routed").at("route"), "data-protection-team");
  shows_none(routed, "the officer who routed it");

  for (auto [client, who] : {std::pair{&officer, "the officer who took it"}, std::pair{&other_officer, "another officer"},
                             std::pair{&worker, "a social worker"}, std::pair{&manager, "a team manager"}}) {
    auto read = client->Get(api);
    ASSERT_EQ(read.status, 200) << who << read.body;
    const json j = read.Json();
    EXPECT_TRUE(j.at("passed_on_only").get<bool>()) << who;
    EXPECT_EQ(j.at("reference"), reference);
    EXPECT_EQ(j.at("type").at("id"), "subject-access");
    EXPECT_EQ(j.at("routed").at("route"), "data-protection-team");
    EXPECT_FALSE(j.at("routed").at("decided_at").is_null());
    EXPECT_FALSE(j.contains("details") || j.contains("requester") || j.contains("subject") || j.contains("evidence"))
        << who << read.body;
    shows_none(read, who);
    auto shown = client->Get(page);
    ASSERT_EQ(shown.status, 200) << who;
    EXPECT_NE(shown.body.find("id=\"passed-on\""), std::string::npos) << who;
    EXPECT_NE(shown.body.find(reference), std::string::npos) << who;
    shows_none(shown, std::string(who) + " (page)");
    for (const char* queue : {"mine", "front-door", "all"}) {
      auto listed = client->Get(std::string("/api/v1/information-requests?queue=") + queue);
      ASSERT_EQ(listed.status, 200) << who << queue;
      shows_none(listed, std::string(who) + " (queue " + queue + ")");
      shows_none(client->Get(std::string("/information-requests?queue=") + queue), std::string(who) + " (list page)");
    }
  }

  // The data protection officer reads it whole, in the API and on the page.
  auto whole = dpo.Get(api);
  ASSERT_EQ(whole.status, 200) << whole.body;
  EXPECT_FALSE(whole.Json().at("passed_on_only").get<bool>());
  EXPECT_EQ(whole.Json().at("details"), body.at("details"));
  EXPECT_EQ(whole.Json().at("requester").at("email"), "sam.jones@example.com");
  EXPECT_EQ(whole.Json().at("subject").at("last_name"), "Jones");
  EXPECT_NE(dpo.Get(page).body.find("Copies of my records"), std::string::npos);

  // Audited: the recorder's own looks before routing, and the DPO's two; ids and kinds only.
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  std::vector<std::string> viewers;
  for (const auto& row : tx->Query("SELECT actor, changes, record_id FROM audit_events WHERE action = "
                                   "'information-request.viewed' ORDER BY seq")) {
    viewers.push_back(row.Text(0));
    EXPECT_EQ(row.Text(2), id);
    for (const auto& text : personal) EXPECT_EQ(row.Text(1).find(text), std::string::npos) << row.Text(1);
  }
  // The officer's first look is the answer to recording it, which showed the whole request (finding 4).
  EXPECT_EQ(viewers, (std::vector<std::string>{"contact_officer", "contact_officer", "data_protection_officer",
                                               "data_protection_officer"}));
}

}  // namespace
}  // namespace fd::testing
