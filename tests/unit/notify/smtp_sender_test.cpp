// The SMTP sender against a real SMTP server on loopback (tests/support/smtp_sink).
#include "notify/smtp_sender.h"

#include <gtest/gtest.h>

#include "support/smtp_sink.h"

namespace fd::notify {
namespace {

Instant At(const char* utc) { return ParseUtc(utc).value(); }

std::unique_ptr<SmtpSender> SenderFor(const testing::SmtpSink& sink, std::string from = "frontdoor@localhost") {
  auto sender = SmtpSender::Create({sink.url(), std::move(from)});
  EXPECT_TRUE(sender) << sender.error().message;
  return sender ? std::move(*sender) : nullptr;
}

OutgoingMessage Acknowledgement() {
  return {"dr.lee@riverside.nhs.net", "Contact FD-2026-000123 received: Zoë Brontë",
          "Dear Dr Lee,\n\nWe received your contact about Zoë Brontë (lunch money £20).\n.\nA line with only a dot.\n",
          "contact:12:acknowledgement", At("2026-11-24T09:30:00Z")};
}

TEST(SmtpSenderTest, SendsEnvelopeHeadersAndUtf8Body) {
  testing::SmtpSink sink;
  auto sender = SenderFor(sink, "Kent Front Door <frontdoor@kent.gov.uk>");
  ASSERT_TRUE(sender);
  auto sent = sender->Send(Acknowledgement());
  ASSERT_TRUE(sent) << sent.error().message;

  const auto messages = sink.Messages();
  ASSERT_EQ(messages.size(), 1u);
  const auto& m = messages[0];
  EXPECT_EQ(m.mail_from, "frontdoor@kent.gov.uk");
  EXPECT_EQ(m.recipients, std::vector<std::string>{"dr.lee@riverside.nhs.net"});
  EXPECT_EQ(m.Header("From"), "Kent Front Door <frontdoor@kent.gov.uk>");
  EXPECT_EQ(m.Header("To"), "dr.lee@riverside.nhs.net");
  EXPECT_EQ(m.DecodedSubject(), "Contact FD-2026-000123 received: Zoë Brontë");
  EXPECT_EQ(m.Header("Date"), "Tue, 24 Nov 2026 09:30:00 +0000");
  EXPECT_EQ(m.Header("Message-ID"), "<contact=3A12=3Aacknowledgement@frontdoor>");
  EXPECT_EQ(m.Header("MIME-Version"), "1.0");
  EXPECT_EQ(m.Header("Content-Type"), "text/plain; charset=UTF-8");
  EXPECT_EQ(m.HeaderCount("To"), 1u);
  EXPECT_EQ(m.DecodedBody(),
            "Dear Dr Lee,\r\n\r\nWe received your contact about Zoë Brontë (lunch money £20).\r\n.\r\n"
            "A line with only a dot.\r\n");
}

TEST(SmtpSenderTest, RefusesARecipientWithALineBreakWithoutConnecting) {
  testing::SmtpSink sink;
  auto sender = SenderFor(sink);
  ASSERT_TRUE(sender);
  auto message = Acknowledgement();
  message.to = "dr.lee@riverside.nhs.net\r\nRCPT TO:<evil@example.com>";
  auto sent = sender->Send(message);
  ASSERT_FALSE(sent);
  EXPECT_TRUE(sent.error().IsInvalid());
  message.to = "not an address";
  EXPECT_FALSE(sender->Send(message));
  EXPECT_EQ(sink.connections(), 0);
  EXPECT_EQ(sink.MessageCount(), 0u);
}

TEST(SmtpSenderTest, ATemporaryFailureIsAnErrorWithTheServersReply) {
  testing::SmtpSink sink;
  sink.FailNextTransactions(1);
  auto sender = SenderFor(sink);
  ASSERT_TRUE(sender);
  auto sent = sender->Send(Acknowledgement());
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable);
  EXPECT_NE(sent.error().message.find("451 4.3.0 Temporary failure"), std::string::npos) << sent.error().message;
  EXPECT_EQ(sink.MessageCount(), 0u);
  EXPECT_TRUE(sender->Send(Acknowledgement()));
  EXPECT_EQ(sink.MessageCount(), 1u);
}

TEST(SmtpSenderTest, AnUnreachableServerIsAnErrorValue) {
  testing::RefusingPort nobody_listening;
  auto sender = SmtpSender::Create({nobody_listening.url(), "frontdoor@localhost"});
  ASSERT_TRUE(sender);
  auto sent = (*sender)->Send(Acknowledgement());
  ASSERT_FALSE(sent);
  EXPECT_EQ(sent.error().code, ErrorCode::kUnavailable);
  EXPECT_FALSE(sent.error().message.empty());
}

TEST(SmtpSenderTest, CreateRefusesOtherSchemesAndBadSenders) {
  EXPECT_TRUE(SmtpSender::Create({"smtp://127.0.0.1:2525", "frontdoor@localhost"}));
  EXPECT_TRUE(SmtpSender::Create({"smtps://mail.kent.gov.uk:465", "Front Door <frontdoor@kent.gov.uk>"}));
  for (const char* url : {"http://127.0.0.1:2525", "file:///etc/passwd", "127.0.0.1:2525", ""}) {
    auto sender = SmtpSender::Create({url, "frontdoor@localhost"});
    ASSERT_FALSE(sender) << url;
    EXPECT_EQ(sender.error().fields.at(0).field, "smtp.url");
  }
  auto bad_from = SmtpSender::Create({"smtp://127.0.0.1:2525", "front door"});
  ASSERT_FALSE(bad_from);
  EXPECT_EQ(bad_from.error().fields.at(0).field, "smtp.from");
}

}  // namespace
}  // namespace fd::notify
