#include "match/compare.h"

#include "match/normalise.h"
#include "match/scorer.h"
#include "match/string_similarity.h"
#include "match/weights.h"

namespace fd::match {
namespace {

bool ShareSound(const NameForm& a, const NameForm& b) {
  for (SoundCode code : {a.primary, a.alternate}) {
    if (code != 0 && (code == b.primary || code == b.alternate)) return true;
  }
  return false;
}

}  // namespace

Level NameLevel(const NameForm& a, const NameForm& b, bool listed_as_nicknames) {
  if (a.text.empty() || b.text.empty()) return Level::kMissing;
  if (a.text == b.text) return Level::kExact;
  if (JaroWinklerAtLeast(a.text, b.text, kCloseSimilarity)) return Level::kClose;
  if (listed_as_nicknames) return Level::kNickname;
  if ((a.text.size() == 1 || b.text.size() == 1) && a.text[0] == b.text[0]) return Level::kInitial;
  if (ShareSound(a, b)) return Level::kPhonetic;
  return Level::kDisagree;
}

Level CompareNames(const NameForm& a, const NameForm& b, const NicknameTable* nicknames) {
  return NameLevel(a, b, nicknames != nullptr && nicknames->AreNicknames(a.text, b.text));
}

Level CompareDates(PackedDate a, PackedDate b) {
  if (a == 0 || b == 0) return Level::kMissing;
  if (a == b) return Level::kExact;
  // Most pairs of dates differ widely; the checks go from cheapest to dearest so those leave
  // early. In yyyymmdd, a year apart with the same day and month is a difference of exactly
  // 10000, and any difference under 8870 (12 months and 30 days at most) means the same year.
  const PackedDate difference = a > b ? a - b : b - a;
  if (difference == 10000) return Level::kYearOff;
  if (difference < 8870) {
    const DateOfBirth x = UnpackDate(a);
    const DateOfBirth y = UnpackDate(b);
    if (x.day == y.month && x.month == y.day) return Level::kDayMonthSwapped;
  }
  // One digit different means a difference of d × 10^k: anything else differs in more digits.
  PackedDate stripped = difference;
  while (stripped % 10 == 0) stripped /= 10;
  if (stripped >= 10) return Level::kDisagree;
  // yyyymmdd holds the same eight digits as DDMMYYYY, so its digits can be compared directly
  // (a borrow can make d × 10^k differ in two digits, as 19 and 21 do).
  int differing = 0;
  for (PackedDate p = a, q = b; p != 0 || q != 0; p /= 10, q /= 10) differing += (p % 10 != q % 10) ? 1 : 0;
  return differing == 1 ? Level::kOneDigit : Level::kDisagree;
}

Level ComparePostcodes(PackedPostcode a, PackedPostcode b) {
  if (a == 0 || b == 0) return Level::kMissing;
  if (a == b) return Level::kExact;
  return (a >> 24) == (b >> 24) ? Level::kSameDistrict : Level::kDisagree;
}

Level CompareNhsNumbers(PackedNhs a, PackedNhs b) {
  if (a == 0 || b == 0) return Level::kMissing;
  return a == b ? Level::kExact : Level::kDisagree;
}

Level CompareGenders(Gender a, Gender b) {
  if (a == Gender::kNotKnown || b == Gender::kNotKnown) return Level::kMissing;
  return a == b ? Level::kExact : Level::kDisagree;
}

FieldLevels Compare(const Person& a, const Person& b, const NicknameTable& nicknames) {
  // Runs the index's own path on a pool of one, so learnt weights fit the levels searches see.
  auto without_invalid = [](Person p) {
    if (p.nhs_number && !NormaliseNhsNumber(*p.nhs_number)) p.nhs_number.reset();
    if (p.postcode && !NormalisePostcode(*p.postcode)) p.postcode.reset();
    if (p.date_of_birth && !IsValidDate(*p.date_of_birth)) p.date_of_birth.reset();
    return p;
  };
  NamePool pool;
  const auto stored = PrepareRecord(without_invalid(b), pool);
  const Person q = without_invalid(a);
  const PersonQuery query{q.forenames, q.surname,    q.previous_surnames, q.date_of_birth,
                          q.gender,    q.nhs_number, q.postcode};
  const auto prepared = PrepareQuery(query, pool);
  if (!stored || !prepared) return FieldLevels{};  // unreachable: invalid fields were dropped
  const WeightTable weights = LogWeights(DefaultWeights());
  const RecordView people{std::span<const Record>(&stored->record, 1),
                          std::span<const std::vector<NameId>>(&stored->extra_names, 1)};
  Scorer scorer(*prepared, people, pool, nicknames, weights);
  return scorer.Compare(0);
}

}  // namespace fd::match
