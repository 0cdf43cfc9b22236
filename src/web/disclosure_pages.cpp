#include "web/disclosure_pages.h"

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/disclosures.h"
#include "calendar/local_time.h"

namespace fd::web {
namespace {

std::string Joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) {
    if (!out.empty()) out += ", ";
    out += item;
  }
  return out;
}

// Whom a row is about, as ids: "person 12", "contact 7 child 1".
std::string AboutWhom(const store::DisclosureRow& row) {
  std::vector<std::string> parts;
  for (const auto& s : row.subjects) {
    if (s.person_id) parts.push_back(fmt::format("person {}", *s.person_id));
    else if (s.contact_id && s.child_position) parts.push_back(fmt::format("contact {} child {}", *s.contact_id, *s.child_position + 1));
  }
  return parts.empty() ? std::string("(a statutory return)") : Joined(parts);
}

http::Response ListPage(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no person with that number on the register"));
  auto entries = app::ListPersonDisclosures(pc.app, api::ActorOf(request), *id);
  if (!entries) return ErrorPage(entries.error());
  Data d = PageData(request, fmt::format("Disclosures about person {}", *id));
  d.set("back_link", fmt::format("/people/{}/record-access", *id));
  d.set("person_id", std::to_string(*id));
  Data rows = List();
  for (const auto& e : *entries) {
    Data row = Object();
    const auto at = ParseUtc(e.row.disclosed_at);
    row.set("when", at ? calendar::FormatLocalForPeople(*at, pc.app.time_zone) : e.row.disclosed_at);
    row.set("direction", e.row.direction == "out" ? std::string("Sent out") : std::string("Received"));
    row.set("items", Joined(e.row.items));
    row.set("whom", AboutWhom(e.row));
    row.set("counterpart", e.row.counterpart);
    row.set("basis", e.basis_label);
    row.set("authorised_by", e.row.authorised_by_name.empty() ? std::string("(no authorisation needed)")
                                                               : e.row.authorised_by_name);
    if (!e.cause_reference.empty()) {
      row.set("cause", "Request for information " + e.cause_reference);
      row.set("cause_link", e.cause_link);
    } else {
      row.set("cause", fmt::format("{} {}", e.row.cause_kind, e.row.cause_id));
    }
    rows.push_back(row);
  }
  if (!entries->empty()) {
    d.set("has_disclosures", true);
    d.set("ledger_rows", rows);
  }
  return Page(pc, 200, "person_disclosures", d);
}

}  // namespace

void RegisterDisclosurePages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  router.Add("GET", "/people/{id}/disclosures", http::Access::kSignedIn,
             [pc](http::Request& r) { return ListPage(*pc, r); });
}

}  // namespace fd::web
