// The lawful-basis ledger's page (issue 12 point 2), for the data protection officer:
// `/people/{id}/disclosures`, every disclosure about one person, oldest first, each with what, to or
// from whom, on what basis, authorised by whom and when (app/disclosures.h). Other roles get the 403
// page. Like the record-access page it names no one: ids, references and organisations only.
#pragma once

#include <memory>

#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

void RegisterDisclosurePages(http::Router& router, const std::shared_ptr<PageContext>& pc);

}  // namespace fd::web
