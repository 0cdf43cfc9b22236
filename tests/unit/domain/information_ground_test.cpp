// What an answer to a request for information rests on (the DPO's review, finding 6): consent where
// the request rests on it, the rule's own purpose where it allows sharing without consent.
#include <gtest/gtest.h>

#include "domain/information_ground.h"

namespace fd {
namespace {

using Grounds = std::vector<InformationGround>;
constexpr auto kConsent = InformationGround::kConsent;
constexpr auto kPurpose = InformationGround::kWithoutConsent;

InformationRequestType Needing(std::vector<std::string> checks) {
  InformationRequestType t;
  t.checks = std::move(checks);
  return t;
}

// RULE IR-4, IR-5: a request that needs consent rests on it, whatever else the requester gave.
TEST(InformationGround, IR5_ConsentTypesRestOnConsent) {
  InformationEvidence given;
  given.safeguarding_purpose = true;
  given.signed_parental_consent = true;
  EXPECT_EQ(InformationGroundsOf(Needing({"signed-parental-consent"}), given), Grounds{kConsent});
  EXPECT_EQ(InformationGroundsOf(Needing({"consent"}), {}), Grounds{kConsent});
}

// RULE IR-3: a safeguarding purpose, written consent, or both (then either, the purpose first).
TEST(InformationGround, IR3_PurposeOrConsentWhicheverWasGiven) {
  const auto type = Needing({"safeguarding-purpose-or-consent"});
  InformationEvidence given;
  EXPECT_TRUE(InformationGroundsOf(type, given).empty());
  given.consent = true;
  EXPECT_EQ(InformationGroundsOf(type, given), Grounds{kConsent});
  given.safeguarding_purpose = true;
  EXPECT_EQ(InformationGroundsOf(type, given), (Grounds{kPurpose, kConsent}));
  given.consent = false;
  EXPECT_EQ(InformationGroundsOf(type, given), Grounds{kPurpose});
}

// RULE IR-2, IR-6, IR-7, IR-8, IR-9: shared without consent, on the rule's own purpose.
TEST(InformationGround, IR2_RulesWithoutConsentRestOnTheirPurpose) {
  InformationEvidence given;
  given.consent = true;
  EXPECT_EQ(InformationGroundsOf(Needing({}), given), Grounds{kPurpose});
  EXPECT_EQ(InformationGroundsOf(Needing({"reasons-and-context"}), {}), Grounds{kPurpose});
  EXPECT_EQ(InformationGroundsOf(Needing({"investigatory-body", "identity-verified"}), {}), Grounds{kPurpose});
}

}  // namespace
}  // namespace fd
