// Idempotency keys for machine intake (issue 12 point 4; docs/api.md "Idempotency keys"). A system
// that posts a contact and loses the answer (a time-out, a dropped connection) sends it again with
// the same Idempotency-Key; it gets the first answer again, never a second contact. Keys belong to
// the account that sent them (every integration's token acts for an account of its own) and are
// kept 30 days, or until the contact they created is purged.
#pragma once

#include <chrono>
#include <string>

#include <nlohmann/json.hpp>

#include "app/actor.h"
#include "app/contacts.h"  // IdempotencyKey
#include "app/context.h"
#include "domain/contact.h"
#include "domain/error.h"

namespace fd::app {

// How long a key is remembered. A resend comes within minutes or hours; a month covers a partner's
// system being down over a holiday, and is short enough that the table stays small.
inline constexpr std::chrono::days kIdempotencyKeyRetention{30};
inline constexpr std::size_t kMaxIdempotencyKeyLength = 255;


// The SHA-256 of the body in canonical JSON (keys sorted, no spaces), so a resend that differs only
// in spacing or key order is still the same request.
std::string RequestFingerprint(const nlohmann::json& body);

struct RecordedOnce {
  Contact contact;
  bool replayed = false;  // true: the key was seen before and this is the contact it created then
};

// A key as the API takes it: 1…255 printable ASCII characters. Errors: kInvalid naming "Idempotency-Key".
Result<void> CheckIdempotencyKey(const std::string& key);

// RecordContact, once per key: the first call records the contact and stores the key in the same
// transaction (durable before the answer); a later call with the same key and fingerprint returns
// that contact, replayed, and records nothing. Resends are serialised by the write transaction, so
// concurrent ones create one contact between them.
// Errors: as RecordContact; kInvalid naming "Idempotency-Key" when the key is malformed, or was used
// before with a different body (nothing is recorded; the first contact stands).
Result<RecordedOnce> RecordContactOnce(AppContext& ctx, const Actor& actor, const ContactDraft& draft,
                                       const IdempotencyKey& key);

}  // namespace fd::app
