#include "web/chair_consultation_pages.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/chair_consultations.h"
#include "app/permissions.h"
#include "calendar/local_time.h"
#include "domain/chair_consultation.h"
#include "domain/contact.h"
#include "domain/text.h"
#include "web/chair_consultation_child_section.h"
#include "web/contact_summary.h"
#include "web/date_boxes.h"
#include "web/time_box.h"
#include "web/error_pages.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

using Fields = std::multimap<std::string, std::string>;

// A form that was refused: which one, everything typed, and what is wrong with it.
struct Refused {
  std::string form;  // "allocate", "contacted", "record"
  Fields fields;
  std::vector<FieldError> errors;
};

std::string Path(std::int64_t id, std::string_view rest = "") {
  return fmt::format("/chair-consultations/{}{}", id, rest);
}

std::string Dashed(std::string text) {
  std::replace(text.begin(), text.end(), '_', '-');
  return text;
}

std::string When(const PageContext& pc, Instant t) { return calendar::FormatLocalForPeople(t, pc.app.time_zone); }
std::string When(const PageContext& pc, const std::optional<Instant>& t) { return t ? When(pc, *t) : std::string(); }

void SetBanner(Data& d, const http::Request& request) {
  static const std::pair<const char*, const char*> banners[] = {
      {"requested", "Consultation requested: the area's inbox has been e-mailed"},
      {"allocated", "Consultation allocated"},
      {"contacted", "Contact with the social worker recorded"},
      {"recorded", "Consultation recorded"},
      {"linked", "The consultation is on the child's record"}};
  for (const auto& [flag, text] : banners)
    if (request.QueryParam(flag) == "1") {
      d.set("banner", std::string(text));
      return;
    }
}

std::string ChildName(const app::ChairConsultationView& v) { return v.child_first_names + " " + v.child_last_name; }

std::string DisplayDate(const std::string& iso) {
  auto date = ParseIsoDate(iso);
  if (!date) return iso;
  static const char* months[] = {"January", "February", "March",     "April",   "May",      "June",
                                 "July",    "August",   "September", "October", "November", "December"};
  return fmt::format("{} {} {}", static_cast<unsigned>(date->day()), months[static_cast<unsigned>(date->month()) - 1],
                     static_cast<int>(date->year()));
}

// 409: the step was done meanwhile (by someone else, or in another tab).
http::Response ConflictPage(const PageContext& pc, const http::Request& request, std::int64_t id, const Error& error) {
  Data d = PageData(request, "This consultation has changed");
  d.set("conflict_text", error.message);
  d.set("reload_link", Path(id));
  return Page(pc, 409, "chair_consultation_conflict", d);
}

// --- the list ---------------------------------------------------------------------------------------

// "Waiting 3 hours", "Waiting 2 days": how long a request has waited, in the largest whole unit.
std::string Waited(std::chrono::seconds waited) {
  const auto minutes = std::chrono::duration_cast<std::chrono::minutes>(waited).count();
  auto words = [](long long n, const char* unit) { return fmt::format("Waiting {} {}{}", n, unit, n == 1 ? "" : "s"); };
  if (minutes < 1) return "Waiting less than a minute";
  if (minutes < 60) return words(minutes, "minute");
  if (minutes < 48 * 60) return words(minutes / 60, "hour");
  return words(minutes / (24 * 60), "day");
}

