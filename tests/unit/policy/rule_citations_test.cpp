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

// RULE HCR-25 RULE KCR-15: under Kent the Hertfordshire citation goes with its brackets; under
// Hertfordshire both stay, as its pack cites KCR rules too.
TEST(RuleCitations, HCR25_KCR15_EachPackCitesOnlyItsOwnFamilies) {
  const std::string text = "Record first whether the parents have been informed (HCR-25): ask a manager (KCR-15, HCR-26).";
  EXPECT_EQ(CiteRules(Latest("kent"), text),
            "Record first whether the parents have been informed: ask a manager (KCR-15).");
  EXPECT_EQ(CiteRules(Latest("hertfordshire"), text), text);
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
