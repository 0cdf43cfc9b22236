// RULE KCR-17 RULE HCR-24: once a decision is authorised the referrer is told. A referrer frontdoor
// cannot e-mail (no address it may use) but who gave a phone number is rung by the worker who
// proposed the decision: a task on their home page and the contact page, with what they may say,
// marked done with a note (audited), and a deadline when the pack sets `tell-referrer`. Anonymous
// referrers have no one to ring; a professional with no phone is refused at intake, and gets a task
// even so (tests/api/every_professional_told_test.cpp). Over real HTTP, API and pages.
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>

#include "api_fixture.h"
#include "http/message.h"
#include "store/retention_records.h"

namespace fd::testing {
namespace {

using nlohmann::json;

using ReferrerCallback = ApiTest;  // Hertfordshire's pack: no `tell-referrer` timescale

// The Hertfordshire pack with a `tell-referrer` timescale of one working day.
class ReferrerCallbackDue : public ApiTest {
 protected:
  void Configure(service::ServiceOptions&) override {
    namespace fs = std::filesystem;
    const fs::path policies = dir_.path() / "policies";
    fs::create_directories(policies / "hertfordshire");
    fs::copy(fs::path(FD_SOURCE_DIR) / "policies" / "bank-holidays", policies / "bank-holidays",
             fs::copy_options::recursive);
    std::ifstream in(fs::path(FD_SOURCE_DIR) / "policies" / "hertfordshire" / "2019.toml");
    std::stringstream text;
    text << in.rdbuf();
    std::string pack = text.str();
    const std::string table = "[timescales]\n";
    pack.insert(pack.find(table) + table.size(),
                "tell-referrer = { within = \"1 working day\", rule = \"HCR-24\", description = \"Tell the referrer "
                "the outcome\" }\n");
    std::ofstream(policies / "hertfordshire" / "2019.toml") << pack;
    procedures_ = policy::Procedures::Load((policies / "hertfordshire").string()).value();
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, clock_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
};

const json kDecision = {{"outcome", "families-first"}, {"children", {0}}, {"rationale", "Support needed"},
                        {"next_steps", "Families First worker to contact the mother"}};

// A school's contact made screenable, from `referrer` instead.
json ContactFrom(json referrer) {
  json body = ScreenableSchoolContact();
  body["referrer"] = std::move(referrer);
  body["intake"]["channel"] = "phone";
  return body;
}

const json kNeighbourByPhone = {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "01632 960 001"}};

// Records `body` as the officer, then the worker screens and proposes and the manager authorises.
std::int64_t Decided(HttpClient& officer, HttpClient& worker, HttpClient& manager, const json& body) {
  auto created = officer.SendJson("POST", "/api/v1/contacts", body);
  EXPECT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  ScreenAndDecide(worker, manager, id, kDecision);
  return id;
}

std::int64_t CountAudit(store::Store& store, const std::string& action, std::int64_t contact_id) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  return tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ? AND record_id = ?",
                   {action, std::to_string(contact_id)})
      .at(0)
      .Int(0);
}

