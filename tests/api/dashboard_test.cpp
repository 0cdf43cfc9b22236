// The performance dashboard over real HTTP (issue 9 points 1 and 5; docs/dashboard.md): a hand-made
// data set recorded through the API with the clock set to each moment, and every figure checked
// against answers worked out here by hand. Hertfordshire's pack: Europe/London, England and Wales
// bank holidays (Good Friday 3 April and Easter Monday 6 April 2026), office hours 9am to 5pm.
// The clocks go forward at 01:00 UTC on Sunday 29 March 2026.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <set>
#include <thread>

#include "api_fixture.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class DashboardApi : public ApiTest {
 protected:
  // The service's clock to `utc` ("2026-03-02T10:00:00Z"); it then runs on in real time.
  void SetClock(const std::string& utc) { clock_.Advance(ParseUtc(utc).value() - clock_.Now()); }

  // Every client signs in at the latest moment the test uses, so going back in time keeps each
  // session valid (it was made "later") and nothing expires while the data set is made.
  void SignInAll() {
    SetClock(kAsOf);
    officer_ = std::make_unique<HttpClient>(SignedIn(Role::kContactOfficer));
    worker_ = std::make_unique<HttpClient>(SignedIn(Role::kSocialWorker));
    manager_ = std::make_unique<HttpClient>(SignedIn(Role::kTeamManager));
    analyst_ = std::make_unique<HttpClient>(SignedIn(Role::kAnalyst));
    ASSERT_TRUE(
        app::CreateUser(*ctx_, std::nullopt,
                        {"duty_officer", "Dee Duty", "", Role::kContactOfficer, "Duty Team", kTestPassword})
            .has_value());
    duty_ = std::make_unique<HttpClient>(Client());
    ASSERT_EQ(duty_->SignIn("duty_officer", kTestPassword).status, 201);
  }

  // Each child has a date of birth of their own, so the register's matcher never takes one for another.
  json Contact(const std::string& type, const std::string& first, const std::string& last) {
    auto [it, added] = birthdays_.try_emplace(first + " " + last, "");
    if (added)
      it->second =
          fmt::format("2015-{:02}-{:02}", 1 + birthdays_.size() % 12, 1 + birthdays_.size() * 2 % 27);
    const std::string dob = it->second;
    json child = {{"first_names", first}, {"last_name", last}, {"date_of_birth", dob}, {"gender", "female"}};
    // HCR-17: health contacts give the child's NHS number (each a valid one of its own).
    if (type == "health") child["nhs_number"] = kNhsNumbers[health_++ % std::size(kNhsNumbers)];
    return {{"referrer",
             {{"type", type}, {"name", "Jo Caller"}, {"agency", "An agency"}, {"phone", "01632 960 101"}}},
            {"children", json::array({child})},
            {"concern", "A worry about the child."},
            {"intake",
             {{"household",
               {{"domestic_abuse", "no"},
                {"mental_illness", "no"},
                {"substance_misuse", "no"},
                {"learning_difficulties", "not_known"}}}}}};
  }

  // Records a contact at `utc` (by the Front Door officer unless another client is given).
  std::int64_t Record(const std::string& utc, const json& body, HttpClient* by = nullptr) {
    SetClock(utc);
    auto reply = (by ? *by : *officer_).SendJson("POST", "/api/v1/contacts", body);
    EXPECT_EQ(reply.status, 201) << reply.body;
    const std::int64_t id = reply.Json().at("id");
    references_[id] = reply.Json().at("reference").get<std::string>();
    return id;
  }

  void Acknowledge(std::int64_t id, const std::string& utc) {
    SetClock(utc);
    auto reply =
        officer_->SendJson("POST", Path(id) + "/acknowledgement", {{"method", "verbal"}, {"note", ""}});
    EXPECT_EQ(reply.status, 201) << reply.body;
  }

  // Links the contact's child to a register person: a new one, or `person` when given. Returns the id.
  std::int64_t Link(std::int64_t id, std::optional<std::int64_t> person = std::nullopt) {
    auto reply = worker_->SendJson("POST", Path(id) + "/children/0/person",
                                   person ? json{{"person_id", *person}} : json{{"new", true}});
    EXPECT_TRUE(reply.status == 200 || reply.status == 201) << reply.body;
    return reply.Json().at("person_id");
  }

  // Screens the contact and has the manager authorise `outcome` at `utc` (the worker proposes).
  void Decide(std::int64_t id, const std::string& outcome, const std::string& utc) {
    SetClock(utc);
    const std::string base = Path(id);
    std::int64_t version = worker_->Get(base + "/workflow").Json().at("version");
    auto step = [&](HttpClient& c, const std::string& path, json body) {
      body["version"] = version;
      auto reply = c.SendJson(path == "/screening" ? "PUT" : "POST", base + path, body);
      EXPECT_EQ(reply.status, 200) << path << ": " << reply.body;
      version = reply.Json().at("version");
    };
    step(*worker_, "/screening/start", json::object());
    step(*worker_, "/screening",
         {{"answers",
           {{"nature", "n"},
            {"how_arose", "h"},
            {"needs", "n"},
            {"child_location", "c"},
            {"last_seen", "l"},
            {"family_known", "f"}}},
          {"significant_harm", "no"},
          {"urgent_action", "no"},
          {"crime_possible", "no"},
          {"consent", "informed_agreed"}});
    step(*worker_, "/record-checks", json::object());
    step(*worker_, "/screening/complete", json::object());
    json proposal = {{"outcome", outcome}, {"children", {0}}, {"rationale", "r"}, {"next_steps", "s"}};
    if (outcome != "no-further-action") proposal["protective_factors"] = "Mother protective";
    step(*worker_, "/decision", proposal);
    step(*manager_, "/decision/authorise", json::object());
  }

  std::int64_t HubConsultation(const std::string& utc, const std::string& first) {
    SetClock(utc);
    auto reply = officer_->SendJson(
        "POST", "/api/v1/consultations",
        {{"type", "hub"},
         {"consultee_name", "Priya Shah"},
         {"consultee_organisation", "Elm Primary"},
         {"consultee_phone", "01632 960 001"},
         {"caller_type", "school"},
         {"summary", "A pupil is often hungry; what should we do?"},
         {"safeguarding_lead_consulted", true},
         {"child", {{"first_names", first}, {"last_name", "Hub"}, {"date_of_birth", "2014-02-11"}}}});
    EXPECT_EQ(reply.status, 201) << reply.body;
    return reply.Json().at("id");
  }

  static std::string Path(std::int64_t id) { return "/api/v1/contacts/" + std::to_string(id); }

  static const json& FigureIn(const json& dashboard, const std::string& id) {
    for (const auto& f : dashboard.at("figures"))
      if (f.at("id") == id) return f;
    throw std::runtime_error("no figure " + id);
  }
  static const json& RowIn(const json& figure, const std::string& key) {
    for (const auto& r : figure.at("rows"))
      if (r.at("breakdown") == key) return r;
    throw std::runtime_error("no row " + key + " in " + figure.at("id").get<std::string>());
  }
  static std::int64_t Count(const json& d, const std::string& figure, const std::string& key) {
    const json& row = RowIn(FigureIn(d, figure), key);
    return row.contains("numerator") ? row.at("numerator").get<std::int64_t>()
                                     : row.at("value").get<std::int64_t>();
  }
  static std::int64_t OutOf(const json& d, const std::string& figure, const std::string& key) {
    return RowIn(FigureIn(d, figure), key).at("denominator");
  }

  // The ids of the records behind a figure's row, over the API (every page).
  std::set<std::int64_t> RecordIds(HttpClient& c, const std::string& query) {
    std::set<std::int64_t> ids;
    for (int page = 1;; ++page) {
      auto reply = c.Get("/api/v1/dashboard/records?" + query + "&page_size=2&page=" + std::to_string(page));
      EXPECT_EQ(reply.status, 200) << reply.body;
      if (reply.status != 200) return ids;
      const json body = reply.Json();
      for (const auto& item : body.at("items")) ids.insert(item.at("id").get<std::int64_t>());
      if (page * 2 >= body.at("total").get<int>()) return ids;
    }
  }

  static constexpr const char* kAsOf = "2026-05-15T12:00:00Z";
  std::unique_ptr<HttpClient> officer_, worker_, manager_, analyst_, duty_;
  std::map<std::int64_t, std::string> references_;
  std::map<std::string, std::string> birthdays_;
  static constexpr const char* kNhsNumbers[] = {"4010232137", "4010232145", "4010232153"};
  std::size_t health_ = 0;
};

