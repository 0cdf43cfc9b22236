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
  d.children = {{"Mia", "Example", "2017-05-14", "12 Orchard Way", ""}};
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
  unborn.children[0] = {"Unborn", "Example", "", "12 Orchard Way", ""};
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
  d.children = {{"Mia", "", "2017-02-30", "", ""}, {"Leo", "Example", "2027-01-01", "", ""}};
  d.adults = {{"", "victim"}};
  auto n = ValidatePoliceNotification(d, kNow);
  ASSERT_FALSE(n.has_value());
  EXPECT_EQ(Fields(n.error()),
            (std::set<std::string>{"force_reference", "notified_at", "risk_level", "incident_summary", "officer_email",
                                   "children[0].last_name", "children[0].date_of_birth", "children[1].date_of_birth",
                                   "adults[0].name"}));
}

// RULE KCR-7: a force notifying about a pregnant victim names the unborn child by its expected date
// (no date of birth, and often no name yet); the contact asks for the same.
TEST(PoliceNotification, KCR7_AnUnbornChildHasAnExpectedDateAndMayHaveNoName) {
  auto unborn = Good();
  unborn.children.push_back({"", "", "", "12 Orchard Way", "2027-03-01"});
  auto n = ValidatePoliceNotification(unborn, kNow);
  ASSERT_TRUE(n.has_value()) << n.error().at(0).field << ": " << n.error().at(0).message;
  ASSERT_EQ(n->children.size(), 2u);
  EXPECT_TRUE(n->children[1].IsUnborn());
  EXPECT_EQ(n->children[1].expected_date, "2027-03-01");
  EXPECT_FALSE(n->children[0].IsUnborn());

  // A name the force already knows is kept.
  auto named = Good();
  named.children[0] = {"Baby", "Example", "", "", " 2027-03-01 "};
  auto kept = ValidatePoliceNotification(named, kNow);
  ASSERT_TRUE(kept.has_value());
  EXPECT_EQ(kept->children[0].last_name, "Example");
  EXPECT_EQ(kept->children[0].expected_date, "2027-03-01");

  // A born child without a name is still refused: only an unborn child may have none.
  auto nameless = Good();
  nameless.children[0] = {"", "", "2017-05-14", "", ""};
  auto refused = ValidatePoliceNotification(nameless, kNow);
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(Fields(refused.error()), (std::set<std::string>{"children[0].first_names", "children[0].last_name"}));
}

// RULE KCR-7: a date of birth or an expected date, not both; an expected date real, at most 10 months
// ahead and at most 14 days past (labour is induced by then); each problem named by its field.
TEST(PoliceNotification, KCR7_AnExpectedDateIsRealNearTodayAndNotBesideADateOfBirth) {
  const auto problem = [](const std::string& date_of_birth, const std::string& expected) -> std::string {
    auto d = Good();
    d.children[0] = {"", "Example", date_of_birth, "", expected};
    auto n = ValidatePoliceNotification(d, kNow);
    if (n) return "";
    std::string out;
    for (const auto& e : n.error()) out += e.field + ": " + e.message + "\n";
    return out;
  };
  EXPECT_EQ(problem("", "2027-09-22"), "");  // 300 days ahead of 26 November 2026
  EXPECT_EQ(problem("", "2026-11-12"), "");  // 14 days overdue
  EXPECT_EQ(problem("2017-05-14", "2027-03-01"),
            "children[0].expected_date: Give either a date of birth or, for an unborn child, an expected date, not "
            "both\n");
  EXPECT_EQ(problem("", "2027-02-30"), "children[0].expected_date: Enter the expected date as a real date, YYYY-MM-DD\n");
  EXPECT_EQ(problem("", "1 March 2027"), "children[0].expected_date: Enter the expected date as a real date, YYYY-MM-DD\n");
  EXPECT_EQ(problem("", "2027-09-23"),
            "children[0].expected_date: The expected date cannot be more than 10 months ahead\n");
  EXPECT_EQ(problem("", "2026-11-11"),
            "children[0].expected_date: The expected date is more than 14 days past: the child has most likely been "
            "born, so give the date of birth instead\n");
}

TEST(PoliceNotification, KCR7_AnExpectedDateIsNamedInWords) {
  EXPECT_EQ(PoliceFieldInWords("children[0].expected_date"), "child 1's expected date");
}

// RULE KCR-7: the fifth part of a child in the CSV is its expected date; rows of four parts, as forces
// sent them before, still read.
TEST(PoliceNotificationCsv, KCR7_AChildsFifthPartIsItsExpectedDate) {
  auto drafts = ReadPoliceNotificationCsv(
      "force_reference,notified_at,risk_level,incident_summary,officer,officer_email,children,adults\n"
      "KNT-1,2026-11-25T23:10:00Z,high,Assault,PC 1,a@example.police.uk,"
      "\"Mia|Example|2017-05-14|12 Orchard Way;|||12 Orchard Way|2027-03-01\",Jo|victim\n"
      "KNT-2,2026-11-25T23:10:00Z,standard,Shouting,PC 2,b@example.police.uk,Ava|Stone|2018-01-02|3 Mill Lane,\n");
  ASSERT_TRUE(drafts.has_value()) << drafts.error().message;
  ASSERT_EQ(drafts->size(), 2u);
  const auto& first = (*drafts)[0];
  ASSERT_EQ(first.children.size(), 2u);
  EXPECT_EQ(first.children[0].expected_date, "");
  EXPECT_EQ(first.children[1].first_names, "");
  EXPECT_EQ(first.children[1].address, "12 Orchard Way");
  EXPECT_EQ(first.children[1].expected_date, "2027-03-01");
  EXPECT_TRUE(ValidatePoliceNotification(first, kNow).has_value());
  ASSERT_EQ((*drafts)[1].children.size(), 1u);
  EXPECT_EQ((*drafts)[1].children[0].address, "3 Mill Lane");
  EXPECT_FALSE((*drafts)[1].children[0].IsUnborn());
  EXPECT_TRUE(ValidatePoliceNotification((*drafts)[1], kNow).has_value());
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
