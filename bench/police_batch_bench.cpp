// Importing a police force's batch of domestic-abuse notifications (issue 12 point 5; docs/
// benchmarks.md "Police notification batches"). A SQLite file with a synthetic register (src/synth,
// as `seed-demo --people`), then a batch of N notifications (default 10,000) in the force's CSV:
// half about children on the register (names and dates of birth as the register holds them), half
// about children it has never seen. Timed: the import use case (validation, the register check of
// every child, the rows and their audit events, written 250 to a transaction), the same batch
// resent (every row a repeat), and a second batch posted over HTTP to the real service as a force's
// system would. Peak resident memory (getrusage) is printed before and after each step.
//
//   police_batch_bench [--database FILE] [--rows 10000] [--people 100000] [--seed 1]
//
// The bench checks its own answers: every row imported, none refused, every resent row a repeat,
// and the HTTP answer 201 with every row imported; otherwise it exits 1.
#include <fmt/format.h>
#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <random>
#include <sstream>
#include <string>
#include <vector>

#include "app/accounts.h"
#include "app/api_tokens.h"
#include "app/person_directory.h"
#include "app/police_notifications.h"
#include "cli/seed_people.h"
#include "service/service.h"
#include "store/migrations.h"
#include "store/sqlite/sqlite_store.h"
#include "support/http_client.h"

namespace {

using namespace fd;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string database;
  std::size_t rows = 10000;
  std::int64_t people = 100000;
  std::uint64_t seed = 1;
};

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--database") o.database = value;
    else if (flag == "--rows") o.rows = std::stoul(value);
    else if (flag == "--people") o.people = std::stoll(value);
    else if (flag == "--seed") o.seed = std::stoull(value);
    else {
      std::fprintf(stderr, "unknown option %s\n", flag.c_str());
      std::exit(2);
    }
  }
  return o;
}

double PeakRssMiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;  // Linux: kilobytes
}

struct KnownChild {
  std::string first_names, last_name, date_of_birth;
};

// `rows` notifications in the force's CSV; references start at `first`.
std::string MakeCsv(const std::vector<KnownChild>& known, std::size_t rows, std::size_t first, std::uint64_t seed) {
  static const char* kFirst[] = {"Ava", "Leo", "Mia", "Noah", "Isla", "Alfie", "Freya", "Arlo", "Ivy", "Theo"};
  static const char* kLast[] = {"Quenby", "Marwick", "Trelawny", "Ashdown", "Pellow", "Strood", "Varley", "Ockham"};
  static const char* kRisk[] = {"standard", "standard", "standard", "medium", "medium", "high"};
  std::mt19937_64 random(seed);
  std::ostringstream csv;
  csv << "force_reference,notified_at,risk_level,incident_summary,officer,officer_email,children,adults\r\n";
  for (std::size_t i = 0; i < rows; ++i) {
    std::string children;
    const int count = 1 + static_cast<int>(random() % 3);
    for (int c = 0; c < count; ++c) {
      if (!children.empty()) children += ";";
      if (i % 2 == 0 && !known.empty()) {
        const KnownChild& k = known[random() % known.size()];
        children += fmt::format("{}|{}|{}|", k.first_names, k.last_name, k.date_of_birth);
      } else {
        children += fmt::format("{}|{}|{}-{:02}-{:02}|{} Mill Lane, Exampleton", kFirst[random() % 10], kLast[random() % 8],
                                2010 + random() % 15, 1 + random() % 12, 1 + random() % 28, 1 + random() % 200);
      }
    }
    csv << fmt::format("BENCH-{:08},2026-11-{:02}T{:02}:{:02}:00Z,{},\"Officers attended a report of a verbal argument "
                       "between adults at the address; the children were present, one was seen crying, \"\"no injuries "
                       "seen\"\". Both adults spoken to.\",PC {} Example,pc{}@example.police.uk,\"{}\",Sam Example|alleged "
                       "perpetrator;Jo Example|victim\r\n",
                       first + i, 1 + i % 24, i % 24, i % 60, kRisk[random() % 6], 1000 + i % 900, 1000 + i % 900, children);
  }
  return csv.str();
}

}  // namespace

