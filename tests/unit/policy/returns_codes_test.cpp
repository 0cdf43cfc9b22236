// [returns] (docs/policy-packs.md, docs/reports.md): both shipped authorities map every referrer type
// and every outcome to census codes, and a pack with a code that is not the census's, an outcome
// counted the wrong way, or a referrer type left out is refused naming each.
#include <gtest/gtest.h>

#include "domain/return_codes.h"
#include "policy/policy_pack.h"
#include "unit/policy/test_pack.h"

namespace fd::policy {
namespace {

using test_pack::kPolicies;

TEST(ReturnsCodes, EveryShippedPackMapsEverySourceAndOutcome) {
  for (const char* authority : {"kent", "hertfordshire"}) {
    auto packs = LoadAuthority(kPolicies + "/" + authority);
    ASSERT_TRUE(packs.has_value()) << packs.error().front().ToString();
    for (const auto& p : *packs) {
      ASSERT_TRUE(p.returns.has_value()) << p.file;
      EXPECT_EQ(p.returns->la_code.size(), 3u) << p.file;
      for (const auto& key : returns::ReferralSourceKeys())
        EXPECT_TRUE(returns::IsCinReferralSource(p.returns->referral_sources.at(key))) << p.file << " " << key;
      EXPECT_EQ(p.returns->referral_sources.at("anonymous"), "9");
      for (const auto& o : p.outcomes) {
        const auto& mapped = p.returns->outcomes.at(o.id);
        const bool referral = o.next == "assessment" || o.next == "section-47";
        EXPECT_EQ(mapped.referral == returns::CensusReferral::kFurtherAction, referral) << p.file << " " << o.id;
      }
      EXPECT_EQ(p.returns->outcomes.at("strategy-discussion").primary_need, "N1") << p.file;
    }
  }
}

TEST(ReturnsCodes, BadCodesMissingMappingsAndUnknownKeysAreNamed) {
  testing::TempDir dir;
  const std::string path = test_pack::Write(dir, std::string(test_pack::kHead) + test_pack::kServiceToOutcome + R"([[outcomes]]
id = "assess"
label = "Assessment"
next = "assessment"
[[outcomes]]
id = "help"
label = "Early help"
next = "early-help"

[secure_email]
domains = ["gov.uk"]

[returns]
la_code = "91"
early_help_organsation = "Early help"

[returns.referral_sources]
member_of_public = "1E"
school = "2A"
early_years = "2B"
health = "3F"
police = "6"
grandparent = "1A"
anonymous = "9"

[returns.outcomes]
nfa = { cin_referral = "further-action" }
assess = { cin_referral = "none", primary_need = "N10" }
adoption = { cin_referral = "none" }
)");
  auto pack = LoadPack(path);
  ASSERT_FALSE(pack.has_value());
  const std::string all = test_pack::AllErrors(pack.error());
  EXPECT_NE(all.find("'la_code' must be the DfE local authority number"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown setting 'early_help_organsation'"), std::string::npos) << all;
  EXPECT_NE(all.find("'member_of_public' must be a CIN census referral source code"), std::string::npos) << all;
  EXPECT_NE(all.find(":44:20: 'member_of_public'"), std::string::npos) << all;  // its line and column
  EXPECT_NE(all.find("unknown referrer type 'grandparent'"), std::string::npos) << all;
  EXPECT_NE(all.find("missing referral source code for 'other_professional'"), std::string::npos) << all;
  EXPECT_NE(all.find("outcome 'nfa' leads to close, which makes no referral"), std::string::npos) << all;
  EXPECT_NE(all.find("outcome 'assess' leads to assessment, a referral"), std::string::npos) << all;
  EXPECT_NE(all.find("'primary_need' must be a CIN census primary need code"), std::string::npos) << all;
  EXPECT_NE(all.find("names outcome 'adoption', which this pack's [[outcomes]] do not define"), std::string::npos)
      << all;
  EXPECT_NE(all.find("missing census mapping for outcome 'help'"), std::string::npos) << all;
}

}  // namespace
}  // namespace fd::policy
