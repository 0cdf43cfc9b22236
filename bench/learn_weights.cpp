// learn_weights: learns the matcher's m/u table (src/match/weights.cpp, DefaultWeights) from a
// labelled TRAINING set: a synthetic county and query set made with a seed other than the
// benchmark's (match_bench uses seed 1; this refuses it), so the benchmark's queries are never
// trained on.
//
//   learn_weights [--people 200000] [--queries 40000] [--seed 2] [--random-pairs 20]
//                 [--on-register 0.5] [--out weights.json]
//
// For every query about a person on the register, the query against that person's record is a
// same-person comparison: m is the share of those at each level, field by field. For every query,
// `random-pairs` people drawn at random from the register give different-people comparisons: u is
// the share of those (how often two different people agree by chance, which is what the prior,
// on_register / people, assumes: a record drawn from the whole register). The other candidates a
// search returns (hard negatives: siblings, namesakes) are counted and reported beside it, for
// reading, not used for u: a u from them would describe the few records a search looks at, not
// the register the prior spreads over. Levels are those of match::Compare, the index's own path.
// Prints the table as C++ for DefaultWeights and writes it as JSON (match_bench --weights reads it).
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <iostream>
#include <random>
#include <string_view>

#include "bench_common.h"
#include "match/compare.h"
#include "match/index.h"

