#include "app/deadline_json.h"

#include "calendar/local_time.h"

namespace fd::app {

nlohmann::json DeadlineToJson(const Deadline& d, Instant now, Instant end_of_today, const std::string& time_zone,
                              const store::Screener* screener) {
  nlohmann::json j = {
      {"id", d.id},
      {"rule", d.rule_id},
      {"timescale", d.timescale},
      {"obligation", d.obligation},
      {"record", {{"type", d.record_type}, {"id", d.record_id}, {"reference", d.record_reference}}},
      {"team_id", d.team_id ? nlohmann::json(*d.team_id) : nlohmann::json(nullptr)},
      {"user_id", d.user_id ? nlohmann::json(*d.user_id) : nlohmann::json(nullptr)},
      {"starts_at", FormatUtc(d.starts_at)},
      {"due_at", FormatUtc(d.due_at)},
      {"due_at_local", calendar::FormatLocalIso(d.due_at, time_zone)},
      {"state", DeadlineStateId(d.StateAt(now))},
      {"due_today", d.StateAt(now) == DeadlineState::kOpen && d.DueBy(end_of_today)},
      {"met_at", d.met_at ? nlohmann::json(FormatUtc(*d.met_at)) : nlohmann::json(nullptr)},
      {"met_late", d.MetLate()},
      {"policy_version", d.policy_version},
      // CAL-2, CAL-3: counted past the bank-holiday list; the due time needs checking.
      {"counted_without_bank_holidays", d.counted_without_bank_holidays},
      {"bank_holidays_known_until",
       d.bank_holidays_known_until.empty() ? nlohmann::json(nullptr) : nlohmann::json(d.bank_holidays_known_until)},
      {"screener", screener ? nlohmann::json{{"id", screener->user_id}, {"name", screener->name}}
                            : nlohmann::json(nullptr)},
  };
  return j;
}

}  // namespace fd::app
