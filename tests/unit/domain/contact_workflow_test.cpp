#include "domain/contact_workflow.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

constexpr std::int64_t kWorker = 10, kManager = 20, kOtherManager = 21;

Transition By(std::int64_t id, Role role, const ContactStatus& s) { return {id, role, s.version}; }

ContactStatus Proposed(std::int64_t proposer, Role role) {
  ContactStatus s;
  s = *StartScreening(s, By(kWorker, Role::kSocialWorker, s));
  s = *CompleteScreening(s, By(kWorker, Role::kSocialWorker, s));
  return *ProposeDecision(s, By(proposer, role, s));
}

TEST(ContactWorkflow, HappyPathBumpsTheVersionAtEveryStep) {
  ContactStatus s = Proposed(kWorker, Role::kSocialWorker);
  EXPECT_EQ(s.state, ContactState::kProposed);
  EXPECT_EQ(s.version, 4);
  auto decided = AuthoriseDecision(s, By(kManager, Role::kTeamManager, s));
  ASSERT_TRUE(decided.has_value());
  EXPECT_EQ(decided->state, ContactState::kDecided);
  EXPECT_EQ(decided->version, 5);
}

// RULE KCR-16: the initial disposal is authorised by a manager, not by the person who proposed it.
TEST(ContactWorkflow, KCR16_ManagerCannotAuthoriseTheirOwnProposal) {
  ContactStatus s = Proposed(kManager, Role::kTeamManager);
  auto own = AuthoriseDecision(s, By(kManager, Role::kTeamManager, s));
  ASSERT_FALSE(own.has_value());
  EXPECT_EQ(own.error().code, ErrorCode::kForbidden);
  EXPECT_TRUE(AuthoriseDecision(s, By(kOtherManager, Role::kTeamManager, s)).has_value());
}

// RULE HCR-31: outcomes are authorised by a manager; a social worker cannot authorise.
TEST(ContactWorkflow, HCR31_OnlyAManagerAuthorises) {
  ContactStatus s = Proposed(kWorker, Role::kSocialWorker);
  auto by_worker = AuthoriseDecision(s, By(kWorker + 1, Role::kSocialWorker, s));
  ASSERT_FALSE(by_worker.has_value());
  EXPECT_EQ(by_worker.error().code, ErrorCode::kForbidden);
}

TEST(ContactWorkflow, AuthorisingTwiceIsAConflict) {
  ContactStatus s = Proposed(kWorker, Role::kSocialWorker);
  s = *AuthoriseDecision(s, By(kManager, Role::kTeamManager, s));
  auto again = AuthoriseDecision(s, By(kOtherManager, Role::kTeamManager, s));
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
}

TEST(ContactWorkflow, DecidingBeforeScreeningIsCompleteIsAConflict) {
  ContactStatus s;
  s = *StartScreening(s, By(kWorker, Role::kSocialWorker, s));
  auto early = ProposeDecision(s, By(kWorker, Role::kSocialWorker, s));
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().code, ErrorCode::kConflict);
}

TEST(ContactWorkflow, AStaleVersionIsAConflictNotAnOverwrite) {
  ContactStatus s = Proposed(kWorker, Role::kSocialWorker);
  Transition stale{kManager, Role::kTeamManager, s.version - 1};
  auto result = AuthoriseDecision(s, stale);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kConflict);
}

// RULE KCR-16: a returned proposal reopens screening, so the worker can record what the manager
// asked for, complete the screening again and propose anew.
TEST(ContactWorkflow, KCR16_AReturnedProposalReopensScreening) {
  ContactStatus s = Proposed(kWorker, Role::kSocialWorker);
  s = *ReturnProposal(s, By(kManager, Role::kTeamManager, s));
  EXPECT_EQ(s.state, ContactState::kScreening);
  EXPECT_FALSE(s.proposed_by.has_value());
  EXPECT_EQ(ProposeDecision(s, By(kWorker, Role::kSocialWorker, s)).error().code, ErrorCode::kConflict);
  s = *CompleteScreening(s, By(kWorker, Role::kSocialWorker, s));
  EXPECT_TRUE(ProposeDecision(s, By(kWorker, Role::kSocialWorker, s)).has_value());
}

TEST(ContactWorkflow, ADecidedContactCannotBePassedOn) {
  ContactStatus s = Proposed(kWorker, Role::kSocialWorker);
  s = *AuthoriseDecision(s, By(kManager, Role::kTeamManager, s));
  EXPECT_EQ(RouteElsewhere(s, By(kWorker, Role::kSocialWorker, s)).error().code, ErrorCode::kConflict);
}

TEST(ContactWorkflow, StateIdsRoundTrip) {
  for (auto s : {ContactState::kReceived, ContactState::kScreening, ContactState::kScreened, ContactState::kProposed,
                 ContactState::kDecided, ContactState::kRouted})
    EXPECT_EQ(ContactStateFromId(ContactStateId(s)), s);
}

}  // namespace
}  // namespace fd
