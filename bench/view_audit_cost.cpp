// What a read's audit costs on its own (docs/benchmarks.md "Throughput", issue 11 point 1): every GET of
// a child's record appends a `contact.viewed` event to the audit log, durable before the record is
// shown (app/read_audit.h). This program writes only those events, through frontdoor's own store and
// audit log, in batches of --batch views a write transaction with the server's group commit, from one
// thread: no HTTP, no session check, no record read, no thread hand-over. The CPU it spends a view is
// therefore a floor under the CPU a read can cost the server, whatever else is made faster.
//
//   view_audit_cost --db FILE --batch N --seconds S
//
// Prints one JSON object: {"views": N, "batches": B, "seconds": S, "per_second": X,
// "cpu_ms_per_view": Y}, CPU being the process's user + system time (the log's flushes included).
#include <sys/resource.h>

#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <iostream>
#include <string>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "domain/instant.h"
#include "store/migrations.h"
#include "store/store.h"

namespace {

struct Options {
  std::string db;
  int batch = 16;
  double seconds = 5;
};

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const std::string value = argv[i + 1];
    if (flag == "--db") o.db = value;
    else if (flag == "--batch") o.batch = std::atoi(value.c_str());
    else if (flag == "--seconds") o.seconds = std::atof(value.c_str());
    else {
      std::cerr << "view_audit_cost: unknown flag " << flag << "\n";
      std::exit(2);
    }
  }
  if (o.db.empty() || o.batch < 1 || o.seconds <= 0) {
    std::cerr << "usage: view_audit_cost --db FILE --batch N --seconds S\n";
    std::exit(2);
  }
  return o;
}

double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return static_cast<double>(t.tv_sec) + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

// The event a social worker's read of contact 1 appends: the same shape as app::ContactViewed's.
fd::audit::AuditEvent View(fd::Instant now) {
  return {now, 2, "worker", "contact.viewed", "contact", "1", {{"person_ids", nlohmann::json::array({1})}}};
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = Parse(argc, argv);
  auto store = fd::store::OpenStore("sqlite:" + options.db);
  fd::store::Migrate(*store);

  using Clock = std::chrono::steady_clock;
  const auto start = Clock::now();
  const auto until = start + std::chrono::duration<double>(options.seconds);
  const double cpu_start = CpuSeconds();
  std::int64_t views = 0;
  std::int64_t batches = 0;
  while (Clock::now() < until) {
    const fd::Instant now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    auto tx = store->Begin(fd::store::TransactionMode::kWrite);
    for (int i = 0; i < options.batch; ++i) fd::audit::Append(*tx, View(now));
    tx->Commit();  // returns once the log is flushed, as a read's view does
    views += options.batch;
    ++batches;
  }
  const double seconds = std::chrono::duration<double>(Clock::now() - start).count();
  const double cpu = CpuSeconds() - cpu_start;
  std::cout << nlohmann::json{{"views", views},
                              {"batches", batches},
                              {"batch", options.batch},
                              {"seconds", seconds},
                              {"per_second", views / seconds},
                              {"cpu_ms_per_view", cpu * 1000.0 / static_cast<double>(views)}}
                   .dump()
            << "\n";
  return 0;
}
