// Child Protection Chair consultations as pure rules: the CPC-5 headings and a complete record,
// the CPC-8 refusal, the CPC-7 flag, the CPC-6 words, references and the retention review date.
#include "domain/chair_consultation.h"
#include "domain/retention.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

ChairConsultationRecord Complete() {
  ChairConsultationRecord r;
  for (const auto& h : ChairConsultationHeadings()) r[std::string(h.id)] = "None known";
  return r;
}

// RULE CPC-5: the eight suggested headings, in the procedure's order.
TEST(ChairConsultation, CPC5_TheEightHeadingsInOrder) {
  const auto headings = ChairConsultationHeadings();
  ASSERT_EQ(headings.size(), 8u);
  const char* ids[] = {"previous_cp",   "previous_cin",    "previous_proceedings", "previous_cla",
                       "brief_history", "prevention_work", "other_agencies",       "family_safety_plan"};
  for (std::size_t i = 0; i < headings.size(); ++i) EXPECT_EQ(headings[i].id, ids[i]);
  EXPECT_EQ(headings[0].title, "Previous CP");
  EXPECT_NE(headings[4].title.find("what is working well?"), std::string_view::npos);
  EXPECT_NE(headings[4].title.find("What are the concerns?"), std::string_view::npos);
  EXPECT_NE(headings[5].title.find("Child Protection Conference"), std::string_view::npos);
  EXPECT_EQ(headings[7].title, "Family safety plan");
}

// RULE CPC-5: every heading must be answered; "None known" is an answer, a blank is not, and the
// error names the heading that is missing.
TEST(ChairConsultation, CPC5_EveryHeadingAnsweredAndNoneKnownAccepted) {
  EXPECT_TRUE(CheckChairConsultationRecord(Complete()).empty());
  auto record = Complete();
  record["previous_cla"] = "   ";
  record.erase("family_safety_plan");
  const auto errors = CheckChairConsultationRecord(record);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "previous_cla");
  EXPECT_NE(errors[0].message.find("Previous CLA"), std::string::npos) << errors[0].message;
  EXPECT_NE(errors[0].message.find("None known"), std::string::npos);
  EXPECT_EQ(errors[1].field, "family_safety_plan");
  EXPECT_NE(errors[1].message.find("Family safety plan"), std::string::npos);
}

// RULE CPC-5 RULE CPC-6: a record has the headings only; a "decision" (or any other field) is refused by name.
TEST(ChairConsultation, CPC6_NoDecisionFieldInTheRecord) {
  auto record = Complete();
  record["decision"] = "Hold an ICPC";
  const auto errors = CheckChairConsultationRecord(record);
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "decision");
  EXPECT_EQ(kChairConsultationDecisionNote,
            "The district social work team remains responsible for the decision, including whether to hold an "
            "initial child protection conference.");
}

TEST(ChairConsultation, CPC5_TextIsCheckedUnderEachHeading) {
  auto record = Complete();
  record["brief_history"] = std::string(10001, 'a');
  record["other_agencies"] = "School\x01";
  const auto errors = CheckChairConsultationRecord(record);
  ASSERT_EQ(errors.size(), 2u);
  EXPECT_EQ(errors[0].field, "brief_history");
  EXPECT_EQ(errors[1].field, "other_agencies");
}

// RULE CPC-8: refused once the decision to go to an initial child protection conference is made,
// with the rule and the route.
TEST(ChairConsultation, CPC8_RefusedAfterTheIcpcDecision) {
  const std::vector<std::string> pack = {"no-icpc-decision"};
  EXPECT_FALSE(CheckChairConsultationRequest(pack, {false, false}).has_value());
  EXPECT_FALSE(CheckChairConsultationRequest(pack, {false, true}).has_value());  // CPC-7 flags, never refuses
  auto refusal = CheckChairConsultationRequest(pack, {true, false});
  ASSERT_TRUE(refusal.has_value());
  EXPECT_EQ(refusal->rule, "CPC-8");
  EXPECT_EQ(refusal->precondition, "no-icpc-decision");
  EXPECT_NE(refusal->route.find("already decided to hold an ICPC; no consultation"), std::string::npos);
  // A pack without the precondition does not refuse; one with a check we do not know fails closed.
  EXPECT_FALSE(CheckChairConsultationRequest({}, {true, false}).has_value());
  auto unknown = CheckChairConsultationRequest({"no-icpc-decision", "moon-phase"}, {false, false});
  ASSERT_TRUE(unknown.has_value());
  EXPECT_EQ(unknown->precondition, "moon-phase");
}

// RULE CPC-7: a request made after a strategy discussion is flagged.
TEST(ChairConsultation, CPC7_FlaggedAfterAStrategyDiscussion) {
  EXPECT_TRUE(ChairConsultationFlags({false, false}).empty());
  const auto flags = ChairConsultationFlags({false, true});
  ASSERT_EQ(flags.size(), 1u);
  EXPECT_EQ(flags[0].rule, "CPC-7");
  EXPECT_NE(flags[0].message.find("before"), std::string::npos);
}

TEST(ChairConsultation, StatusesReferencesAndReviewDates) {
  for (auto s : {ChairConsultationStatus::kRequested, ChairConsultationStatus::kAllocated,
                 ChairConsultationStatus::kArranged, ChairConsultationStatus::kRecorded})
    EXPECT_EQ(ChairConsultationStatusFromId(ChairConsultationStatusId(s)), s);
  EXPECT_FALSE(ChairConsultationStatusFromId("decided").has_value());
  EXPECT_EQ(ChairConsultationReference(42), "CPC-000042");
  using namespace std::chrono;
  EXPECT_EQ(AddYears(2026y / November / 24d, 25), 2051y / November / 24d);
  EXPECT_EQ(AddYears(2028y / February / 29d, 25), 2053y / March / 1d);
}

}  // namespace
}  // namespace fd
