// Reads rows from a SQLite database file as text, as an operator would with sqlite3: for the CLI tests,
// which check what a `frontdoor` command wrote without going through the service.
#pragma once

#include <string>
#include <vector>

#include "store/sqlite/sqlite_store.h"

namespace fd::testing {

// Every row of `sql` on the database at `path`, each cell as text ("" for NULL).
inline std::vector<std::vector<std::string>> Query(const std::string& path, const std::string& sql) {
  store::SqliteStore store(path);
  auto tx = store.Begin(store::TransactionMode::kRead);
  std::vector<std::vector<std::string>> out;
  for (const auto& row : tx->Query(sql)) {
    std::vector<std::string> cells;
    for (std::size_t i = 0; i < row.size(); ++i) cells.push_back(row.IsNull(i) ? "" : row.Text(i));
    out.push_back(cells);
  }
  return out;
}

}  // namespace fd::testing
