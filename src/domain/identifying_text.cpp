#include "domain/identifying_text.h"

#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>

#include "domain/nhs_number.h"

// Hand-written scanning rather than std::regex: libstdc++'s std::regex recurses per character and can
// overflow the stack on long free text, is slow to build, and its ECMAScript grammar cannot express
// "the day is 1-31" or "passes Modulus 11" anyway. Each recogniser below reads forward from the start
// of a word and returns how many bytes it matched; the scanner reports the first recogniser that
// matches and moves past the match. All tests are ASCII: UTF-8 bytes of other characters are never
// letters or digits, so they simply separate words.

namespace fd {
namespace {

bool IsDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
bool IsAlnum(char c) { return IsDigit(c) || IsAlpha(c); }
char Upper(char c) { return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c; }

class Reader {
 public:
  explicit Reader(std::string_view text, std::size_t pos) : text_(text), pos_(pos) {}
  std::size_t pos() const { return pos_; }
  bool AtEnd() const { return pos_ >= text_.size(); }
  char Peek(std::size_t ahead = 0) const { return pos_ + ahead < text_.size() ? text_[pos_ + ahead] : '\0'; }
  void Skip(std::size_t n = 1) { pos_ += n; }
  // Reads between min and max digits (no more digits may follow); returns their value. 64 bits:
  // an NHS number is read as ten digits, past int's range (found by tests/fuzz).
  // REQUIRES: max <= 18
  std::optional<std::int64_t> Digits(std::size_t min, std::size_t max) {
    std::size_t n = 0;
    std::int64_t value = 0;
    while (n < max && IsDigit(Peek(n))) value = value * 10 + (Peek(n++) - '0');
    if (n < min || IsDigit(Peek(n))) return std::nullopt;
    pos_ += n;
    return value;
  }
  bool Char(char c) {
    if (Peek() != c) return false;
    ++pos_;
    return true;
  }
  std::size_t Spaces() {
    std::size_t n = 0;
    while (Peek() == ' ') ++pos_, ++n;
    return n;
  }
  // True when the next character does not continue a word or number.
  bool AtWordEnd() const { return !IsAlnum(Peek()); }

