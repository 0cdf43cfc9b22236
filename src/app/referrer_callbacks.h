// KCR-17, HCR-24: once a decision is authorised the referrer hears the outcome. frontdoor e-mails it
// where it may (app/referrer_messages.h); a referrer with no address it may use but a phone number
// (a member of the public, a GP's receptionist who rang) is rung instead, by the social worker who
// proposed the decision. That call is a task on their home page and on the contact page, with what
// they may say, which they mark done with a note (audited). The pack's `tell-referrer` timescale,
// when it has one, makes it a deadline too; without one the task has no due time. Anonymous
// referrers are not rung; a professional with neither a secure address nor a phone number still gets
// the task, saying so, so that they are not left untold (KCR-17).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/contact.h"
#include "domain/error.h"
#include "policy/policy_pack.h"
#include "store/referrer_callback_records.h"
#include "store/store.h"

namespace fd::app {

// The pack timescale that makes the call a deadline (docs/policy-packs.md).
inline constexpr const char* kTellReferrerTimescale = "tell-referrer";

// Whether an authorised decision's outcome is told to `referrer` by a call (a task for the worker):
// not anonymous, no e-mail address frontdoor may use (ReferrerEmailAddress), and a phone number
// given or, KCR-17, a professional, who is always told: without a phone number the task says so
// (NoPhoneWords). Pure.
bool TellsReferrerByPhone(const Referrer& referrer, const policy::PolicyPack& pack);
// For a referrer who gave no phone number: that none was given (nor a secure address), what is known
// of them (name, role, organisation, e-mail), and to find another way to tell them. Empty when a
// phone number was given. Pure.
std::string NoPhoneWords(const Referrer& referrer);

// What may be said to the referrer once a decision is authorised (KCR-17): a professional the
// outcome and next steps, a member of the public only that the concern was looked at and acted on.
// The words of a chase after the decision (RecordChase) too.
std::string TellOutcomeWords(const Contact& contact, const policy::PolicyPack& pack);

// Opens the call for `contact` (decided by `decision_id`, proposed by `proposer`), and its deadline
// when the pack in force at receipt has the timescale. REQUIRES: a write transaction; the caller has
// checked TellsReferrerByPhone.
void OpenReferrerCallback(store::Transaction& tx, const AppContext& ctx, const Contact& contact,
                          std::int64_t decision_id, std::int64_t proposer, Instant now);

struct ReferrerCallbackView {
  store::ReferrerCallback callback;
  std::string tell;                 // TellOutcomeWords
  std::string no_phone;             // NoPhoneWords: empty when there is a number to ring
  std::optional<Instant> due_at;    // the deadline's, when the pack made it one
  // Calls made for earlier decisions (a reopened duplicate's, told its original's outcome), oldest
  // first: kept as they were recorded (HCR-24). Filled by ReadReferrerCallback only.
  std::vector<store::ReferrerCallback> earlier;
};

// The contact's current call, if it has one, with its earlier ones, as the contact page shows it.
// The caller has authorised reading the contact.
std::optional<ReferrerCallbackView> ReadReferrerCallback(const AppContext& ctx, store::Transaction& tx,
                                                         std::int64_t contact_id);
// The same, read in its own transaction. Errors: kForbidden, kNotFound (no contact, or no call).
Result<ReferrerCallbackView> ContactReferrerCallback(AppContext& ctx, const Actor& actor, std::int64_t contact_id);
// The calls still to make that are the actor's, oldest first. Errors: kForbidden.
Result<std::vector<ReferrerCallbackView>> ReferrersToTell(AppContext& ctx, const Actor& actor);

// Records that the referrer was told, with a note of the call (required: who was spoken to, what
// was said), meets the deadline if there is one, and audits it ("contact.referrer_told"). Errors:
// kForbidden, kNotFound, kConflict (no call open), kInvalid naming "note".
Result<void> RecordReferrerTold(AppContext& ctx, const Actor& actor, std::int64_t contact_id, const std::string& note);

}  // namespace fd::app
