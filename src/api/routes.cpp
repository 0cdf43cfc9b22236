#include "api/routes.h"

#include <fmt/format.h>

#include <nlohmann/json.hpp>

#include "api/audit_routes.h"
#include "api/chair_consultation_routes.h"
#include "api/child_correction_routes.h"
#include "api/sibling_review_routes.h"
#include "api/consultation_routes.h"
#include "api/dashboard_routes.h"
#include "api/deadline_routes.h"
#include "api/agency_check_routes.h"
#include "api/information_request_routes.h"
#include "api/json_body.h"
#include "api/list_queries.h"
#include "api/openapi_routes.h"
#include "api/outbox_routes.h"
#include "api/person_search_routes.h"
#include "api/people_routes.h"
#include "api/police_notification_routes.h"
#include "api/portal_routes.h"
#include "api/referrer_callback_routes.h"
#include "api/referrer_disclosure_routes.h"
#include "api/remembered_browser_routes.h"
#include "store/write_health.h"
#include "api/report_routes.h"
#include "api/status_link_routes.h"
#include "api/user_routes.h"
#include "api/workflow_routes.h"
#include "app/account_changes.h"
#include "app/accounts.h"
#include "app/call_confirmations.h"
#include "app/child_corrections.h"
#include "app/sibling_reviews.h"
#include "app/contact_json.h"
#include "app/contacts.h"
#include "app/idempotent_contacts.h"
#include "app/information_requests.h"
#include "app/referrer_identity.h"
#include "app/same_child.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

json UserJson(const http::SignedInUser& user) {
  return {{"id", user.user_id},
          {"username", user.username},
          {"name", user.display_name},
          {"role", user.role},
          {"role_title", RoleTitle(RoleFromId(user.role).value_or(Role::kContactOfficer))},
          // True: an administrator set their password, and every route but PUT /api/v1/session/password
          // and this session's is refused until they choose their own.
          {"must_change_password", user.must_change_password}};
}

http::Response CreateSession(app::AppContext& ctx, const GuardOptions& options, http::Request& request) {
  auto body = JsonBody(request);
  if (!body) return body.error();
  if (!body->is_object() || !(*body)["username"].is_string() || !(*body)["password"].is_string())
    return http::Problem(422, "Check the details you entered", "Send username and password as text",
                         {{"username", "Enter your username"}, {"password", "Enter your password"}});
  const std::string username = (*body)["username"].get<std::string>();
  auto signed_in = app::SignIn(ctx, username, (*body)["password"].get<std::string>(),
                               {request.remote_address, request.Cookie(kSessionCookie).value_or(""),
                                OfferedDeviceCookie(request, username, true), std::string(request.Header("user-agent"))});
  if (!signed_in) return http::ProblemFrom(signed_in.error());
  const auto& a = signed_in->actor;
  http::SignedInUser user{a.user_id, a.username, a.display_name, std::string(RoleId(a.role)), a.team_id,
                          signed_in->csrf_token};
  user.must_change_password = signed_in->must_change_password;
  auto response = http::Response::Json(201, json{{"user", UserJson(user)}, {"csrf_token", signed_in->csrf_token}}.dump());
  response.Header("Set-Cookie", SessionCookie(signed_in->session_token, options.secure_cookies || request.secure));
  response.Header("Set-Cookie", DeviceCookie(a.username, signed_in->device_cookie,
                                             options.secure_cookies || request.secure));
  return response;
}

// PUT /api/v1/session/password {"current_password", "new_password"}: the signed-in user's own
// password; their other sessions end, this one stays (app::ChangeOwnPassword).
http::Response ChangeOwnPassword(app::AppContext& ctx, http::Request& request) {
  if (request.user->api_token_id)
    return http::Problem(403, "Not permitted", "A password is changed signed in as its user, not with an API token");
  auto body = JsonBody(request);
  if (!body) return body.error();
  std::vector<FieldError> errors;
  for (const char* field : {"current_password", "new_password"})
    if (!body->is_object() || !body->contains(field) || !(*body)[field].is_string())
      errors.push_back({field, NotTextMessage(field)});
  if (!errors.empty()) return http::ProblemFrom(Error::Invalid(std::move(errors)));
  auto changed = app::ChangeOwnPassword(ctx, ActorOf(request),
                                        {(*body)["current_password"].get<std::string>(),
                                         (*body)["new_password"].get<std::string>(),
                                         request.Cookie(kSessionCookie).value_or(""), request.remote_address,
                                         OfferedDeviceCookie(request, ActorOf(request).username, true)});
  if (!changed) return http::ProblemFrom(changed.error());
  http::Response response;
  response.status = 204;
  return response;
}

