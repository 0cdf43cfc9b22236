#include "domain/harm_override.h"

#include <gtest/gtest.h>

#include "domain/information_checklist.h"

namespace fd {
namespace {

Screening Found(Answer harm, Answer urgent) {
  Screening s;
  s.significant_harm = harm;
  s.urgent_action = urgent;
  return s;
}

// RULE KCR-16 RULE HCR-31 RULE HCR-32: significant harm or urgent action found → any outcome but the
// strategy discussion departs from it and needs a reason; "not known" and "no" find nothing.
TEST(HarmOverride, KCR16_HCR31_AnOutcomeOtherThanTheStrategyDiscussionNeedsAReason) {
  const Screening harm = Found(Answer::kYes, Answer::kNo);
  EXPECT_EQ(HarmFoundWords(harm), "significant harm suspected");
  EXPECT_TRUE(DepartsFromHarmFound(&harm, "close"));
  EXPECT_TRUE(DepartsFromHarmFound(&harm, "assessment"));
  EXPECT_FALSE(DepartsFromHarmFound(&harm, "section-47"));
  EXPECT_FALSE(DepartsFromHarmFound(nullptr, "close"));
  const Screening urgent = Found(Answer::kNotKnown, Answer::kYes);
  EXPECT_EQ(HarmFoundWords(urgent), "urgent action needed to protect the child");
  const Screening nothing = Found(Answer::kNotKnown, Answer::kNo);
  EXPECT_EQ(HarmFoundWords(nothing), "");
  EXPECT_FALSE(DepartsFromHarmFound(&nothing, "close"));

  auto problem = OverrideReasonProblem(&harm, "close", "No further action", "  ", "authorising");
  ASSERT_TRUE(problem);
  EXPECT_NE(problem->find("To authorise \"No further action\" instead"), std::string::npos) << *problem;
  EXPECT_FALSE(OverrideReasonProblem(&harm, "close", "No further action", "Explained by the GP", "proposing"));
  EXPECT_FALSE(OverrideReasonProblem(&harm, "section-47", "Strategy discussion", "", "proposing"));
  EXPECT_TRUE(OverrideReasonProblem(&harm, "close", "NFA", std::string(kMaxOverrideReason + 1, 'x'), "proposing"));
}

// RULE KCR-7: screening's answers gather the checklist items they answer, and only those.
TEST(InformationChecklist, KCR7_ScreeningAnswersGatherTheItemsTheyAnswer) {
  Screening s;
  EXPECT_FALSE(RecordedAtScreening("child_location", s));
  EXPECT_FALSE(RecordedAtScreening("immediate_protection", s));
  EXPECT_FALSE(RecordedAtScreening("parents_knowledge", s));
  s.answers["child_location"] = "At school";
  s.urgent_action = Answer::kNo;
  s.consent = Consent::kNotInformed;
  s.not_informed_reason = "prompt_harm";
  EXPECT_EQ(RecordedAtScreening("child_location", s), "Where the child is now: At school");
  EXPECT_EQ(RecordedAtScreening("immediate_protection", s), "Urgent action needed to protect the child: No");
  EXPECT_EQ(RecordedAtScreening("parents_knowledge", s),
            "Parents not informed and not agreed: Informing them would prompt harm to the child");
  EXPECT_FALSE(RecordedAtScreening("alleged_perpetrator", s));

  Contact c;
  const auto before = MissingInformation(c, nullptr);
  const auto after = MissingInformation(c, &s);
  EXPECT_EQ(after.size(), before.size() - 3);
  for (const auto& item : after)
    EXPECT_TRUE(item.id != "child_location" && item.id != "immediate_protection" && item.id != "parents_knowledge")
        << item.id;
}

}  // namespace
}  // namespace fd
