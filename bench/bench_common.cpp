#include "bench_common.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <fstream>
#include <iostream>
#include <limits>
#include <map>
#include <thread>

namespace fd::bench {

synth::PopulationOptions PopulationOf(const WorkloadOptions& options) {
  return synth::PopulationOptions{options.seed, options.people, synth::MakeDay(2026, 6, 1)};
}

std::vector<synth::LabelledQuery> Generate(const WorkloadOptions& options,
                                           const std::function<void(const synth::Family&)>& each) {
  const synth::PopulationOptions population = PopulationOf(options);
  synth::PopulationGenerator generator(population);
  synth::QuerySampler sampler({options.seed, options.queries, 0.2, 0.25}, population);
  synth::Family family;
  while (generator.Next(family)) {
    sampler.Offer(family);
    if (each) each(family);
  }
  return sampler.Finish();
}

void ForEachFamily(const WorkloadOptions& options, const std::function<void(const synth::Family&)>& each) {
  synth::PopulationGenerator generator(PopulationOf(options));
  synth::Family family;
  while (generator.Next(family)) each(family);
}

std::vector<LoadedPerson> PeopleOf(const synth::Family& family) {
  std::vector<LoadedPerson> people;
  people.reserve(family.people.size());
  for (const synth::SynthPerson& p : family.people) people.push_back(LoadedPerson{p, synth::ToMatchPerson(p)});
  return people;
}

nlohmann::ordered_json WeightsJson(const match::Weights& weights) {
  nlohmann::ordered_json j;
  j["on_register"] = weights.on_register;
  nlohmann::ordered_json table;
  for (std::size_t f = 0; f < match::kFieldCount; ++f) {
    const auto field = static_cast<match::Field>(f);
    nlohmann::ordered_json levels;
    for (std::size_t l = 0; l < match::kLevelCount; ++l) {
      const auto level = static_cast<match::Level>(l);
      if (!weights.Applies(field, level)) continue;
      const match::Probabilities& p = weights.At(field, level);
      levels[std::string(match::LevelName(level))] = {
          {"m", p.m}, {"u", p.u}, {"bits", match::MatchWeight(weights, field, level)}};
    }
    table[std::string(match::FieldName(field))] = levels;
  }
  j["table"] = table;
  return j;
}

match::Weights ReadWeightsJson(const std::string& path) {
  std::ifstream in(path);
  nlohmann::json j;
  try {
    in >> j;
    match::Weights weights;
    weights.on_register = j.at("on_register").get<double>();
    for (std::size_t f = 0; f < match::kFieldCount; ++f) {
      const auto field = static_cast<match::Field>(f);
      const auto& levels = j.at("table").at(std::string(match::FieldName(field)));
      for (std::size_t l = 0; l < match::kLevelCount; ++l) {
        const auto level = static_cast<match::Level>(l);
        const std::string name(match::LevelName(level));
        if (!levels.contains(name)) continue;
        weights.At(field, level) = match::Probabilities{levels[name].at("m").get<double>(), levels[name].at("u").get<double>()};
      }
    }
    if (const auto problem = match::CheckWeights(weights)) {
      std::cerr << path << ": " << *problem << "\n";
      std::exit(2);
    }
    return weights;
  } catch (const std::exception& e) {
    std::cerr << path << ": not a weights table (" << e.what() << ")\n";
    std::exit(2);
  }
}

Point Evaluate(const std::vector<synth::LabelledQuery>& queries, const std::vector<Answer>& answers, double threshold) {
  Point p;
  p.threshold = threshold;
  std::size_t present = 0;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    if (queries[i].person_id) ++present;
    const Answer& a = answers[i];
    if (!a.top_id || a.top_score < threshold) continue;
    ++p.declared;
    if (queries[i].person_id && *a.top_id == *queries[i].person_id) ++p.right;
  }
  p.precision = p.declared == 0 ? 1.0 : static_cast<double>(p.right) / static_cast<double>(p.declared);
  p.recall = present == 0 ? 0.0 : static_cast<double>(p.right) / static_cast<double>(present);
  return p;
}

