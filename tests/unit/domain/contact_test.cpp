#include "domain/contact.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

using std::chrono::year_month_day;
constexpr year_month_day kToday{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{24}};

ContactDraft ValidSchoolContact() {
  ContactDraft d;
  d.referrer_type = "school";
  d.referrer_name = "Priya Shah";
  d.referrer_agency = "Riverside Primary";
  d.referrer_phone = "01632 960 001";
  d.children.push_back({"Mia", "Example", "2017-05-14", "", "female", "12 Orchard Way", "Riverside", "", "subject"});
  d.concern = "Arrived hungry three days running.";
  return d;
}

bool HasError(const Result<NewContact>& result, const std::string& field) {
  if (result) return false;
  for (const auto& f : result.error().fields)
    if (f.field == field) return true;
  return false;
}

TEST(ValidateContact, AcceptsACompleteProfessionalContact) {
  auto result = ValidateContact(ValidSchoolContact(), kToday);
  ASSERT_TRUE(result.has_value()) << result.error().fields.at(0).message;
  EXPECT_EQ(result->referrer.type, ReferrerType::kSchool);
  ASSERT_EQ(result->children.size(), 1u);
  EXPECT_EQ(FormatIsoDate(*result->children[0].date_of_birth), "2017-05-14");
}

// RULE HCR-21: professional referrals cannot be anonymous.
TEST(ValidateContact, HCR21_ProfessionalCannotBeAnonymous) {
  for (const char* type : {"school", "early_years", "health", "police", "other_professional"}) {
    auto draft = ValidSchoolContact();
    draft.referrer_type = type;
    draft.referrer_anonymous = true;
    EXPECT_TRUE(HasError(ValidateContact(draft, kToday), "referrer.anonymous")) << type;
  }
}

// RULE HCR-20: a member of the public may stay anonymous; the contact is still fully recorded,
// and nothing identifying them is kept even if it was typed.
TEST(ValidateContact, HCR20_MemberOfPublicMayBeAnonymous) {
  auto draft = ValidSchoolContact();
  draft.referrer_type = "member_of_public";
  draft.referrer_anonymous = true;
  draft.referrer_name = "Typed then ticked anonymous";
  draft.referrer_phone = "";
  draft.referrer_agency = "";
  // The request for anonymity is recorded with its limits explained.
  EXPECT_TRUE(HasError(ValidateContact(draft, kToday), "intake.anonymity_limits_explained"));
  draft.intake.anonymity_limits_explained = true;
  auto result = ValidateContact(draft, kToday);
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->referrer.anonymous);
  EXPECT_TRUE(result->intake.anonymity_limits_explained);
  EXPECT_EQ(result->referrer.name, "");
  EXPECT_EQ(result->concern, draft.concern);
}

TEST(ValidateContact, NamedReferrerNeedsAWayToBeContacted) {
  auto draft = ValidSchoolContact();
  draft.referrer_phone = "";
  draft.referrer_email = "";
  EXPECT_TRUE(HasError(ValidateContact(draft, kToday), "referrer.phone"));
}

TEST(ValidateContact, ProfessionalNeedsOrganisation) {
  auto draft = ValidSchoolContact();
  draft.referrer_agency = "  ";
  EXPECT_TRUE(HasError(ValidateContact(draft, kToday), "referrer.agency"));
}

TEST(ValidateContact, ReportsEveryProblemAtOnceEachWithItsField) {
  ContactDraft draft;  // nothing filled in
  auto result = ValidateContact(draft, kToday);
  ASSERT_FALSE(result.has_value());
  EXPECT_TRUE(HasError(result, "referrer.type"));
  EXPECT_TRUE(HasError(result, "children"));
  EXPECT_TRUE(HasError(result, "concern"));
}

