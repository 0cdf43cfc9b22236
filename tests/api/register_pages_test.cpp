// The people register's forms over real HTTP, as a browser without JavaScript uses them
// (web/register_forms.h): a new person, a previous or alternative name, an address and ending it, a
// relationship either way round, an involvement and ending it. Each form succeeds with a redirect
// to the record, which then shows what was added; each refusal is the same form again (422) with
// the error summary naming every wrong field and what was typed kept; a role that may not manage
// the register is refused (403) and sees no links to the forms.
#include "api_fixture.h"
#include "page_forms.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using RegisterPages = ApiTest;

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

std::int64_t Create(HttpClient& client, json person) {
  auto reply = client.SendJson("POST", "/api/v1/people", person);
  EXPECT_EQ(reply.status, 201) << reply.body;
  return reply.status == 201 ? reply.Json().at("id").get<std::int64_t>() : 0;
}

std::string PersonPage(std::int64_t id, const std::string& rest = "") { return "/people/" + std::to_string(id) + rest; }

// The record's page after a form's redirect: the Location must be the record with the banner.
HttpReply Followed(HttpClient& client, const HttpReply& redirect, std::int64_t id, const std::string& done) {
  EXPECT_EQ(redirect.status, 303) << redirect.body;
  const std::string location = redirect.Header("location");
  EXPECT_TRUE(location.starts_with(PersonPage(id) + "?done=" + done)) << location;
  return client.Get(location.substr(0, location.find('#')));
}

std::int64_t UserId(store::Store& store, const char* role) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  return tx->Query("SELECT id FROM users WHERE role = ? ORDER BY id LIMIT 1", {role}).at(0).Int(0);
}

TEST_F(RegisterPages, ANewPersonIsAddedAndEveryWrongFieldIsNamed) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto form = worker.Get("/people/new");  // a fixed page, not person "new"
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(Has(form, "Add a person to the register"));
  EXPECT_TRUE(Has(form, "name=\"csrf_token\" value=\"" + worker.csrf_token + "\""));
  EXPECT_TRUE(Has(form, "id=\"date_of_birth-day\""));

  auto refused = SendForm(worker, "/people",
                          {{"first_names", "Ruby"},
                           {"last_name", ""},
                           {"date_of_birth-day", "31"},
                           {"date_of_birth-month", "2"},
                           {"date_of_birth-year", "2016"},
                           {"nhs_number", "123"},
                           {"address", "4 Mill Lane, Exampleton"},
                           {"postcode", "NOT A CODE"},
                           {"is_child", "yes"}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused, "There is a problem"));
  for (const char* link : {"#last_name", "#date_of_birth-day", "#nhs_number", "#postcode"})
    EXPECT_TRUE(Has(refused, std::string("href=\"") + link + "\"")) << link;
  EXPECT_TRUE(Has(refused, "for example 14 5 2017"));  // date boxes, not an ISO example
  EXPECT_TRUE(Has(refused, "id=\"first_names\" name=\"first_names\" type=\"text\" value=\"Ruby\""));
  EXPECT_TRUE(Has(refused, "name=\"date_of_birth-day\" type=\"text\" inputmode=\"numeric\" value=\"31\""));
  EXPECT_TRUE(Has(refused, ">4 Mill Lane, Exampleton</textarea>"));
  EXPECT_TRUE(Has(refused, "value=\"NOT A CODE\""));

  auto added = SendForm(worker, "/people",
                        {{"first_names", "Ruby"},
                         {"last_name", "Brook"},
                         {"date_of_birth-day", "2"},
                         {"date_of_birth-month", "3"},
                         {"date_of_birth-year", "2016"},
                         {"gender", "female"},
                         {"is_child", "yes"},
                         {"address", "4 Mill Lane, Exampleton EX2 4CD"},
                         {"address_from-day", "1"},
                         {"address_from-month", "6"},
                         {"address_from-year", "2021"}});
  ASSERT_EQ(added.status, 303) << added.body;
  const std::string location = added.Header("location");
  ASSERT_TRUE(location.starts_with("/people/")) << location;
  const auto id = std::stoll(location.substr(8));
  auto page = Followed(worker, added, id, "recorded");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, "Person added to the register"));
  EXPECT_TRUE(Has(page, "Ruby Brook"));
  EXPECT_TRUE(Has(page, "2 March 2016"));
  auto json = worker.Get("/api/v1/people/" + std::to_string(id)).Json();
  EXPECT_EQ(json.at("postcode"), "EX24CD");
  EXPECT_EQ(json.at("current_address").at("from_date"), "2021-06-01");
  EXPECT_EQ(json.at("gender"), "female");
}

