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

// The UTF-8 byte-order mark. A CSV file without it is read by Excel on Windows in the machine's
// code page, so "Siobhán" shows as "SiobhÃ¡n" and "–" as "â€“"; with it, Excel, LibreOffice and
// Python's "utf-8-sig" all read UTF-8.
inline constexpr std::string_view kUtf8Bom = "\xEF\xBB\xBF";

// A CSV file to hand over (a download, a file written): the byte-order mark, then `lines`. Every
// CSV the service gives as a file goes through here.
std::string CsvFile(std::string_view lines);

}  // namespace fd
