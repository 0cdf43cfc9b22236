#include "app/remembered_browsers.h"

#include <array>
#include <cctype>
#include <utility>

#include "app/permissions.h"
#include "audit/audit_log.h"
#include "store/remembered_browser_records.h"

namespace fd::app {
namespace {

constexpr std::size_t kMaxDescription = 60;

// The first family whose mark the User-Agent carries. Order matters: Edge and Opera also say
// "Chrome", Chrome also says "Safari", Android also says "Linux".
template <std::size_t N>
std::string_view FirstFamily(std::string_view user_agent,
                             const std::array<std::pair<std::string_view, std::string_view>, N>& families) {
  for (const auto& [mark, family] : families)
    if (user_agent.find(mark) != std::string_view::npos) return family;
  return "";
}

constexpr std::array<std::pair<std::string_view, std::string_view>, 10> kBrowsers = {{
    {"Edg", "Edge"},
    {"OPR/", "Opera"},
    {"Firefox/", "Firefox"},
    {"FxiOS/", "Firefox"},
    {"CriOS/", "Chrome"},
    {"Chrome/", "Chrome"},
    {"Safari/", "Safari"},
    {"Trident/", "Internet Explorer"},
    {"curl/", "curl"},
    {"Mozilla/", "a web browser"},
}};

constexpr std::array<std::pair<std::string_view, std::string_view>, 8> kSystems = {{
    {"Windows", "Windows"},
    {"iPhone", "iPhone"},
    {"iPad", "iPad"},
    {"Android", "Android"},
    {"CrOS", "ChromeOS"},
    {"Mac OS X", "macOS"},
    {"Macintosh", "macOS"},
    {"Linux", "Linux"},
}};

Result<store::UserRecord> UserWhoseBrowsers(store::Transaction& tx, const Actor& by, std::int64_t user_id) {
  // Each user their own; another's only with the administrator's permission.
  if (by.user_id != user_id || by.token_scopes)
    if (auto allowed = Authorise(by, Action::kForgetUserBrowsers); !allowed) return std::unexpected(allowed.error());
  auto user = store::FindUserById(tx, user_id);
  if (!user) return std::unexpected(Error::NotFound("There is no user with that number"));
  return *user;
}

audit::AuditEvent ForgottenEvent(const std::optional<Actor>& by, const store::UserRecord& user, std::string_view why,
                                 std::int64_t count, Instant now) {
  return {now,
          by ? std::optional(by->user_id) : std::nullopt,
          by ? by->username : "system",
          "user.browsers_forgotten",
          "user",
          std::to_string(user.id),
          {{"username", user.username}, {"reason", std::string(why)}, {"browsers_forgotten", count}}};
}

}  // namespace

std::string BrowserDescription(std::string_view user_agent) {
  std::string browser(FirstFamily(user_agent, kBrowsers));
  if (browser.empty()) browser = "Unknown browser";
  const std::string_view system = FirstFamily(user_agent, kSystems);
  std::string description = system.empty() ? browser : browser + " on " + std::string(system);
  if (!description.empty()) description[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(description[0])));
  return description.substr(0, kMaxDescription);
}

Result<UsersBrowsers> ListRememberedBrowsers(AppContext& ctx, const Actor& by, std::int64_t user_id) {
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto user = UserWhoseBrowsers(*tx, by, user_id);
  if (!user) return std::unexpected(user.error());
  UsersBrowsers out{user->display_name, user->username, {}};
  for (const auto& b : store::ListRememberedBrowsers(*tx, user_id, ctx.clock.Now()))
    out.browsers.push_back({b.id, b.description, b.first_remembered_at, b.last_used_at, b.expires_at});
  return out;
}

Result<void> ForgetRememberedBrowser(AppContext& ctx, const Actor& by, std::int64_t user_id,
                                     std::int64_t browser_id) {
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto user = UserWhoseBrowsers(*tx, by, user_id);
  if (!user) return std::unexpected(user.error());
  if (!store::DeleteRememberedBrowser(*tx, user_id, browser_id))
    return std::unexpected(Error::NotFound("That browser is not one this user is remembered on"));
  auto event = ForgottenEvent(by, *user, kForgottenOnRequest, 1, now);
  event.changes["browser"] = browser_id;
  audit::Append(*tx, event);
  tx->Commit();
  return {};
}

Result<std::int64_t> ForgetRememberedBrowsers(AppContext& ctx, const Actor& by, std::int64_t user_id) {
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto user = UserWhoseBrowsers(*tx, by, user_id);
  if (!user) return std::unexpected(user.error());
  const std::int64_t forgotten = ForgetBrowsersOfUser(*tx, by, *user, kForgottenOnRequest, now);
  tx->Commit();
  return forgotten;
}

std::int64_t ForgetBrowsersOfUser(store::Transaction& tx, const std::optional<Actor>& by,
                                  const store::UserRecord& user, std::string_view why, Instant now) {
  const std::int64_t forgotten = store::DeleteRememberedBrowsersOfUser(tx, user.id, now);
  if (forgotten > 0) audit::Append(tx, ForgottenEvent(by, user, why, forgotten, now));
  return forgotten;
}

}  // namespace fd::app
