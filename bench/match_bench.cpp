// match_bench: the in-memory matcher (src/match/) on a synthetic county (src/synth/): index build
// time and memory per person, single-query latency on one core, queries per second on all cores,
// and accuracy on the labelled query set. Not a test: `make bench-match` runs it (and pg_match, the
// same workload in PostgreSQL) and writes docs/benchmarks.md.
//
//   match_bench [--people 1000000] [--queries 5000] [--seed 1] [--passes 3] [--threads N]
//               [--weights weights.json] [--out results.json] [--curve curve.csv]
//
// --weights: a table written by learn_weights, instead of match::DefaultWeights.
// Searches ask, as the service does (app/person_search.cpp), only for candidates in the "possible"
// band or above (probability >= app::kPossibleMatch); --all-candidates 1 asks for every candidate
// however weak, as before November 2026.
//
// The queries are made in a first pass over the population and the index is built in a second,
// so the memory measured is the index's, not the generator's.
#include <fmt/format.h>
#include <sched.h>

#include <atomic>
#include <chrono>
#include <iostream>
#include <string_view>
#include <limits>
#include <thread>

#include "app/match_bands.h"
#include "bench_common.h"
#include "match/index.h"

namespace fd::bench {
namespace {

using Clock = std::chrono::steady_clock;

double Seconds(Clock::time_point since) { return std::chrono::duration<double>(Clock::now() - since).count(); }

// Pins the calling thread to one core, so "one core" latency is not spread over two.
void PinToCore(int core) {
  cpu_set_t set;
  CPU_ZERO(&set);
  CPU_SET(core, &set);
  sched_setaffinity(0, sizeof set, &set);
}

void Unpin() {
  cpu_set_t set;
  CPU_ZERO(&set);
  for (unsigned c = 0; c < std::thread::hardware_concurrency(); ++c) CPU_SET(c, &set);
  sched_setaffinity(0, sizeof set, &set);
}

int Run(const Args& args) {
  WorkloadOptions workload;
  workload.people = args.Int("people", 1000000);
  workload.queries = static_cast<std::size_t>(args.Int("queries", 5000));
  workload.seed = static_cast<std::uint64_t>(args.Int("seed", 1));
  const int passes = static_cast<int>(args.Int("passes", 3));
  const int threads = static_cast<int>(args.Int("threads", std::thread::hardware_concurrency()));
  const std::size_t limit = 10;
  const double min_probability = args.Int("all-candidates", 0) != 0 ? 0.0 : app::kPossibleMatch;
  nlohmann::ordered_json out;
  out["system"] = "frontdoor match (in-memory index)";
  out["command"] = args.CommandLine();
  out["machine"] = MachineJson();
  out["people"] = workload.people;
  out["seed"] = workload.seed;

  auto start = Clock::now();
  const std::vector<synth::LabelledQuery> labelled = Generate(workload, nullptr);
  std::cerr << fmt::format("{} labelled queries made in {:.1f} s\n", labelled.size(), Seconds(start));

  const std::string weights_path = args.Text("weights", "");
  const match::Weights weights = weights_path.empty() ? match::DefaultWeights() : ReadWeightsJson(weights_path);
  out["weights"] = weights_path.empty() ? std::string("DefaultWeights") : weights_path;
  match::Index index(synth::ShippedNicknames(), weights);
  std::vector<match::Person> first_people;  // for timing updates
  const std::size_t rss_before = ResidentBytes();
  double add_seconds = 0;
  start = Clock::now();
  ForEachFamily(workload, [&](const synth::Family& family) {
    const std::vector<LoadedPerson> people = PeopleOf(family);
    const auto t = Clock::now();
    for (const LoadedPerson& p : people)
      if (auto added = index.Add(p.person); !added) {
        std::cerr << fmt::format("person {}: {}\n", p.person.id, added.error().message);
        std::exit(1);
      }
    add_seconds += Seconds(t);
    for (const LoadedPerson& p : people)
      if (first_people.size() < 20000) first_people.push_back(p.person);
  });
  const double build_wall = Seconds(start);
  const std::size_t rss_after = ResidentBytes();
  const match::IndexStats stats = index.Stats();
  const double n = static_cast<double>(stats.people);
  out["index"] = {{"people", stats.people},
                  {"distinct_names", stats.distinct_names},
                  {"blocking_keys", stats.blocking_keys},
                  {"build_seconds", add_seconds},
                  {"build_seconds_with_generation", build_wall},
                  {"bytes_per_person_containers", static_cast<double>(stats.approx_bytes) / n},
                  {"bytes_per_person_rss", static_cast<double>(rss_after - rss_before) / n}};
  std::cerr << fmt::format("indexed {} people in {:.1f} s ({:.1f} s with generation); {:.0f} bytes/person "
                           "(containers), {:.0f} bytes/person (resident set)\n",
                           stats.people, add_seconds, build_wall, static_cast<double>(stats.approx_bytes) / n,
                           static_cast<double>(rss_after - rss_before) / n);

  std::vector<match::PersonQuery> queries;
  for (const auto& q : labelled) queries.push_back(synth::ToMatchQuery(q));

  // Latency on one core: each query alone, wall and thread CPU time, several passes.
  PinToCore(0);
  for (std::size_t k = 0; k < std::min<std::size_t>(500, queries.size()); ++k) (void)index.Search(queries[k], limit, min_probability);
  std::vector<Answer> answers(queries.size());
  nlohmann::ordered_json latency = nlohmann::ordered_json::array();
  for (int pass = 0; pass < passes; ++pass) {
    std::vector<double> wall, cpu;
    wall.reserve(queries.size());
    cpu.reserve(queries.size());
    for (std::size_t k = 0; k < queries.size(); ++k) {
      const double cpu_start = ThreadMicros();
      const auto t = Clock::now();
      const auto found = index.Search(queries[k], limit, min_probability);
      wall.push_back(std::chrono::duration<double, std::micro>(Clock::now() - t).count());
      cpu.push_back(ThreadMicros() - cpu_start);
      if (pass != 0 || !found) continue;
      Answer& a = answers[k];
      a.candidates = found->size();
      if (!found->empty()) {
        a.top_id = found->front().id;
        a.top_score = found->front().probability;
      }
      for (std::size_t r = 0; r < found->size(); ++r)
        if (labelled[k].person_id && (*found)[r].id == *labelled[k].person_id) a.truth_rank = r;
    }
    if (pass == 0) out["latency_by_error_thread_cpu"] = LatencyByErrorJson(labelled, cpu);
    latency.push_back({{"wall", LatencyJson(wall)}, {"thread_cpu", LatencyJson(cpu)}});
    std::cerr << fmt::format("pass {}: p50 {:.0f} µs, p99 {:.0f} µs (wall)\n", pass + 1, latency.back()["wall"]["p50_us"].get<double>(),
                             latency.back()["wall"]["p99_us"].get<double>());
  }
  Unpin();
  out["latency_one_core"] = latency;

  // Throughput on all cores: `threads` threads searching the whole set, each from its own offset.
  const int rounds = 2;
  std::atomic<std::size_t> done{0};
  start = Clock::now();
  std::vector<std::thread> workers;
  for (int t = 0; t < threads; ++t)
    workers.emplace_back([&, t] {
      const std::size_t offset = queries.size() * static_cast<std::size_t>(t) / static_cast<std::size_t>(threads);
      for (int r = 0; r < rounds; ++r)
        for (std::size_t k = 0; k < queries.size(); ++k) {
          (void)index.Search(queries[(k + offset) % queries.size()], limit, min_probability);
          done.fetch_add(1, std::memory_order_relaxed);
        }
    });
  for (auto& w : workers) w.join();
  const double throughput_seconds = Seconds(start);
  out["throughput"] = {{"threads", threads},
                       {"queries", done.load()},
                       {"seconds", throughput_seconds},
                       {"queries_per_second", static_cast<double>(done.load()) / throughput_seconds}};
  std::cerr << fmt::format("{} threads: {:.0f} queries/s\n", threads, static_cast<double>(done.load()) / throughput_seconds);

  // Keeping the index current: an update per write.
  start = Clock::now();
  for (match::Person p : first_people) {
    p.postcode = "WH1 1AA";
    if (!index.Update(p)) return 1;
  }
  out["update_us"] = std::chrono::duration<double, std::micro>(Clock::now() - start).count() /
                     static_cast<double>(std::max<std::size_t>(1, first_people.size()));

  // Accuracy: the service's bands ("possible", even odds, "very likely": app/match_bands.h).
  out["score"] = fmt::format("probability (posterior; prior {:.3g} = on_register {} / {} people)", index.Prior(),
                             weights.on_register, index.size());
  out["bands"] = {{"possible", app::kPossibleMatch}, {"likely", app::kLikelyMatch}};
  out["min_probability"] = min_probability;
  // Recall by error at the best threshold for precision 0.95, as pg_match reports PostgreSQL's.
  const Point best_point = BestAtPrecision(Curve(labelled, answers, std::numeric_limits<std::size_t>::max()), 0.95);
  out["accuracy"] = AccuracyJson(labelled, answers, {app::kPossibleMatch, 0.5, app::kLikelyMatch}, best_point.threshold);
  const std::string curve_path = args.Text("curve", "");
  if (!curve_path.empty()) WriteCurveCsv(curve_path, Curve(labelled, answers));
  const auto& best = out["accuracy"]["best_at_precision_0_95"];
  std::cerr << fmt::format("accuracy: ranked first {:.3f}, in top 10 {:.3f}; best recall at precision >= 0.95: {:.3f}\n",
                           out["accuracy"]["ranked_first"].get<double>(), out["accuracy"]["in_top_10"].get<double>(),
                           best["recall"].get<double>());
  const std::string out_path = args.Text("out", "");
  if (!out_path.empty()) WriteJson(out_path, out);
  else std::cout << out.dump(2) << "\n";
  return 0;
}

}  // namespace
}  // namespace fd::bench

int main(int argc, char** argv) {
  if (argc == 2 && std::string_view(argv[1]) == "--help") {
    std::cout << R"(usage: match_bench [--people 1000000] [--queries 5000] [--seed 1] [--passes 3] [--threads N]
                   [--weights weights.json] [--all-candidates 0|1] [--out results.json] [--curve curve.csv]
The matcher on the synthetic county: build time, memory per person, latency on one core (wall and
thread CPU), queries per second, accuracy on the labelled queries (seed 1 is the benchmark's).
--weights: a table written by learn_weights instead of DefaultWeights. Searches ask for candidates
at probability >= 0.005 (the service's "possible" band); --all-candidates 1 asks for every one.
)";
    return 0;
  }
  return fd::bench::Run(fd::bench::Args(argc, argv));
}