http::Response ListPage(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  auto list = app::ListChairConsultations(pc.app, actor);
  if (!list) return ErrorPage(list.error());
  Data d = PageData(request, "Child Protection Chair consultations");
  d.set("back_link", "/");
  if (app::IsAllowed(actor.role, app::Action::kRequestChairConsultation)) {
    d.set("can_request", true);
    d.set("list_intro", "Consultations you have asked for, newest first.");
  } else if (app::IsAllowed(actor.role, app::Action::kAllocateChairConsultation)) {
    d.set("list_intro", "Every consultation: those awaiting allocation to the duty chair first (CPC-2).");
  } else {
    d.set("list_intro", "Consultations allocated to you: open ones first.");
  }
  Data rows = List();
  for (const auto& v : *list) {
    Data row = Object();
    row.set("link", Path(v.id));
    row.set("reference", v.reference);
    row.set("child", ChildName(v));
    row.set("area_name", v.area_name);
    row.set("status_title", v.status_title);
    row.set("awaiting", v.status == "requested");
    row.set("requested", When(pc, v.requested_at));
    row.set("requested_by", v.requested_by_name);
    row.set("chair", v.allocated_chair_name.empty() ? std::string("Not allocated") : v.allocated_chair_name);
    row.set("flagged", !v.flags.empty());
    // What is due next and whether it is late, as the contact queues show it; a request awaiting a
    // chair also says how long it has waited (CPC-2).
    if (const auto due = app::NextDue(v)) {
      row.set("due", fmt::format("{} by {}", due->obligation, When(pc, due->due_at)));
      if (due->overdue) row.set("overdue", true);
    }
    if (v.status == "requested") row.set("waiting", Waited(v.now - v.requested_at));
    rows.push_back(row);
  }
  if (!list->empty()) {
    d.set("has_items", true);
    d.set("items", rows);
  }
  return Page(pc, 200, "chair_consultation_list", d);
}

// --- the request form -------------------------------------------------------------------------------

struct RequestForm {
  std::string area;
  std::string child_first_names, child_last_name;
  std::string dob_day, dob_month, dob_year;
  std::string contact_reference, reason;
  std::string strategy_discussion_held;  // "yes", "no" or ""
  std::string sd_day, sd_month, sd_year;
  std::string icpc_decision_made;  // "yes", "no" or ""
};

RequestForm ParseRequestForm(const Fields& f) {
  return RequestForm{FormValue(f, "area"),
                     FormValue(f, "child_first_names"),
                     FormValue(f, "child_last_name"),
                     Trim(FormValue(f, "child_dob-day")),
                     Trim(FormValue(f, "child_dob-month")),
                     Trim(FormValue(f, "child_dob-year")),
                     FormValue(f, "contact_reference"),
                     FormValue(f, "reason"),
                     FormValue(f, "strategy_discussion_held"),
                     Trim(FormValue(f, "strategy_date-day")),
                     Trim(FormValue(f, "strategy_date-month")),
                     Trim(FormValue(f, "strategy_date-year")),
                     FormValue(f, "icpc_decision_made")};
}

std::optional<bool> YesNo(const std::string& value) {
  if (value == "yes") return true;
  if (value == "no") return false;
  return std::nullopt;
}

app::ChairConsultationRequest ToRequest(const RequestForm& f) {
  app::ChairConsultationRequest r;
  r.area = f.area;
  r.child_first_names = f.child_first_names;
  r.child_last_name = f.child_last_name;
  r.child_date_of_birth = IsoDate({f.dob_day, f.dob_month, f.dob_year});
  r.contact_reference = f.contact_reference;
  r.reason = f.reason;
  r.strategy_discussion_held = YesNo(f.strategy_discussion_held);
  // The date belongs to "yes"; with "no" it is not sent on.
  if (f.strategy_discussion_held == "yes") r.strategy_discussion_date = IsoDate({f.sd_day, f.sd_month, f.sd_year});
  r.icpc_decision_made = YesNo(f.icpc_decision_made);
  return r;
}

std::string RequestInputId(const std::string& field) {
  if (field == "child_date_of_birth") return "child-dob-day";
  if (field == "strategy_discussion_date") return "strategy-date-day";
  if (field == "area" || field == "strategy_discussion_held" || field == "icpc_decision_made") return Dashed(field);
  if (field == "child_first_names" || field == "child_last_name" || field == "contact_reference" || field == "reason")
    return Dashed(field);
  return "main-content";
}

// The use case speaks ISO dates (the API's); the form has day, month and year boxes.
std::vector<FieldError> FormWords(std::vector<FieldError> errors) {
  for (auto& e : errors) {
    if (e.field == "child_date_of_birth" && e.message.find("like") != std::string::npos)
      e.message = "Enter the child's date of birth as a real date, for example 27 3 2015";
    if (e.field == "strategy_discussion_date" && e.message.find("like") != std::string::npos)
      e.message = "Enter the date of the strategy discussion as a real date, for example 20 11 2026";
  }
  return errors;
}

