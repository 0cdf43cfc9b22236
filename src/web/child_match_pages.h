// "Is this child known?" on the contact page (KCR-10, HCR-30): for each child not yet linked to the
// people register, the register's candidate matches with why each matched, a "This is the child"
// button for each, and "New person" when none is right.
#pragma once

#include <memory>
#include <vector>

#include "app/actor.h"
#include "domain/contact.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

// Adds "matches" (and the forms) to each child block of `blocks` not linked yet (`links[i]` empty).
void AddChildMatches(PageContext& pc, const app::Actor& actor, const Contact& contact,
                     const std::vector<std::string>& links, Data& blocks);
void RegisterChildMatchPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

}  // namespace fd::web
