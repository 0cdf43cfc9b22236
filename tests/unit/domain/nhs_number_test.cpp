#include "domain/nhs_number.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

// RULE HCR-17: health contacts must carry a valid NHS number (Modulus 11 check digit).
TEST(NhsNumber, HCR17_Modulus11CheckDigit) {
  EXPECT_TRUE(IsValidNhsNumber("9434765919"));
  EXPECT_TRUE(IsValidNhsNumber("943 476 5919"));
  EXPECT_TRUE(IsValidNhsNumber("943-476-5919"));
  EXPECT_EQ(NormaliseNhsNumber("943 476 5919"), "9434765919");
  EXPECT_FALSE(IsValidNhsNumber("9434765918"));   // wrong check digit
  EXPECT_FALSE(IsValidNhsNumber("943476591"));    // nine digits
  EXPECT_FALSE(IsValidNhsNumber("94347659190"));  // eleven digits
  EXPECT_FALSE(IsValidNhsNumber("94347a5919"));
  EXPECT_FALSE(IsValidNhsNumber(""));
  // A remainder giving check digit 10 is never issued: 1000000010 has weighted sum 10 → 11-10 = 1? no:
  // sum = 1*10 + 1*2 = 12, 12 mod 11 = 1, check 10 → invalid whatever the last digit.
  for (char last = '0'; last <= '9'; ++last) EXPECT_FALSE(IsValidNhsNumber(std::string("100000001") + last));
}

}  // namespace
}  // namespace fd
