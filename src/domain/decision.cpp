#include "domain/decision.h"

#include <algorithm>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "domain/child_numbers.h"
#include "domain/return_codes.h"
#include "domain/text.h"

namespace fd {

std::string NotAChildTheConcernIsAbout(int position, const std::vector<int>& subject_positions) {
  return fmt::format("{} is not the number of a child the concern is about: choose from {} (a child recorded only as "
                     "having caused the harm is not decided on)",
                     position, fmt::join(subject_positions, ", "));
}

Result<Decision> ValidateDecision(const DecisionDraft& draft, const std::vector<OutcomeOption>& outcomes,
                                  const std::vector<int>& subject_positions, const DecisionRules& rules) {
  std::vector<FieldError> errors;
  Decision d;
  auto outcome = std::find_if(outcomes.begin(), outcomes.end(), [&](const auto& o) { return o.id == draft.outcome; });
  if (outcome == outcomes.end()) {
    // The titles, as the page offers them: the ids are the API's, not the user's words.
    std::string titles;
    for (const auto& o : outcomes) titles += (titles.empty() ? "" : ", ") + o.label;
    errors.push_back({"outcome", fmt::format("Choose an outcome the procedures in force allow: {}", titles)});
  } else {
    d.outcome = outcome->id;
    d.outcome_label = outcome->label;
    d.next = outcome->next;
  }
  for (int position : draft.children) {
    if (std::find(subject_positions.begin(), subject_positions.end(), position) == subject_positions.end())
      errors.push_back({"children", NotAChildTheConcernIsAbout(position, subject_positions)});
    else if (std::find(d.children.begin(), d.children.end(), position) == d.children.end())
      d.children.push_back(position);
  }
  std::sort(d.children.begin(), d.children.end());
  if (draft.children.empty()) errors.push_back({"children", "Choose the children the decision covers"});
  d.sibling_reason = Trim(draft.sibling_reason);
  // KCR-3: leaving a sibling out is a professional judgement, recorded so it can be reviewed.
  if (!draft.children.empty() && d.children.size() < subject_positions.size() && d.sibling_reason.empty())
    errors.push_back({"sibling_reason", "Say why the other children on the contact are not included"});
  auto text = [&](const std::string& value, const char* field, const char* what, std::string& out) {
    if (auto problem = CheckRequiredText(value, 10000, true, what)) errors.push_back({field, *problem});
    else out = value;
  };
  text(draft.rationale, "rationale", "the reasons for the decision", d.rationale);
  text(draft.next_steps, "next_steps", "the next steps", d.next_steps);
  if (auto problem = CheckText(d.sibling_reason, 2000, true, "The reason")) errors.push_back({"sibling_reason", *problem});
  // HCR-34, where the pack has it: the holding team responds to risk first and confirms protective
  // factors before the case moves. Elsewhere they may still be recorded, but are not demanded.
  if (auto problem = CheckText(draft.protective_factors, 10000, true, "The protective factors"))
    errors.push_back({"protective_factors", *problem});
  else if (rules.protective_factors_before_transfer && d.MakesReferral() && Trim(draft.protective_factors).empty())
    errors.push_back({"protective_factors",
                      "The case moves to another team: record how risk was responded to and the protective factors"});
  else d.protective_factors = draft.protective_factors;
  d.primary_need = Trim(draft.primary_need);
  if (!d.primary_need.empty() && !returns::IsCinPrimaryNeed(d.primary_need))
    errors.push_back({"primary_need", "Choose the child's primary need from the list (N0 to N9), or leave it blank"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return d;
}

}  // namespace fd
