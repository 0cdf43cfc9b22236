// The server-rendered pages (GOV.UK Frontend): sign-in, a home page per role, the contact form,
// the contact page and the contact list. Pages call app/ use cases only.
#pragma once

#include <string>

#include "api/session_guard.h"
#include "app/context.h"
#include "http/router.h"

namespace fd::web {

struct WebOptions {
  std::string templates_dir;  // templates/*.mustache
  std::string static_dir;     // build/static: our CSS/JS and GOV.UK Frontend's assets
  bool secure_cookies = false;
};

// Registers every page route and /static/*. Throws std::runtime_error at start if a template is
// missing or does not parse, so a broken install fails loudly rather than on a user's click.
// Returns the sign-in page a form sent after its session ended gets (api::MakeSessionGuard).
api::SessionEndedPage RegisterPages(http::Router& router, app::AppContext& ctx, const WebOptions& options);

}  // namespace fd::web