http::Response ContactsPage(app::AppContext& ctx, http::Request& request) {
  QueryReader query(request, ContactListParams(QueryFrom::kApi));
  const ContactListQuery list = ReadContactList(query, 25);
  if (auto refused = query.Refusal()) return http::ProblemFrom(*refused);
  const std::string& queue = list.queue;
  auto result = queue.empty() ? app::ListContacts(ctx, ActorOf(request), list.page, list.page_size)
                              : app::ListQueue(ctx, ActorOf(request), queue, list.page, list.page_size, list.urgent,
                                               list.awaiting, list.overdue);
  if (!result) return http::ProblemFrom(result.error());
  const Instant now = ctx.clock.Now();
  // Rows are summaries: the list is not audited as a view, so it must not carry the record
  // (docs/security.md "Read audit"); GET /api/v1/contacts/{id} gives the whole contact, audited.
  json items = json::array();
  for (const auto& c : result->contacts) {
    json item = app::ContactSummaryToJson(c, ctx.time_zone);
    // Who screens it, on a list as on the queue's page: the worker a manager allocated it to, else who
    // started screening it (null when neither).
    const auto screener = result->screeners.find(c.id);
    item["screener"] = screener == result->screeners.end()
                           ? json(nullptr)
                           : json{{"id", screener->second.user_id}, {"name", screener->second.name}};
    items.push_back(std::move(item));
    // KCR-10, HCR-30: another contact about the same child is open (queues only).
    if (!queue.empty()) {
      items.back()["repeat"] = result->repeats.contains(c.id);
      // HCR-18: the front door's queue shows the contacts that arrived out of hours too, marked.
      items.back()["arrived_out_of_hours"] = c.queue == "out-of-hours";
      auto due = result->decide_by.find(c.id);
      const bool clock = due != result->decide_by.end();
      items.back()["decide_by"] = clock ? json(FormatUtc(due->second.due_at)) : json(nullptr);
      // KCR-8, HCR-27: whether that time has passed with the decision not made.
      items.back()["overdue"] = clock && due->second.OverdueAt(now);
      // HCR-9: a returned form no e-mail could carry and whose call is not yet recorded.
      if (queue == "returned") items.back()["return_not_sent"] = result->returns_to_ring.contains(c.id);
    }
  }
  return http::Response::Json(
      200, json{{"items", items}, {"page", list.page}, {"page_size", list.page_size}, {"total", result->total}}.dump());
}


// HCR-15 (app/call_confirmations.h): what became of the call reference the contact quoted (its own
// `intake.call_reference`), and the contacts in writing that confirmed this one, added to a contact's JSON.
void AddCallReferences(app::AppContext& ctx, std::int64_t contact_id, json& body) {
  const auto refs = app::CallReferencesOf(ctx, contact_id);
  body["written_confirmation_of"] =
      refs.quoted ? json{{"call_reference", refs.quoted->reference_given},
                         {"call", refs.quoted->call_contact_id
                                      ? json{{"id", *refs.quoted->call_contact_id},
                                             {"reference", refs.quoted->call_reference}}
                                      : json(nullptr)},
                         {"note", refs.quoted->staff_note}}
                  : json(nullptr);
  json confirmed = json::array();
  for (const auto& w : refs.confirmed_by) confirmed.push_back({{"id", w.contact_id}, {"reference", w.reference}});
  body["confirmed_in_writing_by"] = confirmed;
}

