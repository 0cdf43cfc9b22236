// The DfE Children in Need census (docs/reports.md): the census year, which referrals are in it and
// how they group by child, each validation rule applied to the items frontdoor holds (by its DfE
// number, naming the child and the record), and the XML's structure for the year.
#include "domain/cin_census.h"

#include <gtest/gtest.h>

#include "domain/return_codes.h"

namespace fd::returns {
namespace {

using namespace std::chrono;

const CensusYear kYear = CensusYearOf(2025);  // 1 April 2024 to 31 March 2025
// ReferenceDate 31 March 2025 (a Monday): 45 working days back, counting it, is 28 January; 15 is 11 March.
const CensusCutoffs kCutoffs{2025y / January / 28d, 2025y / March / 11d};

ReturnChild Child(std::string id, std::optional<Date> dob = 2017y / May / 14d) {
  ReturnChild c;
  c.id = std::move(id);
  c.gender = Gender::kFemale;
  c.date_of_birth = dob;
  return c;
}

ReferralEntry Referral(const ReturnChild& child, Date on, std::int64_t contact_id) {
  ReferralEntry r;
  r.child = child;
  r.referred_on = on;
  r.source_code = "2A";
  r.primary_need = "N1";
  r.team = "Assessment team";
  r.referral_reference = "RF-2025-00000" + std::to_string(contact_id);
  r.contact_reference = "FD-2025-00000" + std::to_string(contact_id);
  r.contact_id = contact_id;
  return r;
}

CensusChild OneReferral(ReferralEntry r) {
  auto children = GroupCensusChildren({r}, kYear);
  EXPECT_EQ(children.size(), 1u);
  return children.front();
}

std::vector<std::string> Rules(const std::vector<CensusFinding>& findings) {
  std::vector<std::string> out;
  for (const auto& f : findings) out.push_back(f.rule);
  return out;
}

TEST(CinCensus, TheYearRunsFrom1AprilTo31March) {
  EXPECT_EQ(kYear.start, 2024y / April / 1d);
  EXPECT_EQ(kYear.reference_date, 2025y / March / 31d);
  EXPECT_TRUE(kYear.UsesSex());
  EXPECT_FALSE(CensusYearOf(2024).UsesSex());
  EXPECT_TRUE(ValidCensusYear("2025").has_value());
  for (const char* bad : {"25", "2025-26", "", "1999", "20x5"}) {
    auto year = ValidCensusYear(bad);
    ASSERT_FALSE(year.has_value()) << bad;
    EXPECT_EQ(year.error().fields.front().field, "year");
  }
  // 1900 has four digits: the message says the range it is outside.
  auto old = ValidCensusYear("1900");
  ASSERT_FALSE(old.has_value());
  EXPECT_NE(old.error().fields.front().message.find("from 2000 to 2100"), std::string::npos);
}

// Finding: a census year still going on is not produced: it ends on 31 March, and a census holds a
// whole year. From 31 March itself it may be.
TEST(CinCensus, AYearNotYetEndedIsRefused) {
  auto early = CensusYearEnded(kYear, 2025y / March / 30d);
  ASSERT_FALSE(early.has_value());
  EXPECT_EQ(early.error().fields.front().field, "year");
  EXPECT_NE(early.error().fields.front().message.find("The 2024-25 census year ends on 31 March 2025, after today"),
            std::string::npos)
      << early.error().fields.front().message;
  EXPECT_TRUE(CensusYearEnded(kYear, 2025y / March / 31d).has_value());
  EXPECT_TRUE(CensusYearEnded(kYear, 2026y / November / 28d).has_value());
  EXPECT_FALSE(CensusYearEnded(CensusYearOf(2030), 2026y / November / 28d).has_value());
}

// Finding: the schema needs at least one <Child> in <Children>: a year with no referrals is refused
// with "nothing to return", never written as an empty census.
TEST(CinCensus, AYearWithNoChildrenIsRefusedNotWrittenEmpty) {
  auto none = CensusHasChildren({}, kYear);
  ASSERT_FALSE(none.has_value());
  EXPECT_EQ(none.error().code, ErrorCode::kInvalid);
  EXPECT_EQ(none.error().fields.front().field, "year");
  EXPECT_EQ(none.error().fields.front().message.rfind("No children in need in that year: nothing to return", 0), 0u);
  EXPECT_TRUE(CensusHasChildren({OneReferral(Referral(Child("P7"), 2024y / June / 3d, 1))}, kYear).has_value());
}

// Finding: <Ethnicity> is required and from the code list: NOBT ("Information not yet obtained")
// unless a code is recorded; free text is never taken for one.
TEST(CinCensus, EthnicityIsACodeAndNobtWhenNotObtained) {
  EXPECT_EQ(CensusEthnicityCode(""), "NOBT");
  EXPECT_EQ(CensusEthnicityCode("MWBC"), "MWBC");
  EXPECT_EQ(CensusEthnicityCode("Mixed, speaks Polish"), "NOBT");
  CensusSource source;
  source.la_code = "919";
  auto recorded = Child("P8");
  recorded.ethnicity = "AIND";
  const std::string xml = CensusXml(source, kYear,
                                    {OneReferral(Referral(Child("P7"), 2024y / June / 3d, 1)),
                                     OneReferral(Referral(recorded, 2024y / June / 4d, 2))});
  EXPECT_NE(xml.find("<Ethnicity>NOBT</Ethnicity>"), std::string::npos) << xml;
  EXPECT_NE(xml.find("<Ethnicity>AIND</Ethnicity>"), std::string::npos) << xml;
  EXPECT_EQ(xml.find("<Ethnicity/>"), std::string::npos) << xml;
}

// A referral on 31 March is in the year; one on 1 April is the next year's. A child's referrals are
// one <Child> with a <CINdetails> each, in date order.
TEST(CinCensus, ReferralsInTheYearGroupByChild) {
  const auto mia = Child("P7"), sam = Child("C9N1");
  const auto children = GroupCensusChildren({Referral(mia, 2025y / March / 31d, 3), Referral(sam, 2024y / April / 1d, 1),
                                             Referral(mia, 2024y / May / 2d, 2), Referral(mia, 2025y / April / 1d, 4),
                                             Referral(sam, 2024y / March / 31d, 0)},
                                            kYear);
  ASSERT_EQ(children.size(), 2u);
  EXPECT_EQ(children[0].child.id, "C9N1");
  ASSERT_EQ(children[0].episodes.size(), 1u);
  EXPECT_EQ(children[1].child.id, "P7");
  ASSERT_EQ(children[1].episodes.size(), 2u);
  EXPECT_EQ(children[1].episodes[0].referral.referred_on, 2024y / May / 2d);
  EXPECT_EQ(children[1].episodes[1].referral.referred_on, 2025y / March / 31d);
}

TEST(CinCensus, SomethingDoneGoesWithTheReferralBeforeIt) {
  const auto mia = Child("P7");
  auto children = GroupCensusChildren({Referral(mia, 2024y / May / 2d, 1), Referral(mia, 2024y / September / 2d, 2)}, kYear);
  EXPECT_EQ(EpisodeFor(children[0], 2024y / May / 1d), nullptr);
  EXPECT_EQ(EpisodeFor(children[0], 2024y / May / 2d), &children[0].episodes[0]);
  EXPECT_EQ(EpisodeFor(children[0], 2024y / September / 1d), &children[0].episodes[0]);
  EXPECT_EQ(EpisodeFor(children[0], 2025y / January / 1d), &children[0].episodes[1]);
}

TEST(CinCensus, AValidReferralHasNoFindings) {
  auto child = OneReferral(Referral(Child("P7"), 2024y / June / 3d, 1));
  CensusAssessment a;
  a.start = 2024y / June / 4d;
  a.authorised = 2024y / July / 1d;
  child.episodes[0].assessments.push_back(a);
  EXPECT_TRUE(ValidateCensus({child}, kYear, kCutoffs).empty());
}

// RULE 8610 and 8650: a referral that led to further action needs a primary need, one of N0–N9;
// a referral closed with no further action does not. The finding names the child and the referral.
TEST(CinCensus, Rule8610PrimaryNeedMissingNamesTheRecord) {
  auto r = Referral(Child("P7"), 2024y / June / 3d, 1);
  r.primary_need = "";
  auto findings = ValidateCensus({OneReferral(r)}, kYear, kCutoffs);
  ASSERT_EQ(Rules(findings), std::vector<std::string>{"8610"});
  EXPECT_FALSE(findings[0].query);
  EXPECT_EQ(findings[0].child_id, "P7");
  EXPECT_EQ(findings[0].record, "referral RF-2025-000001 (contact FD-2025-000001)");
  EXPECT_EQ(findings[0].ToString().rfind("Error 8610: child P7, referral RF-2025-000001 (contact FD-2025-000001): "
                                         "The primary need code is missing",
                                         0),
            0u)
      << findings[0].ToString();
  r.nfa = true;
  r.referral_reference = "";
  findings = ValidateCensus({OneReferral(r)}, kYear, kCutoffs);
  EXPECT_TRUE(findings.empty());
  r.primary_need = "N10";
  findings = ValidateCensus({OneReferral(r)}, kYear, kCutoffs);
  ASSERT_EQ(Rules(findings), std::vector<std::string>{"8650"});
  EXPECT_EQ(findings[0].record, "contact FD-2025-000001");
}

// RULE 8866: a referral source that is missing (the pack maps none) or not a census code.
TEST(CinCensus, Rule8866ReferralSource) {
  auto r = Referral(Child("P7"), 2024y / June / 3d, 1);
  r.source_code = "";
  EXPECT_EQ(Rules(ValidateCensus({OneReferral(r)}, kYear, kCutoffs)), std::vector<std::string>{"8866"});
  r.source_code = "11";
  EXPECT_EQ(Rules(ValidateCensus({OneReferral(r)}, kYear, kCutoffs)), std::vector<std::string>{"8866"});
  r.source_code = "5D";
  EXPECT_TRUE(ValidateCensus({OneReferral(r)}, kYear, kCutoffs).empty());
}

// RULE 8606: no more than 280 days before the (expected) birth.
TEST(CinCensus, Rule8606ReferralLongBeforeBirth) {
  ReturnChild unborn = Child("C1N1", std::nullopt);
  unborn.expected_date = 2025y / March / 10d;
  auto r = Referral(unborn, 2024y / June / 3d, 1);  // 280 days before: allowed
  EXPECT_TRUE(ValidateCensus({OneReferral(r)}, kYear, kCutoffs).empty());
  r.referred_on = 2024y / June / 2d;  // 281 days
  EXPECT_EQ(Rules(ValidateCensus({OneReferral(r)}, kYear, kCutoffs)), std::vector<std::string>{"8606"});
}

// RULE 8820: a second referral before the first closed overlaps it (an error); one on the day the
// first closed, or after a referral with no further action, does not. A first referral that led to
// further action with no closure date (frontdoor holds none: the case management system closes
// cases) is a query for that system, not an error that would stop every child referred twice.
TEST(CinCensus, Rule8820OverlappingReferrals) {
  const auto mia = Child("P7");
  auto children = GroupCensusChildren({Referral(mia, 2024y / May / 2d, 1), Referral(mia, 2024y / September / 2d, 2)}, kYear);
  auto findings = ValidateCensus(children, kYear, kCutoffs);
  ASSERT_EQ(Rules(findings), std::vector<std::string>{"8820"});
  EXPECT_TRUE(findings[0].query);
  EXPECT_FALSE(HasErrors(findings));
  EXPECT_EQ(findings[0].record, "referral RF-2025-000002 (contact FD-2025-000002)");
  EXPECT_NE(findings[0].message.find("2024-05-02"), std::string::npos) << findings[0].message;
  EXPECT_NE(findings[0].message.find("case management system"), std::string::npos) << findings[0].message;

  children[0].episodes[0].closure_date = 2024y / September / 2d;
  EXPECT_TRUE(ValidateCensus(children, kYear, kCutoffs).empty());
  children[0].episodes[0].closure_date = 2024y / September / 3d;
  findings = ValidateCensus(children, kYear, kCutoffs);
  ASSERT_EQ(Rules(findings), std::vector<std::string>{"8820"});
  EXPECT_FALSE(findings[0].query);
  EXPECT_TRUE(HasErrors(findings));
  children[0].episodes[0].closure_date.reset();
  children[0].episodes[0].referral.nfa = true;
  EXPECT_TRUE(ValidateCensus(children, kYear, kCutoffs).empty());
}

// RULES 1103, 8608, 8696, 8736, 8670Q, 8863: the assessments' dates.
TEST(CinCensus, AssessmentRules) {
  auto base = OneReferral(Referral(Child("P7"), 2024y / June / 3d, 1));
  auto with = [&](std::vector<CensusAssessment> assessments) {
    auto c = base;
    c.episodes[0].assessments = std::move(assessments);
    return Rules(ValidateCensus({c}, kYear, kCutoffs));
  };
  auto a = [](Date start, std::optional<Date> authorised) {
    CensusAssessment x;
    x.start = start;
    x.authorised = authorised;
    return x;
  };
  EXPECT_EQ(with({a(2024y / June / 2d, 2024y / July / 1d)}), std::vector<std::string>{"1103"});
  EXPECT_EQ(with({a(2024y / June / 10d, 2024y / June / 9d)}), std::vector<std::string>{"8608"});
  EXPECT_EQ(with({a(2025y / March / 10d, 2025y / April / 1d)}), std::vector<std::string>{"8696"});
  // Not authorised: started within 45 working days of the end is fine, before it a query.
  EXPECT_TRUE(with({a(2025y / January / 28d, std::nullopt)}).empty());
  EXPECT_EQ(with({a(2025y / January / 27d, std::nullopt)}), std::vector<std::string>{"8670Q"});
  // Two at once in one referral.
  EXPECT_EQ(with({a(2024y / June / 4d, 2024y / July / 1d), a(2024y / June / 20d, 2024y / July / 5d)}),
            std::vector<std::string>{"8863"});
  EXPECT_TRUE(with({a(2024y / June / 4d, 2024y / July / 1d), a(2024y / July / 2d, 2024y / July / 20d)}).empty());
}

TEST(CinCensus, Rule8736AnOpenAssessmentStartedBeforeTheYear) {
  auto c = OneReferral(Referral(Child("P7"), 2024y / April / 1d, 1));
  CensusAssessment a;
  a.start = 2024y / March / 30d;
  c.episodes[0].assessments.push_back(a);
  const auto rules = Rules(ValidateCensus({c}, kYear, kCutoffs));
  EXPECT_NE(std::find(rules.begin(), rules.end(), "8736"), rules.end());
  EXPECT_NE(std::find(rules.begin(), rules.end(), "1103"), rules.end());
}

// RULES 2889, 8615, 8715, 8740, 8675Q, 8839: the Section 47 enquiries' dates.
TEST(CinCensus, Section47Rules) {
  auto base = OneReferral(Referral(Child("P7"), 2024y / June / 3d, 1));
  auto with = [&](std::vector<CensusSection47> enquiries) {
    auto c = base;
    c.episodes[0].section47 = std::move(enquiries);
    return Rules(ValidateCensus({c}, kYear, kCutoffs));
  };
  auto s = [](Date start, std::optional<Date> icpc, bool not_required = false) {
    CensusSection47 x;
    x.start = start;
    x.initial_cpc = icpc;
    x.icpc_not_required = not_required;
    return x;
  };
  EXPECT_EQ(with({s(2024y / June / 1d, 2024y / June / 20d)}), std::vector<std::string>{"2889"});
  EXPECT_EQ(with({s(2024y / June / 21d, 2024y / June / 20d)}), std::vector<std::string>{"8615"});
  EXPECT_EQ(with({s(2025y / March / 20d, 2025y / April / 2d)}), std::vector<std::string>{"8715"});
  EXPECT_TRUE(with({s(2025y / March / 11d, std::nullopt)}).empty());
  EXPECT_EQ(with({s(2025y / March / 10d, std::nullopt)}), std::vector<std::string>{"8675Q"});
  EXPECT_TRUE(with({s(2024y / June / 4d, std::nullopt, true)}).empty());
  EXPECT_EQ(with({s(2025y / March / 12d, std::nullopt), s(2025y / March / 13d, std::nullopt)}),
            std::vector<std::string>{"8839"});
}

TEST(CinCensus, Section47BeforeTheYearWithNoConferenceIsOutsideIt) {
  auto c = OneReferral(Referral(Child("P7"), 2024y / April / 1d, 1));
  CensusSection47 enquiry;
  enquiry.start = 2024y / March / 28d;
  c.episodes[0].section47.push_back(enquiry);
  const auto rules = Rules(ValidateCensus({c}, kYear, kCutoffs));
  EXPECT_NE(std::find(rules.begin(), rules.end(), "8740"), rules.end());
}

// RULES 8630, 8620, 8867, 8868: closure dates (frontdoor writes none, but the rules stand).
TEST(CinCensus, ClosureRules) {
  auto c = OneReferral(Referral(Child("P7"), 2024y / June / 3d, 1));
  c.episodes[0].closure_date = 2024y / June / 2d;
  EXPECT_EQ(Rules(ValidateCensus({c}, kYear, kCutoffs)), std::vector<std::string>{"8630"});
  c.episodes[0].closure_date = 2025y / April / 1d;
  EXPECT_EQ(Rules(ValidateCensus({c}, kYear, kCutoffs)), std::vector<std::string>{"8620"});
  c.episodes[0].closure_date = 2024y / August / 1d;
  CensusAssessment open;
  open.start = 2024y / June / 4d;
  c.episodes[0].assessments.push_back(open);
  CensusSection47 enquiry;
  enquiry.start = 2024y / June / 4d;
  c.episodes[0].section47.push_back(enquiry);
  // Open since June: the working-day queries too.
  EXPECT_EQ(Rules(ValidateCensus({c}, kYear, kCutoffs)), (std::vector<std::string>{"8670Q", "8867", "8675Q", "8868"}));
}

// RULES 1570 and 1580 (from 2024-25): LAchildID at most 20 letters and digits.
TEST(CinCensus, Rules1570And1580ChildIdFrom2025) {
  const auto c = OneReferral(Referral(Child("C12345678901234567N1-"), 2024y / June / 3d, 1));
  EXPECT_EQ(Rules(ValidateCensus({c}, kYear, kCutoffs)), (std::vector<std::string>{"1570", "1580"}));
  const CensusYear before = CensusYearOf(2024);
  auto earlier = c;
  earlier.episodes[0].referral.referred_on = 2023y / June / 3d;
  EXPECT_TRUE(ValidateCensus({earlier}, before, CensusCutoffs{2024y / January / 1d, 2024y / March / 1d}).empty());
}

TEST(CinCensus, HasErrorsIgnoresQueries) {
  EXPECT_FALSE(HasErrors({CensusFinding{"8670Q", true, "P1", "", "x"}}));
  EXPECT_TRUE(HasErrors({CensusFinding{"8670Q", true, "P1", "", "x"}, CensusFinding{"8610", false, "P1", "", "y"}}));
}

TEST(CinCensus, SexOrGenderForTheYear) {
  EXPECT_EQ(CensusSexCode(Gender::kFemale, false, true), "F");
  EXPECT_EQ(CensusSexCode(Gender::kMale, false, true), "M");
  EXPECT_EQ(CensusSexCode(Gender::kOther, false, true), "U");
  EXPECT_EQ(CensusSexCode(Gender::kFemale, true, true), "U");  // rule 8750: an unborn child is U
  EXPECT_EQ(CensusSexCode(Gender::kMale, false, false), "1");
  EXPECT_EQ(CensusSexCode(Gender::kFemale, false, false), "2");
  EXPECT_EQ(CensusSexCode(Gender::kOther, false, false), "9");
  EXPECT_EQ(CensusSexCode(Gender::kFemale, true, false), "0");
}

// The message in the XSD's element order: ReferralNFA after Section47; <Sex> from 2024-25 where
// <GenderCurrent> was; the text escaped.
TEST(CinCensus, XmlFollowsTheSpecificationsOrder) {
  auto r = Referral(Child("P7"), 2024y / June / 3d, 1);
  auto c = OneReferral(r);
  CensusAssessment a;
  a.start = 2024y / June / 4d;
  a.authorised = 2024y / July / 1d;
  c.episodes[0].assessments.push_back(a);
  CensusSection47 s;
  s.start = 2024y / June / 5d;
  c.episodes[0].section47.push_back(s);
  CensusSource source;
  source.la_code = "919";
  source.software_code = "frontdoor";
  source.release = "0.1.0 <test> & co";
  source.date_time = "2025-05-01T10:00:00";
  const std::string xml = CensusXml(source, kYear, {c});
  EXPECT_EQ(xml.rfind("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<Message>\n  <Header>\n", 0), 0u) << xml;
  EXPECT_NE(xml.find("<Collection>CIN</Collection>"), std::string::npos);
  EXPECT_NE(xml.find("<Year>2025</Year>"), std::string::npos);
  EXPECT_NE(xml.find("<ReferenceDate>2025-03-31</ReferenceDate>"), std::string::npos);
  EXPECT_NE(xml.find("<LEA>919</LEA>"), std::string::npos);
  EXPECT_NE(xml.find("<Release>0.1.0 &lt;test&gt; &amp; co</Release>"), std::string::npos);
  const std::vector<std::string> order = {"<LAchildID>P7</LAchildID>", "<PersonBirthDate>2017-05-14</PersonBirthDate>",
                                          "<Sex>F</Sex>",              "<Ethnicity>NOBT</Ethnicity>",
                                          "<CINreferralDate>2024-06-03</CINreferralDate>",
                                          "<ReferralSource>2A</ReferralSource>",
                                          "<PrimaryNeedCode>N1</PrimaryNeedCode>",
                                          "<AssessmentActualStartDate>2024-06-04</AssessmentActualStartDate>",
                                          "<AssessmentAuthorisationDate>2024-07-01</AssessmentAuthorisationDate>",
                                          "<S47ActualStartDate>2024-06-05</S47ActualStartDate>",
                                          "<ICPCnotRequired>false</ICPCnotRequired>",
                                          "<ReferralNFA>false</ReferralNFA>"};
  std::size_t at = 0;
  for (const auto& piece : order) {
    const auto found = xml.find(piece, at);
    ASSERT_NE(found, std::string::npos) << piece << " after position " << at << " in\n" << xml;
    at = found;
  }
  EXPECT_EQ(xml.find("GenderCurrent"), std::string::npos);
  EXPECT_NE(CensusXml(source, CensusYearOf(2024), {c}).find("<GenderCurrent>2</GenderCurrent>"), std::string::npos);
}

}  // namespace
}  // namespace fd::returns
