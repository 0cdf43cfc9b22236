// Scores the candidates of one search. Made per search, so its memory of name comparisons
// belongs to that search alone and concurrent searches share nothing mutable.
#pragma once

#include <cstdint>
#include <span>
#include <vector>

#include "match/blocking.h"
#include "match/candidate.h"
#include "match/levels.h"
#include "match/name_pool.h"
#include "match/nicknames.h"
#include "match/record.h"
#include "match/weights.h"

namespace fd::match {

// The people a scorer reads, by slot: hot records and, apart, their extra names.
struct RecordView {
  std::span<const Record> records;
  std::span<const std::vector<NameId>> extra_names;
};

class Scorer {
 public:
  // All must outlive the scorer.
  Scorer(const PreparedQuery& query, RecordView people, const NamePool& pool, const NicknameTable& nicknames,
         const WeightTable& weights);

  // Asks the processor to start loading a slot's record: a search knows its candidates before it
  // scores them, so the memory reads of several candidates can overlap.
  void Prefetch(std::uint32_t slot) const {
    const char* at = reinterpret_cast<const char*>(&people_.records[slot]);
    __builtin_prefetch(at);
    __builtin_prefetch(at + sizeof(Record) - 1);
  }

  // The level each field reaches for the person in `slot`. Each distinct name is compared with
  // the query once; later candidates with that name reuse the result.
  FieldLevels Compare(std::uint32_t slot);

  // The most the person a posting summarises could weigh, for a person met first in a name block:
  // one not in the query's NHS-number or postcode blocks, so neither can agree exactly. Never
  // less than Weigh(Compare(slot)); usually equal, as the posting holds the first and middle
  // forenames, the whole surname and the date of birth: only a second middle name, surname parts
  // and previous surnames are unknown, and assumed to agree. Once the bound is sure to fall
  // below `bar`, the names are not compared and a looser bound (still below `bar`) comes back.
  double UpperBound(const Posting& posting, double bar);

  // The match weight (bits) of a comparison: the sum of its levels' weights.
  double Weigh(const FieldLevels& levels) const;

  // The levels again, with the weight and a sentence for each field.
  std::vector<Reason> Explain(std::uint32_t slot);

 private:
  static constexpr std::uint8_t kNotCompared = 0xFF;

  Level ForenameLevel(std::uint32_t slot, const Record& record);
  Level SurnameLevel(std::uint32_t slot, const Record& record);
  Level FirstForenameAgainst(NameId id);
  Level SurnameAgainst(NameId id);
  bool MiddleNameAgrees(std::uint32_t slot, const Record& record) const;
  bool MiddleNameMayAgree(const Posting& posting) const;
  // Of two levels, the one with the greater weight for `field`.
  Level Better(Field field, Level a, Level b) const;

  std::string ForenameDetail(const RecordNames& names, Level level) const;
  std::string SurnameDetail(const RecordNames& names, Level level) const;

  const PreparedQuery& query_;
  RecordView people_;
  const NamePool& pool_;
  const NicknameTable& nicknames_;
  const WeightTable& weights_;
  // Per pool name id: the level reached against the query's first forename / its best surname.
  // Sized lazily to the pool: a search compares a good share of its names, and a flat array
  // answers in one read where a hash map would take several.
  std::vector<std::uint8_t> forename_memo_;
  // Pool ids of the names the nickname list pairs with the query's first forename, sorted.
  std::vector<NameId> nickname_ids_;
  std::vector<std::uint8_t> surname_memo_;
  // The most a forename / a surname can add at a level other than exact (0 at least: missing).
  double inexact_forename_ = 0.0;
  double inexact_surname_ = 0.0;
};

}  // namespace fd::match
