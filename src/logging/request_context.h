// The request a thread is working for, so every log line written meanwhile carries its id.
//
// The server sets a RequestScope around each synchronous stretch of work for one request: building
// it on the I/O thread, the handler on the handler pool (where store faults are caught and logged),
// and the access log line. A scope never spans a co_await, because the coroutine may resume on
// another thread; nested scopes restore the outer id when they end.
#pragma once

#include <string>
#include <string_view>

namespace fd::logging {

class RequestScope {
 public:
  explicit RequestScope(std::string_view request_id);
  ~RequestScope();
  RequestScope(const RequestScope&) = delete;
  RequestScope& operator=(const RequestScope&) = delete;

 private:
  std::string previous_;
};

// The id of the request this thread is working for, or empty outside any request.
std::string_view CurrentRequestId();

// An incoming X-Request-Id is kept when it is 1…64 characters of letters, digits and "-_.:"
// (what proxies and tracing systems send); anything else may be an attempt to forge or break log
// lines, and is replaced.
bool IsSaneRequestId(std::string_view id);
// A fresh id: 32 hexadecimal digits (128 random bits), unique across nodes without coordination.
std::string NewRequestId();

}  // namespace fd::logging
