// Police domestic-abuse notification batches (issue 12 point 4; docs/api.md "Police notifications"):
// a force's daily batch in CSV or JSON, each row checked on its own and reported by row and field,
// resends creating nothing, every notification matched against the register and graded from its
// own risk level, and a team manager's bulk decisions, all or nothing, audited one by one.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <set>
#include <tuple>

#include "api_fixture.h"
#include "app/api_tokens.h"
#include "calendar/local_time.h"
#include "domain/contact.h"
#include "http/message.h"

namespace fd::testing {
namespace {

using nlohmann::json;

json Notification(const std::string& reference, const std::string& risk, const std::string& at = "2026-01-10T22:15:00Z") {
  return {{"force_reference", reference},
          {"notified_at", at},
          {"risk_level", risk},
          {"incident_summary", "Verbal argument between the parents; the children were upstairs."},
          {"officer", "PC 4521 Dawson"},
          {"officer_email", "k.dawson@example.police.uk"},
          {"children", json::array({{{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                                     {"address", "12 Orchard Way, Exampleton EX1 2AB"}}})},
          {"adults", json::array({{{"name", "Sam Example"}, {"role", "alleged perpetrator"}},
                                  {{"name", "Jo Example"}, {"role", "victim"}}})}};
}

class PoliceNotifications : public ApiTest {
 protected:
  void SetUp() override {
    ApiTest::SetUp();
    auto created = app::CreateApiToken(*ctx_, std::nullopt, {"force", "contact_officer", {"police-notifications"}});
    ASSERT_TRUE(created);
    token_ = created->token;
  }
  HttpReply SendBatch(const std::string& body, const std::string& type) {
    return Client().Send("POST", "/api/v1/police-notifications/batches", body,
                         {{"Authorization", "Bearer " + token_}, {"Content-Type", type}});
  }
  HttpReply SendJsonBatch(const json& notifications) {
    return SendBatch(json{{"notifications", notifications}}.dump(), "application/json");
  }
  json Queue(HttpClient& client, const std::string& status = "awaiting-triage") {
    auto reply = client.Get("/api/v1/police-notifications?status=" + status);
    EXPECT_EQ(reply.status, 200) << reply.body;
    return reply.Json();
  }
  std::int64_t Count(const std::string& sql) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query(sql).at(0).Int(0);
  }
  std::string token_;
};

TEST_F(PoliceNotifications, AJsonBatchIsImportedGradedAndQueuedHighRiskFirst) {
  auto reply = SendJsonBatch(json::array({Notification("KNT-1", "standard", "2026-01-09T10:00:00Z"),
                                          Notification("KNT-2", "high", "2026-01-10T10:00:00Z"),
                                          Notification("KNT-3", "medium", "2026-01-08T10:00:00Z"),
                                          Notification("KNT-4", "high", "2026-01-07T10:00:00Z")}));
  ASSERT_EQ(reply.status, 201) << reply.body;
  const json report = reply.Json();
  EXPECT_EQ(report.at("rows"), 4);
  EXPECT_EQ(report.at("imported"), 4);
  EXPECT_EQ(report.at("refused"), 0);
  EXPECT_TRUE(report.at("problems").empty());

  auto manager = SignedIn(Role::kTeamManager);
  const json queue = Queue(manager);
  ASSERT_EQ(queue.at("total"), 4);
  std::vector<std::string> order;
  for (const auto& n : queue.at("items")) order.push_back(n.at("force_reference").get<std::string>());
  // High risk first (urgent), oldest first within a grade.
  EXPECT_EQ(order, (std::vector<std::string>{"KNT-4", "KNT-2", "KNT-3", "KNT-1"}));
  EXPECT_EQ(queue.at("items")[0].at("grade"), "urgent");
  EXPECT_EQ(queue.at("items")[2].at("grade"), "medium");
  EXPECT_EQ(queue.at("items")[3].at("grade"), "standard");
  EXPECT_EQ(queue.at("items")[0].at("adults").size(), 2u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'police-notification.received'"), 4);
}

// A bad row is reported by its number and field; the good rows are still imported.
TEST_F(PoliceNotifications, BadRowsAreReportedByRowAndFieldAndGoodRowsImported) {
  json bad_risk = Notification("KNT-11", "severe");
  json bad_child = Notification("KNT-12", "medium");
  bad_child["children"][0]["date_of_birth"] = "2017-02-30";
  bad_child["children"][0]["last_name"] = "";
  json no_reference = Notification("", "standard");
  auto reply = SendJsonBatch(json::array({Notification("KNT-10", "medium"), bad_risk, bad_child, no_reference,
                                          Notification("KNT-13", "standard")}));
  ASSERT_EQ(reply.status, 201) << reply.body;
  const json report = reply.Json();
  EXPECT_EQ(report.at("imported"), 2);
  EXPECT_EQ(report.at("refused"), 3);
  std::set<std::string> seen;
  for (const auto& p : report.at("problems"))
    seen.insert(std::to_string(p.at("row").get<int>()) + " " + p.at("field").get<std::string>());
  EXPECT_TRUE(seen.contains("2 risk_level")) << report.dump(2);
  EXPECT_TRUE(seen.contains("3 children[0].date_of_birth")) << report.dump(2);
  EXPECT_TRUE(seen.contains("3 children[0].last_name")) << report.dump(2);
  EXPECT_TRUE(seen.contains("4 force_reference")) << report.dump(2);
  EXPECT_EQ(report.at("problems")[0].at("force_reference"), "KNT-11");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM police_da_notifications"), 2);
}

// A value of the wrong type is named in words in the message, its path in `field` only.
TEST_F(PoliceNotifications, AWrongTypeIsNamedInWords) {
  json numbered = Notification("KNT-14", "medium");
  numbered["children"][0]["first_names"] = 12;
  numbered["officer"] = json::array();
  auto reply = SendJsonBatch(json::array({numbered}));
  ASSERT_EQ(reply.status, 201) << reply.body;
  std::map<std::string, std::string> messages;
  const json report = reply.Json();  // kept: at() returns a reference into it
  for (const auto& p : report.at("problems")) messages.emplace(p.at("field"), p.at("message"));  // the first
  EXPECT_EQ(messages["children[0].first_names"], "The first names of child 1 must be text, in quotes, like \"Mia Rose\"")
      << reply.body;
  EXPECT_EQ(messages["officer"], "The officer's name must be text, in quotes, like \"PC Sam Jones\"") << reply.body;
}

// The force reference is the idempotency key: a resent batch creates nothing; a reference resent
// with different details is refused (a correction needs a reference of its own).
TEST_F(PoliceNotifications, AResentBatchCreatesNothingNew) {
  const json batch = json::array({Notification("KNT-20", "medium"), Notification("KNT-21", "high")});
  ASSERT_EQ(SendJsonBatch(batch).status, 201);
  for (int i = 0; i < 2; ++i) {
    auto again = SendJsonBatch(batch);
    ASSERT_EQ(again.status, 201) << again.body;
    EXPECT_EQ(again.Json().at("imported"), 0);
    EXPECT_EQ(again.Json().at("repeated"), 2);
  }
  json changed = Notification("KNT-20", "high");
  auto clash = SendJsonBatch(json::array({changed}));
  ASSERT_EQ(clash.status, 201) << clash.body;
  EXPECT_EQ(clash.Json().at("refused"), 1);
  EXPECT_EQ(clash.Json().at("problems")[0].at("field"), "force_reference");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM police_da_notifications"), 2);
  // The same notification sent as CSV is the same notification: a repeat, not a clash.
  const std::string csv =
      "force_reference,notified_at,risk_level,incident_summary,officer,officer_email,children,adults\r\n"
      "KNT-21,2026-01-10T22:15:00Z,high,\"Verbal argument between the parents; the children were upstairs.\","
      "PC 4521 Dawson,k.dawson@example.police.uk,\"Mia|Example|2017-05-14|12 Orchard Way, Exampleton EX1 2AB\","
      "Sam Example|alleged perpetrator;Jo Example|victim\r\n";
  auto as_csv = SendBatch(csv, "text/csv");
  ASSERT_EQ(as_csv.status, 201) << as_csv.body;
  EXPECT_EQ(as_csv.Json().at("repeated"), 1) << as_csv.body;
}

TEST_F(PoliceNotifications, ACsvBatchIsImportedWithQuotedFieldsAndRowNumbers) {
  const std::string csv =
      "\xEF\xBB\xBF" "force_reference,risk_level,notified_at,officer,officer_email,incident_summary,children,adults\n"
      "KNT-30,high,2026-01-10T22:15:00Z,PC 1 Smith,a.smith@example.police.uk,\"Assault, \"\"serious\"\"; child "
      "present\",Leo|Example|2019-02-01|3 Mill Lane;Ava|Example||3 Mill Lane,Sam Example|alleged perpetrator\n"
      "KNT-31,low,2026-01-10T22:15:00Z,PC 1 Smith,a.smith@example.police.uk,Argument,Leo|Example,\n"
      "KNT-32,standard,2026-01-10T22:15:00Z,PC 1 Smith,a.smith@example.police.uk,\"Shouting\nheard by neighbours\","
      "Leo|Example,\n";
  auto reply = SendBatch(csv, "text/csv; charset=utf-8");
  ASSERT_EQ(reply.status, 201) << reply.body;
  const json report = reply.Json();
  EXPECT_EQ(report.at("imported"), 2) << report.dump(2);
  ASSERT_EQ(report.at("problems").size(), 1u) << report.dump(2);
  EXPECT_EQ(report.at("problems")[0].at("row"), 2);
  EXPECT_EQ(report.at("problems")[0].at("field"), "risk_level");
  auto manager = SignedIn(Role::kTeamManager);
  const json queue = Queue(manager);
  ASSERT_EQ(queue.at("total"), 2);
  EXPECT_EQ(queue.at("items")[0].at("incident_summary"), "Assault, \"serious\"; child present");
  EXPECT_EQ(queue.at("items")[0].at("children").size(), 2u);
  EXPECT_EQ(queue.at("items")[1].at("incident_summary"), "Shouting\nheard by neighbours");
}

TEST_F(PoliceNotifications, AFileThatCannotBeReadIsRefusedWhole) {
  EXPECT_EQ(SendBatch("force_reference,risk_level\nKNT-1,high\n", "text/csv").status, 422);
  EXPECT_EQ(SendBatch("not json", "application/json").status, 422);
  EXPECT_EQ(SendBatch("{\"notifications\": 3}", "application/json").status, 422);
  EXPECT_EQ(SendBatch("[]", "application/json").status, 422);
  EXPECT_EQ(SendBatch("<xml/>", "application/xml").status, 415);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM police_batches"), 0);
}

// A force's batch may be larger than every other route takes (1 MiB; the test server's 256 KiB): 32 MiB here.
TEST_F(PoliceNotifications, ABatchOverTheUsualBodyLimitIsTaken) {
  json batch = json::array();
  for (int i = 0; i < 120; ++i) {
    json n = Notification("BIG-" + std::to_string(i), "standard");
    n["incident_summary"] = std::string(19000, 'x');
    batch.push_back(n);
  }
  const std::string body = json{{"notifications", batch}}.dump();
  ASSERT_GT(body.size(), 2u * 1024 * 1024);
  auto taken = SendBatch(body, "application/json");
  ASSERT_EQ(taken.status, 201) << taken.body.substr(0, 300);
  EXPECT_EQ(taken.Json().at("imported"), 120);
  // Other routes keep theirs: Hardening.OversizedInputIsRefusedWithAClearMessage. (Not repeated here:
  // a client still writing 2 MiB when the server answers 413 and closes may see the connection reset.)
}

// Each child is checked against the people register; the candidates are kept with the notification.
TEST_F(PoliceNotifications, EachChildIsMatchedAgainstTheRegister) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto person = worker.SendJson("POST", "/api/v1/people",
                                {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                                 {"gender", "female"}, {"address", "12 Orchard Way, Exampleton EX1 2AB"}});
  ASSERT_EQ(person.status, 201) << person.body;
  const auto person_id = person.Json().at("id").get<std::int64_t>();
  json unknown = Notification("KNT-41", "standard");
  unknown["children"][0]["first_names"] = "Zebedee";
  unknown["children"][0]["last_name"] = "Quartermaine";
  unknown["children"][0]["date_of_birth"] = "2012-12-01";
  ASSERT_EQ(SendJsonBatch(json::array({Notification("KNT-40", "medium"), unknown})).status, 201);
  auto manager = SignedIn(Role::kTeamManager);
  const json queue = Queue(manager);
  ASSERT_EQ(queue.at("total"), 2);
  for (const auto& n : queue.at("items")) {
    const json& match = n.at("matches").at(0);
    EXPECT_TRUE(match.at("searched").get<bool>());
    if (n.at("force_reference") == "KNT-40") {
      ASSERT_FALSE(match.at("candidates").empty()) << n.dump(2);
      EXPECT_EQ(match.at("candidates")[0].at("person_id"), person_id);
      EXPECT_EQ(match.at("candidates")[0].at("band"), "likely");
    } else {
      EXPECT_TRUE(match.at("candidates").empty()) << n.dump(2);
    }
  }
}

TEST_F(PoliceNotifications, AManagerDecidesInBulkEachAuditedAndContactsOpened) {
  ASSERT_EQ(SendJsonBatch(json::array({Notification("KNT-50", "standard"), Notification("KNT-51", "medium"),
                                       Notification("KNT-52", "high")}))
                .status,
            201);
  auto manager = SignedIn(Role::kTeamManager);
  std::map<std::string, std::int64_t> ids;
  const json queue = Queue(manager);  // kept: a range-for over a temporary's member would dangle
  for (const auto& n : queue.at("items"))
    ids[n.at("force_reference").get<std::string>()] = n.at("id").get<std::int64_t>();

  auto closed = manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                                 {{"ids", {ids["KNT-50"], ids["KNT-51"]}},
                                  {"decision", "information-only"},
                                  {"reason", "Information only, no children's services role"}});
  ASSERT_EQ(closed.status, 200) << closed.body;
  EXPECT_EQ(closed.Json().at("decided").size(), 2u);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'police-notification.decided'"), 2);

