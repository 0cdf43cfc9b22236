// A time of day typed in one box beside GOV.UK date boxes ("14:30", "2:30pm", "9.05"), for a form
// that asks when something happened. The use cases take "YYYY-MM-DDTHH:MM" local time; people type
// the hour and minute as they say them.
#pragma once

#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "web/date_boxes.h"
#include "web/templates.h"

namespace fd::web {

// "HH:MM" (24-hour) for what was typed, or nullopt when it is not a time of day. Takes "14:30",
// "14.30", "1430", "2:30pm", "2pm", "12am" (midnight) and "12pm" (midday).
std::optional<std::string> TimeOfDay(std::string_view typed);

// Why `typed` is not a time, in words for the page ("Enter the time it was held, for example
// 14:30"); nullopt when it is one. `what` ends the sentence: "Enter the time {what}".
std::optional<std::string> TimeFault(std::string_view what, std::string_view typed);

// "YYYY-MM-DDTHH:MM" from the boxes and the time box for the use case; "" when all are empty; text
// the use case refuses when any part is missing or wrong (and DateBoxesFault / TimeFault say which).
std::string LocalDateTime(const DateBoxes& date, std::string_view time);

// What a form calls its "when" question, for the messages below. For "When was it held?":
// {"Enter the date and time the consultation was held", "Enter the date the consultation was held",
//  "The date it was held", "it was held"}.
struct DateTimeWords {
  std::string nothing_typed;  // all four boxes empty
  std::string no_date;        // a time but no date
  std::string the_date;       // begins DateBoxesFault's sentences ("… must include a month")
  std::string time_what;      // ends TimeFault's ("Enter the time …, for example 14:30")
};

// A date and a time typed on a page: the GOV.UK date boxes "<name>-day", "-month", "-year" and the
// time box "<name>-time", as typed (trimmed); which part is at fault, so the message names it and
// only its boxes are marked. No message when they make a date and a time: if the use case still
// refuses it, its own rule (in the future, before the contact) is about the whole answer.
struct DateTimeBoxes {
  DateBoxes date;
  std::string time;
  std::string message;  // empty: the use case's message stands
  bool day = false, month = false, year = false, clock = false;

  // "YYYY-MM-DDTHH:MM" local time for the use case (LocalDateTime).
  std::string Local() const { return LocalDateTime(date, time); }
  // The box an error summary links to: the first at fault ("day", "month", "year", "time").
  std::string FirstBox() const { return day ? "day" : month ? "month" : year ? "year" : clock ? "time" : "day"; }
};

DateTimeBoxes ReadDateTimeBoxes(const std::multimap<std::string, std::string>& fields, const std::string& name,
                                const DateTimeWords& words);

// The use case speaks ISO ("Enter when they were asked, like 2026-11-24T14:30"): its messages about
// `field` said for the boxes instead (`typed.message`), unless the boxes make a date and a time and
// the use case's own rule refused them.
void SayForDateTimeBoxes(std::vector<FieldError>& errors, const std::string& field, const DateTimeBoxes& typed);

// The data of templates/date_time_field.mustache: the boxes as typed, `error` (the message shown,
// from the use case or said for the boxes) beside them, and each box marked when it is at fault —
// all of them when the use case's own rule refused the whole answer.
Data DateTimeFieldData(const std::string& name, const std::string& legend, const std::string& hint,
                       const DateTimeBoxes& value, const std::optional<std::string>& error);

}  // namespace fd::web
