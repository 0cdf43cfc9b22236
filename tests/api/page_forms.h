// A page's form sent as a browser sends it, for the page tests of tests/api: one place for the CSRF
// token and the encoding, so each test says only which form and what was typed.
#pragma once

#include <map>
#include <string>
#include <utility>
#include <vector>

#include "api_fixture.h"

namespace fd::testing {

// The header a browser sends with a form's fields.
inline const std::map<std::string, std::string> kFormContentType{
    {"Content-Type", "application/x-www-form-urlencoded"}};

// POSTs a page's form to `path` as the browser does: the CSRF token (the form's hidden field) first,
// then `fields` in order, URL-encoded. The token is the session's, or `csrf_token` when given: the one
// a page handed a browser that signed in on the pages, not through the API.
inline HttpReply SendForm(HttpClient& client, const std::string& path,
                          const std::vector<std::pair<std::string, std::string>>& fields,
                          const std::string& csrf_token = "") {
  std::vector<std::pair<std::string, std::string>> with_token{
      {"csrf_token", csrf_token.empty() ? client.csrf_token : csrf_token}};
  with_token.insert(with_token.end(), fields.begin(), fields.end());
  return client.Send("POST", path, FormBody(with_token), kFormContentType);
}

}  // namespace fd::testing
