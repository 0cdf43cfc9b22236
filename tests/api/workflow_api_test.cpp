// The workflow over real HTTP: screening, checks, decisions and their refusals as problem+json.
#include "api_fixture.h"
#include "procedures_fixture.h"
#include "calendar/local_time.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using WorkflowApi = ApiTest;

// An agency asked this minute, local time: not before the contact came in, nor in the future.
std::string AskedNow() {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return calendar::FormatLocalIso(now).substr(0, 16);
}

// Screens a new contact as `worker` (start, routine answers, record checks, complete) and proposes
// no further action. Returns the contact's API path and the version after the proposal.
std::pair<std::string, std::int64_t> ScreenedAndProposed(HttpClient& officer, HttpClient& worker) {
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  EXPECT_EQ(created.status, 201) << created.body;
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  std::int64_t version = created.Json().at("version");
  auto step = [&](const std::string& method, const std::string& path, json body) {
    body["version"] = version;
    auto reply = worker.SendJson(method, base + path, body);
    EXPECT_EQ(reply.status, 200) << path << ": " << reply.body;
    if (reply.status == 200) version = reply.Json().at("version");
  };
  step("POST", "/screening/start", json::object());
  step("PUT", "/screening",
       {{"answers",
         {{"nature", "Neglect"},
          {"how_arose", "School noticed"},
          {"needs", "Food"},
          {"child_location", "At school"},
          {"last_seen", "Today by the teacher"},
          {"family_known", "Not known"}}},
        {"significant_harm", "no"},
        {"urgent_action", "no"},
        {"crime_possible", "no"},
        {"consent", "informed_agreed"}});
  step("POST", "/record-checks", json::object());
  step("POST", "/screening/complete", json::object());
  step("POST", "/decision",
       {{"outcome", "no-further-action"},
        {"children", {0}},
        {"rationale", "Needs are met at school"},
        {"next_steps", "None"}});
  return {base, version};
}