// RULE CAL-1 RULE CAL-3 RULE HCR-22 RULE HCR-27 (issue 9 point 5): every figure on a small hand-made data
// set, for March 2026 (all teams, and the Front Door only) and April 2026, with the period's edges at local
// midnight either side of the change to summer time, a referral spanning the end of March, and Easter's bank
// holidays.
TEST_F(DashboardApi, EveryFigureOnAHandMadeDataSet) {
  SignInAll();
  // Before March. C0 is 30 seconds before midnight at the end of February (GMT): not in March.
  const auto c0 = Record("2026-02-28T23:59:30Z", Contact("police", "Cy", "Zero"));
  // Earlier referrals: Ava in June 2025 (within 12 months of March 2026), Ben in February 2025 (not).
  const auto cp = Record("2025-06-10T10:00:00Z", Contact("school", "Ava", "Prior"));
  const auto ava = Link(cp);
  Decide(cp, "child-and-family-assessment", "2025-06-10T14:00:00Z");
  const auto cq = Record("2025-02-20T10:00:00Z", Contact("school", "Ben", "Old"));
  const auto ben = Link(cq);
  Decide(cq, "child-and-family-assessment", "2025-02-20T15:00:00Z");
  // CF: received in February, referred on 2 March: not in March's conversion.
  const auto cf = Record("2026-02-27T10:00:00Z", Contact("health", "Fin", "February"));
  Decide(cf, "child-and-family-assessment", "2026-03-02T10:00:00Z");

  // March. M1 at ten seconds past midnight on Sunday 1 March (GMT): in March. Received on a Sunday
  // it counts from Monday 9am, so its decision is due Tuesday 9am: decided at 8:58, in time.
  const auto m1 = Record("2026-03-01T00:00:10Z", Contact("police", "Cal", "One"));
  Acknowledge(m1, "2026-03-02T09:30:00Z");
  Decide(m1, "no-further-action", "2026-03-03T08:58:00Z");
  // M2 about Ava again: a re-referral. Decided 30 minutes after its working day: late.
  const auto m2 = Record("2026-03-02T10:00:00Z", Contact("school", "Ava", "Prior"));
  Link(m2, ava);
  Acknowledge(m2, "2026-03-02T10:05:00Z");
  Decide(m2, "child-and-family-assessment", "2026-03-03T10:30:00Z");
  // M3 about Ben: referred in time, never acknowledged; his earlier referral is over 12 months old.
  const auto m3 = Record("2026-03-03T11:00:00Z", Contact("school", "Ben", "Old"));
  Link(m3, ben);
  Decide(m3, "child-and-family-assessment", "2026-03-04T10:00:00Z");
  // M4: referred in time, acknowledged an hour late, the child not linked to the register.
  const auto m4 = Record("2026-03-04T09:00:00Z", Contact("health", "Dee", "Four"));
  Acknowledge(m4, "2026-03-05T10:00:00Z");
  Decide(m4, "child-and-family-assessment", "2026-03-04T16:00:00Z");
  // M6: the Duty Team's, never decided or acknowledged.
  const auto m6 = Record("2026-03-10T12:00:00Z", Contact("police", "Fay", "Other"), duty_.get());
  // M7 at 00:30 BST on Monday 30 March (23:30 UTC on the 29th): counted on the 30th.
  const auto m7 = Record("2026-03-29T23:30:00Z", Contact("police", "Gus", "Seven"));
  // M5 at 23:30 BST on Tuesday 31 March (22:30 UTC): still in March. After hours, so due at 9am
  // BST on Thursday 2 April; referred in April at 8:30am BST: in time, and in March's conversion.
  const auto m5 = Record("2026-03-31T22:30:00Z", Contact("early_years", "Eve", "Late"));
  Acknowledge(m5, "2026-04-01T08:00:00Z");

  // April. A0 at 00:30 BST on 1 April (23:30 UTC on 31 March): April's, not March's.
  const auto a0 = Record("2026-03-31T23:30:00Z", Contact("school", "Amy", "April"));
  Decide(a0, "no-further-action", "2026-04-01T12:00:00Z");
  Decide(m5, "child-and-family-assessment", "2026-04-02T07:30:00Z");
  // A1 at 4pm BST on Thursday 2 April: Good Friday and Easter Monday do not count, so it is due at
  // 4pm on Tuesday 7 April. Decided and acknowledged at 3:30pm BST that day: both in time.
  const auto a1 = Record("2026-04-02T15:00:00Z", Contact("police", "Abe", "Easter"));
  Acknowledge(a1, "2026-04-07T14:30:00Z");
  Decide(a1, "no-further-action", "2026-04-07T14:30:00Z");
  // R1: a school's red form without a hub consultation, returned (HCR-9): nothing to decide.
  json red = Contact("school", "Rae", "Returned");
  red["intake"]["form"] = "red";
  const auto r1 = Record("2026-04-08T10:00:00Z", red);
  EXPECT_EQ(officer_->Get(Path(r1)).Json().at("queue"), "returned");

  // Consultations in March: one advised (a red referral), one still waiting.
  const auto k1 = HubConsultation("2026-03-05T11:00:00Z", "Kit");
  SetClock("2026-03-05T11:20:00Z");
  ASSERT_EQ(worker_
                ->SendJson("POST", "/api/v1/consultations/" + std::to_string(k1) + "/register-check",
                           json::object())
                .status,
            200);
  auto advised = worker_->SendJson(
      "POST", "/api/v1/consultations/" + std::to_string(k1) + "/record",
      {{"questions", "What now?"}, {"advice", "Make a red referral."}, {"advised_route", "red"}});
  ASSERT_EQ(advised.status, 200) << advised.body;
  const auto k2 = HubConsultation("2026-03-06T11:00:00Z", "Lou");

  SetClock(kAsOf);
  auto reply = manager_->Get("/api/v1/dashboard?from=2026-03-01&to=2026-03-31");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json march = reply.Json();
  // The period's edges: local midnight, GMT at the start and BST at the end.
  EXPECT_EQ(march.at("period").at("start"), "2026-03-01T00:00:00Z");
  EXPECT_EQ(march.at("period").at("end"), "2026-03-31T23:00:00Z");
  EXPECT_TRUE(march.at("team").is_null());
  EXPECT_EQ(march.at("reports"), "/reports");

  // Contacts by source: M1, M6, M7 police; M2, M3 school; M4 health; M5 early years. Not C0, CF or A0.
  EXPECT_EQ(FigureIn(march, "contacts-by-source").at("total"), 7);
  EXPECT_EQ(Count(march, "contacts-by-source", "police"), 3);
  EXPECT_EQ(Count(march, "contacts-by-source", "school"), 2);
  EXPECT_EQ(Count(march, "contacts-by-source", "health"), 1);
  EXPECT_EQ(Count(march, "contacts-by-source", "early_years"), 1);
  EXPECT_EQ(Count(march, "contacts-by-source", "member_of_public"), 0);
  // By local day: 31 rows; M7 on the 30th (not the 29th, its UTC date), M5 on the 31st.
  EXPECT_EQ(FigureIn(march, "contacts-by-day").at("rows").size(), 31u);
  for (auto [day, n] : {std::pair{"2026-03-01", 1},
                        {"2026-03-02", 1},
                        {"2026-03-03", 1},
                        {"2026-03-04", 1},
                        {"2026-03-10", 1},
                        {"2026-03-29", 0},
                        {"2026-03-30", 1},
                        {"2026-03-31", 1},
                        {"2026-03-05", 0}})
    EXPECT_EQ(Count(march, "contacts-by-day", day), n) << day;
  // Decisions within 1 working day: M1, M3, M4, M5 in time; M2 late; M6 and M7 never decided and past due.
  EXPECT_EQ(Count(march, "decisions-in-time", "all"), 4);
  EXPECT_EQ(OutOf(march, "decisions-in-time", "all"), 7);
  EXPECT_DOUBLE_EQ(RowIn(FigureIn(march, "decisions-in-time"), "all").at("value").get<double>(), 57.1);
  EXPECT_EQ(Count(march, "decisions-in-time", "pending"), 0);
  // Acknowledgements: M1, M2, M5 in time; M4 an hour late; M3, M6, M7 never.
  EXPECT_EQ(Count(march, "acknowledgements-in-time", "all"), 3);
  EXPECT_EQ(OutOf(march, "acknowledgements-in-time", "all"), 7);
  // Conversion: M2, M3, M4 and M5 (referred in April) became referrals; CF (received in February) not.
  EXPECT_EQ(Count(march, "conversion", "all"), 4);
  EXPECT_EQ(OutOf(march, "conversion", "all"), 7);
  // Outcomes: M1 no further action; M2–M5 assessments; M6 and M7 undecided.
  EXPECT_EQ(Count(march, "outcomes", "no-further-action"), 1);
  EXPECT_EQ(Count(march, "outcomes", "child-and-family-assessment"), 4);
  EXPECT_EQ(OutOf(march, "outcomes", "child-and-family-assessment"), 5);
  EXPECT_EQ(Count(march, "outcomes", "undecided"), 2);
  EXPECT_EQ(Count(march, "outcomes", "returned"), 0);
  // Re-referrals: M2 (Ava, referred in June 2025); not M3 (Ben's was February 2025); M4 and M5 have no
  // child linked to the register.
  EXPECT_EQ(Count(march, "re-referrals", "all"), 1);
  EXPECT_EQ(OutOf(march, "re-referrals", "all"), 2);
  EXPECT_EQ(Count(march, "re-referrals", "not-matched"), 2);
  // Consultations.
  EXPECT_EQ(Count(march, "consultations-by-type", "hub"), 2);
  EXPECT_EQ(Count(march, "consultation-advice", "red"), 1);
  EXPECT_EQ(Count(march, "consultation-advice", "awaiting-advice"), 1);
  // Deadlines that began in March, as at 15 May. Decisions (HCR-27): M1, M3, M4, M5 met on time, M2
  // late, M6 and M7 breached. Acknowledgements (HCR-22): M1, M2, M5 on time, M4 late, M3, M6, M7
  // breached. Written confirmation of a phone call (HCR-15, 24 hours): none came, all 7 breached.
  // Child seen (HCR-32) is the assessment team's, not a front-door deadline: none, though CF, M2, M3,
  // M4 and M5 went for a Child and Family Assessment.
  EXPECT_EQ(Count(march, "deadlines", "decision:met-on-time"), 4);
  EXPECT_EQ(Count(march, "deadlines", "decision:met-late"), 1);
  EXPECT_EQ(Count(march, "deadlines", "decision:breached"), 2);
  EXPECT_EQ(Count(march, "deadlines", "decision:open"), 0);
  EXPECT_EQ(Count(march, "deadlines", "acknowledgement:met-on-time"), 3);
  EXPECT_EQ(Count(march, "deadlines", "acknowledgement:met-late"), 1);
  EXPECT_EQ(Count(march, "deadlines", "acknowledgement:breached"), 3);
  EXPECT_EQ(Count(march, "deadlines", "written-confirmation:breached"), 7);
  EXPECT_EQ(Count(march, "deadlines", "child-seen:breached"), 0);
  EXPECT_EQ(FigureIn(march, "deadlines").at("total"), 21);

  // The records behind the numbers.
  const std::string period = "from=2026-03-01&to=2026-03-31";
  EXPECT_EQ(RecordIds(*manager_, "figure=decisions-in-time&breakdown=all&counted=false&" + period),
            (std::set<std::int64_t>{m2, m6, m7}));
  EXPECT_EQ(RecordIds(*manager_, "figure=contacts-by-source&breakdown=police&" + period),
            (std::set<std::int64_t>{m1, m6, m7}));
  EXPECT_EQ(RecordIds(*manager_, "figure=conversion&counted=true&" + period),
            (std::set<std::int64_t>{m2, m3, m4, m5}));
  EXPECT_EQ(RecordIds(*manager_, "figure=re-referrals&breakdown=all&counted=true&" + period),
            (std::set<std::int64_t>{m2}));
  EXPECT_EQ(RecordIds(*manager_, "figure=consultation-advice&breakdown=awaiting-advice&" + period),
            (std::set<std::int64_t>{k2}));
  EXPECT_EQ(RecordIds(*manager_, "figure=contacts-by-day&breakdown=2026-03-30&" + period),
            (std::set<std::int64_t>{m7}));
  auto re =
      manager_->Get("/api/v1/dashboard/records?figure=re-referrals&breakdown=all&counted=true&" + period)
          .Json();
  ASSERT_EQ(re.at("items").size(), 1u);
  EXPECT_EQ(re.at("items")[0].at("reference"), references_.at(m2));
  EXPECT_EQ(re.at("items")[0].at("children"), "Ava Prior");
  EXPECT_EQ(re.at("items")[0].at("outcome"), "Child and Family Assessment");
  EXPECT_EQ(re.at("items")[0].at("link"), "/contacts/" + std::to_string(m2));
  // An analyst may not open contacts: the record comes without a link.
  auto analysts_re =
      analyst_->Get("/api/v1/dashboard/records?figure=re-referrals&breakdown=all&counted=true&" + period).Json();
  ASSERT_EQ(analysts_re.at("items").size(), 1u);
  EXPECT_EQ(analysts_re.at("items")[0].at("reference"), references_.at(m2));
  EXPECT_TRUE(analysts_re.at("items")[0].at("link").is_null());
  // Nor the child's name: the analyst reads no child's record, and counts by reference.
  EXPECT_EQ(analysts_re.at("items")[0].at("children"), "");
  EXPECT_EQ(analysts_re.dump().find("Ava Prior"), std::string::npos);
  EXPECT_NE(re.at("items")[0].at("detail").get<std::string>().find(references_.at(cp)), std::string::npos);
  auto late =
      manager_
          ->Get("/api/v1/dashboard/records?figure=decisions-in-time&breakdown=all&counted=false&" + period)
          .Json();
  EXPECT_EQ(late.at("total"), 3);
  EXPECT_EQ(late.at("items")[0].at("id"), m2);  // oldest first
  EXPECT_EQ(late.at("items")[0].at("counted"), false);
  EXPECT_EQ(late.at("items")[0].at("detail"), "Due 3 March 2026 at 10:00am; decided 3 March 2026 at 10:30am");

  // The Front Door only: the Duty Team's M6 goes from every figure.
  const json teams = march.at("teams");
  const auto front_door =
      std::find_if(teams.begin(), teams.end(), [](const json& t) { return t.at("name") == "Front Door"; });
  ASSERT_NE(front_door, teams.end());
  const std::string team = std::to_string(front_door->at("id").get<std::int64_t>());
  const json ours = manager_->Get("/api/v1/dashboard?from=2026-03-01&to=2026-03-31&team=" + team).Json();
  EXPECT_EQ(ours.at("team").at("name"), "Front Door");
  EXPECT_EQ(FigureIn(ours, "contacts-by-source").at("total"), 6);
  EXPECT_EQ(Count(ours, "decisions-in-time", "all"), 4);
  EXPECT_EQ(OutOf(ours, "decisions-in-time", "all"), 6);
  EXPECT_EQ(Count(ours, "deadlines", "decision:breached"), 1);
  EXPECT_EQ(FigureIn(ours, "deadlines").at("total"), 18);
  EXPECT_EQ(Count(ours, "consultations-by-type", "hub"), 2);  // recorded by the Front Door's officer

  // April: A0 (00:30 BST on the 1st), A1 and R1. M5's referral, made in April, is March's.
  const json april = manager_->Get("/api/v1/dashboard?from=2026-04-01&to=2026-04-30").Json();
  EXPECT_EQ(april.at("period").at("start"), "2026-03-31T23:00:00Z");
  EXPECT_EQ(FigureIn(april, "contacts-by-source").at("total"), 3);
  EXPECT_EQ(Count(april, "contacts-by-day", "2026-04-01"), 1);
  EXPECT_EQ(Count(april, "decisions-in-time", "all"), 2);  // A0, and A1 across Easter; R1 not counted
  EXPECT_EQ(OutOf(april, "decisions-in-time", "all"), 2);
  EXPECT_EQ(Count(april, "acknowledgements-in-time", "all"), 1);  // A1; A0 never
  EXPECT_EQ(OutOf(april, "acknowledgements-in-time", "all"), 2);
  EXPECT_EQ(Count(april, "conversion", "all"), 0);
  EXPECT_EQ(Count(april, "outcomes", "no-further-action"), 2);
  EXPECT_EQ(Count(april, "outcomes", "returned"), 1);
  EXPECT_EQ(Count(april, "deadlines", "child-seen:breached"), 0);  // M5, authorised on 2 April (HCR-32)
  // Without a period: the last complete month, April.
  const json latest = manager_->Get("/api/v1/dashboard").Json();
  EXPECT_EQ(latest.at("period").at("from"), "2026-04-01");
  EXPECT_EQ(latest.at("period").at("to"), "2026-04-30");

  // The same figures as CSV, from format=csv or Accept: text/csv.
  auto csv = analyst_->Get("/api/v1/dashboard?format=csv&" + period);
  ASSERT_EQ(csv.status, 200) << csv.body;
  EXPECT_EQ(csv.Header("content-type"), "text/csv; charset=utf-8");
  EXPECT_NE(csv.Header("content-disposition").find("dashboard-2026-03-01-to-2026-03-31.csv"),
            std::string::npos);
  // The UTF-8 byte-order mark first, so Excel on Windows reads the file as UTF-8.
  EXPECT_EQ(csv.body.substr(0, csv.body.find("\r\n")), "\xEF\xBB\xBF" "figure,breakdown,value,numerator,denominator");
  EXPECT_NE(csv.body.find("\r\ndecisions-in-time,all,57.1,4,7\r\n"), std::string::npos) << csv.body;
  EXPECT_NE(csv.body.find("\r\ncontacts-by-source,all,7,,\r\n"), std::string::npos);
  EXPECT_NE(csv.body.find("\r\ncontacts-by-source,police,3,,\r\n"), std::string::npos);
  EXPECT_NE(csv.body.find("\r\ndeadlines,decision:met-late,1,,\r\n"), std::string::npos);
  auto accepted = analyst_->Send("GET", "/api/v1/dashboard?" + period, "", {{"Accept", "text/csv"}});
  EXPECT_EQ(accepted.body, csv.body);

  // The page: charts with a title and description each, a table beside each, links to the records.
  auto page = manager_->Get("/dashboard?" + period);
  ASSERT_EQ(page.status, 200);
  for (const char* id : {"contacts-by-source", "contacts-by-day", "decisions-in-time",
                         "acknowledgements-in-time", "consultations-by-type", "consultation-advice",
                         "conversion", "outcomes", "re-referrals", "deadlines"}) {
    EXPECT_NE(page.body.find(std::string("<svg class=\"app-chart\" id=\"chart-") + id + "\""),
              std::string::npos)
        << id;
    EXPECT_NE(page.body.find(std::string("<title id=\"chart-") + id + "-title\">"), std::string::npos) << id;
    EXPECT_NE(page.body.find(std::string("<desc id=\"chart-") + id + "-desc\">"), std::string::npos) << id;
    EXPECT_NE(page.body.find(std::string("href=\"/dashboard/records?figure=") + id + "&amp;" +
                             "from=2026-03-01&amp;to=2026-03-31\""),
              std::string::npos)
        << id;
  }
  EXPECT_NE(page.body.find("57.1%"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"/reports\""), std::string::npos);
  EXPECT_NE(page.body.find("govuk-table"), std::string::npos);
  EXPECT_EQ(page.body.find("style="), std::string::npos);  // the CSP allows no inline style
  // The records page links each contact for a manager; an analyst sees the list, not the records.
  auto records = manager_->Get("/dashboard/records?figure=contacts-by-source&breakdown=police&" + period);
  ASSERT_EQ(records.status, 200);
  EXPECT_NE(records.body.find("<a class=\"govuk-link\" href=\"/contacts/" + std::to_string(m7) + "\">" +
                              references_.at(m7)),
            std::string::npos);
  EXPECT_NE(records.body.find("Gus Seven"), std::string::npos);
  auto analysts = analyst_->Get("/dashboard/records?figure=contacts-by-source&breakdown=police&" + period);
  ASSERT_EQ(analysts.status, 200);
  EXPECT_NE(analysts.body.find(references_.at(m7)), std::string::npos);
  EXPECT_EQ(analysts.body.find("href=\"/contacts/" + std::to_string(m7) + "\""), std::string::npos);
  EXPECT_EQ(analysts.body.find("Gus Seven"), std::string::npos);
  (void)c0;
  (void)a0;
}

