// The screening and decision pages over real HTTP, as a browser without JavaScript would use them:
// forms with the CSRF token and the contact's version, 303 after success, 422 with the input kept,
// 409 for a stale version, 403 for a refused role (Hertfordshire pack).
#include <regex>
#include <set>

#include "api_fixture.h"
#include "screening_answers.h"
#include "calendar/local_time.h"
#include "http/message.h"
#include "web/workflow_pages.h"

namespace fd::testing {
namespace {

// An agency asked this minute, local time: not before the contact came in, nor in the future.
std::string AskedNow() {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return calendar::FormatLocalIso(now).substr(0, 16);
}

using nlohmann::json;
using WorkflowPages = ApiTest;
using Fields = std::vector<std::pair<std::string, std::string>>;

// The agency check form with "When they were asked" as a person types it on the page: the date in
// GOV.UK's day, month and year boxes and the time beside them (`local`: "2026-11-28T14:30").
Fields AgencyCheck(Fields fields, const std::string& local = AskedNow()) {
  fields.insert(fields.end(), {{"asked_at-day", std::to_string(std::stoi(local.substr(8, 2)))},
                               {"asked_at-month", std::to_string(std::stoi(local.substr(5, 2)))},
                               {"asked_at-year", local.substr(0, 4)},
                               {"asked_at-time", local.substr(11, 5)}});
  return fields;
}

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

json SchoolContact() {
  return {{"referrer",
           {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Elm Primary"}, {"phone", "01632 960 001"},
            {"email", "dsl@elm.example.sch.uk"}}},
          {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"}, {"date_of_birth", "2016-03-02"},
                                     {"gender", "female"}},
                                    {{"first_names", "Ben"}, {"last_name", "Example"}, {"date_of_birth", "2019-07-09"},
                                     {"gender", "male"}}})},
          {"concern", "Ava has arrived hungry all week; Ben was collected late twice."},
          {"intake",
           {{"channel", "email"},
            {"household",
             {{"domestic_abuse", "no"}, {"mental_illness", "not_known"}, {"substance_misuse", "no"},
              {"learning_difficulties", "no"}}}}}};
}

std::string CsrfTokenOn(const std::string& page) { return FirstCapture(page, "name=\"csrf_token\" value=\"([^\"]+)\""); }
std::string VersionOn(const std::string& page) { return FirstCapture(page, "name=\"version\" value=\"([0-9]+)\""); }

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

class Browser {
 public:
  explicit Browser(HttpClient client) : client_(std::move(client)) {}

  HttpReply Get(const std::string& path) {
    auto reply = client_.Get(path);
    if (reply.status == 200) last_ = reply.body;
    return reply;
  }
  // Posts a form from the last page shown: its CSRF token and its version unless given.
  HttpReply Post(const std::string& path, Fields fields) {
    const bool has_version =
        std::any_of(fields.begin(), fields.end(), [](const auto& f) { return f.first == "version"; });
    fields.insert(fields.begin(), {"csrf_token", CsrfTokenOn(last_)});
    if (!has_version) fields.push_back({"version", VersionOn(last_)});
    auto reply = client_.Send("POST", path, FormBody(fields), kFormHeaders);
    if (reply.status == 200 || reply.status == 422) last_ = reply.body;
    return reply;
  }
  HttpClient& api() { return client_; }
  const std::string& last() const { return last_; }

 private:
  HttpClient client_;
  std::string last_;
};

class WorkflowPagesTest : public WorkflowPages {
 protected:
  std::int64_t NewContact() {
    auto created = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", SchoolContact());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", std::int64_t{0});
  }
  // The contact's version as the API gives it, for a form posted by hand (the page offered none).
  static std::string ApiVersion(HttpClient& client, std::int64_t id) {
    return std::to_string(client.Get("/api/v1/contacts/" + std::to_string(id)).Json().at("version").get<std::int64_t>());
  }
  static std::string Path(std::int64_t id, const std::string& rest = "") {
    return "/contacts/" + std::to_string(id) + rest;
  }
  // Screens the contact to completion over the JSON API (the pages are tested elsewhere).
  static void ScreenOverApi(HttpClient& client, std::int64_t id, const std::string& consent = "informed_agreed") {
    const std::string api = "/api/v1/contacts/" + std::to_string(id);
    auto version = [&] { return client.Get(api).Json().at("version").get<std::int64_t>(); };
    ASSERT_EQ(client.SendJson("POST", api + "/screening/start", {{"version", version()}}).status, 200);
    json answers = json::object();
    for (const char* q : {"nature", "how_arose", "needs", "child_location", "last_seen", "family_known"})
      answers[q] = "Answered";
    json body = {{"version", version()}, {"answers", answers},        {"significant_harm", "no"},
                 {"urgent_action", "no"},  {"crime_possible", "no"}, {"consent", consent}};
    if (consent == "not_informed") body["not_informed_reason"] = "loss_of_evidence";
    auto saved = client.SendJson("PUT", api + "/screening", body);
    ASSERT_EQ(saved.status, 200) << saved.body;
    ASSERT_EQ(client.SendJson("POST", api + "/record-checks", {{"version", version()}}).status, 200);
    if (consent != "not_informed") {
      auto done = client.SendJson("POST", api + "/screening/complete", {{"version", version()}});
      ASSERT_EQ(done.status, 200) << done.body;
    }
  }
  static void ProposeOverApi(HttpClient& client, std::int64_t id, const std::string& outcome) {
    const std::string api = "/api/v1/contacts/" + std::to_string(id);
    const auto version = client.Get(api).Json().at("version").get<std::int64_t>();
    auto proposed = client.SendJson("POST", api + "/decision",
                                    {{"version", version}, {"outcome", outcome}, {"children", {0, 1}},
                                     {"rationale", "Needs are met with support."}, {"next_steps", "Refer on."}});
    ASSERT_EQ(proposed.status, 200) << proposed.body;
  }
};

