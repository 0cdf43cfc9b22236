// Annex A lists as an Excel workbook (libxlsxwriter): one sheet per list named as Ofsted names it,
// the header row bold and frozen, dates as real Excel dates shown dd/mm/yyyy, ages as numbers.
#pragma once

#include <string>
#include <vector>

#include "domain/annex_a.h"
#include "domain/error.h"

namespace fd::app {

// The .xlsx file's bytes. libxlsxwriter writes only to files, so the workbook is written to a
// private temporary file (mkstemp, mode 0600) and removed once read. Errors: kUnavailable when the
// temporary file cannot be written (the disk is full or the folder is not writable).
Result<std::string> AnnexAWorkbook(const std::vector<returns::AnnexAList>& lists);

}  // namespace fd::app
