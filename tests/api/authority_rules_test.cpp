// Each authority's own intake and decision rules, switched on by its own pack: Hertfordshire's
// (HCR-9…HCR-11 red and green forms, HCR-17 health contacts, HCR-10 the hub's advice, HCR-34
// protective factors) are not applied, asked about or cited under Kent, where every contact is
// taken and recorded (KCR-1, KCR-18). Over real HTTP, through the API and the pages.
#include <regex>

#include "api_fixture.h"
#include "procedures_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

using KentRules = KentApiTest;
using HertfordshireRules = ApiTest;  // the fixture's own pack

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

// A GP's contact about one child, with no NHS number.
json GpContact(const std::string& channel) {
  return {{"referrer", {{"type", "health"}, {"name", "Dr Ann Lee"}, {"agency", "Riverside Surgery"},
                        {"phone", "01632 960 001"}}},
          {"children", json::array({{{"first_names", "Leo"}, {"last_name", "Example"}, {"date_of_birth", "2019-02-03"},
                                     {"gender", "male"}}})},
          {"concern", "Bruising on both arms seen at an appointment, no explanation given."},
          {"intake", {{"channel", channel}, {"indicators", json::array({"unexplained-injuries"})}}}};
}

const std::map<std::string, std::string> kJson{{"Content-Type", "application/json"}};

// RULE KCR-1 RULE KCR-18: under Kent a health contact with no NHS number and no red or green form is
// taken, from the public portal and from a contact officer; an NHS number given is still checked.
TEST_F(KentRules, KCR1_KCR18_HealthContactsAreTakenWithoutAnNhsNumberOrAForm) {
  json portal = GpContact("portal");
  portal["intake"].erase("channel");
  portal["referrer"]["email"] = "ann.lee@nhs.net";
  auto sent = Client().Send("POST", "/api/v1/portal/contacts", portal.dump(), kJson);
  EXPECT_EQ(sent.status, 201) << sent.body;

  auto officer = SignedIn(Role::kContactOfficer);
  auto phoned = officer.SendJson("POST", "/api/v1/contacts", GpContact("phone"));
  ASSERT_EQ(phoned.status, 201) << phoned.body;
  EXPECT_EQ(phoned.Json().at("urgent"), true);
  auto emailed = officer.SendJson("POST", "/api/v1/contacts", GpContact("email"));
  EXPECT_EQ(emailed.status, 201) << emailed.body;

  json wrong = GpContact("phone");
  wrong["children"][0]["nhs_number"] = "943 476 5918";  // check digit off by one
  auto refused = officer.SendJson("POST", "/api/v1/contacts", wrong);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(NamesField(refused, "children[0].nhs_number")) << refused.body;
}

// RULE HCR-17: Hertfordshire's pack keeps it: the same contacts are refused there.
TEST_F(HertfordshireRules, HCR17_HealthContactsStillNeedAnNhsNumberAndAForm) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto phoned = officer.SendJson("POST", "/api/v1/contacts", GpContact("phone"));
  EXPECT_EQ(phoned.status, 422);
  EXPECT_TRUE(NamesField(phoned, "children[0].nhs_number")) << phoned.body;
  auto emailed = officer.SendJson("POST", "/api/v1/contacts", GpContact("email"));
  EXPECT_EQ(emailed.status, 422);
  EXPECT_TRUE(NamesField(emailed, "intake.form")) << emailed.body;
  json portal = GpContact("portal");
  portal["intake"].erase("channel");
  auto sent = Client().Send("POST", "/api/v1/portal/contacts", portal.dump(), kJson);
  EXPECT_EQ(sent.status, 422);
  EXPECT_TRUE(Has(sent.body, "Health contacts must give the child's NHS number")) << sent.body;
}

// RULE HCR-9 RULE HCR-10 RULE HCR-11: Kent has no red and green forms and no Consultation Hub: a
// form or the hub's advice sent over the API is refused, saying so, rather than kept without
// comment; the public and staff forms do not ask about them.
TEST_F(KentRules, HCR9_HCR10_HCR11_NoRedOrGreenFormsAndNoHubUnderKent) {
  auto officer = SignedIn(Role::kContactOfficer);
  json red = ScreenableSchoolContact();
  red["intake"]["form"] = "red";
  auto form = officer.SendJson("POST", "/api/v1/contacts", red);
  EXPECT_EQ(form.status, 422);
  EXPECT_TRUE(NamesField(form, "intake.form")) << form.body;
  EXPECT_TRUE(Has(form.body, "no red or green forms")) << form.body;
  json hub = ScreenableSchoolContact();
  hub["intake"]["hub_consultation"] = "The hub advised a red form";
  auto advised = officer.SendJson("POST", "/api/v1/contacts", hub);
  EXPECT_EQ(advised.status, 422);
  EXPECT_TRUE(NamesField(advised, "intake.hub_consultation")) << advised.body;
  EXPECT_EQ(officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact()).status, 201);

  for (const auto& page : {Client().Get("/request-for-support"), officer.Get("/contacts/new")}) {
    ASSERT_EQ(page.status, 200) << page.body;
    EXPECT_FALSE(Has(page.body, "red or green")) << page.body;
    EXPECT_FALSE(Has(page.body, "name=\"form\"")) << page.body;
    EXPECT_FALSE(Has(page.body, "Consultation Hub")) << page.body;
    EXPECT_FALSE(Has(page.body, "name=\"hub_consultation\"")) << page.body;
    EXPECT_TRUE(Has(page.body, "name=\"consultation_number\""));  // FDS-9, CRU-4: Kent's consultations
  }
}

