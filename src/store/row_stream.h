// Reading many rows without copying them (the dashboard's twelve months, the returns): each row is
// handed over from the backend's own buffers as it is read, with no allocation per row. SQLite
// streams; any other backend reads the rows with Transaction::Query first and hands those over.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>

#include "store/store.h"

namespace fd::store {

// One result row, valid only during the call it is passed to.
class RowView {
 public:
  virtual ~RowView() = default;
  virtual std::size_t size() const = 0;
  virtual bool IsNull(std::size_t i) const = 0;
  // REQUIRES: the column holds an integer. Throws std::logic_error otherwise.
  virtual std::int64_t Int(std::size_t i) const = 0;
  // The column's text, or "" for NULL.
  virtual std::string_view Text(std::size_t i) const = 0;
};

using EachRow = std::function<void(const RowView&)>;

// Runs one SELECT and calls `each` with every row. `each` must not run the same statement on `tx`.
// Throws StoreFault, or what `each` throws.
void ForEachRow(Transaction& tx, std::string_view sql, const Params& params, const EachRow& each);

namespace detail {
// The SQLite backend's streaming read: false (and nothing read) when `tx` is not a SQLite transaction.
bool SqliteForEachRow(Transaction& tx, std::string_view sql, const Params& params, const EachRow& each);
}  // namespace detail

}  // namespace fd::store
