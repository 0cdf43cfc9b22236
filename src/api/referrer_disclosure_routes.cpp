#include "api/referrer_disclosure_routes.h"

#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "api/json_body.h"
#include "api/session_guard.h"
#include "app/referrer_disclosures.h"
#include "domain/field_words.h"
#include "http/problem.h"

namespace fd::api {
namespace {

using nlohmann::json;

json Nullable(const std::optional<std::int64_t>& v) { return v ? json(*v) : json(nullptr); }

http::Response NoSuchContact() { return http::Problem(404, "Not found", "There is no contact with that number"); }

// Reads the text fields of a JSON object into `out` by key, naming each unknown or mistyped key.
Result<void> ReadTextFields(const json& body, const std::vector<std::pair<const char*, std::string*>>& fields,
                            const char* what) {
  if (!body.is_object()) return std::unexpected(Error::InvalidField("", "The body must be a JSON object"));
  std::vector<FieldError> errors;
  std::set<std::string> known;
  for (const auto& [key, out] : fields) {
    known.insert(key);
    if (!body.contains(key) || body[key].is_null()) continue;
    if (body[key].is_string()) *out = body[key].get<std::string>();
    else errors.push_back({key, NotTextMessage(key)});
  }
  for (const auto& [key, value] : body.items())
    if (!known.contains(key)) {
      std::string list;
      for (const auto& k : known) list += (list.empty() ? "" : ", ") + k;
      errors.push_back({key, UnknownFieldMessage(what, list)});
    }
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return {};
}

json ConsentJson(const store::ReferrerConsentRow& c) {
  return {{"id", c.id},
          {"given", c.given ? "yes" : "no"},
          {"method", c.method},
          {"covers", c.covers},
          {"recorded_by", c.recorded_by_name},
          {"recorded_at", c.recorded_at}};
}

json DisclosureJson(const store::ReferrerDisclosureRow& d) {
  return {{"id", d.id},
          {"recipient_name", d.recipient_name},
          {"recipient_organisation", d.recipient_organisation},
          {"reason", d.reason},
          {"basis", d.basis},
          {"consent_id", Nullable(d.consent_id)},
          {"requested_by", d.requested_by ? json(d.requested_by_name) : json(nullptr)},
          {"authorised_by", d.authorised_by ? json(d.authorised_by_name) : json(nullptr)},
          {"authorisation_reason", d.authorisation_reason},
          {"disclosed_by", d.disclosed_by_name},
          {"disclosed_at", d.disclosed_at}};
}

}  // namespace

http::Response RecordReferrerConsentApi(app::AppContext& ctx, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return NoSuchContact();
  auto body = JsonBody(request);
  if (!body) return body.error();
  ConsentDraft draft;
  if (auto read = ReadTextFields(*body, {{"given", &draft.given}, {"method", &draft.method}, {"covers", &draft.covers}},
                                 "a referrer's consent");
      !read)
    return http::ProblemFrom(read.error());
  auto consent = app::RecordReferrerConsent(ctx, ActorOf(request), *id, draft);
  if (!consent) return http::ProblemFrom(consent.error());
  auto response = http::Response::Json(201, json{{"consent", ConsentJson(*consent)}}.dump());
  response.Header("Location", fmt::format("/api/v1/contacts/{}/referrer-disclosures", *id));
  return response;
}

http::Response DiscloseReferrerIdentityApi(app::AppContext& ctx, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return NoSuchContact();
  auto body = JsonBody(request);
  if (!body) return body.error();
  DisclosureDraft draft;
  if (auto read = ReadTextFields(*body,
                                 {{"recipient_name", &draft.recipient_name},
                                  {"recipient_organisation", &draft.recipient_organisation},
                                  {"reason", &draft.reason},
                                  {"basis", &draft.basis},
                                  {"requested_by", &draft.requested_by},
                                  {"authorisation_reason", &draft.authorisation_reason}},
                                 "a disclosure of the referrer's identity");
      !read)
    return http::ProblemFrom(read.error());
  auto disclosed = app::DiscloseReferrerIdentity(ctx, ActorOf(request), *id, draft);
  if (!disclosed) return http::ProblemFrom(disclosed.error());
  const Referrer& r = disclosed->referrer;
  // A repeat of the disclosure just recorded answers with it, 200: nothing new was recorded.
  auto response = http::Response::Json(
      disclosed->repeated ? 200 : 201, json{{"disclosure", DisclosureJson(disclosed->disclosure)},
                {"referrer",
                 {{"type", ReferrerTypeId(r.type)}, {"name", r.name}, {"role", r.role}, {"phone", r.phone},
                  {"email", r.email}}}}
               .dump());
  response.Header("Location", fmt::format("/api/v1/contacts/{}/referrer-disclosures", *id));
  return response;
}

http::Response ListReferrerDisclosuresApi(app::AppContext& ctx, http::Request& request) {
  const auto id = IdParam(request);
  if (!id) return NoSuchContact();
  auto record = app::ListReferrerDisclosures(ctx, ActorOf(request), *id);
  if (!record) return http::ProblemFrom(record.error());
  json consents = json::array();
  for (const auto& c : record->consents) consents.push_back(ConsentJson(c));
  json disclosures = json::array();
  for (const auto& d : record->disclosures) disclosures.push_back(DisclosureJson(d));
  return http::Response::Json(200, json{{"identity_protected", record->identity_protected},
                                        {"free_text_withheld", record->free_text_withheld},
                                        {"consents", consents},
                                        {"disclosures", disclosures}}
                                       .dump());
}

}  // namespace fd::api