// Hertfordshire's forms still ask both questions, with the hub's condition for red forms (HCR-9).
TEST_F(HertfordshireRules, HCR9_HCR10_TheFormsAskAboutRedAndGreenFormsAndTheHub) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto portal = Client().Get("/request-for-support");
  auto staff = officer.Get("/contacts/new");
  ASSERT_EQ(portal.status, 200);
  ASSERT_EQ(staff.status, 200);
  EXPECT_TRUE(Has(portal.body, "Are you sending a red or green form?"));
  for (const auto& page : {portal, staff}) {
    EXPECT_TRUE(Has(page.body, "name=\"form\" type=\"radio\" value=\"red\""));
    EXPECT_TRUE(Has(page.body, "consult the Consultation Hub before sending a red form"));
    EXPECT_TRUE(Has(page.body, "What the Consultation Hub advised"));
  }
  EXPECT_TRUE(Has(staff.body, "Request form (red or green)"));
}

// Screens the contact to completion over the API.
void Screen(HttpClient& worker, std::int64_t id) {
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  auto version = [&] { return worker.Get(api).Json().at("version").get<std::int64_t>(); };
  EXPECT_EQ(worker.SendJson("POST", api + "/screening/start", {{"version", version()}}).status, 200);
  json answers = json::object();
  for (const char* q : {"nature", "how_arose", "needs", "child_location", "last_seen", "family_known"})
    answers[q] = "Answered";
  auto saved = worker.SendJson("PUT", api + "/screening",
                               {{"version", version()}, {"answers", answers}, {"significant_harm", "no"},
                                {"urgent_action", "no"}, {"crime_possible", "no"}, {"consent", "informed_agreed"}});
  EXPECT_EQ(saved.status, 200) << saved.body;
  EXPECT_EQ(worker.SendJson("POST", api + "/record-checks", {{"version", version()}}).status, 200);
  EXPECT_EQ(worker.SendJson("POST", api + "/screening/complete", {{"version", version()}}).status, 200);
}

// Proposes a Child and Family Assessment, which moves the case to another team, with no
// protective factors; returns the answer.
HttpReply ProposeAssessmentWithoutProtectiveFactors(HttpClient& worker, std::int64_t id) {
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  const auto version = worker.Get(api).Json().at("version").get<std::int64_t>();
  return worker.SendJson("POST", api + "/decision",
                         {{"version", version}, {"outcome", "child-and-family-assessment"}, {"children", {0}},
                          {"rationale", "Unmet needs at home."}, {"next_steps", "Assessment."}});
}

std::int64_t NewContact(HttpClient officer) {
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  EXPECT_EQ(created.status, 201) << created.body;
  return created.Json().value("id", std::int64_t{0});
}

// RULE HCR-34 is Hertfordshire's: under Kent a referral is proposed without protective factors, and
// the decision page offers the box as optional, citing no HCR rule.
TEST_F(KentRules, HCR34_ProtectiveFactorsAreNotDemandedUnderKent) {
  const std::int64_t id = NewContact(SignedIn(Role::kContactOfficer));
  auto worker = SignedIn(Role::kSocialWorker);
  Screen(worker, id);
  auto page = worker.Get("/contacts/" + std::to_string(id) + "/decision");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "How risk was responded to, and the protective factors (optional)")) << page.body;
  EXPECT_FALSE(Has(page.body, "HCR-")) << page.body;
  EXPECT_TRUE(Has(page.body, "KCR-3"));
  auto proposed = ProposeAssessmentWithoutProtectiveFactors(worker, id);
  EXPECT_EQ(proposed.status, 200) << proposed.body;
}

