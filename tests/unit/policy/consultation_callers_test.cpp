// HCR-7: a consultation line's eligible callers are kinds the request form can offer — a
// professional kind of referrer, or a consultation-only kind (a Families First key worker) — and
// HCR-12: the Consultation Hub checks the significant-harm indicators it asks about.
#include <gtest/gtest.h>

#include <algorithm>

#include "domain/consultation_request.h"
#include "policy/procedures.h"
#include "test_pack.h"

namespace fd::policy {
namespace {

TEST(ConsultationCallers, HCR7_HCR12_TheHubTakesFamiliesFirstKeyWorkersAndChecksSignificantHarm) {
  auto versions = LoadAuthority(test_pack::kPolicies + "/hertfordshire");
  ASSERT_TRUE(versions.has_value());
  const auto& pack = versions->front();
  const auto hub = std::find_if(pack.consultation_types.begin(), pack.consultation_types.end(),
                                [](const auto& t) { return t.id == "hub"; });
  ASSERT_NE(hub, pack.consultation_types.end());
  EXPECT_NE(std::find(hub->preconditions.begin(), hub->preconditions.end(), precondition::kNoSignificantHarm),
            hub->preconditions.end());
  EXPECT_NE(
      std::find(hub->eligible_callers.begin(), hub->eligible_callers.end(), "families_first_key_worker"),
      hub->eligible_callers.end());
}

TEST(ConsultationCallers, HCR7_AnEligibleCallerNobodyCanChooseIsRefusedWithTheLine) {
  testing::TempDir dir;
  const std::string text = std::string(test_pack::kHead) + test_pack::kServiceToOutcome + R"(
[secure_email]
domains = ["gov.uk"]

[[retention]]
record = "consultation"
years = 6
from = "created"

[[consultation_types]]
id = "hub"
name = "Hub"
named = true
preconditions = ["eligible-caller"]
eligible_callers = ["school", "youth_worker"]
)";
  auto pack = LoadPack(test_pack::Write(dir, text));
  ASSERT_FALSE(pack.has_value());
  bool named = false;
  for (const auto& e : pack.error())
    named |= e.message.find("\"youth_worker\"") != std::string::npos && e.line > 0;
  EXPECT_TRUE(named);

  std::string fixed = text;
  fixed.replace(fixed.find("youth_worker"), std::string("youth_worker").size(), "families_first_key_worker");
  auto with_caller = LoadPack(test_pack::Write(dir, fixed));
  ASSERT_TRUE(with_caller.has_value()) << with_caller.error().front().ToString();
}

}  // namespace
}  // namespace fd::policy
