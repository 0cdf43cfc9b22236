// The data protection officer's decision on a review day `retention review-days` lists (the admin/DPO
// review, finding 7): a consultation or CP chair consultation stored before its review day followed
// the pack's rule keeps a later day than the rule gives, and only the DPO may say which stands.
//   keep:  the record is kept N more days past the rule's day (or past today, when that is later),
//          with a reason; the stored review day becomes that day ("retention.review_day_kept").
//   purge: the rule's day has come, so the record goes now, as `retention run` purges it
//          ("retention.purged", with the decision and its reason; the payloads of its events erased).
// Either way the record is no longer listed by review-days. Both are audited with who decided.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"

namespace fd::app {

inline constexpr int kMaxKeepDays = 36500;

struct ReviewDayDecision {
  std::string record_type;        // "consultation" or "chair-consultation"
  std::int64_t id = 0;
  std::optional<int> keep_days;   // keep this many days past the rule's day (or today); or
  bool purge_now = false;         // purge it now (the rule's day has come)
  std::string reason;             // why; required to keep
  std::string decided_by;         // the data protection officer's name, as they sign the decision
};

struct ReviewDayDecided {
  std::string record_type;
  std::int64_t id = 0;
  std::string reference;
  std::string stored_on;  // the review day it had
  std::string rule_on;    // the day the pack's rule gives
  std::string review_on;  // the new review day; empty when purged
  bool purged = false;
};

// Errors: kForbidden (not the data protection officer); kNotFound (no such
// record, or one not listed by ReviewDaysToCheck); kInvalid naming "record_type", "decision" (neither
// or both of keep and purge), "keep_days" (outside 0…kMaxKeepDays), "reason" (empty when keeping),
// "decided_by" (empty); kConflict when purging before the rule's day.
Result<ReviewDayDecided> DecideReviewDay(AppContext& ctx, const Actor& actor, const ReviewDayDecision& decision);

}  // namespace fd::app
