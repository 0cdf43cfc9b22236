// HCR-5: a contact passed at receipt to the allocated social worker of a child whose case is open is
// not lost with them (docs/decisions.md "Passed to the allocated worker, and not lost there"): a team
// manager of the holder's team or of the front door hands it to another social worker; the holder
// records it on the child's record, which meets a deadline of its own (the pack's [intake]
// passed_on_recorded); and a professional's status link then says it reached the child's social
// worker (KCR-17), while the public's says what it always said.
#include <regex>
#include <thread>

#include "colleagues.h"
#include "email_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

bool Has(const std::string& body, const std::string& text) {
  return body.find(text) != std::string::npos;
}

json TiaFrom(json referrer) {
  return {{"referrer", std::move(referrer)},
          {"children", json::array({{{"first_names", "Tia"},
                                     {"last_name", "Sample"},
                                     {"date_of_birth", "2012-10-03"},
                                     {"gender", "female"},
                                     {"address", "4 Mill Lane"}}})},
          {"concern", "Tia said she is scared to go home."}};
}

json Police() {
  return {{"type", "police"},
          {"name", "PC Jo Webb"},
          {"agency", "Hertfordshire Constabulary"},
          {"email", "jo.webb@herts.pnn.police.uk"}};
}

const json* DeadlineOf(const json& contact, const std::string& timescale) {
  for (const auto& d : contact.at("deadlines"))
    if (d.at("timescale") == timescale) return &d;
  return nullptr;
}

bool Lists(const json& items, std::int64_t contact_id, const std::string& timescale) {
  for (const auto& d : items)
    if (d.at("record").at("id") == contact_id && d.at("timescale") == timescale) return true;
  return false;
}

class PassedOn : public ApiTestWithEmail {
 protected:
  // Tia's case is open to Lee in the North Locality team, managed by Nia; Sam works South Locality,
  // managed by Sol; Dora's account is disabled. The fixture's own worker and manager work the Front Door.
  void SetUp() override {
    ApiTest::SetUp();
    ASSERT_NO_FATAL_FAILURE(AddColleagues(*ctx_,
                                          {{"lee", "Lee Locality", Role::kSocialWorker, "North Locality"},
                                           {"nia", "Nia North", Role::kTeamManager, "North Locality"},
                                           {"sam", "Sam South", Role::kSocialWorker, "South Locality"},
                                           {"sol", "Sol South", Role::kTeamManager, "South Locality"},
                                           {"dora", "Dora Disabled", Role::kSocialWorker, "South Locality"}},
                                          ids_));
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("UPDATE users SET active = 0 WHERE username = 'dora'");
    // Tia's record is open to Lee, in Lee's team.
    tx->Execute(
        "INSERT INTO people (first_names, last_name, date_of_birth, open_case, allocated_user_id, team_id) "
        "VALUES ('Tia', 'Sample', '2012-10-03', 1, ?, (SELECT team_id FROM users WHERE id = ?))",
        {ids_["lee"], ids_["lee"]});
    tx->Commit();
  }

  HttpClient As(const std::string& username) {
    HttpClient client = Client();
    EXPECT_EQ(client.SignIn(username, kTestPassword).status, 201);
    return client;
  }

  // A contact about Tia from `referrer`, recorded by a contact officer: passed to Lee at receipt.
  std::int64_t PassedToLee(const json& referrer = Police()) {
    auto created = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", TiaFrom(referrer));
    EXPECT_EQ(created.status, 201) << created.body;
    EXPECT_EQ(created.Json().value("queue", ""), "allocated-worker") << created.body;
    return created.Json().value("id", std::int64_t{0});
  }

  std::int64_t VersionOf(std::int64_t id) {
    return SignedIn(Role::kContactOfficer).Get(Base(id)).Json().at("version").get<std::int64_t>();
  }

  static std::string Base(std::int64_t id) { return "/api/v1/contacts/" + std::to_string(id); }

  std::vector<json> Audit(const std::string& action, std::int64_t id) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    std::vector<json> out;
    for (const auto& row :
         tx->Query("SELECT changes FROM audit_events WHERE action = ? AND record_id = ? ORDER BY seq",
                   {action, std::to_string(id)}))
      out.push_back(json::parse(row.Text(0)));
    return out;
  }

  std::map<std::string, std::int64_t> ids_;
};

