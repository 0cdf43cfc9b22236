// The clocks an urgent contact starts, over real HTTP: which open at receipt, what meets them, how a
// queue shows one past its time, and that no front-door clock is opened that the front door cannot meet.
#include "api_fixture.h"
#include "domain/instant.h"
#include "procedures_fixture.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using UrgentClocks = ApiTest;

const json* ClockOf(const json& contact, const std::string& timescale) {
  for (const auto& d : contact.at("deadlines"))
    if (d.at("timescale") == timescale) return &d;
  return nullptr;
}

int ClocksOf(const json& contact, const std::string& timescale) {
  int n = 0;
  for (const auto& d : contact.at("deadlines")) n += d.at("timescale") == timescale;
  return n;
}

const json* RowOf(const json& queue, std::int64_t id) {
  for (const auto& item : queue.at("items"))
    if (item.at("id") == id) return &item;
  return nullptr;
}

// RULE HCR-12 RULE HCR-13 RULE HCR-32: imminent risk of significant harm ticked at intake is known at
// receipt: the 24 hours to decide on a strategy discussion and Section 47 enquiries start then, not
// when a worker later saves "significant harm: yes", which opens no second clock.
TEST_F(UrgentClocks, HCR32_ImminentRiskAtIntakeStartsThe24HourDecisionAtReceipt) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto body = ScreenableSchoolContact();
  body["intake"]["indicators"] = {"imminent-risk"};
  auto created = officer.SendJson("POST", "/api/v1/contacts", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  json contact = worker.Get(base).Json();
  const json* s47 = ClockOf(contact, "section-47-decision");
  ASSERT_NE(s47, nullptr) << contact.at("deadlines").dump();
  EXPECT_EQ(s47->at("rule"), "HCR-32");
  // The working-day decision counts from receipt too: both start at the same moment.
  const std::string received = ClockOf(contact, "decision")->at("starts_at");
  EXPECT_EQ(s47->at("starts_at"), received);
  const auto due = ParseUtc(s47->at("due_at").get<std::string>());
  ASSERT_TRUE(due && ParseUtc(received));
  EXPECT_EQ(*due - *ParseUtc(received), std::chrono::hours(24)) << "24 hours from receipt, not a working day";

  clock_.Advance(std::chrono::minutes(20));
  auto started = PostWithVersion(worker, base + "/screening/start", json::object(), contact.at("version"));
  ASSERT_EQ(started.status, 200) << started.body;
  auto saved = worker.SendJson("PUT", base + "/screening",
                               {{"significant_harm", "yes"}, {"version", started.Json().at("version")}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  contact = worker.Get(base).Json();
  EXPECT_EQ(ClocksOf(contact, "section-47-decision"), 1) << contact.at("deadlines").dump();
  EXPECT_EQ(ClockOf(contact, "section-47-decision")->at("starts_at"), received);
}

// RULE HCR-32: the 5 working days to see a child in need are the assessment team's, met in its own
// assessment: authorising a Child and Family Assessment opens no front-door clock that nothing could
// meet; the date goes with the referral's authorisation in the audit.
TEST_F(UrgentClocks, HCR32_ChildSeenIsNotAFrontDoorClock) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto r = PostWithVersion(worker, base + "/screening/start", json::object(), 1);
  json answers = {{"answers", {{"nature", "n"}, {"how_arose", "h"}, {"needs", "n"}, {"child_location", "c"},
                               {"last_seen", "l"}, {"family_known", "f"}}},
                  {"significant_harm", "no"}, {"urgent_action", "no"}, {"crime_possible", "no"},
                  {"consent", "informed_agreed"}, {"version", r.Json().at("version")}};
  r = worker.SendJson("PUT", base + "/screening", answers);
  r = PostWithVersion(worker, base + "/record-checks", json::object(), r.Json().at("version"));
  r = PostWithVersion(worker, base + "/screening/complete", json::object(), r.Json().at("version"));
  r = PostWithVersion(worker, base + "/decision",
                      {{"outcome", "child-and-family-assessment"}, {"children", {0}}, {"rationale", "r"},
                       {"next_steps", "s"}, {"protective_factors", "Mother protective"}},
                      r.Json().at("version"));
  ASSERT_EQ(r.status, 200) << r.body;
  r = PostWithVersion(manager, base + "/decision/authorise", json::object(), r.Json().at("version"));
  ASSERT_EQ(r.status, 200) << r.body;
  const json contact = worker.Get(base).Json();
  EXPECT_EQ(ClockOf(contact, "child-seen"), nullptr) << contact.at("deadlines").dump();
  auto tx = store_->Begin(store::TransactionMode::kRead);
  const auto rows = tx->Query("SELECT changes FROM audit_events WHERE action = 'contact.decision_authorised'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_TRUE(json::parse(rows[0].Text(0)).at("child_seen_by").is_string()) << rows[0].Text(0);
}

// Kent's procedures, for KCR-8.
using UrgentClocksUnderKent = KentApiTest;

// RULE KCR-8: where the child needs immediate protection the decision on the response, with next
// steps, is recorded at once. Starting screening is not that decision: the clock stays open (breached
// after its first minute), the queue keeps the contact overdue and its "decide by" at receipt, until a
// manager authorises the decision, which meets it (late). The queue says when a contact's "decide by"
// has passed: `overdue` in the JSON, an "Overdue" tag on the page.
TEST_F(UrgentClocksUnderKent, KCR8_StartingScreeningDoesNotMeetImmediateProtectionTheDecisionDoes) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  auto body = ScreenableSchoolContact();
  body["intake"]["indicators"] = {"disclosed-abuse"};
  auto first = officer.SendJson("POST", "/api/v1/contacts", body);
  ASSERT_EQ(first.status, 201) << first.body;
  const std::int64_t first_id = first.Json().at("id");
  const std::string queue = "/api/v1/contacts?queue=" + first.Json().at("queue").get<std::string>();
  const std::string base = "/api/v1/contacts/" + std::to_string(first_id);
  json row = *RowOf(worker.Get(queue).Json(), first_id);
  EXPECT_EQ(row.at("overdue"), false) << row.dump();
  const std::string decide_by = row.at("decide_by");

  auto started = PostWithVersion(worker, base + "/screening/start", json::object(), 1);
  ASSERT_EQ(started.status, 200) << started.body;
  json contact = worker.Get(base).Json();
  const json* now = ClockOf(contact, "immediate-protection");
  ASSERT_NE(now, nullptr) << contact.at("deadlines").dump();
  EXPECT_EQ(now->at("rule"), "KCR-8");
  EXPECT_EQ(now->at("state"), "open") << now->dump();

  // Ten minutes on, screening under way but nothing decided: still past its time, everywhere.
  clock_.Advance(std::chrono::minutes(10));
  contact = worker.Get(base).Json();
  EXPECT_EQ(ClockOf(contact, "immediate-protection")->at("state"), "breached");
  json items = worker.Get(queue).Json();
  EXPECT_EQ(RowOf(items, first_id)->at("overdue"), true) << items.dump();
  EXPECT_EQ(RowOf(items, first_id)->at("decide_by"), decide_by) << items.dump();
  const json deadlines = worker.Get("/api/v1/deadlines?scope=team").Json();
  bool listed = false;
  for (const auto& d : deadlines.at("items"))
    if (d.at("timescale") == "immediate-protection" && d.at("record").at("id") == first_id) {
      listed = true;
      EXPECT_EQ(d.at("state"), "breached") << d.dump();
    }
  EXPECT_TRUE(listed) << deadlines.dump();
  auto page = worker.Get("/contacts?queue=" + first.Json().at("queue").get<std::string>());
  ASSERT_EQ(page.status, 200);
  const auto at = page.body.find(first.Json().at("reference").get<std::string>());
  ASSERT_NE(at, std::string::npos);
  const auto row_end = page.body.find("</tr>", at);
  EXPECT_NE(page.body.substr(at, row_end - at).find(">Overdue</strong>"), std::string::npos)
      << page.body.substr(at, row_end - at);

  // The decision recorded (proposed and authorised) meets it, late.
  json answers = {{"answers", {{"nature", "n"}, {"how_arose", "h"}, {"needs", "n"}, {"child_location", "c"},
                               {"last_seen", "l"}, {"family_known", "f"}}},
                  {"significant_harm", "yes"}, {"urgent_action", "yes"}, {"crime_possible", "no"},
                  {"consent", "informed_agreed"}, {"version", started.Json().at("version")}};
  auto r = worker.SendJson("PUT", base + "/screening", answers);
  ASSERT_EQ(r.status, 200) << r.body;
  r = PostWithVersion(worker, base + "/record-checks", json::object(), r.Json().at("version"));
  r = PostWithVersion(worker, base + "/screening/complete", json::object(), r.Json().at("version"));
  ASSERT_EQ(r.status, 200) << r.body;
  r = PostWithVersion(worker, base + "/decision",
                      {{"outcome", "strategy-discussion"}, {"children", {0}}, {"rationale", "r"}, {"next_steps", "s"}},
                      r.Json().at("version"));
  ASSERT_EQ(r.status, 200) << r.body;
  contact = worker.Get(base).Json();
  EXPECT_EQ(ClockOf(contact, "immediate-protection")->at("state"), "breached") << "a proposal is not the decision";
  r = PostWithVersion(manager, base + "/decision/authorise", json::object(), r.Json().at("version"));
  ASSERT_EQ(r.status, 200) << r.body;
  contact = worker.Get(base).Json();
  EXPECT_EQ(ClockOf(contact, "immediate-protection")->at("state"), "met");
  EXPECT_EQ(ClockOf(contact, "immediate-protection")->at("met_late"), true);
}

// RULE KCR-8: urgent action first found while screening opens the "at once" clock from that save; the
// save is not the decision, so it does not meet it.
TEST_F(UrgentClocksUnderKent, KCR8_UrgentActionFoundAtScreeningKeepsTheClockOpenUntilTheDecision) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto started = PostWithVersion(worker, base + "/screening/start", json::object(), 1);
  ASSERT_EQ(started.status, 200) << started.body;
  clock_.Advance(std::chrono::minutes(30));
  const std::string saved_at = FormatUtc(clock_.Now());
  auto saved = worker.SendJson("PUT", base + "/screening",
                               {{"urgent_action", "yes"}, {"version", started.Json().at("version")}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  json contact = worker.Get(base).Json();
  const json* now = ClockOf(contact, "immediate-protection");
  ASSERT_NE(now, nullptr) << contact.at("deadlines").dump();
  EXPECT_EQ(now->at("state"), "open") << now->dump();
  EXPECT_EQ(ParseUtc(now->at("starts_at").get<std::string>()), ParseUtc(saved_at)) << now->dump();
  clock_.Advance(std::chrono::minutes(5));
  contact = worker.Get(base).Json();
  EXPECT_EQ(ClockOf(contact, "immediate-protection")->at("state"), "breached");
}

}  // namespace
}  // namespace fd::testing
