// Read audit over real HTTP (issue 8 point 3): opening a person, a contact, a consultation, a Child
// Protection Chair consultation or a referrer's identity is audited, a re-read after a change is not,
// and the data protection officer (only) lists who viewed a person's records, a page at a time.
#include <gtest/gtest.h>

#include <set>

#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "mia_example.h"
#include "procedures_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kForm{{"Content-Type", "application/x-www-form-urlencoded"}};

// Kent's packs (named consultations and CP chair consultations) on a fixed Tuesday morning, so the
// consultation line is open whatever the time of the run.
class RecordAccess : public ApiTestUnderProcedures {
 protected:
  void Configure(service::ServiceOptions&) override { UseProcedures("kent", fixed_); }

  // Mia on the register, as a social worker records her.
  std::int64_t Mia() {
    auto worker = SignedIn(Role::kSocialWorker);
    auto created = worker.SendJson("POST", "/api/v1/people", MiaForTheRegister());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().at("id").get<std::int64_t>();
  }

  // A member of the public's contact about Mia, her record linked to the contact's child.
  json ContactAbout(std::int64_t person_id) {
    auto officer = SignedIn(Role::kContactOfficer);
    auto created = officer.SendJson(
        "POST", "/api/v1/contacts",
        {{"referrer",
          {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "07700 900123"}}},
         {"children", json::array({{{"first_names", "Mia"}, {"last_name", "Example"},
                                    {"date_of_birth", "2017-05-14"}, {"gender", "female"},
                                    {"address", "12 Orchard Way"}}})},
         {"concern", "Heard shouting and a child crying late every night this week."}});
    EXPECT_EQ(created.status, 201) << created.body;
    const json contact = created.Json();
    auto linked = officer.SendJson("POST", ContactPath(contact) + "/children/0/person", {{"person_id", person_id}});
    EXPECT_EQ(linked.status, 200) << linked.body;
    return contact;
  }

  static std::string ContactPath(const json& contact) {
    return "/api/v1/contacts/" + std::to_string(contact.at("id").get<std::int64_t>());
  }

  std::int64_t Count(const std::string& action) {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ?", {action}).at(0).Int(0);
  }

  static std::string ListPath(std::int64_t person_id, const std::string& query = "") {
    return "/api/v1/people/" + std::to_string(person_id) + "/record-access" + query;
  }

  app::FixedClock fixed_{*ParseUtc("2019-03-05T10:00:00Z")};
};

