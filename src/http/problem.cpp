#include "http/problem.h"

#include <nlohmann/json.hpp>

namespace fd::http {

Response Problem(int status, std::string title, std::string detail, const std::vector<FieldError>& fields) {
  nlohmann::json body = {{"type", "about:blank"}, {"title", title}, {"status", status}, {"detail", detail}};
  if (!fields.empty()) {
    auto& errors = body["errors"] = nlohmann::json::array();
    for (const auto& f : fields) errors.push_back({{"field", f.field}, {"message", f.message}});
  }
  return Response{status, "application/problem+json", {},
                  body.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace)};
}

int StatusFor(ErrorCode code) {
  switch (code) {
    case ErrorCode::kInvalid: return 422;
    case ErrorCode::kNotFound: return 404;
    case ErrorCode::kForbidden: return 403;
    case ErrorCode::kUnauthenticated: return 401;
    case ErrorCode::kConflict: return 409;
    case ErrorCode::kUnavailable: return 503;
    case ErrorCode::kTooMany: return 429;
  }
  return 500;
}

Response ProblemFrom(const Error& error) {
  const int status = StatusFor(error.code);
  const char* title = "Something went wrong";
  switch (error.code) {
    case ErrorCode::kInvalid: title = "Check the details you entered"; break;
    case ErrorCode::kNotFound: title = "Not found"; break;
    case ErrorCode::kForbidden: title = "Not permitted"; break;
    case ErrorCode::kUnauthenticated: title = "Sign in"; break;
    case ErrorCode::kConflict: title = "Conflict"; break;
    case ErrorCode::kUnavailable: title = "Service unavailable"; break;
    case ErrorCode::kTooMany: title = "Too many requests"; break;
  }
  Response response = Problem(status, title, error.message, error.fields);
  if (error.code == ErrorCode::kTooMany) response.Header("Retry-After", std::to_string(error.retry_after.count()));
  return response;
}

}  // namespace fd::http
