// A contact closed as a duplicate of another, over real HTTP (app/duplicates.h): the API and the
// contact page, its refusals, its deadlines closed as not applicable, the written confirmation it
// records (HCR-15), its referrer's status link (HCR-24, KCR-17), and the returns (Annex A list 1).
#include <regex>
#include <thread>

#include "api_fixture.h"
#include "calendar/local_time.h"
#include "http/message.h"
#include "support/smtp_sink.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

class Duplicates : public ApiTest {
 protected:
  void Configure(service::ServiceOptions& options) override {
    options.smtp_url = sink_.url();
    options.smtp_from = "frontdoor@hertfordshire.gov.uk";
  }

  std::string LinkSentTo(const std::string& address) { return StatusLinkSentTo(sink_, address); }

  // Records a contact; returns its JSON.
  json Record(const json& contact) {
    auto officer = SignedIn(Role::kContactOfficer);
    auto created = officer.SendJson("POST", "/api/v1/contacts", contact);
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json();
  }

  SmtpSink sink_;
};

std::string Path(const json& contact) { return "/api/v1/contacts/" + std::to_string(contact.at("id").get<std::int64_t>()); }

// A police officer's contact about Ava: by phone (HCR-15: to be confirmed in writing), or in writing.
json PoliceContact(const std::string& channel, const std::string& first_names = "Ava") {
  return {{"referrer", {{"type", "police"}, {"name", "PC Jo Webb"}, {"agency", "Hertfordshire Constabulary"},
                        {"email", "jo.webb@herts.pnn.police.uk"}}},
          {"children", json::array({{{"first_names", first_names}, {"last_name", "Example"},
                                     {"date_of_birth", "2016-03-02"}, {"gender", "female"}}})},
          {"concern", "Domestic incident attended last night; child present."},
          {"intake", {{"channel", channel},
                      {"household", {{"domestic_abuse", "yes"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
                                     {"learning_difficulties", "no"}}}}}};
}

// Ava's school about the same incident: another referrer.
json SchoolContact() {
  return {{"referrer", {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"},
                        {"email", "dsl@riverside.hertfordshire.gov.uk"}}},
          {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"}, {"date_of_birth", "2016-03-02"},
                                     {"gender", "female"}}})},
          {"concern", "Ava told her teacher the police came to the house last night."},
          {"intake", {{"channel", "email"},
                      {"household", {{"domestic_abuse", "yes"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
                                     {"learning_difficulties", "no"}}}}}};
}

const json* Timescale(const json& deadlines, const std::string& timescale) {
  for (const auto& d : deadlines)
    if (d.at("timescale") == timescale) return &d;
  return nullptr;
}

HttpReply CloseAsDuplicate(HttpClient& client, const json& duplicate, json body) {
  if (!body.contains("version")) body["version"] = client.Get(Path(duplicate)).Json().at("version");
  return client.SendJson("POST", Path(duplicate) + "/duplicate-of", body);
}

