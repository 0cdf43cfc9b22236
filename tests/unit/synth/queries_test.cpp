#include "synth/queries.h"

#include <gtest/gtest.h>

#include <cmath>
#include <map>
#include <unordered_map>

#include "match/normalise.h"

namespace fd::synth {
namespace {

constexpr std::int64_t kPeople = 30000;
constexpr std::size_t kQueries = 8000;

struct Fixture {
  std::unordered_map<std::int64_t, SynthPerson> people;
  std::vector<LabelledQuery> queries;
};

const Fixture& Generated() {
  static const Fixture fixture = [] {
    Fixture f;
    const PopulationOptions population{11, kPeople, MakeDay(2026, 6, 1)};
    PopulationGenerator generator(population);
    QuerySampler sampler({11, kQueries, 0.2, 0.25}, population);
    Family family;
    while (generator.Next(family)) {
      sampler.Offer(family);
      for (SynthPerson& p : family.people) f.people.emplace(p.id, std::move(p));
    }
    f.queries = sampler.Finish();
    return f;
  }();
  return fixture;
}

bool Has(const LabelledQuery& q, std::string_view tag) {
  return std::find(q.errors.begin(), q.errors.end(), tag) != q.errors.end();
}

TEST(Queries, AreDeterministic) {
  const PopulationOptions population{5, 4000, MakeDay(2026, 6, 1)};
  auto make = [&] {
    PopulationGenerator generator(population);
    QuerySampler sampler({5, 500, 0.2, 0.25}, population);
    Family family;
    while (generator.Next(family)) sampler.Offer(family);
    std::string out;
    for (const LabelledQuery& q : sampler.Finish()) out += ToJsonLine(q) + "\n";
    return out;
  };
  EXPECT_EQ(make(), make());
}

TEST(Queries, HaveTheRequestedCountAndShares) {
  const auto& queries = Generated().queries;
  ASSERT_EQ(queries.size(), kQueries);
  std::size_t absent = 0, adults = 0;
  std::map<std::string, int> kinds;
  for (std::size_t i = 0; i < queries.size(); ++i) {
    EXPECT_EQ(queries[i].number, static_cast<std::int64_t>(i + 1));
    if (!queries[i].person_id) {
      ++absent;
      ++kinds[queries[i].absent_kind];
    } else if (!queries[i].about_child) {
      ++adults;
    }
  }
  EXPECT_EQ(absent, 1600u);
  EXPECT_EQ(adults, 1600u);  // a quarter of the 6,400 about people on the register
  EXPECT_EQ(kinds["new_baby"], 400);
  EXPECT_EQ(kinds["new_partner"], 240);
  EXPECT_EQ(kinds["other_family"], 960);
}

// Every answer is a person on the register, and the query describes them: every field given
// agrees with the record unless an error on that field is recorded.
TEST(Queries, EveryAnswerExistsAndMatchesItsErrors) {
  const Fixture& f = Generated();
  for (const LabelledQuery& q : f.queries) {
    if (!q.person_id) {
      EXPECT_FALSE(q.absent_kind.empty());
      continue;
    }
    ASSERT_GE(*q.person_id, 1);
    ASSERT_LE(*q.person_id, kPeople);
    const SynthPerson& p = f.people.at(*q.person_id);
    EXPECT_EQ(q.about_child, p.is_child);
    const bool accents = Has(q, "accents_dropped");
    if (!q.forenames.empty() && !Has(q, "forename_typo") && !Has(q, "forename_transposed") && !Has(q, "nickname") &&
        !Has(q, "middle_name_as_first") && !Has(q, "forename_initial") && !accents) {
      EXPECT_EQ(match::NormaliseName(q.forenames), match::NormaliseName(p.forenames.front())) << ToJsonLine(q);
    }
    if (Has(q, "nickname")) {
      EXPECT_TRUE(ShippedNicknames().AreNicknames(q.forenames, p.forenames.front())) << ToJsonLine(q);
    }
    if (Has(q, "middle_name_as_first")) { EXPECT_EQ(match::NormaliseName(q.forenames), match::NormaliseName(p.forenames[1])); }
    if (Has(q, "forename_initial")) { EXPECT_EQ(q.forenames.size(), 1u); }
    if (!q.surname.empty() && !Has(q, "surname_typo") && !Has(q, "surname_transposed") && !Has(q, "changed_surname") &&
        !accents) {
      EXPECT_EQ(match::NormaliseName(q.surname), match::NormaliseName(p.surname)) << ToJsonLine(q);
    }
    if (Has(q, "surname_typo") || Has(q, "surname_transposed") || Has(q, "changed_surname")) {
      EXPECT_NE(match::NormaliseName(q.surname), match::NormaliseName(p.surname)) << ToJsonLine(q);
    }
    const match::PersonQuery mq = ToMatchQuery(q);
    const match::Person mp = ToMatchPerson(p);
    if (!q.date_of_birth.empty()) {
      ASSERT_TRUE(mq.date_of_birth.has_value()) << q.date_of_birth;
      const auto& a = *mq.date_of_birth;
      const auto& b = *mp.date_of_birth;
      if (Has(q, "dob_swapped")) { EXPECT_TRUE(a.day == b.month && a.month == b.day && a.year == b.year); }
      else if (Has(q, "dob_year_off")) { EXPECT_TRUE(a.day == b.day && a.month == b.month && std::abs(a.year - b.year) == 1); }
      else if (Has(q, "dob_digit")) { EXPECT_TRUE(a.day != b.day && a.month == b.month && a.year == b.year); }
      else EXPECT_EQ(a, b);
    } else {
      EXPECT_TRUE(Has(q, "no_dob") || Has(q, "first_name_only")) << ToJsonLine(q);
    }
    if (!q.nhs_number.empty()) { EXPECT_EQ(match::NormaliseNhsNumber(q.nhs_number).value_or(""), p.nhs_number); }
    if (Has(q, "postcode_given")) { EXPECT_EQ(match::NormalisePostcode(q.postcode).value_or(""), p.CurrentPostcode()); }
    if (Has(q, "old_postcode")) { EXPECT_NE(match::NormalisePostcode(q.postcode).value_or(""), p.CurrentPostcode()); }
    if (Has(q, "first_name_only")) {
      EXPECT_TRUE(q.surname.empty() && q.date_of_birth.empty() && q.nhs_number.empty() && q.postcode.empty());
    }
  }
}

// The share of queries with each error is what kErrorMix documents: exactly (within sampling
// error) for errors that always apply, and no more than documented for those that need something.
TEST(Queries, ErrorMixMatchesTheDocumentedRates) {
  const auto& queries = Generated().queries;
  std::map<std::string_view, double> expected;
  std::map<std::string_view, double> met;
  double n = 0;
  const double first_name_only = kErrorMix[0].child_rate;
  for (const LabelledQuery& q : queries) {
    n += 1;
    for (const ErrorRate& r : kErrorMix) {
      double rate = q.about_child ? r.child_rate : r.adult_rate;
      // Fields other than the first name and gender are not drawn for first-name-only queries.
      const bool whole = r.tag == "first_name_only" || r.tag.starts_with("forename") || r.tag == "nickname" ||
                         r.tag == "middle_name_as_first" || r.tag == "gender_given" || r.tag == "accents_dropped";
      if (!whole) rate *= 1.0 - first_name_only;
      expected[r.tag] += rate;
    }
    for (const std::string& tag : q.errors) met[tag] += 1;
  }
  for (const ErrorRate& r : kErrorMix) {
    const double want = expected[r.tag] / n;
    const double got = met[r.tag] / n;
    const double sigma = std::sqrt(want * (1 - want) / n);
    if (r.needs.empty()) {
      EXPECT_NEAR(got, want, 4 * sigma + 0.002) << r.tag;
    } else {
      EXPECT_LE(got, want + 4 * sigma) << r.tag;
      if (r.tag != "accents_dropped") { EXPECT_GT(got, want * 0.15) << r.tag; }
    }
  }
}

TEST(Queries, JsonLinesRoundTrip) {
  for (const LabelledQuery& q : Generated().queries) {
    const std::string line = ToJsonLine(q, 100);
    const auto back = FromJsonLine(line);
    ASSERT_TRUE(back.has_value()) << line;
    EXPECT_EQ(ToJsonLine(*back), ToJsonLine(q, 100));
    EXPECT_EQ(back->person_id.has_value(), q.person_id.has_value());
    if (q.person_id) { EXPECT_EQ(*back->person_id, *q.person_id + 100); }
  }
  EXPECT_FALSE(FromJsonLine("not json").has_value());
  EXPECT_FALSE(FromJsonLine("{\"x\":1}").has_value());
}

TEST(Queries, EveryQueryCanBeSearched) {
  for (const LabelledQuery& q : Generated().queries) {
    const match::PersonQuery m = ToMatchQuery(q);
    const bool anything = !m.forenames.empty() || m.surname || m.date_of_birth || m.nhs_number || m.postcode;
    EXPECT_TRUE(anything) << ToJsonLine(q);
    if (!q.postcode.empty()) { EXPECT_TRUE(match::NormalisePostcode(q.postcode).has_value()) << q.postcode; }
  }
}

}  // namespace
}  // namespace fd::synth
