// Checks on the source tree itself (docs/security.md "SQL" and "HTTP hardening"):
//  - no SQL is built from strings: a statement that holds SQL text in a literal may not also
//    concatenate (+, +=, <<, append) or format (fmt::format, std::format) anything into it;
//  - no inline script in the page templates (the Content-Security-Policy forbids it anyway; this
//    finds it before a browser silently refuses to run it).
// A finding names file:line. A constant fragment may be allowed with a comment on the same line or
// the line before: `// sql-scan: allow <why it is constant>` (the why is required).
#include <fmt/format.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace {

namespace fs = std::filesystem;

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream out;
  out << in.rdbuf();
  return out.str();
}

// One statement's worth of code: its code outside literals (literals replaced by ""), and the
// literals it holds with the line each starts on.
struct Statement {
  std::string code;
  std::vector<std::pair<std::string, int>> literals;
};

// Splits C++ source into statements at ';', '{' and '}' outside literals and comments, dropping
// comments, and keeping string literals (raw ones included) apart from the code.
std::vector<Statement> Statements(const std::string& text) {
  std::vector<Statement> out(1);
  int line = 1;
  for (std::size_t i = 0; i < text.size();) {
    const char c = text[i];
    if (c == '\n') {
      ++line;
      out.back().code += ' ';
      ++i;
    } else if (text.compare(i, 2, "//") == 0) {
      while (i < text.size() && text[i] != '\n') ++i;
    } else if (text.compare(i, 2, "/*") == 0) {
      const auto end = text.find("*/", i + 2);
      for (std::size_t j = i; j < std::min(end, text.size()); ++j) line += text[j] == '\n';
      i = end == std::string::npos ? text.size() : end + 2;
    } else if (c == 'R' && i + 1 < text.size() && text[i + 1] == '"' &&
               (i == 0 || !(std::isalnum(static_cast<unsigned char>(text[i - 1])) || text[i - 1] == '_'))) {
      const auto open = text.find('(', i + 2);
      const std::string close = ")" + text.substr(i + 2, open - i - 2) + "\"";
      const auto end = text.find(close, open);
      const std::string literal = text.substr(open + 1, end - open - 1);
      out.back().literals.emplace_back(literal, line);
      out.back().code += "\"\"";
      for (char ch : literal) line += ch == '\n';
      i = end + close.size();
    } else if (c == '"' || c == '\'') {
      std::string literal;
      std::size_t j = i + 1;
      while (j < text.size() && text[j] != c) {
        if (text[j] == '\\') literal += text[j++];
        literal += text[j++];
      }
      if (c == '"') {
        out.back().literals.emplace_back(literal, line);
        out.back().code += "\"\"";
      } else {
        out.back().code += "'x'";
      }
      i = j + 1;
    } else if (c == ';' || c == '{' || c == '}') {
      out.emplace_back();
      ++i;
    } else {
      out.back().code += c;
      ++i;
    }
  }
  return out;
}

const std::regex kSqlText(R"(\b(SELECT\s|INSERT\s+INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM|WHERE\s|VALUES\s*\(|ORDER\s+BY|GROUP\s+BY|JOIN\s|CREATE\s+TABLE|ALTER\s+TABLE|DROP\s+TABLE))");
// Appending in the same statement as the SQL text: always a finding.
const std::regex kAppending(R"(\+=|<<|\.append\()");
// Formatting: a finding when the format string is SQL text.
const std::regex kFormatCall(R"((fmt::format|std::format|fmt::sprintf|absl::StrCat)\s*\(\s*"")");
// Constant fragments: string literals (already ""), named constants (kColumns, by the style guide's
// kConstant naming) and std::string of either. Joining only these with + builds nothing from input.
// A list of "?" placeholders from InList(n) or Placeholders(n) counts as constant too: it holds no value.
const std::regex kConstantOperand(
    R"(std::string(_view)?\(\s*(""|k[A-Z]\w*)\s*\)|(InList|Placeholders)\((?:[^()]|\([^()]*\))*\)|""|\bk[A-Z]\w*\b)");
// What is left after the constant operands become C: a + with anything but C on either side.
const std::regex kNonConstantPlus(R"(([^C\s+]\s*\+(?!\+))|((^|[^+])\+\s*[^C\s+]))");

bool IsSql(const std::string& literal) { return std::regex_search(literal, kSqlText); }

