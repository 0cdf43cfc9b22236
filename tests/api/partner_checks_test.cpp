// Partner agency checks and the lawful-basis ledger over real HTTP (issue 12 points 1, 2 and 5):
// a worker sends a check from screening, a partner user of that agency answers it, the answer lands
// on the contact and meets its deadline; every disclosure is in the ledger, which only the data
// protection officer lists; a disclosure with no basis is refused.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api/route_permissions.h"
#include "api_fixture.h"
#include "app/disclosures.h"
#include "calendar/local_time.h"
#include "store/deadline_records.h"
#include "support/run_command.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kForm{{"Content-Type", "application/x-www-form-urlencoded"}};

class PartnerChecks : public ApiTest {
 protected:
  // A school's contact about Mia, screened by a social worker with the parents' answer `consent`
  // ("informed_agreed", "informed_only" or "not_informed"). Returns the contact id.
  std::int64_t Screened(const std::string& consent) {
    auto officer = SignedIn(Role::kContactOfficer);
    auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
    EXPECT_EQ(created.status, 201) << created.body;
    const std::int64_t id = created.Json().at("id").get<std::int64_t>();
    auto worker = SignedIn(Role::kSocialWorker);
    auto started = PostWithVersion(worker, Base(id) + "/screening/start", json::object(), 1);
    EXPECT_EQ(started.status, 200) << started.body;
    json answers = {{"consent", consent}, {"version", started.Json().at("version")}};
    if (consent == "not_informed") answers["not_informed_reason"] = "loss_of_evidence";
    auto saved = worker.SendJson("PUT", Base(id) + "/screening", answers);
    EXPECT_EQ(saved.status, 200) << saved.body;
    return id;
  }

  // Mia's record on the people register, made by `worker`. Returns its id, as text for paths.
  static std::string RegisterMia(HttpClient& worker) {
    auto person = worker.SendJson("POST", "/api/v1/people",
                                  {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                                   {"gender", "female"}, {"address", "12 Orchard Way"}});
    EXPECT_EQ(person.status, 201) << person.body;
    return person.status == 201 ? std::to_string(person.Json().at("id").get<std::int64_t>()) : "0";
  }

  static std::string Base(std::int64_t id) { return "/api/v1/contacts/" + std::to_string(id); }

  static json Check(const std::string& basis, const std::string& agency = "police") {
    return {{"agency", agency},
            {"question", "Any domestic abuse call-outs to this address in the last year?"},
            {"children", {0}},
            {"lawful_basis", basis},
            {"urgency", "standard"}};
  }

  std::int64_t Version(std::int64_t contact_id) {
    auto view = SignedIn(Role::kSocialWorker).Get(Base(contact_id) + "/workflow");
    EXPECT_EQ(view.status, 200) << view.body;
    return view.Json().at("version").get<std::int64_t>();
  }

  // A partner user of another agency, signed in.
  HttpClient HealthPartner() {
    auto id = app::CreateUser(*ctx_, std::nullopt,
                              {"health_partner", "Hana Health", "", Role::kPartner, "", kTestPassword, "health"});
    EXPECT_TRUE(id.has_value());
    HttpClient client = Client();
    EXPECT_EQ(client.SignIn("health_partner", kTestPassword).status, 201);
    return client;
  }

  std::int64_t Disclosures(const std::string& cause_kind) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM disclosures WHERE cause_kind = ?", {cause_kind}).at(0).Int(0);
  }
};

