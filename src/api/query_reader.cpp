#include "api/query_reader.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

namespace fd::api {

std::string WordsList(const std::vector<std::string>& items) {
  std::string out;
  for (std::size_t i = 0; i < items.size(); ++i) {
    if (i > 0) out += i + 1 == items.size() ? " or " : ", ";
    out += items[i];
  }
  return out;
}

QueryReader::QueryReader(const http::Request& request, std::vector<std::string_view> names)
    : request_(request), names_(std::move(names)) {
  const std::vector<std::string> known(names_.begin(), names_.end());
  for (auto it = request_.query.begin(); it != request_.query.end(); it = request_.query.upper_bound(it->first)) {
    const std::string& name = it->first;
    if (std::find(names_.begin(), names_.end(), name) == names_.end()) {
      errors_.push_back({name, known.empty()
                                   ? fmt::format("This address takes no parameter {}: leave it out", name)
                                   : fmt::format("There is no parameter {} here: check its spelling (the parameters "
                                                 "are {})",
                                                 name, WordsList(known))});
      continue;
    }
    // Two values of one parameter (`from=a&from=b`): taking either would be a guess.
    if (const auto count = request_.query.count(name); count > 1)
      errors_.push_back({name, fmt::format("{} is given {} times: give it once", name, count)});
  }
}

bool QueryReader::Refused(std::string_view name) const {
  return std::any_of(errors_.begin(), errors_.end(), [&](const FieldError& e) { return e.field == name; });
}

std::string QueryReader::Text(std::string_view name) const {
  if (Refused(name)) return "";
  return request_.QueryParam(name);
}

bool QueryReader::Has(std::string_view name) const { return !Text(name).empty(); }

int QueryReader::WholeNumber(std::string_view name, int fallback, int least) {
  const std::string text = Text(name);
  if (text.empty()) return fallback;
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < least) {
    Refuse(name, fmt::format("{} must be a whole number from {}, like {}={}", name, least, name, least + 1));
    return fallback;
  }
  return value;
}

std::optional<bool> QueryReader::TrueOrFalse(std::string_view name) {
  const std::string text = Text(name);
  if (text.empty()) return std::nullopt;
  if (text == "true") return true;
  if (text == "false") return false;
  Refuse(name, fmt::format("{} must be true or false", name));
  return std::nullopt;
}

std::string QueryReader::OneOf(std::string_view name, const std::vector<std::string>& allowed) {
  const std::string text = Text(name);
  if (text.empty() || std::find(allowed.begin(), allowed.end(), text) != allowed.end()) return text;
  Refuse(name, fmt::format("{} must be one of: {}", name, WordsList(allowed)));
  return "";
}

void QueryReader::Refuse(std::string_view name, std::string message) {
  if (Refused(name)) return;
  errors_.push_back({std::string(name), std::move(message)});
}

std::optional<Error> QueryReader::Refusal() const {
  if (errors_.empty()) return std::nullopt;
  std::string summary = errors_.front().message;
  return Error::Invalid(errors_, std::move(summary));
}

}  // namespace fd::api
