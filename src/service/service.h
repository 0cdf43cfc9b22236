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

namespace fd::metrics {
class RequestMetrics;
}
namespace fd::notify {
class OutboxWorker;
}
namespace fd::app {
class PersonDirectory;
}

namespace fd::service {

class RetentionJob;

struct ServiceOptions {
  http::ServerOptions server;
  std::string templates_dir = "templates";
  std::string static_dir = "build/static";
  bool secure_cookies = false;
  // The e-mail outbox: when smtp_url is set, a worker thread delivers queued e-mails through it.
  std::string smtp_url;   // "smtp://127.0.0.1:2525"; empty: e-mails stay queued
  std::string smtp_from;  // "a@b" or "Name <a@b>"; empty: "frontdoor@localhost"
  // The daily retention run (service/retention_job.h); off unless set (`frontdoor serve` sets it
  // from the configuration's `retention_daily`, on by default).
  bool retention_daily = false;
};

class Service {
 public:
  // Registers every route; throws std::runtime_error when templates or static files are missing,
  // or the SMTP settings are invalid. When ctx.people is null, loads the people register's match
  // index from the store (logging how many people and how long) and sets ctx.people to it until
  // the service is destroyed; throws store::StoreFault when the store cannot be read.
  Service(app::AppContext& ctx, ServiceOptions options);
  ~Service();

  void Start();  // binds, then starts the outbox worker; throws std::system_error when the address is taken
  std::uint16_t port() const;
  void Stop();   // graceful: finishes requests in flight, then the e-mail being sent
  void Wait();
  const http::Router& router() const { return router_; }

 private:
  http::Router router_;
  // Made once every route is registered (its series follow the router's table); before the server.
  std::unique_ptr<metrics::RequestMetrics> request_metrics_;
  std::unique_ptr<http::Server> server_;
  std::unique_ptr<notify::OutboxWorker> outbox_;  // null when no SMTP URL is configured
  std::unique_ptr<RetentionJob> retention_;       // null unless retention_daily
  app::AppContext* ctx_ = nullptr;
  std::unique_ptr<app::PersonDirectory> people_;  // null when the caller supplied ctx.people
};

// Answers a store fault (disk full, database gone) with 503 and a message saying nothing was saved:
// a page with what was typed for a person's browser, problem+json for the API.
std::optional<http::Response> MapFault(const http::Request& request, const std::exception& fault);
// Logs a fault that is no error (ConnectionWaitExceeded: a warning with the wait) and says it did.
bool LogFault(std::string_view method, std::string_view path, const std::exception& fault);

}  // namespace fd::service
