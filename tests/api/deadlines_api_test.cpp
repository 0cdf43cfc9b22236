// Deadlines over real HTTP: a contact's deadlines in its JSON, the work queue, and recording the
// acknowledgement (HCR-22) through the API and through the contact page.
#include <regex>

#include "api_fixture.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using DeadlinesApi = ApiTest;

json PhoneContact() {
  return {{"referrer", {{"type", "police"}, {"name", "PC Jo Webb"}, {"agency", "Constabulary"}, {"phone", "01632 960 101"}}},
          {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"}, {"date_of_birth", "2016-03-02"},
                                     {"gender", "female"}}})},
          {"concern", "Domestic incident attended last night; child present."}};
}

const json* Timescale(const json& deadlines, const std::string& timescale) {
  for (const auto& d : deadlines)
    if (d.at("timescale") == timescale) return &d;
  return nullptr;
}

bool Lists(const json& items, std::int64_t contact_id, const std::string& timescale) {
  for (const auto& d : items)
    if (d.at("record").at("id") == contact_id && d.at("timescale") == timescale) return true;
  return false;
}

// RULE HCR-22 RULE HCR-27: the contact's JSON carries its deadlines; the acknowledgement posted
// over the API meets its deadline and leaves the decision open on the team's queue.
TEST_F(DeadlinesApi, HCR22_AcknowledgementOverTheApiMeetsItsDeadline) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PhoneContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::string path = "/api/v1/contacts/" + std::to_string(id);

  const json before = officer.Get(path).Json();
  // RULE HCR-15: a professional's phone contact is also to be confirmed in writing within 24 hours.
  ASSERT_EQ(before.at("deadlines").size(), 3u) << before.dump();
  EXPECT_EQ(Timescale(before.at("deadlines"), "written-confirmation")->at("rule"), "HCR-15");
  EXPECT_EQ(Timescale(before.at("deadlines"), "acknowledgement")->at("rule"), "HCR-22");
  EXPECT_EQ(Timescale(before.at("deadlines"), "decision")->at("rule"), "HCR-27");
  EXPECT_EQ(Timescale(before.at("deadlines"), "acknowledgement")->at("state"), "open");
  EXPECT_TRUE(before.at("acknowledgements").empty());

  auto ack = officer.SendJson("POST", path + "/acknowledgement", {{"method", "verbal"}, {"note", "Told PC Webb"}});
  ASSERT_EQ(ack.status, 201) << ack.body;
  EXPECT_EQ(Timescale(ack.Json().at("deadlines"), "acknowledgement")->at("state"), "met");
  EXPECT_EQ(Timescale(ack.Json().at("deadlines"), "acknowledgement")->at("met_late"), false);

  const json after = officer.Get(path).Json();
  ASSERT_EQ(after.at("acknowledgements").size(), 1u);
  EXPECT_EQ(after.at("acknowledgements")[0].at("method"), "verbal");
  EXPECT_EQ(after.at("acknowledgements")[0].at("note"), "Told PC Webb");

  auto worker = SignedIn(Role::kSocialWorker);
  auto queue = worker.Get("/api/v1/deadlines");  // default: the team's queue
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_TRUE(Lists(queue.Json().at("items"), id, "decision"));
  EXPECT_FALSE(Lists(queue.Json().at("items"), id, "acknowledgement"));
  auto with_met = worker.Get("/api/v1/deadlines?scope=all&include_met=true");
  ASSERT_EQ(with_met.status, 200);
  EXPECT_TRUE(Lists(with_met.Json().at("items"), id, "acknowledgement"));
  EXPECT_TRUE(worker.Get("/api/v1/deadlines?scope=mine").Json().at("items").empty());
}

