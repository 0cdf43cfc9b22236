// The server's resident memory over the soak, read from /proc/PID/status (VmRSS, and VmHWM, the
// most it ever held) four times a second. Each window of a few seconds keeps its lowest reading (the
// settled memory, on which growth is judged) and its highest (the peak): every sign-in verifies its
// password with Argon2id, which holds 64 MiB for about a third of a second and gives it back, so a
// single reading jumps by 64 MiB for each sign-in that happens to be under way. A leak raises the
// lowest reading of every window after it; a sign-in in flight does not.
// Beside the memory, the server's thread count and open file descriptors, since a leak of threads or
// sockets shows there before it shows in memory, and the machine's load average. When the soak can
// scrape /metrics, each window also keeps what the server says of its heap and of SQLite's memory
// at the window's end (bench/soak_scrape.h), which explain the settled RSS's growth by its parts.
//
// Thread safety: one thread only (the soak's sampling loop).
#pragma once

#include <cstdint>
#include <optional>
#include <vector>

#include <nlohmann/json.hpp>

#include "soak_scrape.h"

namespace fd::bench {

struct MemorySample {
  int at_s = 0;            // the window's end, in seconds from the start of the run
  std::int64_t rss_kb = 0;   // the lowest reading of the window
  std::int64_t peak_kb = 0;  // the highest
  std::int64_t threads = 0;
  std::int64_t open_fds = 0;
  double load_1m = 0;  // the machine's 1-minute load average, since the soak shares it
  ServerMemory server;  // from /metrics at the window's end; -1 each when not read
};

class MemorySampler {
 public:
  explicit MemorySampler(int pid) : pid_(pid) {}

  // Reads the resident memory now into the current window; false when the process is gone.
  bool Observe();
  // Ends the current window as at `at_s` seconds into the run (reading once more, and the threads,
  // descriptors and load average), with what /metrics said at its end; false when the process is gone.
  bool Sample(int at_s, const ServerMemory& server = {});
  // The last window is the warm-up's end: growth is measured from it.
  void MarkWarmupEnd() { warmup_index_ = samples_.size() - 1; }

  std::int64_t LastKb() const { return samples_.empty() ? 0 : samples_.back().rss_kb; }
  // The last window (a default one before the first).
  MemorySample Last() const { return samples_.empty() ? MemorySample{} : samples_.back(); }
  std::int64_t WarmupKb() const { return warmup_index_ ? samples_[*warmup_index_].rss_kb : 0; }
  // The largest settled RSS after warm-up (the whole run when warm-up never ended), and the largest peak.
  std::int64_t MaxAfterWarmupKb() const;
  std::int64_t PeakAfterWarmupKb() const;
  std::int64_t HighWaterKb() const { return hwm_kb_; }
  // {"samples": [[at_s, rss_kb, peak_kb, threads, open_fds, load_1m, heap_kb, sqlite_kb, page_cache_kb,
  //  statements], ...], "warmup_kb", "end_kb", "max_after_warmup_kb", "peak_after_warmup_kb", "high_water_kb",
  //  "growth_pct", "threads_warmup", "threads_end", "fds_warmup", "fds_end", "load_min", "load_max", "load_mean",
  //  "heap_warmup_kb", "heap_end_kb", "sqlite_warmup_kb", "sqlite_end_kb", "sqlite_high_water_kb",
  //  "page_cache_warmup_kb", "page_cache_end_kb", "statement_warmup_kb", "statement_end_kb",
  //  "statements_warmup", "statements_end"}
  // (the server's figures null when /metrics was not read at that window).
  nlohmann::ordered_json Json() const;

 private:
  int pid_;
  std::vector<MemorySample> samples_;
  std::optional<std::size_t> warmup_index_;
  std::int64_t hwm_kb_ = 0;
  std::int64_t window_min_kb_ = -1;  // -1: nothing read in this window yet
  std::int64_t window_max_kb_ = 0;
};

}  // namespace fd::bench
