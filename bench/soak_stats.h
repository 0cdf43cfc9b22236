// What the soak counts: requests by kind, their latencies after warm-up, and every answer that was
// not a success (2xx or 3xx) with its route and the head of its body. Shared by the virtual users.
//
// Thread safety: every method may be called from any thread.
#pragma once

#include <cstdint>
#include <map>
#include <mutex>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "soak_client.h"

namespace fd::bench {

struct SoakError {
  std::string kind;
  std::string route;
  int status = 0;
  std::string body_head;
};

class SoakStats {
 public:
  // Counts one answer of `kind` to `route`. Latency is kept only once `measuring` (after warm-up);
  // errors are kept from the start. Returns true for a success (2xx or 3xx).
  bool Record(const std::string& kind, const std::string& route, const SoakReply& reply, bool measuring);

  std::int64_t Errors() const;
  std::int64_t Requests() const;
  // {"kinds": {kind: {"requests", "errors", "measured", "p50_ms", "p99_ms", "max_ms"}}, "requests",
  //  "errors", "first_errors": [{"kind", "route", "status", "body"}]} (at most 50 errors listed).
  nlohmann::ordered_json Summary() const;

 private:
  struct Kind {
    std::int64_t requests = 0;
    std::int64_t errors = 0;
    std::vector<float> measured_ms;
  };
  mutable std::mutex mutex_;
  std::map<std::string, Kind> kinds_;  // guarded by mutex_
  std::vector<SoakError> errors_;      // guarded by mutex_; the first kMaxErrorsKept
  std::int64_t error_count_ = 0;       // guarded by mutex_
  std::int64_t request_count_ = 0;     // guarded by mutex_
};

}  // namespace fd::bench
