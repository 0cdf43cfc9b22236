// The soak's reading of /metrics and its account of the settled RSS's growth by its parts
// (bench/soak_scrape.h, bench/soak_report.h).
#include <gtest/gtest.h>
#include <unistd.h>

#include "soak_memory.h"
#include "soak_report.h"
#include "soak_scrape.h"

namespace fd::bench {
namespace {

using json = nlohmann::ordered_json;

constexpr std::string_view kExposition =
    "# HELP frontdoor_heap_in_use_bytes Heap memory this process holds now.\n"
    "# TYPE frontdoor_heap_in_use_bytes gauge\n"
    "frontdoor_heap_in_use_bytes 52428800\n"
    "# TYPE frontdoor_sqlite_memory_used_bytes gauge\n"
    "frontdoor_sqlite_memory_used_bytes 2.097152e+07\n"
    "# TYPE frontdoor_sqlite_memory_highwater_bytes gauge\n"
    "frontdoor_sqlite_memory_highwater_bytes 31457280\n"
    "frontdoor_http_requests_total{route=\"/metrics\",method=\"GET\",code=\"200\"} 3\n";

TEST(SoakScrape, ReadsUnlabelledGaugesAndNothingElse) {
  EXPECT_EQ(UnlabelledValue(kExposition, "frontdoor_heap_in_use_bytes"), 52428800.0);
  EXPECT_EQ(UnlabelledValue(kExposition, "frontdoor_sqlite_memory_used_bytes"), 20971520.0);
  // A labelled series is not the unlabelled sample; a name that is a prefix of another is not it.
  EXPECT_FALSE(UnlabelledValue(kExposition, "frontdoor_http_requests_total").has_value());
  EXPECT_FALSE(UnlabelledValue(kExposition, "frontdoor_heap_in_use").has_value());
  EXPECT_FALSE(UnlabelledValue("frontdoor_heap_in_use_bytes NaN\n", "frontdoor_heap_in_use_bytes").has_value());
  EXPECT_EQ(UnlabelledValue("frontdoor_heap_in_use_bytes 7 1700000000000", "frontdoor_heap_in_use_bytes"), 7.0);

  const ServerMemory m = ParseServerMemory(kExposition);
  EXPECT_EQ(m.heap_bytes, 52428800);
  EXPECT_EQ(m.sqlite_bytes, 20971520);
  EXPECT_EQ(m.sqlite_highwater_bytes, 31457280);
  // A PostgreSQL node has no SQLite series.
  const ServerMemory pg = ParseServerMemory("frontdoor_heap_in_use_bytes 1024\n");
  EXPECT_EQ(pg.heap_bytes, 1024);
  EXPECT_EQ(pg.sqlite_bytes, -1);
  EXPECT_EQ(pg.sqlite_highwater_bytes, -1);
}

json Memory(std::int64_t rss0, std::int64_t rss1, json heap0, json heap1, json sqlite0, json sqlite1) {
  return {{"samples", json::array()}, {"warmup_kb", rss0},       {"end_kb", rss1},
          {"heap_warmup_kb", heap0},  {"heap_end_kb", heap1},    {"sqlite_warmup_kb", sqlite0},
          {"sqlite_end_kb", sqlite1}, {"sqlite_high_water_kb", sqlite1}};
}

// The figures of the last recorded run's kind: RSS 64 MB → 70 MB, of which SQLite 4 MB, the rest of
// the heap 0.5 MB and 1.5 MB outside the heap. The parts add up to the whole.
TEST(SoakGrowthByParts, SplitsTheGrowthIntoSqliteTheRestOfTheHeapAndOutsideIt) {
  const json parts = GrowthByParts(Memory(64000, 70000, 30000, 34500, 10000, 14000));
  ASSERT_FALSE(parts.is_null());
  EXPECT_EQ(parts.at("rss_kb"), 6000);
  EXPECT_EQ(parts.at("sqlite_kb"), 4000);
  EXPECT_EQ(parts.at("heap_other_kb"), 500);
  EXPECT_EQ(parts.at("outside_heap_kb"), 1500);
  EXPECT_EQ(parts.at("sqlite_kb").get<std::int64_t>() + parts.at("heap_other_kb").get<std::int64_t>() +
                parts.at("outside_heap_kb").get<std::int64_t>(),
            parts.at("rss_kb").get<std::int64_t>());
  EXPECT_DOUBLE_EQ(parts.at("rss_without_sqlite_pct").get<double>(), 3.13);  // 2000 / 64000
  EXPECT_DOUBLE_EQ(parts.at("sqlite_share_pct").get<double>(), 66.67);
}

TEST(SoakGrowthByParts, IsNullWithoutTheServersFiguresAndHasNoShareWithoutGrowth) {
  EXPECT_TRUE(GrowthByParts(Memory(64000, 70000, nullptr, nullptr, nullptr, nullptr)).is_null());
  EXPECT_TRUE(GrowthByParts(Memory(64000, 70000, 30000, 34000, nullptr, 12000)).is_null());
  EXPECT_TRUE(GrowthByParts(json{{"warmup_kb", 1}, {"end_kb", 2}}).is_null());
  const json flat = GrowthByParts(Memory(64000, 63000, 30000, 30000, 10000, 10500));
  EXPECT_TRUE(flat.at("sqlite_share_pct").is_null());
  EXPECT_EQ(flat.at("outside_heap_kb"), -1000);
}

TEST(SoakReport, TheMarkdownShowsTheHeapSqliteAndTheGrowthByParts) {
  json report = {{"memory", Memory(64000, 70000, 30000, 34500, 10000, 14000)}};
  report["growth_by_parts"] = GrowthByParts(report["memory"]);
  const std::string md = MemoryPartsMarkdown(report);
  EXPECT_NE(md.find("| heap in use (the allocator's count), end of warm-up → end | 29.3 MB → 33.7 MB (+4.4 MB) |"), std::string::npos) << md;
  EXPECT_NE(md.find("| SQLite memory in use, end of warm-up → end | 9.8 MB → 13.7 MB (+3.9 MB) |"), std::string::npos) << md;
  EXPECT_NE(md.find("+5.9 MB = +3.9 MB + +0.5 MB + +1.5 MB"), std::string::npos) << md;
  EXPECT_NE(md.find("without SQLite's growth | 3.13% |"), std::string::npos) << md;
  EXPECT_NE(md.find("is 67% of the settled RSS's growth"), std::string::npos) << md;

  // With the pool's own figures, the sentence says how much of SQLite's growth is page cache.
  json split = report;
  split["memory"]["page_cache_warmup_kb"] = 7000;
  split["memory"]["page_cache_end_kb"] = 10072;
  split["memory"]["statement_warmup_kb"] = 1000;
  split["memory"]["statement_end_kb"] = 1512;
  split["memory"]["statements_warmup"] = 400;
  split["memory"]["statements_end"] = 460;
  const std::string with_split = MemoryPartsMarkdown(split);
  EXPECT_NE(with_split.find("| of which the pool's page caches | 6.8 MB → 9.8 MB (+3.0 MB) |"), std::string::npos)
      << with_split;
  EXPECT_NE(with_split.find("| prepared statements kept by the pool, end of warm-up → end | 400 → 460 |"),
            std::string::npos)
      << with_split;
  EXPECT_NE(with_split.find("SQLite's memory (+3.0 MB in the page caches, which stop at `cache_size`; +0.5 MB in "
                            "prepared statements) is 67%"),
            std::string::npos)
      << with_split;

  json unread = {{"memory", Memory(64000, 70000, nullptr, nullptr, nullptr, nullptr)}};
  unread["growth_by_parts"] = GrowthByParts(unread["memory"]);
  const std::string none = MemoryPartsMarkdown(unread);
  EXPECT_NE(none.find("| heap in use (the allocator's count), end of warm-up → end | not read |"), std::string::npos) << none;
  EXPECT_NE(none.find("not explained by its parts"), std::string::npos) << none;
}

// The sampler keeps what /metrics said with each window and reports it at warm-up's end and at the
// end, in kB like the RSS; windows not scraped have nulls.
TEST(SoakMemorySampler, KeepsTheServersFiguresWithEachWindow) {
  MemorySampler sampler(static_cast<int>(getpid()));
  ASSERT_TRUE(sampler.Sample(0));
  ASSERT_TRUE(sampler.Sample(5, ServerMemory{40 << 20, 8 << 20, 9 << 20}));
  sampler.MarkWarmupEnd();
  ASSERT_TRUE(sampler.Sample(10, ServerMemory{44 << 20, 12 << 20, 12 << 20, 10 << 20, 1 << 20, 321}));
  const json j = sampler.Json();
  EXPECT_EQ(j.at("heap_warmup_kb"), 40 << 10);
  EXPECT_EQ(j.at("heap_end_kb"), 44 << 10);
  EXPECT_EQ(j.at("sqlite_warmup_kb"), 8 << 10);
  EXPECT_EQ(j.at("sqlite_end_kb"), 12 << 10);
  EXPECT_EQ(j.at("sqlite_high_water_kb"), 12 << 10);
  EXPECT_EQ(j.at("page_cache_end_kb"), 10 << 10);
  EXPECT_EQ(j.at("statement_end_kb"), 1 << 10);
  EXPECT_EQ(j.at("statements_end"), 321);
  EXPECT_TRUE(j.at("statements_warmup").is_null());
  EXPECT_TRUE(j.at("samples").at(0).at(6).is_null());
  EXPECT_EQ(j.at("samples").at(2).at(9), 321);
  EXPECT_EQ(j.at("samples").at(2).at(7), 12 << 10);
  EXPECT_GT(j.at("warmup_kb").get<std::int64_t>(), 0);
}

}  // namespace
}  // namespace fd::bench
