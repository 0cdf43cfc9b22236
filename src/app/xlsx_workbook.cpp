#include "app/xlsx_workbook.h"

#include <unistd.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iterator>

#include <fmt/format.h>
#include <xlsxwriter.h>

namespace fd::app {
namespace {

namespace fs = std::filesystem;

// Removes the temporary file however the function leaves.
struct TempFile {
  std::string path;
  ~TempFile() {
    if (!path.empty()) ::unlink(path.c_str());
  }
};

lxw_row_t RowIndex(std::size_t i) { return static_cast<lxw_row_t>(i); }
lxw_col_t ColIndex(std::size_t i) { return static_cast<lxw_col_t>(i); }

void WriteSheet(lxw_workbook* book, const returns::AnnexAList& list, lxw_format* bold, lxw_format* date) {
  lxw_worksheet* sheet = workbook_add_worksheet(book, list.sheet_name.c_str());
  for (std::size_t c = 0; c < list.columns.size(); ++c) {
    worksheet_write_string(sheet, 0, ColIndex(c), list.columns[c].c_str(), bold);
    // Wide enough for the header (the longest is list 3's "Number of Referrals in Last 12 Months").
    worksheet_set_column(sheet, ColIndex(c), ColIndex(c), std::max<double>(14, list.columns[c].size() + 2), nullptr);
  }
  worksheet_freeze_panes(sheet, 1, 0);
  for (std::size_t r = 0; r < list.rows.size(); ++r) {
    const auto& row = list.rows[r];
    for (std::size_t c = 0; c < row.size(); ++c) {
      const returns::AnnexACell& cell = row[c];
      switch (cell.kind) {
        case returns::AnnexACell::Kind::kText:
          worksheet_write_string(sheet, RowIndex(r + 1), ColIndex(c), cell.text.c_str(), nullptr);
          break;
        case returns::AnnexACell::Kind::kDate: {
          lxw_datetime when{static_cast<int>(cell.date.year()), static_cast<int>(static_cast<unsigned>(cell.date.month())),
                            static_cast<int>(static_cast<unsigned>(cell.date.day())), 0, 0, 0.0};
          worksheet_write_datetime(sheet, RowIndex(r + 1), ColIndex(c), &when, date);
          break;
        }
        case returns::AnnexACell::Kind::kNumber:
          worksheet_write_number(sheet, RowIndex(r + 1), ColIndex(c), static_cast<double>(cell.number), nullptr);
          break;
        case returns::AnnexACell::Kind::kBlank: break;
      }
    }
  }
}

}  // namespace

Result<std::string> AnnexAWorkbook(const std::vector<returns::AnnexAList>& lists) {
  std::error_code ec;
  const fs::path dir = fs::temp_directory_path(ec);
  if (ec) return std::unexpected(Error::Unavailable("There is no folder to write the workbook in"));
  std::string pattern = (dir / "frontdoor-annex-a-XXXXXX.xlsx").string();
  const int fd = ::mkstemps(pattern.data(), 5);
  if (fd < 0) return std::unexpected(Error::Unavailable("The workbook could not be written: no temporary file"));
  ::close(fd);
  TempFile temp{pattern};

  // Constant memory: each row goes to the sheet's file as it is written (rows are written in order)
  // and text is written in the cell instead of looked up in a table of shared strings, the costly
  // part of a workbook of 150,000 rows. The sheets' temporary files go in the same folder.
  std::string tmpdir = dir.string();
  lxw_workbook_options options{};
  options.constant_memory = LXW_TRUE;
  options.tmpdir = tmpdir.data();
  lxw_workbook* book = workbook_new_opt(temp.path.c_str(), &options);
  if (!book) return std::unexpected(Error::Unavailable("The workbook could not be started"));
  lxw_format* bold = workbook_add_format(book);
  format_set_bold(bold);
  lxw_format* date = workbook_add_format(book);
  format_set_num_format(date, "dd/mm/yyyy");
  for (const auto& list : lists) WriteSheet(book, list, bold, date);
  if (const lxw_error closed = workbook_close(book); closed != LXW_NO_ERROR)
    return std::unexpected(Error::Unavailable(fmt::format("The workbook could not be written: {}", lxw_strerror(closed))));

  std::ifstream in(temp.path, std::ios::binary);
  std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  if (!in.good() && !in.eof()) return std::unexpected(Error::Unavailable("The workbook could not be read back"));
  return bytes;
}

}  // namespace fd::app
