// The Prometheus text format as written by metrics::Exposition: escaping, numbers, label codes.
#include "metrics/exposition.h"

#include <gtest/gtest.h>

#include <limits>

namespace fd::metrics {
namespace {

TEST(Exposition, WritesHelpTypeAndSamples) {
  Exposition out;
  out.Metric("frontdoor_things", "gauge", "Things.\nWith a \\ and a newline.");
  out.Sample("frontdoor_things", {{"kind", "a\"b\\c\nd"}}, std::int64_t{3});
  out.Sample("frontdoor_things", {}, 1.5);
  EXPECT_EQ(out.text(),
            "# HELP frontdoor_things Things.\\nWith a \\\\ and a newline.\n"
            "# TYPE frontdoor_things gauge\n"
            "frontdoor_things{kind=\"a\\\"b\\\\c\\nd\"} 3\n"
            "frontdoor_things 1.5\n");
}

TEST(Exposition, FormatsSpecialValuesAsTheFormatSpellsThem) {
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::infinity()), "+Inf");
  EXPECT_EQ(FormatValue(-std::numeric_limits<double>::infinity()), "-Inf");
  EXPECT_EQ(FormatValue(std::numeric_limits<double>::quiet_NaN()), "NaN");
  EXPECT_EQ(FormatValue(0.0025), "0.0025");
  EXPECT_EQ(FormatValue(10.0), "10");
}

// Labels from data are codes or "other": free text typed by someone never becomes a label.
TEST(Exposition, CodeLabelKeepsCodesAndReplacesAnythingElse) {
  EXPECT_EQ(CodeLabel("front-door"), "front-door");
  EXPECT_EQ(CodeLabel("HCR-22"), "HCR-22");
  EXPECT_EQ(CodeLabel("Mia Example"), "other");
  EXPECT_EQ(CodeLabel(""), "other");
  EXPECT_EQ(CodeLabel(std::string(41, 'a')), "other");
  EXPECT_EQ(CodeLabel("a\"b"), "other");
}

}  // namespace
}  // namespace fd::metrics
