// A team manager allocates a contact at the front door to a named social worker of their team, and
// re-allocates it; another worker is then refused its screening (409, naming the allocated worker),
// managers and the allocated worker go on (docs/decisions.md "Allocating screening, and two workers
// on one child"). And KCR-10, HCR-30: starting to screen while another contact about the same child
// is being screened by someone else succeeds, and says so (API and screening page).
#include <regex>

#include "api_fixture.h"
#include "colleagues.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

class ScreeningAllocation : public ApiTest {
 protected:
  // Sam and the fixture's social worker work the Front Door; Dora's account is disabled; Nina works
  // the North Locality team, whose manager is Nia.
  void SetUp() override {
    ApiTest::SetUp();
    std::map<std::string, std::int64_t> ids;
    ASSERT_NO_FATAL_FAILURE(AddColleagues(*ctx_,
                                          {{"sam", "Sam Second", Role::kSocialWorker, "Front Door"},
                                           {"dora", "Dora Disabled", Role::kSocialWorker, "Front Door"},
                                           {"nina", "Nina North", Role::kSocialWorker, "North Locality"},
                                           {"nia", "Nia North", Role::kTeamManager, "North Locality"}},
                                          ids));
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("UPDATE users SET active = 0 WHERE username = 'dora'");
    tx->Commit();
  }

  HttpClient SignedInAs(const std::string& username) {
    HttpClient client(service_->port());
    auto reply = client.SignIn(username, kTestPassword);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return client;
  }

  std::int64_t NewContact(const json& body = ScreenableSchoolContact()) {
    auto created = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", std::int64_t{0});
  }

  static std::int64_t VersionOf(HttpClient& client, std::int64_t id) {
    return client.Get("/api/v1/contacts/" + std::to_string(id)).Json().at("version").get<std::int64_t>();
  }

  std::int64_t AuditCount(const std::string& action, std::int64_t id) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ? AND record_id = ?", {action, std::to_string(id)})
        .at(0)
        .Int(0);
  }
};

json Answers(std::int64_t version) {
  return {{"answers", {{"nature", "Neglect"}}}, {"version", version}};
}

