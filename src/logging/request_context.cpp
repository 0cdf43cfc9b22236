#include "logging/request_context.h"

#include <fmt/format.h>

#include <random>

namespace fd::logging {
namespace {

thread_local std::string t_request_id;

}  // namespace

RequestScope::RequestScope(std::string_view request_id) : previous_(std::move(t_request_id)) {
  t_request_id.assign(request_id);
}

RequestScope::~RequestScope() { t_request_id = std::move(previous_); }

std::string_view CurrentRequestId() { return t_request_id; }

bool IsSaneRequestId(std::string_view id) {
  if (id.empty() || id.size() > 64) return false;
  for (char c : id) {
    const bool ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                    c == '_' || c == '.' || c == ':';
    if (!ok) return false;
  }
  return true;
}

std::string NewRequestId() {
  // A generator per thread, seeded once from the OS: no lock per request. The id only has to be
  // unique, not secret (it is echoed to the client), so a seeded PRNG is enough.
  thread_local std::mt19937_64 generator{[] {
    std::random_device device;
    return (static_cast<std::uint64_t>(device()) << 32) ^ device();
  }()};
  return fmt::format("{:016x}{:016x}", generator(), generator());
}

}  // namespace fd::logging
