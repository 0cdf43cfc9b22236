#include "web/query_refused.h"

#include <algorithm>

namespace fd::web {

std::string AddressWithout(const http::Request& request, const std::vector<std::string>& names) {
  std::string query;
  for (const auto& [name, value] : request.query) {
    if (std::find(names.begin(), names.end(), name) != names.end()) continue;
    query.append(query.empty() ? "?" : "&");
    query.append(http::PercentEncode(name));
    query.append("=");
    query.append(http::PercentEncode(value));
  }
  return request.path + query;
}

http::Response QueryRefusedPage(const PageContext& pc, const http::Request& request, const std::string& title,
                                const Error& refusal) {
  Data d = PageData(request, title);
  d.set("back_link", "/");
  d.set("heading", title);
  std::vector<std::string> refused;
  Data errors = List();
  for (const auto& e : refusal.fields) {
    refused.push_back(e.field);
    Data item = Object();
    item.set("message", e.message);
    item.set("without", AddressWithout(request, {e.field}));
    errors.push_back(item);
  }
  d.set("errors", errors);
  d.set("without_all", AddressWithout(request, refused));
  std::string words = "Show this page without ";
  for (std::size_t i = 0; i < refused.size(); ++i) {
    if (i > 0) words.append(i + 1 == refused.size() ? " and " : ", ");
    words.append(refused[i]);
  }
  d.set("without_words", words);
  return Page(pc, 400, "query_refused", d);
}

}  // namespace fd::web
