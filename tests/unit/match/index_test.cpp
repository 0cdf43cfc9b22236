#include "match/index.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <map>
#include <random>
#include <set>

#include "match/blocking.h"
#include "match/compare.h"
#include "test_support.h"

namespace fd::match {
namespace {

Person Child(PersonId id, std::vector<std::string> forenames, std::string surname,
             std::optional<DateOfBirth> dob, Gender gender = Gender::kNotKnown,
             std::optional<std::string> postcode = std::nullopt,
             std::optional<std::string> nhs = std::nullopt, std::vector<std::string> previous = {}) {
  return Person{id,     std::move(forenames), std::move(surname), std::move(previous), dob,
                gender, std::move(nhs),       std::move(postcode)};
}

PersonQuery Query() {
  return PersonQuery{};
}

// A few thousand unrelated children around the people under test, so blocking and ranking
// work among look-alikes as they would in a council's index. No background child has a surname
// used by a test's subject.
class IndexTest : public ::testing::Test {
 protected:
  void SetUp() override {
    const std::vector<std::string> forenames = {
        "Oliver", "Jack",   "Harry",    "George", "Noah", "Charlie", "Olivia", "Amelia", "Isla",  "Ava",
        "Emily",  "Sophia", "Mohammed", "Aisha",  "Liam", "Grace",   "Freya",  "Leo",    "Oscar", "Ruby"};
    const std::vector<std::string> surnames = {
        "Taylor", "Brown", "Davies", "Evans", "Wilson", "Johnson", "Roberts", "Robinson", "Walker", "Wood",
        "Hughes", "Green", "Hall",   "Lewis", "Harris", "Clarke",  "Patel",   "Ahmed",    "Begum",  "Nowak"};
    const std::vector<std::string> districts = {"SW1A", "N1", "M1", "B33", "CR2"};
    std::mt19937_64 random(7);
    for (PersonId id = 1000; id < 4000; ++id) {
      const DateOfBirth dob{2006 + static_cast<int>(random() % 18), 1 + static_cast<int>(random() % 12),
                            1 + static_cast<int>(random() % 28)};
      const std::string postcode = districts[random() % districts.size()] + " " +
                                   std::to_string(random() % 10) + static_cast<char>('A' + random() % 26) +
                                   static_cast<char>('A' + random() % 26);
      Person p = Child(id, {forenames[random() % forenames.size()]}, surnames[random() % surnames.size()],
                       dob, random() % 2 ? Gender::kFemale : Gender::kMale, postcode);
      ASSERT_TRUE(index_.Add(p).has_value());
    }
  }

  std::vector<Candidate> Search(const PersonQuery& query, std::size_t limit = 10) const {
    auto found = index_.Search(query, limit);
    EXPECT_TRUE(found.has_value()) << (found ? "" : found.error().message);
    return found ? std::move(*found) : std::vector<Candidate>{};
  }

  static const Reason& ReasonFor(const Candidate& c, Field field) { return c.reasons[Position(field)]; }

  Index index_{ShippedNicknames()};
};

TEST_F(IndexTest, TypoInSurnameStillFindsThePerson) {
  ASSERT_TRUE(index_.Add(Child(1, {"Oliver"}, "Thompson", DateOfBirth{2015, 3, 4})).has_value());
  // The surname alone, mistyped: found through its sound code (Tompson and Thompson are TMPS).
  PersonQuery surname_only = Query();
  surname_only.surname = "Tompson";
  auto found = Search(surname_only);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].id, 1);
  EXPECT_EQ(ReasonFor(found[0], Field::kSurname).level, Level::kClose);

  // A slip that changes the sound code (Thomsson is TMSN): found through the forename and date.
  PersonQuery query = Query();
  query.forenames = {"Oliver"};
  query.surname = "Thomsson";
  query.date_of_birth = DateOfBirth{2015, 3, 4};
  found = Search(query);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].id, 1);
  EXPECT_GT(found[0].probability, 0.9);
}

