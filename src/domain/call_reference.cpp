#include "domain/call_reference.h"

#include <algorithm>
#include <cctype>

#include "domain/text.h"

namespace fd {

std::string ReadCallReference(std::string_view given, const std::string& field, std::vector<FieldError>& errors) {
  std::string reference = Trim(given);
  if (auto problem = CheckText(reference, kMaxCallReferenceLength, false, "The reference of the phone call")) {
    errors.push_back({field, *problem});
    return "";
  }
  // ASCII only: a multi-byte character is left as it is, never cut into bytes that are not UTF-8.
  std::transform(reference.begin(), reference.end(), reference.begin(), [](unsigned char c) {
    return c < 0x80 ? static_cast<char>(std::toupper(c)) : static_cast<char>(c);
  });
  return reference;
}

}  // namespace fd
