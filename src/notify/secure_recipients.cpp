#include "notify/secure_recipients.h"

#include "notify/message.h"

namespace fd::notify {
namespace {

std::string Normalise(std::string_view domain) {
  while (!domain.empty() && (domain.front() == '@' || domain.front() == '.')) domain.remove_prefix(1);
  while (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  std::string out(domain);
  for (auto& c : out)
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  return out;
}

}  // namespace

bool IsSecureAddress(std::string_view address, const std::vector<std::string>& secure_domains) {
  // Only an address that could be sent is judged: "x@host\r\n.nhs.net" ends in ".nhs.net" too.
  if (!CheckAddress(address)) return false;
  const std::string domain = Normalise(address.substr(address.rfind('@') + 1));
  for (const auto& listed : secure_domains) {
    const std::string secure = Normalise(listed);
    if (secure.empty()) continue;
    if (domain == secure) return true;
    // A subdomain: ends with "." + secure, so "evilnhs.net" never matches "nhs.net".
    if (domain.size() > secure.size() && domain.ends_with(secure) && domain[domain.size() - secure.size() - 1] == '.')
      return true;
  }
  return false;
}

}  // namespace fd::notify
