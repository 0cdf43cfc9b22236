// HCR-5: a contact passed at receipt to a child's allocated worker (app/passed_on.h): the page where
// a team manager hands it to another social worker, the holder's "Recorded on the child's record",
// and what the contact page says of both.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/workflow.h"
#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

// The "Recorded on the child's record" form as posted, kept on the contact page when it is refused.
struct RecordedForm {
  std::string note;
  std::vector<FieldError> errors;
};

// The contact page again after a refused form of its own (pages.cpp): `status` 422 or 409, the form
// with what was typed and its message, the other forms as new.
using ContactPageAgain =
    std::function<http::Response(const http::Request&, std::int64_t contact_id, const RecordedForm&, int status)>;

void RegisterPassedOnPages(http::Router& router, const std::shared_ptr<PageContext>& pc, ContactPageAgain contact_page);

// Sets `passed_on` (holder, hand-overs, recording, the form and link the reader may use) when the
// contact was passed to an allocated worker; `form` is the refused recording, when there is one.
void AddPassedOn(const app::WorkflowView& view, const std::string& time_zone, const RecordedForm& form, Data& d);

}  // namespace fd::web
