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
#include <optional>
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
// Each item's register matches are as the reader may see them (RestrictedFrom, app/person_search.h):
// a restricted record the reader is not a named viewer of is only {"restricted": true,
// "record_exists": true, "ask"}. The matches are kept whole with the notification; they are hidden
// per reader, when shown. Errors: kForbidden (neither import nor triage), kInvalid (status, paging).
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

// KCR-5: the front door e-mails only addresses the pack counts as secure. A notification whose
// officer's address is not one is still taken (KCR-18: every contact is recorded) and flagged with
// this note, in the queue and on the contact opened from it; nothing is ever e-mailed to it.
inline constexpr std::string_view kNoSecureReplyNote = "No secure reply address: reply by phone or a secure address";
// Whether the officer's address is secure under the pack in force when the notification arrived.
bool HasSecureReplyAddress(const AppContext& ctx, const store::PoliceNotificationRecord& n);

// What a contact opened from a police notification carries from it, for a person the contact is
// shown to: the force's reference (how it came in), whether the officer may be e-mailed (KCR-5) and,
// per child of the notification (in order), the very likely register match it found, hidden as
// RestrictedFrom says for this reader. A suggestion only: the child is linked by a person who checks.
struct SuggestedMatch {
  bool restricted = false;  // only `ask` is set
  std::string ask;
  std::int64_t person_id = 0;
};
struct NotificationOrigin {
  std::int64_t notification_id = 0;
  std::string force_reference;
  bool secure_reply = true;
  std::vector<std::optional<SuggestedMatch>> children;
};
// nullopt for a contact not opened from a notification. The caller has already shown the contact to
// `actor` (its own permission check); nothing here is audited.
std::optional<NotificationOrigin> NotificationOfContact(AppContext& ctx, const Actor& actor, std::int64_t contact_id);

// The JSON of a notification, as the API gives it (children, adults and match candidates parsed).
nlohmann::json PoliceNotificationToJson(const store::PoliceNotificationRecord& n);

}  // namespace fd::app
