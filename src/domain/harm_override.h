// KCR-16, HCR-31(3), HCR-32: where screening found significant harm suspected, or a need for urgent
// action to protect the child, the procedures' disposal is a strategy discussion before Section 47
// enquiries. The manager may decide otherwise (KCR-16: "the manager may authorise whatever actions
// are necessary"), but not silently: proposing or authorising any other outcome needs a recorded
// reason for departing from it, which stays with the decision for everyone who reads it later.
// HCR-28's police protection is stricter and is refused outright (app/workflow.cpp). Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/screening.h"

namespace fd {

inline constexpr std::size_t kMaxOverrideReason = 5000;

// What screening found that points to a strategy discussion, in the user's words ("significant harm
// suspected and urgent action needed to protect the child"); empty when it found neither (or has
// not answered yet: a "not known" is not a finding).
std::string HarmFoundWords(const Screening& screening);

// Whether a decision whose outcome leads to `next` ("close", "early-help", "assessment",
// "section-47") departs from the strategy discussion screening's findings call for. `screening`:
// null when there is none.
bool DepartsFromHarmFound(const Screening* screening, std::string_view next);

// The reason for departing, checked: the message to show naming what was found, the outcome chosen
// (`outcome_label`) and what to do, or nothing when the decision does not depart or the reason is
// given and acceptable. `who`: "proposing" or "authorising", for the message.
std::optional<std::string> OverrideReasonProblem(const Screening* screening, std::string_view next,
                                                 std::string_view outcome_label, std::string_view reason,
                                                 std::string_view who);

}  // namespace fd
