// A hash map from 64-bit keys to values, open addressing with linear probing. The index keeps
// one entry per blocking key and per person; std::unordered_map would spend a heap node (about
// 48 bytes) on each, which for a million people is most of the index's memory.
// Not thread-safe for writes; concurrent const lookups are fine.
#pragma once

#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace fd::match {

template <typename V>
class U64Map {
 public:
  // The value for `key`, or nullptr.
  V* Find(std::uint64_t key) {
    const std::size_t i = Slot(key);
    return i == kAbsent ? nullptr : &values_[i];
  }
  const V* Find(std::uint64_t key) const {
    const std::size_t i = Slot(key);
    return i == kAbsent ? nullptr : &values_[i];
  }

  // The value for `key`, inserted default-constructed when absent.
  V& operator[](std::uint64_t key) {
    if ((size_ + 1) * 10 > keys_.size() * 7) Grow();
    std::size_t i = Home(key);
    for (; used_[i]; i = (i + 1) & mask_) {
      if (keys_[i] == key) return values_[i];
    }
    used_[i] = 1;
    keys_[i] = key;
    values_[i] = V();
    ++size_;
    return values_[i];
  }

  // Removes `key`; false when absent. Backward-shift deletion keeps probe chains unbroken
  // without tombstones, so lookups never slow down as people come and go.
  bool Erase(std::uint64_t key) {
    std::size_t hole = Slot(key);
    if (hole == kAbsent) return false;
    for (std::size_t next = (hole + 1) & mask_; used_[next]; next = (next + 1) & mask_) {
      const std::size_t home = Home(keys_[next]);
      // Move `next` into the hole unless its home lies cyclically in (hole, next].
      const bool stays = hole <= next ? (hole < home && home <= next) : (hole < home || home <= next);
      if (stays) continue;
      keys_[hole] = keys_[next];
      values_[hole] = std::move(values_[next]);
      hole = next;
    }
    used_[hole] = 0;
    values_[hole] = V();
    --size_;
    return true;
  }

  std::size_t size() const { return size_; }

  // Calls f(key, value) for every entry, in no particular order.
  template <typename F>
  void ForEach(F f) const {
    for (std::size_t i = 0; i < keys_.size(); ++i) {
      if (used_[i]) f(keys_[i], values_[i]);
    }
  }

  // Bytes held by the table itself (not by what values own).
  std::size_t TableBytes() const {
    return keys_.capacity() * sizeof(std::uint64_t) + values_.capacity() * sizeof(V) + used_.capacity();
  }

 private:
  static constexpr std::size_t kAbsent = static_cast<std::size_t>(-1);

  std::size_t Slot(std::uint64_t key) const {
    if (size_ == 0) return kAbsent;
    for (std::size_t i = Home(key);; i = (i + 1) & mask_) {
      if (!used_[i]) return kAbsent;
      if (keys_[i] == key) return i;
    }
  }

  // splitmix64's finaliser: keys are structured (a tag in the top byte, dates, packed letters),
  // so they must be mixed before their low bits pick a slot.
  std::size_t Home(std::uint64_t key) const {
    key ^= key >> 30;
    key *= 0xbf58476d1ce4e5b9ULL;
    key ^= key >> 27;
    key *= 0x94d049bb133111ebULL;
    key ^= key >> 31;
    return static_cast<std::size_t>(key) & mask_;
  }

  void Grow() {
    const std::size_t capacity = keys_.empty() ? 16 : keys_.size() * 2;
    std::vector<std::uint64_t> old_keys(capacity);
    std::vector<V> old_values(capacity);
    std::vector<std::uint8_t> old_used(capacity, 0);
    old_keys.swap(keys_);
    old_values.swap(values_);
    old_used.swap(used_);
    mask_ = capacity - 1;
    for (std::size_t j = 0; j < old_keys.size(); ++j) {
      if (!old_used[j]) continue;
      std::size_t i = Home(old_keys[j]);
      while (used_[i]) i = (i + 1) & mask_;
      used_[i] = 1;
      keys_[i] = old_keys[j];
      values_[i] = std::move(old_values[j]);
    }
  }

  std::vector<std::uint64_t> keys_;
  std::vector<V> values_;
  std::vector<std::uint8_t> used_;
  std::size_t size_ = 0;
  std::size_t mask_ = 0;
};

}  // namespace fd::match
