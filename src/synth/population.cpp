#include "synth/population.h"

#include <fmt/format.h>

#include <algorithm>
#include <cmath>
#include <functional>
#include <map>

#include "synth/nhs.h"
#include "synth/places.h"

namespace fd::synth {
namespace {

using std::chrono::days;
constexpr double kYear = 365.2425;

Day AddDays(Day day, double n) { return day + days(static_cast<int>(std::lround(n))); }
Day AddYears(Day day, double years) { return AddDays(day, years * kYear); }
// A day in [from, to], uniformly; `from` when the range is empty.
Day DayBetween(Random& random, Day from, Day to) {
  if (to <= from) return from;
  return from + days(static_cast<int>(random.Below(static_cast<std::size_t>((to - from).count()) + 1)));
}
double Years(Day from, Day to) { return static_cast<double>((to - from).count()) / kYear; }
int YearOf(Day day) { return static_cast<int>(std::chrono::year_month_day(day).year()); }

// Polish surnames agree with the person: Kowalski for a man or boy, Kowalska for a woman or girl.
std::string Gendered(const std::string& surname, Sex sex) {
  const bool female = sex == Sex::kFemale;
  for (const std::string_view stem : {"sk", "ck", "dzk"}) {
    const std::string from = std::string(stem) + (female ? "i" : "a");
    if (surname.size() > from.size() && surname.ends_with(from))
      return surname.substr(0, surname.size() - 1) + (female ? "a" : "i");
  }
  return surname;
}

// A person under construction: surnames over time, household membership and addresses outside it.
struct Draft {
  SynthPerson person;
  std::vector<std::pair<Day, std::string>> surnames;  // each from a date; the first from birth
  std::optional<Day> joined;                          // in the family household from…
  std::optional<Day> left;                            // …until (nullopt: still there)
  // Homes outside the household, from dates; nullopt: near the family's home at that date.
  std::vector<std::pair<Day, std::optional<Address>>> own;
  Day birth{};                                        // date of birth, or expected date
};

constexpr const char* kSources[] = {"school", "police", "health visitor", "GP", "midwife", "hospital",
                                    "neighbour", "relative", "anonymous caller", "nursery", "probation",
                                    "housing", "the child"};
constexpr const char* kConcerns[] = {"neglect", "domestic abuse at home", "parental substance misuse",
                                     "parental mental health", "physical injury", "emotional harm",
                                     "going missing", "school attendance", "behaviour at school",
                                     "sexual harm", "child exploitation", "home conditions", "self-harm"};

class FamilyBuilder {
 public:
  FamilyBuilder(const PopulationOptions& options, std::int64_t family_index, std::int64_t first_id)
      : today_(options.today),
        random_(Mix(options.seed, static_cast<std::uint64_t>(family_index))),
        data_(NameData::Get()),
        index_(family_index),
        first_id_(first_id) {}

  Family Build();

 private:
  std::size_t NewPerson(Sex sex, Day birth, const std::string& group, const std::string& surname);
  std::string Surname(const std::string& group);
  std::string OtherGroup(const std::string& group);
  void AddChildren(std::size_t mother, std::optional<std::size_t> father, Day first_birth, Day stop, int max_count,
                   std::vector<std::size_t>& out, const std::function<std::string()>& surname);
  std::vector<std::size_t> ChildrenOf(std::size_t parent) const;
  void Relate(std::size_t a, std::size_t b, RelationshipKind kind, std::optional<Day> from, std::optional<Day> to = {});
  void HouseholdAddresses(Day start, const std::vector<Day>& forced_moves);
  void Involvements(const std::vector<std::size_t>& children);
  void Finish(Draft& draft);

