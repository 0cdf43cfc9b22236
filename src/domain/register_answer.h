// CRU-3: after checking the register for a named consultation, the consultee is told only whom to
// contact — the allocated worker of the child, or of a brother or sister, who is open to children's
// services or Early Help — and never the family's history. Pure.
#pragma once

#include <string>
#include <vector>

#include "domain/consultation_request.h"

namespace fd {

struct OpenCase {
  bool is_sibling = false;  // the child's brother or sister rather than the child
  AllocatedWorker worker;
};

// What the adviser reads out to the consultee. Names the allocated worker and team of each open
// case, the child's first; says nothing else that the register holds (no plan, no history, not
// even whether the child was known before).
std::string RegisterAnswerForConsultee(const std::vector<OpenCase>& open_cases);

}  // namespace fd
