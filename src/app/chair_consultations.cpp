#include "app/chair_consultations.h"

#include <algorithm>

#include <date/tz.h>
#include <fmt/format.h>

#include "app/deadlines.h"
#include "app/permissions.h"
#include "app/record_access.h"
#include "app/retention.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "calendar/working_calendar.h"
#include "domain/contact.h"
#include "domain/retention.h"
#include "domain/text.h"
#include "notify/outbox.h"
#include "store/contact_records.h"
#include "store/deadline_records.h"
#include "store/people_records.h"
#include "store/user_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

// "FD-2026-000042": FormatContactReference's form, whatever the year and number.
bool IsFrontdoorContactReference(std::string_view text) {
  if (text.size() != 14 || !text.starts_with("FD-") || text[7] != '-') return false;
  for (std::size_t i : {3, 4, 5, 6, 8, 9, 10, 11, 12, 13})
    if (text[i] < '0' || text[i] > '9') return false;
  return true;
}

constexpr const char* kRecordType = "chair-consultation";  // deadlines, e-mails and audit events
constexpr const char* kTypeId = "cp-chair";                // the pack's consultation type
constexpr const char* kContactTimescale = "chair-contact";  // CPC-3
constexpr const char* kRecordTimescale = "chair-record";    // CPC-4
constexpr const char* kAllocationTimescale = "chair-allocation";  // CPC-2: a pack's own time, if any

// Who is looking: each role sees a different slice (see ListChairConsultations).
enum class Viewer { kCoordinator, kChair, kRequester };

// CPC-1: the consultation is for "a social work manager and social worker" together, so a team
// manager reads the requests of their own team's workers as well as their own.
bool ReadsTeamRequests(const Actor& actor) { return actor.role == Role::kTeamManager && actor.team_id.has_value(); }

// The requester's slice of SelectSql's rows (`c.requested_by = ? OR (? = 1 AND r.team_id = ?)`):
// their own requests, and their team's for a manager.
store::Params RequesterParams(const Actor& actor) {
  return {actor.user_id, ReadsTeamRequests(actor) ? 1 : 0, actor.team_id.value_or(0)};
}

Result<Viewer> ViewerOf(const Actor& actor) {
  if (IsAllowed(actor.role, Action::kAllocateChairConsultation)) return Viewer::kCoordinator;
  if (IsAllowed(actor.role, Action::kRecordChairConsultation)) return Viewer::kChair;
  if (IsAllowed(actor.role, Action::kRequestChairConsultation)) return Viewer::kRequester;
  return std::unexpected(Error::Forbidden(
      fmt::format("A {} cannot see Child Protection Chair consultations", RoleTitle(actor.role))));
}

const policy::ConsultationType* ChairType(const policy::PolicyPack& pack) {
  for (const auto& t : pack.consultation_types)
    if (t.id == kTypeId) return &t;
  return nullptr;
}

const policy::ChairConsultationArea* AreaOf(const policy::PolicyPack& pack, const std::string& id) {
  for (const auto& a : pack.chair_consultation_areas)
    if (a.id == id) return &a;
  return nullptr;
}

// Local midnight at the end of today, for "due today" marks (as the deadline queues count it).
Instant EndOfToday(const AppContext& ctx, Instant now) {
  const auto today = calendar::LocalDate(now, ctx.time_zone);
  const auto* zone = date::locate_zone(ctx.time_zone);
  const date::local_seconds tomorrow{(std::chrono::sys_days{today} + std::chrono::days{1}).time_since_epoch()};
  return Instant{zone->to_sys(tomorrow, date::choose::earliest).time_since_epoch()};
}

// A time as the API sends it (UTC, ending in Z) or as a form sends it (local wall-clock time,
// "2026-11-25T14:00"). Returns what is wrong in words, for `what` ("the time arranged").
std::expected<Instant, std::string> ParseTime(const AppContext& ctx, const std::string& text, Instant now,
                                              std::string_view what) {
  const std::string t = Trim(text);
  const std::string example = fmt::format("Enter {}, like 2026-11-25T14:00", what);
  if (t.empty()) return std::unexpected(example);
  if (t.back() == 'Z' || t.back() == 'z') {
    if (auto at = ParseUtc(t)) return *at;
    return std::unexpected(example);
  }
  auto local = calendar::ParseLocalTime(t);
  if (!local) return std::unexpected(example);
  return ctx.procedures.CalendarAt(now).FromLocal(*local);
}

