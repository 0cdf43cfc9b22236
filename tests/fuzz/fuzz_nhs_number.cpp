// NHS numbers (HCR-17) as typed into forms: whatever the text, NormaliseNhsNumber answers, and
// what it accepts is ten digits with a right check digit that normalises to itself.
#include "domain/nhs_number.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using fd::fuzz::Check;
  const std::string_view text = fd::fuzz::Text(data, size);
  const auto digits = fd::NormaliseNhsNumber(text);
  Check(digits.has_value() == fd::IsValidNhsNumber(text), "IsValidNhsNumber disagrees with NormaliseNhsNumber");
  if (digits) {
    Check(digits->size() == 10, "a normalised NHS number is not ten characters");
    for (char c : *digits) Check(c >= '0' && c <= '9', "a normalised NHS number holds a non-digit");
    Check(fd::NormaliseNhsNumber(*digits) == digits, "a normalised NHS number does not normalise to itself");
  }
  return 0;
}
