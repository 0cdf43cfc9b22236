#include "synth/queries.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <stdexcept>

#include "match/normalise.h"
#include "synth/nhs.h"
#include "synth/places.h"

namespace fd::synth {
namespace {

const ErrorRate& Rate(std::string_view tag) {
  for (const ErrorRate& r : kErrorMix)
    if (r.tag == tag) return r;
  throw std::logic_error(fmt::format("synth: no error {}", tag));
}

double RateFor(std::string_view tag, bool child) { return child ? Rate(tag).child_rate : Rate(tag).adult_rate; }

// Picks at most one of `tags` by their rates (which sum to under 1); "" for none.
std::string_view PickOne(Random& random, std::initializer_list<std::string_view> tags, bool child) {
  double u = random.Uniform();
  for (std::string_view tag : tags) {
    u -= RateFor(tag, child);
    if (u < 0) return tag;
  }
  return "";
}

bool IsAsciiLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

// A slip of the keyboard: a letter (never the first) replaced, dropped or doubled.
std::string Typo(Random& random, std::string name) {
  std::vector<std::size_t> at;
  for (std::size_t i = 1; i < name.size(); ++i)
    if (IsAsciiLetter(name[i])) at.push_back(i);
  if (at.empty()) return name;
  const std::size_t i = at[random.Below(at.size())];
  const int kind = static_cast<int>(random.Below(name.size() >= 4 ? 3 : 2));
  if (kind == 0) {
    char c = name[i];
    while (std::tolower(static_cast<unsigned char>(c)) == std::tolower(static_cast<unsigned char>(name[i])))
      c = static_cast<char>('a' + random.Below(26));
    name[i] = c;
  } else if (kind == 1) {
    name.insert(i, 1, static_cast<char>(std::tolower(static_cast<unsigned char>(name[i]))));
  } else {
    name.erase(i, 1);
  }
  return name;
}

// Two adjacent, different letters (after the first) swapped; nullopt when there are none.
std::optional<std::string> Transpose(Random& random, std::string name) {
  std::vector<std::size_t> at;
  for (std::size_t i = 1; i + 1 < name.size(); ++i)
    if (IsAsciiLetter(name[i]) && IsAsciiLetter(name[i + 1]) &&
        std::tolower(static_cast<unsigned char>(name[i])) != std::tolower(static_cast<unsigned char>(name[i + 1])))
      at.push_back(i);
  if (at.empty()) return std::nullopt;
  const std::size_t i = at[random.Below(at.size())];
  std::swap(name[i], name[i + 1]);
  return name;
}

std::string Capitalised(std::string name) {
  if (!name.empty()) name[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(name[0])));
  return name;
}

// Latin letters with accents replaced by their base letters, as typed on a UK keyboard.
std::string WithoutAccents(const std::string& name) {
  static const std::pair<std::string_view, char> kFolds[] = {
      {"ł", 'l'}, {"Ł", 'L'}, {"ś", 's'}, {"Ś", 'S'}, {"ó", 'o'}, {"ź", 'z'}, {"ż", 'z'}, {"Ż", 'Z'}, {"ą", 'a'},
      {"ę", 'e'}, {"ć", 'c'}, {"ń", 'n'}, {"ț", 't'}, {"ș", 's'}, {"Ș", 'S'}, {"ă", 'a'}, {"â", 'a'}, {"î", 'i'},
      {"ė", 'e'}, {"č", 'c'}, {"Ž", 'Z'}, {"ž", 'z'}, {"ū", 'u'}, {"ş", 's'}, {"Ş", 'S'}, {"ç", 'c'}, {"Ç", 'C'},
      {"ğ", 'g'}, {"ı", 'i'}, {"ö", 'o'}, {"Ö", 'O'}, {"ü", 'u'}, {"Ü", 'U'}, {"é", 'e'}, {"ë", 'e'}, {"ï", 'i'}};
  std::string out;
  for (std::size_t i = 0; i < name.size();) {
    bool folded = false;
    for (const auto& [from, to] : kFolds)
      if (name.compare(i, from.size(), from) == 0) {
        out.push_back(to);
        i += from.size();
        folded = true;
        break;
      }
    if (!folded) out.push_back(name[i++]);
  }
  return out;
}

bool HasNonAscii(const std::string& s) {
  return std::any_of(s.begin(), s.end(), [](char c) { return static_cast<unsigned char>(c) >= 0x80; });
}

// "WH34AB" → "WH3 4AB".
std::string SpacedPostcode(const std::string& normalised) {
  if (normalised.size() < 5) return normalised;
  return normalised.substr(0, normalised.size() - 3) + " " + normalised.substr(normalised.size() - 3);
}

std::string DateText(const match::DateOfBirth& d) { return fmt::format("{:04}-{:02}-{:02}", d.year, d.month, d.day); }

match::DateOfBirth ToDate(Day day) {
  const std::chrono::year_month_day ymd(day);
  return {static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
          static_cast<int>(static_cast<unsigned>(ymd.day()))};
}

std::optional<match::DateOfBirth> ParseDate(const std::string& text) {
  match::DateOfBirth d;
  if (text.size() != 10 || std::sscanf(text.c_str(), "%4d-%2d-%2d", &d.year, &d.month, &d.day) != 3) return std::nullopt;
  if (!match::IsValidDate(d)) return std::nullopt;
  return d;
}

}  // namespace

