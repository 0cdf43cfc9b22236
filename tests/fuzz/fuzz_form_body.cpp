// Form bodies (application/x-www-form-urlencoded) of every page route that takes one (every route
// outside /api not a GET), reaching the real page handlers in-process (app_fixture.h): the first
// byte chooses the route, the second a role the route lets in, the rest is the body, posted with the
// role's session cookie and CSRF token. A page with errors (4xx) or a redirect is an answer; a 5xx
// or an exception escaping the router is a finding.
#include <cstring>
#include <random>
#include <string>
#include <utility>
#include <vector>

#include "app_fixture.h"
#include "fuzz_check.h"

// libFuzzer's own byte mutations; weak, so the g++ replay (which never mutates) links without it.
extern "C" __attribute__((weak)) std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size,
                                                              std::size_t max_size);

namespace {

using Field = std::pair<std::string, std::string>;

// The body's fields as sent, names and values still encoded: a mutation keeps every other byte.
std::vector<Field> SplitFields(std::string_view body) {
  std::vector<Field> fields;
  while (!body.empty()) {
    const auto amp = body.find('&');
    const std::string_view pair = body.substr(0, amp);
    const auto eq = pair.find('=');
    if (eq == std::string_view::npos) fields.emplace_back(std::string(pair), "");
    else fields.emplace_back(std::string(pair.substr(0, eq)), std::string(pair.substr(eq + 1)));
    if (amp == std::string_view::npos) break;
    body.remove_prefix(amp + 1);
  }
  return fields;
}

std::string JoinFields(const std::vector<Field>& fields) {
  std::string body;
  for (const auto& [name, value] : fields) {
    if (!body.empty()) body += '&';
    body += name;
    body += '=';
    body += value;
  }
  return body;
}

// Values a form's field is rarely sent by a browser but may be by anyone: what the page code must
// refuse with a message, never a fault.
const char* const kOddValues[] = {
    "",           "%20%20",      "-1",         "0",          "00",          "9223372036854775808",
    "1e308",      "NaN",         "%00",        "%FF%FE",     "%ZZ",         "%",
    "2026-02-30", "31",          "13",         "1899",       "99999",       "yes",
    "no",         "on",          "%E2%80%AE",  "%C0%AF",     "abc%26x%3Dy", "%3Cscript%3E",
};

// One change to the body's fields, as a person or a program might make: a field dropped, sent twice,
// its value swapped for an odd one or for another field's, a long value, a field's name given to
// another. Byte mutations keep a body's names intact only by luck; these keep them and change what
// the handlers read.
void ChangeFields(std::vector<Field>& fields, std::minstd_rand& rng) {
  if (fields.empty()) return;
  Field& field = fields[rng() % fields.size()];
  switch (rng() % 7) {
    case 0: fields.erase(fields.begin() + static_cast<std::ptrdiff_t>(&field - fields.data())); break;
    case 1: fields.push_back(field); break;
    case 2: field.second = kOddValues[rng() % std::size(kOddValues)]; break;
    case 3: field.second = fields[rng() % fields.size()].second; break;
    case 4: field.second = std::string(1 + rng() % 3000, static_cast<char>('a' + rng() % 26)); break;
    case 5: field.first = fields[rng() % fields.size()].first; break;
    default: std::swap(field, fields[rng() % fields.size()]); break;
  }
}

}  // namespace

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
  std::minstd_rand rng(seed);
  if (size > 2 && rng() % 2 == 0) {
    auto fields = SplitFields(std::string_view(reinterpret_cast<const char*>(data + 2), size - 2));
    ChangeFields(fields, rng);
    const std::string text = JoinFields(fields);
    if (text.size() + 2 <= max_size) {
      std::memcpy(data + 2, text.data(), text.size());
      return text.size() + 2;
    }
  }
  return LLVMFuzzerMutate(data, size, max_size);
}

namespace {

// A page whose session has ended answers with a redirect to the sign-in page.
bool SentToSignIn(const fd::http::Response& response) {
  for (const auto& [name, value] : response.headers)
    if (name == "Location" && value.starts_with("/sign-in")) return true;
  return false;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  auto& app = fd::fuzz::App::Get();
  static const auto routes = app.UnsafeRoutes(/*api=*/false);
  const auto& route = *routes[data[0] % routes.size()];
  const auto roles = app.RolesFor(route);
  if (roles.empty()) return 0;
  const fd::Role role = roles[data[1] % roles.size()];
  auto request = fd::fuzz::MakeRequest(app, route, role, std::string(fd::fuzz::Text(data + 2, size - 2)),
                                       "application/x-www-form-urlencoded");
  const auto response = app.Dispatch(request);
  fd::fuzz::CheckAnswer(route, role, response);
  // A session ended by the request (a changed password, say) is signed in again for the next one.
  if (response.status == 401 || SentToSignIn(response)) app.Renew(role);
  return 0;
}
