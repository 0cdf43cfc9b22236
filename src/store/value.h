// A value bound to, or read from, a SQL statement. The store speaks only these four types so that
// every backend (SQLite, PostgreSQL) maps them the same way.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <variant>
#include <vector>

namespace fd::store {

class Value {
 public:
  Value() = default;  // SQL NULL
  Value(std::nullptr_t) {}
  Value(std::int64_t v) : v_(v) {}
  Value(int v) : v_(static_cast<std::int64_t>(v)) {}
  Value(bool v) : v_(static_cast<std::int64_t>(v ? 1 : 0)) {}
  Value(double v) : v_(v) {}
  Value(std::string v) : v_(std::move(v)) {}
  Value(std::string_view v) : v_(std::string(v)) {}
  Value(const char* v) : v_(std::string(v)) {}
  template <typename T>
  Value(const std::optional<T>& v) {
    if (v) *this = Value(*v);
  }

  bool IsNull() const { return std::holds_alternative<std::monostate>(v_); }
  bool IsInt() const { return std::holds_alternative<std::int64_t>(v_); }
  bool IsReal() const { return std::holds_alternative<double>(v_); }
  bool IsText() const { return std::holds_alternative<std::string>(v_); }
  // REQUIRES: the value holds that type (or, for AsInt/AsReal, a number).
  std::int64_t AsInt() const;
  double AsReal() const;
  const std::string& AsText() const;

 private:
  std::variant<std::monostate, std::int64_t, double, std::string> v_;
};

// One result row; columns in SELECT order.
class Row {
 public:
  explicit Row(std::vector<Value> values) : values_(std::move(values)) {}
  std::size_t size() const { return values_.size(); }
  const Value& operator[](std::size_t i) const { return values_.at(i); }
  std::int64_t Int(std::size_t i) const { return values_.at(i).AsInt(); }
  // Text, or "" for NULL.
  std::string Text(std::size_t i) const;
  std::optional<std::string> OptionalText(std::size_t i) const;
  std::optional<std::int64_t> OptionalInt(std::size_t i) const;
  bool IsNull(std::size_t i) const { return values_.at(i).IsNull(); }

 private:
  std::vector<Value> values_;
};

using Params = std::vector<Value>;

}  // namespace fd::store