// Allocating screening over the API (docs/decisions.md "Allocating screening, and two workers on
// one child": no numbered rule, as neither seed prescribes it; it serves Kent's Duty Senior
// gate-keeping, seed line 12, and Hertfordshire's manager oversight, line 222): allocation by the
// team's manager, refusals naming the field, the allocated worker as the screener, another worker
// refused with who holds it, managers going on, re-allocation, the audit and the worker's deadlines.
TEST_F(ScreeningAllocation, ManagerAllocatesAndOnlyTheAllocatedWorkerOrAManagerScreens) {
  const std::int64_t id = NewContact();
  const std::string base = "/api/v1/contacts/" + std::to_string(id);
  auto manager = SignedIn(Role::kTeamManager);
  auto worker = SignedIn(Role::kSocialWorker);
  auto sam = SignedInAs("sam");
  auto nia = SignedInAs("nia");

  // Only a team manager allocates, and only one of the team whose queue holds the contact.
  EXPECT_EQ(PostWithVersion(worker, base + "/screening-allocation", {{"worker", "sam"}}, 1).status, 403);
  EXPECT_EQ(PostWithVersion(nia, base + "/screening-allocation", {{"worker", "nina"}}, 1).status, 403);

  // A choice that cannot be made is 422 naming the field.
  for (const char* who : {"", "nobody", "dora", "nina", "team_manager"}) {
    auto refused = PostWithVersion(manager, base + "/screening-allocation", {{"worker", who}}, 1);
    EXPECT_EQ(refused.status, 422) << who << ": " << refused.body;
    EXPECT_TRUE(NamesField(refused, "worker")) << refused.body;
  }
  EXPECT_NE(PostWithVersion(manager, base + "/screening-allocation", {{"worker", "dora"}}, 1).body.find("disabled"),
            std::string::npos);
  // A stale version is a conflict, as every workflow step.
  EXPECT_EQ(PostWithVersion(manager, base + "/screening-allocation", {{"worker", "sam"}}, 7).status, 409);
  EXPECT_EQ(AuditCount("contact.screening_allocated", id), 0);

  auto allocated = PostWithVersion(manager, base + "/screening-allocation", {{"worker", "sam"}}, 1);
  ASSERT_EQ(allocated.status, 200) << allocated.body;
  EXPECT_EQ(allocated.Json().at("screening_allocation").at("worker").at("username"), "sam");
  EXPECT_EQ(allocated.Json().at("screener").at("name"), "Sam Second");
  EXPECT_EQ(allocated.Json().at("state"), "received");
  std::int64_t version = allocated.Json().at("version");
  EXPECT_EQ(version, 2);

  // Sam's own deadlines queue now holds the contact, shown as allocated to them.
  auto mine = sam.Get("/api/v1/deadlines?scope=mine");
  ASSERT_EQ(mine.status, 200) << mine.body;
  bool in_sams_queue = false;
  const json items = mine.Json().at("items");
  for (const auto& d : items)
    if (d.at("record").at("id") == id) {
      in_sams_queue = true;
      EXPECT_EQ(d.at("screener").at("name"), "Sam Second");
    }
  EXPECT_TRUE(in_sams_queue) << mine.body;

  // Another worker may not start it: 409 naming Sam, and saying a manager can re-allocate it.
  auto refused = PostWithVersion(worker, base + "/screening/start", json::object(), version);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_NE(refused.body.find("Sam Second"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("re-allocate"), std::string::npos) << refused.body;

  auto started = PostWithVersion(sam, base + "/screening/start", json::object(), version);
  ASSERT_EQ(started.status, 200) << started.body;
  version = started.Json().at("version");
  EXPECT_EQ(started.Json().at("screener").at("name"), "Sam Second");

  // Recording screening: the other worker is refused, nothing written; the manager goes on.
  auto saved_by_other = worker.SendJson("PUT", base + "/screening", Answers(version));
  EXPECT_EQ(saved_by_other.status, 409) << saved_by_other.body;
  EXPECT_NE(saved_by_other.body.find("Sam Second"), std::string::npos);
  EXPECT_EQ(PostWithVersion(worker, base + "/record-checks", json::object(), version).status, 409);
  auto saved_by_manager = manager.SendJson("PUT", base + "/screening", Answers(version));
  ASSERT_EQ(saved_by_manager.status, 200) << saved_by_manager.body;
  version = saved_by_manager.Json().at("version");

  // Re-allocated to the fixture's worker while being screened: now they go on, and Sam is refused.
  auto reallocated = PostWithVersion(manager, base + "/screening-allocation", {{"worker", "social_worker"}}, version);
  ASSERT_EQ(reallocated.status, 200) << reallocated.body;
  version = reallocated.Json().at("version");
  EXPECT_EQ(reallocated.Json().at("screener").at("name"), "Test social_worker");
  EXPECT_EQ(sam.SendJson("PUT", base + "/screening", Answers(version)).status, 409);
  auto saved = worker.SendJson("PUT", base + "/screening", Answers(version));
  EXPECT_EQ(saved.status, 200) << saved.body;

  // Audited, ids only: two allocations, the second naming the first worker it replaced.
  EXPECT_EQ(AuditCount("contact.screening_allocated", id), 2);
  auto tx = store_->Begin(store::TransactionMode::kRead);
  const auto changes = json::parse(
      tx->Query("SELECT changes FROM audit_events WHERE action = 'contact.screening_allocated' ORDER BY seq DESC")
          .at(0)
          .Text(0));
  EXPECT_TRUE(changes.at("worker_id").is_number_integer()) << changes.dump();
  EXPECT_TRUE(changes.at("previous_worker_id").is_number_integer()) << changes.dump();
  EXPECT_EQ(changes.dump().find("Sam"), std::string::npos) << changes.dump();
}

// Allocating screening on the pages (docs/decisions.md "Allocating screening, and two workers on
// one child"): the contact page offers the manager the allocation form, with the team's active social
// workers only; a refused choice is 422 with the GOV.UK error summary; the allocated worker is shown;
// another worker is not offered the start, and a start sent anyway is refused (409).
TEST_F(ScreeningAllocation, ManagerAllocatesOnThePagesAndAnotherWorkerIsRefused) {
  DuringOpeningHours();  // HCR-18: out of hours its contacts go to the out-of-hours queue
  const std::int64_t id = NewContact();
  const std::string contact = "/contacts/" + std::to_string(id);
  auto manager = SignedIn(Role::kTeamManager);

  auto page = manager.Get(contact);
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, "href=\"" + contact + "/screening-allocation\"")) << "no allocation link";
  EXPECT_TRUE(Has(page, "Allocate screening to a social worker"));
  // A worker is not offered it, and may not open the form.
  auto worker = SignedIn(Role::kSocialWorker);
  EXPECT_FALSE(Has(worker.Get(contact), "/screening-allocation"));
  EXPECT_EQ(worker.Get(contact + "/screening-allocation").status, 403);

  auto form = manager.Get(contact + "/screening-allocation");
  ASSERT_EQ(form.status, 200) << form.body;
  EXPECT_TRUE(Has(form, "<option value=\"sam\">Sam Second</option>"));
  EXPECT_TRUE(Has(form, "<option value=\"social_worker\">"));
  EXPECT_FALSE(Has(form, "dora")) << "a disabled worker is not offered";
  EXPECT_FALSE(Has(form, "nina")) << "a worker of another team is not offered";
  const std::string csrf = FirstCapture(form.body, "name=\"csrf_token\" value=\"([^\"]+)\"");
  const std::string version = FirstCapture(form.body, "name=\"version\" value=\"([0-9]+)\"");
  ASSERT_FALSE(csrf.empty());
  ASSERT_EQ(version, "1");

  // No choice, or a disabled worker sent by hand: 422 with the error summary linking to the select.
  auto empty = manager.Send("POST", contact + "/screening-allocation",
                            FormBody({{"csrf_token", csrf}, {"version", version}, {"worker", ""}}), kFormHeaders);
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(Has(empty, "govuk-error-summary"));
  EXPECT_TRUE(Has(empty, "href=\"#worker\""));
  auto disabled = manager.Send("POST", contact + "/screening-allocation",
                               FormBody({{"csrf_token", csrf}, {"version", version}, {"worker", "dora"}}), kFormHeaders);
  EXPECT_EQ(disabled.status, 422);
  EXPECT_TRUE(Has(disabled, "disabled"));
  // Without the CSRF token nothing is done.
  EXPECT_EQ(manager.Send("POST", contact + "/screening-allocation", FormBody({{"version", version}, {"worker", "sam"}}),
                         kFormHeaders)
                .status,
            403);

  auto done = manager.Send("POST", contact + "/screening-allocation",
                           FormBody({{"csrf_token", csrf}, {"version", version}, {"worker", "sam"}}), kFormHeaders);
  ASSERT_EQ(done.status, 303) << done.body;
  auto shown = manager.Get(contact + "?screening_allocated=1");
  EXPECT_TRUE(Has(shown, "Screening allocated to Sam Second"));
  EXPECT_TRUE(Has(shown, "Allocated to <strong>Sam Second</strong> to screen"));
  EXPECT_TRUE(Has(shown, "Re-allocate screening"));
  // The queue shows it too.
  EXPECT_TRUE(Has(manager.Get("/contacts?queue=front-door"), "allocated to Sam Second to screen"));

  // The fixture's worker is not offered "Start screening", and a start sent anyway (an old page, or
  // by hand) is 409, saying who holds it.
  auto screening = worker.Get(contact + "/screening");
  ASSERT_EQ(screening.status, 200);
  EXPECT_TRUE(Has(screening, "Allocated to <strong>Sam Second</strong>"));
  EXPECT_TRUE(Has(screening, "ask a team manager to re-allocate it"));
  EXPECT_FALSE(Has(screening, "/screening/start"));
  EXPECT_TRUE(Has(SignedInAs("sam").Get(contact + "/screening"), "/screening/start"));
  auto start = worker.Send("POST", contact + "/screening/start",
                           FormBody({{"csrf_token", worker.csrf_token}, {"version", std::to_string(VersionOf(worker, id))}}),
                           kFormHeaders);
  EXPECT_EQ(start.status, 409) << start.body;
  EXPECT_TRUE(Has(start, "Sam Second"));
  EXPECT_TRUE(Has(start, "re-allocate"));
}

