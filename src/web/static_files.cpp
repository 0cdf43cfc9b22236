#include "web/static_files.h"

#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>

#include "http/problem.h"

namespace fd::web {
namespace {

std::string ContentType(const std::string& extension) {
  static const std::map<std::string, std::string> types = {
      {".css", "text/css; charset=utf-8"},      {".js", "text/javascript; charset=utf-8"},
      {".mjs", "text/javascript; charset=utf-8"}, {".json", "application/json"},
      {".svg", "image/svg+xml"},                {".png", "image/png"},
      {".ico", "image/x-icon"},                 {".woff2", "font/woff2"},
      {".woff", "font/woff"},                   {".map", "application/json"},
  };
  auto it = types.find(extension);
  return it == types.end() ? "application/octet-stream" : it->second;
}

}  // namespace

StaticFiles::StaticFiles(const std::string& dir) {
  namespace fs = std::filesystem;
  if (!fs::is_directory(dir)) throw std::runtime_error("static folder not found: " + dir + " (run the build)");
  for (const auto& entry : fs::recursive_directory_iterator(dir)) {
    if (!entry.is_regular_file()) continue;
    std::ifstream in(entry.path(), std::ios::binary);
    std::stringstream body;
    body << in.rdbuf();
    files_[fs::relative(entry.path(), dir).generic_string()] = {ContentType(entry.path().extension().string()),
                                                                body.str()};
  }
}

http::Response StaticFiles::Serve(const std::string& relative) const {
  auto it = files_.find(relative);
  if (it == files_.end()) return http::Problem(404, "Not found", "There is no such file");
  http::Response response{200, it->second.content_type, {}, it->second.body};
  response.Header("Cache-Control", "public, max-age=3600");
  return response;
}

}  // namespace fd::web
