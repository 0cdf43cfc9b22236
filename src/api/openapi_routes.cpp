#include "api/openapi_routes.h"

#include "api/openapi_embedded.h"

namespace fd::api {

std::string_view OpenApiYaml() { return kOpenApiYaml; }

void RegisterOpenApi(http::Router& router) {
  // Public: a partner's developers read it before they have a token, and it describes no data.
  router.Add("GET", "/api/v1/openapi.yaml", http::Access::kPublic, [](http::Request&) {
    http::Response response;
    response.status = 200;
    response.content_type = "application/yaml";
    response.body = std::string(kOpenApiYaml);
    response.Header("Cache-Control", "no-cache");
    return response;
  });
}

}  // namespace fd::api