bool IsInformationTag(std::string_view tag) {
  return tag == "nhs_given" || tag == "postcode_given" || tag == "gender_given" || tag == "accents_dropped";
}

const match::NicknameTable& ShippedNicknames() {
  static const match::NicknameTable table = [] {
    auto parsed = match::NicknameTable::Parse(NameData::Get().nicknames_csv());
    if (!parsed) throw std::logic_error(fmt::format("synth: nicknames.csv line {}: {}", parsed.error().line,
                                                    parsed.error().message));
    return std::move(*parsed);
  }();
  return table;
}

QuerySampler::QuerySampler(QueryOptions options, PopulationOptions population)
    : options_(options),
      population_(population),
      nicknames_(ShippedNicknames()),
      random_(Mix(options.seed ^ 0x51554552ULL, 0)) {
  const auto present = static_cast<std::size_t>(std::llround(static_cast<double>(options.count) * (1.0 - options.absent_share)));
  adult_capacity_ = static_cast<std::size_t>(std::llround(static_cast<double>(present) * options.adult_share));
  child_capacity_ = present - adult_capacity_;
  // Registered households to draw new babies and new partners from (40% of the absent queries);
  // one per absent query is more than enough.
  household_capacity_ = options.count - present;
}

template <typename T>
void QuerySampler::Keep(std::vector<T>& reservoir, std::size_t capacity, std::size_t& seen, T&& item) {
  ++seen;
  if (capacity == 0) return;
  if (reservoir.size() < capacity) {
    reservoir.push_back(std::move(item));
    return;
  }
  const std::size_t j = random_.Below(seen);
  if (j < capacity) reservoir[j] = std::move(item);
}

void QuerySampler::Offer(const Family& family) {
  std::string mother_surname;
  for (const SynthPerson& p : family.people)
    if (!p.is_child && p.sex == Sex::kFemale) {
      mother_surname = p.surname;
      break;
    }
  Household household;
  for (const SynthPerson& p : family.people) {
    if (!p.date_of_birth) continue;  // unborn children are not searched for
    if (p.is_child) {
      Keep(children_, child_capacity_, children_seen_,
           Target{p, mother_surname != p.surname ? mother_surname : std::string()});
      household.child_names.push_back(p.forenames.front());
      // The youngest child's (children come in birth order, half-siblings after).
      household.surname = p.surname;
      household.postcode = p.CurrentPostcode();
      household.group = p.group;
    } else {
      Keep(adults_, adult_capacity_, adults_seen_, Target{p, std::string()});
    }
  }
  if (!household.child_names.empty() && !household.postcode.empty())
    Keep(households_, household_capacity_, households_seen_, std::move(household));
}

