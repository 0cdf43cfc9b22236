// The soak's virtual users (issue 11 point 5): contact officers, social workers and team managers,
// each on its own thread with its own keep-alive connection, looping through the journeys of a
// front door day over the JSON API and the pages until the run ends.
//
// A contact passes from hand to hand through a Board: an officer records it and puts it on the
// board; one social worker takes it, screens it and proposes a decision; one manager takes that and
// authorises it, or now and then returns it to a worker. Whoever holds a contact is the only one
// writing to it, so every write carries the version its holder last saw and a 409 (two users racing)
// can only mean the server lost or invented a change: it is counted as an error like any other.
// Officers stop recording while too many contacts wait, so queues stay the size of a busy day.
#pragma once

#include <atomic>
#include <cstdint>
#include <deque>
#include <mutex>
#include <optional>
#include <random>
#include <string>

#include "soak_client.h"
#include "soak_stats.h"

namespace fd::bench {

enum class SoakRole { kOfficer, kWorker, kManager };

// A contact held by one virtual user: its id, the version last seen, and its child as recorded
// (for "is this child known?").
struct HeldContact {
  std::int64_t id = 0;
  std::int64_t version = 0;
  std::string first_names;
  std::string last_name;
  std::string date_of_birth;
  std::string gender;
};

// The hand-offs between roles. Thread safety: every method may be called from any thread.
class Board {
 public:
  void ToScreen(HeldContact c) { Push(to_screen_, std::move(c)); }
  void ToAuthorise(HeldContact c) { Push(to_authorise_, std::move(c)); }
  void Returned(HeldContact c) { Push(returned_, std::move(c)); }
  std::optional<HeldContact> TakeToScreen() { return Take(to_screen_); }
  std::optional<HeldContact> TakeToAuthorise() { return Take(to_authorise_); }
  std::optional<HeldContact> TakeReturned() { return Take(returned_); }
  std::size_t Waiting() const;  // contacts recorded and not yet decided, on any list

 private:
  void Push(std::deque<HeldContact>& list, HeldContact c);
  std::optional<HeldContact> Take(std::deque<HeldContact>& list);

  mutable std::mutex mutex_;
  std::deque<HeldContact> to_screen_;     // guarded by mutex_
  std::deque<HeldContact> to_authorise_;  // guarded by mutex_
  std::deque<HeldContact> returned_;      // guarded by mutex_
};

// What every virtual user shares: where to count, when to measure and stop.
struct SoakShared {
  SoakStats& stats;
  Board& board;
  std::atomic<bool>& measuring;  // set at the end of warm-up
  std::atomic<bool>& stopping;   // set at the end of the run
  std::string password;
};

class VirtualUser {
 public:
  VirtualUser(SoakShared& shared, std::uint16_t port, SoakRole role, std::string username, std::uint64_t seed)
      : shared_(shared), client_(port), role_(role), username_(std::move(username)), rng_(seed) {}

  // Loops through its role's journeys until `shared.stopping`, then signs out.
  void Run();

 private:
  // One round of each role's work; each request is counted in the stats.
  void OfficerRound();
  void WorkerRound();
  void ManagerRound();
  // Reads every role does between changes: queue pages, lists, searches.
  void BrowseRound();
  // KCR-10 "is this child known?": searches the register for the contact's child and, when the
  // register has a very likely match, confirms it is the child, as the record checks require.
  void ConfirmChild(const HeldContact& held);

  // Sends and counts; returns the reply.
  SoakReply Call(const std::string& kind, const std::string& method, const std::string& route,
                 const std::string& body = "");
  SoakReply CallJson(const std::string& kind, const std::string& method, const std::string& route,
                     const nlohmann::json& body);
  // A workflow step with the held version; on success the held version is the answer's.
  bool Step(const std::string& kind, const std::string& method, const std::string& route, nlohmann::json body,
            HeldContact& held);
  bool SignIn();
  void SignOut();

  bool Chance(int one_in);  // true one time in `one_in`
  template <typename T, std::size_t N>
  const T& Pick(const T (&items)[N]) {
    return items[std::uniform_int_distribution<std::size_t>(0, N - 1)(rng_)];
  }

  SoakShared& shared_;
  SoakClient client_;
  SoakRole role_;
  std::string username_;
  std::mt19937_64 rng_;
  bool signed_in_ = false;
  std::int64_t rounds_ = 0;
};

}  // namespace fd::bench
