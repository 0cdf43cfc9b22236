#pragma once
// One child of a contact as Annex A list 1 sees it: shared by the return and by the check before
// downloading it, so that the check leaves off exactly the rows the list leaves off.

#include "app/pack_days.h"
#include "app/return_child_ids.h"
#include "domain/annex_a.h"
#include "domain/error.h"
#include "store/report_records.h"

namespace fd::app {

// The entry for one subject child of a contact: coded by the pack in force when it was received
// (CRU-5), with the contact it duplicates, if any, as list 1 would write that one.
Result<returns::ContactEntry> ContactEntryOf(const PackDays& packs, const store::ReturnContactChild& c,
                                             const ReturnChildId& id);

}  // namespace fd::app
