// Deadlines at volume over real HTTP: a front door with hundreds of open deadlines (more than the 200
// the queue once stopped at) gets its counts over every one of them, and the queue in pages, most
// urgent first, through the API, the deadlines page and the home page. And who is screening what: the
// worker who started screening a contact finds its deadlines under "mine", and the queues name them.
// The deadlines are put in straight through the store in one transaction: hundreds of contacts
// recorded over HTTP would take minutes and test nothing more.
#include <set>

#include <fmt/format.h>

#include "api_fixture.h"
#include "app/deadlines.h"
#include "store/deadline_records.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;

class DeadlinesAtVolume : public ApiTest {
 protected:
  // Moves the service's clock to `utc`; it then runs on in real time.
  void SetClock(const std::string& utc) { clock_.Advance(ParseUtc(utc).value() - clock_.Now()); }

  std::int64_t IdOf(const std::string& sql, const std::string& name) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query(sql, {name}).at(0).Int(0);
  }
  std::int64_t TeamId(const std::string& name) { return IdOf("SELECT id FROM teams WHERE name = ?", name); }
  std::int64_t UserId(Role role) { return IdOf("SELECT id FROM users WHERE username = ?", std::string(RoleId(role))); }

  void Insert(const std::vector<Deadline>& deadlines) {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    for (const auto& d : deadlines) store::InsertDeadline(*tx, d, clock_.Now());
    tx->Commit();
  }
};

// A decision deadline on a contact of its own (none of these contacts exists: the queue needs none).
Deadline Decision(std::size_t n, std::optional<std::int64_t> team, Instant starts, Instant due) {
  Deadline d;
  d.timescale = "decision";
  d.rule_id = "HCR-27";
  d.obligation = "Decide the response";
  d.record_type = "contact";
  d.record_id = 500000 + static_cast<std::int64_t>(n);
  d.record_reference = "FD-2026-" + std::to_string(500000 + n);
  d.team_id = team;
  d.starts_at = starts;
  d.due_at = due;
  d.policy_version = "2019";
  return d;
}

int Urgency(const json& d) { return d.at("state") == "breached" ? 0 : d.at("state") == "open" ? 1 : 2; }

std::size_t Count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + what.size())) ++n;
  return n;
}

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

