// Mia Example, born 14 May 2017, of 12 Orchard Way: the child many API tests are about, as the
// register records her and as a neighbour's contact names her.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

namespace fd::testing {

// Mia as a social worker records her on the people register (POST /api/v1/people).
inline nlohmann::json MiaForTheRegister() {
  return {{"first_names", "Mia"},
          {"last_name", "Example"},
          {"date_of_birth", "2017-05-14"},
          {"gender", "female"},
          {"address", "12 Orchard Way, Exampleton EX1 2AB"}};
}

// Jo Neighbour's contact about Mia (POST /api/v1/contacts), with a phone number and an e-mail
// address: as a member of the public, or as a referrer of `referrer_type` from Riverside Primary.
inline nlohmann::json JoAboutMia(const std::string& referrer_type = "member_of_public") {
  nlohmann::json referrer = {{"type", referrer_type}, {"name", "Jo Neighbour"}, {"phone", "07700 900123"},
                             {"email", "jo.neighbour@example.com"}};
  if (referrer_type != "member_of_public") referrer["agency"] = "Riverside Primary";
  return {{"referrer", referrer},
          {"children",
           nlohmann::json::array({{{"first_names", "Mia"},
                                   {"last_name", "Example"},
                                   {"date_of_birth", "2017-05-14"},
                                   {"gender", "female"},
                                   {"address", "12 Orchard Way"}}})},
          {"concern", "Heard shouting and a child crying late every night this week."}};
}

}  // namespace fd::testing
