#include "api/json_body.h"

#include <charconv>

#include <fmt/format.h>

#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {

std::expected<nlohmann::json, http::Response> JsonBody(const http::Request& request) {
  const auto type = request.Header("content-type");
  if (!type.starts_with("application/json"))
    return std::unexpected(http::Problem(415, "Unsupported media type",
                                         "Send the body as JSON with the header Content-Type: application/json"));
  try {
    return nlohmann::json::parse(request.body);
  } catch (const nlohmann::json::parse_error& e) {
    return std::unexpected(http::Problem(
        400, "Malformed JSON",
        fmt::format("The body is not valid JSON (at byte {}): check quotes, commas and brackets", e.byte)));
  } catch (const nlohmann::json::out_of_range&) {
    // A number too large for a double (1e400) is refused by the parser with out_of_range, not
    // parse_error; found by the api_json fuzzer (tests/fuzz/regressions/api_json).
    return std::unexpected(http::Problem(
        400, "Malformed JSON", "The body is not valid JSON: a number in it is too large to read; check the numbers"));
  }
}

Result<int> IntParam(const http::Request& request, const char* name, int fallback) {
  const std::string text = request.QueryParam(name);
  if (text.empty()) return fallback;
  int value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size())
    return std::unexpected(Error::InvalidField(name, FieldWords(name) + " must be a whole number"));
  return value;
}

std::optional<int> ChildPositionParam(const http::Request& request) {
  const std::string text = request.Param("position");
  int value = -1;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < 0 || value > 100) return std::nullopt;
  return value;
}

std::optional<std::int64_t> IdParam(const http::Request& request, const char* name) {
  const std::string text = request.Param(name);
  std::int64_t id = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id <= 0) return std::nullopt;
  return id;
}

}  // namespace fd::api
