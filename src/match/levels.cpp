#include "match/levels.h"

namespace fd::match {

std::string_view FieldName(Field field) {
  switch (field) {
    case Field::kForename:
      return "forename";
    case Field::kSurname:
      return "surname";
    case Field::kDateOfBirth:
      return "date of birth";
    case Field::kGender:
      return "gender";
    case Field::kNhsNumber:
      return "NHS number";
    case Field::kPostcode:
      return "postcode";
  }
  return "field";
}

std::string_view LevelName(Level level) {
  switch (level) {
    case Level::kMissing:
      return "missing";
    case Level::kExact:
      return "exact";
    case Level::kClose:
      return "close spelling";
    case Level::kNickname:
      return "nickname";
    case Level::kOtherForename:
      return "middle name";
    case Level::kInitial:
      return "initial";
    case Level::kPhonetic:
      return "sounds alike";
    case Level::kDayMonthSwapped:
      return "day and month swapped";
    case Level::kYearOff:
      return "year one out";
    case Level::kOneDigit:
      return "one digit different";
    case Level::kSameDistrict:
      return "same district";
    case Level::kDisagree:
      return "different";
  }
  return "level";
}

std::string_view AgreementName(Agreement agreement) {
  switch (agreement) {
    case Agreement::kAgreed:
      return "agreed";
    case Agreement::kPartlyAgreed:
      return "partly agreed";
    case Agreement::kDisagreed:
      return "disagreed";
    case Agreement::kMissing:
      return "missing";
  }
  return "agreement";
}

}  // namespace fd::match