// The columns ViewFromRow reads, in its order; the heading columns are named after the CPC-5 ids.
std::string SelectSql() {
  std::string headings;
  for (const auto& h : ChairConsultationHeadings()) headings += fmt::format(", c.{}", h.id);
  // sql-scan: allow the heading columns are the CPC-5 ids compiled in (ChairConsultationHeadings)
  return "SELECT c.id, c.reference, c.status, c.area, c.policy_version, c.requested_at, c.requested_by, "
         "COALESCE(r.display_name, ''), c.child_first_names, c.child_last_name, c.child_date_of_birth, "
         "c.contact_reference, c.reason, c.strategy_discussion_held, c.strategy_discussion_date, "
         "c.allocated_chair_id, COALESCE(ch.display_name, ''), c.allocated_by, COALESCE(a.display_name, ''), "
         "c.allocated_at, c.contacted_at, c.arranged_for, c.held_at, c.recorded_at, c.person_id, c.retention_class, "
         "c.review_on" +
         headings +
         " FROM chair_consultations c LEFT JOIN users r ON r.id = c.requested_by "
         "LEFT JOIN users ch ON ch.id = c.allocated_chair_id LEFT JOIN users a ON a.id = c.allocated_by ";
}

std::optional<Instant> OptionalTime(const store::Row& row, std::size_t i) {
  if (auto text = row.OptionalText(i)) return ParseUtc(*text);
  return std::nullopt;
}

ChairConsultationView ViewFromRow(const AppContext& ctx, const store::Row& row) {
  ChairConsultationView v;
  v.id = row.Int(0);
  v.reference = row.Text(1);
  v.status = row.Text(2);
  v.status_title = std::string(ChairConsultationStatusTitle(
      ChairConsultationStatusFromId(v.status).value_or(ChairConsultationStatus::kRequested)));
  v.area = row.Text(3);
  v.policy_version = row.Text(4);
  v.requested_at = ParseUtc(row.Text(5)).value_or(Instant{});
  // The area's name as the pack in force at the request words it (CRU-5).
  const auto* area = AreaOf(ctx.procedures.PackAt(v.requested_at), v.area);
  v.area_name = area ? area->name : v.area;
  v.requested_by = row.Int(6);
  v.requested_by_name = row.Text(7);
  v.child_first_names = row.Text(8);
  v.child_last_name = row.Text(9);
  v.child_date_of_birth = row.Text(10);
  v.contact_reference = row.Text(11);
  v.reason = row.Text(12);
  v.strategy_discussion_held = row.Int(13) != 0;
  v.strategy_discussion_date = row.Text(14);
  v.flags = ChairConsultationFlags({false, v.strategy_discussion_held});
  v.allocated_chair_id = row.OptionalInt(15);
  v.allocated_chair_name = row.Text(16);
  v.allocated_by = row.OptionalInt(17);
  v.allocated_by_name = row.Text(18);
  v.allocated_at = OptionalTime(row, 19);
  v.contacted_at = OptionalTime(row, 20);
  v.arranged_for = OptionalTime(row, 21);
  v.held_at = OptionalTime(row, 22);
  v.recorded_at = OptionalTime(row, 23);
  v.person_id = row.OptionalInt(24);
  v.retention_class = row.Text(25);
  v.review_on = row.Text(26);
  if (v.recorded_at) {
    std::size_t i = 27;
    for (const auto& h : ChairConsultationHeadings()) v.record[std::string(h.id)] = row.Text(i++);
  }
  return v;
}

std::vector<ChairConsultationView> Views(const AppContext& ctx, store::Transaction& tx, const std::string& where,
                                         const store::Params& params) {
  std::vector<ChairConsultationView> out;
  for (const auto& row : tx.Query(SelectSql() + where, params)) out.push_back(ViewFromRow(ctx, row));
  return out;
}

// The consultation as the step use cases need it, read inside their write transaction.
struct StepRow {
  std::string reference;
  std::string status;
  std::optional<std::int64_t> chair_id;
  Instant requested_at;
  std::optional<Instant> arranged_for;
};

Result<StepRow> ReadStep(store::Transaction& tx, std::int64_t id) {
  auto rows = tx.Query("SELECT reference, status, allocated_chair_id, requested_at, arranged_for "
                       "FROM chair_consultations WHERE id = ?",
                       {id});
  if (rows.empty()) return std::unexpected(Error::NotFound("There is no Child Protection Chair consultation with that number"));
  const auto& r = rows[0];
  return StepRow{r.Text(0), r.Text(1), r.OptionalInt(2), ParseUtc(r.Text(3)).value_or(Instant{}),
                 OptionalTime(r, 4)};
}

