// The performance dashboard at county scale (issue 9 point 4; docs/dashboard.md "Speed"). Writes a
// synthetic five years of a large county's front door into a SQLite file — contacts with their
// children, decisions, acknowledgements, referrals (with children coming back), deadlines and
// consultations — then times the dashboard: the use case (app::GetDashboard) for the last complete
// month and for twelve months, all teams and one, and the whole page over HTTP (/dashboard, signed
// in as a team manager), and the records behind a figure.
//
//   dashboard_bench --database FILE [--contacts 500000] [--years 5] [--runs 10] [--seed 1]
//                   [--templates DIR] [--static DIR] [--only figures]
//
// Then the baseline: the same figures as plain SQL (bench/dashboard_figures.sql) run by the sqlite3
// command-line tool on the same file, checked row by row against frontdoor's (any difference makes
// the bench fail) and timed; and the statutory returns (Annex A lists, the CIN census). Each time is
// a median of wall time with the CPU time beside it (docs/benchmarks.md).
//
// The file is made once (an existing one with contacts is reused) and kept, so a second run measures
// at once.
#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdio>
#include <sys/resource.h>
#include <filesystem>
#include <fstream>
#include <map>
#include <set>
#include <random>
#include <string>
#include <vector>

#include "app/accounts.h"
#include "app/pack_days.h"
#include "app/performance.h"
#include "app/statutory_returns.h"
#include "calendar/local_time.h"
#include "calendar/working_calendar.h"
#include "service/service.h"
#include "store/migrations.h"
#include "store/performance_records.h"
#include "store/sqlite/sqlite_store.h"
#include "support/http_client.h"

namespace {

using namespace fd;
using std::chrono::days;
using std::chrono::hours;
using std::chrono::minutes;
using std::chrono::seconds;
using Clock = std::chrono::steady_clock;

struct Options {
  std::string database;
  std::int64_t contacts = 500000;
  int years = 5;
  int runs = 10;
  std::uint64_t seed = 1;
  std::string templates = FD_SOURCE_DIR "/templates";
  std::string static_dir = FD_BINARY_DIR "/static";
  std::string only;  // "figures": the dashboard's use case and its parts only (for profiling)
};

// The synthetic county's "today": fixed, so every run makes the same data.
const Instant kAsOf = *ParseUtc("2026-10-15T12:00:00Z");
constexpr int kTeams = 6;
constexpr const char* kPassword = "dashboard bench password";

const char* kSources[] = {"police",           "school",      "health",
                          "member_of_public", "early_years", "other_professional"};
const double kSourceWeights[] = {0.30, 0.22, 0.18, 0.12, 0.06, 0.12};
// Hertfordshire's outcomes, and how often each is reached; the last two make referrals (about 31% of
// decisions: 150,000 referrals from 500,000 contacts, the large county).
const char* kOutcomes[] = {"no-further-action", "families-first", "child-and-family-assessment",
                           "strategy-discussion"};
const double kOutcomeWeights[] = {0.43, 0.25, 0.29, 0.03};
const char* kFirst[] = {"Ava", "Ben", "Cal", "Dee", "Eve", "Fin", "Gus", "Hal", "Ivy", "Jo", "Kit", "Lou"};
const char* kLast[] = {"Smith", "Jones", "Brown", "Taylor", "Wilson",
                       "Evans", "Khan",  "Patel", "Lewis",  "Hall"};

class Generator {
 public:
  explicit Generator(std::uint64_t seed) : rng_(seed) {}
  double Uniform() { return std::uniform_real_distribution<double>(0, 1)(rng_); }
  template <std::size_t N>
  std::size_t Pick(const double (&weights)[N]) {
    double u = Uniform(), sum = 0;
    for (std::size_t i = 0; i < N; ++i)
      if ((sum += weights[i]) >= u) return i;
    return N - 1;
  }
  std::int64_t Int(std::int64_t lo, std::int64_t hi) {
    return std::uniform_int_distribution<std::int64_t>(lo, hi)(rng_);
  }
  // A delay with a long tail: most in hours, some over days.
  seconds Delay(double median_hours) {
    return seconds{static_cast<std::int64_t>(median_hours * 3600 *
                                             std::exp(std::normal_distribution<double>(0, 0.9)(rng_)))};
  }