TEST_F(ReferrerCallback, KCR17_HCR24_AMemberOfThePublicWithOnlyAPhoneIsRungByTheProposer) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const std::int64_t id = Decided(officer, worker, manager, ContactFrom(kNeighbourByPhone));
  if (HasFatalFailure()) return;
  const std::string call = "/api/v1/contacts/" + std::to_string(id) + "/referrer-call";

  // The proposer's list, with the confidential words for the public (KCR-17): no outcome.
  auto mine = worker.Get("/api/v1/referrers-to-tell");
  ASSERT_EQ(mine.status, 200) << mine.body;
  ASSERT_EQ(mine.Json().at("calls").size(), 1u) << mine.body;
  const json open = mine.Json().at("calls").at(0);
  EXPECT_EQ(open.at("contact_id"), id);
  EXPECT_EQ(open.at("told"), false);
  EXPECT_EQ(open.at("due_at"), nullptr);  // Hertfordshire's pack sets no timescale for the call
  EXPECT_NE(open.at("tell").get<std::string>().find("but not what was decided"), std::string::npos) << open;
  // It is the proposer's, not the manager's who authorised.
  EXPECT_EQ(manager.Get("/api/v1/referrers-to-tell").Json().at("calls").size(), 0u);
  // No deadline without the pack's timescale.
  auto deadlines = worker.Get("/api/v1/deadlines?scope=mine");
  for (const auto& d : deadlines.Json().at("items")) EXPECT_NE(d.at("timescale"), "tell-referrer") << d;

  // A note of the call is required, and must be text.
  auto empty = worker.SendJson("POST", call, json{{"note", "  "}});
  EXPECT_EQ(empty.status, 422) << empty.body;
  EXPECT_TRUE(NamesField(empty, "note")) << empty.body;
  auto number = worker.SendJson("POST", call, json{{"note", 3}});
  EXPECT_EQ(number.status, 422) << number.body;
  // A contact officer does not make the call (it is the social worker's).
  EXPECT_EQ(officer.SendJson("POST", call, json{{"note", "Rang"}}).status, 403);

  auto told = worker.SendJson("POST", call, json{{"note", "Rang Jo: told the concern was looked at and acted on"}});
  ASSERT_EQ(told.status, 200) << told.body;
  EXPECT_EQ(told.Json().at("told"), true);
  EXPECT_NE(told.Json().at("told_at"), nullptr);
  EXPECT_EQ(CountAudit(*store_, "contact.referrer_told", id), 1);
  {
    // What the call told is in the lawful-basis ledger, as the e-mailed outcome would be; the member of
    // the public is not named there (KCR-14).
    auto tx = store_->Begin(store::TransactionMode::kRead);
    auto rows = tx->Query("SELECT counterpart, lawful_basis FROM disclosures WHERE cause_id = ?",
                          {std::to_string(id) + ":outcome-call"});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_EQ(rows[0].Text(0), "the referrer (a member of the public), by phone");
    EXPECT_EQ(rows[0].Text(1), "public-task");
  }
  EXPECT_EQ(worker.Get("/api/v1/referrers-to-tell").Json().at("calls").size(), 0u);
  // Once told, there is nothing left to record.
  EXPECT_EQ(worker.SendJson("POST", call, json{{"note", "Again"}}).status, 409);
  EXPECT_EQ(worker.Get(call).Json().at("note"), "Rang Jo: told the concern was looked at and acted on");
}

TEST_F(ReferrerCallback, KCR17_HCR24_AProfessionalWithNoSecureAddressIsToldTheOutcomeByPhone) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  // A GP's receptionist who rang, with a webmail address frontdoor may not use (KCR-5).
  json body = ContactFrom({{"type", "health"}, {"name", "Sam Reception"}, {"agency", "Riverside Surgery"},
                           {"phone", "01632 960 002"}, {"email", "riverside.surgery@webmail.example"}});
  body["children"][0]["nhs_number"] = "943 476 5919";  // HCR-17
  const std::int64_t id = Decided(officer, worker, manager, body);
  if (HasFatalFailure()) return;
  auto call = worker.Get("/api/v1/contacts/" + std::to_string(id) + "/referrer-call");
  ASSERT_EQ(call.status, 200) << call.body;
  EXPECT_NE(call.Json().at("tell").get<std::string>().find("tell them the outcome and next steps"), std::string::npos);
}

TEST_F(ReferrerCallback, KCR17_HCR24_NoCallForTheAnonymousOrThoseEmailed) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  json anonymous = ContactFrom({{"type", "member_of_public"}, {"anonymous", true}});
  anonymous["intake"]["anonymity_limits_explained"] = true;
  json emailed = ContactFrom({{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "01632 960 001"},
                              {"email", "jo@example.com"}});
  for (const json& body : {anonymous, emailed, ScreenableSchoolContact()}) {
    const std::int64_t id = Decided(officer, worker, manager, body);
    if (HasFatalFailure()) return;
    EXPECT_EQ(worker.Get("/api/v1/contacts/" + std::to_string(id) + "/referrer-call").status, 404) << body;
  }
  EXPECT_EQ(worker.Get("/api/v1/referrers-to-tell").Json().at("calls").size(), 0u);
}

