#include "web/partner_pages.h"

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/agency_checks.h"
#include "app/permissions.h"
#include "calendar/local_time.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

std::string CheckPath(std::int64_t id) { return fmt::format("/partner/checks/{}", id); }

std::string When(const PageContext& pc, const std::optional<Instant>& at, const char* none) {
  return at ? calendar::FormatLocalForPeople(*at, pc.app.time_zone) : std::string(none);
}

std::string Status(const PageContext&, const app::PartnerCheck& c) {
  if (c.answer) return "Answered";
  if (c.overdue)
    return c.chases > 0 ? fmt::format("Overdue: the front door has chased it {} {}", c.chases, c.chases == 1 ? "time" : "times")
                        : std::string("Overdue");
  return "Awaiting your answer";
}

std::string PeopleNames(const app::PartnerCheck& c) {
  std::string out;
  for (const auto& p : c.people) {
    if (!out.empty()) out += ", ";
    out += p.first_names;
    if (!p.last_name.empty()) {
      out += ' ';
      out += p.last_name;
    }
  }
  return out;
}

http::Response Queue(PageContext& pc, http::Request& request) {
  auto checks = app::ListPartnerChecks(pc.app, api::ActorOf(request));
  if (!checks) return ErrorPage(checks.error());
  Data d = PageData(request, "Check requests");
  d.set("back_link", "/");
  Data rows = List();
  for (const auto& c : *checks) {
    Data row = Object();
    row.set("link", CheckPath(c.id));
    row.set("number", std::to_string(c.id));
    row.set("people", PeopleNames(c));
    row.set("urgency", c.urgency == "urgent" ? std::string("Urgent") : std::string("Standard"));
    row.set("due", When(pc, c.due_at, "No deadline"));
    row.set("status", Status(pc, c));
    rows.push_back(row);
  }
  if (!checks->empty()) {
    d.set("has_checks", true);
    d.set("checks", rows);
    d.set("agency_name", checks->front().agency_name);
  }
  return Page(pc, 200, "partner_checks", d);
}

http::Response CheckPage(PageContext& pc, const http::Request& request, const app::PartnerCheck& c,
                         const std::string& typed, const std::optional<std::string>& error, int status) {
  Data d = PageData(request, fmt::format("Check request {}", c.id));
  d.set("back_link", "/partner/checks");
  d.set("id", std::to_string(c.id));
  d.set("agency_name", c.agency_name);
  d.set("question", c.question);
  d.set("urgency", c.urgency == "urgent" ? std::string("Urgent") : std::string("Standard"));
  d.set("lawful_basis", c.lawful_basis_label);
  d.set("requested_at", When(pc, c.requested_at, ""));
  d.set("due", When(pc, c.due_at, "No deadline"));
  d.set("status", Status(pc, c));
  Data people = List();
  for (const auto& p : c.people) {
    Data row = Object();
    row.set("name", fmt::format("{} {}", p.first_names, p.last_name));
    row.set("date_of_birth", p.date_of_birth.empty() ? std::string("Not known") : calendar::IsoTextForPeople(p.date_of_birth));
    row.set("address", p.address.empty() ? std::string("Not known") : p.address);
    people.push_back(row);
  }
  d.set("people", people);
  if (c.answer) {
    d.set("answered", true);
    d.set("answer", *c.answer);
    d.set("answered_by", c.answered_by_name);
    d.set("answered_at", When(pc, c.answered_at, ""));
  } else {
    SetErrorSummary(d, error ? std::vector<FieldError>{{"answer", *error}} : std::vector<FieldError>{},
                    [](const std::string&) { return std::string("answer"); });
    SetInput(d, "answer", typed, error);
  }
  return Page(pc, status, "partner_check", d);
}

http::Response Show(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no check request with that number for your agency"));
  auto check = app::OpenPartnerCheck(pc.app, api::ActorOf(request), *id);
  if (!check) return ErrorPage(check.error());
  return CheckPage(pc, request, *check, "", std::nullopt, 200);
}

http::Response Answer(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no check request with that number for your agency"));
  const std::string typed = FormValue(FormFields(request), "answer");
  auto answered = app::AnswerPartnerCheck(pc.app, api::ActorOf(request), *id, typed);
  if (answered) return http::Response::Redirect(CheckPath(*id) + "?answered=1");
  if (!answered.error().IsInvalid()) return ErrorPage(answered.error());
  // Re-show the request with what was typed; reading it again is not a second look to audit.
  auto checks = app::ListPartnerChecks(pc.app, api::ActorOf(request));
  if (!checks) return ErrorPage(checks.error());
  for (const auto& c : *checks)
    if (c.id == *id) return CheckPage(pc, request, c, typed, ErrorFor(answered.error().fields, "answer"), 422);
  return ErrorPage(Error::NotFound("There is no check request with that number for your agency"));
}

}  // namespace

void AddPartnerChecksLink(const app::Actor& actor, Data& d) {
  if (app::IsAllowed(actor.role, app::Action::kAnswerAgencyCheck)) d.set("partner_checks_link", "/partner/checks");
}

void RegisterPartnerPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/partner/checks", Access::kSignedIn, [pc](http::Request& r) { return Queue(*pc, r); });
  router.Add("GET", "/partner/checks/{id}", Access::kSignedIn, [pc](http::Request& r) { return Show(*pc, r); });
  router.Add("POST", "/partner/checks/{id}", Access::kSignedIn, [pc](http::Request& r) { return Answer(*pc, r); });
}

}  // namespace fd::web
