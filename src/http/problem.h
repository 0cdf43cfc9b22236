// RFC 9457 problem details (application/problem+json): how every API error is answered.
#pragma once

#include <string>
#include <vector>

#include "domain/error.h"
#include "http/message.h"

namespace fd::http {

// {"type","title","status","detail","errors":[{"field","message"}]}
Response Problem(int status, std::string title, std::string detail, const std::vector<FieldError>& fields = {});
// Maps a domain Error to its status (400/401/403/404/409/422/503) and problem body.
Response ProblemFrom(const Error& error);
int StatusFor(ErrorCode code);

}  // namespace fd::http
