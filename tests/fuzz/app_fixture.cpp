#include "app_fixture.h"

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <random>

#include <nlohmann/json.hpp>
#include <spdlog/spdlog.h>

#include "api/route_permissions.h"
#include "api/session_guard.h"
#include "app/accounts.h"
#include "app/context.h"
#include "fuzz_check.h"
#include "policy/procedures.h"
#include "service/service.h"
#include "store/migrations.h"
#include "store/store.h"
#include "../support/route_target.h"

namespace fd::fuzz {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {

constexpr const char* kPassword = "fuzzing horse battery staple";

fs::path FreshFolder() {
  const fs::path base = fs::is_directory("/dev/shm") ? fs::path("/dev/shm") : fs::temp_directory_path();
  std::random_device rd;
  fs::path dir = base / ("frontdoor-fuzz-" + std::to_string(getpid()) + "-" + std::to_string(rd()));
  fs::create_directories(dir / "static");
  return dir;
}

// Wednesday 25 November 2026, 10:00 UTC: a working day, within office hours and every line's hours.
Instant FuzzNow() {
  using namespace std::chrono;
  return sys_days{year{2026} / November / day{25}} + hours{10};
}

}  // namespace

struct App::Impl {
  fs::path dir = FreshFolder();
  store::StorePtr store;
  app::FixedClock clock{FuzzNow()};
  std::shared_ptr<const policy::Procedures> procedures;
  std::unique_ptr<app::AppContext> ctx;
  std::unique_ptr<service::Service> service;
  std::map<Role, app::SignedIn> sessions;
  std::map<std::string, std::string> ids;  // "contact", "consultation", "person", "request" → id

  ~Impl() {
    service.reset();
    ctx.reset();
    store.reset();
    std::error_code ec;
    fs::remove_all(dir, ec);
  }

