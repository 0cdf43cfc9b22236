// HCR-15: the reference of a phone call quoted on a written request (domain/call_reference.h), and
// the contact's field that holds it (ValidateContact).
#include "domain/call_reference.h"

#include <gtest/gtest.h>

#include "domain/contact.h"

namespace fd {
namespace {

using std::chrono::year_month_day;
constexpr year_month_day kToday{std::chrono::year{2026}, std::chrono::month{11}, std::chrono::day{28}};

std::string Kept(std::string_view given, std::vector<FieldError>& errors) {
  return ReadCallReference(given, "intake.call_reference", errors);
}

// RULE HCR-15: kept as contact references are printed, whatever the case and spaces around it.
TEST(CallReference, HCR15_KeptTrimmedAndInUpperCase) {
  std::vector<FieldError> errors;
  EXPECT_EQ(Kept(" fd-2026-000123\t", errors), "FD-2026-000123");
  EXPECT_EQ(Kept("FD-2026-000123", errors), "FD-2026-000123");
  EXPECT_EQ(Kept("   ", errors), "");
  EXPECT_EQ(Kept("", errors), "");
  EXPECT_TRUE(errors.empty());
}

// RULE HCR-15: a slip is kept, not refused (staff are told what it confirmed); only what cannot be
// kept is refused, naming the field.
TEST(CallReference, HCR15_ASlipIsKeptWhatCannotBeKeptIsRefused) {
  std::vector<FieldError> errors;
  EXPECT_EQ(Kept("my call this morning", errors), "MY CALL THIS MORNING");
  EXPECT_EQ(Kept("réf 12", errors), "RéF 12");  // only ASCII letters change: the text stays UTF-8
  EXPECT_EQ(Kept(std::string(kMaxCallReferenceLength, 'a'), errors), std::string(kMaxCallReferenceLength, 'A'));
  EXPECT_TRUE(errors.empty());

  EXPECT_EQ(Kept(std::string(kMaxCallReferenceLength + 1, 'a'), errors), "");
  EXPECT_EQ(Kept("FD-2026\n-000123", errors), "");
  EXPECT_EQ(Kept("\xff\xfe", errors), "");
  ASSERT_EQ(errors.size(), 3u);
  for (const auto& e : errors) {
    EXPECT_EQ(e.field, "intake.call_reference");
    EXPECT_NE(e.message.find("reference of the phone call"), std::string::npos) << e.message;
  }
}

ContactDraft PoliceContactQuoting(const std::string& reference) {
  ContactDraft d;
  d.referrer_type = "police";
  d.referrer_name = "PC Jo Webb";
  d.referrer_agency = "Hertfordshire Constabulary";
  d.referrer_email = "jo.webb@herts.pnn.police.uk";
  d.children.push_back({"Ava", "Example", "2016-03-02", "", "female", "", "", "", "subject"});
  d.concern = "Domestic incident attended last night; child present.";
  d.intake.channel = "email";
  d.intake.call_reference = reference;
  return d;
}

// RULE HCR-15: a field of the contact, checked with the rest of it, where the procedures track the
// written confirmation of calls; elsewhere one given is ignored, never refused.
TEST(CallReference, HCR15_AFieldOfTheContactWhereThePackTracksIt) {
  IntakeRules tracked;
  tracked.call_references = true;
  auto kept = ValidateContact(PoliceContactQuoting(" fd-2026-000123 "), kToday, tracked);
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->intake.call_reference, "FD-2026-000123");
  EXPECT_TRUE(kept->intake.information.empty());

  auto refused = ValidateContact(PoliceContactQuoting(std::string(41, 'x')), kToday, tracked);
  ASSERT_FALSE(refused.has_value());
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].field, "intake.call_reference");

  auto ignored = ValidateContact(PoliceContactQuoting(std::string(41, 'x')), kToday, IntakeRules{});
  ASSERT_TRUE(ignored.has_value());
  EXPECT_EQ(ignored->intake.call_reference, "");
}

}  // namespace
}  // namespace fd
