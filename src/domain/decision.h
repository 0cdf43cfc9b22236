// A proposed decision on a contact (KCR-2, KCR-3, KCR-8, KCR-16, HCR-27, HCR-31): an outcome from
// the pack in force, the children it covers, why any siblings are left out, the rationale and the
// next steps. Pure: the pack's outcomes come in as an argument.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "domain/instant.h"

namespace fd {

struct OutcomeOption {
  std::string id;
  std::string label;
  std::string next;  // "close", "early-help", "assessment", "section-47"
};

struct DecisionDraft {
  std::string outcome;
  std::vector<int> children;  // positions of the contact's children the decision covers
  std::string sibling_reason;
  std::string rationale;
  std::string next_steps;
  std::string protective_factors;  // HCR-34: required when the case moves to another team, where the pack says so
  // The child's primary need as the Children in Need census codes it (N0…N9; issue 9 point 3). Not
  // required here: a referral without one is listed by the census's own rule 8610 before the
  // return is made, so a decision is never held up by a statistical field.
  std::string primary_need;
  // KCR-16, HCR-31, HCR-32: why a strategy discussion is not proposed although screening found
  // significant harm suspected or urgent action needed (domain/harm_override.h); required then.
  // Initialised, so drafts written as a list of the fields before it still leave it empty.
  std::string harm_override_reason = {};
};

struct Decision {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  std::string outcome;
  std::string outcome_label;
  std::string next;
  std::vector<int> children;
  std::string sibling_reason;
  std::string rationale;
  std::string next_steps;
  std::string protective_factors;
  std::string primary_need;  // N0…N9, or empty: not recorded
  std::int64_t proposed_by = 0;
  std::string proposed_by_name;
  Instant proposed_at;
  std::string status = "proposed";  // proposed, authorised, returned
  std::optional<std::int64_t> decided_by;
  std::string decided_by_name;
  std::optional<Instant> decided_at;
  std::string return_reason;
  std::string policy_version;
  // KCR-16, HCR-31, HCR-32: the reasons recorded for departing from the strategy discussion screening's
  // findings called for: the proposer's, and the authorising manager's (empty: none was needed).
  std::string harm_override_reason;
  std::string authorised_override_reason;

  // HCR-29, KCR-2: a referral for outcomes that need an assessment.
  bool MakesReferral() const { return next == "assessment" || next == "section-47"; }
};

// One authority's rules for decisions, off unless its pack sets them.
struct DecisionRules {
  bool protective_factors_before_transfer = false;  // HCR-34
};

// `subject_positions`: the children the concern is about (harming children are not decided on).
// Errors: kInvalid naming each field (unknown outcome, no children, a child not on the contact,
// siblings left out without a reason, no rationale or next steps, when the outcome moves the case
// to another team and `rules` ask for it no record of the response to risk and the protective
// factors (HCR-34), and a primary need that is not a census code).
Result<Decision> ValidateDecision(const DecisionDraft& draft, const std::vector<OutcomeOption>& outcomes,
                                  const std::vector<int>& subject_positions, const DecisionRules& rules = {});

}  // namespace fd
