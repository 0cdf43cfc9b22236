#include "match/record.h"

#include <fmt/format.h>

#include <algorithm>

#include "match/normalise.h"

namespace fd::match {
namespace {

constexpr PackedNhs kNhsPresent = PackedNhs{1} << 40;
// Each forename and surname variant is counted in a byte.
constexpr std::size_t kMaxNames = 255;

std::expected<PackedNhs, MatchError> PackNhs(const std::optional<std::string>& text) {
  if (!text) return PackedNhs{0};
  const auto digits = NormaliseNhsNumber(*text);
  if (!digits) return std::unexpected(MatchError::Invalid("nhs_number", "An NHS number has ten digits"));
  PackedNhs value = 0;
  for (char c : *digits) value = value * 10 + static_cast<PackedNhs>(c - '0');
  return value | kNhsPresent;
}

std::expected<PackedPostcode, MatchError> PackPostcode(const std::optional<std::string>& text) {
  if (!text) return PackedPostcode{0};
  const auto postcode = NormalisePostcode(*text);
  if (!postcode)
    return std::unexpected(MatchError::Invalid("postcode", "Enter a full postcode, like SW1A 1AA"));
  PackedPostcode packed = 0;
  for (char c : *postcode) packed = (packed << 8) | static_cast<unsigned char>(c);
  return packed;
}

std::expected<PackedDate, MatchError> PackCheckedDate(const std::optional<DateOfBirth>& date) {
  if (!date) return PackedDate{0};
  if (!IsValidDate(*date)) {
    return std::unexpected(MatchError::Invalid(
        "date_of_birth",
        fmt::format("{:04}-{:02}-{:02} is not a real date", date->year, date->month, date->day)));
  }
  return PackDate(*date);
}

void AppendUnique(std::vector<std::string>& out, std::string name) {
  if (!name.empty() && std::find(out.begin(), out.end(), name) == out.end()) out.push_back(std::move(name));
}

// Surname variants for the current surname, then for each previous one.
std::vector<std::string> AllSurnameVariants(std::string_view current,
                                            const std::vector<std::string>& previous,
                                            std::size_t* current_count) {
  std::vector<std::string> variants;
  for (std::string& v : SurnameVariants(current)) AppendUnique(variants, std::move(v));
  *current_count = variants.size();
  for (const std::string& p : previous) {
    for (std::string& v : SurnameVariants(p)) AppendUnique(variants, std::move(v));
  }
  return variants;
}

}  // namespace

PackedDate PackDate(const DateOfBirth& date) {
  return static_cast<PackedDate>(date.year * 10000 + date.month * 100 + date.day);
}

DateOfBirth UnpackDate(PackedDate date) {
  const int value = static_cast<int>(date);
  return DateOfBirth{value / 10000, value / 100 % 100, value % 100};
}

std::string PostcodeText(PackedPostcode postcode) {
  std::string text;
  for (; postcode != 0; postcode >>= 8) text.insert(text.begin(), static_cast<char>(postcode & 0xFF));
  return text;
}

std::vector<std::string> SurnameVariants(std::string_view surname) {
  std::vector<std::string> variants;
  AppendUnique(variants, NormaliseName(surname));
  std::vector<std::string> parts = NameWords(surname);
  if (parts.size() > 1) {
    for (std::string& part : parts) AppendUnique(variants, std::move(part));
  }
  return variants;
}

std::expected<StoredPerson, MatchError> PrepareRecord(const Person& person, NamePool& pool) {
  StoredPerson stored;
  stored.id = person.id;
  Record& record = stored.record;
  record.gender = person.gender;
  if (auto nhs = PackNhs(person.nhs_number))
    record.nhs = *nhs;
  else
    return std::unexpected(nhs.error());
  if (auto postcode = PackPostcode(person.postcode))
    record.postcode = *postcode;
  else
    return std::unexpected(postcode.error());
  if (auto date = PackCheckedDate(person.date_of_birth))
    record.date_of_birth = *date;
  else
    return std::unexpected(date.error());

  std::vector<std::string> forenames;
  for (std::string& f : ForenameList(person.forenames)) AppendUnique(forenames, std::move(f));
  std::size_t current_count = 0;
  std::vector<std::string> surnames =
      AllSurnameVariants(person.surname, person.previous_surnames, &current_count);
  if (forenames.size() > kMaxNames || surnames.size() > kMaxNames) {
    return std::unexpected(MatchError::Invalid("forenames", "Too many names for one person"));
  }
  // Inline: first forename, first middle name, whole current surname; the rest goes to extra.
  for (std::size_t i = 0; i < forenames.size(); ++i) {
    const NameId id = pool.Intern(forenames[i]);
    if (i == 0)
      record.forename = id;
    else if (i == 1)
      record.middle = id;
    else
      stored.extra_names.push_back(id);
  }
  record.more_forenames = static_cast<std::uint8_t>(stored.extra_names.size());
  // A previous surname may be the only one recorded; it then stays among the previous names.
  const bool has_current = current_count > 0;
  for (std::size_t i = 0; i < surnames.size(); ++i) {
    const NameId id = pool.Intern(surnames[i]);
    if (has_current && i == 0)
      record.surname = id;
    else
      stored.extra_names.push_back(id);
  }
  record.current_parts = static_cast<std::uint8_t>(has_current ? current_count - 1 : 0);
  record.previous_names = static_cast<std::uint8_t>(surnames.size() - current_count);
  return stored;
}

RecordNames NamesOf(const Record& record, std::span<const NameId> extra_names) {
  RecordNames names;
  if (record.forename != kNoName) names.forenames.push_back(record.forename);
  if (record.middle != kNoName) names.forenames.push_back(record.middle);
  std::size_t at = 0;
  for (std::size_t i = 0; i < record.more_forenames; ++i) names.forenames.push_back(extra_names[at++]);
  if (record.surname != kNoName) names.surnames.push_back(record.surname);
  for (std::size_t i = 0; i < record.current_parts; ++i) names.surnames.push_back(extra_names[at++]);
  names.current_surname_count = names.surnames.size();
  for (std::size_t i = 0; i < record.previous_names; ++i) names.surnames.push_back(extra_names[at++]);
  return names;
}

std::expected<PreparedQuery, MatchError> PrepareQuery(const PersonQuery& query, const NamePool& pool) {
  PreparedQuery prepared;
  prepared.gender = query.gender;
  if (auto nhs = PackNhs(query.nhs_number))
    prepared.nhs = *nhs;
  else
    return std::unexpected(nhs.error());
  if (auto postcode = PackPostcode(query.postcode))
    prepared.postcode = *postcode;
  else
    return std::unexpected(postcode.error());
  if (auto date = PackCheckedDate(query.date_of_birth))
    prepared.date_of_birth = *date;
  else
    return std::unexpected(date.error());

  auto to_query_name = [&pool](std::string name) {
    std::optional<NameId> id = pool.Find(name);
    return QueryName{MakeNameForm(std::move(name)), id};
  };
  std::vector<std::string> forenames;
  for (std::string& f : ForenameList(query.forenames)) AppendUnique(forenames, std::move(f));
  for (std::string& name : forenames) prepared.forenames.push_back(to_query_name(std::move(name)));
  std::vector<std::string> surnames = AllSurnameVariants(query.surname.value_or(""), query.previous_surnames,
                                                         &prepared.current_surname_count);
  for (std::string& name : surnames) prepared.surnames.push_back(to_query_name(std::move(name)));
  return prepared;
}

}  // namespace fd::match