// Forms give times to the minute: a consultation held in the minute it was requested is not "before" it.
Instant RequestMinute(const StepRow& step) { return std::chrono::floor<std::chrono::minutes>(step.requested_at); }

// The chair steps (CPC-3, CPC-4) are the allocated chair's alone, and come in order.
// A chair it is not allocated to (yet) is told it does not exist, as GET tells them: the same answer
// for reading and for acting, so neither reveals what the other hides.
Result<void> CheckChairStep(const Actor& actor, const StepRow& step, std::string_view expected) {
  if (step.chair_id != actor.user_id)
    return std::unexpected(Error::NotFound("There is no Child Protection Chair consultation with that number"));
  if (step.status == expected) return {};
  if (step.status == "recorded") return std::unexpected(Error::Conflict("This consultation has already been recorded"));
  if (expected == "allocated")
    return std::unexpected(Error::Conflict("The contact with the social worker has already been recorded"));
  return std::unexpected(
      Error::Conflict("Record first that you contacted the social worker and the time arranged (CPC-3)"));
}

// CPC-2, CPC-3: the chair learns of the allocation at once, on their home page as staff learn of any
// work put in their hands (staff notices are not e-mailed), with the time their 24 hours run to.
void TellChair(store::Transaction& tx, const AppContext& ctx, std::int64_t chair_id, std::int64_t id,
               const std::string& reference, std::optional<Instant> contact_due, Instant now) {
  const std::string by =
      contact_due ? fmt::format(": contact the social worker by {}", calendar::FormatLocalForPeople(*contact_due,
                                                                                                 ctx.time_zone))
                  : std::string();
  store::InsertStaffNotice(tx, chair_id,
                           fmt::format("Child Protection Chair consultation {} allocated to you{}", reference, by),
                           fmt::format("/chair-consultations/{}", id), now);
}

}  // namespace

