#include "service/service.h"

#include <chrono>

#include "api/metrics_routes.h"
#include "api/routes.h"
#include "app/deadlines_past_bank_holidays.h"
#include "app/email_delivery.h"
#include "app/person_directory.h"
#include "app/status_links.h"
#include "http/problem.h"
#include "http/unavailable_page.h"
#include "logging/log.h"
#include "metrics/heap_memory.h"
#include "metrics/request_metrics.h"
#include "notify/outbox_worker.h"
#include "notify/smtp_sender.h"
#include "service/retention_job.h"
#include "store/store.h"
#include "web/error_pages.h"
#include "web/pages.h"

namespace fd::service {

std::optional<http::Response> MapFault(const http::Request& request, const std::exception& fault) {
  if (!dynamic_cast<const store::StoreFault*>(&fault)) return std::nullopt;
  // A person who sent a form (a parent's concern on the public portal above all) gets a page with
  // what they typed, not JSON their browser shows as text (KCR-18: nothing given is lost).
  constexpr std::chrono::seconds kTryAgainIn{30};
  if (http::WantsPage(request.target, request.Header("accept")))
    return http::UnavailablePage(
        "Sorry, the service is unavailable",
        request.Header("content-type").starts_with("application/x-www-form-urlencoded") ? request.body : "",
        kTryAgainIn);
  auto problem = http::Problem(503, "Service unavailable",
                               "The database could not complete this just now and nothing was saved. Try again shortly.");
  problem.Header("Retry-After", std::to_string(kTryAgainIn.count()));
  return problem;
}

bool LogFault(std::string_view method, std::string_view path, const std::exception& fault) {
  const auto* waited = dynamic_cast<const store::ConnectionWaitExceeded*>(&fault);
  if (!waited) return false;
  // A warning, not an error: nothing failed, the node had more work than connections for a while.
  logging::Warn("no database connection within the wait",
                {{"method", std::string(method)},
                 {"path", std::string(path)},
                 {"waited_ms", waited->waited().count()}});
  return true;
}

Service::Service(app::AppContext& ctx, ServiceOptions options) : ctx_(&ctx) {
  if (!ctx.people) {
    // Before any route exists, so no search runs against a half-loaded index.
    people_ = std::make_unique<app::PersonDirectory>();
    const app::DirectoryLoad load = people_->Load(ctx.store);
    logging::Info("people register loaded",
                  {{"people", load.people},
                   {"took_ms", load.took.count()},
                   {"index_bytes", load.index.approx_bytes},
                   {"bytes_per_person", load.people ? load.index.approx_bytes / load.people : 0},
                   {"malformed_fields_left_out", load.fields_dropped},
                   {"current_to_change", load.last_seq}});
  }
  // RULE CAL-2 RULE CAL-3: before any page shows an open deadline of before migration 0033 as
  // certain when its working days ran past the bank-holiday list loaded now.
  const auto marking = std::chrono::steady_clock::now();
  const app::PastBankHolidaysMarked marked = app::MarkOlderDeadlinesPastBankHolidays(ctx);
  logging::Info("open deadlines counted past the bank-holiday list marked for checking",
                {{"marked", marked.marked},
                 {"timescale_unknown", marked.timescale_unknown},
                 {"took_ms", std::chrono::duration_cast<std::chrono::milliseconds>(
                                 std::chrono::steady_clock::now() - marking).count()}});
  router_.SetNotFound([](http::Request& r) { return web::NotFoundPage(r); });
  api::RegisterApi(router_, ctx, {options.secure_cookies});
  auto session_ended =
      web::RegisterPages(router_, ctx, {options.templates_dir, options.static_dir, options.secure_cookies});
  router_.SetGuard(api::MakeSessionGuard(
      ctx, [](const std::string& message) { return web::MessagePage(403, "You cannot do this", message); },
      std::move(session_ended)));
  const double started_at =
      std::chrono::duration<double>(std::chrono::system_clock::now().time_since_epoch()).count();
  api::RegisterMetrics(router_, ctx, [this, started_at](metrics::Exposition& out) {
    request_metrics_->Write(out);
    out.Metric("frontdoor_process_start_time_seconds", "gauge", "When this frontdoor process started (Unix time).");
    out.Sample("frontdoor_process_start_time_seconds", {}, started_at);
    out.Metric("frontdoor_heap_in_use_bytes", "gauge",
               "Heap memory this process holds now, as its allocator counts it (tcmalloc's bytes allocated in the server, "
               "glibc malloc's bytes in use elsewhere).");
    out.Sample("frontdoor_heap_in_use_bytes", {}, metrics::HeapInUseBytes());
  });
  std::vector<metrics::RouteLabel> labels;
  for (const auto& route : router_.routes()) labels.push_back({route.method, route.pattern});
  request_metrics_ = std::make_unique<metrics::RequestMetrics>(std::move(labels));
  options.server.request_metrics = request_metrics_.get();
  options.server.fault_mapper = MapFault;
  options.server.fault_logger = LogFault;
  // A force's daily batch: 10,000 notifications are about 4 MiB; 32 MiB leaves room for long summaries.
  options.server.body_limit_by_path.try_emplace("/api/v1/police-notifications/batches", 32 * 1024 * 1024);
  options.server.body_limit_by_path.try_emplace("/police-notifications/upload", 32 * 1024 * 1024);
  if (options.secure_cookies) options.server.hsts = true;  // behind TLS: tell browsers never to use plain HTTP
  server_ = std::make_unique<http::Server>(options.server, router_);
  if (!options.smtp_url.empty()) {
    notify::SmtpOptions smtp{.url = options.smtp_url};
    if (!options.smtp_from.empty()) smtp.from = options.smtp_from;
    auto sender = notify::SmtpSender::Create(std::move(smtp));
    if (!sender) throw std::runtime_error(sender.error().message);
    const app::Clock& clock = ctx.clock;
    notify::OutboxWorkerOptions outbox;
    // A status link's secret is in the e-mail until it is sent, then in the referrer's mailbox only.
    outbox.kept_after_sending = [](std::string_view body) { return app::WithoutStatusSecrets(body); };
    // HCR-22: an automatic acknowledgement is made when the mail server takes it.
    outbox.on_sent = [](store::Transaction& tx, const notify::OutboxRow& row, Instant sent_at) {
      app::RecordEmailSent(tx, row, sent_at);
    };
    outbox_ = std::make_unique<notify::OutboxWorker>(ctx.store, std::move(*sender), [&clock] { return clock.Now(); },
                                                     std::move(outbox));
  }
  if (options.retention_daily) retention_ = std::make_unique<RetentionJob>(ctx, RetentionJobOptions{});
  // Last, so a constructor that throws leaves no pointer to the directory it owned.
  if (people_) ctx.people = people_.get();
}

Service::~Service() {
  if (people_ && ctx_->people == people_.get()) ctx_->people = nullptr;
}

void Service::Start() {
  server_->Start();
  if (outbox_) outbox_->Start();
  if (retention_) retention_->Start();
}
std::uint16_t Service::port() const { return server_->port(); }
void Service::Stop() {
  server_->Stop();
  if (outbox_) outbox_->Stop();
  if (retention_) retention_->Stop();
}
void Service::Wait() { server_->Wait(); }

}  // namespace fd::service