LabelledQuery QuerySampler::Describe(const Target& target, Random& random) const {
  const SynthPerson& p = target.person;
  const bool child = p.is_child;
  LabelledQuery q;
  q.person_id = p.id;
  q.about_child = child;
  std::vector<std::string> tags;
  const bool first_name_only = random.Chance(RateFor("first_name_only", child));
  if (first_name_only) tags.emplace_back("first_name_only");

  // First name.
  std::string forename = p.forenames.front();
  const std::string_view f =
      PickOne(random, {"forename_typo", "forename_transposed", "nickname", "middle_name_as_first", "forename_initial",
                       "no_forename"},
              child);
  if (f == "forename_typo") {
    forename = Typo(random, forename);
    tags.emplace_back(f);
  } else if (f == "forename_transposed") {
    if (auto t = Transpose(random, forename)) {
      forename = *t;
      tags.emplace_back(f);
    }
  } else if (f == "nickname") {
    const auto others = nicknames_.EquivalentsOf(match::NormaliseName(forename));
    if (!others.empty()) {
      forename = Capitalised(others[random.Below(others.size())]);
      tags.emplace_back(f);
    }
  } else if (f == "middle_name_as_first") {
    if (p.forenames.size() > 1) {
      forename = p.forenames[1];
      tags.emplace_back(f);
    }
  } else if (f == "forename_initial") {
    forename = forename.substr(0, 1);
    tags.emplace_back(f);
  } else if (f == "no_forename" && !first_name_only) {
    forename.clear();
    tags.emplace_back(f);
  }

  std::string surname = first_name_only ? "" : p.surname;
  std::string date;
  if (!first_name_only) {
    const std::string_view s = PickOne(random, {"surname_typo", "surname_transposed", "changed_surname", "no_surname"}, child);
    if (s == "surname_typo") {
      surname = Typo(random, surname);
      tags.emplace_back(s);
    } else if (s == "surname_transposed") {
      if (auto t = Transpose(random, surname)) {
        surname = *t;
        tags.emplace_back(s);
      }
    } else if (s == "changed_surname") {
      std::vector<std::string> others;
      for (const PreviousName& n : p.previous_names)
        if (n.last_name != p.surname) others.push_back(n.last_name);
      if (others.empty() && !target.mother_surname.empty()) others.push_back(target.mother_surname);
      if (!others.empty()) {
        surname = others[random.Below(others.size())];
        tags.emplace_back(s);
      }
    } else if (s == "no_surname") {
      surname.clear();
      tags.emplace_back(s);
    }

    match::DateOfBirth dob = ToDate(*p.date_of_birth);
    const std::string_view d = PickOne(random, {"dob_swapped", "dob_year_off", "dob_digit", "no_dob"}, child);
    if (d == "dob_swapped" && dob.day <= 12 && dob.day != dob.month) {
      std::swap(dob.day, dob.month);
      tags.emplace_back(d);
    } else if (d == "dob_year_off") {
      match::DateOfBirth moved = dob;
      moved.year += random.Chance(0.5) ? 1 : -1;
      if (match::IsValidDate(moved)) {
        dob = moved;
        tags.emplace_back(d);
      }
    } else if (d == "dob_digit") {
      for (int tries = 0; tries < 10; ++tries) {
        match::DateOfBirth changed = dob;
        changed.day = dob.day / 10 * 10 + static_cast<int>(random.Below(10));
        if (changed.day != dob.day && match::IsValidDate(changed)) {
          dob = changed;
          tags.emplace_back(d);
          break;
        }
      }
    }
    if (d != "no_dob") date = DateText(dob);
    else tags.emplace_back(d);

    if (!p.nhs_number.empty() && random.Chance(RateFor("nhs_given", child))) {
      q.nhs_number = random.Chance(0.5) ? p.nhs_number
                                        : fmt::format("{} {} {}", p.nhs_number.substr(0, 3), p.nhs_number.substr(3, 3),
                                                      p.nhs_number.substr(6));
      tags.emplace_back("nhs_given");
    }
    const double u = random.Uniform();
    if (u < RateFor("postcode_given", child)) {
      q.postcode = p.addresses.empty() ? "" : SpacedPostcode(p.addresses.back().postcode);
      if (!q.postcode.empty()) tags.emplace_back("postcode_given");
    } else if (u < RateFor("postcode_given", child) + RateFor("old_postcode", child)) {
      for (auto it = p.addresses.rbegin(); it != p.addresses.rend(); ++it)
        if (it->postcode != p.CurrentPostcode()) {
          q.postcode = SpacedPostcode(it->postcode);
          tags.emplace_back("old_postcode");
          break;
        }
    }
    if (!q.postcode.empty() && random.Chance(0.2)) q.postcode = NormalisedPostcode(q.postcode);
  }
  if (p.gender != "not_known" && random.Chance(RateFor("gender_given", child))) {
    q.gender = p.gender;
    tags.emplace_back("gender_given");
  }
  if ((HasNonAscii(forename) || HasNonAscii(surname)) && random.Chance(RateFor("accents_dropped", child))) {
    forename = WithoutAccents(forename);
    surname = WithoutAccents(surname);
    tags.emplace_back("accents_dropped");
  }
  // Typed in capitals or all in lower case now and then: not an error, the matcher normalises case.
  const double c = random.Uniform();
  auto recase = [c](std::string s) {
    for (char& ch : s)
      if (c < 0.05) ch = static_cast<char>(std::toupper(static_cast<unsigned char>(ch)));
      else if (c < 0.15) ch = static_cast<char>(std::tolower(static_cast<unsigned char>(ch)));
    return s;
  };
  q.forenames = recase(forename);
  q.surname = recase(surname);
  q.date_of_birth = date;
  // Tags in table order.
  for (const ErrorRate& r : kErrorMix)
    if (std::find(tags.begin(), tags.end(), r.tag) != tags.end()) q.errors.emplace_back(r.tag);
  return q;
}

