// KCR-17, HCR-24: the call to a referrer who could not be e-mailed the outcome, on the contact page
// (what to say, when due, the "Referrer told" form) and on the worker's home page (the calls to make).
#pragma once

#include <cstdint>
#include <string>

#include "app/actor.h"
#include "web/page_kit.h"

namespace fd::web {

// The "Referrer told" form as posted, kept when it is refused.
struct ReferrerCallForm {
  std::string note;
  std::string error;
};

// Adds the contact's call, if it has one, to the contact page's data.
void AddReferrerCall(PageContext& pc, const app::Actor& actor, std::int64_t contact_id, const ReferrerCallForm& form,
                     Data& d);
// Adds the actor's calls still to make to the home page's data.
void AddReferrersToTell(PageContext& pc, const app::Actor& actor, Data& d);

}  // namespace fd::web