// RULE HCR-22: the same acknowledgement sent twice (a double click, a retry) is recorded once: the
// repeat answers 200 with the same shape; the contact page's form redirects with its banner both times.
TEST_F(DeadlinesApi, HCR22_RepeatedAcknowledgementIsRecordedOnce) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PhoneContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::string path = "/api/v1/contacts/" + std::to_string(id);
  const json body = {{"method", "verbal"}, {"note", "Told PC Webb"}};
  auto first = officer.SendJson("POST", path + "/acknowledgement", body);
  ASSERT_EQ(first.status, 201) << first.body;
  auto again = officer.SendJson("POST", path + "/acknowledgement", body);
  ASSERT_EQ(again.status, 200) << again.body;
  EXPECT_EQ(again.Json(), first.Json());
  EXPECT_EQ(officer.Get(path).Json().at("acknowledgements").size(), 1u);

  const std::map<std::string, std::string> form{{"Content-Type", "application/x-www-form-urlencoded"}};
  const std::string page = "/contacts/" + std::to_string(id) + "/acknowledgement";
  const std::string fields = "csrf_token=" + officer.csrf_token + "&method=email&note=Sent";
  for (int i = 0; i < 2; ++i) {
    auto posted = officer.Send("POST", page, fields, form);
    ASSERT_EQ(posted.status, 303) << posted.body;
    EXPECT_NE(posted.Header("location").find("acknowledged=1"), std::string::npos);
  }
  EXPECT_EQ(officer.Get(path).Json().at("acknowledgements").size(), 2u);  // the API's and the page's
}

// RULE HCR-4 RULE KCR-8: a contact passed on at receipt (here to the managing-allegations route) is
// not decided by the front door, so it has no decision deadline that nothing could meet; it is still
// acknowledged (HCR-22).
TEST_F(DeadlinesApi, HCR4_KCR8_AContactPassedOnAtReceiptHasNoDecisionDeadline) {
  auto officer = SignedIn(Role::kContactOfficer);
  json body = PhoneContact();
  body["intake"] = {{"channel", "phone"}, {"allegation_against_professional", true},
                    {"indicators", json::array({"police-protection"})}};
  auto created = officer.SendJson("POST", "/api/v1/contacts", body);
  ASSERT_EQ(created.status, 201) << created.body;
  EXPECT_EQ(created.Json().at("state"), "routed");
  const json deadlines = officer.Get("/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>()))
                             .Json()
                             .at("deadlines");
  EXPECT_EQ(Timescale(deadlines, "decision"), nullptr) << deadlines.dump();
  EXPECT_EQ(Timescale(deadlines, "immediate-protection"), nullptr) << deadlines.dump();
  EXPECT_NE(Timescale(deadlines, "acknowledgement"), nullptr) << deadlines.dump();
  EXPECT_NE(Timescale(deadlines, "written-confirmation"), nullptr) << deadlines.dump();
}

// The queue links a contact only for a role that may open it: an analyst sees the reference as
// plain text (the contact page is 403 for them); a contact officer gets the link.
TEST_F(DeadlinesApi, TheQueueLinksOnlyRecordsTheReaderMayOpen) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PhoneContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string href = "href=\"/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>()) + "\"";
  const std::string reference = created.Json().at("reference");
  auto analyst = SignedIn(Role::kAnalyst);
  auto queue = analyst.Get("/deadlines?scope=all");
  ASSERT_EQ(queue.status, 200) << queue.body;
  EXPECT_NE(queue.body.find(reference), std::string::npos);
  EXPECT_EQ(queue.body.find(href), std::string::npos);
  EXPECT_EQ(analyst.Get("/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>())).status, 403);
  EXPECT_NE(officer.Get("/deadlines?scope=all").body.find(href), std::string::npos);
}

// RULE HCR-15: the system tracks the written confirmation of a professional's phone contact until
// it is received; recording it meets the deadline, and a second time is a conflict.
TEST_F(DeadlinesApi, HCR15_WrittenConfirmationIsTrackedUntilReceived) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PhoneContact());
  ASSERT_EQ(created.status, 201);
  const std::string path = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<int>());
  auto received = officer.SendJson("POST", path + "/written-confirmation", {{"note", "Red form received by e-mail"}});
  ASSERT_EQ(received.status, 201) << received.body;
  EXPECT_EQ(Timescale(received.Json().at("deadlines"), "written-confirmation")->at("state"), "met");
  EXPECT_EQ(officer.SendJson("POST", path + "/written-confirmation", json::object()).status, 409);
}

