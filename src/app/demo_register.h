// The demo people register (issue 7): a family with a previous surname and relationships, an open
// child protection plan allocated to the demo social worker, and one restricted record. Part of
// `frontdoor seed-demo` (demo_data.cpp), in its register transaction.
#pragma once

#include "store/store.h"

namespace fd::app {

// REQUIRES: the demo users exist, and Mia and Sam Example and Tia Sample are on the register (the
// rows demo_data.cpp inserts first). Writes through store/register_records.h, so every person
// touched is noted for the match index.
void SeedDemoRegister(store::Transaction& tx);

}  // namespace fd::app