// RULE KCR-16 RULE HCR-31 RULE KCR-11 RULE KCR-8: a contact screened, proposed and authorised over
// the API; each answer carries the new version; the proposer cannot authorise; a stale version is 409.
TEST_F(WorkflowApi, KCR16_HCR31_ScreenProposeAndAuthoriseOverTheApi) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<int>());
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);

  EXPECT_EQ(PostWithVersion(officer, base + "/screening/start", json::object(), 1).status, 403);  // officers do not screen
  auto started = PostWithVersion(worker, base + "/screening/start", json::object(), 1);
  ASSERT_EQ(started.status, 200) << started.body;
  std::int64_t version = started.Json().at("version");
  EXPECT_EQ(started.Json().at("state"), "screening");
  EXPECT_FALSE(started.Json().at("tasks").empty());

  // Refused completion lists what is left (422), and nothing changes.
  auto early = PostWithVersion(worker, base + "/screening/complete", json::object(), version);
  EXPECT_EQ(early.status, 422);
  EXPECT_TRUE(NamesField(early, "answers.nature")) << early.body;
  EXPECT_TRUE(NamesField(early, "record_checks"));

  json answers = {{"answers", {{"nature", "Neglect"}, {"how_arose", "School noticed"}, {"needs", "Food"},
                               {"child_location", "At school"}, {"last_seen", "Today by the teacher"},
                               {"family_known", "Not known"}}},
                  {"significant_harm", "no"}, {"urgent_action", "no"}, {"crime_possible", "no"},
                  {"consent", "informed_agreed"}, {"version", version}};
  auto saved = worker.SendJson("PUT", base + "/screening", answers);
  ASSERT_EQ(saved.status, 200) << saved.body;
  // The same save again with the old version is a conflict: nothing is overwritten.
  auto stale = worker.SendJson("PUT", base + "/screening", answers);
  EXPECT_EQ(stale.status, 409);
  version = saved.Json().at("version");
  auto checked = PostWithVersion(worker, base + "/record-checks", json::object(), version);
  ASSERT_EQ(checked.status, 200);
  EXPECT_EQ(checked.Json().at("record_checks").at(0).at("known"), false);
  version = checked.Json().at("version");
  auto complete = PostWithVersion(worker, base + "/screening/complete", json::object(), version);
  ASSERT_EQ(complete.status, 200) << complete.body;
  version = complete.Json().at("version");

  auto bad = PostWithVersion(manager, base + "/decision", {{"outcome", "adoption"}, {"children", {0}}}, version);
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(NamesField(bad, "outcome"));
  EXPECT_TRUE(NamesField(bad, "rationale"));
  auto proposed = PostWithVersion(manager, base + "/decision",
                       {{"outcome", "families-first"}, {"children", {0}}, {"rationale", "Needs support"},
                        {"next_steps", "Families First worker to visit"}},
                       version);
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  version = proposed.Json().at("version");
  EXPECT_EQ(PostWithVersion(manager, base + "/decision/authorise", json::object(), version).status, 403);  // own proposal

  // The fixture has one manager: they return their own proposal and authorise the worker's next one.
  auto returned = PostWithVersion(manager, base + "/decision/return", {{"reason", "Add the father's details"}}, version);
  ASSERT_EQ(returned.status, 200);
  EXPECT_EQ(returned.Json().at("state"), "screening") << "screening reopens (KCR-16)";
  version = returned.Json().at("version");
  auto rescreened = PostWithVersion(worker, base + "/screening/complete", json::object(), version);
  ASSERT_EQ(rescreened.status, 200) << rescreened.body;
  version = rescreened.Json().at("version");
  auto again = PostWithVersion(worker, base + "/decision",
                    {{"outcome", "families-first"}, {"children", {0}}, {"rationale", "Needs support"},
                     {"next_steps", "Families First worker to visit; father's details added"}},
                    version);
  ASSERT_EQ(again.status, 200);
  version = again.Json().at("version");
  auto authorised = PostWithVersion(manager, base + "/decision/authorise", json::object(), version);
  ASSERT_EQ(authorised.status, 200) << authorised.body;
  EXPECT_EQ(authorised.Json().at("state"), "decided");
  EXPECT_EQ(authorised.Json().at("decisions").size(), 2u);
  EXPECT_EQ(authorised.Json().at("decisions").at(1).at("status"), "authorised");
  EXPECT_EQ(PostWithVersion(manager, base + "/decision/authorise", json::object(), version + 1).status, 409);  // twice
  // Families First is early help: no referral (KCR-2).
  EXPECT_TRUE(worker.Get("/api/v1/referrals").Json().at("items").empty());

  // The decision deadline (HCR-27) is met.
  auto contact = worker.Get(base).Json();
  bool met = false;
  for (const auto& d : contact.at("deadlines"))
    if (d.at("timescale") == "decision") met = d.at("state") == "met";
  EXPECT_TRUE(met) << contact.dump();
}

