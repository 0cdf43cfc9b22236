// GOV.UK's date input on a page: three boxes, "<name>-day", "<name>-month" and "<name>-year"
// (templates/person_date_field.mustache). The use cases and the API speak ISO dates ("2017-05-14");
// people type 14 5 2017. One place turns the boxes into the ISO text a use case checks, and says
// which box is wrong in GOV.UK's words when they do not make a date, so every form says it alike.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "http/message.h"
#include "web/templates.h"

namespace fd::web {

struct DateBoxes {
  std::string day, month, year;
  bool Empty() const { return day.empty() && month.empty() && year.empty(); }
};

// The three boxes of `name` as typed, trimmed.
DateBoxes ReadDateBoxes(const std::multimap<std::string, std::string>& fields, const std::string& name);
// The three boxes of `name` in a GET form's query ("?date_of_birth-day=2&…"), trimmed.
DateBoxes QueryDateBoxes(const http::Request& request, const std::string& name);
// The boxes of an ISO date ("2017-05-14" → 14, 5, 2017) to show a kept date; all empty when `iso` is
// not a date.
DateBoxes DateBoxesOf(std::string_view iso);

// "YYYY-MM-DD" for the use case; "" when all three boxes are empty; otherwise, when the boxes do
// not make a date, text the use case refuses as not a date (and DateBoxesFault says why).
std::string IsoDate(const DateBoxes& boxes);

// Why the boxes are not a date, as GOV.UK's date input says it, starting with `what` ("Date of
// birth"): "Date of birth must include a month", "Year must include 4 numbers", "Date of birth must
// be a real date". nullopt when they make a real date or are all empty.
std::optional<std::string> DateBoxesFault(std::string_view what, const DateBoxes& boxes);

// The box an error summary links to (GOV.UK: the first box at fault): "day", "month" or "year".
std::string FirstBoxAtFault(const DateBoxes& boxes);

// A use case's message for `field` (which speaks ISO: "like 2017-05-14") said for the boxes: the
// box at fault when they do not make a date, else the use case's own rule ("cannot be in the
// future") as it stands.
void SayForDateBoxes(std::vector<FieldError>& errors, const std::string& field, std::string_view what,
                     const DateBoxes& boxes);

// The data of templates/person_date_field.mustache.
Data DateFieldData(const std::string& name, const std::string& legend, const std::string& hint,
                   const DateBoxes& value, const std::optional<std::string>& error);

}  // namespace fd::web
