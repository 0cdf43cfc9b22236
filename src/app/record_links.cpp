#include "app/record_links.h"

#include <fmt/format.h>

#include "app/chair_consultations.h"
#include "app/permissions.h"

namespace fd::app {

std::string RecordLinkFor(store::Transaction& tx, const Actor& actor, std::string_view record_type, std::int64_t id) {
  if (record_type == "contact")
    return Authorise(actor, Action::kViewContact) ? fmt::format("/contacts/{}", id) : std::string();
  if (record_type == "consultation")
    return Authorise(actor, Action::kAdviseConsultation) ? fmt::format("/consultations/{}", id) : std::string();
  if (record_type == "chair-consultation")
    return MayOpenChairConsultation(tx, actor, id) ? fmt::format("/chair-consultations/{}", id) : std::string();
  return "";
}

}  // namespace fd::app
