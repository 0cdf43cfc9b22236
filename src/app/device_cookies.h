// Device cookies (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): a browser that has
// signed in as a user is given a cookie naming that user, signed with the service's key, so that
// its later sign-ins as that user are told apart from a stranger's. Failures from a stranger lock
// out only untrusted clients; a trusted browser has its own count and is locked alone (accounts.h).
//
// The cookie is "v1.<username, base64url>.<id>.<expires, Unix seconds>.<HMAC-SHA-256, base64url>":
// the id is 128 random bits; the HMAC covers the rest under the key kept in the store (migration
// 0040). The cookie's value goes only to the browser; the store and the audit log know a browser by
// the SHA-256 of its id.
#pragma once

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

#include "domain/instant.h"

namespace fd::app {

// A browser's trust lasts this long after its last sign-in (each sign-in gives a fresh cookie): a
// worker back from a longer absence signs in as from a new browser does.
inline constexpr std::chrono::days kDeviceCookieLifetime{30};

// The cookie for `username`'s trusted browser: "fd_device_" + 16 hex of the username's SHA-256, so
// one browser shared by several workers keeps one for each, and the name does not spell the username.
std::string DeviceCookieName(std::string_view username);

// A new cookie value for `username`, signed with `key` (hex), trusted until `now` +
// kDeviceCookieLifetime.
std::string MakeDeviceCookie(std::string_view key, std::string_view username, Instant now);

// What a cookie presented for a sign-in as `username` is worth. Only kTrusted gives trust; the others
// say why not, for the audit log. kForgotten: genuine, but its browser is no longer remembered
// (app/remembered_browsers.h): forgotten, or voided by a new password or a disabled account.
enum class DeviceTrust { kNone, kTrusted, kMalformed, kForged, kExpired, kOtherUser, kForgotten };
struct DeviceCheck {
  DeviceTrust trust = DeviceTrust::kNone;
  std::string device;  // kTrusted only: the SHA-256 (hex) of the cookie's id, as the store keeps it
};
// `key`: nullopt when no key has been made yet (then no cookie can be trusted).
DeviceCheck CheckDeviceCookie(const std::optional<std::string>& key, std::string_view cookie,
                              std::string_view username, Instant now);
std::string_view DeviceTrustName(DeviceTrust trust);  // "none", "trusted", "malformed", "forged", "forgotten", …

// A fresh signing key (hex of 32 random bytes), offered to the store when it has none.
std::string NewDeviceCookieKey();

}  // namespace fd::app
