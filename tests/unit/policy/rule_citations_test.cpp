// Rule citations follow the pack in force: a Kent message cites no Hertfordshire rule, and a
// record's reference is never mistaken for one.
#include "policy/rule_citations.h"

#include <gtest/gtest.h>

#include <map>
#include <string>
#include <vector>

#include "policy/procedures.h"
#include "unit/policy/test_pack.h"

namespace fd::policy {
namespace {

const PolicyPack& Latest(const std::string& authority) {
  static std::map<std::string, std::vector<PolicyPack>> loaded;
  auto it = loaded.find(authority);
  if (it == loaded.end()) it = loaded.emplace(authority, *LoadAuthority(test_pack::kPolicies + "/" + authority)).first;
  return it->second.back();
}

// RULE HCR-25 RULE KCR-15: under Kent the Hertfordshire citation goes with its brackets, and under
// Hertfordshire the Kent one.
TEST(RuleCitations, HCR25_KCR15_EachPackCitesOnlyItsOwnFamilies) {
  const std::string text = "Record first whether the parents have been informed (HCR-25): ask a manager (KCR-15, HCR-26).";
  EXPECT_EQ(CiteRules(Latest("kent"), text),
            "Record first whether the parents have been informed: ask a manager (KCR-15).");
  EXPECT_EQ(CiteRules(Latest("hertfordshire"), text),
            "Record first whether the parents have been informed (HCR-25): ask a manager (HCR-26).");
}

// RULE HCR-27 RULE KCR-9: Hertfordshire's timescales for another agency's answer cite its own one-day
// decision, not Kent's KCR-9, so no Kent rule is cited on a Hertfordshire page or message.
TEST(RuleCitations, HCR27_KCR9_HertfordshireCitesNoKentRule) {
  const PolicyPack& hertfordshire = Latest("hertfordshire");
  EXPECT_FALSE(hertfordshire.Cites("KCR-9"));
  EXPECT_TRUE(hertfordshire.Cites("HCR-27"));
  EXPECT_TRUE(hertfordshire.Cites("IR-3"));
  EXPECT_EQ(hertfordshire.Timescale("agency-check-standard")->rule, "HCR-27");
  EXPECT_EQ(CiteRules(hertfordshire, "Run the record checks again (KCR-10, HCR-30)"), "Run the record checks again (HCR-30)");
  EXPECT_EQ(CiteRules(Latest("kent"), "Run the record checks again (KCR-10, HCR-30)"), "Run the record checks again (KCR-10)");
}

TEST(RuleCitations, AReferenceIsNotARule) {
  const std::string text = "Contact FD-2026-000004 and CPC-000001 were received (HCR-23).";
  EXPECT_EQ(CiteRules(Latest("kent"), text), "Contact FD-2026-000004 and CPC-000001 were received.");
  EXPECT_EQ(CiteRules(Latest("hertfordshire"), text), text);
}

TEST(RuleCitations, AnErrorsMessageAndFieldsAreCitedAlike) {
  Error error = Error::Invalid({{"consent", "Choose why (HCR-25)"}}, "Screening is not complete yet (HCR-30)");
  error = CiteRules(Latest("kent"), std::move(error));
  EXPECT_EQ(error.message, "Screening is not complete yet");
  ASSERT_EQ(error.fields.size(), 1u);
  EXPECT_EQ(error.fields[0].message, "Choose why");
}

}  // namespace
}  // namespace fd::policy
