#include "policy/rule_citations.h"

#include <cctype>
#include <vector>

namespace fd::policy {

namespace {

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsDigit(char c) { return c >= '0' && c <= '9'; }

// The length of a rule id ("HCR-25": two to four capitals, a dash, one to three digits) starting at
// `at`, or 0.
std::size_t RuleIdAt(std::string_view text, std::size_t at) {
  if (at > 0 && (std::isalnum(static_cast<unsigned char>(text[at - 1])) || text[at - 1] == '-')) return 0;
  std::size_t i = at;
  while (i < text.size() && IsUpper(text[i]) && i - at < 5) ++i;
  if (i - at < 2 || i - at > 4 || i >= text.size() || text[i] != '-') return 0;
  const std::size_t digits = ++i;
  while (i < text.size() && IsDigit(text[i])) ++i;
  // A rule's number has one to three digits and no leading zero, and ends the id: a record's
  // reference ("FD-2026-000004", "CPC-000001") is not a rule and is never touched.
  if (i == digits || i - digits > 3 || text[digits] == '0') return 0;
  if (i < text.size() && (std::isalnum(static_cast<unsigned char>(text[i])) || text[i] == '-')) return 0;
  return i - at;
}

}  // namespace

std::string CiteRules(const policy::PolicyPack& pack, std::string_view text) {
  std::string out;
  std::size_t i = 0;
  bool capitalise_next = false;
  while (i < text.size()) {
    const std::size_t first = RuleIdAt(text, i);
    if (first == 0) {
      char c = text[i++];
      if (capitalise_next && std::isalpha(static_cast<unsigned char>(c))) {
        c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        capitalise_next = false;
      }
      out += c;
      continue;
    }
    // One list: ids separated by ", ".
    std::vector<std::string_view> kept;
    std::size_t end = i;
    for (std::size_t len = first; len > 0;) {
      const auto id = text.substr(end, len);
      if (pack.Cites(id)) kept.push_back(id);
      end += len;
      len = text.substr(end, 2) == ", " ? RuleIdAt(text, end + 2) : 0;
      if (len > 0) end += 2;
    }
    if (!kept.empty()) {
      for (std::size_t k = 0; k < kept.size(); ++k) out += (k ? ", " : "") + std::string(kept[k]);
      i = end;
      continue;
    }
    const bool at_start = out.find_first_not_of(" \n\t") == std::string::npos;
    if (!out.empty() && out.back() == '(' && end < text.size() && text[end] == ')') {
      out.pop_back();  // "(HCR-25)"
      if (!out.empty() && out.back() == ' ') out.pop_back();
      ++end;
    } else if (text.substr(end, 2) == ": ") {
      end += 2;  // "HCR-28: if so, …"
      capitalise_next = at_start;
    } else if (!out.empty() && out.back() == ' ' && end < text.size() && text[end] == '.') {
      out.pop_back();  // "… reason. HCR-26."
      ++end;
    } else if (!out.empty() && out.back() == ' ') {
      out.pop_back();
    } else if (end < text.size() && text[end] == ' ') {
      ++end;
    }
    i = end;
  }
  return out;
}

Error CiteRules(const PolicyPack& pack, Error error) {
  error.message = CiteRules(pack, error.message);
  for (auto& field : error.fields) field.message = CiteRules(pack, field.message);
  return error;
}

}  // namespace fd::policy
