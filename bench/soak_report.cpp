#include "soak_report.h"

#include <fmt/format.h>

namespace fd::bench {
namespace {

double Round1(double v) { return static_cast<double>(static_cast<std::int64_t>(v * 10 + 0.5)) / 10; }

std::string Mb(std::int64_t kb) { return fmt::format("{:.1f} MB", static_cast<double>(kb) / 1024.0); }

}  // namespace

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
          {"requests", requests},
          {"passed", failures.empty()},
          {"failures", failures}};
}

bool Passed(const nlohmann::ordered_json& report) { return report.at("passed").get<bool>(); }

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
      "| machine load average (1 min) during the run | {:.2f} to {:.2f}, mean {:.2f} |\n\n",
      run.at("duration_s").get<double>(), run.at("warmup_s").get<int>(), run.at("virtual_users").get<int>(),
      req.at("requests").get<std::int64_t>(), report.at("throughput").at("overall_per_s").get<double>(),
      report.at("throughput").at("measured_per_s").get<double>(), req.at("errors").get<std::int64_t>(),
      Mb(mem.at("warmup_kb").get<std::int64_t>()), Mb(mem.at("end_kb").get<std::int64_t>()),
      Mb(mem.at("max_after_warmup_kb").get<std::int64_t>()), mem.at("growth_pct").get<double>(), kMaxGrowthPct,
      Mb(mem.at("peak_after_warmup_kb").get<std::int64_t>()), Mb(mem.at("high_water_kb").get<std::int64_t>()), mem.at("threads_warmup").get<std::int64_t>(),
      mem.at("fds_warmup").get<std::int64_t>(), mem.at("threads_end").get<std::int64_t>(),
      mem.at("fds_end").get<std::int64_t>(), mem.at("load_min").get<double>(), mem.at("load_max").get<double>(),
      mem.at("load_mean").get<double>());
  md += "| request kind | requests | errors | p50 ms | p99 ms | max ms |\n|---|---:|---:|---:|---:|---:|\n";
  for (const auto& [kind, k] : req.at("kinds").items())
    md += fmt::format("| {} | {} | {} | {:.2f} | {:.2f} | {:.2f} |\n", kind, k.at("requests").get<std::int64_t>(),
                      k.at("errors").get<std::int64_t>(), k.at("p50_ms").get<double>(), k.at("p99_ms").get<double>(),
                      k.at("max_ms").get<double>());
  md += "\nLatencies count requests after warm-up only.\n\nEvery minute: settled RSS / peak RSS in MB (load average):";
  for (const auto& s : mem.at("samples"))
    if (s.at(0).get<int>() % 60 == 0 || s.at(0).get<int>() == run.at("warmup_s").get<int>())
      md += fmt::format(" {} s {:.1f} / {:.1f} ({:.2f});", s.at(0).get<int>(),
                        static_cast<double>(s.at(1).get<std::int64_t>()) / 1024.0,
                        static_cast<double>(s.at(2).get<std::int64_t>()) / 1024.0, s.at(5).get<double>());
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
