#include "domain/text.h"

#include <fmt/format.h>

namespace fd {

std::string Trim(std::string_view text) {
  const auto is_space = [](char c) { return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\v'; };
  std::size_t begin = 0, end = text.size();
  while (begin < end && is_space(text[begin])) ++begin;
  while (end > begin && is_space(text[end - 1])) --end;
  return std::string(text.substr(begin, end - begin));
}

std::vector<std::string> SplitWords(std::string_view text) {
  std::vector<std::string> out;
  std::string word;
  for (char c : text) {
    if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
      if (!word.empty()) out.push_back(std::move(word));
      word.clear();
    } else {
      word += c;
    }
  }
  if (!word.empty()) out.push_back(std::move(word));
  return out;
}

bool IsValidUtf8(std::string_view text) {
  std::size_t i = 0;
  while (i < text.size()) {
    const auto c = static_cast<unsigned char>(text[i]);
    std::size_t extra;
    char32_t cp;
    if (c < 0x80) { ++i; continue; }
    if ((c & 0xE0) == 0xC0) { extra = 1; cp = c & 0x1F; }
    else if ((c & 0xF0) == 0xE0) { extra = 2; cp = c & 0x0F; }
    else if ((c & 0xF8) == 0xF0) { extra = 3; cp = c & 0x07; }
    else return false;
    if (i + extra >= text.size()) return false;
    for (std::size_t k = 1; k <= extra; ++k) {
      const auto cc = static_cast<unsigned char>(text[i + k]);
      if ((cc & 0xC0) != 0x80) return false;
      cp = (cp << 6) | (cc & 0x3F);
    }
    // Overlong forms, surrogates and values past U+10FFFF are not valid UTF-8.
    if ((extra == 1 && cp < 0x80) || (extra == 2 && cp < 0x800) || (extra == 3 && cp < 0x10000)) return false;
    if ((cp >= 0xD800 && cp <= 0xDFFF) || cp > 0x10FFFF) return false;
    i += extra + 1;
  }
  return true;
}

std::size_t Utf8Length(std::string_view text) {
  std::size_t n = 0;
  for (char c : text)
    if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) ++n;
  return n;
}

bool HasControlCharacters(std::string_view text, bool allow_newlines) {
  for (char ch : text) {
    const auto c = static_cast<unsigned char>(ch);
    if (c == '\t') continue;
    if (allow_newlines && (c == '\n' || c == '\r')) continue;
    if (c < 0x20 || c == 0x7F) return true;
  }
  return false;
}

std::string CountOf(long long count, std::string_view one, std::string_view many) {
  return fmt::format("{} {}", count, count == 1 ? one : many);
}

std::string SentenceStart(std::string_view what) {
  std::string out(what);
  if (!out.empty() && out[0] >= 'a' && out[0] <= 'z') out[0] = static_cast<char>(out[0] - 'a' + 'A');
  return out;
}

std::string EnterMessage(std::string_view what) {
  std::string out(what);
  const bool word_in_capitals = out.size() > 1 && out[1] >= 'A' && out[1] <= 'Z';
  if (!out.empty() && out[0] >= 'A' && out[0] <= 'Z' && !word_in_capitals) out[0] = static_cast<char>(out[0] - 'A' + 'a');
  return "Enter " + out;
}

std::optional<std::string> CheckText(std::string_view text, std::size_t max_length, bool allow_newlines,
                                     std::string_view what_as_given) {
  const std::string what = SentenceStart(what_as_given);
  if (!IsValidUtf8(text)) return fmt::format("{} contains characters that could not be read; retype it", what);
  if (HasControlCharacters(text, allow_newlines))
    return fmt::format("{} contains hidden control characters; retype it", what);
  if (Utf8Length(text) > max_length)
    return fmt::format("{} must be {} characters or fewer (it has {})", what, max_length, Utf8Length(text));
  return std::nullopt;
}

std::optional<std::string> CheckRequiredText(std::string_view text, std::size_t max_length, bool allow_newlines,
                                             std::string_view what) {
  if (auto problem = CheckText(text, max_length, allow_newlines, what)) return problem;
  if (Trim(text).empty()) return EnterMessage(what);
  return std::nullopt;
}

bool LooksLikeEmail(std::string_view text) {
  const auto at = text.find('@');
  if (at == std::string_view::npos || at == 0 || at != text.rfind('@')) return false;
  const auto domain = text.substr(at + 1);
  const auto dot = domain.find('.');
  if (dot == std::string_view::npos || dot == 0 || domain.back() == '.') return false;
  for (char c : text)
    if (c == ' ' || c == ',' || c == ';' || c == '<' || c == '>') return false;
  return true;
}

bool LooksLikePhoneNumber(std::string_view text) {
  int digits = 0;
  for (char c : text) {
    if (c >= '0' && c <= '9') ++digits;
    else if (c != ' ' && c != '+' && c != '(' && c != ')' && c != '-') return false;
  }
  return digits >= 6 && digits <= 15;
}

std::string EscapeMarkup(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

}  // namespace fd
