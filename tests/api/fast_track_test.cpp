// HCR-13 over real HTTP: a child at imminent risk of significant harm is fast-tracked to the
// assessment team for immediate action (hertfordshire-contacts-and-referrals.txt section 3): at
// receipt on every channel, or by a worker's hand, while the front door still screens and decides.
#include "api_fixture.h"

#include <map>

#include "domain/instant.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

class FastTrack : public ApiTest {
 protected:
  // A team manager of the pack's referral team ("Assessment team").
  HttpClient AssessmentManager() {
    if (!assessor_) {
      auto id = app::CreateUser(*ctx_, std::nullopt, {"assessor", "Ash Assessor", "", Role::kTeamManager,
                                                      "Assessment team", kTestPassword});
      EXPECT_TRUE(id.has_value());
      assessor_ = *id;
    }
    HttpClient client(service_->port());
    EXPECT_EQ(client.SignIn("assessor", kTestPassword).status, 201);
    return client;
  }

  json Record(HttpClient& officer, json body) {
    auto created = officer.SendJson("POST", "/api/v1/contacts", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  // The fast-tracked entries of the team's queue (GET /api/v1/referrals?team=…).
  json FastTracked(HttpClient& client) {
    auto reply = client.Get("/api/v1/referrals?team=Assessment%20team");
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.Json().at("fast_tracked");
  }

  static const json* EntryFor(const json& fast_tracked, const std::string& reference) {
    for (const auto& f : fast_tracked)
      if (f.at("contact").at("reference") == reference) return &f;
    return nullptr;
  }

  int Count(const std::string& sql, const store::Params& params) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return static_cast<int>(tx->Query(sql, params).at(0).Int(0));
  }

  std::int64_t UserId(const std::string& username) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT id FROM users WHERE username = ?", {username}).at(0).Int(0);
  }

  std::optional<std::int64_t> assessor_;
};

json ImminentRisk(const std::string& channel) {
  json body = ScreenableSchoolContact();
  body["intake"]["channel"] = channel;
  body["intake"]["indicators"] = {"imminent-risk"};
  return body;
}

// RULE HCR-13: a contact with imminent risk of significant harm is on the assessment team's queue at
// receipt, whichever way it came in (an e-mail and a call recorded by staff, a request for support
// from the portal); the team's managers have a notice at once; it is audited with the indicator; and
// it stays urgent at the top of the front door's queue, which still screens and decides on it.
TEST_F(FastTrack, HCR13_ImminentRiskIsOnTheAssessmentTeamsQueueAtReceiptAndItsManagersAreTold) {
  DuringOpeningHours();
  auto assessor = AssessmentManager();
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  std::vector<std::string> references;
  for (const char* channel : {"email", "phone"}) references.push_back(Record(officer, ImminentRisk(channel)).at("reference"));
  json portal = {{"referrer", {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"phone", "01632 960 001"}}},
                 {"children", json::array({{{"first_names", "Sam"}, {"last_name", "Example"}}})},
                 {"concern", "He said his dad will hurt him tonight."},
                 {"intake", {{"indicators", {"imminent-risk"}},
                             {"household", {{"domestic_abuse", "yes"}, {"mental_illness", "not_known"}}}}}};
  auto sent = Client().SendJson("POST", "/api/v1/portal/contacts", portal);
  ASSERT_EQ(sent.status, 201) << sent.body;
  references.push_back(sent.Json().at("reference"));

  const json queue = FastTracked(assessor);
  const json front_door = worker.Get("/api/v1/contacts?queue=front-door&page_size=100").Json();
  for (const auto& reference : references) {
    const json* entry = EntryFor(queue, reference);
    ASSERT_NE(entry, nullptr) << reference << " " << queue.dump();
    EXPECT_EQ(entry->at("team"), "Assessment team");
    EXPECT_EQ(entry->at("indicator"), "imminent-risk");
    EXPECT_EQ(entry->at("title"), "Fast-tracked: imminent risk of significant harm");
    EXPECT_TRUE(entry->at("at").is_string());
    const std::int64_t id = entry->at("contact").at("id");
    // Still the front door's, urgent, at the top of its queue.
    bool listed = false;
    for (const auto& item : front_door.at("items"))
      if (item.at("id") == id) listed = item.at("urgent") == true;
    EXPECT_TRUE(listed) << reference << " " << front_door.dump();
    const json workflow = worker.Get("/api/v1/contacts/" + std::to_string(id) + "/workflow").Json();
    EXPECT_EQ(workflow.at("fast_tracked").at("indicator"), "imminent-risk") << workflow.dump();
    EXPECT_EQ(workflow.at("state"), "received");
    EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.fast_tracked' AND record_id = ? AND "
                    "changes LIKE '%imminent-risk%'",
                    {std::to_string(id)}),
              1);
    EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_notices WHERE user_id = ? AND link = ?",
                    {*assessor_, "/contacts/" + std::to_string(id)}),
              1);
  }
  // The front door's own manager is not told: the assessment team was.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_notices WHERE user_id = ?", {UserId("team_manager")}), 0);
  const std::string home = assessor.Get("/").body;
  EXPECT_TRUE(Has(home, "URGENT: contact " + references[0] + " fast-tracked to the Assessment team")) << home;
}

