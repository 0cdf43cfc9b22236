// Ofsted Annex A lists 1–3 (docs/reports.md): which records are on each list for a period, the
// template's column names and code values, the ages, "Number of Referrals in Last 12 Months" and the
// CSV text, on small hand-made records whose right answers are worked out here.
#include "domain/annex_a.h"

#include <gtest/gtest.h>

#include "domain/return_codes.h"

namespace fd::returns {
namespace {

using namespace std::chrono;

ReturnChild Child(std::string id, Gender gender, std::optional<Date> dob) {
  ReturnChild c;
  c.id = std::move(id);
  c.gender = gender;
  c.date_of_birth = dob;
  return c;
}

ContactEntry Contact(ReturnChild child, Date on, std::string source) {
  ContactEntry e;
  e.child = std::move(child);
  e.received_on = on;
  e.source_code = std::move(source);
  return e;
}

ReferralEntry Referral(ReturnChild child, Date on, std::int64_t contact_id, bool nfa = false) {
  ReferralEntry e;
  e.child = std::move(child);
  e.referred_on = on;
  e.source_code = "2A";
  e.nfa = nfa;
  e.team = nfa ? "" : "Assessment team";
  e.contact_id = contact_id;
  return e;
}

const Period kJanToJun{2025y / January / 1d, 2025y / June / 30d};

std::string TextOf(const AnnexACell& c) {
  switch (c.kind) {
    case AnnexACell::Kind::kText: return c.text;
    case AnnexACell::Kind::kDate: return FormatUkDate(c.date);
    case AnnexACell::Kind::kNumber: return std::to_string(c.number);
    case AnnexACell::Kind::kBlank: break;
  }
  return "";
}

TEST(AnnexA, ColumnNamesAreTheTemplates) {
  EXPECT_EQ(AnnexAColumns(1), (std::vector<std::string>{"Child Unique ID", "Gender", "Ethnicity", "Date of Birth",
                                                         "Age of Child (Years)", "Date of Contact", "Contact Source"}));
  EXPECT_EQ(AnnexAColumns(2),
            (std::vector<std::string>{"Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
                                      "Assessment start date", "Assessment completion date",
                                      "Organisation completing assessment"}));
  EXPECT_EQ(AnnexAColumns(3),
            (std::vector<std::string>{"Child Unique ID", "Gender", "Ethnicity", "Date of Birth", "Age of Child (Years)",
                                      "Date of referral", "Referral Source", "Referral NFA?",
                                      "Number of Referrals in Last 12 Months", "Allocated Team", "Allocated Worker"}));
  EXPECT_EQ(AnnexASheetName(1), "List 1 - Contacts");
  EXPECT_EQ(AnnexASheetName(2), "List 2 - Early Help Assessments");
  EXPECT_EQ(AnnexASheetName(3), "List 3 - Referrals");
  EXPECT_LE(AnnexASheetName(2).size(), 31u);  // Excel's limit on a sheet's name
}

TEST(AnnexA, CodeValuesAreOfstedsCells) {
  EXPECT_EQ(AnnexASourceCell("1A"), "a) 1A: Individual");
  EXPECT_EQ(AnnexASourceCell("2A"), "e) 2A: Schools");
  EXPECT_EQ(AnnexASourceCell("3F"), "l) 3F: Health services");
  EXPECT_EQ(AnnexASourceCell("5D"), "p1) 5D: LA services");
  EXPECT_EQ(AnnexASourceCell("6"), "q) 6: Police");
  EXPECT_EQ(AnnexASourceCell("9"), "t) 9: Anonymous");
  EXPECT_EQ(AnnexASourceCell("10"), "u) 10: Unknown");
  EXPECT_EQ(AnnexASourceCell("11"), "");
  EXPECT_EQ(CinReferralSourceCodes().size(), 22u);  // validator rule 8866's list
  EXPECT_EQ(AnnexAGenderCell(Gender::kMale), "a) Male");
  EXPECT_EQ(AnnexAGenderCell(Gender::kFemale), "b) Female");
  EXPECT_EQ(AnnexAGenderCell(Gender::kNotKnown), "c) Not stated/recorded");
  EXPECT_EQ(AnnexAGenderCell(Gender::kOther), "d) Neither");
}

TEST(AnnexA, AgeIsInWholeYearsAndA29FebruaryBirthdayComesOn1March) {
  EXPECT_EQ(AgeInYears(2017y / May / 14d, 2025y / May / 13d), 7);
  EXPECT_EQ(AgeInYears(2017y / May / 14d, 2025y / May / 14d), 8);
  EXPECT_EQ(AgeInYears(2016y / February / 29d, 2025y / February / 28d), 8);
  EXPECT_EQ(AgeInYears(2016y / February / 29d, 2025y / March / 1d), 9);
  EXPECT_EQ(AgeInYears(2025y / July / 1d, 2025y / June / 30d), std::nullopt);  // not yet born
}

// List 1: each child on each contact received from the first day to the last, both included; age on
// the period's last day; ethnicity "t) NOBT"; the source's Ofsted cell.
TEST(AnnexA, List1HoldsEachChildOfEachContactInThePeriod) {
  const std::vector<ContactEntry> entries = {
      Contact(Child("C1N1", Gender::kFemale, 2017y / May / 14d), 2024y / December / 31d, "2A"),  // the day before
      Contact(Child("C2N1", Gender::kFemale, 2017y / July / 1d), 2025y / January / 1d, "2A"),    // the first day
      Contact(Child("C2N2", Gender::kMale, std::nullopt), 2025y / January / 1d, "2A"),           // its sibling
      Contact(Child("P7", Gender::kNotKnown, 2010y / June / 30d), 2025y / June / 30d, "9"),      // the last day
      Contact(Child("C4N1", Gender::kOther, 2012y / March / 3d), 2025y / July / 1d, "6"),        // the day after
  };
  const AnnexAList list = AnnexAList1(entries, kJanToJun);
  ASSERT_EQ(list.rows.size(), 3u);
  std::vector<std::string> first;
  for (const auto& c : list.rows[0]) first.push_back(TextOf(c));
  EXPECT_EQ(first,
            (std::vector<std::string>{"C2N1", "b) Female", "t) NOBT", "01/07/2017", "7", "01/01/2025", "e) 2A: Schools"}));
  EXPECT_EQ(list.rows[1][0].text, "C2N2");
  EXPECT_EQ(list.rows[1][3].kind, AnnexACell::Kind::kBlank);  // no date of birth: no age either
  EXPECT_EQ(list.rows[1][4].kind, AnnexACell::Kind::kBlank);
  EXPECT_EQ(TextOf(list.rows[2][4]), "15");  // 15 on its birthday, the period's last day
  EXPECT_EQ(list.rows[2][6].text, "t) 9: Anonymous");
  EXPECT_EQ(list.rows[2][2].text, "t) NOBT");  // ethnicity: not obtained, never blank
}

// Finding: ethnicity may not be blank on any list. A recorded census code is written with Ofsted's
// letter; anything else (nothing, or free text) is "Information not yet obtained".
TEST(AnnexA, EthnicityIsNeverBlankAndFreeTextIsNotACode) {
  EXPECT_EQ(AnnexAEthnicityCell(""), "t) NOBT");
  EXPECT_EQ(AnnexAEthnicityCell("WBRI"), "a) WBRI");
  EXPECT_EQ(AnnexAEthnicityCell("REFU"), "s) REFU");
  EXPECT_EQ(AnnexAEthnicityCell("White British, speaks English, Catholic"), "t) NOBT");
  EXPECT_EQ(AnnexAEthnicityCell("wbri"), "t) NOBT");  // the code list is upper case, as the census
  EXPECT_EQ(CinEthnicityCodes().size(), 20u);
  auto recorded = Child("P7", Gender::kFemale, 2017y / May / 14d);
  recorded.ethnicity = "BAFR";
  const AnnexAList list = AnnexAList3({Referral(recorded, 2025y / March / 10d, 1)}, kJanToJun);
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(list.rows[0][2].text, "o) BAFR");
}

// Finding: list 1 leaves out a contact closed as a duplicate only for a child the original has too,
// received the same day from the same source (the rows' key: Child Unique ID, Date of Contact,
// Contact Source); any other duplicate is a contact of its own and is listed.
TEST(AnnexA, List1LeavesOutADuplicateOnlyWhenChildDateAndSourceAreTheOriginals) {
  const Date day = 2025y / March / 3d;
  auto duplicate = [&](std::string id, bool same_child, Date original_on, std::string original_source) {
    ContactEntry e = Contact(Child(std::move(id), Gender::kFemale, 2017y / May / 14d), day, "6");
    e.duplicate_of = ContactEntry::Original{original_on, std::move(original_source), same_child};
    return e;
  };
  const std::vector<ContactEntry> entries = {
      Contact(Child("P1", Gender::kFemale, 2017y / May / 14d), day, "6"),  // not a duplicate
      duplicate("P1", true, day, "6"),                                    // recorded twice: out
      duplicate("P2", false, day, "6"),                                   // another child: in
      duplicate("P1", true, 2025y / March / 2d, "6"),                     // the original the day before: in
      duplicate("P1", true, day, "2A"),                                   // the original from a school: in
  };
  EXPECT_FALSE(RecordedTwice(entries[0]));
  EXPECT_TRUE(RecordedTwice(entries[1]));
  EXPECT_FALSE(RecordedTwice(entries[2]));
  EXPECT_FALSE(RecordedTwice(entries[3]));
  EXPECT_FALSE(RecordedTwice(entries[4]));
  const AnnexAList list = AnnexAList1(entries, kJanToJun);
  std::vector<std::string> ids;
  for (const auto& row : list.rows) ids.push_back(row[0].text);
  EXPECT_EQ(ids, (std::vector<std::string>{"P1", "P2", "P1", "P1"}));
}

// List 2: episodes open at any time in the period; an end after the period is not a completion yet.
TEST(AnnexA, List2HoldsEarlyHelpOpenInThePeriod) {
  auto episode = [](std::string id, Date start, std::optional<Date> end) {
    EarlyHelpEntry e;
    e.child = Child(std::move(id), Gender::kFemale, 2015y / January / 1d);
    e.started_on = start;
    e.ended_on = end;
    e.organisation = "Families First";
    return e;
  };
  const std::vector<EarlyHelpEntry> entries = {
      episode("P1", 2024y / March / 1d, 2024y / December / 31d),  // ended the day before: out
      episode("P2", 2024y / March / 1d, 2025y / January / 1d),    // ended on the first day: in
      episode("P3", 2024y / October / 1d, std::nullopt),          // still open: in
      episode("P4", 2025y / June / 30d, 2025y / August / 1d),     // started on the last day: in, not complete
      episode("P5", 2025y / July / 1d, std::nullopt),             // started the day after: out
  };
  const AnnexAList list = AnnexAList2(entries, kJanToJun);
  ASSERT_EQ(list.rows.size(), 3u);
  EXPECT_EQ(list.rows[0][0].text, "P2");
  EXPECT_EQ(TextOf(list.rows[0][6]), "01/01/2025");
  EXPECT_EQ(list.rows[1][0].text, "P3");
  EXPECT_EQ(list.rows[1][6].kind, AnnexACell::Kind::kBlank);
  EXPECT_EQ(list.rows[2][0].text, "P4");
  EXPECT_EQ(TextOf(list.rows[2][5]), "30/06/2025");
  EXPECT_EQ(list.rows[2][6].kind, AnnexACell::Kind::kBlank);
  EXPECT_EQ(list.rows[2][7].text, "Families First");
}

// List 3: one row per referral in the period; the child's earlier referrals within the twelve months
// before each (from the same day a year before) are counted, the referral itself is not.
TEST(AnnexA, List3CountsTheChildsReferralsInTheTwelveMonthsBefore) {
  const auto mia = Child("P7", Gender::kFemale, 2017y / May / 14d);
  const auto sam = Child("P8", Gender::kMale, 2019y / January / 2d);
  const std::vector<ReferralEntry> entries = {
      Referral(mia, 2024y / February / 9d, 1),             // more than a year before the next: not counted
      Referral(mia, 2024y / March / 10d, 2),               // exactly a year before: counted
      Referral(mia, 2025y / March / 10d, 3),               // in the period: 1 before it
      Referral(mia, 2025y / March / 10d, 4, true),         // the same day, later: 2 before it
      Referral(sam, 2025y / July / 1d, 5),                 // the day after the period: out
  };
  const AnnexAList list = AnnexAList3(entries, kJanToJun);
  ASSERT_EQ(list.rows.size(), 2u);
  std::vector<std::string> first;
  for (const auto& c : list.rows[0]) first.push_back(TextOf(c));
  EXPECT_EQ(first, (std::vector<std::string>{"P7", "b) Female", "t) NOBT", "14/05/2017", "8", "10/03/2025",
                                             "e) 2A: Schools", "b) No", "1", "Assessment team", ""}));
  EXPECT_EQ(list.rows[1][7].text, "a) Yes");
  EXPECT_EQ(TextOf(list.rows[1][8]), "2");
  EXPECT_EQ(list.rows[1][9].kind, AnnexACell::Kind::kBlank);  // closed with no further action: no team
}

TEST(AnnexA, TwelveMonthsBefore29FebruaryStartOn1March) {
  const auto mia = Child("P7", Gender::kFemale, 2017y / May / 14d);
  const std::vector<ReferralEntry> entries = {Referral(mia, 2023y / February / 28d, 1),
                                              Referral(mia, 2023y / March / 1d, 2),
                                              Referral(mia, 2024y / February / 29d, 3)};
  const AnnexAList list = AnnexAList3(entries, Period{2024y / February / 1d, 2024y / February / 29d});
  ASSERT_EQ(list.rows.size(), 1u);
  EXPECT_EQ(TextOf(list.rows[0][8]), "1");
}

TEST(AnnexA, CsvHasTheHeaderRowAndQuotesOnlyWhatNeedsIt) {
  AnnexAList list;
  list.columns = {"Child Unique ID", "Allocated Team"};
  list.rows = {{AnnexACell::Text("P1"), AnnexACell::Text("North, \"East\" team")},
               {AnnexACell::Text("P2"), AnnexACell::Blank()}};
  EXPECT_EQ(AnnexACsv(list), "Child Unique ID,Allocated Team\r\nP1,\"North, \"\"East\"\" team\"\r\nP2,\r\n");
}

// A team's name is typed by someone; a spreadsheet must show it, not run it. Dates and counts are
// the service's own and stay as they are.
TEST(AnnexA, CsvMakesTextThatLooksLikeAFormulaPlainButLeavesDatesAndNumbers) {
  AnnexAList list;
  list.columns = {"Child Unique ID", "Allocated Team", "Date", "Count"};
  list.rows = {{AnnexACell::Text("P1"), AnnexACell::Text("=HYPERLINK(\"http://evil.example\",\"x\")"),
                AnnexACell::On(2024y / February / 1d), AnnexACell::Number(3)}};
  EXPECT_EQ(AnnexACsv(list), "Child Unique ID,Allocated Team,Date,Count\r\n"
                             "P1,\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\",01/02/2024,3\r\n");
}

TEST(AnnexA, ChildIdsAreLettersAndDigits) {
  EXPECT_EQ(RegisterChildId(1042), "P1042");
  EXPECT_EQ(ContactChildId(12, 0), "C12N1");
}

}  // namespace
}  // namespace fd::returns
