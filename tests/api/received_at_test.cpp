// A contact taken before it is typed (KCR-8, HCR-18, HCR-27), and the referral checklist completed
// while screening (KCR-7), over real HTTP: the API and the pages (Hertfordshire pack, a fixed clock).
#include <regex>
#include <set>

#include "api_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using Fields = std::vector<std::pair<std::string, std::string>>;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

// Friday 27 November 2026, 17:05 in London (GMT): after office hours, before the Customer Service
// Centre closes at 20:00.
constexpr const char* kFridayFiveOhFive = "2026-11-27T17:05:00Z";

class ReceivedAt : public ApiTest {
 protected:
  void Configure(service::ServiceOptions&) override {
    ctx_ = std::make_unique<app::AppContext>(app::AppContext{*store_, fixed_, *procedures_, "Europe/London"});
    ctx_->password_hashing = app::PasswordHashing::kFastForTests;
  }
  app::FixedClock fixed_{*ParseUtc(kFridayFiveOhFive)};
};

// A school's phone call about one child.
json SchoolCall() {
  return {{"referrer",
           {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Elm Primary"}, {"phone", "01632 960 123"}}},
          {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"}, {"date_of_birth", "2016-03-02"},
                                     {"gender", "female"}}})},
          {"concern", "Ava said she was hit at home last night."},
          {"intake",
           {{"channel", "phone"},
            {"household",
             {{"domestic_abuse", "no"}, {"mental_illness", "not_known"}, {"substance_misuse", "no"},
              {"learning_difficulties", "no"}}}}}};
}

const json* Deadline(const json& contact, const std::string& timescale) {
  for (const auto& d : contact.at("deadlines"))
    if (d.at("timescale") == timescale) return &d;
  return nullptr;
}

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

std::string ErrorsOf(const HttpReply& reply) {
  std::string out;
  for (const auto& e : reply.Json().value("errors", json::array())) out += e.dump() + "\n";
  return out;
}

// RULE KCR-8 RULE HCR-27: a call taken at 16:50 on Friday and typed at 17:05 is decided by Monday
// 16:50, a working day after it was received, not by Tuesday 09:00 as if received when typed; the
// contact keeps both times, and its audit event says both.
TEST_F(ReceivedAt, KCR8_HCR27_DeadlinesCountFromWhenTheCallWasReceived) {
  auto officer = SignedIn(Role::kContactOfficer);
  json call = SchoolCall();
  call["received_at"] = "2026-11-27T16:50:00+00:00";
  auto created = officer.SendJson("POST", "/api/v1/contacts", call);
  ASSERT_EQ(created.status, 201) << created.body;
  const json contact = created.Json();
  EXPECT_EQ(contact.at("received_at"), "2026-11-27T16:50:00+00:00");
  EXPECT_EQ(contact.at("received_at_utc"), "2026-11-27T16:50:00Z");
  EXPECT_EQ(contact.at("recorded_at"), "2026-11-27T17:05:00+00:00");

  const json opened = officer.Get("/api/v1/contacts/" + std::to_string(contact.at("id").get<std::int64_t>())).Json();
  ASSERT_NE(Deadline(opened, "decision"), nullptr) << opened.dump();
  EXPECT_EQ(Deadline(opened, "decision")->at("rule"), "HCR-27");
  EXPECT_EQ(Deadline(opened, "decision")->at("due_at"), "2026-11-30T16:50:00Z") << "Monday 16:50";
  EXPECT_EQ(Deadline(opened, "decision")->at("starts_at"), "2026-11-27T16:50:00Z");

  // The same call typed with no received time is received as it is recorded: due Tuesday 09:00.
  auto typed = officer.SendJson("POST", "/api/v1/contacts", SchoolCall());
  ASSERT_EQ(typed.status, 201) << typed.body;
  EXPECT_EQ(typed.Json().at("received_at"), "2026-11-27T17:05:00+00:00");
  const json late = officer.Get("/api/v1/contacts/" + std::to_string(typed.Json().at("id").get<std::int64_t>())).Json();
  EXPECT_EQ(Deadline(late, "decision")->at("due_at"), "2026-12-01T09:00:00Z") << "Tuesday 09:00";

  // The audit event of its recording says when it was received and when it was recorded.
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT changes FROM audit_events WHERE action = 'contact.created' AND record_id = ?",
                        {std::to_string(contact.at("id").get<std::int64_t>())});
  ASSERT_EQ(rows.size(), 1u);
  const json audited = json::parse(rows[0].Text(0));
  EXPECT_EQ(audited.at("received_at"), "2026-11-27T16:50:00+00:00");
  EXPECT_EQ(audited.at("recorded_at"), "2026-11-27T17:05:00+00:00");
}

