// What waits for a manager (KCR-16) and what is overdue for a decision (KCR-8, HCR-27) is on the home
// page however many newer contacts arrived since, with the queue's lists behind it (pages and API:
// `awaiting=authorisation`, `overdue=true`; docs/decisions.md "What waits for the manager").
#include "api_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

class ManagerHome : public ApiTest {
 protected:
  // A contact recorded, screened and proposed by `worker`; returns its id and reference.
  std::pair<std::int64_t, std::string> Proposed(HttpClient& officer, HttpClient& worker, json body, json decision) {
    auto created = officer.SendJson("POST", "/api/v1/contacts", body);
    EXPECT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json().at("id");
    // Just received: ScreenAndPropose starts its screening, as a worker does.
    EXPECT_EQ(created.Json().at("state"), "received") << created.body;
    ScreenAndPropose(worker, id, std::move(decision));
    return {id, created.Json().at("reference").get<std::string>()};
  }
};

json NoFurtherAction() {
  return {{"outcome", "no-further-action"}, {"children", {0}}, {"rationale", "Needs met at school"}, {"next_steps", "None"}};
}

// RULE KCR-16 RULE KCR-8 RULE HCR-27: an overdue proposal made days ago, eleven newer contacts, and an
// urgent proposal today. The manager's home page counts and lists what awaits their authorisation,
// urgent first then the overdue, and lists the overdue contact although it is not among the newest;
// the links open the queue's filtered lists, and the API filters the same way.
TEST_F(ManagerHome, KCR16_KCR8_TheManagerSeesWhatAwaitsAuthorisationAndWhatIsOverdue) {
  std::pair<std::int64_t, std::string> old;
  {
    auto officer = SignedIn(Role::kContactOfficer);
    auto worker = SignedIn(Role::kSocialWorker);
    old = Proposed(officer, worker, ScreenableSchoolContact(), NoFurtherAction());
  }
  const auto [old_id, old_ref] = old;
  clock_.Advance(std::chrono::hours(24 * 6));  // its one working day to decide has long passed
  // Signed in after the clock moved on: sessions end after two hours idle.
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  for (int i = 0; i < 11; ++i) {
    json other = ScreenableSchoolContact();
    other["children"][0]["first_names"] = "Newer" + std::to_string(i);
    ASSERT_EQ(officer.SendJson("POST", "/api/v1/contacts", other).status, 201);
  }
  json urgent_body = ScreenableSchoolContact();
  urgent_body["children"][0]["first_names"] = "Ula";
  urgent_body["intake"]["indicators"] = {"disclosed-abuse"};
  const auto [urgent_id, urgent_ref] =
      Proposed(officer, worker, urgent_body,
               {{"outcome", "strategy-discussion"}, {"children", {0}}, {"rationale", "Disclosure"},
                {"next_steps", "Strategy discussion today"}, {"protective_factors", "Mother protective"}});

  // The home page: the count, urgent and overdue, the link, and both listed, the urgent one first.
  auto home = manager.Get("/");
  ASSERT_EQ(home.status, 200);
  EXPECT_TRUE(Has(home, "Decisions awaiting your authorisation")) << home.body;
  EXPECT_TRUE(Has(home, ">2 awaiting authorisation</a> (1 urgent, 1 overdue)")) << home.body;
  EXPECT_TRUE(Has(home, "href=\"/contacts?queue=front-door&amp;awaiting=authorisation\""));
  const auto awaiting_at = home.body.find("id=\"awaiting-authorisation\"");
  const auto urgent_at = home.body.find(">" + urgent_ref + "<", awaiting_at);
  const auto old_at = home.body.find(">" + old_ref + "<", awaiting_at);
  ASSERT_NE(urgent_at, std::string::npos);
  ASSERT_NE(old_at, std::string::npos);
  EXPECT_LT(urgent_at, old_at) << "urgent first";
  // The overdue contact has its own list, though eleven newer contacts came after it.
  const auto overdue_at = home.body.find("id=\"overdue-for-decision\"");
  ASSERT_NE(overdue_at, std::string::npos) << home.body;
  EXPECT_TRUE(Has(home, "href=\"/contacts?queue=front-door&amp;overdue=true\""));
  EXPECT_NE(home.body.find(">" + old_ref + "<", overdue_at), std::string::npos);
  EXPECT_NE(home.body.find("Overdue</strong>", overdue_at), std::string::npos);

  // A social worker authorises nothing: no such count, but the overdue list.
  auto worker_home = worker.Get("/");
  EXPECT_FALSE(Has(worker_home, "Decisions awaiting your authorisation"));
  EXPECT_TRUE(Has(worker_home, "id=\"overdue-for-decision\""));

  // The pages the links open.
  auto awaiting_page = manager.Get("/contacts?queue=front-door&awaiting=authorisation");
  EXPECT_TRUE(Has(awaiting_page, "2 awaiting authorisation, urgent first, then oldest first")) << awaiting_page.body;
  auto overdue_page = manager.Get("/contacts?queue=front-door&overdue=true");
  EXPECT_TRUE(Has(overdue_page, "overdue for a decision")) << overdue_page.body;
  EXPECT_TRUE(Has(overdue_page, ">" + old_ref + "<"));
  EXPECT_FALSE(Has(overdue_page, ">" + urgent_ref + "<"));
  EXPECT_TRUE(Has(overdue_page, "Showing contacts whose decision is overdue only"));

  // The API: the awaiting list urgent first, the overdue one marked; the overdue filter.
  auto awaiting = manager.Get("/api/v1/contacts?queue=front-door&awaiting=authorisation");
  ASSERT_EQ(awaiting.status, 200) << awaiting.body;
  ASSERT_EQ(awaiting.Json().at("total"), 2);
  EXPECT_EQ(awaiting.Json().at("items")[0].at("id"), urgent_id);
  EXPECT_EQ(awaiting.Json().at("items")[1].at("id"), old_id);
  EXPECT_EQ(awaiting.Json().at("items")[1].at("overdue"), true);
  auto overdue = manager.Get("/api/v1/contacts?queue=front-door&overdue=true");
  ASSERT_EQ(overdue.status, 200) << overdue.body;
  ASSERT_EQ(overdue.Json().at("items").size(), 1u) << overdue.body;
  EXPECT_EQ(overdue.Json().at("items")[0].at("id"), old_id);
  auto both = manager.Get("/api/v1/contacts?queue=front-door&overdue=true&awaiting=authorisation");
  EXPECT_EQ(both.Json().at("total"), 1);
  auto bad = manager.Get("/api/v1/contacts?queue=front-door&overdue=maybe");
  EXPECT_EQ(bad.status, 422) << bad.body;
  EXPECT_TRUE(NamesField(bad, "overdue")) << bad.body;
  auto no_queue = manager.Get("/api/v1/contacts?overdue=true");
  EXPECT_EQ(no_queue.status, 422);
  EXPECT_TRUE(NamesField(no_queue, "overdue"));
}

// The home page says when nothing awaits: "0 awaiting authorisation", and no overdue list.
TEST_F(ManagerHome, KCR16_NothingAwaitingSaysSo) {
  auto home = SignedIn(Role::kTeamManager).Get("/");
  ASSERT_EQ(home.status, 200);
  EXPECT_TRUE(Has(home, ">0 awaiting authorisation</a>")) << home.body;
  EXPECT_FALSE(Has(home, "id=\"overdue-for-decision\""));
}

}  // namespace
}  // namespace fd::testing