namespace fd::bench {
namespace {

// The reasoned table this tool replaced (docs/matching.md, "Where the numbers come from"): kept
// for the levels the training set cannot measure.
match::Weights ReasonedWeights() {
  match::Weights w;
  auto set = [&w](match::Field field, match::Level level, double m, double u) {
    w.At(field, level) = match::Probabilities{m, u};
  };
  using F = match::Field;
  using L = match::Level;
  set(F::kForename, L::kExact, 0.85, 0.006);
  set(F::kForename, L::kClose, 0.05, 0.004);
  set(F::kForename, L::kNickname, 0.04, 0.003);
  set(F::kForename, L::kOtherForename, 0.02, 0.002);
  set(F::kForename, L::kInitial, 0.01, 0.0015);
  set(F::kForename, L::kPhonetic, 0.02, 0.008);
  set(F::kForename, L::kDisagree, 0.01, 1.0 - 0.006 - 0.004 - 0.003 - 0.002 - 0.0015 - 0.008);
  set(F::kSurname, L::kExact, 0.88, 0.002);
  set(F::kSurname, L::kClose, 0.04, 0.002);
  set(F::kSurname, L::kInitial, 0.002, 0.0005);
  set(F::kSurname, L::kPhonetic, 0.02, 0.004);
  set(F::kSurname, L::kDisagree, 0.058, 1.0 - 0.002 - 0.002 - 0.0005 - 0.004);
  set(F::kDateOfBirth, L::kExact, 0.92, 0.00015);
  set(F::kDateOfBirth, L::kDayMonthSwapped, 0.01, 0.00005);
  set(F::kDateOfBirth, L::kYearOff, 0.01, 0.0003);
  set(F::kDateOfBirth, L::kOneDigit, 0.03, 0.0025);
  set(F::kDateOfBirth, L::kDisagree, 0.03, 1.0 - 0.00015 - 0.00005 - 0.0003 - 0.0025);
  set(F::kGender, L::kExact, 0.97, 0.5);
  set(F::kGender, L::kDisagree, 0.03, 0.5);
  set(F::kNhsNumber, L::kExact, 0.97, 1e-8);
  set(F::kNhsNumber, L::kDisagree, 0.03, 1.0 - 1e-8);
  set(F::kPostcode, L::kExact, 0.65, 0.0005);
  set(F::kPostcode, L::kSameDistrict, 0.15, 0.03);
  set(F::kPostcode, L::kDisagree, 0.20, 1.0 - 0.0005 - 0.03);
  w.on_register = match::kDefaultOnRegister;
  return w;
}

match::Person AsPerson(const match::PersonQuery& q) {
  match::Person p;
  p.forenames = q.forenames;
  p.surname = q.surname.value_or("");
  p.previous_surnames = q.previous_surnames;
  p.date_of_birth = q.date_of_birth;
  p.gender = q.gender;
  p.nhs_number = q.nhs_number;
  p.postcode = q.postcode;
  return p;
}

std::string_view EnumName(match::Field field) {
  switch (field) {
    case match::Field::kForename:
      return "kForename";
    case match::Field::kSurname:
      return "kSurname";
    case match::Field::kDateOfBirth:
      return "kDateOfBirth";
    case match::Field::kGender:
      return "kGender";
    case match::Field::kNhsNumber:
      return "kNhsNumber";
    case match::Field::kPostcode:
      return "kPostcode";
  }
  return "";
}

std::string_view EnumName(match::Level level) {
  switch (level) {
    case match::Level::kMissing:
      return "kMissing";
    case match::Level::kExact:
      return "kExact";
    case match::Level::kClose:
      return "kClose";
    case match::Level::kNickname:
      return "kNickname";
    case match::Level::kOtherForename:
      return "kOtherForename";
    case match::Level::kInitial:
      return "kInitial";
    case match::Level::kPhonetic:
      return "kPhonetic";
    case match::Level::kDayMonthSwapped:
      return "kDayMonthSwapped";
    case match::Level::kYearOff:
      return "kYearOff";
    case match::Level::kOneDigit:
      return "kOneDigit";
    case match::Level::kSameDistrict:
      return "kSameDistrict";
    case match::Level::kDisagree:
      return "kDisagree";
  }
  return "";
}

// Counts of each level among `pairs` (missing left out), for the report.
nlohmann::ordered_json Counts(const std::vector<match::LabelledComparison>& pairs,
                              const match::Weights& shape) {
  nlohmann::ordered_json j;
  for (std::size_t f = 0; f < match::kFieldCount; ++f) {
    const auto field = static_cast<match::Field>(f);
    nlohmann::ordered_json levels;
    for (std::size_t l = 0; l < match::kLevelCount; ++l) {
      const auto level = static_cast<match::Level>(l);
      if (!shape.Applies(field, level)) continue;
      std::size_t n = 0;
      for (const auto& p : pairs) n += p.levels[f] == level ? 1 : 0;
      levels[std::string(match::LevelName(level))] = n;
    }
    j[std::string(match::FieldName(field))] = levels;
  }
  return j;
}

int Run(const Args& args) {
  WorkloadOptions workload;
  workload.people = args.Int("people", 200000);
  workload.queries = static_cast<std::size_t>(args.Int("queries", 40000));
  workload.seed = static_cast<std::uint64_t>(args.Int("seed", 2));
  const auto random_pairs = static_cast<std::size_t>(args.Int("random-pairs", 20));
  const double on_register =
      std::stod(args.Text("on-register", fmt::format("{}", match::kDefaultOnRegister)));
  if (workload.seed == 1) {
    std::cerr << "seed 1 is the benchmark's (match_bench, pg_match): train on another seed\n";
    return 2;
  }

  // The people, by id (the generator numbers them 1, 2, 3, … in order), and the training queries.
  std::vector<match::Person> people;
  const std::vector<synth::LabelledQuery> labelled = Generate(workload, [&](const synth::Family& family) {
    for (LoadedPerson& p : PeopleOf(family)) people.push_back(std::move(p.person));
  });
  match::Index index(synth::ShippedNicknames());
  for (std::size_t i = 0; i < people.size(); ++i) {
    if (people[i].id != static_cast<match::PersonId>(i + 1)) {
      std::cerr << "people are not numbered 1, 2, 3, …\n";
      return 1;
    }
    if (!index.Add(people[i])) return 1;
  }
  std::cerr << fmt::format("{} people, {} training queries (seed {})\n", people.size(), labelled.size(),
                           workload.seed);

  const match::NicknameTable& nicknames = synth::ShippedNicknames();
  std::vector<match::LabelledComparison> same, random, hard;
  std::mt19937_64 rng(workload.seed * 7919 + 17);
  std::uniform_int_distribution<std::size_t> pick(0, people.size() - 1);
  for (const synth::LabelledQuery& q : labelled) {
    const match::PersonQuery query = synth::ToMatchQuery(q);
    const match::Person asked = AsPerson(query);
    if (q.person_id)
      same.push_back(
          {match::Compare(asked, people[static_cast<std::size_t>(*q.person_id - 1)], nicknames), true});
    for (std::size_t k = 0; k < random_pairs; ++k) {
      const match::Person& other = people[pick(rng)];
      if (q.person_id && other.id == *q.person_id) continue;
      random.push_back({match::Compare(asked, other, nicknames), false});
    }
    const auto found = index.Search(query, 10);
    if (!found) continue;
    for (const match::Candidate& c : *found) {
      if (q.person_id && c.id == *q.person_id) continue;
      match::FieldLevels levels{};
      for (const match::Reason& r : c.reasons) levels[match::Position(r.field)] = r.level;
      hard.push_back({levels, false});
    }
  }

  std::vector<match::LabelledComparison> pairs = same;
  pairs.insert(pairs.end(), random.begin(), random.end());
  match::Weights start = match::DefaultWeights();
  start.on_register = on_register;
  match::Weights learnt = match::EstimateWeights(pairs, start, 1.0);
  // A level the training pairs never show on one side keeps the reasoned value for that side
  // (DefaultWeights before learning; docs/matching.md says which and why): the query generator
  // makes no such error (an NHS number, gender or date of birth wholly wrong; a surname given as an
  // initial), or it is too rare to meet in random pairs (two people sharing an NHS number), so the
  // smoothed count would only say "never seen", not how rare. The field's other levels are scaled
  // to make room, so each side still sums to 1.
  const match::Weights reasoned = ReasonedWeights();
  nlohmann::ordered_json kept = nlohmann::ordered_json::array();
  for (std::size_t f = 0; f < match::kFieldCount; ++f) {
    const auto field = static_cast<match::Field>(f);
    for (const bool m_side : {true, false}) {
      const std::vector<match::LabelledComparison>& side = m_side ? same : random;
      double kept_sum = 0.0, learnt_sum = 0.0;
      std::vector<match::Level> unseen;
      for (std::size_t l = 0; l < match::kLevelCount; ++l) {
        const auto level = static_cast<match::Level>(l);
        if (!learnt.Applies(field, level)) continue;
        const bool seen =
            std::any_of(side.begin(), side.end(), [&](const auto& p) { return p.levels[f] == level; });
        const match::Probabilities& r = reasoned.At(field, level);
        if (seen) {
          learnt_sum += m_side ? learnt.At(field, level).m : learnt.At(field, level).u;
        } else {
          unseen.push_back(level);
          kept_sum += m_side ? r.m : r.u;
        }
      }
      if (unseen.empty()) continue;
      for (std::size_t l = 0; l < match::kLevelCount; ++l) {
        const auto level = static_cast<match::Level>(l);
        if (!learnt.Applies(field, level)) continue;
        double& value = m_side ? learnt.At(field, level).m : learnt.At(field, level).u;
        const bool is_unseen = std::find(unseen.begin(), unseen.end(), level) != unseen.end();
        if (is_unseen) {
          value = m_side ? reasoned.At(field, level).m : reasoned.At(field, level).u;
          kept.push_back({{"field", match::FieldName(field)},
                          {"level", match::LevelName(level)},
                          {"side", m_side ? "m" : "u"},
                          {"value", value}});
        } else {
          value *= (1.0 - kept_sum) / learnt_sum;
        }
      }
    }
  }
  if (const auto problem = match::CheckWeights(learnt)) {
    std::cerr << "learnt table fails CheckWeights: " << *problem << "\n";
    return 1;
  }

  std::cout << fmt::format("  // Learnt by `learn_weights {}`.\n",
                           args.CommandLine().substr(args.CommandLine().find(' ') + 1));
  for (std::size_t f = 0; f < match::kFieldCount; ++f) {
    const auto field = static_cast<match::Field>(f);
    for (std::size_t l = 0; l < match::kLevelCount; ++l) {
      const auto level = static_cast<match::Level>(l);
      if (!learnt.Applies(field, level)) continue;
      const match::Probabilities& p = learnt.At(field, level);
      // Values a hair under 1 (NHS number "different") are written as 1 minus the rest, so six
      // digits do not round them to 1, which CheckWeights refuses.
      auto text = [](double v) {
        return v > 0.999 ? fmt::format("1.0 - {:.6g}", 1.0 - v) : fmt::format("{:.6g}", v);
      };
      std::cout << fmt::format("  set(Field::{}, Level::{}, {}, {});  // {:+.1f} bits\n", EnumName(field),
                               EnumName(level), text(p.m), text(p.u),
                               match::MatchWeight(learnt, field, level));
    }
  }

  nlohmann::ordered_json out = WeightsJson(learnt);
  out["command"] = args.CommandLine();
  out["people"] = people.size();
  out["queries"] = labelled.size();
  out["seed"] = workload.seed;
  out["same_person_pairs"] = same.size();
  out["random_pairs"] = random.size();
  out["hard_negative_pairs"] = hard.size();
  out["kept_reasoned"] = kept;
  out["counts"] = {{"same_person", Counts(same, learnt)},
                   {"random", Counts(random, learnt)},
                   {"hard_negatives", Counts(hard, learnt)}};
  const std::string out_path = args.Text("out", "");
  if (!out_path.empty()) WriteJson(out_path, out);
  return 0;
}

}  // namespace
}  // namespace fd::bench

int main(int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "--help") {
    std::cout << R"(usage: learn_weights [--people 200000] [--queries 40000] [--seed 2] [--random-pairs 20]
                     [--on-register 0.5] [--out weights.json]
Learns the matcher's m/u table from a training county and query set (any seed but 1, the
benchmark's); prints it as the C++ of DefaultWeights and writes it as JSON for match_bench --weights.
)";
    return 0;
  }
  return fd::bench::Run(fd::bench::Args(argc, argv));
}
