// Deadlines on pages: the work queue (/deadlines) and, on a contact's page, its deadlines,
// acknowledgements and the "Record acknowledgement" form (HCR-22).
#pragma once

#include <optional>

#include <cstdint>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/deadlines.h"
#include "domain/deadline.h"
#include "web/page_kit.h"

namespace fd::web {

// The acknowledgement form as posted, kept when it is refused.
struct AcknowledgementForm {
  std::string method;
  std::string note;
  std::vector<FieldError> errors;  // the acknowledgement's ("method", "note") or the chase's ("chase_note")
  std::string chase_tell;  // HCR-23: after "referrer is chasing", what the officer may say
  std::string chase_note;  // HCR-23: the chase's note as typed, kept when it is refused
};

// Adds to a contact page's data: deadlines (with state tags), acknowledgements, and the form when
// the actor may acknowledge. Returns the due time of the written confirmation the contact awaits
// (HCR-15), if it awaits one.
std::optional<Instant> AddContactDeadlines(PageContext& pc, const app::Actor& actor, std::int64_t contact_id,
                                           const AcknowledgementForm& form, Data& d);

// The rows of deadlines_table: each with its state tag ("Breached" (red), "Due today" (yellow),
// "Met late", "Met", or "Open") and its record, linked only when the reader may open it.
Data DeadlineRows(const app::DeadlineQueue& queue, const std::string& time_zone);

void RegisterDeadlinePages(http::Router& router, const std::shared_ptr<PageContext>& pc);

}  // namespace fd::web