// RULE HCR-29 RULE KCR-2: an assessment outcome puts a referral on the responsible team's queue.
TEST_F(WorkflowApi, HCR29_AReferralIsOnTheTeamsQueue) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<int>());
  auto worker = SignedIn(Role::kSocialWorker);
  auto r = PostWithVersion(worker, base + "/screening/start", json::object(), 1);
  json answers = {{"answers", {{"nature", "n"}, {"how_arose", "h"}, {"needs", "n"}, {"child_location", "c"},
                               {"last_seen", "l"}, {"family_known", "f"}}},
                  {"significant_harm", "not_known"}, {"urgent_action", "no"}, {"crime_possible", "no"},
                  {"consent", "informed_agreed"}, {"version", r.Json().at("version")}};
  r = worker.SendJson("PUT", base + "/screening", answers);
  r = PostWithVersion(worker, base + "/record-checks", json::object(), r.Json().at("version"));
  r = PostWithVersion(worker, base + "/screening/complete", json::object(), r.Json().at("version"));
  r = PostWithVersion(worker, base + "/decision",
           {{"outcome", "child-and-family-assessment"}, {"children", {0}}, {"rationale", "r"}, {"next_steps", "s"},
            {"protective_factors", "Mother protective"}},
           r.Json().at("version"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto manager = SignedIn(Role::kTeamManager);
  r = PostWithVersion(manager, base + "/decision/authorise", json::object(), r.Json().at("version"));
  ASSERT_EQ(r.status, 200) << r.body;
  auto referrals = worker.Get("/api/v1/referrals?team=Assessment%20team").Json().at("items");
  ASSERT_EQ(referrals.size(), 1u);
  EXPECT_EQ(referrals[0].at("contact").at("reference"), created.Json().at("reference"));
  EXPECT_EQ(referrals[0].at("reference"), r.Json().at("referral"));
  EXPECT_TRUE(worker.Get("/api/v1/referrals?team=Other").Json().at("items").empty());
  auto page = worker.Get("/referrals");
  EXPECT_EQ(page.status, 200);
  EXPECT_NE(page.body.find(r.Json().at("referral").get<std::string>()), std::string::npos);
  // The page shows the outcome's title, not its id; the API keeps the id.
  EXPECT_NE(page.body.find("Child and Family Assessment"), std::string::npos);
  EXPECT_EQ(page.body.find(">child-and-family-assessment<"), std::string::npos);
  EXPECT_EQ(referrals[0].at("outcome"), "child-and-family-assessment");
}

// RULE HCR-13 RULE HCR-4: urgent contacts top the queue; the rest wait oldest first; allegations
// against professionals are on the LADO queue, not the front door's.
TEST_F(WorkflowApi, HCR13_UrgentContactsTopTheQueue) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto first = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  auto urgent_body = ScreenableSchoolContact();
  urgent_body["intake"]["indicators"] = {"disclosed-abuse"};
  auto urgent = officer.SendJson("POST", "/api/v1/contacts", urgent_body);
  auto lado_body = ScreenableSchoolContact();
  lado_body["intake"]["allegation_against_professional"] = true;
  auto lado = officer.SendJson("POST", "/api/v1/contacts", lado_body);
  ASSERT_EQ(first.status, 201);
  ASSERT_EQ(urgent.status, 201) << urgent.body;
  ASSERT_EQ(lado.status, 201);
  const std::string queue = first.Json().at("queue");  // front-door, or out-of-hours at night (HCR-18)
  auto listed = officer.Get("/api/v1/contacts?queue=" + queue);
  ASSERT_EQ(listed.status, 200) << listed.body;
  const auto items = listed.Json().at("items");
  ASSERT_EQ(items.size(), 2u);
  EXPECT_EQ(items[0].at("id"), urgent.Json().at("id"));
  EXPECT_EQ(items[0].at("urgent"), true);
  EXPECT_EQ(items[1].at("id"), first.Json().at("id"));
  auto lado_queue = officer.Get("/api/v1/contacts?queue=lado").Json().at("items");
  ASSERT_EQ(lado_queue.size(), 1u);
  EXPECT_EQ(lado_queue[0].at("id"), lado.Json().at("id"));
  EXPECT_EQ(officer.Get("/api/v1/contacts?queue=nowhere").status, 422);
}

