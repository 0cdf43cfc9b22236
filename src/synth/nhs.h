// NHS numbers for synthetic people: ten digits with a valid Modulus 11 check digit, in the ranges
// England issues (400 000 000x–499 999 999x, 600 000 000x–799 999 999x), distinct for distinct keys.
#pragma once

#include <cstdint>
#include <string>

namespace fd::synth {

// The NHS number of the person with this key. Distinct keys below kMaxNhsKey give distinct numbers
// (the nine leading digits are a bijection of key × 11 + t, for the first t giving a valid check
// digit), and every number passes fd::IsValidNhsNumber. REQUIRES: 0 <= key < kMaxNhsKey.
inline constexpr std::int64_t kMaxNhsKey = 27'000'000;
std::string NhsNumberFor(std::int64_t key);

}  // namespace fd::synth
