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

// RULE KCR-17 RULE HCR-24: until the decision the referrer sees "received", however far screening has
// got and whether or not the contact went at receipt to the allocated worker of an open case (HCR-5):
// that comes from the register, and would tell a sender whether the child is known.
TEST(ReferrerStatus, KCR17_HCR24_UntilTheDecisionEveryContactIsReceived) {
  for (auto s : {ContactState::kReceived, ContactState::kScreening, ContactState::kScreened, ContactState::kProposed})
    EXPECT_EQ(StageOf(s), ReferrerStage::kReceived);
  EXPECT_EQ(StageOf(ContactState::kDecided), ReferrerStage::kDecided);
  EXPECT_EQ(StageOf(ContactState::kRouted, RoutedToOfQueue("allocated-worker")), ReferrerStage::kReceived);
  EXPECT_EQ(ReferrerStageId(ReferrerStage::kReceived), "received");

  ReferrerStatusFacts waiting, passed;
  waiting.state = ContactState::kScreening;
  passed.state = ContactState::kRouted;
  passed.routed_to = RoutedToOfQueue("allocated-worker");
  for (bool professional : {false, true}) {
    waiting.professional = passed.professional = professional;
    const auto a = StatusForReferrer(waiting), b = StatusForReferrer(passed);
    EXPECT_EQ(a.stage, b.stage);
    EXPECT_EQ(a.summary, b.summary);
    EXPECT_EQ(a.passed_to, b.passed_to);
    EXPECT_TRUE(b.passed_to.empty());
  }
}

// RULE HCR-5 RULE KCR-17: once the child's social worker has recorded it on the child's record, a
// professional's contact passed to them at receipt has reached its end, and the professional is told
// so, as of any disposal; the public still see "received", as for any contact at the front door.
TEST(ReferrerStatus, HCR5_KCR17_AProfessionalIsToldOnceTheChildsWorkerRecordedIt) {
  ReferrerStatusFacts f;
  f.state = ContactState::kRouted;
  f.routed_to = RoutedToOfQueue("allocated-worker");
  f.professional = true;
  f.recorded_by_childs_worker = kReceived + 3h;
  const auto told = StatusForReferrer(f);
  EXPECT_EQ(told.stage, ReferrerStage::kPassedOn);
  EXPECT_EQ(told.summary, kPassedToChildsWorker);
  EXPECT_EQ(told.passed_to, "the child's social worker");
  EXPECT_TRUE(told.passed_to_childs_worker);
  EXPECT_TRUE(told.outcome.empty());
  EXPECT_FALSE(told.decided_at);

  f.professional = false;
  ReferrerStatusFacts waiting;
  waiting.state = ContactState::kReceived;
  const auto public_view = StatusForReferrer(f), at_front_door = StatusForReferrer(waiting);
  EXPECT_EQ(public_view.stage, ReferrerStage::kReceived);
  EXPECT_EQ(public_view.summary, at_front_door.summary);
  EXPECT_TRUE(public_view.passed_to.empty());
  EXPECT_FALSE(public_view.passed_to_childs_worker);
}

// RULE HCR-33 RULE HCR-4: a concern about an adult who works with children went to the LADO because
// of what the sender said, not the register: they are told where it went.
TEST(ReferrerStatus, HCR33_AContactPassedToTheLadoSaysSo) {
  ReferrerStatusFacts f;
  f.state = ContactState::kRouted;
  f.routed_to = RoutedToOfQueue("lado");
  const auto s = StatusForReferrer(f);
  EXPECT_EQ(s.stage, ReferrerStage::kPassedOn);
  EXPECT_EQ(s.summary, kPassedToLado);
  EXPECT_EQ(s.passed_to, kLadoName);
  EXPECT_TRUE(s.outcome.empty());
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
  EXPECT_EQ(s.stage, ReferrerStage::kReceived);
  EXPECT_TRUE(s.outcome.empty());
  EXPECT_FALSE(s.decided_at);
  // A decided state without its authorised decision shows no outcome rather than guess one.
  f.state = ContactState::kDecided;
  f.decided_at.reset();
  EXPECT_EQ(StatusForReferrer(f).stage, ReferrerStage::kReceived);
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