TEST_F(ReferrerCallbackDue, KCR17_HCR24_ThePacksTimescaleMakesTheCallADeadlineMetWhenTold) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const std::int64_t id = Decided(officer, worker, manager, ContactFrom(kNeighbourByPhone));
  if (HasFatalFailure()) return;
  auto mine = worker.Get("/api/v1/referrers-to-tell").Json().at("calls");
  ASSERT_EQ(mine.size(), 1u);
  EXPECT_NE(mine.at(0).at("due_at"), nullptr);
  auto find = [&](const json& queue) {
    for (const auto& d : queue.at("items"))
      if (d.at("timescale") == "tell-referrer") return d;
    return json();
  };
  json deadline = find(worker.Get("/api/v1/deadlines?scope=mine").Json());
  ASSERT_FALSE(deadline.is_null());
  EXPECT_EQ(deadline.at("rule"), "HCR-24");
  EXPECT_EQ(deadline.at("due_at"), mine.at(0).at("due_at"));
  ASSERT_EQ(worker.SendJson("POST", "/api/v1/contacts/" + std::to_string(id) + "/referrer-call",
                            json{{"note", "Rang Jo"}})
                .status,
            200);
  deadline = find(worker.Get("/api/v1/deadlines?scope=mine&include_met=true").Json());
  ASSERT_FALSE(deadline.is_null());
  EXPECT_EQ(deadline.at("state"), "met");
}

// The pages: the worker's home page lists the call; the contact page says what to say and takes the
// note, refusing an empty one with the GOV.UK error pattern.
TEST_F(ReferrerCallback, KCR17_HCR24_PagesListTheCallAndTakeTheNote) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ContactFrom(kNeighbourByPhone));
  ASSERT_EQ(created.status, 201);
  const std::int64_t id = created.Json().at("id");
  const std::string reference = created.Json().at("reference");
  ScreenAndDecide(worker, manager, id, kDecision);
  if (HasFatalFailure()) return;

  auto home = worker.Get("/");
  ASSERT_EQ(home.status, 200);
  EXPECT_NE(home.body.find("Ring the referrer of " + reference), std::string::npos) << home.body;
  EXPECT_EQ(manager.Get("/").body.find("Ring the referrer of"), std::string::npos);

  const std::string page = "/contacts/" + std::to_string(id);
  auto shown = worker.Get(page);
  EXPECT_NE(shown.body.find("Tell the referrer"), std::string::npos);
  EXPECT_NE(shown.body.find("but not what was decided"), std::string::npos);
  EXPECT_NE(shown.body.find("action=\"" + page + "/referrer-call\""), std::string::npos);

  const std::map<std::string, std::string> form{{"Content-Type", "application/x-www-form-urlencoded"}};
  auto refused = worker.Send("POST", page + "/referrer-call", "csrf_token=" + http::PercentEncode(worker.csrf_token) + "&note=",
                             form);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(refused.body.find("href=\"#referrer-call-note\""), std::string::npos) << refused.body;

  auto done = worker.Send("POST", page + "/referrer-call",
                          "csrf_token=" + http::PercentEncode(worker.csrf_token) + "&note=" + http::PercentEncode("Rang Jo"),
                          form);
  EXPECT_EQ(done.status, 303) << done.body;
  auto after = worker.Get(page + "?referrer_told=1");
  EXPECT_NE(after.body.find("The call to the referrer is recorded"), std::string::npos);
  EXPECT_NE(after.body.find("Rang Jo"), std::string::npos);
  EXPECT_EQ(after.body.find("action=\"" + page + "/referrer-call\""), std::string::npos);
  EXPECT_EQ(worker.Get("/").body.find("Ring the referrer of"), std::string::npos);
}

// RULE HCR-24: the call owed to a referrer goes with the contact when retention removes it; the call's
// note may name the referrer, and a row left behind would stop the contact being removed at all.
TEST_F(ReferrerCallback, HCR24_TheCallGoesWithTheContactWhenRetentionRemovesIt) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const std::int64_t id = Decided(officer, worker, manager, ContactFrom(kNeighbourByPhone));
  if (HasFatalFailure()) return;
  const auto calls = [&] {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM referrer_callbacks WHERE contact_id = ?", {id}).at(0).Int(0);
  };
  ASSERT_EQ(calls(), 1);
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    ASSERT_TRUE(store::PurgeContact(*tx, id));
    tx->Commit();
  }
  EXPECT_EQ(calls(), 0);
}

}  // namespace
}  // namespace fd::testing
