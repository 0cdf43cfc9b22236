#include "notify/failure_run.h"

namespace fd::notify {

FailureRun::Note FailureRun::Failed(Instant now, Instant next_try) {
  std::lock_guard lock(mutex_);
  if (!failing_) {
    failing_ = true;
    since_ = last_line_ = now;
    total_ = 1;
    unsaid_ = 0;
    return {Say::kFirst, 1, now, next_try};
  }
  ++total_;
  ++unsaid_;
  if (now - last_line_ < summary_every_) return {Say::kNothing, unsaid_, since_, next_try};
  Note note{Say::kSummary, unsaid_, since_, next_try};
  last_line_ = now;
  unsaid_ = 0;
  return note;
}

std::optional<FailureRun::Ended> FailureRun::Succeeded() {
  std::lock_guard lock(mutex_);
  if (!failing_) return std::nullopt;
  failing_ = false;
  return Ended{total_, since_};
}

}  // namespace fd::notify
