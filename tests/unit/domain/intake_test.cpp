// Intake rules beyond who and what (KCR-6, KCR-7, HCR-3, HCR-12, HCR-17), screening values
// (HCR-25) and proposed decisions (KCR-2, KCR-3). Pure: microseconds each.
#include <gtest/gtest.h>

#include "domain/contact.h"
#include "domain/decision.h"
#include "domain/screening.h"

namespace fd {
namespace {

using std::chrono::year_month_day;
constexpr year_month_day kToday{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{24}};

ContactDraft Draft() {
  ContactDraft d;
  d.referrer_type = "health";
  d.referrer_name = "Dr Ann Lee";
  d.referrer_agency = "Riverside Surgery";
  d.referrer_phone = "01632 960 001";
  d.children.push_back({"Leo", "Example", "2019-02-03", "", "male", "4 Mill Lane", "", "943 476 5919", "subject"});
  d.concern = "Bruising seen at an appointment.";
  return d;
}

// Hertfordshire's intake switches, as its pack sets them (HCR-9…HCR-11, HCR-17, HCR-10).
IntakeRules HertfordshireRules(std::vector<std::string> indicators = {}) {
  IntakeRules rules{std::move(indicators)};
  rules.red_and_green_forms = true;
  rules.health_contacts_need_nhs_number = true;
  rules.health_contacts_need_form = true;
  rules.hub_advice = true;
  return rules;
}

bool HasError(const Result<NewContact>& result, const std::string& field) {
  if (result) return false;
  for (const auto& f : result.error().fields)
    if (f.field == field) return true;
  return false;
}

// The channel and form messages say what the staff page offers, and that the form may be left out.
TEST(Intake, ChannelAndFormMessagesUseThePagesWords) {
  ContactDraft d = Draft();
  d.intake.channel = "fax";
  d.intake.form = "none";
  auto refused = ValidateContact(d, kToday, HertfordshireRules());
  ASSERT_FALSE(refused.has_value());
  std::string channel, form;
  for (const auto& f : refused.error().fields) {
    if (f.field == "intake.channel") channel = f.message;
    if (f.field == "intake.form") form = f.message;
  }
  EXPECT_EQ(channel, "Choose how the contact came in: phone call, e-mail, request form (red or green) or in person");
  EXPECT_NE(form.find("leave the form out"), std::string::npos) << form;
}

// RULE HCR-17: health contacts give the child's NHS number, checked with Modulus 11, and an
// e-mailed or posted health contact uses the red or green form.
TEST(Intake, HCR17_HealthContactsNeedAValidNhsNumberAndAForm) {
  const IntakeRules herts = HertfordshireRules();
  auto ok = ValidateContact(Draft(), kToday, herts);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->children[0].nhs_number, "9434765919");
  auto missing = Draft();
  missing.children[0].nhs_number = "";
  EXPECT_TRUE(HasError(ValidateContact(missing, kToday, herts), "children[0].nhs_number"));
  auto wrong = Draft();
  wrong.children[0].nhs_number = "943 476 5918";  // check digit off by one
  EXPECT_TRUE(HasError(ValidateContact(wrong, kToday, herts), "children[0].nhs_number"));
  auto emailed = Draft();
  emailed.intake.channel = "email";
  EXPECT_TRUE(HasError(ValidateContact(emailed, kToday, herts), "intake.form"));
  emailed.intake.form = "green";
  EXPECT_TRUE(ValidateContact(emailed, kToday, herts).has_value());
}

// RULE KCR-1 RULE KCR-18: where the pack has no HCR-17 (Kent), a health contact is taken without
// an NHS number or a form; an NHS number given is still checked, and a red or green form, which
// the procedures do not have, is refused rather than kept without comment.
TEST(Intake, KCR18_WithoutHCR17AHealthContactIsTakenAsItComes) {
  auto missing = Draft();
  missing.children[0].nhs_number = "";
  missing.intake.channel = "email";
  missing.intake.indicators = {"unexplained-injuries"};
  auto taken = ValidateContact(missing, kToday, IntakeRules{{"unexplained-injuries"}});
  ASSERT_TRUE(taken.has_value()) << taken.error().message;
  EXPECT_EQ(taken->children[0].nhs_number, "");
  auto wrong = Draft();
  wrong.children[0].nhs_number = "943 476 5918";
  EXPECT_TRUE(HasError(ValidateContact(wrong, kToday), "children[0].nhs_number"));
  auto red = Draft();
  red.referrer_type = "school";
  red.intake.form = "red";
  auto refused = ValidateContact(red, kToday);
  ASSERT_TRUE(HasError(refused, "intake.form"));
  for (const auto& f : refused.error().fields) {
    if (f.field == "intake.form") {
      EXPECT_NE(f.message.find("no red or green forms"), std::string::npos) << f.message;
    }
  }
  auto hub = Draft();
  hub.intake.hub_consultation = "Advised a red form";
  EXPECT_TRUE(HasError(ValidateContact(hub, kToday), "intake.hub_consultation"));
  EXPECT_TRUE(ValidateContact(hub, kToday, HertfordshireRules()).has_value());
}

// RULE HCR-3: harm caused by another child takes both children's details.
TEST(Intake, HCR3_HarmByAnotherChildTakesBothChildren) {
  auto d = Draft();
  d.intake.harm_by_another_child = true;
  EXPECT_TRUE(HasError(ValidateContact(d, kToday), "children"));
  d.children.push_back({"Max", "Other", "2015-01-01", "", "male", "", "", "", "harming_child"});
  auto ok = ValidateContact(d, kToday);
  ASSERT_TRUE(ok.has_value());
  EXPECT_EQ(ok->children[1].role, ChildRole::kHarmingChild);
  d.intake.harm_by_another_child = false;  // a harming child named without saying so
  EXPECT_TRUE(HasError(ValidateContact(d, kToday), "intake.harm_by_another_child"));
}

// RULE KCR-6: each household question is answered yes, no or not known.
TEST(Intake, KCR6_HouseholdAnswersAreYesNoOrNotKnown) {
  auto d = Draft();
  d.intake.household = {{"domestic_abuse", "yes"}, {"mental_illness", "not_known"}};
  auto partial = ValidateContact(d, kToday);
  ASSERT_TRUE(partial.has_value());
  EXPECT_FALSE(partial->intake.HouseholdAnswered());
  EXPECT_EQ(partial->intake.household[0], Answer::kYes);
  d.intake.household = {{"domestic_abuse", "maybe"}, {"gambling", "yes"}};
  auto bad = ValidateContact(d, kToday);
  EXPECT_TRUE(HasError(bad, "intake.household.domestic_abuse"));
  EXPECT_TRUE(HasError(bad, "intake.household.gambling"));
  d.intake.household = {{"domestic_abuse", "no"}, {"mental_illness", "no"}, {"substance_misuse", "yes"},
                        {"learning_difficulties", "not_known"}};
  EXPECT_TRUE(ValidateContact(d, kToday)->intake.HouseholdAnswered());
}

// RULE KCR-7: the checklist shows which items of referral information are still missing.
TEST(Intake, KCR7_MissingInformationIsListed) {
  auto d = Draft();
  d.intake.information = {{"parental_responsibility", "Mother"}, {"child_location", "At home"}};
  auto valid = ValidateContact(d, kToday);
  ASSERT_TRUE(valid.has_value());
  Contact c;
  c.children = valid->children;
  c.concern = valid->concern;
  c.intake = valid->intake;
  std::vector<std::string> missing;
  for (const auto& item : MissingInformation(c)) missing.push_back(std::string(item.id));
  EXPECT_NE(std::find(missing.begin(), missing.end(), "school"), missing.end());
  EXPECT_NE(std::find(missing.begin(), missing.end(), "alleged_perpetrator"), missing.end());
  EXPECT_EQ(std::find(missing.begin(), missing.end(), "parental_responsibility"), missing.end());
  EXPECT_EQ(std::find(missing.begin(), missing.end(), "children_names"), missing.end());
  EXPECT_EQ(std::find(missing.begin(), missing.end(), "concern"), missing.end());
  d.intake.information = {{"not_an_item", "x"}};
  EXPECT_TRUE(HasError(ValidateContact(d, kToday), "intake.information.not_an_item"));
}

// RULE HCR-11: a safeguarding concern goes on the red form, not the green service request.
TEST(Intake, HCR11_ASafeguardingConcernIsNotAGreenForm) {
  auto d = Draft();
  d.intake.channel = "form";
  d.intake.form = "green";
  d.intake.indicators = {"disclosed-abuse"};
  const IntakeRules rules = HertfordshireRules({"disclosed-abuse"});
  EXPECT_TRUE(HasError(ValidateContact(d, kToday, rules), "intake.form"));
  d.intake.form = "red";
  EXPECT_TRUE(ValidateContact(d, kToday, rules).has_value());
}

// RULE HCR-12: indicators must be the pack's; any one makes the contact urgent.
TEST(Intake, HCR12_IndicatorsComeFromThePack) {
  auto d = Draft();
  d.intake.indicators = {"disclosed-abuse", "disclosed-abuse"};
  IntakeRules rules{{"disclosed-abuse", "abandonment"}};
  auto ok = ValidateContact(d, kToday, rules);
  ASSERT_TRUE(ok.has_value());
  EXPECT_TRUE(ok->intake.Urgent());
  EXPECT_EQ(ok->intake.indicators.size(), 1u);
  d.intake.indicators = {"made-up"};
  EXPECT_TRUE(HasError(ValidateContact(d, kToday, rules), "intake.indicators[0]"));
}

// RULE HCR-25: consent is one of three; "not informed" only with a listed reason.
TEST(Screening, HCR25_ConsentIsOneOfThreeAndNotInformedNeedsAReason) {
  Screening s;
  ScreeningDraft d;
  d.consent = "told_the_neighbour";
  EXPECT_FALSE(ApplyScreeningDraft(s, d).has_value());
  d.consent = "not_informed";
  auto no_reason = ApplyScreeningDraft(s, d);
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_EQ(no_reason.error().fields.at(0).field, "not_informed_reason");
  d.not_informed_reason = "staff_at_risk";
  auto ok = ApplyScreeningDraft(s, d);
  ASSERT_TRUE(ok.has_value());
  EXPECT_TRUE(ok->NeedsSharingAuthorisation());
  ScreeningDraft informed;
  informed.consent = "informed_only";
  auto changed = ApplyScreeningDraft(*ok, informed);
  EXPECT_FALSE(changed->NeedsSharingAuthorisation());
  EXPECT_TRUE(changed->not_informed_reason.empty());
}

// RULE KCR-11: significant harm allows "not known"; urgent action and crime need yes or no.
TEST(Screening, KCR11_AnswersHaveTheirAllowedValues) {
  ScreeningDraft d;
  d.significant_harm = "not_known";
  d.urgent_action = "not_known";
  auto result = ApplyScreeningDraft(Screening{}, d);
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().fields.size(), 1u);
  EXPECT_EQ(result.error().fields[0].field, "urgent_action");
  d.answers["weather"] = "sunny";
  d.urgent_action = "yes";
  EXPECT_EQ(ApplyScreeningDraft(Screening{}, d).error().fields.at(0).field, "answers.weather");
}

