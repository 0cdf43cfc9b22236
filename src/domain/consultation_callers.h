// HCR-7: kinds of caller a consultation line may take that are not kinds of referrer on the contact
// form (the Consultation Hub advises Families First key workers). The words are here; whether a line
// takes one is the pack's choice: a consultation type's `eligible_callers` names it.
#pragma once

#include <array>
#include <string_view>

namespace fd {

struct ConsultationCaller {
  std::string_view id;
  std::string_view title;
};

inline constexpr std::array<ConsultationCaller, 1> kConsultationOnlyCallers{{
    {"families_first_key_worker", "Families First key worker"},
}};

}  // namespace fd