// RULE KCR-9: a check is sent, the partner answers, and the answer is on the contact with who
// answered, when and what; the deadline it opened is met; a second answer is refused.
TEST_F(PartnerChecks, KCR9_SentAnsweredAndOnTheContact) {
  const std::int64_t contact = Screened("informed_agreed");
  auto worker = SignedIn(Role::kSocialWorker);
  auto sent = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("consent"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::int64_t check = sent.Json().at("id").get<std::int64_t>();
  EXPECT_FALSE(sent.Json().at("due_at").is_null()) << "the pack's agency-check-standard timescale gives a deadline";

  auto partner = SignedIn(Role::kPartner);
  auto queue = partner.Get("/api/v1/partner/checks");
  ASSERT_EQ(queue.status, 200) << queue.body;
  ASSERT_EQ(queue.Json().at("items").size(), 1u);
  EXPECT_EQ(queue.Json().at("items").at(0).at("id"), check);

  const std::string path = "/api/v1/partner/checks/" + std::to_string(check);
  auto answered = partner.SendJson("POST", path, {{"answer", "Two call-outs in March; no charges."}});
  ASSERT_EQ(answered.status, 200) << answered.body;
  EXPECT_TRUE(answered.Json().at("answered").get<bool>());
  EXPECT_EQ(partner.SendJson("POST", path, {{"answer", "Again"}}).status, 409);

  auto workflow = worker.Get(Base(contact) + "/workflow");
  ASSERT_EQ(workflow.status, 200);
  const json view = workflow.Json();
  const json& checks = view.at("agency_checks");
  ASSERT_EQ(checks.size(), 1u);
  EXPECT_EQ(checks.at(0).at("response"), "Two call-outs in March; no charges.");
  EXPECT_EQ(checks.at(0).at("asked_person"), "Test partner");
  EXPECT_EQ(checks.at(0).at("recorded_by"), "Test partner");
  const json& requests = view.at("agency_check_requests");
  ASSERT_EQ(requests.size(), 1u);
  EXPECT_FALSE(requests.at(0).at("answered_at").is_null());

  auto tx = store_->Begin(store::TransactionMode::kRead);
  int met = 0;
  for (const auto& d : store::DeadlinesForRecord(*tx, "contact", contact))
    if (d.timescale == "agency-check-standard") met += d.met_at.has_value();
  EXPECT_EQ(met, 1);
}

// RULE KCR-14: a partner sees only what the request says: the question, the named child's
// identifying details and the deadline; never the referrer, the concern, the contact's reference or
// another agency's answer, in the JSON or on the page.
// The same check sent twice over the API while the first is unanswered is 409 and sends nothing;
// once answered, it may be asked again.
TEST_F(PartnerChecks, TheSameOpenCheckIsNotSentTwice) {
  const std::int64_t contact = Screened("informed_agreed");
  auto worker = SignedIn(Role::kSocialWorker);
  auto sent = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("consent"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto again = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("consent"));
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(SignedIn(Role::kPartner).Get("/api/v1/partner/checks").Json().at("items").size(), 1u);
  auto partner = SignedIn(Role::kPartner);
  ASSERT_EQ(partner.SendJson("POST", "/api/v1/partner/checks/" + std::to_string(sent.Json().at("id").get<std::int64_t>()),
                             {{"answer", "None known."}})
                .status,
            200);
  EXPECT_EQ(worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("consent")).status, 201);
}

