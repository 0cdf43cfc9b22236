// KCR-3: a team manager reviews which children of a family an authorised decision opened: records
// their judgement, and opens further children of the contact or confirms the choice (docs/decisions.md
// "Reviewing which children are opened"). The decision then covers the children opened (its referral
// and the returns count them); each review is kept, so the contact shows the history of the choice.
#pragma once

#include <cstdint>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/contact.h"
#include "domain/decision.h"
#include "domain/error.h"
#include "domain/sibling_review.h"

namespace fd::app {

// What the review form and the API show: the contact, its authorised decision (children opened now,
// with the reason siblings were left out), and the reviews so far, oldest first.
struct SiblingChoice {
  Contact contact;
  Decision decision;
  std::vector<int> subjects;  // the children the concern is about, who may be opened
  std::vector<SiblingReview> reviews;
};

// Errors: kForbidden (not a team manager, or the case is another's: app/case_access.h), kNotFound,
// kConflict (no authorised decision yet, or a contact about one child: no choice to review).
Result<SiblingChoice> SiblingChoiceToReview(AppContext& ctx, const Actor& actor, std::int64_t contact_id);

// Records the review, taking the contact version the manager was looking at, and bumps it: the
// children opened after it (those opened before, and any further), and the judgement. Audited as
// contact.sibling_choice_reviewed. Errors as SiblingChoiceToReview, kConflict for a stale version,
// kInvalid on "judgement" and "children" (domain ValidateSiblingReview).
Result<SiblingChoice> ReviewSiblingChoice(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                          std::int64_t version, const SiblingReviewDraft& draft);

// The contact's reviews, for anyone who may read the contact. Errors: kForbidden.
Result<std::vector<SiblingReview>> SiblingReviewsOf(AppContext& ctx, const Actor& actor, std::int64_t contact_id);

// Whether `actor` is offered the review on the contact page: a team manager, once a decision about
// more than one child is authorised.
bool OffersSiblingReview(const Actor& actor, const Contact& contact, const std::vector<Decision>& decisions);

}  // namespace fd::app