 private:
  std::mt19937_64 rng_;
};

std::int64_t CountContacts(store::Store& s) {
  auto tx = s.Begin(store::TransactionMode::kRead);
  return tx->Query("SELECT COUNT(*) FROM contacts").at(0).Int(0);
}

// Writes the county. Received times are mostly weekday office hours; decisions mostly within a
// working day; 30% become referrals; a quarter of linked children come back.
void Generate(store::Store& s, const Options& o) {
  Generator g(o.seed);
  const Instant start = kAsOf - days{365 * o.years};
  std::vector<Instant> received;
  received.reserve(static_cast<std::size_t>(o.contacts));
  const auto span = (kAsOf - start).count();
  while (static_cast<std::int64_t>(received.size()) < o.contacts) {
    const Instant t = start + seconds{g.Int(0, span - 1)};
    const auto day = std::chrono::floor<days>(t);
    const std::chrono::weekday wd{std::chrono::sys_days{day}};
    const auto hour = std::chrono::duration_cast<hours>(t - Instant{day}).count();
    const bool office = wd != std::chrono::Saturday && wd != std::chrono::Sunday && hour >= 8 && hour < 17;
    if (office || g.Uniform() < 0.25) received.push_back(t);
  }
  std::sort(received.begin(), received.end());

  std::vector<std::int64_t> officers, teams;
  std::int64_t manager = 0;
  {
    auto tx = s.Begin(store::TransactionMode::kWrite);
    for (int t = 0; t < kTeams; ++t) {
      const auto team =
          tx->Query("INSERT INTO teams (name) VALUES (?) RETURNING id", {fmt::format("Team {}", t + 1)})
              .at(0)
              .Int(0);
      teams.push_back(team);
      officers.push_back(tx->Query("INSERT INTO users (username, display_name, role, team_id, password_hash, "
                                   "created_at) VALUES (?, ?, 'contact_officer', ?, 'x', ?) RETURNING id",
                                   {fmt::format("officer{}", t + 1), fmt::format("Officer {}", t + 1), team,
                                    FormatUtc(start)})
                             .at(0)
                             .Int(0));
    }
    tx->Commit();
  }
  {
    app::FixedClock clock(kAsOf);
    const auto procedures = policy::Procedures::Load(FD_SOURCE_DIR "/policies/hertfordshire").value();
    app::AppContext ctx{s, clock, *procedures, "Europe/London"};
    manager = app::CreateUser(ctx, std::nullopt,
                              {"bench_manager", "Bench Manager", "", Role::kTeamManager, "Team 1", kPassword})
                  .value();
  }

  // Deadlines of "1 working day" fall due as the app's would: by the pack's calendar (CAL-3).
  const auto pack_procedures = policy::Procedures::Load(FD_SOURCE_DIR "/policies/hertfordshire").value();
  auto one_working_day = [&](Instant from) {
    return pack_procedures->CalendarAt(from).Due({calendar::Timescale::Kind::kWorkingDays, 1}, from);
  };
  std::vector<std::int64_t> people;  // the register, for children who come back
  std::int64_t referral_number = 0, consultation_number = 0;
  constexpr std::int64_t kBatch = 20000;
  for (std::int64_t first = 0; first < o.contacts; first += kBatch) {
    auto tx = s.Begin(store::TransactionMode::kWrite);
    for (std::int64_t i = first; i < std::min(o.contacts, first + kBatch); ++i) {
      const Instant at = received[static_cast<std::size_t>(i)];
      const auto team_index = static_cast<std::size_t>(g.Int(0, kTeams - 1));
      const std::int64_t team = teams[team_index], officer = officers[team_index];
      const char* source = kSources[g.Pick(kSourceWeights)];
      const bool returned = g.Uniform() < 0.02;
      const std::string reference = fmt::format("FD-B-{:07}", i + 1);
      const std::int64_t contact =
          tx->Query(
                "INSERT INTO contacts (reference, received_at, recorded_by, referrer_type, "
                "referrer_anonymous, "
                "referrer_name, referrer_role, referrer_agency, referrer_phone, referrer_email, concern, "
                "created_at, state, queue, team_id) VALUES (?, ?, ?, ?, 0, 'A caller', '', 'An agency', "
                "'01632 960 000', '', 'A worry', ?, ?, ?, ?) RETURNING id",
                {reference, FormatUtc(at), officer, source, FormatUtc(at), returned ? "routed" : "decided",
                 returned ? "returned" : "front-door", team})
              .at(0)
              .Int(0);
      const int children = g.Uniform() < 0.3 ? 2 : 1;
      for (int c = 0; c < children; ++c) {
        std::optional<std::int64_t> person;
        if (g.Uniform() < 0.6) {
          if (!people.empty() && g.Uniform() < 0.25) {
            person = people[static_cast<std::size_t>(g.Int(0, static_cast<std::int64_t>(people.size()) - 1))];
          } else {
            person = tx->Query("INSERT INTO people (first_names, last_name) VALUES (?, ?) RETURNING id",
                               {kFirst[g.Int(0, 11)], kLast[g.Int(0, 9)]})
                         .at(0)
                         .Int(0);
            people.push_back(*person);
          }
        }
        tx->Execute(
            "INSERT INTO contact_children (contact_id, position, first_names, last_name, date_of_birth, "
            "gender, address, school, person_id) VALUES (?, ?, ?, ?, '2015-05-05', 'not_known', '', '', ?)",
            {contact, c, kFirst[g.Int(0, 11)], kLast[g.Int(0, 9)], person});
      }
      auto deadline = [&](const char* timescale, const char* rule, Instant from, Instant due,
                          std::optional<Instant> met) {
        tx->Execute(
            "INSERT INTO deadlines (timescale, rule_id, obligation, record_type, record_id, "
            "record_reference, team_id, starts_at, due_at, met_at, policy_version, created_at) "
            "VALUES (?, ?, ?, 'contact', ?, ?, ?, ?, ?, ?, '2019', ?)",
            {timescale, rule, timescale, contact, reference, team, FormatUtc(from), FormatUtc(due),
             met ? std::optional<std::string>(FormatUtc(*met)) : std::nullopt, FormatUtc(from)});
      };
      if (returned) continue;
      // Acknowledgement (HCR-22) and written confirmation (HCR-15).
      std::optional<Instant> acknowledged;
      if (g.Uniform() < 0.92) acknowledged = at + g.Delay(3);
      if (acknowledged && *acknowledged < kAsOf)
        tx->Execute(
            "INSERT INTO contact_acknowledgements (contact_id, method, note, acknowledged_at, "
            "acknowledged_by) VALUES (?, 'verbal', '', ?, ?)",
            {contact, FormatUtc(*acknowledged), officer});
      else
        acknowledged.reset();
      deadline("acknowledgement", "HCR-22", at, one_working_day(at), acknowledged);
      if (g.Uniform() < 0.5) {
        std::optional<Instant> confirmed;
        if (g.Uniform() < 0.6 && at + hours{30} < kAsOf) confirmed = at + g.Delay(20);
        deadline("written-confirmation", "HCR-15", at, at + hours{24}, confirmed);
      }
      // The decision (HCR-27), mostly within a working day.
      std::optional<Instant> decided;
      if (g.Uniform() < 0.98) decided = at + g.Delay(18);
      if (decided && *decided >= kAsOf) decided.reset();
      deadline("decision", "HCR-27", at, one_working_day(at), decided);
      if (!decided) continue;
      const char* outcome = kOutcomes[g.Pick(kOutcomeWeights)];
      const std::int64_t decision =
          tx->Query(
                "INSERT INTO decisions (contact_id, outcome, children, rationale, next_steps, proposed_by, "
                "proposed_at, status, decided_by, decided_at, policy_version) VALUES (?, ?, '[0]', 'r', 's', "
                "?, "
                "?, 'authorised', ?, ?, '2019') RETURNING id",
                {contact, outcome, officer, FormatUtc(*decided), manager, FormatUtc(*decided)})
              .at(0)
              .Int(0);
      if (std::string(outcome) == "child-and-family-assessment" ||
          std::string(outcome) == "strategy-discussion") {
        tx->Execute(
            "INSERT INTO referrals (reference, contact_id, decision_id, outcome, team, created_at) "
            "VALUES (?, ?, ?, ?, 'Assessment team', ?)",
            {fmt::format("RF-B-{:07}", ++referral_number), contact, decision, outcome, FormatUtc(*decided)});
        std::optional<Instant> seen;
        if (g.Uniform() < 0.85 && *decided + days{7} < kAsOf) seen = *decided + g.Delay(80);
        deadline("child-seen", "HCR-32", *decided, *decided + days{7}, seen);
      }
      // About one consultation for every eight contacts.
      if (g.Uniform() < 0.125) {
        const bool advised = g.Uniform() < 0.9;
        const char* routes[] = {"red", "green", "other"};
        tx->Execute(
            "INSERT INTO consultations (number, type, policy_version, requested_at, recorded_by, "
            "consultee_name, consultee_role, consultee_organisation, consultee_phone, consultee_email, "
            "caller_type, summary, safeguarding_lead_consulted, status, advised_route) VALUES (?, 'hub', "
            "'2019', ?, ?, 'A caller', '', 'A school', '01632 960 000', '', 'school', 'A worry', 1, ?, ?)",
            {fmt::format("CN-B-{:07}", ++consultation_number), FormatUtc(at), officer,
             advised ? "completed" : "queued", advised ? routes[g.Int(0, 2)] : ""});
      }
    }
    tx->Commit();
    std::fprintf(stderr, "\r%lld of %lld contacts",
                 static_cast<long long>(std::min(o.contacts, first + kBatch)),
                 static_cast<long long>(o.contacts));
  }
  std::fprintf(stderr, "\n%lld referrals, %zu people, %lld consultations\n",
               static_cast<long long>(referral_number), people.size(),
               static_cast<long long>(consultation_number));
  auto tx = s.Begin(store::TransactionMode::kWrite);
  tx->Execute("ANALYZE");
  tx->Commit();
}

// The same answers as app/performance.cpp's calendar, for timing the counting on its own.
// The calendar the dashboard's use case gives the domain: the packs' days in tables (app/pack_days.h).
class BenchCalendar final : public performance::Calendar {
 public:
  BenchCalendar(const policy::Procedures& p, performance::Date first, performance::Date last) : days_(p, first, last) {}
  performance::Date LocalDateOf(Instant at) const override { return days_.LocalDate(at); }
  Instant OneWorkingDayAfter(Instant from) const override { return days_.DueInWorkingDays(1, from); }

