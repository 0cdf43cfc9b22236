#include "store/row_stream.h"

namespace fd::store {
namespace {

// A Row read by Query, seen as a RowView.
class ValuesRow final : public RowView {
 public:
  explicit ValuesRow(const Row& row) : row_(row) {}
  std::size_t size() const override { return row_.size(); }
  bool IsNull(std::size_t i) const override { return row_.IsNull(i); }
  std::int64_t Int(std::size_t i) const override { return row_.Int(i); }
  std::string_view Text(std::size_t i) const override {
    const Value& v = row_[i];
    return v.IsText() ? std::string_view(v.AsText()) : std::string_view();
  }

 private:
  const Row& row_;
};

}  // namespace

void ForEachRow(Transaction& tx, std::string_view sql, const Params& params, const EachRow& each) {
  if (detail::SqliteForEachRow(tx, sql, params, each)) return;
  for (const Row& row : tx.Query(sql, params)) each(ValuesRow(row));
}

}  // namespace fd::store
