#include "domain/consultation_number.h"

#include <stdexcept>

namespace fd {
namespace {

// Crockford's base32 symbols, then the five extra symbols Crockford defines for check values 32-36.
constexpr std::string_view kSymbols = "0123456789ABCDEFGHJKMNPQRSTVWXYZ*~$=U";
constexpr std::size_t kDataSymbols = 8;  // 8 x 5 bits = 40 random bits
constexpr int kModulus = 37;

int SymbolValue(char c, bool check_position) {
  if (c >= 'a' && c <= 'z') c = static_cast<char>(c - 'a' + 'A');
  auto at = kSymbols.find(c);
  if (at == std::string_view::npos) return -1;
  // Data symbols come from the 32 base32 symbols only; the check symbol may use all 37.
  if (!check_position && at >= 32) return -1;
  return static_cast<int>(at);
}

// The check is ISO 7064's pure-system construction with modulus 37 and radix 2 (as MOD 37-2), over
// Crockford's 37 check symbols: with the check symbol's weight 1 and each symbol to its left weighted
// by the next power of 2, the weighted sum is 1 (mod 37). Because 37 is prime and 2 is a primitive
// root of it, a changed symbol (difference d, 0 < |d| < 37) moves the sum by d * 2^k and a swap of
// neighbours by d * 2^k, never a multiple of 37: every single change and adjacent transposition is
// caught, including a swap with the check symbol. (Crockford's own "value mod 37" check misses a
// swap of the last data symbol with the check symbol.)
int WeightedSum(std::string_view data_values_as_symbols) {
  int sum = 0;
  for (char c : data_values_as_symbols) sum = (sum + SymbolValue(c, false)) * 2 % kModulus;
  return sum;  // each data symbol weighted 2^(distance from the check symbol)
}

std::optional<std::string> Compact(std::string_view text) {
  std::string symbols;
  for (char c : text) {
    if (c == '-' || c == ' ') continue;
    symbols += (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
  }
  if (symbols.size() == kDataSymbols + 3 && symbols.starts_with("CN")) symbols.erase(0, 2);
  if (symbols.size() != kDataSymbols + 1) return std::nullopt;
  return symbols;
}

std::string Format(std::string_view symbols) {
  return "CN-" + std::string(symbols.substr(0, 4)) + "-" + std::string(symbols.substr(4, 4)) + "-" +
         std::string(symbols.substr(8, 1));
}

// The check value the number's eight data symbols call for (0-36).
int CheckValue(std::string_view data_symbols) {
  return ((1 - WeightedSum(data_symbols)) % kModulus + kModulus) % kModulus;
}

// The eight data symbols of five random bytes (40 bits, most significant first).
std::string DataSymbols(std::span<const std::uint8_t, 5> bytes) {
  std::uint64_t bits = 0;
  for (std::uint8_t b : bytes) bits = (bits << 8) | b;
  std::string symbols(kDataSymbols, '0');
  for (std::size_t i = kDataSymbols; i-- > 0; bits >>= 5) symbols[i] = kSymbols[bits & 31];
  return symbols;
}

}  // namespace

std::string MakeConsultationNumber(std::span<const std::uint8_t> random_bytes) {
  if (random_bytes.size() < 5) throw std::invalid_argument("a consultation number needs 5 random bytes");
  // New numbers are drawn again until their check symbol is one of the 32 the number itself uses
  // (never * ~ $ = U, which are awkward to say on the phone): each group of five bytes in turn.
  // The check is unchanged, so every number issued before stays valid with the same guarantees.
  std::string symbols;
  for (std::size_t at = 0; at + 5 <= random_bytes.size(); at += 5) {
    symbols = DataSymbols(random_bytes.subspan(at).first<5>());
    if (CheckValue(symbols) < 32) return Format(symbols + kSymbols[static_cast<std::size_t>(CheckValue(symbols))]);
  }
  // Every group drew a check of 32-36 (about 1 in 9 million with the 40 bytes callers give):
  // step the last data symbol on. Each step moves the check by 2 (mod 37), so within six steps it
  // is one of the 32.
  for (;;) {
    const auto last = kSymbols.find(symbols[kDataSymbols - 1]);
    symbols[kDataSymbols - 1] = kSymbols[(last + 1) % 32];
    if (const int check = CheckValue(symbols); check < 32) return Format(symbols + kSymbols[static_cast<std::size_t>(check)]);
  }
}

std::optional<std::string> NormaliseConsultationNumber(std::string_view text) {
  auto symbols = Compact(text);
  if (!symbols) return std::nullopt;
  for (std::size_t i = 0; i < kDataSymbols; ++i)
    if (SymbolValue((*symbols)[i], false) < 0) return std::nullopt;
  int check = SymbolValue((*symbols)[kDataSymbols], true);
  if (check < 0) return std::nullopt;
  if ((WeightedSum(std::string_view(*symbols).substr(0, kDataSymbols)) + check) % kModulus != 1) return std::nullopt;
  return Format(*symbols);
}

bool IsValidConsultationNumber(std::string_view text) { return NormaliseConsultationNumber(text).has_value(); }

}  // namespace fd
