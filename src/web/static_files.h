// Static files (our CSS/JS and GOV.UK Frontend's), read into memory once at start and served with
// their content type and a cache header: no disk read per request.
#pragma once

#include <map>
#include <string>

#include "http/message.h"

namespace fd::web {

class StaticFiles {
 public:
  // Loads every file under `dir`. Throws std::runtime_error when the folder is missing.
  explicit StaticFiles(const std::string& dir);
  // `relative` is the path below the mount point ("govuk/govuk-frontend.min.css").
  http::Response Serve(const std::string& relative) const;

 private:
  struct File {
    std::string content_type;
    std::string body;
  };
  std::map<std::string, File> files_;
};

}  // namespace fd::web