// RULE KCR-11 RULE HCR-30 RULE KCR-10 RULE HCR-25 RULE KCR-9 RULE KCR-3 RULE HCR-34 RULE KCR-16 RULE HCR-31
// RULE HCR-29:
// a social worker screens a contact through the pages (a refused completion lists every task left
// and keeps the answers), proposes through "check your answers", and a team manager authorises;
// the decision page then shows the decision and the referral made.
TEST_F(WorkflowPagesTest, KCR11_HCR30_KCR10_HCR25_KCR16_HCR31_ScreenProposeAndAuthoriseThroughThePages) {
  const std::int64_t id = NewContact();
  Browser worker(SignedIn(Role::kSocialWorker));

  auto start = worker.Get(Path(id, "/screening"));
  ASSERT_EQ(start.status, 200);
  EXPECT_TRUE(Has(start, "Ava Example and Ben Example"));
  EXPECT_TRUE(Has(start, "FD-"));
  EXPECT_TRUE(Has(start, "Start screening"));
  auto started = worker.Post(Path(id, "/screening/start"), {});
  ASSERT_EQ(started.status, 303) << started.body;
  EXPECT_EQ(started.Header("location"), Path(id, "/screening?started=1"));

  auto list = worker.Get(Path(id, "/screening?started=1"));
  ASSERT_EQ(list.status, 200);
  EXPECT_TRUE(Has(list, "Screening started"));
  EXPECT_TRUE(Has(list, "govuk-task-list"));
  EXPECT_TRUE(Has(list, "Incomplete"));
  EXPECT_FALSE(Has(list, "Start screening"));

  // A partial save, then a refused save: not informed without one of HCR-25's reasons.
  auto partial = worker.Post(Path(id, "/screening"), {{"answers.nature", "Hunger <at> school"}, {"significant_harm", "no"}});
  ASSERT_EQ(partial.status, 303) << partial.body;
  worker.Get(Path(id, "/screening?saved=1"));
  auto refused = worker.Post(Path(id, "/screening"), {{"answers.nature", "Hunger <at> school"},
                                                      {"answers.how_arose", "Typed but refused"},
                                                      {"consent", "not_informed"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Has(refused, "govuk-error-summary"));
  EXPECT_TRUE(Has(refused, "href=\"#not_informed_reason\""));
  EXPECT_TRUE(Has(refused, "choose why (HCR-25)"));
  EXPECT_TRUE(Has(refused, ">Typed but refused</textarea>"));
  EXPECT_TRUE(Has(refused, "value=\"not_informed\" checked"));

  // RULE KCR-11: completing early is refused, listing every unfinished task, each linking to it.
  worker.Get(Path(id, "/screening/check"));
  auto early = worker.Post(Path(id, "/screening/complete"), {});
  EXPECT_EQ(early.status, 422);
  for (const char* task : {"#task-answers-how_arose", "#task-answers-needs", "#task-urgent_action", "#task-record_checks",
                           "#task-consent", "#task-crime_possible"})
    EXPECT_TRUE(Has(early, std::string("href=\"") + task + "\"")) << task;
  EXPECT_FALSE(Has(early, "href=\"#task-answers-nature\"")) << "answered";
  EXPECT_FALSE(Has(early, "href=\"#task-significant_harm\"")) << "answered";
  EXPECT_TRUE(Has(early, "Still to do: Record checks"));
  EXPECT_TRUE(Has(early, ">Hunger &lt;at&gt; school</textarea>")) << "the saved answer is still shown";
  EXPECT_TRUE(Has(early, "id=\"task-record_checks\""));

  ASSERT_EQ(worker.Post(Path(id, "/screening"), ScreeningAnswersTyped()).status, 303);
  worker.Get(Path(id, "/screening"));
  auto checked = worker.Post(Path(id, "/record-checks"), {});
  ASSERT_EQ(checked.status, 303);
  auto with_checks = worker.Get(Path(id, "/screening?checked=1"));
  EXPECT_TRUE(Has(with_checks, "Records checked"));
  EXPECT_TRUE(Has(with_checks, "Not known to children&apos;s services"));

  // RULE KCR-9: an agency check; a time that cannot be read comes back with everything typed.
  Fields bad_time = AgencyCheck(
      {{"agency", "Health visiting"}, {"asked_person", "Jo Nurse"}, {"response", "Known to us; no concerns"}});
  bad_time.back().second = "yesterday";
  auto bad_agency = worker.Post(Path(id, "/agency-checks"), bad_time);
  EXPECT_EQ(bad_agency.status, 422);
  EXPECT_TRUE(Has(bad_agency, "href=\"#asked_at-time\""));
  EXPECT_TRUE(Has(bad_agency, "value=\"yesterday\""));
  EXPECT_TRUE(Has(bad_agency, "value=\"Jo Nurse\""));
  EXPECT_TRUE(Has(bad_agency, ">Known to us; no concerns</textarea>"));
  auto agency = worker.Post(Path(id, "/agency-checks"), AgencyCheck({{"agency", "Health visiting"},
                                                                     {"asked_person", "Jo Nurse"},
                                                                     {"response", "Known to us; no concerns"}}));
  ASSERT_EQ(agency.status, 303) << agency.body;
  EXPECT_TRUE(Has(worker.Get(Path(id, "/screening?agency=1")), "Health visiting"));

  auto check = worker.Get(Path(id, "/screening/check"));
  ASSERT_EQ(check.status, 200);
  EXPECT_TRUE(Has(check, "Check your screening answers"));
  EXPECT_TRUE(Has(check, "Neglect: hunger at school"));
  EXPECT_TRUE(Has(check, "href=\"/contacts/" + std::to_string(id) + "/screening#answers-nature\""));
  EXPECT_TRUE(Has(check, "Parents informed and agreed"));
  auto completed = worker.Post(Path(id, "/screening/complete"), {});
  ASSERT_EQ(completed.status, 303) << completed.body;
  EXPECT_EQ(completed.Header("location"), Path(id, "/decision?screened=1"));

  // RULE KCR-3: propose; leaving Ben out without a reason is refused with the input kept.
  auto propose = worker.Get(Path(id, "/decision?screened=1"));
  ASSERT_EQ(propose.status, 200);
  EXPECT_TRUE(Has(propose, "Screening completed"));
  EXPECT_TRUE(Has(propose, "value=\"child-and-family-assessment\""));
  EXPECT_TRUE(Has(propose, "name=\"children\" type=\"checkbox\" value=\"1\""));
  auto no_reason = worker.Post(Path(id, "/decision/check"), {{"outcome", "child-and-family-assessment"},
                                                             {"children", "0"},
                                                             {"rationale", "Unmet needs at home"},
                                                             {"next_steps", "Assessment by the locality team"}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(Has(no_reason, "href=\"#sibling-reason\""));
  // RULE HCR-34: the case moves to another team, so the response to risk is recorded first.
  EXPECT_TRUE(Has(no_reason, "href=\"#protective-factors\""));
  EXPECT_TRUE(Has(no_reason, ">Unmet needs at home</textarea>"));
  EXPECT_TRUE(Has(no_reason, "value=\"child-and-family-assessment\" checked"));
  // The primary need for the census (issue 9 point 3) is offered in its own words; a value that is
  // not a census code is refused naming the field.
  EXPECT_TRUE(Has(propose, "<option value=\"N4\">N4: Family in acute stress</option>"));
  auto bad_need = worker.Post(Path(id, "/decision/check"), {{"outcome", "no-further-action"},
                                                            {"children", "0"},
                                                            {"children", "1"},
                                                            {"rationale", "Needs met"},
                                                            {"next_steps", "None"},
                                                            {"primary_need", "N12"}});
  EXPECT_EQ(bad_need.status, 422);
  EXPECT_TRUE(Has(bad_need, "href=\"#primary-need\""));
  EXPECT_TRUE(Has(bad_need, "primary need from the list (N0 to N9), or leave it blank")) << bad_need.body;

  const Fields proposal = {{"outcome", "child-and-family-assessment"},
                           {"children", "0"},
                           {"children", "1"},
                           {"rationale", "Unmet needs at home"},
                           {"next_steps", "Assessment by the locality team"},
                           {"protective_factors", "Grandmother nearby; school breakfast club"},
                           {"primary_need", "N4"}};
  auto review = worker.Post(Path(id, "/decision/check"), proposal);
  ASSERT_EQ(review.status, 200) << review.body;
  EXPECT_TRUE(Has(review, "Check your decision"));
  EXPECT_TRUE(Has(review, "Child and Family Assessment"));
  EXPECT_TRUE(Has(review, "Ava Example and Ben Example"));
  EXPECT_TRUE(Has(review, "type=\"hidden\" name=\"rationale\" value=\"Unmet needs at home\""));
  EXPECT_TRUE(Has(review, "N4: Family in acute stress"));
  EXPECT_TRUE(Has(review, "type=\"hidden\" name=\"primary_need\" value=\"N4\""));
  // "Change" brings the form back with the values.
  Fields change = proposal;
  change.push_back({"change", "1"});
  auto changed = worker.Post(Path(id, "/decision/check"), change);
  ASSERT_EQ(changed.status, 200);
  EXPECT_TRUE(Has(changed, ">Unmet needs at home</textarea>"));
  EXPECT_TRUE(Has(changed, "value=\"1\" checked"));
  worker.Post(Path(id, "/decision/check"), proposal);
  auto sent = worker.Post(Path(id, "/decision"), proposal);
  ASSERT_EQ(sent.status, 303) << sent.body;
  EXPECT_EQ(sent.Header("location"), Path(id, "/decision?proposed=1"));
  auto waiting = worker.Get(Path(id, "/decision?proposed=1"));
  EXPECT_TRUE(Has(waiting, "Decision sent for authorisation"));
  EXPECT_TRUE(Has(waiting, "Decision awaiting authorisation"));
  EXPECT_TRUE(Has(waiting, "Test social_worker"));
  EXPECT_FALSE(Has(waiting, "Authorise decision")) << "a social worker does not authorise";

  // RULE KCR-16 RULE HCR-31: a team manager who did not propose it authorises.
  Browser manager(SignedIn(Role::kTeamManager));
  auto to_authorise = manager.Get(Path(id, "/decision"));
  ASSERT_EQ(to_authorise.status, 200);
  EXPECT_TRUE(Has(to_authorise, "Authorise decision"));
  EXPECT_TRUE(Has(to_authorise, "Return with a reason"));
  auto authorised = manager.Post(Path(id, "/decision/authorise"), {});
  ASSERT_EQ(authorised.status, 303) << authorised.body;
  auto decided = manager.Get(Path(id, "/decision?authorised=1"));
  ASSERT_EQ(decided.status, 200);
  EXPECT_TRUE(Has(decided, "Decision authorised"));
  EXPECT_TRUE(Has(decided, "Child and Family Assessment"));
  EXPECT_TRUE(Has(decided, "Test team_manager"));
  EXPECT_TRUE(Has(decided, "Unmet needs at home"));
  EXPECT_TRUE(Has(decided, "Grandmother nearby; school breakfast club"));
  EXPECT_TRUE(Has(decided, "Primary need (Children in Need census)"));
  EXPECT_TRUE(Has(decided, "N4: Family in acute stress"));
  // RULE HCR-29: an assessment outcome makes a referral, shown with its reference.
  EXPECT_TRUE(std::regex_search(decided.body, std::regex("RF-\\d{4}-\\d{6}"))) << decided.body;
  EXPECT_FALSE(Has(decided, "Authorise decision"));
}

// A form sent with the version the user saw before someone else's change is refused with 409, a
// link to reload, and nothing is written.
TEST_F(WorkflowPagesTest, AStaleVersionGets409AndALinkToReload) {
  const std::int64_t id = NewContact();
  Browser worker(SignedIn(Role::kSocialWorker));
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening/start"), {}).status, 303);
  worker.Get(Path(id, "/screening"));
  const std::string seen = VersionOn(worker.last());
  // Someone else saves meanwhile.
  Browser other(SignedIn(Role::kTeamManager));
  other.Get(Path(id, "/screening"));
  ASSERT_EQ(other.Post(Path(id, "/screening"), {{"answers.nature", "Theirs"}}).status, 303);

  auto stale = worker.Post(Path(id, "/screening"), {{"answers.nature", "Mine"}, {"version", seen}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_TRUE(Has(stale, "Someone else changed this contact"));
  EXPECT_TRUE(Has(stale, "href=\"" + Path(id, "/screening") + "\""));
  auto api = worker.api().Get("/api/v1/contacts/" + std::to_string(id) + "/workflow").Json();
  EXPECT_EQ(api.at("screening").at("answers").at("nature"), "Theirs");

  // Starting twice from the same page is a conflict too (the stage moved on).
  EXPECT_EQ(worker.Post(Path(id, "/screening/start"), {{"version", seen}}).status, 409);
  // A form without its version is refused outright.
  auto no_version = worker.api().Send("POST", Path(id, "/screening"),
                                      FormBody({{"csrf_token", worker.api().csrf_token}, {"answers.nature", "x"}}), kFormHeaders);
  EXPECT_EQ(no_version.status, 400);
}

// A form refused because the contact changed meanwhile (409) comes back as the same page with
// everything typed kept, what was saved meanwhile shown beside it, and the form carrying the version
// now stored, so sending it again is a deliberate choice that works; a form the page no longer offers
// has its entries listed instead.
TEST_F(WorkflowPagesTest, AConflictKeepsEverythingTypedAndOffersTheNewVersion) {
  const std::int64_t id = NewContact();
  Browser worker(SignedIn(Role::kSocialWorker));
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening/start"), {}).status, 303);
  Browser manager(SignedIn(Role::kTeamManager));
  manager.Get(Path(id, "/screening"));
  const std::string seen = VersionOn(manager.last());
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening"), {{"answers.nature", "Worker saw hunger"}}).status, 303);

  // The manager, still on the old version, sends answers.
  auto stale = manager.Post(Path(id, "/screening"), {{"answers.nature", "Manager typed this at length"},
                                                     {"answers.needs", "Breakfast club and a visit"},
                                                     {"significant_harm", "not_known"}});
  ASSERT_EQ(stale.status, 409);
  EXPECT_TRUE(Has(stale, "Someone else changed this contact"));
  EXPECT_TRUE(Has(stale, "href=\"" + Path(id, "/screening") + "\"")) << "a link to reload";
  EXPECT_TRUE(Has(stale, "href=\"#answers\"")) << "the summary links to the kept form";
  EXPECT_TRUE(Has(stale, ">Manager typed this at length</textarea>"));
  EXPECT_TRUE(Has(stale, ">Breakfast club and a visit</textarea>"));
  EXPECT_TRUE(Has(stale, "value=\"not_known\" checked"));
  EXPECT_TRUE(Has(stale, "Saved meanwhile by someone else: Worker saw hunger"));
  const std::string now = VersionOn(stale.body);
  EXPECT_EQ(now, std::to_string(std::stoll(seen) + 1)) << "the form carries the version now stored";
  auto api = manager.api().Get("/api/v1/contacts/" + std::to_string(id) + "/workflow").Json();
  EXPECT_EQ(api.at("screening").at("answers").at("nature"), "Worker saw hunger") << "nothing of theirs was written";
  // Sending the kept form again is deliberate, and is saved.
  auto again = manager.Post(Path(id, "/screening"), {{"answers.nature", "Manager typed this at length"}, {"version", now}});
  ASSERT_EQ(again.status, 303) << again.body;

  // Agency check and police notification: the entries are kept in their forms.
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening"), {{"consent", "informed_agreed"}, {"crime_possible", "yes"}}).status, 303);
  manager.Get(Path(id, "/screening"));
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/record-checks"), {}).status, 303);
  auto agency = manager.Post(Path(id, "/agency-checks"),
                             AgencyCheck({{"agency", "Health visiting"},
                                          {"asked_person", "Jo Nurse"},
                                          {"response", "Known to us; two missed appointments"}}));
  ASSERT_EQ(agency.status, 409);
  EXPECT_TRUE(Has(agency, "value=\"Jo Nurse\""));
  EXPECT_TRUE(Has(agency, ">Known to us; two missed appointments</textarea>"));
  EXPECT_TRUE(Has(agency, "href=\"#agency-checks\""));
  auto police = manager.Post(Path(id, "/police-notification"), {{"police_reference", "HC-9001"}, {"note", "Told the MASH desk"}});
  ASSERT_EQ(police.status, 409);
  EXPECT_TRUE(Has(police, "value=\"HC-9001\""));
  EXPECT_TRUE(Has(police, ">Told the MASH desk</textarea>"));

  // The decision: a proposal checked against a contact returned meanwhile keeps its text.
  const std::int64_t other = NewContact();
  ScreenOverApi(worker.api(), other);
  Browser proposer(SignedIn(Role::kSocialWorker));
  proposer.Get(Path(other, "/decision"));
  ProposeOverApi(manager.api(), other, "no-further-action");
  const std::string api_other = "/api/v1/contacts/" + std::to_string(other);
  ASSERT_EQ(PostWithVersion(manager.api(), api_other + "/decision/return", {{"reason", "Reconsider"}},
                            manager.api().Get(api_other).Json().at("version"))
                .status,
            200);
  // Sent back, screening reopened (KCR-16); completed again, a proposal can be made once more.
  ASSERT_EQ(PostWithVersion(manager.api(), api_other + "/screening/complete", json::object(),
                            manager.api().Get(api_other).Json().at("version"))
                .status,
            200);
  const Fields proposal = {{"outcome", "families-first"},
                           {"children", "0"},
                           {"children", "1"},
                           {"rationale", "Typed rationale kept"},
                           {"next_steps", "Typed next steps kept"}};
  auto checked = proposer.Post(Path(other, "/decision/check"), proposal);
  ASSERT_EQ(checked.status, 409);
  EXPECT_TRUE(Has(checked, ">Typed rationale kept</textarea>"));
  EXPECT_TRUE(Has(checked, ">Typed next steps kept</textarea>"));
  EXPECT_TRUE(Has(checked, "value=\"families-first\" checked"));
  EXPECT_EQ(VersionOn(checked.body), ApiVersion(proposer.api(), other));
  // The proposal sent from "check your answers" after someone else proposed: the form is gone, so the
  // entries are listed.
  proposer.Get(Path(other, "/decision"));
  Fields stale_proposal = proposal;
  stale_proposal.push_back({"version", VersionOn(proposer.last())});
  ProposeOverApi(manager.api(), other, "no-further-action");
  auto sent = proposer.Post(Path(other, "/decision"), stale_proposal);
  ASSERT_EQ(sent.status, 409);
  EXPECT_TRUE(Has(sent, "id=\"not-saved\""));
  EXPECT_TRUE(Has(sent, "Reasons for the decision"));
  EXPECT_TRUE(Has(sent, "Typed rationale kept"));
  EXPECT_TRUE(Has(sent, "Typed next steps kept"));

  // The manager's return reason, sent after the contact changed meanwhile.
  const std::int64_t third = NewContact();
  ScreenOverApi(worker.api(), third);
  ProposeOverApi(worker.api(), third, "no-further-action");
  Browser returner(SignedIn(Role::kTeamManager));
  returner.Get(Path(third, "/decision"));
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("UPDATE contacts SET version = version + 1 WHERE id = ?", {third});
    tx->Commit();
  }
  auto returned = returner.Post(Path(third, "/decision/return"), {{"reason", "Please add the father's view"}});
  ASSERT_EQ(returned.status, 409);
  EXPECT_TRUE(Has(returned, ">Please add the father&apos;s view</textarea>"));
  EXPECT_TRUE(Has(returned, "href=\"#return-reason\""));
  EXPECT_EQ(VersionOn(returned.body), ApiVersion(returner.api(), third));
}

// Issue 12: every link of the error summary of "Send a check to a partner agency" goes to an input
// of the form (the lawful basis's select is "check-lawful-basis").
TEST_F(WorkflowPagesTest, EveryErrorOfTheCheckRequestFormLinksToItsInput) {
  const std::int64_t id = NewContact();
  Browser worker(SignedIn(Role::kSocialWorker));
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening/start"), {}).status, 303);
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening"), {{"consent", "informed_agreed"}}).status, 303);
  ASSERT_TRUE(Has(worker.Get(Path(id, "/screening")), "Send check"));
  auto refused = worker.Post(Path(id, "/agency-check-requests"), {{"urgency", ""}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  const auto summary_start = refused.body.find("govuk-error-summary__list");
  const auto summary_end = refused.body.find("</ul>", summary_start);
  ASSERT_NE(summary_end, std::string::npos);
  const std::string summary = refused.body.substr(summary_start, summary_end - summary_start);
  std::set<std::string> targets;
  const std::regex href("href=\"#([^\"]+)\"");
  for (auto it = std::sregex_iterator(summary.begin(), summary.end(), href); it != std::sregex_iterator(); ++it)
    targets.insert((*it)[1].str());
  EXPECT_EQ(targets, (std::set<std::string>{"check-agency", "check-children", "check-question", "check-lawful-basis",
                                            "check-urgency"}));
  for (const auto& target : targets) EXPECT_TRUE(Has(refused, "id=\"" + target + "\"")) << target;
}

// Issue 12: "Send check" pressed twice, or sent again with the browser's back button, asks the agency
// once and opens one deadline; the second is refused saying it was already sent, with a link to it.
// A different question to the same agency is sent.
TEST_F(WorkflowPagesTest, SendingTheSameCheckTwiceSendsItOnce) {
  const std::int64_t id = NewContact();
  Browser worker(SignedIn(Role::kSocialWorker));
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening/start"), {}).status, 303);
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening"), {{"consent", "informed_agreed"}}).status, 303);
  worker.Get(Path(id, "/screening"));
  const Fields check = {{"agency", "police"},
                        {"children", "0"},
                        {"children", "1"},
                        {"question", "Any call-outs to this address this year?"},
                        {"lawful_basis", "consent"},
                        {"urgency", "standard"}};
  auto first = worker.Post(Path(id, "/agency-check-requests"), check);
  ASSERT_EQ(first.status, 303) << first.body;
  auto second = worker.Post(Path(id, "/agency-check-requests"), check);  // the same page, the same form
  EXPECT_EQ(second.status, 409);
  EXPECT_TRUE(Has(second, "already sent to")) << second.body;
  // Review finding 8: said as done, with a link to it, not as a change to send again.
  EXPECT_TRUE(Has(second, "Already done")) << second.body;
  EXPECT_TRUE(Has(second, "href=\"" + Path(id, "/screening#check-requests") + "\""));
  EXPECT_FALSE(Has(second, "send it again")) << second.body;

  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  EXPECT_EQ(worker.api().Get(api + "/workflow").Json().at("agency_check_requests").size(), 1u);
  auto deadlines = [&] {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM deadlines WHERE record_type = 'contact' AND record_id = ? AND "
                     "timescale = 'agency-check-standard'",
                     {id})
        .at(0)
        .Int(0);
  };
  EXPECT_EQ(deadlines(), 1);

  Fields other = check;
  other[3].second = "Is the family known to the domestic abuse unit?";
  ASSERT_EQ(worker.Post(Path(id, "/agency-check-requests"), other).status, 303);
  EXPECT_EQ(worker.api().Get(api + "/workflow").Json().at("agency_check_requests").size(), 2u);
  EXPECT_EQ(deadlines(), 2);
}

// Completing the screening, proposing and authorising, each sent twice by the same user from the same
// page (a double click, the back button), show the step's result with its banner the second time, not
// a conflict with themselves; each is done once. Over the API the second is still 409, saying the
// user did it.
TEST_F(WorkflowPagesTest, SendingYourOwnStepTwiceShowsItsResult) {
  const std::int64_t id = NewContact();
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  Browser worker(SignedIn(Role::kSocialWorker));
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening/start"), {}).status, 303);
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening"), ScreeningAnswersTyped()).status, 303);
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/record-checks"), {}).status, 303);

  worker.Get(Path(id, "/screening/check"));
  const std::string before_complete = VersionOn(worker.last());
  ASSERT_EQ(worker.Post(Path(id, "/screening/complete"), {}).status, 303);
  auto again = worker.Post(Path(id, "/screening/complete"), {});
  ASSERT_EQ(again.status, 303) << again.body;
  EXPECT_EQ(again.Header("location"), Path(id, "/decision?screened=1"));
  auto repeated = worker.api().SendJson("POST", api + "/screening/complete", {{"version", std::stoll(before_complete)}});
  EXPECT_EQ(repeated.status, 409);
  EXPECT_EQ(repeated.body.find("Someone else"), std::string::npos) << repeated.body;
  EXPECT_NE(repeated.body.find("You have already completed this screening"), std::string::npos) << repeated.body;

  worker.Get(Path(id, "/decision"));
  const Fields proposal = {{"outcome", "families-first"}, {"children", "0"}, {"children", "1"},
                           {"rationale", "Needs support"}, {"next_steps", "Families First to visit"}};
  ASSERT_EQ(worker.Post(Path(id, "/decision/check"), proposal).status, 200);
  const std::string before_propose = VersionOn(worker.last());
  ASSERT_EQ(worker.Post(Path(id, "/decision"), proposal).status, 303);
  auto proposed_again = worker.Post(Path(id, "/decision"), proposal);
  ASSERT_EQ(proposed_again.status, 303) << proposed_again.body;
  EXPECT_EQ(proposed_again.Header("location"), Path(id, "/decision?proposed=1"));
  EXPECT_TRUE(Has(worker.Get(Path(id, "/decision?proposed=1")), "Decision sent for authorisation"));
  EXPECT_EQ(worker.api().Get(api + "/workflow").Json().at("decisions").size(), 1u) << "proposed once";

  Browser manager(SignedIn(Role::kTeamManager));
  manager.Get(Path(id, "/decision"));
  const std::string before_authorise = VersionOn(manager.last());
  ASSERT_EQ(manager.Post(Path(id, "/decision/authorise"), {}).status, 303);
  auto authorised_again = manager.Post(Path(id, "/decision/authorise"), {});
  ASSERT_EQ(authorised_again.status, 303) << authorised_again.body;
  EXPECT_EQ(authorised_again.Header("location"), Path(id, "/decision?authorised=1"));
  auto repeated_api =
      manager.api().SendJson("POST", api + "/decision/authorise", {{"version", std::stoll(before_authorise)}});
  EXPECT_EQ(repeated_api.status, 409);
  EXPECT_NE(repeated_api.body.find("You have already authorised this decision"), std::string::npos) << repeated_api.body;
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.decision_authorised' AND record_id = ?",
                        {std::to_string(id)})
                  .at(0)
                  .Int(0),
              1);
  }

  // Someone else's step is still a conflict with them: the worker's old page, after the manager's
  // authorisation, gets 409 naming someone else.
  Fields old_page = proposal;
  old_page.push_back({"version", before_propose});
  auto other = worker.Post(Path(id, "/decision"), old_page);
  EXPECT_EQ(other.status, 409);
  EXPECT_TRUE(Has(other, "Someone else changed this contact"));
}

// RULE KCR-16 RULE HCR-31: the manager who proposed a decision is told another manager must
// authorise it, sees no Authorise button, and a hand-made authorise is refused (403).
TEST_F(WorkflowPagesTest, KCR16_HCR31_TheProposingManagerCannotAuthorise) {
  const std::int64_t id = NewContact();
  Browser manager(SignedIn(Role::kTeamManager));
  ScreenOverApi(manager.api(), id);
  ProposeOverApi(manager.api(), id, "families-first");

  auto page = manager.Get(Path(id, "/decision"));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, "another team manager must authorise it"));
  EXPECT_FALSE(Has(page, "Authorise decision"));
  auto refused = manager.Post(Path(id, "/decision/authorise"), {{"version", ApiVersion(manager.api(), id)}});
  EXPECT_EQ(refused.status, 403);
  EXPECT_TRUE(Has(refused, "another manager must authorise it"));
  // A social worker may not authorise at all.
  Browser worker(SignedIn(Role::kSocialWorker));
  worker.Get(Path(id, "/decision"));
  EXPECT_EQ(worker.Post(Path(id, "/decision/authorise"), {{"version", ApiVersion(worker.api(), id)}}).status, 403);
  EXPECT_EQ(worker.api().Get("/api/v1/contacts/" + std::to_string(id)).Json().at("state"), "proposed");
}

// RULE KCR-16: a manager returns a proposal with a reason (a missing reason is refused with 422);
// screening reopens and the proposer sees "Sent back by NAME: reason" on the contact and screening
// pages, works on it (an agency check through the page), completes the screening again and finds
// the returned values in the form to put right.
TEST_F(WorkflowPagesTest, KCR16_AReturnedProposalComesBackWithTheReason) {
  const std::int64_t id = NewContact();
  Browser worker(SignedIn(Role::kSocialWorker));
  ScreenOverApi(worker.api(), id);
  ProposeOverApi(worker.api(), id, "no-further-action");

  Browser manager(SignedIn(Role::kTeamManager));
  const std::string manager_name = manager.api().Get("/api/v1/session").Json().at("user").at("name");
  manager.Get(Path(id, "/decision"));
  auto no_reason = manager.Post(Path(id, "/decision/return"), {{"reason", "  "}});
  EXPECT_EQ(no_reason.status, 422);
  EXPECT_TRUE(Has(no_reason, "href=\"#return-reason\""));
  ASSERT_EQ(manager.Post(Path(id, "/decision/return"), {{"reason", "Consider Families First"}}).status, 303);
  EXPECT_TRUE(Has(manager.Get(Path(id, "/decision?returned=1")), "Proposal returned"));

  const std::string sent_back =
      "<strong>Sent back by " + manager_name +
      ":</strong> <span class=\"app-preserve-lines\">Consider Families First</span>";
  auto contact = worker.Get(Path(id));
  ASSERT_EQ(contact.status, 200);
  EXPECT_TRUE(Has(contact, "Stage: <strong>Being screened</strong>"));
  EXPECT_TRUE(Has(contact, sent_back)) << contact.body;
  EXPECT_TRUE(Has(contact, "Continue screening"));
  auto home = worker.Get("/");
  EXPECT_TRUE(Has(home, "your proposed decision was sent back by " + manager_name)) << home.body;
  auto screening = worker.Get(Path(id, "/screening"));
  ASSERT_EQ(screening.status, 200);
  EXPECT_TRUE(Has(screening, sent_back));
  EXPECT_TRUE(Has(screening, "Screening is open again"));
  auto agency =
      worker.Post(Path(id, "/agency-checks"), AgencyCheck({{"agency", "Health visiting"},
                                                           {"asked_person", "Jo Nurse"},
                                                           {"response", "Known to us; two missed appointments"}}));
  ASSERT_EQ(agency.status, 303) << agency.body;
  auto not_yet = worker.Get(Path(id, "/decision"));
  EXPECT_TRUE(Has(not_yet, "A decision is proposed once the screening is complete"));
  EXPECT_TRUE(Has(not_yet, "Consider Families First")) << "the reason is on the decision page too";
  worker.Get(Path(id, "/screening/check"));
  auto completed = worker.Post(Path(id, "/screening/complete"), {});
  ASSERT_EQ(completed.status, 303) << completed.body;

  auto again = worker.Get(Path(id, "/decision"));
  ASSERT_EQ(again.status, 200);
  EXPECT_TRUE(Has(again, "Propose a decision"));
  EXPECT_TRUE(Has(again, "Consider Families First"));
  EXPECT_TRUE(Has(again, "value=\"no-further-action\" checked"));
  EXPECT_TRUE(Has(again, ">Needs are met with support.</textarea>"));
}

// RULE KCR-15 RULE HCR-26 RULE HCR-25: with the parents not informed, agencies are not asked until a
// team manager authorises sharing without their knowledge, with reasons.
TEST_F(WorkflowPagesTest, KCR15_HCR26_AManagerAuthorisesSharingBeforeAgenciesAreAsked) {
  const std::int64_t id = NewContact();
  Browser worker(SignedIn(Role::kSocialWorker));
  ScreenOverApi(worker.api(), id, "not_informed");
  auto blocked = worker.Get(Path(id, "/screening"));
  ASSERT_EQ(blocked.status, 200);
  EXPECT_TRUE(Has(blocked, "a team manager must authorise sharing"));
  EXPECT_FALSE(Has(blocked, "Record agency check"));
  EXPECT_FALSE(Has(blocked, "Authorise sharing"));
  EXPECT_TRUE(Has(blocked, "id=\"task-sharing_authorisation\""));
  // Nor is a check to a partner agency offered, on any basis; sent by hand, it is refused and says
  // what to do.
  EXPECT_FALSE(Has(blocked, "id=\"check-request-form\""));
  EXPECT_TRUE(Has(blocked, "ask a team manager to authorise it"));
  auto sent = worker.Post(Path(id, "/agency-check-requests"), {{"agency", "health"},
                                                                {"children", "0"},
                                                                {"question", "Any concerns known to the GP?"},
                                                                {"lawful_basis", "section-17"},
                                                                {"urgency", "standard"}});
  EXPECT_EQ(sent.status, 403);
  EXPECT_TRUE(Has(sent, "Ask a team manager to authorise it")) << sent.body;

  Browser manager(SignedIn(Role::kTeamManager));
  auto form = manager.Get(Path(id, "/screening"));
  EXPECT_TRUE(Has(form, "Authorise sharing"));
  EXPECT_TRUE(Has(form, "risks the loss of evidence"));
  auto empty = manager.Post(Path(id, "/sharing-authorisation"), {{"reason", ""}});
  EXPECT_EQ(empty.status, 422);
  EXPECT_TRUE(Has(empty, "href=\"#sharing-reason\""));
  ASSERT_EQ(manager.Post(Path(id, "/sharing-authorisation"), {{"reason", "Evidence would be lost"}}).status, 303);

  auto open = worker.Get(Path(id, "/screening"));
  EXPECT_TRUE(Has(open, "Evidence would be lost"));
  EXPECT_TRUE(Has(open, "Record agency check"));
  EXPECT_TRUE(Has(open, "id=\"check-request-form\""));
}

// RULE KCR-13 RULE HCR-28: "a crime may have been committed" adds the police notification task
// and its form; recording it completes the task.
TEST_F(WorkflowPagesTest, KCR13_HCR28_APossibleCrimeAsksForThePoliceToBeTold) {
  const std::int64_t id = NewContact();
  Browser worker(SignedIn(Role::kSocialWorker));
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening/start"), {}).status, 303);
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening"), {{"crime_possible", "yes"}}).status, 303);
  auto page = worker.Get(Path(id, "/screening"));
  EXPECT_TRUE(Has(page, "id=\"task-police_notification\""));
  EXPECT_TRUE(Has(page, "the police must be told at once"));
  ASSERT_EQ(worker.Post(Path(id, "/police-notification"), {{"police_reference", "HC-4471"}, {"note", "Told the MASH desk"}})
                .status,
            303);
  auto after = worker.Get(Path(id, "/screening?police=1"));
  EXPECT_TRUE(Has(after, "Police notification recorded"));
  EXPECT_TRUE(Has(after, "reference HC-4471"));
  EXPECT_FALSE(Has(after, "Record that the police were told"));
}

// RULE KCR-6: a contact recorded without the household questions (the referrer was not asked) is
// screened to completion once the worker records the answers on the screening page, with the intake
// form's radios; the task links to them, and a wrong answer comes back named with everything kept.
TEST_F(WorkflowPagesTest, KCR6_TheHouseholdQuestionsAreAnsweredOnTheScreeningPage) {
  json body = SchoolContact();
  body["intake"] = {{"channel", "phone"}};
  auto created = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", body);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  Browser worker(SignedIn(Role::kSocialWorker));
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening/start"), {}).status, 303);
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/screening"), ScreeningAnswersTyped()).status, 303);
  worker.Get(Path(id, "/screening"));
  ASSERT_EQ(worker.Post(Path(id, "/record-checks"), {}).status, 303);

  auto page = worker.Get(Path(id, "/screening"));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, "id=\"task-household\" href=\"#household\"")) << "the task links to its questions";
  EXPECT_TRUE(Has(page, "id=\"household\""));
  EXPECT_FALSE(Has(page, "govuk-form-group--error")) << "no question shows an error before one is sent";
  EXPECT_TRUE(Has(page, "id=\"household-domestic_abuse\" name=\"household-domestic_abuse\" type=\"radio\" value=\"yes\""));
  worker.Get(Path(id, "/screening/check"));
  auto early = worker.Post(Path(id, "/screening/complete"), {});
  EXPECT_EQ(early.status, 422);
  EXPECT_TRUE(Has(early, "href=\"#task-household\""));

  worker.Get(Path(id, "/screening"));
  Fields wrong = ScreeningAnswersTyped();
  wrong.push_back({"household-domestic_abuse", "maybe"});
  wrong.push_back({"household-mental_illness", "no"});
  auto refused = worker.Post(Path(id, "/screening"), wrong);
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(Has(refused, "href=\"#household-domestic_abuse\""));
  EXPECT_TRUE(Has(refused, "Answer &apos;Domestic abuse in the household&apos; with yes, no or not known")) << refused.body;
  EXPECT_TRUE(Has(refused, "name=\"household-mental_illness\" type=\"radio\" value=\"no\" checked"));

  Fields answered = ScreeningAnswersTyped();
  for (const char* q : {"domestic_abuse", "mental_illness", "substance_misuse", "learning_difficulties"})
    answered.push_back({std::string("household-") + q, "not_known"});
  answered[0].second = "Neglect: hunger at school (household asked)";
  ASSERT_EQ(worker.Post(Path(id, "/screening"), answered).status, 303);
  auto saved = worker.Get(Path(id, "/screening?saved=1"));
  EXPECT_TRUE(Has(saved, "name=\"household-learning_difficulties\" type=\"radio\" value=\"not_known\" checked"));
  auto check = worker.Get(Path(id, "/screening/check"));
  EXPECT_TRUE(Has(check, "All four asked of the referrer"));
  auto completed = worker.Post(Path(id, "/screening/complete"), {});
  ASSERT_EQ(completed.status, 303) << completed.body;
  EXPECT_EQ(completed.Header("location"), Path(id, "/decision?screened=1"));
  auto contact = worker.api().Get("/api/v1/contacts/" + std::to_string(id)).Json();
  EXPECT_EQ(contact.at("intake").at("household").at("substance_misuse"), "not_known");
}

