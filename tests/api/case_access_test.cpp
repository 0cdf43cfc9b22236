// Relationship rules over HTTP (issue 8, point 1): a contact about a child whose case is open to a
// worker is worked by that worker and the team managers of their team; others read it and are told
// whom to ask.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "app/case_access.h"
#include "api_fixture.h"
#include "colleagues.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class CaseAccess : public ApiTest {
 protected:
  // Tia's case is open to Lee Locality in the North Locality team; the fixture's own social worker
  // and team manager work the Front Door.
  void SetUp() override {
    ApiTest::SetUp();
    std::map<std::string, std::int64_t> ids;
    ASSERT_NO_FATAL_FAILURE(AddColleagues(*ctx_,
                                          {{"lee", "Lee Locality", Role::kSocialWorker, "North Locality"},
                                           {"nia", "Nia North", Role::kTeamManager, "North Locality"}},
                                          ids));
    lee_id_ = ids["lee"];
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO people (first_names, last_name, date_of_birth, open_case, allocated_user_id) "
                "VALUES ('Tia', 'Sample', '2012-10-03', 1, ?)",
                {lee_id_});
    tx->Commit();
    auto officer = SignedIn(Role::kContactOfficer);
    auto created = officer.SendJson(
        "POST", "/api/v1/contacts",
        {{"referrer", {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"},
                       {"phone", "01632 960 001"}, {"email", "dsl@riverside.example.sch.uk"}}},
         {"children", json::array({{{"first_names", "Tia"}, {"last_name", "Sample"}, {"date_of_birth", "2012-10-03"},
                                    {"gender", "female"}, {"address", "4 Mill Lane"}}})},
         {"concern", "Tia said she is scared to go home."}});
    ASSERT_EQ(created.status, 201) << created.body;
    ASSERT_EQ(created.Json().at("queue"), "allocated-worker");
    contact_ = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  }

  HttpClient As(const std::string& username) {
    HttpClient client = Client();
    EXPECT_EQ(client.SignIn(username, kTestPassword).status, 201);
    return client;
  }

  std::int64_t lee_id_ = 0;
  std::string contact_;
};

