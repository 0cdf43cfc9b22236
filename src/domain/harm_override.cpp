#include "domain/harm_override.h"

#include <fmt/format.h>

#include "domain/text.h"

namespace fd {

std::string HarmFoundWords(const Screening& screening) {
  const bool harm = screening.significant_harm == Answer::kYes;
  const bool urgent = screening.urgent_action == Answer::kYes;
  if (harm && urgent) return "significant harm suspected and urgent action needed to protect the child";
  if (harm) return "significant harm suspected";
  if (urgent) return "urgent action needed to protect the child";
  return "";
}

bool DepartsFromHarmFound(const Screening* screening, std::string_view next) {
  return screening && !HarmFoundWords(*screening).empty() && next != "section-47";
}

std::optional<std::string> OverrideReasonProblem(const Screening* screening, std::string_view next,
                                                 std::string_view outcome_label, std::string_view reason,
                                                 std::string_view who) {
  if (!DepartsFromHarmFound(screening, next)) return std::nullopt;
  if (auto problem = CheckText(reason, kMaxOverrideReason, true, "The reason for not holding a strategy discussion"))
    return problem;
  if (!Trim(reason).empty()) return std::nullopt;
  return fmt::format("Screening found {}, which calls for a strategy discussion before Section 47 enquiries "
                     "(KCR-16, HCR-31, HCR-32). To {} \"{}\" instead, record why a strategy discussion is not "
                     "needed; otherwise choose the strategy discussion",
                     HarmFoundWords(*screening), who == "authorising" ? "authorise" : "propose", outcome_label);
}

}  // namespace fd
