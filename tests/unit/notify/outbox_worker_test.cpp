// The worker end to end: rows in a real SQLite store, sent by the real SMTP sender to a real SMTP
// server on loopback. Time for back-off is stepped with a test clock, never slept; waiting for the
// worker thread is a bounded poll.
#include "notify/outbox_worker.h"

#include <set>

#include "notify/smtp_sender.h"
#include "notify_fixture.h"
#include "support/log_capture.h"
#include "support/smtp_sink.h"

namespace fd::notify {
namespace {

using namespace std::chrono_literals;

class OutboxWorkerTest : public NotifyTest {
 protected:
  std::unique_ptr<OutboxWorker> MakeWorker(const std::string& url) {
    auto sender = SmtpSender::Create({url, "Front Door <frontdoor@kent.gov.uk>"});
    EXPECT_TRUE(sender);
    return std::make_unique<OutboxWorker>(*store_, std::move(*sender), clock_.Function(),
                                          OutboxWorkerOptions{50ms, 10});
  }

  TestClock clock_{At("2026-11-24T09:30:00Z")};
  testing::SmtpSink sink_;
};

TEST_F(OutboxWorkerTest, DeliversAQueuedEmailWithHeadersAndUtf8Body) {
  Email email = SampleEmail(12);
  email.subject = "Contact received: Zoë Brontë";
  email.body = "Dear Dr Lee,\nWe received your contact about Zoë (dinner money £20).\n";
  ASSERT_TRUE(Queue(email, clock_.Now()));

  auto worker = MakeWorker(sink_.url());
  worker->Start();
  worker->Wake();
  ASSERT_TRUE(sink_.WaitForMessages(1));
  ASSERT_TRUE(WaitFor([&] { return OnlyRow(12).sent_at.has_value(); }));
  worker->Stop();

  const auto m = sink_.Messages().at(0);
  EXPECT_EQ(m.mail_from, "frontdoor@kent.gov.uk");
  EXPECT_EQ(m.recipients, std::vector<std::string>{"dr.lee@riverside.nhs.net"});
  EXPECT_EQ(m.Header("To"), "dr.lee@riverside.nhs.net");
  EXPECT_EQ(m.Header("From"), "Front Door <frontdoor@kent.gov.uk>");
  EXPECT_EQ(m.DecodedSubject(), "Contact received: Zoë Brontë");
  EXPECT_EQ(m.Header("Message-ID"), "<contact=3A12=3Aacknowledgement@frontdoor>");
  EXPECT_EQ(m.Header("Date"), "Tue, 24 Nov 2026 09:30:00 +0000");
  EXPECT_EQ(m.Header("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(m.DecodedBody(), "Dear Dr Lee,\r\nWe received your contact about Zoë (dinner money £20).\r\n");

  const auto row = OnlyRow(12);
  EXPECT_EQ(row.sent_at, clock_.Now());
  EXPECT_EQ(row.attempts, 1);
  EXPECT_FALSE(row.failed_at);
  EXPECT_EQ(sink_.MessageCount(), 1u);
}

TEST_F(OutboxWorkerTest, BacksOffAfterTemporaryFailuresThenDeliversOnceOnly) {
  const Instant t0 = clock_.Now();
  sink_.FailNextTransactions(2);
  ASSERT_TRUE(Queue(SampleEmail(7), t0));
  auto worker = MakeWorker(sink_.url());
  worker->Start();

  // First attempt: refused with 451, due again 30 s later. The clock stands still, so the worker
  // polling every 50 ms must not try again.
  ASSERT_TRUE(WaitFor([&] { return OnlyRow(7).attempts == 1; }));
  auto row = OnlyRow(7);
  EXPECT_EQ(row.next_attempt_at, t0 + 30s);
  EXPECT_NE(row.last_error.find("451"), std::string::npos) << row.last_error;
  EXPECT_FALSE(row.sent_at);
  EXPECT_FALSE(row.failed_at);

  // Second attempt, once due: refused again, due 60 s after that.
  clock_.Advance(30s);
  worker->Wake();
  ASSERT_TRUE(WaitFor([&] { return OnlyRow(7).attempts == 2; }));
  row = OnlyRow(7);
  EXPECT_EQ(row.next_attempt_at, t0 + 30s + 60s);
  EXPECT_FALSE(row.sent_at);
  EXPECT_EQ(sink_.transactions_failed(), 2);
  EXPECT_EQ(sink_.MessageCount(), 0u);

  // A second before it is due, a pass (here on the test's thread, beside the worker's) finds nothing.
  clock_.Advance(59s);
  EXPECT_EQ(worker->DeliverDue(), 0);
  clock_.Advance(1s);
  worker->Wake();
  ASSERT_TRUE(sink_.WaitForMessages(1));
  ASSERT_TRUE(WaitFor([&] { return OnlyRow(7).sent_at.has_value(); }));
  row = OnlyRow(7);
  EXPECT_EQ(row.attempts, 3);
  EXPECT_EQ(row.sent_at, t0 + 90s);
  EXPECT_NE(row.last_error.find("451"), std::string::npos);  // the history stays

  // Once and only once: later passes find nothing due.
  clock_.Advance(24h);
  worker->Wake();
  worker->Stop();
  EXPECT_EQ(worker->DeliverDue(), 0);
  EXPECT_EQ(sink_.MessageCount(), 1u);
  EXPECT_EQ(sink_.transactions_started(), 3);
  EXPECT_EQ(sink_.Messages().at(0).Header("Message-ID"), "<contact=3A7=3Aacknowledgement@frontdoor>");
}

TEST_F(OutboxWorkerTest, ARecipientWithALineBreakIsRefusedAndNeverReachesTheServer) {
  Email email = SampleEmail(3);
  email.recipient = "dr.lee@riverside.nhs.net\r\nRCPT TO:<evil@example.com>";
  ASSERT_TRUE(Queue(email, clock_.Now()));
  auto worker = MakeWorker(sink_.url());
  EXPECT_EQ(worker->DeliverDue(), 1);

  const auto row = OnlyRow(3);
  EXPECT_TRUE(row.failed_at);  // permanent: retrying cannot help
  EXPECT_EQ(row.attempts, 1);
  EXPECT_FALSE(row.sent_at);
  EXPECT_NE(row.last_error.find("line break"), std::string::npos) << row.last_error;
  EXPECT_EQ(sink_.connections(), 0);
  EXPECT_EQ(sink_.transactions_started(), 0);
  clock_.Advance(24h);
  EXPECT_EQ(worker->DeliverDue(), 0);
  EXPECT_EQ(sink_.connections(), 0);
}

TEST_F(OutboxWorkerTest, AnUnreachableServerLeavesTheRowQueuedWithBackOff) {
  testing::RefusingPort nobody_listening;
  ASSERT_TRUE(Queue(SampleEmail(4), clock_.Now()));
  auto worker = MakeWorker(nobody_listening.url());
  EXPECT_EQ(worker->DeliverDue(), 1);
  const auto row = OnlyRow(4);
  EXPECT_EQ(row.attempts, 1);
  EXPECT_EQ(row.next_attempt_at, clock_.Now() + 30s);
  EXPECT_FALSE(row.failed_at);
  EXPECT_FALSE(row.last_error.empty());
}

int LinesSaying(const testing::CapturedLogs& logs, const std::string& message) {
  int n = 0;
  for (const auto& line : logs.Lines()) n += line.find("\"message\":\"" + message + "\"") != std::string::npos;
  return n;
}

// A run of failed attempts is one line, then a summary at most a minute, then one line when sending
// works again; each attempt is still counted on its row.
TEST_F(OutboxWorkerTest, AFailingMailServerIsLoggedOnceThenEachMinuteThenRecovered) {
  testing::CapturedLogs logs;
  for (int i = 1; i <= 3; ++i) ASSERT_TRUE(Queue(SampleEmail(i), clock_.Now()));
  auto worker = MakeWorker(sink_.url());
  sink_.FailNextTransactions(6);
  EXPECT_EQ(worker->DeliverDue(), 3);
  EXPECT_EQ(LinesSaying(logs, "outbox: e-mail attempt failed"), 1);
  clock_.Advance(30s);  // due again, and less than a minute since the line: nothing more said
  EXPECT_EQ(worker->DeliverDue(), 3);
  EXPECT_EQ(LinesSaying(logs, "outbox: e-mail attempt failed"), 1);
  EXPECT_EQ(LinesSaying(logs, "outbox: e-mail sending still failing"), 0);
  for (int i = 1; i <= 3; ++i) EXPECT_EQ(OnlyRow(i).attempts, 2) << i;

  clock_.Advance(60s);  // a minute on: the 5 unsaid failures summed up, and then it recovers
  ASSERT_TRUE(Queue(SampleEmail(4), clock_.Now()));
  sink_.FailNextTransactions(1);
  EXPECT_EQ(worker->DeliverDue(), 4);
  EXPECT_EQ(LinesSaying(logs, "outbox: e-mail sending still failing"), 1);
  EXPECT_EQ(LinesSaying(logs, "e-mail sending recovered"), 1);
  EXPECT_EQ(sink_.MessageCount(), 3u);
  for (const auto& line : logs.Lines()) {
    if (line.find("still failing") != std::string::npos) {
      EXPECT_NE(line.find("\"failed_attempts\":6"), std::string::npos) << line;
    } else if (line.find("recovered") != std::string::npos) {
      EXPECT_NE(line.find("\"failed_attempts\":7"), std::string::npos) << line;
    }
  }
}

// The body kept once sent is the one kept_after_sending gives, written as the row is marked sent;
// until then the row keeps every word (a resend after a crash is the same e-mail).
TEST_F(OutboxWorkerTest, ASentEmailKeepsOnlyWhatKeptAfterSendingGives) {
  Email email = SampleEmail(5);
  email.body = "Your link: https://fd.example/status/SECRET\n";
  ASSERT_TRUE(Queue(email, clock_.Now()));
  auto sender = SmtpSender::Create({sink_.url(), "frontdoor@kent.gov.uk"});
  ASSERT_TRUE(sender);
  OutboxWorkerOptions options{50ms, 10};
  options.kept_after_sending = [](std::string_view body) {
    std::string kept(body);
    kept.replace(kept.find("SECRET"), 6, "[sent: not kept]");
    return kept;
  };
  sink_.FailNextTransactions(1);
  OutboxWorker worker(*store_, std::move(*sender), clock_.Function(), options);
  EXPECT_EQ(worker.DeliverDue(), 1);
  EXPECT_EQ(OnlyRow(5).body, email.body);  // not sent: all of it kept for the next try
  clock_.Advance(30s);
  EXPECT_EQ(worker.DeliverDue(), 1);
  ASSERT_EQ(sink_.MessageCount(), 1u);
  EXPECT_NE(sink_.Messages()[0].DecodedBody().find("status/SECRET"), std::string::npos);
  EXPECT_EQ(OnlyRow(5).body, "Your link: https://fd.example/status/[sent: not kept]\n");
  EXPECT_TRUE(OnlyRow(5).sent_at);
}

TEST_F(OutboxWorkerTest, TwoWorkersOnOneStoreSendEachEmailOnce) {
  constexpr int kEmails = 25;
  for (int i = 1; i <= kEmails; ++i) ASSERT_TRUE(Queue(SampleEmail(i), clock_.Now()));
  auto first = MakeWorker(sink_.url());
  auto second = MakeWorker(sink_.url());
  int sent_by_first = 0, sent_by_second = 0;
  std::thread a([&] { sent_by_first = first->DeliverDue(); });
  std::thread b([&] { sent_by_second = second->DeliverDue(); });
  a.join();
  b.join();

  EXPECT_EQ(sent_by_first + sent_by_second, kEmails);
  ASSERT_EQ(sink_.MessageCount(), static_cast<std::size_t>(kEmails));
  std::set<std::string> ids;
  for (const auto& m : sink_.Messages()) ids.insert(m.Header("Message-ID"));
  EXPECT_EQ(ids.size(), static_cast<std::size_t>(kEmails));
  for (int i = 1; i <= kEmails; ++i) EXPECT_TRUE(OnlyRow(i).sent_at) << i;
}

TEST_F(OutboxWorkerTest, StopsCleanlyAndRestarts) {
  auto worker = MakeWorker(sink_.url());
  worker->Stop();  // never started: nothing to do
  worker->Start();
  worker->Start();  // already running: nothing to do
  worker->Stop();
  worker->Stop();
  ASSERT_TRUE(Queue(SampleEmail(9), clock_.Now()));
  EXPECT_FALSE(OnlyRow(9).sent_at);  // stopped: the row waits
  worker->Start();
  worker->Wake();
  ASSERT_TRUE(sink_.WaitForMessages(1));
  worker.reset();  // the destructor stops and joins
  EXPECT_EQ(sink_.MessageCount(), 1u);
}

}  // namespace
}  // namespace fd::notify
