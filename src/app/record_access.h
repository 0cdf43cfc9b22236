// Read audit (issue 8 point 3): opening a child's record is itself recorded, and the data protection
// officer lists who viewed a person's records.
//
// The view events, each durable before the record is shown (read_audit.h: the record is read, then
// its view recorded with others arriving at once) — who, when, and the record; the reason when one is
// required — with ids and kinds only, never names:
//   person.viewed              a register person opened (GetPerson, app/people.h)
//   contact.viewed             a contact opened (OpenContact, OpenWorkflow); its children's register ids
//   referrer.identity_viewed   a member of the public's identity shown, with the reason (RevealReferrer,
//                              or a disclosure sent again: DiscloseReferrerIdentity)
//   consultation.viewed        a consultation opened by an adviser (OpenConsultation)
//   chair-consultation.viewed  a Child Protection Chair consultation opened (OpenChairConsultation)
//   information-request.viewed a request for information read whole (OpenInformationRequest,
//                              app/information_requests.h); its kind and register person
// Lists, queues and searches are not audited row by row, and a use case re-reading a record after a
// change (the API's answer to a workflow step) is not a view: only the Open… reads append an event.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "audit/audit_log.h"
#include "domain/error.h"
#include "domain/instant.h"
#include "store/store.h"

namespace fd::app {

// The view events above, built while the record is read and recorded with AuditView once the read's
// transaction has ended. "contact.viewed": the register people the contact's children are linked to,
// read in `tx`.
audit::AuditEvent ContactViewed(store::Transaction& tx, const Actor& actor, Instant now, std::int64_t contact_id);
// "person.viewed": whether the record is restricted, and whether the reader saw only that it exists.
audit::AuditEvent PersonViewed(const Actor& actor, Instant now, std::int64_t person_id, bool restricted,
                               bool existence_only);
audit::AuditEvent ConsultationViewed(const Actor& actor, Instant now, std::int64_t id, const std::string& number,
                                     std::optional<std::int64_t> person_id);
audit::AuditEvent ChairConsultationViewed(const Actor& actor, Instant now, std::int64_t id,
                                          const std::string& reference, std::optional<std::int64_t> person_id);
audit::AuditEvent InformationRequestViewed(const Actor& actor, Instant now, std::int64_t id,
                                           const std::string& reference, const std::string& type,
                                           std::optional<std::int64_t> person_id);

// Records a view (ctx.read_audit): returns once it is durable, and throws the store's fault when it
// cannot be written, so the record is not shown. REQUIRES: the caller holds no transaction.
void AuditView(AppContext& ctx, audit::AuditEvent event);

// One look at one of the person's records.
struct RecordView {
  Instant at;
  std::string user;        // the user's display name now (the username when unknown, "system")
  std::string role;        // role id ("social_worker"); empty for the system
  std::string role_title;  // "Social worker"
  std::string kind;        // person, contact, referrer-identity, consultation, chair-consultation,
                           // information-request
  std::int64_t record_id = 0;
  std::string record;      // its reference: the person's number, "FD-2026-000123", a consultation
                           // number, "CPC-000001", "IR-2026-000001"
  std::string reason;      // when the look needed one (the referrer's identity); may be erased by retention
};

struct RecordAccess {
  std::int64_t person_id = 0;
  bool restricted = false;         // the person's record is restricted (shown as such; never a name)
  std::vector<RecordView> views;   // newest first
  std::int64_t total = 0;          // views in all
  int page = 1;
  int page_size = 0;
};

inline constexpr int kMaxRecordAccessPageSize = 100;

// Every view of a person's records, newest first, a page at a time: person.viewed of the person (and
// of records merged into them); contact.viewed and referrer.identity_viewed of the contacts whose
// children are linked to them; consultation.viewed and chair-consultation.viewed of the consultations
// linked to them; information-request.viewed of the requests for information naming them. Links
// count as they are now, so a contact opened before its child was linked to the person is listed
// too. The listing is itself audited ("record-access.listed").
// A restricted person's views are listed too (that is the DPO's job): ids and references, no names.
// Indexes relied on (migration 0016): people(merged_into), contact_children(person_id),
// consultations(person_id), chair_consultations(person_id), information_requests(person_id)
// (migration 0013), audit_events(record_type, record_id, action, seq); the page's events are then
// read by sequence number.
// Errors: kForbidden (not Action::kViewRecordAccess), kNotFound (no such person), kInvalid ("page" below
// 1, "page_size" outside 1…kMaxRecordAccessPageSize).
Result<RecordAccess> ListRecordAccess(AppContext& ctx, const Actor& actor, std::int64_t person_id, int page,
                                      int page_size);

// Whose records: a person's register number, or a contact's reference (every register person its
// children are linked to, in child order). Only ids: the DPO never sees the people themselves here.
// Errors: kForbidden; kInvalid naming "person" (empty, no such person, no such contact, or a contact
// with no child linked to the register).
Result<std::vector<std::int64_t>> FindRecordAccessPeople(AppContext& ctx, const Actor& actor,
                                                         const std::string& number_or_reference);

}  // namespace fd::app
