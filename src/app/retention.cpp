#include "app/retention.h"

#include <algorithm>
#include <map>
#include <set>

#include <nlohmann/json.hpp>

#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/age.h"
#include "domain/contact.h"
#include "domain/retention.h"
#include "store/duplicate_records.h"
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

// A contact's duplicates are decided on it and kept as long as it is: they are due with it, right
// after it, and a duplicate's own duplicates (closed before it was) with them.
void AddDuplicatesOf(store::Transaction& tx, std::vector<RetentionItem>& due, const RetentionItem& original) {
  std::vector<std::int64_t> pending = {original.id};
  std::set<std::int64_t> seen = {original.id};
  while (!pending.empty()) {
    const std::int64_t of = pending.back();
    pending.pop_back();
    for (const auto& link : store::DuplicatesOf(tx, of)) {
      if (!seen.insert(link.contact_id).second) continue;
      due.push_back({"contact", link.contact_id, link.reference, original.record_class, original.due_on, original.id,
                     original.reference});
      pending.push_back(link.contact_id);
    }
  }
}

std::vector<RetentionItem> DueItems(AppContext& ctx, store::Transaction& tx, const policy::PolicyPack& pack,
                                    const std::string& today) {
  std::vector<RetentionItem> due;
  auto add = [&](std::string type, std::int64_t id, std::string reference, std::string cls,
                 const std::optional<std::string>& on) {
    if (on && *on <= today) due.push_back({std::move(type), id, std::move(reference), std::move(cls), *on, 0, ""});
  };
  for (const auto& c : store::DecidedContacts(tx)) {
    RetentionDates dates;
    dates.created = DayOf(c.created_at, ctx.time_zone);
    if (c.closed_at) dates.closed = DayOf(*c.closed_at, ctx.time_zone);
    if (c.youngest_dob) dates.date_of_birth = ParseIsoDate(*c.youngest_dob);
    const std::string cls = c.referral ? "referral" : "contact-no-further-action";
    const std::size_t before = due.size();
    add("contact", c.id, c.reference, cls, DueOn(pack, cls, dates));
    if (due.size() > before) AddDuplicatesOf(tx, due, due.back());
  }
  for (const auto& k : store::ConsultationsDue(tx, today))
    add("consultation", k.id, k.reference, k.retention_class, k.review_on);
  for (const auto& k : store::ChairConsultationsDue(tx, today))
    add("chair-consultation", k.id, k.reference, k.retention_class, k.review_on);
  for (const auto& p : store::ClosedPeople(tx)) {
    RetentionDates dates;
    dates.created = DayOf(p.created_at, ctx.time_zone);
    if (p.date_of_birth) dates.date_of_birth = ParseIsoDate(*p.date_of_birth);
    // "Until the child's 25th birthday at the least": a record made when they were already 18 (a
    // "child" recorded before the register refused one, review finding 4) would fall due on the
    // day it was made, or before. It is an adult's record, kept as one, from the day it was made.
    const bool adult_when_recorded = dates.date_of_birth && dates.created && AdultOn(*dates.date_of_birth, *dates.created);
    if (p.is_child && !adult_when_recorded) {
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
  // Finding 9: a finished request for information is kept for the pack's "information-request"
  // period from the day it closed (none in the pack: kept until its person goes, below).
  for (const auto& q : store::ClosedInformationRequests(tx)) {
    RetentionDates dates;
    dates.closed = DayOf(q.closed_at, ctx.time_zone);
    dates.created = dates.closed;
    add("information_request", q.id, q.reference, "information-request", DueOn(pack, "information-request", dates));
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
  if (item.record_type == "information_request") return store::PurgeInformationRequest(tx, item.id);
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
    if (store::ReviewDayDecided(*tx, r.record_type, r.id)) continue;  // the DPO kept it (retention_decisions.h)
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
  // A contact and its duplicates go together (RetentionItem::with_id): the duplicates first, while
  // their links still name the original, then the original.
  std::multimap<std::int64_t, const RetentionItem*> duplicates;
  for (const auto& item : report.items)
    if (item.with_id != 0) duplicates.emplace(item.with_id, &item);
  std::vector<RetentionItem> purged;
  for (const auto& item : report.items) {
    if (item.with_id != 0) continue;  // purged with its original, below
    std::vector<const RetentionItem*> group;
    if (item.record_type == "contact")
      for (auto [it, end] = duplicates.equal_range(item.id); it != end; ++it) group.push_back(it->second);
    group.push_back(&item);
    auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
    std::int64_t erased = 0, kept = 0;
    bool whole = true;
    std::vector<RetentionItem> gone;
    // Finding 9: a person's requests for information go with them, each audited as purged.
    std::vector<RetentionItem> requests;
    if (item.record_type == "person")
      for (const auto& q : store::InformationRequestsNaming(*tx, item.id))
        requests.push_back({"information_request", q.id, q.reference, item.record_class, item.due_on, 0, ""});
    for (const auto& q : requests) group.insert(group.end() - 1, &q);
    for (const RetentionItem* one : group) {
      if (!Purge(*tx, *one)) {
        // A duplicate gone already is no reason to keep the original; the original gone (another
        // node's run) rolls all of it back, not reported.
        if (one == &item) whole = false;
        continue;
      }
      const std::string record_id = std::to_string(one->id);
      const auto* period = pack.Retention(one->record_class);
      nlohmann::json changes = {{"class", one->record_class},
                                {"due_on", one->due_on},
                                {"reference", one->reference},
                                {"basis", period ? period->basis : ""}};
      if (one->with_id != 0) changes["duplicate_of"] = one->with_reference;
      const std::int64_t purge =
          audit::Append(*tx, {now, std::nullopt, "system", "retention.purged", one->record_type, record_id, changes});
      const auto erasure = audit::ErasePayloads(*tx, one->record_type, record_id, purge);
      erased += erasure.erased;
      kept += erasure.kept;
      gone.insert(one == &item ? gone.begin() : gone.end(), *one);  // the original listed first
    }
    if (!whole) continue;
    tx->Commit();
    report.audit_payloads_erased += erased;
    report.audit_payloads_kept += kept;
    purged.insert(purged.end(), gone.begin(), gone.end());
  }
  report.items = std::move(purged);
  return report;
}

}  // namespace fd::app