// RULE HCR-5: Lee is off sick: a team manager of Lee's team (or of the front door) hands the contact
// to Sam, named, active, with a reason; it is audited (who, from, to, why), Sam is told, Sam and
// Sam's managers hold it from then on and Lee no longer may. Everyone else is refused with a reason.
TEST_F(PassedOn, HCR5_AManagerHandsAContactPassedToAnAllocatedWorkerToAnother) {
  const std::int64_t id = PassedToLee();
  const std::string base = Base(id);
  const std::int64_t version = VersionOf(id);
  auto nia = As("nia");

  // The wrong role, or a manager of neither Lee's team nor the front door: 403.
  std::vector<HttpClient> others{SignedIn(Role::kContactOfficer), SignedIn(Role::kSocialWorker), As("lee"),
                                 As("sol")};
  for (HttpClient& who : others) {
    auto refused = PostWithVersion(who, base + "/hand-over",
                                   {{"worker", "sam"}, {"reason", "Lee is off sick"}}, version);
    EXPECT_EQ(refused.status, 403) << refused.body;
  }
  // A choice that cannot be made is 422 naming the field.
  for (const char* worker : {"", "nobody", "dora", "nia", "lee"}) {
    auto refused = PostWithVersion(nia, base + "/hand-over",
                                   {{"worker", worker}, {"reason", "Lee is off sick"}}, version);
    EXPECT_EQ(refused.status, 422) << worker << ": " << refused.body;
    EXPECT_TRUE(NamesField(refused, "worker")) << refused.body;
  }
  EXPECT_TRUE(
      Has(PostWithVersion(nia, base + "/hand-over", {{"worker", "dora"}, {"reason", "x"}}, version).body,
          "disabled"));
  auto no_reason = PostWithVersion(nia, base + "/hand-over", {{"worker", "sam"}, {"reason", "  "}}, version);
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_TRUE(NamesField(no_reason, "reason")) << no_reason.body;
  // A stale version: 409.
  EXPECT_EQ(PostWithVersion(nia, base + "/hand-over", {{"worker", "sam"}, {"reason", "Lee is off sick"}},
                            version - 1)
                .status,
            409);
  // A contact the front door holds is not one to hand over: 409.
  const std::int64_t at_front_door = [&] {
    auto created =
        SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
    return created.Json().value("id", std::int64_t{0});
  }();
  auto front_door_manager = SignedIn(Role::kTeamManager);
  auto not_passed = PostWithVersion(front_door_manager, Base(at_front_door) + "/hand-over",
                                    {{"worker", "sam"}, {"reason", "x"}}, VersionOf(at_front_door));
  EXPECT_EQ(not_passed.status, 409) << not_passed.body;
  EXPECT_EQ(Audit("contact.handed_over", id).size(), 0u);  // nothing of the refusals was written

  auto handed = PostWithVersion(nia, base + "/hand-over",
                                {{"worker", "sam"}, {"reason", "Lee is off sick until March"}}, version);
  ASSERT_EQ(handed.status, 200) << handed.body;
  const json after = handed.Json();
  EXPECT_EQ(after.at("allocated_user_id"), ids_["sam"]);
  EXPECT_EQ(after.at("state"), "routed");
  EXPECT_EQ(after.at("version"), version + 1);
  ASSERT_EQ(after.at("passed_on").at("hand_overs").size(), 1u);
  const json& h = after.at("passed_on").at("hand_overs")[0];
  EXPECT_EQ(h.at("from").at("name"), "Lee Locality");
  EXPECT_EQ(h.at("to").at("name"), "Sam South");
  EXPECT_EQ(h.at("by").at("name"), "Nia North");
  EXPECT_EQ(h.at("reason"), "Lee is off sick until March");
  const auto audit = Audit("contact.handed_over", id);
  ASSERT_EQ(audit.size(), 1u);
  EXPECT_EQ(audit[0].at("from_worker_id"), ids_["lee"]);
  EXPECT_EQ(audit[0].at("to_worker_id"), ids_["sam"]);
  EXPECT_EQ(audit[0].at("reason"), "Lee is off sick until March");

  // Sam is told; Lee (and Lee's manager) no longer work it, by the relationship rule; Sam's manager does.
  auto sam = As("sam");
  const std::string reference = after.at("reference");
  EXPECT_TRUE(
      Has(sam.Get("/").body, "Contact " + reference + " handed to you by Nia North from Lee Locality"));
  auto lee = As("lee");
  EXPECT_EQ(PostWithVersion(lee, base + "/recorded-on-child-record", json::object(), version + 1).status,
            403);
  // The front door's manager may hand it on too (the front door passed it on); Sol, now Sam's, as well.
  auto back = PostWithVersion(front_door_manager, base + "/hand-over",
                              {{"worker", "lee"}, {"reason", "Lee is back"}}, version + 1);
  ASSERT_EQ(back.status, 200) << back.body;
  EXPECT_EQ(back.Json().at("allocated_user_id"), ids_["lee"]);
  auto sol = As("sol");
  EXPECT_EQ(
      PostWithVersion(sol, base + "/hand-over", {{"worker", "sam"}, {"reason", "x"}}, version + 2).status,
      403);  // no longer Sam's: Sol manages neither Lee's team nor the front door
  EXPECT_EQ(Audit("contact.handed_over", id).size(), 2u);
}

