#include "app/common_passwords.h"

#include <cctype>
#include <string>
#include <unordered_set>

#include "app/common_passwords_embedded.h"

namespace fd::app {
namespace {

// Built once, on first use; the views point into the embedded text, which lives for the program.
const std::unordered_set<std::string_view>& CommonPasswords() {
  static const std::unordered_set<std::string_view> set = [] {
    std::unordered_set<std::string_view> out;
    out.reserve(50'000);
    std::string_view text = kShippedCommonPasswords;
    while (!text.empty()) {
      const auto end = text.find('\n');
      std::string_view line = text.substr(0, end);
      text = end == std::string_view::npos ? std::string_view{} : text.substr(end + 1);
      if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
      if (line.empty() || line.front() == '#') continue;
      out.insert(line);
    }
    return out;
  }();
  return set;
}

}  // namespace

bool IsCommonPassword(std::string_view password) {
  std::string lower(password);
  for (auto& c : lower) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return CommonPasswords().contains(lower);
}

std::size_t CommonPasswordCount() { return CommonPasswords().size(); }

}  // namespace fd::app