  Day today_;
  Random random_;
  const NameData& data_;
  std::int64_t index_;
  std::int64_t first_id_;
  std::vector<Draft> drafts_;
  std::vector<Relationship> relationships_;  // ids are local indexes until Build() ends
  std::vector<std::pair<Day, Address>> household_;  // the family home over time
};

std::string FamilyBuilder::OtherGroup(const std::string& group) {
  if (group != "british") return "british";
  return data_.groups().Pick(random_);
}

std::string FamilyBuilder::Surname(const std::string& group) {
  // British families: 45% from the list of common names, the rest a rarer place-name surname.
  if (group != "british" || random_.Chance(0.45)) return data_.Surnames(group).Pick(random_);
  std::string name = data_.surname_stems().Pick(random_);
  if (random_.Chance(0.3)) name += data_.surname_middles().Pick(random_);
  return name + data_.surname_endings().Pick(random_);
}

std::size_t FamilyBuilder::NewPerson(Sex sex, Day birth, const std::string& group, const std::string& surname) {
  Draft d;
  d.birth = birth;
  d.person.sex = sex;
  d.person.group = group;
  const bool born_as_child_cohort = YearOf(birth) >= 2005;
  // Children of British families sometimes have a name from another community's list, and the
  // others often a British one.
  std::string name_group = group;
  if (group == "british" ? random_.Chance(0.04) : random_.Chance(0.15)) name_group = OtherGroup(group);
  const WeightedList& names = data_.Forenames(name_group, sex, born_as_child_cohort);
  d.person.forenames.push_back(names.Pick(random_));
  const double middles = random_.Uniform();
  const int wanted = middles < 0.06 ? 2 : middles < (born_as_child_cohort ? 0.6 : 0.45) ? 1 : 0;
  for (int tries = 0; static_cast<int>(d.person.forenames.size()) < 1 + wanted && tries < 6; ++tries) {
    std::string middle = names.Pick(random_);
    if (std::find(d.person.forenames.begin(), d.person.forenames.end(), middle) == d.person.forenames.end())
      d.person.forenames.push_back(std::move(middle));
  }
  std::string own_surname = Gendered(surname, sex);
  // Sikh women and girls are often recorded as Kaur and men and boys as Singh.
  if (group == "punjabi_sikh") {
    if (sex == Sex::kFemale && random_.Chance(0.5)) own_surname = "Kaur";
    if (sex == Sex::kMale && random_.Chance(0.35)) own_surname = "Singh";
  }
  d.surnames.emplace_back(birth, own_surname);
  d.person.date_of_birth = birth;
  drafts_.push_back(std::move(d));
  return drafts_.size() - 1;
}

void FamilyBuilder::Relate(std::size_t a, std::size_t b, RelationshipKind kind, std::optional<Day> from,
                           std::optional<Day> to) {
  relationships_.push_back(Relationship{static_cast<std::int64_t>(a), static_cast<std::int64_t>(b), kind, from, to});
}

// Children of `mother` (and `father`, when known) born from `first_birth`, spaced one to five years,
// while the mother is under 45 and before `stop`. A child due within four months of the
// population's date is unborn, with an expected date; no child is born later.
void FamilyBuilder::AddChildren(std::size_t mother, std::optional<std::size_t> father, Day first_birth, Day stop,
                                int max_count, std::vector<std::size_t>& out,
                                const std::function<std::string()>& surname) {
  const double u = random_.Uniform();
  const int count =
      std::min(max_count, u < 0.30 ? 1 : u < 0.64 ? 2 : u < 0.84 ? 3 : u < 0.94 ? 4 : u < 0.98 ? 5 : 6);
  Day birth = first_birth;
  const Day due_limit = AddDays(today_, 120);
  for (int k = 0; k < count; ++k) {
    if (k > 0) birth = AddYears(birth, 1.0 + random_.Uniform() * 4.0);
    if (birth > stop || birth > due_limit || Years(drafts_[mother].birth, birth) > 44.5) break;
    const Sex sex = random_.Chance(0.51) ? Sex::kMale : Sex::kFemale;
    const std::size_t child = NewPerson(sex, birth, drafts_[mother].person.group, surname());
    drafts_[child].joined = birth;
    if (birth > today_) {
      drafts_[child].person.expected_date = birth;
      drafts_[child].person.date_of_birth.reset();
    }
    Relate(mother, child, RelationshipKind::kParent, birth);
    if (father) Relate(*father, child, RelationshipKind::kParent, birth);
    for (std::size_t sibling : out) Relate(sibling, child, RelationshipKind::kSibling, birth);
    out.push_back(child);
    if (birth > today_) break;  // an unborn child is the last
  }
}

Family FamilyBuilder::Build() {
  const std::string group = data_.groups().Pick(random_);
  const Day first_birth = DayBetween(random_, AddYears(today_, -24.0), AddDays(today_, 100));
  const double mother_age = 17.0 + (random_.Uniform() + random_.Uniform()) * 11.5;
  const std::size_t mother = NewPerson(Sex::kFemale, AddYears(first_birth, -mother_age), group, Surname(group));
  const double shape = random_.Uniform();
  const bool married = shape < 0.38;
  const bool couple = shape < 0.68;

  // The father: living with the mother for a couple, recorded elsewhere for half of single mothers.
  std::optional<std::size_t> father;
  Day couple_start = AddYears(first_birth, -(0.5 + random_.Uniform() * 4.5));
  couple_start = std::max(couple_start, AddYears(drafts_[mother].birth, 16.5));
  if (couple || random_.Chance(0.5)) {
    const std::string father_group = random_.Chance(0.9) ? group : OtherGroup(group);
    const double gap = std::clamp(2.5 + 4.0 * (random_.Uniform() + random_.Uniform() - 1.0), -4.0, 12.0);
    father = NewPerson(Sex::kMale, AddYears(drafts_[mother].birth, -gap), father_group, Surname(father_group));
    // A father can be younger than 17 at the start only in error: keep him at least 16.
    if (Years(drafts_[*father].birth, couple_start) < 16.0) drafts_[*father].birth = AddYears(couple_start, -16.5);
  }
  std::vector<Day> forced_moves;
  Day household_start = couple ? couple_start : AddYears(first_birth, -random_.Uniform() * 2.0);
  drafts_[mother].joined = household_start;
  const std::string father_surname = father ? drafts_[*father].surnames.front().second : "";
  if (couple) drafts_[*father].joined = couple_start;

  std::optional<Day> marriage;
  if (married) {
    marriage = std::min(today_, AddYears(couple_start, random_.Uniform() * 4.0));
    if (random_.Chance(0.85)) drafts_[mother].surnames.emplace_back(*marriage, Gendered(father_surname, Sex::kFemale));
  }
  std::optional<Day> separation;
  if (couple && random_.Chance(0.35)) separation = DayBetween(random_, AddYears(first_birth, 0.5), today_);

  // The first family's children.
  std::vector<std::size_t> children;
  const std::string mother_maiden = drafts_[mother].surnames.front().second;
  AddChildren(mother, father, first_birth,
              separation.value_or(AddYears(today_, 1.0)), 6, children, [&]() -> std::string {
                const double c = random_.Uniform();
                if (married) return father_surname;
                if (couple) {
                  if (c < 0.6) return father_surname;
                  if (c < 0.9) return mother_maiden;
                  return mother_maiden + "-" + father_surname;
                }
                return father && c < 0.2 ? father_surname : drafts_[mother].surnames.back().second;
              });
  if (separation) {
    drafts_[*father].left = *separation;
    drafts_[*father].own.emplace_back(*separation, std::nullopt);
    if (random_.Chance(0.4)) forced_moves.push_back(AddDays(*separation, random_.Uniform() * 90));
    if (married && random_.Chance(0.5))
      drafts_[mother].surnames.emplace_back(std::min(today_, AddYears(*separation, random_.Uniform() * 2.0)),
                                            mother_maiden);
  } else if (father && !couple) {
    drafts_[*father].own.emplace_back(AddYears(first_birth, -random_.Uniform() * 2.0), AnyAddress(random_));
  }

  // A new partner for the mother, perhaps a step-parent, perhaps with half-siblings.
  if ((separation || !couple) && random_.Chance(0.45)) {
    const Day after = separation ? AddYears(*separation, 0.3) : AddYears(first_birth, 0.5);
    if (after < today_) {
      const Day partner_start = DayBetween(random_, after, today_);
      const std::string partner_group = random_.Chance(0.85) ? group : OtherGroup(group);
      const double gap = std::clamp(2.0 + 5.0 * (random_.Uniform() + random_.Uniform() - 1.0), -6.0, 14.0);
      const std::size_t partner =
          NewPerson(Sex::kMale, AddYears(drafts_[mother].birth, -gap), partner_group, Surname(partner_group));
      if (Years(drafts_[partner].birth, partner_start) < 18.0) drafts_[partner].birth = AddYears(partner_start, -18.5);
      drafts_[partner].joined = partner_start;
      drafts_[partner].own.emplace_back(AddYears(partner_start, -(1.0 + random_.Uniform() * 4.0)), AnyAddress(random_));
      if (random_.Chance(0.3)) forced_moves.push_back(partner_start);
      const std::string partner_surname = drafts_[partner].surnames.front().second;
      std::optional<Day> remarriage;
      std::optional<Day> breakup;
      if (random_.Chance(0.35)) {
        remarriage = std::min(today_, AddYears(partner_start, 0.5 + random_.Uniform() * 3.5));
        if (random_.Chance(0.8))
          drafts_[mother].surnames.emplace_back(*remarriage, Gendered(partner_surname, Sex::kFemale));
        for (std::size_t child : children) {
          Relate(partner, child, RelationshipKind::kStepParent, *remarriage);
          // Some children take their step-father's surname.
          if (random_.Chance(0.25)) {
            const Day when = std::min(today_, AddYears(*remarriage, random_.Uniform()));
            if (drafts_[child].birth < when)
              drafts_[child].surnames.emplace_back(when, Gendered(partner_surname, drafts_[child].person.sex));
          }
        }
      } else {
        if (random_.Chance(0.25)) breakup = DayBetween(random_, AddYears(partner_start, 0.5), today_);
        if (breakup && *breakup >= today_) breakup.reset();
        for (std::size_t child : children)
          Relate(partner, child, RelationshipKind::kPartnerOfParent, partner_start, breakup);
        if (breakup) {
          drafts_[partner].left = *breakup;
          drafts_[partner].own.emplace_back(*breakup, AnyAddress(random_));
        }
      }
      // Half-siblings: the mother's children with her new partner.
      std::vector<std::size_t> half;
      const double h = random_.Uniform();
      if (h > 0.45) {
        const Day first_half = AddYears(partner_start, 0.8 + random_.Uniform() * 2.0);
        const bool partner_name = remarriage.has_value() || random_.Chance(0.6);
        AddChildren(mother, partner, first_half, breakup.value_or(AddYears(today_, 1.0)), h < 0.8 ? 1 : 2, half,
                    [&] { return partner_name ? partner_surname : drafts_[mother].surnames.back().second; });
      }
      for (std::size_t a : children)
        for (std::size_t b : half) Relate(a, b, RelationshipKind::kHalfSibling, drafts_[b].birth);
    }
  }

  // A grandmother living with the family.
  if (random_.Chance(0.05)) {
    const std::string& maiden = drafts_[mother].surnames.front().second;
    const std::size_t grandmother =
        NewPerson(Sex::kFemale, AddYears(drafts_[mother].birth, -(18.0 + random_.Uniform() * 17.0)), group,
                  random_.Chance(0.6) ? maiden : Surname(group));
    const Day joined = DayBetween(random_, household_start, today_);
    drafts_[grandmother].joined = joined;
    drafts_[grandmother].own.emplace_back(AddYears(joined, -(2.0 + random_.Uniform() * 10.0)), AnyAddress(random_));
    Relate(grandmother, mother, RelationshipKind::kParent, drafts_[mother].birth);
    for (std::size_t child : ChildrenOf(mother))
      Relate(grandmother, child, RelationshipKind::kHouseholdMember, std::max(joined, drafts_[child].birth));
  }

  // Grown-up children leave home between 17 and 23.
  const std::vector<std::size_t> all_children = ChildrenOf(mother);
  for (std::size_t child : all_children) {
    Draft& d = drafts_[child];
    const Day leaves = AddYears(d.birth, 17.0 + random_.Uniform() * 6.0);
    if (leaves < today_) {
      d.left = leaves;
      d.own.emplace_back(leaves, std::nullopt);
    }
  }

  HouseholdAddresses(household_start, forced_moves);
  for (Draft& d : drafts_) Finish(d);
  Involvements(all_children);

  Family family;
  family.index = index_;
  for (Draft& d : drafts_) family.people.push_back(std::move(d.person));
  for (std::size_t i = 0; i < family.people.size(); ++i) family.people[i].id = first_id_ + static_cast<std::int64_t>(i);
  for (Relationship& r : relationships_) {
    r.person_id += first_id_;
    r.related_person_id += first_id_;
  }
  family.relationships = std::move(relationships_);
  return family;
}

void FamilyBuilder::HouseholdAddresses(Day start, const std::vector<Day>& forced_moves) {
  household_.emplace_back(start, AnyAddress(random_));
  std::vector<Day> moves = forced_moves;
  // About one move in eight years, more for young families.
  for (Day at = AddYears(start, 0.5); at < today_; at = AddYears(at, 1.0))
    if (random_.Chance(0.12)) moves.push_back(DayBetween(random_, at, std::min(today_, AddYears(at, 1.0))));
  std::sort(moves.begin(), moves.end());
  for (Day move : moves) {
    if (move <= household_.back().first || move > today_) continue;
    household_.emplace_back(move, AddressNear(random_, household_.back().second.district));
  }
  // People moving out settle near the family's home of the time (a father, a grown-up child).
  for (Draft& d : drafts_)
    for (auto& [from, address] : d.own) {
      if (address) continue;
      int district = household_.front().second.district;
      for (const auto& [moved, home] : household_)
        if (moved <= from) district = home.district;
      address = AddressNear(random_, district);
    }
}

std::vector<std::size_t> FamilyBuilder::ChildrenOf(std::size_t parent) const {
  std::vector<std::size_t> out;
  for (const Relationship& r : relationships_)
    if (r.kind == RelationshipKind::kParent && static_cast<std::size_t>(r.person_id) == parent)
      out.push_back(static_cast<std::size_t>(r.related_person_id));
  return out;
}

// Addresses, names, flags and identifiers, once the family's story is known.
void FamilyBuilder::Finish(Draft& d) {
  SynthPerson& p = d.person;
  const Day born = d.birth;
  // Address spells: homes outside the household before joining and after leaving, and the
  // household's homes while a member.
  std::vector<AddressSpell> spells;
  auto add = [&spells, this](const Address& a, Day from, std::optional<Day> to) {
    // Nothing is recorded after the population's date: a move still to come has not happened.
    if (from > today_) return;
    if (to && *to > today_) to.reset();
    if (to && *to <= from) return;
    if (!spells.empty() && spells.back().address == a.line) {
      spells.back().to = to;
      return;
    }
    if (!spells.empty() && (!spells.back().to || *spells.back().to > from)) spells.back().to = from;
    spells.push_back(AddressSpell{a.line, NormalisedPostcode(a.postcode), from, to});
  };
  std::vector<std::pair<Day, Address>> before, after;  // resolved by HouseholdAddresses
  for (const auto& [from, address] : d.own)
    (d.joined && from < *d.joined ? before : after).emplace_back(from, address.value_or(Address{}));
  for (std::size_t i = 0; i < before.size(); ++i)
    add(before[i].second, before[i].first, i + 1 < before.size() ? before[i + 1].first : *d.joined);
  if (d.joined && *d.joined <= today_) {
    const Day in = std::max(*d.joined, born);
    for (std::size_t i = 0; i < household_.size(); ++i) {
      const Day seg_from = household_[i].first;
      const std::optional<Day> seg_to = i + 1 < household_.size() ? std::optional<Day>(household_[i + 1].first) : std::nullopt;
      const Day from = std::max(seg_from, in);
      std::optional<Day> to = seg_to;
      if (d.left && (!to || *d.left < *to)) to = d.left;
      if (to && *to <= from) continue;
      if (d.left && from >= *d.left) continue;
      add(household_[i].second, from, to);
    }
  }
  for (std::size_t i = 0; i < after.size(); ++i)
    add(after[i].second, after[i].first, i + 1 < after.size() ? std::optional<Day>(after[i + 1].first) : std::nullopt);
  if (spells.empty() && !p.expected_date) add(AnyAddress(random_), std::max(born, AddYears(today_, -3.0)), std::nullopt);
  if (p.expected_date && spells.empty() && !household_.empty()) add(household_.back().second, today_, std::nullopt);
  if (!spells.empty()) spells.back().to.reset();
  p.addresses = std::move(spells);
  const bool at_home = d.joined && !d.left;
  p.household = at_home ? fmt::format("synth-{}", index_) : fmt::format("synth-{}-{}", index_, &d - drafts_.data());

  // Names over time: the current surname and the earlier ones with their dates.
  std::sort(d.surnames.begin(), d.surnames.end(), [](const auto& a, const auto& b) { return a.first < b.first; });
  std::vector<std::pair<Day, std::string>> names;
  for (auto& s : d.surnames) {
    if (s.first > today_) continue;
    if (!names.empty() && names.back().second == s.second) continue;
    names.push_back(s);
  }
  if (names.empty()) names.push_back(d.surnames.front());
  p.surname = names.back().second;
  const std::string first_names = p.FirstNames();
  for (std::size_t i = 0; i + 1 < names.size(); ++i)
    p.previous_names.push_back(PreviousName{first_names, names[i].second, names[i].first, names[i + 1].first});

  p.is_child = p.expected_date.has_value() || (p.date_of_birth && AddYears(*p.date_of_birth, 18.0) > today_);
  const Sex sex = p.sex;
  p.gender = random_.Chance(0.01) ? "not_known" : sex == Sex::kFemale ? "female" : "male";
}

void FamilyBuilder::Involvements(const std::vector<std::size_t>& children) {
  if (children.empty()) return;
  // How far the family's involvement went: the last episode reaches it, earlier ones no further.
  const double u = random_.Uniform();
  const int level = u < 0.40 ? 0 : u < 0.65 ? 1 : u < 0.75 ? 2 : u < 0.86 ? 3 : u < 0.95 ? 4 : 5;
  const int episodes = 1 + (random_.Chance(0.45) ? 1 + (random_.Chance(0.4) ? 1 : 0) : 0);
  Day earliest = today_;
  for (std::size_t c : children) earliest = std::min(earliest, drafts_[c].birth);
  earliest = std::max(earliest, AddYears(today_, -18.0));
  std::vector<Day> dates;
  for (int e = 0; e < episodes; ++e) dates.push_back(DayBetween(random_, earliest, today_));
  std::sort(dates.begin(), dates.end());

  int next_reference = static_cast<int>(random_.Below(900000)) + 1000;
  auto involvement = [&](SynthPerson& p, InvolvementKind kind, Day start, std::optional<Day> end, const char* team,
                         const std::string& summary) -> bool {
    // Children's services work ends at 18; nothing starts after the population's date.
    const Day adult = p.date_of_birth ? AddYears(*p.date_of_birth, 18.0) : AddYears(today_, 18.0);
    if (start > today_ || start >= adult) return false;
    Involvement inv;
    inv.kind = kind;
    inv.started = start;
    if (end && *end > adult) end = adult;
    if (end && *end > today_) end.reset();
    inv.ended = end;
    if (!end && team[0] != '\0') {
      inv.worker = static_cast<int>(random_.Below(kWorkers));
      inv.team = team;
    }
    const char* prefix = kind == InvolvementKind::kContact ? "CT" : kind == InvolvementKind::kReferral ? "RF" : "CS";
    inv.reference = fmt::format("{}-{}-{:06}", prefix, YearOf(start), next_reference++ % 1000000);
    inv.summary = summary;
    p.involvements.push_back(std::move(inv));
    return end.has_value();
  };

  for (std::size_t e = 0; e < dates.size(); ++e) {
    const int reach = e + 1 == dates.size() ? level : random_.Between(0, level);
    const Day date = dates[e];
    const std::string source = kSources[random_.Below(std::size(kSources))];
    const std::string concern = kConcerns[random_.Below(std::size(kConcerns))];
    for (std::size_t c : children) {
      SynthPerson& p = drafts_[c].person;
      if (!p.date_of_birth || *p.date_of_birth > date || AddYears(*p.date_of_birth, 18.0) <= date) continue;
      if (!random_.Chance(0.9)) continue;
      involvement(p, InvolvementKind::kContact, date, date, "", fmt::format("Contact from {}: {}", source, concern));
      if (reach == 0) continue;
      if (reach == 2) {
        const Day start = AddDays(date, 3 + random_.Below(18));
        involvement(p, InvolvementKind::kEarlyHelp, start, AddDays(start, 90 + random_.Below(270)), "Early Help",
                    "Early help plan");
        continue;
      }
      const Day referral = AddDays(date, random_.Below(4));
      involvement(p, InvolvementKind::kReferral, referral, referral, "", fmt::format("Referral: {}", concern));
      const Day assessment = AddDays(referral, 1 + random_.Below(5));
      const Day assessed = AddDays(assessment, 10 + random_.Below(36));
      if (!involvement(p, InvolvementKind::kAssessment, assessment, assessed, "Assessment",
                       "Child and family assessment") ||
          reach == 1)
        continue;
      if (reach == 3) {
        involvement(p, InvolvementKind::kChildInNeed, assessed, AddDays(assessed, 90 + random_.Below(450)),
                    "Children in Need", "Child in need plan");
      } else if (reach == 4) {
        const Day conference = AddDays(assessed, 5 + random_.Below(11));
        const Day ended = AddDays(conference, 90 + random_.Below(640));
        if (involvement(p, InvolvementKind::kChildProtectionPlan, conference, ended, "Child Protection",
                        fmt::format("Child protection plan: {}", concern)) &&
            random_.Chance(0.6))
          involvement(p, InvolvementKind::kChildInNeed, ended, AddDays(ended, 90 + random_.Below(180)),
                      "Children in Need", "Child in need plan (stepped down)");
      } else {
        const Day start = AddDays(assessed, random_.Below(61));
        involvement(p, InvolvementKind::kLookedAfter, start, AddYears(start, 0.25 + random_.Uniform() * 8.0),
                    "Children in Care", "Looked after (section 20 or care order)");
      }
    }
  }
  for (std::size_t c : children) {
    SynthPerson& p = drafts_[c].person;
    std::stable_sort(p.involvements.begin(), p.involvements.end(),
                     [](const Involvement& a, const Involvement& b) { return a.started < b.started; });
    p.restricted = random_.Chance(0.0008);
  }
}

}  // namespace

std::string FormatDay(Day day) {
  const std::chrono::year_month_day ymd(day);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                     static_cast<unsigned>(ymd.day()));
}