// True when the statement's code concatenates or formats something other than constant fragments.
// `literals` are the statement's string literals, in the order their "" stand in `code`.
// `placeholder_lists`: variables of the file that hold only an InList/Placeholders result.
bool Builds(const std::string& code, const std::vector<std::pair<std::string, int>>& literals,
            const std::vector<std::string>& placeholder_lists) {
  if (std::regex_search(code, kAppending)) return true;
  for (auto it = std::sregex_iterator(code.begin(), code.end(), kFormatCall); it != std::sregex_iterator(); ++it) {
    // Which literal is the format string: count the "" before it.
    const auto quote = static_cast<std::size_t>(it->position() + it->length()) - 2;
    std::size_t index = 0;
    for (auto pos = code.find("\"\"", 0); pos < quote; pos = code.find("\"\"", pos + 2)) ++index;
    if (index < literals.size() && IsSql(literals[index].first)) return true;
  }
  std::string reduced = std::regex_replace(code, kConstantOperand, "C");
  for (const auto& name : placeholder_lists) reduced = std::regex_replace(reduced, std::regex("\\b" + name + "\\b"), "C");
  // Parentheses and commas around operands do not change what is joined.
  for (auto& ch : reduced)
    if (ch == '(' || ch == ')') ch = ' ';
  return std::regex_search(reduced, kNonConstantPlus);
}
// A variable that holds SQL and grows, whatever is appended.
const std::regex kSqlGrows(R"(\b\w*(sql|Sql|SQL|query|Query)\w*\s*(\+=|=\s*\w*(sql|Sql|SQL|query|Query)\w*\s*\+))");

bool Allowed(const std::vector<std::string>& lines, int line) {
  static const std::regex allow(R"(//\s*sql-scan:\s*allow\s+\S.*)");
  for (int l : {line, line - 1})
    if (l >= 1 && l <= static_cast<int>(lines.size()) && std::regex_search(lines[l - 1], allow)) return true;
  return false;
}

std::vector<fs::path> SourceFiles(const fs::path& root, std::initializer_list<const char*> extensions) {
  std::vector<fs::path> out;
  for (const auto& entry : fs::recursive_directory_iterator(root)) {
    if (!entry.is_regular_file()) continue;
    for (const char* ext : extensions)
      if (entry.path().extension() == ext) out.push_back(entry.path());
  }
  std::sort(out.begin(), out.end());
  return out;
}

std::vector<std::string> SqlFindings(const fs::path& file, const std::string& text) {
  std::vector<std::string> lines;
  {
    std::stringstream in(text);
    for (std::string l; std::getline(in, l);) lines.push_back(l);
  }
  // `const std::string in = InList(ids.size());` and the like: a name for a placeholder list.
  std::vector<std::string> placeholder_lists;
  static const std::regex list_variable(R"((?:std::string|auto)\s+(\w+)\s*=\s*(?:InList|Placeholders)\()");
  for (auto it = std::sregex_iterator(text.begin(), text.end(), list_variable); it != std::sregex_iterator(); ++it)
    placeholder_lists.push_back((*it)[1].str());
  std::vector<std::string> findings;
  for (const auto& st : Statements(text)) {
    int sql_line = 0;
    for (const auto& [literal, line] : st.literals)
      if (std::regex_search(literal, kSqlText)) {
        sql_line = line;
        break;
      }
    const bool grows = std::regex_search(st.code, kSqlGrows);
    if (!grows && (sql_line == 0 || !Builds(st.code, st.literals, placeholder_lists))) continue;
    const int line = sql_line ? sql_line : (st.literals.empty() ? 0 : st.literals.front().second);
    if (Allowed(lines, line)) continue;
    findings.push_back(fmt::format("{}:{}: SQL built from strings: bind values as ? parameters instead",
                                   file.string(), line));
  }
  return findings;
}