  auto opened = manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                                 {{"ids", {ids["KNT-52"]}}, {"decision", "open-contact"}, {"reason", "High risk: screen today"}});
  ASSERT_EQ(opened.status, 200) << opened.body;
  const json contact = opened.Json().at("decided")[0].at("contact");
  auto shown = manager.Get("/api/v1/contacts/" + std::to_string(contact.at("id").get<std::int64_t>()));
  ASSERT_EQ(shown.status, 200) << shown.body;
  EXPECT_EQ(shown.Json().at("referrer").at("type"), "police");
  EXPECT_NE(shown.Json().at("concern").get<std::string>().find("KNT-52"), std::string::npos);
  EXPECT_EQ(Queue(manager).at("total"), 0);
  const json done = Queue(manager, "contact-opened");
  ASSERT_EQ(done.at("total"), 1);
  EXPECT_EQ(done.at("items")[0].at("contact").at("reference"), contact.at("reference"));
  EXPECT_EQ(done.at("items")[0].at("decision").at("reason"), "High risk: screen today");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'police-notification.decided'"), 3);
}

// RULE KCR-8 RULE HCR-27 RULE HCR-12 RULE KCR-7 RULE CAL-1: a contact opened from a notification keeps
// what the notification said. It was received when the force's batch arrived, not when a manager
// triaged it, so its deadlines count from then; a high-risk one is urgent; the alleged perpetrator
// the police named is recorded (not "missing"); the notification's time is in local time.
TEST_F(PoliceNotifications, KCR8_AContactFromANotificationKeepsItsReceiptUrgencyAndWhatThePoliceSaid) {
  ASSERT_EQ(SendJsonBatch(json::array({Notification("KNT-60", "high", "2026-07-10T22:15:00Z"),
                                       Notification("KNT-61", "medium", "2026-07-10T22:20:00Z")}))
                .status,
            201);
  auto first = SignedIn(Role::kTeamManager);
  const json waiting = Queue(first);
  ASSERT_EQ(waiting.at("total"), 2);
  const std::string received = waiting.at("items")[0].at("received_at");
  std::vector<std::int64_t> ids;
  for (const auto& n : waiting.at("items")) ids.push_back(n.at("id").get<std::int64_t>());

  clock_.Advance(std::chrono::hours(24 * 6));  // triaged days later: past a working day, bank holidays or not
  auto manager = SignedIn(Role::kTeamManager);
  auto opened = manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                                 {{"ids", ids}, {"decision", "open-contact"}, {"reason", "Screen"}});
  ASSERT_EQ(opened.status, 200) << opened.body;
  const json high = opened.Json().at("decided")[0].at("contact");
  const json medium = opened.Json().at("decided")[1].at("contact");
  const json contact = manager.Get("/api/v1/contacts/" + std::to_string(high.at("id").get<std::int64_t>())).Json();
  EXPECT_EQ(contact.at("urgent"), true) << contact.dump(2);
  EXPECT_EQ(contact.at("received_at_utc"), received) << "receipt is the batch's arrival, not the triage";
  EXPECT_NE(contact.at("routing_note").get<std::string>().find("graded the risk high"), std::string::npos);
  const std::string concern = contact.at("concern");
  EXPECT_NE(concern.find("10 July 2026 at 11:15pm"), std::string::npos) << concern;  // BST, not UTC
  EXPECT_EQ(concern.find("2026-07-10T22:15:00Z"), std::string::npos) << concern;
  EXPECT_NE(contact.at("intake").at("information").value("alleged_perpetrator", "").find("Sam Example"),
            std::string::npos)
      << contact.at("intake").dump(2);
  EXPECT_EQ(contact.at("missing_information").dump().find("Alleged perpetrator"), std::string::npos)
      << contact.at("missing_information").dump(2);
  bool decision_deadline = false;
  for (const auto& d : contact.at("deadlines"))
    if (d.at("timescale") == "decision") {
      decision_deadline = true;
      EXPECT_EQ(d.at("starts_at"), received) << d.dump(2);
      EXPECT_EQ(d.at("state"), "breached") << "a working day has passed since receipt: " << d.dump(2);
    }
  EXPECT_TRUE(decision_deadline) << contact.at("deadlines").dump(2);
  const json other = manager.Get("/api/v1/contacts/" + std::to_string(medium.at("id").get<std::int64_t>())).Json();
  EXPECT_EQ(other.at("urgent"), false) << "only the force's high risk makes it urgent";
}