// RULE HCR-13: a contact with a significant-harm indicator that is not imminent risk is urgent at the
// front door but not fast-tracked: nothing on the assessment team's queue, no notice.
TEST_F(FastTrack, HCR13_SignificantHarmWithoutImminentRiskIsNotFastTracked) {
  DuringOpeningHours();
  auto assessor = AssessmentManager();
  auto officer = SignedIn(Role::kContactOfficer);
  json body = ScreenableSchoolContact();
  body["intake"]["indicators"] = {"unexplained-injuries"};
  const json created = Record(officer, body);
  EXPECT_EQ(created.at("urgent"), true);
  EXPECT_EQ(created.at("queue"), "front-door");
  EXPECT_EQ(EntryFor(FastTracked(assessor), created.at("reference")), nullptr);
  const json workflow =
      officer.Get("/api/v1/contacts/" + std::to_string(created.at("id").get<std::int64_t>()) + "/workflow").Json();
  EXPECT_TRUE(workflow.at("fast_tracked").is_null());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_notices WHERE user_id = ?", {*assessor_}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.fast_tracked'", {}), 0);
}

// RULE HCR-13: with nobody in the assessment team to tell, the front door's managers are told
// instead, so a fast-tracked child is never silently dropped.
TEST_F(FastTrack, HCR13_WithNoAssessmentTeamManagerTheFrontDoorsManagersAreTold) {
  DuringOpeningHours();
  auto officer = SignedIn(Role::kContactOfficer);
  const json created = Record(officer, ImminentRisk("email"));
  const std::string link = "/contacts/" + std::to_string(created.at("id").get<std::int64_t>());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_notices WHERE user_id = ? AND link = ?", {UserId("team_manager"), link}),
            1);
  const std::string home = SignedIn(Role::kTeamManager).Get("/").body;
  EXPECT_TRUE(Has(home, "which has no team manager to tell")) << home;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.fast_tracked' AND changes LIKE "
                  "'%front-door-managers%'",
                  {}),
            1);
}

// RULE HCR-13: a worker fast-tracks a contact by hand (risk found at screening), with a reason:
// refused without one (422), by a contact officer (403), when already fast-tracked (409) and when
// decided (409). The contact becomes urgent and the team's managers are told.
TEST_F(FastTrack, HCR13_AWorkerFastTracksByHandWithAReason) {
  DuringOpeningHours();
  auto assessor = AssessmentManager();
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const json created = Record(officer, ScreenableSchoolContact());
  EXPECT_EQ(created.at("urgent"), false);
  const std::int64_t id = created.at("id");
  const std::string path = "/api/v1/contacts/" + std::to_string(id) + "/fast-track";

  auto none = worker.SendJson("POST", path, json::object());
  EXPECT_EQ(none.status, 422) << none.body;
  EXPECT_TRUE(NamesField(none, "reason")) << none.body;
  EXPECT_EQ(worker.SendJson("POST", path, {{"reason", "   "}}).status, 422);
  EXPECT_EQ(officer.SendJson("POST", path, {{"reason", "Risk"}}).status, 403);
  EXPECT_EQ(EntryFor(FastTracked(assessor), created.at("reference")), nullptr);

  auto done = worker.SendJson("POST", path, {{"reason", "Mother says the partner returns tonight with a knife."}});
  ASSERT_EQ(done.status, 201) << done.body;
  EXPECT_EQ(done.Json().at("reason"), "Mother says the partner returns tonight with a knife.");
  EXPECT_EQ(done.Json().at("by").at("name"), "Test social_worker");
  const json queue = FastTracked(assessor);
  const json* entry = EntryFor(queue, created.at("reference"));
  ASSERT_NE(entry, nullptr) << queue.dump();
  EXPECT_TRUE(entry->at("indicator").is_null());
  EXPECT_EQ(worker.Get("/api/v1/contacts/" + std::to_string(id)).Json().at("urgent"), true);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_notices WHERE user_id = ?", {*assessor_}), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.fast_tracked' AND record_id = ? AND "
                  "changes LIKE '%knife%'",
                  {std::to_string(id)}),
            1);
  auto again = manager.SendJson("POST", path, {{"reason", "Again"}});
  EXPECT_EQ(again.status, 409) << again.body;

  // A decided contact is the assessment team's already, or needs nothing from it.
  const json other = Record(officer, ScreenableSchoolContact());
  ScreenAndDecide(worker, manager, other.at("id"),
                  {{"outcome", "no-further-action"}, {"children", {0}}, {"rationale", "r"}, {"next_steps", "s"}});
  auto decided = worker.SendJson("POST", "/api/v1/contacts/" + std::to_string(other.at("id").get<std::int64_t>()) +
                                             "/fast-track",
                                 {{"reason", "Late worry"}});
  EXPECT_EQ(decided.status, 409) << decided.body;
}