// Who sees what: a contact officer may look but gets no forms; an analyst may not look (403); an
// unknown contact is 404; posting as a contact officer is refused (403).
TEST_F(WorkflowPagesTest, RolesThatMayNotScreenSeeNoFormsAndAreRefused) {
  const std::int64_t id = NewContact();
  Browser officer(SignedIn(Role::kContactOfficer));
  auto page = officer.Get(Path(id, "/screening"));
  ASSERT_EQ(page.status, 200);
  EXPECT_FALSE(Has(page, "Start screening</button>"));
  EXPECT_EQ(officer.Post(Path(id, "/screening/start"), {{"version", ApiVersion(officer.api(), id)}}).status, 403);
  EXPECT_EQ(SignedIn(Role::kAnalyst).Get(Path(id, "/screening")).status, 403);
  EXPECT_EQ(SignedIn(Role::kAnalyst).Get(Path(id, "/decision")).status, 403);
  EXPECT_EQ(officer.Get(Path(999999, "/screening")).status, 404);
  EXPECT_EQ(officer.Get("/contacts/abc/decision").status, 404);
  auto decision = officer.Get(Path(id, "/decision"));
  EXPECT_EQ(decision.status, 200);
  EXPECT_TRUE(Has(decision, "once the screening is complete"));
}

