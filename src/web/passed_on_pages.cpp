#include "web/passed_on_pages.h"

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/passed_on.h"
#include "calendar/local_time.h"
#include "web/error_pages.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

// The form: every active social worker but the holder, and why. After a refused choice (422) the
// form keeps what was entered and the version the manager was looking at; after a conflict (409) it
// carries the version now stored.
http::Response HandOverForm(PageContext& pc, const http::Request& request, std::int64_t id,
                            const std::string& chosen, const std::string& reason,
                            std::optional<std::int64_t> kept_version, const std::vector<FieldError>& errors,
                            int status) {
  auto choices = app::HandOverChoicesFor(pc.app, api::ActorOf(request), id);
  if (!choices) return ErrorPage(choices.error());
  Data d = PageData(request, "Hand over contact " + choices->reference);
  d.set("contact_id", std::to_string(id));
  d.set("reference", choices->reference);
  d.set("holder", choices->holder_name);
  d.set("version", std::to_string(kept_version.value_or(choices->version)));
  d.set("back_link", fmt::format("/contacts/{}", id));
  Data workers = List();
  for (const auto& w : choices->workers) {
    Data option = Object();
    option.set("value", w.username);
    option.set("label", w.team_name.empty() ? w.name : fmt::format("{} ({})", w.name, w.team_name));
    option.set("selected", w.username == chosen);
    workers.push_back(option);
  }
  d.set("workers", workers);
  if (choices->workers.empty()) d.set("no_workers", true);
  SetInput(d, "worker", chosen, ErrorFor(errors, "worker"));
  SetInput(d, "reason", reason, ErrorFor(errors, "reason"));
  SetErrorSummary(d, errors, [](const std::string& field) { return field; });
  return Page(pc, status, "hand_over", d);
}

http::Response ShowHandOver(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  return HandOverForm(pc, request, *id, "", "", std::nullopt, {}, 200);
}

http::Response HandOver(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const auto fields = FormFields(request);
  const std::string worker = FormValue(fields, "worker"), reason = FormValue(fields, "reason");
  const auto version = WholeNumber(FormValue(fields, "version"));
  if (!version)
    return ErrorPage(Error::Invalid({}, "The form was sent without the contact's version: reload the page"));
  auto done = app::HandOverContact(pc.app, api::ActorOf(request), *id, *version, worker, reason);
  if (!done) {
    const Error& e = done.error();
    if (e.IsInvalid()) return HandOverForm(pc, request, *id, worker, reason, version, e.fields, 422);
    if (e.code == ErrorCode::kConflict && e.message.starts_with("Someone else changed"))
      return HandOverForm(pc, request, *id, worker, reason, std::nullopt, {{"worker", e.message}}, 409);
    return ErrorPage(e);
  }
  return http::Response::Redirect(fmt::format("/contacts/{}?handed_over=1", *id));
}

// The holder's "Recorded on the child's record", from the contact page. A refused note (too long,
// control characters) or a stale version shows the contact page again with the message beside the
// note and the note as typed: the page, never an error page.
http::Response Recorded(PageContext& pc, http::Request& request, const ContactPageAgain& contact_page) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const auto fields = FormFields(request);
  const auto version = WholeNumber(FormValue(fields, "version"));
  if (!version)
    return ErrorPage(Error::Invalid({}, "The form was sent without the contact's version: reload the page"));
  RecordedForm form{FormValue(fields, "note"), {}};
  auto done = app::RecordOnChildRecord(pc.app, api::ActorOf(request), *id, *version, form.note);
  if (!done) {
    const Error& e = done.error();
    if (e.IsInvalid() && !e.fields.empty()) {
      form.errors = e.fields;
      return contact_page(request, *id, form, 422);
    }
    if (e.code == ErrorCode::kConflict && e.message.starts_with("Someone else changed")) {
      form.errors = {{"note", e.message}};
      return contact_page(request, *id, form, 409);
    }
    return ErrorPage(e);
  }
  return http::Response::Redirect(fmt::format("/contacts/{}?recorded_on_child_record=1", *id));
}

}  // namespace

void AddPassedOn(const app::WorkflowView& view, const std::string& time_zone, const RecordedForm& form, Data& d) {
  if (!view.passed_on) return;
  const app::PassedOn& p = *view.passed_on;
  Data out = Object();
  out.set("contact_id", std::to_string(view.contact.id));
  out.set("version", std::to_string(view.contact.version));
  out.set("holder", p.holder_name.empty() ? std::string("the allocated social worker") : p.holder_name);
  Data hand_overs = List();
  for (const auto& h : p.hand_overs) {
    Data row = Object();
    row.set("text", fmt::format("Handed from {} to {} by {} on {}", h.from_name, h.to_name, h.by_name,
                                calendar::FormatLocalForPeople(h.at, time_zone)));
    row.set("reason", h.reason);
    hand_overs.push_back(row);
  }
  out.set("hand_overs", hand_overs);
  if (!p.hand_overs.empty()) out.set("has_hand_overs", true);
  if (p.recorded) {
    Data rec = Object();
    rec.set("text", fmt::format("Recorded on the child's record by {} on {}", p.recorded->recorded_by_name,
                                calendar::FormatLocalForPeople(p.recorded->recorded_at, time_zone)));
    rec.set("note", p.recorded->note);
    out.set("recorded_on_record", rec);
  }
  if (p.may_record) out.set("may_record", true);
  SetInput(out, "note", form.note, ErrorFor(form.errors, "note"));
  if (!form.errors.empty())
    SetErrorSummary(d, form.errors, [](const std::string&) { return std::string("recorded-note"); });
  if (p.may_hand_over) out.set("hand_over_link", fmt::format("/contacts/{}/hand-over", view.contact.id));
  d.set("passed_on", out);
}

void RegisterPassedOnPages(http::Router& router, const std::shared_ptr<PageContext>& pc, ContactPageAgain contact_page) {
  using http::Access;
  router.Add("GET", "/contacts/{id}/hand-over", Access::kSignedIn,
             [pc](http::Request& r) { return ShowHandOver(*pc, r); });
  router.Add("POST", "/contacts/{id}/hand-over", Access::kSignedIn,
             [pc](http::Request& r) { return HandOver(*pc, r); });
  router.Add("POST", "/contacts/{id}/recorded-on-child-record", Access::kSignedIn,
             [pc, contact_page](http::Request& r) { return Recorded(*pc, r, contact_page); });
}

}  // namespace fd::web
