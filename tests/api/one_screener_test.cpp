// The social worker review's findings 8, 4, 9 and 2 (28 November 2026), over the API and the pages
// (Hertfordshire pack):
//  8. a form sent twice by the same user (back button, refresh, double click) is said to be already
//     done, when, with a link, and is recorded once; a refusal that is not the contact changing (the
//     consent basis, a check already sent) says its own words, never "someone else changed… send it
//     again";
//  4. whoever started screening an unallocated contact holds it: another worker is refused, naming
//     them, and the pages say who holds it; a team manager goes on and can allocate it;
//  9. the contacts a worker screens (allocated to them, or started by them) are a queue of theirs;
//  2. HCR-9: a returned red form no e-mail may carry (KCR-5) says so and is a call to make, recorded
//     as a verbal acknowledgement (HCR-22).
#include <set>

#include "api_fixture.h"
#include "calendar/local_time.h"
#include "colleagues.h"
#include "page_forms.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

// An agency asked this minute, local time: not before the contact came in, nor in the future.
std::string AskedNow() {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return calendar::FormatLocalIso(now).substr(0, 16);
}

class OneScreener : public ApiTest {
 protected:
  // Wren works the Front Door beside the fixture's social worker ("Test social_worker").
  void SetUp() override {
    ApiTest::SetUp();
    std::map<std::string, std::int64_t> ids;
    ASSERT_NO_FATAL_FAILURE(
        AddColleagues(*ctx_, {{"wren", "Wren Worker", Role::kSocialWorker, "Front Door"}}, ids));
  }

  HttpClient SignedInAs(const std::string& username) {
    HttpClient client(service_->port());
    auto reply = client.SignIn(username, kTestPassword);
    EXPECT_EQ(reply.status, 201) << reply.body;
    return client;
  }

  std::int64_t NewContact(const json& body = ScreenableSchoolContact()) {
    auto created = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", body);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", std::int64_t{0});
  }

  static std::int64_t VersionOf(HttpClient& client, std::int64_t id) {
    return client.Get("/api/v1/contacts/" + std::to_string(id)).Json().at("version").get<std::int64_t>();
  }

  std::int64_t AuditCount(const std::string& action, std::int64_t id) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ? AND record_id = ?", {action, std::to_string(id)})
        .at(0)
        .Int(0);
  }

  // Started by `worker`, the parents recorded as `consent`; returns the version after.
  std::int64_t StartedWith(HttpClient& worker, std::int64_t id, const std::string& consent) {
    const std::string base = "/api/v1/contacts/" + std::to_string(id);
    auto started = PostWithVersion(worker, base + "/screening/start", json::object(), VersionOf(worker, id));
    EXPECT_EQ(started.status, 200) << started.body;
    auto saved = worker.SendJson("PUT", base + "/screening",
                                 {{"consent", consent}, {"version", started.Json().at("version")}});
    EXPECT_EQ(saved.status, 200) << saved.body;
    return saved.Json().at("version").get<std::int64_t>();
  }
};

std::string Path(std::int64_t id, const std::string& rest) { return "/contacts/" + std::to_string(id) + rest; }

