// GET /api/v1/openapi.yaml (public): the API's OpenAPI 3.1 description, docs/openapi.yaml as built
// into the program. tests/api/openapi_test.cpp keeps it true to the router.
#pragma once

#include <string_view>

#include "http/router.h"

namespace fd::api {

void RegisterOpenApi(http::Router& router);
// The embedded document, for the test that checks it against the routes.
std::string_view OpenApiYaml();

}  // namespace fd::api
