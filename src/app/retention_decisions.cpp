#include "app/retention_decisions.h"

#include <chrono>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/retention.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/contact.h"
#include "domain/text.h"
#include "store/retention_records.h"

namespace fd::app {

Result<ReviewDayDecided> DecideReviewDay(AppContext& ctx, const Actor& actor, const ReviewDayDecision& decision) {
  if (actor.role != Role::kDataProtectionOfficer)
    return std::unexpected(Error::Forbidden("Only the data protection officer decides on review days"));
  std::vector<FieldError> errors;
  if (decision.record_type != "consultation" && decision.record_type != "chair-consultation")
    errors.push_back({"record_type", "Kind of record must be consultation or chair-consultation"});
  if (decision.keep_days.has_value() == decision.purge_now)
    errors.push_back({"decision", "Decide one thing: keep it a number of days more, or purge it now"});
  if (decision.keep_days && (*decision.keep_days < 0 || *decision.keep_days > kMaxKeepDays))
    errors.push_back({"keep_days", fmt::format("Days to keep must be a whole number from 0 to {}", kMaxKeepDays)});
  const std::string reason = Trim(decision.reason);
  if (decision.keep_days && reason.empty())
    errors.push_back({"reason", "Give the reason for keeping it longer than the pack's rule"});
  const std::string decided_by = Trim(decision.decided_by);
  if (decided_by.empty()) errors.push_back({"decided_by", "Give the name of the data protection officer deciding"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  // The record as review-days lists it: its stored day, and the rule's.
  std::optional<ReviewDayToCheck> listed;
  for (const auto& r : ReviewDaysToCheck(ctx))
    if (r.record_type == decision.record_type && r.id == decision.id) listed = r;
  if (!listed)
    return std::unexpected(Error::NotFound(fmt::format(
        "There is no {} {} whose review day is waiting for a decision: run retention review-days to list them",
        decision.record_type, decision.id)));

  const Instant now = ctx.clock.Now();
  const auto today = calendar::LocalDate(now, ctx.time_zone);
  const auto rule_on = ParseIsoDate(listed->rule_on);
  ReviewDayDecided out{listed->record_type, listed->id, listed->reference, listed->stored_on, listed->rule_on, "",
                       false};
  nlohmann::json changes = {{"reference", listed->reference},
                            {"class", listed->record_class},
                            {"stored_on", listed->stored_on},
                            {"rule_on", listed->rule_on},
                            {"decided_by", decided_by},
                            {"reason", reason}};
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  if (decision.keep_days) {
    const auto from = rule_on && *rule_on > today ? *rule_on : today;
    out.review_on =
        FormatIsoDate(std::chrono::year_month_day{std::chrono::sys_days{from} + std::chrono::days{*decision.keep_days}});
    if (!store::SetReviewDay(*tx, listed->record_type, listed->id, out.review_on))
      return std::unexpected(Error::NotFound("That record is no longer there"));
    changes["keep_days"] = *decision.keep_days;
    changes["review_on"] = out.review_on;
    audit::Append(*tx, {now, actor.user_id, actor.username, "retention.review_day_kept", listed->record_type,
                        std::to_string(listed->id), changes});
  } else {
    if (!rule_on || *rule_on > today)
      return std::unexpected(Error::Conflict(fmt::format(
          "The pack's rule keeps {} {} until {}: it cannot be purged before then. Keep it 0 days more to purge it "
          "on that day",
          listed->record_type, listed->reference, rule_on ? calendar::FormatDateForPeople(*rule_on) : listed->rule_on)));
    const bool gone = listed->record_type == "consultation" ? store::PurgeConsultation(*tx, listed->id)
                                                            : store::PurgeChairConsultation(*tx, listed->id);
    if (!gone) return std::unexpected(Error::NotFound("That record is no longer there"));
    const auto* period = ctx.procedures.PackAt(now).Retention(listed->record_class);
    changes["due_on"] = listed->rule_on;
    changes["basis"] = period ? period->basis : "";
    changes["decision"] = "purge now";
    const std::int64_t purge = audit::Append(*tx, {now, actor.user_id, actor.username, "retention.purged",
                                                   listed->record_type, std::to_string(listed->id), changes});
    audit::ErasePayloads(*tx, listed->record_type, std::to_string(listed->id), purge);
    out.purged = true;
  }
  tx->Commit();
  return out;
}

}  // namespace fd::app
