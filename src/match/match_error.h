// Why the index refused a person or a query. Values, never exceptions: a mistyped postcode in a
// search is an everyday event, not a fault.
#pragma once

#include <string>

namespace fd::match {

enum class MatchErrorCode {
  kInvalid,      // a field is malformed; `field` names it
  kDuplicateId,  // Add: the id is already indexed (use Update)
  kUnknownId,    // Update or Remove: the id is not indexed
};

struct MatchError {
  MatchErrorCode code = MatchErrorCode::kInvalid;
  std::string field;    // "nhs_number", "date_of_birth", "postcode"; empty for id errors
  std::string message;  // plain English

  static MatchError Invalid(std::string field, std::string message) {
    return MatchError{MatchErrorCode::kInvalid, std::move(field), std::move(message)};
  }
  static MatchError DuplicateId(std::string message) {
    return MatchError{MatchErrorCode::kDuplicateId, "", std::move(message)};
  }
  static MatchError UnknownId(std::string message) {
    return MatchError{MatchErrorCode::kUnknownId, "", std::move(message)};
  }
  bool IsInvalid() const { return code == MatchErrorCode::kInvalid; }
};

}  // namespace fd::match
