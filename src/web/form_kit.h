// What every GOV.UK form page does with a refused submission: find a field's message, set an
// input's value and error beside it, list the errors in the summary, and build radios. One place,
// so every form shows errors the same way.
#pragma once

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "domain/error.h"
#include "web/templates.h"

namespace fd::web {

// The message for `field`, when the use case refused it.
std::optional<std::string> ErrorFor(const std::vector<FieldError>& errors, const std::string& field);

// Sets `key` to the value and "<key>_error" / "<key>_error_message" beside it (always, so a value
// never inherits an error from an enclosing section).
void SetInput(Data& d, const std::string& key, const std::string& value, const std::optional<std::string>& error);

// The error summary (templates/error_summary.mustache): each message links to its input.
void SetErrorSummary(Data& d, const std::vector<FieldError>& errors,
                     const std::function<std::string(const std::string&)>& input_id);

struct Option {
  std::string value;
  std::string label;
};

// Radio or checkbox items: the first input has the group's id (where the error summary links), the
// others "<id>-<value>"; each is checked when `is_checked(value)`.
Data Choices(const std::string& id, const std::vector<Option>& options,
             const std::function<bool(const std::string&)>& is_checked);
Data Radios(const std::string& id, const std::vector<Option>& options, const std::string& selected);

// A whole number typed or carried in a form field (a record's version, a chosen id); nullopt when
// the text is empty or anything but digits.
std::optional<std::int64_t> WholeNumber(const std::string& text);

}  // namespace fd::web
