// "Other contacts about this child" on the contact page and its screening page (KCR-10, HCR-30;
// app/same_child.h), rendered by templates/same_child_contacts.mustache.
#pragma once

#include "app/actor.h"
#include "app/workflow.h"
#include "web/page_kit.h"

namespace fd::web {

// Sets "has_same_child", "same_child_summary" and "same_child_rows" (reference, the link only when
// the reader may open contacts, the child on this contact, received, stage, who is screening).
void AddSameChild(const PageContext& pc, const app::Actor& actor, const app::WorkflowView& view, Data& d);

}  // namespace fd::web
