#include "web/date_boxes.h"

#include <algorithm>
#include <chrono>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "domain/contact.h"
#include "domain/text.h"
#include "web/page_kit.h"

namespace fd::web {
namespace {

bool Digits(const std::string& s, std::size_t max) {
  return !s.empty() && s.size() <= max && std::all_of(s.begin(), s.end(), [](char c) { return c >= '0' && c <= '9'; });
}

}  // namespace

DateBoxes ReadDateBoxes(const std::multimap<std::string, std::string>& fields, const std::string& name) {
  return {Trim(FormValue(fields, (name + "-day").c_str())), Trim(FormValue(fields, (name + "-month").c_str())),
          Trim(FormValue(fields, (name + "-year").c_str()))};
}

DateBoxes QueryDateBoxes(const http::Request& request, const std::string& name) {
  return {Trim(request.QueryParam(name + "-day")), Trim(request.QueryParam(name + "-month")),
          Trim(request.QueryParam(name + "-year"))};
}

DateBoxes DateBoxesOf(std::string_view iso) {
  const auto date = ParseIsoDate(Trim(iso));
  if (!date) return {};
  return {std::to_string(static_cast<unsigned>(date->day())), std::to_string(static_cast<unsigned>(date->month())),
          std::to_string(static_cast<int>(date->year()))};
}

std::string IsoDate(const DateBoxes& d) {
  if (d.Empty()) return "";
  if (!Digits(d.day, 2) || !Digits(d.month, 2) || !Digits(d.year, 4) || d.year.size() != 4) return "not a date";
  return fmt::format("{}-{:0>2}-{:0>2}", d.year, d.month, d.day);
}

std::optional<std::string> DateBoxesFault(std::string_view what, const DateBoxes& d) {
  if (d.Empty()) return std::nullopt;
  std::vector<std::string_view> missing;
  if (d.day.empty()) missing.push_back("day");
  if (d.month.empty()) missing.push_back("month");
  if (d.year.empty()) missing.push_back("year");
  if (!missing.empty()) return fmt::format("{} must include a {}", what, fmt::join(missing, " and "));
  // A two-digit year is the commonest slip: named as such, not "not a real date".
  if (Digits(d.year, 4) && d.year.size() != 4) return std::string("Year must include 4 numbers");
  const std::string iso = IsoDate(d);
  if (iso == "not a date" || !ParseIsoDate(iso)) return fmt::format("{} must be a real date", what);
  return std::nullopt;
}

std::string FirstBoxAtFault(const DateBoxes& d) {
  if (d.Empty()) return "day";
  if (d.day.empty()) return "day";
  if (d.month.empty()) return "month";
  if (d.year.empty() || d.year.size() != 4) return "year";
  return "day";
}

void SayForDateBoxes(std::vector<FieldError>& errors, const std::string& field, std::string_view what,
                     const DateBoxes& boxes) {
  for (auto& e : errors) {
    if (e.field != field) continue;
    if (auto fault = DateBoxesFault(what, boxes)) e.message = *fault;
  }
}

Data DateFieldData(const std::string& name, const std::string& legend, const std::string& hint, const DateBoxes& value,
                   const std::optional<std::string>& error) {
  Data d = Object();
  d.set("name", name);
  d.set("legend", legend);
  d.set("hint", hint);
  d.set("day", value.day);
  d.set("month", value.month);
  d.set("year", value.year);
  d.set("error", error.has_value());
  d.set("error_message", error.value_or(""));
  return d;
}

}  // namespace fd::web
