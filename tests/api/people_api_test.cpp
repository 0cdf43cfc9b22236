// The people register over real HTTP: recording people and their family, the register view (JSON
// and page), restricted records, merging and undoing, linking a contact's child, and refusals.
#include "api_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using PeopleApi = ApiTest;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

std::int64_t Create(HttpClient& client, json person) {
  auto reply = client.SendJson("POST", "/api/v1/people", person);
  EXPECT_EQ(reply.status, 201) << reply.body;
  return reply.status == 201 ? reply.Json().at("id").get<std::int64_t>() : 0;
}

std::string PersonUrl(std::int64_t id, const std::string& rest = "") {
  return "/api/v1/people/" + std::to_string(id) + rest;
}

TEST_F(PeopleApi, CreateAndReadAPerson) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto created = worker.SendJson("POST", "/api/v1/people",
                                 {{"first_names", "Mia"},
                                  {"last_name", "Example"},
                                  {"date_of_birth", "2017-05-14"},
                                  {"gender", "female"},
                                  {"nhs_number", "943 476 5919"},
                                  {"address", "12 Orchard Way, Exampleton EX1 2AB"}});
  ASSERT_EQ(created.status, 201) << created.body;
  const json mia = created.Json();
  EXPECT_EQ(created.Header("location"), PersonUrl(mia.at("id")));
  EXPECT_EQ(mia.at("nhs_number"), "9434765919");
  EXPECT_EQ(mia.at("postcode"), "EX12AB");
  EXPECT_EQ(mia.at("current_address").at("postcode"), "EX12AB");
  EXPECT_EQ(mia.at("summary").at("open_case"), false);

  auto read = worker.Get(created.Header("location"));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Json().at("first_names"), "Mia");
  EXPECT_EQ(read.Json().at("visible"), true);

  // Unknown fields are refused by name; every bad field is listed.
  auto refused = worker.SendJson("POST", "/api/v1/people",
                                 {{"first_names", "Leo"}, {"last_name", "Example"}, {"nickname", "Lee"},
                                  {"date_of_birth", "30/01/2020"}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_EQ(refused.Json().at("errors").at(0).at("field"), "nickname");
  auto bad_date = worker.SendJson("POST", "/api/v1/people",
                                  {{"first_names", "Leo"}, {"last_name", "Example"}, {"date_of_birth", "30/01/2020"}});
  ASSERT_EQ(bad_date.status, 422);
  EXPECT_EQ(bad_date.Json().at("errors").at(0).at("field"), "date_of_birth");
  EXPECT_EQ(worker.Get("/api/v1/people/424242").status, 404);
  EXPECT_EQ(worker.Get("/api/v1/people/abc").status, 404);
}

// RULE KCR-10: over HTTP, a child's record lists brothers and sisters, the adults of the household,
// and the involvement history with open and closed periods.
TEST_F(PeopleApi, KCR10_ReadWithFamilyHouseholdAndHistory) {
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string home = "12 Orchard Way, Exampleton EX1 2AB";
  const auto mia = Create(worker, {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                                   {"address", home}});
  const auto leo = Create(worker, {{"first_names", "Leo"}, {"last_name", "Example"}, {"date_of_birth", "2020-01-30"},
                                   {"address", home}});
  const auto sam = Create(worker, {{"first_names", "Sam"}, {"last_name", "Example"}, {"is_child", false},
                                   {"address", home}});
  ASSERT_EQ(worker.SendJson("POST", PersonUrl(mia, "/relationships"), {{"related_person_id", leo}, {"kind", "sibling"}}).status, 201);
  ASSERT_EQ(worker.SendJson("POST", PersonUrl(sam, "/relationships"), {{"related_person_id", mia}, {"kind", "parent"}}).status, 201);
  auto self = worker.SendJson("POST", PersonUrl(mia, "/relationships"), {{"related_person_id", mia}, {"kind", "sibling"}});
  EXPECT_EQ(self.status, 422);
  ASSERT_EQ(worker.SendJson("POST", PersonUrl(mia, "/names"),
                            {{"kind", "previous"}, {"first_names", "Mia"}, {"last_name", "Jones"}, {"to_date", "2021-05-31"}})
                .status,
            201);
  auto plan = worker.SendJson("POST", PersonUrl(mia, "/involvements"),
                              {{"kind", "child_protection_plan"}, {"started_on", "2025-02-01"}, {"summary", "Neglect"}});
  ASSERT_EQ(plan.status, 201) << plan.body;
  const auto plan_id = plan.Json().at("involvements").at(0).at("id").get<std::int64_t>();
  EXPECT_EQ(plan.Json().at("summary").at("child_protection_plan"), true);
  ASSERT_EQ(worker.SendJson("POST", PersonUrl(mia, "/involvements"),
                            {{"kind", "assessment"}, {"started_on", "2024-01-10"}, {"ended_on", "2024-03-01"}})
                .status,
            201);

  auto officer = SignedIn(Role::kContactOfficer);
  auto read = officer.Get(PersonUrl(mia));
  ASSERT_EQ(read.status, 200) << read.body;
  const json v = read.Json();
  std::map<std::int64_t, std::string> family;
  for (const auto& f : v.at("family")) family[f.at("person").at("id").get<std::int64_t>()] = f.at("relation");
  EXPECT_EQ(family[leo], "Brother or sister");
  EXPECT_EQ(family[sam], "Parent");
  ASSERT_EQ(v.at("household").at("members").size(), 2u);
  EXPECT_EQ(v.at("household").at("members").at(1).at("person").at("is_child"), false);
  EXPECT_EQ(v.at("names").at(0).at("last_name"), "Jones");
  ASSERT_EQ(v.at("involvements").size(), 2u);
  EXPECT_EQ(v.at("involvements").at(0).at("open"), true);
  EXPECT_EQ(v.at("involvements").at(1).at("open"), false);

  auto closed = worker.SendJson("POST", "/api/v1/involvements/" + std::to_string(plan_id) + "/close", {{"ended_on", "2026-01-31"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.Json().at("summary").at("open_case"), false);
  EXPECT_EQ(worker.SendJson("POST", "/api/v1/involvements/" + std::to_string(plan_id) + "/close", json::object()).status, 409);

  // The register page: family with links, household, the history with open/closed tags.
  auto page = officer.Get("/people/" + std::to_string(mia));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Brother or sister"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/people/" + std::to_string(leo) + "\""), std::string::npos);
  EXPECT_NE(page.body.find("Child protection plan"), std::string::npos);
  EXPECT_NE(page.body.find("Closed"), std::string::npos);
  EXPECT_NE(page.body.find("Jones"), std::string::npos);
}

TEST_F(PeopleApi, ARestrictedRecordAnswers200WithExistenceOnly) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto ezra = Create(worker, {{"first_names", "Ezra"}, {"last_name", "Quinn"}, {"date_of_birth", "2011-06-19"}});
  auto manager = SignedIn(Role::kTeamManager);
  auto restricted = manager.SendJson("POST", PersonUrl(ezra, "/restriction"),
                                     {{"restricted", true}, {"ask", "Morgan Manager, Front Door team manager"}});
  ASSERT_EQ(restricted.status, 200) << restricted.body;
  EXPECT_EQ(restricted.Json().at("restriction").at("viewers").size(), 1u);

  auto officer = SignedIn(Role::kContactOfficer);
  auto read = officer.Get(PersonUrl(ezra));
  ASSERT_EQ(read.status, 200) << read.body;
  const json expected = {{"id", ezra}, {"visible", false}, {"restricted", true},
                         {"ask", "Morgan Manager, Front Door team manager"}};
  EXPECT_EQ(read.Json(), expected);  // nothing else: no name, no date of birth
  auto page = officer.Get("/people/" + std::to_string(ezra));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("This record is restricted"), std::string::npos);
  EXPECT_NE(page.body.find("Morgan Manager, Front Door team manager"), std::string::npos);
  EXPECT_EQ(page.body.find("Ezra"), std::string::npos);
  EXPECT_EQ(page.body.find("2011-06-19"), std::string::npos);
  // The manager who restricted it still sees it; the worker who recorded it no longer may change it.
  EXPECT_EQ(manager.Get(PersonUrl(ezra)).Json().at("first_names"), "Ezra");
  EXPECT_EQ(worker.SendJson("POST", PersonUrl(ezra, "/names"), {{"kind", "alternative"}, {"first_names", "Ez"}, {"last_name", "Quinn"}}).status,
            403);
}

