// The performance dashboard (issue 9 point 1; docs/dashboard.md): for a period of whole local days
// and a team (or all teams), every figure a team manager or analyst is judged on, and the records
// behind each. Reads only; authorised by Action::kViewPerformance. The counting is pure
// (domain/performance.h); this file resolves the period against the authority's calendar, reads
// the facts (store/performance_records.h) and names things in the pack's words.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"
#include "domain/performance.h"

namespace fd::app {

// The period and team as asked for (query parameters or form fields). `from` and `to` are local
// dates, YYYY-MM-DD, both included; both empty means the last complete month. `team` is a team's
// id; empty means all teams.
struct DashboardQuery {
  std::string from;
  std::string to;
  std::string team;
};

inline constexpr int kMaxDashboardDays = 366;  // the same as kMaxReportDays (app/report_period.h)

struct DashboardScope {
  performance::Period period;
  std::optional<std::int64_t> team_id;
  std::string team_name;  // "All teams" when none is chosen
  Instant as_of;          // "now": what is overdue and what is still in time
};

struct DashboardTeam {
  std::int64_t id = 0;
  std::string name;
};

struct Dashboard {
  DashboardScope scope;
  std::vector<performance::Figure> figures;  // performance::FigureIds() order
  std::vector<DashboardTeam> teams;          // to choose from
};

// Errors: kForbidden; kInvalid naming "from", "to" or "team" (not a date, the end before the start,
// longer than kMaxDashboardDays, no such team).
Result<Dashboard> GetDashboard(AppContext& ctx, const Actor& actor, const DashboardQuery& query);
// For the server's daily run: counts and keeps the last twelve complete months, for all teams and
// for each team, so that the first manager to open a year is not the one who waits for it to be
// counted (docs/dashboard.md "Kept months"). Not audited, no actor: it shows nothing to anyone.
// Returns how many team views were kept (all teams counts as one).
int KeepRecentDashboardMonths(AppContext& ctx);

// The teams to choose from, for a form shown again after a refused query. Errors: kForbidden.
Result<std::vector<DashboardTeam>> ListDashboardTeams(AppContext& ctx, const Actor& actor);

struct DashboardRecordsQuery {
  DashboardQuery period;
  std::string figure;           // a performance::FigureIds() id
  std::string breakdown;        // one row's key; empty: every record behind the figure
  std::optional<bool> counted;  // rates: only those in (true) or out of (false) the numerator
  int page = 1;
  int page_size = 50;
};

struct DashboardRecord {
  std::string record_type;  // "contact", "consultation", "chair-consultation"
  std::int64_t id = 0;
  std::string link;  // the record's page ("/contacts/12"); empty when the viewer may not open it
  std::string reference;
  Instant at;             // received (a deadline: when it started)
  std::string children;   // the children's names; empty when none is named
  std::string state;      // in words
  std::string outcome;    // in words: the authorised outcome, the advice route, …
  std::string breakdown;  // the row it is counted in
  std::optional<bool> counted;
  std::string detail;  // what else explains its place: "Decided 3 March 2026 at 10:02am", …
};

struct DashboardRecords {
  DashboardScope scope;
  std::string figure;
  std::string figure_title;
  std::string breakdown;
  std::string breakdown_label;         // empty when every record is listed
  std::vector<DashboardRecord> items;  // this page, oldest first
  std::int64_t total = 0;
  int page = 1;
  int page_size = 50;
};

// Errors: kForbidden; kInvalid as GetDashboard, or naming "figure", "breakdown", "page" or
// "page_size" (page size 1 to 200).
Result<DashboardRecords> GetDashboardRecords(AppContext& ctx, const Actor& actor,
                                             const DashboardRecordsQuery& query);

}  // namespace fd::app
