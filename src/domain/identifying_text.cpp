#include "domain/identifying_text.h"

#include <algorithm>
#include <array>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <span>

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

// A word as written in a name: a capital letter, then letters, apostrophes ("Mary's"), hyphens or a
// full stop ("St."). Returns its length, 0 when the next word is not capitalised.
std::size_t CapitalisedWord(std::string_view text, std::size_t start) {
  if (start >= text.size() || !(text[start] >= 'A' && text[start] <= 'Z')) return 0;
  std::size_t n = 1;
  auto alpha_at = [&](std::size_t i) { return start + i < text.size() && IsAlpha(text[start + i]); };
  while (start + n < text.size()) {
    char c = text[start + n];
    bool inner = c == '\'' || c == '-' || c == '.';
    if (IsAlpha(c) || (inner && alpha_at(n + 1))) {
      ++n;
    } else if (text.substr(start + n, 3) == "\u2019" && alpha_at(n + 3)) {  // Mary’s
      n += 3;
    } else {
      break;
    }
  }
  if (text.substr(start, n) == "St" && start + n < text.size() && text[start + n] == '.') ++n;  // "St. Mary's"
  return n;
}

bool WordIs(std::string_view word, std::span<const std::string_view> list) {
  std::string upper;
  for (char c : word) upper += Upper(c);
  return std::find(list.begin(), list.end(), upper) != list.end();
}

// The last word of a street's name. "St" only after a number and a name, as in "12 High St".
constexpr std::array<std::string_view, 34> kStreetWords = {
    "ROAD", "RD", "STREET", "ST", "WAY", "LANE", "AVENUE", "AVE", "CLOSE", "DRIVE", "COURT", "CRESCENT",
    "PLACE", "GARDENS", "GROVE", "TERRACE", "WALK", "ROW", "HILL", "RISE", "VIEW", "MEWS", "SQUARE",
    "PARK", "PARADE", "GREEN", "END", "VALE", "WHARF", "CHASE", "BOULEVARD", "PATH", "YARD", "MEADOWS"};
// Streets written in lower case are caught only by words that are hardly ever anything else.
constexpr std::array<std::string_view, 8> kPlainStreetWords = {"ROAD", "STREET", "AVENUE", "CRESCENT",
                                                               "TERRACE", "MEWS", "GARDENS", "LANE"};
// Small words that end a name: "3 children in the Park" is not an address.
constexpr std::array<std::string_view, 22> kNotNameWords = {
    "IN", "ON", "AT", "OF", "TO", "UP", "BY", "FOR", "FROM", "INTO", "NEAR", "AND", "OR", "A", "AN",
    "WITH", "TIMES", "DAYS", "WEEKS", "MONTHS", "YEARS", "HOURS"};

// A house number and a street: "12 Orchard Way", "12a Church Rd", "3 The Mews", "12 orchard road".
// One to three words of the street's name, the last of them a street word; capitalised, or in lower
// case ending in a word that is only ever a street.
std::size_t MatchStreetAddress(std::string_view text, std::size_t start) {
  Reader r(text, start);
  if (!r.Digits(1, 4)) return 0;
  if (IsAlpha(r.Peek()) && !IsAlpha(r.Peek(1))) r.Skip();  // 12a
  if (r.Spaces() == 0) return 0;
  bool capitalised = true;
  std::size_t words = 0;
  std::size_t pos = r.pos();
  while (words < 4) {
    std::size_t n = 0;
    while (pos + n < text.size() &&
           (IsAlpha(text[pos + n]) || (text[pos + n] == '\'' && n > 0 && pos + n + 1 < text.size() &&
                                        IsAlpha(text[pos + n + 1]))))
      ++n;  // "St John's"
    if (n == 0) return 0;
    std::string_view word = text.substr(pos, n);
    capitalised = capitalised && word[0] >= 'A' && word[0] <= 'Z';
    if (words > 0 && !(pos + n < text.size() && IsAlnum(text[pos + n]))) {
      bool street = capitalised ? WordIs(word, kStreetWords) : WordIs(word, kPlainStreetWords);
      if (street) return pos + n - start;
    }
    if (WordIs(word, kNotNameWords)) return 0;
    ++words;
    pos += n;
    if (pos >= text.size() || text[pos] != ' ') return 0;
    while (pos < text.size() && text[pos] == ' ') ++pos;
  }
  return 0;
}

