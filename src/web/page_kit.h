// What every page handler shares: the loaded templates and static files, the layout's data for
// the signed-in user, and the pages for refused actions.
#pragma once

#include <map>
#include <optional>
#include <string>

#include "app/context.h"
#include "domain/error.h"
#include "http/message.h"
#include "web/pages.h"
#include "web/static_files.h"
#include "web/templates.h"

namespace fd::web {

struct PageContext {
  app::AppContext& app;
  Templates templates;
  StaticFiles static_files;
  WebOptions options;
};

// The layout's data: title and the signed-in user (name, role, CSRF token for forms).
Data PageData(const http::Request& request, const std::string& title);
http::Response Page(const PageContext& pc, int status, const std::string& name, Data data);
// The page for a refused use case: 403, 404, 409 or 400 with the use case's message.
http::Response ErrorPage(const Error& error);
// The fields of an application/x-www-form-urlencoded body; empty when it does not parse.
std::multimap<std::string, std::string> FormFields(const http::Request& request);
// The first value of `name`, or "".
std::string FormValue(const std::multimap<std::string, std::string>& fields, const char* name);
// The record id in the path, when it is a positive whole number.
std::optional<std::int64_t> PathId(const http::Request& request);

}  // namespace fd::web