// RULE HCR-5 RULE HCR-4 RULE HCR-27: a contact passed on at receipt, to the allocated worker of an open
// case or to the managing-allegations (LADO) route, has no front-door decision: it is left out of
// "decided within 1 working day" (as a returned form is) and shown beside the outcome mix, while its
// acknowledgement is still counted.
TEST_F(DashboardApi, HCR5_HCR4_ContactsPassedOnAtReceiptAreNotInDecisionTimeliness) {
  SignInAll();
  const std::int64_t worker_id = worker_->Get("/api/v1/session").Json().at("user").at("id");
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO people (first_names, last_name, date_of_birth, open_case, allocated_user_id) "
                "VALUES ('Tia', 'Sample', '2012-10-03', 1, ?)",
                {worker_id});
    tx->Commit();
  }
  // D1: decided in time by the front door.
  const auto d1 = Record("2026-03-02T10:00:00Z", Contact("school", "Dot", "One"));
  Decide(d1, "no-further-action", "2026-03-02T15:00:00Z");
  // P1: about Tia, open to the worker: passed on at receipt.
  json tia = Contact("school", "Tia", "Sample");
  tia["children"][0]["date_of_birth"] = "2012-10-03";
  const auto p1 = Record("2026-03-03T10:00:00Z", tia);
  ASSERT_EQ(officer_->Get(Path(p1)).Json().at("queue"), "allocated-worker");
  Acknowledge(p1, "2026-03-03T10:30:00Z");
  // P2: an allegation against a professional: passed to the LADO route at receipt.
  json lado = Contact("police", "Lia", "Two");
  lado["intake"]["allegation_against_professional"] = true;
  const auto p2 = Record("2026-03-04T10:00:00Z", lado);
  ASSERT_EQ(officer_->Get(Path(p2)).Json().at("queue"), "lado");

  SetClock(kAsOf);
  const std::string period = "from=2026-03-01&to=2026-03-31";
  const json march = manager_->Get("/api/v1/dashboard?" + period).Json();
  EXPECT_EQ(FigureIn(march, "decisions-in-time").at("total"), 1);
  EXPECT_EQ(Count(march, "decisions-in-time", "all"), 1);
  EXPECT_EQ(OutOf(march, "decisions-in-time", "all"), 1);
  EXPECT_EQ(RecordIds(*manager_, "figure=decisions-in-time&breakdown=all&" + period), std::set<std::int64_t>{d1});
  // Acknowledgements are still owed: D1 and P2 never, P1 in time.
  EXPECT_EQ(OutOf(march, "acknowledgements-in-time", "all"), 3);
  EXPECT_EQ(Count(march, "acknowledgements-in-time", "all"), 1);
  EXPECT_EQ(Count(march, "outcomes", "passed-on"), 2);
  EXPECT_EQ(Count(march, "outcomes", "undecided"), 0);
  EXPECT_EQ(RecordIds(*manager_, "figure=outcomes&breakdown=passed-on&" + period), (std::set<std::int64_t>{p1, p2}));
  // The page says the same.
  auto page = manager_->Get("/dashboard?" + period);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Passed on at receipt"), std::string::npos);
}

