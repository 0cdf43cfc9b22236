#include "app/performance_months.h"

#include <fmt/format.h>
#include <spdlog/spdlog.h>

#include <nlohmann/json.hpp>
#include <set>
#include <string>

#include "calendar/local_time.h"
#include "calendar/working_calendar.h"
#include "domain/contact.h"
#include "store/performance_month_records.h"

namespace fd::app {
namespace {

using performance::Date;
using std::chrono::days;
using std::chrono::sys_days;

struct Month {
  Date first;
  Date last;
  performance::Period period;
  std::string key;  // "2026-03-01"
};

Date FirstOf(std::chrono::year_month ym) { return Date{ym / std::chrono::day{1}}; }

// The complete months of the period that have ended by `now`.
std::vector<Month> CompleteMonths(const AppContext& ctx, const performance::Period& period, Instant now) {
  std::vector<Month> out;
  std::chrono::year_month ym{period.from.year(), period.from.month()};
  if (period.from.day() != std::chrono::day{1}) ym += std::chrono::months{1};
  for (;; ym += std::chrono::months{1}) {
    const Date first = FirstOf(ym);
    const Date last{sys_days{FirstOf(ym + std::chrono::months{1})} - days{1}};
    if (sys_days{last} > sys_days{period.to}) break;
    Month m{first, last, LocalPeriod(ctx, first, last, now), FormatIsoDate(first)};
    if (m.period.end > now) break;
    out.push_back(std::move(m));
  }
  return out;
}

// The pack versions whose working days judge the figures, and the way of counting them: a kept
// month counted under others is counted again. "passed-on": contacts passed on at receipt left out
// of decision timeliness (docs/decisions.md).
std::string CalendarOf(const AppContext& ctx) {
  std::string out = ctx.procedures.time_zone() + ";passed-on";
  for (const auto& v : ctx.procedures.versions())
    out += fmt::format(";{}/{}/{}", v.authority, v.version, FormatIsoDate(v.effective_from));
  return out;
}

// The months a note forgets: its own, and with `forward` the twelve after it (a referral about a
// child is a re-referral when another was made in the 12 months before it).
void Forget(const AppContext& ctx, const store::PerformanceTouch& touch, std::set<std::string>& months) {
  const Date day = calendar::LocalDate(*touch.at, ctx.time_zone);
  std::chrono::year_month ym{day.year(), day.month()};
  const std::chrono::year_month last = touch.forward ? ym + std::chrono::years{1} : ym;
  for (; ym <= last; ym += std::chrono::months{1}) months.insert(FormatIsoDate(FirstOf(ym)));
}

// Takes the notes waiting and forgets the months they name. Returns the months forgotten
// (nullopt: all of them).
std::optional<std::set<std::string>> TakeNotes(const AppContext& ctx, store::Transaction& tx) {
  std::set<std::string> months;
  for (const auto& touch : store::TakePerformanceTouches(tx)) {
    if (!touch.at) {
      store::ForgetKeptMonths(tx, std::nullopt);
      return std::nullopt;
    }
    Forget(ctx, touch, months);
  }
  if (!months.empty()) store::ForgetKeptMonths(tx, std::vector<std::string>(months.begin(), months.end()));
  return months;
}

// A month's figures as kept: only the numbers, by row key; rows at zero are left out.
std::string Serialise(const std::vector<performance::Figure>& figures) {
  nlohmann::json out = nlohmann::json::array();
  for (const auto& f : figures) {
    nlohmann::json rows = nlohmann::json::array();
    for (const auto& r : f.rows) {
      if (r.count == 0 && r.denominator.value_or(0) == 0) continue;
      rows.push_back(r.denominator ? nlohmann::json{r.key, r.count, *r.denominator} : nlohmann::json{r.key, r.count});
    }
    out.push_back(nlohmann::json{f.id, f.total, std::move(rows)});
  }
  return out.dump();
}

std::optional<std::vector<performance::Figure>> Parse(const std::string& text) {
  const auto json = nlohmann::json::parse(text, nullptr, false);
  if (!json.is_array()) return std::nullopt;
  std::vector<performance::Figure> out;
  try {
    for (const auto& f : json) {
      performance::Figure figure{f.at(0).get<std::string>(), "", f.at(1).get<std::int64_t>(), {}};
      for (const auto& r : f.at(2)) {
        performance::Row row{r.at(0).get<std::string>(), "", r.at(1).get<std::int64_t>(), std::nullopt};
        if (r.size() > 2) row.denominator = r.at(2).get<std::int64_t>();
        figure.rows.push_back(std::move(row));
      }
      out.push_back(std::move(figure));
    }
  } catch (const nlohmann::json::exception&) {
    return std::nullopt;  // not as this version writes them: counted again
  }
  return out;
}

}  // namespace

performance::Period LocalPeriod(const AppContext& ctx, Date from, Date to, Instant now) {
  const auto& cal = ctx.procedures.CalendarAt(now);
  // Local midnight (it exists every day in the UK: the clocks change at 1am).
  const auto midnight = [&](Date date) {
    const calendar::LocalTime local{sys_days{date}.time_since_epoch()};
    if (auto at = cal.FromLocal(local)) return *at;
    return Instant{local.time_since_epoch()};
  };
  return {from, to, midnight(from), midnight(Date{sys_days{to} + days{1}})};
}

std::vector<performance::Figure> FiguresWithKeptMonths(AppContext& ctx, const DashboardScope& scope,
                                                       std::vector<performance::Figure> zero,
                                                       const CountStretch& count) {
  std::vector<performance::Figure> total = std::move(zero);
  const Instant now = scope.as_of;
  const performance::Period& period = scope.period;
  const std::vector<Month> months = CompleteMonths(ctx, period, now);
  const auto count_plainly = [&] {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    performance::AddFigures(total, count(*tx, period, nullptr));
    return total;
  };
  if (months.empty()) return count_plainly();

  // Before anything is read: writes about these months must leave notes (the mark moves up to the
  // start of the month now running, once a month), and the notes left must have been taken.
  const Date today = calendar::LocalDate(now, ctx.time_zone);
  const Date this_month = FirstOf(std::chrono::year_month{today.year(), today.month()});
  const Instant mark = LocalPeriod(ctx, this_month, this_month, now).start;
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  store::KeptMonthsState state = store::ReadKeptMonthsState(*tx);
  if (state.noted_before < mark || state.notes_waiting) {
    tx.reset();
    try {
      auto write = ctx.store.Begin(store::TransactionMode::kWrite);
      store::NoteWritesBefore(*write, mark);
      TakeNotes(ctx, *write);
      write->Commit();
    } catch (const store::StoreFault& fault) {
      // Nothing can be kept (a full disk, a read-only copy): the figures still can be counted.
      spdlog::warn("dashboard: kept months not used error={}", fault.what());
      return count_plainly();
    }
    tx = ctx.store.Begin(store::TransactionMode::kRead);
    state = store::ReadKeptMonthsState(*tx);
  }

  const std::string calendar = CalendarOf(ctx);
  const std::int64_t team_key = scope.team_id.value_or(0);
  std::vector<store::KeptMonth> kept = store::KeptMonths(*tx, team_key, months.front().key, months.back().key);
  std::vector<store::KeptMonth> to_keep;
  for (const Month& m : months) {
    const auto k = std::find_if(kept.begin(), kept.end(), [&](const auto& r) { return r.month == m.key; });
    // Counted at or before `now` (a clock put back would otherwise see the future's states), not
    // yet changed by time, under these packs, and old enough for writes about it to be noted.
    if (k != kept.end() && k->calendar == calendar && k->computed_at <= now && (!k->stale_at || now < *k->stale_at) &&
        m.period.end <= state.noted_before) {
      if (auto figures = Parse(k->figures)) {
        performance::AddFigures(total, *figures);
        continue;
      }
    }
    std::optional<Instant> next_change;
    const auto figures = count(*tx, m.period, &next_change);
    performance::AddFigures(total, figures);
    if (m.period.end <= state.noted_before)
      to_keep.push_back(store::KeptMonth{m.key, calendar, next_change, Serialise(figures), now});
  }
  // The days before the first complete month, and after the last (the month still running).
  if (sys_days{period.from} < sys_days{months.front().first})
    performance::AddFigures(
        total, count(*tx, LocalPeriod(ctx, period.from, Date{sys_days{months.front().first} - days{1}}, now), nullptr));
  if (sys_days{months.back().last} < sys_days{period.to})
    performance::AddFigures(
        total, count(*tx, LocalPeriod(ctx, Date{sys_days{months.back().last} + days{1}}, period.to, now), nullptr));
  tx.reset();
  if (to_keep.empty()) return total;

  try {
    auto write = ctx.store.Begin(store::TransactionMode::kWrite);
    const std::int64_t generation = store::ReadKeptMonthsState(*write).generation;
    // Notes taken by someone else since the months were counted may be about changes the count
    // did not see; notes taken here are, and forget what they name.
    if (generation == state.generation) {
      const auto forgotten = TakeNotes(ctx, *write);
      for (const auto& k : to_keep)
        if (forgotten && !forgotten->contains(k.month)) store::KeepMonth(*write, team_key, k, now);
    }
    write->Commit();
  } catch (const store::StoreFault& fault) {
    spdlog::warn("dashboard: counted months not kept error={}", fault.what());
  }
  return total;
}

}  // namespace fd::app