// Screens the contact as `worker` (start if received, routine answers, record checks, complete);
// returns the version after completing.
std::int64_t ScreenToCompletion(HttpClient& worker, std::int64_t id, std::int64_t version) {
  const std::string base = "/api/v1/contacts/" + std::to_string(id);
  auto r = worker.Get(base);
  if (r.Json().at("state") == "received") {
    r = PostWithVersion(worker, base + "/screening/start", json::object(), version);
    EXPECT_EQ(r.status, 200) << r.body;
    version = r.Json().at("version");
  }
  json answers = {{"answers", {{"nature", "Neglect"}, {"how_arose", "Seen at school"}, {"needs", "Food and safety"},
                               {"child_location", "School"}, {"last_seen", "This morning, teacher"},
                               {"family_known", "No"}}},
                  {"significant_harm", "no"}, {"urgent_action", "no"}, {"crime_possible", "no"},
                  {"consent", "informed_only"}, {"version", version}};
  r = worker.SendJson("PUT", base + "/screening", answers);
  EXPECT_EQ(r.status, 200) << r.body;
  r = PostWithVersion(worker, base + "/record-checks", json::object(), r.Json().at("version"));
  r = PostWithVersion(worker, base + "/screening/complete", json::object(), r.Json().at("version"));
  EXPECT_EQ(r.status, 200) << r.body;
  return r.Json().at("version");
}

