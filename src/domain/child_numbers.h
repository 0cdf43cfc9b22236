#pragma once
// The numbers of the children a decision may cover, as messages speak of them.

#include <string>
#include <vector>

namespace fd {

// The message for a child number a decision (or a review of its choice, KCR-3) may not cover. It names
// the numbers it may: a child on the contact only as the one who caused the harm (HCR-3) is not decided
// on, and a caller who sent that number needs to know why it was refused.
std::string NotAChildTheConcernIsAbout(int position, const std::vector<int>& subject_positions);

}  // namespace fd
