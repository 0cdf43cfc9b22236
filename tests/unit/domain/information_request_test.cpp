// Requests for information (IR-1…IR-10): the decision from the type, the evidence and the child's
// state on the register. Types here mirror policies/hertfordshire/2019.toml.
#include "domain/information_request.h"
#include "domain/information_reply.h"

#include <gtest/gtest.h>

#include <algorithm>

namespace fd {
namespace {

const std::vector<std::string> kSecure = {"gov.uk", "nhs.net", "pnn.police.uk", "police.uk", "cjsm.net"};

InformationRequestType Type(std::string id, std::string rule, std::vector<std::string> checks,
                            std::string route = "case-holder", std::vector<std::string> reply_domains = {},
                            bool review = false, std::string answers = "known-status") {
  InformationRequestType t;
  t.id = std::move(id);
  t.name = t.id;
  t.rule = std::move(rule);
  t.checks = std::move(checks);
  t.route = std::move(route);
  t.reply_domains = std::move(reply_domains);
  t.manager_review = review;
  t.answers = std::move(answers);
  return t;
}

InformationRequestType KnownToServices() { return Type("known-to-services", "IR-3", {"safeguarding-purpose-or-consent"}); }
InformationRequestType Section47() {
  return Type("section-47-confirmation", "IR-2", {}, "case-holder", {"gov.uk"}, false, "confirm-involvement");
}
InformationRequestType Immigration() { return Type("immigration", "IR-6", {}, "case-holder", {"gov.uk"}); }
InformationRequestType Detailed() {
  return Type("detailed-request", "IR-7", {"reasons-and-context"}, "case-holder", {}, true, "detailed");
}
InformationRequestType Court() { return Type("court-or-solicitor", "IR-8", {}, "case-holder-and-legal", {}, false, "detailed"); }
InformationRequestType Housing() { return Type("non-safeguarding", "IR-5", {"signed-parental-consent"}); }
InformationRequestType OtherAgency() { return Type("other-agency", "IR-4", {"consent"}); }
InformationRequestType CrimeExemption() {
  return Type("crime-prevention-exemption", "IR-9", {"investigatory-body", "identity-verified"}, "data-protection-team",
              {}, false, "detailed");
}
InformationRequestType SubjectAccess() {
  auto t = Type("subject-access", "IR-9", {"identity-verified"}, "data-protection-team", {}, false, "detailed");
  t.subject_access = true;  // the pack says so (docs/policy-packs.md)
  return t;
}

RegisterFacts Open() {
  RegisterFacts r;
  r.state = RegisterState::kOpen;
  r.allocated_user_id = 7;
  r.allocated_name = "Sam Social";
  r.team_name = "North Safeguarding";
  r.involvements = {{"Child protection plan", "2026-01-12", "", "Neglect"}};
  return r;
}

RegisterFacts Closed() {
  RegisterFacts r;
  r.state = RegisterState::kClosed;
  r.involvements = {{"Contact", "2024-03-04", "2024-03-04", "Information and advice"}};
  return r;
}

InformationRequestFacts Facts(RegisterFacts r, std::string email = "", InformationEvidence e = {}) {
  InformationRequestFacts f;
  f.reply_email = std::move(email);
  f.evidence = std::move(e);
  f.register_facts = std::move(r);
  return f;
}

bool Missing(const InformationDecision& d, std::string_view check, std::string_view rule) {
  return std::any_of(d.missing.begin(), d.missing.end(),
                     [&](const MissingEvidence& m) { return m.check == check && m.rule == rule; });
}

// RULE IR-1: open → the allocated worker; closed → a contact is opened; an adult who was known →
// an adult contact. The route follows the register, never the requester's say-so.
TEST(InformationRequestTest, IR1_RoutesByTheChildsStateOnTheRegister) {
  InformationEvidence purpose;
  purpose.safeguarding_purpose = true;
  const auto open = DecideInformationRequest(KnownToServices(), Facts(Open(), "", purpose), kSecure);
  ASSERT_FALSE(open.returned());
  EXPECT_EQ(open.route, "allocated-worker");
  EXPECT_EQ(open.route_rule, "IR-1");
  EXPECT_NE(open.route_note.find("Sam Social"), std::string::npos) << open.route_note;
  EXPECT_EQ(DecideInformationRequest(KnownToServices(), Facts(Closed(), "", purpose), kSecure).route, "contact");
  RegisterFacts adult = Closed();
  adult.state = RegisterState::kAdultKnown;
  EXPECT_EQ(DecideInformationRequest(KnownToServices(), Facts(adult, "", purpose), kSecure).route, "adult-contact");
  EXPECT_EQ(DecideInformationRequest(KnownToServices(), Facts({}, "", purpose), kSecure).route, "front-door");
}

// RULE IR-2: another local authority's Section 47 confirmation needs no consent, but goes only by
// e-mail to a .gov.uk address; it confirms involvement, nothing more.
TEST(InformationRequestTest, IR2_Section47ConfirmationWithoutConsentToGovUkOnly) {
  const auto ok = DecideInformationRequest(Section47(), Facts(Open(), "duty@othershire.gov.uk"), kSecure);
  EXPECT_FALSE(ok.returned());
  EXPECT_TRUE(ok.channel.email_allowed);
  const auto nhs = DecideInformationRequest(Section47(), Facts(Open(), "someone@nhs.net"), kSecure);
  ASSERT_TRUE(nhs.returned());
  EXPECT_TRUE(Missing(nhs, ir_check::kReplyChannel, "IR-2"));
  EXPECT_NE(nhs.missing[0].needed.find(".gov.uk"), std::string::npos) << nhs.missing[0].needed;
  EXPECT_TRUE(DecideInformationRequest(Section47(), Facts(Open(), ""), kSecure).returned());
  EXPECT_TRUE(CheckReplyChannel(Section47(), "phone", "Ms Duty", kSecure).has_value());
  EXPECT_FALSE(CheckReplyChannel(Section47(), "email", "duty@othershire.gov.uk", kSecure).has_value());
  EXPECT_FALSE(CheckSharedItems(Section47(), {{"section-47", "Yes: open to us under Section 47 since March"}}).size());
  EXPECT_EQ(CheckSharedItems(Section47(), {{"chronology", "Everything since 2019"}}).at(0).field, "items[0].kind");
  EXPECT_EQ(ok.suggested_answer, "Known to children's services: the case is open.");
}

// RULE IR-3: "is the child known?" is answered only when safeguarding is confirmed or PR consent
// given, and only with known/open/closed, dates, purpose and outcome.
TEST(InformationRequestTest, IR3_KnownToServicesNeedsPurposeOrConsentAndSaysOnlyThat) {
  const auto none = DecideInformationRequest(KnownToServices(), Facts(Closed()), kSecure);
  ASSERT_TRUE(none.returned());
  EXPECT_TRUE(Missing(none, ir_check::kSafeguardingPurposeOrConsent, "IR-3"));
  EXPECT_TRUE(none.route.empty());
  InformationEvidence consent;
  consent.consent = true;
  const auto ok = DecideInformationRequest(KnownToServices(), Facts(Closed(), "", consent), kSecure);
  ASSERT_FALSE(ok.returned());
  EXPECT_NE(ok.suggested_answer.find("closed"), std::string::npos);
  EXPECT_NE(ok.suggested_answer.find("2024-03-04"), std::string::npos);
  EXPECT_NE(ok.suggested_answer.find("Information and advice"), std::string::npos);
  EXPECT_EQ(ok.shareable, (std::vector<std::string>{"known", "status", "dates", "purpose", "outcome"}));
  EXPECT_TRUE(CheckSharedItems(KnownToServices(), {{"dates", "2024-03-04"}, {"outcome", "Advice"}}).empty());
  const auto refused = CheckSharedItems(KnownToServices(), {{"assessment", "The C&F assessment"}});
  ASSERT_EQ(refused.size(), 1u);
  EXPECT_NE(refused[0].message.find("IR-3"), std::string::npos);
  EXPECT_EQ(DecideInformationRequest(KnownToServices(), Facts({}, "", consent), kSecure).suggested_answer,
            "Not known to children's services.");
}

// RULE IR-4: every other agency request needs a consent form; without it nothing is processed and
// the requester is told exactly what is needed.
TEST(InformationRequestTest, IR4_OtherAgencyWithoutConsentIsReturnedNamingTheEvidence) {
  const auto d = DecideInformationRequest(OtherAgency(), Facts(Open()), kSecure);
  ASSERT_TRUE(d.returned());
  EXPECT_TRUE(d.route.empty());
  EXPECT_TRUE(Missing(d, ir_check::kConsent, "IR-4"));
  EXPECT_NE(d.missing[0].needed.find("consent form"), std::string::npos);
  InformationEvidence consent;
  consent.consent = true;
  EXPECT_FALSE(DecideInformationRequest(OtherAgency(), Facts(Open(), "", consent), kSecure).returned());
}

// RULE IR-5: a request informing no safeguarding decision (housing, rent arrears) needs signed
// parental consent: a safeguarding purpose or an ordinary consent form does not stand in for it.
TEST(InformationRequestTest, IR5_HousingNeedsSignedParentalConsent) {
  InformationEvidence other;
  other.safeguarding_purpose = true;
  other.consent = true;
  const auto d = DecideInformationRequest(Housing(), Facts(Closed(), "", other), kSecure);
  ASSERT_TRUE(d.returned());
  EXPECT_TRUE(Missing(d, ir_check::kSignedParentalConsent, "IR-5"));
  other.signed_parental_consent = true;
  EXPECT_FALSE(DecideInformationRequest(Housing(), Facts(Closed(), "", other), kSecure).returned());
}

// RULE IR-6: immigration requests are answered without consent, by e-mail to .gov.uk only: a
// secure but non-.gov.uk address (or a look-alike domain) is refused naming the channel.
TEST(InformationRequestTest, IR6_ImmigrationOnlyToGovUk) {
  const auto ok = DecideInformationRequest(Immigration(), Facts(Closed(), "caseworker@homeoffice.gov.uk"), kSecure);
  EXPECT_FALSE(ok.returned());
  for (const char* address : {"caseworker@ukvi-mail.com", "x@pnn.police.uk", "x@gov.uk.example.com", "x@notgov.uk"}) {
    const auto d = DecideInformationRequest(Immigration(), Facts(Closed(), address), kSecure);
    EXPECT_TRUE(Missing(d, ir_check::kReplyChannel, "IR-6")) << address;
    EXPECT_NE(d.channel.description.find(".gov.uk"), std::string::npos);
  }
  EXPECT_TRUE(EmailUnderDomain("a@HomeOffice.GOV.UK", "gov.uk"));
  EXPECT_FALSE(EmailUnderDomain("a@govuk", "gov.uk"));
  EXPECT_TRUE(CheckReplyChannel(Immigration(), "email", "caseworker@ukvi-mail.com", kSecure).has_value());
  EXPECT_EQ(CheckReplyChannel(Immigration(), "post", "UKVI", kSecure)->field, "channel");
}

// RULE IR-7: a detailed request from another local authority or CAFCASS must say why, with
// context, or it is returned; a manager reviews what is sent; detailed items may then be shared.
TEST(InformationRequestTest, IR7_DetailedRequestsNeedReasonsAndAManagersReview) {
  const auto bare = DecideInformationRequest(Detailed(), Facts(Closed(), "cafcass@cafcass.gov.uk"), kSecure);
  ASSERT_TRUE(bare.returned());
  EXPECT_TRUE(Missing(bare, ir_check::kReasonsAndContext, "IR-7"));
  InformationEvidence reasons;
  reasons.reasons = "   ";
  EXPECT_TRUE(DecideInformationRequest(Detailed(), Facts(Closed(), "", reasons), kSecure).returned());
  reasons.reasons = "Private law proceedings: the court asked for a safeguarding letter";
  const auto ok = DecideInformationRequest(Detailed(), Facts(Closed(), "cafcass@cafcass.gov.uk", reasons), kSecure);
  ASSERT_FALSE(ok.returned());
  EXPECT_TRUE(ok.manager_review);
  EXPECT_TRUE(CheckSharedItems(Detailed(), {{"chronology", "2019–2024 chronology"}}).empty());
}

// RULE IR-8: court and solicitor correspondence: open → the allocated worker, closed → a contact,
// and the legal helpdesk is told either way.
TEST(InformationRequestTest, IR8_CourtsGoToTheCaseHolderAndTheLegalHelpdesk) {
  const auto open = DecideInformationRequest(Court(), Facts(Open()), kSecure);
  EXPECT_EQ(open.route, "allocated-worker");
  EXPECT_TRUE(open.legal_helpdesk);
  EXPECT_EQ(open.route_rule, "IR-8");
  const auto closed = DecideInformationRequest(Court(), Facts(Closed()), kSecure);
  EXPECT_EQ(closed.route, "contact");
  EXPECT_TRUE(closed.legal_helpdesk);
  EXPECT_FALSE(DecideInformationRequest(KnownToServices(), Facts(Open(), "", {true, false, false, false, false, ""}),
                                        kSecure)
                   .legal_helpdesk);
}

// RULE IR-9: crime-prevention exemptions and subject access go to the Data Protection Team only —
// whatever the register says — and an exemption needs a body with an investigatory function.
TEST(InformationRequestTest, IR9_ExemptionsAndSubjectAccessGoToTheDataProtectionTeamOnly) {
  const auto exemption = DecideInformationRequest(CrimeExemption(), Facts(Open(), "dc@police.uk"), kSecure);
  EXPECT_EQ(exemption.route, "data-protection-team");
  EXPECT_EQ(exemption.route_rule, "IR-9");
  EXPECT_TRUE(Missing(exemption, ir_check::kInvestigatoryBody, "IR-9"));
  EXPECT_TRUE(exemption.suggested_answer.empty());
  InformationEvidence e;
  e.investigatory_body = true;
  e.identity_verified = true;
  EXPECT_FALSE(DecideInformationRequest(CrimeExemption(), Facts(Open(), "dc@police.uk", e), kSecure).returned());
  EXPECT_EQ(DecideInformationRequest(SubjectAccess(), Facts(Closed()), kSecure).route, "data-protection-team");
}

// RULE IR-10: while the requester's identity or legitimacy is in doubt nothing is disclosed — for
// every type, even one that needs no consent — until evidence of identity is given.
TEST(InformationRequestTest, IR10_IdentityInDoubtStopsEveryType) {
  for (const auto& type : {Section47(), Immigration(), Court(), KnownToServices()}) {
    auto facts = Facts(Open(), "duty@othershire.gov.uk", {true, false, false, false, false, ""});
    facts.identity_in_doubt = true;
    const auto d = DecideInformationRequest(type, facts, kSecure);
    EXPECT_TRUE(Missing(d, ir_check::kIdentityVerified, "IR-10")) << type.id;
    EXPECT_TRUE(d.route.empty()) << type.id;
    facts.evidence.identity_verified = true;
    EXPECT_FALSE(DecideInformationRequest(type, facts, kSecure).returned()) << type.id;
  }
}

// A check id the code does not know is never taken as passed (fail closed).
TEST(InformationRequestTest, UnknownChecksFailClosed) {
  auto type = OtherAgency();
  type.checks = {"mystery"};
  EXPECT_TRUE(DecideInformationRequest(type, Facts(Open(), "", {true, true, true, true, true, "x"}), kSecure).returned());
  EXPECT_FALSE(IsKnownInformationCheck("mystery"));
}

// RULE IR-2, IR-6: exactly one address. A list is never "under" .gov.uk, whichever address comes
// last, and the answer's "to" names it as a list; an empty "to" is named too.
TEST(InformationRequestTest, IR2_IR6_ExactlyOneAddress) {
  for (const char* list : {"b@gmail.com, caseworker@homeoffice.gov.uk", "b@gmail.com;x@gov.uk",
                           "b@gmail.com x@homeoffice.gov.uk", "<b@gmail.com>x@gov.uk"}) {
    EXPECT_FALSE(IsOneEmailAddress(list)) << list;
    EXPECT_FALSE(EmailUnderDomain(list, "gov.uk")) << list;
    const auto d = DecideInformationRequest(Immigration(), Facts(Closed(), list), kSecure);
    EXPECT_TRUE(Missing(d, ir_check::kReplyChannel, "IR-6")) << list;
    const auto problem = CheckReplyChannel(Immigration(), "email", list, kSecure);
    ASSERT_TRUE(problem.has_value()) << list;
    EXPECT_EQ(problem->field, "to");
  }
  EXPECT_NE(CheckReplyChannel(Section47(), "email", "a@gmail.com,b@x.gov.uk", kSecure)->message.find("not a list"),
            std::string::npos);
  EXPECT_EQ(CheckReplyChannel(Section47(), "email", "", kSecure)->field, "to");
  EXPECT_EQ(CheckReplyChannel(Court(), "post", " ", kSecure)->field, "to");
  EXPECT_TRUE(IsOneEmailAddress("caseworker@homeoffice.gov.uk"));
}

// RULE IR-8, IR-9 (KCR-5 only for e-mail): a type not answered by e-mail alone goes ahead from an
// address frontdoor may not e-mail; only e-mail to it is ruled out. A subject access request's
// identity evidence is the person's own.
TEST(InformationRequestTest, IR8_IR9_AnAddressNotSecureRulesOutOnlyEmail) {
  const auto court = DecideInformationRequest(Court(), Facts(Closed(), "c@smithco.co.uk"), kSecure);
  EXPECT_FALSE(court.returned());
  EXPECT_FALSE(court.channel.email_allowed);
  EXPECT_TRUE(court.legal_helpdesk);
  EXPECT_FALSE(CheckReplyChannel(Court(), "post", "Smith & Co, 1 High Street", kSecure).has_value());
  EXPECT_TRUE(CheckReplyChannel(Court(), "email", "c@smithco.co.uk", kSecure).has_value());
  const auto sar = SubjectAccess();
  EXPECT_TRUE(IsSubjectAccess(sar));
  EXPECT_FALSE(IsSubjectAccess(CrimeExemption()));
  EXPECT_FALSE(IsSubjectAccess(Court()));
  const auto d = DecideInformationRequest(sar, Facts(RegisterFacts{}, "sam@gmail.com"), kSecure);
  ASSERT_EQ(d.missing.size(), 1u);
  EXPECT_EQ(d.missing[0].check, ir_check::kIdentityVerified);
  EXPECT_NE(d.missing[0].needed.find("person's own identity"), std::string::npos);
  EXPECT_EQ(d.missing[0].needed.find("statutory agency"), std::string::npos);
}

// IR-3: an item with words but no kind ("Not used") is named as such, and kinds are named in words.
TEST(InformationRequestTest, IR3_AnItemNotUsedWithWordsIsNamed) {
  const auto errors = CheckSharedItems(KnownToServices(), {{"", "The mother was evicted"}, {"chronology", "All"}});
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "items[0].kind");
  EXPECT_NE(errors[0].message.find("Not used"), std::string::npos) << errors[0].message;
  EXPECT_EQ(errors[0].message.find("\"\""), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[1].message.find("Chronology"), std::string::npos) << errors[1].message;
  EXPECT_NE(errors[1].message.find("Dates of involvement"), std::string::npos) << errors[1].message;
}

}  // namespace
}  // namespace fd
