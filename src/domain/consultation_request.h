// Whether a professional consultation may be opened (FDS-1..FDS-5, CRU-1, CRU-2, HCR-7, HCR-8),
// from the preconditions the policy pack lists for the consultation type and the facts of the call.
// Pure: whether the line is open now, and when it next opens, come in as facts.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace fd {

// Precondition ids exactly as the packs spell them ([[consultation_types]] preconditions).
namespace precondition {
inline constexpr std::string_view kServiceOpen = "service-open";                    // FDS-1, HCR-8
inline constexpr std::string_view kNoRequestForSupport = "no-request-for-support";  // FDS-2
inline constexpr std::string_view kNoIarOrEhn = "no-iar-or-ehn";                    // CRU-1
inline constexpr std::string_view kNoSignificantHarm = "no-significant-harm";       // FDS-3, CRU-1
inline constexpr std::string_view kSafeguardingLeadConsulted = "safeguarding-lead-consulted";  // FDS-4, CRU-2
inline constexpr std::string_view kParentDiscussed = "parent-discussed";            // CRU-2
inline constexpr std::string_view kChildNotOpen = "child-not-open";                 // FDS-5
inline constexpr std::string_view kEligibleCaller = "eligible-caller";              // HCR-7
}  // namespace precondition

struct ConsultationRules {
  // The procedure whose rule ids are reported: "FDS" (Kent 2024), "CRU" (Kent 2017) or "HCR"
  // (Hertfordshire 2019). It also picks the wording of the urgent route. Others: generic wording,
  // and the precondition id stands in for the rule id.
  std::string procedure;
  std::vector<std::string> preconditions;     // the consultation type's, from the pack
  std::vector<std::string> eligible_callers;  // for "eligible-caller"; caller type ids
  // FDS-4 lets policy choose: false refuses a caller who has not consulted their safeguarding lead;
  // true proceeds with a warning.
  bool safeguarding_lead_warning_only = false;
};

struct AllocatedWorker {
  std::string name;   // may be empty when only the team is known
  std::string team;
  std::string phone;  // optional
};

struct ConsultationFacts {
  bool service_open = false;
  std::string next_opening;  // e.g. "Monday 30 November at 10:00"; empty when not known
  // The service that takes the consultation, as the pack names it ("Consultation Hub"), so a caller
  // told it is closed hears the name they know; empty: "the consultation line".
  std::string service_name;
  bool request_already_made = false;  // a Request for Support (FDS), or an IAR or EHN (CRU)
  std::vector<std::string> significant_harm_indicators;  // ids of the indicators the caller ticked
  bool safeguarding_lead_consulted = false;
  bool parent_discussed = false;
  std::optional<AllocatedWorker> open_to;  // set when the child is already open to children's services
  std::string caller_type;
};

struct ConsultationRefusal {
  std::string precondition;  // the pack's id, e.g. "no-significant-harm"
  std::string rule;          // the rule catalogue's id, e.g. "FDS-3"
  std::string reason;        // plain English, for the caller
  std::string route;         // what the caller should do instead
};

struct ConsultationCheck {
  std::optional<ConsultationRefusal> refusal;  // nullopt: the consultation may go ahead
  std::vector<std::string> warnings;           // shown to the caller when it goes ahead anyway
  bool accepted() const { return !refusal.has_value(); }
};

// Checks the listed preconditions in a fixed order and reports the first that fails:
//   no-significant-harm (safety first: the urgent route before anything else), then the refusals
//   that will not change by calling back (eligible-caller, no-request-for-support / no-iar-or-ehn,
//   child-not-open), then what the caller can put right first (safeguarding-lead-consulted,
//   parent-discussed), and service-open last, so nobody waits for the line to open only to be
//   turned away for another reason. A precondition id this code does not know is refused (fail
//   closed), after all the others.
ConsultationCheck CheckConsultationRequest(const ConsultationRules& rules, const ConsultationFacts& facts);

}  // namespace fd
