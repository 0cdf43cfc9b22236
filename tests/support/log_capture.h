// Captures log lines as the service writes them: a spdlog sink that formats each line when it is
// logged (on the logging thread, as the real sinks do, so the request id and fields are there; the
// ringbuffer sink formats later, on the reader's thread, and would lose them) and keeps the text.
#pragma once

#include <spdlog/sinks/base_sink.h>

#include <mutex>
#include <string>
#include <vector>

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

}  // namespace fd::testing