// RULE KCR-9 RULE KCR-10 RULE KCR-11: "Record agency check", "Save answers" and "Check records" sent
// twice from the same page are each recorded once; the second send says the user already did it,
// when, and links to it, on the page and over the API, and never tells them to send it again.
TEST_F(OneScreener, KCR9_KCR10_KCR11_AFormSentTwiceByItsUserIsSaidDoneAndRecordedOnce) {
  const std::int64_t id = NewContact();
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  auto worker = SignedIn(Role::kSocialWorker);
  std::int64_t version = StartedWith(worker, id, "informed_agreed");

  // The agency check, from the page, twice: the back button and the form sent again.
  const std::string asked = AskedNow();
  const Fields check = {{"agency", "Kent Police"},
                        {"asked_person", "PC Jo Bloggs"},
                        {"asked_at-day", std::to_string(std::stoi(asked.substr(8, 2)))},
                        {"asked_at-month", std::to_string(std::stoi(asked.substr(5, 2)))},
                        {"asked_at-year", asked.substr(0, 4)},
                        {"asked_at-time", asked.substr(11, 5)},
                        {"response", "One call-out in 2025"},
                        {"version", std::to_string(version)}};
  auto first = SendForm(worker, Path(id, "/agency-checks"), check);
  ASSERT_EQ(first.status, 303) << first.body;
  auto again = SendForm(worker, Path(id, "/agency-checks"), check);
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_TRUE(Has(again, "Already done")) << again.body;
  EXPECT_TRUE(Has(again, "You already recorded this agency check at ")) << again.body;
  EXPECT_TRUE(Has(again, "href=\"" + Path(id, "/screening#agency-checks") + "\"")) << again.body;
  EXPECT_FALSE(Has(again, "Someone else changed")) << again.body;
  EXPECT_FALSE(Has(again, "send it again")) << again.body;
  EXPECT_FALSE(Has(again, "will be lost")) << again.body;
  // The same again over the API, with the version the page had: the same answer, nothing written.
  auto api_again = PostWithVersion(worker, api + "/agency-checks",
                                   {{"agency", "Kent Police"},
                                    {"asked_person", "PC Jo Bloggs"},
                                    {"asked_at", asked},
                                    {"response", "One call-out in 2025"}},
                                   version);
  EXPECT_EQ(api_again.status, 409) << api_again.body;
  EXPECT_NE(api_again.body.find("You already recorded this agency check"), std::string::npos) << api_again.body;
  EXPECT_EQ(worker.Get(api + "/workflow").Json().at("agency_checks").size(), 1u) << "recorded once";
  EXPECT_EQ(AuditCount("contact.agency_check", id), 1);

  // Saving answers twice: the page and the API say they were already saved.
  version = VersionOf(worker, id);
  const Fields answers = {{"answers.nature", "Hungry three days running"}, {"version", std::to_string(version)}};
  ASSERT_EQ(SendForm(worker, Path(id, "/screening"), answers).status, 303);
  auto saved_again = SendForm(worker, Path(id, "/screening"), answers);
  EXPECT_EQ(saved_again.status, 409);
  EXPECT_TRUE(Has(saved_again, "You already saved these screening answers at ")) << saved_again.body;
  EXPECT_TRUE(Has(saved_again, "href=\"" + Path(id, "/screening/check") + "\"")) << saved_again.body;
  EXPECT_FALSE(Has(saved_again, "Someone else changed")) << saved_again.body;
  auto put_again = worker.SendJson("PUT", api + "/screening",
                                   {{"answers", {{"nature", "Hungry three days running"}}}, {"version", version}});
  EXPECT_EQ(put_again.status, 409);
  EXPECT_NE(put_again.body.find("You already saved these screening answers"), std::string::npos) << put_again.body;

  // The record checks twice over the API.
  version = VersionOf(worker, id);
  ASSERT_EQ(PostWithVersion(worker, api + "/record-checks", json::object(), version).status, 200);
  auto checked_again = PostWithVersion(worker, api + "/record-checks", json::object(), version);
  EXPECT_EQ(checked_again.status, 409);
  EXPECT_NE(checked_again.body.find("You already ran the record checks"), std::string::npos) << checked_again.body;
  EXPECT_EQ(AuditCount("contact.record_checks", id), 1);

  // Someone else's change since is still theirs: a manager saves, the worker's old form is refused so.
  version = VersionOf(worker, id);
  auto manager = SignedIn(Role::kTeamManager);
  ASSERT_EQ(manager.SendJson("PUT", api + "/screening", {{"answers", {{"needs", "Food"}}}, {"version", version}}).status,
            200);
  auto stale = worker.SendJson("PUT", api + "/screening", {{"answers", {{"needs", "Mine"}}}, {"version", version}});
  EXPECT_EQ(stale.status, 409);
  EXPECT_NE(stale.body.find("Someone else changed"), std::string::npos) << stale.body;
}