// RULE HCR-5: urgent matters go to the worker "or their team manager without delay": an urgent
// contact handed over reaches the new worker and their team managers at once.
TEST_F(PassedOn, HCR5_AnUrgentContactHandedOverIsToldToTheNewWorkersManagers) {
  auto urgent = ScreenableSchoolContact();
  urgent["children"][0] = {{"first_names", "Tia"}, {"last_name", "Sample"}, {"date_of_birth", "2012-10-03"}};
  urgent["intake"]["indicators"] = {"disclosed-abuse"};
  auto created = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", urgent);
  ASSERT_EQ(created.status, 201) << created.body;
  ASSERT_EQ(created.Json().at("queue"), "allocated-worker");
  ASSERT_EQ(created.Json().at("urgent"), true);
  const std::int64_t id = created.Json().at("id");
  auto nia = As("nia");
  ASSERT_EQ(PostWithVersion(nia, Base(id) + "/hand-over", {{"worker", "sam"}, {"reason", "Lee is off sick"}},
                            VersionOf(id))
                .status,
            200);
  const std::string reference = created.Json().at("reference");
  EXPECT_TRUE(Has(As("sam").Get("/").body, "URGENT: Contact " + reference + " handed to you by Nia North"));
  EXPECT_TRUE(
      Has(As("sol").Get("/").body, "URGENT contact " + reference + " handed to Sam South in your team"));
}

// RULE HCR-5: "recorded on LCS": the holder marks the contact recorded on the child's record, which
// meets the pack's passed_on_recorded deadline. The deadline is the holder's and their team managers',
// moves with a hand-over, and is never a front-door decision deadline.
TEST_F(PassedOn, HCR5_TheHolderRecordsItOnTheChildsRecordWithinItsOwnDeadline) {
  const std::int64_t id = PassedToLee();
  const std::string base = Base(id);
  auto officer = SignedIn(Role::kContactOfficer);
  json contact = officer.Get(base).Json();
  const json* due = DeadlineOf(contact, "passed-on-recorded");
  ASSERT_NE(due, nullptr) << contact.dump();
  EXPECT_EQ(due->at("rule"), "HCR-5");
  EXPECT_EQ(due->at("user_id"), ids_["lee"]);
  EXPECT_TRUE(due->at("met_at").is_null());
  EXPECT_EQ(DeadlineOf(contact, "decision"), nullptr);  // not in front-door decision timeliness

  auto lee = As("lee");
  auto nia = As("nia");
  EXPECT_TRUE(Lists(lee.Get("/api/v1/deadlines?scope=mine").Json().at("items"), id, "passed-on-recorded"));
  EXPECT_TRUE(Lists(nia.Get("/api/v1/deadlines").Json().at("items"), id, "passed-on-recorded"));

  // Handed to Sam: the deadline goes with it.
  std::int64_t version = contact.at("version");
  ASSERT_EQ(
      PostWithVersion(nia, base + "/hand-over", {{"worker", "sam"}, {"reason", "Lee has left"}}, version)
          .status,
      200);
  ++version;
  auto sam = As("sam");
  auto sol = As("sol");
  EXPECT_TRUE(Lists(sam.Get("/api/v1/deadlines?scope=mine").Json().at("items"), id, "passed-on-recorded"));
  EXPECT_TRUE(Lists(sol.Get("/api/v1/deadlines").Json().at("items"), id, "passed-on-recorded"));
  EXPECT_FALSE(Lists(lee.Get("/api/v1/deadlines?scope=mine").Json().at("items"), id, "passed-on-recorded"));
  EXPECT_FALSE(Lists(nia.Get("/api/v1/deadlines").Json().at("items"), id, "passed-on-recorded"));

  // Only the holder (or their managers) records it: the wrong role 403, the front door's worker 403.
  EXPECT_EQ(PostWithVersion(officer, base + "/recorded-on-child-record", json::object(), version).status,
            403);
  auto front_door_worker = SignedIn(Role::kSocialWorker);
  EXPECT_EQ(
      PostWithVersion(front_door_worker, base + "/recorded-on-child-record", json::object(), version).status,
      403);
  EXPECT_EQ(PostWithVersion(sam, base + "/recorded-on-child-record", json::object(), version - 1).status,
            409);
  auto too_long =
      PostWithVersion(sam, base + "/recorded-on-child-record", {{"note", std::string(2001, 'x')}}, version);
  EXPECT_EQ(too_long.status, 422) << too_long.body;
  EXPECT_TRUE(NamesField(too_long, "note"));

  const auto on_sams_queue = [&] {
    const json items = sam.Get("/api/v1/contacts?queue=allocated-worker").Json().at("items");
    for (const auto& c : items)
      if (c.at("id") == id) return true;
    return false;
  };
  EXPECT_TRUE(on_sams_queue());
  auto recorded =
      PostWithVersion(sam, base + "/recorded-on-child-record", {{"note", "Case note 4411 on LCS"}}, version);
  ASSERT_EQ(recorded.status, 200) << recorded.body;
  const json on_record = recorded.Json().at("passed_on").at("recorded_on_child_record");
  EXPECT_EQ(on_record.at("by").at("name"), "Sam South");
  EXPECT_EQ(on_record.at("note"), "Case note 4411 on LCS");
  contact = officer.Get(base).Json();
  ASSERT_NE(DeadlineOf(contact, "passed-on-recorded"), nullptr);
  EXPECT_FALSE(DeadlineOf(contact, "passed-on-recorded")->at("met_at").is_null());
  EXPECT_FALSE(Lists(sam.Get("/api/v1/deadlines?scope=mine").Json().at("items"), id, "passed-on-recorded"));
  EXPECT_FALSE(on_sams_queue());  // done: it leaves the worker's queue
  ASSERT_EQ(Audit("contact.recorded_on_child_record", id).size(), 1u);
  EXPECT_EQ(Audit("contact.recorded_on_child_record", id)[0].at("deadlines_met"), 1);

  // Once recorded, nothing is left to do on it here: recording again or handing over is 409.
  ++version;
  EXPECT_EQ(PostWithVersion(sam, base + "/recorded-on-child-record", json::object(), version).status, 409);
  EXPECT_EQ(PostWithVersion(sol, base + "/hand-over", {{"worker", "lee"}, {"reason", "x"}}, version).status,
            409);
}

