// Errors a user can cause, as values. Faults (disk, database gone) are exceptions instead;
// see docs/decisions.md "Errors and faults".
#pragma once

#include <chrono>
#include <expected>
#include <string>
#include <utility>
#include <vector>

namespace fd {

enum class ErrorCode {
  kInvalid,        // input failed validation; `field` names what to fix
  kNotFound,       // no such record (or the actor may not know it exists)
  kForbidden,      // the actor's role does not allow the action
  kUnauthenticated,// no valid session
  kConflict,       // the record changed or is in the wrong state for the action
  kUnavailable,    // a fault below us: storage full or gone; retry later
  kTooMany,        // this client has done it too often just now; `retry_after` says when it may again
};

// One problem with one field. `field` uses the API's JSON path ("children[0].date_of_birth"),
// so both the API and the pages can point at the exact input.
struct FieldError {
  std::string field;
  std::string message;
};

struct Error {
  ErrorCode code = ErrorCode::kInvalid;
  std::string message;              // plain English, safe to show the user
  std::vector<FieldError> fields;   // for kInvalid: every problem found, not just the first
  std::chrono::seconds retry_after{0};  // for kTooMany: how long until it is allowed again

  static Error Invalid(std::vector<FieldError> fields, std::string message = "Check the details you entered") {
    return Error{ErrorCode::kInvalid, std::move(message), std::move(fields)};
  }
  static Error InvalidField(std::string field, std::string message) {
    std::string summary = message;
    return Error{ErrorCode::kInvalid, std::move(summary), {{std::move(field), std::move(message)}}};
  }
  static Error NotFound(std::string message) { return Error{ErrorCode::kNotFound, std::move(message), {}}; }
  static Error Forbidden(std::string message) { return Error{ErrorCode::kForbidden, std::move(message), {}}; }
  static Error Unauthenticated(std::string message) {
    return Error{ErrorCode::kUnauthenticated, std::move(message), {}};
  }
  static Error Conflict(std::string message) { return Error{ErrorCode::kConflict, std::move(message), {}}; }
  static Error Unavailable(std::string message) { return Error{ErrorCode::kUnavailable, std::move(message), {}}; }
  static Error TooMany(std::string message, std::chrono::seconds retry_after) {
    return Error{ErrorCode::kTooMany, std::move(message), {}, retry_after};
  }

  bool IsInvalid() const { return code == ErrorCode::kInvalid; }
  bool IsNotFound() const { return code == ErrorCode::kNotFound; }
  bool IsForbidden() const { return code == ErrorCode::kForbidden; }
};

template <typename T>
using Result = std::expected<T, Error>;

}  // namespace fd
