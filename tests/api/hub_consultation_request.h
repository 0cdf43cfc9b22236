// A school's consultation with the Hertfordshire Consultation Hub (POST /api/v1/consultations), as
// the API takes it: Priya Shah of Elm Primary, having consulted the school's safeguarding lead, asks
// about a pupil who is often hungry, naming no child.
#pragma once

#include <nlohmann/json.hpp>

namespace fd::testing {

inline nlohmann::json HubConsultationAboutAHungryPupil() {
  return {{"type", "hub"},
          {"consultee_name", "Priya Shah"},
          {"consultee_organisation", "Elm Primary"},
          {"consultee_phone", "01632 960 001"},
          {"caller_type", "school"},
          {"summary", "A pupil is often hungry; what should we do?"},
          {"safeguarding_lead_consulted", true}};
}

}  // namespace fd::testing
