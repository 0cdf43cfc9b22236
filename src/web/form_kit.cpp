#include "web/form_kit.h"

#include <charconv>

namespace fd::web {

std::optional<std::string> ErrorFor(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return e.message;
  return std::nullopt;
}

void SetInput(Data& d, const std::string& key, const std::string& value, const std::optional<std::string>& error) {
  d.set(key, value);
  d.set(key + "_error", error.has_value());
  d.set(key + "_error_message", error.value_or(""));
}

void SetErrorSummary(Data& d, const std::vector<FieldError>& errors,
                     const std::function<std::string(const std::string&)>& input_id) {
  if (errors.empty()) return;
  Data list = List();
  for (const auto& e : errors) {
    Data item = Object();
    item.set("input_id", input_id(e.field));
    item.set("message", e.message);
    list.push_back(item);
  }
  d.set("has_errors", true);
  d.set("errors", list);
}

Data Choices(const std::string& id, const std::vector<Option>& options,
             const std::function<bool(const std::string&)>& is_checked) {
  Data list = List();
  bool first = true;
  for (const auto& o : options) {
    Data item = Object();
    item.set("input_id", first ? id : id + "-" + o.value);
    item.set("value", o.value);
    item.set("label", o.label);
    item.set("checked", is_checked(o.value));
    list.push_back(item);
    first = false;
  }
  return list;
}

Data Radios(const std::string& id, const std::vector<Option>& options, const std::string& selected) {
  return Choices(id, options, [&](const std::string& v) { return v == selected; });
}

std::optional<std::int64_t> WholeNumber(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace fd::web