TEST_F(PartnerChecks, KCR14_PartnerSeesOnlyTheRequest) {
  const std::int64_t contact = Screened("informed_agreed");
  auto worker = SignedIn(Role::kSocialWorker);
  auto health_check = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("consent", "health"));
  ASSERT_EQ(health_check.status, 201) << health_check.body;
  auto health = HealthPartner();
  ASSERT_EQ(health.SendJson("POST", "/api/v1/partner/checks/" + std::to_string(health_check.Json().at("id").get<int>()),
                            {{"answer", "Seen by the health visitor, HEALTH-SECRET-NOTE"}})
                .status,
            200);
  auto sent = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("consent"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::string id = std::to_string(sent.Json().at("id").get<std::int64_t>());
  const std::string reference = SignedIn(Role::kSocialWorker).Get(Base(contact) + "/workflow").Json().at("reference");

  auto partner = SignedIn(Role::kPartner);
  auto api = partner.Get("/api/v1/partner/checks/" + id);
  ASSERT_EQ(api.status, 200) << api.body;
  auto page = partner.Get("/partner/checks/" + id);
  ASSERT_EQ(page.status, 200) << page.body;
  auto list = partner.Get("/api/v1/partner/checks");
  auto list_page = partner.Get("/partner/checks");
  for (const std::string& body : {api.body, page.body, list.body, list_page.body}) {
    EXPECT_EQ(body.find("Priya Shah"), std::string::npos);         // the referrer
    EXPECT_EQ(body.find("Riverside"), std::string::npos);          // the referrer's school
    EXPECT_EQ(body.find("Arrived hungry"), std::string::npos);     // the concern
    EXPECT_EQ(body.find(reference), std::string::npos);            // the contact's reference
    EXPECT_EQ(body.find("HEALTH-SECRET-NOTE"), std::string::npos);  // another agency's answer
  }
  EXPECT_NE(api.body.find("Any domestic abuse call-outs"), std::string::npos);
  EXPECT_EQ(api.Json().at("people").at(0).at("first_names"), "Mia");
  EXPECT_EQ(api.Json().at("people").at(0).at("date_of_birth"), "2017-05-14");
  EXPECT_FALSE(api.Json().at("due_at").is_null());
  EXPECT_NE(page.body.find("Any domestic abuse call-outs"), std::string::npos);
  EXPECT_EQ(list.Json().at("items").size(), 1u);  // only the police's request
}