// RULE HCR-27: with 946 of the team's decisions open, the queue's figures count all of them (not
// the first 200), and the queue comes in pages, breached longest overdue first, then soonest due.
TEST_F(DeadlinesAtVolume, HCR27_TheQueueCountsAndPagesEveryOpenDeadline) {
  SetClock("2026-11-25T10:00:00Z");  // a Wednesday; local midnight tonight is 2026-11-26T00:00:00Z
  const Instant now = clock_.Now();
  const std::int64_t team = TeamId("Front Door");
  std::vector<Deadline> ds;
  for (int i = 0; i < 600; ++i) ds.push_back(Decision(ds.size(), team, now - hours(i + 26), now - hours(i + 2)));
  ds.push_back(Decision(ds.size(), team, now - hours(3), now - hours(3)));  // due at once, hours ago: breached
  for (int i = 0; i < 45; ++i) ds.push_back(Decision(ds.size(), team, now - hours(20), now + minutes(i + 5)));
  for (int i = 0; i < 300; ++i) ds.push_back(Decision(ds.size(), team, now, now + days(2) + minutes(i)));
  // Met ones, and deadlines of no team, are not the team's open deadlines.
  for (int i = 0; i < 20; ++i) {
    Deadline met = Decision(ds.size(), team, now - hours(30), now - hours(6));
    met.met_at = now - hours(7);
    ds.push_back(met);
  }
  for (int i = 0; i < 10; ++i) ds.push_back(Decision(ds.size(), std::nullopt, now - hours(30), now - hours(5)));
  Insert(ds);

  auto worker = SignedIn(Role::kSocialWorker);
  auto first = worker.Get("/api/v1/deadlines?scope=team");
  ASSERT_EQ(first.status, 200) << first.body;
  const json page1 = first.Json();
  EXPECT_EQ(page1.at("total"), 946);
  EXPECT_EQ(page1.at("breached"), 601);
  EXPECT_EQ(page1.at("due_today"), 45);
  EXPECT_EQ(page1.at("page"), 1);
  EXPECT_EQ(page1.at("page_size"), app::kDeadlinePageSize);
  ASSERT_EQ(page1.at("items").size(), static_cast<std::size_t>(app::kDeadlinePageSize));
  EXPECT_EQ(page1.at("items")[0].at("due_at"), FormatUtc(now - hours(601)));  // the longest overdue

  // Page by page: every open deadline once, breached ones first (longest overdue first), then the
  // open ones soonest due, and each page with the same figures.
  std::vector<json> all;
  for (int page = 1; page <= 5; ++page) {
    auto reply = worker.Get("/api/v1/deadlines?scope=team&page_size=200&page=" + std::to_string(page));
    ASSERT_EQ(reply.status, 200) << reply.body;
    const json body = reply.Json();
    EXPECT_EQ(body.at("total"), 946);
    EXPECT_EQ(body.at("breached"), 601);
    for (const auto& d : body.at("items")) all.push_back(d);
  }
  ASSERT_EQ(all.size(), 946u);
  std::set<std::int64_t> ids;
  for (const auto& d : all) ids.insert(d.at("id").get<std::int64_t>());
  EXPECT_EQ(ids.size(), 946u);
  for (std::size_t i = 1; i < all.size(); ++i) {
    ASSERT_LE(Urgency(all[i - 1]), Urgency(all[i])) << i;
    if (Urgency(all[i - 1]) == Urgency(all[i])) {
      ASSERT_LE(all[i - 1].at("due_at").get<std::string>(), all[i].at("due_at").get<std::string>()) << i;
    }
  }
  EXPECT_EQ(all[600].at("state"), "breached");
  EXPECT_EQ(all[601].at("state"), "open");
  EXPECT_EQ(all[601].at("due_today"), true);
  EXPECT_TRUE(worker.Get("/api/v1/deadlines?scope=team&page_size=200&page=6").Json().at("items").empty());

  const json with_met = worker.Get("/api/v1/deadlines?scope=team&include_met=true").Json();
  EXPECT_EQ(with_met.at("total"), 966);
  EXPECT_EQ(with_met.at("breached"), 601);
  const json everyone = worker.Get("/api/v1/deadlines?scope=all").Json();
  EXPECT_EQ(everyone.at("total"), 956);
  EXPECT_EQ(everyone.at("breached"), 611);

  auto page0 = worker.Get("/api/v1/deadlines?page=0");
  EXPECT_EQ(page0.status, 422);
  EXPECT_TRUE(NamesField(page0, "page")) << page0.body;
  auto too_big = worker.Get("/api/v1/deadlines?page_size=201");
  EXPECT_EQ(too_big.status, 422);
  EXPECT_TRUE(NamesField(too_big, "page_size")) << too_big.body;
  auto not_number = worker.Get("/api/v1/deadlines?page_size=all");
  EXPECT_EQ(not_number.status, 422);
  EXPECT_TRUE(NamesField(not_number, "page_size")) << not_number.body;

  // The page: the same figures, 50 rows, and GOV.UK pagination to the other 19 pages.
  auto shown = worker.Get("/deadlines?scope=team");
  ASSERT_EQ(shown.status, 200);
  EXPECT_TRUE(Has(shown.body, "601 breached, 45 due today, 946 in all")) << shown.body;
  EXPECT_TRUE(Has(shown.body, "Showing 1 to 50 of 946"));
  EXPECT_EQ(Count(shown.body, "govuk-tag--red\">Breached"), 50u);
  EXPECT_TRUE(Has(shown.body, "href=\"/deadlines?scope=team&amp;page=2\" rel=\"next\""));
  EXPECT_TRUE(Has(shown.body, "govuk-pagination"));
  auto last = worker.Get("/deadlines?scope=team&page=19");
  ASSERT_EQ(last.status, 200);
  EXPECT_TRUE(Has(last.body, "Showing 901 to 946 of 946"));
  EXPECT_TRUE(Has(last.body, "rel=\"prev\""));
  EXPECT_FALSE(Has(last.body, "rel=\"next\""));
  EXPECT_EQ(Count(last.body, "govuk-tag--blue\">Open"), 46u);
  auto past = worker.Get("/deadlines?scope=team&page=20");
  EXPECT_TRUE(Has(past.body, "Go to the first page"));
  auto met_too = worker.Get("/deadlines?scope=team&include_met=true&page=2");
  EXPECT_TRUE(Has(met_too.body, "601 breached, 45 due today, 966 in all"));
  EXPECT_TRUE(Has(met_too.body, "href=\"/deadlines?scope=team&amp;include_met=true&amp;page=3\""));

  // The home page's summary counts them all too.
  EXPECT_TRUE(Has(worker.Get("/").body, "601 breached, 45 due today"));
}