// RULE KCR-4: asking an agency on the basis of consent before the parents' agreement is recorded is
// a choice on the form, said on its field (422, "lawful_basis"), with what was typed kept: not "the
// contact changed… send it again".
TEST_F(OneScreener, KCR4_AConsentBasisWithoutTheParentsAgreementNamesTheFieldNotAChange) {
  const std::int64_t id = NewContact();
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  auto worker = SignedIn(Role::kSocialWorker);
  StartedWith(worker, id, "informed_only");
  auto refused = worker.SendJson("POST", api + "/agency-check-requests",
                                 {{"agency", "police"},
                                  {"question", "Any call-outs to this address this year?"},
                                  {"children", {0}},
                                  {"lawful_basis", "consent"},
                                  {"urgency", "standard"}});
  EXPECT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(NamesField(refused, "lawful_basis")) << refused.body;

  auto page = SendForm(worker, Path(id, "/agency-check-requests"),
                       {{"agency", "police"},
                        {"children", "0"},
                        {"question", "Any call-outs to this address this year?"},
                        {"lawful_basis", "consent"},
                        {"urgency", "standard"},
                        {"version", std::to_string(VersionOf(worker, id))}});
  EXPECT_EQ(page.status, 422) << page.body;
  EXPECT_TRUE(Has(page, "Consent cannot be the basis")) << page.body;
  EXPECT_TRUE(Has(page, "href=\"#check-lawful-basis\"")) << page.body;
  EXPECT_TRUE(Has(page, ">Any call-outs to this address this year?</textarea>")) << page.body;
  EXPECT_FALSE(Has(page, "Someone else changed")) << page.body;
  EXPECT_FALSE(Has(page, "send it again")) << page.body;
  EXPECT_EQ(worker.Get(api + "/workflow").Json().at("agency_check_requests").size(), 0u);
}