// A partner user of another agency is told the request does not exist, and cannot answer it.
TEST_F(PartnerChecks, AnotherAgencysPartnerGets404) {
  const std::int64_t contact = Screened("informed_agreed");
  auto sent = SignedIn(Role::kSocialWorker).SendJson("POST", Base(contact) + "/agency-check-requests", Check("consent"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::string id = std::to_string(sent.Json().at("id").get<std::int64_t>());
  auto health = HealthPartner();
  EXPECT_EQ(health.Get("/api/v1/partner/checks/" + id).status, 404);
  EXPECT_EQ(health.SendJson("POST", "/api/v1/partner/checks/" + id, {{"answer", "Nothing known"}}).status, 404);
  EXPECT_EQ(health.Get("/partner/checks/" + id).status, 404);
  EXPECT_TRUE(health.Get("/api/v1/partner/checks").Json().at("items").empty());
}

// RULE KCR-15 RULE HCR-26: a basis that shares without the parents' knowledge needs a team manager's
// authorisation first; refused with a clear message until then, and then allowed, the ledger naming
// the manager who authorised it.
TEST_F(PartnerChecks, KCR15_HCR26_WithoutKnowledgeNeedsAManagersAuthorisation) {
  const std::int64_t contact = Screened("not_informed");
  auto worker = SignedIn(Role::kSocialWorker);
  auto refused = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("section-47-without-knowledge"));
  ASSERT_EQ(refused.status, 403) << refused.body;
  EXPECT_NE(refused.Json().at("detail").get<std::string>().find("team manager must first authorise"), std::string::npos);
  EXPECT_EQ(Disclosures("agency-check"), 0);

  auto manager = SignedIn(Role::kTeamManager);
  auto authorised = PostWithVersion(manager, Base(contact) + "/sharing-authorisation",
                                    {{"reason", "Telling the parents now risks the loss of evidence"}}, Version(contact));
  ASSERT_EQ(authorised.status, 200) << authorised.body;
  auto sent = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("section-47-without-knowledge"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT d.lawful_basis, u.role FROM disclosures d JOIN users u ON u.id = d.authorised_by "
                        "WHERE d.cause_kind = ?",
                        {"agency-check"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.at(0).Text(0), "section-47-without-knowledge");
  EXPECT_EQ(rows.at(0).Text(1), "team_manager");
}

// RULE KCR-15 RULE HCR-26: once screening records that the parents will not be told, sending to any
// agency is sharing without their knowledge, whatever basis is chosen (section 17, public task, section
// 47 to the police): refused until a team manager authorises it with reasons, and the refusal says so.
// Once authorised, the ledger names the manager for a statutory basis too.
TEST_F(PartnerChecks, KCR15_HCR26_NotInformedNeedsAManagersAuthorisationWhateverTheBasis) {
  const std::int64_t contact = Screened("not_informed");
  auto worker = SignedIn(Role::kSocialWorker);
  for (const auto& [basis, agency] : std::vector<std::pair<std::string, std::string>>{
           {"section-17", "health"}, {"public-task", "health"}, {"section-47", "police"}}) {
    auto refused = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check(basis, agency));
    ASSERT_EQ(refused.status, 403) << basis << " " << refused.body;
    const std::string detail = refused.Json().at("detail");
    EXPECT_NE(detail.find("have not been informed"), std::string::npos) << detail;
    EXPECT_NE(detail.find("Ask a team manager to authorise it"), std::string::npos) << detail;
  }
  EXPECT_EQ(Disclosures("agency-check"), 0);
  EXPECT_TRUE(SignedIn(Role::kPartner).Get("/api/v1/partner/checks").Json().at("items").empty());

  auto manager = SignedIn(Role::kTeamManager);
  ASSERT_EQ(PostWithVersion(manager, Base(contact) + "/sharing-authorisation",
                            {{"reason", "Telling the parents now risks the loss of evidence"}}, Version(contact))
                .status,
            200);
  auto sent = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("section-17", "health"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT u.role FROM disclosures d JOIN users u ON u.id = d.authorised_by WHERE d.cause_kind = ?",
                        {"agency-check"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.at(0).Text(0), "team_manager");
}

// RULE HCR-26 RULE HCR-25 RULE KCR-15: agencies are asked once screening records whether the parents
// were told (so "not informed" cannot be side-stepped by sending first); only the police may be asked
// before that, and only where a crime may have been committed.
TEST_F(PartnerChecks, HCR26_OnlyThePoliceMayBeAskedBeforeConsentIsRecordedWhereACrimeIsPossible) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t contact = created.Json().at("id").get<std::int64_t>();
  auto worker = SignedIn(Role::kSocialWorker);
  auto started = PostWithVersion(worker, Base(contact) + "/screening/start", json::object(), 1);
  ASSERT_EQ(started.status, 200) << started.body;

  auto early = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("section-17", "health"));
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_NE(early.Json().at("detail").get<std::string>().find("whether the parents have been informed"), std::string::npos);
  EXPECT_EQ(worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("section-47", "police")).status, 409)
      << "no crime recorded as possible";

  ASSERT_EQ(worker.SendJson("PUT", Base(contact) + "/screening", {{"crime_possible", "yes"}, {"version", Version(contact)}})
                .status,
            200);
  auto police = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("section-47", "police"));
  EXPECT_EQ(police.status, 201) << police.body;
  EXPECT_EQ(worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("section-17", "health")).status, 409);
  EXPECT_EQ(Disclosures("agency-check"), 1);
}

// RULE KCR-4: consent is a basis only when the parents were told and agreed.
TEST_F(PartnerChecks, KCR4_ConsentBasisNeedsTheParentsAgreement) {
  const std::int64_t contact = Screened("informed_only");
  auto worker = SignedIn(Role::kSocialWorker);
  auto refused = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("consent"));
  // A choice on the form, said on its field (review finding 8), not a conflict.
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(NamesField(refused, "lawful_basis")) << refused.body;
  auto statutory = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("section-17"));
  EXPECT_EQ(statutory.status, 201) << statutory.body;
}