bool InMine(HttpClient& client, std::int64_t id, const std::string& screener) {
  auto mine = client.Get("/api/v1/deadlines?scope=mine");
  EXPECT_EQ(mine.status, 200) << mine.body;
  const json items = mine.Json().at("items");  // a copy: the reply's JSON is a temporary
  for (const auto& d : items)
    if (d.at("record").at("id") == id) {
      EXPECT_EQ(d.at("screener").at("name"), screener) << d.dump();
      return true;
    }
  return false;
}

// RULE KCR-8 RULE KCR-16: a screened contact drops off nobody's list. Allocated to Sam and screened,
// it stays Sam's (their "mine" deadlines, the queue and deadlines naming them) until the decision is
// made; a manager may re-allocate it while it waits for its proposal or its authorisation (not 409),
// and only once it is decided is the allocation refused (docs/decisions.md "A screened contact stays
// someone's until it is decided").
TEST_F(ScreeningAllocation, KCR8_KCR16_AScreenedContactStaysWithItsScreenerUntilDecided) {
  DuringOpeningHours();  // the front door's queue, not the out-of-hours one
  const std::int64_t id = NewContact();
  const std::string base = "/api/v1/contacts/" + std::to_string(id);
  auto manager = SignedIn(Role::kTeamManager);
  auto worker = SignedIn(Role::kSocialWorker);
  auto sam = SignedInAs("sam");

  auto allocated = PostWithVersion(manager, base + "/screening-allocation", {{"worker", "sam"}}, 1);
  ASSERT_EQ(allocated.status, 200) << allocated.body;
  std::int64_t version = ScreenToCompletion(sam, id, allocated.Json().at("version"));
  ASSERT_EQ(sam.Get(base).Json().at("state"), "screened");

  // Still Sam's: their own deadlines, the queue's JSON and pages, the workflow.
  EXPECT_TRUE(InMine(sam, id, "Sam Second"));
  EXPECT_FALSE(InMine(worker, id, "Sam Second"));
  bool listed = false;
  const json queue = manager.Get("/api/v1/contacts?queue=front-door").Json().at("items");
  for (const auto& item : queue)
    if (item.at("id") == id) {
      listed = true;
      EXPECT_EQ(item.at("screener").at("name"), "Sam Second") << item.dump();
    }
  EXPECT_TRUE(listed);
  EXPECT_TRUE(Has(manager.Get("/contacts?queue=front-door"), "Screened by Sam Second"));
  EXPECT_TRUE(Has(manager.Get("/deadlines?scope=team"), "Screened by Sam Second, decision to propose"));
  EXPECT_EQ(manager.Get(base + "/workflow").Json().at("screener").at("name"), "Sam Second");

  // The manager may re-allocate it while it waits: the form and the API answer, not 409.
  EXPECT_EQ(manager.Get("/contacts/" + std::to_string(id) + "/screening-allocation").status, 200);
  EXPECT_TRUE(Has(manager.Get("/contacts/" + std::to_string(id)), "Re-allocate screening"));
  auto moved = PostWithVersion(manager, base + "/screening-allocation", {{"worker", "social_worker"}}, version);
  ASSERT_EQ(moved.status, 200) << moved.body;
  version = moved.Json().at("version");
  EXPECT_TRUE(InMine(worker, id, "Test social_worker"));
  EXPECT_FALSE(InMine(sam, id, "Test social_worker"));

  // Proposed: still the worker's, shown as awaiting authorisation; a manager may still re-allocate.
  auto proposed = PostWithVersion(worker, base + "/decision",
                                  {{"outcome", "no-further-action"}, {"children", {0}},
                                   {"rationale", "Needs are met at school"}, {"next_steps", "None"}},
                                  version);
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  version = proposed.Json().at("version");
  EXPECT_TRUE(InMine(worker, id, "Test social_worker"));
  EXPECT_TRUE(Has(manager.Get("/contacts?queue=front-door"), "Decision awaiting authorisation, screened by Test social_worker"));
  EXPECT_TRUE(Has(manager.Get("/deadlines?scope=team"), "Screened by Test social_worker, decision awaiting authorisation"));
  auto again = PostWithVersion(manager, base + "/screening-allocation", {{"worker", "sam"}}, version);
  ASSERT_EQ(again.status, 200) << again.body;
  version = again.Json().at("version");
  EXPECT_TRUE(InMine(sam, id, "Sam Second"));

  // Decided: it has left the front door, so allocating it is refused, naming the stage.
  auto authorised = PostWithVersion(manager, base + "/decision/authorise", json::object(), version);
  ASSERT_EQ(authorised.status, 200) << authorised.body;
  version = authorised.Json().at("version");
  auto refused = PostWithVersion(manager, base + "/screening-allocation", {{"worker", "sam"}}, version);
  EXPECT_EQ(refused.status, 409) << refused.body;
  EXPECT_TRUE(Has(refused, "Decided")) << refused.body;
}

