// KCR-3: reviewing which children an authorised decision opened, on the pages (app/sibling_reviews.h):
// the form (the children opened ticked and fixed, the others to open, the judgement), and the history
// of the choice on the contact page.
#pragma once

#include <memory>

#include "app/actor.h"
#include "app/workflow.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterSiblingReviewPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// Adds to the contact page "sibling_review_link" for a manager who may review the choice, and
// "sibling_reviews" (each review in words, oldest first) with "has_sibling_reviews".
void AddSiblingReviews(PageContext& pc, const app::Actor& actor, const app::WorkflowView& view, Data& d);

}  // namespace fd::web