// The links the contact page will show: by stage and by who is looking (KCR-16: the proposer is
// not offered "Authorise").
TEST(WorkflowLinks, KCR16_LinksFollowTheStageAndWhoIsLooking) {
  app::WorkflowView v;
  v.contact.id = 7;
  auto links = [&](Role role, std::int64_t user_id) {
    web::Data d = web::Object();
    web::AddWorkflowLinks(v, app::Actor{user_id, "u", "U", role, std::nullopt}, d);
    auto text = [&](const char* key) { return d.get(key) ? d.get(key)->string_value() : std::string("-"); };
    return text("workflow_state") + "|" + text("screening_link") + "|" + text("screening_link_text") + "|" +
           text("decision_link") + "|" + text("decision_link_text");
  };
  v.contact.state = "received";
  EXPECT_EQ(links(Role::kSocialWorker, 1), "Received|/contacts/7/screening|Start screening|-|-");
  EXPECT_EQ(links(Role::kContactOfficer, 1), "Received|-|-|-|-");
  v.contact.state = "screened";
  EXPECT_EQ(links(Role::kSocialWorker, 1),
            "Screened|/contacts/7/screening|View screening|/contacts/7/decision|Propose a decision");
  v.contact.state = "proposed";
  Decision proposed;
  proposed.proposed_by = 5;
  v.decisions.push_back(proposed);
  EXPECT_EQ(links(Role::kTeamManager, 6), "Decision awaiting authorisation|/contacts/7/screening|View screening|"
                                          "/contacts/7/decision|Authorise the decision");
  EXPECT_EQ(links(Role::kTeamManager, 5), "Decision awaiting authorisation|/contacts/7/screening|View screening|"
                                          "/contacts/7/decision|View the proposed decision");
  v.contact.state = "routed";
  EXPECT_EQ(links(Role::kSocialWorker, 1), "Passed on|-|-|-|-");
}

