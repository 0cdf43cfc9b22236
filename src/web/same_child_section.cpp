#include "web/same_child_section.h"

#include <fmt/format.h>

#include "app/permissions.h"
#include "calendar/local_time.h"
#include "domain/contact_workflow.h"
#include "web/contact_summary.h"

namespace fd::web {

void AddSameChild(const PageContext& pc, const app::Actor& actor, const app::WorkflowView& view, Data& d) {
  if (view.same_child.empty()) return;
  const bool may_open = app::IsAllowed(actor.role, app::Action::kViewContact);
  Data rows = List();
  int open = 0;
  for (const auto& s : view.same_child) {
    const ContactState state = ContactStateFromId(s.state).value_or(ContactState::kReceived);
    if (state != ContactState::kDecided && state != ContactState::kDuplicate) ++open;
    Data row = Object();
    row.set("reference", s.reference);
    if (may_open) row.set("href", fmt::format("/contacts/{}", s.contact_id));
    const auto position = static_cast<std::size_t>(s.child_position);
    row.set("child", position < view.contact.children.size() ? ChildName(view.contact.children[position]) : "");
    row.set("received", calendar::FormatLocalForPeople(s.received_at, pc.app.time_zone));
    row.set("stage", std::string(ContactStateTitle(state)));
    if (s.urgent) row.set("urgent", true);
    row.set("screening_by", s.screening_by_name.empty() ? std::string("Not started") : s.screening_by_name);
    rows.push_back(row);
  }
  d.set("has_same_child", true);
  d.set("same_child_rows", rows);
  d.set("same_child_summary",
        open == 0 ? std::string("No other contact about this child is open; these were decided or closed recently.")
        : open == 1
            ? std::string("1 other contact about this child is not yet decided: screen and decide them together.")
            : fmt::format("{} other contacts about this child are not yet decided: screen and decide them together.",
                          open));
}

}  // namespace fd::web