// RULE KCR-13 RULE HCR-28: the police referred it, so "a crime may have been committed" needs no
// telling them: the task is done at once, naming their notification, and no deadline opens.
TEST_F(PoliceNotifications, KCR13_ACrimeInANotificationThePoliceSentNeedsNoTellingThePolice) {
  ASSERT_EQ(SendJsonBatch(json::array({Notification("KNT-70", "high")})).status, 201);
  auto manager = SignedIn(Role::kTeamManager);
  const std::int64_t id = Queue(manager).at("items")[0].at("id");
  auto opened = manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                                 {{"ids", {id}}, {"decision", "open-contact"}, {"reason", "Screen"}});
  ASSERT_EQ(opened.status, 200) << opened.body;
  const std::string base =
      "/api/v1/contacts/" + std::to_string(opened.Json().at("decided")[0].at("contact").at("id").get<std::int64_t>());
  auto worker = SignedIn(Role::kSocialWorker);
  auto started = PostWithVersion(worker, base + "/screening/start", json::object(), 1);
  ASSERT_EQ(started.status, 200) << started.body;
  const auto answers = [](std::int64_t version) {
    return json{{"answers", {{"nature", "Domestic abuse"}, {"how_arose", "Police notification"}, {"needs", "Safety"},
                             {"child_location", "At home"}, {"last_seen", "By the officer"}, {"family_known", "No"}}},
                {"significant_harm", "not_known"}, {"urgent_action", "no"}, {"crime_possible", "yes"},
                {"consent", "informed_agreed"}, {"version", version}};
  };
  auto saved = worker.SendJson("PUT", base + "/screening", answers(started.Json().at("version")));
  ASSERT_EQ(saved.status, 200) << saved.body;
  const json workflow = worker.Get(base + "/workflow").Json();
  ASSERT_EQ(workflow.at("police_notifications").size(), 1u) << workflow.dump(2);
  EXPECT_FALSE(workflow.at("police_notifications")[0].at("done_at").is_null());
  EXPECT_EQ(workflow.at("police_notifications")[0].at("police_reference"), "KNT-70");
  for (const auto& t : workflow.at("tasks")) {
    if (t.at("id") == "police_notification") {
      EXPECT_TRUE(t.at("done").get<bool>()) << t;
    }
  }
  const json contact = worker.Get(base).Json();
  for (const auto& d : contact.at("deadlines")) EXPECT_NE(d.at("timescale"), "police-notification") << d.dump(2);

  // A contact the police did not send still opens the deadline (HCR-28: tell them at once).
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string school = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());
  auto start2 = PostWithVersion(worker, school + "/screening/start", json::object(), 1);
  ASSERT_EQ(start2.status, 200) << start2.body;
  ASSERT_EQ(worker.SendJson("PUT", school + "/screening", answers(start2.Json().at("version"))).status, 200);
  bool opened_deadline = false;
  const json school_contact = worker.Get(school).Json();  // kept: a range-for over a temporary's member would dangle
  for (const auto& d : school_contact.at("deadlines"))
    if (d.at("timescale") == "police-notification") opened_deadline = true;
  EXPECT_TRUE(opened_deadline) << school_contact.dump(2);
}