 private:
  app::PackDays days_;
};

// Wall time, and the CPU time this process and the programs it ran (sqlite3) used meanwhile: on a
// shared machine the wall time includes other programs' turns, the CPU time does not.
struct Timing {
  double median_ms = 0, max_ms = 0, cpu_median_ms = 0;
};

double CpuMs() {
  rusage self{}, children{};
  getrusage(RUSAGE_SELF, &self);
  getrusage(RUSAGE_CHILDREN, &children);
  auto ms = [](const timeval& t) { return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_usec) / 1000.0; };
  return ms(self.ru_utime) + ms(self.ru_stime) + ms(children.ru_utime) + ms(children.ru_stime);
}

template <typename F>
Timing Time(int runs, F&& f) {
  f();  // warm the caches once
  std::vector<double> ms, cpu;
  for (int i = 0; i < runs; ++i) {
    const auto t0 = Clock::now();
    const double c0 = CpuMs();
    f();
    cpu.push_back(CpuMs() - c0);
    ms.push_back(std::chrono::duration<double, std::milli>(Clock::now() - t0).count());
  }
  std::sort(ms.begin(), ms.end());
  std::sort(cpu.begin(), cpu.end());
  return {ms[ms.size() / 2], ms.back(), cpu[cpu.size() / 2]};
}

