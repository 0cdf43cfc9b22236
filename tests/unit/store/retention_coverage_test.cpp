// Retention removes a contact with everything about it (store/retention_records.cpp PurgeContact):
// every table the migrations give a `contact_id` column must be deleted from, or unlinked, somewhere in
// the store's code. A table added without it leaves rows behind that name the child or the referrer
// and, with its foreign key, stops the contact being removed at all (as the referrer's call once did).
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>
#include <string>

namespace fd::store {
namespace {

namespace fs = std::filesystem;

std::string ReadAll(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

// Tables whose definition (or a later ALTER TABLE … ADD COLUMN) has a contact_id column.
std::set<std::string> TablesWithAContact() {
  std::set<std::string> tables;
  const std::regex create(R"(CREATE TABLE (?:IF NOT EXISTS )?(\w+)\s*\(([^;]*)\);)", std::regex::icase);
  const std::regex alter(R"(ALTER TABLE (\w+) ADD COLUMN (?:IF NOT EXISTS )?contact_id\b)", std::regex::icase);
  const std::regex column(R"((^|[(,\s])contact_id\s)");
  for (const auto& entry : fs::directory_iterator(fs::path(FD_SOURCE_DIR) / "src" / "store" / "migrations")) {
    const std::string sql = ReadAll(entry.path());
    for (std::sregex_iterator m(sql.begin(), sql.end(), create), end; m != end; ++m)
      if (std::regex_search((*m)[2].str(), column)) tables.insert((*m)[1].str());
    for (std::sregex_iterator m(sql.begin(), sql.end(), alter), end; m != end; ++m) tables.insert((*m)[1].str());
  }
  return tables;
}

std::string StoreCode() {
  std::string code;
  for (const auto& entry : fs::directory_iterator(fs::path(FD_SOURCE_DIR) / "src" / "store"))
    if (entry.path().extension() == ".cpp") code += ReadAll(entry.path());
  return code;
}

// What is kept about a child is kept no longer than its retention period (the daily purge, docs/operations.md), so
// every table that names a contact is cleared when the contact is removed.
TEST(RetentionCoverage, EveryTableThatNamesAContactIsClearedWithIt) {
  const auto tables = TablesWithAContact();
  ASSERT_GE(tables.size(), 10u) << "the migrations were not read";
  ASSERT_TRUE(tables.contains("contact_children"));
  const std::string code = StoreCode();
  for (const auto& table : tables) {
    const bool deleted = code.find("DELETE FROM " + table + " WHERE") != std::string::npos;
    const bool unlinked = code.find("UPDATE " + table + " SET contact_id = NULL") != std::string::npos;
    EXPECT_TRUE(deleted || unlinked) << table << " has a contact_id but nothing removes its rows with the contact";
  }
}

}  // namespace
}  // namespace fd::store
