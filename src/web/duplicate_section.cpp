#include "web/duplicate_section.h"

#include <fmt/format.h>

#include "app/deadlines.h"
#include "app/permissions.h"
#include "calendar/local_time.h"
#include "domain/contact_workflow.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

Data LinkData(const PageContext& pc, const store::DuplicateLink& l, bool may_open) {
  Data row = Object();
  row.set("reference", l.reference);
  if (may_open) row.set("href", fmt::format("/contacts/{}", l.contact_id));
  row.set("by", l.closed_by_name);
  row.set("at", calendar::FormatLocalForPeople(l.closed_at, pc.app.time_zone));
  row.set("reason", l.reason);
  if (!l.shares_child) row.set("no_shared_child", true);
  return row;
}

}  // namespace

std::string DuplicateInputId(const std::string& field) {
  if (field == "reopen_reason") return "reopen-reason";
  if (field == "reason") return "duplicate-reason";
  if (field == "same_concern") return "duplicate-same-concern";
  return "duplicate-contact";
}

void AddDuplicates(const PageContext& pc, const app::Actor& actor, const app::WorkflowView& view,
                   const DuplicateForm& form, Data& d, const ReopenForm& reopen) {
  const bool may_open = app::IsAllowed(actor.role, app::Action::kViewContact);
  if (view.duplicate_of) {
    Data closed = LinkData(pc, *view.duplicate_of, may_open);
    Data deadlines = List();
    for (const auto& n : view.deadlines_not_applicable) {
      Data row = Object();
      row.set("obligation", n.obligation);
      row.set("rule", n.rule_id);
      row.set("due", calendar::FormatLocalForPeople(n.due_at, pc.app.time_zone));
      deadlines.push_back(row);
    }
    if (!view.deadlines_not_applicable.empty()) {
      closed.set("has_not_applicable", true);
      closed.set("not_applicable", deadlines);
    }
    d.set("closed_as_duplicate", closed);
    // A team manager may reopen one closed by mistake (app/duplicates.h ReopenDuplicate).
    if (app::IsAllowed(actor.role, app::Action::kAuthoriseDecision)) {
      Data f = Object();
      f.set("contact_id", std::to_string(view.contact.id));
      f.set("version", std::to_string(view.contact.version));
      SetInput(f, "reopen_reason", reopen.reason, ErrorFor(reopen.errors, "reason"));
      if (!reopen.errors.empty()) {
        f.set("open", true);
        std::vector<FieldError> errors = reopen.errors;
        for (auto& e : errors)
          if (e.field == "reason") e.field = "reopen_reason";
        SetErrorSummary(d, errors, DuplicateInputId);
      }
      d.set("reopen_form", f);
    }
  }
  if (!view.duplicates.empty()) {
    Data rows = List();
    for (const auto& l : view.duplicates) rows.push_back(LinkData(pc, l, may_open));
    d.set("has_duplicates", true);
    d.set("duplicate_rows", rows);
  }
  // Offered only while it may be closed (domain CloseAsDuplicate) to whoever may screen it: not a
  // contact allocated to, or being screened by, another social worker (a team manager may).
  const ContactState state = ContactStateFromId(view.contact.state).value_or(ContactState::kReceived);
  const bool before_proposal =
      state == ContactState::kReceived || state == ContactState::kScreening || state == ContactState::kScreened;
  const bool held_by_other = app::HeldByOther(view, actor);
  if (!before_proposal || held_by_other || !app::IsAllowed(actor.role, app::Action::kScreenContact)) return;
  Data f = Object();
  f.set("contact_id", std::to_string(view.contact.id));
  f.set("version", std::to_string(view.contact.version));
  SetInput(f, "named", form.contact, ErrorFor(form.errors, "contact"));
  SetInput(f, "reason", form.reason, ErrorFor(form.errors, "reason"));
  if (auto error = ErrorFor(form.errors, "same_concern")) f.set("same_concern_error", *error);
  if (form.same_concern) f.set("same_concern", true);
  if (!form.errors.empty()) {
    f.set("open", true);
    SetErrorSummary(d, form.errors, DuplicateInputId);
  }
  d.set("duplicate_form", f);
}

void AddReopenedBanner(PageContext& pc, const app::Actor& actor, const app::WorkflowView& view, Data& d) {
  Data banner = Object();
  banner.set("stage", std::string(ContactStateTitle(
                          ContactStateFromId(view.contact.state).value_or(ContactState::kReceived))));
  // Restored with their original due times: one already past is breached, and the page says so.
  if (auto queue = app::ContactDeadlines(pc.app, actor, view.contact.id)) {
    Data breached = List();
    bool any = false;
    for (const auto& dl : queue->deadlines) {
      if (dl.met_at || dl.due_at >= queue->now) continue;
      Data row = Object();
      row.set("obligation", dl.obligation);
      row.set("rule", dl.rule_id);
      row.set("due", calendar::FormatLocalForPeople(dl.due_at, pc.app.time_zone));
      breached.push_back(row);
      any = true;
    }
    if (any) {
      banner.set("has_breached", true);
      banner.set("breached", breached);
    }
  }
  d.set("reopened_banner", banner);
}

}  // namespace fd::web
