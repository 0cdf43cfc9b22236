// The audit log: every change is appended, in the same transaction as the change itself, as an
// event chained to the previous one by SHA-256(previous hash + canonical event). Editing,
// inserting or deleting any event breaks the chain, and `frontdoor audit verify` finds where.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include <nlohmann/json.hpp>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::audit {

struct AuditEvent {
  Instant at;
  std::optional<std::int64_t> actor_id;  // none for the system itself (migrations, seeding)
  std::string actor;                     // username, or "system"
  std::string action;                    // "contact.created", "login.succeeded", …
  std::string record_type;               // "contact", "user", …
  std::string record_id;
  nlohmann::json changes = nlohmann::json::object();  // what changed; never secrets
};

// Appends `event` inside `tx`. REQUIRES: tx is a write transaction (the chain head row is
// updated, which also serialises concurrent appenders). Returns the event's sequence number.
std::int64_t Append(store::Transaction& tx, const AuditEvent& event);

// The exact bytes that are hashed for an event: compact JSON with keys in sorted order. Events
// written since migration 0014 pass the payload's SHA-256 (`changes_hash`), so the payload can be
// erased by retention and the chain still verifies; older events pass the payload itself.
std::string CanonicalEvent(std::int64_t seq, const std::string& at, const std::optional<std::int64_t>& actor_id,
                           const std::string& actor, const std::string& action, const std::string& record_type,
                           const std::string& record_id, const std::string& changes_json,
                           const std::optional<std::string>& changes_hash);
std::string CanonicalEvent(std::int64_t seq, const std::string& at, const std::optional<std::int64_t>& actor_id,
                           const std::string& actor, const std::string& action, const std::string& record_type,
                           const std::string& record_id, const std::string& changes_json);
std::string Sha256Hex(std::string_view bytes);

// Retention: erases the payload of every erasable event about one record, naming the
// "retention.purged" event (`erased_by`, appended earlier in the same transaction) that did it.
// Returns how many payloads were erased and how many older events (before migration 0014) keep
// theirs because the chain covers the payload itself.
struct Erasure {
  std::int64_t erased = 0;
  std::int64_t kept = 0;
};
Erasure ErasePayloads(store::Transaction& tx, const std::string& record_type, const std::string& record_id,
                      std::int64_t erased_by);

struct VerifyReport {
  bool intact = true;
  std::int64_t events_checked = 0;
  std::int64_t events_erased = 0;  // payloads erased by retention, each traced to its purge event
  std::optional<std::int64_t> first_bad_seq;  // the first event that does not verify
  std::string problem;                         // what is wrong, in words
  // The last event when intact. audit_head can be edited along with a deleted tail, so only a copy
  // of these kept elsewhere (and HashOfEvent later) shows the end of the log is still there.
  std::int64_t head_seq = 0;
  std::string head_hash;
};

// Walks the whole chain from the first event and checks each hash, the sequence and the head.
VerifyReport Verify(store::Store& store);

// The chained hash of event `seq`; nothing when there is no such event.
std::optional<std::string> HashOfEvent(store::Store& store, std::int64_t seq);

}  // namespace fd::audit
