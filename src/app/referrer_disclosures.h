// KCR-14 and issue 8 point 2: giving a member of the public's identity to anyone outside the front
// door (a school, the police, a parent's solicitor) needs a recorded basis, and every time it is
// given is recorded. The rules are pure (domain/referrer_disclosure.h); these use cases authorise,
// read the facts, and write the record with its audit event in one transaction.
//
// Who: those who speak to the referrer and may see their identity (Action::kViewReferrerIdentity:
// contact officers, social workers, team managers) record the referrer's answer and disclose on it.
// A disclosure on a manager's authorisation (a court order, say, or a safeguarding need that outweighs
// a refusal) is recorded by the team manager who authorises it (Action::kAuthoriseSharing, which no
// API token scope carries: it needs a person), naming the colleague who asked; never the manager's
// own request. The manager then is the one who passes the identity on.
//
// Audit events ("contact" records, so retention erases them with the contact):
// "referrer.consent_recorded" {consent_id, given, method} and "referrer.identity_disclosed"
// {disclosure_id, basis, consent_id, requested_by, authorised_by, recipient_organisation}: ids,
// the basis and the organisation only, never the referrer's name or what the consent says; and
// "referrer.identity_viewed" {reason, disclosure_id} when a re-sent disclosure shows the identity again.
#pragma once

#include <chrono>
#include <cstdint>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/contact.h"
#include "domain/error.h"
#include "domain/referrer_disclosure.h"
#include "store/referrer_disclosure_records.h"

namespace fd::app {

// Records the referrer's answer (yes or no, how, what it covers). Errors: kForbidden; kNotFound;
// kConflict when the referrer's identity is not protected (a professional, or anonymous); kInvalid
// naming "given", "method", "covers".
Result<store::ReferrerConsentRow> RecordReferrerConsent(AppContext& ctx, const Actor& actor,
                                                        std::int64_t contact_id, const ConsentDraft& draft);

// A disclosure recorded, and the identity it gave: the answer is the disclosure itself (what the
// discloser passes on), so it carries the referrer as recorded.
struct ReferrerDisclosed {
  store::ReferrerDisclosureRow disclosure;
  Referrer referrer;
  bool repeated = false;  // the same disclosure was just recorded (a re-sent form): nothing new recorded
};

// A re-sent form (a refresh, a double click, the back button) within kResentFormWindow of the same
// user's identical disclosure (same recipient, reason and basis) answers with that disclosure, not a
// second.

// Discloses the identity to a named person at an organisation, with a reason, on the referrer's
// consent (the latest answer, which must be yes) or a manager's authorisation (see above).
// The same user's identical disclosure within kResentFormWindow is answered, `repeated`: the
// disclosure is not recorded again (neither it, its "referrer.identity_disclosed" event nor its
// ledger row), but as the answer shows the identity again, that look is audited as
// "referrer.identity_viewed" {reason: the disclosure's, disclosure_id}, like any other reveal.
// Errors: kForbidden; kNotFound; kConflict when the identity is not protected; kInvalid as
// DecideDisclosure says, naming each field.
Result<ReferrerDisclosed> DiscloseReferrerIdentity(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                                   const DisclosureDraft& draft);

// The contact's consent answers and disclosures (who, to whom, when, on what basis), oldest first.
// Holds nothing of the referrer's identity, so reading it is not audited. Also for the data protection
// officer (Action::kViewDisclosures), who gets it with the free text blanked (what a consent covers,
// the reasons), as that may name the referrer. Errors: kForbidden; kNotFound.
struct ReferrerSharingRecord {
  bool identity_protected = false;  // false: a professional or anonymous referrer, nothing to disclose
  bool free_text_withheld = false;  // the reader may not see the identity, so the free text is blank
  std::vector<store::ReferrerConsentRow> consents;
  std::vector<store::ReferrerDisclosureRow> disclosures;
};
Result<ReferrerSharingRecord> ListReferrerDisclosures(AppContext& ctx, const Actor& actor, std::int64_t contact_id);

}  // namespace fd::app
