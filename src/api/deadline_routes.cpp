// Deadlines over the API: the work queue and recording a contact's acknowledgement (HCR-22).
#include "api/deadline_routes.h"

#include <nlohmann/json.hpp>

#include "api/json_body.h"
#include "api/outbox_routes.h"

#include "api/list_queries.h"
#include "api/session_guard.h"
#include "app/deadline_json.h"
#include "app/deadlines.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

http::Response ListDeadlines(app::AppContext& ctx, http::Request& request) {
  const app::Actor actor = ActorOf(request);
  QueryReader query(request, DeadlineListParams(QueryFrom::kApi));
  const DeadlineListQuery list = ReadDeadlineList(query, actor);
  if (auto refused = query.Refusal()) return http::ProblemFrom(*refused);
  auto queue = app::ListDeadlines(ctx, actor, list.queue_scope, list.include_met, list.page, list.page_size);
  if (!queue) return http::ProblemFrom(queue.error());
  json items = json::array();
  for (const auto& d : queue->deadlines)
    items.push_back(
        app::DeadlineToJson(d, queue->now, queue->end_of_today, ctx.time_zone, app::ScreenerOf(*queue, d)));
  // The figures are over the whole scope, not this page (store::CountDeadlines).
  return http::Response::Json(200, json{{"items", items},
                                        {"page", queue->page},
                                        {"page_size", queue->page_size},
                                        {"total", queue->counts.total},
                                        {"breached", queue->counts.breached},
                                        {"due_today", queue->counts.due_today},
                                        {"as_of", FormatUtc(queue->now)}}
                                       .dump());
}

http::Response Acknowledge(app::AppContext& ctx, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
  auto body = JsonBody(request);
  if (!body) return body.error();
  if (!body->is_object()) return http::ProblemFrom(Error::InvalidField("method", "Send an object with method and note"));
  for (const auto& [key, value] : body->items())
    if (key != "method" && key != "note")
      return http::ProblemFrom(Error::InvalidField(key, UnknownFieldMessage("an acknowledgement", "method, note")));
  const auto method_json = body->value("method", json());
  if (!method_json.is_string())
    return http::ProblemFrom(
        Error::InvalidField("method", "Choose how the referrer was told: on the phone or in person, or by e-mail"));
  auto method = app::AcknowledgementMethodFrom(method_json.get<std::string>());
  if (!method) return http::ProblemFrom(method.error());
  const auto note_json = body->value("note", json(""));
  if (!note_json.is_string()) return http::ProblemFrom(Error::InvalidField("note", NotTextMessage("note")));
  auto done = app::AcknowledgeContact(ctx, ActorOf(request), *id, *method, note_json.get<std::string>());
  if (!done) return http::ProblemFrom(done.error());
  auto deadlines = app::ContactDeadlines(ctx, ActorOf(request), *id);
  if (!deadlines) return http::ProblemFrom(deadlines.error());
  json shown = ContactDeadlinesJson(ctx, *deadlines);
  // The same acknowledgement sent again: 200 with the same answer, nothing new recorded.
  return http::Response::Json(done->repeated ? 200 : 201, json{{"acknowledged", true}, {"deadlines", std::move(shown["deadlines"])}}.dump());
}

}  // namespace

json ContactDeadlinesJson(app::AppContext& ctx, const app::Actor& actor, std::int64_t contact_id) {
  auto queue = app::ContactDeadlines(ctx, actor, contact_id);
  if (!queue) return {{"deadlines", json::array()}, {"acknowledgements", json::array()}};
  return ContactDeadlinesJson(ctx, *queue);
}

json ContactDeadlinesJson(const app::AppContext& ctx, const app::DeadlineQueue& queue) {
  json out = {{"deadlines", json::array()}, {"acknowledgements", json::array()}};
  for (const auto& d : queue.deadlines)
    out["deadlines"].push_back(
        app::DeadlineToJson(d, queue.now, queue.end_of_today, ctx.time_zone, app::ScreenerOf(queue, d)));
  for (const auto& a : queue.acknowledgements)
    out["acknowledgements"].push_back(
        {{"method", a.method}, {"note", a.note}, {"at", FormatUtc(a.at)}, {"by", a.by_name}});
  // HCR-22: the automatic acknowledgement e-mail as it really stands: an acknowledgement once sent.
  if (queue.acknowledgement_email) out["acknowledgement_email"] = EmailDeliveryJson(*queue.acknowledgement_email);
  return out;
}

void RegisterDeadlineApi(http::Router& router, app::AppContext& ctx) {
  using http::Access;
  router.Add("GET", "/api/v1/deadlines", Access::kSignedIn, [&ctx](http::Request& r) { return ListDeadlines(ctx, r); });
  router.Add("POST", "/api/v1/contacts/{id}/written-confirmation", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
    auto body = JsonBody(r);
    if (!body) return body.error();
    const std::string note = body->is_object() && body->contains("note") && (*body)["note"].is_string()
                                 ? (*body)["note"].get<std::string>()
                                 : std::string();
    if (auto done = app::RecordWrittenConfirmation(ctx, ActorOf(r), *id, note); !done)
      return http::ProblemFrom(done.error());
    return http::Response::Json(201, ContactDeadlinesJson(ctx, ActorOf(r), *id).dump());
  });
  router.Add("POST", "/api/v1/contacts/{id}/chase", Access::kSignedIn, [&ctx](http::Request& r) {
    const auto id = IdParam(r);
    if (!id) return http::Problem(404, "Not found", "There is no contact with that number");
    auto body = JsonBody(r);
    if (!body) return body.error();
    std::string note;
    if (body->is_object() && body->contains("note") && (*body)["note"].is_string()) note = (*body)["note"];
    else if (!body->is_object() || (body->contains("note") && !(*body)["note"].is_null()))
      return http::ProblemFrom(Error::InvalidField("note", "Send {\"note\": \"…\"} (the note may be empty)"));
    auto answer = app::RecordChase(ctx, ActorOf(r), *id, note);
    if (!answer) return http::ProblemFrom(answer.error());
    return http::Response::Json(200, json{{"tell", answer->tell}, {"decided", answer->decided}}.dump());
  });
  router.Add("POST", "/api/v1/contacts/{id}/acknowledgement", Access::kSignedIn,
             [&ctx](http::Request& r) { return Acknowledge(ctx, r); });
}

}  // namespace fd::api
