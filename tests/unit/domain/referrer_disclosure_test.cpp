// KCR-14: a member of the public's identity leaves the front door only on their recorded consent or
// a team manager's authorisation (not their own request), with a reason.
#include "domain/referrer_disclosure.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

Referrer Public() {
  Referrer r;
  r.type = ReferrerType::kMemberOfPublic;
  r.name = "Jo Neighbour";
  r.phone = "07700 900123";
  return r;
}

DisclosureDraft Draft(const std::string& basis) {
  DisclosureDraft d;
  d.recipient_name = "Ms Head";
  d.recipient_organisation = "Orchard Primary School";
  d.reason = "The school needs to know who raised the concern to arrange support";
  d.basis = basis;
  return d;
}

DisclosureFacts Facts(std::vector<ConsentFact> consents) {
  DisclosureFacts f;
  f.referrer = Public();
  f.consents = std::move(consents);
  f.discloser_id = 7;
  return f;
}

std::optional<std::string> MessageFor(const Error& error, const std::string& field) {
  for (const auto& f : error.fields)
    if (f.field == field) return f.message;
  return std::nullopt;
}

TEST(ReferrerDisclosure, KCR14_RefusedWithoutConsentOnRecordNamingTheEvidenceNeeded) {
  auto decided = DecideDisclosure(Draft("referrer-consent"), Facts({}));
  ASSERT_FALSE(decided);
  EXPECT_EQ(decided.error().code, ErrorCode::kInvalid);
  auto message = MessageFor(decided.error(), "basis");
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("no consent from the referrer on record"), std::string::npos);
  EXPECT_NE(message->find("team manager"), std::string::npos);
}

TEST(ReferrerDisclosure, KCR14_ALaterNoWithdrawsAnEarlierYes) {
  auto decided = DecideDisclosure(Draft("referrer-consent"),
                                  Facts({{1, true, "1 May 2026 at 9:00am"}, {2, false, "3 May 2026 at 2:00pm"}}));
  ASSERT_FALSE(decided);
  auto message = MessageFor(decided.error(), "basis");
  ASSERT_TRUE(message);
  EXPECT_NE(message->find("was no"), std::string::npos);
  EXPECT_NE(message->find("withdrew"), std::string::npos);
  EXPECT_NE(message->find("3 May 2026"), std::string::npos);
}

TEST(ReferrerDisclosure, KCR14_ALaterYesAfterANoIsConsentAndIsTheOneReferenced) {
  auto decided = DecideDisclosure(Draft("referrer-consent"),
                                  Facts({{1, false, "1 May 2026 at 9:00am"}, {4, true, "3 May 2026 at 2:00pm"}}));
  ASSERT_TRUE(decided) << decided.error().message;
  EXPECT_EQ(decided->basis, DisclosureBasis::kReferrerConsent);
  EXPECT_EQ(decided->consent_id, 4);
  EXPECT_EQ(decided->recipient_organisation, "Orchard Primary School");
  EXPECT_FALSE(decided->authorised_by);
}

TEST(ReferrerDisclosure, KCR14_NotApplicableToAProfessionalOrAnAnonymousReferrer) {
  auto facts = Facts({{1, true, "today"}});
  facts.referrer.type = ReferrerType::kSchool;
  auto professional = DecideDisclosure(Draft("referrer-consent"), facts);
  ASSERT_FALSE(professional);
  EXPECT_EQ(professional.error().code, ErrorCode::kConflict);
  EXPECT_NE(professional.error().message.find("professional"), std::string::npos);
  EXPECT_NE(professional.error().message.find("nothing to disclose"), std::string::npos);

  facts.referrer = Referrer{};
  facts.referrer.anonymous = true;
  auto anonymous = DecideDisclosure(Draft("referrer-consent"), facts);
  ASSERT_FALSE(anonymous);
  EXPECT_EQ(anonymous.error().code, ErrorCode::kConflict);
  EXPECT_NE(anonymous.error().message.find("anonymous"), std::string::npos);
}

TEST(ReferrerDisclosure, KCR14_EveryMissingDetailIsNamed) {
  DisclosureDraft draft;
  auto decided = DecideDisclosure(draft, Facts({}));
  ASSERT_FALSE(decided);
  for (const char* field : {"recipient_name", "recipient_organisation", "reason", "basis"})
    EXPECT_TRUE(MessageFor(decided.error(), field)) << field;
  draft = Draft("court-order");
  decided = DecideDisclosure(draft, Facts({}));
  ASSERT_FALSE(decided);
  EXPECT_NE(MessageFor(decided.error(), "basis")->find("Select the basis"), std::string::npos);
}