TEST_F(RegisterPages, APreviousNameIsAddedOrTheFormComesBackAsTyped) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto mia = Create(worker, {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"}});
  auto view = worker.Get(PersonPage(mia));
  EXPECT_TRUE(Has(view, "href=\"" + PersonPage(mia, "/names/new") + "\""));
  auto form = worker.Get(PersonPage(mia, "/names/new"));
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(Has(form, "action=\"" + PersonPage(mia, "/names") + "\""));

  auto refused = SendForm(worker, PersonPage(mia, "/names"),
                          {{"last_name", "Jones"},
                           {"from_date-day", "1"},
                           {"from_date-month", "6"},
                           {"from_date-year", "2021"},
                           {"to_date-day", "31"},
                           {"to_date-month", "5"},
                           {"to_date-year", "2020"}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused, "href=\"#kind\""));
  EXPECT_TRUE(Has(refused, "Say whether this is a previous name or an alternative name<"));
  EXPECT_FALSE(Has(refused, "(previous, alternative)"));
  EXPECT_TRUE(Has(refused, "href=\"#to_date-day\""));
  EXPECT_TRUE(Has(refused, "The end date must be on or after the start date"));
  EXPECT_TRUE(Has(refused, "value=\"Jones\""));
  EXPECT_TRUE(Has(refused, "name=\"to_date-year\" type=\"text\" inputmode=\"numeric\" value=\"2020\""));

  auto added = SendForm(worker, PersonPage(mia, "/names"),
                        {{"kind", "previous"},
                         {"first_names", "Mia"},
                         {"last_name", "Jones"},
                         {"to_date-day", "31"},
                         {"to_date-month", "5"},
                         {"to_date-year", "2021"}});
  auto page = Followed(worker, added, mia, "name");
  EXPECT_TRUE(Has(page, "Name added"));
  EXPECT_TRUE(Has(page, "Previous name"));
  EXPECT_TRUE(Has(page, "Mia Jones"));
  EXPECT_TRUE(Has(page, "Until 31 May 2021"));
}

// RULE KCR-10: the register keeps where a child lived and when; the household is who lives at the
// same address now, and someone who moved out leaves it.
TEST_F(RegisterPages, KCR10_AnAddressIsAddedThenEndedAndTheHouseholdFollows) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto ruby = Create(worker, {{"first_names", "Ruby"}, {"last_name", "Brook"}, {"address", "4 Mill Lane, Exampleton EX2 4CD"}});
  const auto finn = Create(worker, {{"first_names", "Finn"}, {"last_name", "Brook"}});
  ASSERT_EQ(worker.Get(PersonPage(finn, "/addresses/new")).status, 200);

  auto refused = SendForm(worker, PersonPage(finn, "/addresses"),
                          {{"address", ""},
                           {"postcode", "EX"},
                           {"from_date-day", "1"},
                           {"from_date-month", "13"},
                           {"from_date-year", "2021"}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  for (const char* link : {"#address", "#postcode", "#from_date-day"})
    EXPECT_TRUE(Has(refused, std::string("href=\"") + link + "\"")) << link;
  EXPECT_TRUE(Has(refused, "name=\"from_date-month\" type=\"text\" inputmode=\"numeric\" value=\"13\""));
  EXPECT_TRUE(Has(refused, "value=\"EX\""));
  EXPECT_FALSE(Has(refused, "name=\"close_previous\""));  // no current address to move from

  auto added = SendForm(worker, PersonPage(finn, "/addresses"),
                        {{"address", "4 Mill Lane, Exampleton EX2 4CD"},
                         {"from_date-day", "3"},
                         {"from_date-month", "4"},
                         {"from_date-year", "2022"}});
  auto page = Followed(worker, added, finn, "address");
  EXPECT_TRUE(Has(page, "Address added"));
  EXPECT_TRUE(Has(page, "4 Mill Lane, Exampleton EX2 4CD"));
  EXPECT_TRUE(Has(page, "From 3 April 2022"));
  EXPECT_TRUE(Has(page, "href=\"" + PersonPage(ruby) + "\""));  // Ruby lives there too: the household
  // A second address offers to end the current one.
  EXPECT_TRUE(Has(worker.Get(PersonPage(finn, "/addresses/new")), "name=\"close_previous\""));

  const auto address_id = worker.Get("/api/v1/people/" + std::to_string(finn)).Json().at("addresses").at(0).at("id").get<std::int64_t>();
  const std::string end = PersonPage(finn, "/addresses/" + std::to_string(address_id) + "/end");
  EXPECT_TRUE(Has(page, "href=\"" + end + "\""));
  auto end_form = worker.Get(end);
  ASSERT_EQ(end_form.status, 200) << end_form.body;
  EXPECT_TRUE(Has(end_form, "Moved in 3 April 2022"));
  auto early =
      SendForm(worker, end, {{"to_date-day", "1"}, {"to_date-month", "1"}, {"to_date-year", "2022"}});
  ASSERT_EQ(early.status, 422) << early.body;
  EXPECT_TRUE(Has(early, "href=\"#to_date-day\""));
  EXPECT_TRUE(Has(early, "on or after the date they moved in, 3 April 2022"));
  EXPECT_TRUE(Has(early, "name=\"to_date-year\" type=\"text\" inputmode=\"numeric\" value=\"2022\""));
  auto ended =
      SendForm(worker, end, {{"to_date-day", "30"}, {"to_date-month", "9"}, {"to_date-year", "2025"}});
  auto after = Followed(worker, ended, finn, "address_ended");
  EXPECT_TRUE(Has(after, "Address ended"));
  EXPECT_TRUE(Has(after, "3 April 2022 to 30 September 2025"));
  EXPECT_FALSE(Has(after, "href=\"" + end + "\""));
  EXPECT_TRUE(Has(after, "No one else is recorded at the same address"));
  EXPECT_EQ(worker.Get(end).status, 409);  // already ended
  EXPECT_EQ(SendForm(worker, end, {}).status, 409);
  EXPECT_EQ(worker.Get(PersonPage(finn, "/addresses/999999/end")).status, 404);
}

// RULE KCR-10, HCR-30: a sibling related through the form shows in the family with a link; a parent
// is recorded from the child's record, the other way round from how the register stores it.
TEST_F(RegisterPages, KCR10_ARelationshipIsAddedEitherWayRoundAndShowsInTheFamily) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto ruby = Create(worker, {{"first_names", "Ruby"}, {"last_name", "Brook"}, {"date_of_birth", "2016-03-02"}});
  const auto finn = Create(worker, {{"first_names", "Finn"}, {"last_name", "Brook"}, {"date_of_birth", "2019-07-08"}});
  const auto jo = Create(worker, {{"first_names", "Jo"}, {"last_name", "Brook"}, {"is_child", false}});
  auto form = worker.Get(PersonPage(finn, "/relationships/new"));
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(Has(form, "Parent of Finn Brook"));
  EXPECT_TRUE(Has(form, "data-pick=\"related_person_id\""));  // the typed search fills the number in
  EXPECT_TRUE(Has(form, "<script type=\"module\" src=\"/static/person_search.mjs\"></script>"));

  auto nothing = SendForm(worker, PersonPage(finn, "/relationships"), {{"from_date-day", "1"}});
  ASSERT_EQ(nothing.status, 422) << nothing.body;
  EXPECT_TRUE(Has(nothing, "href=\"#relation\""));
  EXPECT_TRUE(Has(nothing, "Choose what the other person is to this one"));
  EXPECT_TRUE(Has(nothing, "href=\"#related_person_id\""));
  EXPECT_TRUE(Has(nothing, "Enter their person number, or find them by name and choose them"));
  EXPECT_TRUE(Has(nothing, "href=\"#from_date-day\""));
  auto letters = SendForm(worker, PersonPage(finn, "/relationships"),
                          {{"relation", "sibling"}, {"related_person_id", "twelve"}});
  ASSERT_EQ(letters.status, 422);
  EXPECT_TRUE(Has(letters, "Enter their person number as digits"));
  EXPECT_TRUE(Has(letters, "value=\"twelve\""));
  EXPECT_TRUE(Has(letters, "value=\"sibling\" checked"));
  auto unknown = SendForm(worker, PersonPage(finn, "/relationships"),
                          {{"relation", "parent"}, {"related_person_id", "999999"}});
  ASSERT_EQ(unknown.status, 422) << unknown.body;
  EXPECT_TRUE(Has(unknown, "There is no person with that number on the register"));
  EXPECT_TRUE(Has(unknown, "value=\"parent\" checked"));
  auto self = SendForm(worker, PersonPage(finn, "/relationships"),
                       {{"relation", "parent"}, {"related_person_id", std::to_string(finn)}});
  ASSERT_EQ(self.status, 422);
  EXPECT_TRUE(Has(self, "A person cannot be related to themselves"));

  auto sibling = SendForm(worker, PersonPage(finn, "/relationships"),
                          {{"relation", "sibling"}, {"related_person_id", std::to_string(ruby)}});
  auto page = Followed(worker, sibling, finn, "relationship");
  EXPECT_TRUE(Has(page, "Relationship added"));
  EXPECT_TRUE(Has(page, "Brother or sister"));
  EXPECT_TRUE(Has(page, "href=\"" + PersonPage(ruby) + "\">Ruby Brook</a>"));
  auto again = SendForm(worker, PersonPage(finn, "/relationships"),
                        {{"relation", "sibling"}, {"related_person_id", std::to_string(ruby)}});
  ASSERT_EQ(again.status, 422);
  EXPECT_TRUE(Has(again, "This relationship is already recorded"));

  // "Parent of Finn": stored as Jo is a parent of Finn.
  auto parent = SendForm(worker, PersonPage(finn, "/relationships"),
                         {{"relation", "parent"}, {"related_person_id", std::to_string(jo)}});
  auto with_parent = Followed(worker, parent, finn, "relationship");
  EXPECT_TRUE(Has(with_parent, "href=\"" + PersonPage(jo) + "\">Jo Brook</a>"));
  // (Each reply's JSON is kept before looping over part of it: a temporary would be gone.)
  std::map<std::int64_t, std::string> family;
  const json finns = worker.Get("/api/v1/people/" + std::to_string(finn)).Json();
  for (const auto& f : finns.at("family")) family[f.at("person").at("id").get<std::int64_t>()] = f.at("relation").get<std::string>();
  EXPECT_EQ(family[jo], "Parent");
  EXPECT_EQ(family[ruby], "Brother or sister");
  // From Jo's record Finn is a child; Ruby, not related to Jo, is not.
  family.clear();
  const json jos = worker.Get("/api/v1/people/" + std::to_string(jo)).Json();
  for (const auto& f : jos.at("family")) family[f.at("person").at("id").get<std::int64_t>()] = f.at("relation").get<std::string>();
  EXPECT_EQ(family[finn], "Child");
  EXPECT_EQ(family.count(ruby), 0u);
}

// RULE KCR-10: the involvement history shows what children's services did and when, open or
// closed, and who holds an open case.
TEST_F(RegisterPages, KCR10_AnInvolvementIsAddedThenEnded) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto finn = Create(worker, {{"first_names", "Finn"}, {"last_name", "Brook"}, {"date_of_birth", "2019-07-08"}});
  const auto worker_id = UserId(*store_, "social_worker");
  auto form = worker.Get(PersonPage(finn, "/involvements/new"));
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(Has(form, "<option value=\"" + std::to_string(worker_id) + "\""));
  EXPECT_TRUE(Has(form, "Front Door</option>"));

  auto refused = SendForm(worker, PersonPage(finn, "/involvements"),
                          {{"started_on-day", "10"},
                           {"started_on-month", "2"},
                           {"started_on-year", "2026"},
                           {"ended_on-day", "1"},
                           {"ended_on-month", "1"},
                           {"ended_on-year", "2026"},
                           {"allocated_user_id", std::to_string(worker_id)},
                           {"reference", "FD-2026-000123"},
                           {"summary", "Assessment after a school contact"}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused, "href=\"#kind\""));
  EXPECT_TRUE(Has(refused, "Choose what kind of involvement this is"));
  EXPECT_TRUE(Has(refused, "href=\"#ended_on-day\""));
  EXPECT_TRUE(Has(refused, "value=\"FD-2026-000123\""));
  EXPECT_TRUE(Has(refused, ">Assessment after a school contact</textarea>"));
  EXPECT_TRUE(Has(refused, "<option value=\"" + std::to_string(worker_id) + "\" selected>"));
  auto no_start =
      SendForm(worker, PersonPage(finn, "/involvements"), {{"kind", "assessment"}, {"team_id", "abc"}});
  ASSERT_EQ(no_start.status, 422);
  EXPECT_TRUE(Has(no_start, "href=\"#started_on-day\""));
  EXPECT_TRUE(Has(no_start, "Enter the date the involvement started"));
  EXPECT_TRUE(Has(no_start, "href=\"#team_id\""));
  EXPECT_TRUE(Has(no_start, "value=\"assessment\" checked"));

  auto added = SendForm(worker, PersonPage(finn, "/involvements"),
                        {{"kind", "assessment"},
                         {"started_on-day", "10"},
                         {"started_on-month", "2"},
                         {"started_on-year", "2026"},
                         {"allocated_user_id", std::to_string(worker_id)},
                         {"reference", "FD-2026-000123"},
                         {"summary", "Assessment after a school contact"}});
  auto page = Followed(worker, added, finn, "involvement");
  EXPECT_TRUE(Has(page, "Involvement added"));
  EXPECT_TRUE(Has(page, "Assessment"));
  EXPECT_TRUE(Has(page, "10 February 2026"));
  EXPECT_TRUE(Has(page, ", Front Door</td>"));  // the worker's team, as none was chosen
  EXPECT_TRUE(Has(page, "govuk-tag--green\">Open</strong>"));
  const auto involvement = worker.Get("/api/v1/people/" + std::to_string(finn)).Json().at("involvements").at(0);
  EXPECT_EQ(involvement.at("allocated_worker").at("id"), worker_id);
  const std::string end =
      PersonPage(finn, "/involvements/" + std::to_string(involvement.at("id").get<std::int64_t>()) + "/end");
  EXPECT_TRUE(Has(page, "href=\"" + end + "\""));

  ASSERT_EQ(worker.Get(end).status, 200);
  auto early =
      SendForm(worker, end, {{"ended_on-day", "9"}, {"ended_on-month", "2"}, {"ended_on-year", "2026"}});
  ASSERT_EQ(early.status, 422) << early.body;
  EXPECT_TRUE(Has(early, "href=\"#ended_on-day\""));
  EXPECT_TRUE(Has(early, "name=\"ended_on-day\" type=\"text\" inputmode=\"numeric\" value=\"9\""));
  auto ended =
      SendForm(worker, end, {{"ended_on-day", "20"}, {"ended_on-month", "11"}, {"ended_on-year", "2026"}});
  auto after = Followed(worker, ended, finn, "involvement_ended");
  EXPECT_TRUE(Has(after, "Involvement ended"));
  EXPECT_TRUE(Has(after, "govuk-tag--grey\">Closed</strong>"));
  EXPECT_FALSE(Has(after, "href=\"" + end + "\""));
  EXPECT_EQ(SendForm(worker, end, {}).status, 409);
}

