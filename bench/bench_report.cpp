// bench_report: writes the "People matching" section of docs/benchmarks.md from the JSON results
// of match_bench (one file per run) and pg_match, with medians, the latency ratio, accuracy of both
// and each target met or missed. Everything between the section's two marker comments is replaced;
// the rest of the file is left as it is.
//
//   bench_report --match a.json,b.json,c.json --pg pg.json --doc docs/benchmarks.md
//                [--commit HASH] [--command "make bench-match PEOPLE=1000000"] [--curves "a.csv b.csv"]
#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

namespace {

using Json = nlohmann::ordered_json;

constexpr const char* kBegin = "<!-- people-matching:begin -->";
constexpr const char* kEnd = "<!-- people-matching:end -->";

Json Read(const std::string& path) {
  std::ifstream in(path);
  if (!in) {
    std::cerr << "bench_report: cannot read " << path << "\n";
    std::exit(1);
  }
  return Json::parse(in);
}

std::vector<std::string> Split(const std::string& text, char by) {
  std::vector<std::string> out;
  std::stringstream s(text);
  for (std::string item; std::getline(s, item, by);)
    if (!item.empty()) out.push_back(item);
  return out;
}

double Median(std::vector<double> v) {
  if (v.empty()) return 0.0;
  std::sort(v.begin(), v.end());
  const std::size_t n = v.size();
  return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2.0;
}

// The median over runs of the median over each run's passes.
double LatencyMedian(const std::vector<Json>& runs, const char* clock, const char* key) {
  std::vector<double> per_run;
  for (const Json& run : runs) {
    std::vector<double> passes;
    for (const Json& pass : run["latency_one_core"]) passes.push_back(pass[clock][key].get<double>());
    per_run.push_back(Median(passes));
  }
  return Median(per_run);
}

double MedianOf(const std::vector<Json>& runs, const std::vector<std::string>& path) {
  std::vector<double> values;
  for (const Json& run : runs) {
    const Json* j = &run;
    for (const std::string& key : path) j = &(*j)[key];
    values.push_back(j->get<double>());
  }
  return Median(values);
}

std::string Ms(double micros) { return micros >= 10000 ? fmt::format("{:.0f} ms", micros / 1000) : fmt::format("{:.2f} ms", micros / 1000); }
std::string Pct(double x) { return fmt::format("{:.1f}%", 100.0 * x); }
std::string Thousands(double x) {
  const std::string digits = fmt::format("{:.0f}", x);
  std::string out;
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) out.push_back(',');
    out.push_back(digits[i]);
  }
  return out;
}

// A threshold, or "none" when no threshold reached the precision asked for.
std::string Threshold(const Json& j) { return j.is_null() ? "none" : fmt::format("{:.4g}", j.get<double>()); }

std::string Verdict(bool met) { return met ? "**met**" : "**missed**"; }

}  // namespace