// Issue 8 point 3, RULE KCR-14: each way of opening Mia's records is one row of the DPO's listing,
// newest first, with who, their role, what was opened and, for the referrer's identity, why.
TEST_F(RecordAccess, EveryOpeningIsListedForTheDpoWithWhoKindAndReason) {
  const auto mia = Mia();
  const json contact = ContactAbout(mia);
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  auto adviser = SignedIn(Role::kHubAdviser);

  // The person, the contact (API, workflow API, page) and the referrer's identity (KCR-14).
  ASSERT_EQ(worker.Get("/api/v1/people/" + std::to_string(mia)).status, 200);
  ASSERT_EQ(worker.Get(ContactPath(contact)).status, 200);
  ASSERT_EQ(manager.Get(ContactPath(contact) + "/workflow").status, 200);
  ASSERT_EQ(officer.Get("/contacts/" + std::to_string(contact.at("id").get<std::int64_t>())).status, 200);
  auto revealed = officer.SendJson("POST", ContactPath(contact) + "/referrer-identity",
                                   {{"reason", "To call them back about what they heard"}});
  ASSERT_EQ(revealed.status, 200) << revealed.body;

  // A named consultation about Mia, linked to her record by the register check, opened by an adviser.
  auto requested = officer.SendJson(
      "POST", "/api/v1/consultations",
      {{"type", "named"}, {"consultee_name", "Priya Shah"}, {"consultee_organisation", "Riverside Primary"},
       {"consultee_phone", "01632 960 001"}, {"caller_type", "school"}, {"summary", "Mia is often hungry."},
       {"safeguarding_lead_consulted", true}, {"parent_discussed", true},
       {"child", {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"}}}});
  ASSERT_EQ(requested.status, 201) << requested.body;
  const std::string consultation = "/api/v1/consultations/" + std::to_string(requested.Json().at("id").get<std::int64_t>());
  auto checked = worker.SendJson("POST", consultation + "/register-check", json::object());
  ASSERT_EQ(checked.status, 200) << checked.body;
  {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    ASSERT_EQ(tx->Query("SELECT person_id FROM consultations WHERE id = ?", {requested.Json().at("id").get<std::int64_t>()})
                  .at(0)
                  .OptionalInt(0),
              mia);
  }
  ASSERT_EQ(adviser.Get(consultation).status, 200);

  // A CP chair consultation about Mia (her record matched at the request), opened by its requester.
  auto chair = worker.SendJson("POST", "/api/v1/chair-consultations",
                               {{"area", "north-west"}, {"child_first_names", "Mia"}, {"child_last_name", "Example"},
                                {"child_date_of_birth", "2017-05-14"}, {"reason", "Is a conference proportionate?"},
                                {"strategy_discussion_held", false}, {"icpc_decision_made", false}});
  ASSERT_EQ(chair.status, 201) << chair.body;
  ASSERT_EQ(chair.Json().at("person_id"), mia) << chair.body;
  const std::string chair_path =
      "/api/v1/chair-consultations/" + std::to_string(chair.Json().at("id").get<std::int64_t>());
  ASSERT_EQ(worker.Get(chair_path).status, 200);

  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  auto listed = dpo.Get(ListPath(mia));
  ASSERT_EQ(listed.status, 200) << listed.body;
  const json body = listed.Json();
  EXPECT_EQ(body.at("person_id"), mia);
  EXPECT_EQ(body.at("restricted"), false);
  ASSERT_EQ(body.at("total"), 7) << body.dump(2);
  const json& views = body.at("views");
  ASSERT_EQ(views.size(), 7u);
  struct Want {
    const char* user;
    const char* role;
    const char* kind;
    std::string record;
    json reason;
  };
  const std::string reference = contact.at("reference").get<std::string>();
  const std::vector<Want> want = {
      {"Test social_worker", "social_worker", "chair-consultation", chair.Json().at("reference").get<std::string>(), nullptr},
      {"Test hub_adviser", "hub_adviser", "consultation", requested.Json().at("number").get<std::string>(), nullptr},
      {"Test contact_officer", "contact_officer", "referrer-identity", reference, "To call them back about what they heard"},
      {"Test contact_officer", "contact_officer", "contact", reference, nullptr},
      {"Test team_manager", "team_manager", "contact", reference, nullptr},
      {"Test social_worker", "social_worker", "contact", reference, nullptr},
      {"Test social_worker", "social_worker", "person", std::to_string(mia), nullptr},
  };
  for (std::size_t i = 0; i < want.size(); ++i) {
    SCOPED_TRACE(views.at(i).dump());
    EXPECT_EQ(views.at(i).at("user"), want[i].user);
    EXPECT_EQ(views.at(i).at("role"), want[i].role);
    EXPECT_EQ(views.at(i).at("kind"), want[i].kind);
    EXPECT_EQ(views.at(i).at("record"), want[i].record);
    EXPECT_EQ(views.at(i).at("reason"), want[i].reason);
    EXPECT_EQ(views.at(i).at("at_utc"), "2019-03-05T10:00:00Z");
    EXPECT_EQ(views.at(i).at("at"), "2019-03-05T10:00:00+00:00");  // local time: GMT in March
  }
  // The listing carries ids and references, never the person's or the referrer's name.
  EXPECT_EQ(listed.body.find("Mia"), std::string::npos);
  EXPECT_EQ(listed.body.find("Jo Neighbour"), std::string::npos);
  // The view events name the contact's linked register people; the listing itself is audited.
  {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    auto rows = tx->Query("SELECT changes FROM audit_events WHERE action = 'contact.viewed' ORDER BY seq");
    ASSERT_EQ(rows.size(), 3u);
    EXPECT_EQ(json::parse(rows[0].Text(0)).at("person_ids"), json::array({mia}));
  }
  EXPECT_EQ(Count("record-access.listed"), 1);
}

// Issue 8 point 3: the answer to a change (a workflow step, a chair consultation step) and the
// contact returned when it is recorded are re-reads, not views; the list and queue are not audited.
TEST_F(RecordAccess, ReReadsAfterAChangeAndListsAreNotViews) {
  const auto mia = Mia();
  const json contact = ContactAbout(mia);
  auto worker = SignedIn(Role::kSocialWorker);
  auto opened = worker.Get(ContactPath(contact));
  ASSERT_EQ(opened.status, 200);
  EXPECT_EQ(Count("contact.viewed"), 1);

  auto started = worker.SendJson("POST", ContactPath(contact) + "/screening/start",
                                 {{"version", opened.Json().at("version")}});
  ASSERT_EQ(started.status, 200) << started.body;
  auto saved = worker.SendJson("PUT", ContactPath(contact) + "/screening",
                               {{"version", started.Json().at("version")}, {"significant_harm", "no"}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  ASSERT_EQ(worker.Get("/api/v1/contacts").status, 200);
  ASSERT_EQ(worker.Get("/api/v1/contacts?queue=front-door").status, 200);
  EXPECT_EQ(Count("contact.viewed"), 1);

  auto chair = worker.SendJson("POST", "/api/v1/chair-consultations",
                               {{"area", "north-west"}, {"child_first_names", "Mia"}, {"child_last_name", "Example"},
                                {"child_date_of_birth", "2017-05-14"}, {"reason", "Is a conference proportionate?"},
                                {"strategy_discussion_held", false}, {"icpc_decision_made", false}});
  ASSERT_EQ(chair.status, 201) << chair.body;
  auto coordinator = SignedIn(Role::kCpCoordinator);
  auto chair_user = SignedIn(Role::kCpChair).Get("/api/v1/session").Json().at("user").at("id");
  auto allocated = coordinator.SendJson(
      "POST", "/api/v1/chair-consultations/" + std::to_string(chair.Json().at("id").get<std::int64_t>()) + "/allocate",
      {{"chair_user_id", chair_user}});
  ASSERT_EQ(allocated.status, 200) << allocated.body;
  ASSERT_EQ(coordinator.Get("/api/v1/chair-consultations").status, 200);
  EXPECT_EQ(Count("chair-consultation.viewed"), 0);

  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  EXPECT_EQ(dpo.Get(ListPath(mia)).Json().at("total"), 1);
}

// Issue 8 point 3 (docs/security.md "Read audit": a row of a list is not a look at the record): a row
// of the contact list or a queue is a summary, never the concern, a child's date of birth, NHS number,
// address or school, nor the referrer's contact details; the whole contact is read by id, audited.
TEST_F(RecordAccess, Issue8_ListRowsAreSummariesAndTheRecordIsReadByIdAudited) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson(
      "POST", "/api/v1/contacts",
      {{"referrer", {{"type", "school"}, {"name", "Sam Teacher"}, {"role", "DSL"}, {"agency", "Oak Primary"},
                     {"phone", "01632 960111"}, {"email", "sam.teacher@oak.example.sch.uk"}}},
       {"children", json::array({{{"first_names", "Mia"}, {"last_name", "Example"},
                                  {"date_of_birth", "2017-05-14"}, {"gender", "female"},
                                  {"address", "12 Orchard Way, Exampleton"}, {"school", "Oak Primary School"},
                                  {"nhs_number", "943 476 5919"}}})},
       {"concern", "Heard shouting and a child crying late every night this week."}});
  ASSERT_EQ(created.status, 201) << created.body;
  const json contact = created.Json();
  const std::string queue = contact.at("queue");
  for (Role role : {Role::kContactOfficer, Role::kSocialWorker, Role::kTeamManager}) {
    auto reader = SignedIn(role);
    for (const std::string& path : {std::string("/api/v1/contacts?page_size=100"), "/api/v1/contacts?queue=" + queue}) {
      SCOPED_TRACE(std::string(RoleId(role)) + " " + path);
      auto listed = reader.Get(path);
      ASSERT_EQ(listed.status, 200) << listed.body;
      const json items = listed.Json().at("items");
      ASSERT_EQ(items.size(), 1u);
      const json& row = items[0];
      EXPECT_EQ(row.at("id"), contact.at("id"));
      EXPECT_EQ(row.at("reference"), contact.at("reference"));
      EXPECT_EQ(row.at("state"), contact.at("state"));
      EXPECT_EQ(row.at("version"), contact.at("version"));
      EXPECT_EQ(row.at("referrer").at("type"), "school");
      EXPECT_EQ(row.at("referrer").at("agency"), "Oak Primary");
      EXPECT_EQ(row.at("children").at(0).at("first_names"), "Mia");
      EXPECT_FALSE(row.contains("concern"));
      EXPECT_FALSE(row.contains("intake"));
      for (const char* field : {"date_of_birth", "nhs_number", "address", "school"})
        EXPECT_FALSE(row.at("children").at(0).contains(field)) << field;
      for (const char* field : {"name", "role", "phone", "email"})
        EXPECT_FALSE(row.at("referrer").contains(field)) << field;
      for (const char* secret : {"shouting", "943 476 5919", "9434765919", "Orchard Way", "Oak Primary School",
                                 "2017-05-14", "Sam Teacher", "01632 960111", "sam.teacher@"})
        EXPECT_EQ(listed.body.find(secret), std::string::npos) << secret;
    }
  }
  EXPECT_EQ(Count("contact.viewed"), 0);
  auto shown = SignedIn(Role::kSocialWorker).Get(ContactPath(contact));
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.Json().at("concern"), "Heard shouting and a child crying late every night this week.");
  EXPECT_EQ(shown.Json().at("children").at(0).at("nhs_number"), contact.at("children").at(0).at("nhs_number"));
  EXPECT_EQ(shown.Json().at("children").at(0).at("school"), "Oak Primary School");
  EXPECT_EQ(Count("contact.viewed"), 1);
}

// Issue 8 point 3: the consultations' call-back queue and the CP chair consultations' list are
// summaries too: no summary, child, consultee's phone, reason or record; each is read by id, audited.
TEST_F(RecordAccess, Issue8_ConsultationListsAreSummaries) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto requested = officer.SendJson(
      "POST", "/api/v1/consultations",
      {{"type", "named"}, {"consultee_name", "Priya Shah"}, {"consultee_organisation", "Riverside Primary"},
       {"consultee_phone", "01632 960 001"}, {"caller_type", "school"}, {"summary", "Mia is often hungry."},
       {"safeguarding_lead_consulted", true}, {"parent_discussed", true},
       {"child", {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"}}}});
  ASSERT_EQ(requested.status, 201) << requested.body;
  auto queue = worker.Get("/api/v1/consultations");
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(queue.Json().at("items").size(), 1u);
  EXPECT_EQ(queue.Json().at("items").at(0).at("number"), requested.Json().at("number"));
  EXPECT_EQ(queue.Json().at("items").at(0).at("consultee").at("name"), "Priya Shah");
  for (const char* secret : {"often hungry", "01632 960 001", "Mia", "2017-05-14"})
    EXPECT_EQ(queue.body.find(secret), std::string::npos) << secret;
  const std::string consultation = "/api/v1/consultations/" + std::to_string(requested.Json().at("id").get<std::int64_t>());
  auto opened = worker.Get(consultation);
  ASSERT_EQ(opened.status, 200);
  EXPECT_NE(opened.body.find("often hungry"), std::string::npos);
  EXPECT_EQ(Count("consultation.viewed"), 1);

  auto chair = worker.SendJson("POST", "/api/v1/chair-consultations",
                               {{"area", "north-west"}, {"child_first_names", "Mia"}, {"child_last_name", "Example"},
                                {"child_date_of_birth", "2017-05-14"}, {"reason", "Is a conference proportionate?"},
                                {"strategy_discussion_held", false}, {"icpc_decision_made", false}});
  ASSERT_EQ(chair.status, 201) << chair.body;
  for (Role role : {Role::kSocialWorker, Role::kCpCoordinator}) {
    auto listed = SignedIn(role).Get("/api/v1/chair-consultations");
    ASSERT_EQ(listed.status, 200) << listed.body;
    const json items = listed.Json().at("items");
    ASSERT_EQ(items.size(), 1u) << RoleId(role);
    const json& row = items.at(0);
    EXPECT_EQ(row.at("reference"), chair.Json().at("reference"));
    EXPECT_EQ(row.at("child").at("last_name"), "Example");
    EXPECT_FALSE(row.contains("record"));
    for (const char* secret : {"proportionate", "2017-05-14"})
      EXPECT_EQ(listed.body.find(secret), std::string::npos) << RoleId(role) << " " << secret;
  }
  EXPECT_EQ(Count("chair-consultation.viewed"), 0);
  auto shown = worker.Get("/api/v1/chair-consultations/" + std::to_string(chair.Json().at("id").get<std::int64_t>()));
  ASSERT_EQ(shown.status, 200);
  EXPECT_EQ(shown.Json().at("reason"), "Is a conference proportionate?");
  EXPECT_EQ(Count("chair-consultation.viewed"), 1);
}

// Issue 8 point 3: listing every contact is for those who work the front door's queues. A hub adviser
// (advice only, HCR-7), a CP coordinator and a CP chair (their chair consultations, CPC-2…CPC-5) are
// refused the list and the queues, on the API and the pages, but open a contact they are led to, audited.
TEST_F(RecordAccess, Issue8_OnlyThoseWhoWorkTheQueuesListContacts) {
  const json contact = ContactAbout(Mia());
  const std::string id = std::to_string(contact.at("id").get<std::int64_t>());
  for (Role role : {Role::kHubAdviser, Role::kCpCoordinator, Role::kCpChair}) {
    SCOPED_TRACE(std::string(RoleId(role)));
    auto client = SignedIn(role);
    for (const char* path : {"/api/v1/contacts", "/api/v1/contacts?queue=front-door", "/contacts",
                             "/contacts?queue=front-door", "/api/v1/referrals", "/referrals"})
      EXPECT_EQ(client.Get(path).status, 403) << path;
    const auto home = client.Get("/");
    EXPECT_EQ(home.status, 200);
    EXPECT_EQ(home.body.find("href=\"/contacts\""), std::string::npos);
    const auto before = Count("contact.viewed");
    EXPECT_EQ(client.Get(ContactPath(contact)).status, 200);
    const auto page = client.Get("/contacts/" + id);
    EXPECT_EQ(page.status, 200);
    EXPECT_EQ(page.body.find("href=\"/contacts\""), std::string::npos);
    EXPECT_EQ(Count("contact.viewed"), before + 2);
  }
}

// Issue 8 point 3: only the data protection officer lists who viewed a person's records, on the API
// and the pages; everyone else is refused, whatever else they may do with the record.
// A record is shown only once its view is durable (app/read_audit.h): when the view cannot be written
// (the disk is full), the answer is 503 and holds nothing of the record, and no view is counted.
TEST_F(RecordAccess, AViewThatCannotBeRecordedShowsNothing) {
  const auto mia = Mia();
  const json contact = ContactAbout(mia);
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string id = std::to_string(contact.at("id").get<std::int64_t>());
  const auto contact_views = Count("contact.viewed");
  const auto person_views = Count("person.viewed");
  store_->FailFromNowOn(true);
  for (const std::string& path : {ContactPath(contact), ContactPath(contact) + "/workflow",
                                  "/api/v1/people/" + std::to_string(mia), "/contacts/" + id}) {
    auto reply = worker.Get(path);
    EXPECT_EQ(reply.status, 503) << path;
    EXPECT_EQ(reply.body.find("Mia"), std::string::npos) << path;
    EXPECT_EQ(reply.body.find("shouting"), std::string::npos) << path;
  }
  store_->FailFromNowOn(false);
  EXPECT_EQ(Count("contact.viewed"), contact_views);
  EXPECT_EQ(Count("person.viewed"), person_views);
  auto shown = worker.Get(ContactPath(contact));
  EXPECT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("shouting"), std::string::npos);
  EXPECT_EQ(Count("contact.viewed"), contact_views + 1);
}

TEST_F(RecordAccess, OnlyTheDpoMayListWhoViewed) {
  const auto mia = Mia();
  const std::string page = "/people/" + std::to_string(mia) + "/record-access";
  for (Role role : {Role::kSocialWorker, Role::kTeamManager, Role::kAnalyst, Role::kContactOfficer,
                    Role::kAdministrator}) {
    SCOPED_TRACE(std::string(RoleId(role)));
    auto client = SignedIn(role);
    auto refused = client.Get(ListPath(mia));
    EXPECT_EQ(refused.status, 403) << refused.body;
    EXPECT_EQ(refused.Header("content-type"), "application/problem+json");
    EXPECT_EQ(client.Get(page).status, 403);
    EXPECT_EQ(client.Get("/record-access").status, 403);
    EXPECT_EQ(client.Send("POST", "/record-access",
                          "csrf_token=" + client.csrf_token + "&person=" + std::to_string(mia), kForm)
                  .status,
              403);
    EXPECT_EQ(client.Get("/").body.find("href=\"/record-access\""), std::string::npos);
  }
  EXPECT_EQ(Count("record-access.listed"), 0);
  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  EXPECT_EQ(dpo.Get(ListPath(mia)).status, 200);
  EXPECT_EQ(dpo.Get(ListPath(424242)).status, 404);
  EXPECT_EQ(dpo.Get(ListPath(mia, "?page_size=0")).status, 422);
  EXPECT_EQ(dpo.Get(ListPath(mia, "?page_size=101")).status, 422);
  EXPECT_EQ(dpo.Get(ListPath(mia, "?page=0")).status, 422);
  EXPECT_NE(dpo.Get("/").body.find("href=\"/record-access\""), std::string::npos);
}

// Issue 8 point 3: a person with many views is listed a page at a time, newest first, on the API and
// the page (GOV.UK pagination).
TEST_F(RecordAccess, PagingWorksNewestFirst) {
  const auto mia = Mia();
  const std::string person = "/api/v1/people/" + std::to_string(mia);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  ASSERT_EQ(worker.Get(person).status, 200);  // the oldest view
  for (int i = 0; i < 59; ++i) ASSERT_EQ(manager.Get(person).status, 200);

  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  std::vector<json> seen;
  for (int page = 1; page <= 4; ++page) {
    auto reply = dpo.Get(ListPath(mia, "?page_size=25&page=" + std::to_string(page)));
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json body = reply.Json();
    EXPECT_EQ(body.at("total"), 60);
    EXPECT_EQ(body.at("page"), page);
    EXPECT_EQ(body.at("page_size"), 25);
    EXPECT_EQ(body.at("views").size(), page == 1 || page == 2 ? 25u : page == 3 ? 10u : 0u);
    for (const auto& v : body.at("views")) seen.push_back(v);
  }
  ASSERT_EQ(seen.size(), 60u);
  for (std::size_t i = 0; i + 1 < seen.size(); ++i) EXPECT_EQ(seen[i].at("user"), "Test team_manager") << i;
  EXPECT_EQ(seen.back().at("user"), "Test social_worker");  // newest first: the first view comes last

  const std::string page = "/people/" + std::to_string(mia) + "/record-access";
  auto first = dpo.Get(page);
  ASSERT_EQ(first.status, 200);
  EXPECT_NE(first.body.find("govuk-pagination"), std::string::npos);
  EXPECT_NE(first.body.find("href=\"" + page + "?page=2\" rel=\"next\""), std::string::npos) << first.body;
  EXPECT_NE(first.body.find("60 views, newest first"), std::string::npos);
  auto last = dpo.Get(page + "?page=3");
  ASSERT_EQ(last.status, 200);
  EXPECT_NE(last.body.find("Test social_worker"), std::string::npos);
  EXPECT_EQ(last.body.find("rel=\"next\""), std::string::npos);
  EXPECT_NE(last.body.find("href=\"" + page + "?page=2\" rel=\"prev\""), std::string::npos);
  // Past the end: nothing here, and a way back to the first page.
  auto beyond = dpo.Get(page + "?page=99");
  ASSERT_EQ(beyond.status, 200);
  EXPECT_NE(beyond.body.find("There are no views on this page."), std::string::npos);
  EXPECT_NE(beyond.body.find("<a class=\"govuk-link\" href=\"" + page + "\">Go to the first page</a>"), std::string::npos)
      << beyond.body;
}

// Issue 8 point 3: the DPO's page — the table with its caption, the empty state, and the form that
// finds the person by register number or contact reference. A restricted record is listed with
// numbers only.
TEST_F(RecordAccess, ThePagesForTheDpo) {
  const auto mia = Mia();
  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  const std::string page = "/people/" + std::to_string(mia) + "/record-access";
  auto empty = dpo.Get(page);
  ASSERT_EQ(empty.status, 200);
  EXPECT_NE(empty.body.find("Nobody has opened this person"), std::string::npos);
  EXPECT_EQ(empty.body.find("govuk-table"), std::string::npos);

  const json contact = ContactAbout(mia);
  auto manager = SignedIn(Role::kTeamManager);
  ASSERT_EQ(manager.Get("/contacts/" + std::to_string(contact.at("id").get<std::int64_t>())).status, 200);
  auto restricted = manager.SendJson("POST", "/api/v1/people/" + std::to_string(mia) + "/restriction",
                                     {{"restricted", true}, {"ask", "Ask the Head of Service"}});
  ASSERT_EQ(restricted.status, 200) << restricted.body;
  ASSERT_EQ(SignedIn(Role::kSocialWorker).Get("/people/" + std::to_string(mia)).status, 200);  // existence only

  auto shown = dpo.Get(page);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("class=\"govuk-table\""), std::string::npos);
  EXPECT_NE(shown.body.find("Who viewed these records"), std::string::npos);
  EXPECT_NE(shown.body.find("Test team_manager"), std::string::npos);
  EXPECT_NE(shown.body.find("Team manager"), std::string::npos);
  EXPECT_NE(shown.body.find("Contact " + contact.at("reference").get<std::string>()), std::string::npos);
  EXPECT_NE(shown.body.find("Register record of person " + std::to_string(mia)), std::string::npos);
  EXPECT_NE(shown.body.find("This record is restricted"), std::string::npos);
  EXPECT_EQ(shown.body.find("Mia"), std::string::npos);
  EXPECT_EQ(dpo.Get(ListPath(mia)).Json().at("restricted"), true);

  // Finding the person: the form has the CSRF field; a number or a contact reference goes to the list.
  auto form = dpo.Get("/record-access");
  ASSERT_EQ(form.status, 200);
  EXPECT_NE(form.body.find("name=\"csrf_token\" value=\"" + dpo.csrf_token + "\""), std::string::npos);
  auto by_number = dpo.Send("POST", "/record-access", "csrf_token=" + dpo.csrf_token + "&person=" + std::to_string(mia),
                            kForm);
  EXPECT_EQ(by_number.status, 303);
  EXPECT_EQ(by_number.Header("location"), page);
  auto by_reference =
      dpo.Send("POST", "/record-access",
               "csrf_token=" + dpo.csrf_token + "&person=" + http::PercentEncode(contact.at("reference").get<std::string>()),
               kForm);
  EXPECT_EQ(by_reference.status, 303);
  EXPECT_EQ(by_reference.Header("location"), page);
  auto unknown = dpo.Send("POST", "/record-access", "csrf_token=" + dpo.csrf_token + "&person=FD-1999-999999", kForm);
  EXPECT_EQ(unknown.status, 422);
  EXPECT_NE(unknown.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(unknown.body.find("FD-1999-999999"), std::string::npos);  // kept as typed
  EXPECT_EQ(dpo.Send("POST", "/record-access", "csrf_token=" + dpo.csrf_token + "&person=", kForm).status, 422);
}


// RULE IR-9: a request for information names a register person, and every read of it is a look at
// that person's records: the DPO's listing shows it, API and page, with the request's reference and
// kind "information-request". Hertfordshire's pack (the fixture's) defines request kinds; Kent's none.
using RecordAccessOfRequests = ApiTest;

TEST_F(RecordAccessOfRequests, IR9_ReadsOfARequestForInformationAreInThePersonsAccessRecord) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto person = worker.SendJson("POST", "/api/v1/people", MiaForTheRegister());
  ASSERT_EQ(person.status, 201) << person.body;
  const auto mia = person.Json().at("id").get<std::int64_t>();

  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/information-requests",
                                  {{"type", "immigration"},
                                   {"requester_name", "Jo Duty"},
                                   {"requester_organisation", "UK Visas and Immigration"},
                                   {"requester_email", "jo.duty@homeoffice.gov.uk"},
                                   {"subject_first_names", "Mia"},
                                   {"subject_last_name", "Example"},
                                   {"subject_date_of_birth", "2017-05-14"},
                                   {"person_id", mia},
                                   {"details", "Is the child known?"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const auto request_id = created.Json().at("id").get<std::int64_t>();
  const std::string reference = created.Json().at("reference").get<std::string>();
  ASSERT_EQ(officer.Get("/api/v1/information-requests/" + std::to_string(request_id)).status, 200);
  ASSERT_EQ(officer.Get("/information-requests/" + std::to_string(request_id)).status, 200);

  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  auto listed = dpo.Get("/api/v1/people/" + std::to_string(mia) + "/record-access");
  ASSERT_EQ(listed.status, 200) << listed.body;
  const json body = listed.Json();
  // Three: the answer to recording it showed the whole request too (finding 4), then the two GETs.
  ASSERT_EQ(body.at("total"), 3) << body.dump(2);
  for (const auto& view : body.at("views")) {
    EXPECT_EQ(view.at("kind"), "information-request") << view.dump();
    EXPECT_EQ(view.at("record"), reference);
    EXPECT_EQ(view.at("record_id"), request_id);
    EXPECT_EQ(view.at("user"), "Test contact_officer");
    EXPECT_EQ(view.at("role"), "contact_officer");
  }

  auto page = dpo.Get("/people/" + std::to_string(mia) + "/record-access");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Request for information " + reference), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("3 views, newest first"), std::string::npos);
  EXPECT_EQ(page.body.find("Mia"), std::string::npos);  // references only, never a name
}

}  // namespace
}  // namespace fd::testing
