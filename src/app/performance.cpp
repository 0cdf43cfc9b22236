#include "app/report_period.h"
#include "app/performance.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>
#include <map>
#include <tuple>

#include "app/pack_days.h"
#include "app/performance_months.h"
#include "app/permissions.h"
#include "app/record_links.h"
#include "calendar/local_time.h"
#include "calendar/working_calendar.h"
#include "domain/contact.h"
#include "domain/contact_workflow.h"
#include "domain/deadline.h"
#include "store/performance_records.h"

namespace fd::app {
namespace {

using std::chrono::days;
using std::chrono::sys_days;

// The domain's working calendar, answered from the packs: each instant by the pack in force then
// (its bank holidays and office hours, CRU-5), in the authority's zone. Tables of the days a period's
// figures can ask about (the period, the year before it for re-referrals, and a fortnight after it
// for due times) are built once, so judging a year's contacts is a few array reads each.
class PackCalendar final : public performance::Calendar {
 public:
  PackCalendar(const AppContext& ctx, const performance::Period& period)
      : days_(ctx.procedures, performance::Date{sys_days{period.from} - days{kLookBackDays}},
              performance::Date{sys_days{period.to} + days{14}}) {}
  performance::Date LocalDateOf(Instant at) const override { return days_.LocalDate(at); }
  Instant OneWorkingDayAfter(Instant from) const override { return days_.DueInWorkingDays(1, from); }

