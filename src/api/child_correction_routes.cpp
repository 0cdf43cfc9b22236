#include "api/child_correction_routes.h"

#include <nlohmann/json.hpp>

#include "api/json_body.h"
#include "api/session_guard.h"
#include "app/child_corrections.h"
#include "app/contact_json.h"
#include "app/workflow.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

http::Response CorrectChild(app::AppContext& ctx, http::Request& r) {
  const auto contact_id = IdParam(r);
  const auto position = ChildPositionParam(r);
  if (!contact_id || !position) return http::Problem(404, "Not found", "There is no such child on a contact");
  auto body = JsonBody(r);
  if (!body) return body.error();
  if (!body->is_object()) return http::ProblemFrom(Error::InvalidField("", "The body must be a JSON object"));
  std::vector<FieldError> errors;
  app::ChildDetailsChange change;
  std::string reason;
  const std::map<std::string, std::optional<std::string>*> fields = {
      {"first_names", &change.first_names}, {"last_name", &change.last_name},
      {"date_of_birth", &change.date_of_birth}, {"expected_date", &change.expected_date},
      {"nhs_number", &change.nhs_number}, {"gender", &change.gender}, {"address", &change.address}};
  for (const auto& [key, value] : body->items()) {
    if (key == "version") continue;
    if (key == "reason") {
      if (value.is_string()) reason = value.get<std::string>();
      else if (!value.is_null()) errors.push_back({key, NotTextMessage(key)});
      continue;
    }
    auto field = fields.find(key);
    if (field == fields.end()) {
      errors.push_back({key, "There is no such field here; check its spelling"});
      continue;
    }
    if (value.is_null()) *field->second = std::string();
    else if (value.is_string()) *field->second = value.get<std::string>();
    else errors.push_back({key, NotTextMessage(key)});
  }
  const auto version = body->find("version");
  if (version == body->end() || !version->is_number_integer())
    errors.push_back({"version", "Send the version of the contact you are looking at (a whole number), so a change "
                                 "made meanwhile by someone else is not overwritten"});
  if (!errors.empty()) return http::ProblemFrom(Error::Invalid(std::move(errors)));
  const app::Actor actor = ActorOf(r);
  auto corrected = app::CorrectChild(ctx, actor, *contact_id, *position, version->get<std::int64_t>(), change, reason);
  if (!corrected) {
    // The form's fields are the child's: "child.date_of_birth" is the API's "date_of_birth".
    Error error = corrected.error();
    for (auto& f : error.fields)
      if (f.field.starts_with("child.")) f.field = f.field.substr(6);
    return http::ProblemFrom(error);
  }
  // The checklist counts what screening recorded (KCR-7), as the contact's own answer does.
  auto workflow = app::GetWorkflow(ctx, actor, *contact_id);
  const Screening* screening = workflow && workflow->screening ? &*workflow->screening : nullptr;
  json out = app::ContactToJson(corrected->contact, ctx.time_zone, screening);
  auto history = app::ChildCorrectionsOf(ctx, actor, *contact_id);
  out["child_corrections"] = history ? app::ChildCorrectionsToJson(*history) : json::array();
  json warnings = json::array();
  for (const auto& w : corrected->link_warnings) warnings.push_back({{"field", w.field}, {"message", w.message}});
  out["link_warnings"] = warnings;
  out["routing_note_added"] = corrected->routing_note;
  return http::Response::Json(200, out.dump());
}

}  // namespace

void RegisterChildCorrectionApi(http::Router& router, app::AppContext& ctx) {
  router.Add("PUT", "/api/v1/contacts/{id}/children/{position}", http::Access::kSignedIn,
             [&ctx](http::Request& r) { return CorrectChild(ctx, r); });
}

}  // namespace fd::api