// RULE HCR-18: a call taken at 19:55, while the Customer Service Centre is open, and typed at 20:05
// stays with the front door; typed with no received time it would go to out-of-hours.
TEST_F(ReceivedAt, HCR18_ACallTakenInHoursIsRoutedAsWhenItCameIn) {
  fixed_.Set(*ParseUtc("2026-11-27T20:05:00Z"));
  auto officer = SignedIn(Role::kContactOfficer);
  json call = SchoolCall();
  call["received_at"] = "2026-11-27T19:55:00Z";
  auto created = officer.SendJson("POST", "/api/v1/contacts", call);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json().at("queue"), "front-door") << created.body;

  auto typed = officer.SendJson("POST", "/api/v1/contacts", SchoolCall());
  ASSERT_EQ(typed.status, 201) << typed.body;
  EXPECT_EQ(typed.Json().at("queue"), "out-of-hours") << typed.body;
}

// RULE KCR-8 RULE HCR-27: a received time is never in the future (a little clock difference is
// taken as now), never more than the pack's received_days_before (7) earlier, and always with its
// offset; each refusal is a 422 naming received_at, and nothing is recorded.
TEST_F(ReceivedAt, KCR8_AReceivedTimeIsCheckedAndRefusalsNameTheField) {
  auto officer = SignedIn(Role::kContactOfficer);
  for (const char* bad : {"2026-11-27T17:15:00+00:00", "2026-11-20T17:00:00Z", "2026-11-27T16:50:00",
                          "27/11/2026 16:50", "2026-11-27T16:50:00+25:00"}) {
    json call = SchoolCall();
    call["received_at"] = bad;
    auto refused = officer.SendJson("POST", "/api/v1/contacts", call);
    EXPECT_EQ(refused.status, 422) << bad;
    EXPECT_TRUE(NamesField(refused, "received_at")) << bad << ": " << refused.body;
  }
  json future = SchoolCall();
  future["received_at"] = "2026-11-27T17:15:00+00:00";
  EXPECT_TRUE(Has(officer.SendJson("POST", "/api/v1/contacts", future).body, "cannot be in the future"));
  json old = SchoolCall();
  old["received_at"] = "2026-11-20T17:00:00Z";
  EXPECT_TRUE(Has(officer.SendJson("POST", "/api/v1/contacts", old).body, "at most 7 days"));
  json wrong_type = SchoolCall();
  wrong_type["received_at"] = 1764262200;
  EXPECT_TRUE(NamesField(officer.SendJson("POST", "/api/v1/contacts", wrong_type), "received_at"));
  EXPECT_EQ(officer.Get("/api/v1/contacts").Json().at("total"), 0);

  // Seven days back, and a minute ahead of the server's clock, are taken; the latter as now.
  json week = SchoolCall();
  week["received_at"] = "2026-11-20T17:05:00Z";
  EXPECT_EQ(officer.SendJson("POST", "/api/v1/contacts", week).status, 201);
  json ahead = SchoolCall();
  ahead["received_at"] = "2026-11-27T17:06:00Z";
  auto skewed = officer.SendJson("POST", "/api/v1/contacts", ahead);
  ASSERT_EQ(skewed.status, 201) << skewed.body;
  EXPECT_EQ(skewed.Json().at("received_at_utc"), kFridayFiveOhFive);

  // The public portal's requests are received when they are sent.
  json portal = SchoolCall();
  portal["received_at"] = "2026-11-27T16:50:00Z";
  auto sent = Client().SendJson("POST", "/api/v1/portal/contacts", portal);
  EXPECT_EQ(sent.status, 422) << sent.body;
  EXPECT_TRUE(NamesField(sent, "received_at")) << sent.body;
}

