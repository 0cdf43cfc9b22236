#include "app/person_directory.h"

#include <algorithm>
#include <map>
#include <set>
#include <stdexcept>
#include <string>

#include <fmt/format.h>

#include "app/nicknames_embedded.h"
#include "match/normalise.h"
#include "domain/text.h"

namespace fd::app {
namespace {

// A register row can carry any number of names; the matcher takes at most 255 of each kind, and
// more than a handful of alternatives only slows every search that meets them.
constexpr std::size_t kMaxForenames = 12;
constexpr std::size_t kMaxPreviousSurnames = 12;
// Ids per IN (…) list when re-reading changed people: well under every backend's parameter limit.
constexpr std::size_t kIdsPerQuery = 500;

constexpr const char* kPeopleColumns =
    "SELECT id, first_names, last_name, date_of_birth, gender, nhs_number, postcode, merged_into FROM people ";

std::optional<match::DateOfBirth> ParseDate(const std::optional<std::string>& text) {
  if (!text || text->size() != 10 || (*text)[4] != '-' || (*text)[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if ((*text)[i] < '0' || (*text)[i] > '9') return std::nullopt;
  match::DateOfBirth date{std::stoi(text->substr(0, 4)), std::stoi(text->substr(5, 2)), std::stoi(text->substr(8, 2))};
  if (!match::IsValidDate(date)) return std::nullopt;
  return date;
}

match::Gender GenderOf(const std::string& id) {
  if (id == "female") return match::Gender::kFemale;
  if (id == "male") return match::Gender::kMale;
  if (id == "other") return match::Gender::kOther;
  return match::Gender::kNotKnown;
}

// One person as read from the register, before it goes into the index.
struct ReadPerson {
  match::Person person;
  bool merged = false;
  bool row_postcode = false;  // people.postcode was usable, so address rows do not replace it
  std::size_t dropped = 0;    // malformed fields left out
};

ReadPerson FromRow(const store::Row& row) {
  ReadPerson r;
  match::Person& p = r.person;
  p.id = row.Int(0);
  p.forenames = SplitWords(row.Text(1));
  if (p.forenames.size() > kMaxForenames) p.forenames.resize(kMaxForenames);
  p.surname = row.Text(2);
  const auto dob = row.OptionalText(3);
  p.date_of_birth = ParseDate(dob);
  if (dob && !dob->empty() && !p.date_of_birth) ++r.dropped;
  p.gender = GenderOf(row.Text(4));
  if (const std::string nhs = row.Text(5); !nhs.empty()) {
    if (match::NormaliseNhsNumber(nhs)) p.nhs_number = nhs;
    else ++r.dropped;
  }
  if (const std::string postcode = row.Text(6); !postcode.empty()) {
    if (match::NormalisePostcode(postcode)) {
      p.postcode = postcode;
      r.row_postcode = true;
    } else {
      ++r.dropped;
    }
  }
  r.merged = !row.IsNull(7);
  return r;
}

// Adds previous and alternative names and, where people.postcode is empty, the open address's
// postcode, for the people in `by_id`. `where` selects rows by person_id ("person_id BETWEEN ? AND
// ?" or "person_id IN (…)").
void AttachNamesAndAddresses(store::Transaction& tx, std::map<std::int64_t, ReadPerson>& by_id,
                             const std::string& where, const store::Params& params) {
  // sql-scan: allow where is "person_id BETWEEN ? AND ?" or "person_id IN (?,…)" from this file; values are bound
  for (const auto& row : tx.Query("SELECT person_id, first_names, last_name FROM person_names WHERE " + where +
                                      " ORDER BY person_id, id",
                                  params)) {
    auto it = by_id.find(row.Int(0));
    if (it == by_id.end()) continue;
    match::Person& p = it->second.person;
    for (auto& forename : SplitWords(row.Text(1))) {
      const std::string normal = match::NormaliseName(forename);
      const bool known = std::any_of(p.forenames.begin(), p.forenames.end(),
                                     [&](const std::string& f) { return match::NormaliseName(f) == normal; });
      if (!known && !normal.empty() && p.forenames.size() < kMaxForenames) p.forenames.push_back(std::move(forename));
    }
    const std::string surname = row.Text(2);
    const std::string normal = match::NormaliseName(surname);
    const bool known = normal.empty() || normal == match::NormaliseName(p.surname) ||
                       std::any_of(p.previous_surnames.begin(), p.previous_surnames.end(),
                                   [&](const std::string& s) { return match::NormaliseName(s) == normal; });
    if (!known && p.previous_surnames.size() < kMaxPreviousSurnames) p.previous_surnames.push_back(surname);
  }
  // The latest open address (no end date) with a postcode, for people whose row has none:
  // people.postcode is the current one when set, and an address row only fills a gap.
  // sql-scan: allow where as above: placeholders only
  for (const auto& row : tx.Query("SELECT person_id, postcode FROM person_addresses WHERE " + where +
                                      " AND (to_date IS NULL OR to_date = '') AND postcode <> '' ORDER BY person_id, id",
                                  params)) {
    auto it = by_id.find(row.Int(0));
    if (it == by_id.end() || it->second.row_postcode) continue;
    if (const std::string postcode = row.Text(1); match::NormalisePostcode(postcode)) it->second.person.postcode = postcode;
  }
}

// "(?,?,…)" with `count` placeholders. Built by appending: g++ 12 at -O3 misreports
// `"(" + string` (-Wrestrict, GCC bug 105329).
std::string InList(std::size_t count) {
  std::string out = "(";
  for (std::size_t i = 0; i < count; ++i) out += i ? ",?" : "?";
  out += ')';
  return out;
}

// Reads `ids` (any that no longer exist are absent from the result).
std::map<std::int64_t, ReadPerson> ReadPeople(store::Transaction& tx, const std::vector<std::int64_t>& ids) {
  std::map<std::int64_t, ReadPerson> by_id;
  for (std::size_t start = 0; start < ids.size(); start += kIdsPerQuery) {
    const std::size_t count = std::min(kIdsPerQuery, ids.size() - start);
    store::Params params(ids.begin() + static_cast<std::ptrdiff_t>(start),
                         ids.begin() + static_cast<std::ptrdiff_t>(start + count));
    const std::string in = InList(count);
    std::map<std::int64_t, ReadPerson> chunk;
    for (const auto& row : tx.Query(std::string(kPeopleColumns) + "WHERE id IN " + in, params)) {
      ReadPerson person = FromRow(row);
      chunk.emplace(person.person.id, std::move(person));
    }
    AttachNamesAndAddresses(tx, chunk, "person_id IN " + in, params);
    by_id.merge(chunk);
  }
  return by_id;
}

match::NicknameTable ShippedNicknameTable() {
  auto table = match::NicknameTable::Parse(kShippedNicknames);
  // The list is compiled in and checked by the tests, so a bad line is a build defect, not input.
  if (!table) throw std::logic_error(fmt::format("data/nicknames.csv line {}: {}", table.error().line,
                                                 table.error().message));
  return std::move(*table);
}

}  // namespace

std::string_view ShippedNicknameList() { return kShippedNicknames; }

PersonDirectory::PersonDirectory() : PersonDirectory(ShippedNicknameTable(), match::DefaultWeights()) {}

PersonDirectory::PersonDirectory(match::NicknameTable nicknames, match::Weights weights)
    : nicknames_(std::move(nicknames)), weights_(std::move(weights)), index_(nicknames_, weights_) {}

DirectoryLoad PersonDirectory::Load(store::Store& store, std::size_t page_size) {
  const auto started = std::chrono::steady_clock::now();
  std::lock_guard catch_up(catch_up_mutex_);
  DirectoryLoad load;
  // Built beside the live index and swapped in, so searches keep working during a reload. At
  // start the live index is empty, so this costs no extra memory then.
  match::Index fresh(nicknames_, weights_);
  auto tx = store.Begin(store::TransactionMode::kRead);
  // The snapshot's last change, read first: everything at or before it is in the rows below.
  load.last_seq = tx->Query("SELECT COALESCE(MAX(seq), 0) FROM person_changes").at(0).Int(0);
  std::int64_t after = 0;
  page_size = std::max<std::size_t>(page_size, 1);
  for (;;) {
    auto rows = tx->Query(std::string(kPeopleColumns) + "WHERE merged_into IS NULL AND id > ? ORDER BY id LIMIT ?",
                          {after, static_cast<std::int64_t>(page_size)});
    if (rows.empty()) break;
    std::map<std::int64_t, ReadPerson> page;
    for (const auto& row : rows) {
      ReadPerson person = FromRow(row);
      page.emplace(person.person.id, std::move(person));
    }
    const std::int64_t first = page.begin()->first;
    after = page.rbegin()->first;
    rows.clear();
    rows.shrink_to_fit();
    AttachNamesAndAddresses(*tx, page, "person_id BETWEEN ? AND ?", {first, after});
    for (auto& [id, read] : page) {
      load.fields_dropped += read.dropped;
      if (fresh.Add(read.person)) ++load.people;
      else ++load.refused;
    }
    if (page.size() < page_size) break;
  }
  tx.reset();
  {
    std::unique_lock lock(index_mutex_);
    index_ = std::move(fresh);
    last_seq_ = load.last_seq;
    load.index = index_.Stats();
  }
  load.took = std::chrono::duration_cast<std::chrono::milliseconds>(std::chrono::steady_clock::now() - started);
  return load;
}

std::size_t PersonDirectory::CatchUp(store::Store& store) {
  std::lock_guard catch_up(catch_up_mutex_);
  auto tx = store.Begin(store::TransactionMode::kRead);
  std::int64_t seq = last_seq_;
  std::set<std::int64_t> changed;
  for (const auto& row : tx->Query("SELECT seq, person_id FROM person_changes WHERE seq > ? ORDER BY seq", {seq})) {
    seq = row.Int(0);
    changed.insert(row.Int(1));
  }
  if (changed.empty()) return 0;
  auto people = ReadPeople(*tx, std::vector<std::int64_t>(changed.begin(), changed.end()));
  tx.reset();

  std::unique_lock lock(index_mutex_);
  for (std::int64_t id : changed) {
    auto it = people.find(id);
    if (it == people.end() || it->second.merged) {
      if (index_.Contains(id)) (void)index_.Remove(id);
      continue;
    }
    const match::Person& person = it->second.person;
    // A write the matcher refuses (it cannot: fields were checked when read) leaves the old entry.
    if (index_.Contains(id)) (void)index_.Update(person);
    else (void)index_.Add(person);
  }
  last_seq_ = seq;
  return changed.size();
}

std::expected<std::vector<match::Candidate>, match::MatchError> PersonDirectory::Search(
    const match::PersonQuery& query, std::size_t limit, double min_probability) const {
  std::shared_lock lock(index_mutex_);
  return index_.Search(query, limit, min_probability);
}

std::size_t PersonDirectory::size() const {
  std::shared_lock lock(index_mutex_);
  return index_.size();
}

std::int64_t PersonDirectory::last_seq() const {
  std::shared_lock lock(index_mutex_);
  return last_seq_;
}

match::IndexStats PersonDirectory::Stats() const {
  std::shared_lock lock(index_mutex_);
  return index_.Stats();
}

double PersonDirectory::ProbabilityOf(double match_weight) const {
  std::shared_lock lock(index_mutex_);
  return match::Posterior(match_weight, index_.Prior());
}

}  // namespace fd::app