// The same figures by the sqlite3 command-line tool on the same file (bench/dashboard_figures.sql):
// each line "figure|breakdown|count or numerator|denominator", keyed "figure|breakdown".
struct BaselineRow {
  std::int64_t count = 0;
  std::optional<std::int64_t> denominator;
};
using BaselineFigures = std::map<std::string, BaselineRow>;

BaselineFigures RunSqlite3(const std::string& database, const store::PerformanceScope& scope, Instant now) {
  const std::string script = database + ".figures.sql";
  {
    std::ofstream out(script);
    out << ".parameter init\n"
        << ".parameter set @start '" << FormatUtc(scope.start) << "'\n"
        << ".parameter set @end '" << FormatUtc(scope.end) << "'\n"
        << ".parameter set @now '" << FormatUtc(now) << "'\n"
        << ".parameter set @team " << (scope.team_id ? std::to_string(*scope.team_id) : "NULL") << "\n";
    std::ifstream figures(FD_SOURCE_DIR "/bench/dashboard_figures.sql");
    out << figures.rdbuf();
  }
  const std::string command = "sqlite3 -readonly -batch '" + database + "' < '" + script + "'";
  FILE* pipe = popen(command.c_str(), "r");
  if (!pipe) {
    std::fprintf(stderr, "cannot run sqlite3\n");
    std::exit(1);
  }
  BaselineFigures out;
  char line[512];
  while (std::fgets(line, sizeof line, pipe)) {
    std::string text(line);
    while (!text.empty() && (text.back() == '\n' || text.back() == '\r')) text.pop_back();
    const auto a = text.find('|'), b = text.find('|', a + 1), c = text.find('|', b + 1);
    if (c == std::string::npos) continue;
    BaselineRow row;
    row.count = text.substr(b + 1, c - b - 1).empty() ? 0 : std::stoll(text.substr(b + 1, c - b - 1));
    if (c + 1 < text.size()) row.denominator = std::stoll(text.substr(c + 1));
    out[text.substr(0, b)] = row;
  }
  if (pclose(pipe) != 0) {
    std::fprintf(stderr, "sqlite3 failed on %s\n", script.c_str());
    std::exit(1);
  }
  return out;
}