void SetDate(Data& d, const char* key, const std::string& day, const std::string& month, const std::string& year,
             const std::optional<std::string>& error) {
  d.set(std::string(key) + "_day", day);
  d.set(std::string(key) + "_month", month);
  d.set(std::string(key) + "_year", year);
  d.set(std::string(key) + "_error", error.has_value());
  d.set(std::string(key) + "_error_message", error.value_or(""));
}

http::Response NewPage(PageContext& pc, const http::Request& request, const RequestForm& form,
                       const std::vector<FieldError>& errors, int status) {
  const app::Actor actor = api::ActorOf(request);
  if (auto allowed = app::Authorise(actor, app::Action::kRequestChairConsultation); !allowed)
    return ErrorPage(allowed.error());
  Data d = PageData(request, "Request a Child Protection Chair consultation");
  d.set("back_link", "/chair-consultations");
  const auto& pack = pc.app.procedures.PackAt(pc.app.clock.Now());
  const bool offered = std::any_of(pack.consultation_types.begin(), pack.consultation_types.end(),
                                   [](const auto& t) { return t.id == "cp-chair"; });
  if (!offered) {
    d.set("not_offered", fmt::format("The procedures of {} in force offer no Child Protection Chair consultations.",
                                     pack.authority_name));
    return Page(pc, 200, "chair_consultation_new", d);
  }
  SetErrorSummary(d, errors, RequestInputId);
  d.set("decision_note", std::string(kChairConsultationDecisionNote));  // CPC-6
  Data f = Object();
  std::vector<Option> areas;
  for (const auto& a : pack.chair_consultation_areas) areas.push_back({a.id, a.name});
  f.set("areas", Radios("area", areas, form.area));
  const auto area_error = ErrorFor(errors, "area");
  f.set("area_error", area_error.has_value());
  f.set("area_error_message", area_error.value_or(""));
  SetInput(f, "child_first_names", form.child_first_names, ErrorFor(errors, "child_first_names"));
  SetInput(f, "child_last_name", form.child_last_name, ErrorFor(errors, "child_last_name"));
  SetDate(f, "dob", form.dob_day, form.dob_month, form.dob_year, ErrorFor(errors, "child_date_of_birth"));
  SetInput(f, "contact_reference", form.contact_reference, ErrorFor(errors, "contact_reference"));
  SetInput(f, "reason", form.reason, ErrorFor(errors, "reason"));
  const std::vector<Option> yes_no = {{"yes", "Yes"}, {"no", "No"}};
  f.set("strategy_options", Radios("strategy-discussion-held", yes_no, form.strategy_discussion_held));
  const auto strategy_error = ErrorFor(errors, "strategy_discussion_held");
  f.set("strategy_error", strategy_error.has_value());
  f.set("strategy_error_message", strategy_error.value_or(""));
  SetDate(f, "sd", form.sd_day, form.sd_month, form.sd_year, ErrorFor(errors, "strategy_discussion_date"));
  f.set("icpc_options", Radios("icpc-decision-made", yes_no, form.icpc_decision_made));
  const auto icpc_error = ErrorFor(errors, "icpc_decision_made");
  f.set("icpc_error", icpc_error.has_value());
  f.set("icpc_error_message", icpc_error.value_or(""));
  d.set("request_form", f);
  return Page(pc, status, "chair_consultation_new", d);
}

http::Response CreateRequest(PageContext& pc, http::Request& request) {
  const RequestForm form = ParseRequestForm(FormFields(request));
  auto outcome = app::RequestChairConsultation(pc.app, api::ActorOf(request), ToRequest(form));
  if (!outcome) {
    if (outcome.error().IsInvalid()) {
      auto errors = FormWords(outcome.error().fields);
      if (errors.empty()) errors.push_back({"", outcome.error().message});
      return NewPage(pc, request, form, errors, 422);
    }
    return ErrorPage(outcome.error());
  }
  if (!outcome->accepted()) {
    // CPC-8: nothing was opened; say why and what happens instead.
    const auto& refusal = *outcome->refusal;
    Data d = PageData(request, "No consultation requested");
    d.set("back_link", "/chair-consultations");
    d.set("refusal_reason", refusal.reason);
    d.set("refusal_route", refusal.route);
    d.set("refusal_rule", refusal.rule);
    return Page(pc, 200, "chair_consultation_refused", d);
  }
  return http::Response::Redirect(Path(*outcome->id, "?requested=1"));
}

