// The HTTP/1.1 server: Boost.Beast over Asio, an I/O thread per core and a separate pool for
// handlers (which block on the database's fsync), keep-alive, limits and time-outs on every read,
// and a graceful stop that finishes requests in flight.
#pragma once

#include <chrono>
#include <cstdint>
#include <exception>
#include <functional>
#include <memory>
#include <optional>
#include <map>
#include <string>

#include "http/router.h"

namespace fd::metrics {
class RequestMetrics;
}

namespace fd::http {

struct ServerOptions {
  std::string address = "127.0.0.1";
  std::uint16_t port = 8080;  // 0: any free port (tests); see Server::port()
  int io_threads = 0;         // 0: one per core
  int handler_threads = 0;    // 0: eight per core (handlers mostly wait on the disk)
  // Overload: a connection beyond max_connections is answered 503 and closed at once; a request that
  // would wait behind more than max_queued_requests others for a handler thread is answered 503 at
  // once rather than queued. Both answers carry Retry-After, so clients and proxies back off, and
  // memory stays bounded however many arrive (docs/operations.md "Overload").
  std::size_t max_connections = 10'000;
  std::size_t max_queued_requests = 256;
  std::chrono::seconds retry_after{1};
  std::size_t header_limit = 16 * 1024;
  std::size_t body_limit = 1024 * 1024;
  // Larger limits for named paths (exact, without the query), for the few routes that take a file:
  // a police force's daily batch of notifications (docs/api.md "Police notifications").
  std::map<std::string, std::size_t, std::less<>> body_limit_by_path;
  std::chrono::milliseconds header_timeout{10'000};  // whole header must arrive within this
  std::chrono::milliseconds body_timeout{30'000};    // whole body must arrive within this
  std::chrono::milliseconds idle_timeout{60'000};    // keep-alive connection with no request
  std::chrono::milliseconds write_timeout{30'000};
  std::chrono::milliseconds stop_grace{20'000};      // how long a graceful stop waits for requests in flight
  bool trust_proxy = false;  // believe X-Forwarded-Proto / X-Forwarded-For from the peer
  // Send Strict-Transport-Security on every response (the service is behind TLS: secure_cookies).
  // It is also sent on any request that came over TLS (Request::secure).
  bool hsts = false;
  // Turns a fault thrown by a handler into a response (the service maps store faults to 503: a page
  // for a person, problem+json for the API). Anything it does not map is answered 500. Either way the
  // fault is logged: as an error, unless `fault_logger` logs it its own way.
  std::function<std::optional<Response>(const Request&, const std::exception&)> fault_mapper;
  // Logs a fault that is not an error (the service: no database connection free within the wait, a
  // warning) and says it did; false leaves the server's "request failed" error line. `path` is as it
  // may be logged (Router::LoggablePath: no status link's secret).
  std::function<bool(std::string_view method, std::string_view path, const std::exception&)> fault_logger;
  // Where each request is counted and timed (by route pattern: see metrics/request_metrics.h);
  // null: not counted. Its route table must be the router's. Not owned; outlives the server.
  metrics::RequestMetrics* request_metrics = nullptr;
};

class Server {
 public:
  Server(ServerOptions options, const Router& router);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  // Binds and listens; throws std::system_error when the address cannot be bound.
  void Start();
  // The bound port (useful with port 0). REQUIRES: Start() returned.
  std::uint16_t port() const;
  // Blocks until Stop() has completed.
  void Wait();
  // Stops accepting, lets requests in flight finish (up to stop_grace), closes idle connections,
  // then returns. Safe to call from any thread, more than once, and from a signal-watching thread.
  void Stop();

 private:
  struct Impl;
  std::unique_ptr<Impl> impl_;
};

}  // namespace fd::http