// Issue 9 point 1: only team managers and analysts see the figures; every other role is refused, on
// the API and the pages alike.
TEST_F(DashboardApi, OnlyManagersAndAnalystsSeeTheFigures) {
  for (Role role : AllRoles()) {
    auto client = SignedIn(role);
    const bool allowed = role == Role::kTeamManager || role == Role::kAnalyst;
    for (const char* target :
         {"/api/v1/dashboard", "/api/v1/dashboard?format=csv", "/api/v1/dashboard/records?figure=conversion",
          "/dashboard", "/dashboard/records?figure=conversion"}) {
      const auto reply = client.Get(target);
      EXPECT_EQ(reply.status, allowed ? 200 : 403)
          << RoleId(role) << " " << target << ": " << reply.body.substr(0, 200);
    }
  }
  // The home page links the dashboard for those who may see it.
  EXPECT_NE(SignedIn(Role::kAnalyst).Get("/").body.find("href=\"/dashboard\""), std::string::npos);
  EXPECT_EQ(SignedIn(Role::kContactOfficer).Get("/").body.find("href=\"/dashboard\""), std::string::npos);
}

// A period that is not one is refused, naming the field; the page keeps what was typed.
TEST_F(DashboardApi, APeriodThatIsNotOneIsRefused) {
  auto manager = SignedIn(Role::kTeamManager);
  auto field = [&](const std::string& query) {
    auto reply = manager.Get("/api/v1/dashboard?" + query);
    EXPECT_EQ(reply.status, 422) << query << ": " << reply.body;
    return reply.status == 422 ? reply.Json().at("errors").at(0).at("field").get<std::string>()
                               : std::string();
  };
  EXPECT_EQ(field("from=2026-02-30&to=2026-03-31"), "from");
  EXPECT_EQ(field("from=2026-03-31&to=2026-03-01"), "to");
  EXPECT_EQ(field("from=2025-01-01&to=2026-03-31"), "to");  // over 366 days
  EXPECT_EQ(field("from=2026-03-01"), "to");
  EXPECT_EQ(field("from=2026-03-01&to=2026-03-31&team=999999"), "team");
  EXPECT_EQ(field("format=xml"), "format");
  EXPECT_EQ(manager.Get("/api/v1/dashboard/records?figure=nothing").status, 422);
  EXPECT_EQ(manager.Get("/api/v1/dashboard/records?figure=conversion&breakdown=nothing").status, 422);
  EXPECT_EQ(manager.Get("/api/v1/dashboard/records?figure=conversion&page_size=500").status, 422);
  // A whole year is allowed, and a single day.
  EXPECT_EQ(manager.Get("/api/v1/dashboard?from=2025-04-01&to=2026-03-31").status, 200);
  EXPECT_EQ(manager.Get("/api/v1/dashboard?from=2026-03-29&to=2026-03-29").status, 200);

  auto page =
      manager.Get("/dashboard?from-day=30&from-month=2&from-year=2026&to-day=31&to-month=3&to-year=2026");
  EXPECT_EQ(page.status, 422);
  EXPECT_NE(page.body.find("govuk-error-summary"), std::string::npos);
  EXPECT_NE(page.body.find("href=\"#from-day\""), std::string::npos);
  EXPECT_NE(page.body.find("for example 1 3 2026"), std::string::npos);
  EXPECT_NE(page.body.find("value=\"30\""), std::string::npos);  // as typed
  auto boxes =
      manager.Get("/dashboard?from-day=1&from-month=3&from-year=2026&to-day=31&to-month=3&to-year=2026");
  EXPECT_EQ(boxes.status, 200);
  EXPECT_NE(boxes.body.find("1 March 2026 to 31 March 2026, all teams"), std::string::npos);
}