 private:
  static constexpr int kLookBackDays = 370;  // the 12 months before the period's first referral, and more
  PackDays days_;
};

const char* RouteWords(const std::string& route) {
  if (route == "red") return "Advised a red (child protection) referral";
  if (route == "green") return "Advised a green request for a service";
  if (route == "other") return "Other advice";
  return nullptr;
}

// The pack's words for its ids: the version in force now first, then any id only older versions
// had (a record keeps the id of the pack it was made under).
performance::Labels LabelsOf(const AppContext& ctx, Instant now) {
  performance::Labels labels;
  for (ReferrerType t : AllReferrerTypes())
    labels.referrer_types.push_back({std::string(ReferrerTypeId(t)), std::string(ReferrerTypeTitle(t))});
  std::vector<const policy::PolicyPack*> packs = {&ctx.procedures.PackAt(now)};
  for (const auto& v : ctx.procedures.versions())
    if (&v != packs.front()) packs.push_back(&v);
  auto add = [](std::vector<performance::Label>& list, const std::string& id, const std::string& label) {
    if (std::none_of(list.begin(), list.end(), [&](const performance::Label& l) { return l.id == id; }))
      list.push_back({id, label});
  };
  std::vector<const policy::TimescaleRule*> timescales;
  for (const auto* pack : packs) {
    for (const auto& o : pack->outcomes) add(labels.outcomes, o.id, o.label);
    for (const auto& t : pack->consultation_types) {
      add(labels.consultation_types, t.id, t.name);
      for (const auto& r : t.advice_routes) add(labels.advice_routes, r, RouteWords(r) ? RouteWords(r) : r);
    }
    for (const auto& [id, rule] : pack->timescales)
      if (std::none_of(timescales.begin(), timescales.end(), [&](const auto* t) { return t->id == id; }))
        timescales.push_back(&rule);
  }
  // Deadlines by rule: in the order of the rule ids.
  std::stable_sort(timescales.begin(), timescales.end(), [](const auto* a, const auto* b) {
    return std::tie(a->rule, a->id) < std::tie(b->rule, b->id);
  });
  for (const auto* t : timescales)
    labels.timescales.push_back(
        {t->id, fmt::format("{}: {}", t->rule, t->description.empty() ? t->id : t->description)});
  return labels;
}

std::string LabelIn(const std::vector<performance::Label>& labels, const std::string& id) {
  for (const auto& l : labels)
    if (l.id == id) return l.label;
  return id;
}

performance::Date FirstOfMonth(performance::Date d) {
  return performance::Date{d.year(), d.month(), std::chrono::day{1}};
}

Result<DashboardScope> ResolveScope(const AppContext& ctx, store::Transaction& tx,
                                    const DashboardQuery& query, Instant now) {
  DashboardScope scope;
  scope.as_of = now;
  performance::Date from, to;
  if (query.from.empty() && query.to.empty()) {
    // The last complete month.
    const auto this_month = FirstOfMonth(calendar::LocalDate(now, ctx.time_zone));
    to = performance::Date{sys_days{this_month} - days{1}};
    from = FirstOfMonth(to);
  } else {
    // The same names, limits and words as Annex A's period (app/report_period.h): a link that
    // works on one works on the other.
    auto dates = ParseReportDates(query.from, query.to);
    if (!dates) return std::unexpected(dates.error());
    if (auto ended = CheckReportPeriodEnded(dates->to, calendar::LocalDate(now, ctx.time_zone)); !ended)
      return std::unexpected(ended.error());
    from = dates->from;
    to = dates->to;
  }
  scope.period = LocalPeriod(ctx, from, to, now);
  scope.team_name = "All teams";
  if (!query.team.empty()) {
    std::int64_t id = 0;
    const auto [end, ec] = std::from_chars(query.team.data(), query.team.data() + query.team.size(), id);
    std::optional<std::string> name;
    if (ec == std::errc{} && end == query.team.data() + query.team.size() && id > 0)
      for (const auto& t : store::Teams(tx))
        if (t.id == id) name = t.name;
    if (!name)
      return std::unexpected(Error::InvalidField("team", "Choose a team from the list, or all teams"));
    scope.team_id = id;
    scope.team_name = *name;
  }
  return scope;
}

// From about a quarter up, a period's referrals and the year before them are read in one pass.
constexpr int kOnePassDays = 92;

store::PerformanceScope StoreScope(const DashboardScope& scope) {
  return {scope.period.start, scope.period.end, scope.team_id};
}

performance::Facts ReadFacts(store::Transaction& tx, const DashboardScope& scope,
                             std::optional<Instant>* earliest_open_until = nullptr) {
  const auto s = StoreScope(scope);
  performance::Facts facts;
  facts.contacts = store::ContactFacts(tx, s);
  // Enough to reach the same date a year before the period's first day, whatever the clocks did;
  // the domain keeps exactly the 12 months before each referral. A long period's referrals and
  // those before them are read in one pass over the contacts since then; a short period's earlier
  // referrals are found child by child (docs/dashboard.md "Speed"). Both read the same rows.
  const Instant since = s.start - days{368};
  if ((sys_days{scope.period.to} - sys_days{scope.period.from}).count() >= kOnePassDays) {
    auto referrals = store::ReferralFactsSince(tx, s, since);
    facts.referrals = std::move(referrals.referrals);
    facts.earlier_referrals = std::move(referrals.earlier_referrals);
  } else {
    facts.referrals = store::ReferralFacts(tx, s);
    if (!facts.referrals.empty()) facts.earlier_referrals = store::EarlierReferralFacts(tx, s, since);
  }
  facts.consultations = store::ConsultationFacts(tx, s);
  facts.deadlines = store::DeadlineCounts(tx, s, scope.as_of, earliest_open_until);
  return facts;
}

std::string ContactStateWords(const std::string& state) {
  if (auto s = ContactStateFromId(state)) return std::string(ContactStateTitle(*s));
  return state;
}

std::string ConsultationStateWords(const std::string& status) {
  if (status == "queued") return "Waiting for the call-back";
  if (status == "completed") return "Advice recorded";
  return status;
}

std::string ChairStateWords(const std::string& status) {
  if (status == "requested") return "Requested";
  if (status == "allocated") return "Allocated to a chair";
  if (status == "arranged") return "Arranged";
  if (status == "recorded") return "Recorded";
  return status;
}

std::string DeadlineStateWords(const std::string& state) {
  if (state == "open") return "Open, not yet due";
  if (state == "met-on-time") return "Met on time";
  if (state == "met-late") return "Met late";
  if (state == "breached") return "Breached";
  return state;
}

// The record's own reference, state, names and outcome, in words. A consultation's number is
// quoted by the consultee to the front door (FDS-9): it is shown only to those who give advice.
DashboardRecord Describe(store::Transaction& tx, const Actor& actor, const performance::Labels& labels,
                         const std::string& record_type, std::int64_t id) {
  DashboardRecord out;
  out.record_type = record_type;
  out.id = id;
  out.link = RecordLinkFor(tx, actor, record_type, id);
  std::optional<store::RecordSummary> s;
  if (record_type == "contact") s = store::ContactSummary(tx, id);
  if (record_type == "consultation") s = store::ConsultationSummary(tx, id);
  if (record_type == "chair-consultation") s = store::ChairConsultationSummary(tx, id);
  if (!s) return out;
  out.reference = s->reference;
  out.at = s->at;
  // A figure's records name their children only to a reader who may open them: an analyst counts
  // and checks by reference, and reads no child's record (docs/security.md "Roles").
  if (!out.link.empty()) out.children = s->children;
  if (record_type == "contact") {
    out.state = ContactStateWords(s->state);
    if (!s->outcome.empty()) out.outcome = LabelIn(labels.outcomes, s->outcome);
  } else if (record_type == "consultation") {
    if (!IsAllowed(actor.role, Action::kAdviseConsultation))
      out.reference = fmt::format("Consultation {}", id);
    out.state = ConsultationStateWords(s->state);
    if (!s->outcome.empty()) out.outcome = LabelIn(labels.advice_routes, s->outcome);
  } else {
    out.state = ChairStateWords(s->state);
  }
  return out;
}

// What else explains a contact's place in a figure.
std::string DetailOf(const AppContext& ctx, std::string_view figure, const performance::RecordRef& ref,
                     const std::map<std::int64_t, const performance::ContactFact*>& contacts,
                     const performance::Calendar& calendar, store::Transaction& tx) {
  const auto when = [&](Instant at) { return calendar::FormatLocalForPeople(at, ctx.time_zone); };
  if (figure == performance::kDecisionsInTime || figure == performance::kAcknowledgementsInTime) {
    const auto it = contacts.find(ref.id);
    if (it == contacts.end()) return "";
    const bool decision = figure == performance::kDecisionsInTime;
    const auto done = decision ? it->second->decided_at : it->second->acknowledged_at;
    const std::string due = "Due " + when(calendar.OneWorkingDayAfter(it->second->received_at));
    if (!done) return due + (decision ? "; not decided yet" : "; not acknowledged yet");
    return due + (decision ? "; decided " : "; acknowledged ") + when(*done);
  }
  if (figure == performance::kReReferrals && ref.earlier_contact_id) {
    if (auto earlier = store::ContactSummary(tx, *ref.earlier_contact_id))
      return fmt::format("Earlier referral from contact {}, received {}", earlier->reference,
                         when(earlier->at));
  }
  return "";
}

Result<int> Bounded(int value, int low, int high, const char* field, const char* message) {
  if (value < low || value > high) return std::unexpected(Error::InvalidField(field, message));
  return value;
}

}  // namespace

namespace {

// Every figure of the scope, from its kept months and its records (app/performance_months.h).
std::vector<performance::Figure> FiguresOf(AppContext& ctx, const DashboardScope& scope) {
  const Instant now = scope.as_of;
  const performance::Labels labels = LabelsOf(ctx, now);
  // A stretch of the period counted from its records (a month to keep, or the days outside
  // complete months).
  const auto count = [&](store::Transaction& in, const performance::Period& stretch,
                         std::optional<Instant>* next_change) {
    DashboardScope part = scope;
    part.period = stretch;
    const PackCalendar calendar(ctx, stretch);
    std::optional<Instant> open_until;
    const performance::Facts facts = ReadFacts(in, part, &open_until);
    auto figures = performance::Compute(stretch, now, facts, labels, calendar);
    if (next_change) {
      *next_change = performance::NextChange(now, facts, calendar);
      // An open deadline is breached the second after it stops being in time (domain BreachedAt).
      if (open_until && (!*next_change || *open_until + std::chrono::seconds{1} < **next_change))
        *next_change = *open_until + std::chrono::seconds{1};
    }
    return figures;
  };
  return FiguresWithKeptMonths(
      ctx, scope, performance::Compute(scope.period, now, {}, labels, PackCalendar(ctx, scope.period)), count);
}

}  // namespace

Result<Dashboard> GetDashboard(AppContext& ctx, const Actor& actor, const DashboardQuery& query) {
  if (auto allowed = Authorise(actor, Action::kViewPerformance); !allowed)
    return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto scope = ResolveScope(ctx, *tx, query, now);
  if (!scope) return std::unexpected(scope.error());
  Dashboard out;
  out.scope = *scope;
  for (const auto& t : store::Teams(*tx)) out.teams.push_back({t.id, t.name});
  tx.reset();
  out.figures = FiguresOf(ctx, *scope);
  return out;
}

int KeepRecentDashboardMonths(AppContext& ctx) {
  const Instant now = ctx.clock.Now();
  const auto this_month = FirstOfMonth(calendar::LocalDate(now, ctx.time_zone));
  const performance::Date to{sys_days{this_month} - days{1}};
  const performance::Date from{(std::chrono::year_month{to.year(), to.month()} - std::chrono::months{11}) /
                               std::chrono::day{1}};
  std::vector<std::optional<std::int64_t>> teams = {std::nullopt};
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    for (const auto& t : store::Teams(*tx)) teams.push_back(t.id);
  }
  for (const auto& team : teams) {
    DashboardScope scope;
    scope.period = LocalPeriod(ctx, from, to, now);
    scope.team_id = team;
    scope.as_of = now;
    (void)FiguresOf(ctx, scope);
  }
  return static_cast<int>(teams.size());
}

