#include "app/idempotent_contacts.h"

#include "app/contacts.h"
#include "app/permissions.h"
#include "audit/audit_log.h"
#include "store/contact_records.h"
#include "store/idempotency_records.h"

namespace fd::app {
namespace {

constexpr const char* kField = "Idempotency-Key";

}  // namespace

Result<void> CheckIdempotencyKey(const std::string& key) {
  if (key.empty() || key.size() > kMaxIdempotencyKeyLength)
    return std::unexpected(Error::InvalidField(kField, "Send an Idempotency-Key of 1 to 255 characters"));
  for (char c : key)
    if (c < 0x21 || c > 0x7e)
      return std::unexpected(
          Error::InvalidField(kField, "An Idempotency-Key may hold only printable ASCII characters, without spaces"));
  return {};
}

std::string RequestFingerprint(const nlohmann::json& body) { return audit::Sha256Hex(body.dump()); }

Result<RecordedOnce> RecordContactOnce(AppContext& ctx, const Actor& actor, const ContactDraft& draft,
                                       const IdempotencyKey& key) {
  if (auto allowed = Authorise(actor, Action::kRecordContact); !allowed) return std::unexpected(allowed.error());
  if (auto valid = CheckIdempotencyKey(key.key); !valid) return std::unexpected(valid.error());
  const Instant now = ctx.clock.Now();
  const Instant expired_before = now - kIdempotencyKeyRetention;
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  if (auto seen = store::FindIdempotencyKey(*tx, actor.user_id, key.key, expired_before)) {
    if (seen->request_hash != key.fingerprint)
      return std::unexpected(Error::InvalidField(
          kField, "This Idempotency-Key was already used for a different contact: send a new key for a new contact"));
    auto contact = store::FindContact(*tx, seen->contact_id);
    if (!contact) return std::unexpected(Error::NotFound("The contact this Idempotency-Key created no longer exists"));
    return RecordedOnce{std::move(*contact), true};
  }
  auto contact = RecordContactIn(ctx, *tx, actor, draft);
  if (!contact) return std::unexpected(contact.error());
  store::InsertIdempotencyKey(*tx, {actor.user_id, key.key, key.fingerprint, contact->id, now}, expired_before);
  tx->Commit();
  return RecordedOnce{std::move(*contact), false};
}

}  // namespace fd::app