std::vector<Point> Curve(const std::vector<synth::LabelledQuery>& queries, const std::vector<Answer>& answers,
                         std::size_t points) {
  // Sweep the distinct top scores from the highest down, counting as we go.
  std::vector<std::size_t> order;
  std::size_t present = 0;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    if (queries[i].person_id) ++present;
    if (answers[i].top_id) order.push_back(i);
  }
  std::sort(order.begin(), order.end(), [&](std::size_t a, std::size_t b) { return answers[a].top_score > answers[b].top_score; });
  std::vector<Point> all;
  std::size_t declared = 0, right = 0;
  for (std::size_t k = 0; k < order.size(); ++k) {
    const std::size_t i = order[k];
    ++declared;
    if (queries[i].person_id && *answers[i].top_id == *queries[i].person_id) ++right;
    if (k + 1 < order.size() && answers[order[k + 1]].top_score == answers[i].top_score) continue;
    Point p;
    p.threshold = answers[i].top_score;
    p.declared = declared;
    p.right = right;
    p.precision = static_cast<double>(right) / static_cast<double>(declared);
    p.recall = present == 0 ? 0.0 : static_cast<double>(right) / static_cast<double>(present);
    all.push_back(p);
  }
  if (all.size() <= points) return all;
  std::vector<Point> thinned;
  for (std::size_t k = 0; k < points; ++k) thinned.push_back(all[k * (all.size() - 1) / (points - 1)]);
  // Keep the best point at precision 0.95 exactly, whatever the thinning dropped.
  thinned.push_back(BestAtPrecision(all, 0.95));
  std::sort(thinned.begin(), thinned.end(), [](const Point& a, const Point& b) { return a.threshold > b.threshold; });
  thinned.erase(std::unique(thinned.begin(), thinned.end(),
                            [](const Point& a, const Point& b) { return a.threshold == b.threshold; }),
                thinned.end());
  return thinned;
}

Point BestAtPrecision(const std::vector<Point>& curve, double precision) {
  Point best;
  best.threshold = std::numeric_limits<double>::infinity();
  for (const Point& p : curve)
    if (p.precision >= precision && p.recall > best.recall) best = p;
  return best;
}

void WriteCurveCsv(const std::string& path, const std::vector<Point>& curve) {
  std::ofstream out(path);
  out << "threshold,precision,recall,declared,right\n";
  for (const Point& p : curve)
    out << fmt::format("{:.17g},{:.5f},{:.5f},{},{}\n", p.threshold, p.precision, p.recall, p.declared, p.right);
}

namespace {

nlohmann::ordered_json PointJson(const Point& p) {
  nlohmann::ordered_json j;
  j["threshold"] = std::isinf(p.threshold) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(p.threshold);
  j["precision"] = p.precision;
  j["recall"] = p.recall;
  j["declared"] = p.declared;
  j["right"] = p.right;
  return j;
}

}  // namespace

nlohmann::ordered_json AccuracyJson(const std::vector<synth::LabelledQuery>& queries,
                                    const std::vector<Answer>& answers, const std::vector<double>& thresholds,
                                    double by_error_threshold) {
  nlohmann::ordered_json j;
  std::size_t present = 0, first = 0, listed = 0, absent = 0;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    if (!queries[i].person_id) {
      ++absent;
      continue;
    }
    ++present;
    if (answers[i].truth_rank) {
      ++listed;
      if (*answers[i].truth_rank == 0) ++first;
    }
  }
  j["queries"] = queries.size();
  j["on_register"] = present;
  j["not_on_register"] = absent;
  j["ranked_first"] = present ? static_cast<double>(first) / static_cast<double>(present) : 0.0;
  j["in_top_10"] = present ? static_cast<double>(listed) / static_cast<double>(present) : 0.0;
  nlohmann::ordered_json at = nlohmann::ordered_json::array();
  for (double t : thresholds) at.push_back(PointJson(Evaluate(queries, answers, t)));
  j["at_thresholds"] = at;
  const auto curve = Curve(queries, answers, std::numeric_limits<std::size_t>::max());
  j["best_at_precision_0_95"] = PointJson(BestAtPrecision(curve, 0.95));
  // Recall by error (queries on the register having that tag), declared at by_error_threshold,
  // and how often the person was in the top ten at all.
  std::map<std::string, std::array<std::size_t, 3>> by;  // total, right at threshold, in top 10
  for (std::size_t i = 0; i < queries.size(); ++i) {
    if (!queries[i].person_id) continue;
    std::vector<std::string> tags = queries[i].errors;
    if (tags.empty() || std::all_of(tags.begin(), tags.end(), synth::IsInformationTag)) tags.push_back("(no error)");
    const Answer& a = answers[i];
    const bool right = a.top_id && *a.top_id == *queries[i].person_id && a.top_score >= by_error_threshold;
    for (const std::string& tag : tags) {
      auto& counts = by[tag];
      ++counts[0];
      counts[1] += right ? 1 : 0;
      counts[2] += a.truth_rank ? 1 : 0;
    }
  }
  nlohmann::ordered_json errors;
  for (const auto& [tag, counts] : by) {
    errors[tag] = {{"queries", counts[0]},
                   {"recall", static_cast<double>(counts[1]) / static_cast<double>(counts[0])},
                   {"in_top_10", static_cast<double>(counts[2]) / static_cast<double>(counts[0])}};
  }
  j["by_error_threshold"] =
      std::isinf(by_error_threshold) ? nlohmann::ordered_json(nullptr) : nlohmann::ordered_json(by_error_threshold);
  j["by_error"] = errors;
  return j;
}

