// The server's daily retention run (issue 8 point 5): a thread that runs app::RunRetention a short
// while after start and then every `interval`, logging what it purged; then it keeps the
// dashboard's last twelve complete months (app::KeepRecentDashboardMonths, issue 9). Several nodes may each run
// it: a record another node purged first is skipped (app/retention.h), so nothing is purged twice.
#pragma once

#include <chrono>
#include <condition_variable>
#include <mutex>
#include <thread>

#include "app/context.h"

namespace fd::service {

struct RetentionJobOptions {
  std::chrono::seconds first_run{300};  // after start: not while the node is warming up
  std::chrono::seconds interval{std::chrono::hours{24}};
};

class RetentionJob {
 public:
  RetentionJob(app::AppContext& ctx, RetentionJobOptions options);
  ~RetentionJob();  // Stop()
  RetentionJob(const RetentionJob&) = delete;
  RetentionJob& operator=(const RetentionJob&) = delete;

  void Start();
  void Stop();  // a run under way finishes its current record first

 private:
  void Loop();

  app::AppContext& ctx_;
  RetentionJobOptions options_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace fd::service
