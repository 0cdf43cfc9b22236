#include "domain/csv.h"

#include <gtest/gtest.h>

namespace fd {
namespace {

TEST(Csv, PlainTextIsWrittenAsItIs) {
  EXPECT_EQ(CsvCell("North team"), "North team");
  EXPECT_EQ(CsvCell(""), "");
  EXPECT_EQ(CsvCell("2024-02-01T09:00:00Z"), "2024-02-01T09:00:00Z");
  EXPECT_EQ(CsvCell("01/02/2024"), "01/02/2024");
  EXPECT_EQ(CsvCell("42"), "42");
  EXPECT_EQ(CsvCell("Zoë O'Neill"), "Zoë O'Neill");  // a quote inside is nothing to a spreadsheet
}

TEST(Csv, CommasQuotesAndLineBreaksAreQuotedAsRfc4180Says) {
  EXPECT_EQ(CsvCell("North, East"), "\"North, East\"");
  EXPECT_EQ(CsvCell("the \"East\" team"), "\"the \"\"East\"\" team\"");
  EXPECT_EQ(CsvCell("two\nlines"), "\"two\nlines\"");
  EXPECT_EQ(CsvCell("two\r\nlines"), "\"two\r\nlines\"");
}

// OWASP "CSV injection": a cell a spreadsheet would evaluate is shown as the text typed.
TEST(Csv, TextAFormulaCouldStartWithIsMadePlainText) {
  EXPECT_EQ(CsvCell("=HYPERLINK(\"http://evil.example\",\"x\")"),
            "\"'=HYPERLINK(\"\"http://evil.example\"\",\"\"x\"\")\"");
  EXPECT_EQ(CsvCell("+44 1632 960000"), "\"'+44 1632 960000\"");
  EXPECT_EQ(CsvCell("-2+3"), "\"'-2+3\"");
  EXPECT_EQ(CsvCell("@SUM(A1:A2)"), "\"'@SUM(A1:A2)\"");
  EXPECT_EQ(CsvCell("\t=1+1"), "\"'\t=1+1\"");
  EXPECT_EQ(CsvCell("\r=1+1"), "\"'\r=1+1\"");
  EXPECT_EQ(CsvCell("a=b"), "a=b");  // only the first character matters
}

TEST(Csv, ALineIsItsCellsSeparatedByCommasEndedByCrLf) {
  EXPECT_EQ(CsvLine({"a", "b, c", "=1"}), "a,\"b, c\",\"'=1\"\r\n");
  EXPECT_EQ(CsvLine({"", "b"}), ",b\r\n");  // an empty first cell still has its comma
  EXPECT_EQ(CsvLine({}), "\r\n");
}

// Finding: Excel on Windows reads a CSV without a byte-order mark in the machine's code page, and
// garbles "Siobhán", "–" and "É". Every CSV handed over as a file starts with the UTF-8 mark.
TEST(Csv, AFileBeginsWithTheUtf8ByteOrderMark) {
  const std::string file = CsvFile(CsvLine({"Siobhán", "–", "É"}));
  EXPECT_EQ(file, "\xEF\xBB\xBFSiobhán,–,É\r\n");
  EXPECT_EQ(file.substr(0, 3), std::string(kUtf8Bom));
  EXPECT_EQ(CsvFile(""), "\xEF\xBB\xBF");
}

}  // namespace
}  // namespace fd