// RULE KCR-8 RULE HCR-27: nothing waits unseen in triage: each notification shows when the front
// door's decision is due (a working day from receipt), overdue ones are flagged, and the queue says
// how long the longest-waiting one has waited, in the API and on the page.
TEST_F(PoliceNotifications, KCR8_TheTriageQueueShowsTheDecisionDueAndTheLongestWait) {
  ASSERT_EQ(SendJsonBatch(json::array({Notification("KNT-80", "standard")})).status, 201);
  clock_.Advance(std::chrono::hours(24 * 7));  // past a working day, bank holidays or not
  auto manager = SignedIn(Role::kTeamManager);
  const json queue = Queue(manager);
  ASSERT_EQ(queue.at("total"), 1);
  EXPECT_EQ(queue.at("oldest_waiting_since"), queue.at("items")[0].at("received_at"));
  EXPECT_GE(queue.at("oldest_waiting_minutes").get<std::int64_t>(), 7 * 24 * 60);
  EXPECT_TRUE(queue.at("items")[0].contains("decide_by")) << queue.dump(2);
  EXPECT_EQ(queue.at("items")[0].at("overdue"), true);
  auto page = manager.Get("/police-notifications");
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("The longest-waiting notification arrived"), std::string::npos);
  EXPECT_NE(page.body.find("(7 days ago)"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Decide by"), std::string::npos);
  EXPECT_NE(page.body.find(">overdue<"), std::string::npos);
  // Once decided, nothing waits.
  const std::int64_t id = queue.at("items")[0].at("id");
  ASSERT_EQ(manager
                .SendJson("POST", "/api/v1/police-notifications/decisions",
                          {{"ids", {id}}, {"decision", "information-only"}, {"reason", "No role"}})
                .status,
            200);
  EXPECT_TRUE(Queue(manager).at("oldest_waiting_since").is_null());
}

// A child is under 18 on the day of the notification (an unborn child is sent without a date of
// birth); an officer's address that is not secure is no reason to refuse (RULE KCR-5 limits what is
// sent; RULE KCR-18: every contact is recorded); and the upload page names what is wrong in words.
TEST_F(PoliceNotifications, KCR5_AnAdultAsAChildIsRefusedInWordsAnInsecureOfficerAddressIsNot) {
  json adult = Notification("KNT-85", "medium", "2026-01-10T22:15:00Z");
  adult["children"][0]["date_of_birth"] = "1990-03-01";
  json turned18 = Notification("KNT-86", "medium", "2026-01-10T22:15:00Z");
  turned18["children"][0]["date_of_birth"] = "2008-01-10";  // 18 that day
  json seventeen = Notification("KNT-87", "medium", "2026-01-10T22:15:00Z");
  seventeen["children"][0]["date_of_birth"] = "2008-01-11";
  json unborn = Notification("KNT-88", "medium", "2026-01-10T22:15:00Z");
  unborn["children"][0] = {{"first_names", "Unborn"}, {"last_name", "Example"}, {"date_of_birth", ""},
                           {"address", "12 Orchard Way"}};
  json gmail = Notification("KNT-89", "medium");
  gmail["officer_email"] = "k.dawson@gmail.com";
  gmail["children"][0]["date_of_birth"] = "1991-01-01";  // refused for the child, not the address
  json gmail_child = Notification("KNT-90", "medium");
  gmail_child["officer_email"] = "k.dawson@gmail.com";
  auto reply = SendJsonBatch(json::array({adult, turned18, seventeen, unborn, gmail, gmail_child}));
  ASSERT_EQ(reply.status, 201) << reply.body;
  const json report = reply.Json();
  EXPECT_EQ(report.at("imported"), 3) << report.dump(2);
  std::set<std::string> seen;
  for (const auto& p : report.at("problems"))
    seen.insert(std::to_string(p.at("row").get<int>()) + " " + p.at("field").get<std::string>());
  EXPECT_TRUE(seen.contains("1 children[0].date_of_birth")) << report.dump(2);
  EXPECT_TRUE(seen.contains("2 children[0].date_of_birth")) << report.dump(2);
  EXPECT_FALSE(seen.contains("5 officer_email")) << report.dump(2);
  EXPECT_TRUE(seen.contains("5 children[0].date_of_birth")) << report.dump(2);
  EXPECT_FALSE(seen.contains("6 officer_email")) << report.dump(2);
  EXPECT_NE(report.dump().find("under 18 on the day of the notification"), std::string::npos);

  auto officer = SignedIn(Role::kContactOfficer);
  const std::string csv =
      "force_reference,notified_at,risk_level,incident_summary,officer,officer_email,children,adults\n"
      "KNT-95,2026-01-10T22:15:00Z,medium,Argument,PC 1 Smith,a.smith@example.police.uk,Leo|Example|2017-05-14,\n"
      "KNT-96,2026-01-10T22:15:00Z,medium,Argument,PC 1 Smith,a.smith@example.police.uk,Leo|Example|1990-05-14,\n";
  auto page = officer.Send("POST", "/police-notifications/upload",
                           "csrf_token=" + http::PercentEncode(officer.csrf_token) + "&csv=" + http::PercentEncode(csv),
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(page.status, 200) << page.body;
  const auto words = page.body.find("child 1");
  ASSERT_NE(words, std::string::npos) << page.body;
  EXPECT_NE(page.body.substr(words, 30).find("s date of birth"), std::string::npos) << page.body.substr(words, 60);
  EXPECT_EQ(page.body.find("children[0]"), std::string::npos) << "no field ids on the page";
}

// An unborn child's expected date, `days` from the test's today.
std::string ExpectedIn(const Instant now, int days) {
  return FormatIsoDate(std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now) + std::chrono::days(days)));
}