  // A record made through the API itself, so it is exactly what a user would have made; its id, or
  // nullopt when the API refused it.
  std::optional<std::string> TryMake(Role role, const std::string& path, const json& body) {
    http::Request request;
    request.method = "POST";
    request.target = request.path = path;
    request.headers = {{"content-type", "application/json"},
                       {"cookie", std::string(api::kSessionCookie) + "=" + sessions.at(role).session_token},
                       {"x-csrf-token", sessions.at(role).csrf_token}};
    request.body = body.dump();
    request.remote_address = "127.0.0.1";
    const auto response = service->router().Dispatch(request);
    if (response.status != 201) return std::nullopt;
    return std::to_string(json::parse(response.body).at("id").get<std::int64_t>());
  }
  std::string Make(Role role, const std::string& path, const json& body) {
    auto id = TryMake(role, path, body);
    Check(id.has_value(), "the fuzz fixture could not make " + path);
    return *id;
  }
};

App& App::Get() {
  static App app;
  return app;
}

App::App() : impl_(std::make_unique<Impl>()) {
  auto& d = *impl_;
  spdlog::set_level(spdlog::level::off);  // millions of requests: their log lines would be the run's cost
  d.store = store::OpenStore("sqlite:" + (d.dir / "fuzz.db").string());
  store::Migrate(*d.store);
  auto procedures = policy::Procedures::Load(std::string(FD_SOURCE_DIR) + "/policies/kent");
  Check(procedures.has_value(), "the fuzz fixture could not load the Kent policy packs");
  d.procedures = *procedures;
  d.ctx = std::make_unique<app::AppContext>(app::AppContext{*d.store, d.clock, *d.procedures, "Europe/London"});
  // The cheapest hash libsodium allows, as the API tests use: a real one costs 0.1 s (more under
  // ASan), and the fixture makes and signs in a dozen accounts, and every fuzzed sign-in and renewed
  // session verifies another. The code path is the same: verification reads the cost from the hash.
  d.ctx->password_hashing = app::PasswordHashing::kFastForTests;
  for (Role role : AllRoles()) {
    const std::string username(RoleId(role));
    auto id = app::CreateUser(*d.ctx, std::nullopt, {username, "Fuzz " + username, "", role, "Front Door", kPassword,
                                                           role == Role::kPartner ? "police" : ""});
    Check(id.has_value(), "the fuzz fixture could not create the user " + username);
  }
  // The administrator's account routes fuzz an account of their own, not one the fixture signs in as.
  auto spare = app::CreateUser(*d.ctx, std::nullopt,
                               {"spare", "Fuzz spare", "", Role::kSocialWorker, "Front Door", kPassword});
  Check(spare.has_value(), "the fuzz fixture could not create the spare user");
  d.ids["user"] = std::to_string(*spare);
  service::ServiceOptions options;
  options.templates_dir = std::string(FD_SOURCE_DIR) + "/templates";
  options.static_dir = (d.dir / "static").string();
  d.service = std::make_unique<service::Service>(*d.ctx, options);
  for (Role role : AllRoles()) Renew(role);

  d.ids["contact"] = d.Make(
      Role::kContactOfficer, "/api/v1/contacts",
      {{"referrer",
        {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Riverside Primary"}, {"phone", "01632 960 001"},
         {"email", "dsl@riverside.sch.uk"}}},
       {"children", json::array({{{"first_names", "Mia"}, {"last_name", "Example"}, {"date_of_birth", "2017-05-14"},
                                  {"gender", "female"}, {"address", "12 Orchard Way"}}})},
       {"concern", "Arrived hungry three days running."}});
  d.ids["person"] = d.Make(Role::kSocialWorker, "/api/v1/people",
                           {{"first_names", "Mia"},
                            {"last_name", "Example"},
                            {"date_of_birth", "2017-05-14"},
                            {"gender", "female"},
                            {"address", "12 Orchard Way, Exampleton EX1 2AB"}});
  json request = {{"type", "immigration"},
                  {"requester_name", "Jo Duty"},
                  {"requester_organisation", "UK Visas and Immigration"},
                  {"requester_email", "jo.duty@homeoffice.gov.uk"},
                  {"subject_first_names", "Mia"},
                  {"subject_last_name", "Example"},
                  {"subject_date_of_birth", "2017-05-14"},
                  {"details", "Is the child known?"}};
  // Information requests of the types the procedures define, when they do.
  if (auto id = d.TryMake(Role::kContactOfficer, "/api/v1/information-requests", request)) d.ids["request"] = *id;
  request["type"] = "subject-access";
  if (auto id = d.TryMake(Role::kDataProtectionOfficer, "/api/v1/information-requests", request))
    d.ids["dp-request"] = *id;
  // A no-named consultation (Kent's professionals line, open on the fixture's Wednesday morning).
  // Kept when the procedures accept it; routes on a consultation then reach a real one.
  if (auto id = d.TryMake(Role::kContactOfficer, "/api/v1/consultations",
                          {{"type", "no-named"},
                           {"consultee_name", "Priya Shah"},
                           {"consultee_organisation", "Elm Primary"},
                           {"consultee_phone", "01632 960 001"},
                           {"caller_type", "school"},
                           {"summary", "A pupil is often hungry; what should we do?"},
                           {"safeguarding_lead_consulted", true}}))
    d.ids["consultation"] = *id;
  // For writing seeds by hand: a seed's first byte is its route's place in these lists.
  if (std::getenv("FD_FUZZ_LIST_ROUTES")) {
    for (bool api : {true, false}) {
      const auto routes = UnsafeRoutes(api);
      for (std::size_t i = 0; i < routes.size(); ++i)
        std::fprintf(stderr, "%s %zu: %s %s\n", api ? "api_json" : "form_body", i, routes[i]->method.c_str(),
                     routes[i]->pattern.c_str());
    }
  }
}

App::~App() = default;

void App::Renew(Role role) {
  auto& d = *impl_;
  const std::string username(RoleId(role));
  auto signed_in = app::SignIn(*d.ctx, username, kPassword);
  if (!signed_in) {
    // Fuzzed sign-ins (POST /api/v1/session, /sign-in) with wrong passwords lock accounts, as they
    // should; the fixture lifts the lock as an administrator would.
    (void)app::UnlockAccount(*d.ctx, std::nullopt, username);
    signed_in = app::SignIn(*d.ctx, username, kPassword);
  }
  Check(signed_in.has_value(), "the fuzz fixture could not sign in as " + std::string(RoleId(role)));
  d.sessions.insert_or_assign(role, *signed_in);
}

std::vector<const http::Route*> App::UnsafeRoutes(bool api) const {
  std::vector<const http::Route*> out;
  for (const auto& route : impl_->service->router().routes()) {
    if (route.method == "GET") continue;
    if (route.pattern.starts_with("/api/") != api) continue;
    if (route.pattern == "/api/v1/session" && route.method == "DELETE") continue;
    if (route.pattern == "/sign-out") continue;
    out.push_back(&route);
  }
  return out;
}

std::vector<Role> App::RolesFor(const http::Route& route) const {
  std::vector<Role> out;
  const auto* permission = api::FindRoutePermission(route.method, route.pattern);
  for (Role role : AllRoles())
    if (route.access == http::Access::kPublic || (permission && api::RoleMayReach(role, *permission)))
      out.push_back(role);
  return out;
}

// The route's own record when the fixture has one of its kind; sub-records (and a kind it has none
// of) point at record 1, which the use case answers.
std::string App::Target(const http::Route& route, Role role) const {
  const std::string kind = testing::RouteRecordKind(route.pattern, role);
  return testing::FillRoute(
      route.pattern,
      [&]() -> std::optional<std::string> {
        if (!impl_->ids.contains(kind)) return std::nullopt;
        return impl_->ids.at(kind);
      },
      "1");
}

std::string App::Cookie(Role role) const {
  return std::string(api::kSessionCookie) + "=" + impl_->sessions.at(role).session_token;
}

const std::string& App::CsrfToken(Role role) const { return impl_->sessions.at(role).csrf_token; }

http::Response App::Dispatch(http::Request& request) {
  try {
    return impl_->service->router().Dispatch(request);
  } catch (const std::exception& e) {
    Finding(request.method + " " + request.path + " threw: " + e.what());
  } catch (...) {
    Finding(request.method + " " + request.path + " threw something not a std::exception");
  }
}

http::Request MakeRequest(App& app, const http::Route& route, Role role, std::string body, std::string content_type) {
  http::Request request;
  request.method = route.method;
  request.target = request.path = app.Target(route, role);
  request.headers = {{"content-type", std::move(content_type)}, {"cookie", app.Cookie(role)},
                     {"x-csrf-token", app.CsrfToken(role)}, {"user-agent", "frontdoor-fuzz"}};
  request.body = std::move(body);
  request.remote_address = "127.0.0.1";
  request.request_id = "fuzz";
  return request;
}

void CheckAnswer(const http::Route& route, Role role, const http::Response& response) {
  // For checking seeds by hand: what each input was answered.
  if (std::getenv("FD_FUZZ_VERBOSE"))
    std::fprintf(stderr, "%s %s as %s: %d %s\n", route.method.c_str(), route.pattern.c_str(),
                 std::string(RoleId(role)).c_str(), response.status, response.body.substr(0, 160).c_str());
  Check(response.status < 500, route.method + " " + route.pattern + " as " + std::string(RoleId(role)) + " answered " +
                                   std::to_string(response.status) + ": " + response.body.substr(0, 400));
}

}  // namespace fd::fuzz
