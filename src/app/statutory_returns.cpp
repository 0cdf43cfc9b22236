#include "app/report_period.h"
#include "app/statutory_returns.h"

#include <algorithm>
#include <cctype>
#include <map>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/disclosures.h"
#include "app/pack_days.h"
#include "app/permissions.h"
#include "app/return_child_ids.h"
#include "app/return_contact_entry.h"
#include "app/xlsx_workbook.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/csv.h"
#include "domain/return_codes.h"
#include "domain/text.h"
#include "store/report_records.h"

#ifndef FD_RELEASE
#define FD_RELEASE "0"
#endif

namespace fd::app {
namespace {

using nlohmann::json;
using returns::Date;
using std::chrono::days;
using std::chrono::local_days;
using std::chrono::sys_days;

constexpr const char* kCsvType = "text/csv; charset=utf-8";
constexpr const char* kXlsxType = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
constexpr const char* kXmlType = "application/xml";

std::string Iso(Date d) { return FormatIsoDate(d); }

// Local midnight at the start of `day` in the authority's zone (CAL-1), as the UTC text the store
// compares with. Midnight always exists in Europe/London (the clocks change at 01:00 and 02:00);
// a zone where it does not falls back to the UTC midnight.
std::string StartOfLocalDay(const AppContext& ctx, Date day) {
  const auto& calendar = ctx.procedures.CalendarAt(Instant(sys_days(day)));
  auto at = calendar.FromLocal(calendar::LocalTime(local_days(day)));
  return FormatUtc(at ? *at : Instant(sys_days(day)));
}

// The [returns] codes of a pack: the one in force when a contact was received (CRU-5).
Result<const returns::ReturnCodes*> CodesOf(const policy::PolicyPack& pack) {
  if (!pack.returns)
    return std::unexpected(Error::Invalid(
        {}, fmt::format("The policy pack {} {} has no [returns] table, so its codes for the returns are not known: "
                        "add one (docs/policy-packs.md \"[returns]\")",
                        pack.authority, pack.version)));
  return &*pack.returns;
}

Result<const returns::ReturnCodes*> CodesAt(const AppContext& ctx, Instant at) {
  return CodesOf(ctx.procedures.PackAt(at));
}

using People = ReturnPeople;

std::optional<Date> DateOf(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  return ParseIsoDate(*text);
}

returns::ReturnChild ChildOf(const store::ReturnContactChild& c, const ReturnChildId& known) {
  const store::ReturnPerson* person = known.person;
  returns::ReturnChild child;
  child.id = known.id;
  child.gender = GenderFromId(c.gender).value_or(Gender::kNotKnown);
  child.date_of_birth = DateOf(c.date_of_birth);
  child.expected_date = DateOf(c.expected_date);
  // What the contact did not record, the register may know.
  if (person) {
    if (child.gender == Gender::kNotKnown) child.gender = GenderFromId(person->gender).value_or(Gender::kNotKnown);
    if (!child.date_of_birth && !child.expected_date) {
      child.date_of_birth = DateOf(person->date_of_birth);
      child.expected_date = DateOf(person->expected_date);
    }
  }
  if (child.date_of_birth) child.expected_date.reset();  // born: the expected date no longer applies
  return child;
}

returns::ReturnChild ChildOf(const store::ReturnPerson& person) {
  returns::ReturnChild child;
  child.id = returns::RegisterChildId(person.id);
  child.gender = GenderFromId(person.gender).value_or(Gender::kNotKnown);
  child.date_of_birth = DateOf(person.date_of_birth);
  if (!child.date_of_birth) child.expected_date = DateOf(person.expected_date);
  return child;
}

Result<std::vector<returns::ContactEntry>> ContactEntries(const PackDays& packs, store::Transaction& tx,
                                                          People& people, const std::string& start,
                                                          const std::string& end) {
  std::vector<returns::ContactEntry> out;
  ReturnChildIds ids(tx, people, start, end);
  for (const auto& c : store::SubjectChildrenReceived(tx, start, end)) {
    auto e = ContactEntryOf(packs, c, ids.Of(c));
    if (!e) return std::unexpected(e.error());
    out.push_back(std::move(*e));
  }
  return out;
}

// The census referrals of the contacts received in [start, end): each authorised decision whose
// outcome the pack counts as a referral, once for each child it covers.
Result<std::vector<returns::ReferralEntry>> ReferralEntries(const PackDays& packs, store::Transaction& tx,
                                                            People& people, const std::string& start,
                                                            const std::string& end) {
  // The decisions the census counts first (about a third of them), so that only their contacts'
  // children are kept: two years of a large county's children would otherwise all be held.
  struct Counted {
    store::ReturnDecision decision;
    Instant received;
    const returns::ReturnCodes* codes;
    const returns::OutcomeReturnCodes* mapped;
  };
  std::vector<Counted> counted;
  std::set<std::int64_t> contacts;
  for (auto& d : store::AuthorisedDecisionsOfContactsReceived(tx, start, end)) {
    const Instant received = ParseUtc(d.received_at).value_or(Instant{});
    auto codes = CodesOf(packs.PackAt(received));
    if (!codes) return std::unexpected(codes.error());
    const auto mapped = (*codes)->outcomes.find(d.outcome);
    if (mapped == (*codes)->outcomes.end() || mapped->second.referral == returns::CensusReferral::kNone) continue;
    contacts.insert(d.contact_id);
    counted.push_back({std::move(d), received, *codes, &mapped->second});
  }
  std::map<std::pair<std::int64_t, int>, store::ReturnContactChild> children;
  const auto counted_contact = [&](std::int64_t id) { return contacts.contains(id); };
  for (auto& c : store::SubjectChildrenReceived(tx, start, end, counted_contact))
    children.emplace(std::pair(c.contact_id, c.position), std::move(c));
  std::vector<returns::ReferralEntry> out;
  ReturnChildIds ids(tx, people, start, end);
  for (const auto& [d, received, codes, mapped] : counted) {
    const bool nfa = mapped->referral == returns::CensusReferral::kNoFurtherAction;
    const json positions = json::parse(d.children, nullptr, false);
    if (!positions.is_array()) continue;
    for (const auto& p : positions) {
      if (!p.is_number_integer()) continue;
      const auto child = children.find(std::pair(d.contact_id, p.get<int>()));
      if (child == children.end()) continue;  // a harming child is never decided on (HCR-3)
      returns::ReferralEntry e;
      e.child = ChildOf(child->second, ids.Of(child->second));
      e.referred_on = packs.LocalDate(received);
      e.source_code = returns::ReferralSourceCode(*codes, d.referrer_type, d.referrer_anonymous);
      e.nfa = nfa;
      // The need the worker recorded with the decision; else the one the outcome itself says (a
      // Section 47 is N1 in every pack), else none, which rule 8610 lists.
      e.primary_need = d.primary_need.empty() ? mapped->primary_need : d.primary_need;
      // The team queue the referral went to; the register may name the team and worker it was
      // allocated to (AllocateFromRegister).
      e.team = nfa ? std::string() : d.referral_team.value_or("");
      e.referral_reference = d.referral_reference.value_or("");
      e.contact_reference = d.contact_reference;
      e.contact_id = d.contact_id;
      out.push_back(std::move(e));
    }
  }
  return out;
}

std::string Upper(std::string text) {
  for (auto& c : text) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return text;
}

// List 3's Allocated Team and Worker: the team and worker the referral was allocated to, as the
// register's referral involvement of the child records them: the one recorded with the referral's
// or its contact's reference, else the only one that started on the referral date. Not the child's
// worker now from any involvement (an early help worker is not the referral's). Without one, the
// team stays the queue the referral went to and the worker is blank.
void AllocateFromRegister(store::Transaction& tx, People& people, std::vector<returns::ReferralEntry>& entries,
                          Date from) {
  // Open at any time from the period's start: a referral received on its last day is allocated,
  // and recorded on the register, after it.
  std::map<std::string, std::vector<store::ReturnInvolvement>> by_child;
  for (auto& i : store::InvolvementsOpenBetween(tx, "referral", Iso(from), "9999-12-31"))
    if (const store::ReturnPerson* person = people.Find(i.person_id))
      by_child[returns::RegisterChildId(person->id)].push_back(std::move(i));
  for (auto& e : entries) {
    if (e.nfa) continue;  // closed with no further action: allocated to no one
    const auto held = by_child.find(e.child.id);
    if (held == by_child.end()) continue;
    const store::ReturnInvolvement* found = nullptr;
    for (const auto& i : held->second) {
      const std::string reference = Upper(Trim(i.reference));
      const bool named = reference == Upper(e.referral_reference) || reference == Upper(e.contact_reference);
      if (!reference.empty() && named) {
        found = &i;
        break;
      }
    }
    if (!found) {
      const std::string on = Iso(e.referred_on);
      int same_day = 0;
      for (const auto& i : held->second)
        if (i.started_on == on && ++same_day == 1) found = &i;
      if (same_day != 1) found = nullptr;  // none, or two the same day: which is this one's is not known
    }
    if (!found) continue;
    if (!found->team.empty()) e.team = found->team;
    e.worker = found->worker;
  }
}

std::vector<returns::EarlyHelpEntry> EarlyHelpEntries(store::Transaction& tx, People& people,
                                                      const returns::Period& period,
                                                      const returns::ReturnCodes& codes) {
  std::vector<returns::EarlyHelpEntry> out;
  for (const auto& i : store::InvolvementsOpenBetween(tx, "early_help", Iso(period.from), Iso(period.to))) {
    const store::ReturnPerson* person = people.Find(i.person_id);
    const auto started = ParseIsoDate(i.started_on);
    if (!person || !started) continue;
    returns::EarlyHelpEntry e;
    e.child = ChildOf(*person);
    e.started_on = *started;
    e.ended_on = DateOf(i.ended_on);
    e.organisation = i.team.empty() ? codes.early_help_organisation : i.team;
    out.push_back(std::move(e));
  }
  return out;
}

// Issue 12 point 2: a return produced is a disclosure to the body it is made for, one ledger row per
// export (about no one person: it is about every child in it), on the basis the pack names for
// statutory returns. Without that basis the return is refused and nothing is handed over.
struct ReturnDisclosure {
  std::vector<std::string> items;
  std::string to;      // "Ofsted", "Department for Education"
  std::string detail;  // which return and period
};

Result<void> AuditProduced(AppContext& ctx, const Actor& actor, const std::string& record_id, json changes,
                           const ReturnDisclosure& shared) {
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  // The command line acts as the system (user 0): no user id, as for migrations and seeding.
  const std::optional<std::int64_t> actor_id = actor.user_id ? std::optional(actor.user_id) : std::nullopt;
  audit::Append(*tx, {now, actor_id, actor.username, "report.produced", "report", record_id, std::move(changes)});
  const policy::PolicyPack& pack = ctx.procedures.PackAt(now);
  Disclosure d;
  d.direction = DisclosureDirection::kOut;
  d.items = shared.items;
  d.counterpart_kind = "organisation";
  d.counterpart = shared.to;
  d.lawful_basis = pack.ledger.statutory_returns;
  d.authorised_by = actor_id;
  d.recorded_by = actor_id;
  d.recorded_by_username = actor.username;
  d.at = now;
  d.cause_kind = "export";
  d.cause_id = record_id;
  d.detail = shared.detail;
  if (auto recorded = RecordDisclosure(*tx, pack, d); !recorded) return std::unexpected(recorded.error());
  tx->Commit();
  return {};
}

// The ReferenceDate's working-day cut-offs: counting back from the ReferenceDate, which is the
// first when it is a working day (docs/reports.md "Working days").
Date CountBackWorkingDays(const calendar::WorkingCalendar& calendar, Date from, int n) {
  Date d = from;
  for (int counted = 0;; d = Date(sys_days(d) - days{1})) {
    if (calendar.IsWorkingDay(d) && ++counted == n) return d;
  }
}

// A return tells what has happened: a period ending after today would take ages on a day not yet
// come, and be produced, audited and recorded as disclosed as if complete. Today is the authority's
// local date (CAL-1); a period ending today is allowed (the day's contacts so far).
Date TodayOf(const AppContext& ctx) { return calendar::LocalDate(ctx.clock.Now(), ctx.time_zone); }

}  // namespace

Result<returns::ContactEntry> ContactEntryOf(const PackDays& packs, const store::ReturnContactChild& c,
                                             const ReturnChildId& id) {
  const Instant received = ParseUtc(c.received_at).value_or(Instant{});
  auto codes = CodesOf(packs.PackAt(received));
  if (!codes) return std::unexpected(codes.error());
  returns::ContactEntry e;
  e.child = ChildOf(c, id);
  e.received_on = packs.LocalDate(received);
  e.source_code = returns::ReferralSourceCode(**codes, c.referrer_type, c.referrer_anonymous);
  e.contact_reference = c.contact_reference;
  if (c.duplicate_of) {
    // The original as list 1 would write it: its local date, and its source by the pack in force
    // when it was received.
    const Instant original_received = ParseUtc(c.duplicate_of->received_at).value_or(Instant{});
    auto original_codes = CodesOf(packs.PackAt(original_received));
    if (!original_codes) return std::unexpected(original_codes.error());
    e.duplicate_of = returns::ContactEntry::Original{
        packs.LocalDate(original_received),
        returns::ReferralSourceCode(**original_codes, c.duplicate_of->referrer_type,
                                    c.duplicate_of->referrer_anonymous),
        c.duplicate_of->same_child};
  }
  return e;
}

Result<AnnexARequest> ParseAnnexARequest(std::string_view list, std::string_view from, std::string_view to,
                                         std::string_view format) {
  std::vector<FieldError> errors;
  AnnexARequest request;
  if (list == "1" || list == "2" || list == "3") request.lists = {list[0] - '0'};
  else if (list == "all") request.lists = {1, 2, 3};
  else errors.push_back({"list", "Choose the list: 1 (contacts), 2 (early help), 3 (referrals) or all"});
  // The same period, limits and words as the dashboard's (app/report_period.h).
  auto dates = ParseReportDates(from, to);
  if (!dates) errors.insert(errors.end(), dates.error().fields.begin(), dates.error().fields.end());
  if (format == "csv") request.format = ReturnFormat::kCsv;
  else if (format == "xlsx") request.format = ReturnFormat::kXlsx;
  else errors.push_back({"format", "Choose the format: csv or xlsx"});
  if (format == "csv" && request.lists.size() > 1)
    errors.push_back({"list", "A CSV file holds one list: choose 1, 2 or 3, or all as xlsx"});
  if (!errors.empty()) {
    std::string summary = errors.front().message;
    return std::unexpected(Error::Invalid(std::move(errors), std::move(summary)));
  }
  request.period = returns::Period{dates->from, dates->to};
  return request;
}

Result<ReturnFile> ProduceAnnexA(AppContext& ctx, const Actor& actor, const AnnexARequest& request) {
  if (auto allowed = Authorise(actor, Action::kViewPerformance); !allowed) return std::unexpected(allowed.error());
  const returns::Period& period = request.period;
  if (auto ended = CheckReportPeriodEnded(period.to, TodayOf(ctx)); !ended) return std::unexpected(ended.error());
  const std::string start = StartOfLocalDay(ctx, period.from);
  const std::string end = StartOfLocalDay(ctx, Date(sys_days(period.to) + days{1}));
  std::vector<returns::AnnexAList> lists;
  {
    // From a year before the period, for list 3's "Number of Referrals in Last 12 Months".
    const Date history = Date(sys_days(period.from - std::chrono::years{1}) - days{1});
    // The packs in force day by day, in tables built once: each contact is coded by the pack in
    // force when it was received (CRU-5), and a return reads a year or two of contacts.
    const PackDays packs(ctx.procedures, history, Date(sys_days(period.to) + days{1}));
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    People people(*tx);
    for (int list : request.lists) {
      if (list == 1) {
        auto entries = ContactEntries(packs, *tx, people, start, end);
        if (!entries) return std::unexpected(entries.error());
        lists.push_back(returns::AnnexAList1(*entries, period));
      } else if (list == 2) {
        auto codes = CodesAt(ctx, ParseUtc(end).value_or(Instant{}) - std::chrono::seconds{1});
        if (!codes) return std::unexpected(codes.error());
        lists.push_back(returns::AnnexAList2(EarlyHelpEntries(*tx, people, period, **codes), period));
      } else {
        auto entries = ReferralEntries(packs, *tx, people, StartOfLocalDay(ctx, history), end);
        if (!entries) return std::unexpected(entries.error());
        AllocateFromRegister(*tx, people, *entries, period.from);
        lists.push_back(returns::AnnexAList3(*entries, period));
      }
    }
  }
  ReturnFile file;
  for (const auto& l : lists) file.rows += static_cast<std::int64_t>(l.rows.size());
  const std::string which = request.lists.size() == 1 ? fmt::format("list-{}", request.lists.front()) : "lists-1-2-3";
  const std::string stem = fmt::format("annex-a-{}-{}-to-{}", which, Iso(period.from), Iso(period.to));
  if (request.format == ReturnFormat::kCsv) {
    file.file_name = stem + ".csv";
    file.content_type = kCsvType;
    file.bytes = CsvFile(returns::AnnexACsv(lists.front()));
  } else {
    auto bytes = AnnexAWorkbook(lists);
    if (!bytes) return std::unexpected(bytes.error());
    file.file_name = stem + ".xlsx";
    file.content_type = kXlsxType;
    file.bytes = std::move(*bytes);
  }
  json counts = json::object();
  for (const auto& l : lists) counts[std::to_string(l.number)] = l.rows.size();
  auto produced = AuditProduced(ctx, actor, "annex-a",
                {{"return", "annex-a"},
                 {"lists", request.lists},
                 {"from", Iso(period.from)},
                 {"to", Iso(period.to)},
                 {"format", request.format == ReturnFormat::kCsv ? "csv" : "xlsx"},
                 {"rows", file.rows},
                 {"rows_by_list", counts}},
                {{"child_id", "gender", "age", "ethnicity", "disability", "contact_dates", "referral_source",
                  "outcome"},
                 "Ofsted",
                 fmt::format("Annex A {} {} to {}", which, Iso(period.from), Iso(period.to))});
  if (!produced) return std::unexpected(produced.error());
  return file;
}

Result<CinCensusReturn> ProduceCinCensus(AppContext& ctx, const Actor& actor, const returns::CensusYear& year,
                                         bool allow_errors) {
  if (auto allowed = Authorise(actor, Action::kViewPerformance); !allowed) return std::unexpected(allowed.error());
  if (auto ended = returns::CensusYearEnded(year, TodayOf(ctx)); !ended) return std::unexpected(ended.error());
  const std::string start = StartOfLocalDay(ctx, year.start);
  const std::string end = StartOfLocalDay(ctx, Date(sys_days(year.reference_date) + days{1}));
  const Instant last_moment = ParseUtc(end).value_or(Instant{}) - std::chrono::seconds{1};
  auto codes = CodesAt(ctx, last_moment);
  if (!codes) return std::unexpected(codes.error());
  CinCensusReturn out;
  out.year = year;
  std::vector<returns::CensusChild> children;
  {
    const PackDays packs(ctx.procedures, year.start, Date(sys_days(year.reference_date) + days{1}));
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    People people(*tx);
    auto entries = ReferralEntries(packs, *tx, people, start, end);
    if (!entries) return std::unexpected(entries.error());
    children = returns::GroupCensusChildren(*entries, year);
    std::map<std::string, returns::CensusChild*> by_id;
    for (auto& c : children) by_id[c.child.id] = &c;

    // Assessments: the register's assessment involvements of the children, each with the referral
    // it followed. Authorised after the census year: not yet authorised at its end.
    for (const auto& i : store::InvolvementsOpenBetween(*tx, "assessment", Iso(year.start), Iso(year.reference_date))) {
      const store::ReturnPerson* person = people.Find(i.person_id);
      const auto started = ParseIsoDate(i.started_on);
      if (!person || !started) continue;
      const auto child = by_id.find(returns::RegisterChildId(person->id));
      if (child == by_id.end()) continue;
      returns::CensusEpisode* episode = returns::EpisodeFor(*child->second, *started);
      if (!episode) continue;
      returns::CensusAssessment a;
      a.start = *started;
      if (auto ended = DateOf(i.ended_on); ended && sys_days(*ended) <= sys_days(year.reference_date)) a.authorised = ended;
      episode->assessments.push_back(std::move(a));
    }

    // Section 47 enquiries: the strategy discussion that began each (its date is the enquiry's
    // start), recorded on a CP Chair consultation naming the contact or the referral: for that
    // consultation's child when it is on the register, else for every child of the referral.
    std::map<std::string, std::vector<std::pair<const returns::CensusChild*, returns::CensusEpisode*>>> by_reference;
    for (auto& c : children)
      for (auto& e : c.episodes) {
        by_reference[Upper(e.referral.contact_reference)].emplace_back(&c, &e);
        if (!e.referral.referral_reference.empty())
          by_reference[Upper(e.referral.referral_reference)].emplace_back(&c, &e);
      }
    for (const auto& s : store::StrategyDiscussionsBetween(*tx, Iso(year.start), Iso(year.reference_date))) {
      const auto held = ParseIsoDate(s.held_on);
      const auto named = by_reference.find(Upper(Trim(s.contact_reference)));
      if (!held || named == by_reference.end()) continue;
      const store::ReturnPerson* person = s.person_id ? people.Find(*s.person_id) : nullptr;
      for (auto& [c, e] : named->second) {
        if (person && c->child.id != returns::RegisterChildId(person->id)) continue;
        const bool known = std::any_of(e->section47.begin(), e->section47.end(),
                                       [&](const returns::CensusSection47& x) { return x.start == *held; });
        if (known) continue;
        returns::CensusSection47 enquiry;
        enquiry.start = *held;
        e->section47.push_back(enquiry);
      }
    }
  }
  // The schema needs at least one <Child>: an empty census would be refused on submission.
  if (auto some = returns::CensusHasChildren(children, year); !some) return std::unexpected(some.error());
  for (const auto& c : children) out.referrals += static_cast<std::int64_t>(c.episodes.size());
  out.children = static_cast<std::int64_t>(children.size());

  const auto& calendar = ctx.procedures.CalendarAt(last_moment);
  const returns::CensusCutoffs cutoffs{CountBackWorkingDays(calendar, year.reference_date, 45),
                                       CountBackWorkingDays(calendar, year.reference_date, 15)};
  out.findings = returns::ValidateCensus(children, year, cutoffs);
  const std::int64_t errors = std::count_if(out.findings.begin(), out.findings.end(),
                                            [](const returns::CensusFinding& f) { return !f.query; });
  if (errors > 0 && !allow_errors) return out;

  returns::CensusSource source;
  source.la_code = (*codes)->la_code;
  source.software_code = "frontdoor";
  source.release = FD_RELEASE;
  source.date_time = calendar::FormatLocalIso(ctx.clock.Now(), ctx.time_zone).substr(0, 19);
  ReturnFile file;
  file.file_name = fmt::format("cin-census-{}.xml", year.year);
  file.content_type = kXmlType;
  file.bytes = returns::CensusXml(source, year, children);
  file.rows = out.referrals;
  out.file = std::move(file);
  auto produced = AuditProduced(ctx, actor, fmt::format("cin-census-{}", year.year),
                {{"return", "cin-census"},
                 {"year", year.year},
                 {"from", Iso(year.start)},
                 {"to", Iso(year.reference_date)},
                 {"children", out.children},
                 {"rows", out.referrals},
                 {"errors", errors},
                 {"queries", static_cast<std::int64_t>(out.findings.size()) - errors},
                 {"errors_allowed", allow_errors}},
                {{"child_id", "upn", "gender", "date_of_birth", "ethnicity", "disability", "referral_dates",
                  "referral_source", "primary_need", "assessments", "section_47_enquiries"},
                 "Department for Education",
                 fmt::format("CIN census {} ({} to {})", year.year, Iso(year.start), Iso(year.reference_date))});
  if (!produced) return std::unexpected(produced.error());
  return out;
}

}  // namespace fd::app
