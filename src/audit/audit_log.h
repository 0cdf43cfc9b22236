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
  std::string action;                    // "contact.created", "user.signed_in", …
  std::string record_type;               // "contact", "user", …
  std::string record_id;
  nlohmann::json changes = nlohmann::json::object();  // what changed; never secrets
};

// Appends `event` inside `tx`. REQUIRES: tx is a write transaction (the chain head row is
// updated, which also serialises concurrent appenders). Returns the event's sequence number.
std::int64_t Append(store::Transaction& tx, const AuditEvent& event);

// The exact bytes that are hashed for an event: compact JSON with keys in sorted order.
std::string CanonicalEvent(std::int64_t seq, const std::string& at, const std::optional<std::int64_t>& actor_id,
                           const std::string& actor, const std::string& action, const std::string& record_type,
                           const std::string& record_id, const std::string& changes_json);
std::string Sha256Hex(std::string_view bytes);

struct VerifyReport {
  bool intact = true;
  std::int64_t events_checked = 0;
  std::optional<std::int64_t> first_bad_seq;  // the first event that does not verify
  std::string problem;                         // what is wrong, in words
};

// Walks the whole chain from the first event and checks each hash, the sequence and the head.
VerifyReport Verify(store::Store& store);

}  // namespace fd::audit
