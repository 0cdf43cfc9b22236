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
                 ContactState::kDecided, ContactState::kRouted, ContactState::kDuplicate})
    EXPECT_EQ(ContactStateFromId(ContactStateId(s)), s);
}

DuplicateCheck SharedChild() {
  DuplicateCheck c;
  c.shares_child = true;
  return c;
}

// A contact is closed as a duplicate at any stage before a decision is proposed.
TEST(ContactWorkflow, ADuplicateIsClosedBeforeADecisionIsProposed) {
  ContactStatus s;
  auto received = CloseAsDuplicate(s, By(kWorker, Role::kSocialWorker, s), SharedChild());
  ASSERT_TRUE(received.has_value());
  EXPECT_EQ(received->state, ContactState::kDuplicate);
  EXPECT_EQ(received->version, 2);
  s = *StartScreening(s, By(kWorker, Role::kSocialWorker, s));
  EXPECT_TRUE(CloseAsDuplicate(s, By(kManager, Role::kTeamManager, s), SharedChild()).has_value());
  s = *CompleteScreening(s, By(kWorker, Role::kSocialWorker, s));
  EXPECT_TRUE(CloseAsDuplicate(s, By(kWorker, Role::kSocialWorker, s), SharedChild()).has_value());
  const ContactStatus proposed = Proposed(kWorker, Role::kSocialWorker);
  auto late = CloseAsDuplicate(proposed, By(kWorker, Role::kSocialWorker, proposed), SharedChild());
  ASSERT_FALSE(late.has_value());
  EXPECT_EQ(late.error().code, ErrorCode::kConflict);
  const ContactStatus decided = *AuthoriseDecision(proposed, By(kManager, Role::kTeamManager, proposed));
  EXPECT_EQ(CloseAsDuplicate(decided, By(kWorker, Role::kSocialWorker, decided), SharedChild()).error().code,
            ErrorCode::kConflict);
}

TEST(ContactWorkflow, ADuplicateIsClosedOnceAndThenGoesNowhere) {
  ContactStatus s;
  s = *CloseAsDuplicate(s, By(kWorker, Role::kSocialWorker, s), SharedChild());
  auto again = CloseAsDuplicate(s, By(kWorker, Role::kSocialWorker, s), SharedChild());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_EQ(again.error().message, "This contact is already closed as a duplicate");
  EXPECT_EQ(StartScreening(s, By(kWorker, Role::kSocialWorker, s)).error().code, ErrorCode::kConflict);
  EXPECT_EQ(RouteElsewhere(s, By(kWorker, Role::kSocialWorker, s)).error().code, ErrorCode::kConflict);
  // A contact passed on at receipt is not the front door's to close.
  ContactStatus routed;
  routed = *RouteElsewhere(routed, By(kWorker, Role::kSocialWorker, routed));
  auto passed_on = CloseAsDuplicate(routed, By(kWorker, Role::kSocialWorker, routed), SharedChild());
  EXPECT_EQ(passed_on.error().code, ErrorCode::kConflict);
  EXPECT_NE(passed_on.error().message.find("passed on"), std::string::npos);
}

// A duplicate closed by mistake is reopened by a team manager, back to the stage it was closed at
// (docs/decisions.md "Reopening a duplicate"); not by others, not a contact that is not a duplicate.
TEST(ContactWorkflow, ATeamManagerReopensADuplicateToItsStage) {
  ContactStatus s = *StartScreening(ContactStatus{}, By(kWorker, Role::kSocialWorker, ContactStatus{}));
  s = *CloseAsDuplicate(s, By(kWorker, Role::kSocialWorker, s), SharedChild());
  for (Role role : {Role::kSocialWorker, Role::kContactOfficer, Role::kAnalyst})
    EXPECT_EQ(ReopenDuplicate(s, By(kWorker, role, s), ContactState::kScreening).error().code, ErrorCode::kForbidden);
  EXPECT_EQ(ReopenDuplicate(s, {kManager, Role::kTeamManager, s.version + 1}, ContactState::kScreening).error().code,
            ErrorCode::kConflict);
  auto reopened = ReopenDuplicate(s, By(kManager, Role::kTeamManager, s), ContactState::kScreening);
  ASSERT_TRUE(reopened.has_value());
  EXPECT_EQ(reopened->state, ContactState::kScreening);
  EXPECT_EQ(reopened->version, s.version + 1);
  auto again = ReopenDuplicate(*reopened, By(kManager, Role::kTeamManager, *reopened), ContactState::kScreening);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  EXPECT_NE(again.error().message.find("not closed as a duplicate"), std::string::npos);
}

TEST(ContactWorkflow, OnlyThoseWhoScreenCloseADuplicate) {
  ContactStatus s;
  for (Role role : {Role::kContactOfficer, Role::kAnalyst}) {
    auto refused = CloseAsDuplicate(s, By(kWorker, role, s), SharedChild());
    ASSERT_FALSE(refused.has_value());
    EXPECT_EQ(refused.error().code, ErrorCode::kForbidden);
  }
  auto stale = CloseAsDuplicate(s, {kWorker, Role::kSocialWorker, s.version + 1}, SharedChild());
  EXPECT_EQ(stale.error().code, ErrorCode::kConflict);
}

// A slip of the reference closes nothing: not itself, not of a duplicate, not of another child's
// contact unless the worker confirms it is the same concern.
TEST(ContactWorkflow, ADuplicateNeedsAnotherOriginalSharingAChildOrConfirmed) {
  ContactStatus s;
  DuplicateCheck itself = SharedChild();
  itself.same_contact = true;
  auto refused = CloseAsDuplicate(s, By(kWorker, Role::kSocialWorker, s), itself);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(refused.error().fields.at(0).field, "contact");
  DuplicateCheck of_duplicate = SharedChild();
  of_duplicate.original_is_duplicate = true;
  EXPECT_EQ(CloseAsDuplicate(s, By(kWorker, Role::kSocialWorker, s), of_duplicate).error().fields.at(0).field,
            "contact");
  DuplicateCheck unrelated;
  auto unconfirmed = CloseAsDuplicate(s, By(kWorker, Role::kSocialWorker, s), unrelated);
  ASSERT_FALSE(unconfirmed.has_value());
  EXPECT_EQ(unconfirmed.error().fields.at(0).field, "same_concern");
  unrelated.same_concern_confirmed = true;
  EXPECT_TRUE(CloseAsDuplicate(s, By(kWorker, Role::kSocialWorker, s), unrelated).has_value());
}

}  // namespace
}  // namespace fd