// Review finding 4 (docs/decisions.md "One screener at a time"; no numbered rule, as for allocation):
// Wren starts screening an unallocated contact; the other worker's start, save, record checks and
// check request are refused (409) naming Wren and when she started; the screening page says who holds
// it to everyone; a team manager goes on and allocates it, after which the allocated worker goes on
// and Wren is refused.
TEST_F(OneScreener, WhoeverStartedScreeningHoldsItUntilAManagerAllocatesIt) {
  const std::int64_t id = NewContact();
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  auto wren = SignedInAs("wren");
  auto sam = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const std::int64_t version = StartedWith(wren, id, "informed_agreed");

  auto start = PostWithVersion(sam, api + "/screening/start", json::object(), version);
  EXPECT_EQ(start.status, 409) << start.body;
  EXPECT_NE(start.body.find("Wren Worker started screening this on "), std::string::npos) << start.body;
  EXPECT_NE(start.body.find("team manager"), std::string::npos) << start.body;
  auto save = sam.SendJson("PUT", api + "/screening", {{"answers", {{"nature", "Sam's view"}}}, {"version", version}});
  EXPECT_EQ(save.status, 409) << save.body;
  EXPECT_NE(save.body.find("Wren Worker"), std::string::npos) << save.body;
  auto checks = PostWithVersion(sam, api + "/record-checks", json::object(), version);
  EXPECT_EQ(checks.status, 409) << checks.body;
  EXPECT_NE(checks.body.find("Wren Worker"), std::string::npos) << checks.body;
  auto request = sam.SendJson("POST", api + "/agency-check-requests",
                              {{"agency", "police"},
                               {"question", "Any call-outs?"},
                               {"children", {0}},
                               {"lawful_basis", "consent"},
                               {"urgency", "standard"}});
  EXPECT_EQ(request.status, 409) << request.body;
  EXPECT_NE(request.body.find("Wren Worker"), std::string::npos) << request.body;
  EXPECT_EQ(AuditCount("contact.screening_saved", id), 1) << "only Wren's consent";
  EXPECT_EQ(AuditCount("contact.record_checks", id), 0);

  // The screening page names who holds it; to Sam it offers none of its forms.
  auto sams_page = sam.Get(Path(id, "/screening"));
  ASSERT_EQ(sams_page.status, 200);
  EXPECT_TRUE(Has(sams_page, "<strong>Wren Worker</strong> started screening this on ")) << sams_page.body;
  EXPECT_TRUE(Has(sams_page, "Only they, or a team manager, may screen it")) << sams_page.body;
  EXPECT_FALSE(Has(sams_page, "action=\"" + Path(id, "/screening") + "\"")) << "no answers form";
  auto wrens_page = wren.Get(Path(id, "/screening"));
  EXPECT_TRUE(Has(wrens_page, "<strong>Wren Worker</strong> started screening this on ")) << wrens_page.body;
  EXPECT_FALSE(Has(wrens_page, "Only they, or a team manager")) << wrens_page.body;
  EXPECT_TRUE(Has(wrens_page, "action=\"" + Path(id, "/screening") + "\""));
  EXPECT_TRUE(Has(sam.Get(Path(id, "")), "Screener: <strong>Wren Worker</strong>, who started screening it on "));
  // The form Sam's page would have sent is refused on the page too, naming Wren, not "someone else".
  auto sams_form = SendForm(sam, Path(id, "/screening"), {{"answers.nature", "Sam's view"}, {"version", std::to_string(version)}});
  EXPECT_EQ(sams_form.status, 409);
  EXPECT_TRUE(Has(sams_form, "Wren Worker started screening this on ")) << sams_form.body;
  EXPECT_TRUE(Has(sams_form, "This was not done")) << sams_form.body;
  EXPECT_FALSE(Has(sams_form, "Someone else changed")) << sams_form.body;

  // A team manager goes on, and allocates it to Sam: then Sam screens and Wren is refused.
  auto by_manager =
      manager.SendJson("PUT", api + "/screening", {{"answers", {{"needs", "Food"}}}, {"version", version}});
  ASSERT_EQ(by_manager.status, 200) << by_manager.body;
  auto allocated = PostWithVersion(manager, api + "/screening-allocation", {{"worker", "social_worker"}},
                                   by_manager.Json().at("version").get<std::int64_t>());
  ASSERT_EQ(allocated.status, 200) << allocated.body;
  const std::int64_t now = allocated.Json().at("version");
  auto sam_saves = sam.SendJson("PUT", api + "/screening", {{"answers", {{"nature", "Sam's view"}}}, {"version", now}});
  ASSERT_EQ(sam_saves.status, 200) << sam_saves.body;
  auto wren_saves = wren.SendJson("PUT", api + "/screening",
                                  {{"answers", {{"nature", "Wren's"}}}, {"version", sam_saves.Json().at("version")}});
  EXPECT_EQ(wren_saves.status, 409);
  EXPECT_NE(wren_saves.body.find("allocated to Test social_worker"), std::string::npos) << wren_saves.body;
}

// Review finding 9: "To screen (allocated to me)" lists the contacts a team manager allocated to the
// worker to screen, and those they started; not another worker's. A team manager's lists every
// contact with a screener. The page's tab and the API's queue=to-screen agree.
TEST_F(OneScreener, TheContactsAWorkerScreensAreAQueueOfTheirs) {
  const std::int64_t allocated = NewContact();
  const std::int64_t started = NewContact();
  auto manager = SignedIn(Role::kTeamManager);
  auto sam = SignedIn(Role::kSocialWorker);
  auto wren = SignedInAs("wren");
  ASSERT_EQ(PostWithVersion(manager, "/api/v1/contacts/" + std::to_string(allocated) + "/screening-allocation",
                            {{"worker", "social_worker"}}, VersionOf(manager, allocated))
                .status,
            200);
  StartedWith(wren, started, "informed_agreed");

  auto ids_in = [](HttpClient& client) {
    auto reply = client.Get("/api/v1/contacts?queue=to-screen");
    EXPECT_EQ(reply.status, 200) << reply.body;
    std::set<std::int64_t> ids;
    const json body = reply.Json();  // kept: a loop over a temporary's member would dangle
    for (const auto& item : body.at("items")) ids.insert(item.at("id").get<std::int64_t>());
    return ids;
  };
  EXPECT_EQ(ids_in(sam), (std::set<std::int64_t>{allocated}));
  EXPECT_EQ(ids_in(wren), (std::set<std::int64_t>{started}));
  EXPECT_EQ(ids_in(manager), (std::set<std::int64_t>{allocated, started}));

  auto page = sam.Get("/contacts?queue=to-screen");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page, "To screen (allocated to me)")) << page.body;
  EXPECT_TRUE(Has(page, "href=\"/contacts/" + std::to_string(allocated) + "\"")) << page.body;
  EXPECT_FALSE(Has(page, "href=\"/contacts/" + std::to_string(started) + "\"")) << page.body;
  EXPECT_TRUE(Has(page, "allocated to Test social_worker to screen")) << page.body;
}