TEST_F(IndexTest, SwappedDayAndMonthAndYearOneOutAreFound) {
  ASSERT_TRUE(index_.Add(Child(2, {"Amira"}, "Karimi", DateOfBirth{2016, 5, 9})).has_value());
  PersonQuery swapped = Query();
  swapped.date_of_birth = DateOfBirth{2016, 9, 5};
  auto found = Search(swapped, 500);
  auto it = std::find_if(found.begin(), found.end(), [](const Candidate& c) { return c.id == 2; });
  ASSERT_NE(it, found.end());
  EXPECT_EQ(ReasonFor(*it, Field::kDateOfBirth).level, Level::kDayMonthSwapped);
  EXPECT_EQ(ReasonFor(*it, Field::kDateOfBirth).agreement, Agreement::kPartlyAgreed);

  PersonQuery named = swapped;
  named.forenames = {"Amira"};
  named.surname = "Karimi";
  found = Search(named);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].id, 2);

  PersonQuery year_out = Query();
  year_out.forenames = {"Amira"};
  year_out.date_of_birth = DateOfBirth{2017, 5, 9};
  found = Search(year_out);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].id, 2);
  EXPECT_EQ(ReasonFor(found[0], Field::kDateOfBirth).level, Level::kYearOff);
}

TEST_F(IndexTest, NicknameFindsTheRegisteredName) {
  ASSERT_TRUE(index_.Add(Child(3, {"William", "George"}, "Smith", DateOfBirth{2014, 7, 21}, Gender::kMale))
                  .has_value());
  ASSERT_TRUE(index_.Add(Child(4, {"Wilma"}, "Smith", DateOfBirth{2012, 1, 2}, Gender::kFemale)).has_value());
  ASSERT_TRUE(index_.Add(Child(5, {"Jack"}, "Smith", DateOfBirth{2010, 11, 30}, Gender::kMale)).has_value());
  PersonQuery query = Query();
  query.forenames = {"Bill"};
  query.surname = "Smith";
  const auto found = Search(query);
  ASSERT_GE(found.size(), 3u);
  EXPECT_EQ(found[0].id, 3);
  const Reason& forename = ReasonFor(found[0], Field::kForename);
  EXPECT_EQ(forename.level, Level::kNickname);
  EXPECT_EQ(forename.detail, "\"bill\" and \"william\" are forms of one name");
  EXPECT_EQ(ReasonFor(found[0], Field::kSurname).level, Level::kExact);
  EXPECT_EQ(ReasonFor(found[0], Field::kDateOfBirth).level, Level::kMissing);
  EXPECT_EQ(ReasonFor(found[0], Field::kDateOfBirth).weight, 0.0);

  // An initial agrees too, with less weight than the nickname.
  query.forenames = {"W"};
  const auto by_initial = Search(query);
  ASSERT_FALSE(by_initial.empty());
  EXPECT_EQ(ReasonFor(by_initial[0], Field::kForename).level, Level::kInitial);
  EXPECT_LT(ReasonFor(by_initial[0], Field::kForename).weight, forename.weight);

  // Known by the middle name.
  query.forenames = {"George"};
  query.date_of_birth = DateOfBirth{2014, 7, 21};
  const auto by_middle = Search(query);
  ASSERT_FALSE(by_middle.empty());
  EXPECT_EQ(by_middle[0].id, 3);
  EXPECT_EQ(ReasonFor(by_middle[0], Field::kForename).level, Level::kOtherForename);
}

TEST_F(IndexTest, ChangedSurnameIsFoundThroughAPreviousSurname) {
  ASSERT_TRUE(index_
                  .Add(Child(6, {"Amelia"}, "Wright", DateOfBirth{2013, 2, 14}, Gender::kFemale, std::nullopt,
                             std::nullopt, {"Jones"}))
                  .has_value());
  // The referrer knows only the old surname.
  PersonQuery query = Query();
  query.surname = "Jones";
  auto found = Search(query);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].id, 6);
  EXPECT_EQ(ReasonFor(found[0], Field::kSurname).level, Level::kExact);
  EXPECT_EQ(ReasonFor(found[0], Field::kSurname).detail,
            "\"jones\" on both (a previous surname on the record)");

  // Or the record holds only the old surname and the searcher gives it as a previous one.
  ASSERT_TRUE(index_.Add(Child(7, {"Maya"}, "Okafor", DateOfBirth{2018, 6, 1})).has_value());
  PersonQuery renamed = Query();
  renamed.forenames = {"Maya"};
  renamed.surname = "Bennett";
  renamed.previous_surnames = {"Okafor"};
  found = Search(renamed);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].id, 7);
  EXPECT_EQ(ReasonFor(found[0], Field::kSurname).detail,
            "\"okafor\" on both (a previous surname in the search)");
}

