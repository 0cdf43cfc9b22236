// The page for an address whose query a list, search or report cannot take (api::QueryReader): 400,
// the GOV.UK error summary naming each refused parameter, what is wrong and what it may be, and
// links to the same page without it. Never the default list in its place (docs/decisions.md "A
// link's parameters are read one way on the pages and the API").
#pragma once

#include <string>

#include "domain/error.h"
#include "http/message.h"
#include "web/page_kit.h"

namespace fd::web {

// `title` names the page ("Contacts"); the refusal's fields name the parameters.
http::Response QueryRefusedPage(const PageContext& pc, const http::Request& request, const std::string& title,
                                const Error& refusal);

// The request's address without the parameters `names` (every value of each), the others kept.
std::string AddressWithout(const http::Request& request, const std::vector<std::string>& names);

}  // namespace fd::web