// A relationship shows on both records: relating someone to a restricted record writes to it, so it is
// 403 for anyone not named on it, whichever way round it is stored, and nothing is written.
TEST_F(PeopleApi, RelatingSomeoneToARestrictedRecordIs403ForAnyoneNotNamedOnIt) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto ezra = Create(worker, {{"first_names", "Ezra"}, {"last_name", "Quinn"}});
  const auto mia = Create(worker, {{"first_names", "Mia"}, {"last_name", "Example"}});
  auto manager = SignedIn(Role::kTeamManager);
  ASSERT_EQ(manager.SendJson("POST", PersonUrl(ezra, "/restriction"), {{"restricted", true}, {"ask", "Jo Bloggs, Head of Service"}})
                .status,
            200);
  auto refused = worker.SendJson("POST", PersonUrl(mia, "/relationships"), {{"related_person_id", ezra}, {"kind", "sibling"}});
  ASSERT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.body.find("Jo Bloggs, Head of Service"), std::string::npos);
  EXPECT_EQ(refused.body.find("Ezra"), std::string::npos);
  EXPECT_EQ(refused.Json().at("errors").at(0).at("field"), "related_person_id");
  EXPECT_EQ(worker.SendJson("POST", PersonUrl(ezra, "/relationships"), {{"related_person_id", mia}, {"kind", "parent"}}).status,
            403);
  EXPECT_TRUE(worker.Get(PersonUrl(mia)).Json().at("family").empty());
  // A named viewer may.
  EXPECT_EQ(manager.SendJson("POST", PersonUrl(mia, "/relationships"), {{"related_person_id", ezra}, {"kind", "sibling"}}).status,
            201);
}