// RULE HCR-5 RULE KCR-17: a professional's status link says "received" until the child's social
// worker has recorded it, then that it was passed to the child's social worker (the end of it), with
// that shown in the disclosures ledger. A member of the public's link says "received" throughout, as
// for any contact still at the front door: the routing comes from the register.
TEST_F(PassedOn, HCR5_KCR17_AProfessionalsStatusLinkSaysItReachedTheChildsSocialWorker) {
  const std::int64_t id = PassedToLee();
  const std::string link = LinkSentTo("jo.webb@herts.pnn.police.uk");
  auto portal = Client();
  json public_contact = TiaFrom(
      {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"email", "jo.neighbour@example.com"}});
  public_contact["intake"] = {{"household",
                               {{"domestic_abuse", "no"},
                                {"mental_illness", "no"},
                                {"substance_misuse", "no"},
                                {"learning_difficulties", "no"}}}};
  auto submitted = portal.SendJson("POST", "/api/v1/portal/contacts", public_contact);
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string public_link = LinkSentTo("jo.neighbour@example.com");
  const std::int64_t public_id = SignedIn(Role::kContactOfficer)
                                     .Get("/api/v1/contacts?page=1&page_size=1")
                                     .Json()
                                     .at("items")[0]
                                     .at("id");
  ASSERT_NE(public_id, id);

  auto look = Client().Get("/api/v1" + link);
  ASSERT_EQ(look.status, 200) << look.body;
  EXPECT_EQ(look.Json().at("stage"), "received");

  auto lee = As("lee");
  for (std::int64_t contact : {id, public_id})
    ASSERT_EQ(
        PostWithVersion(lee, Base(contact) + "/recorded-on-child-record", json::object(), VersionOf(contact))
            .status,
        200);

  look = Client().Get("/api/v1" + link);
  ASSERT_EQ(look.status, 200) << look.body;
  EXPECT_EQ(look.Json().at("stage"), "passed-on");
  EXPECT_EQ(look.Json().at("passed_to"), "the child's social worker");
  EXPECT_FALSE(look.Json().contains("outcome"));
  for (const char* secret : {"Tia", "Lee", "scared", "North Locality"})
    EXPECT_FALSE(Has(look.body, secret)) << secret;
  auto page = Client().Get(link);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(Has(page.body, "passed to them and they have recorded it on the child")) << page.body;
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    auto rows = tx->Query("SELECT counterpart FROM disclosures WHERE cause_kind = 'status-link'", {});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].Text(0), "jo.webb@herts.pnn.police.uk");
  }

  // KCR-17: the public see what they saw before: received, nothing of where it went.
  auto public_look = Client().Get("/api/v1" + public_link);
  ASSERT_EQ(public_look.status, 200) << public_look.body;
  EXPECT_EQ(public_look.Json().at("stage"), "received");
  EXPECT_FALSE(public_look.Json().contains("passed_to"));
  EXPECT_FALSE(Has(Client().Get(public_link).body, "already has a social worker"));
}