// RULE HCR-27: the decision is the worker's to get made once they start screening: their "mine"
// holds the deadlines of the contacts they are screening (and none of the team's 250 others), and
// the queues, the contact and its deadlines name who is screening it.
TEST_F(DeadlinesAtVolume, HCR27_TheWorkerScreeningAContactHasItsDeadlinesAndIsNamed) {
  SetClock("2026-11-25T10:00:00Z");
  const Instant now = clock_.Now();
  const std::int64_t team = TeamId("Front Door");
  std::vector<Deadline> ds;
  for (int i = 0; i < 250; ++i) ds.push_back(Decision(ds.size(), team, now - hours(30), now - hours(i + 6)));
  Insert(ds);
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::string reference = created.Json().at("reference");
  const std::string path = "/api/v1/contacts/" + std::to_string(id);

  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  EXPECT_EQ(worker.Get("/api/v1/deadlines?scope=mine").Json().at("total"), 0);
  for (const auto& d : worker.Get(path).Json().at("deadlines")) EXPECT_EQ(d.at("screener"), json(nullptr));
  auto started = PostWithVersion(worker, path + "/screening/start", json::object(), created.Json().at("version"));
  ASSERT_EQ(started.status, 200) << started.body;

  const json screener = {{"id", UserId(Role::kSocialWorker)}, {"name", "Test social_worker"}};
  const json own = worker.Get(path).Json().at("deadlines");
  std::int64_t open = 0;
  for (const auto& d : own) open += d.at("state") == "open" ? 1 : 0;
  ASSERT_GE(open, 1);  // HCR-27's decision at least (an e-mailed contact's acknowledgement is sent at once)
  const json mine = worker.Get("/api/v1/deadlines?scope=mine").Json();
  EXPECT_EQ(mine.at("total"), open);
  EXPECT_EQ(mine.at("breached"), 0);
  for (const auto& d : mine.at("items")) {
    EXPECT_EQ(d.at("record").at("id"), id);
    EXPECT_EQ(d.at("screener"), screener);
  }
  EXPECT_EQ(manager.Get("/api/v1/deadlines?scope=mine").Json().at("total"), 0);
  const json team_queue = worker.Get("/api/v1/deadlines?scope=team&page_size=200&page=2").Json();
  EXPECT_EQ(team_queue.at("total"), 250 + open);
  ASSERT_EQ(team_queue.at("items").size(), static_cast<std::size_t>(50 + open));
  for (const auto& d : team_queue.at("items"))
    EXPECT_EQ(d.at("screener"), d.at("record").at("id") == id ? screener : json(nullptr)) << d.dump();

  for (const auto& d : worker.Get(path).Json().at("deadlines")) EXPECT_EQ(d.at("screener"), screener);
  const json front_door = worker.Get("/api/v1/contacts?queue=front-door").Json();
  ASSERT_EQ(front_door.at("items").size(), 1u);
  EXPECT_EQ(front_door.at("items")[0].at("screener"), screener);

  // The pages: the front door's queue, the worker's deadlines and the contact's own.
  const std::string named = "Being screened by Test social_worker";
  auto queue_page = worker.Get("/contacts?queue=front-door");
  EXPECT_TRUE(Has(queue_page.body, named)) << queue_page.body;
  auto mine_page = worker.Get("/deadlines?scope=mine");
  EXPECT_TRUE(Has(mine_page.body, fmt::format("0 breached, 0 due today, {} in all", open))) << mine_page.body;
  EXPECT_TRUE(Has(mine_page.body, reference));
  EXPECT_EQ(Count(mine_page.body, named), static_cast<std::size_t>(open));
  EXPECT_EQ(Count(worker.Get("/deadlines?scope=team").body, named), 0u);  // page 1: the 50 longest overdue
  EXPECT_EQ(Count(worker.Get("/contacts/" + std::to_string(id)).body, named), own.size());
}