nlohmann::ordered_json LatencyByErrorJson(const std::vector<synth::LabelledQuery>& queries,
                                          const std::vector<double>& micros) {
  std::map<std::string, std::vector<double>> by;
  for (std::size_t i = 0; i < queries.size() && i < micros.size(); ++i) {
    std::vector<std::string> tags = queries[i].errors;
    if (tags.empty() || std::all_of(tags.begin(), tags.end(), synth::IsInformationTag)) tags.push_back("(no error)");
    if (!queries[i].person_id) tags.push_back("(not on the register)");
    for (const std::string& tag : tags) by[tag].push_back(micros[i]);
  }
  nlohmann::ordered_json j;
  for (auto& [tag, times] : by) {
    std::sort(times.begin(), times.end());
    j[tag] = {{"queries", times.size()}, {"p50_us", Percentile(times, 0.5)}, {"p99_us", Percentile(times, 0.99)}};
  }
  return j;
}

double Percentile(const std::vector<double>& sorted, double p) {
  if (sorted.empty()) return 0.0;
  const auto at = static_cast<std::size_t>(std::ceil(p * static_cast<double>(sorted.size()))) ;
  return sorted[std::min(sorted.size() - 1, at == 0 ? 0 : at - 1)];
}

nlohmann::ordered_json LatencyJson(std::vector<double> micros) {
  std::sort(micros.begin(), micros.end());
  double sum = 0;
  for (double m : micros) sum += m;
  nlohmann::ordered_json j;
  j["count"] = micros.size();
  j["mean_us"] = micros.empty() ? 0.0 : sum / static_cast<double>(micros.size());
  j["p50_us"] = Percentile(micros, 0.50);
  j["p95_us"] = Percentile(micros, 0.95);
  j["p99_us"] = Percentile(micros, 0.99);
  j["max_us"] = micros.empty() ? 0.0 : micros.back();
  return j;
}

nlohmann::ordered_json MachineJson() {
  nlohmann::ordered_json j;
  std::ifstream cpuinfo("/proc/cpuinfo");
  std::string line, model;
  while (std::getline(cpuinfo, line))
    if (line.starts_with("model name")) {
      model = line.substr(line.find(':') + 2);
      break;
    }
  j["cpu"] = model;
  j["cores"] = std::thread::hardware_concurrency();
  std::ifstream meminfo("/proc/meminfo");
  std::string key;
  std::size_t kb = 0;
  meminfo >> key >> kb;
  j["memory_gib"] = std::round(static_cast<double>(kb) / 1048576.0 * 10) / 10;
  const std::time_t now = std::time(nullptr);
  char when[32];
  std::strftime(when, sizeof when, "%Y-%m-%dT%H:%M:%SZ", std::gmtime(&now));
  j["time"] = when;
  std::ifstream loadavg("/proc/loadavg");
  double load = 0;
  loadavg >> load;
  j["load_average_at_start"] = load;
  return j;
}

std::size_t ResidentBytes() {
  std::ifstream statm("/proc/self/statm");
  std::size_t pages = 0, resident = 0;
  statm >> pages >> resident;
  return resident * 4096;
}

double ThreadMicros() {
  timespec t{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e6 + static_cast<double>(t.tv_nsec) / 1e3;
}

Args::Args(int argc, char** argv) {
  for (int i = 0; i < argc; ++i) {
    if (i > 0) command_line_ += ' ';
    command_line_ += argv[i];
  }
  for (int i = 1; i < argc; ++i) {
    const std::string name = argv[i];
    if (!name.starts_with("--") || i + 1 >= argc) {
      std::cerr << "usage: " << argv[0] << " [--name value]... (bad argument " << name << ")\n";
      std::exit(2);
    }
    values_.emplace_back(name.substr(2), argv[++i]);
  }
}

std::string Args::Text(const std::string& name, const std::string& fallback) const {
  for (const auto& [n, v] : values_)
    if (n == name) return v;
  return fallback;
}

std::int64_t Args::Int(const std::string& name, std::int64_t fallback) const {
  const std::string text = Text(name, "");
  if (text.empty()) return fallback;
  try {
    return std::stoll(text);
  } catch (const std::exception&) {
    std::cerr << "--" << name << " must be a number\n";
    std::exit(2);
  }
}

void WriteJson(const std::string& path, const nlohmann::ordered_json& json) {
  std::ofstream out(path);
  out << json.dump(2) << "\n";
  if (!out) {
    std::cerr << "cannot write " << path << "\n";
    std::exit(1);
  }
}

}  // namespace fd::bench