const json* ClockOf(const json& contact, const std::string& timescale) {
  for (const auto& d : contact.at("deadlines"))
    if (d.at("timescale") == timescale) return &d;
  return nullptr;
}

// RULE HCR-13 RULE HCR-32: imminent risk found by hand is the significant harm an indicator ticked at
// receipt is: the fast track opens the pack's 24-hour `section-47-decision` clock, counted from the
// fast track (when the front door knew), and audits the contact's marking as urgent. A contact
// fast-tracked at receipt keeps its one clock from receipt.
TEST_F(FastTrack, HCR13_HCR32_AFastTrackByHandStartsThe24HourSection47DecisionAndIsAudited) {
  DuringOpeningHours();
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  const json created = Record(officer, ScreenableSchoolContact());
  const std::int64_t id = created.at("id");
  const std::string base = "/api/v1/contacts/" + std::to_string(id);
  EXPECT_EQ(ClockOf(worker.Get(base).Json(), "section-47-decision"), nullptr);

  clock_.Advance(std::chrono::minutes(90));
  auto done = worker.SendJson("POST", base + "/fast-track", {{"reason", "The partner returns tonight with a knife."}});
  ASSERT_EQ(done.status, 201) << done.body;
  const std::string at = done.Json().at("at");
  const json contact = worker.Get(base).Json();
  const json* s47 = ClockOf(contact, "section-47-decision");
  ASSERT_NE(s47, nullptr) << contact.at("deadlines").dump();
  EXPECT_EQ(s47->at("rule"), "HCR-32");
  EXPECT_EQ(s47->at("starts_at"), at) << "from the fast track, when the risk was known";
  const auto due = ParseUtc(s47->at("due_at").get<std::string>());
  ASSERT_TRUE(due && ParseUtc(at));
  EXPECT_EQ(*due - *ParseUtc(at), std::chrono::hours(24));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.marked_urgent' AND record_id = ?",
                  {std::to_string(id)}),
            1);

  // Fast-tracked at receipt: its clock counts from receipt, and stays the only one.
  const json risk = Record(officer, ImminentRisk("email"));
  const json risky = worker.Get("/api/v1/contacts/" + std::to_string(risk.at("id").get<std::int64_t>())).Json();
  int clocks = 0;
  for (const auto& d : risky.at("deadlines")) clocks += d.at("timescale") == "section-47-decision";
  EXPECT_EQ(clocks, 1) << risky.at("deadlines").dump();
}