// What ends a school's name; "Primary", "Infant(s)" and "Junior(s)" may be followed by "School".
constexpr std::array<std::string_view, 6> kSchoolEnds = {"SCHOOL", "ACADEMY", "COLLEGE", "NURSERY", "PRIMARY", "GRAMMAR"};
constexpr std::array<std::string_view, 6> kSchoolKinds = {"INFANT", "INFANTS", "JUNIOR", "JUNIORS", "HIGH", "SECONDARY"};
// Capitalised words that do not make a name on their own: "Her School", "The Academy".
// Nor do the kinds of school ("Primary School"), nor schools that are services or activities
// ("Virtual School", "Forest School").
constexpr std::array<std::string_view, 34> kNotSchoolNames = {
    "THE", "A", "AN", "HIS", "HER", "THEIR", "MY", "OUR", "YOUR", "THIS", "THAT", "SAME", "LOCAL",
    "NEW", "PREVIOUS", "CURRENT", "SCHOOL", "ACADEMY", "COLLEGE", "NURSERY", "PRIMARY", "GRAMMAR",
    "INFANT", "INFANTS", "JUNIOR", "JUNIORS", "HIGH", "SECONDARY", "VIRTUAL", "SUNDAY", "FOREST",
    "HOME", "SPECIAL", "BOARDING"};

// A named school: "Riverside Primary School", "St Mary's Primary", "Oak Academy", "Mid Kent College",
// "Little Acorns Nursery", "Hextable Infant School". Capitalised words, one to five of the name
// (not only "The", "Her"…), then the kind of school. A school written in lower case is not found.
std::size_t MatchSchool(std::string_view text, std::size_t start) {
  std::size_t pos = start;
  std::size_t words = 0;
  bool named = false;
  auto next_word = [&](std::size_t at) -> std::size_t {  // start of the next word after one space run
    std::size_t p = at;
    if (p >= text.size() || text[p] != ' ') return std::string_view::npos;
    while (p < text.size() && text[p] == ' ') ++p;
    return p;
  };
  while (words < 6) {
    std::size_t n = CapitalisedWord(text, pos);
    if (n == 0) return 0;
    std::string_view word = text.substr(pos, n);
    if (words > 0 && named) {
      bool kind = WordIs(word, kSchoolKinds);
      if (kind || WordIs(word, kSchoolEnds)) {
        std::size_t end = pos + n;
        // "Riverside Primary School": take the "School" that follows the kind.
        std::size_t after = next_word(end);
        if (after != std::string_view::npos) {
          std::size_t m = CapitalisedWord(text, after);
          if (m != 0 && WordIs(text.substr(after, m), std::array<std::string_view, 1>{"SCHOOL"})) end = after + m;
        }
        if (kind && end == pos + n) return 0;  // "High" or "Junior" alone is not a school
        if (end < text.size() && IsAlnum(text[end])) return 0;
        return end - start;
      }
    }
    named = named || !WordIs(word, kNotSchoolNames);
    ++words;
    pos = next_word(pos + n);
    if (pos == std::string_view::npos) return 0;
  }
  return 0;
}

// An e-mail address: local@domain.tld, the domain with at least one dot and a top level of letters.
std::size_t MatchEmail(std::string_view text, std::size_t start) {
  auto local_char = [](char c) { return IsAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-'; };
  std::size_t pos = start;
  while (pos < text.size() && local_char(text[pos])) ++pos;
  if (pos == start || pos >= text.size() || text[pos] != '@') return 0;
  ++pos;
  std::size_t labels = 0;
  std::size_t end = 0;
  while (true) {
    std::size_t label = pos;
    while (pos < text.size() && (IsAlnum(text[pos]) || text[pos] == '-')) ++pos;
    if (pos == label) break;
    ++labels;
    bool letters = true;
    for (std::size_t i = label; i < pos; ++i) letters = letters && IsAlpha(text[i]);
    if (labels >= 2 && letters && pos - label >= 2) end = pos;
    if (pos + 1 < text.size() && text[pos] == '.' && IsAlnum(text[pos + 1])) {
      ++pos;
      continue;
    }
    break;
  }
  return end == 0 ? 0 : end - start;
}

struct Finding {
  std::size_t length;
  std::string_view what;
};

std::optional<Finding> MatchAt(std::string_view text, std::size_t start) {
  if (std::size_t n = MatchEmail(text, start)) return Finding{n, "e-mail address"};
  if (std::size_t n = MatchDate(text, start)) return Finding{n, "date of birth"};
  if (std::size_t n = MatchNhsNumber(text, start)) return Finding{n, "NHS number"};
  if (std::size_t n = MatchPhone(text, start)) return Finding{n, "phone number"};
  if (std::size_t n = MatchPostcode(text, start)) return Finding{n, "postcode"};
  if (std::size_t n = MatchStreetAddress(text, start)) return Finding{n, "street address"};
  if (std::size_t n = MatchSchool(text, start)) return Finding{n, "school"};
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
