// The portal's red (child protection) form as a school's designated safeguarding lead fills it in
// about one child, Ava Example, born 2 March 2016: the fields the page posts.
#pragma once

#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

namespace fd::testing {

// Sent from `email` (a secure address is e-mailed, a school's own domain is not). With no Hub
// consultation and no imminent risk, the Hertfordshire pack returns it to the school (HCR-9).
inline std::vector<std::pair<std::string, std::string>> SchoolRedForm(const std::string& email) {
  return {{"child_count", "1"},
          {"referrer_type", "school"},
          {"referrer_name", "Sam Head"},
          {"referrer_role", "Designated safeguarding lead"},
          {"referrer_agency", "Hill Primary School"},
          {"referrer_phone", "01438 000000"},
          {"referrer_email", email},
          {"form", "red"},
          {"children-0-first_names", "Ava"},
          {"children-0-last_name", "Example"},
          {"children-0-dob-day", "2"},
          {"children-0-dob-month", "3"},
          {"children-0-dob-year", "2016"},
          {"concern", "Ava said her stepfather hit her."},
          {"household-domestic_abuse", "not_known"},
          {"action", "send"}};
}

// The same form as the portal's API takes it (POST /api/v1/portal/contacts), from the school's secure
// address sam.head@herts.gov.uk.
inline nlohmann::json SchoolRedFormForTheApi() {
  using nlohmann::json;
  return {{"referrer",
           {{"type", "school"},
            {"name", "Sam Head"},
            {"agency", "Hill Primary School"},
            {"email", "sam.head@herts.gov.uk"},
            {"phone", "01438 000000"}}},
          {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"}}})},
          {"concern", "Ava said her stepfather hit her."},
          {"intake",
           {{"form", "red"},
            {"household",
             {{"domestic_abuse", "not_known"},
              {"mental_illness", "not_known"},
              {"substance_misuse", "not_known"},
              {"learning_difficulties", "not_known"}}}}}};
}

}  // namespace fd::testing
