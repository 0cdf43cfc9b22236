// Police domestic-abuse notifications (issue 12 point 4; docs/workflow.md "Police notifications"):
// importing a force's daily batch, the triage queue, and a team manager's bulk decisions.
//
// Import: every row is checked on its own; a bad row is reported by its row number and field and the
// good rows are still imported. A row's force reference is its idempotency key: a resent batch
// imports nothing twice. Each imported notification is matched against the people register (the
// candidates are kept with it), graded from the force's own risk level, audited, and queued.
//
// Decisions are all-or-nothing per request and audited one event per notification. A high-risk
// notification is never closed as "information only": it becomes a contact (docs/decisions.md
// "Police notification batches").
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"
#include "store/police_notification_records.h"

namespace fd::app {

// Rows are written this many to a transaction, so a large batch never holds the write lock for long
// and other users' writes go in between; a batch cut short by a fault is completed by resending it.
inline constexpr std::size_t kPoliceRowsPerTransaction = 250;
inline constexpr std::size_t kMaxPoliceBatchRows = 20'000;
inline constexpr std::size_t kMaxPoliceDecisionIds = 200;

struct PoliceRowProblem {
  std::size_t row = 0;          // 1 for the first notification (a CSV's header row is not counted)
  std::string force_reference;  // as sent, when it was readable
  std::string field;            // "risk_level", "children[0].date_of_birth"
  std::string message;
};

struct PoliceBatchReport {
  std::int64_t batch_id = 0;
  std::size_t rows = 0;
  std::size_t imported = 0;
  std::size_t repeated = 0;  // already imported with the same details: nothing new created
  std::size_t refused = 0;
  std::vector<std::int64_t> imported_ids;
  std::vector<PoliceRowProblem> problems;
};

// Imports a batch, `format` "csv" or "json" (an array of notifications, or {"notifications": […]}).
// Errors: kForbidden; kInvalid naming "body" when the file as a whole cannot be read (not JSON or CSV
// of the documented shape, no rows, more than kMaxPoliceBatchRows). Row problems are not errors:
// they are in the report. Faults throw StoreFault; rows committed before it stay (resend the batch).
Result<PoliceBatchReport> ImportPoliceBatch(AppContext& ctx, const Actor& actor, std::string_view format,
                                            std::string_view body);

struct PoliceQueuePage {
  std::vector<store::PoliceNotificationRecord> items;
  std::int64_t total = 0;
  // When the longest-waiting notification awaiting triage was received (whatever page and status
  // was asked for): nothing may wait unseen.
  std::optional<Instant> oldest_waiting_since;
};
// The queue of one status (awaiting-triage, closed, contact-opened): urgent first, then oldest.
// Errors: kForbidden (neither import nor triage), kInvalid (status, paging).
Result<PoliceQueuePage> ListPoliceNotifications(AppContext& ctx, const Actor& actor, const std::string& status,
                                                int page, int page_size);

// The bulk decisions: "information-only" closes (no children's services role; the reason says why),
// "open-contact" records a contact from each notification through the normal intake use case.
struct PoliceDecisionRequest {
  std::vector<std::int64_t> ids;
  std::string decision;
  std::string reason;
};
struct PoliceDecided {
  std::int64_t id = 0;
  std::string status;
  std::optional<std::int64_t> contact_id;
  std::string contact_reference;
};
// Decides every notification named, in one transaction, or none. Errors: kForbidden; kInvalid naming
// "ids", "ids[i]", "decision" or "reason" (unknown notification, a high-risk one to be closed as
// information only, a contact the intake rules refuse); kConflict when one was decided meanwhile.
Result<std::vector<PoliceDecided>> DecidePoliceNotifications(AppContext& ctx, const Actor& actor,
                                                             const PoliceDecisionRequest& request);

// KCR-8, HCR-27: when the front door's decision on a notification is due, counted from its receipt:
// the pack's "immediate-protection" timescale for a high-risk one where the pack has it, else its
// "decision" timescale (one working day). nullopt when the pack in force has neither.
std::optional<Instant> PoliceDecisionDue(const AppContext& ctx, const store::PoliceNotificationRecord& n);

// The JSON of a notification, as the API gives it (children, adults and match candidates parsed).
nlohmann::json PoliceNotificationToJson(const store::PoliceNotificationRecord& n);

}  // namespace fd::app
