// Every distinct normalised name the index holds, stored once with its sound codes. A million
// children share perhaps a hundred thousand names; records hold 32-bit name ids, and a search
// compares each distinct name with the query once rather than once per child.
// Names are never removed: the pool is bounded by the distinct names ever indexed.
#pragma once

#include <cstdint>
#include <deque>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace fd::match {

using NameId = std::uint32_t;

// A Double Metaphone code (at most 4 characters of A–Z and 0) packed into 32 bits, one byte per
// character; 0 means "no code" (a name with no Latin letters).
using SoundCode = std::uint32_t;
SoundCode PackSoundCode(std::string_view code);

// A name ready to compare: normalised text and its primary and alternate sound codes.
struct NameForm {
  std::string text;
  SoundCode primary = 0;
  SoundCode alternate = 0;
};

// The NameForm of an already normalised name.
NameForm MakeNameForm(std::string normalised);

class NamePool {
 public:
  // The id of `normalised`, adding it when new.
  NameId Intern(const std::string& normalised);
  // The id of `normalised` when the pool holds it.
  std::optional<NameId> Find(std::string_view normalised) const;
  // REQUIRES: id came from this pool.
  const NameForm& Get(NameId id) const { return names_[id]; }
  std::size_t size() const { return names_.size(); }
  std::size_t ApproxBytes() const;

 private:
  struct Hash {
    using is_transparent = void;
    std::size_t operator()(std::string_view s) const { return std::hash<std::string_view>{}(s); }
  };
  // A deque so the views in ids_ stay valid as names are added.
  std::deque<NameForm> names_;
  std::unordered_map<std::string_view, NameId, Hash, std::equal_to<>> ids_;
};

}  // namespace fd::match
