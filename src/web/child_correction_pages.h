// Correcting a contact's child on the pages (app/child_corrections.h): the GOV.UK form, prefilled,
// with a required "Why", and what the contact page says of each child's corrections.
#pragma once

#include <memory>

#include "app/actor.h"
#include "domain/contact.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterChildCorrectionPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// Adds to each child's block of the contact page: "correct_link" when the reader may correct it now,
// "corrections" ("Corrected by NAME on DATE: date of birth 03/04/2061 → 03/04/2016 (why)") and
// "link_to_check" (the link warnings of a register link the corrected details disagree with).
void AddChildCorrections(PageContext& pc, const app::Actor& actor, const Contact& contact, Data& blocks);

}  // namespace fd::web
