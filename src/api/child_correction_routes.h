// Correcting a contact's child over the API (app/child_corrections.h, docs/api.md):
//   PUT /api/v1/contacts/{id}/children/{position}
//     {"version", "reason", and any of "first_names", "last_name", "date_of_birth", "expected_date",
//      "nhs_number", "gender", "address"} → the contact with its "child_corrections"
// A field not sent keeps its value; null or "" clears it.
#pragma once

#include "app/context.h"
#include "http/router.h"

namespace fd::api {

void RegisterChildCorrectionApi(http::Router& router, app::AppContext& ctx);

}  // namespace fd::api
