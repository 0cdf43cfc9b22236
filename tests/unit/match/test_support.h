// Shared by the match tests: the shipped nickname list, read the way a caller would, and readable
// names for levels in failure messages.
#pragma once

#include <gtest/gtest.h>

#include <fstream>
#include <ostream>
#include <sstream>
#include <string>

#include "match/levels.h"
#include "match/nicknames.h"

namespace fd::match {

inline void PrintTo(Level level, std::ostream* out) {
  *out << LevelName(level);
}
inline void PrintTo(Agreement agreement, std::ostream* out) {
  *out << AgreementName(agreement);
}

inline std::string ShippedNicknameText() {
  std::ifstream file(std::string(FD_SOURCE_DIR) + "/data/nicknames.csv");
  std::ostringstream text;
  text << file.rdbuf();
  return text.str();
}

inline NicknameTable ShippedNicknames() {
  auto table = NicknameTable::Parse(ShippedNicknameText());
  EXPECT_TRUE(table.has_value()) << (table ? "" : table.error().message);
  return table ? std::move(*table) : NicknameTable{};
}

}  // namespace fd::match
