// A child's details checked as at intake, for a contact's child corrected after receipt
// (app/child_corrections.h): one set of rules, so a correction is held to what intake would accept
// (names, a real date of birth under 18 on `today`, an expected date within the pregnancy's window,
// HCR-17's NHS number check digit). Pure.
#pragma once

#include <chrono>
#include <string>
#include <vector>

#include "domain/contact.h"

namespace fd {

// Each problem is added to `errors` on "<prefix>.<field>"; the child as typed is returned either way.
Child ValidateChild(const ChildDraft& draft, const std::string& prefix, std::chrono::year_month_day today,
                    std::vector<FieldError>& errors);

}  // namespace fd