Result<ChairConsultationOutcome> RequestChairConsultation(AppContext& ctx, const Actor& actor,
                                                          const ChairConsultationRequest& r) {
  if (auto allowed = Authorise(actor, Action::kRequestChairConsultation); !allowed)
    return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  const policy::PolicyPack& pack = ctx.procedures.PackAt(now);  // CRU-5: the version in force today
  const policy::ConsultationType* type = ChairType(pack);
  if (!type) {
    const std::string message =
        fmt::format("The procedures of {} in force offer no Child Protection Chair consultations", pack.authority_name);
    return std::unexpected(Error::Invalid({{"area", message}}, message));
  }
  std::vector<FieldError> errors;
  const policy::ChairConsultationArea* area = AreaOf(pack, r.area);
  if (!area) {
    std::string names;
    for (const auto& a : pack.chair_consultation_areas) names += (names.empty() ? "" : " or ") + a.name;
    errors.push_back({"area", names.empty() ? std::string("The procedures in force name no area inboxes")
                                            : fmt::format("Choose the area: {}", names)});
  }
  auto required = [&](const std::string& value, const char* field, std::size_t max, bool lines, const char* what) {
    if (auto problem = CheckRequiredText(value, max, lines, what)) errors.push_back({field, *problem});
  };
  required(r.child_first_names, "child_first_names", 100, false, "the child's first names");
  required(r.child_last_name, "child_last_name", 100, false, "the child's last name");
  const auto today = calendar::LocalDate(now, ctx.time_zone);
  const auto date_of_birth = ParseIsoDate(Trim(r.child_date_of_birth));
  if (!date_of_birth) errors.push_back({"child_date_of_birth", "Enter the child's date of birth, like 2015-03-27"});
  else if (std::chrono::sys_days{*date_of_birth} > std::chrono::sys_days{today})
    errors.push_back({"child_date_of_birth", "The child's date of birth cannot be in the future"});
  if (auto problem = CheckText(r.contact_reference, 50, false, "The contact reference"))
    errors.push_back({"contact_reference", *problem});
  required(r.reason, "reason", 5000, true, "what you would like to discuss with the chair");
  std::optional<std::chrono::year_month_day> discussed_on;
  if (!r.strategy_discussion_held) {
    errors.push_back({"strategy_discussion_held", "Say whether a strategy discussion has been held"});
  } else if (*r.strategy_discussion_held) {
    discussed_on = ParseIsoDate(Trim(r.strategy_discussion_date));
    if (!discussed_on)
      errors.push_back({"strategy_discussion_date", "Enter the date of the strategy discussion, like 2026-11-20"});
    else if (std::chrono::sys_days{*discussed_on} > std::chrono::sys_days{today})
      errors.push_back({"strategy_discussion_date", "The strategy discussion cannot be in the future"});
  }
  if (!r.icpc_decision_made)
    errors.push_back({"icpc_decision_made",
                      "Say whether the district team has already decided to hold an initial child protection "
                      "conference"});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  const ChairConsultationFacts facts{*r.icpc_decision_made, *r.strategy_discussion_held};
  ChairConsultationOutcome outcome;
  outcome.refusal = CheckChairConsultationRequest(type->preconditions, facts);
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  // The page asks for a "contact or case reference": a district team's case number from elsewhere is
  // kept as typed, but one in frontdoor's own form (FD-2026-000042) must be a contact here, or the
  // chair would be pointed at the wrong child's record or none.
  if (const std::string reference = Trim(r.contact_reference);
      IsFrontdoorContactReference(reference) && !store::FindContactByReference(*tx, reference))
    return std::unexpected(Error::InvalidField(
        "contact_reference",
        fmt::format("There is no contact {}: check the contact reference, or leave it out", reference)));
  if (outcome.refusal) {
    // A refusal is kept too (who asked, in which area, under which rule), never the child's details.
    audit::Append(*tx, {now, actor.user_id, actor.username, "chair_consultation.refused", kRecordType, "",
                        {{"area", area->id}, {"rule", outcome.refusal->rule},
                         {"precondition", outcome.refusal->precondition}}});
    tx->Commit();
    return outcome;
  }
  outcome.flags = ChairConsultationFlags(facts);
  // Write transactions are serialised, so the next number cannot be taken twice.
  const std::int64_t number =
      tx->Query("SELECT COALESCE(MAX(number), 0) + 1 FROM chair_consultations").at(0).Int(0);
  outcome.reference = ChairConsultationReference(number);
  const std::string first_names = Trim(r.child_first_names), last_name = Trim(r.child_last_name);
  const std::string dob = FormatIsoDate(*date_of_birth);
  // The record belongs on the child's record (CPC-4): linked when exactly one register entry matches.
  std::optional<std::int64_t> person_id;
  if (auto matches = store::FindExactMatches(*tx, first_names, last_name, dob, ""); matches.size() == 1)
    person_id = matches[0].id;
  outcome.id =
      tx->Query("INSERT INTO chair_consultations (number, reference, area, policy_version, requested_at, requested_by, "
                "child_first_names, child_last_name, child_date_of_birth, contact_reference, reason, "
                "strategy_discussion_held, strategy_discussion_date, person_id, status) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, 'requested') RETURNING id",
                {number, outcome.reference, area->id, pack.version, FormatUtc(now), actor.user_id, first_names,
                 last_name, dob, Trim(r.contact_reference), r.reason, *r.strategy_discussion_held,
                 discussed_on ? FormatIsoDate(*discussed_on) : std::string(), person_id})
          .at(0)
          .Int(0);
  nlohmann::json flag_rules = nlohmann::json::array();
  for (const auto& f : outcome.flags) flag_rules.push_back(f.rule);
  audit::Append(*tx, {now, actor.user_id, actor.username, "chair_consultation.requested", kRecordType,
                      std::to_string(*outcome.id),
                      {{"reference", outcome.reference}, {"area", area->id}, {"flags", flag_rules},
                       {"person_linked", person_id.has_value()}}});
  // CPC-1: the request goes to the area's inbox. E-mail is not secure enough for the child's details,
  // so it carries only what the coordinator needs to open it in frontdoor.
  // Absolute, from the configured address (server.public_url, else the listen address): a relative
  // link in an e-mail leads nowhere.
  const std::string link = fmt::format("{}/chair-consultations/{}", ctx.public_url, *outcome.id);
  notify::Enqueue(*tx,
                  {area->inbox, fmt::format("Child Protection Chair consultation requested: {}", outcome.reference),
                   fmt::format("A consultation with a Child Protection Chair has been requested.\n\n"
                               "Reference: {}\nArea: {}\nRequested by: {}\n\n"
                               "Open it in frontdoor to allocate it to the duty chair: {}\n\n"
                               "The child's details are kept in frontdoor and are not sent by e-mail.\n\n{}\n",
                               outcome.reference, area->name, actor.display_name, link, pack.authority_name),
                   kRecordType, *outcome.id, "request", notify::IdempotencyKey(kRecordType, *outcome.id, "request")},
                  now);
  tx->Commit();
  return outcome;
}

