// A database URL as it is shown to people and as libpq's own programs are given it. A postgresql://
// URL may hold a password (postgresql://USER:PASSWORD@HOST/DB, or ?password=…): no message, log line
// or other program's argument list may show it (docs/security.md "Logs").
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fd::store {

// The URL with every password replaced by ***: postgresql://frontdoor:***@db/frontdoor, ?password=***.
// Anything else (sqlite:PATH, a mistyped URL) comes back as it is, but for a password= in it.
std::string ShownUrl(std::string_view url);

// How to run one of libpq's programs (pg_dump, pg_restore) on a database: its arguments, and what
// its environment gains (NAME=value) for that one process.
struct ProgramCall {
  std::vector<std::string> argv;
  std::vector<std::string> environment;
};

// `program --dbname=URL arguments…`, where URL is `url` without frontdoor's own parameters (pool,
// which libpq's programs refuse) and without its password: that goes in PGPASSWORD, so it never
// stands on a command line anyone on the machine can read (ps, /proc/PID/cmdline).
// Throws StoreFault on a bad pool size, as opening the store does.
ProgramCall LibpqProgramCall(const std::string& program, std::vector<std::string> arguments, const std::string& url);

}  // namespace fd::store