// RULE KCR-9: an agency asked after the call came in, but before it was typed, is accepted.
TEST_F(ReceivedAt, KCR9_AnAgencyAskedBeforeTheContactWasTypedIsAccepted) {
  auto officer = SignedIn(Role::kContactOfficer);
  json call = SchoolCall();
  call["received_at"] = "2026-11-27T16:40:00Z";
  auto created = officer.SendJson("POST", "/api/v1/contacts", call);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string api = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto worker = SignedIn(Role::kSocialWorker);
  auto version = [&] { return worker.Get(api).Json().at("version").get<std::int64_t>(); };
  ASSERT_EQ(worker.SendJson("POST", api + "/screening/start", {{"version", version()}}).status, 200);
  ASSERT_EQ(worker.SendJson("PUT", api + "/screening", {{"version", version()}, {"consent", "informed_agreed"}}).status,
            200);
  auto asked = worker.SendJson("POST", api + "/agency-checks",
                               {{"version", version()},
                                {"agency", "Health visiting"},
                                {"asked_person", "Jo Health"},
                                {"asked_at", "2026-11-27T16:55"},
                                {"response", "Known to the service; no concerns."}});
  EXPECT_EQ(asked.status, 200) << asked.body;
}

// The page asks "When was the call/e-mail received?", showing now; a call taken at 19:55 and sent at
// 20:05 stays with the front door (RULE HCR-18), and one in the future is refused beside its box.
TEST_F(ReceivedAt, HCR18_KCR8_TheContactFormAsksWhenTheCallWasReceived) {
  fixed_.Set(*ParseUtc("2026-11-27T20:05:00Z"));
  auto client = Client();
  auto signed_in = client.Send("POST", "/sign-in",
                               FormBody({{"username", "contact_officer"}, {"password", kTestPassword}, {"next", "/"}}),
                               kFormHeaders);
  ASSERT_EQ(signed_in.status, 303) << signed_in.body;
  auto blank = client.Get("/contacts/new");
  ASSERT_EQ(blank.status, 200);
  EXPECT_TRUE(Has(blank.body, "When was the call/e-mail received?"));
  EXPECT_TRUE(Has(blank.body, "name=\"received_date\" type=\"date\" value=\"2026-11-27\"")) << "today, shown";
  EXPECT_TRUE(Has(blank.body, "name=\"received_time\" type=\"time\" value=\"20:05\"")) << "now, shown";
  const std::string csrf = FirstCapture(blank.body, "name=\"csrf_token\" value=\"([^\"]+)\"");
  Fields fields{{"csrf_token", csrf},
                {"child_count", "1"},
                {"channel", "phone"},
                {"referrer_type", "member_of_public"},
                {"referrer_anonymous", "yes"},
                {"anonymity_limits_explained", "yes"},
                {"children-0-first_names", "Sam"},
                {"concern", "Shouting heard every night."},
                {"received_date", "2026-11-27"},
                {"received_time", "20:30"},
                {"action", "record"}};
  auto future = client.Send("POST", "/contacts", FormBody(fields), kFormHeaders);
  EXPECT_EQ(future.status, 422);
  EXPECT_TRUE(Has(future.body, "href=\"#received_date\"")) << future.body;
  EXPECT_TRUE(Has(future.body, "cannot be in the future"));
  EXPECT_TRUE(Has(future.body, "value=\"20:30\"")) << "kept as typed";

  fields[9].second = "19:55";
  auto recorded = client.Send("POST", "/contacts", FormBody(fields), kFormHeaders);
  ASSERT_EQ(recorded.status, 303) << recorded.body;
  const std::string id = FirstCapture(recorded.Header("location"), "/contacts/([0-9]+)");
  const json contact = client.Get("/api/v1/contacts/" + id).Json();
  EXPECT_EQ(contact.at("received_at_utc"), "2026-11-27T19:55:00Z");
  EXPECT_EQ(contact.at("queue"), "front-door");
  auto shown = client.Get("/contacts/" + id);
  EXPECT_TRUE(Has(shown.body, "27 November 2026 at 7:55pm")) << shown.body;
  EXPECT_TRUE(Has(shown.body, "Recorded</dt><dd class=\"govuk-summary-list__value\">27 November 2026 at 8:05pm"))
      << "the page shows when it was typed too";
  EXPECT_FALSE(Has(shown.body, "recorded</p>")) << "no banner: it was not just recorded on this page";
}

