#include "web/child_match_pages.h"

#include <charconv>

#include <fmt/format.h>

#include "calendar/local_time.h"
#include "api/session_guard.h"
#include "app/people.h"
#include "app/permissions.h"
#include "app/person_search.h"
#include "web/error_pages.h"
#include "web/form_kit.h"

namespace fd::web {

Data CandidateItem(const app::PersonCandidate& c) {
  Data item = Object();
  if (c.restricted) {
    item.set("restricted", true);
    item.set("ask", c.ask);
    return item;
  }
  item.set("person_id", std::to_string(c.id));
  item.set("name", c.first_names + " " + c.last_name);
  item.set("date_of_birth", c.date_of_birth.empty() ? std::string("date of birth not recorded") : "born " + calendar::IsoTextForPeople(c.date_of_birth));
  item.set("band", std::string(app::MatchBandWords(c.band)));
  item.set("likely", c.band == app::MatchBand::kLikely);
  std::string status = c.open ? "Open" : "Not open";
  if (c.open && !c.allocated_worker.empty()) status += ": allocated to " + c.allocated_worker;
  if (c.open && !c.team.empty()) status += ", " + c.team;
  if (c.sibling_open) status += "; a brother or sister is open";
  item.set("status", status);
  Data reasons = List();
  for (const auto& r : c.reasons) {
    if (r.agreement == "missing") continue;
    Data reason = Object();
    reason.set("words", r.words);
    reasons.push_back(reason);
  }
  item.set("reasons", reasons);
  return item;
}

namespace {

std::optional<int> Position(const http::Request& request) {
  auto it = request.params.find("position");
  if (it == request.params.end()) return std::nullopt;
  int value = -1;
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
  if (ec != std::errc{} || end != it->second.data() + it->second.size() || value < 0) return std::nullopt;
  return value;
}

// POST /contacts/{id}/children/{position}/person: `person_id` links the child to that record;
// `new=yes` records the child as a new person. 303 back to the contact either way; a choice refused
// (no record chosen, a record gone or merged meanwhile, the child linked by someone else meanwhile)
// is the contact page again saying why (422, 409).
http::Response Link(PageContext& pc, http::Request& request, const ContactPageWithChoice& contact_page) {
  const auto id = PathId(request);
  const auto position = Position(request);
  if (!id || !position) return ErrorPage(Error::NotFound("There is no such child on that contact"));
  const auto fields = FormFields(request);
  const app::Actor actor = api::ActorOf(request);
  Result<app::ChildLink> linked = std::unexpected(Error::InvalidField("person_id", "Choose a record or a new person"));
  if (FormValue(fields, "new") == "yes") {
    linked = app::NewPersonFromContactChild(pc.app, actor, *id, *position);
  } else {
    std::int64_t person = 0;
    const std::string text = FormValue(fields, "person_id");
    auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), person);
    if (ec == std::errc{} && end == text.data() + text.size() && person > 0)
      linked = app::ConfirmChildMatch(pc.app, actor, *id, *position, person);
  }
  if (!linked) {
    const Error& e = linked.error();
    if (!e.IsInvalid() && e.code != ErrorCode::kConflict) return ErrorPage(e);
    const std::string why = e.fields.empty() ? e.message : e.fields.front().message;
    return contact_page(request, *id, {*position, why}, e.IsInvalid() ? 422 : 409);
  }
  // The contact page says what to check: a name or date of birth that disagree with the record.
  std::string differs;
  for (const auto& w : linked->warnings) differs += (differs.empty() ? "" : ",") + w.field;
  return http::Response::Redirect(differs.empty() ? fmt::format("/contacts/{}?linked=1", *id)
                                                  : fmt::format("/contacts/{}?linked=1&differs={}", *id, differs));
}

}  // namespace

void AddChildMatches(PageContext& pc, const app::Actor& actor, const Contact& contact,
                     const std::vector<std::string>& links, const ChildMatchForm& form, Data& blocks, Data& d) {
  // The summary links to the child's panel; when there is none any more (linked meanwhile), to the page.
  bool refused_panel = false;
  const auto summary = [&] {
    if (form.error.empty()) return;
    const std::string panel_id = refused_panel ? fmt::format("child-{}-match", form.position) : "main-content";
    SetErrorSummary(d, {{"person_id", form.error}}, [&](const std::string&) { return panel_id; });
  };
  if (!app::IsAllowed(actor.role, app::Action::kLinkContactChild) || !app::IsAllowed(actor.role, app::Action::kViewRegister))
    return summary();
  Data updated = List();
  const auto& children = contact.children;
  // The list is rebuilt: each block gains its matches.
  const auto& items = blocks.list_value();
  for (std::size_t position = 0; position < items.size() && position < children.size(); ++position) {
    Data block = items[position];
    if (position >= links.size() || links[position].empty()) {
      Data panel = Object();
      panel.set("action", fmt::format("/contacts/{}/children/{}/person", contact.id, position));
      panel.set("panel_id", fmt::format("child-{}-match", position));
      if (!form.error.empty() && form.position == static_cast<int>(position)) {
        panel.set("error", form.error);
        refused_panel = true;
      }
      Data candidates = List();
      bool any = false;
      const auto query = app::QueryForChild(children[position]);
      if (!query.empty()) {
        if (auto found = app::SearchPeople(pc.app, actor, query, 5)) {
          for (const auto& c : found->candidates) {
            candidates.push_back(CandidateItem(c));
            any = true;
          }
        }
      }
      panel.set("has_candidates", any);
      panel.set("candidates", candidates);
      block.set("match_panel", panel);
    }
    updated.push_back(block);
  }
  blocks = std::move(updated);
  summary();
}

void RegisterChildMatchPages(http::Router& router, const std::shared_ptr<PageContext>& pc,
                             ContactPageWithChoice contact_page) {
  router.Add("POST", "/contacts/{id}/children/{position}/person", http::Access::kSignedIn,
             [pc, contact_page = std::move(contact_page)](http::Request& r) { return Link(*pc, r, contact_page); });
}

}  // namespace fd::web
