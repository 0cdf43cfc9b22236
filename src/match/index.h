// The "is this child known?" index: every person the front door holds, kept in memory and
// searched by fuzzy match. The caller (app/) feeds it: Add when a person is first recorded,
// Update on every change to their identifying details, Remove when a record is deleted or
// merged. match/ never reads the store, so the index is rebuilt from the store at start-up.
//
// Thread safety: Search is const and may run on many threads at once; Add, Update and Remove
// need exclusive access (the caller holds a shared_mutex: shared for Search, unique for writes).
#pragma once

#include <cstddef>
#include <cstdint>
#include <expected>
#include <vector>

#include "match/blocking.h"
#include "match/candidate.h"
#include "match/id_list.h"
#include "match/match_error.h"
#include "match/name_pool.h"
#include "match/nicknames.h"
#include "match/person.h"
#include "match/record.h"
#include "match/u64_map.h"
#include "match/weights.h"

namespace fd::match {

// Sizes, for monitoring and the benchmark.
struct IndexStats {
  std::size_t people = 0;
  std::size_t distinct_names = 0;
  std::size_t blocking_keys = 0;
  std::size_t approx_bytes = 0;  // what the index's containers hold, from their capacities
};

class Index {
 public:
  // `weights` should pass CheckWeights (DefaultWeights does); a bad table gives bad scores, not
  // undefined behaviour.
  explicit Index(NicknameTable nicknames = {}, Weights weights = DefaultWeights());

  // Indexes a new person. Fails with kDuplicateId when the id is already indexed, or kInvalid
  // (naming the field) for a malformed NHS number, postcode or date; the index is unchanged then.
  [[nodiscard]] std::expected<void, MatchError> Add(const Person& person);

  // Replaces what is indexed for person.id. Fails with kUnknownId when the id is not indexed, or
  // kInvalid as Add; on failure the old entry stays as it was.
  [[nodiscard]] std::expected<void, MatchError> Update(const Person& person);

  // Forgets a person. Fails with kUnknownId when the id is not indexed.
  [[nodiscard]] std::expected<void, MatchError> Remove(PersonId id);

  // Up to `limit` people most likely to be the one described, best first (ties by id), each with
  // a match weight, a probability and a reason per field. Only people sharing a blocking key with
  // the query are considered (see blocking.h), so a query with no name, date of birth, NHS number
  // or postcode finds nobody. Every candidate found is returned up to `limit`, however weak:
  // the caller chooses its thresholds on `probability`. Fails with kInvalid for a malformed NHS
  // number, postcode or date in the query.
  [[nodiscard]] std::expected<std::vector<Candidate>, MatchError> Search(const PersonQuery& query,
                                                                         std::size_t limit) const;

  bool Contains(PersonId id) const { return slot_of_.Find(Key(id)) != nullptr; }
  std::size_t size() const { return slot_of_.size(); }
  IndexStats Stats() const;

 private:
  static std::uint64_t Key(PersonId id) { return static_cast<std::uint64_t>(id); }
  void File(std::uint32_t slot);
  void Unfile(std::uint32_t slot);

  NicknameTable nicknames_;
  Weights weights_;
  WeightTable log_weights_;
  NamePool names_;
  // By slot. Apart, so a search's scoring loop reads only the 40-byte records.
  std::vector<Record> records_;
  std::vector<PersonId> ids_;
  std::vector<std::vector<NameId>> extra_names_;
  std::vector<std::uint32_t> free_slots_;     // slots of removed people, reused first
  U64Map<std::uint32_t> slot_of_;             // person id → slot
  U64Map<IdList> id_blocks_;                  // date, NHS-number and postcode keys → slots
  U64Map<std::vector<Posting>> name_blocks_;  // name-sound keys → postings
};

}  // namespace fd::match