// RULE IR-1: a request about a child open to a team is the allocated worker's; the front door
// reads the contact and the request, but only Lee and Lee's team managers answer it.
TEST_F(CaseAccess, IR1_OthersReadAnOpenCaseButOnlyTheAllocatedWorkerAndTheirManagersWorkIt) {
  auto front_door_worker = SignedIn(Role::kSocialWorker);
  auto front_door_manager = SignedIn(Role::kTeamManager);
  EXPECT_EQ(front_door_worker.Get(contact_).status, 200);
  EXPECT_EQ(front_door_manager.Get(contact_ + "/workflow").status, 200);

  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/information-requests",
                                  {{"type", "immigration"},
                                   {"requester_name", "Jo Duty"},
                                   {"requester_organisation", "UK Visas and Immigration"},
                                   {"requester_email", "jo.duty@homeoffice.gov.uk"},
                                   {"subject_first_names", "Tia"},
                                   {"subject_last_name", "Sample"},
                                   {"subject_date_of_birth", "2012-10-03"},
                                   {"details", "Is the child known?"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string request =
      "/api/v1/information-requests/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto routed = officer.SendJson("POST", request + "/decide", json::object());
  ASSERT_EQ(routed.status, 200) << routed.body;
  ASSERT_EQ(routed.Json().at("routed").at("route"), "allocated-worker") << routed.body;

  const json answer = {{"items", {{{"kind", "known"}, {"text", "Known: open to the North Locality team"}}}},
                       {"to", "jo.duty@homeoffice.gov.uk"},
                       {"channel", "email"}};
  for (HttpClient* other : {&officer, &front_door_worker, &front_door_manager}) {
    EXPECT_EQ(other->Get(request).status, 200);
    auto refused = other->SendJson("POST", request + "/answer", answer);
    ASSERT_EQ(refused.status, 403) << refused.body;
    EXPECT_NE(refused.Json().at("detail").get<std::string>().find("Lee Locality"), std::string::npos) << refused.body;
    EXPECT_EQ(other->SendJson("POST", request + "/refuse", {{"reason", "Not ours"}}).status, 403);
  }
  EXPECT_EQ(officer.Get(request).Json().at("status"), "routed");  // nothing changed

  // A manager of Lee's team may act on it (cover, supervision); Lee answers it.
  auto nia = As("nia");
  auto evidence = nia.SendJson("POST", request + "/evidence", {{"note", "Checked with Lee"}, {"identity_verified", true}});
  EXPECT_EQ(evidence.status, 200) << evidence.body;
  auto lee = As("lee");
  auto answered = lee.SendJson("POST", request + "/answer", answer);
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_EQ(answered.Json().at("status"), "answered");
}

json Child(const std::string& first, const std::string& last, const std::string& dob) {
  return {{"first_names", first}, {"last_name", last}, {"date_of_birth", dob}, {"gender", "female"}};
}

json ContactAbout(json children) {
  return {{"referrer", {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"},
                        {"phone", "01632 960 001"}, {"email", "dsl@riverside.example.sch.uk"}}},
          {"children", std::move(children)},
          {"concern", "The children said they are scared to go home."}};
}

bool HasDeadline(const json& contact, const std::string& timescale) {
  for (const auto& d : contact.at("deadlines"))
    if (d.at("timescale") == timescale) return true;
  return false;
}

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

// RULE HCR-5 RULE HCR-6 RULE HCR-27: a contact about Tia (open to Lee) and two children who are not
// open stays at the front door: it is screened and decided there, with its one-day decision
// deadline; its routing note says which child is open to whom, and Lee is told at once.
TEST_F(CaseAccess, HCR5_HCR6_AContactAlsoAboutChildrenNotOpenStaysAtTheFrontDoorAndTheWorkerIsTold) {
  DuringOpeningHours();  // HCR-18: out of hours its contacts go to the out-of-hours queue
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts",
                                  ContactAbout(json::array({Child("Tia", "Sample", "2012-10-03"),
                                                            Child("Carter", "Thomas", "2014-01-09"),
                                                            Child("Ezra", "Quinn", "2016-06-21")})));
  ASSERT_EQ(created.status, 201) << created.body;
  const json contact = created.Json();
  EXPECT_EQ(contact.at("queue"), "front-door");
  EXPECT_EQ(contact.at("state"), "received");
  EXPECT_TRUE(contact.at("allocated_user_id").is_null()) << contact.dump();
  const std::string note = contact.at("routing_note");
  EXPECT_TRUE(Has(note, "Tia Sample is open to Lee Locality")) << note;
  EXPECT_TRUE(Has(note, "Carter Thomas and Ezra Quinn are not open to a team")) << note;
  EXPECT_TRUE(Has(note, "HCR-5")) << note;
  EXPECT_FALSE(Has(note, "KCR-1")) << "Hertfordshire cites only its own rules: " << note;
  const std::string path = "/api/v1/contacts/" + std::to_string(contact.at("id").get<std::int64_t>());
  const json read = officer.Get(path).Json();
  EXPECT_TRUE(HasDeadline(read, "decision")) << read.at("deadlines").dump();

  // The front door screens it; Lee hears of it on their home page.
  auto front_door_worker = SignedIn(Role::kSocialWorker);
  auto started = PostWithVersion(front_door_worker, path + "/screening/start", json::object(), 1);
  EXPECT_EQ(started.status, 200) << started.body;
  const std::string home = As("lee").Get("/").body;
  EXPECT_TRUE(Has(home, "New contact " + contact.at("reference").get<std::string>() + " about Tia Sample")) << home;
  // The page says where it went, as the API does.
  const std::string page = officer.Get("/contacts/" + std::to_string(contact.at("id").get<std::int64_t>())).body;
  EXPECT_TRUE(Has(page, "Tia Sample is open to Lee Locality")) << page;
}

// RULE HCR-5: every child open to Lee: the contact goes wholly to Lee, as for one child; open to two
// different workers, the front door keeps it and tells each of them.
TEST_F(CaseAccess, HCR5_AllChildrenOpenToOneWorkerGoToThemOpenToDifferentWorkersStayAtTheFrontDoor) {
  DuringOpeningHours();  // HCR-18: out of hours its contacts go to the out-of-hours queue
  auto sam = app::CreateUser(*ctx_, std::nullopt,
                             {"sam", "Sam South", "", Role::kSocialWorker, "South Locality", kTestPassword});
  ASSERT_TRUE(sam) << sam.error().message;
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO people (first_names, last_name, date_of_birth, open_case, allocated_user_id) "
                "VALUES ('Kai', 'Sample', '2014-04-04', 1, ?)",
                {lee_id_});
    tx->Execute("INSERT INTO people (first_names, last_name, date_of_birth, open_case, allocated_user_id) "
                "VALUES ('Rio', 'Other', '2015-05-05', 1, ?)",
                {*sam});
    tx->Commit();
  }
  auto officer = SignedIn(Role::kContactOfficer);
  auto both_lee = officer.SendJson(
      "POST", "/api/v1/contacts",
      ContactAbout(json::array({Child("Tia", "Sample", "2012-10-03"), Child("Kai", "Sample", "2014-04-04")})));
  ASSERT_EQ(both_lee.status, 201) << both_lee.body;
  EXPECT_EQ(both_lee.Json().at("queue"), "allocated-worker");
  EXPECT_EQ(both_lee.Json().at("state"), "routed");
  EXPECT_EQ(both_lee.Json().at("allocated_user_id"), lee_id_);

  auto split = officer.SendJson(
      "POST", "/api/v1/contacts",
      ContactAbout(json::array({Child("Tia", "Sample", "2012-10-03"), Child("Rio", "Other", "2015-05-05")})));
  ASSERT_EQ(split.status, 201) << split.body;
  EXPECT_EQ(split.Json().at("queue"), "front-door");
  EXPECT_EQ(split.Json().at("state"), "received");
  const std::string note = split.Json().at("routing_note");
  EXPECT_TRUE(Has(note, "Tia Sample is open to Lee Locality and Rio Other is open to Sam South")) << note;
  const std::string reference = split.Json().at("reference");
  EXPECT_TRUE(Has(As("lee").Get("/").body, "New contact " + reference + " about Tia Sample"));
  EXPECT_TRUE(Has(As("sam").Get("/").body, "New contact " + reference + " about Rio Other"));
}