TEST_F(IndexTest, TruePersonRanksAboveASiblingInTheSameHousehold) {
  ASSERT_TRUE(index_.Add(Child(10, {"Oliver"}, "Smith", DateOfBirth{2015, 3, 4}, Gender::kMale, "SW1A 1AA"))
                  .has_value());
  ASSERT_TRUE(index_.Add(Child(11, {"Jack"}, "Smith", DateOfBirth{2017, 8, 10}, Gender::kMale, "SW1A 1AA"))
                  .has_value());
  PersonQuery query = Query();
  query.forenames = {"Oliver"};
  query.surname = "Smith";
  query.date_of_birth = DateOfBirth{2015, 3, 4};
  query.gender = Gender::kMale;
  query.postcode = "sw1a1aa";
  const auto found = Search(query);
  ASSERT_GE(found.size(), 2u);
  EXPECT_EQ(found[0].id, 10);
  EXPECT_EQ(found[1].id, 11);
  EXPECT_GT(found[0].probability, 0.999);
  EXPECT_LT(found[1].probability, 0.01);
  EXPECT_GT(found[0].match_weight - found[1].match_weight, 20.0);

  // "Olly", the name he goes by, still puts him first.
  query.forenames = {"Olly"};
  const auto olly = Search(query);
  ASSERT_FALSE(olly.empty());
  EXPECT_EQ(olly[0].id, 10);
}

TEST_F(IndexTest, SearchByNhsNumberAlone) {
  ASSERT_TRUE(index_
                  .Add(Child(20, {"Zainab"}, "Hussain", DateOfBirth{2019, 12, 1}, Gender::kFemale, "M1 1AE",
                             "943 476 5919"))
                  .has_value());
  PersonQuery query = Query();
  query.nhs_number = "9434765919";
  const auto found = Search(query);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, 20);
  EXPECT_GT(found[0].probability, 0.99);
  EXPECT_EQ(ReasonFor(found[0], Field::kNhsNumber).agreement, Agreement::kAgreed);
  EXPECT_EQ(ReasonFor(found[0], Field::kSurname).agreement, Agreement::kMissing);
}

TEST_F(IndexTest, EmptyQueryFindsNobody) {
  EXPECT_TRUE(Search(Query()).empty());
  PersonQuery gender_only = Query();
  gender_only.gender = Gender::kFemale;  // not a blocking key: would otherwise be half the index
  EXPECT_TRUE(Search(gender_only).empty());
  PersonQuery blank_names = Query();
  blank_names.forenames = {" ", "-"};
  blank_names.surname = "'";
  EXPECT_TRUE(Search(blank_names).empty());
  PersonQuery named = Query();
  named.surname = "Taylor";
  EXPECT_TRUE(Search(named, 0).empty());
}

TEST_F(IndexTest, ResultsAreLimitedAndBestFirst) {
  PersonQuery query = Query();
  query.surname = "Taylor";
  query.forenames = {"Oliver"};
  const auto found = Search(query, 5);
  ASSERT_EQ(found.size(), 5u);
  for (std::size_t i = 1; i < found.size(); ++i) EXPECT_GE(found[i - 1].match_weight, found[i].match_weight);
  for (const Candidate& c : found) {
    ASSERT_EQ(c.reasons.size(), kFieldCount);
    double sum = 0;
    for (std::size_t f = 0; f < kFieldCount; ++f) {
      EXPECT_EQ(c.reasons[f].field, static_cast<Field>(f));
      sum += c.reasons[f].weight;
    }
    EXPECT_NEAR(sum, c.match_weight, 1e-9);
  }
}