// Nothing is disclosed without a recorded basis from the pack, and only the contact's own children
// may be named, to an agency the pack lists.
TEST_F(PartnerChecks, RefusesAMissingOrUnknownBasisAndStrangers) {
  const std::int64_t contact = Screened("informed_agreed");
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string path = Base(contact) + "/agency-check-requests";
  auto none = worker.SendJson("POST", path, Check(""));
  EXPECT_EQ(none.status, 422);
  EXPECT_TRUE(NamesField(none, "lawful_basis")) << none.body;
  auto unknown = worker.SendJson("POST", path, Check("because-we-can"));
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(NamesField(unknown, "lawful_basis")) << unknown.body;
  json stranger = Check("consent");
  stranger["children"] = {0, 3};
  EXPECT_TRUE(NamesField(worker.SendJson("POST", path, stranger), "children"));
  EXPECT_TRUE(NamesField(worker.SendJson("POST", path, Check("consent", "mi5")), "agency"));
  EXPECT_EQ(Disclosures("agency-check"), 0);
  // Officers record contacts but do not send checks; partners only answer them.
  EXPECT_EQ(SignedIn(Role::kContactOfficer).SendJson("POST", path, Check("consent")).status, 403);
  EXPECT_EQ(SignedIn(Role::kPartner).SendJson("POST", path, Check("consent")).status, 403);
}

// The ledger itself: a disclosure with no basis, or one the pack does not list, is refused naming
// "lawful_basis", and the caller's transaction (left uncommitted) writes nothing.
TEST_F(PartnerChecks, LedgerRefusesADisclosureWithoutABasis) {
  const auto& pack = procedures_->PackAt(clock_.Now());
  for (const std::string basis : {"", "not-a-basis"}) {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    app::Disclosure d;
    d.items = {"name"};
    d.counterpart_kind = "agency";
    d.counterpart = "police";
    d.lawful_basis = basis;
    d.at = clock_.Now();
    d.cause_kind = "test";
    d.cause_id = "1";
    auto recorded = app::RecordDisclosure(*tx, pack, d);
    ASSERT_FALSE(recorded.has_value());
    EXPECT_EQ(recorded.error().code, ErrorCode::kInvalid);
    ASSERT_EQ(recorded.error().fields.size(), 1u);
    EXPECT_EQ(recorded.error().fields.at(0).field, "lawful_basis");
  }
  EXPECT_EQ(Disclosures("test"), 0);
}

