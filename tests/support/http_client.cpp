#include "support/http_client.h"

#include <boost/asio/connect.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

namespace fd::testing {

namespace beast = boost::beast;
namespace http = beast::http;
using tcp = boost::asio::ip::tcp;

HttpReply HttpClient::Send(const std::string& method, const std::string& target, const std::string& body,
                           const std::map<std::string, std::string>& headers) {
  boost::asio::io_context ioc;
  tcp::resolver resolver(ioc);
  beast::tcp_stream stream(ioc);
  stream.connect(resolver.resolve(host_, std::to_string(port_)));
  stream.expires_after(std::chrono::seconds(30));

  http::request<http::string_body> req{http::string_to_verb(method), target, 11};
  req.set(http::field::host, host_);
  if (!cookies.empty()) {
    std::string cookie;
    for (const auto& [k, v] : cookies) cookie += (cookie.empty() ? "" : "; ") + k + "=" + v;
    req.set(http::field::cookie, cookie);
  }
  for (const auto& [k, v] : headers) req.set(k, v);
  req.body() = body;
  req.prepare_payload();
  http::write(stream, req);

  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  http::read(stream, buffer, parser);
  const auto& res = parser.get();
  HttpReply reply;
  reply.status = static_cast<int>(res.result_int());
  for (const auto& field : res) {
    std::string name(field.name_string());
    for (auto& c : name) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    if (name == "set-cookie") {
      std::string value(field.value());
      reply.set_cookies.push_back(value);
      const auto eq = value.find('='), semi = value.find(';');
      const std::string cname = value.substr(0, eq);
      const std::string cvalue = value.substr(eq + 1, semi == std::string::npos ? std::string::npos : semi - eq - 1);
      if (cvalue.empty()) cookies.erase(cname);
      else cookies[cname] = cvalue;
    }
    reply.headers[name] = std::string(field.value());
  }
  reply.body = res.body();
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  return reply;
}

HttpReply HttpClient::SendJson(const std::string& method, const std::string& target, const nlohmann::json& body) {
  std::map<std::string, std::string> headers{{"Content-Type", "application/json"}};
  if (!csrf_token.empty()) headers["X-CSRF-Token"] = csrf_token;
  return Send(method, target, body.dump(), headers);
}

HttpReply HttpClient::SignIn(const std::string& username, const std::string& password) {
  auto reply = SendJson("POST", "/api/v1/session", {{"username", username}, {"password", password}});
  if (reply.status == 201) csrf_token = reply.Json().at("csrf_token").get<std::string>();
  return reply;
}

}  // namespace fd::testing