TEST_F(IndexTest, MalformedQueryFieldsAreErrors) {
  PersonQuery query = Query();
  query.nhs_number = "12345";
  auto found = index_.Search(query, 10);
  ASSERT_FALSE(found.has_value());
  EXPECT_EQ(found.error().field, "nhs_number");
  query = Query();
  query.postcode = "SW1A";
  EXPECT_EQ(index_.Search(query, 10).error().field, "postcode");
  query = Query();
  query.date_of_birth = DateOfBirth{2015, 2, 29};
  EXPECT_EQ(index_.Search(query, 10).error().field, "date_of_birth");
}

TEST_F(IndexTest, AddUpdateRemoveKeepTheIndexConsistent) {
  const std::size_t before = index_.size();
  ASSERT_TRUE(
      index_.Add(Child(30, {"Noah"}, "Fenwick", DateOfBirth{2011, 10, 10}, Gender::kMale)).has_value());
  EXPECT_EQ(index_.size(), before + 1);
  EXPECT_EQ(index_.Add(Child(30, {"Other"}, "Person", std::nullopt)).error().code,
            MatchErrorCode::kDuplicateId);

  PersonQuery old_name = Query();
  old_name.surname = "Fenwick";
  ASSERT_FALSE(Search(old_name).empty());

  // A surname change without the old one kept: the old surname no longer finds him.
  ASSERT_TRUE(
      index_.Update(Child(30, {"Noah"}, "Ashdown", DateOfBirth{2011, 10, 10}, Gender::kMale)).has_value());
  EXPECT_TRUE(Search(old_name).empty());
  PersonQuery new_name = Query();
  new_name.surname = "Ashdown";
  auto found = Search(new_name);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, 30);
  EXPECT_EQ(index_.size(), before + 1);

  // A malformed update is refused and leaves the entry as it was.
  auto bad = Child(30, {"Noah"}, "Renamed", DateOfBirth{2011, 10, 10}, Gender::kMale, "not a postcode");
  EXPECT_TRUE(index_.Update(bad).error().IsInvalid());
  EXPECT_EQ(Search(new_name).size(), 1u);
  EXPECT_EQ(index_.Update(Child(31, {"Nobody"}, "Here", std::nullopt)).error().code,
            MatchErrorCode::kUnknownId);

  ASSERT_TRUE(index_.Remove(30).has_value());
  EXPECT_FALSE(index_.Contains(30));
  EXPECT_TRUE(Search(new_name).empty());
  EXPECT_EQ(index_.Remove(30).error().code, MatchErrorCode::kUnknownId);
  EXPECT_EQ(index_.size(), before);

  // The freed slot is reused without the removed person's keys leading to the newcomer.
  ASSERT_TRUE(index_.Add(Child(32, {"Ivy"}, "Marchetti", DateOfBirth{2020, 1, 1})).has_value());
  EXPECT_TRUE(Search(new_name).empty());
  PersonQuery newcomer = Query();
  newcomer.surname = "Marchetti";
  found = Search(newcomer);
  ASSERT_EQ(found.size(), 1u);
  EXPECT_EQ(found[0].id, 32);
}

