// A route's pattern ("/api/v1/contacts/{id}/decision") made a path a test can send, for the tests
// that walk every route: the route permission test and the service's fuzz harnesses.
#pragma once

#include <functional>
#include <optional>
#include <string>

#include "domain/role.h"

namespace fd::testing {

// The kind of record a route's own {id} names: "contact", "consultation", "chair" (a Child
// Protection Chair consultation), "person", "request", "user" (an account), or "dp-request" for the data
// protection officer, who works the Data Protection Team's requests (IR-9).
inline std::string RouteRecordKind(const std::string& pattern, Role role) {
  std::string kind = "contact";
  if (pattern.find("consultations") != std::string::npos) kind = "consultation";
  if (pattern.find("chair-consultations") != std::string::npos) kind = "chair";
  if (pattern.find("people") != std::string::npos) kind = "person";
  // An account: the administrator's routes disable, enable and move it, so not one the walk signs in as.
  if (pattern.starts_with("/users/") || pattern.starts_with("/api/v1/users/")) kind = "user";
  if (pattern.find("information-requests") != std::string::npos)
    kind = role == Role::kDataProtectionOfficer ? "dp-request" : "request";
  return kind;
}

// `pattern` with each {…} segment filled. The route's own {id} (the first, unless the route is about
// a merge or an involvement, whose ids name those) is `own_id()`, when that gives one; {position} is
// 0; every other segment is `other` (sub-records need no real row: the guard decides before the
// handler looks, and a handler answers a missing one).
inline std::string FillRoute(const std::string& pattern, const std::function<std::optional<std::string>()>& own_id,
                             const std::string& other) {
  const bool own_is_first =
      pattern.find("/merges/") == std::string::npos && pattern.find("/involvements/{id}") == std::string::npos;
  std::string out;
  bool first = true;
  for (std::size_t i = 0; i < pattern.size();) {
    if (pattern[i] != '{') {
      out += pattern[i++];
      continue;
    }
    const auto end = pattern.find('}', i);
    const std::string name = pattern.substr(i + 1, end - i - 1);
    std::optional<std::string> own;
    if (name == "id" && first && own_is_first) own = own_id();
    if (own) out += *own;
    else if (name == "position") out += "0";
    else out += other;
    first = false;
    i = end + 1;
  }
  return out;
}

}  // namespace fd::testing