const std::vector<OutcomeOption> kOutcomes = {{"no-further-action", "NFA", "close"},
                                              {"child-and-family-assessment", "C&FA", "assessment"},
                                              {"strategy-discussion", "Strategy", "section-47"}};

// RULE KCR-3 RULE KCR-2: the decision covers chosen children (a sibling left out needs a reason);
// only assessment outcomes make referrals.
TEST(Decision, KCR3_KCR2_ChildrenCoveredAndReferrals) {
  DecisionDraft d{"child-and-family-assessment", {0}, "", "Reasons", "Steps", "Grandmother protective", "N1"};
  auto no_reason = ValidateDecision(d, kOutcomes, {0, 1});
  ASSERT_FALSE(no_reason.has_value());
  EXPECT_EQ(no_reason.error().fields.at(0).field, "sibling_reason");
  d.sibling_reason = "Lives elsewhere";
  auto ok = ValidateDecision(d, kOutcomes, {0, 1});
  ASSERT_TRUE(ok.has_value());
  EXPECT_TRUE(ok->MakesReferral());
  d.children = {0, 2};  // 2 is a harming child, not a subject
  EXPECT_EQ(ValidateDecision(d, kOutcomes, {0, 1}).error().fields.at(0).field, "children");
  EXPECT_FALSE(ValidateDecision({"no-further-action", {0}, "", "R", "S", "", ""}, kOutcomes, {0})->MakesReferral());
  EXPECT_EQ(ValidateDecision({"adopt", {0}, "", "R", "S", "", ""}, kOutcomes, {0}).error().fields.at(0).field, "outcome");
}