// Every row the two agree should hold: frontdoor's non-zero rows (and every rate) against the
// baseline's, and the baseline's against frontdoor's. Prints each difference; returns how many.
int Compare(const std::vector<performance::Figure>& figures, const BaselineFigures& baseline) {
  int differences = 0, agreed = 0;
  std::set<std::string> seen;
  for (const auto& f : figures) {
    for (const auto& r : f.rows) {
      const std::string key = f.id + "|" + r.key;
      if (r.count == 0 && !r.IsRate()) continue;
      seen.insert(key);
      const auto it = baseline.find(key);
      const BaselineRow theirs = it == baseline.end() ? BaselineRow{} : it->second;
      const bool same = theirs.count == r.count && (!r.IsRate() || theirs.denominator == r.denominator);
      if (same) {
        ++agreed;
        continue;
      }
      ++differences;
      std::fprintf(stderr, "  differs: %s frontdoor %lld/%lld, sqlite3 %lld/%lld\n", key.c_str(),
                   static_cast<long long>(r.count), static_cast<long long>(r.denominator.value_or(-1)),
                   static_cast<long long>(theirs.count), static_cast<long long>(theirs.denominator.value_or(-1)));
    }
  }
  for (const auto& [key, row] : baseline)
    if (row.count != 0 && !seen.count(key)) {
      ++differences;
      std::fprintf(stderr, "  only sqlite3 has: %s = %lld\n", key.c_str(), static_cast<long long>(row.count));
    }
  std::fprintf(stderr, "  %d rows agree, %d differ\n", agreed, differences);
  return differences;
}