// The API ends an address as the page does (POST /api/v1/people/{id}/addresses/{address_id}/close).
TEST_F(RegisterPages, AnAddressIsClosedOverTheApiToo) {
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string home = "12 Orchard Way, Exampleton EX1 2AB";
  const auto mia = Create(worker, {{"first_names", "Mia"}, {"last_name", "Example"}, {"address", home}, {"address_from", "2021-06-01"}});
  const auto sam = Create(worker, {{"first_names", "Sam"}, {"last_name", "Example"}, {"is_child", false}, {"address", home}});
  const std::string base = "/api/v1/people/" + std::to_string(mia);
  const auto address_id = worker.Get(base).Json().at("addresses").at(0).at("id").get<std::int64_t>();
  const std::string close = base + "/addresses/" + std::to_string(address_id) + "/close";

  auto bad = worker.SendJson("POST", close, {{"to_date", "2020-01-01"}, {"moved_to", "Spain"}});
  ASSERT_EQ(bad.status, 422) << bad.body;
  EXPECT_EQ(bad.Json().at("errors").at(0).at("field"), "moved_to");
  auto early = worker.SendJson("POST", close, {{"to_date", "2020-01-01"}});
  ASSERT_EQ(early.status, 422) << early.body;
  EXPECT_EQ(early.Json().at("errors").at(0).at("field"), "to_date");
  EXPECT_EQ(SignedIn(Role::kContactOfficer).SendJson("POST", close, json::object()).status, 403);
  EXPECT_EQ(worker.SendJson("POST", "/api/v1/people/" + std::to_string(sam) + "/addresses/" + std::to_string(address_id) + "/close",
                            json::object())
                .status,
            404);  // not Sam's address

  auto closed = worker.SendJson("POST", close, {{"to_date", "2026-10-31"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.Json().at("addresses").at(0).at("to_date"), "2026-10-31");
  EXPECT_EQ(closed.Json().at("addresses").at(0).at("current"), false);
  EXPECT_TRUE(closed.Json().at("current_address").is_null());
  EXPECT_TRUE(closed.Json().at("household").at("members").empty());
  EXPECT_EQ(worker.SendJson("POST", close, json::object()).status, 409);
}

TEST_F(RegisterPages, ARoleThatMayNotManageTheRegisterSeesNoFormsAndIsRefused) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto mia = Create(worker, {{"first_names", "Mia"}, {"last_name", "Example"}, {"address", "12 Orchard Way, Exampleton EX1 2AB"}});
  ASSERT_EQ(worker.SendJson("POST", "/api/v1/people/" + std::to_string(mia) + "/involvements",
                            {{"kind", "assessment"}, {"started_on", "2026-01-10"}})
                .status,
            201);
  const auto json = worker.Get("/api/v1/people/" + std::to_string(mia)).Json();
  const std::string address_end = PersonPage(mia, "/addresses/" + std::to_string(json.at("addresses").at(0).at("id").get<std::int64_t>()) + "/end");
  const std::string involvement_end =
      PersonPage(mia, "/involvements/" + std::to_string(json.at("involvements").at(0).at("id").get<std::int64_t>()) + "/end");

  auto officer = SignedIn(Role::kContactOfficer);  // may view the register, not change it
  auto view = officer.Get(PersonPage(mia));
  ASSERT_EQ(view.status, 200);
  for (const char* form : {"/names/new", "/addresses/new", "/relationships/new", "/involvements/new"})
    EXPECT_FALSE(Has(view, PersonPage(mia, form))) << form;
  EXPECT_FALSE(Has(view, address_end));
  EXPECT_FALSE(Has(view, involvement_end));
  EXPECT_FALSE(Has(view, "Moved out"));
  // The worker sees the links.
  auto worker_view = worker.Get(PersonPage(mia));
  for (const char* form : {"/names/new", "/addresses/new", "/relationships/new", "/involvements/new"})
    EXPECT_TRUE(Has(worker_view, PersonPage(mia, form))) << form;

  for (const std::string& path : {std::string("/people/new"), PersonPage(mia, "/names/new"), PersonPage(mia, "/addresses/new"),
                                  PersonPage(mia, "/relationships/new"), PersonPage(mia, "/involvements/new"), address_end,
                                  involvement_end}) {
    auto reply = officer.Get(path);
    EXPECT_EQ(reply.status, 403) << path;
    EXPECT_FALSE(Has(reply, "<form method=\"post\" action=\"/people")) << path;
  }
  const std::vector<std::pair<std::string, std::vector<std::pair<std::string, std::string>>>> posts = {
      {"/people", {{"first_names", "Ava"}, {"last_name", "Example"}}},
      {PersonPage(mia, "/names"), {{"kind", "alternative"}, {"first_names", "Mimi"}, {"last_name", "Example"}}},
      {PersonPage(mia, "/addresses"), {{"address", "3 Station Road, Exampleton EX3 1ZZ"}}},
      {PersonPage(mia, "/relationships"), {{"relation", "parent"}, {"related_person_id", std::to_string(mia + 1000)}}},
      {PersonPage(mia, "/involvements"), {{"kind", "referral"}, {"started_on-day", "1"}, {"started_on-month", "2"}, {"started_on-year", "2026"}}},
      {address_end, {}},
      {involvement_end, {}}};
  for (const auto& [path, fields] : posts) EXPECT_EQ(SendForm(officer, path, fields).status, 403) << path;
  const auto after = worker.Get("/api/v1/people/" + std::to_string(mia)).Json();
  EXPECT_EQ(after.at("names").size(), 0u);
  EXPECT_EQ(after.at("addresses").size(), 1u);
  EXPECT_EQ(after.at("addresses").at(0).at("current"), true);
  EXPECT_EQ(after.at("involvements").at(0).at("open"), true);

  // A form without its CSRF token is refused before anything happens.
  EXPECT_EQ(
      worker.Send("POST", PersonPage(mia, "/names"), "kind=alternative&last_name=Example", kFormContentType)
          .status,
      403);
  // Roles that may not even view the register.
  auto analyst = SignedIn(Role::kAnalyst);
  EXPECT_EQ(analyst.Get(PersonPage(mia, "/names/new")).status, 403);
  EXPECT_EQ(
      SendForm(analyst, PersonPage(mia, "/names"), {{"kind", "alternative"}, {"last_name", "X"}}).status,
      403);
}

TEST_F(RegisterPages, RestrictedAndMergedRecordsOfferNoForms) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto ezra = Create(worker, {{"first_names", "Ezra"}, {"last_name", "Quinn"}});
  auto manager = SignedIn(Role::kTeamManager);
  ASSERT_EQ(manager.SendJson("POST", "/api/v1/people/" + std::to_string(ezra) + "/restriction",
                             {{"restricted", true}, {"ask", "Morgan Manager"}})
                .status,
            200);
  auto restricted = worker.Get(PersonPage(ezra, "/names/new"));
  EXPECT_EQ(restricted.status, 403);
  EXPECT_TRUE(Has(restricted, "Morgan Manager"));
  EXPECT_FALSE(Has(restricted, "Ezra"));
  EXPECT_EQ(
      SendForm(worker, PersonPage(ezra, "/names"), {{"kind", "alternative"}, {"last_name", "Q"}}).status,
      403);
  EXPECT_EQ(manager.Get(PersonPage(ezra, "/names/new")).status, 200);  // a named viewer

  const auto mia = Create(worker, {{"first_names", "Mia"}, {"last_name", "Example"}});
  const auto mya = Create(worker, {{"first_names", "Mya"}, {"last_name", "Example"}});
  ASSERT_EQ(manager.SendJson("POST", "/api/v1/people/merges",
                             {{"kept_person_id", mia}, {"merged_person_id", mya}, {"reason", "Same child"}})
                .status,
            201);
  auto merged_view = worker.Get(PersonPage(mya));
  EXPECT_TRUE(Has(merged_view, "This record was merged into"));
  EXPECT_FALSE(Has(merged_view, PersonPage(mya, "/names/new")));
  EXPECT_EQ(worker.Get(PersonPage(mya, "/names/new")).status, 409);
  EXPECT_EQ(
      SendForm(worker, PersonPage(mya, "/names"), {{"kind", "alternative"}, {"last_name", "Example"}}).status,
      409);
  // Relating someone to a merged record names the record to use instead.
  auto to_merged = SendForm(worker, PersonPage(mia, "/relationships"),
                            {{"relation", "parent"}, {"related_person_id", std::to_string(mya)}});
  ASSERT_EQ(to_merged.status, 422) << to_merged.body;
  EXPECT_TRUE(Has(to_merged, "merged into person " + std::to_string(mia)));
}