 private:
  std::string_view text_;
  std::size_t pos_;
};

bool ValidDayMonth(std::int64_t day, std::int64_t month) { return day >= 1 && day <= 31 && month >= 1 && month <= 12; }
bool PlausibleYear(std::int64_t year) { return year >= 1900 && year <= 2100; }

// 12/03/2015, 12-03-15, 1.3.2015 (UK order, the same separator twice).
std::size_t MatchNumericDate(std::string_view text, std::size_t start) {
  Reader r(text, start);
  auto day = r.Digits(1, 2);
  if (!day) return 0;
  char sep = r.Peek();
  if (sep != '/' && sep != '-' && sep != '.') return 0;
  r.Skip();
  auto month = r.Digits(1, 2);
  if (!month || !r.Char(sep)) return 0;
  std::size_t year_start = r.pos();
  auto year = r.Digits(2, 4);
  if (!year || !ValidDayMonth(*day, *month)) return 0;
  std::size_t year_digits = r.pos() - year_start;
  if (year_digits == 3 || (year_digits == 4 && !PlausibleYear(*year))) return 0;
  if (!r.AtWordEnd()) return 0;
  return r.pos() - start;
}

// ISO 8601: 2015-03-12.
std::size_t MatchIsoDate(std::string_view text, std::size_t start) {
  Reader r(text, start);
  auto year = r.Digits(4, 4);
  if (!year || !PlausibleYear(*year) || !r.Char('-')) return 0;
  auto month = r.Digits(2, 2);
  if (!month || !r.Char('-')) return 0;
  auto day = r.Digits(2, 2);
  if (!day || !ValidDayMonth(*day, *month) || !r.AtWordEnd()) return 0;
  return r.pos() - start;
}

// A month's name, full or abbreviated ("March", "Mar", "Mar.", "Sept"), any case. Returns 1-12.
std::optional<int> MonthName(Reader& r) {
  static constexpr std::array<std::string_view, 12> kNames = {
      "JANUARY", "FEBRUARY", "MARCH", "APRIL", "MAY", "JUNE", "JULY", "AUGUST", "SEPTEMBER", "OCTOBER",
      "NOVEMBER", "DECEMBER"};
  std::string word;
  while (IsAlpha(r.Peek(word.size()))) word += Upper(r.Peek(word.size()));
  for (std::size_t m = 0; m < kNames.size(); ++m) {
    bool full = word == kNames[m];
    bool abbreviation = word.size() == 3 && kNames[m].substr(0, 3) == word;
    bool sept = m == 8 && word == "SEPT";
    if (full || abbreviation || sept) {
      r.Skip(word.size());
      if (!full) r.Char('.');
      return static_cast<int>(m) + 1;
    }
  }
  return std::nullopt;
}

bool OrdinalSuffix(Reader& r) {
  char a = Upper(r.Peek()), b = Upper(r.Peek(1));
  bool suffix = (a == 'S' && b == 'T') || (a == 'N' && b == 'D') || (a == 'R' && b == 'D') || (a == 'T' && b == 'H');
  if (suffix && !IsAlpha(r.Peek(2))) r.Skip(2);
  return suffix;
}

// "12 March 2015", "12th Mar 2015", "1st of March, 2015".
std::size_t MatchDayMonthYear(std::string_view text, std::size_t start) {
  Reader r(text, start);
  auto day = r.Digits(1, 2);
  if (!day) return 0;
  OrdinalSuffix(r);
  if (r.Spaces() == 0) return 0;
  if (Upper(r.Peek()) == 'O' && Upper(r.Peek(1)) == 'F' && r.Peek(2) == ' ') {
    r.Skip(2);
    r.Spaces();
  }
  auto month = MonthName(r);
  if (!month) return 0;
  r.Char(',');
  if (r.Spaces() == 0) return 0;
  auto year = r.Digits(4, 4);
  if (!year || !PlausibleYear(*year) || !ValidDayMonth(*day, *month) || !r.AtWordEnd()) return 0;
  return r.pos() - start;
}

// "March 12, 2015", "Mar 12th 2015".
std::size_t MatchMonthDayYear(std::string_view text, std::size_t start) {
  Reader r(text, start);
  auto month = MonthName(r);
  if (!month || r.Spaces() == 0) return 0;
  auto day = r.Digits(1, 2);
  if (!day) return 0;
  OrdinalSuffix(r);
  r.Char(',');
  if (r.Spaces() == 0) return 0;
  auto year = r.Digits(4, 4);
  if (!year || !PlausibleYear(*year) || !ValidDayMonth(*day, *month) || !r.AtWordEnd()) return 0;
  return r.pos() - start;
}

std::size_t MatchDate(std::string_view text, std::size_t start) {
  for (auto match : {MatchIsoDate, MatchNumericDate, MatchDayMonthYear, MatchMonthDayYear})
    if (std::size_t n = match(text, start)) return n;
  return 0;
}

// Ten digits, as 3-3-4 groups separated by one space or hyphen, or run together, passing Modulus 11.
std::size_t MatchNhsNumber(std::string_view text, std::size_t start) {
  for (bool grouped : {true, false}) {
    Reader r(text, start);
    bool ok = true;
    if (grouped) {
      ok = r.Digits(3, 3).has_value();
      char sep = r.Peek();
      ok = ok && (sep == ' ' || sep == '-');
      if (ok) r.Skip();
      ok = ok && r.Digits(3, 3).has_value() && r.Char(sep) && r.Digits(4, 4).has_value();
    } else {
      ok = r.Digits(10, 10).has_value();
    }
    std::size_t n = r.pos() - start;
    if (ok && r.AtWordEnd() && IsValidNhsNumber(text.substr(start, n))) return n;
  }
  return 0;
}

// UK numbers: 01…, 02…, 03… or 07… with 10 or 11 digits, or +44 (optionally "(0)") then 9 or 10
// digits starting 1, 2, 3 or 7. Single spaces or hyphens may separate digits; the area code may be
// in brackets ("(01622) 123456").
std::size_t MatchPhone(std::string_view text, std::size_t start) {
  Reader r(text, start);
  bool international = false;
  bool bracket = false;
  if (r.Peek() == '+') {
    if (r.Peek(1) != '4' || r.Peek(2) != '4') return 0;
    r.Skip(3);
    international = true;
    r.Spaces();
    if (r.Peek() == '(' && r.Peek(1) == '0' && r.Peek(2) == ')') {
      r.Skip(3);
      r.Spaces();
    }
  } else if (r.Peek() == '(') {
    bracket = true;
    r.Skip();
  }
  std::string digits;
  std::size_t end = r.pos();
  const std::size_t max_digits = international ? 10 : 11;
  while (digits.size() < max_digits) {
    if (IsDigit(r.Peek())) {
      digits += r.Peek();
      r.Skip();
      end = r.pos();
      continue;
    }
    if (digits.empty()) break;
    if (bracket && r.Peek() == ')') {
      bracket = false;
      r.Skip();
      r.Spaces();
      continue;
    }
    if ((r.Peek() == ' ' || r.Peek() == '-') && IsDigit(r.Peek(1))) {
      r.Skip();
      continue;
    }
    break;
  }
  if (IsAlnum(end < text.size() ? text[end] : '\0')) return 0;
  if (international) {
    if (digits.size() < 9 || (digits[0] != '1' && digits[0] != '2' && digits[0] != '3' && digits[0] != '7')) return 0;
  } else {
    if (digits.size() < 10 || digits[0] != '0') return 0;
    if (digits[1] != '1' && digits[1] != '2' && digits[1] != '3' && digits[1] != '7') return 0;
  }
  return end - start;
}

// The standard outward/inward pattern: outward A9, A99, AA9, AA99, A9A or AA9A; inward 9AA, where
// the first letter is never Q, V or X, the second never I, J or Z, and the inward letters never
// C, I, K, M, O or V. Any case; one optional space between the halves.
std::size_t MatchPostcode(std::string_view text, std::size_t start) {
  auto letter_not_in = [](char c, std::string_view banned) {
    return IsAlpha(c) && banned.find(Upper(c)) == std::string_view::npos;
  };
  Reader r(text, start);
  if (!letter_not_in(r.Peek(), "QVX")) return 0;
  r.Skip();
  if (IsAlpha(r.Peek())) {
    if (!letter_not_in(r.Peek(), "IJZ")) return 0;
    r.Skip();
  }
  if (!IsDigit(r.Peek())) return 0;
  r.Skip();
  // The outward code may end with a second digit or a letter; try the longest reading first,
  // since "SW1A1AA" and "M11AE" are only told apart by what follows.
  const std::size_t after_first_digit = r.pos();
  for (std::size_t extra : {1u, 0u}) {
    Reader t(text, after_first_digit);
    if (extra == 1) {
      if (!IsAlnum(t.Peek())) continue;
      t.Skip();
    }
    t.Char(' ');
    if (!IsDigit(t.Peek()) || !letter_not_in(t.Peek(1), "CIKMOV") || !letter_not_in(t.Peek(2), "CIKMOV")) continue;
    // "Y6 2nd" or "b1 1st" is a school year and an ordinal, not a postcode: an inward code written
    // in lower case as an ordinal is not reported.
    std::string inward{t.Peek(1), t.Peek(2)};
    bool lower_ordinal = inward == "st" || inward == "nd" || inward == "rd" || inward == "th";
    t.Skip(3);
    if (!t.AtWordEnd() || lower_ordinal) continue;
    return t.pos() - start;
  }
  return 0;
}

struct Finding {
  std::size_t length;
  std::string_view what;
};

std::optional<Finding> MatchAt(std::string_view text, std::size_t start) {
  if (std::size_t n = MatchDate(text, start)) return Finding{n, "date of birth"};
  if (std::size_t n = MatchNhsNumber(text, start)) return Finding{n, "NHS number"};
  if (std::size_t n = MatchPhone(text, start)) return Finding{n, "phone number"};
  if (std::size_t n = MatchPostcode(text, start)) return Finding{n, "postcode"};
  return std::nullopt;
}

}  // namespace

std::vector<FieldError> FindIdentifyingDetails(std::string_view text, const std::string& field) {
  std::vector<FieldError> found;
  std::size_t i = 0;
  while (i < text.size()) {
    char c = text[i];
    bool word_start = (IsAlnum(c) || c == '+' || c == '(') && (i == 0 || !IsAlnum(text[i - 1]));
    if (word_start) {
      if (auto finding = MatchAt(text, i)) {
        std::string quoted(text.substr(i, finding->length));
        found.push_back({field, "Remove the " + std::string(finding->what) + " \"" + quoted +
                                    "\": a no-named consultation must not identify the child"});
        i += finding->length;
        continue;
      }
    }
    ++i;
  }
  return found;
}

}  // namespace fd
