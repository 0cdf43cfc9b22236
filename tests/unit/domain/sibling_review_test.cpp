#include "domain/sibling_review.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

bool Names(const Error& e, const std::string& field) {
  for (const auto& f : e.fields)
    if (f.field == field) return true;
  return false;
}

// RULE KCR-3: a review opens further children the concern is about, or confirms the choice.
TEST(SiblingReview, KCR3_OpensFurtherChildrenOrConfirms) {
  auto opened = ValidateSiblingReview({{2, 0}, "Finn is hungry too"}, {0}, {0, 2});
  ASSERT_TRUE(opened) << opened.error().message;
  EXPECT_EQ(*opened, (std::vector<int>{0, 2}));
  auto confirmed = ValidateSiblingReview({{0}, "Only Eve"}, {0}, {0, 2});
  ASSERT_TRUE(confirmed);
  EXPECT_EQ(*confirmed, (std::vector<int>{0}));
  SiblingReview r;
  r.children_before = {0};
  r.children_after = {0, 2};
  EXPECT_EQ(r.Opened(), (std::vector<int>{2}));
  EXPECT_TRUE(HasSiblingChoice({0, 2}));
  EXPECT_FALSE(HasSiblingChoice({0}));
}

// RULE KCR-3: never closes a child already opened; only the children the concern is about; a
// judgement is required.
TEST(SiblingReview, KCR3_RefusesClosingStrangersAndNoJudgement) {
  auto closing = ValidateSiblingReview({{2}, "Finn only"}, {0}, {0, 2});
  ASSERT_FALSE(closing);
  EXPECT_TRUE(Names(closing.error(), "children"));
  auto harming = ValidateSiblingReview({{0, 1}, "Both"}, {0}, {0, 2});  // child 1 harmed another (HCR-3)
  ASSERT_FALSE(harming);
  EXPECT_TRUE(Names(harming.error(), "children"));
  auto silent = ValidateSiblingReview({{0, 2}, "  "}, {0}, {0, 2});
  ASSERT_FALSE(silent);
  EXPECT_TRUE(Names(silent.error(), "judgement"));
}

}  // namespace
}  // namespace fd
