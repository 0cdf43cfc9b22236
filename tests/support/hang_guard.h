// A guard against a test that hangs, not a measure of speed: a call whose own time limit is what a
// test is about (a database that stops answering) would, were that limit broken, never return. Its
// answer is asserted on, never how long it took; timings belong in bench/.
#pragma once

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <future>
#include <thread>
#include <utility>

namespace fd::testing {

// Minutes over any time limit the tests exercise (seconds each): reached only by a hang.
inline constexpr std::chrono::seconds kHungAfter{120};

// Runs `work` on a thread of its own and returns what it returns (or throws what it throws). When it
// has not returned after kHungAfter the test program stops with a message: a hung call cannot be
// abandoned, and a hung test would hold up every test after it.
template <typename Work>
auto UnlessHung(Work work) -> decltype(work()) {
  std::packaged_task<decltype(work())()> task(std::move(work));
  auto answer = task.get_future();
  std::thread runner(std::move(task));
  if (answer.wait_for(kHungAfter) != std::future_status::ready) {
    std::fprintf(stderr, "hung: no answer after %lld s; stopping the tests\n",
                 static_cast<long long>(kHungAfter.count()));
    std::abort();
  }
  runner.join();
  return answer.get();
}

}  // namespace fd::testing
