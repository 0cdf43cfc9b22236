// The screening page's questions as a social worker answers them all (the form's own field names):
// neglect seen at school, no significant harm, no urgent action, no crime, the parents informed and
// agreeing.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace fd::testing {

inline std::vector<std::pair<std::string, std::string>> ScreeningAnswersTyped() {
  return {{"answers.nature", "Neglect: hunger at school"},
          {"answers.how_arose", "Seen by the class teacher"},
          {"answers.needs", "Food and supervision"},
          {"answers.child_location", "At school"},
          {"answers.last_seen", "Today, by the school"},
          {"answers.family_known", "Not known before"},
          {"significant_harm", "no"},
          {"urgent_action", "no"},
          {"crime_possible", "no"},
          {"consent", "informed_agreed"}};
}

}  // namespace fd::testing