TEST_F(DeadlinesApi, RefusalsNameTheFieldAndTheRole) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PhoneContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string path = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<int>()) + "/acknowledgement";

  auto no_method = officer.SendJson("POST", path, {{"note", "x"}});
  EXPECT_EQ(no_method.status, 422);
  EXPECT_TRUE(NamesField(no_method, "method")) << no_method.body;
  auto bad_method = officer.SendJson("POST", path, {{"method", "fax"}});
  EXPECT_EQ(bad_method.status, 422);
  EXPECT_TRUE(NamesField(bad_method, "method"));
  auto typo = officer.SendJson("POST", path, {{"method", "email"}, {"nots", "x"}});
  EXPECT_EQ(typo.status, 422);
  EXPECT_TRUE(NamesField(typo, "nots"));
  EXPECT_EQ(officer.SendJson("POST", "/api/v1/contacts/999999/acknowledgement", {{"method", "email"}}).status, 404);
  EXPECT_EQ(officer.SendJson("POST", "/api/v1/contacts/abc/acknowledgement", {{"method", "email"}}).status, 404);

  auto bad_scope = officer.Get("/api/v1/deadlines?scope=everyone");
  EXPECT_EQ(bad_scope.status, 422);
  EXPECT_TRUE(NamesField(bad_scope, "scope"));
  EXPECT_EQ(officer.Get("/api/v1/deadlines?include_met=yes").status, 422);

  EXPECT_EQ(SignedIn(Role::kAnalyst).SendJson("POST", path, {{"method", "email"}}).status, 403);
  EXPECT_EQ(SignedIn(Role::kAdministrator).Get("/api/v1/deadlines").status, 403);
  EXPECT_EQ(Client().Get("/api/v1/deadlines").status, 401);
}

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

std::string CsrfTokenOn(const std::string& page) {
  std::smatch match;
  static const std::regex token("name=\"csrf_token\" value=\"([^\"]+)\"");
  return std::regex_search(page, match, token) ? match[1].str() : "";
}

// RULE HCR-24: a professional who chases after the decision is told the outcome; under Hertfordshire
// the page cites Hertfordshire's rule, not Kent's KCR-17.
TEST_F(DeadlinesApi, HCR24_AChaseAfterTheDecisionCitesHertfordshiresRule) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  ScreenAndDecide(worker, manager, id,
                  {{"outcome", "families-first"}, {"children", {0}}, {"rationale", "Support needed"},
                   {"next_steps", "Families First worker to contact the mother"}});
  if (HasFatalFailure()) return;
  const std::string page = "/contacts/" + std::to_string(id);
  const std::string token = CsrfTokenOn(officer.Get(page).body);
  auto chased = officer.Send("POST", page + "/chase",
                             "csrf_token=" + http::PercentEncode(token) + "&chase_note=" + http::PercentEncode("Rang"),
                             kFormHeaders);
  ASSERT_EQ(chased.status, 200) << chased.body;
  EXPECT_NE(chased.body.find("tell them the outcome and next steps shown on the contact (HCR-24)"), std::string::npos);
  EXPECT_EQ(chased.body.find("KCR-17"), std::string::npos);
}

