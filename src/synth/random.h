// The generator's source of randomness: splitmix64, a tiny and fully specified generator, so a
// population is the same on every machine and compiler for the same seed (std::mt19937 is too,
// but the standard distributions are not).
#pragma once

#include <cstddef>
#include <cstdint>

namespace fd::synth {

class Random {
 public:
  explicit Random(std::uint64_t seed) : state_(seed) {}

  std::uint64_t Next() {
    std::uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
    z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
    z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
    return z ^ (z >> 31);
  }
  // Uniform in [0, 1).
  double Uniform() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  bool Chance(double p) { return Uniform() < p; }
  // Uniform in [0, n). REQUIRES: n > 0.
  std::size_t Below(std::size_t n) { return static_cast<std::size_t>(Next() % n); }
  // Uniform in [low, high], both included. REQUIRES: low <= high.
  int Between(int low, int high) { return low + static_cast<int>(Below(static_cast<std::size_t>(high - low + 1))); }

 private:
  std::uint64_t state_;
};

// A seed for an independent stream from a seed and a stream number (a family, a query).
inline std::uint64_t Mix(std::uint64_t seed, std::uint64_t stream) {
  return Random(seed * 0x100000001b3ULL ^ (stream + 0x632be59bd9b4e019ULL)).Next();
}

}  // namespace fd::synth