// Issue 9 point 4 (docs/dashboard.md "Kept months"): a complete month's figures are kept and a
// period is the sum of its months, so each kind of change after a month has ended must reach the
// figures: a late decision, a referral about a child that makes a later month's referral a
// re-referral (the twelve months after are forgotten too), and the passing of time alone (a
// pending contact falls late). The kept rows are really used: a kept row altered by hand shows.
TEST_F(DashboardApi, KeptMonthsFollowLateWritesAndTheClock) {
  SignInAll();
  const std::string query = "/api/v1/dashboard?from=2026-03-01&to=2026-04-30";
  const auto view = [&](const std::string& utc) {
    SetClock(utc);
    auto reply = manager_->Get(query);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.Json();
  };
  const auto kept = [&] {
    auto tx = ctx_->store.Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM performance_months WHERE team_id = 0").at(0).Int(0);
  };
  // March: Ivy, never decided. April: Rex, referred, and Tia on the last afternoon (Thursday 30
  // April, 3pm BST), due at 3pm on Friday 1 May.
  const auto ivy = Record("2026-03-02T10:00:00Z", Contact("school", "Ivy", "Kept"));
  const auto rex_march = Record("2026-03-10T10:00:00Z", Contact("school", "Rex", "Again"));
  const auto rex_april = Record("2026-04-10T10:00:00Z", Contact("school", "Rex", "Again"));
  const auto rex = Link(rex_april);
  Decide(rex_april, "child-and-family-assessment", "2026-04-10T14:00:00Z");
  const auto tia = Record("2026-04-30T14:00:00Z", Contact("police", "Tia", "Pending"));
  (void)tia;
  const auto kit = HubConsultation("2026-03-05T11:00:00Z", "Kit");

  // 10am on 1 May: March and April are complete, and kept.
  json d = view("2026-05-01T09:00:00Z");
  EXPECT_EQ(kept(), 2);
  EXPECT_EQ(Count(d, "outcomes", "undecided"), 3);  // Ivy, Rex in March, Tia
  EXPECT_EQ(Count(d, "decisions-in-time", "pending"), 1);  // Tia
  EXPECT_EQ(Count(d, "re-referrals", "all"), 0);
  EXPECT_EQ(OutOf(d, "re-referrals", "all"), 1);
  EXPECT_EQ(Count(d, "consultation-advice", "awaiting-advice"), 1);

  // A kept row is what is shown: altered by hand (with no write noted), the figures follow it.
  {
    auto tx = ctx_->store.Begin(store::TransactionMode::kWrite);
    tx->Execute("UPDATE performance_months SET figures = '[]' WHERE month = '2026-03-01' AND team_id = 0");
    tx->Commit();
  }
  d = view("2026-05-01T09:00:01Z");
  EXPECT_EQ(FigureIn(d, "contacts-by-source").at("total"), 2) << "April's two contacts only";

  // A late decision on a March contact forgets March.
  Decide(ivy, "no-further-action", "2026-05-01T09:30:00Z");
  d = view("2026-05-01T09:40:00Z");
  EXPECT_EQ(FigureIn(d, "contacts-by-source").at("total"), 4);
  EXPECT_EQ(Count(d, "outcomes", "no-further-action"), 1);
  EXPECT_EQ(Count(d, "outcomes", "undecided"), 2);
  EXPECT_EQ(kept(), 2);

  // A referral made now from Rex's March contact makes April's referral about him a re-referral.
  Link(rex_march, rex);
  Decide(rex_march, "child-and-family-assessment", "2026-05-01T10:00:00Z");
  d = view("2026-05-01T10:10:00Z");
  EXPECT_EQ(Count(d, "re-referrals", "all"), 1);
  EXPECT_EQ(OutOf(d, "re-referrals", "all"), 2);
  EXPECT_EQ(Count(d, "outcomes", "undecided"), 1);

  // Advice recorded now on March's consultation.
  SetClock("2026-05-01T10:20:00Z");
  const std::string consultation = "/api/v1/consultations/" + std::to_string(kit);
  ASSERT_EQ(worker_->SendJson("POST", consultation + "/register-check", json::object()).status, 200);
  ASSERT_EQ(worker_
                ->SendJson("POST", consultation + "/record",
                           {{"questions", "What now?"}, {"advice", "Make a red referral."}, {"advised_route", "red"}})
                .status,
            200);
  d = view("2026-05-01T10:30:00Z");
  EXPECT_EQ(Count(d, "consultation-advice", "awaiting-advice"), 0);
  EXPECT_EQ(Count(d, "consultation-advice", "red"), 1);

  // Time alone: Tia's working day runs out at 3pm BST on 1 May.
  d = view("2026-05-01T13:59:00Z");
  EXPECT_EQ(Count(d, "decisions-in-time", "pending"), 1);
  const std::int64_t late_before = OutOf(d, "decisions-in-time", "all");
  d = view("2026-05-01T14:00:01Z");
  EXPECT_EQ(Count(d, "decisions-in-time", "pending"), 0);
  EXPECT_EQ(OutOf(d, "decisions-in-time", "all"), late_before + 1);

  // The kept months agree with a count from the records: forgotten by hand, counted again.
  const json from_kept = view("2026-05-01T14:00:02Z");
  {
    auto tx = ctx_->store.Begin(store::TransactionMode::kWrite);
    tx->Execute("DELETE FROM performance_months");
    tx->Commit();
  }
  EXPECT_EQ(view("2026-05-01T14:00:02Z").at("figures"), from_kept.at("figures"));
  EXPECT_EQ(kept(), 2);
}

