#include "domain/form_field_words.h"

#include <array>

#include "domain/field_words.h"
#include "domain/text.h"

namespace fd {
namespace {

constexpr std::array<std::string_view, 3> kDateParts = {"-day", "-month", "-year"};

// "date_of_birth-day" → "date_of_birth", or empty when it is not a date box.
std::string_view DateOf(std::string_view name) {
  for (const auto part : kDateParts)
    if (name.ends_with(part)) return name.substr(0, name.size() - part.size());
  return {};
}

// The page's names as the API's paths, for FieldWords: "children-0-first_names" →
// "children[0].first_names"; "adults-1-role" likewise.
std::string AsPath(std::string_view name) {
  std::string out;
  std::size_t start = 0;
  while (start <= name.size()) {
    const auto dash = name.find('-', start);
    const std::string_view part = name.substr(start, dash == std::string_view::npos ? std::string_view::npos : dash - start);
    const bool number = !part.empty() && part.find_first_not_of("0123456789") == std::string_view::npos;
    if (number && !out.empty()) {
      out.push_back('[');
      out.append(part);
      out.push_back(']');
    } else {
      if (!out.empty()) out.push_back('.');
      out.append(part == "dob" ? std::string_view("date_of_birth") : part);  // the contact form's "dob"
    }
    if (dash == std::string_view::npos) break;
    start = dash + 1;
  }
  return out;
}

}  // namespace

bool NeverKeptFromForm(std::string_view name) {
  return name == "csrf_token" || name.find("password") != std::string_view::npos ||
         name.find("token") != std::string_view::npos;
}

bool HiddenFromPerson(std::string_view name) {
  return NeverKeptFromForm(name) || name == "version" || name == "form_key" || name == "idempotency_key" ||
         name == "action" || name == "child_count" || name == "next";
}

std::string FormFieldLabel(std::string_view name) {
  std::string words = FieldWords(AsPath(name));
  if (words.starts_with("The ")) words = SentenceStart(words.substr(4));
  return words;
}

std::vector<TypedAnswer> TypedAnswers(const FormPairs& fields) {
  std::vector<TypedAnswer> out;
  for (std::size_t i = 0; i < fields.size(); ++i) {
    const auto& [name, value] = fields[i];
    if (HiddenFromPerson(name)) continue;
    if (const auto date = DateOf(name); !date.empty()) {
      // The three boxes of one date, sent one after another: "14 5 2017".
      std::string day, month, year;
      std::size_t j = i;
      for (; j < fields.size() && DateOf(fields[j].first) == date; ++j) {
        const std::string& n = fields[j].first;
        (n.ends_with("-day") ? day : n.ends_with("-month") ? month : year) = Trim(fields[j].second);
      }
      i = j - 1;
      std::string typed;
      for (const auto& part : {day, month, year}) {
        if (part.empty()) continue;
        if (!typed.empty()) typed.push_back(' ');
        typed.append(part);
      }
      if (!typed.empty()) out.push_back({FormFieldLabel(date), typed});
      continue;
    }
    if (Trim(value).empty()) continue;
    out.push_back({FormFieldLabel(name), value});
  }
  return out;
}

}  // namespace fd
