#include "web/deadline_pages.h"

#include <fmt/format.h>

#include <algorithm>
#include <charconv>

#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/call_confirmations.h"
#include "app/deadlines.h"
#include "app/permissions.h"
#include "web/email_warning.h"
#include "calendar/local_time.h"
#include "web/error_pages.h"
#include "web/query_refused.h"

namespace fd::web {
namespace {

constexpr int kPageSize = 50;  // deadlines on one page of the queue

struct StateTag {
  const char* text;
  const char* colour;  // a GOV.UK tag modifier
};

StateTag TagFor(const Deadline& d, Instant now, Instant end_of_today) {
  switch (d.StateAt(now)) {
    case DeadlineState::kBreached: return {"Breached", "govuk-tag--red"};
    case DeadlineState::kMet: return d.MetLate() ? StateTag{"Met late", "govuk-tag--orange"}
                                                 : StateTag{"Met", "govuk-tag--green"};
    case DeadlineState::kOpen:
      return d.DueBy(end_of_today) ? StateTag{"Due today", "govuk-tag--yellow"} : StateTag{"Open", "govuk-tag--blue"};
  }
  return {"Open", "govuk-tag--blue"};
}

const char* MethodTitle(const std::string& method) {
  return method == "verbal" ? "Told on the phone or in person" : "By e-mail";
}

http::Response Queue(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  // The same parameters as GET /api/v1/deadlines, read the same way (api/list_queries.h).
  api::QueryReader query(request, api::DeadlineListParams(api::QueryFrom::kPage));
  const api::DeadlineListQuery list = api::ReadDeadlineList(query, actor);
  if (auto refused = query.Refusal()) return QueryRefusedPage(pc, request, "Deadlines", *refused);
  const std::string& scope_id = list.scope;
  const app::QueueScope scope = list.queue_scope;
  const bool include_met = list.include_met;
  const int page = list.page;
  auto queue = app::ListDeadlines(pc.app, actor, scope, include_met, page, kPageSize);
  if (!queue) return ErrorPage(queue.error());
  Data d = PageData(request, "Deadlines");
  AddEmailWarning(pc, actor, d);  // HCR-22: acknowledgements waiting in the outbox are not made
  d.set("back_link", "/");
  Data scopes = List();
  for (auto [id, title] : {std::pair{"mine", "Mine"}, std::pair{"team", "My team"}, std::pair{"all", "Everyone"}}) {
    Data item = Object();
    item.set("id", id);
    item.set("title", title);
    if (scope_id == id) item.set("current", true);
    scopes.push_back(item);
  }
  d.set("scopes", scopes);
  d.set("scope", scope_id);
  if (include_met) d.set("include_met", true);
  // Counted over the whole scope, not the page shown (store::CountDeadlines).
  const store::QueueCounts& counts = queue->counts;
  d.set("summary",
        fmt::format("{} breached, {} due today, {} in all", counts.breached, counts.due_today, counts.total));
  if (!queue->deadlines.empty()) {
    d.set("has_deadlines", true);
    d.set("deadlines", DeadlineRows(*queue, pc.app.time_zone));
  } else if (counts.total > 0) {
    // A page past the end (an old link, a typed number): the deadlines are on page 1 onwards.
    d.set("first_page_link", fmt::format("/deadlines?scope={}{}", scope_id, include_met ? "&include_met=true" : ""));
  }
  const int pages = static_cast<int>((counts.total + kPageSize - 1) / kPageSize);
  if (pages > 1) {
    d.set("has_pages", true);
    if (page > 1) d.set("previous", std::to_string(page - 1));
    if (page < pages) d.set("next", std::to_string(page + 1));
    Data numbers = List();
    for (int n = std::max(1, page - 3); n <= std::min(pages, page + 3); ++n) {
      Data item = Object();
      item.set("number", std::to_string(n));
      if (n == page) item.set("current", true);
      numbers.push_back(item);
    }
    d.set("pages", numbers);
    d.set("showing", fmt::format("Showing {} to {} of {}", static_cast<std::int64_t>(page - 1) * kPageSize + 1,
                                 static_cast<std::int64_t>(page - 1) * kPageSize +
                                     static_cast<std::int64_t>(queue->deadlines.size()),
                                 counts.total));
  }
  return Page(pc, 200, "deadline_queue", d);
}

}  // namespace

Data DeadlineRows(const app::DeadlineQueue& queue, const std::string& time_zone) {
  Data rows = List();
  for (std::size_t i = 0; i < queue.deadlines.size(); ++i) {
    const Deadline& dl = queue.deadlines[i];
    const StateTag tag = TagFor(dl, queue.now, queue.end_of_today);
    Data row = Object();
    row.set("due", calendar::FormatLocalForPeople(dl.due_at, time_zone));
    if (dl.counted_without_bank_holidays) row.set("due_note", BankHolidaysUnknownNote(dl.bank_holidays_known_until));
    row.set("state", tag.text);
    row.set("colour", tag.colour);
    row.set("rule", dl.rule_id);
    row.set("obligation", dl.obligation);
    row.set("reference", dl.record_reference);
    // Who has the contact until its decision is made (store::Screener).
    if (const store::Screener* screener = app::ScreenerOf(queue, dl))
      row.set(!screener->started ? "allocated_to" : "screener",
              !screener->started                   ? screener->name
              : screener->stage == "screening"     ? "Being screened by " + screener->name
              : screener->stage == "screened"      ? "Screened by " + screener->name + ", decision to propose"
                                                   : "Screened by " + screener->name + ", decision awaiting authorisation");
    if (i < queue.links.size() && !queue.links[i].empty()) row.set("link", queue.links[i]);
    if (dl.met_at) row.set("met", calendar::FormatLocalForPeople(*dl.met_at, time_zone));
    rows.push_back(row);
  }
  return rows;
}

std::optional<Instant> AddContactDeadlines(PageContext& pc, const app::Actor& actor, std::int64_t contact_id,
                                           const AcknowledgementForm& form, Data& d) {
  auto queue = app::ContactDeadlines(pc.app, actor, contact_id);
  if (!queue) return std::nullopt;
  std::optional<Instant> written_due;
  for (const auto& dl : queue->deadlines)
    if (dl.timescale == app::kWrittenConfirmationTimescale && !dl.met_at) written_due = dl.due_at;
  if (!queue->deadlines.empty()) {
    d.set("has_deadlines", true);
    d.set("deadlines", DeadlineRows(*queue, pc.app.time_zone));
  }
  Data acks = List();
  for (const auto& a : queue->acknowledgements) {
    Data row = Object();
    row.set("method", MethodTitle(a.method));
    row.set("at", calendar::FormatLocalForPeople(a.at, pc.app.time_zone));
    row.set("by", a.by_name);
    row.set("note", a.note);
    acks.push_back(row);
  }
  if (!queue->acknowledgements.empty()) {
    d.set("has_acknowledgements", true);
    d.set("acknowledgements", acks);
  }
  // HCR-22: the automatic acknowledgement is made when it is sent; until then the page says it
  // waits, or was not sent and why, so nobody takes it for done.
  if (const auto& email = queue->acknowledgement_email; email && email->state != app::EmailDelivery::State::kSent) {
    d.set("acknowledgement_email", app::DeliveryWords(*email, pc.app.time_zone));
    if (email->state == app::EmailDelivery::State::kNotSent) d.set("acknowledgement_email_not_sent", true);
  }
  if (!app::IsAllowed(actor.role, app::Action::kAcknowledgeContact)) return written_due;
  d.set("contact_id", std::to_string(contact_id));
  if (!form.chase_tell.empty()) d.set("chase_tell", form.chase_tell);
  if (written_due) d.set("awaiting_written", true);
  Data f = Object();
  f.set("contact_id", std::to_string(contact_id));
  f.set("note", form.note);
  f.set("chase_note", form.chase_note);
  if (form.method == "verbal") f.set("verbal", true);
  if (form.method == "email") f.set("email", true);
  if (!form.errors.empty()) {
    d.set("has_errors", true);
    Data errors = List();
    for (const auto& e : form.errors) {
      Data item = Object();
      const bool chase = e.field == "chase_note";
      item.set("input_id", chase ? "chase_note" : e.field == "note" ? "ack-note" : "ack-method");
      item.set("message", e.message);
      errors.push_back(item);
      f.set(chase ? "chase_note_error" : e.field == "note" ? "note_error" : "method_error", e.message);
    }
    d.set("errors", errors);
  }
  d.set("ack_form", f);
  return written_due;
}

void RegisterDeadlinePages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/deadlines", Access::kSignedIn, [pc](http::Request& r) { return Queue(*pc, r); });
}

}  // namespace fd::web