// --- one consultation -------------------------------------------------------------------------------

// "When is it arranged for?" (CPC-3) and "When was it held?" (CPC-4): GOV.UK date boxes and a time
// box ("<field>-day", "-month", "-year", "-time", web/time_box.h), sent to the use case as local
// "YYYY-MM-DDTHH:MM"; the API keeps its ISO field.
const DateTimeWords kArrangedFor{"Enter the date and time arranged", "Enter the date arranged", "The date arranged",
                                 "arranged"};
const DateTimeWords kHeldAt{"Enter the date and time the consultation was held",
                            "Enter the date the consultation was held", "The date it was held", "it was held"};
constexpr const char* kWhenHint = "The date, for example 25 11 2026, and the time, for example 14:30 or 2:30pm";

// The boxes of the step's "when" field as typed when that form was refused; empty otherwise.
DateTimeBoxes WhenTyped(const Refused& refused, const char* form, const std::string& field, const DateTimeWords& words) {
  return ReadDateTimeBoxes(refused.form == form ? refused.fields : Fields{}, field, words);
}

// The use case speaks ISO ("like 2026-11-25T14:00"): its message about `field` is said for the boxes
// instead, unless the boxes make a date and time and its own rule refused them.
Result<void> SaidForBoxes(Result<void> done, const Fields& f, const std::string& field, const DateTimeWords& words) {
  if (done || !done.error().IsInvalid()) return done;
  Error refused = done.error();
  SayForDateTimeBoxes(refused.fields, field, ReadDateTimeBoxes(f, field, words));
  return std::unexpected(std::move(refused));
}

std::string StepInputId(const Refused& refused, const std::string& field) {
  if (refused.form == "allocate") return "chair-user-id";
  if (refused.form == "contacted")
    return "arranged_for-" + ReadDateTimeBoxes(refused.fields, "arranged_for", kArrangedFor).FirstBox();
  if (refused.form == "child") return "child-record";
  if (field == "held_at") return "held_at-" + ReadDateTimeBoxes(refused.fields, "held_at", kHeldAt).FirstBox();
  for (const auto& h : ChairConsultationHeadings())
    if (h.id == field) return "record-" + Dashed(field);
  return "main-content";
}

std::string Kept(const Refused& refused, const char* form, const std::string& field, const std::string& otherwise = "") {
  if (refused.form != form) return otherwise;
  return FormValue(refused.fields, field.c_str());
}

std::optional<std::string> StepError(const Refused& refused, const char* form, const std::string& field) {
  if (refused.form != form) return std::nullopt;
  return ErrorFor(refused.errors, field);
}

std::string StateText(const Deadline& deadline, Instant now) {
  switch (deadline.StateAt(now)) {
    case DeadlineState::kMet: return deadline.MetLate() ? "Met late" : "Met";
    case DeadlineState::kBreached: return "Breached";
    case DeadlineState::kOpen: return "Open";
  }
  return "Open";
}

