// Bank holidays from files in the format of the GOV.UK bank-holidays JSON
// ({"england-and-wales": {"division": …, "events": [{"title", "date", …}]}, …}).
#pragma once

#include <expected>
#include <map>
#include <set>
#include <string>

#include "calendar/working_calendar.h"

namespace fd::calendar {

struct BankHolidayEvent {
  std::string title;
  Date date;
};

// Every division in the document → its events. Errors name what is wrong and where.
std::expected<std::map<std::string, std::vector<BankHolidayEvent>>, std::string> ParseBankHolidays(
    const std::string& json_text);
std::expected<std::map<std::string, std::vector<BankHolidayEvent>>, std::string> LoadBankHolidayFile(
    const std::string& path);
// A GOV.UK-format document holding only `division` (the text must already have parsed).
std::string DivisionJson(const std::string& json_text, const std::string& division);
// The dates of one division, from a file.
std::expected<std::set<Date>, std::string> LoadBankHolidays(const std::string& path, const std::string& division);

}  // namespace fd::calendar