// RULE KCR-7: a force notifying about a pregnant victim sends the unborn child with its expected date
// and often no name. It is imported, shown as "Unborn child" in the queue, not looked for on the
// register by an empty name (no crash, no one matched), and the contact opened from it has the unborn
// child with its expected date, so the date is not "missing".
TEST_F(PoliceNotifications, KCR7_AnUnbornChildKeepsItsExpectedDateIntoTheContact) {
  auto worker = SignedIn(Role::kSocialWorker);
  for (const auto& [first, last, born] : {std::tuple{"Mia", "Example", "2017-05-14"},
                                          std::tuple{"Leo", "Example", "2019-02-01"},
                                          std::tuple{"Ava", "Stone", "2020-08-30"}})
    ASSERT_EQ(worker.SendJson("POST", "/api/v1/people",
                              {{"first_names", first}, {"last_name", last}, {"date_of_birth", born},
                               {"gender", "female"}, {"address", "12 Orchard Way, Exampleton EX1 2AB"}})
                  .status,
              201);
  const std::string due = ExpectedIn(clock_.Now(), 120);
  json pregnant = Notification("KNT-100", "high");
  pregnant["children"].push_back({{"first_names", ""}, {"last_name", ""}, {"expected_date", due},
                                  {"address", "12 Orchard Way, Exampleton EX1 2AB"}});
  json named = Notification("KNT-101", "medium");
  named["children"][0] = {{"first_names", "Baby"}, {"last_name", "Example"}, {"expected_date", due}};
  json both = Notification("KNT-102", "medium");
  both["children"][0]["expected_date"] = due;  // beside a date of birth
  json long_past = Notification("KNT-103", "medium");
  long_past["children"][0] = {{"first_names", ""}, {"last_name", ""}, {"expected_date", ExpectedIn(clock_.Now(), -60)}};
  json not_text = Notification("KNT-104", "medium");
  not_text["children"][0] = {{"first_names", "Baby"}, {"last_name", "Example"}, {"expected_date", 20270301}};
  auto reply = SendJsonBatch(json::array({pregnant, named, both, long_past, not_text}));
  ASSERT_EQ(reply.status, 201) << reply.body;
  const json report = reply.Json();
  EXPECT_EQ(report.at("imported"), 2) << report.dump(2);
  std::map<std::string, std::string> problems;
  for (const auto& p : report.at("problems"))
    problems.emplace(std::to_string(p.at("row").get<int>()) + " " + p.at("field").get<std::string>(), p.at("message"));
  EXPECT_EQ(problems["3 children[0].expected_date"],
            "Give either a date of birth or, for an unborn child, an expected date, not both")
      << report.dump(2);
  EXPECT_NE(problems["4 children[0].expected_date"].find("most likely been born"), std::string::npos) << report.dump(2);
  EXPECT_TRUE(problems.contains("5 children[0].expected_date")) << report.dump(2);
  EXPECT_EQ(problems.size(), 3u) << report.dump(2);

  auto manager = SignedIn(Role::kTeamManager);
  const json queue = Queue(manager);
  ASSERT_EQ(queue.at("total"), 2);
  const json& high = queue.at("items")[0];
  ASSERT_EQ(high.at("force_reference"), "KNT-100");
  ASSERT_EQ(high.at("children").size(), 2u);
  EXPECT_EQ(high.at("children")[1].at("expected_date"), due);
  EXPECT_FALSE(high.at("children")[0].contains("expected_date")) << "a born child has no expected date";
  EXPECT_FALSE(high.at("matches")[1].at("searched").get<bool>()) << "no name to look for: " << high.dump(2);
  EXPECT_TRUE(high.at("matches")[1].at("candidates").empty()) << high.dump(2);
  EXPECT_FALSE(high.at("matches")[0].at("candidates").empty()) << "Mia is still matched: " << high.dump(2);
  const json& baby = queue.at("items")[1];
  EXPECT_TRUE(baby.at("matches")[0].at("searched").get<bool>());
  EXPECT_EQ(baby.at("children")[0].at("last_name"), "Example");

  auto page = manager.Get("/police-notifications");
  ASSERT_EQ(page.status, 200);
  // The page gives the date in words (the API keeps ISO).
  const std::string due_in_words = calendar::IsoTextForPeople(due);
  EXPECT_NE(page.body.find("Unborn child (expected " + due_in_words + ")"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Baby Example (unborn, expected " + due_in_words + ")"), std::string::npos);
  EXPECT_NE(page.body.find("no name was given"), std::string::npos);

  auto opened = manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                                 {{"ids", {high.at("id"), baby.at("id")}}, {"decision", "open-contact"},
                                  {"reason", "Pregnant victim: screen"}});
  ASSERT_EQ(opened.status, 200) << opened.body;
  const json contact =
      manager.Get("/api/v1/contacts/" + std::to_string(opened.Json().at("decided")[0].at("contact").at("id").get<std::int64_t>()))
          .Json();
  ASSERT_EQ(contact.at("children").size(), 2u) << contact.dump(2);
  const json& unborn = contact.at("children")[1];
  EXPECT_EQ(unborn.at("unborn"), true) << unborn.dump(2);
  EXPECT_EQ(unborn.at("expected_date"), due);
  EXPECT_TRUE(unborn.at("date_of_birth").is_null());
  EXPECT_EQ(unborn.at("first_names"), "");
  EXPECT_EQ(contact.at("children")[0].at("unborn"), false);
  EXPECT_EQ(contact.at("missing_information").dump().find("children_dates_of_birth"), std::string::npos)
      << contact.at("missing_information").dump(2);
  const json other =
      manager.Get("/api/v1/contacts/" + std::to_string(opened.Json().at("decided")[1].at("contact").at("id").get<std::int64_t>()))
          .Json();
  EXPECT_EQ(other.at("children")[0].at("expected_date"), due) << other.dump(2);
  EXPECT_EQ(other.at("children")[0].at("last_name"), "Example");
}

// RULE KCR-7: in the CSV a child's fifth part is its expected date; four-part children, as forces
// sent them before, still read; the upload page names the field in words.
TEST_F(PoliceNotifications, KCR7_ACsvChildsFifthPartIsItsExpectedDate) {
  const std::string due = ExpectedIn(clock_.Now(), 90);
  const std::string header = "force_reference,notified_at,risk_level,incident_summary,officer,officer_email,children,adults\n";
  const std::string csv = header +
                          "KNT-110,2026-01-10T22:15:00Z,medium,Argument,PC 1 Smith,a.smith@example.police.uk,"
                          "\"Leo|Example|2019-02-01|3 Mill Lane;|||3 Mill Lane|" + due + "\",Jo Example|victim\n"
                          "KNT-111,2026-01-10T22:15:00Z,medium,Argument,PC 1 Smith,a.smith@example.police.uk,"
                          "Ava|Stone|2018-01-02|4 Mill Lane,\n";
  auto reply = SendBatch(csv, "text/csv");
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.Json().at("imported"), 2) << reply.body;
  auto manager = SignedIn(Role::kTeamManager);
  const json queue = Queue(manager);
  ASSERT_EQ(queue.at("total"), 2);
  std::map<std::string, json> by_reference;
  for (const auto& n : queue.at("items")) by_reference[n.at("force_reference").get<std::string>()] = n;
  ASSERT_EQ(by_reference["KNT-110"].at("children").size(), 2u);
  EXPECT_EQ(by_reference["KNT-110"].at("children")[1].at("expected_date"), due);
  EXPECT_EQ(by_reference["KNT-110"].at("children")[1].at("first_names"), "");
  EXPECT_EQ(by_reference["KNT-111"].at("children")[0].at("address"), "4 Mill Lane");
  EXPECT_FALSE(by_reference["KNT-111"].at("children")[0].contains("expected_date"));

  auto officer = SignedIn(Role::kContactOfficer);
  const std::string bad = header + "KNT-112,2026-01-10T22:15:00Z,medium,Argument,PC 1 Smith,a.smith@example.police.uk,"
                                   "Leo|Example|2019-02-01||" + due + ",\n";
  auto page = officer.Send("POST", "/police-notifications/upload",
                           "csrf_token=" + http::PercentEncode(officer.csrf_token) + "&csv=" + http::PercentEncode(bad),
                           {{"Content-Type", "application/x-www-form-urlencoded"}});
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("s expected date"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find("children[0]"), std::string::npos) << "no field ids on the page";
}

// The fingerprint of a notification without an expected date is what it was before expected dates
// existed (its canonical JSON has no expected_date key), so a notification received before is still
// recognised when the force sends it again, not refused as a changed one.
TEST_F(PoliceNotifications, KCR7_ANotificationWithoutAnExpectedDateKeepsItsFingerprint) {
  ASSERT_EQ(SendJsonBatch(json::array({Notification("KNT-20", "medium")})).status, 201);
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    // SHA-256 of the canonical JSON as stored before expected dates: keep it, or every notification
    // already received becomes a clash when resent.
    EXPECT_EQ(tx->Query("SELECT request_hash FROM police_da_notifications WHERE force_reference = 'KNT-20'").at(0).Text(0),
              "3b7d9514ce33dfc0e5776315331344940a83999be9e2b6e669dafc3a87dc518e");
    EXPECT_EQ(tx->Query("SELECT children FROM police_da_notifications").at(0).Text(0).find("expected_date"),
              std::string::npos);
  }
  auto again = SendJsonBatch(json::array({Notification("KNT-20", "medium")}));
  ASSERT_EQ(again.status, 201) << again.body;
  EXPECT_EQ(again.Json().at("repeated"), 1) << again.body;
  EXPECT_EQ(again.Json().at("refused"), 0) << again.body;
  // An expected date given is part of the notification: the same reference with one is a change.
  json changed = Notification("KNT-20", "medium");
  changed["children"].push_back({{"last_name", "Example"}, {"expected_date", ExpectedIn(clock_.Now(), 60)}});
  EXPECT_EQ(SendJsonBatch(json::array({changed})).Json().at("refused"), 1);
}