http::Response CreateContact(app::AppContext& ctx, http::Request& request) {
  auto body = JsonBody(request);
  if (!body) return body.error();
  auto draft = app::ContactDraftFromJson(*body);
  if (!draft) return http::ProblemFrom(draft.error());
  // A resend with the same Idempotency-Key gets the first answer again (docs/api.md).
  if (request.HasHeader("idempotency-key")) {
    const std::string key(request.Header("idempotency-key"));
    auto once = app::RecordContactOnce(ctx, ActorOf(request), *draft, {key, app::RequestFingerprint(*body)});
    if (!once) return http::ProblemFrom(once.error());
    json shown = app::ContactToJson(once->contact, ctx.time_zone);
    AddCallReferences(ctx, once->contact.id, shown);
    auto response = http::Response::Json(201, shown.dump());
    response.Header("Location", fmt::format("/api/v1/contacts/{}", once->contact.id));
    response.Header("Idempotent-Replayed", once->replayed ? "true" : "false");
    return response;
  }
  auto contact = app::RecordContact(ctx, ActorOf(request), *draft);
  if (!contact) return http::ProblemFrom(contact.error());
  json shown = app::ContactToJson(*contact, ctx.time_zone);
  AddCallReferences(ctx, contact->id, shown);
  auto response = http::Response::Json(201, shown.dump());
  response.Header("Location", fmt::format("/api/v1/contacts/{}", contact->id));
  return response;
}

http::Response ShowContact(app::AppContext& ctx, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
  auto opened = app::OpenContact(ctx, ActorOf(request), *id);  // audited: contact.viewed
  if (!opened) return http::ProblemFrom(opened.error());
  json body = app::ContactToJson(opened->contact, ctx.time_zone, opened->screening ? &*opened->screening : nullptr);
  body.update(ContactDeadlinesJson(ctx, opened->deadlines));
  body["other_contacts_about_child"] = app::SameChildToJson(opened->same_child);  // KCR-10, HCR-30
  AddCallReferences(ctx, *id, body);  // HCR-15
  // HCR-9: a returned form no e-mail could carry: why, and the call to make (null once recorded).
  body["return_not_sent"] = opened->return_not_sent.empty() ? json(nullptr) : json(opened->return_not_sent);
  // Corrections of the children's details since receipt, with who, when and why.
  auto corrections = app::ChildCorrectionsOf(ctx, ActorOf(request), *id);
  if (!corrections) return http::ProblemFrom(corrections.error());
  body["child_corrections"] = app::ChildCorrectionsToJson(*corrections);
  // IR-1, IR-8: the request for information it was opened to process, or null.
  const auto request_of = app::InformationRequestOfContact(ctx, *id);
  body["information_request"] = request_of ? json{{"id", request_of->id}, {"reference", request_of->reference}}
                                           : json(nullptr);
  // KCR-3: the reviews of which children the decision opened, oldest first.
  auto reviews = app::SiblingReviewsOf(ctx, ActorOf(request), *id);
  if (!reviews) return http::ProblemFrom(reviews.error());
  body["sibling_reviews"] = SiblingReviewsToJson(*reviews);
  return http::Response::Json(200, body.dump());
}

// KCR-14: POST /api/v1/contacts/{id}/referrer-identity {"reason"}: the member of the public's
// identity, for a role allowed to see it; the look is audited with the reason.
http::Response RevealReferrer(app::AppContext& ctx, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
  auto body = JsonBody(request);
  if (!body) return body.error();
  std::string reason;
  if (auto it = body->find("reason"); it != body->end() && it->is_string()) reason = it->get<std::string>();
  else if (it != body->end() && !it->is_null())
    return http::ProblemFrom(Error::InvalidField("reason", NotTextMessage("reason")));
  auto referrer = app::RevealReferrer(ctx, ActorOf(request), *id, reason);
  if (!referrer) return http::ProblemFrom(referrer.error());
  return http::Response::Json(200, json{{"referrer",
                                         {{"type", ReferrerTypeId(referrer->type)},
                                          {"name", referrer->name},
                                          {"role", referrer->role},
                                          {"phone", referrer->phone},
                                          {"email", referrer->email}}}}
                                       .dump());
}

}  // namespace