TEST_F(PeopleApi, MergeAndUndoOverHttp) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto mia = Create(worker, {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"}});
  const auto mya = Create(worker, {{"first_names", "Mya"}, {"last_name", "Exampel"}, {"date_of_birth", "2017-05-14"},
                                   {"address", "3 Station Road, Exampleton EX3 1ZZ"}});
  auto manager = SignedIn(Role::kTeamManager);
  json body = {{"kept_person_id", mia}, {"merged_person_id", mya}, {"reason", "The same child, misspelt"}};
  EXPECT_EQ(worker.SendJson("POST", "/api/v1/people/merges", body).status, 403);
  auto merged = manager.SendJson("POST", "/api/v1/people/merges", body);
  ASSERT_EQ(merged.status, 201) << merged.body;
  const auto merge_id = merged.Json().at("id").get<std::int64_t>();
  EXPECT_EQ(merged.Header("location"), "/api/v1/people/merges/" + std::to_string(merge_id));
  EXPECT_EQ(merged.Json().at("moved").at("addresses"), 1);
  EXPECT_EQ(merged.Json().at("undoable"), true);
  EXPECT_EQ(worker.Get(PersonUrl(mya)).Json().at("merged_into"), mia);
  EXPECT_EQ(worker.Get(PersonUrl(mia)).Json().at("addresses").size(), 1u);
  EXPECT_EQ(manager.SendJson("POST", "/api/v1/people/merges", body).status, 409);  // already merged
  body["merged_person_id"] = mia;
  EXPECT_EQ(manager.SendJson("POST", "/api/v1/people/merges", body).status, 422);  // into itself

  // The merge page shows the undo button; undoing over the API puts everything back.
  auto page = manager.Get("/people/merges/" + std::to_string(merge_id));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Undo this merge"), std::string::npos);
  auto undone = manager.SendJson("POST", "/api/v1/people/merges/" + std::to_string(merge_id) + "/undo", json::object());
  ASSERT_EQ(undone.status, 200) << undone.body;
  EXPECT_FALSE(undone.Json().at("undone_at").is_null());
  EXPECT_TRUE(worker.Get(PersonUrl(mya)).Json().at("merged_into").is_null());
  EXPECT_EQ(worker.Get(PersonUrl(mia)).Json().at("addresses").size(), 0u);
  EXPECT_EQ(worker.Get(PersonUrl(mya)).Json().at("addresses").size(), 1u);
  EXPECT_EQ(manager.SendJson("POST", "/api/v1/people/merges/" + std::to_string(merge_id) + "/undo", json::object()).status, 409);
}

TEST_F(PeopleApi, ATeamManagerMergesThroughThePages) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto mia = Create(worker, {{"first_names", "Mia"}, {"last_name", "Example"}});
  const auto mya = Create(worker, {{"first_names", "Mya"}, {"last_name", "Example"}});
  auto manager = SignedIn(Role::kTeamManager);
  const std::string path = "/people/" + std::to_string(mia) + "/merge";
  EXPECT_NE(manager.Get("/people/" + std::to_string(mia)).body.find(path), std::string::npos);
  EXPECT_EQ(manager.Get(path).status, 200);
  auto refused = manager.Send(
      "POST", path, FormBody({{"csrf_token", manager.csrf_token}, {"merged_person_id", std::to_string(mya)}}),
      kFormHeaders);
  EXPECT_EQ(refused.status, 422);  // no reason given
  EXPECT_NE(refused.body.find("There is a problem"), std::string::npos);
  auto done = manager.Send("POST", path,
                           FormBody({{"csrf_token", manager.csrf_token},
                                     {"merged_person_id", std::to_string(mya)},
                                     {"reason", "Same child"}}),
                           kFormHeaders);
  ASSERT_EQ(done.status, 303) << done.body;
  const std::string merge_page = done.Header("location");
  EXPECT_TRUE(merge_page.starts_with("/people/merges/")) << merge_page;
  const std::string merge_path = merge_page.substr(0, merge_page.find('?'));
  auto undo = manager.Send("POST", merge_path + "/undo", FormBody({{"csrf_token", manager.csrf_token}}),
                           kFormHeaders);
  EXPECT_EQ(undo.status, 303);
  EXPECT_TRUE(worker.Get(PersonUrl(mya)).Json().at("merged_into").is_null());
  EXPECT_EQ(worker.Get(path).status, 403);
}

