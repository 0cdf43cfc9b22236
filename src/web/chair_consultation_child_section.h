// CPC-4 on the consultation's page: whether the consultation is on the child's record (linked to
// the people register), by whom and when if by hand; and, for the coordinator and its chair while it
// is on none, the register's candidates for the child (the people search, refined by a small form)
// each with "This is the child", and "Not on the register: add them" (app/chair_consultation_child.h).
// Kept apart from the consultation's other sections: templates/chair_consultation_child.mustache.
#pragma once

#include <string>

#include "app/actor.h"
#include "app/chair_consultations.h"
#include "http/message.h"
#include "web/page_kit.h"

namespace fd::web {

// Sets "child_record" in `d`. `refused` is why a link just posted was refused (shown in the panel),
// or empty.
void AddChildRecordSection(PageContext& pc, const http::Request& request, const app::Actor& actor,
                           const app::ChairConsultationView& v, const std::string& refused, Data& d);

// POST /chair-consultations/{id}/child's form: `person_id` links that record, `new=yes` adds the
// child to the register. Returns the link's warnings' fields, comma-separated, for the redirect.
Result<std::string> LinkChildFromForm(app::AppContext& ctx, const app::Actor& actor, std::int64_t id,
                                      const std::multimap<std::string, std::string>& fields);

}  // namespace fd::web
