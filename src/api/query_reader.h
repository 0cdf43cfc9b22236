// One reader of query parameters for the API and the pages (docs/decisions.md "A link's parameters
// are read one way on the pages and the API"): a list or report names the parameters it takes, and
// the reader refuses any other, any given twice, and any value the parameter cannot have, each with a
// message naming the parameter and what it may be. Nothing is quietly replaced by the default, so
// nobody is shown a different list from the one they asked for without being told.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "http/message.h"

namespace fd::api {

class QueryReader {
 public:
  // Reads the query of `request` for a list or report that takes the parameters `names` and no
  // other. A parameter not among them, or given more than once, is refused at once.
  QueryReader(const http::Request& request, std::vector<std::string_view> names);

  // The value of `name`, "" when it is absent (or refused).
  std::string Text(std::string_view name) const;
  bool Has(std::string_view name) const;
  // Whether the request has the parameter at all, even refused or empty.
  bool Given(std::string_view name) const { return request_.query.contains(std::string(name)); }
  // A whole number of at least `least`; `fallback` when absent.
  int WholeNumber(std::string_view name, int fallback, int least = 1);
  // "true" or "false"; nullopt when absent.
  std::optional<bool> TrueOrFalse(std::string_view name);
  // One of `allowed`; "" when absent.
  std::string OneOf(std::string_view name, const std::vector<std::string>& allowed);
  // Records a refusal found by the caller (a value that depends on another parameter).
  void Refuse(std::string_view name, std::string message);

  // Every parameter refused so far, each named (kInvalid); nullopt when all were good.
  std::optional<Error> Refusal() const;
  const std::vector<std::string_view>& names() const { return names_; }

 private:
  bool Refused(std::string_view name) const;

  const http::Request& request_;
  std::vector<std::string_view> names_;
  std::vector<FieldError> errors_;
};

// "a, b or c": a list of allowed values or parameters as the messages give them.
std::string WordsList(const std::vector<std::string>& items);

}  // namespace fd::api
