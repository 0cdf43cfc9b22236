// KCR-3: the manager decides which children of a family are opened, recording the professional
// judgement, and the choice can be reviewed later (kent-initial-contacts-and-referrals.txt line 13:
// "This can be reviewed at any point"). A review of an authorised decision's choice records the
// reviewer's judgement and either confirms the children opened or opens further children of the
// contact. It never closes a child already opened: their referral has gone to the responsible team.
// Pure: the decision's children and the contact's subject children come in as arguments.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/instant.h"

namespace fd {

struct SiblingReviewDraft {
  std::vector<int> children;  // positions of the contact's children opened after the review
  std::string judgement;      // the reviewer's professional judgement, in words
};

struct SiblingReview {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  std::int64_t decision_id = 0;
  std::vector<int> children_before;  // opened before the review
  std::vector<int> children_after;   // opened after it (before + those opened by it)
  std::string judgement;
  std::int64_t reviewed_by = 0;
  std::string reviewed_by_name;
  Instant reviewed_at;

  // The children the review opened; none: it confirmed the choice.
  std::vector<int> Opened() const;
};

// Whether the contact has a choice of children to review: more than one child the concern is about.
bool HasSiblingChoice(const std::vector<int>& subject_positions);

// `opened`: the children the decision has opened so far (its own, and any a review opened since);
// `subject_positions`: the contact's children the concern is about (harming children are never
// decided on, HCR-3). Returns the children opened after the review, sorted. Errors: kInvalid on
// "judgement" (none, or too long) and on "children" (none, a child not one the concern is about, or
// a child already opened left out: a review cannot close their referral).
Result<std::vector<int>> ValidateSiblingReview(const SiblingReviewDraft& draft, const std::vector<int>& opened,
                                               const std::vector<int>& subject_positions);

}  // namespace fd