// Review finding 10: allocating to the worker who already has the contact changes nothing and sends
// no second notice (422 on `worker`, saying so, API and page); a form stale only because of the
// manager's own change since says so, not "Someone else changed this contact".
TEST_F(ScreeningAllocation, AllocatingToTheWorkerWhoHasItSaysSoAndTellsThemOnce) {
  const std::int64_t id = NewContact();
  const std::string base = "/api/v1/contacts/" + std::to_string(id);
  auto manager = SignedIn(Role::kTeamManager);
  auto notices = [&] {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM staff_notices n JOIN users u ON u.id = n.user_id WHERE u.username = 'sam'")
        .at(0)
        .Int(0);
  };
  auto first = PostWithVersion(manager, base + "/screening-allocation", {{"worker", "sam"}}, 1);
  ASSERT_EQ(first.status, 200) << first.body;
  const std::int64_t version = first.Json().at("version");
  EXPECT_EQ(notices(), 1);

  // Again to Sam, with the new version or the old one (a form sent twice): said, nothing done.
  for (const std::int64_t sent : {version, std::int64_t{1}}) {
    auto again = PostWithVersion(manager, base + "/screening-allocation", {{"worker", "sam"}}, sent);
    EXPECT_EQ(again.status, 422) << again.body;
    EXPECT_TRUE(NamesField(again, "worker")) << again.body;
    EXPECT_TRUE(Has(again, "Sam Second already has this contact")) << again.body;
  }
  EXPECT_EQ(notices(), 1);
  EXPECT_EQ(AuditCount("contact.screening_allocated", id), 1);
  EXPECT_EQ(VersionOf(manager, id), version);

  // On the page: the form again, the error at the choice.
  auto form = manager.Get("/contacts/" + std::to_string(id) + "/screening-allocation");
  const std::string csrf = FirstCapture(form.body, "name=\"csrf_token\" value=\"([^\"]+)\"");
  auto page = manager.Send("POST", "/contacts/" + std::to_string(id) + "/screening-allocation",
                           FormBody({{"csrf_token", csrf}, {"version", std::to_string(version)}, {"worker", "sam"}}),
                           kFormHeaders);
  EXPECT_EQ(page.status, 422);
  EXPECT_TRUE(Has(page, "govuk-error-summary"));
  EXPECT_TRUE(Has(page, "already has this contact"));
  EXPECT_EQ(notices(), 1);

  // A form from before the manager's own allocation, sent for another worker: stale, and said to be
  // their own change, not someone else's.
  auto own = PostWithVersion(manager, base + "/screening-allocation", {{"worker", "social_worker"}}, 1);
  EXPECT_EQ(own.status, 409) << own.body;
  EXPECT_TRUE(Has(own, "You changed this contact")) << own.body;
  EXPECT_FALSE(Has(own, "Someone else")) << own.body;
  // Changed by someone else since (Sam starts screening): "Someone else".
  auto sam = SignedInAs("sam");
  auto started = PostWithVersion(sam, base + "/screening/start", json::object(), version);
  ASSERT_EQ(started.status, 200) << started.body;
  auto other = PostWithVersion(manager, base + "/screening-allocation", {{"worker", "social_worker"}}, version);
  EXPECT_EQ(other.status, 409) << other.body;
  EXPECT_TRUE(Has(other, "Someone else changed this contact")) << other.body;
}