// The data protection officer lists every disclosure about a person: the check out and its answer
// in, and the outcome e-mailed to the referrer; the listing is audited; no other role may list.
TEST_F(PartnerChecks, DpoListsEveryDisclosureAboutAPerson) {
  const std::int64_t contact = Screened("informed_agreed");
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string person_id = RegisterMia(worker);
  auto sent = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("consent"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  // Linked after the check was sent: the ledger still finds it through the contact's child.
  auto linked = worker.SendJson("POST", Base(contact) + "/children/0/person", {{"person_id", std::stoll(person_id)}});
  ASSERT_EQ(linked.status, 200) << linked.body;
  ASSERT_EQ(SignedIn(Role::kPartner)
                .SendJson("POST", "/api/v1/partner/checks/" + std::to_string(sent.Json().at("id").get<int>()),
                          {{"answer", "Not known to us"}})
                .status,
            200);
  // The decision, authorised, e-mails the outcome to the school (a secure address).
  std::int64_t version = Version(contact);
  json answers = {{"answers", {{"nature", "Neglect"}, {"how_arose", "School noticed"}, {"needs", "Food"},
                               {"child_location", "At school"}, {"last_seen", "Today"}, {"family_known", "No"}}},
                  {"significant_harm", "no"}, {"urgent_action", "no"}, {"crime_possible", "no"},
                  {"version", version}};
  auto saved = worker.SendJson("PUT", Base(contact) + "/screening", answers);
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto checked = PostWithVersion(worker, Base(contact) + "/record-checks", json::object(), saved.Json().at("version"));
  ASSERT_EQ(checked.status, 200) << checked.body;
  auto complete = PostWithVersion(worker, Base(contact) + "/screening/complete", json::object(),
                                  checked.Json().at("version"));
  ASSERT_EQ(complete.status, 200) << complete.body;
  auto proposed = PostWithVersion(worker, Base(contact) + "/decision",
                                  {{"outcome", "families-first"}, {"children", {0}}, {"rationale", "Needs support"},
                                   {"next_steps", "School to monitor"}},
                                  complete.Json().at("version"));
  ASSERT_EQ(proposed.status, 200) << proposed.body;
  auto manager = SignedIn(Role::kTeamManager);
  auto authorised = PostWithVersion(manager, Base(contact) + "/decision/authorise",
                                    json::object(), proposed.Json().at("version"));
  ASSERT_EQ(authorised.status, 200) << authorised.body;

  auto dpo = SignedIn(Role::kDataProtectionOfficer);
  auto listed = dpo.Get("/api/v1/people/" + person_id + "/disclosures");
  ASSERT_EQ(listed.status, 200) << listed.body;
  std::vector<std::string> seen;
  const json ledger = listed.Json();
  for (const auto& d : ledger.at("disclosures"))
    seen.push_back(d.at("direction").get<std::string>() + " " + d.at("cause").at("kind").get<std::string>() + " " +
                   d.at("lawful_basis").get<std::string>());
  EXPECT_EQ(seen, (std::vector<std::string>{"out agency-check consent", "in agency-check consent",
                                            "out referrer-message public-task"}))
      << listed.body;
  EXPECT_EQ(listed.Json().at("disclosures").at(2).at("counterpart"), "dsl@riverside.hertfordshire.gov.uk");
  auto page = dpo.Get("/people/" + person_id + "/disclosures");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("agency-check"), std::string::npos);
  for (Role role : {Role::kSocialWorker, Role::kTeamManager, Role::kAnalyst, Role::kPartner, Role::kAdministrator}) {
    EXPECT_EQ(SignedIn(role).Get("/api/v1/people/" + person_id + "/disclosures").status, 403) << RoleId(role);
  }
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ?", {"disclosures.listed"}).at(0).Int(0), 2);
}

// `frontdoor report disclosures --person ID` prints the same rows as CSV (the default) or a table, as
// the system with the data protection officer's permission; a person that is not a number is refused.
TEST_F(PartnerChecks, CommandLineListsThePersonsDisclosures) {
  const std::int64_t contact = Screened("informed_agreed");
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string person_id = RegisterMia(worker);
  ASSERT_EQ(worker.SendJson("POST", Base(contact) + "/children/0/person", {{"person_id", std::stoll(person_id)}}).status,
            200);
  ASSERT_EQ(worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("section-17")).status, 201);
  const std::string common = " --database '" + real_store_->url() + "' --policy policies/hertfordshire";
  auto csv = RunFrontdoor("report disclosures --person " + person_id + common);
  ASSERT_EQ(csv.exit_code, 0) << csv.output;
  EXPECT_NE(csv.output.find("at_utc,direction,items,about,counterpart_kind,counterpart,lawful_basis"), std::string::npos)
      << csv.output;
  EXPECT_NE(csv.output.find(",out,name date_of_birth address question,"), std::string::npos) << csv.output;
  EXPECT_NE(csv.output.find(",agency,police,section-17,"), std::string::npos) << csv.output;
  auto table = RunFrontdoor("report disclosures --format table --person " + person_id + common);
  ASSERT_EQ(table.exit_code, 0) << table.output;
  EXPECT_NE(table.output.find("section-17"), std::string::npos) << table.output;
  EXPECT_EQ(table.output.find(",agency,"), std::string::npos) << table.output;
  EXPECT_NE(RunFrontdoor("report disclosures --person twelve" + common).exit_code, 0);
}