// All or nothing: one notification that may not be decided so leaves every one of them as it was.
// A high-risk notification is never closed as information only.
TEST_F(PoliceNotifications, ABulkDecisionIsAllOrNothingAndHighRiskIsNeverClosed) {
  ASSERT_EQ(SendJsonBatch(json::array({Notification("KNT-60", "standard"), Notification("KNT-61", "high")})).status,
            201);
  auto manager = SignedIn(Role::kTeamManager);
  std::vector<std::int64_t> ids;
  const json queue = Queue(manager);  // kept: a range-for over a temporary's member would dangle
  for (const auto& n : queue.at("items")) ids.push_back(n.at("id").get<std::int64_t>());
  ASSERT_EQ(ids.size(), 2u);
  ASSERT_EQ(queue.at("items")[0].at("force_reference"), "KNT-61");  // urgent first
  const std::int64_t high = ids[0], standard = ids[1];
  auto refused = manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                                  {{"ids", {standard, high}}, {"decision", "information-only"}, {"reason", "No role"}});
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_NE(refused.body.find("KNT-61 is high risk"), std::string::npos) << refused.body;
  EXPECT_TRUE(NamesField(refused, "ids[1]")) << refused.body;
  EXPECT_EQ(Queue(manager).at("total"), 2);  // the standard one was not closed either
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'police-notification.decided'"), 0);

  auto missing_reason = manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                                         {{"ids", {standard}}, {"decision", "information-only"}, {"reason", " "}});
  ASSERT_EQ(missing_reason.status, 422);
  EXPECT_TRUE(NamesField(missing_reason, "reason"));
  auto unknown = manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                                  {{"ids", {standard, 999999}}, {"decision", "information-only"}, {"reason", "No role"}});
  ASSERT_EQ(unknown.status, 422);
  EXPECT_TRUE(NamesField(unknown, "ids[1]"));

  // Decided once; a second decision on it is a conflict, and the contact the other would have
  // opened is not recorded either.
  ASSERT_EQ(manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                             {{"ids", {standard}}, {"decision", "information-only"}, {"reason", "No role"}})
                .status,
            200);
  auto again = manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                                {{"ids", {high, standard}}, {"decision", "open-contact"}, {"reason", "Screen"}});
  ASSERT_EQ(again.status, 409) << again.body;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contacts"), 0);
  EXPECT_EQ(Queue(manager).at("total"), 1);
}

// Who may do what: a token needs the police-notifications scope; only a team manager decides.
TEST_F(PoliceNotifications, OnlyTheScopeSendsAndOnlyAManagerDecides) {
  auto contacts_only = app::CreateApiToken(*ctx_, std::nullopt, {"other", "contact_officer", {"contacts:write"}});
  ASSERT_TRUE(contacts_only);
  auto refused = Client().Send("POST", "/api/v1/police-notifications/batches",
                               json::array({Notification("KNT-70", "high")}).dump(),
                               {{"Authorization", "Bearer " + contacts_only->token}, {"Content-Type", "application/json"}});
  EXPECT_EQ(refused.status, 403) << refused.body;
  auto officer = SignedIn(Role::kContactOfficer);
  auto uploaded = officer.SendJson("POST", "/api/v1/police-notifications/batches", json::array({Notification("KNT-71", "medium")}));
  ASSERT_EQ(uploaded.status, 201) << uploaded.body;
  const auto id = uploaded.Json().at("imported_ids")[0].get<std::int64_t>();
  EXPECT_EQ(Queue(officer).at("total"), 1);
  auto not_manager = officer.SendJson("POST", "/api/v1/police-notifications/decisions",
                                      {{"ids", {id}}, {"decision", "information-only"}, {"reason", "No role"}});
  EXPECT_EQ(not_manager.status, 403);
  EXPECT_EQ(SignedIn(Role::kAnalyst).Get("/api/v1/police-notifications").status, 403);
}

// The upload page: a file in another encoding is refused once, saying what to do; a batch whose
// every row is refused is shown again to correct; one row is "1 row"; only a manager sees the boxes.
TEST_F(PoliceNotifications, TheUploadPageSpeaksPlainlyAndKeepsARefusedBatch) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto upload = [&](const std::string& csv) {
    std::string body = "csrf_token=" + http::PercentEncode(officer.csrf_token) + "&csv=" + http::PercentEncode(csv);
    return officer.Send("POST", "/police-notifications/upload", body,
                        {{"Content-Type", "application/x-www-form-urlencoded"}});
  };
  const std::string header = "force_reference,risk_level,notified_at,officer,officer_email,incident_summary,children,adults\n";
  // "Zoë" in Latin-1: 0xEB is not UTF-8.
  auto latin1 = upload(header + "KNT-90,high,2026-01-10T22:15:00Z,PC 1 Smith,a.smith@example.police.uk,Zo\xEB hurt,Leo|Example,\n");
  ASSERT_EQ(latin1.status, 422) << latin1.body;
  EXPECT_NE(latin1.body.find("The file is not UTF-8: save it as UTF-8 (CSV UTF-8 in Excel) and upload it again"),
            std::string::npos);
  EXPECT_EQ(latin1.body.find("could not be read; retype it"), std::string::npos);

  const std::string refused_row = "KNT-91,severe,2026-01-10T22:15:00Z,PC 1 Smith,a.smith@example.police.uk,Argument,Leo|Example,\n";
  auto refused = upload(header + refused_row);
  ASSERT_EQ(refused.status, 200) << refused.body;
  EXPECT_NE(refused.body.find("1 row: 0 imported, 0 already received, 1 refused"), std::string::npos) << refused.body;
  EXPECT_NE(refused.body.find("KNT-91,severe"), std::string::npos) << "the refused batch is shown again";

  auto imported = upload(header + "KNT-92,medium,2026-01-10T22:15:00Z,PC 1 Smith,a.smith@example.police.uk,Argument,Leo|Example,\n");
  ASSERT_EQ(imported.status, 200) << imported.body;
  EXPECT_NE(imported.body.find("1 row: 1 imported"), std::string::npos);
  EXPECT_EQ(imported.body.find("KNT-92,medium"), std::string::npos) << "an imported batch is not shown again";

  // The contact officer sees the queue but cannot decide: no boxes to tick.
  auto queue = officer.Get("/police-notifications");
  ASSERT_EQ(queue.status, 200);
  EXPECT_NE(queue.body.find("KNT-92"), std::string::npos);
  EXPECT_EQ(queue.body.find("Select the notifications to decide"), std::string::npos);
  EXPECT_EQ(queue.body.find("name=\"ids\""), std::string::npos);
  auto manager = SignedIn(Role::kTeamManager).Get("/police-notifications");
  EXPECT_NE(manager.body.find("Select the notifications to decide"), std::string::npos);
  EXPECT_NE(manager.body.find("name=\"ids\""), std::string::npos);
}


