// Reading API requests: the JSON body, whole-number query parameters and record ids in paths.
// Each answers with a problem the caller can act on rather than a bare 400.
#pragma once

#include <cstdint>
#include <expected>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/error.h"
#include "http/message.h"

namespace fd::api {

// Parses the request body as JSON, or answers 400 saying where it broke. Refuses other media types
// so a form post cannot be mistaken for an API call.
std::expected<nlohmann::json, http::Response> JsonBody(const http::Request& request);

// Reads a whole-number query parameter; `fallback` when absent. Errors: kInvalid naming the parameter.
Result<int> IntParam(const http::Request& request, const char* name, int fallback);

// The record id in the path parameter `name`, or nullopt when it is not a positive whole number
// (answered as 404: no record has that id).
std::optional<std::int64_t> IdParam(const http::Request& request, const char* name = "id");
// A child's position on a contact, from the path's {position}: 0 for the first child, at most 100.
std::optional<int> ChildPositionParam(const http::Request& request);

}  // namespace fd::api
