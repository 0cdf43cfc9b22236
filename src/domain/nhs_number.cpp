#include "domain/nhs_number.h"

namespace fd {

std::optional<std::string> NormaliseNhsNumber(std::string_view text) {
  std::string digits;
  for (char c : text) {
    if (c >= '0' && c <= '9') digits += c;
    else if (c != ' ' && c != '-') return std::nullopt;
  }
  if (digits.size() != 10) return std::nullopt;
  // Modulus 11: weights 10…2 on the first nine digits; check = 11 - (sum mod 11), 11 → 0,
  // and 10 means the number is invalid (never issued).
  int sum = 0;
  for (int i = 0; i < 9; ++i) sum += (digits[i] - '0') * (10 - i);
  int check = 11 - (sum % 11);
  if (check == 11) check = 0;
  if (check == 10 || check != digits[9] - '0') return std::nullopt;
  return digits;
}

bool IsValidNhsNumber(std::string_view text) { return NormaliseNhsNumber(text).has_value(); }

}  // namespace fd
