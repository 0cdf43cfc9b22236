// Double Metaphone (Lawrence Philips, "The Double Metaphone Search Algorithm", C/C++ Users Journal,
// June 2000): a sound code for a name, with an alternate code where a spelling has two plausible
// pronunciations ("Schmidt" XMT or SMT). Names that sound alike share a code, so a typo or a
// variant spelling still finds the child: Smith, Smyth and Schmidt share XMT; Catherine and Kathryn
// are both K0RN ("0" stands for "th").
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace fd::match {

struct PhoneticCodes {
  std::string primary;
  std::string alternate;  // equals `primary` when the name has only one pronunciation

  friend bool operator==(const PhoneticCodes&, const PhoneticCodes&) = default;
};

// The published algorithm, codes cut to `max_length` characters (Philips uses 4). The text is
// folded first (case, accents, punctuation; see NormaliseName), and spaces between words are kept
// because some rules look at them ("Van ", "San "). A name with no Latin letters has empty codes.
PhoneticCodes DoubleMetaphone(std::string_view name, std::size_t max_length = 4);

// True when any code of one name equals any code of the other (primary or alternate); empty codes
// never agree.
bool SoundAlike(const PhoneticCodes& a, const PhoneticCodes& b);

}  // namespace fd::match