int main(int argc, char** argv) {
  std::string match_files, pg_file, doc = "docs/benchmarks.md", commit, command, curves;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string name = argv[i];
    const std::string value = argv[i + 1];
    if (name == "--match") match_files = value;
    else if (name == "--pg") pg_file = value;
    else if (name == "--doc") doc = value;
    else if (name == "--commit") commit = value;
    else if (name == "--command") command = value;
    else if (name == "--curves") curves = value;
    else {
      std::cerr << "bench_report: unknown option " << name << "\n";
      return 2;
    }
  }
  std::vector<Json> ours;
  for (const std::string& f : Split(match_files, ',')) ours.push_back(Read(f));
  if (ours.empty()) {
    std::cerr << "bench_report: no --match results\n";
    return 2;
  }
  std::vector<Json> pg;
  if (!pg_file.empty()) pg.push_back(Read(pg_file));
  const Json& first = ours.front();
  const Json& machine = first["machine"];
  const double people = first["people"].get<double>();
  const bool at_million = people >= 1000000;

  const double our_p50 = LatencyMedian(ours, "wall", "p50_us");
  const double our_p99 = LatencyMedian(ours, "wall", "p99_us");
  const double our_cpu_p99 = LatencyMedian(ours, "thread_cpu", "p99_us");
  const double our_qps = MedianOf(ours, {"throughput", "queries_per_second"});
  const double our_build = MedianOf(ours, {"index", "build_seconds"});
  const double our_bytes = MedianOf(ours, {"index", "bytes_per_person_containers"});
  const double our_rss = MedianOf(ours, {"index", "bytes_per_person_rss"});
  const Json& our_acc = first["accuracy"];
  const Json& our_best = our_acc["best_at_precision_0_95"];

  std::ostringstream s;
  s << kBegin << "\n";
  s << "## People matching\n\n";
  s << "<!-- Written by bench/bench_report from `make bench-match`; a new run replaces this section. -->\n\n";
  s << fmt::format("Measured {} UTC on {} ({} cores, {} GiB), commit `{}`. The machine is shared with other builds "
                   "and tests (load average {:.1f} at the start), so wall times include other programs' turns; the "
                   "matcher's per-query thread CPU time is given beside them.\n\n",
                   machine["time"].get<std::string>().substr(0, 16).replace(10, 1, " "), machine["cpu"].get<std::string>(),
                   machine["cores"].get<int>(), machine["memory_gib"].get<double>(), commit.empty() ? "unknown" : commit,
                   machine["load_average_at_start"].get<double>());
  s << fmt::format("Workload: {} synthetic people (`src/synth/`, seed {}; docs/synthetic-population.md) and {} "
                   "labelled queries, {} of them about people not on the register.\n\n",
                   Thousands(people), first["seed"].get<int>(), Thousands(our_acc["queries"].get<double>()),
                   Thousands(our_acc["not_on_register"].get<double>()));
  s << "Commands";
  if (!command.empty()) s << " (`" << command << "`)";
  s << ":\n\n";
  for (const Json& r : ours) s << "    " << r["command"].get<std::string>() << "\n";
  for (const Json& r : pg) s << "    " << r["command"].get<std::string>() << "\n";
  s << fmt::format("\nMedians of {} matcher run{} (each the median of its timing passes)", ours.size(),
                   ours.size() == 1 ? "" : "s");
  if (!pg.empty())
    s << fmt::format(" and of {} PostgreSQL pass{}", pg.front()["latency_one_core"].size(),
                     pg.front()["latency_one_core"].size() == 1 ? "" : "es");
  s << ". Latency is one query at a time on one core (the matcher's thread pinned to a core; PostgreSQL with "
       "one connection and parallel query off), measured by the client.\n\n";

  const bool have_pg = !pg.empty();
  double pg_p50 = 0, pg_p99 = 0, pg_qps = 0;
  if (have_pg) {
    pg_p50 = LatencyMedian(pg, "wall", "p50_us");
    pg_p99 = LatencyMedian(pg, "wall", "p99_us");
    pg_qps = MedianOf(pg, {"throughput", "queries_per_second"});
  }
  const Json empty = Json::object();
  const Json& pg_acc = have_pg ? pg.front()["accuracy"] : empty;
  const Json& pg_best = have_pg ? pg_acc["best_at_precision_0_95"] : empty;
  auto pgv = [&](const std::string& text) { return have_pg ? text : std::string("not run"); };

  s << "| | frontdoor matcher (in memory) | PostgreSQL 15, pg_trgm + fuzzystrmatch | target |\n";
  s << "|---|---|---|---|\n";
  s << fmt::format("| build | {:.1f} s to index | {} | |\n", our_build,
                   pgv(have_pg ? fmt::format("{:.0f} s COPY + {:.0f} s indexes", pg.front()["index"]["load_seconds"].get<double>(),
                                             pg.front()["index"]["build_seconds"].get<double>())
                               : ""));
  s << fmt::format("| memory per person | {:.0f} B (index containers), {:.0f} B (resident set growth) | {} | < 300 B |\n",
                   our_bytes, our_rss,
                   pgv(have_pg ? fmt::format("{:.0f} B indexes, {:.0f} B tables and indexes",
                                             pg.front()["index"]["bytes_per_person_indexes"].get<double>(),
                                             pg.front()["index"]["bytes_per_person_tables_and_indexes"].get<double>())
                               : ""));
  s << fmt::format("| latency p50, one core | {} | {} | |\n", Ms(our_p50), pgv(Ms(pg_p50)));
  s << fmt::format("| latency p99, one core | {} (thread CPU {}) | {} | < 5 ms at 1,000,000 |\n", Ms(our_p99),
                   Ms(our_cpu_p99), pgv(Ms(pg_p99)));
  s << fmt::format("| queries per second, {} threads | {} | {} | |\n", first["throughput"]["threads"].get<int>(),
                   Thousands(our_qps), pgv(Thousands(pg_qps)));
  if (have_pg)
    s << fmt::format("| latency ratio, PostgreSQL ÷ matcher | p50 {:.0f}×, p99 {:.0f}× | | ≥ 20× |\n", pg_p50 / our_p50,
                     pg_p99 / our_p99);
  s << fmt::format("| true person ranked first | {} | {} | |\n", Pct(our_acc["ranked_first"].get<double>()),
                   pgv(have_pg ? Pct(pg_acc["ranked_first"].get<double>()) : ""));
  s << fmt::format("| true person in the top 10 | {} | {} | |\n", Pct(our_acc["in_top_10"].get<double>()),
                   pgv(have_pg ? Pct(pg_acc["in_top_10"].get<double>()) : ""));
  for (const Json& p : our_acc["at_thresholds"])
    s << fmt::format("| precision / recall, probability ≥ {} | {:.3f} / {:.3f} | | |\n", p["threshold"].get<double>(),
                     p["precision"].get<double>(), p["recall"].get<double>());
  auto best = [](const Json& b, const char* unit) {
    if (b["threshold"].is_null()) return std::string("precision 0.95 never reached");
    return fmt::format("recall {:.3f} at precision {:.3f} ({} ≥ {:.4g})", b["recall"].get<double>(),
                       b["precision"].get<double>(), unit, b["threshold"].get<double>());
  };
  s << fmt::format("| best recall at precision ≥ 0.95 | {} | {} | recall ≥ 0.98 |\n", best(our_best, "probability"),
                   pgv(have_pg ? best(pg_best, "score") : ""));
  s << "\n";

  // Targets.
  const double our_recall = our_best["recall"].get<double>();
  s << "Targets:\n\n";
  s << fmt::format("- p99 under 5 ms per query at 1,000,000 people on one core: {} ({} wall, {} thread CPU{}).\n",
                   at_million ? Verdict(our_p99 < 5000) : "not measured at 1,000,000", Ms(our_p99), Ms(our_cpu_p99),
                   at_million ? "" : fmt::format(", at {} people", Thousands(people)));
  s << fmt::format("- under 300 bytes of index per person: {} ({:.0f} B by container sizes, {:.0f} B by resident set).\n",
                   Verdict(our_bytes < 300 && our_rss < 300), our_bytes, our_rss);
  s << fmt::format("- recall ≥ 0.98 at precision ≥ 0.95: {} (recall {:.3f}).\n", Verdict(our_recall >= 0.98), our_recall);
  if (have_pg) {
    const double pg_recall = pg_best["recall"].get<double>();
    s << fmt::format("- at least 20× faster than PostgreSQL at equal or better recall: {} (p50 {:.0f}×, p99 {:.0f}×; "
                     "recall {:.3f} against {:.3f}).\n",
                     Verdict(pg_p50 / our_p50 >= 20 && pg_p99 / our_p99 >= 20 && our_recall >= pg_recall),
                     pg_p50 / our_p50, pg_p99 / our_p99, our_recall, pg_recall);
  }
  s << "\n";

  // Recall by error.
  s << fmt::format("Recall by error (queries about people on the register with that error or omission; right = the "
                   "best candidate is the person and scores at or above each system's best threshold for precision "
                   "0.95: probability {} for the matcher{}; top 10 = the person is among the ten candidates at "
                   "all):\n\n",
                   Threshold(our_acc["by_error_threshold"]),
                   have_pg ? fmt::format(", score {} for PostgreSQL", Threshold(pg_acc["by_error_threshold"])) : "");
  s << "| error | queries | matcher: right | matcher: top 10 | PostgreSQL: right | PostgreSQL: top 10 |\n";
  s << "|---|---|---|---|---|---|\n";
  for (const auto& [tag, row] : our_acc["by_error"].items()) {
    std::string pg_right = "", pg_top = "";
    if (have_pg && pg_acc["by_error"].contains(tag)) {
      pg_right = Pct(pg_acc["by_error"][tag]["recall"].get<double>());
      pg_top = Pct(pg_acc["by_error"][tag]["in_top_10"].get<double>());
    }
    s << fmt::format("| {} | {} | {} | {} | {} | {} |\n", tag, row["queries"].get<int>(), Pct(row["recall"].get<double>()),
                     Pct(row["in_top_10"].get<double>()), pg_right, pg_top);
  }
  // Latency by kind of query, from the first run's first pass.
  if (first.contains("latency_by_error_thread_cpu")) {
    s << "\nLatency by kind of query (the matcher's thread CPU time, PostgreSQL's wall time; first pass of the "
         "first run):\n\n";
    s << "| queries with | queries | matcher p50 | matcher p99 | PostgreSQL p50 | PostgreSQL p99 |\n";
    s << "|---|---|---|---|---|---|\n";
    for (const auto& [tag, row] : first["latency_by_error_thread_cpu"].items()) {
      std::string pg50, pg99;
      if (have_pg && pg.front().contains("latency_by_error") && pg.front()["latency_by_error"].contains(tag)) {
        pg50 = Ms(pg.front()["latency_by_error"][tag]["p50_us"].get<double>());
        pg99 = Ms(pg.front()["latency_by_error"][tag]["p99_us"].get<double>());
      }
      s << fmt::format("| {} | {} | {} | {} | {} | {} |\n", tag, row["queries"].get<int>(),
                       Ms(row["p50_us"].get<double>()), Ms(row["p99_us"].get<double>()), pg50, pg99);
    }
  }
  if (!curves.empty()) s << "\nPrecision–recall curves (threshold, precision, recall): " << curves << ".\n";
  s << kEnd << "\n";

  // Replace the section, or add it.
  std::string text;
  {
    std::ifstream in(doc);
    std::stringstream buffer;
    buffer << in.rdbuf();
    text = buffer.str();
  }
  if (text.empty()) text = "# Benchmarks\n\nMeasured results, with the machine, date and command of each run.\n\n";
  const auto begin = text.find(kBegin);
  const auto end = text.find(kEnd);
  if (begin != std::string::npos && end != std::string::npos && end > begin) {
    text.replace(begin, end + std::string(kEnd).size() + 1 - begin, s.str());
  } else {
    if (!text.ends_with("\n\n")) text += text.ends_with("\n") ? "\n" : "\n\n";
    text += s.str();
  }
  std::ofstream out(doc);
  out << text;
  if (!out) {
    std::cerr << "bench_report: cannot write " << doc << "\n";
    return 1;
  }
  std::cout << "wrote the People matching section of " << doc << "\n";
  return 0;
}