// RULE HCR-5: a child linked to the register after receipt, to a record open to Lee: while the front
// door holds the contact, only Lee and Lee's team managers may work on it from then on, the contact
// says so, and Lee is told. A link whose name or date of birth disagree with the child's is answered
// with a warning.
TEST_F(CaseAccess, HCR5_LinkingAChildToAnOpenRecordKeepsTheContactToTheAllocatedWorker) {
  DuringOpeningHours();  // HCR-18: out of hours its contacts go to the out-of-hours queue
  std::int64_t tia_id = 0;
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    tia_id = tx->Query("SELECT id FROM people WHERE first_names = 'Tia'").at(0).Int(0);
  }
  auto officer = SignedIn(Role::kContactOfficer);
  // The referrer knew her as "Tee" and gave no date of birth: receipt found no open case.
  json tee = Child("Tee", "Sample", "2012-10-03");
  tee.erase("date_of_birth");
  auto created = officer.SendJson("POST", "/api/v1/contacts", ContactAbout(json::array({tee})));
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(created.Json().at("queue"), "front-door");
  const std::int64_t id = created.Json().at("id");
  const std::string path = "/api/v1/contacts/" + std::to_string(id);

  auto front_door_worker = SignedIn(Role::kSocialWorker);
  auto linked = front_door_worker.SendJson("POST", path + "/children/0/person", {{"person_id", tia_id}});
  ASSERT_EQ(linked.status, 200) << linked.body;
  const json answer = linked.Json();
  ASSERT_EQ(answer.at("warnings").size(), 1u) << answer.dump();
  EXPECT_EQ(answer.at("warnings")[0].at("field"), "name");
  EXPECT_TRUE(Has(answer.at("routing_note"), "only they and their team managers")) << answer.dump();

  const json contact = officer.Get(path).Json();
  EXPECT_EQ(contact.at("allocated_user_id"), lee_id_);
  EXPECT_EQ(contact.at("state"), "received");
  EXPECT_TRUE(Has(contact.at("routing_note"), "Tia Sample is open to Lee Locality")) << contact.dump();
  auto refused = PostWithVersion(front_door_worker, path + "/screening/start", json::object(), 1);
  EXPECT_EQ(refused.status, 403) << refused.body;
  EXPECT_TRUE(Has(refused.body, "Lee Locality")) << refused.body;
  auto lee = As("lee");
  EXPECT_TRUE(Has(lee.Get("/").body, created.Json().at("reference").get<std::string>()));
  EXPECT_EQ(PostWithVersion(lee, path + "/screening/start", json::object(), 1).status, 200);
}

