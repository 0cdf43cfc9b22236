#include "calendar/bank_holidays.h"

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "domain/contact.h"

namespace fd::calendar {

std::expected<std::map<std::string, std::vector<BankHolidayEvent>>, std::string> ParseBankHolidays(
    const std::string& json_text) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json_text);
  } catch (const nlohmann::json::parse_error& e) {
    return std::unexpected(fmt::format("not valid JSON (at byte {})", e.byte));
  }
  if (!doc.is_object() || doc.empty())
    return std::unexpected("expected an object of divisions, like {\"england-and-wales\": {\"events\": [...]}}");
  std::map<std::string, std::vector<BankHolidayEvent>> out;
  for (const auto& [division, body] : doc.items()) {
    if (!body.is_object() || !body.contains("events") || !body["events"].is_array())
      return std::unexpected(fmt::format("division '{}' has no \"events\" list", division));
    auto& events = out[division];
    for (std::size_t i = 0; i < body["events"].size(); ++i) {
      const auto& e = body["events"][i];
      if (!e.is_object() || !e.contains("date") || !e["date"].is_string() || !e.contains("title") || !e["title"].is_string())
        return std::unexpected(fmt::format("{} event {}: needs \"title\" and \"date\" as text", division, i + 1));
      auto date = ParseIsoDate(e["date"].get<std::string>());
      if (!date)
        return std::unexpected(fmt::format("{} event {} ('{}'): date '{}' is not YYYY-MM-DD", division, i + 1,
                                           e["title"].get<std::string>(), e["date"].get<std::string>()));
      events.push_back({e["title"].get<std::string>(), *date});
    }
  }
  return out;
}

std::expected<std::map<std::string, std::vector<BankHolidayEvent>>, std::string> LoadBankHolidayFile(
    const std::string& path) {
  std::ifstream in(path);
  if (!in) return std::unexpected(fmt::format("{}: cannot be read", path));
  std::stringstream text;
  text << in.rdbuf();
  auto parsed = ParseBankHolidays(text.str());
  if (!parsed) return std::unexpected(fmt::format("{}: {}", path, parsed.error()));
  return parsed;
}

std::string DivisionJson(const std::string& json_text, const std::string& division) {
  const auto doc = nlohmann::json::parse(json_text);
  return nlohmann::json{{division, doc.at(division)}}.dump(1) + "\n";
}

std::expected<std::set<Date>, std::string> LoadBankHolidays(const std::string& path, const std::string& division) {
  auto all = LoadBankHolidayFile(path);
  if (!all) return std::unexpected(all.error());
  auto it = all->find(division);
  if (it == all->end()) return std::unexpected(fmt::format("{}: no division '{}'", path, division));
  std::set<Date> dates;
  for (const auto& e : it->second) dates.insert(e.date);
  return dates;
}

}  // namespace fd::calendar
