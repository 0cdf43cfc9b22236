#include "domain/register_answer.h"

#include <algorithm>

namespace fd {
namespace {

std::string Describe(const AllocatedWorker& w) {
  std::string text = w.name.empty() ? "the allocated team" : w.name;
  if (!w.team.empty()) text += w.name.empty() ? ", " + w.team : " (" + w.team + ")";
  if (!w.phone.empty()) text += ", on " + w.phone;
  return text;
}

}  // namespace

std::string RegisterAnswerForConsultee(const std::vector<OpenCase>& open_cases) {
  if (open_cases.empty())
    return "There is no allocated worker to put you in touch with. The advice given is based on what you have told "
           "us.";
  std::vector<OpenCase> ordered = open_cases;
  std::stable_sort(ordered.begin(), ordered.end(),
                   [](const OpenCase& a, const OpenCase& b) { return !a.is_sibling && b.is_sibling; });
  std::string answer;
  for (const auto& c : ordered) {
    const std::string line = (c.is_sibling ? "A brother or sister of the child has an allocated worker: "
                                           : "The child has an allocated worker: ") +
                             Describe(c.worker) + ".";
    if (answer.find(line) == std::string::npos) answer += (answer.empty() ? "" : " ") + line;
  }
  return answer + " Please contact them directly.";
}

}  // namespace fd
