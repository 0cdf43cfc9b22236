// GET /people/search: the staff's way to find a child on the people register from the pages (the
// API has /api/v1/people/search). The same search, the same restricted handling (a record the
// reader may not see: only that one exists and whom to ask), audited the same ("person.searched").
#pragma once

#include <memory>

#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

// Registers GET /people/search; before /people/{id}, since "search" is a fixed page.
void RegisterPersonSearchPage(http::Router& router, const std::shared_ptr<PageContext>& pc);

}  // namespace fd::web
