// Child Protection Chair consultation pages (CPC-1…CPC-8; docs/workflow.md): the list for the
// signed-in role, the request form, and one consultation with the form for the next step the viewer
// may do (allocate, record the contact, record the consultation under the CPC-5 headings). Every
// POST answers 303 and a banner on success, 422 with the input kept, 409 when the step was already
// done, 403 for a refused role. The CPC-6 statement is shown on every consultation.
#pragma once

#include <memory>

#include "app/actor.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

// For the home page: sets "chair_consultations_link" (and its text) for the roles that request,
// allocate or record chair consultations.
void AddChairConsultationLink(const app::Actor& actor, Data& d);

// GET  /chair-consultations                 the list for the role
// GET  /chair-consultations/new             the request form (CPC-1, CPC-7, CPC-8)
// POST /chair-consultations                 request
// GET  /chair-consultations/{id}            details, flags, CPC-6, the next step's form
// POST /chair-consultations/{id}/allocate   CPC-2
// POST /chair-consultations/{id}/contacted  CPC-3
// POST /chair-consultations/{id}/record     CPC-4, CPC-5
// POST /chair-consultations/{id}/child      CPC-4: put it on the child's record by hand
void RegisterChairConsultationPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

}  // namespace fd::web