// The dashboard shows response times by agency: how many answered, the median hours, and how many
// within their deadline.
TEST_F(PartnerChecks, DashboardShowsResponseTimesByAgency) {
  const std::int64_t contact = Screened("informed_agreed");
  auto sent = SignedIn(Role::kSocialWorker).SendJson("POST", Base(contact) + "/agency-check-requests", Check("consent"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  ASSERT_EQ(SignedIn(Role::kPartner)
                .SendJson("POST", "/api/v1/partner/checks/" + std::to_string(sent.Json().at("id").get<int>()),
                          {{"answer", "Nothing known"}})
                .status,
            200);
  // The local date now, so the period holds the check whatever the time of the run.
  const auto local = calendar::LocalDate(clock_.Now(), "Europe/London");
  const std::string today = FormatIsoDate(local);
  auto dashboard = SignedIn(Role::kAnalyst).Get("/api/v1/dashboard?from=" + today + "&to=" + today);
  ASSERT_EQ(dashboard.status, 200) << dashboard.body;
  const json figures = dashboard.Json();
  const json& times = figures.at("agency_response_times");
  ASSERT_EQ(times.size(), 1u) << dashboard.body;
  EXPECT_EQ(times.at(0).at("agency"), "police");
  EXPECT_EQ(times.at(0).at("answered"), 1);
  EXPECT_EQ(times.at(0).at("within_deadline"), 1);
  EXPECT_EQ(times.at(0).at("within_deadline_percent"), 100.0);
  auto page = SignedIn(Role::kTeamManager).Get("/dashboard?from=" + today + "&to=" + today);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Partner agencies' response times"), std::string::npos);
}

// A statutory return produced is one ledger row: to Ofsted, on the pack's basis for returns.
TEST_F(PartnerChecks, AnExportIsOneLedgerRow) {
  auto analyst = SignedIn(Role::kAnalyst);
  auto annex = analyst.Get("/api/v1/reports/annex-a?list=1&from=2025-01-01&to=2025-06-30&format=csv");
  ASSERT_EQ(annex.status, 200) << annex.body.substr(0, 300);
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT counterpart, lawful_basis, direction FROM disclosures WHERE cause_kind = ?", {"export"});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows.at(0).Text(0), "Ofsted");
  EXPECT_EQ(rows.at(0).Text(1), "legal-obligation");
  EXPECT_EQ(rows.at(0).Text(2), "out");
}

// A partner user reaches only their agency's checks (and their own session and home page): every
// other signed-in route answers 403.
TEST_F(PartnerChecks, PartnerIsRefusedEveryOtherRoute) {
  auto partner = SignedIn(Role::kPartner);
  int refused = 0;
  for (const auto& route : service_->router().routes()) {
    if (route.access == http::Access::kPublic) continue;
    const api::RoutePermission* permission = api::FindRoutePermission(route.method, route.pattern);
    ASSERT_NE(permission, nullptr) << route.pattern;
    if (permission->any_of.size() == 0) continue;  // anyone signed in: their session and home page
    const bool own = api::RoleMayReach(Role::kPartner, *permission);
    EXPECT_EQ(own, route.pattern.find("/partner/checks") != std::string::npos) << route.method << " " << route.pattern;
    if (own || route.method != "GET") continue;
    std::string target = route.pattern;
    for (std::size_t at; (at = target.find('{')) != std::string::npos;)
      target.replace(at, target.find('}', at) - at + 1, "1");
    EXPECT_EQ(partner.Get(target).status, 403) << target;
    ++refused;
  }
  EXPECT_GT(refused, 50);
}

// User administration: a partner user needs an agency of the pack; other roles may not have one.
TEST_F(PartnerChecks, APartnerUserNeedsAnAgency) {
  auto none = app::CreateUser(*ctx_, std::nullopt, {"p1", "P One", "", Role::kPartner, "", kTestPassword, ""});
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().fields.at(0).field, "agency");
  auto unknown = app::CreateUser(*ctx_, std::nullopt, {"p2", "P Two", "", Role::kPartner, "", kTestPassword, "mi5"});
  ASSERT_FALSE(unknown.has_value());
  auto worker = app::CreateUser(*ctx_, std::nullopt, {"w2", "W Two", "", Role::kSocialWorker, "", kTestPassword, "police"});
  ASSERT_FALSE(worker.has_value());
  EXPECT_TRUE(app::CreateUser(*ctx_, std::nullopt, {"p3", "P Three", "", Role::kPartner, "", kTestPassword, "housing"})
                  .has_value());
}

}  // namespace
}  // namespace fd::testing

