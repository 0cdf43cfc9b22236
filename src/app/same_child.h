// "Other contacts about this child" (KCR-10: is the family already known; HCR-30: is the child, or
// are siblings, known). On a major-incident day one child can be the subject of tens of contacts;
// each is screened apart unless the screener sees the others, so the contact, its screening and
// decision pages, its JSON and the record checks' answer list them, and a queue row is tagged
// "Repeat" (store/same_child_records.h says what makes two children the same child).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include <nlohmann/json.hpp>

#include "app/context.h"
#include "store/same_child_records.h"

namespace fd::app {

// Contacts decided longer ago than this are history, which record checks already show.
inline constexpr int kSameChildRecentDays = 30;
// A page shows at most this many; the JSON says when there were more.
inline constexpr int kSameChildShown = 50;

// The other contacts about a child of `contact_id`: not decided, or received or decided in the last
// kSameChildRecentDays days; oldest first. REQUIRES: the actor may view contacts (every contact a
// reader of contacts may open, so each is linked).
std::vector<store::SameChildContact> SameChildOf(AppContext& ctx, store::Transaction& tx, std::int64_t contact_id);

// [{"contact_id", "reference", "received_at", "stage", "stage_title", "urgent", "decided",
//   "screening_by", "child"}] for the JSON answers.
nlohmann::json SameChildToJson(const std::vector<store::SameChildContact>& contacts);

}  // namespace fd::app
