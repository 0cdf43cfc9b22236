#include "match/scorer.h"

#include <fmt/format.h>

#include <algorithm>

#include "match/compare.h"

namespace fd::match {
namespace {

std::string DateText(PackedDate date) {
  const DateOfBirth d = UnpackDate(date);
  return fmt::format("{:02}/{:02}/{:04}", d.day, d.month, d.year);
}

std::string_view GenderText(Gender gender) {
  switch (gender) {
    case Gender::kFemale:
      return "female";
    case Gender::kMale:
      return "male";
    case Gender::kOther:
      return "other";
    case Gender::kNotKnown:
      return "not known";
  }
  return "not known";
}

// A sentence for a pair of names at a level.
std::string NamePairDetail(std::string_view a, std::string_view b, Level level) {
  switch (level) {
    case Level::kExact:
      return fmt::format("\"{}\" on both", a);
    case Level::kClose:
      return fmt::format("\"{}\" and \"{}\" are spelt alike", a, b);
    case Level::kNickname:
      return fmt::format("\"{}\" and \"{}\" are forms of one name", a, b);
    case Level::kInitial:
      return fmt::format("\"{}\" and \"{}\" share an initial", a, b);
    case Level::kPhonetic:
      return fmt::format("\"{}\" sounds like \"{}\"", a, b);
    default:
      return fmt::format("\"{}\" and \"{}\" differ", a, b);
  }
}

}  // namespace

Scorer::Scorer(const PreparedQuery& query, RecordView people, const NamePool& pool,
               const NicknameTable& nicknames, const WeightTable& weights)
    : query_(query), people_(people), pool_(pool), nicknames_(nicknames), weights_(weights) {
  auto most_inexact = [this](Field field) {
    double best = 0.0;
    for (std::size_t l = 0; l < kLevelCount; ++l) {
      if (l != Position(Level::kExact)) best = std::max(best, weights_[Position(field)][l]);
    }
    return best;
  };
  inexact_forename_ = most_inexact(Field::kForename);
  inexact_surname_ = most_inexact(Field::kSurname);
  if (query_.forenames.empty()) return;
  for (const std::string& name : nicknames_.EquivalentsOf(query_.forenames.front().form.text)) {
    if (const auto id = pool_.Find(name)) nickname_ids_.push_back(*id);
  }
  std::sort(nickname_ids_.begin(), nickname_ids_.end());
}

FieldLevels Scorer::Compare(std::uint32_t slot) {
  const Record& record = people_.records[slot];
  FieldLevels levels{};
  levels[Position(Field::kForename)] = ForenameLevel(slot, record);
  levels[Position(Field::kSurname)] = SurnameLevel(slot, record);
  levels[Position(Field::kDateOfBirth)] = CompareDates(query_.date_of_birth, record.date_of_birth);
  levels[Position(Field::kGender)] = CompareGenders(query_.gender, record.gender);
  levels[Position(Field::kNhsNumber)] = CompareNhsNumbers(query_.nhs, record.nhs);
  levels[Position(Field::kPostcode)] = ComparePostcodes(query_.postcode, record.postcode);
  return levels;
}

double Scorer::UpperBound(const Posting& posting, double bar) {
  auto weight = [this](Field field, Level level) { return weights_[Position(field)][Position(level)]; };
  // The cheap fields first: integer compares.
  double bound = weight(Field::kDateOfBirth, CompareDates(query_.date_of_birth, posting.date_of_birth));
  bound += weight(Field::kGender, CompareGenders(query_.gender, static_cast<Gender>(posting.gender)));
  // Not in the NHS-number block: the numbers differ (negative) or one is missing (0).
  bound += std::max(0.0, query_.nhs != 0 ? weight(Field::kNhsNumber, Level::kDisagree) : 0.0);
  // Not in the postcode block: at best the same district.
  if (query_.postcode != 0) {
    bound += std::max(
        {0.0, weight(Field::kPostcode, Level::kSameDistrict), weight(Field::kPostcode, Level::kDisagree)});
  }
  // Then the names, each at first at the most it could weigh, which an integer compare tells:
  // exact when the ids are equal, else at best the best inexact level. When even that cannot reach
  // the bar (most of a large block, whose dates of birth disagree), no name is compared at all.
  const bool forename_known = !query_.forenames.empty() && posting.forename != kNoName;
  const bool surname_known =
      !query_.surnames.empty() && (posting.surname != kNoName || posting.more_surnames);
  double forename_most = 0.0;
  if (forename_known) {
    const std::optional<NameId>& first = query_.forenames.front().id;
    forename_most =
        (first && *first == posting.forename) ? weight(Field::kForename, Level::kExact) : inexact_forename_;
  }
  double surname_most = 0.0;
  if (surname_known) {
    bool same = posting.more_surnames != 0;
    for (const QueryName& name : query_.surnames) same = same || (name.id && *name.id == posting.surname);
    surname_most = same ? weight(Field::kSurname, Level::kExact) : inexact_surname_;
  }
  if (bound + forename_most + surname_most < bar) return bound + forename_most + surname_most;
  if (forename_known) {
    const Level first = FirstForenameAgainst(posting.forename);
    double forename = weight(Field::kForename, first);
    if (first != Level::kExact && MiddleNameMayAgree(posting)) {
      forename = std::max(forename, weight(Field::kForename, Level::kOtherForename));
    }
    bound += forename;
  }
  if (bound + surname_most < bar) return bound + surname_most;
  if (surname_known) {
    double surname = posting.surname != kNoName ? weight(Field::kSurname, SurnameAgainst(posting.surname))
                                                : weight(Field::kSurname, Level::kDisagree);
    // A previous surname or a part could agree exactly; only the record would say.
    if (posting.more_surnames) surname = std::max(surname, weight(Field::kSurname, Level::kExact));
    bound += surname;
  }
  return bound;
}

double Scorer::Weigh(const FieldLevels& levels) const {
  double weight = 0.0;
  for (std::size_t f = 0; f < kFieldCount; ++f) weight += weights_[f][Position(levels[f])];
  return weight;
}

Level Scorer::Better(Field field, Level a, Level b) const {
  const auto& row = weights_[Position(field)];
  return row[Position(b)] > row[Position(a)] ? b : a;
}

Level Scorer::FirstForenameAgainst(NameId id) {
  if (forename_memo_.empty()) forename_memo_.assign(pool_.size(), kNotCompared);
  std::uint8_t& memo = forename_memo_[id];
  if (memo == kNotCompared) {
    const bool nickname = std::binary_search(nickname_ids_.begin(), nickname_ids_.end(), id);
    memo = static_cast<std::uint8_t>(NameLevel(query_.forenames.front().form, pool_.Get(id), nickname));
  }
  return static_cast<Level>(memo);
}

bool Scorer::MiddleNameAgrees(std::uint32_t slot, const Record& record) const {
  // A child known by a middle name: one side's first name is a middle name on the other.
  const std::optional<NameId>& first = query_.forenames.front().id;
  if (first) {
    if (*first == record.middle) return true;
    const std::vector<NameId>& extra = people_.extra_names[slot];
    for (std::size_t j = 0; j < record.more_forenames; ++j) {
      if (*first == extra[j]) return true;
    }
  }
  for (std::size_t i = 1; i < query_.forenames.size(); ++i) {
    if (query_.forenames[i].id && *query_.forenames[i].id == record.forename) return true;
  }
  return false;
}

bool Scorer::MiddleNameMayAgree(const Posting& posting) const {
  // As MiddleNameAgrees, with "maybe" for the second and later middle names the posting lacks.
  const std::optional<NameId>& first = query_.forenames.front().id;
  if (first && (*first == posting.middle || posting.more_forenames)) return true;
  for (std::size_t i = 1; i < query_.forenames.size(); ++i) {
    if (query_.forenames[i].id && *query_.forenames[i].id == posting.forename) return true;
  }
  return false;
}

Level Scorer::ForenameLevel(std::uint32_t slot, const Record& record) {
  if (query_.forenames.empty() || record.forename == kNoName) return Level::kMissing;
  const Level first = FirstForenameAgainst(record.forename);
  if (first == Level::kExact || !MiddleNameAgrees(slot, record)) return first;
  return Better(Field::kForename, first, Level::kOtherForename);
}

Level Scorer::SurnameAgainst(NameId id) {
  if (surname_memo_.empty()) surname_memo_.assign(pool_.size(), kNotCompared);
  std::uint8_t& memo = surname_memo_[id];
  if (memo == kNotCompared) {
    Level best = Level::kDisagree;
    for (const QueryName& name : query_.surnames) {
      const Level level =
          (name.id && *name.id == id) ? Level::kExact : CompareNames(name.form, pool_.Get(id), nullptr);
      best = Better(Field::kSurname, best, level);
      if (best == Level::kExact) break;
    }
    memo = static_cast<std::uint8_t>(best);
  }
  return static_cast<Level>(memo);
}

Level Scorer::SurnameLevel(std::uint32_t slot, const Record& record) {
  const std::size_t more = std::size_t{record.current_parts} + record.previous_names;
  if (query_.surnames.empty() || (record.surname == kNoName && more == 0)) return Level::kMissing;
  Level best = Level::kDisagree;
  if (record.surname != kNoName) {
    best = SurnameAgainst(record.surname);
    if (best == Level::kExact || more == 0) return best;
  }
  // Parts and previous surnames: read only when the whole current surname did not settle it.
  const std::vector<NameId>& extra = people_.extra_names[slot];
  for (std::size_t j = record.more_forenames; j < record.more_forenames + more; ++j) {
    best = Better(Field::kSurname, best, SurnameAgainst(extra[j]));
    if (best == Level::kExact) break;
  }
  return best;
}

std::string Scorer::ForenameDetail(const RecordNames& names, Level level) const {
  if (level == Level::kMissing) return "not recorded on one side";
  const std::string& asked = query_.forenames.front().form.text;
  const std::string& held = pool_.Get(names.forenames.front()).text;
  if (level != Level::kOtherForename) return NamePairDetail(asked, held, level);
  for (std::size_t j = 1; j < names.forenames.size(); ++j) {
    if (pool_.Get(names.forenames[j]).text == asked)
      return fmt::format("\"{}\" is a middle name on the record", asked);
  }
  return fmt::format("the record's first name \"{}\" is a middle name in the search", held);
}

std::string Scorer::SurnameDetail(const RecordNames& names, Level level) const {
  if (level == Level::kMissing) return "not recorded on one side";
  // Find the pair that reached the level, saying when it was a previous surname on either side.
  for (std::size_t j = 0; j < names.surnames.size(); ++j) {
    const NameForm& held = pool_.Get(names.surnames[j]);
    for (std::size_t i = 0; i < query_.surnames.size(); ++i) {
      const NameForm& asked = query_.surnames[i].form;
      if (CompareNames(asked, held, nullptr) != level) continue;
      std::string detail = NamePairDetail(asked.text, held.text, level);
      if (level == Level::kDisagree) return detail;
      if (j >= names.current_surname_count) detail += " (a previous surname on the record)";
      if (i >= query_.current_surname_count) detail += " (a previous surname in the search)";
      return detail;
    }
  }
  return NamePairDetail(query_.surnames.front().form.text, pool_.Get(names.surnames.front()).text, level);
}

std::vector<Reason> Scorer::Explain(std::uint32_t slot) {
  const FieldLevels levels = Compare(slot);
  const Record& record = people_.records[slot];
  const RecordNames names = NamesOf(record, people_.extra_names[slot]);
  std::vector<Reason> reasons;
  reasons.reserve(kFieldCount);
  for (std::size_t f = 0; f < kFieldCount; ++f) {
    const auto field = static_cast<Field>(f);
    const Level level = levels[f];
    std::string detail;
    switch (field) {
      case Field::kForename:
        detail = ForenameDetail(names, level);
        break;
      case Field::kSurname:
        detail = SurnameDetail(names, level);
        break;
      case Field::kDateOfBirth:
        if (level == Level::kMissing)
          detail = "not recorded on one side";
        else if (level == Level::kExact)
          detail = fmt::format("{} on both", DateText(record.date_of_birth));
        else
          detail = fmt::format("{} searched, {} recorded", DateText(query_.date_of_birth),
                               DateText(record.date_of_birth));
        break;
      case Field::kGender:
        if (level == Level::kMissing)
          detail = "not recorded on one side";
        else if (level == Level::kExact)
          detail = fmt::format("{} on both", GenderText(record.gender));
        else
          detail =
              fmt::format("{} searched, {} recorded", GenderText(query_.gender), GenderText(record.gender));
        break;
      case Field::kNhsNumber:
        if (level == Level::kMissing)
          detail = "not recorded on one side";
        else
          detail = level == Level::kExact ? "the same NHS number" : "different NHS numbers";
        break;
      case Field::kPostcode:
        if (level == Level::kMissing)
          detail = "not recorded on one side";
        else if (level == Level::kExact)
          detail = fmt::format("{} on both", PostcodeText(record.postcode));
        else
          detail = fmt::format("{} searched, {} recorded", PostcodeText(query_.postcode),
                               PostcodeText(record.postcode));
        break;
    }
    reasons.push_back(
        Reason{field, level, AgreementOf(level), weights_[f][Position(level)], std::move(detail)});
  }
  return reasons;
}

}  // namespace fd::match
