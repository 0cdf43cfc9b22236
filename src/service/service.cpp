#include "service/service.h"

#include "api/routes.h"
#include "http/problem.h"
#include "store/store.h"
#include "web/error_pages.h"
#include "web/pages.h"

namespace fd::service {

std::optional<http::Response> MapFault(const std::exception& fault) {
  if (dynamic_cast<const store::StoreFault*>(&fault))
    return http::Problem(503, "Service unavailable",
                         "The database could not complete this just now and nothing was saved. Try again shortly.");
  return std::nullopt;
}

Service::Service(app::AppContext& ctx, ServiceOptions options) {
  router_.SetGuard(api::MakeSessionGuard(ctx));
  router_.SetNotFound([](http::Request& r) { return web::NotFoundPage(r); });
  api::RegisterApi(router_, ctx, {options.secure_cookies});
  web::RegisterPages(router_, ctx, {options.templates_dir, options.static_dir, options.secure_cookies});
  options.server.fault_mapper = MapFault;
  server_ = std::make_unique<http::Server>(options.server, router_);
}

Service::~Service() = default;

void Service::Start() { server_->Start(); }
std::uint16_t Service::port() const { return server_->port(); }
void Service::Stop() { server_->Stop(); }
void Service::Wait() { server_->Wait(); }

}  // namespace fd::service
