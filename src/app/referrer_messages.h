// What frontdoor tells referrers, and whether it may e-mail them at all: the acknowledgement
// (HCR-22), the outcome for professionals and its confidential form for the public (KCR-17,
// HCR-24, HCR-33), a returned red form (HCR-9). Secure channels only (KCR-5); a non-professional
// referrer's identity never appears in anything sent elsewhere (KCR-14).
#pragma once

#include <optional>
#include <string>

#include "app/actor.h"
#include "calendar/working_calendar.h"
#include "app/disclosures.h"
#include "domain/contact.h"
#include "domain/decision.h"
#include "policy/policy_pack.h"
#include "store/store.h"

namespace fd::app {

// KCR-5: the referrer's address when frontdoor may e-mail it: a professional's only on the pack's
// secure domains; a member of the public's own address (they gave it to hear back). nullopt for
// anonymous referrers, no address, or an insecure professional address.
std::optional<std::string> ReferrerEmailAddress(const Referrer& referrer, const policy::PolicyPack& pack);
// IR-1, IR-8, IR-3: false for a contact opened to process a request for information (the request
// names it: information_requests.contact_id): its requester is never told anything of it as a
// referrer (no status link, outcome or call); every way of telling a referrer asks this first.
bool ReferrerIsTold(store::Transaction& tx, const Contact& contact);

// KCR-17, HCR-24: a professional is told the outcome, by e-mail only to a secure address (KCR-5). At
// intake, one who gave an address that is not secure (a typo like "nhs.ent", a school's own domain)
// and no phone number could not be told it at all: the message for the phone field saying why, in
// staff's words ("the referrer") or, `to_referrer`, the portal's ("you"); nullopt when nothing is
// missing, or when another check already names the problem (no address, one not like an address).
std::optional<std::string> PhoneNeededToHearOutcome(const ContactDraft& draft, const policy::PolicyPack& pack,
                                                    bool to_referrer);
// What a professional's receipt says about hearing the outcome (KCR-17, HCR-24): e-mailed to their
// secure address, or rung on their phone when it cannot be e-mailed. Empty for the public (their
// receipt is unchanged) and for a contact not screened at the front door (returned, or the LADO's).
std::string HowTheOutcomeIsTold(const Contact& contact, const policy::PolicyPack& pack);

struct Message {
  std::string subject;
  std::string body;
};

// `status_url`: the referrer's status link (app/status_links.h), or empty when none was made.
// `calendar` and `now`: the pack's calendar and the time it is sent, for what is true now (HCR-9, HCR-18).
// `what_happens_next`: words that replace WhatHappensNext's, when the caller knows more of what is
// true now (an urgent contact while the front door is closed: app/out_of_hours.h ClosedReceipt).
Message AcknowledgementMessage(const Contact& contact, const policy::PolicyPack& pack,
                               const calendar::WorkingCalendar& calendar, Instant now,
                               const std::string& status_url = "", const std::string& what_happens_next = "");
// The status link, for a contact acknowledged on the phone; `asked` (app/call_confirmations.h
// WrittenConfirmationRequest) what else the referrer is asked to do, when anything (HCR-15).
Message StatusLinkMessage(const Contact& contact, const policy::PolicyPack& pack, const std::string& status_url,
                          const std::string& asked = "");
// KCR-17: professionals are told the disposal; the public a confidential form (HCR-24, HCR-33).
Message OutcomeMessage(const Contact& contact, const Decision& decision, const policy::PolicyPack& pack,
                       const std::optional<std::string>& referral_team);
// HCR-9: the returned form's e-mail, saying ReturnedFormText.
Message ReturnedFormMessage(const Contact& contact, const policy::PolicyPack& pack,
                            const calendar::WorkingCalendar& calendar, Instant now);

// Issue 12 point 2: the outcome told to the referrer, as the lawful-basis ledger records it, however
// it is told (e-mail, phone): about the children decided on, on the pack's basis for feedback to
// referrers; a professional hears the outcome and next steps, a member of the public only that
// action was taken (KCR-17, HCR-24, HCR-33). The caller names the counterpart, who authorised it
// and the cause's id; a member of the public is never named in the ledger (KCR-14).
Disclosure OutcomeToReferrer(const Contact& contact, const Decision& decision, const policy::PolicyPack& pack,
                             const Actor& actor, Instant now);

// What happens next, as the receipt, the acknowledgement and the status page all say it, by where
// the contact went at receipt: returned to the school (HCR-9), passed to the LADO (HCR-4, HCR-33),
// or a social worker looks at it. The last whether it waits at the front door or went to the
// allocated worker of a child whose case is open: that routing comes from the register, and the
// sender is never told it (KCR-17; domain/referrer_status.h). Said at receipt: `now` is then.
std::string WhatHappensNext(const Contact& contact, const policy::PolicyPack& pack,
                            const calendar::WorkingCalendar& calendar, Instant now);
// HCR-9: a returned red form: not progressed, consult the Hub first, and how: its number when the pack
// gives one (else where to ask for it), its hours in words and, when it is closed at `now`, when it
// opens again (HCR-8); and, if a child is at imminent risk after all, whom to call now (HCR-12,
// HCR-18: 999, and the front door in its hours or the out-of-hours service out of them).
std::string ReturnedFormText(const policy::PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant now);

// Queues `message` to the referrer when ReferrerEmailAddress allows, once per purpose per contact.
// Returns whether an e-mail was queued. REQUIRES: a write transaction.
bool QueueReferrerEmail(store::Transaction& tx, const Contact& contact, const policy::PolicyPack& pack,
                        const std::string& purpose, const Message& message, Instant now);

// Queues the outcome of `decision_id` to the referrer (KCR-17, HCR-24), as QueueReferrerEmail does,
// but once per decision rather than once per contact: a duplicate told its original's outcome, then
// reopened and decided on its own, is told the new outcome too. The first outcome keeps the key
// "contact:{id}:outcome"; a later one adds ":decision-{id}". Returns whether an e-mail was queued.
bool QueueOutcomeEmail(store::Transaction& tx, const Contact& contact, const policy::PolicyPack& pack,
                       std::int64_t decision_id, const Message& message, Instant now);

}  // namespace fd::app
