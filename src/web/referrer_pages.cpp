#include "web/referrer_pages.h"

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/contacts.h"
#include "app/permissions.h"
#include "app/referrer_identity.h"
#include "web/contact_summary.h"
#include "web/error_pages.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

// The reason form, empty or with the refused reason kept beside its message.
http::Response ReasonForm(PageContext& pc, const http::Request& request, const Contact& contact, int status,
                          const std::string& reason, const std::vector<FieldError>& errors) {
  Data d = PageData(request, "The referrer's details – " + contact.reference);
  d.set("id", std::to_string(contact.id));
  d.set("reference", contact.reference);
  d.set("back_link", fmt::format("/contacts/{}", contact.id));
  SetInput(d, "reason", reason, ErrorFor(errors, "reason"));
  SetErrorSummary(d, errors, [](const std::string& field) { return field; });
  return Page(pc, status, "referrer_reason", std::move(d));
}

// GET /contacts/{id}/referrer
http::Response AskForReason(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no contact with that number"));
  auto contact = app::GetContact(pc.app, api::ActorOf(request), *id);
  if (!contact) return ErrorPage(contact.error());
  if (!contact->referrer.identity_withheld)
    return http::Response::Redirect(fmt::format("/contacts/{}", *id));  // nothing is withheld
  if (auto allowed = app::Authorise(api::ActorOf(request), app::Action::kViewReferrerIdentity); !allowed)
    return ErrorPage(allowed.error());
  return ReasonForm(pc, request, *contact, 200, "", {});
}

// POST /contacts/{id}/referrer: `reason`. Shows the details on this answer only (never stored in a
// link or the page cache: responses are Cache-Control: no-store).
http::Response Reveal(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no contact with that number"));
  const app::Actor actor = api::ActorOf(request);
  auto contact = app::GetContact(pc.app, actor, *id);
  if (!contact) return ErrorPage(contact.error());
  const std::string reason = FormValue(FormFields(request), "reason");
  auto referrer = app::RevealReferrer(pc.app, actor, *id, reason);
  if (!referrer) {
    if (referrer.error().code != ErrorCode::kInvalid) return ErrorPage(referrer.error());
    return ReasonForm(pc, request, *contact, 422, reason, referrer.error().fields);
  }
  Data d = PageData(request, "The referrer's details – " + contact->reference);
  d.set("id", std::to_string(*id));
  d.set("reference", contact->reference);
  d.set("back_link", fmt::format("/contacts/{}", *id));
  Data rows = List();
  AddReferrerRows(*referrer, "Anonymous member of the public", rows);
  d.set("referrer_rows", rows);
  return Page(pc, 200, "referrer_details", std::move(d));
}

}  // namespace

void RegisterReferrerPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  router.Add("GET", "/contacts/{id}/referrer", http::Access::kSignedIn,
             [pc](http::Request& r) { return AskForReason(*pc, r); });
  router.Add("POST", "/contacts/{id}/referrer", http::Access::kSignedIn,
             [pc](http::Request& r) { return Reveal(*pc, r); });
}

}  // namespace fd::web
