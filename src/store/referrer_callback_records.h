// Referrers to ring with the outcome (migration 0039): one current call per contact whose referrer
// could not be e-mailed it (KCR-17, HCR-24), and the earlier ones (0045). What to say is the app's
// (app/referrer_callbacks.h).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

struct ReferrerCallback {
  std::int64_t contact_id = 0;
  std::string contact_reference;
  std::int64_t decision_id = 0;
  std::int64_t user_id = 0;       // the worker who proposed the decision
  std::string user_name;
  Instant opened_at;
  std::optional<Instant> told_at;
  std::optional<std::int64_t> told_by;
  std::string told_by_name;
  std::string note;
};

// Opens the callback for `contact_id`. One still to make, or made for this decision, is kept; one
// made for another decision (a reopened duplicate's, told its original's outcome) moves to the
// earlier calls (migration 0045) and this one becomes current. REQUIRES: a write transaction.
void InsertReferrerCallback(Transaction& tx, std::int64_t contact_id, std::int64_t decision_id, std::int64_t user_id,
                            Instant at);
// The contact's current callback.
std::optional<ReferrerCallback> FindReferrerCallback(Transaction& tx, std::int64_t contact_id);
// The contact's calls made before its current one, oldest first.
std::vector<ReferrerCallback> EarlierReferrerCallbacks(Transaction& tx, std::int64_t contact_id);
// The callbacks still to make that are `user_id`'s, oldest first, at most 200.
std::vector<ReferrerCallback> OpenReferrerCallbacksOf(Transaction& tx, std::int64_t user_id);
// Records the call on an open callback. Returns false when there was none open. REQUIRES: a write transaction.
bool MarkReferrerTold(Transaction& tx, std::int64_t contact_id, std::int64_t by, const std::string& note, Instant at);
// Withdraws a callback not yet made, with its open deadline (timescale `timescale`): the decision it
// was to tell is no longer this contact's (a duplicate reopened). Returns false when there was none
// open (none, or the referrer was told already). REQUIRES: a write transaction.
bool WithdrawReferrerCallback(Transaction& tx, std::int64_t contact_id, const std::string& timescale);

}  // namespace fd::store
