// Page templates (Mustache): loaded and parsed once at start; rendering fills one page into the
// layout. Mustache escapes {{values}}, so user text is always HTML-escaped.
#pragma once

#include <kainjow/mustache.hpp>

#include <map>
#include <memory>
#include <string>

namespace fd::web {

using Data = kainjow::mustache::data;

class Templates {
 public:
  // Reads every *.mustache file in `dir`. Throws std::runtime_error naming a missing or broken one.
  explicit Templates(const std::string& dir);

  // Renders `page` with `data`, then the layout around it (`page_data` gives title, user, …).
  std::string RenderPage(const std::string& page, Data data) const;

 private:
  std::string Render(const std::string& name, Data& data) const;
  std::map<std::string, std::string> sources_;
  std::map<std::string, std::shared_ptr<kainjow::mustache::mustache>> parsed_;
};

// Builders that keep page code short.
Data Object();
Data List();

}  // namespace fd::web
