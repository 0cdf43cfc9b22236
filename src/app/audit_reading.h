// Reading the audit log (the admin/DPO review, finding 7): the administrator and the data protection
// officer ("check the audit log", Action::kVerifyAudit) read the hash-chained log on a page and through
// the API, newest first and filtered, with the chain's state beside it, rather than through a shell.
//
// What each row shows is what the event holds, but never a secret: a string under a key naming a
// password, token, secret, hash or signature is withheld (events are written without secrets; this
// keeps it so should one ever be). A payload retention erased says so and names the purge.
// Reading the log is itself audited ("audit.viewed": the filters, the page and how many matched; no
// field of any record).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "app/context.h"
#include "audit/audit_log.h"
#include "domain/error.h"
#include "domain/instant.h"

namespace fd::app {

inline constexpr int kAuditPageSize = 25;
inline constexpr int kMaxAuditPageSize = 100;

// The filters, as typed; each is optional. Dates are local days (the service's zone), both inclusive.
struct AuditQuery {
  std::string event_type;   // the start of an event's name: "user." or "user.disabled"
  std::string who;          // the username that did it ("system" for the service itself)
  std::string record_kind;  // the kind of record, as the log names it: "contact", "person", "user"
  std::string record_id;    // its number; needs record_kind
  std::string from;         // YYYY-MM-DD
  std::string to;           // YYYY-MM-DD
  int page = 1;
  int page_size = kAuditPageSize;
};

struct AuditRow {
  std::int64_t seq = 0;
  Instant at;
  std::string actor;       // username, or "system"
  std::string actor_name;  // the user's display name now; empty when unknown
  std::string action;      // "user.disabled"
  std::string what;        // in words: "Account disabled"
  std::string record_kind;
  std::string record_id;
  std::string record;      // in words: "User 12", "Contact 4"; empty when the event is about no one record
  nlohmann::json details = nlohmann::json::object();  // the payload, secrets withheld
  std::optional<std::int64_t> erased_by;               // the retention.purged event that erased the payload
};

struct AuditListing {
  std::vector<AuditRow> rows;  // newest first
  std::int64_t total = 0;      // events matching the filters
  int page = 1;
  int page_size = kAuditPageSize;
  audit::VerifyReport chain;   // the whole chain, checked as the page is read
};

// The events matching `query`, newest first, a page at a time, with the chain verified from the first
// event (audit::Verify). Audited as "audit.viewed" once the page is read.
// Errors: kForbidden (not Action::kVerifyAudit); kInvalid naming each bad filter: "event_type",
// "who", "record_kind", "record_id", "from", "to", "page", "page_size".
Result<AuditListing> ReadAuditLog(AppContext& ctx, const Actor& actor, const AuditQuery& query);

// The chain's state in words: "The log verifies up to event 120." or where and why it breaks.
std::string ChainStateInWords(const audit::VerifyReport& chain);

// An event's name in words ("user.disabled" → "Account disabled"), and a record in words
// ("contact", "4" → "Contact 4").
std::string ActionInWords(const std::string& action);
std::string RecordInWords(const std::string& kind, const std::string& id);

}  // namespace fd::app
