// What the public portal's receipt (its page, or the e-mail that follows it) tells the person who
// sent a concern, read the way they read it: the contact's reference and what happens next.
#pragma once

#include <regex>
#include <string>

namespace fd::testing {

// The contact's reference (FD-2026-000123) the receipt or e-mail gives, or "" when it gives none.
inline std::string ReferenceIn(const std::string& body) {
  std::smatch match;
  static const std::regex reference("FD-\\d{4}-\\d{6}");
  return std::regex_search(body, match, reference) ? match[0].str() : "";
}

// The paragraph that says what happens next, as the receipt page shows it, or "(none)".
inline std::string WhatHappensNextOn(const std::string& page) {
  std::smatch match;
  static const std::regex next("<p class=\"govuk-body\" id=\"what-happens-next\">([^<]*)</p>");
  return std::regex_search(page, match, next) ? match[1].str() : "(none)";
}

}  // namespace fd::testing
