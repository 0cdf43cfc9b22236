// The soak (issue 11 point 5; `make soak`, scripts/soak): a mixed front-door load against a running
// `frontdoor serve` for a set time — sign-ins and sign-outs, intake, screening, decisions,
// authorisations, register searches, the queue, contact, deadline and dashboard pages — by several
// virtual users at once (bench/soak_journeys.h), while the server's resident memory is sampled from
// /proc. Every answer that is not 2xx or 3xx is an error and is printed.
//
//   soak --port PORT --server-pid PID --password PASSWORD --users u1:officer,u2:worker,u3:manager,...
//        [--duration 600] [--warmup 120] [--sample 5] [--metrics-token-file FILE] [--json FILE] [--markdown FILE]
//
// With --metrics-token-file (an API token with the "metrics" scope), /metrics is read at the end of
// each sample window for the server's heap and SQLite's memory (bench/soak_scrape.h), and the report
// explains the settled RSS's growth by its parts.
//
// Exit status: 0 when no request failed and the resident memory at the end is less than 10% above
// that at the end of warm-up; 1 otherwise; 2 for bad arguments or a server that is not there.
#include <fmt/format.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "soak_journeys.h"
#include "soak_memory.h"
#include "soak_report.h"
#include "soak_scrape.h"

namespace {

using namespace fd::bench;
using Clock = std::chrono::steady_clock;

// Often enough that each window of a few seconds has readings with no sign-in under way
// (bench/soak_memory.h), seldom enough to cost the server nothing.
constexpr auto kObserveEvery = std::chrono::milliseconds(250);

struct Options {
  std::uint16_t port = 0;
  int server_pid = 0;
  std::string password;
  std::vector<std::pair<std::string, SoakRole>> users;
  int duration_s = 600;
  int warmup_s = 120;
  int sample_s = 5;
  std::string metrics_token_file;
  std::string json_path;
  std::string markdown_path;
};

[[noreturn]] void Usage(const std::string& problem) {
  std::fprintf(stderr,
               "soak: %s\nusage: soak --port PORT --server-pid PID --password PASSWORD --users NAME:ROLE,... "
               "[--duration S] [--warmup S] [--sample S] [--metrics-token-file FILE] [--json FILE] [--markdown FILE]\n"
               "ROLE is officer, worker or manager\n",
               problem.c_str());
  std::exit(2);
}

int ToInt(const std::string& flag, const std::string& value) {
  try {
    std::size_t used = 0;
    const int v = std::stoi(value, &used);
    if (used == value.size() && v >= 0) return v;
  } catch (const std::exception&) {
  }
  Usage(fmt::format("{} wants a whole number, not \"{}\"", flag, value));
}

std::vector<std::pair<std::string, SoakRole>> ParseUsers(const std::string& list) {
  std::vector<std::pair<std::string, SoakRole>> users;
  std::stringstream in(list);
  std::string item;
  while (std::getline(in, item, ',')) {
    const auto colon = item.find(':');
    if (colon == std::string::npos) Usage("each user is NAME:ROLE, not " + item);
    const std::string role = item.substr(colon + 1);
    SoakRole r = SoakRole::kOfficer;
    if (role == "officer") r = SoakRole::kOfficer;
    else if (role == "worker") r = SoakRole::kWorker;
    else if (role == "manager") r = SoakRole::kManager;
    else Usage("unknown role " + role);
    users.emplace_back(item.substr(0, colon), r);
  }
  return users;
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    if (i + 1 >= argc) Usage(flag + " needs a value");
    const std::string value = argv[++i];
    if (flag == "--port") o.port = static_cast<std::uint16_t>(ToInt(flag, value));
    else if (flag == "--server-pid") o.server_pid = ToInt(flag, value);
    else if (flag == "--password") o.password = value;
    else if (flag == "--users") o.users = ParseUsers(value);
    else if (flag == "--duration") o.duration_s = ToInt(flag, value);
    else if (flag == "--warmup") o.warmup_s = ToInt(flag, value);
    else if (flag == "--sample") o.sample_s = ToInt(flag, value);
    else if (flag == "--metrics-token-file") o.metrics_token_file = value;
    else if (flag == "--json") o.json_path = value;
    else if (flag == "--markdown") o.markdown_path = value;
    else Usage("unknown option " + flag);
  }
  if (o.port == 0 || o.server_pid == 0 || o.password.empty() || o.users.empty())
    Usage("--port, --server-pid, --password and --users are needed");
  if (o.warmup_s >= o.duration_s) Usage("the warm-up must be shorter than the run");
  if (o.sample_s < 1) Usage("--sample is at least 1 second");
  return o;
}

// The token's first line, without surrounding blanks; "" when the file cannot be read.
std::string ReadToken(const std::string& path) {
  std::ifstream in(path);
  std::string token;
  std::getline(in, token);
  const auto first = token.find_first_not_of(" \t\r");
  const auto last = token.find_last_not_of(" \t\r");
  return first == std::string::npos ? "" : token.substr(first, last - first + 1);
}

std::string Mb(std::int64_t bytes) {
  return bytes < 0 ? "?" : fmt::format("{:.1f} MB", static_cast<double>(bytes) / (1024.0 * 1024.0));
}

