#include "domain/retention.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

using namespace std::chrono;

RetentionDates Dates(std::optional<year_month_day> created, std::optional<year_month_day> closed,
                     std::optional<year_month_day> dob) {
  RetentionDates d;
  d.created = created;
  d.closed = closed;
  d.date_of_birth = dob;
  return d;
}

TEST(Retention, EachTriggerRunsFromItsOwnDate) {
  const auto dates = Dates(2020y / March / 2d, 2020y / March / 9d, 2015y / June / 1d);
  EXPECT_EQ(RetentionEnds(RetentionTrigger::kCreated, 6, dates), 2026y / March / 2d);
  EXPECT_EQ(RetentionEnds(RetentionTrigger::kClosed, 6, dates), 2026y / March / 9d);
  EXPECT_EQ(RetentionEnds(RetentionTrigger::kDateOfBirth, 25, dates), 2040y / June / 1d);  // the 25th birthday
}

TEST(Retention, AnOpenRecordIsNeverDue) {
  EXPECT_FALSE(RetentionEnds(RetentionTrigger::kClosed, 6, Dates(2020y / March / 2d, std::nullopt, std::nullopt)));
  EXPECT_FALSE(RetentionEnds(RetentionTrigger::kCreated, 6, Dates(std::nullopt, std::nullopt, std::nullopt)));
}

TEST(Retention, NoDateOfBirthRunsFromTheDayTheRecordWasMade) {
  EXPECT_EQ(RetentionEnds(RetentionTrigger::kDateOfBirth, 25, Dates(2020y / March / 2d, std::nullopt, std::nullopt)),
            2045y / March / 2d);
}

TEST(Retention, TwentyNinthOfFebruaryEndsOnTheFirstOfMarch) {
  EXPECT_EQ(AddYears(2024y / February / 29d, 1), 2025y / March / 1d);
  EXPECT_EQ(AddYears(2024y / February / 29d, 4), 2028y / February / 29d);
}

TEST(Retention, TriggerIdsRoundTrip) {
  for (auto t : {RetentionTrigger::kCreated, RetentionTrigger::kClosed, RetentionTrigger::kDateOfBirth})
    EXPECT_EQ(RetentionTriggerFromId(RetentionTriggerId(t)), t);
  EXPECT_FALSE(RetentionTriggerFromId("decided"));
}

}  // namespace
}  // namespace fd