Day MakeDay(int year, int month, int day) {
  return std::chrono::sys_days(std::chrono::year(year) / std::chrono::month(static_cast<unsigned>(month)) /
                               std::chrono::day(static_cast<unsigned>(day)));
}

std::string_view ToString(RelationshipKind kind) {
  switch (kind) {
    case RelationshipKind::kParent: return "parent";
    case RelationshipKind::kStepParent: return "step_parent";
    case RelationshipKind::kSibling: return "sibling";
    case RelationshipKind::kHalfSibling: return "half_sibling";
    case RelationshipKind::kHouseholdMember: return "household_member";
    case RelationshipKind::kPartnerOfParent: return "partner_of_parent";
  }
  return "parent";
}

std::string_view ToString(InvolvementKind kind) {
  switch (kind) {
    case InvolvementKind::kContact: return "contact";
    case InvolvementKind::kReferral: return "referral";
    case InvolvementKind::kEarlyHelp: return "early_help";
    case InvolvementKind::kAssessment: return "assessment";
    case InvolvementKind::kChildInNeed: return "child_in_need";
    case InvolvementKind::kChildProtectionPlan: return "child_protection_plan";
    case InvolvementKind::kLookedAfter: return "looked_after";
  }
  return "contact";
}

std::string SynthPerson::FirstNames() const {
  std::string out;
  for (const std::string& f : forenames) {
    if (!out.empty()) out += ' ';
    out += f;
  }
  return out;
}

