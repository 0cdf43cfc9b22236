// Consultations: a professional asks the front door for advice. The request is checked against the
// consultation type's preconditions in the pack in force (FDS-1…FDS-5, CRU-1, CRU-2, HCR-7, HCR-8)
// and, when accepted, queued for call-back (FDS-6). A no-named consultation keeps nothing that
// identifies the child (FDS-7); a named one may name the child so the adviser can check the
// register, and the consultee hears only whom to contact (CRU-3). The adviser records the
// questions and advice (FDS-8) — or, under CRU-4, nothing unless the concern is a safeguarding one —
// and the consultee is e-mailed the consultation number (FDS-9). Child Protection Chair
// consultations have their own use cases (chair_consultations.h).
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/consultation_request.h"
#include "domain/error.h"

namespace fd::app {

// The pack's consultation type handled by chair_consultations.h, not here.
inline constexpr std::string_view kChairConsultationType = "cp-chair";

// Who the consultation is about, for named types only (CRU-3, HCR-10).
struct ConsultationChild {
  std::string first_names, last_name;
  std::string date_of_birth;  // YYYY-MM-DD, or empty
  bool empty() const { return first_names.empty() && last_name.empty() && date_of_birth.empty(); }
};

struct ConsultationRequest {
  std::string type = "no-named";
  std::string consultee_name, consultee_role, consultee_organisation, consultee_phone, consultee_email;
  std::string caller_type;  // a referrer type id ("school", "health", …)
  std::string summary;      // the concern; for a no-named type, with nothing that identifies the child
  bool safeguarding_lead_consulted = false;
  bool parent_discussed = false;
  bool request_already_made = false;  // a Request for Support / IAR / EHN for the child already
  std::vector<std::string> indicators;
  std::optional<AllocatedWorker> child_open_to;  // FDS-5: triage found the child already open
  ConsultationChild child;                       // named types only; kInvalid on a no-named type
};

struct ConsultationOutcome {
  ConsultationCheck check;          // refused: why, and the right route
  std::optional<std::int64_t> id;   // accepted: the queued consultation
  std::string number;               // accepted: its consultation number (FDS-9)
  std::optional<Instant> call_back_by;
};

// What the request form offers today, from the pack in force (CRU-5): each consultation line with
// its hours and whether it is open now (FDS-1, HCR-8), and what the caller is asked first.
struct OfferedConsultation {
  std::string id, name;
  bool named = false;
  std::string hours;         // "Monday to Friday, 10am to 4pm; closed on bank holidays"; empty: any time
  bool open_now = true;
  std::string next_opening;  // when closed
  std::vector<std::string> preconditions;
  bool number_emailed = false;  // FDS-9
};
struct ConsultationOffer {
  std::vector<OfferedConsultation> types;
  std::vector<std::pair<std::string, std::string>> indicators;  // significant-harm indicator id, label
  // HCR-7: the kinds of caller (id, label): the professional referrer types, then any
  // consultation-only kind a type of the pack takes ("Families First key worker").
  std::vector<std::pair<std::string, std::string>> callers;
  // HCR-12: whom a caller with a significant-harm indicator should ring now, by the clock
  // (policy/service_words.h UrgentAdviceNow): the pack's advice while the front door is open.
  std::string urgent_advice;
};
// Errors: kForbidden.
Result<ConsultationOffer> ConsultationsOffered(AppContext& ctx, const Actor& actor);

// Errors: kForbidden, kInvalid (unknown type, missing consultee details, identifying text in a
// no-named request, a caller kind that is neither a professional referrer type nor a
// consultation-only kind the pack takes, a significant-harm indicator the pack does not list, or
// indicators for a type that does not check them: never silently dropped). A refusal by the
// procedures is not an error: it is the outcome, with its route.
Result<ConsultationOutcome> RequestConsultation(AppContext& ctx, const Actor& actor, const ConsultationRequest& request);

struct ConsultationView {
  std::int64_t id = 0;
  std::string number, type, type_name, policy_version, status;
  bool named = false;
  std::string on_child_record;              // the type's rule: never, when-safeguarding, always
  std::vector<std::string> advice_routes;  // HCR-10's choices, when the type has them
  std::string consultee_name, consultee_role, consultee_organisation, consultee_phone, consultee_email, caller_type;
  std::string summary;
  ConsultationChild child;
  std::optional<std::int64_t> person_id;   // the child's record, once linked
  std::string register_answer;             // CRU-3: what the consultee was told
  Instant requested_at;
  std::optional<Instant> call_back_by;
  std::string questions, advice, advised_route, advised_by_name;
  std::optional<Instant> advised_at;
  bool safeguarding = false, recorded = true;
  std::string followed_by_reference;       // the contact (IAR, red or green form) that followed it
  std::string retention_class, review_on;  // point 7: from the pack
  // FDS-9: whether the type e-mails its number, and once recorded, to whom it was (empty: it was not).
  bool number_emailed = false;
  std::string number_emailed_to;
};

// FDS-9, KCR-5: what the adviser must know about the number's e-mail once the consultation is
// recorded: where it went, or that it was not sent, why, and what to do instead. Empty while queued
// or for a type that e-mails no number.
std::string NumberEmailNote(const ConsultationView& v);

// FDS-6: the call-back queue, oldest first. Errors: kForbidden.
Result<std::vector<ConsultationView>> ListConsultationQueue(AppContext& ctx, const Actor& actor);
// The requester's receipt after a request: number, line and call-back time only, and only for the
// user who made the request. Errors: kForbidden, kNotFound.
Result<ConsultationView> GetConsultationReceipt(AppContext& ctx, const Actor& actor, std::int64_t id);
// Errors: kForbidden, kNotFound. Reading a record is for advisers only; consultees have no route.
// Not audited: for re-reads (a refused form shown again).
Result<ConsultationView> GetConsultation(AppContext& ctx, const Actor& actor, std::int64_t id);
// An adviser opening the consultation (GET /api/v1/consultations/{id}, /consultations/{id}):
// GetConsultation, and the look appended as "consultation.viewed" in the same transaction
// (app/record_access.h). Errors as GetConsultation.
Result<ConsultationView> OpenConsultation(AppContext& ctx, const Actor& actor, std::int64_t id);

// CRU-3: checks the register for the named child (exact name and date of birth, or NHS number) and
// their brothers and sisters; links the child's record and stores what the consultee is told: only
// the allocated worker's details, never history. Errors: kForbidden, kNotFound, kInvalid (no child
// named, or a no-named type), kConflict (already recorded).
Result<ConsultationView> CheckConsultationRegister(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                   const ConsultationChild& child);

struct ConsultationAdvice {
  std::string questions, advice;
  bool safeguarding = false;   // CRU-4: the adviser marks the concern as a safeguarding one
  std::string advised_route;   // HCR-10: one of the type's advice routes
  ConsultationChild child;     // named types: the child, when not given with the request
};

// FDS-8, FDS-9, FDS-10, CRU-4, HCR-10: records the questions and advice — or, for a type recorded
// only when safeguarding, nothing but that a consultation took place — puts it on the child's
// record where the type says so (and, under CRU-4, expects an IAR), and e-mails the consultee the
// number (never the record). Advice only: nothing becomes a contact or referral.
// Errors: kForbidden, kNotFound, kConflict (already recorded), kInvalid.
Result<ConsultationView> RecordConsultationAdvice(AppContext& ctx, const Actor& actor, std::int64_t id,
                                                  const ConsultationAdvice& advice);

}  // namespace fd::app
