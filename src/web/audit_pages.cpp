#include "web/audit_pages.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/audit_reading.h"
#include "app/permissions.h"
#include "calendar/local_time.h"
#include "http/message.h"
#include "web/date_boxes.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

const std::vector<std::string> kTextFields = {"event_type", "who", "record_kind", "record_id"};

int PageParam(const http::Request& request) {
  int page = 1;
  const std::string text = request.QueryParam("page");
  if (text.empty()) return page;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), page);
  if (ec != std::errc{} || end != text.data() + text.size() || page < 1) return 1;
  return page;
}

// The event's details as "key: value" lines: what the event holds, secrets already withheld.
std::string DetailsText(const app::AuditRow& row) {
  if (row.erased_by) return fmt::format("Erased by retention (event {})", *row.erased_by);
  std::string out;
  for (auto it = row.details.begin(); it != row.details.end(); ++it) {
    if (!out.empty()) out += "\n";
    out += it.key() + ": " + (it.value().is_string() ? it.value().get<std::string>() : it.value().dump());
  }
  return out;
}

// The query of this listing with another page number, for the pagination links.
std::string PageLink(const app::AuditQuery& q, const DateBoxes& from, const DateBoxes& to, int page) {
  std::string link = "/audit?";
  auto add = [&](const std::string& key, const std::string& value) {
    if (!value.empty()) link += key + "=" + http::PercentEncode(value) + "&";
  };
  add("event_type", q.event_type);
  add("who", q.who);
  add("record_kind", q.record_kind);
  add("record_id", q.record_id);
  for (const auto& [name, boxes] : {std::pair{"from", &from}, std::pair{"to", &to}}) {
    add(std::string(name) + "-day", boxes->day);
    add(std::string(name) + "-month", boxes->month);
    add(std::string(name) + "-year", boxes->year);
  }
  return link + "page=" + std::to_string(page);
}

void SetPagination(Data& d, const app::AuditQuery& q, const DateBoxes& from, const DateBoxes& to, int page,
                   std::int64_t total) {
  const int pages = static_cast<int>((total + app::kAuditPageSize - 1) / app::kAuditPageSize);
  if (pages <= 1) return;
  d.set("has_pages", true);
  if (page > 1) d.set("previous", PageLink(q, from, to, std::min(page - 1, pages)));
  if (page < pages) d.set("next", PageLink(q, from, to, page + 1));
  d.set("page_of", fmt::format("Page {} of {}", std::min(page, pages), pages));
}

http::Response AuditPage(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  if (auto allowed = app::Authorise(actor, app::Action::kVerifyAudit); !allowed) return ErrorPage(allowed.error());
  const DateBoxes from = QueryDateBoxes(request, "from");
  const DateBoxes to = QueryDateBoxes(request, "to");
  app::AuditQuery query{request.QueryParam("event_type"), request.QueryParam("who"),
                        request.QueryParam("record_kind"), request.QueryParam("record_id"),
                        IsoDate(from), IsoDate(to), PageParam(request), app::kAuditPageSize};
  Data d = PageData(request, "Audit log");
  d.set("back_link", "/");
  std::vector<FieldError> errors;
  auto listing = app::ReadAuditLog(pc.app, actor, query);
  if (!listing) {
    if (!listing.error().IsInvalid()) return ErrorPage(listing.error());
    errors = listing.error().fields;
    SayForDateBoxes(errors, "from", "From", from);
    SayForDateBoxes(errors, "to", "To", to);
  } else {
    d.set("chain_state", app::ChainStateInWords(listing->chain));
    if (!listing->chain.intact) d.set("chain_broken", true);
    d.set("summary", listing->total == 1 ? std::string("1 event, newest first")
                                         : fmt::format("{} events, newest first", listing->total));
    Data rows = List();
    for (const auto& e : listing->rows) {
      Data row = Object();
      row.set("seq", std::to_string(e.seq));
      row.set("when", calendar::FormatLocalForPeople(e.at, pc.app.time_zone));
      row.set("who", e.actor_name.empty() ? e.actor : e.actor_name + " (" + e.actor + ")");
      row.set("what", e.what);
      row.set("event_type", e.action);
      row.set("record", e.record);
      row.set("details", DetailsText(e));
      rows.push_back(row);
    }
    if (!listing->rows.empty()) {
      d.set("has_events", true);
      d.set("events", rows);
    } else {
      d.set("empty_text", listing->total == 0 ? std::string("No events match these filters.")
                                              : std::string("There are no events on this page."));
    }
    SetPagination(d, query, from, to, query.page, listing->total);
  }
  const std::vector<std::string> typed = {query.event_type, query.who, query.record_kind, query.record_id};
  for (std::size_t i = 0; i < kTextFields.size(); ++i)
    SetInput(d, kTextFields[i], typed[i], ErrorFor(errors, kTextFields[i]));
  d.set("from_field", DateFieldData("from", "From", "For example, 1 11 2026", from, ErrorFor(errors, "from")));
  d.set("to_field", DateFieldData("to", "To", "For example, 30 11 2026", to, ErrorFor(errors, "to")));
  SetErrorSummary(d, errors, [&](const std::string& f) {
    if (f == "from") return f + "-" + FirstBoxAtFault(from);
    if (f == "to") return f + "-" + FirstBoxAtFault(to);
    return f;
  });
  return Page(pc, errors.empty() ? 200 : 422, "audit", d);
}

}  // namespace

void AddAuditLink(const app::Actor& actor, Data& d) {
  if (app::IsAllowed(actor.role, app::Action::kVerifyAudit)) d.set("audit_link", "/audit");
}

void RegisterAuditPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  router.Add("GET", "/audit", http::Access::kSignedIn, [pc](http::Request& r) { return AuditPage(*pc, r); });
}

}  // namespace fd::web