std::string SynthPerson::CurrentPostcode() const { return addresses.empty() ? "" : addresses.back().postcode; }

bool SynthPerson::Open(InvolvementKind kind) const {
  return std::any_of(involvements.begin(), involvements.end(),
                     [kind](const Involvement& i) { return i.kind == kind && !i.ended; });
}

bool SynthPerson::OpenCase() const {
  return std::any_of(involvements.begin(), involvements.end(), [](const Involvement& i) {
    return !i.ended && i.kind != InvolvementKind::kContact && i.kind != InvolvementKind::kReferral;
  });
}

const Involvement* SynthPerson::Allocation() const {
  for (auto it = involvements.rbegin(); it != involvements.rend(); ++it)
    if (!it->ended && it->worker >= 0) return &*it;
  return nullptr;
}

std::string SynthPerson::KnownHistory() const {
  std::map<InvolvementKind, std::vector<std::string>> spans;
  for (const Involvement& i : involvements) {
    const int from = YearOf(i.started);
    std::string span = std::to_string(from);
    if (!i.ended) span = fmt::format("since {}", from);
    else if (YearOf(*i.ended) != from) span = fmt::format("{}–{}", from, YearOf(*i.ended));
    auto& list = spans[i.kind];
    if (std::find(list.begin(), list.end(), span) == list.end()) list.push_back(span);
  }
  std::string out;
  for (const auto& [kind, list] : spans) {
    std::string label(ToString(kind));
    std::replace(label.begin(), label.end(), '_', ' ');
    label[0] = static_cast<char>(label[0] - 'a' + 'A');
    std::string joined;
    for (const std::string& s : list) {
      if (!joined.empty()) joined += ", ";
      joined += s;
    }
    out += fmt::format("{}{} {}", out.empty() ? "" : "; ", label, joined);
  }
  return out;
}

