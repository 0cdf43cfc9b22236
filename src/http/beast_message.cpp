#include "http/beast_message.h"

#include <cctype>

#include <boost/asio/error.hpp>
#include <boost/beast/core/error.hpp>

#include "http/problem.h"
#include "logging/request_context.h"

namespace fd::http {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace bhttp = beast::http;

namespace {

// Boost 1.74's string_view is not std::string_view.
std::string Str(beast::string_view s) { return std::string(s.data(), s.size()); }

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// ASVS V14.4: on every response, pages, API answers, errors and static files alike.
void AddDefaultHeaders(Response& r, bool hsts) {
  auto add = [&](const char* name, const char* value) {
    if (!r.HasHeader(name)) r.Header(name, value);
  };
  add("X-Content-Type-Options", "nosniff");
  add("X-Frame-Options", "DENY");
  add("Referrer-Policy", "no-referrer");
  add("Content-Security-Policy",
      "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; object-src 'none'; "
      "base-uri 'none'; frame-ancestors 'none'; form-action 'self'");
  add("Cache-Control", "no-store");
  // A year, sub-domains included: once a browser has seen the service over TLS it never falls back.
  if (hsts) add("Strict-Transport-Security", "max-age=31536000; includeSubDomains");
}

}  // namespace

std::optional<Response> RefusalForReadError(const boost::system::error_code& ec) {
  if (ec == bhttp::error::body_limit)
    return Problem(413, "Too large", "The request body is larger than this service accepts");
  if (ec == bhttp::error::header_limit)
    return Problem(431, "Headers too large", "The request headers are larger than this service accepts");
  if (ec != bhttp::error::end_of_stream && ec != beast::error::timeout && ec != asio::error::operation_aborted &&
      ec != asio::error::eof && ec != asio::error::connection_reset && ec != bhttp::error::partial_message)
    return Problem(400, "Bad request", "The request could not be read as HTTP/1.1");
  return std::nullopt;
}

std::string RequestIdFor(const BeastRequest& in) {
  const auto found = in.find("x-request-id");
  if (found != in.end()) {
    const std::string incoming = Str(found->value());
    if (logging::IsSaneRequestId(incoming)) return incoming;
  }
  return logging::NewRequestId();
}

std::optional<Response> BuildRequest(const BeastRequest& in, const std::string& peer, bool trust_proxy, Request& out) {
  out.method = Str(in.method_string());
  out.target = Str(in.target());
  if (out.target.empty() || out.target[0] != '/') return Problem(400, "Bad request", "The address must start with /");
  const auto q = out.target.find('?');
  auto path = PercentDecode(std::string_view(out.target).substr(0, q), false);
  if (!path || path->find("..") != std::string::npos || path->find('\0') != std::string::npos)
    return Problem(400, "Bad request", "The address is not allowed");
  out.path = std::move(*path);
  if (q != std::string::npos) {
    auto query = ParseUrlEncoded(std::string_view(out.target).substr(q + 1));
    if (!query) return Problem(400, "Bad request", "The query string is not correctly encoded");
    out.query = std::move(*query);
  }
  for (const auto& field : in) out.headers.emplace_back(Lower(Str(field.name_string())), Str(field.value()));
  out.body = in.body();
  out.remote_address = peer;
  if (trust_proxy) {
    if (auto xff = out.Header("x-forwarded-for"); !xff.empty()) {
      auto first = xff.substr(0, xff.find(','));
      while (!first.empty() && first.front() == ' ') first.remove_prefix(1);
      out.remote_address = std::string(first);
    }
    out.secure = out.Header("x-forwarded-proto") == "https";
  }
  return std::nullopt;
}

BeastResponse ToBeast(Response r, unsigned version, bool keep_alive, bool head, bool hsts) {
  AddDefaultHeaders(r, hsts);
  BeastResponse out{static_cast<bhttp::status>(r.status), version};
  out.set(bhttp::field::server, "frontdoor");
  out.set(bhttp::field::content_type, r.content_type);
  for (auto& [name, value] : r.headers) out.insert(name, value);
  out.keep_alive(keep_alive);
  out.content_length(r.body.size());
  if (!head) out.body() = std::move(r.body);
  return out;
}

}  // namespace fd::http