TEST(ValidateContact, DatesMustBeRealPastAndAChild) {
  struct Case {
    const char* dob;
    bool ok;
  } cases[] = {{"2017-05-14", true}, {"2017-02-30", false}, {"2027-01-01", false}, {"14/05/2017", false},
               {"2008-11-24", false} /* 18 today */, {"2008-11-25", true}, {"2026-11-24", true}};
  for (const auto& c : cases) {
    auto draft = ValidSchoolContact();
    draft.children[0].date_of_birth = c.dob;
    EXPECT_EQ(!HasError(ValidateContact(draft, kToday), "children[0].date_of_birth"), c.ok) << c.dob;
  }
}

TEST(ValidateContact, UnbornChildTakesAnExpectedDateNotBoth) {
  auto draft = ValidSchoolContact();
  draft.children[0] = {"", "Sample", "", "2027-03-01", "not_known", "", "", "", "subject"};
  auto result = ValidateContact(draft, kToday);
  ASSERT_TRUE(result.has_value());
  EXPECT_TRUE(result->children[0].IsUnborn());
  draft.children[0].date_of_birth = "2020-01-01";
  EXPECT_TRUE(HasError(ValidateContact(draft, kToday), "children[0].expected_date"));
  draft.children[0].date_of_birth = "";
  draft.children[0].expected_date = "2028-06-01";  // too far ahead
  EXPECT_TRUE(HasError(ValidateContact(draft, kToday), "children[0].expected_date"));
}

TEST(ValidateContact, RefusesOverLongAndBrokenText) {
  auto draft = ValidSchoolContact();
  draft.concern = std::string(kMaxConcernLength + 1, 'x');
  EXPECT_TRUE(HasError(ValidateContact(draft, kToday), "concern"));
  draft = ValidSchoolContact();
  draft.children[0].first_names = std::string(kMaxNameLength + 1, 'a');
  EXPECT_TRUE(HasError(ValidateContact(draft, kToday), "children[0].first_names"));
  draft = ValidSchoolContact();
  draft.referrer_name = "bad \xC3\x28 utf8";
  EXPECT_TRUE(HasError(ValidateContact(draft, kToday), "referrer.name"));
  draft = ValidSchoolContact();
  draft.referrer_name = "bell\x07";
  EXPECT_TRUE(HasError(ValidateContact(draft, kToday), "referrer.name"));
}

TEST(ValidateContact, MultilineConcernKeepsItsLineBreaks) {
  auto draft = ValidSchoolContact();
  draft.concern = "First line.\nSecond line.";
  auto result = ValidateContact(draft, kToday);
  ASSERT_TRUE(result.has_value());
  EXPECT_EQ(result->concern, "First line.\nSecond line.");
}

TEST(ValidateContact, LimitsTheNumberOfChildren) {
  auto draft = ValidSchoolContact();
  draft.children.assign(kMaxChildren + 1, draft.children[0]);
  EXPECT_TRUE(HasError(ValidateContact(draft, kToday), "children"));
}

TEST(ValidateContact, ChecksEmailAndPhoneShapes) {
  auto draft = ValidSchoolContact();
  draft.referrer_email = "not-an-email";
  draft.referrer_phone = "call me";
  auto result = ValidateContact(draft, kToday);
  EXPECT_TRUE(HasError(result, "referrer.email"));
  EXPECT_TRUE(HasError(result, "referrer.phone"));
}

TEST(ContactReference, IsPrefixedYearAndSixDigits) {
  EXPECT_EQ(FormatContactReference(2026, 123), "FD-2026-000123");
  EXPECT_EQ(FormatContactReference(2027, 1), "FD-2027-000001");
}

TEST(ParseIsoDate, RejectsImpossibleDates) {
  EXPECT_TRUE(ParseIsoDate("2024-02-29"));
  EXPECT_FALSE(ParseIsoDate("2023-02-29"));
  EXPECT_FALSE(ParseIsoDate("2023-13-01"));
  EXPECT_FALSE(ParseIsoDate("2023-1-01"));
  EXPECT_FALSE(ParseIsoDate("+023-01-01"));
}

}  // namespace
}  // namespace fd
