// KCR-7: the referral information checklist, and what screening has already recorded of it. Some of
// the checklist's items are the very questions screening answers (where the child is, whether they
// need immediate protection, whether the parents know of and agree to the referral): once screening
// records them they are gathered, and the manager authorising the decision is not told they are
// missing. This is the one mapping from screening answers to checklist items. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/contact.h"
#include "domain/intake.h"
#include "domain/screening.h"

namespace fd {

// What screening recorded that answers the checklist item `item_id`, in the user's words ("Urgent
// action needed: No"); nullopt when screening answers no such item or has not answered it yet. An
// answer of "not known" gathers nothing: the item is still to be found out.
std::optional<std::string> RecordedAtScreening(std::string_view item_id, const Screening& screening);

// The checklist's items gathered neither at intake (the contact's fields and Intake::information)
// nor by screening (`screening`: null before screening starts), in checklist order.
std::vector<InformationItem> MissingInformation(const Contact& contact, const Screening* screening);

}  // namespace fd
