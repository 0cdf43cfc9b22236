#include "store/database_url.h"

#include <algorithm>
#include <cctype>

#include "store/postgres/postgres_store.h"

namespace fd::store {
namespace {

constexpr std::string_view kHidden = "***";

// libpq reads a URI's user information and parameter values percent-decoded (%40 is '@').
std::string PercentDecoded(std::string_view text) {
  auto hex = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    return -1;
  };
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (text[i] == '%' && i + 2 < text.size() && hex(text[i + 1]) >= 0 && hex(text[i + 2]) >= 0) {
      out += static_cast<char>(hex(text[i + 1]) * 16 + hex(text[i + 2]));
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Where a URL's password stands: [begin, end) in the URL, or begin == npos when it has none.
struct Span {
  std::size_t begin = std::string_view::npos;
  std::size_t end = std::string_view::npos;
};

// The password of USER:PASSWORD@ before the path (libpq looks for the '@' up to the first '/', so a
// '?' in a password does not end it); to the last '@', so an '@' left unencoded is hidden too.
Span UserInfoPassword(std::string_view url) {
  const auto scheme = url.find("://");
  if (scheme == std::string_view::npos) return {};
  const std::size_t start = scheme + 3;
  const std::size_t path = std::min(url.find('/', start), url.size());
  const auto at = url.substr(0, path).rfind('@');
  if (at == std::string_view::npos || at < start) return {};
  const auto colon = url.find(':', start);
  if (colon == std::string_view::npos || colon > at) return {};
  return {colon + 1, at};
}

// Every `password=VALUE` (a URL's query parameter, or a key=value connection string), to '&', a
// blank or the end.
std::vector<Span> PasswordParameters(std::string_view url) {
  std::vector<Span> spans;
  constexpr std::string_view kKey = "password=";
  for (std::size_t i = 0; i + kKey.size() <= url.size(); ++i) {
    const bool starts_word = i == 0 || url[i - 1] == '?' || url[i - 1] == '&' || url[i - 1] == ' ';
    if (!starts_word) continue;
    bool match = true;
    for (std::size_t k = 0; k < kKey.size() && match; ++k)
      match = std::tolower(static_cast<unsigned char>(url[i + k])) == kKey[k];
    if (!match) continue;
    const std::size_t value = i + kKey.size();
    const std::size_t end = std::min(url.find_first_of("& ", value), url.size());
    spans.push_back({value, end});
    i = end;
  }
  return spans;
}

}  // namespace

std::string ShownUrl(std::string_view url) {
  std::vector<Span> spans;
  if (const Span user = UserInfoPassword(url); user.begin != std::string_view::npos) spans.push_back(user);
  for (const Span& p : PasswordParameters(url))
    if (spans.empty() || p.begin >= spans.front().end) spans.push_back(p);
  std::string out;
  std::size_t from = 0;
  for (const Span& s : spans) {
    out.append(url.substr(from, s.begin - from));
    out.append(kHidden);
    from = s.end;
  }
  out.append(url.substr(from));
  return out;
}

ProgramCall LibpqProgramCall(const std::string& program, std::vector<std::string> arguments, const std::string& url) {
  std::string conninfo = ParsePostgresUrl(url).conninfo;
  std::string password;
  bool has_password = false;
  if (const Span user = UserInfoPassword(conninfo); user.begin != std::string_view::npos) {
    password = PercentDecoded(std::string_view(conninfo).substr(user.begin, user.end - user.begin));
    has_password = true;
    conninfo.erase(user.begin - 1, user.end - user.begin + 1);  // with its ':'
  }
  // A password= parameter wins over the user information, as in libpq; it leaves with its separator.
  const auto parameters = PasswordParameters(conninfo);
  for (auto it = parameters.rbegin(); it != parameters.rend(); ++it) {
    const std::size_t key = it->begin - std::string_view("password=").size();
    if (it == parameters.rbegin()) {
      password = PercentDecoded(std::string_view(conninfo).substr(it->begin, it->end - it->begin));
      has_password = true;
    }
    const bool last = it->end >= conninfo.size();
    if (last) conninfo.erase(key - 1, it->end - key + 1);  // "?password=…" or "&password=…"
    else conninfo.erase(key, it->end - key + 1);          // "password=…&"
  }
  ProgramCall call;
  call.argv.push_back(program);
  call.argv.push_back("--dbname=" + conninfo);  // before any file name, whatever the getopt
  for (auto& a : arguments) call.argv.push_back(std::move(a));
  if (has_password) call.environment.push_back("PGPASSWORD=" + password);
  return call;
}

}  // namespace fd::store
