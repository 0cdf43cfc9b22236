#include "notify/secure_recipients.h"

#include <gtest/gtest.h>

namespace fd::notify {
namespace {

// RULE KCR-5: e-mail goes only to domains the policy marks secure, and their subdomains; a domain
// that merely ends in the same letters, or contains the secure domain further left, is not secure.
TEST(SecureRecipientsTest, KCR5_OnlyListedDomainsAndTheirSubdomainsAreSecure) {
  const std::vector<std::string> secure = {"nhs.net", "@police.uk", "kent.gov.uk.", ".cjsm.net"};
  struct Case {
    const char* address;
    bool secure;
  };
  const Case cases[] = {
      {"x@nhs.net", true},
      {"x@mail.nhs.net", true},
      {"x@NHS.Net", true},
      {"first.last@a.b.nhs.net", true},
      {"officer@kent.police.uk", true},
      {"duty@kent.gov.uk", true},
      {"solicitor@firm.cjsm.net", true},
      {"x@evilnhs.net", false},
      {"x@nhs.net.example.com", false},
      {"x@nhs.netx", false},
      {"x@net", false},
      {"x@gmail.com", false},
      {"nhs.net", false},
      {"x@", false},
      {"@nhs.net", false},
      {"x@mail.nhs.net\r\nBcc: y@gmail.com", false},
      {"x@gmail.com\r\n.nhs.net", false},
      {"x@host .nhs.net", false},
      {"", false},
  };
  for (const auto& c : cases) EXPECT_EQ(IsSecureAddress(c.address, secure), c.secure) << c.address;
}

TEST(SecureRecipientsTest, KCR5_NoListedDomainsMeansNothingIsSecure) {
  EXPECT_FALSE(IsSecureAddress("x@nhs.net", {}));
  EXPECT_FALSE(IsSecureAddress("x@nhs.net", {"", "."}));
}

}  // namespace
}  // namespace fd::notify