// RULE KCR-7: the checklist's missing items are recorded while screening, over the API: the count
// still missing goes down, the save is audited, and a checklist item sent as a screening answer is
// refused with where to send it.
TEST_F(ReceivedAt, KCR7_MissingChecklistItemsAreRecordedWhileScreening) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", SchoolCall());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  const std::size_t missing = created.Json().at("missing_information").size();
  ASSERT_GT(missing, 2u);
  auto worker = SignedIn(Role::kSocialWorker);
  auto version = [&] { return worker.Get(api).Json().at("version").get<std::int64_t>(); };
  ASSERT_EQ(worker.SendJson("POST", api + "/screening/start", {{"version", version()}}).status, 200);

  auto misplaced = worker.SendJson("PUT", api + "/screening",
                                   {{"version", version()}, {"answers", {{"parental_responsibility", "Mum"}}}});
  EXPECT_EQ(misplaced.status, 422);
  EXPECT_TRUE(Has(misplaced.body, "send it in \\\"information\\\"")) << misplaced.body;

  auto unknown = worker.SendJson("PUT", api + "/screening",
                                 {{"version", version()}, {"information", {{"shoe_size", "4"}}}});
  EXPECT_EQ(unknown.status, 422);
  EXPECT_TRUE(NamesField(unknown, "information.shoe_size")) << unknown.body;

  auto saved = worker.SendJson("PUT", api + "/screening",
                               {{"version", version()},
                                {"information", {{"parental_responsibility", "Mum"}, {"identity", "White British; English"}}}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  const json after = worker.Get(api).Json();
  EXPECT_EQ(after.at("missing_information").size(), missing - 2) << after.at("missing_information").dump();
  EXPECT_EQ(after.at("intake").at("information").at("parental_responsibility"), "Mum");

  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT changes FROM audit_events WHERE action = 'contact.screening_saved' AND record_id = ?",
                        {std::to_string(id)});
  ASSERT_FALSE(rows.empty());
  const json audited = json::parse(rows.back().Text(0));
  EXPECT_EQ(audited.at("information").at("parental_responsibility"), "Mum") << audited.dump();
  EXPECT_EQ(audited.at("information_missing"), missing - 2);
}

// RULE KCR-7: the screening page has the checklist's boxes, says how many items are still missing,
// and a box filled in there counts.
TEST_F(ReceivedAt, KCR7_TheScreeningPageRecordsMissingChecklistItems) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", SchoolCall());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::size_t missing = created.Json().at("missing_information").size();
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  auto worker = SignedIn(Role::kSocialWorker);
  ASSERT_EQ(worker.SendJson("POST", api + "/screening/start",
                            {{"version", worker.Get(api).Json().at("version").get<std::int64_t>()}})
                .status,
            200);
  auto page = worker.Get("/contacts/" + std::to_string(id) + "/screening");
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, "Referral information checklist"));
  EXPECT_TRUE(Has(page.body, std::to_string(missing) + " items of the checklist are still missing"));
  EXPECT_TRUE(Has(page.body, "name=\"information-parental_responsibility\"")) << page.body;

  const std::string csrf = FirstCapture(page.body, "name=\"csrf_token\" value=\"([^\"]+)\"");
  const std::string version = FirstCapture(page.body, "name=\"version\" value=\"([0-9]+)\"");
  auto posted = worker.Send("POST", "/contacts/" + std::to_string(id) + "/screening",
                            FormBody({{"csrf_token", csrf},
                                  {"version", version},
                                  {"information-parental_responsibility", "Mum and Dad"}}),
                            kFormHeaders);
  ASSERT_EQ(posted.status, 303) << posted.body;
  const json after = worker.Get(api).Json();
  EXPECT_EQ(after.at("missing_information").size(), missing - 1);
  auto again = worker.Get("/contacts/" + std::to_string(id) + "/screening");
  EXPECT_TRUE(Has(again.body, ">Mum and Dad</textarea>"));
  EXPECT_TRUE(Has(again.body, std::to_string(missing - 1) + " items of the checklist are still missing"));
}

