#include "synth/name_data.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <stdexcept>

#include "synth/synth_data_embedded.h"

namespace fd::synth {
namespace {

std::string_view File(std::string_view name) {
  for (const auto& [file, text] : embedded::kFiles)
    if (file == name) return text;
  throw std::logic_error(fmt::format("synth: no embedded data file {}", name));
}

// Calls row(fields, line_number) for each data line of a CSV file: comments (#), blank lines and
// the header (the first other line) are skipped. Fields hold no commas or quotes in these files.
template <typename Row>
void ForEachRow(std::string_view name, std::size_t columns, Row row) {
  const std::string_view text = File(name);
  std::size_t start = 0;
  int line_number = 0;
  bool header = true;
  while (start < text.size()) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    std::string_view line = text.substr(start, end - start);
    start = end + 1;
    ++line_number;
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    if (line.empty() || line.front() == '#') continue;
    if (header) {
      header = false;
      continue;
    }
    std::vector<std::string_view> fields;
    std::size_t from = 0;
    for (;;) {
      const std::size_t comma = line.find(',', from);
      fields.push_back(line.substr(from, comma == std::string_view::npos ? std::string_view::npos : comma - from));
      if (comma == std::string_view::npos) break;
      from = comma + 1;
    }
    if (fields.size() != columns)
      throw std::logic_error(fmt::format("synth: {} line {}: {} fields, expected {}", name, line_number,
                                         fields.size(), columns));
    row(fields, line_number);
  }
}

double Number(std::string_view file, int line, std::string_view text) {
  double value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (error != std::errc() || end != text.data() + text.size() || value <= 0)
    throw std::logic_error(fmt::format("synth: {} line {}: \"{}\" is not a positive number", file, line, text));
  return value;
}

}  // namespace

void WeightedList::Add(std::string value, double weight) {
  values_.push_back(std::move(value));
  cumulative_.push_back((cumulative_.empty() ? 0.0 : cumulative_.back()) + weight);
}

std::size_t WeightedList::PickIndex(Random& random) const {
  const double at = random.Uniform() * cumulative_.back();
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), at);
  return std::min(static_cast<std::size_t>(it - cumulative_.begin()), values_.size() - 1);
}

const std::string& WeightedList::Pick(Random& random) const { return values_[PickIndex(random)]; }

NameData::NameData() {
  ForEachRow("forenames", 5, [this](const std::vector<std::string_view>& f, int line) {
    if ((f[1] != "f" && f[1] != "m") || (f[2] != "child" && f[2] != "adult" && f[2] != "any"))
      throw std::logic_error(fmt::format("synth: forenames line {}: bad sex or cohort", line));
    forenames_[fmt::format("{}/{}/{}", f[0], f[1], f[2])].Add(std::string(f[3]), Number("forenames", line, f[4]));
  });
  ForEachRow("surnames", 3, [this](const std::vector<std::string_view>& f, int line) {
    surnames_[std::string(f[0])].Add(std::string(f[1]), Number("surnames", line, f[2]));
  });
  ForEachRow("groups", 2, [this](const std::vector<std::string_view>& f, int line) {
    groups_.Add(std::string(f[0]), Number("groups", line, f[1]));
  });
  ForEachRow("surname_parts", 3, [this](const std::vector<std::string_view>& f, int line) {
    WeightedList* list = f[0] == "stem" ? &stems_ : f[0] == "middle" ? &middles_ : f[0] == "ending" ? &endings_ : nullptr;
    if (!list) throw std::logic_error(fmt::format("synth: surname_parts line {}: unknown kind", line));
    list->Add(std::string(f[1]), Number("surname_parts", line, f[2]));
  });
  ForEachRow("districts", 4, [this](const std::vector<std::string_view>& f, int line) {
    District d;
    d.area = std::string(f[0]);
    d.number = static_cast<int>(Number("districts", line, f[1]));
    d.town = std::string(f[2]);
    district_weights_.Add(std::to_string(districts_.size()), Number("districts", line, f[3]));
    districts_.push_back(std::move(d));
  });
  ForEachRow("streets", 2, [this](const std::vector<std::string_view>& f, int line) {
    if (f[0] == "stem") street_stems_.emplace_back(f[1]);
    else if (f[0] == "type") street_types_.emplace_back(f[1]);
    else throw std::logic_error(fmt::format("synth: streets line {}: unknown kind", line));
  });
  nicknames_csv_ = File("nicknames");
  for (const std::string& group : groups_.values()) {
    if (!surnames_.contains(group)) throw std::logic_error("synth: no surnames for group " + group);
    for (const char* sex : {"f", "m"})
      if (!forenames_.contains(fmt::format("{}/{}/any", group, sex)) &&
          !forenames_.contains(fmt::format("{}/{}/child", group, sex)))
        throw std::logic_error(fmt::format("synth: no forenames for group {} sex {}", group, sex));
  }
  if (!surnames_.contains("british") || stems_.empty() || endings_.empty() || districts_.empty() ||
      street_stems_.empty() || street_types_.empty())
    throw std::logic_error("synth: an embedded list is empty");
}

const NameData& NameData::Get() {
  static const NameData data;
  return data;
}

const WeightedList& NameData::Forenames(std::string_view group, Sex sex, bool child) const {
  const char* s = sex == Sex::kFemale ? "f" : "m";
  for (std::string_view g : {group, std::string_view("british")}) {
    if (auto it = forenames_.find(fmt::format("{}/{}/{}", g, s, child ? "child" : "adult")); it != forenames_.end())
      return it->second;
    if (auto it = forenames_.find(fmt::format("{}/{}/any", g, s)); it != forenames_.end()) return it->second;
  }
  throw std::logic_error("synth: no British forenames");  // checked in the constructor
}

const WeightedList& NameData::Surnames(std::string_view group) const {
  if (auto it = surnames_.find(group); it != surnames_.end()) return it->second;
  return surnames_.find("british")->second;
}

}  // namespace fd::synth