http::Response ShowPage(PageContext& pc, const http::Request& request, std::int64_t id, const Refused& refused,
                        int status) {
  const app::Actor actor = api::ActorOf(request);
  // A GET is someone opening the consultation (audited: chair-consultation.viewed); a POST shows it
  // again after a refused form (not a view).
  auto view = request.method == "GET" ? app::OpenChairConsultation(pc.app, actor, id)
                                      : app::GetChairConsultation(pc.app, actor, id);
  if (!view) return ErrorPage(view.error());
  const app::ChairConsultationView& v = *view;
  Data d = PageData(request, fmt::format("Consultation {}", v.reference));
  d.set("back_link", "/chair-consultations");
  SetBanner(d, request);
  SetErrorSummary(d, refused.errors, [&](const std::string& f) { return StepInputId(refused, f); });
  d.set("consultation_id", std::to_string(v.id));
  d.set("reference", v.reference);
  d.set("child_name", ChildName(v));
  d.set("status_title", v.status_title);
  d.set("decision_note", std::string(kChairConsultationDecisionNote));  // CPC-6

  Data flags = List();
  for (const auto& f : v.flags) {
    Data item = Object();
    item.set("rule", f.rule);
    item.set("message", f.message);
    flags.push_back(item);
  }
  if (!v.flags.empty()) d.set("flags", flags);

  Data request_rows = List();
  request_rows.push_back(Row("Child", ChildName(v)));
  request_rows.push_back(Row("Date of birth", DisplayDate(v.child_date_of_birth)));
  if (!v.contact_reference.empty()) request_rows.push_back(Row("Contact or case reference", v.contact_reference));
  request_rows.push_back(Row("Area", v.area_name));
  request_rows.push_back(Row("Requested by", fmt::format("{}, {}", v.requested_by_name, When(pc, v.requested_at))));
  request_rows.push_back(Row("What they would like to discuss", v.reason));
  request_rows.push_back(Row("Strategy discussion held",
                             v.strategy_discussion_held
                                 ? fmt::format("Yes, on {}", DisplayDate(v.strategy_discussion_date))
                                 : std::string("No")));
  d.set("request_rows", request_rows);
  // CPC-4: on the child's record, or the way to put it there (chair_consultation_child_section.h).
  AddChildRecordSection(pc, request, actor, v,
                        refused.form == "child" && !refused.errors.empty() ? refused.errors.front().message : "", d);

  Data progress = List();
  progress.push_back(Row("Stage", v.status_title));
  if (v.allocated_chair_id) {
    progress.push_back(Row("Chair", v.allocated_chair_name));
    progress.push_back(Row("Allocated by", fmt::format("{}, {}", v.allocated_by_name, When(pc, v.allocated_at))));
  }
  if (v.contacted_at) progress.push_back(Row("Social worker contacted", When(pc, v.contacted_at)));
  if (v.arranged_for) progress.push_back(Row("Arranged for", When(pc, v.arranged_for)));
  if (v.held_at) progress.push_back(Row("Held", When(pc, v.held_at)));
  if (v.recorded_at) progress.push_back(Row("Recorded", When(pc, v.recorded_at)));
  d.set("progress_rows", progress);

  Data deadlines = List();
  for (const auto& dl : v.deadlines) {
    Data row = Object();
    row.set("obligation", fmt::format("{} ({})", dl.obligation, dl.rule_id));
    row.set("due", When(pc, dl.due_at));
    if (dl.counted_without_bank_holidays) row.set("due_note", BankHolidaysUnknownNote(dl.bank_holidays_known_until));
    row.set("state", StateText(dl, v.now));
    deadlines.push_back(row);
  }
  if (!v.deadlines.empty()) {
    d.set("has_deadlines", true);
    d.set("deadline_rows", deadlines);
  }

  if (v.recorded_at) {
    Data record = List();
    for (const auto& h : ChairConsultationHeadings()) {
      auto it = v.record.find(std::string(h.id));
      record.push_back(Row(std::string(h.title), it == v.record.end() ? std::string() : it->second));
    }
    d.set("has_record", true);
    d.set("record_rows", record);
    if (!v.review_on.empty())
      d.set("retention_text", fmt::format("Kept as part of the child's record ({}); next reviewed on {}.",
                                          v.retention_class, DisplayDate(v.review_on)));
  }

  const bool is_chair = v.allocated_chair_id == actor.user_id;
  const bool coordinator = app::IsAllowed(actor.role, app::Action::kAllocateChairConsultation);
  // The coordinator allocates it (CPC-2), and may give it to another chair until it is recorded (a
  // chair who is ill or away must not hold it up).
  if (coordinator && v.status != "recorded") {
    auto chairs = app::ListChairs(pc.app, actor);
    if (!chairs) return ErrorPage(chairs.error());
    Data f = Object();
    const bool reallocate = v.status != "requested";
    const std::string chosen = Kept(refused, "allocate", "chair_user_id");
    Data options = List();
    for (const auto& c : *chairs) {
      if (reallocate && v.allocated_chair_id == c.id) continue;
      Data item = Object();
      item.set("value", std::to_string(c.id));
      item.set("label", c.name);
      item.set("selected", chosen == std::to_string(c.id));
      options.push_back(item);
    }
    f.set("chairs", options);
    f.set("heading", reallocate ? std::string("Give it to another chair") : std::string("Allocate to the duty chair"));
    f.set("hint", reallocate ? fmt::format("If {} cannot take it. The new chair takes over its deadlines as they stand.",
                                           v.allocated_chair_name)
                             : std::string("They contact the social worker within 24 hours of allocation to arrange "
                                           "it (CPC-2, CPC-3)."));
    f.set("button", reallocate ? std::string("Reallocate") : std::string("Allocate"));
    const auto error = StepError(refused, "allocate", "chair_user_id");
    f.set("chair_error", error.has_value());
    f.set("chair_error_message", error.value_or(""));
    d.set("allocate_form", f);
  }
  if (v.status == "requested") {
    if (!coordinator) {
      d.set("waiting", "Waiting for the Child Protection Coordinator to allocate it to the duty chair (CPC-2).");
    }
  } else if (v.status == "allocated") {
    if (is_chair && app::IsAllowed(actor.role, app::Action::kRecordChairConsultation)) {
      Data f = Object();
      Data field = DateTimeFieldData(
          "arranged_for", "When is it arranged for?",
          fmt::format("Record this once you have contacted {} (CPC-3). {}", v.requested_by_name, kWhenHint),
          WhenTyped(refused, "contacted", "arranged_for", kArrangedFor), StepError(refused, "contacted", "arranged_for"));
      field.set("legend_bold", true);
      f.set("arranged_for_field", field);
      d.set("contacted_form", f);
    } else {
      d.set("waiting", fmt::format("Waiting for {} to contact {} to arrange it (CPC-3: within 24 hours of allocation).",
                                   v.allocated_chair_name, v.requested_by_name));
    }
  } else if (v.status == "arranged") {
    if (is_chair && app::IsAllowed(actor.role, app::Action::kRecordChairConsultation)) {
      Data f = Object();
      Data held = DateTimeFieldData("held_at", "When was it held?", kWhenHint,
                                    WhenTyped(refused, "record", "held_at", kHeldAt),
                                    StepError(refused, "record", "held_at"));
      held.set("legend_bold", true);
      f.set("held_at_field", held);
      Data headings = List();
      for (const auto& h : ChairConsultationHeadings()) {
        const std::string field(h.id);
        Data item = Object();
        item.set("input_id", "record-" + Dashed(field));
        item.set("name", field);
        item.set("heading", std::string(h.title));
        item.set("hint", std::string(h.hint));
        SetInput(item, "text", Kept(refused, "record", field), StepError(refused, "record", field));
        headings.push_back(item);
      }
      f.set("headings", headings);
      f.set("none_known", std::string(kNoneKnown));
      d.set("record_form", f);
    } else {
      d.set("waiting", fmt::format("Arranged for {}. {} records it within 48 hours of holding it (CPC-4).",
                                   When(pc, v.arranged_for), v.allocated_chair_name));
    }
  }
  return Page(pc, status, "chair_consultation_show", d);
}

