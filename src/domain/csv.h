// CSV cells and lines for every download the service writes (Annex A, the dashboard, the
// disclosures ledger): RFC 4180 quoting, and text that a spreadsheet would run as a formula made
// plain text (OWASP "CSV injection"). One writer, so no export can forget the second rule.
#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace fd {

// One cell holding `text`, which someone may have typed: quoted (its quotes doubled) when it has a
// comma, quote or line break; and when it begins with = + - @, a tab or a carriage return, prefixed
// with a single quote and quoted, so Excel and LibreOffice show it rather than evaluate it. Numbers
// and dates the service writes itself are not text: callers put them in the line as they are.
std::string CsvCell(std::string_view text);

// One record of text cells: each written by CsvCell, separated by commas, ended by CRLF.
std::string CsvLine(const std::vector<std::string>& texts);

}  // namespace fd
