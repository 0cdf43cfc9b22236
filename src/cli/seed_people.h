// `frontdoor seed-demo --people N`: loads a synthetic population (src/synth/) into the register
// tables and writes its labelled query set, for trying the matcher and for the benchmarks.
#pragma once

#include <cstdint>
#include <ostream>
#include <string>

#include "store/store.h"

namespace fd::cli {

struct SeedPeopleOptions {
  std::int64_t people = 0;
  std::uint64_t seed = 1;
  std::string queries_path;    // "" writes no queries
  std::size_t queries = 10000;  // how many labelled queries
  std::int64_t batch = 10000;   // people per transaction
};

struct SeedPeopleReport {
  bool loaded = false;       // false: a synthetic population was already there; nothing changed
  std::int64_t first_id = 0;  // the store id of synthetic person 1 (ids are consecutive)
  std::int64_t people = 0, names = 0, addresses = 0, relationships = 0, involvements = 0;
  std::size_t queries = 0;
  double seconds = 0;  // wall time of the load, generation included
};

// Writes people, person_names, person_addresses, relationships, involvements and person_changes in
// transactions of `batch` people, with bound parameters, numbering the people after the register's
// highest id. Open involvements are allocated to the store's social workers and team managers, in
// turn (none when there are none), in teams named after the work (created when missing). Progress
// goes to `progress`. Throws store::StoreFault, or std::runtime_error when the query file cannot be
// written.
SeedPeopleReport SeedPeople(store::Store& store, const SeedPeopleOptions& options, std::ostream& progress);

}  // namespace fd::cli
