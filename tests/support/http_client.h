// A small real HTTP/1.1 client for tests: one connection per request over loopback, with a cookie
// jar for the session cookie. Built on Boost.Beast.
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

namespace fd::testing {

struct HttpReply {
  int status = 0;
  std::map<std::string, std::string> headers;  // lower-cased names; last value wins
  std::vector<std::string> set_cookies;
  std::string body;

  std::string Header(const std::string& name) const {
    auto it = headers.find(name);
    return it == headers.end() ? std::string() : it->second;
  }
  nlohmann::json Json() const { return nlohmann::json::parse(body); }
};

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port, std::string host = "127.0.0.1") : port_(port), host_(std::move(host)) {}

  HttpReply Send(const std::string& method, const std::string& target, const std::string& body = "",
                 const std::map<std::string, std::string>& headers = {});
  HttpReply Get(const std::string& target) { return Send("GET", target); }
  // JSON body; sends the CSRF header when one is known.
  HttpReply SendJson(const std::string& method, const std::string& target, const nlohmann::json& body);
  // POST /api/v1/session; keeps the cookie and CSRF token for later calls.
  HttpReply SignIn(const std::string& username, const std::string& password);

  std::string csrf_token;
  std::map<std::string, std::string> cookies;

 private:
  std::uint16_t port_;
  std::string host_;
};

}  // namespace fd::testing
