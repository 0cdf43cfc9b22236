// The page a person gets when the service cannot do what they asked just now: the database failed or
// the server is over its limits. Nothing was saved, so what they typed into a form is shown back to
// them to copy, rather than lost behind a JSON body a browser cannot use.
#pragma once

#include <chrono>
#include <string>

#include "http/message.h"

namespace fd::http {

// Whether `request` came from a person's browser: any path outside /api/, or an Accept that puts
// text/html first. Such requests are answered with pages, API clients with problem+json.
bool WantsPage(std::string_view target, std::string_view accept);

// A 503 page: the heading, what happened (nothing was saved), when to try again (Retry-After), and
// each typed field of a form body (application/x-www-form-urlencoded) in a read-only box to copy.
// Tokens, passwords and record versions are never shown back.
Response UnavailablePage(const std::string& heading, const std::string& form_body,
                         std::chrono::seconds retry_after);

}  // namespace fd::http
