// Device cookies, pure (app/device_cookies.h; ASVS V2.2.1): only a cookie signed with the service's
// key, for this very username and not yet expired, is trusted; the browser is known by the hash of
// its cookie's id, never by the cookie.
#include <gtest/gtest.h>

#include "app/device_cookies.h"
#include "audit/audit_log.h"

namespace fd::app {
namespace {

const Instant kNow = std::chrono::sys_days{std::chrono::November / 24 / 2026} + std::chrono::hours(9);

TEST(DeviceCookie, ASVS_V2_2_1_ASignedCookieForThisUsernameIsTrustedUntilItExpires) {
  const std::string key = NewDeviceCookieKey();
  ASSERT_EQ(key.size(), 64u);
  const std::string cookie = MakeDeviceCookie(key, "social_worker", kNow);
  const auto check = CheckDeviceCookie(key, cookie, "social_worker", kNow + std::chrono::days(29));
  EXPECT_EQ(check.trust, DeviceTrust::kTrusted);
  const std::string id(cookie.substr(cookie.find('.', 3) + 1, cookie.find('.', cookie.find('.', 3) + 1) - cookie.find('.', 3) - 1));
  EXPECT_EQ(check.device, audit::Sha256Hex(id));
  EXPECT_EQ(cookie.find(check.device), std::string::npos);
  EXPECT_EQ(CheckDeviceCookie(key, cookie, "social_worker", kNow + kDeviceCookieLifetime).trust, DeviceTrust::kExpired);
  // Each cookie is a new browser id.
  EXPECT_NE(CheckDeviceCookie(key, MakeDeviceCookie(key, "social_worker", kNow), "social_worker", kNow).device,
            check.device);
}

TEST(DeviceCookie, ASVS_V2_2_1_AnyOtherCookieGivesNoTrust) {
  const std::string key = NewDeviceCookieKey();
  const std::string cookie = MakeDeviceCookie(key, "social_worker", kNow);
  EXPECT_EQ(CheckDeviceCookie(key, cookie, "team_manager", kNow).trust, DeviceTrust::kOtherUser);
  EXPECT_EQ(CheckDeviceCookie(NewDeviceCookieKey(), cookie, "social_worker", kNow).trust, DeviceTrust::kForged);
  EXPECT_EQ(CheckDeviceCookie(std::nullopt, cookie, "social_worker", kNow).trust, DeviceTrust::kForged);
  // Any one character changed, anywhere, is no longer trusted.
  for (std::size_t i = 0; i < cookie.size(); ++i) {
    std::string changed = cookie;
    changed[i] = changed[i] == 'A' ? 'B' : 'A';
    EXPECT_NE(CheckDeviceCookie(key, changed, "social_worker", kNow).trust, DeviceTrust::kTrusted) << i;
  }
  // A later expiry written in by hand breaks the signature.
  const auto last = cookie.rfind('.');
  const auto before = cookie.rfind('.', last - 1);
  const std::string extended = cookie.substr(0, before + 1) + "9999999999" + cookie.substr(last);
  EXPECT_EQ(CheckDeviceCookie(key, extended, "social_worker", kNow).trust, DeviceTrust::kForged);
  for (const std::string bad : {"", "x", "v1....", "v2.a.b.1.c", "v1.a.b.1", "v1.a.b.notanumber.c"})
    EXPECT_NE(CheckDeviceCookie(key, bad, "social_worker", kNow).trust, DeviceTrust::kTrusted) << bad;
  EXPECT_EQ(CheckDeviceCookie(key, "", "social_worker", kNow).trust, DeviceTrust::kNone);
}

TEST(DeviceCookie, TheNameIsTheUsersButDoesNotSpellIt) {
  EXPECT_EQ(DeviceCookieName("social_worker"), DeviceCookieName("social_worker"));
  EXPECT_NE(DeviceCookieName("social_worker"), DeviceCookieName("team_manager"));
  EXPECT_TRUE(DeviceCookieName("social_worker").starts_with("fd_device_"));
  EXPECT_EQ(DeviceCookieName("social_worker").size(), 26u);
}

}  // namespace
}  // namespace fd::app
