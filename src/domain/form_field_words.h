// What a person typed into a page's form, said back to them in the form's words: the 503 page
// (http/unavailable_page.h) and the page after signing in again when a session ended mid-form
// (web "Send your form again") show it. A form's boxes are named for the program
// ("children-0-first_names", "date_of_birth-day"); these name them as the person reads them ("First
// names of child 1", "Date of birth"), and leave out what a form carries for the server's own sake.
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace fd {

using FormPairs = std::vector<std::pair<std::string, std::string>>;  // name, value: in the order sent

// Never carried anywhere but the request that sent it: the CSRF token (a new one comes with a new
// session), passwords and any other token.
bool NeverKeptFromForm(std::string_view name);

// Kept, and sent again, but not shown: what the form carries for the server (the version of the
// record it showed, the key that makes sending twice record once, the button pressed, how many
// child boxes it showed, where to go next).
bool HiddenFromPerson(std::string_view name);

// A box's label: "children-0-first_names" → "First names of child 1", "child.last_name" → "Child's
// last name", "referrer_type" → "Referrer's type".
std::string FormFieldLabel(std::string_view name);

// What was typed, in the order sent, as label and value, leaving out NeverKeptFromForm,
// HiddenFromPerson and empty boxes; a date's three boxes ("x-day", "x-month", "x-year") are one
// answer, "14 5 2017".
struct TypedAnswer {
  std::string label;
  std::string value;
};
std::vector<TypedAnswer> TypedAnswers(const FormPairs& fields);

}  // namespace fd