// The demo's restricted record, Ezra Quinn: made by a social worker, restricted by a team manager
// (who is then its only named viewer), whom others are told to ask.
std::int64_t RestrictedEzra(HttpClient& worker, HttpClient& manager) {
  auto person = worker.SendJson("POST", "/api/v1/people",
                                {{"first_names", "Ezra"}, {"last_name", "Quinn"}, {"date_of_birth", "2011-06-19"},
                                 {"gender", "male"}, {"address", "4 Mill Lane, Exampleton EX2 4CD"}});
  EXPECT_EQ(person.status, 201) << person.body;
  const auto id = person.Json().at("id").get<std::int64_t>();
  auto restricted = manager.SendJson("POST", "/api/v1/people/" + std::to_string(id) + "/restriction",
                                     {{"restricted", true}, {"ask", "Ask Jo Bloggs, Head of Service"}});
  EXPECT_EQ(restricted.status, 200) << restricted.body;
  return id;
}

json EzraNotification(const std::string& reference) {
  json n = Notification(reference, "medium");
  n["children"][0] = {{"first_names", "Ezra"}, {"last_name", "Quinn"}, {"date_of_birth", "2011-06-19"},
                      {"address", "4 Mill Lane, Exampleton EX2 4CD"}};
  return n;
}

// RULE KCR-10: the register check a notification carries shows a restricted record as the register
// search does: to anyone not a named viewer, only that a record exists and whom to ask (no id, name,
// date, band or probability); to its viewer, the match. Filtered for each reader when shown: the
// notification keeps the whole match.
TEST_F(PoliceNotifications, KCR10_ARestrictedMatchShowsOnlyThatARecordExistsToThoseNotNamedOnIt) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  const std::int64_t ezra = RestrictedEzra(worker, manager);
  ASSERT_EQ(SendJsonBatch(json::array({EzraNotification("KNT-200")})).status, 201);

  auto officer = SignedIn(Role::kContactOfficer);
  const json seen_by_officer = Queue(officer);
  ASSERT_EQ(seen_by_officer.at("total"), 1);
  const json& hidden = seen_by_officer.at("items")[0].at("matches")[0].at("candidates");
  ASSERT_EQ(hidden.size(), 1u) << hidden.dump(2);
  EXPECT_EQ(hidden[0], (json{{"restricted", true}, {"record_exists", true}, {"ask", "Ask Jo Bloggs, Head of Service"}}));
  const std::string officer_json = seen_by_officer.dump();
  EXPECT_EQ(officer_json.find("probability"), std::string::npos) << officer_json;
  EXPECT_EQ(officer_json.find("\"person_id\""), std::string::npos) << officer_json;

  const json seen_by_manager = Queue(manager);
  const json& shown = seen_by_manager.at("items")[0].at("matches")[0].at("candidates");
  ASSERT_EQ(shown.size(), 1u);
  EXPECT_EQ(shown[0].at("person_id"), ezra);
  EXPECT_EQ(shown[0].at("band"), "likely");

  // The page, the same way.
  const std::string person = "person " + std::to_string(ezra);
  auto officer_page = officer.Get("/police-notifications");
  ASSERT_EQ(officer_page.status, 200);
  EXPECT_EQ(officer_page.body.find(person), std::string::npos) << officer_page.body;
  EXPECT_EQ(officer_page.body.find("very likely match"), std::string::npos);
  EXPECT_NE(officer_page.body.find("a restricted record on the register may be this child. Ask Jo Bloggs, Head of Service"),
            std::string::npos)
      << officer_page.body;
  auto manager_page = manager.Get("/police-notifications");
  EXPECT_NE(manager_page.body.find("very likely match on the register: " + person), std::string::npos);

  // Kept whole with the notification: hidden when shown, not lost at import.
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_NE(tx->Query("SELECT matches FROM police_da_notifications").at(0).Text(0).find("\"person_id\":" +
                                                                                      std::to_string(ezra)),
            std::string::npos);
}

// RULE KCR-10: the contact opened from a notification offers the notification's very likely match
// for each child, as a suggestion (the child is not linked until someone checks), hidden from those
// not named on a restricted record; and says how it came in: the police notification, by reference.
TEST_F(PoliceNotifications, KCR10_AContactFromANotificationSuggestsItsMatchAndSaysHowItCameIn) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  auto mia = worker.SendJson("POST", "/api/v1/people",
                             {{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                              {"gender", "female"}, {"address", "12 Orchard Way, Exampleton EX1 2AB"}});
  ASSERT_EQ(mia.status, 201) << mia.body;
  const auto mia_id = mia.Json().at("id").get<std::int64_t>();
  const std::int64_t ezra = RestrictedEzra(worker, manager);
  ASSERT_EQ(SendJsonBatch(json::array({Notification("KNT-210", "medium"), EzraNotification("KNT-211")})).status, 201);
  std::vector<std::int64_t> ids;
  const json queue = Queue(manager);
  for (const auto& n : queue.at("items")) ids.push_back(n.at("id").get<std::int64_t>());
  auto opened = manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                                 {{"ids", ids}, {"decision", "open-contact"}, {"reason", "Screen"}});
  ASSERT_EQ(opened.status, 200) << opened.body;
  std::map<std::string, std::int64_t> contact_of;
  const json done = Queue(manager, "contact-opened");
  for (const auto& n : done.at("items"))
    contact_of[n.at("force_reference").get<std::string>()] = n.at("contact").at("id").get<std::int64_t>();

  const std::string mia_contact = "/contacts/" + std::to_string(contact_of["KNT-210"]);
  const json contact = manager.Get("/api/v1" + mia_contact).Json();
  EXPECT_EQ(contact.at("intake").at("channel"), "police_notification") << contact.at("intake").dump(2);
  auto officer = SignedIn(Role::kContactOfficer);
  auto page = officer.Get(mia_contact);
  ASSERT_EQ(page.status, 200);
  EXPECT_NE(page.body.find("Police notification (KNT-210)"), std::string::npos) << page.body;
  EXPECT_EQ(page.body.find(">E-mail<"), std::string::npos);
  EXPECT_NE(page.body.find("The police notification KNT-210 found a very likely match on the register: person " +
                           std::to_string(mia_id)),
            std::string::npos)
      << page.body;
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    EXPECT_EQ(tx->Query("SELECT COUNT(*) FROM contact_children WHERE person_id IS NOT NULL").at(0).Int(0), 0)
        << "a suggestion, not a link";
  }

  const std::string ezra_contact = "/contacts/" + std::to_string(contact_of["KNT-211"]);
  auto hidden = officer.Get(ezra_contact);
  ASSERT_EQ(hidden.status, 200);
  EXPECT_NE(hidden.body.find("The police notification KNT-211 found a restricted record that may be this child. Ask "
                             "Jo Bloggs, Head of Service"),
            std::string::npos)
      << hidden.body;
  EXPECT_EQ(hidden.body.find("person " + std::to_string(ezra)), std::string::npos);
  auto viewer = manager.Get(ezra_contact);
  EXPECT_NE(viewer.body.find("found a very likely match on the register: person " + std::to_string(ezra)),
            std::string::npos);

  // Only the triage opens a contact on that channel: a contact sent in saying so is refused.
  json claimed = ScreenableSchoolContact();
  claimed["intake"]["channel"] = "police_notification";
  auto refused = officer.SendJson("POST", "/api/v1/contacts", claimed);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(NamesField(refused, "intake.channel")) << refused.body;
}