Family MakeFamily(const PopulationOptions& options, std::int64_t family_index, std::int64_t first_id) {
  Family family = FamilyBuilder(options, family_index, first_id).Build();
  for (SynthPerson& p : family.people) {
    // NHS numbers: most children have one on record, about half of adults.
    Random r(Mix(options.seed ^ 0x4e4853ULL, static_cast<std::uint64_t>(p.id)));
    const bool recorded = p.date_of_birth && r.Chance(p.is_child ? 0.93 : 0.5);
    if (recorded) p.nhs_number = NhsNumberFor(p.id);
  }
  return family;
}

bool PopulationGenerator::Next(Family& family) {
  if (next_id_ > options_.people) return false;
  family = MakeFamily(options_, next_family_++, next_id_);
  const std::int64_t last = options_.people;
  if (family.people.back().id > last) {
    std::erase_if(family.people, [last](const SynthPerson& p) { return p.id > last; });
    std::erase_if(family.relationships,
                  [last](const Relationship& r) { return r.person_id > last || r.related_person_id > last; });
  }
  next_id_ += static_cast<std::int64_t>(family.people.size());
  return true;
}

match::Person ToMatchPerson(const SynthPerson& p) {
  match::Person m;
  m.id = p.id;
  m.forenames = p.forenames;
  m.surname = p.surname;
  for (const PreviousName& n : p.previous_names)
    if (n.last_name != p.surname &&
        std::find(m.previous_surnames.begin(), m.previous_surnames.end(), n.last_name) == m.previous_surnames.end())
      m.previous_surnames.push_back(n.last_name);
  if (p.date_of_birth) {
    const std::chrono::year_month_day ymd(*p.date_of_birth);
    m.date_of_birth = match::DateOfBirth{static_cast<int>(ymd.year()), static_cast<int>(static_cast<unsigned>(ymd.month())),
                                         static_cast<int>(static_cast<unsigned>(ymd.day()))};
  }
  m.gender = p.gender == "female" ? match::Gender::kFemale : p.gender == "male" ? match::Gender::kMale : match::Gender::kNotKnown;
  if (!p.nhs_number.empty()) m.nhs_number = p.nhs_number;
  if (!p.addresses.empty()) m.postcode = p.addresses.back().postcode;
  return m;
}

}  // namespace fd::synth
