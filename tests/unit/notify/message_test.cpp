// Building the message text: address checks (header injection), RFC 2047 subjects,
// quoted-printable bodies, Message-IDs and dates. Decoding uses the SMTP sink's decoders, written
// separately, so each side checks the other.
#include "notify/message.h"

#include <gtest/gtest.h>

#include "domain/text.h"
#include "support/smtp_sink.h"

namespace fd::notify {
namespace {

Instant At(const char* utc) { return ParseUtc(utc).value(); }

TEST(MessageTest, CheckAddressAcceptsPlainAddresses) {
  for (const char* address : {"a@b.org", "dr.lee@riverside.nhs.net", "first.last+tag@mail.kent.gov.uk",
                              "o'brien@example.co.uk", "x_y-z@sub-domain.example.com",
                              "frontdoor@localhost"})
    EXPECT_TRUE(CheckAddress(address)) << address;
}

TEST(MessageTest, CheckAddressRefusesAnythingThatCouldAddAHeaderOrRecipient) {
  const std::vector<std::string> refused = {
      "",
      "a@b.org\r\nBcc: evil@example.com",
      "a@b.org\nRCPT TO:<evil@example.com>",
      "a@b.org\r",
      "a@b.org>",
      "<a@b.org>",
      "a@b.org, c@d.org",
      "a b@c.org",
      "\"a\"@b.org",
      "a@b@c.org",
      "ab.org",
      "@b.org",
      "a@",
      "a@b..org",
      "a@-b.org",
      "a@b.org.",
      ".a@b.org",
      "a..b@c.org",
      "zoë@example.org",
      "a@exämple.org",
      std::string("a@b.org\0x", 9),
      std::string(250, 'a') + "@b.org",
  };
  for (const auto& address : refused) {
    const auto checked = CheckAddress(address);
    EXPECT_FALSE(checked) << address;
    if (!checked) {
      EXPECT_TRUE(checked.error().IsInvalid());
      ASSERT_EQ(checked.error().fields.size(), 1u);
      EXPECT_EQ(checked.error().fields[0].field, "recipient");
    }
  }
  EXPECT_NE(CheckAddress("a@b.org\r\nBcc: x@y.org").error().message.find("line break"), std::string::npos);
}

TEST(MessageTest, ParseMailboxReadsBareAndNamedAddresses) {
  auto bare = ParseMailbox("frontdoor@localhost");
  ASSERT_TRUE(bare);
  EXPECT_EQ(bare->address, "frontdoor@localhost");
  EXPECT_EQ(bare->display_name, "");
  auto named = ParseMailbox("  Front Door <frontdoor@kent.gov.uk> ");
  ASSERT_TRUE(named);
  EXPECT_EQ(named->display_name, "Front Door");
  EXPECT_EQ(named->address, "frontdoor@kent.gov.uk");
  EXPECT_FALSE(ParseMailbox("Front Door <not an address>"));
  EXPECT_FALSE(ParseMailbox("Front\r\nBcc: x@y.org <frontdoor@kent.gov.uk>"));
}

TEST(MessageTest, HeaderTextIsPlainWhenAsciiAndEncodedOtherwise) {
  EXPECT_EQ(EncodeHeaderText("Contact FD-2026-000123 received"), "Contact FD-2026-000123 received");
  const std::string accented = "Contact about Zoë Brontë – £20 lunch money";
  const std::string encoded = EncodeHeaderText(accented);
  EXPECT_TRUE(encoded.starts_with("=?UTF-8?B?"));
  EXPECT_EQ(testing::DecodeEncodedWords(encoded), accented);
  // Text that merely looks encoded is encoded, so a receiver cannot be made to decode it.
  EXPECT_TRUE(EncodeHeaderText("=?UTF-8?B?SGk=?=").starts_with("=?UTF-8?B?"));
}

TEST(MessageTest, LongHeaderTextFoldsIntoWholeCharacterWords) {
  std::string text;
  for (int i = 0; i < 40; ++i) text += "Zoë £ ";
  const std::string encoded = EncodeHeaderText(text);
  std::size_t start = 0;
  int words = 0;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n ", start);
    if (end == std::string::npos) end = encoded.size();
    const std::string word = encoded.substr(start, end - start);
    EXPECT_LE(word.size(), 75u) << word;
    EXPECT_TRUE(IsValidUtf8(testing::DecodeEncodedWords(word))) << "a character was split: " << word;
    ++words;
    start = end + 3;
  }
  EXPECT_GT(words, 1);
  EXPECT_EQ(testing::DecodeEncodedWords(encoded), text);
}

TEST(MessageTest, MessageIdIsValidAndDistinctPerKey) {
  EXPECT_EQ(MessageIdFor("contact:12:acknowledgement"), "<contact=3A12=3Aacknowledgement@frontdoor>");
  EXPECT_NE(MessageIdFor("a:b"), MessageIdFor("a.b"));
  EXPECT_NE(MessageIdFor("a=3Ab"), MessageIdFor("a:b"));
  EXPECT_EQ(MessageIdFor("x y>\r\n"), "<x=20y=3E=0D=0A@frontdoor>");
}

TEST(MessageTest, DatesAreRfc5322InUtc) {
  EXPECT_EQ(FormatRfc5322Date(At("2026-11-24T09:30:05Z")), "Tue, 24 Nov 2026 09:30:05 +0000");
  EXPECT_EQ(FormatRfc5322Date(At("2026-03-01T23:00:00Z")), "Sun, 01 Mar 2026 23:00:00 +0000");
}

TEST(MessageTest, QuotedPrintableKeepsUtf8AndLineLimits) {
  EXPECT_EQ(EncodeQuotedPrintable("£5 = five\n"), "=C2=A35 =3D five\r\n");
  EXPECT_EQ(EncodeQuotedPrintable("trailing \nend\t"), "trailing=20\r\nend=09");
  EXPECT_EQ(EncodeQuotedPrintable("a\r\nb\rc\nd"), "a\r\nb\r\nc\r\nd");
  std::string text;
  for (int i = 0; i < 500; ++i) text += "Zoë ";  // one long line
  text += "\n.starts with a dot\n";
  const std::string encoded = EncodeQuotedPrintable(text);
  std::size_t start = 0;
  while (start < encoded.size()) {
    auto end = encoded.find("\r\n", start);
    if (end == std::string::npos) end = encoded.size();
    EXPECT_LE(end - start, 76u);
    start = end + 2;
  }
  std::string crlf_text;
  for (char c : text) crlf_text += c == '\n' ? std::string("\r\n") : std::string(1, c);
  EXPECT_EQ(testing::DecodeQuotedPrintable(encoded), crlf_text);
}

TEST(MessageTest, BuildMessageWritesEveryHeaderWithCrlf) {
  OutgoingMessage m{"dr.lee@riverside.nhs.net", "Contact about Zoë", "Dear Dr Lee,\nThank you.\n",
                    "contact:12:acknowledgement", At("2026-11-24T09:30:00Z")};
  auto text = BuildMessage({"Front Door", "frontdoor@kent.gov.uk"}, m);
  ASSERT_TRUE(text);
  EXPECT_TRUE(text->starts_with("Date: Tue, 24 Nov 2026 09:30:00 +0000\r\n"));
  EXPECT_NE(text->find("\r\nFrom: Front Door <frontdoor@kent.gov.uk>\r\n"), std::string::npos);
  EXPECT_NE(text->find("\r\nTo: dr.lee@riverside.nhs.net\r\n"), std::string::npos);
  EXPECT_NE(text->find("\r\nSubject: =?UTF-8?B?"), std::string::npos);
  EXPECT_NE(text->find("\r\nMessage-ID: <contact=3A12=3Aacknowledgement@frontdoor>\r\n"), std::string::npos);
  EXPECT_NE(text->find("\r\nMIME-Version: 1.0\r\n"), std::string::npos);
  EXPECT_NE(text->find("\r\nContent-Type: text/plain; charset=UTF-8\r\n"), std::string::npos);
  EXPECT_NE(text->find("\r\nContent-Transfer-Encoding: quoted-printable\r\n"), std::string::npos);
  EXPECT_TRUE(text->ends_with("\r\n\r\nDear Dr Lee,\r\nThank you.\r\n"));
  for (std::size_t i = 0; i < text->size(); ++i) {
    if ((*text)[i] == '\n') {
      EXPECT_EQ((*text)[i - 1], '\r') << "bare LF at " << i;
    }
  }
}

TEST(MessageTest, BuildMessageRefusesInjectionAndInvalidText) {
  const Mailbox from{"", "frontdoor@kent.gov.uk"};
  OutgoingMessage m{"dr.lee@riverside.nhs.net", "Subject", "Body", "contact:1:acknowledgement",
                    At("2026-11-24T09:30:00Z")};
  auto bad = m;
  bad.to = "dr.lee@riverside.nhs.net\r\nBcc: evil@example.com";
  EXPECT_EQ(BuildMessage(from, bad).error().fields.at(0).field, "recipient");
  bad = m;
  bad.subject = "Hello\r\nBcc: evil@example.com";
  EXPECT_EQ(BuildMessage(from, bad).error().fields.at(0).field, "subject");
  bad = m;
  bad.subject = "Bell\x07";
  EXPECT_FALSE(BuildMessage(from, bad));
  bad = m;
  bad.body = "\xC3\x28 not UTF-8";
  EXPECT_EQ(BuildMessage(from, bad).error().fields.at(0).field, "body");
  bad = m;
  bad.idempotency_key = "";
  EXPECT_FALSE(BuildMessage(from, bad));
}

}  // namespace
}  // namespace fd::notify
