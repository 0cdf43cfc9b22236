// FDS-7's detector of identifying details (dates of birth, NHS numbers, postcodes, phone numbers,
// e-mail addresses, street addresses, named schools) in a no-named consultation's free text: answers
// for any text, naming the field it was given, and every message quotes text that is really there.
#include <string>

#include "domain/identifying_text.h"
#include "fuzz_check.h"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using fd::fuzz::Check;
  const std::string_view text = fd::fuzz::Text(data, size);
  const auto found = fd::FindIdentifyingDetails(text, "summary");
  Check(found.size() <= text.size(), "more identifying details than characters");
  for (const auto& error : found) {
    Check(error.field == "summary", "a finding names another field");
    const auto open = error.message.find('"');
    const auto close = error.message.rfind("\": a no-named consultation");
    Check(open != std::string::npos && close != std::string::npos && close > open,
          "a finding quotes nothing: " + error.message);
    const std::string quoted = error.message.substr(open + 1, close - open - 1);
    Check(!quoted.empty() && text.find(quoted) != std::string_view::npos,
          "a finding quotes text that is not in the input: " + error.message);
  }
  return 0;
}