// RULE HCR-22: the contact page shows the deadlines and records the acknowledgement; a form sent
// without a method comes back with the message beside the radios and the note kept.
TEST_F(DeadlinesApi, HCR22_AcknowledgementThroughTheContactPage) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PhoneContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string reference = created.Json().at("reference");
  const std::string page = "/contacts/" + std::to_string(created.Json().at("id").get<int>());

  auto shown = officer.Get(page);
  ASSERT_EQ(shown.status, 200);
  EXPECT_NE(shown.body.find("Acknowledge every contact"), std::string::npos);
  EXPECT_NE(shown.body.find("HCR-22"), std::string::npos);
  EXPECT_NE(shown.body.find("Record acknowledgement"), std::string::npos);
  const std::string token = CsrfTokenOn(shown.body);
  ASSERT_FALSE(token.empty());

  auto refused = officer.Send("POST", page + "/acknowledgement",
                              "csrf_token=" + http::PercentEncode(token) + "&note=" + http::PercentEncode("Rang back at 3"),
                              kFormHeaders);
  EXPECT_EQ(refused.status, 422);
  EXPECT_NE(refused.body.find("Choose how the referrer was told: on the phone or in person, or by e-mail"),
            std::string::npos);
  EXPECT_EQ(refused.body.find("verbal (on the phone)"), std::string::npos);
  EXPECT_NE(refused.body.find("Rang back at 3"), std::string::npos);
  EXPECT_NE(refused.body.find("href=\"#ack-method\""), std::string::npos);

  auto done = officer.Send("POST", page + "/acknowledgement",
                           "csrf_token=" + http::PercentEncode(token) + "&method=email&note=", kFormHeaders);
  EXPECT_EQ(done.status, 303);
  EXPECT_EQ(done.Header("location"), page + "?acknowledged=1");
  auto after = officer.Get(page + "?acknowledged=1");
  EXPECT_NE(after.body.find("Acknowledgement recorded"), std::string::npos);
  EXPECT_NE(after.body.find("By e-mail"), std::string::npos);

  // RULE HCR-23 RULE HCR-15: the referrer chasing, and the written confirmation arriving, on the page.
  auto chased = officer.Send("POST", page + "/chase",
                             "csrf_token=" + http::PercentEncode(token) + "&chase_note=" + http::PercentEncode("Rang again"),
                             kFormHeaders);
  EXPECT_EQ(chased.status, 200);
  EXPECT_NE(chased.body.find("What to tell the referrer"), std::string::npos);
  EXPECT_NE(chased.body.find("only that contact " + reference + " was received"), std::string::npos);
  EXPECT_NE(chased.body.find("Written confirmation received"), std::string::npos);
  auto confirmed = officer.Send("POST", page + "/written-confirmation", "csrf_token=" + http::PercentEncode(token),
                                kFormHeaders);
  EXPECT_EQ(confirmed.status, 303);
  auto after_confirm = officer.Get(page + "?confirmed=1");
  EXPECT_NE(after_confirm.body.find("Written confirmation recorded as received"), std::string::npos);
  EXPECT_EQ(after_confirm.body.find("Written confirmation received</button>"), std::string::npos);

  auto queue = SignedIn(Role::kSocialWorker).Get("/deadlines");
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find(reference), std::string::npos);
  EXPECT_NE(queue.body.find("Decide the response"), std::string::npos);
  // The analyst may see the queue of deadlines but not acknowledge.
  auto analyst_page = SignedIn(Role::kAnalyst).Get(page);
  EXPECT_EQ(analyst_page.status, 403);
}

}  // namespace
}  // namespace fd::testing

