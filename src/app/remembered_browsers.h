// Remembered browsers: each browser a user signed in from holds a device cookie (app/device_cookies.h)
// that exempts it from a stranger's lock-out on the username. The cookie gives that trust only while
// its browser is remembered here (migration 0041), so it can be taken back: one browser ("Forget this
// browser", a lost phone), or all of them — and all of them are forgotten whenever the account is
// disabled or given a new password, so a stolen laptop keeps no exemption. A forgotten browser's
// cookie counts as no cookie. Every forgetting is audited (user.browsers_forgotten: who, whose, why).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"
#include "store/store.h"
#include "store/user_records.h"

namespace fd::app {

// What a browser is called on its user's pages: its browser and system families from the User-Agent
// ("Firefox on Windows", "Safari on iPhone", "Unknown browser"), at most 60 characters. Never the
// User-Agent itself, which with its versions can single a person out.
std::string BrowserDescription(std::string_view user_agent);

struct RememberedBrowser {
  std::int64_t id = 0;
  std::string description;
  Instant first_remembered_at;
  Instant last_used_at;  // its last sign-in
  Instant expires_at;    // when its cookie ends, if it signs in no more
};

// Why a user's browsers were forgotten, as the audit log says it.
inline constexpr std::string_view kForgottenOnRequest = "forgotten";  // "Forget this browser" / "Forget all"
inline constexpr std::string_view kForgottenAccountDisabled = "account_disabled";
inline constexpr std::string_view kForgottenPasswordReset = "password_reset";  // set by an administrator
inline constexpr std::string_view kForgottenOwnPasswordChanged = "own_password_changed";

// The browsers user `user_id` is remembered on, the last used first. For an administrator, or the user
// themselves. Errors: kForbidden for anyone else; kNotFound when there is no such user.
struct UsersBrowsers {
  std::string display_name;  // whose they are, for the page's heading
  std::string username;
  std::vector<RememberedBrowser> browsers;
};
Result<UsersBrowsers> ListRememberedBrowsers(AppContext& ctx, const Actor& by, std::int64_t user_id);
// Forgets one of them. Errors: as ListRememberedBrowsers, and kNotFound when `browser_id` is not one
// of that user's remembered browsers.
Result<void> ForgetRememberedBrowser(AppContext& ctx, const Actor& by, std::int64_t user_id,
                                     std::int64_t browser_id);
// Forgets them all; returns how many there were.
Result<std::int64_t> ForgetRememberedBrowsers(AppContext& ctx, const Actor& by, std::int64_t user_id);

// Within the caller's transaction (the account change that calls for it): forgets every browser of
// `user` and audits it, by `by` (nullopt: the system, the CLI) because of `why`, when there were any.
// Returns how many.
std::int64_t ForgetBrowsersOfUser(store::Transaction& tx, const std::optional<Actor>& by,
                                  const store::UserRecord& user, std::string_view why, Instant now);

}  // namespace fd::app
