// E-mail end to end: the real service with its outbox worker sending to a real SMTP sink on
// loopback. What arrives is read back and checked.
#include <thread>

#include "email_fixture.h"
#include "notify/outbox.h"
#include "support/log_capture.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class EmailApi : public ApiTestWithEmail {
 protected:
  // Waits (bounded) until `count` messages have arrived.
  std::vector<ReceivedMessage> WaitForMessages(std::size_t count) {
    for (int i = 0; i < 100 && sink_.MessageCount() < count; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return sink_.Messages();
  }
};

json PoliceEmailContact() {
  return {{"referrer", {{"type", "police"}, {"name", "PC Jo Webb"}, {"agency", "Hertfordshire Constabulary"},
                        {"email", "jo.webb@herts.pnn.police.uk"}}},
          {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"}, {"date_of_birth", "2016-03-02"},
                                     {"gender", "female"}}})},
          {"concern", "Domestic incident attended last night; child present."},
          {"intake", {{"channel", "email"},
                      {"household", {{"domestic_abuse", "yes"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
                                     {"learning_difficulties", "no"}}}}}};
}

// RULE HCR-22 RULE KCR-17 RULE HCR-24 RULE KCR-5: an e-mailed contact from a secure police address is
// acknowledged by e-mail at once; once authorised, the officer is e-mailed the outcome. Each arrives
// once, from the outbox, over SMTP.
TEST_F(EmailApi, HCR22_KCR17_AcknowledgementAndOutcomeArriveBySmtp) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PoliceEmailContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string reference = created.Json().at("reference");
  auto messages = WaitForMessages(1);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].recipients, std::vector<std::string>{"jo.webb@herts.pnn.police.uk"});
  EXPECT_NE(messages[0].DecodedSubject().find(reference), std::string::npos);
  EXPECT_NE(messages[0].DecodedBody().find("within one working day"), std::string::npos);

  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  ScreenAndDecide(worker, manager, created.Json().at("id"),
                  {{"outcome", "families-first"}, {"children", {0}}, {"rationale", "Support needed"},
                   {"next_steps", "Families First worker to contact the mother"}});
  if (HasFatalFailure()) return;

  messages = WaitForMessages(2);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_NE(messages[1].DecodedSubject().find("outcome"), std::string::npos) << messages[1].DecodedSubject();
  EXPECT_NE(messages[1].DecodedBody().find("Families First"), std::string::npos) << messages[1].DecodedBody();
  EXPECT_NE(messages[0].Header("Message-ID"), messages[1].Header("Message-ID"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // a further poll sends nothing again
  EXPECT_EQ(sink_.MessageCount(), 2u);
}

// RULE KCR-5: a professional address off the secure list is never sent anything.
TEST_F(EmailApi, KCR5_NothingGoesToAnInsecureProfessionalAddress) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = PoliceEmailContact();
  body["referrer"]["email"] = "jo.webb@webmail.example";
  body["referrer"]["phone"] = "01632 960 004";  // KCR-17: told the outcome by phone instead
  ASSERT_EQ(officer.SendJson("POST", "/api/v1/contacts", body).status, 201);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(sink_.MessageCount(), 0u);
}

// --- the log while sending fails ------------------------------------------------------------------

// Lines of `logs` whose message is `message`.
std::vector<std::string> LinesSaying(const CapturedLogs& logs, const std::string& message) {
  std::vector<std::string> out;
  for (const auto& line : logs.Lines())
    if (line.find("\"message\":\"" + message + "\"") != std::string::npos) out.push_back(line);
  return out;
}

// Waits (bounded) until `logs` has a line saying `message`.
bool WaitForLine(const CapturedLogs& logs, const std::string& message, std::chrono::seconds bound) {
  for (auto waited = std::chrono::milliseconds{0}; waited < bound; waited += std::chrono::milliseconds{50}) {
    if (!LinesSaying(logs, message).empty()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds{50});
  }
  return false;
}

class DeadMailServer : public ApiTest {
 protected:
  void Configure(service::ServiceOptions& options) override {
    options.smtp_url = nobody_listening_.url();
  }
  // E-mails in the outbox, and those tried at least `attempts` times.
  std::int64_t Emails() {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM outbox").at(0).Int(0);
  }
  std::int64_t TriedAtLeast(int attempts) {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM outbox WHERE attempts >= ?", {attempts}).at(0).Int(0);
  }
  // Waits (bounded) until every e-mail has been tried `attempts` times.
  bool WaitUntilTried(int attempts) {
    for (int i = 0; i < 200 && TriedAtLeast(attempts) < Emails(); ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds{50});
    return TriedAtLeast(attempts) == Emails();
  }

