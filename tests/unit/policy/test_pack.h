// Writing a policy pack for a test that loads one (most often a broken one): the parts every such
// pack shares, and the layout the loader expects (authority/pack.toml with bank-holidays/ beside it).
#pragma once

#include <filesystem>
#include <fstream>
#include <string>

#include "policy/policy_pack.h"
#include "support/temp_dir.h"

namespace fd::policy::test_pack {

inline const std::string kPolicies = std::string(FD_SOURCE_DIR) + "/policies";

// The [pack] table: authority "test", in force from 2020, England and Wales's bank holidays.
inline constexpr const char* kHead = R"([pack]
authority = "test"
authority_name = "Test"
version = "1"
title = "Test pack"
effective_from = 2020-01-01
time_zone = "Europe/London"
bank_holidays = "bank-holidays/england-and-wales.json"
bank_holiday_division = "england-and-wales"
)";

// A service line, and the rules a pack needs: a timescale, an indicator and one outcome ("nfa").
inline const std::string kService = R"(
[[services]]
id = "line"
name = "Line"
hours = [{ days = "Mon-Fri", start = "09:00", end = "17:00" }]
)";
inline const std::string kRules = R"(
[timescales]
decision = { within = "1 working day", rule = "KCR-8" }

[[significant_harm_indicators]]
id = "x"
label = "X"

[[outcomes]]
id = "nfa"
label = "No further action"
next = "close"
)";
// What a pack needs after its head.
inline const std::string kServiceToOutcome = kService + kRules;

// Writes `text` as <dir>/authority/pack.toml with the shipped bank-holiday file beside it; returns
// the pack's path.
inline std::string Write(const testing::TempDir& dir, const std::string& text) {
  std::filesystem::create_directories(dir.path() / "authority");
  std::filesystem::create_directories(dir.path() / "bank-holidays");
  std::filesystem::copy_file(kPolicies + "/bank-holidays/england-and-wales.json",
                             dir.path() / "bank-holidays/england-and-wales.json",
                             std::filesystem::copy_options::overwrite_existing);
  const std::string path = (dir.path() / "authority/pack.toml").string();
  std::ofstream(path) << text;
  return path;
}

// Every error of a refused pack, one a line, to search in and to show when a search fails.
inline std::string AllErrors(const PackErrors& errors) {
  std::string all;
  for (const auto& e : errors) all += e.ToString() + "\n";
  return all;
}

}  // namespace fd::policy::test_pack