std::vector<LabelledQuery> QuerySampler::Finish() {
  std::vector<LabelledQuery> out;
  Random random(Mix(options_.seed ^ 0x44455343ULL, 1));
  for (const auto* list : {&children_, &adults_})
    for (const Target& t : *list) out.push_back(Describe(t, random));

  // People the register does not hold.
  const std::size_t absent = household_capacity_;
  const std::size_t new_babies = std::min(households_.size(), static_cast<std::size_t>(std::llround(static_cast<double>(absent) * 0.25)));
  const std::size_t new_partners =
      std::min(households_.size() - new_babies, static_cast<std::size_t>(std::llround(static_cast<double>(absent) * 0.15)));
  const std::size_t other = absent - new_babies - new_partners;
  std::int64_t next_id = kAbsentIdBase;
  const Day today = population_.today;
  for (std::size_t k = 0; k < absent; ++k) {
    Target t;
    std::string kind;
    if (k < other) {
      // Someone from a family that is not on the register: a child three times in four.
      const Family family = MakeFamily(population_, kAbsentFamilyBase + static_cast<std::int64_t>(k), next_id);
      next_id += static_cast<std::int64_t>(family.people.size());
      std::vector<const SynthPerson*> children, adults;
      for (const SynthPerson& p : family.people)
        if (p.date_of_birth) (p.is_child ? children : adults).push_back(&p);
      const bool want_child = !children.empty() && (adults.empty() || random.Chance(0.75));
      const auto& pool = want_child ? children : adults;
      t.person = *pool[random.Below(pool.size())];
      kind = "other_family";
    } else {
      const Household& h = households_[k - other];
      const NameData& data = NameData::Get();
      SynthPerson& p = t.person;
      p.id = next_id++;
      p.group = h.group;
      if (k < other + new_babies) {
        // A baby or young child of a registered household, not yet known.
        p.sex = random.Chance(0.51) ? Sex::kMale : Sex::kFemale;
        for (int tries = 0; tries < 10; ++tries) {
          p.forenames = {data.Forenames(h.group, p.sex, true).Pick(random)};
          if (std::find(h.child_names.begin(), h.child_names.end(), p.forenames[0]) == h.child_names.end()) break;
        }
        p.surname = h.surname;
        p.date_of_birth = today - std::chrono::days(static_cast<int>(random.Below(730)));
        p.is_child = true;
        kind = "new_baby";
      } else {
        // A mother's new partner, living with a registered family.
        p.sex = Sex::kMale;
        p.forenames = {data.Forenames(h.group, p.sex, false).Pick(random)};
        p.surname = data.Surnames(h.group).Pick(random);
        p.date_of_birth = today - std::chrono::days(static_cast<int>(365.25 * (20 + random.Uniform() * 25)));
        p.is_child = false;
        kind = "new_partner";
      }
      p.gender = p.sex == Sex::kFemale ? "female" : "male";
      if (random.Chance(p.is_child ? 0.9 : 0.5)) p.nhs_number = NhsNumberFor(p.id);
      p.addresses.push_back(AddressSpell{"", h.postcode, today, std::nullopt});
    }
    LabelledQuery q = Describe(t, random);
    q.person_id.reset();
    q.absent_kind = kind;
    out.push_back(std::move(q));
  }
  // Shuffle (Fisher–Yates with our generator) so kinds are mixed, then number.
  for (std::size_t i = out.size(); i > 1; --i) std::swap(out[i - 1], out[random.Below(i)]);
  for (std::size_t i = 0; i < out.size(); ++i) out[i].number = static_cast<std::int64_t>(i + 1);
  return out;
}

