#include "web/status_pages.h"

#include <fmt/format.h>

#include "api/session_guard.h"
#include "api/status_link_routes.h"
#include "app/permissions.h"
#include "app/status_links.h"
#include "calendar/local_time.h"
#include "web/error_pages.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

// The referrer's page: the stage as steps, and after the decision what they may be told. No
// navigation, no sign-in link, nothing of the case beyond domain/referrer_status.h's answer.
http::Response StatusPage(PageContext& pc, http::Request& request) {
  const auto look = app::LookAtStatus(pc.app, request.Param("secret"), request.remote_address);
  Data d = Object();
  d.set("authority_name", look.authority_name);
  d.set("home_link", std::string("/request-for-support"));
  http::Response response;
  if (look.outcome != app::StatusLook::Outcome::kShown) {
    d.set("title", "Status of your contact");
    switch (look.outcome) {
      case app::StatusLook::Outcome::kExpired:
        d.set("problem", std::string("This link has expired"));
        d.set("advice", std::string("Status links work for a limited time. If you need to know more, contact us and "
                                    "quote the reference from your e-mail."));
        break;
      case app::StatusLook::Outcome::kRevoked:
        d.set("problem", std::string("This link no longer works"));
        d.set("advice", std::string("It has been withdrawn. If you need to know more, contact us and quote the "
                                    "reference from your e-mail."));
        break;
      case app::StatusLook::Outcome::kTooMany:
        d.set("problem", std::string("Too many requests"));
        d.set("advice", fmt::format("Please try again in {} minutes.", (look.retry_after.count() + 59) / 60));
        break;
      default:
        d.set("problem", std::string("There is no status page at this link"));
        d.set("advice", std::string("Check that you copied the whole link from your e-mail. If you still cannot open "
                                    "it, contact us and quote the reference from your e-mail."));
    }
    response = Page(pc, api::StatusCodeOf(look.outcome), "referrer_status", d);
    if (look.outcome == app::StatusLook::Outcome::kTooMany)
      response.Header("Retry-After", std::to_string(look.retry_after.count()));
  } else {
    const ReferrerStatus& s = *look.status;
    d.set("title", "Contact " + s.reference);
    d.set("shown", true);
    d.set("reference", s.reference);
    d.set("received", calendar::FormatLocalForPeople(s.received_at, pc.app.time_zone));
    d.set("stage_title", std::string(ReferrerStageTitle(s.stage)));
    d.set("stage_id", std::string(ReferrerStageId(s.stage)));
    d.set("summary", s.summary);
    // The steps as a referrer knows them: received, then decided, or passed on (to the LADO). No
    // step in between: it would show how far the front door has got, which a contact passed to an
    // allocated worker never goes (domain/referrer_status.h).
    Data steps = List();
    const bool passed_on = s.stage == ReferrerStage::kPassedOn;
    const std::size_t reached = s.stage == ReferrerStage::kReceived ? 0 : 1;
    const std::vector<std::string> names{"Received", passed_on ? "Passed on" : "Decided"};
    for (std::size_t i = 0; i < names.size(); ++i) {
      Data step = Object();
      step.set("name", names[i]);
      if (i < reached) step.set("done", true);
      if (i == reached) step.set("current", true);
      steps.push_back(step);
    }
    d.set("steps", steps);
    if (s.decided_at) d.set("decided", calendar::FormatLocalForPeople(*s.decided_at, pc.app.time_zone));
    if (!s.outcome.empty()) d.set("outcome", s.outcome);
    if (!s.next_steps.empty()) d.set("next_steps", s.next_steps);
    if (!s.passed_to.empty()) d.set("passed_to", s.passed_to);
    if (!s.feed_back_to.empty()) d.set("feed_back_to", s.feed_back_to);
    if (!s.confidential_message.empty()) d.set("confidential_message", s.confidential_message);
    response = Page(pc, 200, "referrer_status", d);
  }
  // The secret is in the address: never cached, never sent on as a Referer.
  response.Header("Cache-Control", "no-store");
  response.Header("Referrer-Policy", "no-referrer");
  return response;
}