// RULE HCR-34: where the pack has it (Hertfordshire), a case moving to another team needs the
// response to risk and the protective factors; elsewhere (Kent) they may be left out.
TEST(Decision, HCR34_ProtectiveFactorsOnlyWhereThePackAsks) {
  DecisionDraft d{"child-and-family-assessment", {0}, "", "Reasons", "Steps", "", ""};
  auto refused = ValidateDecision(d, kOutcomes, {0}, DecisionRules{true});
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().fields.at(0).field, "protective_factors");
  auto kent = ValidateDecision(d, kOutcomes, {0}, DecisionRules{false});
  ASSERT_TRUE(kent.has_value());
  EXPECT_EQ(kent->protective_factors, "");
  d.protective_factors = "Grandmother protective";
  EXPECT_EQ(ValidateDecision(d, kOutcomes, {0}, DecisionRules{false})->protective_factors, "Grandmother protective");
}

// The messages use the page's words: outcome titles, not ids; the child number that was sent.
TEST(Decision, MessagesNameTheOutcomeTitlesAndTheNumberSent) {
  auto adopt = ValidateDecision({"adopt", {0}, "", "R", "S", "", ""}, kOutcomes, {0});
  ASSERT_FALSE(adopt.has_value());
  EXPECT_EQ(adopt.error().fields.at(0).message, "Choose an outcome the procedures in force allow: NFA, C&FA, Strategy");
  auto minus = ValidateDecision({"no-further-action", {-1}, "", "R", "S", "", ""}, kOutcomes, {0});
  ASSERT_FALSE(minus.has_value());
  EXPECT_EQ(minus.error().fields.at(0).message,
            "-1 is not the number of a child the concern is about: choose from 0 (a child recorded only as having "
            "caused the harm is not decided on)");
}