TEST_F(HertfordshireRules, HCR34_AReferralNeedsTheProtectiveFactors) {
  const std::int64_t id = NewContact(SignedIn(Role::kContactOfficer));
  auto worker = SignedIn(Role::kSocialWorker);
  Screen(worker, id);
  auto page = worker.Get("/contacts/" + std::to_string(id) + "/decision");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "for an assessment or a strategy discussion (HCR-34)."));
  EXPECT_FALSE(Has(page.body, "protective factors (optional)"));
  auto refused = ProposeAssessmentWithoutProtectiveFactors(worker, id);
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(NamesField(refused, "protective_factors")) << refused.body;
}

// RULE HCR-25 RULE HCR-30: the screening page cites the rules of the pack in force: Kent's KCR
// rules, never Hertfordshire's HCR ones; Hertfordshire's page still cites both.
TEST_F(KentRules, HCR25_HCR30_TheScreeningPageCitesOnlyKentsRules) {
  const std::int64_t id = NewContact(SignedIn(Role::kContactOfficer));
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string page_path = "/contacts/" + std::to_string(id) + "/screening";
  auto before = worker.Get(page_path);
  ASSERT_EQ(before.status, 200);
  EXPECT_TRUE(Has(before.body, "whether a crime may have been committed (KCR-10, KCR-11).")) << before.body;
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  const auto version = worker.Get(api).Json().at("version").get<std::int64_t>();
  ASSERT_EQ(worker.SendJson("POST", api + "/screening/start", {{"version", version}}).status, 200);
  auto page = worker.Get(page_path);
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(Has(page.body, "HCR-")) << page.body;
  EXPECT_TRUE(Has(page.body, "KCR-10"));
  EXPECT_TRUE(Has(page.body, "Parents are told before other agencies are asked")) << page.body;
}

// RULE HCR-25: the API's refusals cite the rules of the pack in force too: under Kent, an
// uninformed parent with no reason, and screening completed too early, are refused in words that
// cite no Hertfordshire rule.
TEST_F(KentRules, HCR25_TheApisRefusalsCiteOnlyKentsRules) {
  const std::int64_t id = NewContact(SignedIn(Role::kContactOfficer));
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  auto version = [&] { return worker.Get(api).Json().at("version").get<std::int64_t>(); };
  ASSERT_EQ(worker.SendJson("POST", api + "/screening/start", {{"version", version()}}).status, 200);
  auto no_reason = worker.SendJson("PUT", api + "/screening", {{"version", version()}, {"consent", "not_informed"}});
  ASSERT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_TRUE(Has(no_reason.body, "choose why")) << no_reason.body;
  EXPECT_FALSE(Has(no_reason.body, "HCR-")) << no_reason.body;
  auto too_early = worker.SendJson("POST", api + "/screening/complete", {{"version", version()}});
  ASSERT_EQ(too_early.status, 422) << too_early.body;
  EXPECT_FALSE(Has(too_early.body, "HCR-")) << too_early.body;
}

TEST_F(HertfordshireRules, HCR25_HCR30_TheScreeningPageCitesHertfordshiresRules) {
  const std::int64_t id = NewContact(SignedIn(Role::kContactOfficer));
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  const auto version = worker.Get(api).Json().at("version").get<std::int64_t>();
  ASSERT_EQ(worker.SendJson("POST", api + "/screening/start", {{"version", version}}).status, 200);
  auto page = worker.Get("/contacts/" + std::to_string(id) + "/screening");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "HCR-25: parents are told before other agencies are asked")) << page.body;
  EXPECT_TRUE(Has(page.body, "HCR-30: whether each child is known"));
  EXPECT_FALSE(Has(page.body, "KCR-")) << "Hertfordshire's page cites none of Kent's rules: " << page.body;
}

}  // namespace
}  // namespace fd::testing

namespace fd::testing {
namespace {

// RULE HCR-22: the acknowledgement rate is Hertfordshire's timescale; Kent's dashboard does not show a
// rate against a rule its procedures do not have (the API's figures keep it for every authority).
TEST_F(KentRules, HCR22_KentsDashboardShowsNoAcknowledgementRate) {
  auto manager = SignedIn(Role::kTeamManager);
  auto page = manager.Get("/dashboard");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_EQ(page.body.find("chart-acknowledgements-in-time"), std::string::npos);
  EXPECT_NE(page.body.find("chart-decisions-in-time"), std::string::npos);
  EXPECT_NE(page.body.find("closed as a duplicate of another (decided there) are not counted"), std::string::npos);
  auto figures = manager.Get("/api/v1/dashboard");
  ASSERT_EQ(figures.status, 200);
  EXPECT_NE(figures.body.find("acknowledgements-in-time"), std::string::npos);
}

TEST_F(HertfordshireRules, HCR22_HertfordshiresDashboardShowsTheAcknowledgementRate) {
  auto page = SignedIn(Role::kTeamManager).Get("/dashboard");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("chart-acknowledgements-in-time"), std::string::npos);
}

}  // namespace
}  // namespace fd::testing
