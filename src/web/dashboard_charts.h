// The dashboard's charts as server-rendered SVG (issue 9 point 1): no script, no inline style (the
// Content-Security-Policy allows neither), colours and type from classes in static/dashboard.css.
// Each chart is role="img" with a <title> and a <desc> saying what it shows in words; the page puts
// a data table beside every chart for anyone who cannot see it. Labels are escaped here: the
// result goes into the page unescaped ({{{svg}}}).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace fd::web {

struct ChartBar {
  std::string label;
  std::int64_t value = 0;
  std::string value_text;  // as shown at the end of the bar: "12", "12 (40%)"
};

// One horizontal bar per row, its label above it (contacts by source, outcomes, consultations).
std::string HorizontalBarChart(const std::string& id, const std::string& title, const std::string& desc,
                               const std::vector<ChartBar>& bars);

// One column per day, with the first and last day named under the axis and the highest value beside it.
std::string ColumnChart(const std::string& id, const std::string& title, const std::string& desc,
                        const std::vector<ChartBar>& columns, const std::string& first_label,
                        const std::string& last_label);

// A big percentage and a bar filled to it (timeliness, conversion, re-referrals); "No figure" when
// there is nothing to count. The page says "N of M …" beside it, where the words can wrap.
std::string RateChart(const std::string& id, const std::string& title, const std::string& desc,
                      std::optional<double> percent);

// One bar per row split into segments, with a key (deadlines by rule: open, met on time, met late,
// breached). `segment_classes` name each segment's colour class in static/dashboard.css.
struct StackedRow {
  std::string label;
  std::vector<std::int64_t> segments;
};
std::string StackedBarChart(const std::string& id, const std::string& title, const std::string& desc,
                            const std::vector<StackedRow>& rows,
                            const std::vector<std::string>& segment_names,
                            const std::vector<std::string>& segment_classes);

}  // namespace fd::web
