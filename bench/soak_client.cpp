#include "soak_client.h"

#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/http.hpp>

namespace fd::bench {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;
using Clock = std::chrono::steady_clock;

namespace {

// The server closes a keep-alive connection idle for 60 s (http::ServerOptions::idle_timeout); a
// request sent just as it does would be lost without an answer, so an idle connection is replaced
// well before then.
constexpr auto kReconnectAfterIdle = std::chrono::seconds(20);
// Generous: on a loaded two-core machine a dashboard page may take seconds; a request that takes
// longer than this counts as an error (status 0).
constexpr auto kRequestTimeout = std::chrono::seconds(60);

}  // namespace

nlohmann::json SoakReply::Json() const {
  return nlohmann::json::parse(body, nullptr, /*allow_exceptions=*/false);
}

void SoakClient::Connect() {
  stream_.expires_after(kRequestTimeout);
  stream_.connect(tcp::endpoint(boost::asio::ip::make_address("127.0.0.1"), port_));
  stream_.socket().set_option(tcp::no_delay(true));
  buffer_.clear();
  connected_ = true;
}

void SoakClient::Close() {
  beast::error_code ec;
  stream_.socket().shutdown(tcp::socket::shutdown_both, ec);
  stream_.socket().close(ec);
  connected_ = false;
}

SoakReply SoakClient::Send(const std::string& method, const std::string& target, const std::string& body,
                           const std::string& content_type) {
  SoakReply reply;
  const auto start = Clock::now();
  try {
    if (connected_ && start - last_used_ > kReconnectAfterIdle) Close();
    if (!connected_) Connect();
    http::request<http::string_body> req{http::string_to_verb(method), target, 11};
    req.set(http::field::host, "127.0.0.1");
    req.keep_alive(true);
    std::string cookie;
    for (const auto& [name, value] : cookies_) {
      if (!cookie.empty()) cookie += "; ";
      cookie += name;
      cookie += '=';
      cookie += value;
    }
    if (!cookie.empty()) req.set(http::field::cookie, cookie);
    if (!csrf_.empty() && method != "GET") req.set("X-CSRF-Token", csrf_);
    if (!bearer_.empty()) req.set(http::field::authorization, "Bearer " + bearer_);
    if (!content_type.empty()) req.set(http::field::content_type, content_type);
    req.body() = body;
    req.prepare_payload();
    stream_.expires_after(kRequestTimeout);
    http::write(stream_, req);

    http::response_parser<http::string_body> parser;
    parser.body_limit(64 * 1024 * 1024);
    http::read(stream_, buffer_, parser);
    auto& res = parser.get();
    reply.status = static_cast<int>(res.result_int());
    for (const auto& field : res) {
      if (field.name() == http::field::location) reply.location = std::string(field.value());
      if (field.name() != http::field::set_cookie) continue;
      const std::string value(field.value());
      const auto eq = value.find('=');
      const auto semi = value.find(';');
      if (eq == std::string::npos) continue;
      const std::string name = value.substr(0, eq);
      const std::string v = value.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
      if (v.empty()) cookies_.erase(name);
      else cookies_[name] = v;
    }
    reply.body = std::move(res.body());
    if (!res.keep_alive()) Close();
  } catch (const std::exception& e) {
    // No answer: the connection is of no further use (its state is unknown), the next request opens another.
    reply.status = 0;
    reply.body = e.what();
    Close();
  }
  last_used_ = Clock::now();
  reply.milliseconds = std::chrono::duration<double, std::milli>(last_used_ - start).count();
  return reply;
}

SoakReply SoakClient::SignIn(const std::string& username, const std::string& password) {
  auto reply = SendJson("POST", "/api/v1/session", {{"username", username}, {"password", password}});
  if (reply.status == 201) csrf_ = reply.Json().value("csrf_token", std::string());
  return reply;
}

SoakReply SoakClient::SignOut() {
  auto reply = Send("DELETE", "/api/v1/session");
  cookies_.clear();
  csrf_.clear();
  return reply;
}

}  // namespace fd::bench