// RULE KCR-10 RULE HCR-30: two contacts about one child screened by two workers at once. The second
// start succeeds, and its answer (API) and the screening page say who screens the other contact.
TEST_F(ScreeningAllocation, KCR10_HCR30_StartingWhileAnotherWorkerScreensTheSameChildSaysSo) {
  const std::int64_t first = NewContact();
  const std::int64_t second = NewContact();  // the same child: same names and date of birth
  auto worker = SignedIn(Role::kSocialWorker);
  auto sam = SignedInAs("sam");
  const std::string first_api = "/api/v1/contacts/" + std::to_string(first);
  const std::string second_api = "/api/v1/contacts/" + std::to_string(second);

  auto started_first = PostWithVersion(worker, first_api + "/screening/start", json::object(), 1);
  ASSERT_EQ(started_first.status, 200) << started_first.body;
  EXPECT_TRUE(started_first.Json().at("screened_at_the_same_time").empty()) << started_first.body;
  const std::string first_ref = started_first.Json().at("reference");

  // Not blocked: Sam starts the other contact, and is told who screens the first.
  auto started_second = PostWithVersion(sam, second_api + "/screening/start", json::object(), 1);
  ASSERT_EQ(started_second.status, 200) << started_second.body;
  const json together = started_second.Json().at("screened_at_the_same_time");
  ASSERT_EQ(together.size(), 1u) << started_second.body;
  EXPECT_EQ(together.at(0).at("reference"), first_ref);
  EXPECT_EQ(together.at(0).at("contact_id"), first);
  EXPECT_EQ(together.at(0).at("screener").at("name"), "Test social_worker");

  // The first worker's view says the same of the second.
  auto first_view = worker.Get(first_api + "/workflow");
  ASSERT_EQ(first_view.status, 200);
  ASSERT_EQ(first_view.Json().at("screened_at_the_same_time").size(), 1u);
  EXPECT_EQ(first_view.Json().at("screened_at_the_same_time").at(0).at("screener").at("name"), "Sam Second");

  // The screening page warns, naming the other contact and its screener.
  auto page = sam.Get("/contacts/" + std::to_string(second) + "/screening?started=1");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, "Another contact about this child is being screened by someone else now"));
  EXPECT_TRUE(Has(page, first_ref + "</a> is being screened by Test social_worker"));
  // A contact about another child warns of nothing.
  json other = ScreenableSchoolContact();
  other["children"][0]["first_names"] = "Zed";
  const std::int64_t third = NewContact(other);
  auto started_third = PostWithVersion(sam, "/api/v1/contacts/" + std::to_string(third) + "/screening/start",
                                       json::object(), 1);
  ASSERT_EQ(started_third.status, 200);
  EXPECT_TRUE(started_third.Json().at("screened_at_the_same_time").empty());
  EXPECT_FALSE(Has(sam.Get("/contacts/" + std::to_string(third) + "/screening"), "being screened by someone else"));
}

}  // namespace
}  // namespace fd::testing
