// Requests for information from other agencies (Hertfordshire section 8, IR-1…IR-10;
// docs/information-requests.md). A request of one of the pack's types is recorded with what came
// with it; evidence is added as it arrives; the decision (domain/information_request.h) either
// returns it naming exactly the evidence still required (IR-4, IR-5, IR-7, IR-10) or routes it by
// the child's state on the register (IR-1: open → the allocated worker is told; closed → a contact is
// opened through the contacts use case; IR-8: the legal helpdesk too; IR-9: the Data Protection Team
// only). A contact opened to process a request records the request it serves, and its requester is
// never told anything of it as a referrer would be (IR-3: the answer goes only by the request's own
// answer, limited to what the type may say). The answer is recorded item by item — what, to whom, how, when, on whose authority — after
// a manager's review where the type needs one (IR-7), and only by an allowed channel (IR-2, IR-6,
// KCR-5); what may be said is limited by the type (IR-3). A refusal records the evidence required.
//
// Every use case authorises first (permissions.h: information-request.record, .review,
// .data-protection), validates naming each field, and writes with its audit event (ids, kinds and
// counts only, never names) in one transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"
#include "domain/information_request.h"
#include "policy/policy_pack.h"
#include "store/information_request_records.h"

namespace fd::app {

struct InformationRequestDraft {
  std::string type;
  std::string requester_name, requester_organisation, requester_role, requester_email, requester_phone;
  // Whom it is about: names and date of birth (looked up on the register), or a register record the
  // user chose (person_id).
  std::string subject_first_names, subject_last_name, subject_date_of_birth;
  std::optional<std::int64_t> person_id;
  std::string details;             // what is asked for
  bool identity_in_doubt = false;  // IR-10
  InformationEvidence evidence;    // what came with the request
  // When it reached the front door, if before it is recorded (an e-mail read later): the API's ISO
  // 8601 time with offset, or the page's local date and time. Never in the future; empty: now.
  std::string received_at, received_date, received_time;
  // Problems found reading the request (the API's JSON: a mistyped field), reported with every other
  // problem the use case finds, so one answer names them all.
  std::vector<FieldError> reading_errors;
};

// Evidence as it arrives; only the fields given change. Every change is logged with who and when.
struct InformationEvidenceUpdate {
  std::optional<bool> safeguarding_purpose, consent, signed_parental_consent, identity_verified, investigatory_body,
      identity_in_doubt;
  std::optional<std::string> reasons;      // IR-7
  std::optional<std::string> reply_email;  // a corrected address to answer to (IR-2, IR-6)
  // How it came: "Consent form received by e-mail". IR-10: required, saying what evidence was given,
  // to withdraw "identity in doubt" or to mark the identity verified while it is in doubt.
  std::string note;
};

struct InformationAnswer {
  std::vector<SharedItem> items;  // exactly what is shared (IR-3, IR-7)
  std::string to;                 // the address, or the person spoken to
  std::string channel = "email";  // email, phone, post, in-person
};

struct InformationReview {
  bool approve = false;
  std::string note;  // required when returning
};

// One check of the type, passed or not, for the request page.
struct InformationCheckStatus {
  std::string check, rule, needed;
  bool passed = false;
};

struct InformationRequestView {
  store::InformationRequestRecord record;
  InformationRequestType type;  // as the pack in force on the day of receipt defined it (CRU-5)
  InformationDecision decision;  // as it stands now, from the evidence and the register
  std::vector<InformationCheckStatus> checks;  // the type's checks, IR-10 and the channel
  RegisterState register_state = RegisterState::kUnknown;
  // IR-1: an adult known only as a relative in a child's family ("Parent"): no former recipient of
  // services (register_state says kAdultKnown; the route is the front door's). Read as "known-as-adult".
  bool known_as_relative = false;
  bool person_hidden = false;  // a restricted record the actor may not see: nothing of it is shown
  std::string person_ask;      // then, whom to ask
  std::vector<store::EvidenceLogRow> evidence_log;
  std::vector<store::InformationReviewRow> reviews;
  std::vector<store::InformationSharedRow> shared;         // by this request
  std::vector<store::InformationSharedRow> shared_before;  // IR-7: earlier answers about the same person
  // The bases an answer may rest on, the request's own purpose first (domain/information_ground.h, with
  // the pack's bases): consent, public task, the crime exemption, subject access.
  std::vector<policy::LawfulBasis> lawful_bases;
  bool can_review = false;  // the actor may review it now
  bool can_answer = false;  // the actor may record the answer now
  // IR-9: a Data Protection Team request read by someone other than the data protection officer
  // (or, until it is passed on, the person who recorded it): the record holds only its reference,
  // kind, status, when it came and who took it, and where it went and when; every list above is
  // empty, and the decision holds only the route.
  bool passed_on_only = false;
};

// Whether this council's procedures have requests for information at all: some version of its pack
// defines a kind of request. Kent's define none in any version: then there is nothing to record or
// to read, every use case below answers this error first, and the pages and API routes answer every
// address with it (404) before reading anything. A council whose later version dropped its kinds
// still has requests: those received under the earlier version are read and finished by its kinds
// (CRU-5); only recording new ones stops (RecordInformationRequest: kInvalid naming "type").
// Errors: kNotFound saying the procedures define no requests for information.
Result<void> CheckInformationRequestsDefined(const AppContext& ctx);

// Every use case below first gives CheckInformationRequestsDefined's kNotFound.

// The pack's request types in force today, for the form. Errors: kForbidden.
Result<std::vector<InformationRequestType>> InformationRequestTypesOffered(AppContext& ctx, const Actor& actor);

// Records a request as received, at the time the draft gives (never in the future) or now.
// Errors: kForbidden, kInvalid (unknown type, requester details — an organisation except for a
// subject access request — an unknown or merged person, dates, an e-mail address that is not exactly
// one; every problem at once, the draft's reading_errors among them).
Result<InformationRequestView> RecordInformationRequest(AppContext& ctx, const Actor& actor,
                                                        const InformationRequestDraft& draft);

// Errors: kForbidden, kNotFound, kConflict (answered or refused), kInvalid (an address that is not
// exactly one; IR-10: identity in doubt withdrawn, or identity verified while in doubt, without a
// note saying what evidence was given).
Result<InformationRequestView> RecordInformationEvidence(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                         const InformationEvidenceUpdate& update);

// Decides and routes (IR-1, IR-8, IR-9) or returns for evidence (IR-4, IR-5, IR-7, IR-10). A closed
// child gets a contact, opened in the same transaction; an open child's worker gets a notice; the
// Data Protection Team is told of exemption and subject access requests. Errors: kForbidden,
// kNotFound, kConflict (already routed, answered or refused), kInvalid (the contact could not be
// opened: its fields are named).
Result<InformationRequestView> DecideInformationRequestRoute(AppContext& ctx, const Actor& actor, std::int64_t id);

// Records the answer. Where the type needs a manager's review (IR-7) and none approved it yet, the
// answer is held as a proposal (status awaiting-review) and nothing is recorded as sent; once
// approved, exactly the approved items, address and channel may be recorded as sent.
// The disclosure goes on the ledger on the basis the request rests on (InformationRequestView::
// lawful_bases): `lawful_basis` (a [[lawful_bases]] id) may be given only where more than one is lawful
// (IR-3 with both a safeguarding purpose and written consent); empty: the first.
// Errors: kForbidden, kNotFound, kConflict (not routed yet, evidence still missing, differs from
// what was approved, already answered), kInvalid (items, channel, address; "lawful_basis" stated
// where only one is lawful, or not one of those the request allows).
Result<InformationRequestView> RecordInformationAnswer(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                       const InformationAnswer& answer,
                                                       const std::string& lawful_basis = "");

// IR-7: a team manager approves what is to be sent, or returns it with a note. Never one's own
// proposal. Errors: kForbidden, kNotFound, kConflict (nothing awaiting review), kInvalid (note).
Result<InformationRequestView> ReviewInformationRequest(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                        const InformationReview& review);

// Refuses the request, recording the evidence required (IR-4, IR-5, IR-7, IR-10) and the reason.
// Errors: kForbidden, kNotFound, kConflict (answered or refused), kInvalid (no reason where no
// evidence is missing).
Result<InformationRequestView> RefuseInformationRequest(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                        const std::string& reason);

// Opens a request to read it (the API's GET and the request's page). A look at the whole request is
// audited ("information-request.viewed": its id, reference, kind and register person, never names),
// durable before it is shown; a passed-on-only look is not, as it shows nothing of anyone.
// Errors: kForbidden, kNotFound.
Result<InformationRequestView> OpenInformationRequest(AppContext& ctx, const Actor& actor, std::int64_t id);

// Finding 4 of the DPO's review: a step's answer that shows the whole request (the API's answer to
// recording it, evidence, the decision, the answer, a review or a refusal: the register's answer,
// earlier disclosures) is a read like OpenInformationRequest's, and is recorded the same way
// ("information-request.viewed", with `after`: the step), durable before it is shown. A
// passed-on-only view shows nothing of anyone and is not recorded. The pages do not call this: they
// redirect to the request's page, whose GET is the read. Throws the store's fault (as AuditView).
void AuditInformationRequestShown(AppContext& ctx, const Actor& actor, const InformationRequestView& view,
                                  std::string_view after);

// Queues: mine, front-door, data-protection-team (DPO), awaiting-review (team managers), all. A Data
// Protection Team request in them is passed-on-only (as above) to everyone but the DPO. `status`:
// "open" (still to finish), "closed" (answered or refused; for awaiting-review, those a manager
// reviewed), "any", or empty: "any" for the all queue, "open" for the others.
// Errors: kForbidden, kInvalid (unknown queue or status).
// The queue a person sees when they name none: the Data Protection Team's for the data protection
// officer (IR-9), otherwise their own.
std::string DefaultInformationRequestQueue(const Actor& actor);
Result<std::vector<store::InformationRequestRecord>> ListInformationRequestQueue(AppContext& ctx, const Actor& actor,
                                                                                 const std::string& queue,
                                                                                 const std::string& status = "");
const std::vector<std::string>& InformationRequestQueues();

// IR-1, IR-8: the request for information a contact was opened to process, if any, for the contact's
// page and JSON (the request names its contact: information_requests.contact_id). The caller has
// already been allowed to read the contact; only the request's number and reference are given.
struct RequestOfContact {
  std::int64_t id = 0;
  std::string reference;  // "IR-2026-000006"
};
std::optional<RequestOfContact> InformationRequestOfContact(AppContext& ctx, std::int64_t contact_id);

}  // namespace fd::app
