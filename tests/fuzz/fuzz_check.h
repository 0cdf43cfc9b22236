// What a harness calls a finding: a property that must hold for every input. It prints what broke
// and aborts, so libFuzzer saves the input (and the replay test fails on it).
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace fd::fuzz {

[[noreturn]] inline void Finding(const std::string& what) {
  std::fprintf(stderr, "fuzz finding: %s\n", what.c_str());
  std::fflush(stderr);
  std::abort();
}

inline void Check(bool holds, const std::string& what) {
  if (!holds) Finding(what);
}

inline std::string_view Text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

}  // namespace fd::fuzz

// The entry point every harness defines: libFuzzer calls it in the clang build, replay_main.cpp in
// the g++ one.
extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);
