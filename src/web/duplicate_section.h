// A contact closed as a duplicate of another on the contact page (app/duplicates.h), rendered by
// templates/contact_duplicates.mustache: "Closed as a duplicate of …" with its deadlines closed as
// not applicable, "Duplicates: …" on the other, and the form that closes one.
#pragma once

#include <string>
#include <vector>

#include "app/actor.h"
#include "app/workflow.h"
#include "domain/error.h"
#include "web/page_kit.h"

namespace fd::web {

// What was typed into the form, kept when it was refused.
struct DuplicateForm {
  std::string contact;
  std::string reason;
  bool same_concern = false;
  std::vector<FieldError> errors;
};

// What was typed into the reopening form, kept when it was refused.
struct ReopenForm {
  std::string reason;
  std::vector<FieldError> errors;
};

// The input each field's error links to.
std::string DuplicateInputId(const std::string& field);

// Sets "closed_as_duplicate" (the original, linked; who, when, why; the deadlines closed), "duplicates"
// (the contacts closed as duplicates of this one, linked) and, to a social worker or team manager who
// may screen it while no decision is proposed, "duplicate_form" (with the refused form's errors).
// To a team manager, on a contact closed as a duplicate, "reopen_form" (docs/decisions.md "Reopening a
// duplicate").
void AddDuplicates(const PageContext& pc, const app::Actor& actor, const app::WorkflowView& view,
                   const DuplicateForm& form, Data& d, const ReopenForm& reopen = {});

// Just after reopening: "reopened_banner" with the stage it is back at and, when any of its deadlines
// is already past its due time, that they are breached and which ("reopened_breached").
void AddReopenedBanner(PageContext& pc, const app::Actor& actor, const app::WorkflowView& view, Data& d);

}  // namespace fd::web
