#include "synth/nhs.h"

#include <fmt/format.h>

#include <stdexcept>

#include "domain/nhs_number.h"

namespace fd::synth {
namespace {

constexpr std::int64_t kSpace = 300'000'000;  // three blocks of 10^8 nine-digit prefixes
constexpr std::int64_t kMultiplier = 48'271;  // prime, coprime with 300,000,000: a bijection mod kSpace
constexpr std::int64_t kOffset = 123'456'789;

}  // namespace

std::string NhsNumberFor(std::int64_t key) {
  for (std::int64_t t = 0; t < 11; ++t) {
    const std::int64_t v = ((key * 11 + t) % kSpace * kMultiplier + kOffset) % kSpace;
    // 4xx xxx xxx for the first block, 6xx and 7xx for the other two.
    const std::int64_t nine = v + (v < 100'000'000 ? 400'000'000 : 500'000'000);
    const std::string digits = fmt::format("{:09}", nine);
    int sum = 0;
    for (int i = 0; i < 9; ++i) sum += (digits[static_cast<std::size_t>(i)] - '0') * (10 - i);
    const int check = 11 - sum % 11;
    if (check == 10) continue;  // no valid number with these nine digits
    std::string number = digits + static_cast<char>('0' + (check == 11 ? 0 : check));
    if (IsValidNhsNumber(number)) return number;
  }
  throw std::logic_error(fmt::format("synth: no valid NHS number for key {}", key));
}

}  // namespace fd::synth
