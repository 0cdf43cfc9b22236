// Referrer status links (issue 12 point 3; KCR-17, HCR-24, HCR-33; docs/security.md "Status
// links"). When a contact is recorded and frontdoor may e-mail its referrer (a professional on a
// secure domain, or a member of the public who gave an address: KCR-5), it makes an unguessable
// link and sends it with the acknowledgement. The link's page shows only the stage, and after the
// decision what that referrer may be told (domain/referrer_status.h). It expires after the pack's
// period, staff can revoke it, looks are limited per address, and every look is audited.
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "app/email_delivery.h"
#include "domain/contact.h"
#include "domain/error.h"
#include "domain/referrer_status.h"
#include "policy/policy_pack.h"
#include "store/store.h"

namespace fd::app {

struct IssuedStatusLink {
  std::int64_t id = 0;
  std::string url;  // the absolute link for the referrer: public_url + "/status/" + secret
};

// Makes the contact's status link when its referrer may be e-mailed; nullopt otherwise. The secret
// (32 random bytes) is returned once, in the URL, and only its SHA-256 is stored. Audits
// status_link.created (never the secret). REQUIRES: a write transaction and the contact's row.
std::optional<IssuedStatusLink> IssueStatusLink(store::Transaction& tx, const AppContext& ctx, const Contact& contact,
                                                const policy::PolicyPack& pack, Instant now);

// What of a sent e-mail's body the outbox keeps (notify::OutboxWorkerOptions::kept_after_sending):
// the body with every status link's secret replaced, "/status/[sent: not kept]". Until it is sent
// the secret must stay (a resend after a crash carries the same link); once sent it is in the
// referrer's mailbox, and the store keeps only its SHA-256 (docs/security.md). Migration 0028 does
// the same to e-mails sent before.
inline constexpr std::string_view kStatusSecretNotKept = "[sent: not kept]";
std::string WithoutStatusSecrets(std::string_view body);

// What one look at a status link came to.
struct StatusLook {
  enum class Outcome { kShown, kUnknown, kExpired, kRevoked, kTooMany };
  Outcome outcome = Outcome::kUnknown;
  std::optional<ReferrerStatus> status;  // kShown only
  std::string authority_name;            // for the page's heading, whatever the outcome
  std::chrono::seconds retry_after{0};   // kTooMany only
};

// A referrer (no sign-in) opening their link. Counted against `address` first (ctx.status_throttle, in
// the database, so across every node), so unknown secrets are limited like known ones. A shown
// status is audited as status_link.viewed on the contact, and a look at an expired or revoked link as
// status_link.refused; an unknown secret has no record to audit and is logged (address only). Faults
// throw StoreFault.
StatusLook LookAtStatus(AppContext& ctx, const std::string& secret, const std::string& address);

struct StatusLinkInfo {
  std::int64_t id = 0;
  Instant created_at;
  Instant expires_at;
  StatusLinkState state = StatusLinkState::kActive;
  std::optional<Instant> revoked_at;
  std::string revoked_by_name;
  std::string revoke_reason;
  std::int64_t looks = 0;  // status_link.viewed events
  // The e-mail that carries the link to the referrer (the acknowledgement, or for a phoned-in contact
  // an e-mail of its own): made is not sent, so pages say which it is. nullopt: none was queued.
  std::optional<EmailDelivery> email;
};

// A contact's links, oldest first (staff: those who may view the contact). Errors: kForbidden,
// kNotFound.
Result<std::vector<StatusLinkInfo>> StatusLinksOfContact(AppContext& ctx, const Actor& actor, std::int64_t contact_id);

// Revokes every working link of the contact, with a reason (the e-mail went to the wrong person, the
// referrer asked, a safeguarding worry about what the page shows). Errors: kForbidden, kNotFound,
// kInvalid on "reason"; kConflict when no link is working. Audits status_link.revoked.
Result<int> RevokeStatusLinks(AppContext& ctx, const Actor& actor, std::int64_t contact_id, const std::string& reason);

}  // namespace fd::app
