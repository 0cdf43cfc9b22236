// KCR-3: the reviews of an authorised decision's choice of children (migration 0056).
#pragma once

#include <cstdint>
#include <vector>

#include "domain/sibling_review.h"
#include "store/store.h"

namespace fd::store {

// The contact's reviews, oldest first, with each reviewer's name.
std::vector<SiblingReview> SiblingReviewsOf(Transaction& tx, std::int64_t contact_id);
// Records `review` and sets its decision's children to those opened after it. Returns the new id.
// REQUIRES: a write transaction, in which the contact's version was taken.
std::int64_t InsertSiblingReview(Transaction& tx, const SiblingReview& review);

}  // namespace fd::store
