// KCR-14 over the API: the referrer's consent answers and disclosures of their identity
// (app/referrer_disclosures.h; docs/api.md "Protected referrer identity"). Registered by
// RegisterApi (routes.cpp) beside POST /api/v1/contacts/{id}/referrer-identity.
#pragma once

#include "app/context.h"
#include "http/message.h"

namespace fd::api {

// POST /api/v1/contacts/{id}/referrer-consent {"given": "yes"|"no", "method", "covers"} → 201.
http::Response RecordReferrerConsentApi(app::AppContext& ctx, http::Request& request);
// POST /api/v1/contacts/{id}/referrer-disclosures {"recipient_name", "recipient_organisation",
// "reason", "basis", "requested_by", "authorisation_reason"} → 201 with the disclosure and the identity.
http::Response DiscloseReferrerIdentityApi(app::AppContext& ctx, http::Request& request);
// GET /api/v1/contacts/{id}/referrer-disclosures → {"identity_protected", "consents", "disclosures"}.
http::Response ListReferrerDisclosuresApi(app::AppContext& ctx, http::Request& request);

}  // namespace fd::api
