// A run of like failures (the mail server not answering, the database down), told in a few log
// lines instead of one a failure: the first failure, then at most one summary a minute (how many
// since the last line, when the next try is), then one line when it recovers. With the mail server
// down, one line an attempt was 2,747 warnings in six minutes; with the database down, an error a
// second on every node, where docs/monitoring.md says to alert on each error.
//
// It only says which line is due; the caller writes it, with its own words and fields.
// Thread safety: every function may be called from any thread.
#pragma once

#include <chrono>
#include <mutex>
#include <optional>

#include "domain/instant.h"

namespace fd::notify {

class FailureRun {
 public:
  explicit FailureRun(std::chrono::seconds summary_every = std::chrono::minutes{1}) : summary_every_(summary_every) {}

  enum class Say { kFirst, kSummary, kNothing };
  struct Note {
    Say say = Say::kNothing;
    int failures = 0;   // kSummary: failures since the last line (this one included)
    Instant since;      // when the run began
    Instant next_try;   // this failure's next try (earlier failures' tries may be due already)
  };
  // A failure at `now`, to be tried again at `next_try`.
  Note Failed(Instant now, Instant next_try);

  struct Ended {
    int failures = 0;  // in the whole run
    Instant since;
  };
  // A success at `now`: the run it ended, when one was running (then say it recovered).
  std::optional<Ended> Succeeded();

 private:
  const std::chrono::seconds summary_every_;
  std::mutex mutex_;
  bool failing_ = false;      // GUARDED_BY(mutex_)
  Instant since_;             // GUARDED_BY(mutex_)
  Instant last_line_;         // GUARDED_BY(mutex_)
  int total_ = 0;             // GUARDED_BY(mutex_)
  int unsaid_ = 0;            // GUARDED_BY(mutex_): failures since the last line
};

}  // namespace fd::notify