  CapturedLogs logs_;  // made before SetUp starts the service
  RefusingPort nobody_listening_;  // a dead SMTP port
};

// RULE HCR-22: with the mail server not answering, acknowledgements wait in the outbox and are tried
// again, every attempt counted on its row; the log says so once, then at most once a minute with how
// many failed and when the next try is: not a warning an attempt (2,747 lines in six minutes).
TEST_F(DeadMailServer, HCR22_AnUnreachableMailServerIsLoggedOnceThenSummedUpEachMinute) {
  auto officer = SignedIn(Role::kContactOfficer);
  for (int i = 0; i < 5; ++i) ASSERT_EQ(officer.SendJson("POST", "/api/v1/contacts", PoliceEmailContact()).status, 201);
  const std::int64_t emails = Emails();
  ASSERT_GE(emails, 5);  // an acknowledgement each, with its status link
  ASSERT_TRUE(WaitUntilTried(1));
  const auto first = LinesSaying(logs_, "outbox: e-mail attempt failed");
  ASSERT_EQ(first.size(), 1u);
  EXPECT_NE(first[0].find("\"level\":\"warning\""), std::string::npos) << first[0];
  EXPECT_NE(first[0].find("\"next_attempt_at\""), std::string::npos) << first[0];
  EXPECT_TRUE(LinesSaying(logs_, "outbox: e-mail sending still failing").empty());

  // A minute on, every e-mail is due again (30 s back-off) and fails again: one summary line.
  clock_.Advance(std::chrono::seconds{61});
  ASSERT_TRUE(WaitUntilTried(2));
  const auto summaries = LinesSaying(logs_, "outbox: e-mail sending still failing");
  ASSERT_EQ(summaries.size(), 1u);
  EXPECT_NE(summaries[0].find("\"failed_attempts\":" + std::to_string(emails)), std::string::npos) << summaries[0];
  EXPECT_NE(summaries[0].find("\"next_attempt_at\""), std::string::npos) << summaries[0];
  EXPECT_EQ(LinesSaying(logs_, "outbox: e-mail attempt failed").size(), 1u);
  {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    EXPECT_EQ(tx->Query("SELECT SUM(attempts) FROM outbox").at(0).Int(0), 2 * emails);  // each still counted
  }
}

class StoreDownOutbox : public EmailApi {
 protected:
  CapturedLogs logs_;
};

// With the database failing, the outbox worker's passes fail: it says so once as an error, backs off
// (not a pass a second), sums up at most once a minute as a warning, and says when it has recovered;
// the e-mail then goes. docs/operations.md alerts on each error: one outage, one alert.
TEST_F(StoreDownOutbox, TheDatabaseDownIsOneErrorThenBackOffThenRecovered) {
  store_->FailFromNowOn(true);
  {
    // Queued behind the failing store's back, so the worker finds a due e-mail it cannot claim.
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    notify::Enqueue(*tx,
                    {"jo.webb@herts.pnn.police.uk", "Subject", "Body", "contact", 1, "acknowledgement",
                     notify::IdempotencyKey("contact", 1, "acknowledgement")},
                    clock_.Now());
    tx->Commit();
  }
  ASSERT_TRUE(WaitForLine(logs_, "outbox: delivery pass failed", std::chrono::seconds{10}));
  std::this_thread::sleep_for(std::chrono::seconds{4});  // passes a second would be four more errors
  const auto errors = LinesSaying(logs_, "outbox: delivery pass failed");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_NE(errors[0].find("\"level\":\"error\""), std::string::npos) << errors[0];
  int error_lines = 0;
  for (const auto& line : logs_.Lines()) error_lines += line.find("\"level\":\"error\"") != std::string::npos;
  EXPECT_EQ(error_lines, 1);

  clock_.Advance(std::chrono::seconds{61});
  ASSERT_TRUE(WaitForLine(logs_, "outbox: delivery passes still failing", std::chrono::seconds{20}));
  EXPECT_NE(LinesSaying(logs_, "outbox: delivery passes still failing")[0].find("\"level\":\"warning\""),
            std::string::npos);

  store_->FailFromNowOn(false);
  ASSERT_TRUE(WaitForLine(logs_, "outbox: delivery recovered", std::chrono::seconds{40}));
  EXPECT_EQ(WaitForMessages(1).size(), 1u);
  EXPECT_EQ(LinesSaying(logs_, "outbox: delivery pass failed").size(), 1u);
}

}  // namespace
}  // namespace fd::testing