// RULE HCR-13: the contact page says "Fast-tracked: imminent risk of significant harm" with the
// time, and so does the assessment team's queue (the Referrals page); a worker fast-tracks another
// from its page, a refusal keeping what was typed.
TEST_F(FastTrack, HCR13_TheContactPageAndTheTeamsQueueSayFastTracked) {
  DuringOpeningHours();
  auto assessor = AssessmentManager();
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  const json risk = Record(officer, ImminentRisk("email"));
  const std::string risk_page = "/contacts/" + std::to_string(risk.at("id").get<std::int64_t>());
  const std::string shown = worker.Get(risk_page).body;
  EXPECT_TRUE(Has(shown, "id=\"fast-tracked\"")) << shown;
  EXPECT_TRUE(Has(shown, "Fast-tracked: imminent risk of significant harm"));
  EXPECT_TRUE(Has(shown, "Fast-tracked to the Assessment team on "));
  EXPECT_TRUE(Has(shown, "The child is at imminent risk of significant harm"));
  EXPECT_FALSE(Has(shown, "action=\"" + risk_page + "/fast-track\"")) << "already fast-tracked: no form";
  const std::string queue = assessor.Get("/referrals").body;
  EXPECT_TRUE(Has(queue, "id=\"fast-tracked-contacts\"")) << queue;
  EXPECT_TRUE(Has(queue, risk.at("reference").get<std::string>()));
  EXPECT_TRUE(Has(queue, "Fast-tracked: imminent risk of significant harm"));

  const json plain = Record(officer, ScreenableSchoolContact());
  const std::string page = "/contacts/" + std::to_string(plain.at("id").get<std::int64_t>());
  const std::string before = worker.Get(page).body;
  EXPECT_FALSE(Has(before, "id=\"fast-tracked\""));
  EXPECT_TRUE(Has(before, "action=\"" + page + "/fast-track\"")) << before;
  EXPECT_FALSE(Has(officer.Get(page).body, "action=\"" + page + "/fast-track\"")) << "an officer is not offered it";
  const std::string csrf = FirstCapture(before, "name=\"csrf_token\" value=\"([^\"]+)\"");
  auto refused = worker.Send("POST", page + "/fast-track", FormBody({{"csrf_token", csrf}, {"reason", ""}}), kFormHeaders);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Has(refused.body, "id=\"fast-track-reason-error\"")) << refused.body;
  // The GOV.UK error summary at the top of the page, linking to the reason inside the section.
  EXPECT_TRUE(Has(refused.body, "govuk-error-summary__list")) << refused.body;
  EXPECT_TRUE(Has(refused.body, "<a href=\"#fast-track-reason\">")) << refused.body;
  EXPECT_LT(refused.body.find("govuk-error-summary__list"), refused.body.find("id=\"fast-track-reason\""));
  auto done = worker.Send("POST", page + "/fast-track",
                          FormBody({{"csrf_token", csrf}, {"reason", "Bruising found at screening"}}), kFormHeaders);
  ASSERT_EQ(done.status, 303) << done.body;
  const std::string after = worker.Get(page).body;
  EXPECT_TRUE(Has(after, "Fast-tracked: imminent risk of significant harm")) << after;
  EXPECT_TRUE(Has(after, "Bruising found at screening"));
  // Sent again (a second click, or a colleague's page from before): the contact page again, saying
  // why, not an error page.
  auto again = worker.Send("POST", page + "/fast-track",
                           FormBody({{"csrf_token", csrf}, {"reason", "Bruising found at screening"}}), kFormHeaders);
  EXPECT_EQ(again.status, 409);
  EXPECT_TRUE(Has(again.body, "id=\"fast-track-refused\"")) << again.body;
  EXPECT_TRUE(Has(again.body, "is already fast-tracked to the")) << again.body;
  EXPECT_TRUE(Has(again.body, "id=\"fast-tracked\""));
  EXPECT_TRUE(Has(assessor.Get("/referrals").body, plain.at("reference").get<std::string>()));
}

// Kent's procedures, which have no fast track.
class FastTrackUnderKent : public FastTrack {
 protected:
  void Configure(service::ServiceOptions&) override {
    procedures_ = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent").value();
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, clock_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
};

// RULE HCR-13 is Hertfordshire's: a Kent contact with a significant-harm indicator is urgent at the
// front door as before, not fast-tracked, and cannot be fast-tracked by hand (409).
TEST_F(FastTrackUnderKent, HCR13_AKentContactWithSignificantHarmIsNotFastTracked) {
  DuringOpeningHours();
  auto assessor = AssessmentManager();
  auto officer = SignedIn(Role::kContactOfficer);
  auto worker = SignedIn(Role::kSocialWorker);
  json body = ScreenableSchoolContact();
  body["intake"]["indicators"] = {"disclosed-abuse"};
  const json created = Record(officer, body);
  EXPECT_EQ(created.at("urgent"), true);
  const std::int64_t id = created.at("id");
  auto reply = assessor.Get("/api/v1/referrals");
  ASSERT_EQ(reply.status, 200);
  EXPECT_TRUE(reply.Json().at("fast_tracked").empty()) << reply.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_notices WHERE user_id = ?", {*assessor_}), 0);
  auto by_hand = worker.SendJson("POST", "/api/v1/contacts/" + std::to_string(id) + "/fast-track", {{"reason", "Risk"}});
  EXPECT_EQ(by_hand.status, 409) << by_hand.body;
  EXPECT_FALSE(Has(worker.Get("/contacts/" + std::to_string(id)).body, "/fast-track\""));
}

}  // namespace
}  // namespace fd::testing
