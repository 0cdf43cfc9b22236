#include "web/record_access_pages.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/permissions.h"
#include "app/record_access.h"
#include "calendar/local_time.h"
#include "web/form_kit.h"
#include "web/query_refused.h"

namespace fd::web {
namespace {

constexpr int kPageSize = 25;

std::string AccessPath(std::int64_t person_id) { return fmt::format("/people/{}/record-access", person_id); }

// What was opened, in words: the kind and its reference (never a name).
std::string WhatWasOpened(const app::RecordView& v) {
  if (v.kind == "person") return "Register record of person " + v.record;
  if (v.kind == "contact") return "Contact " + v.record;
  if (v.kind == "referrer-identity") return "Referrer's identity on contact " + v.record;
  if (v.kind == "consultation") return "Consultation " + v.record;
  if (v.kind == "chair-consultation") return "Child Protection Chair consultation " + v.record;
  if (v.kind == "information-request") return "Request for information " + v.record;
  return v.kind + " " + v.record;
}

// GOV.UK pagination for many pages: the first, the last, the current and its neighbours, with an
// ellipsis for each gap.
void SetPagination(Data& d, std::int64_t person_id, int page, std::int64_t total) {
  const int pages = static_cast<int>((total + kPageSize - 1) / kPageSize);
  if (pages <= 1) return;
  const std::string base = AccessPath(person_id) + "?page=";
  d.set("has_pages", true);
  if (page > 1) d.set("previous", base + std::to_string(std::min(page - 1, pages)));
  if (page < pages) d.set("next", base + std::to_string(page + 1));
  Data items = List();
  bool gap = false;
  for (int n = 1; n <= pages; ++n) {
    if (n != 1 && n != pages && (n < page - 1 || n > page + 1)) {
      if (!gap) {
        Data ellipsis = Object();
        ellipsis.set("ellipsis", true);
        items.push_back(ellipsis);
      }
      gap = true;
      continue;
    }
    gap = false;
    Data item = Object();
    item.set("number", std::to_string(n));
    item.set("link", base + std::to_string(n));
    if (n == page) item.set("current", true);
    items.push_back(item);
  }
  d.set("pages", items);
}

http::Response ListPage(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no person with that number on the register"));
  // The same page parameter as GET /api/v1/people/{id}/record-access (api/list_queries.h).
  api::QueryReader query(request, api::RecordAccessParams(api::QueryFrom::kPage));
  const int page = query.WholeNumber("page", 1);
  if (auto refused = query.Refusal()) return QueryRefusedPage(pc, request, "Who viewed a person's records", *refused);
  auto access = app::ListRecordAccess(pc.app, api::ActorOf(request), *id, page, kPageSize);
  if (!access) return ErrorPage(access.error());
  Data d = PageData(request, fmt::format("Who viewed the records of person {}", *id));
  d.set("back_link", "/record-access");
  d.set("person_id", std::to_string(*id));
  if (access->restricted) d.set("restricted", true);
  d.set("summary", access->total == 1 ? std::string("1 view, newest first")
                                      : fmt::format("{} views, newest first", access->total));
  Data rows = List();
  for (const auto& v : access->views) {
    Data row = Object();
    row.set("when", calendar::FormatLocalForPeople(v.at, pc.app.time_zone));
    row.set("who", v.user);
    row.set("role", v.role_title.empty() ? v.role : v.role_title);
    row.set("what", WhatWasOpened(v));
    row.set("reason", v.reason);
    rows.push_back(row);
  }
  if (!access->views.empty()) {
    d.set("has_views", true);
    d.set("views", rows);
  } else {
    d.set("empty_text", access->total == 0 ? std::string("Nobody has opened this person's records yet.")
                                           : std::string("There are no views on this page."));
    if (access->total > 0) d.set("first_page_link", AccessPath(*id));
  }
  SetPagination(d, *id, page, access->total);
  return Page(pc, 200, "record_access", d);
}

// The form asking whose records; `people` lists the register people a contact's children are linked
// to, when there is more than one to choose from.
http::Response FindPage(PageContext& pc, const http::Request& request, const std::string& typed,
                        const std::vector<FieldError>& errors, const std::vector<std::int64_t>& people, int status) {
  Data d = PageData(request, "Who viewed a person's records");
  d.set("back_link", "/");
  SetErrorSummary(d, errors, [](const std::string&) { return std::string("person"); });
  SetInput(d, "person", typed, ErrorFor(errors, "person"));
  if (!people.empty()) {
    Data choices = List();
    for (auto person : people) {
      Data item = Object();
      item.set("link", AccessPath(person));
      item.set("text", fmt::format("Person {}", person));
      choices.push_back(item);
    }
    d.set("has_choices", true);
    d.set("choices", choices);
  }
  return Page(pc, status, "record_access_find", d);
}

http::Response Find(PageContext& pc, http::Request& request) {
  if (auto allowed = app::Authorise(api::ActorOf(request), app::Action::kViewRecordAccess); !allowed)
    return ErrorPage(allowed.error());
  if (auto refused = api::QueryReader(request, {}).Refusal())
    return QueryRefusedPage(pc, request, "Who viewed a person's records", *refused);
  return FindPage(pc, request, "", {}, {}, 200);
}

http::Response Go(PageContext& pc, http::Request& request) {
  const std::string typed = FormValue(FormFields(request), "person");
  auto people = app::FindRecordAccessPeople(pc.app, api::ActorOf(request), typed);
  if (!people) {
    if (!people.error().IsInvalid()) return ErrorPage(people.error());
    return FindPage(pc, request, typed, people.error().fields, {}, 422);
  }
  if (people->size() == 1) return http::Response::Redirect(AccessPath(people->front()));
  return FindPage(pc, request, typed, {}, *people, 200);
}

}  // namespace

void AddRecordAccessLink(const app::Actor& actor, Data& d) {
  if (app::IsAllowed(actor.role, app::Action::kViewRecordAccess)) d.set("record_access_link", "/record-access");
}

void RegisterRecordAccessPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/record-access", Access::kSignedIn, [pc](http::Request& r) { return Find(*pc, r); });
  router.Add("POST", "/record-access", Access::kSignedIn, [pc](http::Request& r) { return Go(*pc, r); });
  router.Add("GET", "/people/{id}/record-access", Access::kSignedIn, [pc](http::Request& r) { return ListPage(*pc, r); });
}

}  // namespace fd::web
