#include "app/person_search.h"

#include <map>
#include <set>

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "app/permissions.h"
#include "app/person_directory.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/contact.h"
#include "match/normalise.h"
#include "domain/text.h"

namespace fd::app {
namespace {

using nlohmann::json;

constexpr std::size_t kMaxNameLength = 200;
constexpr const char* kDefaultAsk = "Ask a team manager: this record is restricted";

std::optional<match::DateOfBirth> ParseDate(const std::string& text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  for (std::size_t i : {0, 1, 2, 3, 5, 6, 8, 9})
    if (text[i] < '0' || text[i] > '9') return std::nullopt;
  match::DateOfBirth date{std::stoi(text.substr(0, 4)), std::stoi(text.substr(5, 2)), std::stoi(text.substr(8, 2))};
  if (!match::IsValidDate(date)) return std::nullopt;
  return date;
}

match::Gender MatchGender(Gender gender) {
  switch (gender) {
    case Gender::kFemale: return match::Gender::kFemale;
    case Gender::kMale: return match::Gender::kMale;
    case Gender::kOther: return match::Gender::kOther;
    default: return match::Gender::kNotKnown;
  }
}

// Checks every field, naming each one at fault, and builds the matcher's query.
// `today`: a date of birth after it is refused (a slip; no one on the register was born then).
Result<match::PersonQuery> Prepare(const PersonSearchQuery& q, std::size_t limit, std::chrono::year_month_day today) {
  std::vector<FieldError> errors;
  match::PersonQuery out;
  if (q.first_names.size() > kMaxNameLength)
    errors.push_back({"first_names", "First names must be 200 characters or fewer"});
  if (q.last_name.size() > kMaxNameLength) errors.push_back({"last_name", "Last name must be 200 characters or fewer"});
  out.forenames = SplitWords(q.first_names);
  if (auto words = SplitWords(q.last_name); !words.empty()) out.surname = q.last_name;
  if (!q.date_of_birth.empty()) {
    out.date_of_birth = ParseDate(q.date_of_birth);
    if (!out.date_of_birth)
      errors.push_back({"date_of_birth", "Enter the date of birth as a real date, YYYY-MM-DD, like 2017-05-14"});
    else if (std::chrono::year{out.date_of_birth->year} / out.date_of_birth->month / out.date_of_birth->day > today)
      errors.push_back({"date_of_birth", "The date of birth cannot be in the future"});
  }
  if (!q.nhs_number.empty()) {
    if (match::NormaliseNhsNumber(q.nhs_number)) out.nhs_number = q.nhs_number;
    else errors.push_back({"nhs_number", "Enter the NHS number as 10 digits, like 943 476 5919"});
  }
  if (!q.postcode.empty()) {
    if (match::NormalisePostcode(q.postcode)) out.postcode = q.postcode;
    else errors.push_back({"postcode", "Enter a full postcode, like EX1 2AB"});
  }
  if (!q.gender.empty()) {
    if (auto gender = GenderFromId(q.gender)) out.gender = MatchGender(*gender);
    else errors.push_back({"gender", "Choose the gender: female, male, other or not known"});
  }
  if (limit < 1 || limit > kMaxSearchLimit)
    errors.push_back({"limit", fmt::format("Limit must be a whole number from 1 to {}", kMaxSearchLimit)});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return out;
}

std::string_view FieldId(match::Field field) {
  switch (field) {
    case match::Field::kForename: return "first_names";
    case match::Field::kSurname: return "last_name";
    case match::Field::kDateOfBirth: return "date_of_birth";
    case match::Field::kGender: return "gender";
    case match::Field::kNhsNumber: return "nhs_number";
    case match::Field::kPostcode: return "postcode";
  }
  return "field";
}

std::string_view FieldLabel(match::Field field) {
  switch (field) {
    case match::Field::kForename: return "First name";
    case match::Field::kSurname: return "Last name";
    case match::Field::kDateOfBirth: return "Date of birth";
    case match::Field::kGender: return "Gender";
    case match::Field::kNhsNumber: return "NHS number";
    case match::Field::kPostcode: return "Postcode";
  }
  return "Field";
}

std::string District(const std::string& postcode) {
  auto normal = match::NormalisePostcode(postcode);
  return normal ? std::string(match::OutwardCode(*normal)) : std::string();
}

// The matcher's reason, in words; the postcode's says the district only, never the record's
// full postcode (the searcher sees the district, nothing finer).
MatchReason ReasonOf(const match::Reason& r, const std::string& district) {
  std::string detail = r.detail;
  if (r.field == match::Field::kPostcode) {
    switch (r.level) {
      case match::Level::kExact: detail = "the same postcode"; break;
      case match::Level::kSameDistrict:
        detail = district.empty() ? "the same district, a different postcode"
                                  : fmt::format("the same district ({}), a different postcode", district);
        break;
      case match::Level::kMissing: break;
      default: detail = "a different postcode"; break;
    }
  }
  return MatchReason{std::string(FieldId(r.field)), std::string(match::LevelName(r.level)),
                     std::string(match::AgreementName(r.agreement)), r.weight,
                     fmt::format("{}: {}", FieldLabel(r.field), detail)};
}

// "(?,?,…)" with `count` placeholders. Built by appending: g++ 12 at -O3 misreports
// `"(" + string` (-Wrestrict, GCC bug 105329).
std::string InList(std::size_t count) {
  std::string out = "(";
  for (std::size_t i = 0; i < count; ++i) out += i ? ",?" : "?";
  out += ')';
  return out;
}

template <typename Ids>
store::Params ParamsOf(const Ids& ids) {
  return store::Params(ids.begin(), ids.end());
}

// What the register says about one candidate, read in the search's transaction.
struct Held {
  std::string first_names, last_name, date_of_birth, gender, postcode, household, ask;
  bool restricted = false, visible = false, open = false;
  std::optional<std::int64_t> worker, team;
};

// Names of users and teams by id, read once per search.
std::string NameOf(store::Transaction& tx, const char* table, const char* column, std::optional<std::int64_t> id,
                   std::map<std::pair<std::string, std::int64_t>, std::string>& cache) {
  if (!id) return "";
  auto key = std::make_pair(std::string(table), *id);
  if (auto it = cache.find(key); it != cache.end()) return it->second;
  // sql-scan: allow table and column are constants of the callers (users/display_name, teams/name)
  auto rows = tx.Query(fmt::format("SELECT {} FROM {} WHERE id = ?", column, table), {*id});
  return cache[key] = rows.empty() ? std::string() : rows.front().Text(0);
}

// The register's rows for `ids` still current (not merged, not deleted since the index saw them).
std::map<std::int64_t, Held> ReadHeld(store::Transaction& tx, const Actor& actor, const std::set<std::int64_t>& ids) {
  std::map<std::int64_t, Held> held;
  if (ids.empty()) return held;
  const std::string in = InList(ids.size());
  const store::Params params = ParamsOf(ids);
  for (const auto& row : tx.Query("SELECT id, first_names, last_name, date_of_birth, gender, postcode, household, "
                                  "restricted, restricted_ask, open_case, allocated_user_id, team_id FROM people "
                                  "WHERE merged_into IS NULL AND id IN " + in,
                                  params)) {
    Held h;
    h.first_names = row.Text(1);
    h.last_name = row.Text(2);
    h.date_of_birth = row.Text(3);
    h.gender = row.Text(4);
    h.postcode = row.Text(5);
    h.household = row.Text(6);
    h.restricted = row.Int(7) != 0;
    h.visible = true;
    h.open = row.Int(9) != 0;
    h.worker = row.OptionalInt(10);
    h.team = row.OptionalInt(11);
    held.emplace(row.Int(0), std::move(h));
  }
  for (auto& [id, ask] : RestrictedFrom(tx, actor, ids))
    if (auto it = held.find(id); it != held.end()) {
      it->second.visible = false;
      it->second.ask = std::move(ask);
    }
  // Open involvements: the case is open, and the latest-started one names the worker and team
  // when the person's row does not.
  for (const auto& row : tx.Query("SELECT person_id, allocated_user_id, team_id FROM involvements WHERE person_id IN " +
                                      in + " AND (ended_on IS NULL OR ended_on = '') ORDER BY person_id, started_on, id",
                                  params)) {
    auto it = held.find(row.Int(0));
    if (it == held.end()) continue;
    Held& h = it->second;
    h.open = true;
    if (!h.worker && row.OptionalInt(1)) h.worker = row.OptionalInt(1);
    if (!h.team && row.OptionalInt(2)) h.team = row.OptionalInt(2);
  }
  // The current address's postcode when the row has none.
  for (const auto& row : tx.Query("SELECT person_id, postcode FROM person_addresses WHERE person_id IN " + in +
                                      " AND (to_date IS NULL OR to_date = '') AND postcode <> '' ORDER BY person_id, id",
                                  params))
    if (auto it = held.find(row.Int(0)); it != held.end() && it->second.postcode.empty()) it->second.postcode = row.Text(1);
  return held;
}

// For each of `held`, whether a sibling or half-sibling (by relationship), or another child of the
// same household, has an open case. Restricted siblings the actor may not see do not count: their
// being open is more than "a record exists".
std::set<std::int64_t> WithOpenSibling(store::Transaction& tx, const Actor& actor, const std::map<std::int64_t, Held>& held) {
  std::map<std::int64_t, std::set<std::int64_t>> siblings;  // candidate → siblings
  std::set<std::int64_t> ids;
  for (const auto& [id, h] : held) ids.insert(id);
  if (ids.empty()) return {};
  const std::string in = InList(ids.size());
  store::Params twice = ParamsOf(ids);
  twice.insert(twice.end(), ids.begin(), ids.end());
  for (const auto& row : tx.Query("SELECT person_id, related_person_id FROM relationships WHERE kind IN ('sibling', "
                                  "'half_sibling') AND (person_id IN " + in + " OR related_person_id IN " + in + ")",
                                  twice)) {
    const std::int64_t a = row.Int(0), b = row.Int(1);
    if (ids.contains(a)) siblings[a].insert(b);
    if (ids.contains(b)) siblings[b].insert(a);
  }
  std::map<std::string, std::vector<std::int64_t>> by_household;
  for (const auto& [id, h] : held)
    if (!h.household.empty()) by_household[h.household].push_back(id);
  if (!by_household.empty()) {
    store::Params households;
    for (const auto& [key, members] : by_household) households.emplace_back(key);
    for (const auto& row : tx.Query("SELECT id, household FROM people WHERE is_child = 1 AND merged_into IS NULL AND "
                                    "household IN " + InList(households.size()),
                                    households))
      for (std::int64_t candidate : by_household[row.Text(1)])
        if (candidate != row.Int(0)) siblings[candidate].insert(row.Int(0));
  }
  std::set<std::int64_t> all;
  for (const auto& [candidate, set] : siblings) all.insert(set.begin(), set.end());
  if (all.empty()) return {};
  store::Params params = ParamsOf(all);
  params.emplace_back(actor.user_id);
  std::set<std::int64_t> open;
  for (const auto& row : tx.Query(
           "SELECT p.id FROM people p WHERE p.merged_into IS NULL AND p.id IN " + InList(all.size()) +
           " AND (p.restricted = 0 OR EXISTS (SELECT 1 FROM restricted_viewers v WHERE v.person_id = p.id AND v.user_id = ?)) "
           "AND (p.open_case = 1 OR EXISTS (SELECT 1 FROM involvements i WHERE i.person_id = p.id AND "
           "(i.ended_on IS NULL OR i.ended_on = '')))",
           params))
    open.insert(row.Int(0));
  std::set<std::int64_t> out;
  for (const auto& [candidate, set] : siblings)
    for (std::int64_t s : set)
      if (open.contains(s)) out.insert(candidate);
  return out;
}

}  // namespace

std::map<std::int64_t, std::string> RestrictedFrom(store::Transaction& tx, const Actor& actor,
                                                   const std::set<std::int64_t>& ids) {
  std::map<std::int64_t, std::string> hidden;
  if (ids.empty()) return hidden;
  store::Params params = ParamsOf(ids);
  params.emplace_back(actor.user_id);
  // The record as it is now: a merged one stands for the record it went into.
  for (const auto& row : tx.Query(
           "SELECT p.id, COALESCE(k.restricted_ask, p.restricted_ask) FROM people p "
           "LEFT JOIN people k ON k.id = p.merged_into WHERE p.id IN " + InList(ids.size()) +
               " AND COALESCE(k.restricted, p.restricted) = 1 AND NOT EXISTS (SELECT 1 FROM restricted_viewers v "
               "WHERE v.person_id = COALESCE(k.id, p.id) AND v.user_id = ?)",
           params)) {
    const std::string ask = row.Text(1);
    hidden.emplace(row.Int(0), ask.empty() ? std::string(kDefaultAsk) : ask);
  }
  return hidden;
}

std::string_view MatchBandId(MatchBand band) { return band == MatchBand::kLikely ? "likely" : "possible"; }
std::string_view MatchBandWords(MatchBand band) { return band == MatchBand::kLikely ? "very likely" : "possible"; }

PersonSearchQuery QueryForChild(const Child& child) {
  PersonSearchQuery q;
  q.first_names = child.first_names;
  q.last_name = child.last_name;
  if (child.date_of_birth) q.date_of_birth = FormatIsoDate(*child.date_of_birth);
  q.nhs_number = child.nhs_number;
  if (child.gender != Gender::kNotKnown) q.gender = std::string(GenderId(child.gender));
  return q;
}

Result<PersonSearchResult> SearchPeople(AppContext& ctx, const Actor& actor, const PersonSearchQuery& query,
                                        std::size_t limit) {
  if (auto allowed = Authorise(actor, Action::kViewRegister); !allowed) return std::unexpected(allowed.error());
  auto prepared = Prepare(query, limit, calendar::LocalDate(ctx.clock.Now(), ctx.time_zone));
  if (!prepared) return std::unexpected(prepared.error());
  PersonSearchResult result;
  if (query.empty()) return result;
  if (!ctx.people) return std::unexpected(Error::Unavailable("The people register is not loaded; try again shortly"));

  ctx.people->CatchUp(ctx.store);
  // Only candidates it would show: the search then skips, unread, those who cannot reach the band.
  auto found = ctx.people->Search(*prepared, limit, kPossibleMatch);
  if (!found) return std::unexpected(Error::InvalidField(found.error().field, found.error().message));

  std::set<std::int64_t> ids;
  for (const auto& c : *found)
    if (c.probability >= kPossibleMatch) ids.insert(c.id);

  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  const auto held = ReadHeld(*tx, actor, ids);
  const auto open_siblings = WithOpenSibling(*tx, actor, held);
  std::map<std::pair<std::string, std::int64_t>, std::string> names;
  json shown = json::array();
  int restricted = 0;
  for (const auto& c : *found) {
    auto it = held.find(c.id);
    if (c.probability < kPossibleMatch || it == held.end()) continue;
    const Held& h = it->second;
    shown.push_back(c.id);
    PersonCandidate out;
    if (!h.visible) {
      ++restricted;
      out.restricted = true;
      out.ask = h.ask;
      result.candidates.push_back(std::move(out));
      continue;
    }
    out.id = c.id;
    out.probability = c.probability;
    out.match_weight = c.match_weight;
    out.band = c.probability >= kLikelyMatch ? MatchBand::kLikely : MatchBand::kPossible;
    out.first_names = h.first_names;
    out.last_name = h.last_name;
    out.date_of_birth = h.date_of_birth;
    out.gender = h.gender;
    out.postcode_district = District(h.postcode);
    out.open = h.open;
    out.allocated_worker = NameOf(*tx, "users", "display_name", h.worker, names);
    out.team = NameOf(*tx, "teams", "name", h.team, names);
    out.sibling_open = open_siblings.contains(c.id);
    for (const auto& r : c.reasons) out.reasons.push_back(ReasonOf(r, out.postcode_district));
    result.candidates.push_back(std::move(out));
  }
  // Which fields were searched on and what was shown, never the values searched for: see
  // docs/decisions.md "People register search".
  json fields = json::array();
  for (const auto& [name, value] : {std::pair{"first_names", &query.first_names}, {"last_name", &query.last_name},
                                    {"date_of_birth", &query.date_of_birth}, {"nhs_number", &query.nhs_number},
                                    {"postcode", &query.postcode}, {"gender", &query.gender}})
    if (!value->empty()) fields.push_back(name);
  audit::Append(*tx, {now, actor.user_id, actor.username, "person.searched", "person", "",
                      {{"fields", fields}, {"candidates", result.candidates.size()}, {"restricted", restricted},
                       {"shown", shown}}});
  tx->Commit();
  return result;
}

}  // namespace fd::app