match::PersonQuery ToMatchQuery(const LabelledQuery& q) {
  match::PersonQuery m;
  if (!q.forenames.empty()) m.forenames = {q.forenames};
  if (!q.surname.empty()) m.surname = q.surname;
  if (!q.date_of_birth.empty()) m.date_of_birth = ParseDate(q.date_of_birth);
  m.gender = q.gender == "female" ? match::Gender::kFemale : q.gender == "male" ? match::Gender::kMale : match::Gender::kNotKnown;
  if (!q.nhs_number.empty()) m.nhs_number = q.nhs_number;
  if (!q.postcode.empty()) m.postcode = q.postcode;
  return m;
}

std::string ToJsonLine(const LabelledQuery& q, std::int64_t id_offset) {
  nlohmann::ordered_json j;
  j["query"] = q.number;
  j["person_id"] = q.person_id ? nlohmann::ordered_json(*q.person_id + id_offset) : nlohmann::ordered_json(nullptr);
  j["about"] = q.about_child ? "child" : "adult";
  if (!q.absent_kind.empty()) j["absent"] = q.absent_kind;
  auto field = [&j](const char* name, const std::string& value) {
    if (!value.empty()) j[name] = value;
  };
  field("forenames", q.forenames);
  field("surname", q.surname);
  field("date_of_birth", q.date_of_birth);
  field("gender", q.gender);
  field("nhs_number", q.nhs_number);
  field("postcode", q.postcode);
  j["errors"] = q.errors;
  return j.dump();
}

std::optional<LabelledQuery> FromJsonLine(std::string_view line) {
  const auto j = nlohmann::json::parse(line, nullptr, false);
  if (j.is_discarded() || !j.is_object() || !j.contains("query")) return std::nullopt;
  LabelledQuery q;
  try {
    q.number = j.at("query").get<std::int64_t>();
    if (j.contains("person_id") && !j.at("person_id").is_null()) q.person_id = j.at("person_id").get<std::int64_t>();
    q.about_child = j.value("about", "child") == "child";
    q.absent_kind = j.value("absent", "");
    q.forenames = j.value("forenames", "");
    q.surname = j.value("surname", "");
    q.date_of_birth = j.value("date_of_birth", "");
    q.gender = j.value("gender", "");
    q.nhs_number = j.value("nhs_number", "");
    q.postcode = j.value("postcode", "");
    if (j.contains("errors")) q.errors = j.at("errors").get<std::vector<std::string>>();
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;
  }
  return q;
}

}  // namespace fd::synth