TEST(ReferrerDisclosure, KCR14_ManagerAuthorisationByAnotherManagerWithAReasonNeedsNoConsent) {
  auto draft = Draft("manager-authorisation");
  draft.requested_by = "social_worker";
  draft.authorisation_reason = "Court order of 2 May 2026 requires the referrer to be named";
  auto facts = Facts({{1, false, "1 May 2026 at 9:00am"}});  // the referrer said no
  facts.discloser_may_authorise = true;
  facts.requester = RequesterFact{3, true, true};
  auto decided = DecideDisclosure(draft, facts);
  ASSERT_TRUE(decided) << decided.error().message;
  EXPECT_EQ(decided->basis, DisclosureBasis::kManagerAuthorisation);
  EXPECT_EQ(decided->requested_by, 3);
  EXPECT_EQ(decided->authorised_by, 7);
  EXPECT_FALSE(decided->consent_id);
  EXPECT_EQ(decided->authorisation_reason, "Court order of 2 May 2026 requires the referrer to be named");
}

TEST(ReferrerDisclosure, KCR14_NeverOnOnesOwnAuthorisation) {
  auto draft = Draft("manager-authorisation");
  draft.requested_by = "team_manager";
  draft.authorisation_reason = "Court order";
  auto facts = Facts({});
  facts.discloser_may_authorise = true;
  facts.requester = RequesterFact{7, true, true};  // the discloser themselves
  auto decided = DecideDisclosure(draft, facts);
  ASSERT_FALSE(decided);
  EXPECT_NE(MessageFor(decided.error(), "requested_by")->find("your own request"), std::string::npos);
}

TEST(ReferrerDisclosure, KCR14_ManagerAuthorisationNeedsAManagerAColleagueAndAReason) {
  auto draft = Draft("manager-authorisation");
  auto facts = Facts({});
  facts.discloser_may_authorise = false;  // a social worker cannot claim it
  auto decided = DecideDisclosure(draft, facts);
  ASSERT_FALSE(decided);
  EXPECT_NE(MessageFor(decided.error(), "basis")->find("Only a team manager"), std::string::npos);
  EXPECT_TRUE(MessageFor(decided.error(), "authorisation_reason"));
  EXPECT_TRUE(MessageFor(decided.error(), "requested_by"));

  facts.discloser_may_authorise = true;
  draft.requested_by = "nobody";
  draft.authorisation_reason = "Court order";
  decided = DecideDisclosure(draft, facts);  // requester not found
  ASSERT_FALSE(decided);
  EXPECT_NE(MessageFor(decided.error(), "requested_by")->find("no active user"), std::string::npos);

  facts.requester = RequesterFact{3, true, false};  // an analyst, say
  decided = DecideDisclosure(draft, facts);
  ASSERT_FALSE(decided);
  EXPECT_NE(MessageFor(decided.error(), "requested_by")->find("role"), std::string::npos);
}

TEST(ReferrerConsent, KCR14_AYesSaysHowAndWhatItCovers) {
  auto refused = ValidateConsent({"", "by pigeon", ""});
  ASSERT_FALSE(refused);
  EXPECT_TRUE(MessageFor(refused.error(), "given"));
  EXPECT_TRUE(MessageFor(refused.error(), "method"));
  auto no_cover = ValidateConsent({"yes", "phone", "  "});
  ASSERT_FALSE(no_cover);
  EXPECT_NE(MessageFor(no_cover.error(), "covers")->find("what the consent covers"), std::string::npos);
  auto yes = ValidateConsent({"yes", "in-writing", " may be named to the school "});
  ASSERT_TRUE(yes);
  EXPECT_TRUE(yes->given);
  EXPECT_EQ(yes->method, ConsentMethod::kInWriting);
  EXPECT_EQ(yes->covers, "may be named to the school");
  auto no = ValidateConsent({"no", "in-person", ""});  // a refusal needs no note
  ASSERT_TRUE(no);
  EXPECT_FALSE(no->given);
}

TEST(ReferrerConsent, KCR14_NamesRoundTrip) {
  for (ConsentMethod m : AllConsentMethods()) EXPECT_EQ(ConsentMethodFromId(ConsentMethodId(m)), m);
  for (DisclosureBasis b : {DisclosureBasis::kReferrerConsent, DisclosureBasis::kManagerAuthorisation})
    EXPECT_EQ(DisclosureBasisFromId(DisclosureBasisId(b)), b);
  EXPECT_FALSE(ConsentMethodFromId("email"));
}

}  // namespace
}  // namespace fd