// A relationship shows on both records, so relating someone to a restricted record is a write to it:
// refused to anyone not named on it, at the number typed, with what was typed kept and nothing written.
TEST_F(RegisterPages, NobodyNotNamedOnARestrictedRecordRelatesSomeoneToIt) {
  auto worker = SignedIn(Role::kSocialWorker);
  const auto ezra = Create(worker, {{"first_names", "Ezra"}, {"last_name", "Quinn"}});
  const auto mia = Create(worker, {{"first_names", "Mia"}, {"last_name", "Example"}});
  auto manager = SignedIn(Role::kTeamManager);
  ASSERT_EQ(manager.SendJson("POST", "/api/v1/people/" + std::to_string(ezra) + "/restriction",
                             {{"restricted", true}, {"ask", "Jo Bloggs, Head of Service"}})
                .status,
            200);
  auto count = [&] {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM relationships WHERE person_id = ? OR related_person_id = ?", {ezra, ezra})
        .at(0)
        .Int(0);
  };

  for (const char* relation : {"sibling", "parent"}) {  // stored either way round
    auto refused = SendForm(worker, PersonPage(mia, "/relationships"),
                            {{"relation", relation}, {"related_person_id", std::to_string(ezra)}});
    ASSERT_EQ(refused.status, 422) << relation << refused.body;
    EXPECT_TRUE(Has(refused, "href=\"#related_person_id\"")) << relation;
    EXPECT_TRUE(Has(refused, "Jo Bloggs, Head of Service")) << relation;
    EXPECT_FALSE(Has(refused, "Ezra")) << relation;
    EXPECT_TRUE(Has(refused, "value=\"" + std::to_string(ezra) + "\"")) << relation;
    EXPECT_EQ(count(), 0) << relation;
  }
  // A named viewer may.
  EXPECT_EQ(SendForm(manager, PersonPage(mia, "/relationships"),
                     {{"relation", "sibling"}, {"related_person_id", std::to_string(ezra)}})
                .status,
            303);
  EXPECT_EQ(count(), 1);
}

}  // namespace
}  // namespace fd::testing
