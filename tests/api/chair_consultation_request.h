// A social worker's request for a Child Protection Chair consultation (CPC-1; Kent's pack), as the
// API takes it: about Tia Sample, born 3 October 2012, in the north-west area, with no strategy
// discussion held and no decision yet to hold an initial child protection conference.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace fd::testing {

// `contact_reference`, when given, is the case number or contact the request quotes.
inline nlohmann::json ChairConsultationRequestAboutTia(const std::string& contact_reference = "") {
  nlohmann::json request = {{"area", "north-west"},
                            {"child_first_names", "Tia"},
                            {"child_last_name", "Sample"},
                            {"child_date_of_birth", "2012-10-03"},
                            {"reason", "Neglect over two years; is a conference proportionate?"},
                            {"strategy_discussion_held", false},
                            {"icpc_decision_made", false}};
  if (!contact_reference.empty()) request["contact_reference"] = contact_reference;
  return request;
}

}  // namespace fd::testing