void WriteFile(const std::string& path, const std::string& text) {
  if (path.empty()) return;
  std::ofstream out(path);
  out << text;
  if (!out) std::fprintf(stderr, "soak: could not write %s\n", path.c_str());
}

}  // namespace

int main(int argc, char** argv) {
  const Options options = Parse(argc, argv);
  MemorySampler sampler(options.server_pid);
  std::unique_ptr<MetricsScraper> scraper;
  if (!options.metrics_token_file.empty()) {
    const std::string token = ReadToken(options.metrics_token_file);
    if (token.empty()) Usage("no token in " + options.metrics_token_file);
    scraper = std::make_unique<MetricsScraper>(options.port, token);
  }
  // What /metrics says now; nothing read without a token. A scrape that fails is said once and the
  // window keeps no server figures: the soak's verdict does not rest on them.
  bool scrape_failed_before = false;
  const auto scrape = [&]() -> ServerMemory {
    if (!scraper) return {};
    auto read = scraper->Scrape();
    if (read) return *read;
    if (!scrape_failed_before) std::fprintf(stderr, "soak: %s\n", scraper->problem().c_str());
    scrape_failed_before = true;
    return {};
  };
  if (scraper && !scraper->Scrape()) {
    std::fprintf(stderr, "soak: cannot read the server's memory figures: %s\n", scraper->problem().c_str());
    return 2;
  }
  if (!sampler.Sample(0, scrape())) {
    std::fprintf(stderr, "soak: no process %d to sample (/proc/%d/status)\n", options.server_pid, options.server_pid);
    return 2;
  }

  SoakStats stats;
  Board board;
  std::atomic<bool> measuring{false}, stopping{false};
  SoakShared shared{stats, board, measuring, stopping, options.password};
  std::vector<std::unique_ptr<VirtualUser>> users;
  std::uint64_t seed = 1;
  for (const auto& [name, role] : options.users)
    users.push_back(std::make_unique<VirtualUser>(shared, options.port, role, name, seed++));

  const auto start = Clock::now();
  std::vector<std::thread> threads;
  for (auto& u : users) threads.emplace_back([&u] { u->Run(); });

  // The sampler runs on this thread: every `sample` seconds, and at the end of warm-up, which is
  // when latencies start to count and the memory baseline is taken.
  std::vector<int> sample_at;
  for (int t = options.sample_s; t < options.duration_s; t += options.sample_s)
    if (t != options.warmup_s) sample_at.push_back(t);
  sample_at.push_back(options.warmup_s);
  sample_at.push_back(options.duration_s);
  std::sort(sample_at.begin(), sample_at.end());
  bool server_alive = true;
  Clock::time_point measured_from = start;
  std::int64_t requests_at_warmup = 0;
  for (const int at : sample_at) {
    const auto window_end = start + std::chrono::seconds(at);
    while (server_alive && Clock::now() + kObserveEvery < window_end) {
      std::this_thread::sleep_for(kObserveEvery);
      server_alive = sampler.Observe();
    }
    if (!server_alive) break;
    std::this_thread::sleep_until(window_end);
    server_alive = sampler.Sample(at, scrape());
    if (!server_alive) break;
    if (at == options.warmup_s) {
      sampler.MarkWarmupEnd();
      measured_from = Clock::now();
      requests_at_warmup = stats.Requests();
      measuring = true;
      std::fprintf(stderr, "soak: warm-up over after %d s: RSS %ld kB (heap %s, SQLite %s), %ld requests, %ld errors\n",
                   at, static_cast<long>(sampler.WarmupKb()), Mb(sampler.Last().server.heap_bytes).c_str(),
                   Mb(sampler.Last().server.sqlite_bytes).c_str(), static_cast<long>(requests_at_warmup),
                   static_cast<long>(stats.Errors()));
    } else if (at % 60 == 0) {
      std::fprintf(stderr, "soak: %d s: RSS %ld kB (heap %s, SQLite %s), %ld requests, %ld errors\n", at,
                   static_cast<long>(sampler.LastKb()), Mb(sampler.Last().server.heap_bytes).c_str(),
                   Mb(sampler.Last().server.sqlite_bytes).c_str(), static_cast<long>(stats.Requests()),
                   static_cast<long>(stats.Errors()));
    }
  }
  stopping = true;
  for (auto& t : threads) t.join();
  const auto end = Clock::now();
  if (!server_alive) std::fprintf(stderr, "soak: the server (pid %d) is gone\n", options.server_pid);

  SoakRun run;
  run.duration_s = std::chrono::duration<double>(end - start).count();
  run.measured_s = std::chrono::duration<double>(end - measured_from).count();
  run.warmup_s = options.warmup_s;
  run.users = static_cast<int>(options.users.size());
  run.server_alive = server_alive;
  run.requests_at_warmup = requests_at_warmup;
  const auto report = MakeReport(run, stats, sampler);
  WriteFile(options.json_path, report.dump(2) + "\n");
  WriteFile(options.markdown_path, ReportMarkdown(report));
  std::printf("%s", ReportMarkdown(report).c_str());
  return Passed(report) ? 0 : 1;
}