Options Parse(int argc, char** argv) {
  Options o;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i], value = argv[i + 1];
    if (flag == "--database")
      o.database = value;
    else if (flag == "--contacts")
      o.contacts = std::stoll(value);
    else if (flag == "--years")
      o.years = std::stoi(value);
    else if (flag == "--runs")
      o.runs = std::stoi(value);
    else if (flag == "--seed")
      o.seed = std::stoull(value);
    else if (flag == "--templates")
      o.templates = value;
    else if (flag == "--static")
      o.static_dir = value;
    else if (flag == "--only")
      o.only = value;
  }
  if (o.database.empty()) {
    std::fprintf(stderr,
                 "usage: dashboard_bench --database FILE [--contacts N] [--years N] [--runs N] [--seed N]\n");
    std::exit(2);
  }
  return o;
}

}  // namespace

int main(int argc, char** argv) {
  const Options o = Parse(argc, argv);
  const bool fresh = !std::filesystem::exists(o.database);
  store::SqliteStore s(o.database);
  store::Migrate(s);
  if (fresh || CountContacts(s) == 0) {
    const auto t0 = Clock::now();
    Generate(s, o);
    std::fprintf(stderr, "generated in %.0f s\n", std::chrono::duration<double>(Clock::now() - t0).count());
  }
  const std::int64_t contacts = CountContacts(s);
  std::int64_t referrals = 0;
  {
    auto tx = s.Begin(store::TransactionMode::kRead);
    referrals = tx->Query("SELECT COUNT(*) FROM referrals").at(0).Int(0);
  }

  app::FixedClock clock(kAsOf);
  const auto procedures = policy::Procedures::Load(FD_SOURCE_DIR "/policies/hertfordshire").value();
  app::AppContext ctx{s, clock, *procedures, "Europe/London"};
  app::Actor manager;
  {
    auto tx = s.Begin(store::TransactionMode::kRead);
    manager = {tx->Query("SELECT id FROM users WHERE username = 'bench_manager'").at(0).Int(0),
               "bench_manager", "Bench Manager", Role::kTeamManager, std::nullopt};
  }
  const app::DashboardQuery month{}, team_month{"", "", "1"};
  const app::DashboardQuery year{"2025-10-01", "2026-09-30", ""};
  std::int64_t in_month = 0;
  app::Dashboard last;
  auto use_case = [&](const app::DashboardQuery& q) {
    auto d = app::GetDashboard(ctx, manager, q);
    if (!d) {
      std::fprintf(stderr, "dashboard refused: %s\n", d.error().message.c_str());
      std::exit(1);
    }
    in_month = d->figures.front().total;
    last = std::move(*d);
  };
  // The sqlite3 tool's time for the same figures, after checking that it gives the same numbers.
  int differences = 0;
  auto baseline = [&](const app::DashboardQuery& q, const char* what) {
    use_case(q);
    const store::PerformanceScope scope{last.scope.period.start, last.scope.period.end, last.scope.team_id};
    std::fprintf(stderr, "sqlite3 against frontdoor, %s:\n", what);
    differences += Compare(last.figures, RunSqlite3(o.database, scope, kAsOf));
    return Time(o.runs, [&] { (void)RunSqlite3(o.database, scope, kAsOf); });
  };
  const Timing t_month = Time(o.runs, [&] { use_case(month); });
  const std::int64_t month_contacts = in_month;
  const Timing t_team = Time(o.runs, [&] { use_case(team_month); });
  // Twelve months with no month kept (each run forgets them first, then counts and keeps all twelve),
  // and as a manager meets it after the first view: twelve kept months and the days after them.
  const auto forget_kept_months = [&] {
    auto tx = s.Begin(store::TransactionMode::kWrite);
    tx->Execute("DELETE FROM performance_months");
    tx->Commit();
  };
  const Timing t_year_cold = Time(std::max(1, o.runs / 2), [&] {
    forget_kept_months();
    use_case(year);
  });
  const Timing t_year = Time(o.runs, [&] { use_case(year); });
  const std::int64_t year_contacts = in_month;
  const bool everything = o.only != "figures";
  const Timing b_month = everything ? baseline(month, "last month, all teams") : Timing{};
  const Timing b_team = everything ? baseline(team_month, "last month, one team") : Timing{};
  const Timing b_year = everything ? baseline(year, "twelve months, all teams") : Timing{};

  // The statutory returns: Annex A lists for twelve months, and the census year ending in the last
  // complete March.
  std::int64_t return_rows = 0;
  auto annex_a = [&](const char* list, app::ReturnFormat format) {
    const auto request =
        app::ParseAnnexARequest(list, "2025-10-01", "2026-09-30", format == app::ReturnFormat::kCsv ? "csv" : "xlsx")
            .value();
    if (!everything) return Timing{};
    return Time(std::max(1, o.runs / 2), [&] {
      auto file = app::ProduceAnnexA(ctx, manager, request);
      if (!file) {
        std::fprintf(stderr, "Annex A refused: %s\n", file.error().message.c_str());
        std::exit(1);
      }
      return_rows = file->rows;
    });
  };
  const Timing t_list1 = annex_a("1", app::ReturnFormat::kCsv);
  const std::int64_t list1_rows = return_rows;
  const Timing t_list2 = annex_a("2", app::ReturnFormat::kCsv);
  const Timing t_list3 = annex_a("3", app::ReturnFormat::kCsv);
  const std::int64_t list3_rows = return_rows;
  const Timing t_all_xlsx = annex_a("all", app::ReturnFormat::kXlsx);
  std::int64_t census_referrals = 0;
  const Timing t_census = !everything ? Timing{} : Time(std::max(1, o.runs / 2), [&] {
    auto census = app::ProduceCinCensus(ctx, manager, returns::CensusYearOf(2026), true);
    if (!census) {
      std::fprintf(stderr, "census refused: %s\n", census.error().message.c_str());
      std::exit(1);
    }
    census_referrals = census->referrals;
  });

  const Timing t_records = !everything ? Timing{} : Time(o.runs, [&] {
    app::DashboardRecordsQuery q;
    q.figure = "decisions-in-time";
    q.breakdown = "all";
    q.counted = false;
    if (!app::GetDashboardRecords(ctx, manager, q)) std::exit(1);
  });

  // Where the twelve months' time goes: the reads, and the counting.
  const store::PerformanceScope year_scope{*ParseUtc("2025-09-30T23:00:00Z"),
                                           *ParseUtc("2026-09-30T23:00:00Z"), std::nullopt};
  performance::Facts facts;
  const Timing t_contacts = Time(o.runs, [&] {
    auto tx = s.Begin(store::TransactionMode::kRead);
    facts.contacts = store::ContactFacts(*tx, year_scope);
  });
  const Timing t_referrals = Time(o.runs, [&] {
    auto tx = s.Begin(store::TransactionMode::kRead);
    auto read = store::ReferralFactsSince(*tx, year_scope, year_scope.start - days{368});
    facts.referrals = std::move(read.referrals);
    facts.earlier_referrals = std::move(read.earlier_referrals);
  });
  const Timing t_deadlines = Time(o.runs, [&] {
    auto tx = s.Begin(store::TransactionMode::kRead);
    facts.consultations = store::ConsultationFacts(*tx, year_scope);
    facts.deadlines = store::DeadlineCounts(*tx, year_scope, kAsOf);
  });
  const performance::Period year_period{std::chrono::year{2025} / 10 / 1, std::chrono::year{2026} / 9 / 30,
                                        year_scope.start, year_scope.end};
  const Timing t_count = Time(o.runs, [&] {
    const BenchCalendar bench_calendar(*procedures, std::chrono::year{2024} / 9 / 26, std::chrono::year{2026} / 10 / 14);
    (void)performance::Compute(year_period, kAsOf, facts, performance::Labels{}, bench_calendar);
  });

  // The page itself, over HTTP, signed in as a manager: what a person waits for.
  Timing t_page, t_page_year;
  if (everything) {
    service::ServiceOptions options;
    options.server.port = 0;
    options.server.io_threads = 1;
    options.server.handler_threads = 2;
    options.templates_dir = o.templates;
    options.static_dir = o.static_dir;
    service::Service service(ctx, options);
    service.Start();
    testing::HttpClient client(service.port());
    if (client.SignIn("bench_manager", kPassword).status != 201) {
      std::fprintf(stderr, "sign-in failed\n");
      return 1;
    }
    int status = 0;
    t_page = Time(o.runs, [&] { status = client.Get("/dashboard").status; });
    t_page_year = Time(o.runs, [&] {
      if (const int year_status = client.Get("/dashboard?from=2025-10-01&to=2026-09-30").status; year_status != 200)
        status = year_status;
    });
    service.Stop();
    if (status != 200) {
      std::fprintf(stderr, "the page answered %d\n", status);
      return 1;
    }
  }

  std::printf("contacts in the store: %lld, referrals %lld (last month: %lld contacts, twelve months: %lld)\n",
              static_cast<long long>(contacts), static_cast<long long>(referrals), static_cast<long long>(month_contacts),
              static_cast<long long>(year_contacts));
  std::printf("%-46s %10s %10s %10s\n", "", "median ms", "max ms", "CPU ms");
  for (auto [what, t] : {std::pair{"dashboard use case, last month, all teams", t_month},
                         std::pair{"dashboard use case, last month, one team", t_team},
                         std::pair{"dashboard use case, twelve months, all teams", t_year},
                         std::pair{"  twelve months, no month kept yet", t_year_cold},
                         std::pair{"records behind a figure (late decisions)", t_records},
                         std::pair{"/dashboard page over HTTP, last month", t_page},
                         std::pair{"/dashboard page over HTTP, twelve months", t_page_year},
                         std::pair{"  twelve months: read contacts", t_contacts},
                         std::pair{"  twelve months: read referrals and before", t_referrals},
                         std::pair{"  twelve months: consultations, deadlines", t_deadlines},
                         std::pair{"  twelve months: count (domain)", t_count},
                         std::pair{"sqlite3 tool, last month, all teams", b_month},
                         std::pair{"sqlite3 tool, last month, one team", b_team},
                         std::pair{"sqlite3 tool, twelve months, all teams", b_year},
                         std::pair{"Annex A list 1 (CSV), twelve months", t_list1},
                         std::pair{"Annex A list 2 (CSV), twelve months", t_list2},
                         std::pair{"Annex A list 3 (CSV), twelve months", t_list3},
                         std::pair{"Annex A lists 1-3 (XLSX), twelve months", t_all_xlsx},
                         std::pair{"CIN census 2026 (XML, validated)", t_census}})
    if (t.max_ms > 0) std::printf("%-46s %10.1f %10.1f %10.1f\n", what, t.median_ms, t.max_ms, t.cpu_median_ms);
  std::printf("ratio sqlite3 / frontdoor (medians): last month %.2f, one team %.2f, twelve months %.2f "
              "(CPU: %.2f, %.2f, %.2f)\n",
              b_month.median_ms / t_month.median_ms, b_team.median_ms / t_team.median_ms,
              b_year.median_ms / t_year.median_ms, b_month.cpu_median_ms / t_month.cpu_median_ms,
              b_team.cpu_median_ms / t_team.cpu_median_ms, b_year.cpu_median_ms / t_year.cpu_median_ms);
  std::printf("returns: list 1 %lld rows, list 3 %lld rows; census %lld referrals\n",
              static_cast<long long>(list1_rows), static_cast<long long>(list3_rows),
              static_cast<long long>(census_referrals));
  std::printf("figures: %s\n", differences == 0 ? "sqlite3 and frontdoor agree on every row"
                                                 : "sqlite3 and frontdoor DIFFER (see above)");
  return differences == 0 ? 0 : 1;
}
