// Two frontdoor nodes on one database (issue 10 point 2): the fixture's in-process service is node A,
// and node B is build/frontdoor serve, a separate process, on the same database URL. Runs on SQLite
// (two processes on one file) and again on PostgreSQL (the .postgres copy), where it is what a
// shared front door runs: several nodes behind a load balancer on one PostgreSQL.
#include <future>
#include <thread>

#include "api_fixture.h"
#include "server_process.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class MultiNode : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    node_b_ = std::make_unique<ServerProcess>(real_store_->url(), dir_, "node-b");
    ASSERT_TRUE(node_b_->running());
  }
  void TearDown() override {
    node_b_.reset();
    ApiTest::TearDown();
  }
  // Signs in on node B.
  HttpClient SignedInOnB(Role role) {
    HttpClient client(node_b_->port());
    auto reply = client.SignIn(std::string(RoleId(role)), kTestPassword);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return client;
  }
  // The same session (cookie and CSRF token) presented to node B.
  HttpClient OnB(const HttpClient& signed_in) {
    HttpClient client(node_b_->port());
    client.cookies = signed_in.cookies;
    client.csrf_token = signed_in.csrf_token;
    return client;
  }
  std::unique_ptr<ServerProcess> node_b_;
};

TEST_F(MultiNode, AContactCreatedOnOneNodeIsReadOnTheOther) {
  auto officer_a = SignedIn(Role::kContactOfficer);
  auto created = officer_a.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const auto id = created.Json().at("id").get<std::int64_t>();
  auto officer_b = SignedInOnB(Role::kContactOfficer);
  auto read = officer_b.Get("/api/v1/contacts/" + std::to_string(id));
  ASSERT_EQ(read.status, 200) << read.body;
  EXPECT_EQ(read.Json().at("reference"), created.Json().at("reference"));
  EXPECT_EQ(read.Json().at("concern"), "Arrived hungry three days running.");
}

// Sessions are in the database: signed in on A, the same cookie works on B, and signing out on B ends
// it on A too.
TEST_F(MultiNode, ASessionMadeOnOneNodeWorksOnTheOther) {
  auto officer_a = SignedIn(Role::kContactOfficer);
  auto officer_b = OnB(officer_a);
  EXPECT_EQ(officer_b.Get("/api/v1/contacts").status, 200);
  auto created = officer_b.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());  // CSRF token from A
  EXPECT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(officer_b.SendJson("DELETE", "/api/v1/session", json::object()).status / 100, 2);
  EXPECT_EQ(officer_a.Get("/api/v1/contacts").status, 401);
}

// The same decision authorised on both nodes at once: exactly one succeeds, the other is told the
// record changed (409) — the version check runs inside a writer serialised across nodes.
TEST_F(MultiNode, TheSameDecisionAuthorisedOnBothNodesAtOnceSucceedsOnce) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<int>());
  auto worker = SignedIn(Role::kSocialWorker);
  auto started = PostWithVersion(worker, base + "/screening/start", json::object(), 1);
  ASSERT_EQ(started.status, 200) << started.body;
  std::int64_t version = started.Json().at("version");
  json answers = {{"answers", {{"nature", "Neglect"}, {"how_arose", "School noticed"}, {"needs", "Food"},
                               {"child_location", "At school"}, {"last_seen", "Today by the teacher"},
                               {"family_known", "Not known"}}},
                  {"significant_harm", "no"}, {"urgent_action", "no"}, {"crime_possible", "no"},
                  {"consent", "informed_agreed"}, {"version", version}};
  auto saved = worker.SendJson("PUT", base + "/screening", answers);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto checked = PostWithVersion(worker, base + "/record-checks", json::object(), saved.Json().at("version"));
  ASSERT_EQ(checked.status, 200) << checked.body;
  auto complete = PostWithVersion(worker, base + "/screening/complete", json::object(), checked.Json().at("version"));
  ASSERT_EQ(complete.status, 200) << complete.body;
  auto proposed = PostWithVersion(worker, base + "/decision",
                       {{"outcome", "families-first"}, {"children", {0}}, {"rationale", "Needs support"},
                        {"next_steps", "Families First worker to visit"}},
                       complete.Json().at("version"));
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  version = proposed.Json().at("version");

  auto manager_a = SignedIn(Role::kTeamManager);
  auto manager_b = SignedInOnB(Role::kTeamManager);
  std::promise<void> go;
  std::shared_future<void> start = go.get_future().share();
  auto on_a = std::async(std::launch::async, [&] {
    start.wait();
    return PostWithVersion(manager_a, base + "/decision/authorise", json::object(), version);
  });
  auto on_b = std::async(std::launch::async, [&] {
    start.wait();
    return PostWithVersion(manager_b, base + "/decision/authorise", json::object(), version);
  });
  go.set_value();
  const HttpReply a = on_a.get(), b = on_b.get();
  ASSERT_TRUE((a.status == 200 && b.status == 409) || (a.status == 409 && b.status == 200))
      << "node A " << a.status << " " << a.body << "\nnode B " << b.status << " " << b.body;
  // The winner's view: decided, with the one proposal authorised once.
  const json view = (a.status == 200 ? a : b).Json();
  EXPECT_EQ(view.at("state"), "decided");
  ASSERT_EQ(view.at("decisions").size(), 1u);
  EXPECT_EQ(view.at("decisions").at(0).at("status"), "authorised");
  EXPECT_EQ(view.at("version"), version + 1);
}

