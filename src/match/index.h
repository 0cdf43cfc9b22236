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
  // or postcode finds nobody. Every candidate found with a probability of at least
  // `min_probability` is returned up to `limit`; with the default 0, every one however weak. The
  // caller chooses its thresholds on `probability`; telling the search the lowest it will show
  // lets it skip, unread, the many people of a large name block who cannot reach it (the same
  // answer as filtering afterwards, faster). Fails with kInvalid for a malformed NHS number,
  // postcode or date in the query.
  [[nodiscard]] std::expected<std::vector<Candidate>, MatchError> Search(const PersonQuery& query,
                                                                         std::size_t limit,
                                                                         double min_probability = 0.0) const;

  // The weights a search for `query` scores with: the table's, with exact agreement on the
  // query's forename and surname weighed by how common they are here (NameFrequencyWeight).
  // For tests and explanations; kInvalid as Search.
  [[nodiscard]] std::expected<WeightTable, MatchError> WeightsFor(const PersonQuery& query) const;

  bool Contains(PersonId id) const { return slot_of_.Find(Key(id)) != nullptr; }
  std::size_t size() const { return slot_of_.size(); }
  // P(one given indexed person is the one searched for), before comparing: the table's
  // on_register share over the people indexed now (PriorFor). Searches turn weights into
  // probabilities with it, so the probabilities follow the register's size.
  double Prior() const { return PriorFor(weights_.on_register, size()); }
  IndexStats Stats() const;

 private:
  static std::uint64_t Key(PersonId id) { return static_cast<std::uint64_t>(id); }
  void File(std::uint32_t slot);
  void Unfile(std::uint32_t slot);
  void CountNames(std::uint32_t slot, int delta);
  // The weights for one search: the table's, with exact agreement on a name weighed by how common
  // that name is on the register (see NameFrequencyWeight).
  WeightTable SearchWeights(const PreparedQuery& query) const;

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
  // By pool name id: how many people have it as their first forename, and among their surnames
  // (current, parts, previous). Exact agreement on a rare name is stronger evidence than on a
  // common one.
  std::vector<std::uint32_t> forename_count_;
  std::vector<std::uint32_t> surname_count_;
};

// However few candidates a search returns, it keeps at least this many to share the probability
// among (see Index::Search).
inline constexpr std::size_t kContenders = 10;
// A candidate whose probability alone would be under this is left out of the sharing: it changes
// the others' probabilities by less than it (relatively), and a search asking only for likelier
// candidates need not find it. Lower would make every search look further into the large name
// blocks (at a million people, a "Smith" with another date of birth and a near miss of a first
// name is just under it) for a difference of under half a percent.
inline constexpr double kNegligible = 0.005;

// Twins share a surname, a date of birth, an address and often a gender. Weighing fields as if
// independent, Fellegi–Sunter counts those agreements as if strangers shared them by chance, and
// they outweigh first names that plainly differ: "Olivia" searched against her twin "Amelia"
// scores about +31 bits, near certainty on any register. So a candidate whose first name differs
// (not a slip of spelling, a nickname, a middle name or an initial) is never given better than
// even odds: worth checking with the caller, never taken for the child. An NHS number agreeing
// lifts the ceiling: twins never share one.
inline constexpr double kDifferentFirstNameCeiling = 0.5;

// The most probability a candidate compared at `levels` may be given: kDifferentFirstNameCeiling
// when the first names differ (or only sound alike) and the NHS numbers do not agree, else 1.
double ProbabilityCeiling(const FieldLevels& levels);

// The weight (bits) of exact agreement on a name held by `count` of `people` indexed: log2(m / u)
// with u the name's share of the register, shrunk towards the table's average u as if
// kNameFrequencyPseudoPeople more people had been seen with average names, so a small register
// (a demo, a test) weighs names much as the table does. Never below `floor` (the field's next
// best level), so agreeing exactly never counts for less than a near miss.
inline constexpr double kNameFrequencyPseudoPeople = 10000.0;
double NameFrequencyWeight(const Probabilities& exact, std::uint32_t count, std::size_t people, double floor);

}  // namespace fd::match