// RULE KCR-6: a contact recorded without the household questions (a phone call over the API) cannot
// be screened to completion until they are answered; the worker records them with the screening
// answers (PUT …/screening "household", shaped as at intake), version-checked and audited.
TEST_F(WorkflowApi, KCR6_HouseholdAnswersNotAskedAtIntakeAreRecordedWhileScreening) {
  auto officer = SignedIn(Role::kContactOfficer);
  json body = ScreenableSchoolContact();
  body["intake"] = {{"channel", "phone"}};
  auto created = officer.SendJson("POST", "/api/v1/contacts", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::string base = "/api/v1/contacts/" + std::to_string(id);
  auto worker = SignedIn(Role::kSocialWorker);
  auto r = PostWithVersion(worker, base + "/screening/start", json::object(), 1);
  ASSERT_EQ(r.status, 200) << r.body;
  json answers = {{"answers", {{"nature", "n"}, {"how_arose", "h"}, {"needs", "n"}, {"child_location", "c"},
                               {"last_seen", "l"}, {"family_known", "f"}}},
                  {"significant_harm", "no"}, {"urgent_action", "no"}, {"crime_possible", "no"},
                  {"consent", "informed_agreed"}, {"version", r.Json().at("version")}};
  r = worker.SendJson("PUT", base + "/screening", answers);
  ASSERT_EQ(r.status, 200) << r.body;
  r = PostWithVersion(worker, base + "/record-checks", json::object(), r.Json().at("version"));
  ASSERT_EQ(r.status, 200) << r.body;
  std::int64_t version = r.Json().at("version");
  auto blocked = PostWithVersion(worker, base + "/screening/complete", json::object(), version);
  EXPECT_EQ(blocked.status, 422);
  EXPECT_TRUE(NamesField(blocked, "household")) << blocked.body;

  // Wrong answers are named as intake names them, and nothing is written.
  auto wrong = worker.SendJson("PUT", base + "/screening",
                               {{"version", version}, {"household", {{"domestic_abuse", "maybe"}, {"pets", "no"}}}});
  EXPECT_EQ(wrong.status, 422);
  EXPECT_TRUE(NamesField(wrong, "household.domestic_abuse")) << wrong.body;
  EXPECT_TRUE(NamesField(wrong, "household.pets")) << wrong.body;
  EXPECT_EQ(worker.SendJson("PUT", base + "/screening", {{"version", version}, {"household", "yes"}}).status, 422);
  // A partial answer keeps the others "not asked"; the stale version of a second save is 409.
  const json household = {{"domestic_abuse", "yes"}, {"mental_illness", "no"}, {"substance_misuse", "not_known"},
                          {"learning_difficulties", "no"}};
  r = worker.SendJson("PUT", base + "/screening", {{"version", version}, {"household", {{"domestic_abuse", "yes"}}}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("intake").at("household").at("mental_illness"), "not_asked");
  EXPECT_EQ(worker.SendJson("PUT", base + "/screening", {{"version", version}, {"household", household}}).status, 409);
  version = r.Json().at("version");
  r = worker.SendJson("PUT", base + "/screening", {{"version", version}, {"household", household}});
  ASSERT_EQ(r.status, 200) << r.body;
  EXPECT_EQ(r.Json().at("intake").at("household"), household);
  for (const auto& t : r.Json().at("tasks")) {
    if (t.at("id") == "household") {
      EXPECT_TRUE(t.at("done").get<bool>());
    }
  }
  auto done = PostWithVersion(worker, base + "/screening/complete", json::object(), r.Json().at("version"));
  ASSERT_EQ(done.status, 200) << done.body;
  EXPECT_EQ(done.Json().at("state"), "screened");

  // Audited with the other screening saves.
  auto tx = real_store_->Begin(store::TransactionMode::kRead);
  const auto rows = tx->Query("SELECT changes FROM audit_events WHERE action = ? AND record_id = ? ORDER BY seq",
                              {"contact.screening_saved", std::to_string(id)});
  ASSERT_EQ(rows.size(), 3u);
  EXPECT_FALSE(json::parse(rows[0].Text(0)).contains("household")) << "unchanged answers are not logged as changes";
  EXPECT_EQ(json::parse(rows[2].Text(0)).at("household"), household);
}

TEST_F(WorkflowApi, BadBodiesAreNamed) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201);
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<int>());
  auto worker = SignedIn(Role::kSocialWorker);
  auto no_version = worker.SendJson("POST", base + "/screening/start", json::object());
  EXPECT_EQ(no_version.status, 422);
  EXPECT_TRUE(NamesField(no_version, "version"));
  auto typo = PostWithVersion(worker, base + "/screening/start", {{"verison", 1}}, 1);
  EXPECT_EQ(typo.status, 422);
  EXPECT_TRUE(NamesField(typo, "verison"));
  EXPECT_EQ(PostWithVersion(worker, "/api/v1/contacts/99999/screening/start", json::object(), 1).status, 404);
  EXPECT_EQ(worker.Get(base + "/workflow").status, 200);
  EXPECT_EQ(SignedIn(Role::kAnalyst).Get(base + "/workflow").status, 403);
}

}  // namespace
}  // namespace fd::testing

