// RULE CAL-2 RULE CAL-3: deadlines opened before migration 0033 have no mark saying their working
// days ran past the bank-holiday list (the list is not in the database, so the migration could not
// judge them). At start the server marks those still open whose count could have: the pages then ask
// for their due time to be checked, as for one opened since.
#pragma once

#include <cstdint>

#include "app/context.h"

namespace fd::app {

struct PastBankHolidaysMarked {
  std::int64_t marked = 0;  // open deadlines marked now
  // Open deadlines whose timescale the loaded packs no longer name (neither the version the deadline
  // was opened under nor the one in force at its start), so whether it counted working days is not
  // known: left unmarked, and counted so the log says so.
  std::int64_t timescale_unknown = 0;
};

// One write transaction; a second run marks nothing (marked deadlines are not read again). A deadline
// counted working days when its pack's timescale of that id does: the deadline itself records only
// the timescale's id and the pack version (migration 0002). It is judged by the calendar of the pack
// in force at its start, which counted it (app::CountDue), with the bank holidays loaded now.
PastBankHolidaysMarked MarkOlderDeadlinesPastBankHolidays(const AppContext& ctx);

}  // namespace fd::app