class KentDeadlinesAtVolume : public DeadlinesAtVolume {
 protected:
  void Configure(service::ServiceOptions&) override {
    procedures_ = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent").value();
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, clock_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
};

// RULE KCR-8 RULE CRU-5: 250 of Kent's decisions left unmade, opened each under the pack in force on
// its day (the 2017 CRU procedures until 1 September 2024, the Front Door Service's after), are all
// counted as breached, and paged oldest first across both versions.
TEST_F(KentDeadlinesAtVolume, KCR8_CRU5_EveryBreachedDecisionIsCountedAcrossPackVersions) {
  const std::int64_t team = TeamId("Front Door");
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    for (int i = 0; i < 250; ++i) {
      const Instant from = ParseUtc(i < 125 ? "2024-06-03T10:00:00Z" : "2024-10-01T10:00:00Z").value() + hours(i);
      const std::string ref = "FD-2024-" + std::to_string(700000 + i);
      ASSERT_TRUE(app::OpenDeadline(*tx, *ctx_, "decision", {"contact", 700000 + i, ref, team, std::nullopt}, from));
    }
    tx->Commit();
  }
  auto worker = SignedIn(Role::kSocialWorker);
  const json first = worker.Get("/api/v1/deadlines").Json();
  EXPECT_EQ(first.at("total"), 250);
  EXPECT_EQ(first.at("breached"), 250);
  EXPECT_EQ(first.at("due_today"), 0);
  ASSERT_EQ(first.at("items").size(), 50u);
  for (const auto& d : first.at("items")) {
    EXPECT_EQ(d.at("rule"), "KCR-8");
    EXPECT_EQ(d.at("policy_version"), "2017-cru");
  }
  EXPECT_EQ(first.at("items")[0].at("record").at("reference"), "FD-2024-700000");
  const json last = worker.Get("/api/v1/deadlines?page=5").Json();
  ASSERT_EQ(last.at("items").size(), 50u);
  EXPECT_EQ(last.at("items")[49].at("record").at("reference"), "FD-2024-700249");
  EXPECT_EQ(last.at("items")[49].at("policy_version"), "2024-fds");

  auto page = worker.Get("/deadlines");
  EXPECT_TRUE(Has(page.body, "250 breached, 0 due today, 250 in all")) << page.body;
  EXPECT_TRUE(Has(page.body, "href=\"/deadlines?scope=team&amp;page=2\" rel=\"next\""));
  EXPECT_TRUE(Has(worker.Get("/deadlines?page=5").body, "Showing 201 to 250 of 250"));
  EXPECT_TRUE(Has(worker.Get("/").body, "250 breached, 0 due today"));
}

}  // namespace
}  // namespace fd::testing