namespace fd::testing {
namespace {

// RULE HCR-5 RULE HCR-13: the allocated worker sees a notice on their home page at once; the queue
// page lists urgent contacts first, tagged.
TEST_F(WorkflowApi, HCR5_HCR13_TheAllocatedWorkerIsToldAndUrgentContactsLeadTheQueuePage) {
  auto worker = SignedIn(Role::kSocialWorker);
  const std::int64_t worker_id = worker.Get("/api/v1/session").Json().at("user").at("id");
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO people (first_names, last_name, date_of_birth, open_case, allocated_user_id) "
                "VALUES ('Tia', 'Sample', '2012-10-03', 1, ?)",
                {worker_id});
    tx->Commit();
  }
  auto officer = SignedIn(Role::kContactOfficer);
  auto open_case = ScreenableSchoolContact();
  open_case["children"][0] = {{"first_names", "Tia"}, {"last_name", "Sample"}, {"date_of_birth", "2012-10-03"}};
  auto routed = officer.SendJson("POST", "/api/v1/contacts", open_case);
  ASSERT_EQ(routed.status, 201) << routed.body;
  EXPECT_EQ(routed.Json().at("queue"), "allocated-worker");
  auto home = worker.Get("/");
  EXPECT_NE(home.body.find("New contact " + routed.Json().at("reference").get<std::string>()), std::string::npos);

  auto plain = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  auto urgent_body = ScreenableSchoolContact();
  urgent_body["intake"]["indicators"] = {"disclosed-abuse"};
  auto urgent = officer.SendJson("POST", "/api/v1/contacts", urgent_body);
  ASSERT_EQ(urgent.status, 201);
  auto page = officer.Get("/contacts?queue=" + plain.Json().at("queue").get<std::string>());
  ASSERT_EQ(page.status, 200);
  const auto urgent_at = page.body.find(urgent.Json().at("reference").get<std::string>());
  const auto plain_at = page.body.find(plain.Json().at("reference").get<std::string>());
  ASSERT_NE(urgent_at, std::string::npos);
  ASSERT_NE(plain_at, std::string::npos);
  EXPECT_LT(urgent_at, plain_at);
  EXPECT_NE(page.body.find("govuk-tag--red\">Urgent"), std::string::npos);
}

// Screens a new contact as far as recording significant harm and urgent action; returns the contact's
// path. The answers a social worker sends at screening, as the review found them unheeded.
std::string ScreenedWithSignificantHarm(HttpClient& officer, HttpClient& worker) {
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json().at("urgent"), false);
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto started = PostWithVersion(worker, base + "/screening/start", json::object(), 1);
  EXPECT_EQ(started.status, 200) << started.body;
  auto saved = worker.SendJson("PUT", base + "/screening",
                               {{"significant_harm", "yes"}, {"urgent_action", "yes"},
                                {"version", started.Json().at("version")}});
  EXPECT_EQ(saved.status, 200) << saved.body;
  return base;
}

const json* DeadlineOf(const json& contact, const std::string& timescale) {
  for (const auto& d : contact.at("deadlines"))
    if (d.at("timescale") == timescale) return &d;
  return nullptr;
}

