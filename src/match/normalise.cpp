#include "match/normalise.h"

#include <array>
#include <cstdint>

namespace fd::match {
namespace {

// Base letters for U+00C0–U+017F (Latin-1 Supplement letters and Latin Extended-A), which cover
// the accented names met in English records: French, German, Irish, Polish, Czech, Turkish,
// Scandinavian. An empty entry means "not a letter" (× and ÷) and is dropped.
// clang-format off
constexpr std::array<const char*, 192> kLatinFold = {
    // U+00C0 À Á Â Ã Ä Å Æ Ç È É Ê Ë Ì Í Î Ï
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00D0 Ð Ñ Ò Ó Ô Õ Ö × Ø Ù Ú Û Ü Ý Þ ß
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "ss",
    // U+00E0 à á â ã ä å æ ç è é ê ë ì í î ï
    "a", "a", "a", "a", "a", "a", "ae", "c", "e", "e", "e", "e", "i", "i", "i", "i",
    // U+00F0 ð ñ ò ó ô õ ö ÷ ø ù ú û ü ý þ ÿ
    "d", "n", "o", "o", "o", "o", "o", "", "o", "u", "u", "u", "u", "y", "th", "y",
    // U+0100 Ā ā Ă ă Ą ą Ć ć Ĉ ĉ Ċ ċ Č č Ď ď
    "a", "a", "a", "a", "a", "a", "c", "c", "c", "c", "c", "c", "c", "c", "d", "d",
    // U+0110 Đ đ Ē ē Ĕ ĕ Ė ė Ę ę Ě ě Ĝ ĝ Ğ ğ
    "d", "d", "e", "e", "e", "e", "e", "e", "e", "e", "e", "e", "g", "g", "g", "g",
    // U+0120 Ġ ġ Ģ ģ Ĥ ĥ Ħ ħ Ĩ ĩ Ī ī Ĭ ĭ Į į
    "g", "g", "g", "g", "h", "h", "h", "h", "i", "i", "i", "i", "i", "i", "i", "i",
    // U+0130 İ ı Ĳ ĳ Ĵ ĵ Ķ ķ ĸ Ĺ ĺ Ļ ļ Ľ ľ Ŀ
    "i", "i", "ij", "ij", "j", "j", "k", "k", "k", "l", "l", "l", "l", "l", "l", "l",
    // U+0140 ŀ Ł ł Ń ń Ņ ņ Ň ň ŉ Ŋ ŋ Ō ō Ŏ ŏ
    "l", "l", "l", "n", "n", "n", "n", "n", "n", "n", "n", "n", "o", "o", "o", "o",
    // U+0150 Ő ő Œ œ Ŕ ŕ Ŗ ŗ Ř ř Ś ś Ŝ ŝ Ş ş
    "o", "o", "oe", "oe", "r", "r", "r", "r", "r", "r", "s", "s", "s", "s", "s", "s",
    // U+0160 Š š Ţ ţ Ť ť Ŧ ŧ Ũ ũ Ū ū Ŭ ŭ Ů ů
    "s", "s", "t", "t", "t", "t", "t", "t", "u", "u", "u", "u", "u", "u", "u", "u",
    // U+0170 Ű ű Ų ų Ŵ ŵ Ŷ ŷ Ÿ Ź ź Ż ż Ž ž ſ
    "u", "u", "u", "u", "w", "w", "y", "y", "y", "z", "z", "z", "z", "z", "z", "s",
};
// clang-format on

// One decoded UTF-8 sequence: its code point and its bytes; `valid` is false for a malformed one.
struct CodePoint {
  std::uint32_t value = 0;
  std::string_view bytes;
  bool valid = false;
};

CodePoint Decode(std::string_view text, std::size_t at) {
  const auto lead = static_cast<unsigned char>(text[at]);
  std::size_t length = 0;
  std::uint32_t value = 0;
  if (lead < 0x80) return CodePoint{lead, text.substr(at, 1), true};
  if ((lead & 0xE0) == 0xC0)
    length = 2, value = lead & 0x1F;
  else if ((lead & 0xF0) == 0xE0)
    length = 3, value = lead & 0x0F;
  else if ((lead & 0xF8) == 0xF0)
    length = 4, value = lead & 0x07;
  else
    return CodePoint{0, text.substr(at, 1), false};
  if (at + length > text.size()) return CodePoint{0, text.substr(at, 1), false};
  for (std::size_t i = 1; i < length; ++i) {
    const auto next = static_cast<unsigned char>(text[at + i]);
    if ((next & 0xC0) != 0x80) return CodePoint{0, text.substr(at, 1), false};
    value = (value << 6) | (next & 0x3F);
  }
  return CodePoint{value, text.substr(at, length), true};
}

// Separators that split a name into words: spaces and every kind of hyphen or dash.
bool IsWordBreak(std::uint32_t c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '-' || c == 0x00A0 ||
         (c >= 0x2010 && c <= 0x2015) || c == 0x2212;
}

// Marks that carry no letter: ASCII punctuation and digits, apostrophes and quotation marks,
// general punctuation, and combining accents (so "e" + U+0301 folds like "é").
bool IsMark(std::uint32_t c) {
  if (c < 0x80) return !((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'));
  return (c >= 0x0080 && c <= 0x00BF) || c == 0x00D7 || c == 0x00F7 || (c >= 0x02B0 && c <= 0x036F) ||
         (c >= 0x2000 && c <= 0x206F) || c == 0xFEFF;
}

// Appends the normal form of one code point.
void AppendFolded(const CodePoint& cp, std::string& out) {
  const std::uint32_t c = cp.value;
  if (c >= 'A' && c <= 'Z') {
    out += static_cast<char>(c - 'A' + 'a');
  } else if (c >= 'a' && c <= 'z') {
    out += static_cast<char>(c);
  } else if (c >= 0xC0 && c < 0xC0 + kLatinFold.size()) {
    out += kLatinFold[c - 0xC0];
  } else if (c >= 0x0218 && c <= 0x021B) {  // Romanian ș ț with comma below
    out += (c <= 0x0219) ? 's' : 't';
  } else if (!IsMark(c)) {
    out += cp.bytes;
  }
}

// Calls `word(text)` with each word's normal form; `break_at_hyphens` false keeps hyphenated
// names whole.
template <typename F>
void ForEachWord(std::string_view text, bool break_at_hyphens, F word) {
  std::string current;
  for (std::size_t at = 0; at < text.size();) {
    const CodePoint cp = Decode(text, at);
    at += cp.bytes.size();
    if (!cp.valid) continue;
    const bool is_space =
        cp.value == ' ' || cp.value == '\t' || cp.value == '\n' || cp.value == '\r' || cp.value == 0x00A0;
    if (is_space || (break_at_hyphens && IsWordBreak(cp.value))) {
      if (!current.empty()) word(std::move(current));
      current.clear();
    } else {
      AppendFolded(cp, current);
    }
  }
  if (!current.empty()) word(std::move(current));
}

bool IsAsciiDigit(char c) {
  return c >= '0' && c <= '9';
}
bool IsAsciiUpper(char c) {
  return c >= 'A' && c <= 'Z';
}

}  // namespace

std::string NormaliseName(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  ForEachWord(text, true, [&out](std::string word) { out += word; });
  return out;
}

std::vector<std::string> NameWords(std::string_view text) {
  std::vector<std::string> words;
  ForEachWord(text, true, [&words](std::string word) { words.push_back(std::move(word)); });
  return words;
}

std::vector<std::string> ForenameList(const std::vector<std::string>& forenames) {
  std::vector<std::string> names;
  for (const std::string& entry : forenames) {
    ForEachWord(entry, false, [&names](std::string word) { names.push_back(std::move(word)); });
  }
  return names;
}

std::optional<std::string> NormalisePostcode(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == ' ') continue;
    if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
    if (!IsAsciiUpper(c) && !IsAsciiDigit(c)) return std::nullopt;
    out += c;
  }
  const std::size_t n = out.size();
  if (n < 5 || n > 7 || !IsAsciiUpper(out[0])) return std::nullopt;
  if (!IsAsciiDigit(out[n - 3]) || !IsAsciiUpper(out[n - 2]) || !IsAsciiUpper(out[n - 1]))
    return std::nullopt;
  return out;
}

std::string_view OutwardCode(std::string_view normalised_postcode) {
  if (normalised_postcode.size() <= 3) return {};
  return normalised_postcode.substr(0, normalised_postcode.size() - 3);
}

std::optional<std::string> NormaliseNhsNumber(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (IsAsciiDigit(c))
      digits += c;
    else if (c != ' ' && c != '-')
      return std::nullopt;
  }
  if (digits.size() != 10) return std::nullopt;
  return digits;
}

}  // namespace fd::match
