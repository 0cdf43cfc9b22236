#include "web/dashboard_charts.h"

#include <fmt/format.h>

#include <algorithm>

#include "domain/text.h"

namespace fd::web {
namespace {

constexpr double kWidth = 640;     // the viewBox width; the CSS scales the chart to its column
constexpr double kValueRoom = 90;  // room at the right of a bar for its value

// The opening of every chart: role="img" named by its <title> and described by its <desc>.
std::string Open(const std::string& id, double height, const std::string& title, const std::string& desc,
                 double width = kWidth) {
  return fmt::format(
      "<svg class=\"app-chart\" id=\"{0}\" viewBox=\"0 0 {1:.0f} {2:.0f}\" role=\"img\" "
      "aria-labelledby=\"{0}-title {0}-desc\" focusable=\"false\" xmlns=\"http://www.w3.org/2000/svg\">"
      "<title id=\"{0}-title\">{3}</title><desc id=\"{0}-desc\">{4}</desc>",
      EscapeMarkup(id), width, height, EscapeMarkup(title), EscapeMarkup(desc));
}

double Scale(std::int64_t value, std::int64_t max, double room) {
  if (max <= 0 || value <= 0) return 0;
  return room * static_cast<double>(value) / static_cast<double>(max);
}

}  // namespace

std::string HorizontalBarChart(const std::string& id, const std::string& title, const std::string& desc,
                               const std::vector<ChartBar>& bars) {
  constexpr double kRow = 44;
  const double height = std::max(1.0, static_cast<double>(bars.size())) * kRow + 4;
  std::int64_t max = 0;
  for (const auto& b : bars) max = std::max(max, b.value);
  std::string svg = Open(id, height, title, desc);
  double y = 0;
  for (const auto& b : bars) {
    const double w = Scale(b.value, max, kWidth - kValueRoom);
    svg += fmt::format("<text class=\"app-chart__label\" x=\"0\" y=\"{:.0f}\">{}</text>", y + 16,
                       EscapeMarkup(b.label));
    svg +=
        fmt::format("<rect class=\"app-chart__track\" x=\"0\" y=\"{:.0f}\" width=\"{:.1f}\" height=\"16\"/>",
                    y + 22, kWidth - kValueRoom);
    if (w > 0)
      svg += fmt::format(
          "<rect class=\"app-chart__bar\" x=\"0\" y=\"{:.0f}\" width=\"{:.1f}\" height=\"16\"/>", y + 22, w);
    svg += fmt::format("<text class=\"app-chart__value\" x=\"{:.1f}\" y=\"{:.0f}\">{}</text>",
                       kWidth - kValueRoom + 8, y + 35, EscapeMarkup(b.value_text));
    y += kRow;
  }
  if (bars.empty()) svg += "<text class=\"app-chart__label\" x=\"0\" y=\"28\">Nothing to show</text>";
  return svg + "</svg>";
}

std::string ColumnChart(const std::string& id, const std::string& title, const std::string& desc,
                        const std::vector<ChartBar>& columns, const std::string& first_label,
                        const std::string& last_label) {
  constexpr double kHeight = 230, kLeft = 44, kTop = 12, kBottom = 40;
  const double plot_w = kWidth - kLeft, plot_h = kHeight - kTop - kBottom;
  std::int64_t max = 0;
  for (const auto& c : columns) max = std::max(max, c.value);
  std::string svg = Open(id, kHeight, title, desc);
  const double base = kTop + plot_h;
  svg += fmt::format(
      "<line class=\"app-chart__axis\" x1=\"{0:.0f}\" y1=\"{1:.0f}\" x2=\"{2:.0f}\" y2=\"{1:.0f}\"/>", kLeft,
      base, kWidth);
  svg += fmt::format(
      "<line class=\"app-chart__axis\" x1=\"{0:.0f}\" y1=\"{1:.0f}\" x2=\"{0:.0f}\" y2=\"{2:.0f}\"/>", kLeft,
      kTop, base);
  svg += fmt::format("<text class=\"app-chart__value\" x=\"0\" y=\"{:.0f}\">{}</text>", kTop + 10, max);
  svg += fmt::format("<text class=\"app-chart__value\" x=\"0\" y=\"{:.0f}\">0</text>", base);
  const double slot = columns.empty() ? plot_w : plot_w / static_cast<double>(columns.size());
  const double bar = std::max(1.0, slot * 0.8);
  for (std::size_t i = 0; i < columns.size(); ++i) {
    const double h = Scale(columns[i].value, max, plot_h);
    if (h <= 0) continue;
    svg += fmt::format(
        "<rect class=\"app-chart__bar\" x=\"{:.1f}\" y=\"{:.1f}\" width=\"{:.1f}\" height=\"{:.1f}\"/>",
        kLeft + slot * static_cast<double>(i) + (slot - bar) / 2, base - h, bar, h);
  }
  svg += fmt::format("<text class=\"app-chart__label\" x=\"{:.0f}\" y=\"{:.0f}\">{}</text>", kLeft, base + 24,
                     EscapeMarkup(first_label));
  svg += fmt::format(
      "<text class=\"app-chart__label app-chart__label--end\" x=\"{:.0f}\" y=\"{:.0f}\">{}</text>", kWidth,
      base + 24, EscapeMarkup(last_label));
  return svg + "</svg>";
}

std::string RateChart(const std::string& id, const std::string& title, const std::string& desc,
                      std::optional<double> percent) {
  // Narrower than the bar charts: it sits in half a column, and is drawn there at its own size.
  constexpr double kRateWidth = 440;
  std::string svg = Open(id, 82, title, desc, kRateWidth);
  svg += fmt::format("<text class=\"app-chart__big\" x=\"0\" y=\"50\">{}</text>",
                     percent ? fmt::format("{:.1f}%", *percent) : std::string("No figure"));
  svg += fmt::format("<rect class=\"app-chart__track\" x=\"0\" y=\"64\" width=\"{:.0f}\" height=\"14\"/>",
                     kRateWidth);
  if (percent && *percent > 0)
    svg += fmt::format("<rect class=\"app-chart__bar\" x=\"0\" y=\"64\" width=\"{:.1f}\" height=\"14\"/>",
                       kRateWidth * std::min(100.0, *percent) / 100.0);
  return svg + "</svg>";
}

std::string StackedBarChart(const std::string& id, const std::string& title, const std::string& desc,
                            const std::vector<StackedRow>& rows,
                            const std::vector<std::string>& segment_names,
                            const std::vector<std::string>& segment_classes) {
  constexpr double kRow = 44, kKey = 34;
  const double height = kKey + std::max(1.0, static_cast<double>(rows.size())) * kRow + 4;
  std::int64_t max = 0;
  for (const auto& r : rows) {
    std::int64_t sum = 0;
    for (auto s : r.segments) sum += s;
    max = std::max(max, sum);
  }
  std::string svg = Open(id, height, title, desc);
  // The key: a swatch and a name for each segment, across the top.
  double x = 0;
  for (std::size_t i = 0; i < segment_names.size() && i < segment_classes.size(); ++i) {
    svg += fmt::format("<rect class=\"{}\" x=\"{:.0f}\" y=\"6\" width=\"14\" height=\"14\"/>",
                       EscapeMarkup(segment_classes[i]), x);
    svg += fmt::format("<text class=\"app-chart__label\" x=\"{:.0f}\" y=\"18\">{}</text>", x + 20,
                       EscapeMarkup(segment_names[i]));
    x += 40 + 8.0 * static_cast<double>(segment_names[i].size());
  }
  double y = kKey;
  for (const auto& r : rows) {
    svg += fmt::format("<text class=\"app-chart__label\" x=\"0\" y=\"{:.0f}\">{}</text>", y + 16,
                       EscapeMarkup(r.label));
    svg +=
        fmt::format("<rect class=\"app-chart__track\" x=\"0\" y=\"{:.0f}\" width=\"{:.1f}\" height=\"16\"/>",
                    y + 22, kWidth - kValueRoom);
    double at = 0;
    std::int64_t sum = 0;
    for (std::size_t i = 0; i < r.segments.size() && i < segment_classes.size(); ++i) {
      const double w = Scale(r.segments[i], max, kWidth - kValueRoom);
      sum += r.segments[i];
      if (w <= 0) continue;
      svg += fmt::format("<rect class=\"{}\" x=\"{:.1f}\" y=\"{:.0f}\" width=\"{:.1f}\" height=\"16\"/>",
                         EscapeMarkup(segment_classes[i]), at, y + 22, w);
      at += w;
    }
    svg += fmt::format("<text class=\"app-chart__value\" x=\"{:.1f}\" y=\"{:.0f}\">{}</text>",
                       kWidth - kValueRoom + 8, y + 35, sum);
    y += kRow;
  }
  return svg + "</svg>";
}

}  // namespace fd::web