http::Response RevokeForm(PageContext& pc, const http::Request& request, std::int64_t id, const std::string& reason,
                          const std::vector<FieldError>& errors, int status) {
  const app::Actor actor = api::ActorOf(request);
  auto links = app::StatusLinksOfContact(pc.app, actor, id);
  if (!links) return ErrorPage(links.error());
  Data d = PageData(request, "Revoke the status link");
  d.set("contact_id", std::to_string(id));
  d.set("back_link", fmt::format("/contacts/{}", id));
  SetInput(d, "reason", reason, ErrorFor(errors, "reason"));
  SetErrorSummary(d, errors, [](const std::string&) { return std::string("reason"); });
  return Page(pc, status, "status_link_revoke", d);
}

http::Response ShowRevokeForm(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  if (auto allowed = app::Authorise(api::ActorOf(request), app::Action::kAcknowledgeContact); !allowed)
    return ErrorPage(allowed.error());
  return RevokeForm(pc, request, *id, "", {}, 200);
}

http::Response Revoke(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const auto fields = FormFields(request);
  const std::string reason = FormValue(fields, "reason");
  auto revoked = app::RevokeStatusLinks(pc.app, api::ActorOf(request), *id, reason);
  if (!revoked) {
    if (revoked.error().IsInvalid()) return RevokeForm(pc, request, *id, reason, revoked.error().fields, 422);
    if (revoked.error().code == ErrorCode::kConflict)
      return RevokeForm(pc, request, *id, reason, {{"reason", revoked.error().message}}, 409);
    return ErrorPage(revoked.error());
  }
  return http::Response::Redirect(fmt::format("/contacts/{}?status_link_revoked=1#status-link", *id));
}

}  // namespace

void AddStatusLinks(PageContext& pc, const app::Actor& actor, std::int64_t contact_id, Data& d) {
  auto links = app::StatusLinksOfContact(pc.app, actor, contact_id);
  if (!links || links->empty()) return;
  Data rows = List();
  bool any_active = false;
  for (const auto& l : *links) {
    Data row = Object();
    row.set("created", calendar::FormatLocalForPeople(l.created_at, pc.app.time_zone));
    // Made is not sent: the e-mail carrying the link says whether it went (HCR-22).
    row.set("sent", l.email ? app::DeliveryWords(*l.email, pc.app.time_zone)
                            : "Made " + calendar::FormatLocalForPeople(l.created_at, pc.app.time_zone));
    // Only a working link has an end to give; an expired one says when it ended, a revoked one who
    // ended it and why.
    const std::string expires = calendar::FormatLocalForPeople(l.expires_at, pc.app.time_zone);
    std::string state = l.state == StatusLinkState::kActive    ? "Works until " + expires
                        : l.state == StatusLinkState::kExpired ? "Expired on " + expires
                                                               : "Revoked";
    if (l.state == StatusLinkState::kActive) any_active = true;
    if (l.revoked_at)
      state += fmt::format(" by {} on {}: {}", l.revoked_by_name,
                           calendar::FormatLocalForPeople(*l.revoked_at, pc.app.time_zone), l.revoke_reason);
    row.set("state", state);
    row.set("looks", l.looks == 0 ? std::string("Not opened yet")
                     : l.looks == 1 ? std::string("Opened once")
                                    : fmt::format("Opened {} times", l.looks));
    rows.push_back(row);
  }
  d.set("has_status_links", true);
  d.set("status_links", rows);
  if (any_active && app::IsAllowed(actor.role, app::Action::kAcknowledgeContact)) d.set("may_revoke_status_link", true);
}

void RegisterStatusPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/status/{secret}", Access::kPublic, [pc](http::Request& r) { return StatusPage(*pc, r); });
  router.Add("GET", "/contacts/{id}/status-links/revoke", Access::kSignedIn,
             [pc](http::Request& r) { return ShowRevokeForm(*pc, r); });
  router.Add("POST", "/contacts/{id}/status-links/revoke", Access::kSignedIn,
             [pc](http::Request& r) { return Revoke(*pc, r); });
}

}  // namespace fd::web
