// Idempotency keys in the store (migration 0022; docs/api.md "Idempotency keys"). Backend-neutral:
// written against Transaction. A key belongs to one account; its row names the contact it created
// and the SHA-256 of the request that created it, nothing else.
#pragma once

#include <cstdint>
#include <optional>
#include <string>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

struct IdempotencyKeyRecord {
  std::int64_t user_id = 0;
  std::string key;
  std::string request_hash;
  std::int64_t contact_id = 0;
  Instant created_at;
};

// The key `user_id` sent, if it is stored and was written at or after `not_before` (older keys have
// expired even if not yet deleted). REQUIRES: a write transaction when the caller may then insert,
// so two resends of one key are serialised and only one of them inserts.
std::optional<IdempotencyKeyRecord> FindIdempotencyKey(Transaction& tx, std::int64_t user_id, const std::string& key,
                                                       Instant not_before);
// Stores a key; deletes every key written before `expire_before` first (what makes the retention
// hold without a job of its own), including an expired row of this same key.
void InsertIdempotencyKey(Transaction& tx, const IdempotencyKeyRecord& record, Instant expire_before);

}  // namespace fd::store
