// Issue 12: the pack's lawful bases, the ledger's routine bases and the partner agencies. Every shipped
// pack has them; a pack that names a basis it does not define, or defines one twice, is refused with
// the line.
#include <gtest/gtest.h>

#include "policy/procedures.h"
#include "test_pack.h"

namespace fd::policy {
namespace {

TEST(Sharing, EveryShippedPackHasBasesLedgerAndAgencies) {
  for (const char* authority : {"kent", "hertfordshire"}) {
    auto versions = LoadAuthority(test_pack::kPolicies + "/" + authority);
    ASSERT_TRUE(versions.has_value()) << authority;
    for (const auto& pack : *versions) {
      EXPECT_NE(pack.LawfulBasisById("consent"), nullptr) << pack.file;
      ASSERT_NE(pack.LawfulBasisById("section-47-without-knowledge"), nullptr) << pack.file;
      EXPECT_TRUE(pack.LawfulBasisById("section-47-without-knowledge")->without_knowledge);
      EXPECT_TRUE(pack.LawfulBasisById("consent")->consent);
      EXPECT_FALSE(pack.LawfulBasisById("section-17")->without_knowledge);
      for (const auto* basis : {&pack.ledger.referrer_outcome, &pack.ledger.information_request,
                                &pack.ledger.statutory_returns})
        EXPECT_NE(pack.LawfulBasisById(*basis), nullptr) << pack.file << " " << *basis;
      EXPECT_NE(pack.PartnerAgencyById("police"), nullptr) << pack.file;
      EXPECT_NE(pack.PartnerAgencyById("health"), nullptr) << pack.file;
      EXPECT_EQ(pack.PartnerAgencyById("mi5"), nullptr);
      EXPECT_NE(pack.Timescale("agency-check-urgent"), nullptr) << pack.file;
      EXPECT_NE(pack.Timescale("agency-check-standard"), nullptr) << pack.file;
    }
  }
}

TEST(Sharing, UnknownLedgerBasisDuplicatesAndContradictionsAreRefused) {
  testing::TempDir dir;
  const std::string path = test_pack::Write(dir, std::string(test_pack::kHead) + test_pack::kServiceToOutcome + R"(
[secure_email]
domains = ["gov.uk"]

[[lawful_bases]]
id = "consent"
label = "Consent"
consent = true
without_knowledge = true
[[lawful_bases]]
id = "consent"
label = "Consent again"

[ledger]
referrer_outcome = "consent"
statutory_returns = "legal-obligation"

[[partner_agencies]]
id = "police"
name = "Police"
[[partner_agencies]]
id = "police"
name = "Police again"
)");
  auto pack = LoadPack(path);
  ASSERT_FALSE(pack.has_value());
  const std::string all = test_pack::AllErrors(pack.error());
  EXPECT_NE(all.find("a basis cannot be both the parents' consent and without their knowledge"), std::string::npos)
      << all;
  EXPECT_NE(all.find("lawful basis id \"consent\" is used twice"), std::string::npos) << all;
  EXPECT_NE(all.find("[ledger] statutory_returns names lawful basis \"legal-obligation\""), std::string::npos) << all;
  EXPECT_NE(all.find("partner agency id \"police\" is used twice"), std::string::npos) << all;
  EXPECT_EQ(all.find("referrer_outcome names"), std::string::npos) << all;  // "consent" is defined
}

TEST(Sharing, APackWithoutThemLoadsWithNone) {
  testing::TempDir dir;
  auto pack = LoadPack(test_pack::Write(dir, std::string(test_pack::kHead) + test_pack::kServiceToOutcome +
                                                "\n[secure_email]\ndomains = [\"gov.uk\"]\n"));
  ASSERT_TRUE(pack.has_value()) << test_pack::AllErrors(pack.error());
  EXPECT_TRUE(pack->lawful_bases.empty());
  EXPECT_TRUE(pack->partner_agencies.empty());
  EXPECT_TRUE(pack->ledger.referrer_outcome.empty());
}

}  // namespace
}  // namespace fd::policy