// A month that cannot be kept (the disk is full) is still counted and shown: the figures are
// answered, and the next view keeps it.
TEST_F(DashboardApi, FiguresAreAnsweredWhenNothingCanBeKept) {
  SignInAll();
  Record("2026-03-02T10:00:00Z", Contact("school", "Ivy", "Full"));
  SetClock(kAsOf);
  store_->FailFromNowOn(true);
  auto reply = manager_->Get("/api/v1/dashboard?from=2026-03-01&to=2026-03-31");
  store_->FailFromNowOn(false);
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(FigureIn(reply.Json(), "contacts-by-source").at("total"), 1);
  auto tx = ctx_->store.Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM performance_months").at(0).Int(0), 0);
  tx.reset();
  ASSERT_EQ(manager_->Get("/api/v1/dashboard?from=2026-03-01&to=2026-03-31").status, 200);
  tx = ctx_->store.Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM performance_months").at(0).Int(0), 1);
}

// Kept months under load: a writer changes March's contacts (as late writes do) while three managers
// keep viewing February to April. However the writes and the keeping interleave, the months kept at
// the end must be what counting the records again gives.
TEST_F(DashboardApi, KeptMonthsStayRightWhileWritesAndViewsRace) {
  SignInAll();
  std::vector<std::int64_t> ids;
  for (int i = 0; i < 12; ++i)
    ids.push_back(Record(fmt::format("2026-03-{:02}T10:00:00Z", 2 + i), Contact("school", "Kid", std::string(1, char('A' + i)))));
  SetClock(kAsOf);
  const std::string query = "/api/v1/dashboard?from=2026-02-01&to=2026-04-30";
  ASSERT_EQ(manager_->Get(query).status, 200);  // February, March and April kept
  std::vector<HttpClient> managers;
  for (int r = 0; r < 3; ++r) managers.push_back(SignedIn(Role::kTeamManager));

  std::atomic<bool> done{false};
  std::atomic<int> refused{0}, views{0};
  std::vector<std::thread> readers;
  for (auto& client : managers)
    readers.emplace_back([&] {
      while (!done.load()) {
        if (client.Get(query).status != 200) ++refused;
        ++views;
      }
    });
  const char* sources[] = {"police", "health", "school"};
  for (int round = 0; round < 90; ++round) {
    auto tx = ctx_->store.Begin(store::TransactionMode::kWrite);
    tx->Execute("UPDATE contacts SET referrer_type = ? WHERE id = ?",
                {std::string(sources[round % 3]), ids[static_cast<std::size_t>(round) % ids.size()]});
    tx->Commit();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  }
  done = true;
  for (auto& t : readers) t.join();
  EXPECT_EQ(refused.load(), 0);
  EXPECT_GT(views.load(), 10);

  const json kept = manager_->Get(query).Json();
  {
    auto tx = ctx_->store.Begin(store::TransactionMode::kWrite);
    tx->Execute("DELETE FROM performance_months");
    tx->Commit();
  }
  const json counted = manager_->Get(query).Json();
  EXPECT_EQ(kept.at("figures"), counted.at("figures"));
  EXPECT_EQ(Count(counted, "contacts-by-source", "police"), 4);  // the last writes: ids 1-12 → police, health, school
}

}  // namespace
}  // namespace fd::testing
