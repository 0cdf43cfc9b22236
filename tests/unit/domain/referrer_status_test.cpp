// What a referrer's status link may show (domain/referrer_status.h): the stage for everyone, the
// outcome only to professionals, the confidential form to the public, and when a link works.
#include "domain/referrer_status.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

using namespace std::chrono;

const Instant kReceived = sys_days{2026y / 11 / 23} + 9h;

ReferrerStatusFacts Decided(bool professional) {
  ReferrerStatusFacts f;
  f.reference = "FD-2026-000123";
  f.received_at = kReceived;
  f.state = ContactState::kDecided;
  f.professional = professional;
  f.decided_at = kReceived + 5h;
  f.outcome_label = "Child and family assessment";
  f.next_steps = "A social worker will visit this week";
  f.passed_to = "Assessment team";
  f.passing_on_concern_of = "the child's aunt";
  return f;
}

TEST(ReferrerStatus, TheStageFollowsTheWorkflowInTheReferrersWords) {
  EXPECT_EQ(StageOf(ContactState::kReceived), ReferrerStage::kReceived);
  for (auto s : {ContactState::kScreening, ContactState::kScreened, ContactState::kProposed})
    EXPECT_EQ(StageOf(s), ReferrerStage::kBeingScreened);  // a returned proposal is not news to them
  EXPECT_EQ(StageOf(ContactState::kDecided), ReferrerStage::kDecided);
  EXPECT_EQ(StageOf(ContactState::kRouted), ReferrerStage::kPassedOn);
  EXPECT_EQ(ReferrerStageId(ReferrerStage::kBeingScreened), "being-screened");
}

// RULE KCR-17 RULE HCR-24 RULE HCR-33: a professional is told the disposal, where it went, and to
// feed back to whoever's concern they passed on.
TEST(ReferrerStatus, KCR17_HCR33_AProfessionalIsToldTheOutcomeAndWhereItWent) {
  const auto s = StatusForReferrer(Decided(true));
  EXPECT_EQ(s.stage, ReferrerStage::kDecided);
  EXPECT_EQ(s.outcome, "Child and family assessment");
  EXPECT_EQ(s.next_steps, "A social worker will visit this week");
  EXPECT_EQ(s.passed_to, "Assessment team");
  EXPECT_EQ(s.feed_back_to, "the child's aunt");
  EXPECT_TRUE(s.confidential_message.empty());
}

// RULE KCR-17: a member of the public hears that it was acted on, never what was decided.
TEST(ReferrerStatus, KCR17_AMemberOfThePublicGetsOnlyTheConfidentialForm) {
  const auto s = StatusForReferrer(Decided(false));
  EXPECT_EQ(s.stage, ReferrerStage::kDecided);
  EXPECT_TRUE(s.outcome.empty());
  EXPECT_TRUE(s.next_steps.empty());
  EXPECT_TRUE(s.passed_to.empty());
  EXPECT_TRUE(s.feed_back_to.empty());
  EXPECT_NE(s.confidential_message.find("cannot tell you"), std::string::npos);
}

TEST(ReferrerStatus, NothingOfTheDecisionShowsBeforeItIsAuthorised) {
  auto f = Decided(true);
  f.state = ContactState::kProposed;
  const auto s = StatusForReferrer(f);
  EXPECT_EQ(s.stage, ReferrerStage::kBeingScreened);
  EXPECT_TRUE(s.outcome.empty());
  EXPECT_FALSE(s.decided_at);
  // A decided state without its authorised decision shows no outcome rather than guess one.
  f.state = ContactState::kDecided;
  f.decided_at.reset();
  EXPECT_EQ(StatusForReferrer(f).stage, ReferrerStage::kBeingScreened);
}

TEST(ReferrerStatus, ALinkWorksUntilItExpiresOrIsRevoked) {
  const Instant expires = kReceived + days{90};
  EXPECT_EQ(StateOfLink(expires - 1s, expires, std::nullopt), StatusLinkState::kActive);
  EXPECT_EQ(StateOfLink(expires, expires, std::nullopt), StatusLinkState::kExpired);
  EXPECT_EQ(StateOfLink(kReceived + 1h, expires, kReceived + 1h), StatusLinkState::kRevoked);
  EXPECT_EQ(StateOfLink(kReceived + 1h, expires, kReceived + 2h), StatusLinkState::kActive);
}

}  // namespace
}  // namespace fd
