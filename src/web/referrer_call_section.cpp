#include "web/referrer_call_section.h"

#include <fmt/format.h>

#include "app/permissions.h"
#include "app/referrer_callbacks.h"
#include "calendar/local_time.h"

namespace fd::web {

void AddReferrerCall(PageContext& pc, const app::Actor& actor, std::int64_t contact_id, const ReferrerCallForm& form,
                     Data& d) {
  auto view = app::ContactReferrerCallback(pc.app, actor, contact_id);
  if (!view) return;  // none was needed (or the reader may not see it)
  const auto& c = view->callback;
  Data call = Object();
  call.set("contact_id", std::to_string(contact_id));
  call.set("worker", c.user_name);
  call.set("tell", view->tell);
  if (!view->no_phone.empty()) call.set("no_phone", view->no_phone);
  if (view->due_at) call.set("due", calendar::FormatLocalForPeople(*view->due_at, pc.app.time_zone));
  if (c.told_at) {
    call.set("told", calendar::FormatLocalForPeople(*c.told_at, pc.app.time_zone));
    call.set("told_by", c.told_by_name);
    call.set("note", c.note);
  } else if (app::IsAllowed(actor.role, app::Action::kScreenContact)) {
    Data f = Object();
    f.set("note", form.note);
    if (!form.error.empty()) {
      f.set("note_error", form.error);
      d.set("has_errors", true);
      Data errors = List();
      Data item = Object();
      item.set("input_id", "referrer-call-note");
      item.set("message", form.error);
      errors.push_back(item);
      d.set("errors", errors);
    }
    call.set("form", f);
  }
  // HCR-24: a call made for an earlier decision (a reopened duplicate's referrer, told its original's
  // outcome) is shown as it was recorded, under the current one.
  if (!view->earlier.empty()) {
    Data earlier = List();
    for (const auto& e : view->earlier) {
      if (!e.told_at) continue;  // only a call made is kept (store::InsertReferrerCallback)
      Data item = Object();
      item.set("told", calendar::FormatLocalForPeople(*e.told_at, pc.app.time_zone));
      item.set("told_by", e.told_by_name);
      item.set("note", e.note);
      earlier.push_back(item);
    }
    call.set("earlier", earlier);
    call.set("has_earlier", true);
  }
  d.set("referrer_call", call);
}

void AddReferrersToTell(PageContext& pc, const app::Actor& actor, Data& d) {
  auto calls = app::ReferrersToTell(pc.app, actor);
  if (!calls || calls->empty()) return;
  Data list = List();
  for (const auto& v : *calls) {
    Data item = Object();
    item.set("reference", v.callback.contact_reference);
    item.set("link", fmt::format("/contacts/{}#referrer-call", v.callback.contact_id));
    if (!v.no_phone.empty()) item.set("no_phone", true);
    if (v.due_at) item.set("due", calendar::FormatLocalForPeople(*v.due_at, pc.app.time_zone));
    list.push_back(item);
  }
  d.set("referrers_to_tell", list);
  d.set("has_referrers_to_tell", true);
}

}  // namespace fd::web
