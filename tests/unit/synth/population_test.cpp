#include "synth/population.h"

#include <gtest/gtest.h>

#include <map>
#include <set>

#include "domain/nhs_number.h"
#include "match/normalise.h"
#include "synth/nhs.h"

namespace fd::synth {
namespace {

std::vector<Family> Generate(std::uint64_t seed, std::int64_t people) {
  PopulationGenerator generator({seed, people, MakeDay(2026, 6, 1)});
  std::vector<Family> families;
  Family family;
  while (generator.Next(family)) families.push_back(family);
  return families;
}

std::vector<SynthPerson> People(const std::vector<Family>& families) {
  std::vector<SynthPerson> out;
  for (const Family& f : families) out.insert(out.end(), f.people.begin(), f.people.end());
  return out;
}

// A fingerprint of everything generated, for comparing runs.
std::string Fingerprint(const std::vector<Family>& families) {
  std::string out;
  for (const Family& f : families) {
    for (const SynthPerson& p : f.people) {
      out += p.FirstNames() + "|" + p.surname + "|" + (p.date_of_birth ? FormatDay(*p.date_of_birth) : "-") + "|" +
             p.nhs_number + "|" + p.household + "|" + p.KnownHistory() + "|";
      for (const AddressSpell& a : p.addresses) out += a.address + FormatDay(a.from) + ";";
      for (const PreviousName& n : p.previous_names) out += n.last_name + ";";
    }
    for (const Relationship& r : f.relationships)
      out += std::to_string(r.person_id) + std::string(ToString(r.kind)) + std::to_string(r.related_person_id);
  }
  return out;
}

TEST(Population, IsDeterministicForASeed) {
  EXPECT_EQ(Fingerprint(Generate(7, 3000)), Fingerprint(Generate(7, 3000)));
  EXPECT_NE(Fingerprint(Generate(7, 3000)), Fingerprint(Generate(8, 3000)));
}

TEST(Population, AFamilyDependsOnlyOnSeedAndIndex) {
  const PopulationOptions options{3, 100000, MakeDay(2026, 6, 1)};
  const Family a = MakeFamily(options, 42, 1);
  const Family b = MakeFamily(options, 42, 1);
  ASSERT_EQ(a.people.size(), b.people.size());
  for (std::size_t i = 0; i < a.people.size(); ++i) { EXPECT_EQ(a.people[i].FirstNames(), b.people[i].FirstNames()); }
}

TEST(Population, HoldsExactlyTheRequestedPeopleNumberedFromOne) {
  const auto people = People(Generate(1, 5003));
  ASSERT_EQ(people.size(), 5003u);
  for (std::size_t i = 0; i < people.size(); ++i) { EXPECT_EQ(people[i].id, static_cast<std::int64_t>(i + 1)); }
}

TEST(Population, NhsNumbersAreValidAndDistinct) {
  const auto people = People(Generate(1, 20000));
  std::set<std::string> seen;
  std::size_t children = 0, children_with = 0;
  for (const SynthPerson& p : people) {
    if (p.is_child && p.date_of_birth) {
      ++children;
      children_with += p.nhs_number.empty() ? 0 : 1;
    }
    if (p.nhs_number.empty()) continue;
    EXPECT_TRUE(IsValidNhsNumber(p.nhs_number)) << p.nhs_number;
    EXPECT_TRUE(p.nhs_number[0] == '4' || p.nhs_number[0] == '6' || p.nhs_number[0] == '7') << p.nhs_number;
    EXPECT_TRUE(seen.insert(p.nhs_number).second) << "duplicate " << p.nhs_number;
  }
  EXPECT_NEAR(static_cast<double>(children_with) / static_cast<double>(children), 0.93, 0.02);
}

TEST(Population, NhsNumberForIsAValidBijectionOverKeys) {
  std::set<std::string> seen;
  for (std::int64_t key : std::vector<std::int64_t>{0, 1, 2, 999999, 20000000, kMaxNhsKey - 1}) {
    const std::string n = NhsNumberFor(key);
    EXPECT_EQ(n.size(), 10u);
    EXPECT_TRUE(IsValidNhsNumber(n)) << n;
    EXPECT_TRUE(seen.insert(n).second);
  }
  for (std::int64_t key = 0; key < 20000; ++key) seen.insert(NhsNumberFor(key));
  EXPECT_EQ(seen.size(), 20000u + 3u);  // 0, 1, 2 were counted twice; the three large keys once
}

TEST(Population, RelationshipsJoinPeopleOfTheSameFamily) {
  std::map<std::string_view, int> kinds;
  for (const Family& f : Generate(1, 20000)) {
    std::set<std::int64_t> ids;
    for (const SynthPerson& p : f.people) ids.insert(p.id);
    for (const Relationship& r : f.relationships) {
      EXPECT_TRUE(ids.contains(r.person_id));
      EXPECT_TRUE(ids.contains(r.related_person_id));
      EXPECT_NE(r.person_id, r.related_person_id);
      ++kinds[ToString(r.kind)];
    }
  }
  // Every kind the register knows turns up in a population this size.
  for (std::string_view kind : {"parent", "step_parent", "sibling", "half_sibling", "household_member", "partner_of_parent"}) {
    EXPECT_GT(kinds[kind], 10) << kind;
  }
}

TEST(Population, AddressesAreDatedWellFormedAndEndInTheCurrentOne) {
  const Day today = MakeDay(2026, 6, 1);
  std::size_t moved = 0, adults = 0;
  for (const SynthPerson& p : People(Generate(1, 20000))) {
    ASSERT_FALSE(p.addresses.empty()) << p.id;
    for (std::size_t i = 0; i < p.addresses.size(); ++i) {
      const AddressSpell& a = p.addresses[i];
      EXPECT_EQ(match::NormalisePostcode(a.postcode), a.postcode) << a.postcode;
      EXPECT_LE(a.from, today);
      if (i + 1 < p.addresses.size()) {
        ASSERT_TRUE(a.to.has_value()) << p.id;
        EXPECT_LE(a.from, *a.to);
        EXPECT_LE(*a.to, p.addresses[i + 1].from);
      }
    }
    EXPECT_FALSE(p.addresses.back().to.has_value());
    if (!p.is_child) {
      ++adults;
      if (p.addresses.size() > 1) ++moved;
    }
  }
  EXPECT_GT(static_cast<double>(moved) / static_cast<double>(adults), 0.3);
}

TEST(Population, SurnamesChangeOnMarriageAndSeparation) {
  std::size_t women = 0, changed = 0, children_changed = 0;
  for (const SynthPerson& p : People(Generate(1, 20000))) {
    for (std::size_t i = 0; i < p.previous_names.size(); ++i) {
      const PreviousName& n = p.previous_names[i];
      ASSERT_TRUE(n.from && n.to);
      EXPECT_LE(*n.from, *n.to);
      EXPECT_NE(n.last_name, i + 1 < p.previous_names.size() ? p.previous_names[i + 1].last_name : p.surname);
    }
    if (!p.is_child && p.sex == Sex::kFemale) {
      ++women;
      changed += p.previous_names.empty() ? 0 : 1;
    }
    if (p.is_child && !p.previous_names.empty()) ++children_changed;
  }
  EXPECT_GT(static_cast<double>(changed) / static_cast<double>(women), 0.2);
  EXPECT_GT(children_changed, 20u);
}

TEST(Population, InvolvementsAreDatedAndOpenOnesAllocated) {
  const Day today = MakeDay(2026, 6, 1);
  std::map<std::string_view, int> kinds;
  std::size_t open = 0, children = 0, with_history = 0;
  for (const SynthPerson& p : People(Generate(1, 20000))) {
    if (p.is_child && p.date_of_birth) {
      ++children;
      with_history += p.involvements.empty() ? 0 : 1;
    }
    for (const Involvement& i : p.involvements) {
      ++kinds[ToString(i.kind)];
      EXPECT_LE(i.started, today);
      ASSERT_TRUE(p.date_of_birth.has_value());
      EXPECT_GE(i.started, *p.date_of_birth);
      if (i.ended) {
        EXPECT_LE(i.started, *i.ended);
        EXPECT_LE(*i.ended, today);
      } else if (i.kind != InvolvementKind::kContact && i.kind != InvolvementKind::kReferral) {
        ++open;
        EXPECT_GE(i.worker, 0);
        EXPECT_LT(i.worker, kWorkers);
        EXPECT_FALSE(i.team.empty());
      }
      EXPECT_FALSE(i.reference.empty());
    }
    if (p.Open(InvolvementKind::kChildProtectionPlan)) { EXPECT_TRUE(p.OpenCase()); }
    if (!p.involvements.empty()) { EXPECT_FALSE(p.KnownHistory().empty()); }
  }
  for (std::string_view kind : {"contact", "referral", "early_help", "assessment", "child_in_need",
                                "child_protection_plan", "looked_after"})
    EXPECT_GT(kinds[kind], 20) << kind;
  EXPECT_GT(open, 50u);
  EXPECT_GT(static_cast<double>(with_history) / static_cast<double>(children), 0.6);
}

TEST(Population, NamesComeFromManyCommunities) {
  std::set<std::string> groups, surnames, forenames;
  for (const SynthPerson& p : People(Generate(1, 20000))) {
    groups.insert(p.group);
    surnames.insert(p.surname);
    forenames.insert(p.forenames.front());
  }
  EXPECT_GE(groups.size(), 14u);
  EXPECT_GT(surnames.size(), 2500u);
  EXPECT_GT(forenames.size(), 600u);
}

TEST(Population, ToMatchPersonCarriesPreviousSurnamesAndCurrentPostcode) {
  for (const SynthPerson& p : People(Generate(1, 3000))) {
    const match::Person m = ToMatchPerson(p);
    EXPECT_EQ(m.id, p.id);
    EXPECT_EQ(m.surname, p.surname);
    EXPECT_EQ(m.postcode.value_or(""), p.CurrentPostcode());
    EXPECT_EQ(m.date_of_birth.has_value(), p.date_of_birth.has_value());
    for (const std::string& s : m.previous_surnames) { EXPECT_NE(s, p.surname); }
  }
}

}  // namespace
}  // namespace fd::synth