// After a random mix of adds, updates and removes, the index holds exactly what a fresh index
// built from the surviving people holds, and answers every search the same way.
TEST(IndexConsistency, IncrementalChangesMatchAFreshBuild) {
  const std::vector<std::string> forenames = {"Ava", "Eva", "Jack", "Jake", "Liam", "William", "Bill", "Zoe"};
  const std::vector<std::string> surnames = {"Smith", "Smyth", "Jones", "Khan", "Nowak", "Smith-Jones"};
  std::mt19937_64 random(11);
  auto random_person = [&](PersonId id) {
    Person p =
        Child(id, {forenames[random() % forenames.size()]}, surnames[random() % surnames.size()],
              DateOfBirth{2010 + static_cast<int>(random() % 3), 1 + static_cast<int>(random() % 2), 1},
              random() % 2 ? Gender::kFemale : Gender::kMale);
    if (random() % 3 == 0) p.postcode = "N1 " + std::to_string(random() % 3) + "AA";
    if (random() % 4 == 0) p.previous_surnames = {surnames[random() % surnames.size()]};
    if (random() % 5 == 0) p.nhs_number = std::to_string(1000000000 + random() % 50);
    return p;
  };
  Index incremental;
  std::map<PersonId, Person> live;
  for (int step = 0; step < 3000; ++step) {
    const PersonId id = static_cast<PersonId>(random() % 300);
    const int action = static_cast<int>(random() % 3);
    if (action == 0 && !live.contains(id)) {
      Person p = random_person(id);
      ASSERT_TRUE(incremental.Add(p).has_value());
      live[id] = p;
    } else if (action == 1 && live.contains(id)) {
      Person p = random_person(id);
      ASSERT_TRUE(incremental.Update(p).has_value());
      live[id] = p;
    } else if (action == 2 && live.contains(id)) {
      ASSERT_TRUE(incremental.Remove(id).has_value());
      live.erase(id);
    }
  }
  Index fresh;
  for (const auto& [id, person] : live) ASSERT_TRUE(fresh.Add(person).has_value());
  EXPECT_EQ(incremental.size(), live.size());
  EXPECT_EQ(incremental.Stats().blocking_keys, fresh.Stats().blocking_keys);
  for (int i = 0; i < 200; ++i) {
    const Person p = random_person(0);
    PersonQuery query{p.forenames, p.surname,    p.previous_surnames, p.date_of_birth,
                      p.gender,    p.nhs_number, p.postcode};
    const auto a = incremental.Search(query, 1000).value();
    const auto b = fresh.Search(query, 1000).value();
    ASSERT_EQ(a.size(), b.size());
    for (std::size_t k = 0; k < a.size(); ++k) {
      EXPECT_EQ(a[k].id, b[k].id);
      EXPECT_DOUBLE_EQ(a[k].match_weight, b[k].match_weight);
    }
  }
}

// RULE KCR-10: "is this child known?" weighs a name by how common it is. Agreeing on a surname
// a fifth of the register shares says less than agreeing on one only one family has, and both
// say at least as much as a near miss (a close spelling).
TEST_F(IndexTest, ExactAgreementOnARareNameWeighsMoreThanOnACommonOne) {
  ASSERT_TRUE(index_.Add(Child(10, {"Oliver"}, "Quenneville", DateOfBirth{2015, 3, 4})).has_value());
  PersonQuery rare = Query();
  rare.surname = "Quenneville";
  rare.date_of_birth = DateOfBirth{2015, 3, 4};
  PersonQuery common = rare;
  common.surname = "Taylor";  // one of the 20 surnames of the 3,000 background children
  const WeightTable rare_weights = index_.WeightsFor(rare).value();
  const WeightTable common_weights = index_.WeightsFor(common).value();
  const auto exact = [](const WeightTable& w) {
    return w[Position(Field::kSurname)][Position(Level::kExact)];
  };
  const auto close = [](const WeightTable& w) {
    return w[Position(Field::kSurname)][Position(Level::kClose)];
  };
  EXPECT_GT(exact(rare_weights), exact(common_weights) + 1.0);
  EXPECT_GE(exact(common_weights), close(common_weights));
  // The table's average sits between the two.
  const double average = LogWeights(DefaultWeights())[Position(Field::kSurname)][Position(Level::kExact)];
  EXPECT_GT(exact(rare_weights), average);
  EXPECT_LT(exact(common_weights), average);
  // What the search reports is what it weighed.
  const auto found = Search(rare);
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found[0].id, 10);
  EXPECT_DOUBLE_EQ(ReasonFor(found[0], Field::kSurname).weight, exact(rare_weights));
}

