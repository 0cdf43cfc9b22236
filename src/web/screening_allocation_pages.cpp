#include "web/screening_allocation_pages.h"

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/permissions.h"
#include "app/screening_allocation.h"
#include "calendar/local_time.h"
#include "web/error_pages.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

// The form: the team's active social workers to choose from. After a refused choice (422) the form
// keeps the version the manager was looking at; after a conflict (409) it carries the one now stored.
http::Response AllocationForm(PageContext& pc, const http::Request& request, std::int64_t id,
                              const std::string& chosen, std::optional<std::int64_t> kept_version,
                              const std::vector<FieldError>& errors, int status) {
  auto choices = app::ScreeningAllocationChoicesFor(pc.app, api::ActorOf(request), id);
  if (!choices) return ErrorPage(choices.error());
  Data d = PageData(request, "Allocate screening of " + choices->reference);
  d.set("contact_id", std::to_string(id));
  d.set("reference", choices->reference);
  d.set("team_name", choices->team_name);
  d.set("version", std::to_string(kept_version.value_or(choices->version)));
  d.set("back_link", fmt::format("/contacts/{}", id));
  if (choices->current) d.set("allocated_to", choices->current->name);
  const std::string selected = !chosen.empty() ? chosen : choices->current ? choices->current->username : "";
  Data workers = List();
  for (const auto& w : choices->workers) {
    Data option = Object();
    option.set("value", w.username);
    option.set("label", w.name);
    option.set("selected", w.username == selected);
    workers.push_back(option);
  }
  d.set("workers", workers);
  if (choices->workers.empty()) d.set("no_workers", true);
  SetInput(d, "worker", chosen, ErrorFor(errors, "worker"));
  SetErrorSummary(d, errors, [](const std::string&) { return std::string("worker"); });
  return Page(pc, status, "screening_allocation", d);
}

http::Response ShowForm(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  return AllocationForm(pc, request, *id, "", std::nullopt, {}, 200);
}

http::Response Allocate(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const auto fields = FormFields(request);
  const std::string worker = FormValue(fields, "worker");
  const auto version = WholeNumber(FormValue(fields, "version"));
  if (!version) return ErrorPage(Error::Invalid({}, "The form was sent without the contact's version: reload the page"));
  auto done = app::AllocateScreening(pc.app, api::ActorOf(request), *id, *version, worker);
  if (!done) {
    const Error& e = done.error();
    if (e.IsInvalid()) return AllocationForm(pc, request, *id, worker, version, e.fields, 422);
    if (e.code == ErrorCode::kConflict) return AllocationForm(pc, request, *id, worker, std::nullopt, {{"worker", e.message}}, 409);
    return ErrorPage(e);
  }
  return http::Response::Redirect(fmt::format("/contacts/{}?screening_allocated=1", *id));
}

}  // namespace

void AddScreeningAllocation(const app::WorkflowView& view, const app::Actor& actor, Data& d,
                            std::string_view time_zone) {
  if (view.allocation) d.set("allocated_to", view.allocation->name);
  // Review finding 4: unallocated, whoever started screening it holds it; everyone sees who.
  else if (view.screener_id && view.screening) {
    d.set("screening_holder", view.screener_name);
    d.set("screening_holder_since", calendar::FormatLocalForPeople(view.screening->started_at, time_zone));
  }
  // Until its decision is made (app/screening_allocation.h).
  const bool at_front_door = view.contact.state == "received" || view.contact.state == "screening" ||
                             view.contact.state == "screened" || view.contact.state == "proposed";
  if (at_front_door && app::IsAllowed(actor.role, app::Action::kAllocateScreening) && view.contact.team_id &&
      view.contact.team_id == actor.team_id) {
    d.set("allocate_link", fmt::format("/contacts/{}/screening-allocation", view.contact.id));
    d.set("allocate_link_text", std::string(view.allocation ? "Re-allocate screening" : "Allocate screening to a social worker"));
  }
  // KCR-10, HCR-30: screen together rather than apart; never a refusal.
  if (!view.screened_at_the_same_time.empty()) {
    Data together = List();
    for (const auto& o : view.screened_at_the_same_time) {
      Data item = Object();
      item.set("contact_id", std::to_string(o.contact_id));
      item.set("reference", o.reference);
      item.set("screener", o.screening_by_name);
      together.push_back(item);
    }
    d.set("screened_together", together);
    d.set("has_screened_together", true);
  }
}

void RegisterScreeningAllocationPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/contacts/{id}/screening-allocation", Access::kSignedIn,
             [pc](http::Request& r) { return ShowForm(*pc, r); });
  router.Add("POST", "/contacts/{id}/screening-allocation", Access::kSignedIn,
             [pc](http::Request& r) { return Allocate(*pc, r); });
}

}  // namespace fd::web
