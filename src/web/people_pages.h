// The people register pages (templates/person_*.mustache): /people/{id}, the register view — the
// person, their names and addresses, family with links, household, and involvement history — or,
// for a restricted record the user may not see, only that it exists and whom to ask; the merge
// form for team managers (/people/{id}/merge) and the merge page with its undo button
// (/people/merges/{id}). The forms that add to a record, and "Add a person", are in
// register_forms.h; the view links to them for users who may manage the register.
#pragma once

#include <memory>
#include <string>
#include <vector>

#include "app/actor.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterPeoplePages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// For the contact page: "/people/{id}" for each child confirmed as a register person, by position
// ("" when not linked, or when the user may not view the register). templates/person_link.mustache
// renders one inside a child's block.
std::vector<std::string> ChildPersonLinks(PageContext& pc, const app::Actor& actor, std::int64_t contact_id);

}  // namespace fd::web