// A merge says two records are one person: a mother and her child, recorded as family, or two
// people with different dates of birth, are two people, refused at the number typed on the API and
// on the page, and nothing is merged.
TEST_F(PeopleApi, RecordsOfTwoPeopleAreNotMerged) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto mother = Create(worker, {{"first_names", "Sara"}, {"last_name", "Example"}, {"date_of_birth", "1990-08-21"}});
  const auto child = Create(worker, {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"}});
  ASSERT_EQ(worker.SendJson("POST", PersonUrl(mother, "/relationships"), {{"related_person_id", child}, {"kind", "parent"}}).status,
            201);
  auto manager = SignedIn(Role::kTeamManager);
  auto related = manager.SendJson("POST", "/api/v1/people/merges",
                                  {{"kept_person_id", child}, {"merged_person_id", mother}, {"reason", "Same person"}});
  ASSERT_EQ(related.status, 422) << related.body;
  const json errors = related.Json().at("errors");
  ASSERT_EQ(errors.size(), 2u) << related.body;  // family, and the dates of birth differ
  EXPECT_EQ(errors.at(0).at("field"), "merged_person_id");
  EXPECT_NE(errors.at(0).at("message").get<std::string>().find("recorded as person " + std::to_string(child) + "'s parent"),
            std::string::npos)
      << related.body;
  EXPECT_EQ(errors.at(1).at("field"), "merged_person_id");
  EXPECT_NE(errors.at(1).at("message").get<std::string>().find("dates of birth must match"), std::string::npos);

  // Related only: same date of birth, brother and sister (twins).
  const auto twin = Create(worker, {{"first_names", "Leo"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"}});
  ASSERT_EQ(worker.SendJson("POST", PersonUrl(child, "/relationships"), {{"related_person_id", twin}, {"kind", "sibling"}}).status,
            201);
  auto twins = manager.SendJson("POST", "/api/v1/people/merges",
                                {{"kept_person_id", child}, {"merged_person_id", twin}, {"reason", "Same person"}});
  ASSERT_EQ(twins.status, 422) << twins.body;
  EXPECT_NE(twins.body.find("brother or sister"), std::string::npos) << twins.body;
  // Dates only: not related, born on different days.
  const auto other = Create(worker, {{"first_names", "Mya"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-15"}});
  auto born = manager.SendJson("POST", "/api/v1/people/merges",
                               {{"kept_person_id", child}, {"merged_person_id", other}, {"reason", "Same person"}});
  ASSERT_EQ(born.status, 422) << born.body;
  EXPECT_NE(born.body.find("was born on 2017-05-15 and person " + std::to_string(child) + " on 2017-05-14"), std::string::npos)
      << born.body;

  // The page says it at the number, with the reason kept.
  auto page = manager.Send("POST", "/people/" + std::to_string(child) + "/merge",
                           FormBody({{"csrf_token", manager.csrf_token},
                                     {"merged_person_id", std::to_string(mother)},
                                     {"reason", "Looks like one person"}}),
                           kFormHeaders);
  ASSERT_EQ(page.status, 422) << page.body;
  EXPECT_NE(page.body.find("id=\"merged_person_id-error\""), std::string::npos);
  EXPECT_NE(page.body.find("recorded as person " + std::to_string(child) + "&apos;s parent"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find(">Looks like one person</textarea>"), std::string::npos);
  for (auto id : {mother, twin, other}) EXPECT_TRUE(worker.Get(PersonUrl(id)).Json().at("merged_into").is_null());
}

// A refused merge about the number typed (a restricted record into an unrestricted one, a record
// already merged) is the user's to correct: the form again with the error there and the reason kept.
TEST_F(PeopleApi, AMergeRefusedForTheRecordTypedKeepsTheForm) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto kept = Create(worker, {{"first_names", "Mia"}, {"last_name", "Example"}});
  const auto restricted = Create(worker, {{"first_names", "Mya"}, {"last_name", "Example"}});
  const auto merged = Create(worker, {{"first_names", "Mai"}, {"last_name", "Example"}});
  const auto elsewhere = Create(worker, {{"first_names", "Maya"}, {"last_name", "Example"}});
  auto manager = SignedIn(Role::kTeamManager);
  ASSERT_EQ(manager.SendJson("POST", PersonUrl(restricted, "/restriction"), {{"restricted", true}, {"ask", "Jo Bloggs"}}).status,
            200);
  ASSERT_EQ(manager.SendJson("POST", "/api/v1/people/merges",
                             {{"kept_person_id", elsewhere}, {"merged_person_id", merged}, {"reason", "Same child"}})
                .status,
            201);
  const std::string path = "/people/" + std::to_string(kept) + "/merge";
  auto post = [&](std::int64_t other) {
    return manager.Send("POST", path,
                        FormBody({{"csrf_token", manager.csrf_token},
                                  {"merged_person_id", std::to_string(other)},
                                  {"reason", "Typed with care"}}),
                        kFormHeaders);
  };
  auto into_unrestricted = post(restricted);
  EXPECT_EQ(into_unrestricted.status, 409);
  EXPECT_NE(into_unrestricted.body.find("id=\"merged_person_id-error\""), std::string::npos) << into_unrestricted.body;
  EXPECT_NE(into_unrestricted.body.find("restrict the kept record first"), std::string::npos);
  EXPECT_NE(into_unrestricted.body.find(">Typed with care</textarea>"), std::string::npos);
  EXPECT_NE(into_unrestricted.body.find("value=\"" + std::to_string(restricted) + "\""), std::string::npos);

  auto already = post(merged);
  EXPECT_EQ(already.status, 409);
  EXPECT_NE(already.body.find("id=\"merged_person_id-error\""), std::string::npos) << already.body;
  EXPECT_NE(already.body.find("already merged into person " + std::to_string(elsewhere)), std::string::npos);
  EXPECT_NE(already.body.find(">Typed with care</textarea>"), std::string::npos);

  // The API says which field too, and its status is unchanged.
  auto api = manager.SendJson("POST", "/api/v1/people/merges",
                              {{"kept_person_id", kept}, {"merged_person_id", merged}, {"reason", "Same child"}});
  EXPECT_EQ(api.status, 409);
  EXPECT_EQ(api.Json().at("errors").at(0).at("field"), "merged_person_id");
}

TEST_F(PeopleApi, RolesWithoutTheActionAre403) {
  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_EQ(officer.SendJson("POST", "/api/v1/people", {{"first_names", "Mia"}, {"last_name", "Example"}}).status, 403);
  auto worker = SignedIn(Role::kSocialWorker);
  const auto mia = Create(worker, {{"first_names", "Mia"}, {"last_name", "Example"}});
  EXPECT_EQ(SignedIn(Role::kAnalyst).Get(PersonUrl(mia)).status, 403);
  EXPECT_EQ(SignedIn(Role::kDataProtectionOfficer).Get(PersonUrl(mia)).status, 403);
  EXPECT_EQ(worker.SendJson("POST", PersonUrl(mia, "/restriction"), {{"restricted", true}, {"ask", "Me"}}).status, 403);
  EXPECT_EQ(SignedIn(Role::kAnalyst).Get("/people/" + std::to_string(mia)).status, 403);
  EXPECT_EQ(Client().Get(PersonUrl(mia)).status, 401);
}

TEST_F(PeopleApi, AContactsChildIsLinkedOrMadeANewPersonAndTheContactPageLinksIt) {
  auto officer = SignedIn(Role::kContactOfficer);
  json contact = {{"referrer", {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"},
                                {"phone", "01632 960 001"}, {"email", "dsl@riverside.example.sch.uk"}}},
                  {"children", json::array({{{"first_names", "Mia"}, {"last_name", "Example"},
                                             {"date_of_birth", "2017-05-14"}, {"gender", "female"},
                                             {"address", "12 Orchard Way, Exampleton EX1 2AB"}},
                                            {{"first_names", "Leo"}, {"last_name", "Example"},
                                             {"date_of_birth", "2020-01-30"}, {"gender", "male"}}})},
                  {"concern", "Arrived hungry three days running."}};
  auto created = officer.SendJson("POST", "/api/v1/contacts", contact);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto worker = SignedIn(Role::kSocialWorker);
  const auto leo = Create(worker, {{"first_names", "Leo"}, {"last_name", "Example"}, {"date_of_birth", "2020-01-30"}});

  auto made = officer.SendJson("POST", base + "/children/0/person", {{"new", true}});
  ASSERT_EQ(made.status, 201) << made.body;
  EXPECT_EQ(made.Json().at("new_person"), true);
  const auto mia = made.Json().at("person_id").get<std::int64_t>();
  EXPECT_EQ(officer.Get(PersonUrl(mia)).Json().at("postcode"), "EX12AB");
  auto linked = officer.SendJson("POST", base + "/children/1/person", {{"person_id", leo}});
  ASSERT_EQ(linked.status, 200) << linked.body;
  EXPECT_EQ(linked.Json().at("person_id"), leo);
  EXPECT_EQ(officer.SendJson("POST", base + "/children/0/person", {{"new", true}}).status, 409);
  EXPECT_EQ(officer.SendJson("POST", base + "/children/0/person", {{"new", true}, {"person_id", leo}}).status, 422);
  EXPECT_EQ(officer.SendJson("POST", base + "/children/5/person", {{"person_id", leo}}).status, 404);
  EXPECT_EQ(SignedIn(Role::kAnalyst).SendJson("POST", base + "/children/1/person", {{"person_id", leo}}).status, 403);

  // Each confirmed child links to their register record on the contact page.
  auto page = officer.Get("/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>()));
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("href=\"/people/" + std::to_string(mia) + "\""), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/people/" + std::to_string(leo) + "\""), std::string::npos);
  EXPECT_EQ(officer.Get(PersonUrl(leo)).Json().at("contacts").at(0).at("child"), 1);
}

}  // namespace
}  // namespace fd::testing