// RULE HCR-32 RULE HCR-13: significant harm found at screening makes the contact urgent (audited) and
// opens the 24-hour clock for deciding on a strategy discussion and Section 47 enquiries; authorising
// the decision is that decision and meets it, so nothing is left open that the front door cannot meet.
TEST_F(WorkflowApi, HCR32_SignificantHarmAtScreeningIsUrgentAndOpensThe24HourDecision) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const std::string base = ScreenedWithSignificantHarm(officer, worker);
  json contact = worker.Get(base).Json();
  EXPECT_EQ(contact.at("urgent"), true);
  const json* s47 = DeadlineOf(contact, "section-47-decision");
  ASSERT_NE(s47, nullptr) << contact.at("deadlines").dump();
  EXPECT_EQ(s47->at("rule"), "HCR-32");
  EXPECT_EQ(s47->at("state"), "open");
  EXPECT_EQ(DeadlineOf(contact, "immediate-protection"), nullptr) << "Hertfordshire's pack has no such timescale";
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.marked_urgent'").at(0).Int(0), 1);
  }
  // Saved again, nothing opens twice.
  auto again = worker.SendJson("PUT", base + "/screening",
                               {{"significant_harm", "yes"}, {"version", contact.at("version")}});
  ASSERT_EQ(again.status, 200) << again.body;

  json answers = {{"answers", {{"nature", "Bruising"}, {"how_arose", "School noticed"}, {"needs", "Protection"},
                               {"child_location", "At school"}, {"last_seen", "Today by the teacher"},
                               {"family_known", "Not known"}}},
                  {"crime_possible", "no"}, {"consent", "informed_agreed"}, {"version", again.Json().at("version")}};
  auto saved = worker.SendJson("PUT", base + "/screening", answers);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto checked = PostWithVersion(worker, base + "/record-checks", json::object(), saved.Json().at("version"));
  ASSERT_EQ(checked.status, 200) << checked.body;
  auto complete = PostWithVersion(worker, base + "/screening/complete", json::object(), checked.Json().at("version"));
  ASSERT_EQ(complete.status, 200) << complete.body;
  auto proposed = PostWithVersion(worker, base + "/decision",
                                  {{"outcome", "strategy-discussion"}, {"children", {0}}, {"rationale", "Bruising"},
                                   {"next_steps", "Strategy discussion with the police today"},
                                   {"protective_factors", "Mother protective"}},
                                  complete.Json().at("version"));
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  auto authorised = PostWithVersion(manager, base + "/decision/authorise", json::object(), proposed.Json().at("version"));
  ASSERT_EQ(authorised.status, 200) << authorised.body;
  contact = worker.Get(base).Json();
  int s47_deadlines = 0;
  for (const auto& d : contact.at("deadlines"))
    if (d.at("timescale") == "section-47-decision") {
      ++s47_deadlines;
      EXPECT_EQ(d.at("state"), "met") << d.dump();
    }
  EXPECT_EQ(s47_deadlines, 1) << contact.at("deadlines").dump();
}

// Kent's procedures, for the KCR rules.
using WorkflowApiUnderKent = KentApiTest;

// RULE KCR-8: a child found at screening to need immediate protection makes the contact urgent and
// opens Kent's "decide at once" deadline, as a significant-harm indicator at intake does.
TEST_F(WorkflowApiUnderKent, KCR8_UrgentActionAtScreeningOpensImmediateProtection) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string base = ScreenedWithSignificantHarm(officer, worker);
  const json contact = worker.Get(base).Json();
  EXPECT_EQ(contact.at("urgent"), true);
  const json* now = DeadlineOf(contact, "immediate-protection");
  ASSERT_NE(now, nullptr) << contact.at("deadlines").dump();
  EXPECT_EQ(now->at("rule"), "KCR-8");
  EXPECT_EQ(DeadlineOf(contact, "section-47-decision"), nullptr) << "Kent's packs have no such timescale";
}