// The scanner itself finds what it must, so a silent regression cannot make the real check pass.
TEST(SqlScan, FindsSqlBuiltByConcatenationOrFormatting) {
  const fs::path f = "example.cpp";
  EXPECT_EQ(SqlFindings(f, "auto r = tx.Query(\"SELECT * FROM users WHERE name = '\" + name + \"'\");").size(), 1u);
  EXPECT_EQ(SqlFindings(f, "auto s = fmt::format(\n  \"DELETE FROM sessions WHERE id = {}\", id);").size(), 1u);
  EXPECT_EQ(SqlFindings(f, "std::string sql = \"SELECT id FROM t\";\nsql += \" AND x = 1\";").size(), 1u);
  EXPECT_EQ(SqlFindings(f, "q << \"UPDATE users SET active = \" << v;").size(), 1u);
  EXPECT_EQ(SqlFindings(f, "tx.Query(std::string(kCols) + where + \"ORDER BY id\", params);").size(), 1u);
  EXPECT_EQ(SqlFindings(f, "tx.Query(\"SELECT a FROM b WHERE c IN \" + in, params);").size(), 1u);
  EXPECT_EQ(SqlFindings(f, "tx.Query(R\"(SELECT a FROM b WHERE c = ?)\" + suffix);").size(), 1u);
  // Bound parameters, counters and ordinary messages are fine.
  EXPECT_TRUE(SqlFindings(f, "tx.Query(\"SELECT id FROM users WHERE name = ?\", {name});").empty());
  EXPECT_TRUE(SqlFindings(f, "tx.Execute(\"UPDATE t SET n = ? WHERE id = ?\", {n + 1, id});").empty());
  EXPECT_TRUE(SqlFindings(f, "for (int i = 0; i < n; ++i) total += i;").empty());
  EXPECT_TRUE(SqlFindings(f, "msg = \"Select a team\" + name;").empty());
  EXPECT_TRUE(SqlFindings(f, "for (auto& r : tx.Query(\"SELECT id FROM users\")) Tell(r, fmt::format(\"Hi {}\", n));")
                  .empty());
  EXPECT_TRUE(SqlFindings(f, "tx.Query(\"SELECT a FROM b WHERE c IN \" + InList(ids.size()), params);").empty());
  EXPECT_TRUE(SqlFindings(f, "const std::string in = InList(n);\ntx.Query(\"SELECT a FROM b WHERE c IN \" + in, p);")
                  .empty());
  // Constant fragments joined together: a column list and a clause.
  EXPECT_TRUE(SqlFindings(f, "tx.Query(std::string(kCols) + \"WHERE u.id = ?\", {id});").empty());
  EXPECT_TRUE(SqlFindings(f, "auto r = tx.Query(kCols + std::string(\"WHERE x = ? \") + kOrder, {x});").empty());
  EXPECT_TRUE(SqlFindings(f, "// sql-scan: allow a constant column list\nq(std::string(kCols) + \"WHERE id = ?\");")
                  .empty());
}

TEST(SqlScan, NoSqlInSrcIsBuiltFromStrings) {
  std::vector<std::string> findings;
  const auto files = SourceFiles(fs::path(FD_SOURCE_DIR) / "src", {".cpp", ".h"});
  ASSERT_GT(files.size(), 100u);
  for (const auto& file : files) {
    for (auto& f : SqlFindings(fs::relative(file, FD_SOURCE_DIR), ReadFile(file))) findings.push_back(std::move(f));
  }
  std::string report;
  for (const auto& f : findings) report += f + "\n";
  EXPECT_TRUE(findings.empty()) << report;
}

// ASVS V14.4.3 / V5.3.3: the CSP has no 'unsafe-inline', so templates hold no inline script or
// event-handler attributes; scripts come from /static files.
TEST(TemplateScan, NoInlineScriptOrEventHandlers) {
  const std::regex inline_script(R"(<script(?![^>]*\ssrc=)[^>]*>)", std::regex::icase);
  const std::regex handler(R"(<[^>]*\son[a-z]+\s*=)", std::regex::icase);
  const std::regex javascript_url(R"(javascript:)", std::regex::icase);
  std::string report;
  for (const auto& file : SourceFiles(fs::path(FD_SOURCE_DIR) / "templates", {".mustache", ".html"})) {
    std::stringstream in(ReadFile(file));
    int n = 0;
    for (std::string line; std::getline(in, line);) {
      ++n;
      if (std::regex_search(line, inline_script) || std::regex_search(line, handler) ||
          std::regex_search(line, javascript_url))
        report += fs::relative(file, FD_SOURCE_DIR).string() + ":" + std::to_string(n) + ": " + line + "\n";
    }
  }
  EXPECT_TRUE(report.empty()) << report;
}

}  // namespace
