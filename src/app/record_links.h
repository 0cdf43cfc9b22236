// Where a record listed in a queue or a dashboard opens, for someone who may open it.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "app/actor.h"
#include "store/store.h"

namespace fd::app {

// The page of a deadline's or a dashboard row's record ("/contacts/12", "/consultations/3",
// "/chair-consultations/2") when `actor` may open it; empty when they may not, so a list shows the
// reference as plain text instead of a link that answers 403 or 404. A contact needs
// kViewContact and a consultation kAdviseConsultation (app/permissions.h); a Child Protection Chair
// consultation is the coordinator's, the allocated chair's or its requester's
// (MayOpenChairConsultation). Empty for an unknown record type.
std::string RecordLinkFor(store::Transaction& tx, const Actor& actor, std::string_view record_type, std::int64_t id);

}  // namespace fd::app
