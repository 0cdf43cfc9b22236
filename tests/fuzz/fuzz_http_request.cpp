// What the server does with a connection's raw bytes, in-process and without a socket: Beast's
// request_parser with the server's own header and body limits (ServerOptions' defaults), request
// after request as on a kept-alive connection; the refusal for bytes that are not HTTP/1.1; then the
// server's own steps (http/beast_message.h): the request id, the target's decoding and checks, the
// query string and headers; routing over patterns shaped like the real ones, with a guard reading
// the cookie and CSRF token as the session guard does; and the response as Beast would write it.
//
// Findings: a fault, a 5xx, a routed path that escaped the target checks, a response Beast cannot
// serialise.
#include <boost/beast/core/buffers_prefix.hpp>
#include <boost/beast/http.hpp>

#include <sstream>

#include "fuzz_check.h"
#include "http/beast_message.h"
#include "http/problem.h"
#include "http/router.h"
#include "http/server.h"

namespace {

namespace bhttp = boost::beast::http;
using fd::fuzz::Check;
using fd::http::Request;
using fd::http::Response;

// Answers with what it read, so every accessor the handlers use is exercised.
Response Echo(Request& request) {
  std::string out = request.method + " " + request.path + "\n";
  for (const auto& [name, value] : request.params) out += name + "=" + value + "\n";
  out += "q=" + request.QueryParam("q") + " page=" + request.QueryParam("page") + "\n";
  out += "type=" + std::string(request.Header("content-type")) + "\n";
  if (request.Header("content-type").starts_with("application/x-www-form-urlencoded")) {
    const auto form = fd::http::ParseUrlEncoded(request.body);
    if (!form) return fd::http::Problem(400, "Bad request", "The form is not correctly encoded");
    for (const auto& [name, value] : *form) out += name + ":" + value + "\n";
  }
  return Response::Text(200, out);
}

const fd::http::Router& TheRouter() {
  static const fd::http::Router router = [] {
    fd::http::Router r;
    using fd::http::Access;
    r.Add("GET", "/healthz", Access::kPublic, Echo);
    r.Add("GET", "/static/{*}", Access::kPublic, Echo);
    r.Add("POST", "/sign-in", Access::kPublic, Echo);
    r.Add("GET", "/api/v1/contacts", Access::kSignedIn, Echo);
    r.Add("POST", "/api/v1/contacts", Access::kSignedIn, Echo);
    r.Add("GET", "/api/v1/contacts/{id}", Access::kSignedIn, Echo);
    r.Add("POST", "/api/v1/contacts/{id}/screening", Access::kSignedIn, Echo);
    r.Add("PATCH", "/api/v1/people/{id}/addresses/{address_id}", Access::kSignedIn, Echo);
    r.Add("DELETE", "/api/v1/session", Access::kSignedIn, Echo);
    r.Add("GET", "/contacts/{id}", Access::kSignedIn, Echo);
    r.Add("POST", "/contacts/{id}/decision", Access::kSignedIn, Echo);
    // As the session guard: the cookie, then the CSRF token from the header or the form.
    r.SetGuard([](Request& request, const fd::http::Route&) -> std::optional<Response> {
      const auto session = request.Cookie("fd_session");
      if (!session || session->empty()) return fd::http::Problem(401, "Sign in", "Sign in first");
      if (request.method == "GET") return std::nullopt;
      std::string token(request.Header("x-csrf-token"));
      if (token.empty() && request.Header("content-type").starts_with("application/x-www-form-urlencoded")) {
        if (auto form = fd::http::ParseUrlEncoded(request.body); form && form->count("csrf_token"))
          token = form->find("csrf_token")->second;
      }
      if (token != "t0ken") return fd::http::Problem(403, "Forbidden", "The form has expired");
      return std::nullopt;
    });
    return r;
  }();
  return router;
}

// One parsed request through the server's steps; the response as the server would send it.
void Serve(const fd::http::BeastRequest& in, bool trust_proxy) {
  Request request;
  request.request_id = fd::http::RequestIdFor(in);
  Check(!request.request_id.empty(), "no request id");
  Response response;
  if (auto refusal = fd::http::BuildRequest(in, "127.0.0.1", trust_proxy, request)) {
    response = std::move(*refusal);
  } else {
    Check(!request.path.empty() && request.path.front() == '/', "a routed path does not start with /");
    Check(request.path.find("..") == std::string::npos, "a routed path climbs out with ..");
    Check(request.path.find('\0') == std::string::npos, "a routed path holds a NUL");
    response = TheRouter().Dispatch(request);
  }
  Check(response.status >= 200 && response.status < 500, "answered " + std::to_string(response.status));
  response.Header("X-Request-Id", request.request_id);
  auto out = fd::http::ToBeast(std::move(response), in.version(), in.keep_alive(), in.method() == bhttp::verb::head,
                               request.secure);
  std::ostringstream written;
  written << out;  // Beast's serialiser: throws if the message cannot be written
  Check(written.str().starts_with("HTTP/1."), "the response does not start with a status line");
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const fd::http::ServerOptions limits;  // the server's defaults: header 16 KiB, body 1 MiB
  if (size == 0) return 0;
  // The first byte chooses whether a proxy is trusted (X-Forwarded-For/-Proto believed).
  const bool trust_proxy = data[0] & 1;
  std::string_view rest = fd::fuzz::Text(data + 1, size - 1);
  // Request after request, as on one kept-alive connection, until the bytes run out or one fails.
  while (!rest.empty()) {
    bhttp::request_parser<bhttp::string_body> parser;
    parser.header_limit(static_cast<std::uint32_t>(limits.header_limit));
    parser.body_limit(limits.body_limit);
    parser.eager(true);
    boost::beast::error_code ec;
    std::size_t used = 0;
    while (!parser.is_done()) {
      const std::size_t n = parser.put(boost::asio::buffer(rest.data() + used, rest.size() - used), ec);
      used += n;
      if (ec == bhttp::error::need_more) ec = {};
      if (ec || n == 0 || used == rest.size()) break;
    }
    if (!ec && !parser.is_done()) {
      // The connection ends here: what was sent is a partial message.
      parser.put_eof(ec);
      if (!ec) ec = bhttp::error::partial_message;
    }
    if (ec) {
      if (auto refusal = fd::http::RefusalForReadError(ec)) {
        Check(refusal->status == 400 || refusal->status == 413 || refusal->status == 431,
              "a read error answered " + std::to_string(refusal->status));
        std::ostringstream written;
        written << fd::http::ToBeast(std::move(*refusal), 11, false, false, false);
      }
      return 0;
    }
    Check(used <= rest.size(), "the parser used more bytes than it had");
    rest.remove_prefix(used);
    Serve(parser.get(), trust_proxy);
    if (!parser.get().keep_alive()) return 0;
  }
  return 0;
}