// RULE KCR-10: at most one record is the child, so two records that fit a search equally well
// share the chance, and neither reads as "very likely" on its own.
TEST_F(IndexTest, EquallyGoodCandidatesShareTheProbability) {
  PersonQuery query = Query();
  query.forenames = {"Zebedee"};
  query.surname = "Quenneville";
  query.date_of_birth = DateOfBirth{2015, 3, 4};
  ASSERT_TRUE(index_.Add(Child(10, {"Zebedee"}, "Quenneville", DateOfBirth{2015, 3, 4})).has_value());
  const auto alone = Search(query);
  ASSERT_FALSE(alone.empty());
  EXPECT_GT(alone[0].probability, 0.99);
  // A duplicate record of the same details (as a register awaiting a merge has).
  ASSERT_TRUE(index_.Add(Child(11, {"Zebedee"}, "Quenneville", DateOfBirth{2015, 3, 4})).has_value());
  const auto two = Search(query);
  ASSERT_GE(two.size(), 2u);
  EXPECT_DOUBLE_EQ(two[0].match_weight, two[1].match_weight);
  EXPECT_NEAR(two[0].probability, two[1].probability, 1e-12);
  EXPECT_LT(two[0].probability, 0.5);
  EXPECT_GT(two[0].probability + two[1].probability, 0.99);
  // Asking for one candidate does not make it surer: the other still shares.
  const auto one = index_.Search(query, 1).value();
  ASSERT_EQ(one.size(), 1u);
  EXPECT_NEAR(one[0].probability, two[0].probability, 1e-12);
}

// RULE KCR-10, HCR-30: twins share a surname, a date of birth, an address and often a gender; a
// brother or sister must never be taken for the child, or the two children's records could be
// merged. A search for the twin whose record is not yet held finds the other as worth checking
// ("possible"), never as "very likely"; a variant of the child's own first name (a slip of
// spelling, a nickname, an initial) with everything else the same still is "very likely".
TEST_F(IndexTest, ATwinWithAnotherFirstNameIsNeverVeryLikely) {
  constexpr double kVeryLikely = 0.95;  // the service's band (app/match_bands.h, kLikelyMatch)
  constexpr double kPossible = 0.005;   // kPossibleMatch: shown, to check with the caller
  const DateOfBirth born{2019, 6, 2};
  ASSERT_TRUE(index_.Add(Child(10, {"Amelia"}, "Quenneville", born, Gender::kFemale, "N1 9GU")).has_value());
  auto search = [&](std::string first_name) {
    PersonQuery query = Query();
    query.forenames = {std::move(first_name)};
    query.surname = "Quenneville";
    query.date_of_birth = born;
    query.gender = Gender::kFemale;
    query.postcode = "N1 9GU";
    return query;
  };

  for (const std::string twin : {"Olivia", "Emily"}) {
    const auto found = Search(search(twin));
    ASSERT_FALSE(found.empty()) << twin;
    EXPECT_EQ(found[0].id, 10) << twin;
    EXPECT_LT(found[0].probability, kVeryLikely) << twin;
    EXPECT_GE(found[0].probability, kPossible) << twin;
    // Everything else agrees: by weight alone she would be near certain.
    EXPECT_GT(found[0].match_weight, 25.0) << twin;
    for (Field field : {Field::kSurname, Field::kDateOfBirth, Field::kGender, Field::kPostcode})
      EXPECT_EQ(ReasonFor(found[0], field).level, Level::kExact) << twin;
  }
  EXPECT_EQ(ReasonFor(Search(search("Olivia"))[0], Field::kForename).level, Level::kDisagree);
  // "Emily" only sounds like "Amelia" (a shared sound code, no nickname or slip of spelling):
  // different names, as twins' often are.
  EXPECT_EQ(ReasonFor(Search(search("Emily"))[0], Field::kForename).level, Level::kPhonetic);

  // The child herself, however her first name was written.
  for (const auto& [variant, level] : std::vector<std::pair<std::string, Level>>{
           {"Amelia", Level::kExact},
           {"Ameila", Level::kClose},  // a typing slip
           {"Milly", Level::kNickname},
           {"A", Level::kInitial}}) {
    const auto found = Search(search(variant));
    ASSERT_FALSE(found.empty()) << variant;
    EXPECT_EQ(found[0].id, 10) << variant;
    EXPECT_EQ(ReasonFor(found[0], Field::kForename).level, level) << variant;
    EXPECT_GE(found[0].probability, kVeryLikely) << variant;
  }

  // An NHS number agreeing settles who she is whatever name was given: twins never share one.
  ASSERT_TRUE(index_.Update(Child(10, {"Amelia"}, "Quenneville", born, Gender::kFemale, "N1 9GU", "9434765919"))
                  .has_value());
  PersonQuery with_number = search("Olivia");
  with_number.nhs_number = "9434765919";
  const auto numbered = Search(with_number);
  ASSERT_FALSE(numbered.empty());
  EXPECT_EQ(numbered[0].id, 10);
  EXPECT_GE(numbered[0].probability, kVeryLikely);
  // A different NHS number is one more sign of a twin.
  with_number.nhs_number = "9434765870";
  const auto other_number = Search(with_number);
  ASSERT_FALSE(other_number.empty());
  EXPECT_LT(other_number[0].probability, kVeryLikely);
}