// RULE HCR-15: the professional's written confirmation of their call arrives as a contact of its own;
// closed as a duplicate of the call, it records the confirmation there, and its own deadlines are
// closed as not applicable (neither met nor breached), linked both ways and audited.
TEST_F(Duplicates, HCR15_AWrittenDuplicateOfACallRecordsItsConfirmation) {
  DuringOpeningHours();  // HCR-18: out of hours its contacts go to the out-of-hours queue
  const json call = Record(PoliceContact("phone"));
  const json written = Record(PoliceContact("email"));
  auto worker = SignedIn(Role::kSocialWorker);
  const json before = worker.Get(Path(call)).Json();
  ASSERT_NE(Timescale(before.at("deadlines"), "written-confirmation"), nullptr) << before.dump();
  EXPECT_EQ(Timescale(before.at("deadlines"), "written-confirmation")->at("state"), "open");

  auto closed = CloseAsDuplicate(worker, written,
                                 {{"contact", call.at("reference")}, {"reason", "PC Webb's red form confirming her call"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  const json view = closed.Json();
  EXPECT_EQ(view.at("state"), "duplicate");
  EXPECT_EQ(view.at("duplicate_of").at("reference"), call.at("reference"));
  EXPECT_EQ(view.at("duplicate_of").at("reason"), "PC Webb's red form confirming her call");
  EXPECT_EQ(view.at("duplicate_of").at("shares_child"), true);
  EXPECT_EQ(view.at("duplicate_of").at("closed_by").at("name"), "Test social_worker");
  // The decision deadline (HCR-27) was open: closed as not applicable, and gone from the open ones.
  ASSERT_NE(Timescale(view.at("deadlines_not_applicable"), "decision"), nullptr) << view.dump();
  EXPECT_EQ(Timescale(view.at("deadlines_not_applicable"), "decision")->at("rule"), "HCR-27");
  const json after = worker.Get(Path(written)).Json();
  for (const auto& d : after.at("deadlines")) EXPECT_EQ(d.at("state"), "met") << d.dump();
  // Its text stays readable.
  EXPECT_EQ(after.at("concern"), "Domestic incident attended last night; child present.");

  // The call: confirmed in writing (HCR-15), and it names its duplicate.
  const json original = worker.Get(Path(call)).Json();
  EXPECT_EQ(Timescale(original.at("deadlines"), "written-confirmation")->at("state"), "met");
  const json workflow = worker.Get(Path(call) + "/workflow").Json();
  ASSERT_EQ(workflow.at("duplicates").size(), 1u) << workflow.dump();
  EXPECT_EQ(workflow.at("duplicates")[0].at("reference"), written.at("reference"));
  EXPECT_TRUE(workflow.at("duplicate_of").is_null());

  // Out of the queues: no open deadline of it is anyone's work, and the front door's queue has only the call.
  auto manager = SignedIn(Role::kTeamManager);
  const json queue = manager.Get("/api/v1/contacts?queue=front-door&page_size=100").Json();
  const std::string listed = queue.dump();
  EXPECT_NE(listed.find(call.at("reference").get<std::string>()), std::string::npos);
  EXPECT_EQ(listed.find(written.at("reference").get<std::string>()), std::string::npos) << listed;
  const std::string deadlines = manager.Get("/api/v1/deadlines?scope=all&page_size=200").body;
  EXPECT_EQ(deadlines.find(written.at("reference").get<std::string>()), std::string::npos);

  // Audited: who, why, of which; and the confirmation on the call.
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT actor, changes FROM audit_events WHERE action = 'contact.closed_as_duplicate' "
                        "AND record_id = ?",
                        {std::to_string(written.at("id").get<std::int64_t>())});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Text(0), "social_worker");
  const json changes = json::parse(rows[0].Text(1));
  EXPECT_EQ(changes.at("original").at("reference"), call.at("reference"));
  EXPECT_EQ(changes.at("written_confirmation_recorded"), true);
  EXPECT_EQ(tx->Query("SELECT 1 FROM audit_events WHERE action = 'contact.written_confirmation' AND record_id = ?",
                      {std::to_string(call.at("id").get<std::int64_t>())})
                .size(),
            1u);
}

// Clear refusals naming the field, so that a slip of the reference closes nothing.
TEST_F(Duplicates, RefusalsNameTheField) {
  const json first = Record(PoliceContact("email"));
  const json second = Record(SchoolContact());
  const json other_child = Record(PoliceContact("email", "Zoe"));
  auto worker = SignedIn(Role::kSocialWorker);
  auto officer = SignedIn(Role::kContactOfficer);
  const std::string reference = first.at("reference");

  EXPECT_EQ(CloseAsDuplicate(officer, second, {{"contact", reference}, {"reason", "Same incident"}}).status, 403);
  auto missing = worker.SendJson("POST", "/api/v1/contacts/999999/duplicate-of",
                                 {{"contact", reference}, {"reason", "Same incident"}, {"version", 1}});
  EXPECT_EQ(missing.status, 404) << missing.body;
  auto blank = CloseAsDuplicate(worker, second, {{"contact", ""}, {"reason", ""}});
  EXPECT_EQ(blank.status, 422);
  EXPECT_TRUE(NamesField(blank, "contact")) << blank.body;
  EXPECT_TRUE(NamesField(blank, "reason"));
  auto unknown = CloseAsDuplicate(worker, second, {{"contact", "FD-1999-000001"}, {"reason", "Same incident"}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(NamesField(unknown, "contact"));
  auto itself = CloseAsDuplicate(worker, second, {{"contact", second.at("reference")}, {"reason", "Same incident"}});
  EXPECT_EQ(itself.status, 422);
  EXPECT_TRUE(NamesField(itself, "contact"));
  auto wrong_type = CloseAsDuplicate(worker, second, {{"contact", reference}, {"reason", "x"}, {"same_concern", "yes"}});
  EXPECT_EQ(wrong_type.status, 422);
  EXPECT_TRUE(NamesField(wrong_type, "same_concern"));
  // Zoe is not Ava: refused unless the worker confirms they are one concern.
  auto unrelated = CloseAsDuplicate(worker, other_child, {{"contact", reference}, {"reason", "Same incident"}});
  EXPECT_EQ(unrelated.status, 422);
  EXPECT_TRUE(NamesField(unrelated, "same_concern")) << unrelated.body;
  EXPECT_EQ(worker.Get(Path(other_child)).Json().at("state"), "received");  // nothing closed
  auto stale = CloseAsDuplicate(worker, second, {{"contact", reference}, {"reason", "Same incident"}, {"version", 99}});
  EXPECT_EQ(stale.status, 409);

  // By number, in lower case, or confirmed: accepted.
  auto closed = CloseAsDuplicate(worker, second, {{"contact", first.at("id")}, {"reason", "Same incident"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  std::string lower = reference;
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  auto confirmed = CloseAsDuplicate(worker, other_child,
                                    {{"contact", lower}, {"reason", "Zoe is Ava's nickname"}, {"same_concern", true}});
  ASSERT_EQ(confirmed.status, 200) << confirmed.body;
  EXPECT_EQ(confirmed.Json().at("duplicate_of").at("shares_child"), false);

  // Not of a duplicate: the message points to its original. Not twice.
  const json third = Record(SchoolContact());
  auto of_duplicate = CloseAsDuplicate(worker, third, {{"contact", second.at("reference")}, {"reason", "Same"}});
  EXPECT_EQ(of_duplicate.status, 422);
  ASSERT_TRUE(NamesField(of_duplicate, "contact"));
  EXPECT_NE(of_duplicate.body.find(reference), std::string::npos) << of_duplicate.body;
  EXPECT_EQ(CloseAsDuplicate(worker, second, {{"contact", reference}, {"reason", "Again"}}).status, 409);
}

// Only before a decision is proposed: after, the contact is decided (or sent back), not closed.
TEST_F(Duplicates, NotOnceADecisionIsProposed) {
  const json first = Record(PoliceContact("email"));
  const json second = Record(SchoolContact());
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  ScreenAndDecide(worker, manager, second.at("id"),
                  {{"outcome", "no-further-action"}, {"children", {0}}, {"rationale", "Known"}, {"next_steps", "None"}});
  if (HasFatalFailure()) return;
  auto late = CloseAsDuplicate(worker, second, {{"contact", first.at("reference")}, {"reason", "Same incident"}});
  EXPECT_EQ(late.status, 409) << late.body;
  EXPECT_NE(late.body.find("before a decision is proposed"), std::string::npos) << late.body;
}

// RULE HCR-24 RULE KCR-17: the duplicate's referrer's status link shows the original's progress and,
// once decided, what a professional is told (with their own reference), as their e-mail does.
TEST_F(Duplicates, HCR24_KCR17_TheDuplicatesReferrerSeesTheOriginalsDecision) {
  const json original = Record(PoliceContact("email"));
  const json duplicate = Record(SchoolContact());
  const std::string link = LinkSentTo("dsl@riverside.hertfordshire.gov.uk");
  auto worker = SignedIn(Role::kSocialWorker);
  ASSERT_EQ(CloseAsDuplicate(worker, duplicate, {{"contact", original.at("reference")}, {"reason", "Same incident"}})
                .status,
            200);
  auto referrer = Client();
  auto look = referrer.Get("/api/v1" + link);
  ASSERT_EQ(look.status, 200) << look.body;
  EXPECT_EQ(look.Json().at("stage"), "received");
  EXPECT_EQ(look.Json().at("reference"), duplicate.at("reference"));

  auto manager = SignedIn(Role::kTeamManager);
  ScreenAndDecide(worker, manager, original.at("id"),
                  {{"outcome", "child-and-family-assessment"}, {"children", {0}}, {"rationale", "Internal reasoning"},
                   {"next_steps", "A social worker will visit the family this week"},
                   {"protective_factors", "Mother engaged; school watching daily"}});
  if (HasFatalFailure()) return;
  look = referrer.Get("/api/v1" + link);
  ASSERT_EQ(look.status, 200) << look.body;
  EXPECT_EQ(look.Json().at("stage"), "decided");
  EXPECT_EQ(look.Json().at("reference"), duplicate.at("reference"));
  EXPECT_EQ(look.Json().at("next_steps"), "A social worker will visit the family this week");
  EXPECT_EQ(look.body.find("Internal reasoning"), std::string::npos);

  // The school is another referrer: e-mailed the original's outcome under its own reference, once
  // (docs/decisions.md "Reopening a duplicate").
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto sent = tx->Query("SELECT subject FROM outbox WHERE record_type = 'contact' AND record_id = ? AND purpose = 'outcome'",
                        {duplicate.at("id").get<std::int64_t>()});
  ASSERT_EQ(sent.size(), 1u);
  EXPECT_NE(sent[0].Text(0).find(duplicate.at("reference").get<std::string>()), std::string::npos);
}

// Annex A list 1 counts contacts received; a duplicate about the same child, received the same day
// from the same source, is that contact recorded twice, so it is left out (docs/reports.md "Annex A
// list 1: contacts"; tests/api/reports_api_test.cpp has the duplicates that are listed).
TEST_F(Duplicates, AnnexAList1LeavesOutADuplicate) {
  const json original = Record(PoliceContact("email"));
  const json duplicate = Record(PoliceContact("phone"));
  auto worker = SignedIn(Role::kSocialWorker);
  ASSERT_EQ(CloseAsDuplicate(worker, duplicate, {{"contact", original.at("reference")}, {"reason", "Same incident"}})
                .status,
            200);
  const std::string today = FormatIsoDate(calendar::LocalDate(clock_.Now(), ctx_->time_zone));
  auto list1 = SignedIn(Role::kTeamManager)
                   .Get("/api/v1/reports/annex-a?list=1&from=" + today + "&to=" + today + "&format=csv");
  ASSERT_EQ(list1.status, 200) << list1.body;
  const auto id = [](const json& c) { return "C" + std::to_string(c.at("id").get<std::int64_t>()) + "N"; };
  EXPECT_NE(list1.body.find(id(original)), std::string::npos) << list1.body;
  EXPECT_EQ(list1.body.find(id(duplicate)), std::string::npos) << list1.body;
}

// The contact page: the form ("Duplicate of contact reference"), a refusal kept with its input, and
// the two pages linked both ways.
TEST_F(Duplicates, TheContactPageClosesADuplicateAndLinksBoth) {
  const json original = Record(PoliceContact("email"));
  const json duplicate = Record(SchoolContact());
  const std::string page = "/contacts/" + std::to_string(duplicate.at("id").get<std::int64_t>());
  const std::string original_page = "/contacts/" + std::to_string(original.at("id").get<std::int64_t>());
  auto worker = SignedIn(Role::kSocialWorker);
  auto shown = worker.Get(page);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("Duplicate of contact reference"), std::string::npos);
  const std::string csrf = FirstCapture(shown.body, "name=\"csrf_token\" value=\"([^\"]+)\"");
  const std::string version = FirstCapture(shown.body, "name=\"version\" value=\"([0-9]+)\"");
  ASSERT_FALSE(version.empty());
  // An officer is not offered it.
  EXPECT_EQ(SignedIn(Role::kContactOfficer).Get(page).body.find("Duplicate of contact reference"), std::string::npos);

  auto refused = worker.Send("POST", page + "/duplicate-of",
                             FormBody({{"csrf_token", csrf}, {"version", version}, {"contact", "FD-1999-000001"},
                                   {"reason", "Same incident"}}),
                             kFormHeaders);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("href=\"#duplicate-contact\""), std::string::npos) << "the summary links to the input";
  EXPECT_NE(refused.body.find("value=\"FD-1999-000001\""), std::string::npos) << "what was typed is kept";
  EXPECT_NE(refused.body.find("Same incident"), std::string::npos);

  auto done = worker.Send("POST", page + "/duplicate-of",
                          FormBody({{"csrf_token", csrf}, {"version", version},
                                {"contact", original.at("reference").get<std::string>()}, {"reason", "Same incident"}}),
                          kFormHeaders);
  ASSERT_EQ(done.status, 303) << done.body;
  auto after = worker.Get(page + "?closed_as_duplicate=1");
  EXPECT_NE(after.body.find("Closed as a duplicate of <a class=\"govuk-link\" href=\"" + original_page + "\">" +
                            original.at("reference").get<std::string>()),
            std::string::npos)
      << after.body;
  EXPECT_NE(after.body.find("Deadlines closed as not applicable"), std::string::npos);
  EXPECT_EQ(after.body.find("Duplicate of contact reference"), std::string::npos) << "closed: no form";
  auto other = worker.Get(original_page);
  EXPECT_NE(other.body.find("Duplicates"), std::string::npos);
  EXPECT_NE(other.body.find("href=\"" + page + "\">" + duplicate.at("reference").get<std::string>()),
            std::string::npos);
}

}  // namespace
}  // namespace fd::testing
