// Captures log lines as the service writes them: a spdlog sink that formats each line when it is
// logged (on the logging thread, as the real sinks do, so the request id and fields are there; the
// ringbuffer sink formats later, on the reader's thread, and would lose them) and keeps the text.
#pragma once

#include <spdlog/sinks/base_sink.h>
#include <spdlog/spdlog.h>

#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "logging/log.h"

namespace fd::testing {

class LogCapture final : public spdlog::sinks::base_sink<std::mutex> {
 public:
  // Every line so far, in order, each ending in '\n'.
  std::vector<std::string> Lines() {
    std::lock_guard lock(mutex_);
    return lines_;
  }

 protected:
  void sink_it_(const spdlog::details::log_msg& msg) override {
    spdlog::memory_buf_t formatted;
    formatter_->format(msg, formatted);
    lines_.emplace_back(formatted.data(), formatted.size());
  }
  void flush_() override {}

 private:
  std::vector<std::string> lines_;  // GUARDED_BY(mutex_) (base_sink locks it around sink_it_)
};

// For a fixture's life: the service's log lines, as JSON, go to a LogCapture; then the usual logger
// comes back, with the readable formatter the other tests expect. Declared as a fixture member, it
// is made before SetUp and undone after TearDown, so it covers the service's whole life.
class CapturedLogs {
 public:
  CapturedLogs() : previous_(spdlog::default_logger()), sink_(std::make_shared<LogCapture>()) {
    logging::Configure(logging::Format::kJson, sink_);
  }
  ~CapturedLogs() {
    spdlog::set_default_logger(previous_);
    logging::Configure(logging::Format::kText);
  }
  CapturedLogs(const CapturedLogs&) = delete;
  CapturedLogs& operator=(const CapturedLogs&) = delete;

  std::vector<std::string> Lines() const { return sink_->Lines(); }

 private:
  std::shared_ptr<spdlog::logger> previous_;
  std::shared_ptr<LogCapture> sink_;
};

}  // namespace fd::testing