// RULE KCR-1 RULE KCR-8: under Kent too, a contact about a child open to a worker and a child who is
// not is screened and decided by the front door, within a working day; the worker is told, and the
// note cites Kent's rules only.
TEST_F(WorkflowApiUnderKent, KCR1_KCR8_AContactAlsoAboutAChildNotOpenIsDecidedByTheFrontDoor) {
  auto worker = SignedIn(Role::kSocialWorker);
  const std::int64_t worker_id = worker.Get("/api/v1/session").Json().at("user").at("id");
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO people (first_names, last_name, date_of_birth, open_case, allocated_user_id) "
                "VALUES ('Tia', 'Sample', '2012-10-03', 1, ?)",
                {worker_id});
    tx->Commit();
  }
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = ScreenableSchoolContact();
  body["children"].push_back({{"first_names", "Tia"}, {"last_name", "Sample"}, {"date_of_birth", "2012-10-03"}});
  auto created = officer.SendJson("POST", "/api/v1/contacts", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json().at("queue"), "front-door");
  const std::string note = created.Json().at("routing_note");
  EXPECT_NE(note.find("Mia Example is not open to a team"), std::string::npos) << note;
  EXPECT_NE(note.find("KCR-1"), std::string::npos) << note;
  EXPECT_EQ(note.find("HCR-"), std::string::npos) << note;
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  const json read = officer.Get(base).Json();
  const json* decision = DeadlineOf(read, "decision");
  ASSERT_NE(decision, nullptr);
  EXPECT_EQ(decision->at("rule"), "KCR-8");
  EXPECT_NE(worker.Get("/").body.find("New contact " + created.Json().at("reference").get<std::string>()),
            std::string::npos);
}

