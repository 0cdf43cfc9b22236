// What the people-matching benchmarks share: the workload (the synthetic population of src/synth/
// and its labelled queries), accuracy on the labelled set, timing summaries, the machine, and the
// JSON results file bench_report turns into docs/benchmarks.md.
#pragma once

#include <nlohmann/json.hpp>

#include <cstdint>
#include <functional>
#include <optional>
#include <string>
#include <vector>

#include "match/person.h"
#include "match/weights.h"
#include "synth/population.h"
#include "synth/queries.h"

namespace fd::bench {

struct WorkloadOptions {
  std::int64_t people = 1000000;
  std::size_t queries = 5000;
  std::uint64_t seed = 1;
};

// The population's date: fixed, so runs on different days give the same population.
synth::PopulationOptions PopulationOf(const WorkloadOptions& options);
// Streams the population family by family to `each` (may be empty) and returns the labelled queries.
std::vector<synth::LabelledQuery> Generate(const WorkloadOptions& options,
                                           const std::function<void(const synth::Family&)>& each);
// Streams the population without making queries.
void ForEachFamily(const WorkloadOptions& options, const std::function<void(const synth::Family&)>& each);
// The people of one family as the matcher and pg_match load them (synth::ToMatchPerson), with the
// generator's person beside each for the fields the matcher does not keep.
struct LoadedPerson {
  const synth::SynthPerson& synth;
  match::Person person;
};
std::vector<LoadedPerson> PeopleOf(const synth::Family& family);

// A weights table as JSON ({"on_register": s, "table": {field: {level: {"m", "u", "bits"}}}}),
// and back; ReadWeightsJson exits with a message on a file that is not one or fails CheckWeights.
nlohmann::ordered_json WeightsJson(const match::Weights& weights);
match::Weights ReadWeightsJson(const std::string& path);

// What a system answered for one query: its best candidate and that candidate's score (higher is
// more confident), and where the true person ranked (nullopt: not in the list).
struct Answer {
  std::optional<std::int64_t> top_id;
  double top_score = 0.0;
  std::optional<std::size_t> truth_rank;  // 0 = first
  std::size_t candidates = 0;
};

// Precision and recall when a system declares its best candidate to be the person whenever that
// candidate scores at least `threshold`. A declaration is right when the candidate is the true
// person; recall counts right declarations among queries whose person is on the register.
struct Point {
  double threshold = 0.0;
  double precision = 1.0;  // 1 when nothing is declared
  double recall = 0.0;
  std::size_t declared = 0;
  std::size_t right = 0;
};
Point Evaluate(const std::vector<synth::LabelledQuery>& queries, const std::vector<Answer>& answers, double threshold);
// The precision–recall curve over every distinct top score (thinned to at most `points` points).
std::vector<Point> Curve(const std::vector<synth::LabelledQuery>& queries, const std::vector<Answer>& answers,
                         std::size_t points = 400);
// The point of highest recall whose precision is at least `precision`; threshold +inf (nothing
// declared) when none reaches it.
Point BestAtPrecision(const std::vector<Point>& curve, double precision);
void WriteCurveCsv(const std::string& path, const std::vector<Point>& curve);

// Accuracy as JSON: chosen thresholds, the best point at precision 0.95, top-1 and top-10 rank
// recall, and recall by error tag at `threshold`.
nlohmann::ordered_json AccuracyJson(const std::vector<synth::LabelledQuery>& queries,
                                    const std::vector<Answer>& answers, const std::vector<double>& thresholds,
                                    double by_error_threshold);

// Latency percentiles of the queries with each error tag (and "(no error)"), from one pass's
// per-query timings in query order: which kinds of query are slow.
nlohmann::ordered_json LatencyByErrorJson(const std::vector<synth::LabelledQuery>& queries,
                                          const std::vector<double>& micros);

// Summaries of timings in microseconds.
nlohmann::ordered_json LatencyJson(std::vector<double> micros);
double Percentile(const std::vector<double>& sorted, double p);

// The machine: CPU model (from /proc/cpuinfo), cores (nproc), memory, and the time of the run (UTC).
nlohmann::ordered_json MachineJson();
std::size_t ResidentBytes();
// CPU time of the calling thread, in microseconds.
double ThreadMicros();

// Command-line options of the form --name value, with defaults; exits with a message on a bad one.
class Args {
 public:
  Args(int argc, char** argv);
  std::string Text(const std::string& name, const std::string& fallback) const;
  std::int64_t Int(const std::string& name, std::int64_t fallback) const;
  std::string CommandLine() const { return command_line_; }

 private:
  std::vector<std::pair<std::string, std::string>> values_;
  std::string command_line_;
};

void WriteJson(const std::string& path, const nlohmann::ordered_json& json);

}  // namespace fd::bench