void RegisterApi(http::Router& router, app::AppContext& ctx, const GuardOptions& options) {
  using http::Access;
  router.AddInPlace("GET", "/healthz", [](http::Request&) { return http::Response::Text(200, "ok\n"); });
  router.Add("GET", "/readyz", Access::kPublic, [&ctx](http::Request&) {
    // A database that answers reads but refuses writes is not ready either: every sign-in would fail.
    // Only after a write failed does the probe write itself (the readiness row), to learn when they work
    // again. Asked first: after a failed write SQLite may refuse the read as well, and the cause is the write.
    if (!store::WritesWork(ctx.store))
      return http::Problem(503, "Service unavailable",
                           "not ready: writes failing: " + store::WriteFailure(ctx.store).value_or("the database refused a write"));
    if (!ctx.store.Ping()) return http::Problem(503, "Service unavailable", "The database is not answering");
    return http::Response::Text(200, "ready\n");
  });

  router.Add("POST", "/api/v1/session", Access::kPublic,
             [&ctx, options](http::Request& r) { return CreateSession(ctx, options, r); });
  router.Add("GET", "/api/v1/session", Access::kSignedIn, [](http::Request& r) {
    return http::Response::Json(200,
                                json{{"user", UserJson(*r.user)}, {"csrf_token", r.user->csrf_token}}.dump());
  });
  router.Add("DELETE", "/api/v1/session", Access::kSignedIn, [&ctx, options](http::Request& r) {
    if (auto token = r.Cookie(kSessionCookie)) app::SignOut(ctx, *token);
    http::Response response;
    response.status = 204;
    response.Header("Set-Cookie", ClearedSessionCookie(options.secure_cookies || r.secure));
    return response;
  });

  router.Add("PUT", "/api/v1/session/password", Access::kSignedIn,
             [&ctx](http::Request& r) { return ChangeOwnPassword(ctx, r); });

  router.Add("GET", "/api/v1/contacts", Access::kSignedIn, [&ctx](http::Request& r) { return ContactsPage(ctx, r); });
  router.Add("POST", "/api/v1/contacts", Access::kSignedIn,
             [&ctx](http::Request& r) { return CreateContact(ctx, r); });
  router.Add("GET", "/api/v1/contacts/{id}", Access::kSignedIn,
             [&ctx](http::Request& r) { return ShowContact(ctx, r); });
  router.Add("POST", "/api/v1/contacts/{id}/referrer-identity", Access::kSignedIn,
             [&ctx](http::Request& r) { return RevealReferrer(ctx, r); });
  // KCR-14: the referrer's consent and disclosures of their identity (referrer_disclosure_routes.h).
  router.Add("POST", "/api/v1/contacts/{id}/referrer-consent", Access::kSignedIn,
             [&ctx](http::Request& r) { return RecordReferrerConsentApi(ctx, r); });
  router.Add("POST", "/api/v1/contacts/{id}/referrer-disclosures", Access::kSignedIn,
             [&ctx](http::Request& r) { return DiscloseReferrerIdentityApi(ctx, r); });
  router.Add("GET", "/api/v1/contacts/{id}/referrer-disclosures", Access::kSignedIn,
             [&ctx](http::Request& r) { return ListReferrerDisclosuresApi(ctx, r); });
  RegisterDeadlineApi(router, ctx);
  RegisterReferrerCallbackApi(router, ctx);
  RegisterWorkflowApi(router, ctx);
  RegisterChildCorrectionApi(router, ctx);
  RegisterSiblingReviewApi(router, ctx);  // KCR-3
  RegisterConsultationApi(router, ctx);
  RegisterPersonSearchApi(router, ctx);
  RegisterChairConsultationApi(router, ctx);
  RegisterPortalApi(router, ctx);
  RegisterInformationRequestApi(router, ctx);
  RegisterAgencyCheckApi(router, ctx);
  RegisterReportApi(router, ctx);
  RegisterDashboardApi(router, ctx);
  RegisterStatusLinkApi(router, ctx);
  RegisterOutboxApi(router, ctx);
  RegisterPoliceNotificationApi(router, ctx);
  RegisterRememberedBrowserApi(router, ctx);
  RegisterUserApi(router, ctx);
  RegisterAuditApi(router, ctx);  // the admin/DPO review, finding 7
  RegisterOpenApi(router);
  RegisterPeopleApi(router, ctx);  // last: /api/v1/people/{id} must not shadow /api/v1/people/search
}

}  // namespace fd::api