// RULE KCR-16 RULE KCR-9 RULE KCR-10 RULE KCR-11: a decision the manager sends back can be acted on.
// Screening reopens with everything recorded kept and the reason in the workflow; the worker records
// the agency check asked for, changes an answer, runs the record checks again, completes the
// screening and proposes anew, which another manager may then authorise. The proposer is told, and
// the decision deadline is neither met nor moved: its clock keeps running.
TEST_F(WorkflowApiUnderKent, KCR16_ADecisionSentBackReopensScreeningForTheWorker) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const std::int64_t manager_id = manager.Get("/api/v1/session").Json().at("user").at("id");
  auto [base, version] = ScreenedAndProposed(officer, worker);
  const json before = worker.Get(base).Json();
  const json* decision_due = DeadlineOf(before, "decision");
  ASSERT_NE(decision_due, nullptr) << before.at("deadlines").dump();
  const std::string due_at = decision_due->at("due_at");

  const std::string reason = "Please record agency checks with health first";
  auto returned = PostWithVersion(manager, base + "/decision/return", {{"reason", reason}}, version);
  ASSERT_EQ(returned.status, 200) << returned.body;
  json workflow = returned.Json();
  EXPECT_EQ(workflow.at("state"), "screening");
  ASSERT_TRUE(workflow.at("sent_back").is_object()) << workflow.dump();
  EXPECT_EQ(workflow.at("sent_back").at("reason"), reason);
  EXPECT_EQ(workflow.at("sent_back").at("by").at("id"), manager_id);
  EXPECT_EQ(workflow.at("screening").at("answers").at("nature"), "Neglect") << "the answers are kept";
  EXPECT_EQ(workflow.at("screening").at("completed_at"), nullptr) << "screening is open again";
  EXPECT_EQ(workflow.at("record_checks").size(), 1u) << "the record checks are kept";
  EXPECT_EQ(workflow.at("decisions").back().at("status"), "returned");
  version = workflow.at("version");

  // The worker acts on it: each of these answered 409 "not being screened" before.
  auto agency = PostWithVersion(worker, base + "/agency-checks",
                                {{"agency", "Health"},
                                 {"asked_person", "Jo Nurse, health visitor"},
                                 {"asked_at", AskedNow()},
                                 {"response", "Known to us; two missed appointments"}},
                                version);
  ASSERT_EQ(agency.status, 200) << agency.body;
  version = agency.Json().at("version");
  auto saved = worker.SendJson(
      "PUT", base + "/screening",
      {{"answers", {{"needs", "Food; health to follow up the missed appointments"}}}, {"version", version}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  version = saved.Json().at("version");
  auto checked = PostWithVersion(worker, base + "/record-checks", json::object(), version);
  ASSERT_EQ(checked.status, 200) << checked.body;
  version = checked.Json().at("version");
  EXPECT_EQ(checked.Json().at("agency_checks").size(), 1u);
  EXPECT_EQ(checked.Json().at("sent_back").at("reason"), reason) << "the reason stays until a new proposal";

  // The deadline was not touched by sending back: the same due time, still not met.
  const json after = worker.Get(base).Json();
  const json* still_due = DeadlineOf(after, "decision");
  ASSERT_NE(still_due, nullptr);
  EXPECT_EQ(still_due->at("due_at"), due_at);
  EXPECT_EQ(still_due->at("met_at"), nullptr);

  // The proposer was told, on their home page, with a link to the contact.
  const std::string home = worker.Get("/").body;
  EXPECT_NE(
      home.find(before.at("reference").get<std::string>() + ": your proposed decision was sent back by"),
      std::string::npos);

  auto completed = PostWithVersion(worker, base + "/screening/complete", json::object(), version);
  ASSERT_EQ(completed.status, 200) << completed.body;
  version = completed.Json().at("version");
  auto proposed = PostWithVersion(worker, base + "/decision",
                                  {{"outcome", "no-further-action"},
                                   {"children", {0}},
                                   {"rationale", "Health know the family and will follow up"},
                                   {"next_steps", "None"}},
                                  version);
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  EXPECT_EQ(proposed.Json().at("sent_back"), nullptr);
  version = proposed.Json().at("version");
  auto authorised = PostWithVersion(manager, base + "/decision/authorise", json::object(), version);
  ASSERT_EQ(authorised.status, 200) << authorised.body;
  EXPECT_EQ(authorised.Json().at("decisions").size(), 2u);
}

// RULE KCR-16: a manager lists what waits for their authorisation: `awaiting=authorisation` narrows a
// queue to the contacts with a proposed decision; a decision sent back leaves that list.
TEST_F(WorkflowApi, KCR16_AManagerListsTheDecisionsAwaitingAuthorisation) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  auto waiting = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(waiting.status, 201);
  auto [base, version] = ScreenedAndProposed(officer, worker);
  const std::int64_t proposed_id = worker.Get(base).Json().at("id");
  const std::string queue = waiting.Json().at("queue");  // front-door, or out-of-hours at night (HCR-18)

  EXPECT_EQ(manager.Get("/api/v1/contacts?queue=" + queue).Json().at("total"), 2);
  auto awaiting = manager.Get("/api/v1/contacts?queue=" + queue + "&awaiting=authorisation");
  ASSERT_EQ(awaiting.status, 200) << awaiting.body;
  ASSERT_EQ(awaiting.Json().at("total"), 1);
  EXPECT_EQ(awaiting.Json().at("items").at(0).at("id"), proposed_id);
  EXPECT_EQ(awaiting.Json().at("items").at(0).at("state"), "proposed");
  EXPECT_EQ(manager.Get("/api/v1/contacts?queue=" + queue + "&awaiting=authorisation&urgent=true")
                .Json()
                .at("total"),
            0);
  EXPECT_EQ(manager.Get("/api/v1/contacts?queue=" + queue + "&awaiting=everything").status, 422);
  EXPECT_EQ(manager.Get("/api/v1/contacts?awaiting=authorisation").status, 422);

  ASSERT_EQ(PostWithVersion(manager, base + "/decision/return", {{"reason", "Ask health"}}, version).status,
            200);
  EXPECT_EQ(manager.Get("/api/v1/contacts?queue=" + queue + "&awaiting=authorisation").Json().at("total"), 0);
}

}  // namespace
}  // namespace fd::testing