// --- posting a step ---------------------------------------------------------------------------------

using Step = std::function<Result<void>(app::AppContext&, const app::Actor&, std::int64_t, const Fields&)>;

// Every step's POST: 303 back with a banner; refused input → the page again (422) with the input
// kept; the step already done → 409; anything else → its own page (403, 404).
http::Response Apply(PageContext& pc, http::Request& request, const char* form, const char* banner, const Step& step) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const Fields fields = FormFields(request);
  auto done = step(pc.app, api::ActorOf(request), *id, fields);
  if (!done) {
    const Error& e = done.error();
    if (e.IsInvalid()) {
      Refused refused{form, fields, e.fields};
      if (refused.errors.empty()) refused.errors.push_back({"", e.message});
      return ShowPage(pc, request, *id, refused, 422);
    }
    if (e.code == ErrorCode::kConflict) return ConflictPage(pc, request, *id, e);
    return ErrorPage(e);
  }
  return http::Response::Redirect(Path(*id, fmt::format("?{}=1", banner)));
}

// CPC-4: "This is the child" or "add them to the register": 303 back to the section, saying what to
// check when the record's name or date of birth is not the request's; refused as Apply.
http::Response LinkChild(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const Fields fields = FormFields(request);
  auto differs = LinkChildFromForm(pc.app, api::ActorOf(request), *id, fields);
  if (!differs) {
    const Error& e = differs.error();
    if (e.IsInvalid()) {
      Refused refused{"child", fields, e.fields};
      if (refused.errors.empty()) refused.errors.push_back({"", e.message});
      return ShowPage(pc, request, *id, refused, 422);
    }
    if (e.code == ErrorCode::kConflict) return ConflictPage(pc, request, *id, e);
    return ErrorPage(e);
  }
  return http::Response::Redirect(
      Path(*id, differs->empty() ? "?linked=1#child-record" : fmt::format("?linked=1&differs={}#child-record", *differs)));
}