// RULE KCR-16: the queue page lists, on request, only the contacts whose proposed decision awaits a
// manager's authorisation.
TEST_F(WorkflowPagesTest, KCR16_TheQueuePageShowsTheDecisionsAwaitingAuthorisation) {
  const std::int64_t waiting = NewContact();
  const std::int64_t proposed = NewContact();
  Browser worker(SignedIn(Role::kSocialWorker));
  ScreenOverApi(worker.api(), proposed);
  ProposeOverApi(worker.api(), proposed, "no-further-action");
  Browser manager(SignedIn(Role::kTeamManager));
  const std::string queue = manager.api()
                                .Get("/api/v1/contacts/" + std::to_string(waiting))
                                .Json()
                                .at("queue");  // out-of-hours at night
  auto all = manager.Get("/contacts?queue=" + queue);
  ASSERT_EQ(all.status, 200);
  EXPECT_TRUE(Has(all, "href=\"/contacts?queue=" + queue + "&amp;awaiting=authorisation\"")) << all.body;
  EXPECT_TRUE(Has(all, "Show decisions awaiting authorisation only"));
  EXPECT_TRUE(Has(all, "href=\"/contacts/" + std::to_string(waiting) + "\""));
  auto awaiting = manager.Get("/contacts?queue=" + queue + "&awaiting=authorisation");
  ASSERT_EQ(awaiting.status, 200);
  EXPECT_TRUE(Has(awaiting, "1 awaiting authorisation")) << awaiting.body;
  EXPECT_TRUE(Has(awaiting, "Showing decisions awaiting authorisation only"));
  EXPECT_TRUE(Has(awaiting, "href=\"/contacts/" + std::to_string(proposed) + "\""));
  EXPECT_FALSE(Has(awaiting, "href=\"/contacts/" + std::to_string(waiting) + "\""));
}

}  // namespace
}  // namespace fd::testing
