#include "match/string_similarity.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <vector>

#include "match/normalise.h"

namespace fd::match {
namespace {

constexpr double kPrefixScale = 0.1;
constexpr std::size_t kMaxPrefix = 4;
// Names are short; longer strings take the heap path. The fixed buffers keep Jaro free of
// allocation for every name the index compares, which is most of a search's work.
constexpr std::size_t kStackLimit = 64;

double JaroWithFlags(std::string_view a, std::string_view b, unsigned char* a_matched,
                     unsigned char* b_matched) {
  const std::size_t window = std::max(a.size(), b.size()) / 2 > 0 ? std::max(a.size(), b.size()) / 2 - 1 : 0;
  std::size_t matches = 0;
  for (std::size_t i = 0; i < a.size(); ++i) {
    const std::size_t from = i > window ? i - window : 0;
    const std::size_t to = std::min(i + window + 1, b.size());
    for (std::size_t j = from; j < to; ++j) {
      if (b_matched[j] || a[i] != b[j]) continue;
      a_matched[i] = b_matched[j] = 1;
      ++matches;
      break;
    }
  }
  if (matches == 0) return 0.0;
  std::size_t out_of_order = 0;
  for (std::size_t i = 0, j = 0; i < a.size(); ++i) {
    if (!a_matched[i]) continue;
    while (!b_matched[j]) ++j;
    if (a[i] != b[j]) ++out_of_order;
    ++j;
  }
  const double m = static_cast<double>(matches);
  const double t = static_cast<double>(out_of_order) / 2.0;
  return (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + (m - t) / m) / 3.0;
}

}  // namespace

double Jaro(std::string_view a, std::string_view b) {
  if (a.empty() && b.empty()) return 1.0;
  if (a.empty() || b.empty()) return 0.0;
  if (a == b) return 1.0;
  if (a.size() <= kStackLimit && b.size() <= kStackLimit) {
    std::array<unsigned char, kStackLimit> a_matched{};
    std::array<unsigned char, kStackLimit> b_matched{};
    return JaroWithFlags(a, b, a_matched.data(), b_matched.data());
  }
  std::vector<unsigned char> a_matched(a.size(), 0);
  std::vector<unsigned char> b_matched(b.size(), 0);
  return JaroWithFlags(a, b, a_matched.data(), b_matched.data());
}

double JaroWinkler(std::string_view a, std::string_view b) {
  const double jaro = Jaro(a, b);
  std::size_t prefix = 0;
  const std::size_t limit = std::min({kMaxPrefix, a.size(), b.size()});
  while (prefix < limit && a[prefix] == b[prefix]) ++prefix;
  return jaro + static_cast<double>(prefix) * kPrefixScale * (1.0 - jaro);
}

bool JaroWinklerAtLeast(std::string_view a, std::string_view b, double threshold) {
  if (a.empty() || b.empty()) return JaroWinkler(a, b) >= threshold;
  // Matches are at most the characters the strings share as multisets, and a Jaro with no
  // transpositions and that many matches is the most Jaro can be.
  // Bytes share 32 buckets (a–z each get their own): merging buckets can only raise the
  // shared count, so the bound stays a bound, and 32 counters are cheap to clear.
  std::array<std::uint8_t, 32> count{};
  for (char c : a) {
    auto& n = count[static_cast<unsigned char>(c) & 31u];
    if (n < 255) ++n;
  }
  std::size_t shared = 0;
  for (char c : b) {
    auto& n = count[static_cast<unsigned char>(c) & 31u];
    if (n > 0) {
      --n;
      ++shared;
    }
  }
  const double m = static_cast<double>(shared);
  const double jaro_bound =
      shared == 0 ? 0.0 : (m / static_cast<double>(a.size()) + m / static_cast<double>(b.size()) + 1.0) / 3.0;
  std::size_t prefix = 0;
  const std::size_t limit = std::min({kMaxPrefix, a.size(), b.size()});
  while (prefix < limit && a[prefix] == b[prefix]) ++prefix;
  // Jaro–Winkler rises with Jaro for a fixed prefix, so this bounds it too; the small margin
  // keeps rounding from rejecting a pair the full computation would accept.
  const double bound = jaro_bound + static_cast<double>(prefix) * kPrefixScale * (1.0 - jaro_bound);
  if (bound < threshold - 1e-12) return false;
  return JaroWinkler(a, b) >= threshold;
}

double NameSimilarity(std::string_view a, std::string_view b) {
  return JaroWinkler(NormaliseName(a), NormaliseName(b));
}

}  // namespace fd::match
