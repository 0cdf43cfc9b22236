// Pages for "not found" and other dead ends: GOV.UK-style HTML for people, problem+json for /api/.
#pragma once

#include "http/message.h"

namespace fd::web {

http::Response NotFoundPage(const http::Request& request);
// A plain page with a heading and a message, for 403/404/409 outside the API.
http::Response MessagePage(int status, const std::string& heading, const std::string& message);

}  // namespace fd::web
