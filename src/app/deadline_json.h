// The JSON shape of a deadline on a work queue or a record, shared by the API and tests.
// docs/api.md documents it.
#pragma once

#include <string>

#include <nlohmann/json.hpp>

#include "domain/deadline.h"
#include "store/contact_records.h"

namespace fd::app {

// `now` and `end_of_today` decide the state ("open", "met", "breached") and the due_today mark;
// `screener`, who is screening the deadline's contact, if anyone is (else "screener" is null).
nlohmann::json DeadlineToJson(const Deadline& deadline, Instant now, Instant end_of_today,
                              const std::string& time_zone, const store::Screener* screener = nullptr);

}  // namespace fd::app
