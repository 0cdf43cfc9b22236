// The people who share one blocking key: record slots (32-bit), usually one or two (an NHS
// number, a postcode), sometimes thousands (the sound of "Smith"). Two ids live inline, so the
// common case costs no allocation: 16 bytes, where a std::vector would take 24 plus a heap block.
#pragma once

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <memory>
#include <span>

namespace fd::match {

class IdList {
 public:
  IdList() = default;
  IdList(const IdList&) = delete;
  IdList& operator=(const IdList&) = delete;
  IdList(IdList&& other) noexcept { Take(other); }
  IdList& operator=(IdList&& other) noexcept {
    if (this != &other) {
      Release();
      Take(other);
    }
    return *this;
  }
  ~IdList() { Release(); }

  void Add(std::uint32_t id) {
    if (size_ == capacity_) Reserve(capacity_ * 2);
    Data()[size_++] = id;
  }

  // Removes one occurrence of `id` (order is not kept); false when absent.
  bool Remove(std::uint32_t id) {
    std::uint32_t* data = Data();
    for (std::uint32_t i = 0; i < size_; ++i) {
      if (data[i] != id) continue;
      data[i] = data[--size_];
      return true;
    }
    return false;
  }

  std::span<const std::uint32_t> Ids() const { return {Data(), size_}; }
  std::uint32_t size() const { return size_; }
  bool empty() const { return size_ == 0; }
  std::size_t HeapBytes() const { return IsInline() ? 0 : capacity_ * sizeof(std::uint32_t); }

 private:
  static constexpr std::uint32_t kInline = 2;

  bool IsInline() const { return capacity_ == kInline; }
  std::uint32_t* Data() { return IsInline() ? inline_ : heap_; }
  const std::uint32_t* Data() const { return IsInline() ? inline_ : heap_; }

  void Reserve(std::uint32_t capacity) {
    auto* grown = new std::uint32_t[capacity];
    std::memcpy(grown, Data(), size_ * sizeof(std::uint32_t));
    Release();
    heap_ = grown;
    capacity_ = capacity;
  }

  void Release() {
    if (!IsInline()) delete[] heap_;
    capacity_ = kInline;
  }

  void Take(IdList& other) {
    size_ = other.size_;
    capacity_ = other.capacity_;
    if (other.IsInline()) {
      std::copy(other.inline_, other.inline_ + kInline, inline_);
    } else {
      heap_ = other.heap_;
    }
    other.size_ = 0;
    other.capacity_ = kInline;
  }

  std::uint32_t size_ = 0;
  std::uint32_t capacity_ = kInline;
  // Owned by this list when capacity_ > kInline; raw so the union stays 8 bytes.
  union {
    std::uint32_t inline_[kInline] = {0, 0};
    std::uint32_t* heap_;
  };
};

}  // namespace fd::match
