// JSON bodies of every API route that takes one (every /api/v1 route not a GET), reaching the real
// handlers in-process (app_fixture.h): the first byte chooses the route, the second a role the route
// lets in, the rest is the body, sent as application/json with the role's session and CSRF token.
// 2xx and 4xx are answers; a 5xx or an exception escaping the router is a finding.
#include <cstring>
#include <random>
#include <vector>

#include <nlohmann/json.hpp>

#include "app_fixture.h"
#include "fuzz_check.h"

// libFuzzer's own byte mutations; weak, so the g++ replay (which never mutates) links without it.
extern "C" __attribute__((weak)) std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size,
                                                              std::size_t max_size);

namespace {

using nlohmann::json;

void Collect(json& node, std::vector<json*>& out) {
  out.push_back(&node);
  if (node.is_structured())
    for (auto& child : node) Collect(child, out);
}

// Gives one value of the body another type: a name that must be text sent as a number or null, a
// list sent as an object. Byte mutations rarely do this inside a nested object (a consultation's
// child_open_to.name as a number went unfound in 1.5 million runs without it).
void Retype(json& body, std::minstd_rand& rng) {
  std::vector<json*> nodes;
  Collect(body, nodes);
  json& node = *nodes[rng() % nodes.size()];
  switch (rng() % 10) {
    case 0: node = nullptr; break;
    case 1: node = 0; break;
    case 2: node = -1; break;
    case 3: node = 1e308; break;
    case 4: node = std::int64_t{9223372036854775807}; break;
    case 5: node = ""; break;
    case 6: node = true; break;
    case 7: node = json::array({node}); break;
    case 8: node = json::object(); break;
    default: node = node.dump(); break;
  }
}

}  // namespace

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size, std::size_t max_size,
                                               unsigned int seed) {
  std::minstd_rand rng(seed);
  if (size > 2 && rng() % 2 == 0) {
    json body = json::parse(data + 2, data + size, nullptr, /*allow_exceptions=*/false);
    if (!body.is_discarded()) {
      Retype(body, rng);
      const std::string text = body.dump();
      if (text.size() + 2 <= max_size) {
        std::memcpy(data + 2, text.data(), text.size());
        return text.size() + 2;
      }
    }
  }
  return LLVMFuzzerMutate(data, size, max_size);
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  if (size < 2) return 0;
  auto& app = fd::fuzz::App::Get();
  static const auto routes = app.UnsafeRoutes(/*api=*/true);
  const auto& route = *routes[data[0] % routes.size()];
  const auto roles = app.RolesFor(route);
  if (roles.empty()) return 0;
  const fd::Role role = roles[data[1] % roles.size()];
  auto request = fd::fuzz::MakeRequest(app, route, role, std::string(fd::fuzz::Text(data + 2, size - 2)),
                                       "application/json");
  const auto response = app.Dispatch(request);
  fd::fuzz::CheckAnswer(route, role, response);
  if (response.status == 401) app.Renew(role);
  return 0;
}
