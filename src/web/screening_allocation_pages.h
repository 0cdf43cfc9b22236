// The page where a team manager allocates a contact's screening to a social worker of their team
// (app/screening_allocation.h), and what the contact and screening pages say about it.
#pragma once

#include <memory>
#include <string_view>

#include "app/actor.h"
#include "app/workflow.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterScreeningAllocationPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// Sets `allocated_to` (the worker's name) when the contact is allocated, `allocate_link` and
// `allocate_link_text` when the reader may allocate it now, and the `screened_together` warning
// (KCR-10, HCR-30) when another contact about the child is being screened by someone else. Unallocated
// and being screened: `screening_holder` and `screening_holder_since` (in `time_zone`), who holds it.
void AddScreeningAllocation(const app::WorkflowView& view, const app::Actor& actor, Data& d,
                            std::string_view time_zone = "Europe/London");

}  // namespace fd::web
