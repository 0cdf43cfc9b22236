// HCR-13: a contact fast-tracked to the assessment team (app/fast_track.h) on the contact page,
// rendered by templates/contact_fast_track.mustache: "Fast-tracked: imminent risk of significant
// harm" with the team and the time, and the form a worker fast-tracks one with by hand.
#pragma once

#include <string>

#include "app/actor.h"
#include "app/workflow.h"
#include "web/page_kit.h"

namespace fd::web {

// What was typed into the form, kept when it was refused.
struct FastTrackForm {
  std::string reason;
  std::string error;
};

// Sets "fast_tracked" (the team, when, why) and, to a social worker or team manager while the
// contact may still be fast-tracked under the pack in force when it came in, "fast_track_form".
void AddFastTrack(const PageContext& pc, const app::Actor& actor, const app::WorkflowView& view,
                  const FastTrackForm& form, Data& d);

// One fast-tracked contact as the contact page and the team's queue show it.
Data FastTrackData(const PageContext& pc, const store::FastTrack& f);

}  // namespace fd::web
