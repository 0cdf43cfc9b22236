#include "app/device_cookies.h"

#include <sodium.h>

#include <charconv>
#include <cstring>
#include <stdexcept>
#include <vector>

#include "app/accounts.h"
#include "audit/audit_log.h"

namespace fd::app {
namespace {

constexpr std::string_view kVersion = "v1";
constexpr std::size_t kMaxCookie = 400;  // longer than any real one (a 60-character username)

std::string Base64Url(std::string_view bytes) {
  std::string out(sodium_base64_ENCODED_LEN(bytes.size(), sodium_base64_VARIANT_URLSAFE_NO_PADDING), '\0');
  sodium_bin2base64(out.data(), out.size(), reinterpret_cast<const unsigned char*>(bytes.data()), bytes.size(),
                    sodium_base64_VARIANT_URLSAFE_NO_PADDING);
  out.resize(std::strlen(out.c_str()));
  return out;
}

std::optional<std::string> FromBase64Url(std::string_view text) {
  std::string out(text.size(), '\0');
  std::size_t length = 0;
  if (sodium_base642bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), text.data(), text.size(), nullptr,
                        &length, nullptr, sodium_base64_VARIANT_URLSAFE_NO_PADDING) != 0)
    return std::nullopt;
  out.resize(length);
  return out;
}

std::optional<std::string> FromHex(std::string_view hex) {
  std::string out(hex.size() / 2, '\0');
  std::size_t length = 0;
  if (sodium_hex2bin(reinterpret_cast<unsigned char*>(out.data()), out.size(), hex.data(), hex.size(), nullptr, &length,
                     nullptr) != 0 || length != crypto_auth_hmacsha256_KEYBYTES)
    return std::nullopt;
  out.resize(length);
  return out;
}

// The signed part, "v1.<username>.<id>.<expires>", and its HMAC under `key` (raw bytes).
std::string Mac(std::string_view raw_key, std::string_view signed_part) {
  std::string mac(crypto_auth_hmacsha256_BYTES, '\0');
  crypto_auth_hmacsha256(reinterpret_cast<unsigned char*>(mac.data()),
                         reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(),
                         reinterpret_cast<const unsigned char*>(raw_key.data()));
  return mac;
}

std::vector<std::string_view> Split(std::string_view text, char by) {
  std::vector<std::string_view> parts;
  for (std::size_t start = 0;;) {
    const auto end = text.find(by, start);
    parts.push_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

}  // namespace

std::string DeviceCookieName(std::string_view username) {
  return "fd_device_" + audit::Sha256Hex(username).substr(0, 16);
}

std::string MakeDeviceCookie(std::string_view key, std::string_view username, Instant now) {
  const auto raw_key = FromHex(key);
  if (!raw_key) throw std::invalid_argument("the device cookie key is not 32 bytes of hex");
  const auto expires = std::chrono::duration_cast<std::chrono::seconds>((now + kDeviceCookieLifetime).time_since_epoch());
  const std::string signed_part = std::string(kVersion) + "." + Base64Url(username) + "." + RandomToken(16) + "." +
                                  std::to_string(expires.count());
  return signed_part + "." + Base64Url(Mac(*raw_key, signed_part));
}

DeviceCheck CheckDeviceCookie(const std::optional<std::string>& key, std::string_view cookie,
                              std::string_view username, Instant now) {
  if (cookie.empty()) return {DeviceTrust::kNone, ""};
  if (cookie.size() > kMaxCookie) return {DeviceTrust::kMalformed, ""};
  const auto parts = Split(cookie, '.');
  if (parts.size() != 5 || parts[0] != kVersion || parts[2].empty()) return {DeviceTrust::kMalformed, ""};
  const auto named = FromBase64Url(parts[1]);
  const auto mac = FromBase64Url(parts[4]);
  std::int64_t expires = 0;
  const auto [end, problem] = std::from_chars(parts[3].data(), parts[3].data() + parts[3].size(), expires);
  if (!named || !mac || problem != std::errc() || end != parts[3].data() + parts[3].size())
    return {DeviceTrust::kMalformed, ""};
  // The signature first: nothing else a cookie says is believed before it.
  const auto raw_key = key ? FromHex(*key) : std::nullopt;
  const std::string_view signed_part = cookie.substr(0, cookie.size() - parts[4].size() - 1);
  if (!raw_key || mac->size() != crypto_auth_hmacsha256_BYTES ||
      crypto_auth_hmacsha256_verify(reinterpret_cast<const unsigned char*>(mac->data()),
                                    reinterpret_cast<const unsigned char*>(signed_part.data()), signed_part.size(),
                                    reinterpret_cast<const unsigned char*>(raw_key->data())) != 0)
    return {DeviceTrust::kForged, ""};
  if (*named != username) return {DeviceTrust::kOtherUser, ""};
  if (std::chrono::sys_seconds(std::chrono::seconds(expires)) <= now) return {DeviceTrust::kExpired, ""};
  return {DeviceTrust::kTrusted, audit::Sha256Hex(parts[2])};
}

std::string_view DeviceTrustName(DeviceTrust trust) {
  switch (trust) {
    case DeviceTrust::kNone: return "none";
    case DeviceTrust::kTrusted: return "trusted";
    case DeviceTrust::kMalformed: return "malformed";
    case DeviceTrust::kForged: return "forged";
    case DeviceTrust::kExpired: return "expired";
    case DeviceTrust::kOtherUser: return "other_user";
    case DeviceTrust::kForgotten: return "forgotten";
  }
  return "none";
}

std::string NewDeviceCookieKey() {
  if (sodium_init() < 0) throw std::runtime_error("libsodium could not start");
  unsigned char raw[crypto_auth_hmacsha256_KEYBYTES];
  crypto_auth_hmacsha256_keygen(raw);
  char hex[2 * sizeof raw + 1];
  sodium_bin2hex(hex, sizeof hex, raw, sizeof raw);
  sodium_memzero(raw, sizeof raw);
  return hex;
}

}  // namespace fd::app
