#include "store/value.h"

#include <stdexcept>

namespace fd::store {

std::int64_t Value::AsInt() const {
  if (auto* i = std::get_if<std::int64_t>(&v_)) return *i;
  if (auto* d = std::get_if<double>(&v_)) return static_cast<std::int64_t>(*d);
  throw std::logic_error("store value is not an integer");
}

double Value::AsReal() const {
  if (auto* d = std::get_if<double>(&v_)) return *d;
  if (auto* i = std::get_if<std::int64_t>(&v_)) return static_cast<double>(*i);
  throw std::logic_error("store value is not a number");
}

const std::string& Value::AsText() const {
  if (auto* s = std::get_if<std::string>(&v_)) return *s;
  throw std::logic_error("store value is not text");
}

std::string Row::Text(std::size_t i) const {
  const Value& v = values_.at(i);
  if (v.IsNull()) return {};
  if (v.IsInt()) return std::to_string(v.AsInt());
  return v.AsText();
}

std::optional<std::string> Row::OptionalText(std::size_t i) const {
  if (values_.at(i).IsNull()) return std::nullopt;
  return Text(i);
}

std::optional<std::int64_t> Row::OptionalInt(std::size_t i) const {
  if (values_.at(i).IsNull()) return std::nullopt;
  return values_.at(i).AsInt();
}

}  // namespace fd::store
