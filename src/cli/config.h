// The configuration file (TOML), documented in README.md and docs/operations.md. Every setting
// can also be given on the command line, which wins.
#pragma once

#include <cstdint>
#include <expected>
#include <string>
#include <string_view>
#include <vector>

namespace fd::cli {

struct Config {
  std::string listen = "127.0.0.1:8080";
  std::string database = "sqlite:var/frontdoor.db";
  std::string policy = "policies/kent";
  std::string templates = "templates";
  std::string static_dir = "build/static";
  bool secure_cookies = false;
  bool trust_proxy = false;
  // Where referrers reach the service from outside, for the status links in their e-mails
  // ("https://frontdoor.example.gov.uk"). Empty: "http://" + listen, fine on one machine only.
  std::string public_url;
  // [intake] team: the team that owns the portal's contacts (app/context.h `intake_team`).
  std::string intake_team = "Front Door";
  // [portal] requests_per_hour: requests the public portal takes from one client address in an hour
  // (app/context.h `portal_throttle`); more are refused with 429 and a page that says to phone.
  std::int64_t portal_requests_per_hour = 10;
  int io_threads = 0;
  int handler_threads = 0;
  // Overload limits (docs/operations.md "Overload"): connections open at once, and requests waiting
  // for a handler beyond those being handled. Past either, the answer is 503 with Retry-After.
  std::int64_t max_connections = 10'000;
  std::int64_t max_queued_requests = 256;
  // [database] connection_wait_ms: how long a request waits for a free database connection before it
  // is answered 503 with Retry-After, having written nothing (store::StoreOptions).
  std::int64_t connection_wait_ms = 5000;
  std::string smtp_url;   // e.g. smtp://127.0.0.1:2525 (used by the notification outbox)
  std::string smtp_from = "frontdoor@localhost";
  bool retention_daily = true;  // [retention] daily: purge what is due once a day (docs/operations.md)
  std::string log_format = "json";  // [log] format: "json" (one object per line) or "text" (docs/monitoring.md)
};

// The allowed range of each number that sizes the server (docs/operations.md "Settings"), with what
// to do about a value outside it. A value out of range refuses the whole file.
inline constexpr int kMaxIoThreads = 256;
inline constexpr int kMaxHandlerThreads = 1024;
struct ServerLimit {
  std::string_view setting;  // "server.handler_threads"
  std::int64_t min;
  std::int64_t max;
  std::string_view advice;
  std::int64_t (*value)(const Config&);
};
const std::vector<ServerLimit>& ServerLimits();

// Reads `path`; an empty path gives the defaults. Errors name the file, line and setting.
std::expected<Config, std::string> LoadConfig(const std::string& path);

// Splits "HOST:PORT" / "[::1]:PORT".
std::expected<std::pair<std::string, unsigned short>, std::string> ParseListen(const std::string& listen);

}  // namespace fd::cli