namespace fd::testing {
namespace {

// RULE CAL-2 RULE CAL-3: the bank-holiday list ends on 31 December 2028. A contact received on Friday
// 29 December 2028 at 14:00 has its decision (1 working day, HCR-27) counted into 2029 as if New
// Year's Day were a working day: the deadline says so in its JSON, and the queue, the contact page
// and the dashboard's records say "check this date" beside the due time. Its 24-hour deadline
// (elapsed time, no bank holidays) is not flagged.
TEST_F(DeadlinesApi, CAL2_CAL3_ADeadlineCountedPastTheBankHolidayListIsFlagged) {
  const Instant friday = *ParseUtc("2028-12-29T14:00:00Z");
  clock_.Advance(std::chrono::duration_cast<std::chrono::seconds>(friday - clock_.Now()));
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PhoneContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const json contact = officer.Get("/api/v1/contacts/" + std::to_string(id)).Json();
  const json* decision = Timescale(contact.at("deadlines"), "decision");
  ASSERT_NE(decision, nullptr) << contact.dump();
  EXPECT_EQ(decision->at("due_at_local").get<std::string>().substr(0, 10), "2029-01-01");
  EXPECT_EQ(decision->at("counted_without_bank_holidays"), true);
  EXPECT_EQ(decision->at("bank_holidays_known_until"), "2028-12-31");
  const json* written = Timescale(contact.at("deadlines"), "written-confirmation");
  ASSERT_NE(written, nullptr);
  EXPECT_EQ(written->at("counted_without_bank_holidays"), false);
  EXPECT_TRUE(written->at("bank_holidays_known_until").is_null());

  const std::string note = "Bank holidays after 31 December 2028 are not known: check this date";
  const json queue = officer.Get("/api/v1/deadlines?scope=all").Json();
  bool flagged_on_queue = false;
  for (const auto& d : queue.at("items"))
    if (d.at("record").at("id") == id && d.at("timescale") == "decision")
      flagged_on_queue = d.at("counted_without_bank_holidays").get<bool>();
  EXPECT_TRUE(flagged_on_queue) << queue.dump();

  auto queue_page = officer.Get("/deadlines?scope=all");
  ASSERT_EQ(queue_page.status, 200);
  EXPECT_NE(queue_page.body.find(note), std::string::npos);
  auto contact_page = officer.Get("/contacts/" + std::to_string(id));
  ASSERT_EQ(contact_page.status, 200);
  EXPECT_NE(contact_page.body.find(note), std::string::npos);
  auto records = SignedIn(Role::kTeamManager)
                     .Get("/dashboard/records?figure=deadlines&from=2028-12-29&to=2028-12-29");
  ASSERT_EQ(records.status, 200) << records.body;
  EXPECT_NE(records.body.find(note), std::string::npos) << records.body;
  auto api_records = SignedIn(Role::kTeamManager)
                         .Get("/api/v1/dashboard/records?figure=deadlines&from=2028-12-29&to=2028-12-29");
  ASSERT_EQ(api_records.status, 200) << api_records.body;
  EXPECT_NE(api_records.body.find(note), std::string::npos) << api_records.body;
}

// RULE CAL-2 RULE CAL-3: a deadline counted within the list is not flagged, and no page says so.
TEST_F(DeadlinesApi, CAL2_CAL3_ADeadlineWithinTheBankHolidayListIsNotFlagged) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PhoneContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  for (const auto& d : officer.Get("/api/v1/contacts/" + std::to_string(id)).Json().at("deadlines"))
    EXPECT_EQ(d.at("counted_without_bank_holidays"), false) << d.dump();
  EXPECT_EQ(officer.Get("/contacts/" + std::to_string(id)).body.find("are not known: check this date"), std::string::npos);
}

// RULE CAL-2 RULE CAL-3: a deadline opened before migration 0033 has no mark, though its working
// days ran past the bank-holiday list (here the marks are taken away: such a deadline never had one),
// so its due time was shown as certain. When the server starts it marks the open ones, once: the
// contact page and the queue then ask for the due time to be checked. One already met is history and
// is left as it was.
TEST_F(DeadlinesApi, CAL2_CAL3_AnOpenDeadlineFromBeforeTheMarksIsMarkedWhenTheServerStarts) {
  const Instant friday = *ParseUtc("2028-12-29T14:00:00Z");
  clock_.Advance(std::chrono::duration_cast<std::chrono::seconds>(friday - clock_.Now()));
  auto officer = SignedIn(Role::kContactOfficer);
  auto open = officer.SendJson("POST", "/api/v1/contacts", PhoneContact());
  auto met = officer.SendJson("POST", "/api/v1/contacts", PhoneContact());
  ASSERT_EQ(open.status, 201) << open.body;
  ASSERT_EQ(met.status, 201) << met.body;
  const std::int64_t id = open.Json().at("id");
  const std::int64_t met_id = met.Json().at("id");
  auto marks = [&] {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM deadlines_past_bank_holidays").at(0).Int(0);
  };
  const std::int64_t marked_when_opened = marks();  // the decisions and acknowledgements of both
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("DELETE FROM deadlines_past_bank_holidays");
    tx->Execute("UPDATE deadlines SET met_at = ? WHERE record_type = 'contact' AND record_id = ? AND "
                "timescale = 'decision'",
                {FormatUtc(friday + std::chrono::hours{1}), met_id});
    tx->Commit();
  }
  const std::string note = "Bank holidays after 31 December 2028 are not known: check this date";
  const std::string page = "/contacts/" + std::to_string(id);
  EXPECT_EQ(officer.Get(page).body.find(note), std::string::npos);  // as it was: shown as certain

  RestartService();
  auto after = SignedIn(Role::kContactOfficer);
  auto contact_page = after.Get(page);
  ASSERT_EQ(contact_page.status, 200);
  EXPECT_NE(contact_page.body.find(note), std::string::npos);
  EXPECT_NE(after.Get("/deadlines?scope=all").body.find(note), std::string::npos);
  const json contact = after.Get("/api/v1" + page).Json();
  const json* decision = Timescale(contact.at("deadlines"), "decision");
  ASSERT_NE(decision, nullptr);
  EXPECT_EQ(decision->at("counted_without_bank_holidays"), true);
  EXPECT_EQ(decision->at("bank_holidays_known_until"), "2028-12-31");
  const json met_contact = after.Get("/api/v1/contacts/" + std::to_string(met_id)).Json();
  const json* met_decision = Timescale(met_contact.at("deadlines"), "decision");
  ASSERT_NE(met_decision, nullptr);
  EXPECT_EQ(met_decision->at("counted_without_bank_holidays"), false);
  EXPECT_EQ(marks(), marked_when_opened - 1);  // all but the met decision

  RestartService();  // again: nothing more to mark
  EXPECT_EQ(marks(), marked_when_opened - 1);
}

}  // namespace
}  // namespace fd::testing