// RULE HCR-5: the same on the pages: the contact page offers Lee's manager the hand-over form, which
// refuses a missing reason with the form kept, hands it over, and shows who handed it to whom and why;
// the new holder's contact page offers "Recorded on the child's record", and shows it done.
TEST_F(PassedOn, HCR5_ContactPageHandsOverAndRecords) {
  const std::int64_t id = PassedToLee();
  const std::string contact = "/contacts/" + std::to_string(id);
  auto nia = As("nia");
  auto page = nia.Get(contact);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "Held by <strong id=\"passed-on-holder\">Lee Locality</strong>")) << page.body;
  EXPECT_TRUE(Has(page.body, "href=\"" + contact + "/hand-over\"")) << page.body;
  EXPECT_FALSE(Has(SignedIn(Role::kSocialWorker).Get(contact).body, contact + "/hand-over"));

  auto form = nia.Get(contact + "/hand-over");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(Has(form.body, "Sam South (South Locality)"));
  EXPECT_FALSE(Has(form.body, "Dora Disabled"));
  const std::string version = FirstCapture(form.body, "name=\"version\" value=\"(\\d+)\"");
  const std::string csrf = FirstCapture(form.body, "name=\"csrf_token\" value=\"([^\"]+)\"");
  ASSERT_FALSE(csrf.empty());
  auto refused = nia.Send(
      "POST", contact + "/hand-over",
      FormBody({{"csrf_token", csrf}, {"version", version}, {"worker", "sam"}, {"reason", ""}}), kFormHeaders);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused.body, "reason-error"));
  EXPECT_TRUE(Has(refused.body, "value=\"sam\" selected"));
  EXPECT_EQ(As("sol").Get(contact + "/hand-over").status, 403);

  auto handed = nia.Send(
      "POST", contact + "/hand-over",
      FormBody({{"csrf_token", csrf}, {"version", version}, {"worker", "sam"}, {"reason", "Lee is on leave"}}),
      kFormHeaders);
  ASSERT_EQ(handed.status, 303) << handed.body;
  EXPECT_EQ(handed.Header("location"), contact + "?handed_over=1");
  page = nia.Get(contact + "?handed_over=1");
  EXPECT_TRUE(Has(page.body, "Handed over to Sam South")) << page.body;
  EXPECT_TRUE(Has(page.body, "Handed from Lee Locality to Sam South by Nia North")) << page.body;
  EXPECT_TRUE(Has(page.body, "Lee is on leave"));
  EXPECT_FALSE(Has(
      page.body, "action=\"" + contact + "/recorded-on-child-record\""));  // Nia no longer manages its holder

  auto sam = As("sam");
  page = sam.Get(contact);
  ASSERT_TRUE(Has(page.body, "action=\"" + contact + "/recorded-on-child-record\"")) << page.body;
  const std::string now_version = FirstCapture(page.body,
                                       "recorded-on-child-record\"[^>]*>\\s*<input[^>]*>\\s*<input "
                                       "type=\"hidden\" name=\"version\" value=\"(\\d+)\"");
  ASSERT_FALSE(now_version.empty()) << page.body;
  const std::string sam_csrf = FirstCapture(page.body, "name=\"csrf_token\" value=\"([^\"]+)\"");
  auto recorded =
      sam.Send("POST", contact + "/recorded-on-child-record",
               FormBody({{"csrf_token", sam_csrf}, {"version", now_version}, {"note", "On LCS"}}), kFormHeaders);
  ASSERT_EQ(recorded.status, 303) << recorded.body;
  page = sam.Get(contact + "?recorded_on_child_record=1");
  EXPECT_TRUE(Has(page.body, "Recorded on the child&apos;s record by Sam South")) << page.body;
  EXPECT_TRUE(Has(page.body, "On LCS"));
  EXPECT_FALSE(Has(page.body, "action=\"" + contact + "/recorded-on-child-record\""));
  EXPECT_FALSE(Has(page.body, contact + "/hand-over\""));
}

}  // namespace
}  // namespace fd::testing