Result<std::vector<DashboardTeam>> ListDashboardTeams(AppContext& ctx, const Actor& actor) {
  if (auto allowed = Authorise(actor, Action::kViewPerformance); !allowed)
    return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  std::vector<DashboardTeam> out;
  for (const auto& t : store::Teams(*tx)) out.push_back({t.id, t.name});
  return out;
}

Result<DashboardRecords> GetDashboardRecords(AppContext& ctx, const Actor& actor,
                                             const DashboardRecordsQuery& query) {
  if (auto allowed = Authorise(actor, Action::kViewPerformance); !allowed)
    return std::unexpected(allowed.error());
  if (!performance::IsFigure(query.figure))
    return std::unexpected(Error::InvalidField("figure", "Choose one of the dashboard's figures"));
  auto page = Bounded(query.page, 1, 1'000'000, "page", "The page must be a whole number from 1");
  if (!page) return std::unexpected(page.error());
  auto size = Bounded(query.page_size, 1, 200, "page_size", "The page size must be a whole number from 1 to 200");
  if (!size) return std::unexpected(size.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto scope = ResolveScope(ctx, *tx, query.period, now);
  if (!scope) return std::unexpected(scope.error());
  const PackCalendar calendar(ctx, scope->period);
  const performance::Labels labels = LabelsOf(ctx, now);
  const performance::Facts facts = ReadFacts(*tx, *scope);
  const auto figures = performance::Compute(scope->period, now, facts, labels, calendar);
  const auto figure =
      std::find_if(figures.begin(), figures.end(), [&](const auto& f) { return f.id == query.figure; });

  DashboardRecords out;
  out.scope = *scope;
  out.figure = figure->id;
  out.figure_title = figure->title;
  out.breakdown = query.breakdown;
  out.page = *page;
  out.page_size = *size;
  if (!query.breakdown.empty()) {
    const performance::Row* row = figure->Find(query.breakdown);
    if (!row)
      return std::unexpected(Error::InvalidField("breakdown", "That is not one of the figure's rows"));
    out.breakdown_label = row->label;
  }
  const std::size_t first = static_cast<std::size_t>(*page - 1) * static_cast<std::size_t>(*size);

  if (query.figure == performance::kDeadlines) {
    std::string timescale, state;
    if (const auto colon = query.breakdown.find(':'); colon != std::string::npos) {
      timescale = query.breakdown.substr(0, colon);
      state = query.breakdown.substr(colon + 1);
    }
    const auto deadlines = store::DeadlineRecords(*tx, StoreScope(*scope), now, timescale, state);
    out.total = static_cast<std::int64_t>(deadlines.size());
    for (std::size_t i = first; i < deadlines.size() && i < first + static_cast<std::size_t>(*size); ++i) {
      const auto& d = deadlines[i];
      DashboardRecord r = Describe(*tx, actor, labels, d.record_type, d.record_id);
      if (r.reference.empty()) r.reference = d.record_reference;
      r.at = d.starts_at;
      r.state = DeadlineStateWords(d.state);
      r.outcome = LabelIn(labels.timescales, d.timescale);
      r.breakdown = fmt::format("{}:{}", d.timescale, d.state);
      r.detail =
          "Due " + calendar::FormatLocalForPeople(d.due_at, ctx.time_zone) +
          (d.met_at ? "; met " + calendar::FormatLocalForPeople(*d.met_at, ctx.time_zone) : std::string()) +
          (d.counted_without_bank_holidays ? ". " + BankHolidaysUnknownNote(d.bank_holidays_known_until) : std::string());
      out.items.push_back(std::move(r));
    }
    return out;
  }

  auto refs = performance::RecordsOf(query.figure, query.breakdown, now, facts, calendar);
  if (query.counted)
    std::erase_if(refs, [&](const performance::RecordRef& r) { return r.counted != query.counted; });
  out.total = static_cast<std::int64_t>(refs.size());
  std::map<std::int64_t, const performance::ContactFact*> contacts;
  for (const auto& c : facts.contacts) contacts[c.id] = &c;
  for (std::size_t i = first; i < refs.size() && i < first + static_cast<std::size_t>(*size); ++i) {
    const auto& ref = refs[i];
    DashboardRecord r = Describe(*tx, actor, labels, ref.record_type, ref.id);
    r.at = ref.at;
    r.breakdown = ref.key;
    r.counted = ref.counted;
    r.detail = DetailOf(ctx, query.figure, ref, contacts, calendar, *tx);
    out.items.push_back(std::move(r));
  }
  return out;
}

}  // namespace fd::app