// RULE KCR-15 RULE HCR-26 (review finding 7): with the parents not informed, the worker asks a team
// manager to authorise sharing with a button; the team's manager finds it on their home page, linked
// to the screening; asking twice says it was already asked (page and API).
TEST_F(OneScreener, KCR15_HCR26_TheWorkerAsksAManagerToAuthoriseSharing) {
  const std::int64_t id = NewContact();
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  auto worker = SignedIn(Role::kSocialWorker);
  auto started = PostWithVersion(worker, api + "/screening/start", json::object(), VersionOf(worker, id));
  ASSERT_EQ(started.status, 200) << started.body;
  auto saved = worker.SendJson("PUT", api + "/screening",
                               {{"consent", "not_informed"},
                                {"not_informed_reason", "loss_of_evidence"},
                                {"version", started.Json().at("version")}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto page = worker.Get(Path(id, "/screening"));
  ASSERT_TRUE(Has(page, "Ask a team manager to authorise sharing")) << page.body;

  auto asked = SendForm(worker, Path(id, "/sharing-authorisation-request"),
                        {{"version", std::to_string(VersionOf(worker, id))}});
  ASSERT_EQ(asked.status, 303) << asked.body;
  EXPECT_EQ(asked.Header("location"), Path(id, "/screening?sharing_asked=1#sharing-authorisation"));
  EXPECT_TRUE(Has(worker.Get(Path(id, "/screening?sharing_asked=1")),
                  "The team managers have been asked to authorise sharing"));
  auto manager = SignedIn(Role::kTeamManager);
  auto home = manager.Get("/");
  EXPECT_TRUE(Has(home, "asks you to authorise sharing without the parents")) << home.body;
  EXPECT_TRUE(Has(home, Path(id, "/screening#sharing-authorisation"))) << home.body;
  EXPECT_EQ(AuditCount("contact.sharing_authorisation_requested", id), 1);

  auto again = PostWithVersion(worker, api + "/sharing-authorisation-request", json::object(), VersionOf(worker, id));
  EXPECT_EQ(again.status, 409) << again.body;
  EXPECT_NE(again.body.find("You already asked a team manager to authorise sharing"), std::string::npos) << again.body;
  EXPECT_EQ(AuditCount("contact.sharing_authorisation_requested", id), 1);
  // The manager authorises it on the screening page the notice links to; the button is gone.
  auto authorised = PostWithVersion(manager, api + "/sharing-authorisation", {{"reason", "Risk of losing evidence"}},
                                    VersionOf(manager, id));
  ASSERT_EQ(authorised.status, 200) << authorised.body;
  EXPECT_FALSE(Has(worker.Get(Path(id, "/screening")), "Ask a team manager to authorise sharing"));
}

json RedFormFromSchool(const std::string& email) {
  return {{"referrer",
           {{"type", "school"},
            {"name", "Sam Head"},
            {"agency", "Hitchin Girls' School"},
            {"email", email},
            {"phone", "01462 000000"}}},
          {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"}, {"date_of_birth", "2016-03-02"}}})},
          {"concern", "Ava said her stepfather hit her."},
          {"intake",
           {{"channel", "email"},
            {"form", "red"},
            {"household",
             {{"domestic_abuse", "not_known"},
              {"mental_illness", "not_known"},
              {"substance_misuse", "not_known"},
              {"learning_difficulties", "not_known"}}}}}};
}

const json* DeadlineOf(const json& contact, const std::string& timescale) {
  for (const auto& d : contact.at("deadlines"))
    if (d.at("timescale") == timescale) return &d;
  return nullptr;
}

// RULE HCR-9 RULE KCR-5 RULE HCR-22: a school's red form sent without consulting the Hub is returned;
// from a school's own domain no e-mail may go (KCR-5), so the contact and the "Returned forms" queue
// say it was not sent and whom to ring, and the acknowledgement clock runs until the call is recorded
// as a verbal acknowledgement with a note. The same form from a secure address is e-mailed: nothing
// to ring, no clock.
TEST_F(OneScreener, HCR9_AReturnedRedFormNoEmailCanCarryIsACallToMake) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto sent = officer.SendJson("POST", "/api/v1/contacts", RedFormFromSchool("dsl@hitchingirls.herts.sch.uk"));
  ASSERT_EQ(sent.status, 201) << sent.body;
  const std::int64_t id = sent.Json().at("id");
  auto emailed = officer.SendJson("POST", "/api/v1/contacts", RedFormFromSchool("dsl@hitchin.hertfordshire.gov.uk"));
  ASSERT_EQ(emailed.status, 201) << emailed.body;
  const std::int64_t emailed_id = emailed.Json().at("id");
  const std::string api = "/api/v1/contacts/" + std::to_string(id);

  json contact = officer.Get(api).Json();
  ASSERT_EQ(contact.at("queue"), "returned") << contact.dump();
  ASSERT_TRUE(contact.at("return_not_sent").is_string()) << contact.dump();
  const std::string words = contact.at("return_not_sent");
  EXPECT_NE(words.find("Not sent: Hitchin Girls' School's address (dsl@hitchingirls.herts.sch.uk) is not a secure one"),
            std::string::npos)
      << words;
  EXPECT_NE(words.find("ring them on 01462 000000"), std::string::npos) << words;
  const json* call = DeadlineOf(contact, "acknowledgement");
  ASSERT_NE(call, nullptr) << contact.dump();
  EXPECT_EQ(call->at("met_at"), nullptr);

  json other = officer.Get("/api/v1/contacts/" + std::to_string(emailed_id)).Json();
  EXPECT_EQ(other.at("queue"), "returned");
  EXPECT_EQ(other.at("return_not_sent"), nullptr);
  EXPECT_EQ(DeadlineOf(other, "acknowledgement"), nullptr) << "the e-mail is the return";

  // The queue, API and page, tells the two apart.
  const json queue = officer.Get("/api/v1/contacts?queue=returned").Json().at("items");
  for (const auto& item : queue) {
    if (item.at("id") == id) {
      EXPECT_EQ(item.at("return_not_sent"), true);
    }
    if (item.at("id") == emailed_id) {
      EXPECT_EQ(item.at("return_not_sent"), false);
    }
  }
  auto page = officer.Get("/contacts?queue=returned");
  EXPECT_TRUE(Has(page, "Not sent</strong> Not sent: Hitchin Girls")) << page.body;
  auto contact_page = officer.Get(Path(id, ""));
  EXPECT_TRUE(Has(contact_page, "id=\"return-not-sent\"")) << contact_page.body;
  EXPECT_FALSE(Has(officer.Get(Path(emailed_id, "")), "id=\"return-not-sent\""));

  // The call, recorded as a verbal acknowledgement with a note, meets the clock and ends the warning.
  auto rung = officer.SendJson("POST", api + "/acknowledgement",
                               {{"method", "verbal"}, {"note", "Rang Sam Head: told to consult the Hub first"}});
  ASSERT_EQ(rung.status, 201) << rung.body;
  contact = officer.Get(api).Json();
  EXPECT_EQ(contact.at("return_not_sent"), nullptr);
  ASSERT_NE(DeadlineOf(contact, "acknowledgement"), nullptr);
  EXPECT_NE(DeadlineOf(contact, "acknowledgement")->at("met_at"), nullptr);
  EXPECT_FALSE(Has(officer.Get(Path(id, "")), "id=\"return-not-sent\""));
}

}  // namespace
}  // namespace fd::testing
