// HCR-10, CPC-4, CRU-4: the consultations on a child's record — Consultation Hub advice, a
// safeguarding consultation kept under CRU-4, and Child Protection Chair consultation records —
// as the child's record lists them. Only those the reader may open are listed (app/record_links.h):
// a consultation for its advisers, a CP chair consultation for its requester, the coordinator and
// its chair. Listing is not opening: opening one is audited on its own page.
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"

namespace fd::app {

struct ConsultationOnRecord {
  std::string record_type;  // "consultation" or "chair-consultation"
  std::int64_t id = 0;
  std::string reference;  // the consultation number, or "CPC-000001"
  std::string kind;       // the consultation type's name in the pack in force at the request
  std::string held_at;    // UTC: when the advice was recorded, or the chair consultation held
  std::string outcome;    // HCR-10: the advice route ("red", "green", "other"); empty otherwise
  std::string page;       // "/consultations/3", "/chair-consultations/2"
  std::string href;       // the same record in the API
};

// Recorded consultations linked to `person_id`, newest first, that `actor` may open. For a record
// the actor may see (GetPerson: visible), shown with it.
std::vector<ConsultationOnRecord> ConsultationsOnRecord(AppContext& ctx, const Actor& actor,
                                                        std::int64_t person_id);

}  // namespace fd::app
