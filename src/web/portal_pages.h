// The public Request for Support portal, /request-for-support: no sign-in. A member of the public or
// a professional tells us about a child; they get their reference and time at once (HCR-16), the
// urgent route and 999 advice when they give a significant-harm indicator (HCR-12, HCR-13), may stay
// anonymous only as a member of the public with the limits understood (HCR-20, HCR-21).
#pragma once

#include <memory>

#include "app/call_confirmations.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

// The one the e-mail after a professional's call points to (HCR-15).
inline constexpr const char* kPortalPath = app::kRequestForSupportPath;

void RegisterPortalPages(http::Router& router, const std::shared_ptr<PageContext>& pc);

}  // namespace fd::web