// The same link through the page: the contact page warns that the record's name is not the child's.
TEST_F(CaseAccess, HCR5_TheLinkPageWarnsWhenTheRecordDisagreesWithTheContact) {
  std::int64_t tia_id = 0;
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    tia_id = tx->Query("SELECT id FROM people WHERE first_names = 'Tia'").at(0).Int(0);
  }
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts",
                                  ContactAbout(json::array({Child("Tia", "Sample", "2012-11-03")})));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string page = "/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto worker = SignedIn(Role::kSocialWorker);
  auto posted = worker.Send("POST", page + "/children/0/person",
                            "csrf_token=" + http::PercentEncode(worker.csrf_token) + "&person_id=" + std::to_string(tia_id),
                            {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(posted.status, 303) << posted.body;
  const std::string location = posted.Header("location");
  EXPECT_TRUE(Has(location, "differs=date_of_birth")) << location;
  const std::string shown = worker.Get(location).body;
  EXPECT_TRUE(Has(shown, "date of birth is not the child")) << shown;
  EXPECT_TRUE(Has(shown, "Tia Sample is open to Lee Locality")) << shown;
}

// The rule itself, without a server.
TEST(CaseAccessRule, AllocatedWorkerAndTheirTeamManagersOnly) {
  const app::CaseHolder holder{7, "Lee Locality", 3};
  app::Actor lee{7, "lee", "Lee Locality", Role::kSocialWorker, 3};
  app::Actor colleague{8, "sam", "Sam", Role::kSocialWorker, 3};
  app::Actor manager{9, "nia", "Nia", Role::kTeamManager, 3};
  app::Actor other_manager{10, "max", "Max", Role::kTeamManager, 4};
  app::Actor teamless_manager{11, "tom", "Tom", Role::kTeamManager, std::nullopt};
  EXPECT_TRUE(app::MayWorkOnCase(lee, holder));
  EXPECT_FALSE(app::MayWorkOnCase(colleague, holder));  // same team, but not a manager
  EXPECT_TRUE(app::MayWorkOnCase(manager, holder));
  EXPECT_FALSE(app::MayWorkOnCase(other_manager, holder));
  EXPECT_FALSE(app::MayWorkOnCase(teamless_manager, holder));
  EXPECT_TRUE(app::MayWorkOnCase(colleague, std::nullopt));  // held by the front door: the role decides
  const app::CaseHolder no_team{7, "Lee Locality", std::nullopt};
  EXPECT_FALSE(app::MayWorkOnCase(teamless_manager, no_team));
}

// POSTs a page's form as a browser does, with the session's CSRF token.
HttpReply PostForm(HttpClient& client, const std::string& path, const std::string& fields = "") {
  return client.Send("POST", path, "csrf_token=" + client.csrf_token + (fields.empty() ? "" : "&" + fields),
                     {{"Content-Type", "application/x-www-form-urlencoded"}});
}

// RULE KCR-10: record checks rely on the register saying truly whether a child is subject of a
// child protection plan, so the plan (an open involvement) is the case holder's to end: Lee, who
// holds Tia's case, and Nia, a manager of Lee's team (issue 8 point 1, app/case_access.h). A
// manager or worker of another team (here the Front Door) is refused, told whom to ask, over the
// API and on the page, and may not open another involvement on the case either; history (an
// involvement already ended) is anyone's to record.
TEST_F(CaseAccess, KCR10_OnlyTheCaseHolderAndTheirTeamManagersEndAChildProtectionPlan) {
  std::int64_t tia = 0;
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    tia = tx->Query("SELECT id FROM people WHERE first_names = 'Tia'").at(0).Int(0);
  }
  const std::string person = "/api/v1/people/" + std::to_string(tia);
  auto lee = As("lee");
  auto plan = lee.SendJson("POST", person + "/involvements",
                           {{"kind", "child_protection_plan"}, {"started_on", "2026-01-12"},
                            {"allocated_user_id", lee_id_}, {"summary", "Plan after an ICPC"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  const std::int64_t plan_id = plan.Json().at("involvements").at(0).at("id").get<std::int64_t>();
  const std::string close = "/api/v1/involvements/" + std::to_string(plan_id) + "/close";
  const std::string end_page = "/people/" + std::to_string(tia) + "/involvements/" + std::to_string(plan_id) + "/end";

  auto front_door_manager = SignedIn(Role::kTeamManager);
  auto front_door_worker = SignedIn(Role::kSocialWorker);
  for (HttpClient* other : {&front_door_manager, &front_door_worker}) {
    auto refused = other->SendJson("POST", close, {{"ended_on", "2026-02-01"}});
    ASSERT_EQ(refused.status, 403) << refused.body;
    const std::string detail = refused.Json().at("detail").get<std::string>();
    EXPECT_NE(detail.find("Lee Locality"), std::string::npos) << detail;
    EXPECT_NE(detail.find("child protection plan"), std::string::npos) << detail;
    // Nor may they open another involvement on Tia's open case; an ended one is history.
    auto opened = other->SendJson("POST", person + "/involvements",
                                  {{"kind", "looked_after"}, {"started_on", "2026-02-01"}});
    EXPECT_EQ(opened.status, 403) << opened.body;
    auto history = other->SendJson("POST", person + "/involvements",
                                   {{"kind", "early_help"}, {"started_on", "2020-01-06"}, {"ended_on", "2020-06-30"}});
    EXPECT_EQ(history.status, 201) << history.body;
    // The page offers no way to end it, and refuses the form either way.
    auto page = other->Get("/people/" + std::to_string(tia));
    ASSERT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("href=\"" + end_page + "\""), std::string::npos);
    EXPECT_EQ(other->Get(end_page).status, 403);
    auto posted = PostForm(*other, end_page);
    EXPECT_EQ(posted.status, 403) << posted.body;
    EXPECT_NE(posted.body.find("Lee Locality"), std::string::npos);
  }
  auto still = lee.Get(person);
  EXPECT_TRUE(still.Json().at("summary").at("child_protection_plan").get<bool>()) << still.body;

  // Lee sees the way to end it; Nia, a manager of Lee's team, ends it.
  EXPECT_NE(lee.Get("/people/" + std::to_string(tia)).body.find("href=\"" + end_page + "\""), std::string::npos);
  auto nia = As("nia");
  auto ended = PostForm(nia, end_page, "ended_on-day=1&ended_on-month=2&ended_on-year=2026");
  EXPECT_EQ(ended.status, 303) << ended.body;
  EXPECT_FALSE(lee.Get(person).Json().at("summary").at("child_protection_plan").get<bool>());
}

}  // namespace
}  // namespace fd::testing
