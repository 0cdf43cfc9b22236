// The people register as the matcher sees it: one match::Index per process, built from the store
// at start (Load) and brought up to date before every search (CatchUp) by reading person_changes,
// the log every register write appends to in its own transaction (store::NotePersonChanged). So a
// search sees every write committed before it began, whichever node made the write, without the
// nodes talking to each other. docs/matching.md "In the service" describes it.
//
// What is indexed for each person not merged into another (people.merged_into IS NULL): first
// names (split at spaces), surname, date of birth, gender, NHS number and current postcode
// (people.postcode, or the open person_addresses row when that is empty); from person_names,
// previous and alternative surnames as previous surnames, and alternative first names after the
// middle names (so "known as" names agree as a middle name does). A field the register holds in a
// form the matcher refuses (an NHS number that is not ten digits, an impossible date, a partial
// postcode) is left out for that person rather than leaving the person out.
//
// Thread safety: every method may be called from many threads at once. Search takes the index's
// lock shared; CatchUp serialises catch-ups on a mutex of its own and takes the index's lock
// unique only while it applies what it read, so searches wait for the database only when there is
// something new.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <expected>
#include <mutex>
#include <shared_mutex>
#include <string_view>
#include <vector>

#include "match/candidate.h"
#include "match/index.h"
#include "match/nicknames.h"
#include "match/person.h"
#include "match/weights.h"
#include "store/store.h"

namespace fd::app {

// The nickname list shipped in data/nicknames.csv, compiled into the binary (never read from disk
// at run time, so the service behaves the same wherever it is started).
std::string_view ShippedNicknameList();

struct DirectoryLoad {
  std::size_t people = 0;          // indexed
  std::size_t fields_dropped = 0;  // malformed fields left out (see the header comment)
  std::size_t refused = 0;         // people the index would not take (none expected: fields are checked first)
  std::int64_t last_seq = 0;       // the person_changes seq the index is current to
  std::chrono::milliseconds took{0};
  match::IndexStats index;
};

class PersonDirectory {
 public:
  // The shipped nickname list and the default weights.
  PersonDirectory();
  PersonDirectory(match::NicknameTable nicknames, match::Weights weights);
  PersonDirectory(const PersonDirectory&) = delete;
  PersonDirectory& operator=(const PersonDirectory&) = delete;

  // Replaces the index with every person in the store not merged into another, read `page_size`
  // people at a time in one read transaction (a consistent snapshot), so a million people load
  // without all their rows being held at once beside the index. Afterwards the directory is
  // current to the last person_changes seq of that snapshot. Throws store::StoreFault.
  DirectoryLoad Load(store::Store& store, std::size_t page_size = 5000);

  // Re-reads every person with a person_changes row past the last seq applied, and adds, updates
  // or removes them (removes: merged into another, or no longer in the store). One indexed query
  // when nothing changed. Returns how many people were re-read. Throws store::StoreFault; the
  // index is then unchanged and the next call retries.
  std::size_t CatchUp(store::Store& store);

  // match::Index::Search under the shared lock: up to `limit` candidates, best first, with a
  // probability of at least `min_probability` (0: however weak). Errors: kInvalid for a malformed
  // NHS number, postcode or date in the query.
  std::expected<std::vector<match::Candidate>, match::MatchError> Search(const match::PersonQuery& query,
                                                                         std::size_t limit,
                                                                         double min_probability = 0.0) const;

  std::size_t size() const;
  std::int64_t last_seq() const;
  match::IndexStats Stats() const;
  // The probability a match weight gives with this directory's prior now (the weights' share of
  // searches on the register over the people indexed: match::Index::Prior).
  double ProbabilityOf(double match_weight) const;

 private:
  const match::NicknameTable nicknames_;  // kept to build a fresh index on Load
  const match::Weights weights_;
  mutable std::shared_mutex index_mutex_;
  match::Index index_;  // GUARDED_BY(index_mutex_)
  // Held for a whole Load or CatchUp, so two searches never apply the same changes twice.
  std::mutex catch_up_mutex_;
  // Written holding both mutexes, so either is enough to read it.
  std::int64_t last_seq_ = 0;
};

}  // namespace fd::app
