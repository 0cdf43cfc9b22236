#include "domain/sibling_review.h"

#include <algorithm>

#include <fmt/format.h>

#include "domain/child_numbers.h"
#include "domain/text.h"

namespace fd {

std::vector<int> SiblingReview::Opened() const {
  std::vector<int> out;
  for (const int c : children_after)
    if (std::find(children_before.begin(), children_before.end(), c) == children_before.end()) out.push_back(c);
  return out;
}

bool HasSiblingChoice(const std::vector<int>& subject_positions) { return subject_positions.size() > 1; }

Result<std::vector<int>> ValidateSiblingReview(const SiblingReviewDraft& draft, const std::vector<int>& opened,
                                               const std::vector<int>& subject_positions) {
  std::vector<FieldError> errors;
  if (auto problem = CheckText(draft.judgement, 5000, true, "The judgement")) errors.push_back({"judgement", *problem});
  else if (Trim(draft.judgement).empty())
    errors.push_back({"judgement", "Record your professional judgement: why these children are the ones opened"});
  std::vector<int> after;
  for (const int c : draft.children) {
    if (std::find(subject_positions.begin(), subject_positions.end(), c) == subject_positions.end()) {
      errors.push_back({"children", NotAChildTheConcernIsAbout(c, subject_positions)});
      continue;
    }
    if (std::find(after.begin(), after.end(), c) == after.end()) after.push_back(c);
  }
  for (const int c : opened)
    if (std::find(after.begin(), after.end(), c) == after.end()) {
      errors.push_back({"children", fmt::format("Child {} is already opened: a review opens further children or "
                                                "confirms the choice, and cannot close a child's referral",
                                                c)});
      break;
    }
  if (draft.children.empty() && opened.empty()) errors.push_back({"children", "Choose the children to open"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  std::sort(after.begin(), after.end());
  return after;
}

}  // namespace fd
