#include "app/report_period.h"
#include "app/return_child_check.h"

#include <algorithm>
#include <map>
#include <set>

#include <fmt/format.h>

#include "app/pack_days.h"
#include "app/permissions.h"
#include "app/return_child_ids.h"
#include "app/return_contact_entry.h"
#include "calendar/local_time.h"
#include "domain/cin_census.h"
#include "domain/text.h"
#include "match/normalise.h"
#include "store/report_records.h"

namespace fd::app {
namespace {

using returns::Date;
using std::chrono::days;
using std::chrono::local_days;
using std::chrono::sys_days;

// Local midnight at the start of `day` (CAL-1), as the returns take a period (statutory_returns.cpp).
std::string StartOfLocalDay(const AppContext& ctx, Date day) {
  const auto& calendar = ctx.procedures.CalendarAt(Instant(sys_days(day)));
  auto at = calendar.FromLocal(calendar::LocalTime(local_days(day)));
  return FormatUtc(at ? *at : Instant(sys_days(day)));
}

// The names and date of birth as the register matching compares them; empty when one is missing
// (a child with no date of birth, or a name of nothing but punctuation, is never compared).
std::string NamesAndBirth(const store::ReturnContactChild& c) {
  if (!c.date_of_birth) return {};
  const std::string first = match::NormaliseName(c.first_names);
  const std::string last = match::NormaliseName(c.last_name);
  if (first.empty() || last.empty()) return {};
  return first + '\x1f' + last + '\x1f' + *c.date_of_birth;
}

struct Seen {
  ReturnChildOnContact on_contact;
  std::string nhs_number;  // valid, or empty
};

// Whether the group's ids are told apart by their NHS numbers: every id has one, and no two share.
bool ToldApartByNhsNumber(const std::vector<Seen>& rows, const std::vector<std::string>& ids) {
  std::map<std::string, std::set<std::string>> numbers;
  for (const auto& r : rows)
    if (!r.nhs_number.empty()) numbers[r.on_contact.child_id].insert(r.nhs_number);
  std::set<std::string> all;
  for (const auto& id : ids) {
    const auto held = numbers.find(id);
    if (held == numbers.end()) return false;
    for (const auto& n : held->second)
      if (!all.insert(n).second) return false;
  }
  return true;
}

}  // namespace

Result<returns::Period> ParseReturnCheckPeriod(std::string_view from, std::string_view to, std::string_view year) {
  if (!Trim(year).empty()) {
    if (!Trim(from).empty() || !Trim(to).empty())
      return std::unexpected(Error::InvalidField(
          "year", "Give either a census year or the first and last days of a period, not both"));
    auto census = returns::ValidCensusYear(Trim(year));
    if (!census) return std::unexpected(census.error());
    return returns::Period{census->start, census->reference_date};
  }
  // The same period, limits and words as Annex A's and the dashboard's (app/report_period.h).
  auto dates = ParseReportDates(from, to);
  if (!dates) return std::unexpected(dates.error());
  return returns::Period{dates->from, dates->to};
}

Result<ReturnChildCheck> CheckReturnChildren(AppContext& ctx, const Actor& actor, const returns::Period& period) {
  if (auto allowed = Authorise(actor, Action::kViewPerformance); !allowed) return std::unexpected(allowed.error());
  const std::string start = StartOfLocalDay(ctx, period.from);
  const std::string end = StartOfLocalDay(ctx, Date(sys_days(period.to) + days{1}));
  const PackDays packs(ctx.procedures, period.from, Date(sys_days(period.to) + days{1}));

  ReturnChildCheck out;
  out.period = period;
  // Names and birth → the children seen with them, in contact order; the keys in the order first seen.
  std::map<std::string, std::vector<Seen>> by_names;
  std::vector<std::string> order;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    ReturnPeople people(*tx);
    ReturnChildIds ids(*tx, people, start, end);
    for (const auto& c : store::SubjectChildrenReceived(*tx, start, end)) {
      const std::string key = NamesAndBirth(c);
      if (key.empty()) continue;
      const ReturnChildId id = ids.Of(c);
      // A child list 1 leaves off (its contact closed as a duplicate recorded the same day from the
      // same source) is on no return, so it cannot be counted twice: the check leaves it off too.
      auto entry = ContactEntryOf(packs, c, id);
      if (!entry) return std::unexpected(entry.error());
      if (returns::RecordedTwice(*entry)) continue;
      Seen seen;
      seen.on_contact.child_id = id.id;
      seen.on_contact.contact_id = c.contact_id;
      seen.on_contact.contact_reference = c.contact_reference;
      seen.on_contact.position = c.position;
      seen.on_contact.received_on = packs.LocalDate(ParseUtc(c.received_at).value_or(Instant{}));
      seen.on_contact.linked = id.person != nullptr;
      if (!c.person_id) seen.nhs_number = ReturnChildIds::ValidNhsNumber(c.nhs_number);
      auto [it, added] = by_names.try_emplace(key);
      if (added) order.push_back(key);
      it->second.push_back(std::move(seen));
    }
  }
  for (const auto& key : order) {
    const auto& rows = by_names[key];
    std::vector<std::string> ids;
    bool any_unlinked = false;
    for (const auto& r : rows) {
      if (std::find(ids.begin(), ids.end(), r.on_contact.child_id) == ids.end()) ids.push_back(r.on_contact.child_id);
      any_unlinked = any_unlinked || !r.on_contact.linked;
    }
    // One id: counted once already. All on the register: two records for the register to merge,
    // not a link to make. Different NHS numbers: different children.
    if (ids.size() < 2 || !any_unlinked || ToldApartByNhsNumber(rows, ids)) continue;
    MaybeSameChild group;
    group.date_of_birth = ParseIsoDate(key.substr(key.rfind('\x1f') + 1)).value_or(Date{});
    group.child_ids = std::move(ids);
    for (const auto& r : rows) group.contacts.push_back(r.on_contact);
    out.maybe_same_child.push_back(std::move(group));
  }
  return out;
}

}  // namespace fd::app
