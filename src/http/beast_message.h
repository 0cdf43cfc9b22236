// Between Beast's messages and frontdoor's (http/message.h): what the server does with a request
// once Beast has parsed its bytes, and with a response before Beast writes it. Kept apart from the
// socket code so the same steps are fuzzed in-process (tests/fuzz/fuzz_http_request.cpp).
#pragma once

#include <optional>
#include <string>

#include <boost/beast/http.hpp>

#include "http/message.h"

namespace fd::http {

using BeastRequest = boost::beast::http::request<boost::beast::http::string_body>;
using BeastResponse = boost::beast::http::response<boost::beast::http::string_body>;

// The answer to a request that could not be read (413 over the body limit, 431 over the header
// limit, 400 for anything not HTTP/1.1), or nullopt when the client went away or timed out and
// nothing should be written.
std::optional<Response> RefusalForReadError(const boost::system::error_code& ec);

// The request's id: the client's (or proxy's) X-Request-Id when it is sane, else a new one.
std::string RequestIdFor(const BeastRequest& in);

// Fills `out` from a parsed request: method, target, decoded path and query, lower-cased headers,
// body, peer (or the first X-Forwarded-For when `trust_proxy`). Returns a 400 to send instead when
// the target is not an absolute path, climbs out with "..", holds a NUL, or is badly encoded.
std::optional<Response> BuildRequest(const BeastRequest& in, const std::string& peer, bool trust_proxy, Request& out);

// The response as Beast writes it, with the default security headers (and HSTS when `hsts`).
BeastResponse ToBeast(Response r, unsigned version, bool keep_alive, bool head, bool hsts);

}  // namespace fd::http
