// Read audit pages (issue 8 point 3), for the data protection officer: `/record-access` asks whose
// records (a person's register number or a contact reference) and goes to `/people/{id}/record-access`,
// the table of who viewed that person's records, newest first, a page at a time (app/record_access.h).
// Other roles get the 403 page. Ids and references only: no page here names the person.
#pragma once

#include <memory>

#include "app/actor.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterRecordAccessPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

// For the home page: the link to /record-access, for a role that may list who viewed records.
void AddRecordAccessLink(const app::Actor& actor, Data& d);

}  // namespace fd::web
