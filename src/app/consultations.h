// Consultations: a professional asks the front door for advice. The request is checked against the
// consultation type's preconditions in the pack in force (FDS-1…FDS-5, CRU-1, CRU-2, HCR-7) and,
// when accepted, queued for call-back (FDS-6). A no-named consultation keeps nothing that identifies
// the child (FDS-7). The record, advice and e-mail (FDS-8, FDS-9) follow in the consultations work.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/consultation_request.h"
#include "domain/error.h"

namespace fd::app {

struct ConsultationRequest {
  std::string type = "no-named";
  std::string consultee_name, consultee_role, consultee_organisation, consultee_phone, consultee_email;
  std::string caller_type;  // a referrer type id ("school", "health", …)
  std::string summary;      // the concern, with nothing that identifies the child
  bool safeguarding_lead_consulted = false;
  bool parent_discussed = false;
  bool request_already_made = false;  // a Request for Support / IAR / EHN for the child already
  std::vector<std::string> indicators;
  std::optional<AllocatedWorker> child_open_to;  // FDS-5: triage found the child already open
};

struct ConsultationOutcome {
  ConsultationCheck check;          // refused: why, and the right route
  std::optional<std::int64_t> id;   // accepted: the queued consultation
  std::string number;               // accepted: its consultation number (FDS-9)
  std::optional<Instant> call_back_by;
};

// Errors: kForbidden, kInvalid (unknown type, missing consultee details, identifying text in a
// no-named request). A refusal by the procedures is not an error: it is the outcome, with its route.
Result<ConsultationOutcome> RequestConsultation(AppContext& ctx, const Actor& actor, const ConsultationRequest& request);

struct QueuedConsultation {
  std::int64_t id = 0;
  std::string number, type, consultee_name, consultee_organisation, consultee_phone, summary, status;
  Instant requested_at;
};
// FDS-6: the call-back queue, oldest first. Errors: kForbidden.
Result<std::vector<QueuedConsultation>> ListConsultationQueue(AppContext& ctx, const Actor& actor);

// FDS-8, FDS-9, FDS-10: a social worker records the questions asked and the advice given; the
// consultee is e-mailed the consultation number (never the record). Advice only: nothing becomes a
// contact or referral. Errors: kForbidden, kNotFound, kConflict (already recorded), kInvalid.
Result<void> RecordConsultationAdvice(AppContext& ctx, const Actor& actor, std::int64_t id,
                                      const std::string& questions, const std::string& advice);

}  // namespace fd::app
