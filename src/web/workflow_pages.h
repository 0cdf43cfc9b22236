// Screening and decision pages (docs/workflow.md): the screening task list with its forms (answers,
// record checks, agency checks, sharing authorisation, police notification), "check your answers"
// before completing, and the decision: proposing it (with its own check-your-answers step),
// authorising or returning it by a manager who did not propose it (KCR-16, HCR-31), and the
// authorised outcome. Every form carries the contact `version` the user was looking at, so a
// change made meanwhile by someone else is answered with 409 and never overwritten.
#pragma once

#include <memory>

#include "app/actor.h"
#include "app/workflow.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

// For the contact page: where the contact is in the workflow and the links onward. Sets
// "workflow_state" (e.g. "Being screened"), and when they apply "screening_link" with
// "screening_link_text" ("Start screening", "Continue screening", "View screening") and
// "decision_link" with "decision_link_text" ("Propose a decision", "Authorise the decision", …), and
// "sent_back_by" with "sent_back_reason" while a proposal sent back is put right (KCR-16).
void AddWorkflowLinks(const app::WorkflowView& view, const app::Actor& actor, Data& d);

// GET  /contacts/{id}/screening                  task list and forms
// POST /contacts/{id}/screening/start
// POST /contacts/{id}/screening                  answers
// POST /contacts/{id}/record-checks
// POST /contacts/{id}/agency-checks
// POST /contacts/{id}/sharing-authorisation
// POST /contacts/{id}/police-notification
// GET  /contacts/{id}/screening/check            check your answers
// POST /contacts/{id}/screening/complete
// GET  /contacts/{id}/decision                   propose, review, or the decision made
// POST /contacts/{id}/decision/check             check your answers (or "Change": the form again)
// POST /contacts/{id}/decision                   propose
// POST /contacts/{id}/decision/authorise
// POST /contacts/{id}/decision/return
void RegisterWorkflowPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

}  // namespace fd::web
