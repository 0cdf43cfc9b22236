// Consultation pages (FDS, CRU, the Hertfordshire hub): the request form with each line's opening
// hours, the refusal with its route, the requester's receipt, the adviser's call-back queue, and
// the consultation page with the register check (CRU-3) and the record (FDS-8, CRU-4, HCR-10).
#pragma once

#include <memory>

#include "app/actor.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterConsultationPages(http::Router& router, const std::shared_ptr<PageContext>& pc);
// The home page's links for roles that request or give consultations.
void AddConsultationLinks(const app::Actor& actor, Data& d);

}  // namespace fd::web
