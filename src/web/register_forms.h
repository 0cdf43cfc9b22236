// The people register's forms (issue 7; templates/person_*_new.mustache, person_*_end.mustache):
// a new person (/people/new), and on a person's record a previous or alternative name, an address,
// a relationship to another person, an involvement period, and ending (closing) an address or an
// involvement. Only for users who may manage the register (register.manage): everyone else is
// refused with 403, and the register view shows them no links to these forms.
//
// Every form follows the site's conventions (src/web/README.md): a CSRF token field, GOV.UK
// day/month/year date boxes, POST-redirect-GET back to the record with a success banner, and on a
// refusal the same form again (422) with the error summary naming each wrong field and everything
// as typed. The use cases (app/people.h) validate, write and audit.
#pragma once

#include <memory>

#include "http/router.h"
#include "web/page_kit.h"

namespace fd::web {

// Registers the forms' routes. Call before GET /people/{id} is registered: the router takes the
// first match, and /people/new is a fixed page.
void RegisterPersonForms(http::Router& router, const std::shared_ptr<PageContext>& pc);

// The words of the success banner on the register view for `?done=<what>` ("" for none).
std::string RegisterFormBanner(const std::string& done);

}  // namespace fd::web
