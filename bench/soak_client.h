// The soak's HTTP client (issue 11 point 5): one keep-alive connection over loopback per virtual
// user, with the session cookie and CSRF token a browser or an API caller would keep. Unlike the
// tests' client (one connection per request) it holds its connection open, since a ten-minute run
// opening one connection per request would fill the loopback's ephemeral ports with TIME_WAIT
// sockets and fail on the client's side, not the server's.
//
// Thread safety: one client per thread.
#pragma once

#include <boost/asio/io_context.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>

#include <chrono>
#include <cstdint>
#include <map>
#include <string>

#include <nlohmann/json.hpp>

namespace fd::bench {

struct SoakReply {
  int status = 0;           // 0: no answer (connection refused, reset, timed out); `body` says why
  std::string body;
  std::string location;
  double milliseconds = 0;  // from sending the request to the whole answer read
  nlohmann::json Json() const;  // the body as JSON, or null when it is not JSON
};

class SoakClient {
 public:
  explicit SoakClient(std::uint16_t port) : port_(port), stream_(ioc_) {}

  // Sends one request; never retries, since a POST sent twice would record a contact twice.
  SoakReply Send(const std::string& method, const std::string& target, const std::string& body = "",
                 const std::string& content_type = "");
  SoakReply Get(const std::string& target) { return Send("GET", target); }
  SoakReply SendJson(const std::string& method, const std::string& target, const nlohmann::json& body) {
    return Send(method, target, body.dump(), "application/json");
  }
  // POST /api/v1/session; keeps the cookie and the CSRF token on 201.
  SoakReply SignIn(const std::string& username, const std::string& password);
  // DELETE /api/v1/session; forgets the cookie and token whatever the answer.
  SoakReply SignOut();
  // Sends `Authorization: Bearer TOKEN` with every request from now on (an API token, as a
  // Prometheus server scrapes /metrics).
  void UseBearer(std::string token) { bearer_ = std::move(token); }

 private:
  void Connect();
  void Close();

  std::uint16_t port_;
  boost::asio::io_context ioc_;
  boost::beast::tcp_stream stream_;
  boost::beast::flat_buffer buffer_;
  bool connected_ = false;
  std::chrono::steady_clock::time_point last_used_{};
  std::map<std::string, std::string> cookies_;  // fd_session, and any other the server sets
  std::string csrf_;
  std::string bearer_;
};

}  // namespace fd::bench