int main(int argc, char** argv) {
  Options o = Parse(argc, argv);
  if (o.database.empty()) o.database = (std::filesystem::temp_directory_path() / "police_batch_bench.db").string();
  std::filesystem::remove(o.database);
  std::filesystem::remove(o.database + "-wal");
  std::filesystem::remove(o.database + "-shm");
  store::SqliteStore s(o.database);
  store::Migrate(s);
  std::ostringstream progress;
  const auto seeded = cli::SeedPeople(s, {o.people, o.seed, "", 0, 10000}, progress);
  std::printf("register: %lld people (%.1f s to write)\n", static_cast<long long>(seeded.people), seeded.seconds);

  app::SystemClock clock;
  const auto procedures = policy::Procedures::Load(FD_SOURCE_DIR "/policies/hertfordshire").value();
  app::AppContext ctx{s, clock, *procedures, "Europe/London"};
  ctx.password_hashing = app::PasswordHashing::kFastForTests;
  const auto officer_id =
      app::CreateUser(ctx, std::nullopt, {"bench_officer", "Bench Officer", "", Role::kContactOfficer, "", "bench officer password 1"})
          .value();
  app::PersonDirectory directory;
  directory.Load(s);
  ctx.people = &directory;
  const app::Actor officer{officer_id, "bench_officer", "Bench Officer", Role::kContactOfficer, std::nullopt};

  std::vector<KnownChild> known;
  {
    auto tx = s.Begin(store::TransactionMode::kRead);
    for (const auto& row : tx->Query("SELECT first_names, last_name, date_of_birth FROM people WHERE is_child = 1 "
                                     "AND date_of_birth <> '' ORDER BY id LIMIT 5000"))
      known.push_back({row.Text(0), row.Text(1), row.Text(2)});
  }
  const std::string csv = MakeCsv(known, o.rows, 1, o.seed);
  std::printf("batch: %zu notifications, %.1f MiB of CSV; %zu children on the register to draw from\n", o.rows,
              static_cast<double>(csv.size()) / (1024.0 * 1024.0), known.size());
  std::printf("peak RSS before the import: %.1f MiB\n", PeakRssMiB());

  auto t0 = Clock::now();
  auto report = app::ImportPoliceBatch(ctx, officer, "csv", csv);
  const double import_s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!report || report->imported != o.rows || report->refused != 0) {
    std::fprintf(stderr, "import failed: %s\n", report ? fmt::format("{} imported, {} refused", report->imported, report->refused).c_str()
                                                       : report.error().message.c_str());
    return 1;
  }
  std::printf("import (use case):   %7.2f s  %8.0f rows/s  peak RSS %.1f MiB\n", import_s, o.rows / import_s, PeakRssMiB());

  t0 = Clock::now();
  auto again = app::ImportPoliceBatch(ctx, officer, "csv", csv);
  const double again_s = std::chrono::duration<double>(Clock::now() - t0).count();
  if (!again || again->repeated != o.rows || again->imported != 0) {
    std::fprintf(stderr, "resend created something\n");
    return 1;
  }
  std::printf("resend (all repeats): %6.2f s  %8.0f rows/s  peak RSS %.1f MiB\n", again_s, o.rows / again_s, PeakRssMiB());

  // Over HTTP, as a force's system sends it: a token with the police-notifications scope.
  const auto token = app::CreateApiToken(ctx, std::nullopt, {"bench-force", "bench_officer", {"police-notifications"}}).value();
  service::ServiceOptions options;
  options.server.port = 0;
  options.server.io_threads = 1;
  options.server.handler_threads = 2;
  options.templates_dir = FD_SOURCE_DIR "/templates";
  options.static_dir = FD_BINARY_DIR "/static";
  service::Service service(ctx, options);
  service.Start();
  const std::string second = MakeCsv(known, o.rows, o.rows + 1, o.seed + 1);
  testing::HttpClient client(service.port());
  t0 = Clock::now();
  auto reply = client.Send("POST", "/api/v1/police-notifications/batches", second,
                           {{"Authorization", fmt::format("Bearer {}", token.token)}, {"Content-Type", "text/csv"}});
  const double http_s = std::chrono::duration<double>(Clock::now() - t0).count();
  service.Stop();
  if (reply.status != 201 || reply.Json().at("imported").get<std::size_t>() != o.rows) {
    std::fprintf(stderr, "HTTP import answered %d: %s\n", reply.status, reply.body.substr(0, 300).c_str());
    return 1;
  }
  std::printf("import over HTTP:    %7.2f s  %8.0f rows/s  peak RSS %.1f MiB\n", http_s, o.rows / http_s, PeakRssMiB());
  return 0;
}