// HCR-3: the child who caused the harm is on the contact but not decided on; the message says which numbers may be.
TEST(Decision, HCR3_AChildWhoCausedTheHarmIsNotDecidedOnAndTheMessageSaysWhich) {
  auto both = ValidateDecision({"no-further-action", {0, 1}, "", "R", "S", "", ""}, kOutcomes, {0});
  ASSERT_FALSE(both.has_value());
  EXPECT_EQ(both.error().fields.at(0).field, "children");
  EXPECT_NE(both.error().fields.at(0).message.find("1 is not the number of a child the concern is about: choose from 0"),
            std::string::npos);
}

// The child's primary need for the Children in Need census (issue 9 point 3): a census code, kept
// trimmed; left out it is not required (the census's rule 8610 lists such referrals); anything
// else is refused naming the field.
TEST(Decision, PrimaryNeedIsACensusCodeOrLeftOut) {
  DecisionDraft d{"child-and-family-assessment", {0}, "", "Reasons", "Steps", "Grandmother protective", " N4 "};
  EXPECT_EQ(ValidateDecision(d, kOutcomes, {0})->primary_need, "N4");
  d.primary_need = "";
  EXPECT_EQ(ValidateDecision(d, kOutcomes, {0})->primary_need, "");
  for (const char* wrong : {"N10", "n4", "4", "Family in acute stress"}) {
    d.primary_need = wrong;
    auto refused = ValidateDecision(d, kOutcomes, {0});
    ASSERT_FALSE(refused.has_value()) << wrong;
    EXPECT_EQ(refused.error().fields.at(0).field, "primary_need") << wrong;
  }
}

// RULE KCR-15 RULE HCR-26: another agency is asked once the screening records whether the parents
// were told (the police first where a crime may have been committed), and, when they will not be
// told, only after a manager's authorisation.
TEST(Screening, KCR15_HCR26_WhenAnotherAgencyMayBeAsked) {
  EXPECT_EQ(SharingBlockFor(nullptr, false), SharingBlock::kConsentNotRecorded);
  EXPECT_EQ(SharingBlockFor(nullptr, true), SharingBlock::kConsentNotRecorded);
  Screening s;
  EXPECT_EQ(SharingBlockFor(&s, true), SharingBlock::kConsentNotRecorded);
  s.crime_possible = Answer::kYes;
  EXPECT_EQ(SharingBlockFor(&s, false), SharingBlock::kConsentNotRecorded);
  EXPECT_EQ(SharingBlockFor(&s, true), SharingBlock::kNone);
  s.consent = Consent::kInformedAgreed;
  EXPECT_EQ(SharingBlockFor(&s, false), SharingBlock::kNone);
  s.consent = Consent::kNotInformed;
  EXPECT_EQ(SharingBlockFor(&s, true), SharingBlock::kNeedsAuthorisation);
  s.sharing_authorised_by = 7;
  EXPECT_EQ(SharingBlockFor(&s, false), SharingBlock::kNone);
  EXPECT_TRUE(NamesThePolice("kent-police Kent Police"));
  EXPECT_TRUE(NamesThePolice("POLICE"));
  EXPECT_FALSE(NamesThePolice("health Kent Community Health"));
}

}  // namespace
}  // namespace fd