namespace fd::testing {
namespace {

class PartnerChecksChased : public PartnerChecks {};

// RULE KCR-9 (issue 12 point 1): an overdue check is chased: not before its deadline, not once
// answered; a chase tells every partner user of the agency (a notice on their home page), is counted
// on the request, and the partner's queue shows it as overdue and chased; the screening page offers it.
TEST_F(PartnerChecksChased, KCR9_AnOverdueCheckIsChasedAndThePartnerIsTold) {
  const std::int64_t contact = Screened("informed_agreed");
  auto worker = SignedIn(Role::kSocialWorker);
  auto sent = worker.SendJson("POST", Base(contact) + "/agency-check-requests", Check("consent"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::int64_t check = sent.Json().at("id").get<std::int64_t>();
  const std::string chase = Base(contact) + "/agency-check-requests/" + std::to_string(check) + "/chase";

  auto early = worker.SendJson("POST", chase, json::object());
  EXPECT_EQ(early.status, 409) << early.body;
  EXPECT_NE(early.Json().at("detail").get<std::string>().find("not overdue yet"), std::string::npos);
  auto partner = SignedIn(Role::kPartner);
  EXPECT_FALSE(partner.Get("/api/v1/partner/checks").Json().at("items").at(0).at("overdue").get<bool>());

  clock_.Advance(std::chrono::days{5});  // past one working day, whatever the day of the run
  worker = SignedIn(Role::kSocialWorker);  // the sessions expired meanwhile
  partner = SignedIn(Role::kPartner);
  auto chased = worker.SendJson("POST", chase, json::object());
  ASSERT_EQ(chased.status, 200) << chased.body;
  EXPECT_EQ(chased.Json().at("chases"), 1);
  EXPECT_EQ(partner.SendJson("POST", chase, json::object()).status, 403);  // partners answer, never chase

  auto queue = partner.Get("/api/v1/partner/checks").Json().at("items").at(0);
  EXPECT_TRUE(queue.at("overdue").get<bool>());
  EXPECT_EQ(queue.at("chases"), 1);
  auto home = partner.Get("/");
  EXPECT_NE(home.body.find("OVERDUE: check request " + std::to_string(check)), std::string::npos) << home.body;
  auto queue_page = partner.Get("/partner/checks");
  EXPECT_NE(queue_page.body.find("the front door has chased it 1 time"), std::string::npos);

  // The worker's screening page shows it overdue and chased, with the button to chase again.
  auto screening = worker.Get("/contacts/" + std::to_string(contact) + "/screening");
  EXPECT_NE(screening.body.find("Overdue (chased 1 time)"), std::string::npos);
  EXPECT_NE(screening.body.find("/agency-check-requests/" + std::to_string(check) + "/chase"), std::string::npos);

  // Answered, it can no longer be chased; another contact's number is not found.
  ASSERT_EQ(partner.SendJson("POST", "/api/v1/partner/checks/" + std::to_string(check), {{"answer", "Nothing known."}})
                .status,
            200);
  EXPECT_EQ(worker.SendJson("POST", chase, json::object()).status, 409);
  EXPECT_EQ(worker.SendJson("POST", Base(contact) + "/agency-check-requests/999999/chase", json::object()).status, 404);
}

}  // namespace
}  // namespace fd::testing