Result<std::vector<ChairConsultationView>> ListChairConsultations(AppContext& ctx, const Actor& actor) {
  auto viewer = ViewerOf(actor);
  if (!viewer) return std::unexpected(viewer.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  // Open ones oldest first (awaiting allocation before the rest), then recorded ones newest first.
  const std::string kOpenOrder =
      "ORDER BY CASE c.status WHEN 'requested' THEN 0 ELSE 1 END, c.requested_at, c.id LIMIT 200";
  const std::string kDoneOrder = "ORDER BY c.recorded_at DESC, c.id DESC LIMIT 200";
  std::vector<ChairConsultationView> out;
  switch (*viewer) {
    case Viewer::kCoordinator:
      out = Views(ctx, *tx, "WHERE c.status <> 'recorded' " + kOpenOrder, {});
      for (auto& v : Views(ctx, *tx, "WHERE c.status = 'recorded' " + kDoneOrder, {})) out.push_back(std::move(v));
      break;
    case Viewer::kChair:
      out = Views(ctx, *tx, "WHERE c.allocated_chair_id = ? AND c.status <> 'recorded' " + kOpenOrder, {actor.user_id});
      for (auto& v : Views(ctx, *tx, "WHERE c.allocated_chair_id = ? AND c.status = 'recorded' " + kDoneOrder,
                           {actor.user_id}))
        out.push_back(std::move(v));
      break;
    case Viewer::kRequester:
      out = Views(ctx, *tx,
                  "WHERE (c.requested_by = ? OR (? = 1 AND r.team_id = ?)) "
                  "ORDER BY c.requested_at DESC, c.id DESC LIMIT 200",
                  RequesterParams(actor));
      break;
  }
  if (out.size() > 200) out.resize(200);
  // What is due and whether it is late, on the list as on each consultation.
  const Instant now = ctx.clock.Now();
  const Instant end_of_today = EndOfToday(ctx, now);
  for (auto& v : out) {
    v.deadlines = store::DeadlinesForRecord(*tx, kRecordType, v.id);
    v.now = now;
    v.end_of_today = end_of_today;
    if (v.status == "requested") v.allocate_by = AllocateChairBy(ctx, v.requested_at);
  }
  return out;
}

Instant AllocateChairBy(const AppContext& ctx, Instant requested_at) {
  if (const auto* rule = ctx.procedures.PackAt(requested_at).Timescale(kAllocationTimescale)) {
    Deadline d;
    CountDue(d, ctx, rule->timescale, requested_at);
    return d.due_at;
  }
  // CPC-2 names no time; CPC-3 gives the chair 24 hours once allocated, so a request waiting longer
  // than a day for a chair is late by the procedure's own measure.
  return requested_at + std::chrono::hours(24);
}

std::optional<ChairConsultationDue> NextDue(const ChairConsultationView& v) {
  if (v.allocate_by) {
    return ChairConsultationDue{kAllocationTimescale, "CPC-2", "Allocate it to the duty chair", *v.allocate_by,
                                BreachedAt(v.requested_at, *v.allocate_by, v.now)};
  }
  const Deadline* next = nullptr;
  for (const auto& d : v.deadlines)
    if (!d.met_at && (!next || d.due_at < next->due_at)) next = &d;
  if (!next) return std::nullopt;
  return ChairConsultationDue{next->timescale, next->rule_id, next->obligation, next->due_at,
                              BreachedAt(next->starts_at, next->due_at, v.now)};
}

namespace {

// One consultation as `tx` sees it, for an actor who may see it.
Result<ChairConsultationView> ReadChairConsultation(AppContext& ctx, store::Transaction& tx, const Actor& actor,
                                                    Viewer viewer, std::int64_t id) {
  auto views = Views(ctx, tx, "WHERE c.id = ?", {id});
  const auto not_found = Error::NotFound("There is no Child Protection Chair consultation with that number");
  if (views.empty()) return std::unexpected(not_found);
  ChairConsultationView v = std::move(views[0]);
  // Someone who may not see it is told it does not exist, as for a wrong number.
  if (viewer == Viewer::kChair && v.allocated_chair_id != actor.user_id) return std::unexpected(not_found);
  if (viewer == Viewer::kRequester && !MayOpenChairConsultation(tx, actor, id)) return std::unexpected(not_found);
  v.deadlines = store::DeadlinesForRecord(tx, kRecordType, id);
  if (v.person_id)
    for (const auto& r : tx.Query("SELECT l.linked_by, COALESCE(u.display_name, ''), l.linked_at, l.new_person FROM "
                                  "chair_consultation_child_links l LEFT JOIN users u ON u.id = l.linked_by "
                                  "WHERE l.consultation_id = ?",
                                  {id}))
      v.linked_by_hand = ChairConsultationView::HandLink{r.Int(0), r.Text(1), ParseUtc(r.Text(2)).value_or(Instant{}),
                                                         r.Int(3) != 0};
  v.now = ctx.clock.Now();
  v.end_of_today = EndOfToday(ctx, v.now);
  return v;
}

}  // namespace

bool MayOpenChairConsultation(store::Transaction& tx, const Actor& actor, std::int64_t id) {
  auto viewer = ViewerOf(actor);
  if (!viewer) return false;
  auto rows = tx.Query("SELECT c.requested_by, c.allocated_chair_id, r.team_id FROM chair_consultations c "
                       "LEFT JOIN users r ON r.id = c.requested_by WHERE c.id = ?",
                       {id});
  if (rows.empty()) return false;
  switch (*viewer) {
    case Viewer::kCoordinator: return true;
    case Viewer::kChair: return rows[0].OptionalInt(1) == actor.user_id;
    case Viewer::kRequester:
      return rows[0].Int(0) == actor.user_id || (ReadsTeamRequests(actor) && rows[0].OptionalInt(2) == actor.team_id);
  }
  return false;
}

Result<ChairConsultationView> GetChairConsultation(AppContext& ctx, const Actor& actor, std::int64_t id) {
  auto viewer = ViewerOf(actor);
  if (!viewer) return std::unexpected(viewer.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  return ReadChairConsultation(ctx, *tx, actor, *viewer, id);
}

Result<ChairConsultationView> OpenChairConsultation(AppContext& ctx, const Actor& actor, std::int64_t id) {
  auto viewer = ViewerOf(actor);
  if (!viewer) return std::unexpected(viewer.error());
  // Opening a consultation is itself recorded, and durable before it is shown (read_audit.h).
  Result<ChairConsultationView> view;
  {
    auto tx = ctx.store.Begin(store::TransactionMode::kRead);
    view = ReadChairConsultation(ctx, *tx, actor, *viewer, id);
  }
  if (!view) return view;
  AuditView(ctx, ChairConsultationViewed(actor, view->now, id, view->reference, view->person_id));
  return view;
}

Result<std::vector<ChairOption>> ListChairs(AppContext& ctx, const Actor& actor) {
  if (auto allowed = Authorise(actor, Action::kAllocateChairConsultation); !allowed)
    return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  std::vector<ChairOption> out;
  for (const auto& u : store::ListUsers(*tx))
    if (u.active && u.role == RoleId(Role::kCpChair)) out.push_back({u.id, u.display_name});
  std::sort(out.begin(), out.end(), [](const auto& a, const auto& b) { return a.name < b.name; });
  return out;
}

Result<void> AllocateChairConsultation(AppContext& ctx, const Actor& actor, std::int64_t id,
                                       std::int64_t chair_user_id) {
  if (auto allowed = Authorise(actor, Action::kAllocateChairConsultation); !allowed)
    return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto step = ReadStep(*tx, id);
  if (!step) return std::unexpected(step.error());
  if (step->status == "recorded")
    return std::unexpected(Error::Conflict("This consultation has already been held and recorded"));
  // CPC-2: only to a Child Protection Chair who can sign in.
  auto chair = store::FindUserById(*tx, chair_user_id);
  if (!chair || !chair->active || chair->role != RoleId(Role::kCpChair))
    return std::unexpected(Error::InvalidField("chair_user_id", "Choose the Child Protection Chair on duty"));
  if (step->status != "requested") {
    // A chair who is ill or away must not hold the consultation up: the coordinator gives it to
    // another chair, who takes over the open deadlines (CPC-3, CPC-4) as they stand. The clock is not
    // restarted: the social worker was promised contact within 24 hours of the first allocation.
    if (step->chair_id == chair->id)
      return std::unexpected(Error::Conflict("This consultation has already been allocated to that chair"));
    if (tx->Execute("UPDATE chair_consultations SET allocated_chair_id = ?, allocated_by = ?, allocated_at = ? "
                    "WHERE id = ? AND status = ? AND allocated_chair_id = ?",
                    {chair->id, actor.user_id, FormatUtc(now), id, step->status, *step->chair_id}) != 1)
      return std::unexpected(Error::Conflict("This consultation changed while you were allocating it: open it again"));
    tx->Execute("UPDATE deadlines SET user_id = ?, team_id = ? WHERE record_type = ? AND record_id = ? AND met_at IS NULL",
                {chair->id, chair->team_id, kRecordType, id});
    audit::Append(*tx, {now, actor.user_id, actor.username, "chair_consultation.reallocated", kRecordType,
                        std::to_string(id),
                        {{"reference", step->reference}, {"from_chair_user_id", *step->chair_id},
                         {"chair_user_id", chair->id}, {"status", step->status}}});
    std::optional<Instant> contact_due;
    if (step->status == "allocated")
      for (const auto& d : store::DeadlinesForRecord(*tx, kRecordType, id))
        if (d.timescale == kContactTimescale && !d.met_at) contact_due = d.due_at;
    TellChair(*tx, ctx, chair->id, id, step->reference, contact_due, now);
    tx->Commit();
    return {};
  }
  if (tx->Execute("UPDATE chair_consultations SET status = 'allocated', allocated_chair_id = ?, allocated_by = ?, "
                  "allocated_at = ? WHERE id = ? AND status = 'requested'",
                  {chair->id, actor.user_id, FormatUtc(now), id}) != 1)
    return std::unexpected(Error::Conflict("This consultation has already been allocated to a chair"));
  // CPC-3: the 24 hours count from the allocation, the moment the chair can know of it.
  auto due = OpenDeadline(*tx, ctx, kContactTimescale, {kRecordType, id, step->reference, chair->team_id, chair->id},
                          now);
  audit::Append(*tx, {now, actor.user_id, actor.username, "chair_consultation.allocated", kRecordType,
                      std::to_string(id),
                      {{"reference", step->reference}, {"chair_user_id", chair->id},
                       {"contact_due_at", due ? nlohmann::json(FormatUtc(due->due_at)) : nlohmann::json(nullptr)}}});
  TellChair(*tx, ctx, chair->id, id, step->reference, due ? std::optional<Instant>(due->due_at) : std::nullopt, now);
  tx->Commit();
  return {};
}

Result<void> RecordChairContact(AppContext& ctx, const Actor& actor, std::int64_t id, const std::string& arranged_for) {
  if (auto allowed = Authorise(actor, Action::kRecordChairConsultation); !allowed)
    return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto step = ReadStep(*tx, id);
  if (!step) return std::unexpected(step.error());
  if (auto ok = CheckChairStep(actor, *step, "allocated"); !ok) return std::unexpected(ok.error());
  auto at = ParseTime(ctx, arranged_for, now, "the date and time arranged");
  if (!at) return std::unexpected(Error::InvalidField("arranged_for", at.error()));
  if (*at < RequestMinute(*step))
    return std::unexpected(Error::InvalidField("arranged_for", "The time arranged cannot be before the request"));
  if (*at > now + std::chrono::days{366})
    return std::unexpected(Error::InvalidField("arranged_for", "The time arranged must be within the next year"));
  if (tx->Execute("UPDATE chair_consultations SET status = 'arranged', contacted_at = ?, arranged_for = ? "
                  "WHERE id = ? AND status = 'allocated'",
                  {FormatUtc(now), FormatUtc(*at), id}) != 1)
    return std::unexpected(Error::Conflict("The contact with the social worker has already been recorded"));
  MeetDeadline(*tx, kRecordType, id, kContactTimescale, now, actor.user_id);
  // CPC-4: 48 hours from holding it; until it is held, the time arranged is the best estimate.
  auto due = OpenDeadline(*tx, ctx, kRecordTimescale, {kRecordType, id, step->reference, actor.team_id, actor.user_id},
                          *at);
  audit::Append(*tx, {now, actor.user_id, actor.username, "chair_consultation.arranged", kRecordType,
                      std::to_string(id),
                      {{"reference", step->reference}, {"arranged_for", FormatUtc(*at)},
                       {"record_due_at", due ? nlohmann::json(FormatUtc(due->due_at)) : nlohmann::json(nullptr)}}});
  tx->Commit();
  return {};
}

Result<void> RecordChairConsultation(AppContext& ctx, const Actor& actor, std::int64_t id,
                                     const ChairConsultationRecordDraft& draft) {
  if (auto allowed = Authorise(actor, Action::kRecordChairConsultation); !allowed)
    return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto step = ReadStep(*tx, id);
  if (!step) return std::unexpected(step.error());
  if (auto ok = CheckChairStep(actor, *step, "arranged"); !ok) return std::unexpected(ok.error());
  std::vector<FieldError> errors;
  auto held_at = ParseTime(ctx, draft.held_at, now, "when the consultation was held");
  if (!held_at) errors.push_back({"held_at", held_at.error()});
  else if (*held_at > now) errors.push_back({"held_at", "When the consultation was held cannot be in the future"});
  else if (*held_at < RequestMinute(*step))
    errors.push_back({"held_at", "When the consultation was held cannot be before the request"});
  for (auto& e : CheckChairConsultationRecord(draft.headings)) errors.push_back(std::move(e));
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  // Kept as the cp-chair type of the pack in force at the request says (CPC-4: the child's record).
  const policy::PolicyPack& pack = ctx.procedures.PackAt(step->requested_at);
  std::string retention_class, review_on;
  if (const auto* type = ChairType(pack)) {
    retention_class = type->retention;
    // By the pack's rule for the class, as every record (a child's record runs
    // from the child's date of birth: until their 25th birthday).
    RetentionDates dates;
    dates.created = dates.closed = calendar::LocalDate(now, ctx.time_zone);
    if (auto rows = tx->Query("SELECT child_date_of_birth FROM chair_consultations WHERE id = ?", {id});
        !rows.empty() && !rows[0].IsNull(0))
      dates.date_of_birth = ParseIsoDate(rows[0].Text(0));
    review_on = RetentionReviewOn(pack, retention_class, dates);
  }
  std::string sets;
  store::Params params = {FormatUtc(*held_at), FormatUtc(now), retention_class, review_on};
  for (const auto& h : ChairConsultationHeadings()) {
    sets += fmt::format(", {} = ?", h.id);
    params.push_back(Trim(draft.headings.at(std::string(h.id))));
  }
  params.push_back(id);
  // sql-scan: allow the SET list names the CPC-5 heading columns compiled in; values are bound
  if (tx->Execute("UPDATE chair_consultations SET status = 'recorded', held_at = ?, recorded_at = ?, "
                  "retention_class = ?, review_on = ?" +
                      sets + " WHERE id = ? AND status = 'arranged'",
                  params) != 1)
    return std::unexpected(Error::Conflict("This consultation has already been recorded"));
  // CPC-4 counts from holding it: when that was not the time arranged, the open deadline moves there.
  std::optional<Instant> record_due;
  if (step->arranged_for != *held_at) {
    if (const auto* rule = ctx.procedures.PackAt(*held_at).Timescale(kRecordTimescale)) {
      Deadline moved;
      CountDue(moved, ctx, rule->timescale, *held_at);
      record_due = moved.due_at;
      const store::Params which = {kRecordType, id, kRecordTimescale};
      tx->Execute("UPDATE deadlines SET starts_at = ?, due_at = ? WHERE record_type = ? AND record_id = ? AND "
                  "timescale = ? AND met_at IS NULL",
                  {FormatUtc(*held_at), FormatUtc(*record_due), kRecordType, id, kRecordTimescale});
      // Marked as counted now (CAL-2, CAL-3: migration 0033), whatever the first count was.
      tx->Execute("DELETE FROM deadlines_past_bank_holidays WHERE deadline_id IN (SELECT id FROM deadlines WHERE "
                  "record_type = ? AND record_id = ? AND timescale = ? AND met_at IS NULL)",
                  which);
      if (moved.counted_without_bank_holidays)
        tx->Execute("INSERT INTO deadlines_past_bank_holidays (deadline_id, bank_holidays_known_until) SELECT id, ? "
                    "FROM deadlines WHERE record_type = ? AND record_id = ? AND timescale = ? AND met_at IS NULL",
                    {moved.bank_holidays_known_until, kRecordType, id, kRecordTimescale});
    }
  }
  // CPC-4 is the record on the child's record: not met while the consultation is on no child's
  // record; putting it there by hand meets it (app/chair_consultation_child.h).
  const bool on_childs_record = !tx->Query("SELECT 1 FROM chair_consultations WHERE id = ? AND person_id IS NOT NULL",
                                           {id})
                                     .empty();
  if (on_childs_record) MeetDeadline(*tx, kRecordType, id, kRecordTimescale, now, actor.user_id);
  nlohmann::json headings = nlohmann::json::array();  // which were answered, never what was written
  for (const auto& h : ChairConsultationHeadings()) headings.push_back(h.id);
  audit::Append(*tx, {now, actor.user_id, actor.username, "chair_consultation.recorded", kRecordType,
                      std::to_string(id),
                      {{"reference", step->reference}, {"held_at", FormatUtc(*held_at)}, {"headings", headings},
                       {"retention_class", retention_class}, {"review_on", review_on},
                       {"on_childs_record", on_childs_record},
                       {"record_due_at", record_due ? nlohmann::json(FormatUtc(*record_due)) : nlohmann::json(nullptr)}}});
  tx->Commit();
  return {};
}

}  // namespace fd::app
