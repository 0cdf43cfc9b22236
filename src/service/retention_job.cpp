#include "service/retention_job.h"

#include <spdlog/spdlog.h>

#include "app/performance.h"
#include "app/retention.h"

namespace fd::service {

RetentionJob::RetentionJob(app::AppContext& ctx, RetentionJobOptions options) : ctx_(ctx), options_(options) {}

RetentionJob::~RetentionJob() { Stop(); }

void RetentionJob::Start() {
  std::lock_guard lock(mutex_);
  if (thread_.joinable()) return;
  stopping_ = false;
  thread_ = std::thread([this] { Loop(); });
}

void RetentionJob::Stop() {
  {
    std::lock_guard lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void RetentionJob::Loop() {
  auto wait = std::chrono::duration_cast<std::chrono::steady_clock::duration>(options_.first_run);
  for (;;) {
    {
      std::unique_lock lock(mutex_);
      if (wake_.wait_for(lock, wait, [this] { return stopping_; })) return;
    }
    wait = std::chrono::duration_cast<std::chrono::steady_clock::duration>(options_.interval);
    try {
      auto report = app::RunRetention(ctx_, /*dry_run=*/false);
      if (!report) {
        spdlog::error("retention run failed: {}", report.error().message);
        continue;
      }
      spdlog::info("retention run {}: {} records purged, {} audit payloads erased, {} kept", report->today,
                   report->items.size(), report->audit_payloads_erased, report->audit_payloads_kept);
    } catch (const std::exception& fault) {
      // A store fault: each record is purged in its own transaction, so nothing is half-done; the
      // next run picks up what is still due.
      spdlog::error("retention run stopped by a fault: {}", fault.what());
    }
    // After the purge (which may have forgotten kept months): the dashboard's last twelve months,
    // counted now so that no manager waits for them in the morning.
    try {
      const auto started = std::chrono::steady_clock::now();
      const int views = app::KeepRecentDashboardMonths(ctx_);
      spdlog::info("dashboard months kept: the last twelve complete months for {} team views took_ms={}", views,
                   std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started)
                       .count());
    } catch (const std::exception& fault) {
      spdlog::error("dashboard months not kept: {}", fault.what());
    }
  }
}

}  // namespace fd::service
