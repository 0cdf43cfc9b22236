// The composition root: wires the use cases (app), the JSON API, the pages and the HTTP server into
// one running service. `frontdoor serve` and the API tests both use it, so tests exercise exactly
// the production wiring.
#pragma once

#include <cstdint>
#include <memory>
#include <string>

#include "app/context.h"
#include "http/router.h"
#include "http/server.h"

namespace fd::service {

struct ServiceOptions {
  http::ServerOptions server;
  std::string templates_dir = "templates";
  std::string static_dir = "build/static";
  bool secure_cookies = false;
};

class Service {
 public:
  // Registers every route; throws std::runtime_error when templates or static files are missing.
  Service(app::AppContext& ctx, ServiceOptions options);
  ~Service();

  void Start();  // binds; throws std::system_error when the address is taken
  std::uint16_t port() const;
  void Stop();   // graceful: finishes requests in flight
  void Wait();
  const http::Router& router() const { return router_; }

 private:
  http::Router router_;
  std::unique_ptr<http::Server> server_;
};

// Answers a store fault (disk full, database gone) with 503 and a message saying nothing was saved.
std::optional<http::Response> MapFault(const std::exception& fault);

}  // namespace fd::service
