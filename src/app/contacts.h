// Contacts: record one, read one, list them. KCR-18: every contact is recorded.
#pragma once

#include "app/actor.h"
#include "app/context.h"
#include "app/deadlines.h"
#include "domain/contact.h"
#include "domain/referrer_status.h"
#include "store/contact_records.h"
#include "store/same_child_records.h"
#include "store/workflow_records.h"

namespace fd::app {

inline constexpr int kMaxPageSize = 100;

// Validates the draft (every problem at once, each naming its field), gives the contact its
// reference and received time, and records it with its audit event in one transaction. The received
// time is the draft's (a call taken before it was typed: never in the future, at most the pack's
// [intake] received_days_before earlier) or now; routing and every deadline count from it.
// Errors: kForbidden (role), kInvalid (fields). Faults (storage) throw StoreFault.
Result<Contact> RecordContact(AppContext& ctx, const Actor& actor, const ContactDraft& draft);
// A contact that reached the front door before it is recorded: a police notification, recorded when a
// team manager triages it. KCR-8, HCR-27: the decision is due a working day after the referral was
// received, so its received time and its deadlines count from that receipt, not from the triage.
// It may be urgent for a reason other than a significant-harm indicator ticked at intake (the force
// graded the risk high); `urgent_note` says why, on the contact's routing note.
struct EarlierReceipt {
  Instant received_at;
  bool urgent = false;
  std::string urgent_note;
  bool police_notification = false;  // opened from a police notification: its channel may say so
  std::string note;                  // added to the routing note, urgent or not
  // Received when the one who recorded it says (ContactDraft::received_at): routed by that time too
  // (HCR-18), where a police notification is routed when it is triaged.
  bool typed_later = false;
};
// Where the referrer's details come from. Typed at intake (the API and pages), a professional who
// cannot be e-mailed the outcome must give a phone number (KCR-17, HCR-24); copied from another
// record (IR-1: a request for information) they are what that record has, and a referrer with no
// way to be told gets a task instead (app/referrer_callbacks.h).
enum class ReferrerDetails { kAtIntake, kFromAnotherRecord };
// RecordContact inside the caller's write transaction, for a use case that opens a contact as part
// of its own change (IR-1: a request for information about a closed child). Does not commit.
Result<Contact> RecordContactIn(AppContext& ctx, store::Transaction& tx, const Actor& actor, const ContactDraft& draft,
                                const std::optional<EarlierReceipt>& earlier = std::nullopt,
                                ReferrerDetails details = ReferrerDetails::kAtIntake);
// HCR-16: what a portal referrer is given back: the reference and time (their receipt) and, when
// they ticked a significant-harm indicator, the urgent route and 999 advice (HCR-12, HCR-13).
// What happens next is what is true of this contact: a red form returned to the school (HCR-9), a
// concern passed to the LADO (HCR-33), or a social worker looks at it. Never whether it went to the
// allocated worker of a child whose case is open (KCR-17: the receipt is the same either way).
struct PortalReceipt {
  std::string reference;
  Instant received_at;
  bool urgent = false;
  std::string urgent_advice;
  // Where an urgent request is in the queue; out of the intake service's hours (HCR-18) that it went
  // to the out-of-hours service, as urgent_advice then says instead of calling a closed line.
  std::string urgent_priority;
  RoutedTo routed_to = RoutedTo::kFrontDoor;  // kFrontDoor also for the allocated worker: see above
  std::string what_happens_next;              // app/referrer_messages.h WhatHappensNext
  // HCR-18, KCR-8: for a request at the front door, whether it is open now (policy/front_door_hours.h)
  // and, when closed, when it opens again (nullopt when it never does, as far as the calendar looks).
  bool front_door_open = true;
  std::optional<Instant> front_door_opens;
  // CAL-3, KCR-8, HCR-27: a routine request's, when the decision is due: the deadline recorded for it
  // (what_happens_next says it in words while the front door is closed). nullopt for an urgent one
  // (its clocks run at once), a returned form or one passed to the LADO.
  std::optional<Instant> decision_due;
  // An e-mail with their reference is on its way: the acknowledgement or, for a returned form, the
  // return (HCR-22, HCR-9). Only to an address frontdoor may e-mail (KCR-5).
  bool acknowledgement_emailed = false;
  // KCR-17, HCR-24: how a professional hears the outcome (app/referrer_messages.h HowTheOutcomeIsTold).
  std::string how_outcome_told;
  // Their status link (issue 12 point 3), when one was made and may be shown on screen; empty otherwise.
  std::string status_url;
  // KCR-17: a professional's link shows the outcome once decided, and the portal cannot check that the
  // sender is the professional they say: their link goes only to the address they gave, which must be
  // one frontdoor may e-mail (KCR-5), so only whoever reads that address can open it.
  bool status_link_emailed_only = false;
  Contact contact;  // what they submitted, for their own record
  bool replayed = false;  // the same request sent again (`key`): this is the contact it made the first time
};
// A request's idempotency key (app/idempotent_contacts.h).
struct IdempotencyKey {
  std::string key;          // as sent: 1…255 printable ASCII characters
  std::string fingerprint;  // RequestFingerprint of the request body
};
// The public Request for Support portal: no sign-in; recorded by the portal account. Errors: kInvalid.
// With `key` (the portal form's own, or an API caller's Idempotency-Key), the same request sent again
// (a double click, a refresh, the back button) answers with the first receipt and records nothing:
// no second contact, no second e-mail. A replay has no status link to give (only its hash is kept);
// the first receipt and the e-mail have it. The same key with other answers is a new request (someone
// went back and changed what they wrote): it is recorded, so nothing they wrote is lost.
// Each new request is counted against the sender's `address` (ctx.portal_throttle, in the database in
// the transaction that records the contact, so every node counts the same requests); past the limit it
// is refused, kTooMany with retry_after, and nothing is recorded or sent. Only requests that would be
// recorded count: a form sent back for a correction, or a replay, costs nobody their allowance.
Result<PortalReceipt> SubmitPortalContact(AppContext& ctx, ContactDraft draft,
                                          const std::optional<IdempotencyKey>& key = std::nullopt,
                                          const std::string& address = "");

// HCR-5: notices to the signed-in user (a contact about a child allocated to them), newest first.
std::vector<store::StaffNotice> UnreadNotices(AppContext& ctx, const Actor& actor);

// Errors: kForbidden, kNotFound. Not audited: for re-reads (after a change, a refused form).
Result<Contact> GetContact(AppContext& ctx, const Actor& actor, std::int64_t id);
// A contact as it is opened: with its deadlines and the referrer's acknowledgements, read in the
// same transaction, so what is shown is one moment's (two reads could show a contact decided beside
// its decision deadline still open).
struct OpenedContact {
  Contact contact;
  DeadlineQueue deadlines;
  std::vector<store::SameChildContact> same_child;  // KCR-10, HCR-30 (app/same_child.h)
  std::optional<Screening> screening;  // its answers count toward the checklist (KCR-7)
  // HCR-9: a returned form no e-mail could carry, its call not yet recorded: ReturnNotSentWords
  // (app/returned_forms.h); empty otherwise.
  std::string return_not_sent;
};
// Someone opening the contact (GET /api/v1/contacts/{id}): the contact and its deadlines, and the
// look recorded as "contact.viewed", durable before this returns (app/record_access.h,
// app/read_audit.h). Errors as GetContact.
Result<OpenedContact> OpenContact(AppContext& ctx, const Actor& actor, std::int64_t id);
Result<Contact> GetContactByReference(AppContext& ctx, const Actor& actor, const std::string& reference);
// Newest first. Errors: kForbidden, kInvalid (page < 1, page_size outside 1…kMaxPageSize).
Result<store::ContactPage> ListContacts(AppContext& ctx, const Actor& actor, int page, int page_size);

// The work queues: front-door, out-of-hours, lado, allocated-worker (the actor's own), to-screen (the
// contacts the actor screens, allocated to them or started by them; a team manager: every contact with
// a screener), returned.
const std::vector<std::string>& QueueIds();
// Urgent first, then oldest first. Errors: kForbidden, kInvalid (unknown queue, paging).
// `urgent_only`: the urgent contacts alone; `awaiting_authorisation`: those whose proposed decision
// awaits a manager's authorisation (KCR-16); `overdue_only`: those whose decision is overdue now
// (KCR-8, HCR-27), however old. The page also says which contacts are repeats (another
// contact about the child is open) and when each must be decided by.
Result<store::ContactPage> ListQueue(AppContext& ctx, const Actor& actor, const std::string& queue, int page,
                                     int page_size, bool urgent_only = false,
                                     bool awaiting_authorisation = false, bool overdue_only = false);

}  // namespace fd::app
