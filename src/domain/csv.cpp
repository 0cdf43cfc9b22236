#include "domain/csv.h"

namespace fd {

std::string CsvCell(std::string_view text) {
  // A leading tab or CR is on OWASP's list: a spreadsheet may drop it and evaluate what follows.
  const bool formula = !text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos;
  if (!formula && text.find_first_of(",\"\r\n") == std::string_view::npos) return std::string(text);
  std::string out = formula ? "\"'" : "\"";
  for (char c : text) {
    if (c == '"') out += '"';
    out += c;
  }
  out += '"';
  return out;
}

std::string CsvLine(const std::vector<std::string>& texts) {
  std::string out;
  for (std::size_t i = 0; i < texts.size(); ++i) {
    if (i) out += ',';
    out += CsvCell(texts[i]);
  }
  out += "\r\n";
  return out;
}

std::string CsvFile(std::string_view lines) {
  std::string out(kUtf8Bom);
  out += lines;
  return out;
}

}  // namespace fd
