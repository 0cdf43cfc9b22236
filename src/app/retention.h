// Retention (FDS-8, issue 8 point 5): purges what the pack's retention periods say is due, as the
// system, one record per transaction. Each purge writes a "retention.purged" audit event naming
// the record, its class and the day it fell due, then erases the payloads of the audit events
// about that record (audit::ErasePayloads): the log keeps that something happened, by whom and
// when, but no longer what the record said, and the chain still verifies.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/context.h"
#include "domain/error.h"
#include "domain/retention.h"
#include "policy/policy_pack.h"

namespace fd::app {

struct RetentionItem {
  std::string record_type;   // "contact", "consultation", "chair-consultation", "person", "police-notification",
                             // "information_request" (as its audit events name it)
  std::int64_t id = 0;
  std::string reference;     // "FD-2026-000123", a consultation number, "CPC-000001", or "" for a person
  std::string record_class;  // the pack's [[retention]] record
  std::string due_on;        // YYYY-MM-DD: the first day it could go
  // A contact closed as a duplicate goes with its original, in the same transaction, under the
  // original's class and day (docs/decisions.md "Reopening a duplicate"): the original's id and
  // reference; 0 and "" for anything else.
  std::int64_t with_id = 0;
  std::string with_reference;
};

struct RetentionReport {
  bool dry_run = false;
  std::string today;                    // YYYY-MM-DD in the service's time zone
  std::vector<RetentionItem> items;     // purged or, in a dry run, that would be; oldest due first
  std::int64_t audit_payloads_erased = 0;
  std::int64_t audit_payloads_kept = 0;  // events older than erasable audit (migration 0014)
};

// What is due today under the pack in force today, and (unless `dry_run`) purges it. Which records:
// contacts with an authorised decision ("referral" when a referral was made, else
// "contact-no-further-action"), consultations and CP chair consultations whose review day has come
// (set from their class when they were recorded), and people on the register ("child-record") with
// no open case and no open involvement: a child from their date of birth, an adult only once
// related to no one on the register, from the day their record was made. A class the pack does not
// define is never due.
Result<RetentionReport> RunRetention(AppContext& ctx, bool dry_run);

// The day a record of `record_class` falls due under `pack`'s [[retention]] rule for it, from the
// record's dates: the day it was made, closed, or the child's date of birth, as the rule's `from`
// says (RetentionEnds). Empty when the pack has no such class or the record is not yet due at all
// (open). One rule for every record: contacts, consultations, CP chair consultations, people.
std::string RetentionReviewOn(const policy::PolicyPack& pack, const std::string& record_class,
                              const RetentionDates& dates);

// A consultation or CP chair consultation whose stored review day is not the day the pack's rule
// for its class gives. Records stored before review days came from RetentionReviewOn kept the day
// the record was made plus the years (docs/decisions.md "Deadlines the calendar cannot count, and
// older review dates"): too late where the rule runs from the child's date of birth.
struct ReviewDayToCheck {
  std::string record_type;  // "consultation" or "chair-consultation"
  std::int64_t id = 0;
  std::string reference;
  std::string record_class;
  std::string stored_on;    // YYYY-MM-DD, the review day it has
  std::string rule_on;      // YYYY-MM-DD, the day the rule of the pack in force at its request gives
};
// Every such record, for the data protection officer to decide on (DecideReviewDay,
// app/retention_decisions.h), but those already decided; changes nothing. The rule is the
// pack's in force when it was requested (CRU-5), as when it was stored, from the dates it keeps.
std::vector<ReviewDayToCheck> ReviewDaysToCheck(AppContext& ctx);

}  // namespace fd::app
