// What staff read of an e-mail frontdoor queued (app/email_delivery.h): sent, waiting or not sent,
// and never the recipient's address, even inside a mail server's error (HCR-22).
#include "app/email_delivery.h"

#include <gtest/gtest.h>

namespace fd::app {
namespace {

TEST(EmailDelivery, AddressesInAServersErrorAreTakenOut) {
  EXPECT_EQ(WithoutAddresses("550 5.1.1 <jo.webb@herts.pnn.police.uk>: Recipient address rejected"),
            "550 5.1.1 <[address]>: Recipient address rejected");
  EXPECT_EQ(WithoutAddresses("RCPT TO jo@example.org, ann@example.org refused"), "RCPT TO [address], [address] refused");
  EXPECT_EQ(WithoutAddresses("Failure when receiving data from the peer"), "Failure when receiving data from the peer");
  EXPECT_EQ(WithoutAddresses(""), "");
}

TEST(EmailDelivery, HCR22_ItsStateAndWordsFollowTheOutboxRow) {
  notify::OutboxRow row;
  row.purpose = "acknowledgement";
  row.created_at = *ParseUtc("2026-11-27T10:00:00Z");
  row.attempts = 2;
  row.last_error = "451 4.3.0 <jo@example.org> try later";
  EmailDelivery waiting = DeliveryOf(row);
  EXPECT_EQ(waiting.state, EmailDelivery::State::kWaiting);
  EXPECT_EQ(DeliveryStateId(waiting.state), "waiting");
  EXPECT_EQ(waiting.failed_attempts, 2);
  EXPECT_EQ(DeliveryWords(waiting, "Europe/London").rfind("Waiting to be sent since ", 0), 0u);
  EXPECT_NE(DeliveryWords(waiting, "Europe/London").find("(tried 2 times; last error: 451 4.3.0 <[address]> try later)"),
            std::string::npos);

  row.sent_at = *ParseUtc("2026-11-27T10:03:00Z");
  row.attempts = 3;
  const EmailDelivery sent = DeliveryOf(row);
  EXPECT_EQ(sent.state, EmailDelivery::State::kSent);
  EXPECT_EQ(sent.failed_attempts, 2);
  EXPECT_EQ(DeliveryWords(sent, "Europe/London").rfind("Sent ", 0), 0u);

  row.sent_at.reset();
  row.failed_at = *ParseUtc("2026-11-27T15:00:00Z");
  const EmailDelivery given_up = DeliveryOf(row);
  EXPECT_EQ(DeliveryStateId(given_up.state), "not-sent");
  EXPECT_EQ(DeliveryWords(given_up, "Europe/London"), "Not sent: 451 4.3.0 <[address]> try later");
}

}  // namespace
}  // namespace fd::app
