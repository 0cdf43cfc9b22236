#include "match/index.h"

#include <fmt/format.h>

#include <algorithm>
#include <limits>
#include <optional>
#include <span>

#include "match/scorer.h"

namespace fd::match {

Index::Index(NicknameTable nicknames, Weights weights)
    : nicknames_(std::move(nicknames)), weights_(weights), log_weights_(LogWeights(weights_)) {}

double NameFrequencyWeight(const Probabilities& exact, std::uint32_t count, std::size_t people,
                           double floor) {
  const double u = (static_cast<double>(count) + kNameFrequencyPseudoPeople * exact.u) /
                   (static_cast<double>(people) + kNameFrequencyPseudoPeople);
  return std::max(floor, std::log2(exact.m / u));
}

double ProbabilityCeiling(const FieldLevels& levels) {
  // A shared sound code is not a variant the nickname list or a typing slip explains, and twins'
  // names often sound alike ("Amelia" and "Emily"): it counts as different here.
  const Level first_name = levels[Position(Field::kForename)];
  const bool different = first_name == Level::kDisagree || first_name == Level::kPhonetic;
  const bool same_nhs_number = levels[Position(Field::kNhsNumber)] == Level::kExact;
  return different && !same_nhs_number ? kDifferentFirstNameCeiling : 1.0;
}

void Index::CountNames(std::uint32_t slot, int delta) {
  const Record& record = records_[slot];
  auto count = [delta](std::vector<std::uint32_t>& counts, NameId id) {
    if (id == kNoName) return;
    if (counts.size() <= id) counts.resize(std::size_t{id} + 1, 0);
    counts[id] = static_cast<std::uint32_t>(static_cast<std::int64_t>(counts[id]) + delta);
  };
  count(forename_count_, record.forename);
  RecordNames names = NamesOf(record, extra_names_[slot]);
  std::sort(names.surnames.begin(), names.surnames.end());
  names.surnames.erase(std::unique(names.surnames.begin(), names.surnames.end()), names.surnames.end());
  for (NameId id : names.surnames) count(surname_count_, id);
}

WeightTable Index::SearchWeights(const PreparedQuery& query) const {
  WeightTable table = log_weights_;
  auto adjust = [&](Field field, const std::vector<std::uint32_t>& counts, std::span<const QueryName> names) {
    // Of the query's names in this role, the commonest: exact agreement may be on any of them.
    std::optional<std::uint32_t> count;
    for (const QueryName& name : names) {
      if (!name.id) continue;
      const std::uint32_t c = *name.id < counts.size() ? counts[*name.id] : 0;
      count = std::max(count.value_or(0), c);
    }
    if (!count) return;  // no name the register holds: exact agreement cannot happen
    auto& row = table[Position(field)];
    double floor = -std::numeric_limits<double>::infinity();
    for (std::size_t l = 0; l < kLevelCount; ++l) {
      const auto level = static_cast<Level>(l);
      if (level != Level::kExact && weights_.Applies(field, level)) floor = std::max(floor, row[l]);
    }
    row[Position(Level::kExact)] =
        NameFrequencyWeight(weights_.At(field, Level::kExact), *count, size(), floor);
  };
  if (!query.forenames.empty())
    adjust(Field::kForename, forename_count_, std::span(query.forenames).first(1));
  adjust(Field::kSurname, surname_count_, query.surnames);
  return table;
}

std::expected<WeightTable, MatchError> Index::WeightsFor(const PersonQuery& query) const {
  auto prepared = PrepareQuery(query, names_);
  if (!prepared) return std::unexpected(prepared.error());
  return SearchWeights(*prepared);
}

void Index::File(std::uint32_t slot) {
  CountNames(slot, +1);
  for (BlockingKey key : RecordKeys(records_[slot], extra_names_[slot], names_)) {
    if (IsNameKey(key))
      name_blocks_[key].push_back(PostingFor(slot, records_[slot]));
    else
      id_blocks_[key].Add(slot);
  }
}

void Index::Unfile(std::uint32_t slot) {
  CountNames(slot, -1);
  // Recomputed from the stored record, which holds everything the keys were made from.
  for (BlockingKey key : RecordKeys(records_[slot], extra_names_[slot], names_)) {
    if (IsNameKey(key)) {
      std::vector<Posting>* block = name_blocks_.Find(key);
      if (block == nullptr) continue;
      auto it =
          std::find_if(block->begin(), block->end(), [slot](const Posting& p) { return p.slot == slot; });
      if (it != block->end()) {
        *it = block->back();
        block->pop_back();
      }
      if (block->empty()) name_blocks_.Erase(key);
    } else {
      IdList* block = id_blocks_.Find(key);
      if (block == nullptr) continue;
      block->Remove(slot);
      if (block->empty()) id_blocks_.Erase(key);
    }
  }
}

std::expected<void, MatchError> Index::Add(const Person& person) {
  if (Contains(person.id)) {
    return std::unexpected(MatchError::DuplicateId(fmt::format("person {} is already indexed", person.id)));
  }
  auto stored = PrepareRecord(person, names_);
  if (!stored) return std::unexpected(stored.error());
  std::uint32_t slot = 0;
  if (!free_slots_.empty()) {
    slot = free_slots_.back();
    free_slots_.pop_back();
  } else {
    slot = static_cast<std::uint32_t>(records_.size());
    records_.emplace_back();
    ids_.emplace_back();
    extra_names_.emplace_back();
  }
  records_[slot] = stored->record;
  ids_[slot] = stored->id;
  extra_names_[slot] = std::move(stored->extra_names);
  slot_of_[Key(person.id)] = slot;
  File(slot);
  return {};
}

std::expected<void, MatchError> Index::Update(const Person& person) {
  const std::uint32_t* slot = slot_of_.Find(Key(person.id));
  if (slot == nullptr) {
    return std::unexpected(MatchError::UnknownId(fmt::format("person {} is not indexed", person.id)));
  }
  // Prepared before anything changes, so a malformed update leaves the old entry searchable.
  auto stored = PrepareRecord(person, names_);
  if (!stored) return std::unexpected(stored.error());
  Unfile(*slot);
  records_[*slot] = stored->record;
  extra_names_[*slot] = std::move(stored->extra_names);
  File(*slot);
  return {};
}

std::expected<void, MatchError> Index::Remove(PersonId id) {
  const std::uint32_t* found = slot_of_.Find(Key(id));
  if (found == nullptr)
    return std::unexpected(MatchError::UnknownId(fmt::format("person {} is not indexed", id)));
  const std::uint32_t slot = *found;
  Unfile(slot);
  records_[slot] = Record{};
  ids_[slot] = 0;
  extra_names_[slot] = {};
  free_slots_.push_back(slot);
  slot_of_.Erase(Key(id));
  return {};
}

std::expected<std::vector<Candidate>, MatchError> Index::Search(const PersonQuery& query, std::size_t limit,
                                                                double min_probability) const {
  auto prepared = PrepareQuery(query, names_);
  if (!prepared) return std::unexpected(prepared.error());
  std::vector<Candidate> results;
  if (limit == 0) return results;
  const std::vector<BlockingKey> keys = QueryKeys(*prepared);
  if (keys.empty()) return results;

  const WeightTable weights = SearchWeights(*prepared);
  Scorer scorer(*prepared, RecordView{records_, extra_names_}, names_, nicknames_, weights);
  struct Scored {
    double weight;
    std::uint32_t slot;
  };
  // Best first; equal weights by person id, so results do not depend on slot order.
  auto better = [this](const Scored& a, const Scored& b) {
    return a.weight != b.weight ? a.weight > b.weight : ids_[a.slot] < ids_[b.slot];
  };
  // The least weight that could reach min_probability (-inf when 0), a candidate alone in the
  // results having the highest probability its weight allows (see Probabilities below): the bar
  // never drops below it.
  const double prior = Prior();
  const double not_on_register = 1.0 - weights_.on_register;
  auto least_weight = [&](double probability) {
    return probability > 0.0 ? std::log2(probability) - std::log2(1.0 - probability) +
                                   std::log2(std::max(not_on_register, 1e-300)) - std::log2(prior)
                             : -std::numeric_limits<double>::infinity();
  };
  // Candidates too weak to matter to anyone's probability are left out of the sharing, so a search
  // asking for fewer (min_probability) gives the same probabilities as one asking for all.
  const double counted = least_weight(kNegligible);
  const double floor = least_weight(std::min(min_probability, kNegligible));
  // The probabilities share the chance among the best candidates, so at least kContenders are
  // kept whatever `limit` asks for.
  const std::size_t keep = std::max(limit, kContenders);
  // A heap of the best `keep` so far, worst on top.
  std::vector<Scored> best;
  best.reserve(keep < 1024 ? keep : 1024);
  // Scores a batch of slots. Records are scattered over memory; asking for a few ahead lets
  // their reads overlap.
  auto score = [&](const std::vector<std::uint32_t>& batch) {
    constexpr std::size_t kAhead = 8;
    for (std::size_t i = 0; i < batch.size(); ++i) {
      if (i + kAhead < batch.size()) scorer.Prefetch(batch[i + kAhead]);
      const Scored scored{scorer.Weigh(scorer.Compare(batch[i])), batch[i]};
      if (scored.weight < floor) continue;
      if (best.size() < keep) {
        best.push_back(scored);
        std::push_heap(best.begin(), best.end(), better);
      } else if (better(scored, best.front())) {
        std::pop_heap(best.begin(), best.end(), better);
        best.back() = scored;
        std::push_heap(best.begin(), best.end(), better);
      }
    }
  };

  // Each slot is considered once, where first met: one bit per slot marks it seen.
  std::vector<std::uint64_t> seen((records_.size() + 63) / 64, 0);
  auto first_time = [&seen](std::uint32_t slot) {
    std::uint64_t& word = seen[slot / 64];
    const std::uint64_t bit = std::uint64_t{1} << (slot % 64);
    if (word & bit) return false;
    word |= bit;
    return true;
  };
  std::vector<std::uint32_t> batch;

  // The small blocks first (NHS number, postcode, dates), every member scored: they hold the
  // likeliest matches, which set a high bar early, and after them a person met in a name block
  // is known to agree on neither NHS number nor postcode (see Scorer::UpperBound).
  std::vector<const std::vector<Posting>*> name_blocks;
  for (BlockingKey key : keys) {
    if (IsNameKey(key)) {
      if (const auto* block = name_blocks_.Find(key)) name_blocks.push_back(block);
      continue;
    }
    const IdList* block = id_blocks_.Find(key);
    if (block == nullptr) continue;
    for (std::uint32_t slot : block->Ids()) {
      if (first_time(slot)) batch.push_back(slot);
    }
  }
  score(batch);

  // Name blocks, smallest first, read front to back: a person whose score cannot reach the
  // current last place is skipped without reading their record. Equal to scoring everyone (the
  // bound never undershoots), at a fraction of the memory traffic. The margin absorbs rounding
  // between the bound's sum and the score's.
  std::sort(name_blocks.begin(), name_blocks.end(),
            [](const auto* a, const auto* b) { return a->size() < b->size(); });
  constexpr double kMargin = 1e-9;
  constexpr std::size_t kChunk = 256;  // postings between refreshes of the bar
  for (const std::vector<Posting>* block : name_blocks) {
    for (std::size_t start = 0; start < block->size(); start += kChunk) {
      const double bar = std::max(floor, best.size() < keep ? -std::numeric_limits<double>::infinity()
                                                            : best.front().weight) -
                         kMargin;
      batch.clear();
      const std::size_t end = std::min(block->size(), start + kChunk);
      for (std::size_t i = start; i < end; ++i) {
        const Posting& posting = (*block)[i];
        if (!first_time(posting.slot)) continue;
        if (scorer.UpperBound(posting, bar) < bar) continue;
        batch.push_back(posting.slot);
      }
      score(batch);
    }
  }
  std::sort_heap(best.begin(), best.end(), better);

  // Probabilities. At most one record is the person searched for: either none is (chance
  // 1 - on_register before comparing) or record j is (chance `prior` each). Comparing multiplies
  // record j's chance by 2^weight (its likelihood ratio against "none"), so
  //   P(record j) = prior 2^w_j / ((1 - on_register) + sum over records k of prior 2^w_k).
  // The sum is taken over the candidates kept that could reach kNegligible on their own:
  // everyone else weighs less, most far less. So two equally good candidates share the chance,
  // and a brother or sister ranked below the child counts for little while the child is on the
  // register.
  double total = not_on_register;
  for (const Scored& s : best) total += s.weight >= counted ? prior * std::exp2(s.weight) : 0.0;
  const std::size_t shown = std::min(limit, best.size());
  results.reserve(shown);
  for (std::size_t k = 0; k < shown; ++k) {
    const Scored& s = best[k];
    const double shared = std::min(1.0, prior * std::exp2(s.weight) / total);
    std::vector<Reason> reasons = scorer.Explain(s.slot);
    FieldLevels levels{};
    for (const Reason& reason : reasons) levels[Position(reason.field)] = reason.level;
    // Capped after sharing, not before: the twin's weight still counts against the other candidates
    // (one of them may be the child), and what the cap takes away goes to "not on the register",
    // where a twin not yet recorded belongs. Probabilities still fall down the list (min_probability
    // below relies on it): a candidate ranked below a capped one (which had over half the
    // chance) has under half, below the ceiling.
    const double probability = std::min(shared, ProbabilityCeiling(levels));
    results.push_back(Candidate{ids_[s.slot], s.weight, probability, std::move(reasons)});
  }
  while (!results.empty() && results.back().probability < min_probability) results.pop_back();
  return results;
}

IndexStats Index::Stats() const {
  IndexStats stats;
  stats.people = size();
  stats.distinct_names = names_.size();
  stats.blocking_keys = id_blocks_.size() + name_blocks_.size();
  std::size_t bytes = records_.capacity() * sizeof(Record) + ids_.capacity() * sizeof(PersonId) +
                      extra_names_.capacity() * sizeof(std::vector<NameId>) +
                      free_slots_.capacity() * sizeof(std::uint32_t);
  for (const std::vector<NameId>& extra : extra_names_) bytes += extra.capacity() * sizeof(NameId);
  bytes += slot_of_.TableBytes() + id_blocks_.TableBytes() + name_blocks_.TableBytes();
  id_blocks_.ForEach([&bytes](std::uint64_t, const IdList& block) { bytes += block.HeapBytes(); });
  name_blocks_.ForEach([&bytes](std::uint64_t, const std::vector<Posting>& block) {
    bytes += block.capacity() * sizeof(Posting);
  });
  bytes += names_.ApproxBytes();
  bytes += (forename_count_.capacity() + surname_count_.capacity()) * sizeof(std::uint32_t);
  stats.approx_bytes = bytes;
  return stats;
}

}  // namespace fd::match
