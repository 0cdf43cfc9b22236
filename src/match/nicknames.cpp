#include "match/nicknames.h"

#include <algorithm>

#include "match/normalise.h"

namespace fd::match {

std::expected<NicknameTable, NicknameError> NicknameTable::Parse(std::string_view csv_text) {
  NicknameTable table;
  int line_number = 0;
  std::size_t start = 0;
  while (start < csv_text.size()) {
    std::size_t end = csv_text.find('\n', start);
    if (end == std::string_view::npos) end = csv_text.size();
    std::string_view line = csv_text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    const std::size_t first = line.find_first_not_of(" \t");
    if (first == std::string_view::npos || line[first] == '#') continue;

    std::vector<std::string> names;
    std::size_t field_start = 0;
    while (field_start <= line.size()) {
      std::size_t comma = line.find(',', field_start);
      if (comma == std::string_view::npos) comma = line.size();
      std::string name = NormaliseName(line.substr(field_start, comma - field_start));
      if (!name.empty() && std::find(names.begin(), names.end(), name) == names.end()) {
        names.push_back(std::move(name));
      }
      field_start = comma + 1;
    }
    if (names.size() < 2) {
      return std::unexpected(NicknameError{line_number, "a group needs at least two different names"});
    }
    const auto group = static_cast<std::uint32_t>(table.group_count_++);
    for (const std::string& name : names) table.groups_of_[name].push_back(group);
    table.members_.push_back(std::move(names));
  }
  return table;
}

bool NicknameTable::AreNicknames(std::string_view a, std::string_view b) const {
  const std::string x = NormaliseName(a);
  const std::string y = NormaliseName(b);
  if (x.empty() || y.empty() || x == y) return false;
  const auto gx = groups_of_.find(x);
  if (gx == groups_of_.end()) return false;
  const auto gy = groups_of_.find(y);
  if (gy == groups_of_.end()) return false;
  for (std::uint32_t group : gx->second) {
    if (std::find(gy->second.begin(), gy->second.end(), group) != gy->second.end()) return true;
  }
  return false;
}

std::vector<std::string> NicknameTable::EquivalentsOf(std::string_view name) const {
  std::vector<std::string> names;
  const std::string normalised = NormaliseName(name);
  const auto groups = groups_of_.find(normalised);
  if (groups == groups_of_.end()) return names;
  for (std::uint32_t group : groups->second) {
    for (const std::string& member : members_[group]) {
      if (member != normalised && std::find(names.begin(), names.end(), member) == names.end())
        names.push_back(member);
    }
  }
  return names;
}

bool IsInitialOf(std::string_view a, std::string_view b) {
  const std::string x = NormaliseName(a);
  const std::string y = NormaliseName(b);
  if (x.empty() || y.empty()) return false;
  if (x.size() != 1 && y.size() != 1) return false;
  return x[0] == y[0];
}

}  // namespace fd::match
