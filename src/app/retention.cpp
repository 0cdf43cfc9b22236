#include "app/retention.h"

#include <algorithm>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/contact.h"
#include "domain/retention.h"
#include "store/retention_records.h"

namespace fd::app {
namespace {

using std::chrono::year_month_day;

// The local day of a stored UTC instant ("2026-11-24T10:00:00Z"), or of a bare date.
std::optional<year_month_day> DayOf(const std::string& stored, const std::string& zone) {
  if (stored.size() == 10) return ParseIsoDate(stored);
  if (auto at = ParseUtc(stored)) return calendar::LocalDate(*at, zone);
  return std::nullopt;
}

std::optional<std::string> DueOn(const policy::PolicyPack& pack, const std::string& record_class,
                                 const RetentionDates& dates) {
  std::string on = RetentionReviewOn(pack, record_class, dates);
  if (on.empty()) return std::nullopt;
  return on;
}

std::vector<RetentionItem> DueItems(AppContext& ctx, store::Transaction& tx, const policy::PolicyPack& pack,
                                    const std::string& today) {
  std::vector<RetentionItem> due;
  auto add = [&](std::string type, std::int64_t id, std::string reference, std::string cls,
                 const std::optional<std::string>& on) {
    if (on && *on <= today) due.push_back({std::move(type), id, std::move(reference), std::move(cls), *on});
  };
  for (const auto& c : store::DecidedContacts(tx)) {
    RetentionDates dates;
    dates.created = DayOf(c.created_at, ctx.time_zone);
    if (c.closed_at) dates.closed = DayOf(*c.closed_at, ctx.time_zone);
    if (c.youngest_dob) dates.date_of_birth = ParseIsoDate(*c.youngest_dob);
    const std::string cls = c.referral ? "referral" : "contact-no-further-action";
    add("contact", c.id, c.reference, cls, DueOn(pack, cls, dates));
  }
  for (const auto& k : store::ConsultationsDue(tx, today))
    add("consultation", k.id, k.reference, k.retention_class, k.review_on);
  for (const auto& k : store::ChairConsultationsDue(tx, today))
    add("chair-consultation", k.id, k.reference, k.retention_class, k.review_on);
  for (const auto& p : store::ClosedPeople(tx)) {
    RetentionDates dates;
    dates.created = DayOf(p.created_at, ctx.time_zone);
    if (p.is_child) {
      if (p.date_of_birth) dates.date_of_birth = ParseIsoDate(*p.date_of_birth);
      add("person", p.id, "", "child-record", DueOn(pack, "child-record", dates));
    } else if (!p.related) {
      // An adult is on the register for a child's sake: kept while related to anyone on it, then
      // for the child-record period from when their record was made (never from their own birth).
      if (const auto* period = pack.Retention("child-record"))
        if (auto end = RetentionEnds(RetentionTrigger::kCreated, period->years, dates))
          add("person", p.id, "", "child-record", FormatIsoDate(*end));
    }
  }
  // Issue 12: a decided police notification is kept for the pack's "police-notification" period
  // from its decision (none in the pack: kept).
  for (const auto& n : store::DecidedPoliceNotifications(tx)) {
    RetentionDates dates;
    dates.closed = DayOf(n.decided_at, ctx.time_zone);
    dates.created = dates.closed;
    add("police-notification", n.id, n.force_reference, "police-notification", DueOn(pack, "police-notification", dates));
  }
  std::stable_sort(due.begin(), due.end(), [](const auto& a, const auto& b) { return a.due_on < b.due_on; });
  return due;
}

bool Purge(store::Transaction& tx, const RetentionItem& item) {
  if (item.record_type == "contact") return store::PurgeContact(tx, item.id);
  if (item.record_type == "consultation") return store::PurgeConsultation(tx, item.id);
  if (item.record_type == "chair-consultation") return store::PurgeChairConsultation(tx, item.id);
  if (item.record_type == "person") return store::PurgePerson(tx, item.id);
  if (item.record_type == "police-notification") return store::PurgePoliceNotification(tx, item.id);
  return false;
}

}  // namespace

std::string RetentionReviewOn(const policy::PolicyPack& pack, const std::string& record_class,
                              const RetentionDates& dates) {
  const auto* period = pack.Retention(record_class);
  if (!period) return "";
  auto end = RetentionEnds(period->from, period->years, dates);
  return end ? FormatIsoDate(*end) : "";
}

std::vector<ReviewDayToCheck> ReviewDaysToCheck(AppContext& ctx) {
  std::vector<ReviewDayToCheck> out;
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  for (const auto& r : store::StoredReviewDays(*tx)) {
    const auto requested = ParseUtc(r.requested_at);
    const auto made = ParseUtc(r.made_at);
    if (!requested || !made) continue;
    // As the consultation was dated when stored: made (and, advised or recorded, closed) that day.
    RetentionDates dates;
    dates.created = calendar::LocalDate(*made, ctx.time_zone);
    if (r.closed) dates.closed = dates.created;
    if (!r.date_of_birth.empty()) dates.date_of_birth = ParseIsoDate(r.date_of_birth);
    const std::string rule_on = RetentionReviewOn(ctx.procedures.PackAt(*requested), r.retention_class, dates);
    if (rule_on.empty() || rule_on == r.review_on) continue;  // no rule for the class now: nothing to compare
    out.push_back({r.record_type, r.id, r.reference, r.retention_class, r.review_on, rule_on});
  }
  return out;
}

Result<RetentionReport> RunRetention(AppContext& ctx, bool dry_run) {
  const Instant now = ctx.clock.Now();
  const auto& pack = ctx.procedures.PackAt(now);
  RetentionReport report;
  report.dry_run = dry_run;
  report.today = FormatIsoDate(calendar::LocalDate(now, ctx.time_zone));
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    report.items = DueItems(ctx, *tx, pack, report.today);
  }
  if (dry_run) return report;
  // One transaction per record: a fault part-way leaves every record either whole or gone, never
  // half-purged, and a long run does not hold the write lock against the front door's work.
  std::vector<RetentionItem> purged;
  for (const auto& item : report.items) {
    auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
    if (!Purge(*tx, item)) continue;  // gone already (another node's run): rolled back, not reported
    const std::string record_id = std::to_string(item.id);
    const auto* period = pack.Retention(item.record_class);
    const std::int64_t purge =
        audit::Append(*tx, {now, std::nullopt, "system", "retention.purged", item.record_type, record_id,
                            {{"class", item.record_class},
                             {"due_on", item.due_on},
                             {"reference", item.reference},
                             {"basis", period ? period->basis : ""}}});
    const auto erasure = audit::ErasePayloads(*tx, item.record_type, record_id, purge);
    tx->Commit();
    report.audit_payloads_erased += erasure.erased;
    report.audit_payloads_kept += erasure.kept;
    purged.push_back(item);
  }
  report.items = std::move(purged);
  return report;
}

}  // namespace fd::app