// Once both twins are on the register, each search finds its own child, very likely, and the
// other twin far below.
TEST_F(IndexTest, TwinsBothOnTheRegisterAreToldApart) {
  const DateOfBirth born{2019, 6, 2};
  ASSERT_TRUE(index_.Add(Child(10, {"Amelia"}, "Quenneville", born, Gender::kFemale, "N1 9GU")).has_value());
  ASSERT_TRUE(index_.Add(Child(11, {"Olivia"}, "Quenneville", born, Gender::kFemale, "N1 9GU")).has_value());
  for (const auto& [name, id] : std::vector<std::pair<std::string, PersonId>>{{"Amelia", 10}, {"Olivia", 11}}) {
    PersonQuery query = Query();
    query.forenames = {name};
    query.surname = "Quenneville";
    query.date_of_birth = born;
    query.postcode = "N1 9GU";
    const auto found = Search(query);
    ASSERT_GE(found.size(), 2u) << name;
    EXPECT_EQ(found[0].id, id) << name;
    EXPECT_GT(found[0].probability, 0.99) << name;
    EXPECT_LT(found[1].probability, 0.001) << name;
  }
}

// The prior is the share of searches about someone on the register over the people indexed, so
// the same evidence is less conclusive on a larger register.
TEST(IndexPrior, FollowsTheRegisterSize) {
  Index index(ShippedNicknames());
  const double share = DefaultWeights().on_register;
  for (PersonId id = 1; id <= 100; ++id) {
    ASSERT_TRUE(
        index
            .Add(Child(id, {"Child"}, "Number" + std::string(1, static_cast<char>('a' + id % 26)),
                       DateOfBirth{2010, 1 + static_cast<int>(id % 12), 1 + static_cast<int>(id % 28)}))
            .has_value());
  }
  EXPECT_NEAR(index.Prior(), share / 100.0, 1e-15);
  ASSERT_TRUE(index.Remove(1).has_value());
  EXPECT_NEAR(index.Prior(), share / 99.0, 1e-15);
  Weights sure = DefaultWeights();
  sure.on_register = 0.9;
  Index other(ShippedNicknames(), sure);
  ASSERT_TRUE(other.Add(Child(1, {"Ada"}, "Lovelace", DateOfBirth{2015, 12, 10})).has_value());
  EXPECT_NEAR(other.Prior(), 0.9, 1e-12);
}

