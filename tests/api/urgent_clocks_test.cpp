// The clocks an urgent contact starts, over real HTTP: which open at receipt, what meets them, how a
// queue shows one past its time, and that no front-door clock is opened that the front door cannot meet.
#include "api_fixture.h"
#include "domain/instant.h"

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
class UrgentClocksUnderKent : public ApiTest {
 protected:
  void Configure(service::ServiceOptions&) override {
    procedures_ = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent").value();
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, clock_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
};

// RULE KCR-8: where the child needs immediate protection the duty team decides how it responds as
// soon as possible. A social worker taking the contact up (starting screening) meets the clock; it is
// not left breached until a manager authorises the whole decision. The queue says when a contact's
// "decide by" has passed: `overdue` in the JSON, an "Overdue" tag on the page.
TEST_F(UrgentClocksUnderKent, KCR8_StartingScreeningMeetsImmediateProtectionAndTheQueueSaysOverdue) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto body = ScreenableSchoolContact();
  body["intake"]["indicators"] = {"disclosed-abuse"};
  auto first = officer.SendJson("POST", "/api/v1/contacts", body);
  ASSERT_EQ(first.status, 201) << first.body;
  const std::int64_t first_id = first.Json().at("id");
  const std::string queue = "/api/v1/contacts?queue=" + first.Json().at("queue").get<std::string>();
  const std::string base = "/api/v1/contacts/" + std::to_string(first_id);
  json row = *RowOf(worker.Get(queue).Json(), first_id);
  EXPECT_EQ(row.at("overdue"), false) << row.dump();

  auto started = PostWithVersion(worker, base + "/screening/start", json::object(), 1);
  ASSERT_EQ(started.status, 200) << started.body;
  json contact = worker.Get(base).Json();
  const json* now = ClockOf(contact, "immediate-protection");
  ASSERT_NE(now, nullptr) << contact.at("deadlines").dump();
  EXPECT_EQ(now->at("rule"), "KCR-8");
  EXPECT_EQ(now->at("state"), "met") << now->dump();
  EXPECT_EQ(now->at("met_late"), false);

  // Ten minutes on, the first is being dealt with: its "decide by" is the working-day decision.
  auto second = officer.SendJson("POST", "/api/v1/contacts", body);
  ASSERT_EQ(second.status, 201) << second.body;
  const std::int64_t second_id = second.Json().at("id");
  clock_.Advance(std::chrono::minutes(10));
  contact = worker.Get(base).Json();
  EXPECT_EQ(ClockOf(contact, "immediate-protection")->at("state"), "met");
  const json items = worker.Get(queue).Json();
  EXPECT_EQ(RowOf(items, first_id)->at("overdue"), false) << items.dump();
  // The second, not taken up, is past its time.
  EXPECT_EQ(RowOf(items, second_id)->at("overdue"), true) << items.dump();
  auto page = worker.Get("/contacts?queue=" + first.Json().at("queue").get<std::string>());
  ASSERT_EQ(page.status, 200);
  const auto at = page.body.find(second.Json().at("reference").get<std::string>());
  ASSERT_NE(at, std::string::npos);
  const auto row_end = page.body.find("</tr>", at);
  EXPECT_NE(page.body.substr(at, row_end - at).find(">Overdue</strong>"), std::string::npos)
      << page.body.substr(at, row_end - at);
  const auto first_at = page.body.find(first.Json().at("reference").get<std::string>());
  ASSERT_NE(first_at, std::string::npos);
  EXPECT_EQ(page.body.substr(first_at, page.body.find("</tr>", first_at) - first_at).find(">Overdue</strong>"),
            std::string::npos);
}

// RULE KCR-8: urgent action found while screening is recorded by the team already responding: the
// clock it opens is met by that save, not left breached a minute later.
TEST_F(UrgentClocksUnderKent, KCR8_UrgentActionFoundAtScreeningIsNotLeftBreached) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto started = PostWithVersion(worker, base + "/screening/start", json::object(), 1);
  ASSERT_EQ(started.status, 200) << started.body;
  clock_.Advance(std::chrono::minutes(30));
  auto saved = worker.SendJson("PUT", base + "/screening",
                               {{"urgent_action", "yes"}, {"version", started.Json().at("version")}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  clock_.Advance(std::chrono::minutes(5));
  const json contact = worker.Get(base).Json();
  const json* now = ClockOf(contact, "immediate-protection");
  ASSERT_NE(now, nullptr) << contact.at("deadlines").dump();
  EXPECT_EQ(now->at("state"), "met") << now->dump();
  EXPECT_EQ(now->at("met_late"), false);
}

}  // namespace
}  // namespace fd::testing