std::optional<std::int64_t> ParseWhole(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

}  // namespace

void AddChairConsultationLink(const app::Actor& actor, Data& d) {
  using app::Action;
  if (app::IsAllowed(actor.role, Action::kAllocateChairConsultation) ||
      app::IsAllowed(actor.role, Action::kRecordChairConsultation) ||
      app::IsAllowed(actor.role, Action::kRequestChairConsultation)) {
    d.set("chair_consultations_link", "/chair-consultations");
  }
}

void RegisterChairConsultationPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/chair-consultations", Access::kSignedIn, [pc](http::Request& r) { return ListPage(*pc, r); });
  router.Add("GET", "/chair-consultations/new", Access::kSignedIn,
             [pc](http::Request& r) { return NewPage(*pc, r, {}, {}, 200); });
  router.Add("POST", "/chair-consultations", Access::kSignedIn, [pc](http::Request& r) { return CreateRequest(*pc, r); });
  router.Add("GET", "/chair-consultations/{id}", Access::kSignedIn, [pc](http::Request& r) {
    const auto id = PathId(r);
    if (!id) return NotFoundPage(r);
    return ShowPage(*pc, r, *id, {}, 200);
  });
  router.Add("POST", "/chair-consultations/{id}/allocate", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "allocate", "allocated",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Fields& f) -> Result<void> {
                   auto chair = ParseWhole(FormValue(f, "chair_user_id"));
                   if (!chair)
                     return std::unexpected(
                         Error::InvalidField("chair_user_id", "Choose the Child Protection Chair on duty"));
                   return app::AllocateChairConsultation(c, a, id, *chair);
                 });
  });
  router.Add("POST", "/chair-consultations/{id}/contacted", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "contacted", "contacted",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Fields& f) {
                   return SaidForBoxes(
                       app::RecordChairContact(c, a, id, ReadDateTimeBoxes(f, "arranged_for", kArrangedFor).Local()),
                       f, "arranged_for", kArrangedFor);
                 });
  });
  router.Add("POST", "/chair-consultations/{id}/child", Access::kSignedIn,
             [pc](http::Request& r) { return LinkChild(*pc, r); });
  router.Add("POST", "/chair-consultations/{id}/record", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "record", "recorded",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, const Fields& f) {
                   app::ChairConsultationRecordDraft draft;
                   draft.held_at = ReadDateTimeBoxes(f, "held_at", kHeldAt).Local();
                   for (const auto& h : ChairConsultationHeadings()) {
                     const std::string field(h.id);
                     draft.headings[field] = FormValue(f, field.c_str());
                   }
                   return SaidForBoxes(app::RecordChairConsultation(c, a, id, draft), f, "held_at", kHeldAt);
                 });
  });
}

}  // namespace fd::web
