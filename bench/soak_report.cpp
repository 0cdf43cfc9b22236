#include "soak_report.h"

#include <fmt/format.h>

#include <cmath>

namespace fd::bench {
namespace {

double Round1(double v) { return static_cast<double>(static_cast<std::int64_t>(v * 10 + 0.5)) / 10; }

std::string Mb(std::int64_t kb) { return fmt::format("{:.1f} MB", static_cast<double>(kb) / 1024.0); }

double Round2(double v) { return static_cast<double>(std::llround(v * 100)) / 100; }

std::string SignedMb(std::int64_t kb) { return fmt::format("{:+.1f} MB", static_cast<double>(kb) / 1024.0); }

// "a → b (+c)" for a figure read at warm-up's end and at the end, or "not read".
std::string FromTo(const nlohmann::ordered_json& from, const nlohmann::ordered_json& to) {
  if (!from.is_number() || !to.is_number()) return "not read";
  const auto a = from.get<std::int64_t>(), b = to.get<std::int64_t>();
  return fmt::format("{} → {} ({})", Mb(a), Mb(b), SignedMb(b - a));
}

}  // namespace

nlohmann::ordered_json GrowthByParts(const nlohmann::ordered_json& memory) {
  for (const char* key : {"heap_warmup_kb", "heap_end_kb", "sqlite_warmup_kb", "sqlite_end_kb"})
    if (!memory.contains(key) || !memory.at(key).is_number()) return nullptr;
  const auto warm_rss = memory.at("warmup_kb").get<std::int64_t>();
  const auto rss = memory.at("end_kb").get<std::int64_t>() - warm_rss;
  const auto heap = memory.at("heap_end_kb").get<std::int64_t>() - memory.at("heap_warmup_kb").get<std::int64_t>();
  const auto sqlite =
      memory.at("sqlite_end_kb").get<std::int64_t>() - memory.at("sqlite_warmup_kb").get<std::int64_t>();
  nlohmann::ordered_json share = nullptr;
  if (rss > 0) share = Round2(100.0 * static_cast<double>(sqlite) / static_cast<double>(rss));
  return {{"rss_kb", rss},
          {"sqlite_kb", sqlite},
          {"heap_other_kb", heap - sqlite},
          {"outside_heap_kb", rss - heap},
          {"rss_without_sqlite_pct",
           warm_rss > 0 ? Round2(100.0 * static_cast<double>(rss - sqlite) / static_cast<double>(warm_rss)) : 0.0},
          {"sqlite_share_pct", share}};
}

nlohmann::ordered_json MakeReport(const SoakRun& run, const SoakStats& stats, const MemorySampler& memory) {
  auto requests = stats.Summary();
  auto mem = memory.Json();
  const auto total = requests.at("requests").get<std::int64_t>();
  const auto errors = requests.at("errors").get<std::int64_t>();
  const double growth = mem.at("growth_pct").get<double>();
  nlohmann::ordered_json failures = nlohmann::ordered_json::array();
  if (errors > 0) failures.push_back(fmt::format("{} requests were not answered with 2xx or 3xx", errors));
  if (growth >= kMaxGrowthPct)
    failures.push_back(fmt::format("resident memory grew {:.2f}% after warm-up (limit {:.0f}%)", growth, kMaxGrowthPct));
  if (!run.server_alive) failures.push_back("the server exited during the run");
  if (mem.at("warmup_kb").get<std::int64_t>() == 0) failures.push_back("the run ended before warm-up did");
  return {{"run",
           {{"duration_s", Round1(run.duration_s)},
            {"warmup_s", run.warmup_s},
            {"measured_s", Round1(run.measured_s)},
            {"virtual_users", run.users}}},
          {"throughput",
           {{"overall_per_s", Round1(static_cast<double>(total) / run.duration_s)},
            {"measured_per_s",
             Round1(run.measured_s > 0 ? static_cast<double>(total - run.requests_at_warmup) / run.measured_s : 0)}}},
          {"memory", mem},
          {"growth_by_parts", GrowthByParts(mem)},
          {"requests", requests},
          {"passed", failures.empty()},
          {"failures", failures}};
}

bool Passed(const nlohmann::ordered_json& report) { return report.at("passed").get<bool>(); }

std::string MemoryPartsMarkdown(const nlohmann::ordered_json& report) {
  const auto& mem = report.at("memory");
  std::string md;
  const auto figure = [&](const char* key) { return mem.value(key, nlohmann::ordered_json()); };
  md += fmt::format("| heap in use (the allocator's count), end of warm-up → end | {} |\n",
                    FromTo(figure("heap_warmup_kb"), figure("heap_end_kb")));
  md += fmt::format("| SQLite memory in use, end of warm-up → end | {} |\n",
                    FromTo(figure("sqlite_warmup_kb"), figure("sqlite_end_kb")));
  md += fmt::format("| of which the pool's page caches | {} |\n",
                    FromTo(figure("page_cache_warmup_kb"), figure("page_cache_end_kb")));
  md += fmt::format("| of which prepared statements | {} |\n",
                    FromTo(figure("statement_warmup_kb"), figure("statement_end_kb")));
  if (figure("statements_warmup").is_number() && figure("statements_end").is_number())
    md += fmt::format("| prepared statements kept by the pool, end of warm-up → end | {} → {} |\n",
                      figure("statements_warmup").get<std::int64_t>(), figure("statements_end").get<std::int64_t>());
  const auto high = figure("sqlite_high_water_kb");
  if (high.is_number())
    md += fmt::format("| SQLite memory, most held since start (its limit: 8 connections × 2 MB of page cache) | {} |\n",
                      Mb(high.get<std::int64_t>()));
  const auto parts = report.value("growth_by_parts", nlohmann::ordered_json());
  if (parts.is_null()) {
    md += "\nThe server's heap and SQLite figures were not read (no /metrics token), so the growth is not "
          "explained by its parts.\n\n";
    return md;
  }
  const auto rss = parts.at("rss_kb").get<std::int64_t>();
  const auto sqlite = parts.at("sqlite_kb").get<std::int64_t>();
  md += fmt::format(
      "| settled RSS growth by its parts: SQLite + rest of the heap + outside the heap | {} = {} + {} + {} |\n"
      "| settled RSS growth after warm-up without SQLite's growth | {:.2f}% |\n\n",
      SignedMb(rss), SignedMb(sqlite), SignedMb(parts.at("heap_other_kb").get<std::int64_t>()),
      SignedMb(parts.at("outside_heap_kb").get<std::int64_t>()), parts.at("rss_without_sqlite_pct").get<double>());
  // The sentence says which part the growth is, in the figures' own terms; the verdict is the RSS's.
  if (rss <= 0) {
    md += "The settled RSS did not grow after warm-up.\n\n";
  } else {
    const double share = parts.at("sqlite_share_pct").get<double>();
    std::string split;
    const auto kb_growth = [&](const char* from, const char* to) {
      return figure(to).get<std::int64_t>() - figure(from).get<std::int64_t>();
    };
    if (figure("page_cache_warmup_kb").is_number() && figure("page_cache_end_kb").is_number() &&
        figure("statement_warmup_kb").is_number() && figure("statement_end_kb").is_number())
      split = fmt::format(" ({} in the page caches, which stop at `cache_size`; {} in prepared statements)",
                          SignedMb(kb_growth("page_cache_warmup_kb", "page_cache_end_kb")),
                          SignedMb(kb_growth("statement_warmup_kb", "statement_end_kb")));
    md += fmt::format(
        "SQLite's memory{} is {:.0f}% of the settled RSS's growth; the rest of the heap {:.0f}%; memory "
        "outside the heap (freed and kept by the allocator, stacks) {:.0f}%.\n\n",
        split, share, 100.0 * static_cast<double>(parts.at("heap_other_kb").get<std::int64_t>()) / static_cast<double>(rss),
        100.0 * static_cast<double>(parts.at("outside_heap_kb").get<std::int64_t>()) / static_cast<double>(rss));
  }
  return md;
}

std::string ReportMarkdown(const nlohmann::ordered_json& report) {
  const auto& run = report.at("run");
  const auto& mem = report.at("memory");
  const auto& req = report.at("requests");
  std::string md;
  md += fmt::format("Result: **{}**", Passed(report) ? "passed" : "failed");
  for (const auto& f : report.at("failures")) md += fmt::format("; {}", f.get<std::string>());
  md += fmt::format(
      ".\n\n| figure | value |\n|---|---|\n"
      "| run (warm-up) | {:.0f} s ({} s), {} virtual users |\n"
      "| requests | {} ({:.1f}/s overall, {:.1f}/s after warm-up) |\n"
      "| error answers (not 2xx/3xx) | {} |\n"
      "| settled RSS at the end of warm-up | {} |\n"
      "| settled RSS at the end | {} |\n"
      "| settled RSS, largest after warm-up | {} |\n"
      "| settled RSS growth after warm-up | {:.2f}% (limit {:.0f}%) |\n"
      "| peak RSS after warm-up (the kernel's high-water mark for the whole run) | {} ({}) |\n"
      "| threads, open descriptors at warm-up's end → at the end | {}, {} → {}, {} |\n"
      "| machine load average (1 min) during the run | {:.2f} to {:.2f}, mean {:.2f} |\n",
      run.at("duration_s").get<double>(), run.at("warmup_s").get<int>(), run.at("virtual_users").get<int>(),
      req.at("requests").get<std::int64_t>(), report.at("throughput").at("overall_per_s").get<double>(),
      report.at("throughput").at("measured_per_s").get<double>(), req.at("errors").get<std::int64_t>(),
      Mb(mem.at("warmup_kb").get<std::int64_t>()), Mb(mem.at("end_kb").get<std::int64_t>()),
      Mb(mem.at("max_after_warmup_kb").get<std::int64_t>()), mem.at("growth_pct").get<double>(), kMaxGrowthPct,
      Mb(mem.at("peak_after_warmup_kb").get<std::int64_t>()), Mb(mem.at("high_water_kb").get<std::int64_t>()), mem.at("threads_warmup").get<std::int64_t>(),
      mem.at("fds_warmup").get<std::int64_t>(), mem.at("threads_end").get<std::int64_t>(),
      mem.at("fds_end").get<std::int64_t>(), mem.at("load_min").get<double>(), mem.at("load_max").get<double>(),
      mem.at("load_mean").get<double>());
  md += MemoryPartsMarkdown(report);
  md += "| request kind | requests | errors | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n";
  for (const auto& [kind, k] : req.at("kinds").items())
    md += fmt::format("| {} | {} | {} | {:.2f} | {:.2f} | {:.2f} |\n", kind, k.at("requests").get<std::int64_t>(),
                      k.at("errors").get<std::int64_t>(), k.at("p50_ms").get<double>(), k.at("p99_ms").get<double>(),
                      k.at("max_ms").get<double>());
  md += "\nLatencies count requests after warm-up only.\n\nEvery minute: settled RSS / peak RSS / heap in use / "
        "SQLite in MB (load average):";
  const auto mb_or_dash = [](const nlohmann::ordered_json& sample, std::size_t i) -> std::string {
    if (sample.size() <= i || !sample.at(i).is_number()) return "–";
    return fmt::format("{:.1f}", static_cast<double>(sample.at(i).get<std::int64_t>()) / 1024.0);
  };
  for (const auto& s : mem.at("samples"))
    if (s.at(0).get<int>() % 60 == 0 || s.at(0).get<int>() == run.at("warmup_s").get<int>())
      md += fmt::format(" {} s {:.1f} / {:.1f} / {} / {} ({:.2f});", s.at(0).get<int>(),
                        static_cast<double>(s.at(1).get<std::int64_t>()) / 1024.0,
                        static_cast<double>(s.at(2).get<std::int64_t>()) / 1024.0, mb_or_dash(s, 6),
                        mb_or_dash(s, 7), s.at(5).get<double>());
  if (!md.empty() && md.back() == ';') md.back() = '.';
  md += "\n";
  if (!req.at("first_errors").empty()) {
    md += "\nFirst errors:\n\n";
    for (const auto& e : req.at("first_errors"))
      md += fmt::format("- {} {} ({}): `{}`\n", e.at("status").get<int>(), e.at("route").get<std::string>(),
                        e.at("kind").get<std::string>(), e.at("body").get<std::string>());
  }
  return md;
}

}  // namespace fd::bench