// RULE KCR-7: what screening records answers the checklist items it asks (where the child is and
// their condition, whether immediate protection is needed, the parents' knowledge and agreement):
// once recorded they are not listed as missing, on the contact (GET /contacts/{id}), on the workflow's
// answer and on the contact page, which shows what screening recorded under each.
TEST_F(ReceivedAt, KCR7_WhatScreeningRecordedIsNotListedAsMissing) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", SchoolCall());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::string api = "/api/v1/contacts/" + std::to_string(id);
  auto ids = [](const json& contact) {
    std::set<std::string> out;
    for (const auto& item : contact.at("missing_information")) out.insert(item.at("id").get<std::string>());
    return out;
  };
  const auto before = ids(created.Json());
  for (const char* item : {"child_location", "immediate_protection", "parents_knowledge"})
    ASSERT_TRUE(before.contains(item)) << item;
  auto worker = SignedIn(Role::kSocialWorker);
  auto version = [&] { return worker.Get(api).Json().at("version").get<std::int64_t>(); };
  ASSERT_EQ(worker.SendJson("POST", api + "/screening/start", {{"version", version()}}).status, 200);
  auto saved = worker.SendJson("PUT", api + "/screening",
                               {{"version", version()},
                                {"answers", {{"child_location", "At school, upset"}, {"last_seen", "Today by teacher"}}},
                                {"consent", "informed_agreed"}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  auto after = ids(worker.Get(api).Json());
  EXPECT_FALSE(after.contains("child_location"));
  EXPECT_FALSE(after.contains("parents_knowledge"));
  EXPECT_TRUE(after.contains("immediate_protection")) << "urgent action not answered yet";
  EXPECT_EQ(after.size(), before.size() - 2);
  EXPECT_EQ(ids(saved.Json()), after) << "the workflow's answer counts the same";

  saved = worker.SendJson("PUT", api + "/screening", {{"version", version()}, {"urgent_action", "no"}});
  ASSERT_EQ(saved.status, 200) << saved.body;
  after = ids(worker.Get(api).Json());
  EXPECT_FALSE(after.contains("immediate_protection"));
  EXPECT_EQ(after.size(), before.size() - 3);

  auto page = worker.Get("/contacts/" + std::to_string(id));
  ASSERT_EQ(page.status, 200);
  EXPECT_TRUE(Has(page.body, std::to_string(before.size() - 3) + " items of the checklist are still missing"))
      << page.body;
  EXPECT_TRUE(Has(page.body, "Recorded at screening. Where the child is now: At school, upset; last seen: Today by teacher"));
  EXPECT_TRUE(Has(page.body, "Recorded at screening. Urgent action needed to protect the child: No"));
  EXPECT_TRUE(Has(page.body, "Recorded at screening. Parents informed and agreed to information being shared"));
}

// RULE HCR-25: "not informed" without a reason is refused naming the reasons the API accepts.
TEST_F(ReceivedAt, HCR25_ARefusalForAMissingReasonListsTheAcceptedValues) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", SchoolCall());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string api = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto worker = SignedIn(Role::kSocialWorker);
  auto version = [&] { return worker.Get(api).Json().at("version").get<std::int64_t>(); };
  ASSERT_EQ(worker.SendJson("POST", api + "/screening/start", {{"version", version()}}).status, 200);
  auto refused = worker.SendJson("PUT", api + "/screening", {{"version", version()}, {"consent", "not_informed"}});
  EXPECT_EQ(refused.status, 422);
  EXPECT_TRUE(NamesField(refused, "not_informed_reason"));
  for (const char* id : {"prompt_harm", "unreasonable_delay", "loss_of_evidence", "staff_at_risk", "informs_section_47"})
    EXPECT_TRUE(Has(ErrorsOf(refused), id)) << id << ": " << refused.body;
}

}  // namespace
}  // namespace fd::testing
