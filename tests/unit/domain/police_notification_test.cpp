// Police domestic-abuse notifications (issue 12 point 4): the rules for a valid one, the grade from
// the force's risk level, and the force's CSV (RFC 4180 quoting, children and adults in one cell).
#include <gtest/gtest.h>

#include <set>

#include "domain/police_notification.h"

namespace fd {
namespace {

const Instant kNow = *ParseUtc("2026-11-26T09:00:00Z");

PoliceNotificationDraft Good() {
  PoliceNotificationDraft d;
  d.force_reference = "KNT-2026-0001";
  d.notified_at = "2026-11-25T23:10:00Z";
  d.risk_level = "medium";
  d.incident_summary = "Argument; children present.";
  d.officer = "PC 4521 Dawson";
  d.officer_email = "k.dawson@example.police.uk";
  d.children = {{"Mia", "Example", "2017-05-14", "12 Orchard Way"}};
  d.adults = {{"Sam Example", "alleged perpetrator"}};
  return d;
}

std::set<std::string> Fields(const std::vector<FieldError>& errors) {
  std::set<std::string> out;
  for (const auto& e : errors) out.insert(e.field);
  return out;
}

// A child is under 18 on the day of the notification, by the calendar (born 29 February: 18 on
// 1 March); one with no date of birth (unknown, or unborn) is still a child.
TEST(PoliceNotification, AChildIsUnder18OnTheDayOfTheNotification) {
  auto adult = Good();
  adult.children[0].date_of_birth = "1990-01-01";
  auto refused = ValidatePoliceNotification(adult, kNow);
  ASSERT_FALSE(refused.has_value());
  EXPECT_TRUE(Fields(refused.error()).contains("children[0].date_of_birth"));
  auto eighteen = Good();
  eighteen.children[0].date_of_birth = "2008-11-25";  // 18 on the day of the notification
  EXPECT_FALSE(ValidatePoliceNotification(eighteen, kNow).has_value());
  auto seventeen = Good();
  seventeen.children[0].date_of_birth = "2008-11-26";  // 18 the day after
  EXPECT_TRUE(ValidatePoliceNotification(seventeen, kNow).has_value());
  auto leap = Good();
  leap.notified_at = "2026-02-28T10:00:00Z";
  leap.children[0].date_of_birth = "2008-02-29";  // 18 on 1 March 2026
  EXPECT_TRUE(ValidatePoliceNotification(leap, kNow).has_value());
  auto unborn = Good();
  unborn.children[0] = {"Unborn", "Example", "", "12 Orchard Way"};
  EXPECT_TRUE(ValidatePoliceNotification(unborn, kNow).has_value());
}

TEST(PoliceNotification, FieldsAreNamedInWords) {
  EXPECT_EQ(PoliceFieldInWords("children[0].date_of_birth"), "child 1's date of birth");
  EXPECT_EQ(PoliceFieldInWords("children[11].first_names"), "child 12's first names");
  EXPECT_EQ(PoliceFieldInWords("adults[1].role"), "adult 2's role");
  EXPECT_EQ(PoliceFieldInWords("children[2]"), "child 3");
  EXPECT_EQ(PoliceFieldInWords("officer_email"), "the officer's e-mail address");
  EXPECT_EQ(PoliceFieldInWords("risk_level"), "the risk level");
  EXPECT_EQ(PoliceFieldInWords("children[x].address"), "children[x].address");
}

TEST(PoliceNotification, AGoodNotificationIsAccepted) {
  auto n = ValidatePoliceNotification(Good(), kNow);
  ASSERT_TRUE(n.has_value());
  EXPECT_EQ(n->risk_level, PoliceRiskLevel::kMedium);
  EXPECT_EQ(FormatUtc(n->notified_at), "2026-11-25T23:10:00Z");
  EXPECT_EQ(n->children.size(), 1u);
}

TEST(PoliceNotification, EveryProblemIsNamedByItsField) {
  PoliceNotificationDraft d = Good();
  d.force_reference = "has space";
  d.notified_at = "2026-11-27T09:00:00Z";  // tomorrow
  d.risk_level = "severe";
  d.incident_summary = " ";
  d.officer_email = "not an address";
  d.children = {{"Mia", "", "2017-02-30", ""}, {"Leo", "Example", "2027-01-01", ""}};
  d.adults = {{"", "victim"}};
  auto n = ValidatePoliceNotification(d, kNow);
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(Fields(n.error()),
            (std::set<std::string>{"force_reference", "notified_at", "risk_level", "incident_summary", "officer_email",
                                   "children[0].last_name", "children[0].date_of_birth", "children[1].date_of_birth",
                                   "adults[0].name"}));
}

TEST(PoliceNotification, AtLeastOneChild) {
  PoliceNotificationDraft d = Good();
  d.children.clear();
  auto n = ValidatePoliceNotification(d, kNow);
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(Fields(n.error()), std::set<std::string>{"children"});
}

TEST(PoliceNotification, HighRiskIsUrgentAndFirst) {
  EXPECT_EQ(GradeOf(PoliceRiskLevel::kHigh), TriageGrade::kUrgent);
  EXPECT_EQ(GradeOf(PoliceRiskLevel::kMedium), TriageGrade::kMedium);
  EXPECT_EQ(GradeOf(PoliceRiskLevel::kStandard), TriageGrade::kStandard);
  EXPECT_LT(TriageRank(TriageGrade::kUrgent), TriageRank(TriageGrade::kMedium));
  EXPECT_LT(TriageRank(TriageGrade::kMedium), TriageRank(TriageGrade::kStandard));
  EXPECT_FALSE(PoliceRiskLevelFromId("low").has_value());
}

TEST(PoliceNotificationCsv, ReadsQuotedFieldsChildrenAndAdults) {
  auto drafts = ReadPoliceNotificationCsv(
      "\xEF\xBB\xBF" "risk_level,force_reference,notified_at,incident_summary,officer,officer_email,children,adults\r\n"
      "high,KNT-1,2026-11-25T23:10:00Z,\"Assault, \"\"serious\"\"\nsecond line\",PC 1,a@example.police.uk,"
      "\"Mia|Example|2017-05-14|12 Orchard Way, Exampleton;Leo|Example\",Sam|perpetrator;Jo|victim\r\n"
      "\r\n"
      "standard,KNT-2,2026-11-25T23:10:00Z,Shouting,PC 2,b@example.police.uk,Ava|Stone,\n");
  ASSERT_TRUE(drafts.has_value()) << drafts.error().message;
  ASSERT_EQ(drafts->size(), 2u);  // the blank line is not a row
  const auto& first = (*drafts)[0];
  EXPECT_EQ(first.force_reference, "KNT-1");
  EXPECT_EQ(first.risk_level, "high");
  EXPECT_EQ(first.incident_summary, "Assault, \"serious\"\nsecond line");
  ASSERT_EQ(first.children.size(), 2u);
  EXPECT_EQ(first.children[0].address, "12 Orchard Way, Exampleton");
  EXPECT_EQ(first.children[1].last_name, "Example");
  EXPECT_EQ(first.children[1].date_of_birth, "");
  ASSERT_EQ(first.adults.size(), 2u);
  EXPECT_EQ(first.adults[1].role, "victim");
  EXPECT_TRUE((*drafts)[1].adults.empty());
  EXPECT_TRUE(ValidatePoliceNotification(first, kNow).has_value());
}

TEST(PoliceNotificationCsv, AFileThatIsNotTheDocumentedShapeIsRefused) {
  auto missing = ReadPoliceNotificationCsv("force_reference,risk_level\nKNT-1,high\n");
  ASSERT_FALSE(missing.has_value());
  EXPECT_NE(missing.error().fields.at(0).message.find("no notified_at column"), std::string::npos);
  EXPECT_FALSE(ReadPoliceNotificationCsv("").has_value());
  EXPECT_FALSE(ReadPoliceNotificationCsv("force_reference,\"unclosed\n").has_value());
}

}  // namespace
}  // namespace fd
