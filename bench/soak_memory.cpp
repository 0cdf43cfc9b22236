#include "soak_memory.h"

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <string>

namespace fd::bench {
namespace {

// The value in kB (or a plain count) of one "Name:   value" line of /proc/PID/status; -1 when absent.
std::int64_t StatusField(const std::string& status, const std::string& name) {
  const auto at = status.find("\n" + name + ":");
  if (at == std::string::npos) return -1;
  return std::stoll(status.substr(at + name.size() + 2));
}

// /proc/PID/status with a newline before its first line, or "" when the process is gone.
std::string ReadStatus(int pid) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/status");
  if (!in) return "";
  std::string status = "\n";
  for (std::string line; std::getline(in, line);) status += line + "\n";
  return status;
}

// Bytes as kB (as /proc gives the RSS), or null when the figure was not read.
nlohmann::ordered_json Kb(std::int64_t bytes) {
  if (bytes < 0) return nullptr;
  return bytes / 1024;
}

nlohmann::ordered_json Count(std::int64_t n) {
  if (n < 0) return nullptr;
  return n;
}

}  // namespace

bool MemorySampler::Observe() {
  const std::string status = ReadStatus(pid_);
  const std::int64_t rss = status.empty() ? -1 : StatusField(status, "VmRSS");
  if (rss < 0) return false;  // gone, or a zombie: the process has exited
  window_min_kb_ = window_min_kb_ < 0 ? rss : std::min(window_min_kb_, rss);
  window_max_kb_ = std::max(window_max_kb_, rss);
  hwm_kb_ = std::max(hwm_kb_, StatusField(status, "VmHWM"));
  return true;
}

bool MemorySampler::Sample(int at_s, const ServerMemory& server) {
  const std::string dir = "/proc/" + std::to_string(pid_);
  if (!Observe()) return false;
  const std::string status = ReadStatus(pid_);
  MemorySample s;
  s.at_s = at_s;
  s.rss_kb = window_min_kb_;
  s.peak_kb = window_max_kb_;
  s.threads = StatusField(status, "Threads");
  s.server = server;
  window_min_kb_ = -1;
  window_max_kb_ = 0;
  std::error_code ec;
  for (auto it = std::filesystem::directory_iterator(dir + "/fd", ec); !ec && it != std::filesystem::directory_iterator();
       it.increment(ec))
    ++s.open_fds;
  std::ifstream("/proc/loadavg") >> s.load_1m;
  samples_.push_back(s);
  return true;
}

std::int64_t MemorySampler::MaxAfterWarmupKb() const {
  std::int64_t most = 0;
  for (std::size_t i = warmup_index_.value_or(0); i < samples_.size(); ++i) most = std::max(most, samples_[i].rss_kb);
  return most;
}

std::int64_t MemorySampler::PeakAfterWarmupKb() const {
  std::int64_t most = 0;
  for (std::size_t i = warmup_index_.value_or(0); i < samples_.size(); ++i) most = std::max(most, samples_[i].peak_kb);
  return most;
}

nlohmann::ordered_json MemorySampler::Json() const {
  nlohmann::ordered_json samples = nlohmann::ordered_json::array();
  for (const auto& s : samples_)
    samples.push_back({s.at_s, s.rss_kb, s.peak_kb, s.threads, s.open_fds, s.load_1m, Kb(s.server.heap_bytes),
                       Kb(s.server.sqlite_bytes), Kb(s.server.page_cache_bytes), Count(s.server.statements)});
  const MemorySample none;
  const MemorySample& warm = warmup_index_ ? samples_[*warmup_index_] : none;
  const MemorySample& last = samples_.empty() ? none : samples_.back();
  const double growth =
      warm.rss_kb > 0 ? 100.0 * static_cast<double>(last.rss_kb - warm.rss_kb) / static_cast<double>(warm.rss_kb) : 0;
  double load_min = 0, load_max = 0, load_sum = 0;
  for (const auto& s : samples_) {
    load_min = load_sum == 0 ? s.load_1m : std::min(load_min, s.load_1m);
    load_max = std::max(load_max, s.load_1m);
    load_sum += s.load_1m;
  }
  const double load_mean = samples_.empty() ? 0 : load_sum / static_cast<double>(samples_.size());
  return {{"samples", samples},
          {"warmup_kb", warm.rss_kb},
          {"end_kb", last.rss_kb},
          {"max_after_warmup_kb", MaxAfterWarmupKb()},
          {"peak_after_warmup_kb", PeakAfterWarmupKb()},
          {"high_water_kb", hwm_kb_},
          {"growth_pct", static_cast<double>(static_cast<std::int64_t>(growth * 100)) / 100},
          {"threads_warmup", warm.threads},
          {"threads_end", last.threads},
          {"fds_warmup", warm.open_fds},
          {"fds_end", last.open_fds},
          {"load_min", load_min},
          {"load_max", load_max},
          {"load_mean", static_cast<double>(static_cast<std::int64_t>(load_mean * 100)) / 100},
          {"heap_warmup_kb", Kb(warm.server.heap_bytes)},
          {"heap_end_kb", Kb(last.server.heap_bytes)},
          {"sqlite_warmup_kb", Kb(warm.server.sqlite_bytes)},
          {"sqlite_end_kb", Kb(last.server.sqlite_bytes)},
          {"sqlite_high_water_kb", Kb(last.server.sqlite_highwater_bytes)},
          {"page_cache_warmup_kb", Kb(warm.server.page_cache_bytes)},
          {"page_cache_end_kb", Kb(last.server.page_cache_bytes)},
          {"statement_warmup_kb", Kb(warm.server.statement_bytes)},
          {"statement_end_kb", Kb(last.server.statement_bytes)},
          {"statements_warmup", Count(warm.server.statements)},
          {"statements_end", Count(last.server.statements)}};
}

}  // namespace fd::bench
