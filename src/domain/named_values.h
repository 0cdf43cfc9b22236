// Enumerations spoken as stable ids ("team_manager") and shown as titles ("Team manager"): one
// table per enumeration, read by these three lookups, so ids and titles never drift apart.
#pragma once

#include <array>
#include <optional>
#include <string_view>

namespace fd {

template <typename E>
struct Named {
  E value;
  std::string_view id;
  std::string_view title;
};

// The id of `value`; the first entry's when it is missing (tables list every value; tests check).
template <typename E, std::size_t N>
constexpr std::string_view IdOf(const std::array<Named<E>, N>& names, E value) {
  for (const auto& n : names)
    if (n.value == value) return n.id;
  return names[0].id;
}

template <typename E, std::size_t N>
constexpr std::string_view TitleOf(const std::array<Named<E>, N>& names, E value) {
  for (const auto& n : names)
    if (n.value == value) return n.title;
  return names[0].title;
}

template <typename E, std::size_t N>
constexpr std::optional<E> FromId(const std::array<Named<E>, N>& names, std::string_view id) {
  for (const auto& n : names)
    if (n.id == id) return n.value;
  return std::nullopt;
}

}  // namespace fd