// The search skips people whose best possible score cannot make the results (Scorer::UpperBound).
// That must never change the answer: it equals scoring everyone who shares a blocking key.
TEST(IndexPruning, SearchEqualsScoringEveryBlockedCandidate) {
  const NicknameTable nicknames = ShippedNicknames();
  const std::vector<std::string> forenames = {"William", "Bill",   "Liam",   "Jack", "John",
                                              "J",       "Olivia", "Oliver", "Ava"};
  const std::vector<std::string> middles = {"", "", "James", "Bill", "Rose", "Jack"};
  const std::vector<std::string> surnames = {"Smith", "Smyth", "Schmidt", "Smith-Jones",
                                             "Jones", "Khan",  "Kahn"};
  std::mt19937_64 random(5);
  auto random_person = [&](PersonId id) {
    Person p = Child(id, {forenames[random() % forenames.size()]}, surnames[random() % surnames.size()],
                     DateOfBirth{2014 + static_cast<int>(random() % 2), 1 + static_cast<int>(random() % 3),
                                 1 + static_cast<int>(random() % 3)},
                     static_cast<Gender>(random() % 4));
    const std::string& middle = middles[random() % middles.size()];
    if (!middle.empty()) p.forenames.push_back(middle);
    if (random() % 4 == 0) p.forenames.push_back(middles[random() % middles.size()] + "a");
    if (random() % 5 == 0) p.previous_surnames = {surnames[random() % surnames.size()]};
    if (random() % 3 == 0) p.postcode = "N1 " + std::to_string(random() % 4) + "AA";
    if (random() % 4 == 0) p.nhs_number = std::to_string(1000000000 + random() % 200);
    if (random() % 10 == 0) p.date_of_birth.reset();
    return p;
  };
  Index index(ShippedNicknames());
  std::vector<Person> people;
  for (PersonId id = 1; id <= 2000; ++id) {
    people.push_back(random_person(id));
    ASSERT_TRUE(index.Add(people.back()).has_value());
  }
  // Each person's keys, worked out once.
  std::vector<std::vector<BlockingKey>> keys_of;
  for (const Person& person : people) {
    NamePool own;
    const auto stored = PrepareRecord(person, own);
    keys_of.push_back(RecordKeys(stored->record, stored->extra_names, own));
  }
  for (int round = 0; round < 150; ++round) {
    Person asked = random_person(0);
    if (round % 3 == 0) asked.date_of_birth.reset();
    if (round % 5 == 0) asked.forenames.resize(1);
    // Often ask by a name others carry as a middle name, so agreement through a middle name
    // (the part of a record the bound knows least about) decides places in the results.
    if (round % 2 == 0) asked.forenames = {middles[2 + static_cast<std::size_t>(round / 2) % 4]};
    const PersonQuery query{asked.forenames, asked.surname,    asked.previous_surnames, asked.date_of_birth,
                            asked.gender,    asked.nhs_number, asked.postcode};
    // Everyone sharing a key, scored in full, with the search's weights (names weighed by how
    // common they are in this index).
    const WeightTable weights = index.WeightsFor(query).value();
    NamePool pool;
    const auto prepared = PrepareQuery(query, pool);
    ASSERT_TRUE(prepared.has_value());
    const std::vector<BlockingKey> query_keys = QueryKeys(*prepared);
    const std::set<BlockingKey> wanted(query_keys.begin(), query_keys.end());
    std::vector<std::pair<double, PersonId>> expected;
    for (std::size_t p = 0; p < people.size(); ++p) {
      const Person& person = people[p];
      const std::vector<BlockingKey>& keys = keys_of[p];
      if (std::none_of(keys.begin(), keys.end(), [&](BlockingKey k) { return wanted.contains(k); })) continue;
      const FieldLevels levels = Compare(asked, person, nicknames);
      double weight = 0;
      for (std::size_t f = 0; f < kFieldCount; ++f) weight += weights[f][Position(levels[f])];
      expected.emplace_back(-weight, person.id);
    }
    std::sort(expected.begin(), expected.end());
    const std::size_t limit = 1 + static_cast<std::size_t>(round % 7);
    const auto found = index.Search(query, limit).value();
    ASSERT_EQ(found.size(), std::min(limit, expected.size())) << "round " << round;
    for (std::size_t k = 0; k < found.size(); ++k) {
      EXPECT_EQ(found[k].id, expected[k].second) << "round " << round << " rank " << k;
      EXPECT_NEAR(found[k].match_weight, -expected[k].first, 1e-9) << "round " << round << " rank " << k;
    }
    // Asking only for candidates above a probability (as the service asks for its "possible"
    // band) skips more people unread, and must give exactly the candidates at or above it of a
    // search asking for everyone.
    for (const double least : {0.005, 0.5}) {
      const auto everyone = index.Search(query, limit).value();
      const auto above = index.Search(query, limit, least).value();
      std::size_t reaching = 0;
      while (reaching < everyone.size() && everyone[reaching].probability >= least) ++reaching;
      ASSERT_EQ(above.size(), reaching) << "round " << round << " at " << least;
      for (std::size_t k = 0; k < above.size(); ++k) {
        EXPECT_EQ(above[k].id, everyone[k].id) << "round " << round << " rank " << k;
        EXPECT_NEAR(above[k].probability, everyone[k].probability, 1e-12)
            << "round " << round << " rank " << k;
      }
    }
  }
}

}  // namespace
}  // namespace fd::match