// RULE KCR-5 RULE KCR-18: a notification from an officer whose address is not secure is taken and
// flagged, in the queue and on the contact opened from it; nothing is ever e-mailed to that address
// (the acknowledgement is not sent, and the contact says so), while a secure officer is acknowledged.
TEST_F(PoliceNotifications, KCR5_AnInsecureOfficerAddressIsTakenFlaggedAndNeverEmailed) {
  json insecure = Notification("KNT-220", "high");
  insecure["officer_email"] = "k.dawson@gmail.com";
  auto reply = SendJsonBatch(json::array({insecure, Notification("KNT-221", "high")}));
  ASSERT_EQ(reply.status, 201) << reply.body;
  EXPECT_EQ(reply.Json().at("imported"), 2) << reply.body;

  auto manager = SignedIn(Role::kTeamManager);
  const json queue = Queue(manager);
  std::vector<std::int64_t> ids;
  for (const auto& n : queue.at("items")) {
    ids.push_back(n.at("id").get<std::int64_t>());
    const bool secure = n.at("force_reference") == "KNT-221";
    EXPECT_EQ(n.at("secure_reply_address"), secure) << n.dump(2);
    EXPECT_EQ(n.contains("reply_note"), !secure) << n.dump(2);
    if (!secure) {
      EXPECT_EQ(n.at("reply_note"), "No secure reply address: reply by phone or a secure address");
    }
  }
  auto page = manager.Get("/police-notifications");
  ASSERT_EQ(page.status, 200);
  const auto at = page.body.find("data-reference=\"KNT-220\"");
  ASSERT_NE(at, std::string::npos);
  EXPECT_NE(page.body.find("No secure reply address: reply by phone or a secure address", at), std::string::npos);
  EXPECT_EQ(page.body.find("No secure reply address", page.body.find("data-reference=\"KNT-221\"")),
            std::string::npos)
      << "KNT-221, the secure one, is shown after KNT-220 and is not flagged";

  auto opened = manager.SendJson("POST", "/api/v1/police-notifications/decisions",
                                 {{"ids", ids}, {"decision", "open-contact"}, {"reason", "High risk: screen today"}});
  ASSERT_EQ(opened.status, 200) << opened.body;
  std::map<std::string, std::int64_t> contact_of;
  const json done = Queue(manager, "contact-opened");
  for (const auto& n : done.at("items"))
    contact_of[n.at("force_reference").get<std::string>()] = n.at("contact").at("id").get<std::int64_t>();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM outbox WHERE recipient = 'k.dawson@gmail.com'"), 0);
  EXPECT_GE(Count("SELECT COUNT(*) FROM outbox WHERE recipient = 'k.dawson@example.police.uk'"), 1)
      << "the secure officer is acknowledged";
  const json contact = manager.Get("/api/v1/contacts/" + std::to_string(contact_of["KNT-220"])).Json();
  // Cited as the pack in force cites (Hertfordshire's here: no Kent rule id).
  EXPECT_NE(contact.at("routing_note").get<std::string>().find(
                "No secure reply address: reply by phone or a secure address. Nothing is e-mailed to the officer's "
                "address, so the acknowledgement was not sent."),
            std::string::npos)
      << contact.at("routing_note");
  auto contact_page = manager.Get("/contacts/" + std::to_string(contact_of["KNT-220"]));
  ASSERT_EQ(contact_page.status, 200);
  EXPECT_NE(contact_page.body.find("No secure reply address: reply by phone or a secure address"), std::string::npos);
  auto secure_page = manager.Get("/contacts/" + std::to_string(contact_of["KNT-221"]));
  EXPECT_EQ(secure_page.body.find("No secure reply address"), std::string::npos);
}

// Triage at volume: "select all shown" and "select all" of a grade are buttons that tick the boxes on
// the server (no JavaScript needed), keep what was typed and decide nothing.
TEST_F(PoliceNotifications, TheQueueSelectsAllShownOrAGradeWithoutJavaScript) {
  ASSERT_EQ(SendJsonBatch(json::array({Notification("KNT-230", "standard"), Notification("KNT-231", "medium"),
                                       Notification("KNT-232", "medium"), Notification("KNT-233", "high")}))
                .status,
            201);
  auto manager = SignedIn(Role::kTeamManager);
  std::map<std::string, std::int64_t> ids;
  const json queue = Queue(manager);
  for (const auto& n : queue.at("items"))
    ids[n.at("force_reference").get<std::string>()] = n.at("id").get<std::int64_t>();
  auto page = manager.Get("/police-notifications");
  EXPECT_NE(page.body.find("Select all shown (4)"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Select all medium (2)"), std::string::npos);
  EXPECT_NE(page.body.find("Select all urgent (1)"), std::string::npos);
  auto post = [&](const std::string& fields) {
    return manager.Send("POST", "/police-notifications/decisions",
                        "csrf_token=" + http::PercentEncode(manager.csrf_token) + "&" + fields,
                        {{"Content-Type", "application/x-www-form-urlencoded"}});
  };
  const auto checked = [](const std::string& body, std::int64_t id) {
    const auto at = body.find("id=\"notification-" + std::to_string(id) + "\"");
    return at != std::string::npos && body.substr(at, 120).find(" checked") != std::string::npos;
  };
  auto medium = post("select=medium&reason=No+role&ids=" + std::to_string(ids["KNT-230"]));
  ASSERT_EQ(medium.status, 200) << medium.body;
  EXPECT_TRUE(checked(medium.body, ids["KNT-231"]));
  EXPECT_TRUE(checked(medium.body, ids["KNT-232"]));
  EXPECT_TRUE(checked(medium.body, ids["KNT-230"])) << "what was ticked stays ticked";
  EXPECT_FALSE(checked(medium.body, ids["KNT-233"]));
  EXPECT_NE(medium.body.find(">No role</textarea>"), std::string::npos) << "the reason typed is kept";
  EXPECT_EQ(Queue(manager).at("total"), 4) << "selecting decides nothing";
  auto all = post("select=all");
  for (const auto& [reference, id] : ids) EXPECT_TRUE(checked(all.body, id)) << reference;
  auto none = post("select=none&ids=" + std::to_string(ids["KNT-230"]));
  EXPECT_FALSE(checked(none.body, ids["KNT-230"]));

  // Then decided as ticked.
  auto decided = post("decision=information-only&reason=No+role&ids=" + std::to_string(ids["KNT-231"]) +
                      "&ids=" + std::to_string(ids["KNT-232"]));
  EXPECT_EQ(decided.status, 303) << decided.body;
  EXPECT_EQ(Queue(manager).at("total"), 2);
  // Only those who decide may select: the officer's page has no buttons and the post is refused.
  auto officer = SignedIn(Role::kContactOfficer);
  EXPECT_EQ(officer.Get("/police-notifications").body.find("Select all shown"), std::string::npos);
  auto refused = officer.Send("POST", "/police-notifications/decisions",
                              "csrf_token=" + http::PercentEncode(officer.csrf_token) + "&select=all",
                              {{"Content-Type", "application/x-www-form-urlencoded"}});
  EXPECT_EQ(refused.status, 403);
}

}  // namespace
}  // namespace fd::testing
