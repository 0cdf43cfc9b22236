#include "web/fast_track_section.h"

#include <fmt/format.h>

#include "app/fast_track.h"
#include "app/permissions.h"
#include "calendar/local_time.h"
#include "domain/contact_workflow.h"
#include "web/form_kit.h"

namespace fd::web {

Data FastTrackData(const PageContext& pc, const store::FastTrack& f) {
  Data row = Object();
  row.set("title", std::string(app::kFastTrackedTitle));
  row.set("contact_id", std::to_string(f.contact_id));
  row.set("contact_reference", f.contact_reference);
  row.set("team", f.team);
  row.set("at", calendar::FormatLocalForPeople(f.at, pc.app.time_zone));
  // The indicator in the words the intake form asked it in.
  if (!f.indicator.empty()) {
    std::string label = f.indicator;
    for (const auto& i : pc.app.procedures.PackAt(f.at).significant_harm_indicators)
      if (i.id == f.indicator) label = i.label;
    row.set("indicator", label);
  }
  if (!f.reason.empty()) {
    row.set("reason", f.reason);
    row.set("by", f.by_name);
  }
  if (const auto state = ContactStateFromId(f.state)) row.set("state", std::string(ContactStateTitle(*state)));
  return row;
}

void AddFastTrack(const PageContext& pc, const app::Actor& actor, const app::WorkflowView& view,
                  const FastTrackForm& form, Data& d) {
  if (view.fast_track) d.set("fast_tracked", FastTrackData(pc, *view.fast_track));
  // Offered only where the use case would take it (app::FastTrackByHand checks again).
  const auto& pack = pc.app.procedures.PackAt(view.contact.received_at);
  const ContactState state = ContactStateFromId(view.contact.state).value_or(ContactState::kReceived);
  if (view.fast_track || !pack.routing.FastTracks() || state == ContactState::kDecided ||
      state == ContactState::kDuplicate || state == ContactState::kRouted ||
      !app::IsAllowed(actor.role, app::Action::kScreenContact)) {
    // Refused because someone fast-tracked or decided it meanwhile: no form to put the message
    // beside, so it is said above the section.
    if (!form.error.empty()) d.set("fast_track_refused", form.error);
    return;
  }
  Data f = Object();
  f.set("contact_id", std::to_string(view.contact.id));
  f.set("team", pack.routing.referral_team);
  f.set("reason", form.reason);
  if (!form.error.empty()) {
    f.set("reason_error", form.error);
    f.set("open", true);
    // The page's error summary, at the top where a screen reader lands, links to the reason: the
    // message beside the field alone is out of sight inside the reopened section.
    SetErrorSummary(d, {{"reason", form.error}}, [](const std::string&) { return std::string("fast-track-reason"); });
  }
  d.set("fast_track_form", f);
}

}  // namespace fd::web