// A person added on node B is found by a search on node A straight away: each node's match index
// reads the register's change log (person_changes) before every search.
TEST_F(MultiNode, APersonAddedOnOneNodeIsFoundByTheOthersSearch) {
  auto officer_a = SignedIn(Role::kContactOfficer);
  const std::string search = "/api/v1/people/search?first_names=Ruby&last_name=Newcomb&date_of_birth=2019-09-09&limit=5";
  auto before = officer_a.Get(search);
  ASSERT_EQ(before.status, 200) << before.body;
  EXPECT_TRUE(before.Json().at("items").empty());  // A's index is loaded, without Ruby
  auto worker_b = SignedInOnB(Role::kSocialWorker);
  auto created = worker_b.SendJson("POST", "/api/v1/people",
                                   {{"first_names", "Ruby"}, {"last_name", "Newcombe"}, {"date_of_birth", "2019-09-09"},
                                    {"gender", "female"}, {"address", "3 Mill Lane, Exampleton EX1 3CD"}});
  ASSERT_EQ(created.status, 201) << created.body;
  auto after = officer_a.Get(search);
  ASSERT_EQ(after.status, 200) << after.body;
  ASSERT_FALSE(after.Json().at("items").empty()) << after.body;
  EXPECT_EQ(after.Json().at("items").at(0).at("id"), created.Json().at("id"));
}

nlohmann::json PortalRequest() {
  return {{"referrer", {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "01632 960 001"}}},
          {"children", json::array({{{"first_names", "Sam"}, {"last_name", "Example"}}})},
          {"concern", "Shouting every night."},
          {"intake", {{"household", {{"domestic_abuse", "yes"}, {"mental_illness", "not_known"}}}}}};
}

// What a portal request writes, read straight from the database: its rows, the audit chain's head,
// and the uses counted against the portal's limit.
std::string WrittenSoFar(store::Store& store) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  std::string out;
  for (const char* table : {"contacts", "contact_children", "audit_events", "deadlines", "outbox", "status_links",
                            "idempotency_keys", "address_limits"})
    out += std::string(table) + "=" + std::to_string(tx->Query(std::string("SELECT COUNT(*) FROM ") + table).at(0).Int(0)) + " ";
  out += "head=" + tx->Query("SELECT hash FROM audit_head").at(0).Text(0) + " ";
  out += "uses=" + std::to_string(tx->Query("SELECT COALESCE(SUM(uses), 0) FROM address_limits").at(0).Int(0));
  return out;
}

// RULE KCR-8 RULE HCR-27: the portal's limit (10 requests an hour from one address) holds across
// the nodes behind a load balancer, not once per node: ten sent to the two nodes in turn use it up,
// and the eleventh is refused (429, saying to phone) on whichever node it reaches, writing nothing.
TEST_F(MultiNode, KCR8_HCR27_TheEleventhPortalRequestInAnHourIsRefusedOnEitherNode) {
  HttpClient on_a = Client(), on_b(node_b_->port());
  for (int i = 0; i < 10; ++i) {
    auto sent = (i % 2 ? on_b : on_a).SendJson("POST", "/api/v1/portal/contacts", PortalRequest());
    ASSERT_EQ(sent.status, 201) << "request " << i + 1 << " on node " << (i % 2 ? "B" : "A") << ": " << sent.body;
  }
  const std::string before = WrittenSoFar(*real_store_);
  for (HttpClient* node : {&on_a, &on_b}) {
    auto refused = node->SendJson("POST", "/api/v1/portal/contacts", PortalRequest());
    ASSERT_EQ(refused.status, 429) << (node == &on_a ? "node A: " : "node B: ") << refused.body;
    EXPECT_FALSE(refused.Header("retry-after").empty());
    EXPECT_NE(refused.Json().at("detail").get<std::string>().find("phone us"), std::string::npos);
  }
  auto page = on_b.Send("POST", "/request-for-support",
                        "child_count=1&referrer_type=member_of_public&referrer_name=Jo+Neighbour&referrer_email=jo%40example.org"
                        "&children-0-first_names="
                        "Sam&children-0-last_name=Example&concern=Left+alone+every+night&household-domestic_abuse=yes"
                        "&action=send",
                        {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(page.status, 429);
  EXPECT_NE(page.body.find("Left alone every night"), std::string::npos);  // what was typed, kept
  EXPECT_EQ(WrittenSoFar(*real_store_), before);
  auto officer = SignedIn(Role::kContactOfficer);
  auto listed = officer.Get("/api/v1/contacts?page=1&page_size=1");
  ASSERT_EQ(listed.status, 200) << listed.body;
  EXPECT_EQ(listed.Json().at("total"), 10);
}

// The status links' limit (30 looks in 10 minutes from one address) is the same across nodes: looks
// on both nodes count against one allowance, and a refused look writes nothing.
TEST_F(MultiNode, StatusLinkLooksAreLimitedOnceAcrossTheNodes) {
  HttpClient on_a = Client(), on_b(node_b_->port());
  const std::string unknown = "/api/v1/status/" + std::string(43, 'A');
  for (int i = 0; i < 30; ++i) {
    auto look = (i % 2 ? on_b : on_a).Get(unknown);
    ASSERT_EQ(look.status, 404) << "look " << i + 1 << ": " << look.body;
  }
  const std::string before = WrittenSoFar(*real_store_);
  EXPECT_EQ(on_a.Get(unknown).status, 429);
  EXPECT_EQ(on_b.Get(unknown).status, 429);
  EXPECT_EQ(WrittenSoFar(*real_store_), before);
}

}  // namespace
}  // namespace fd::testing
