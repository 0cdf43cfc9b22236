#include "web/kept_form.h"

#include "http/form_pairs.h"

namespace fd::web {
namespace {

constexpr std::string_view kKeptPrefix = "kept:";

// Only frontdoor's own pages are returned to: a path of this site, never the API or sign-in.
bool ReturnablePath(const std::string& path) {
  return !path.empty() && path[0] == '/' && !path.starts_with("//") && path.find('\\') == std::string::npos &&
         !path.starts_with("/api/") && !path.starts_with("/sign-in") && !path.starts_with("/sign-out") &&
         path.size() <= 500;
}

bool FormEncoded(const http::Request& request) {
  return request.Header("content-type").starts_with("application/x-www-form-urlencoded");
}

}  // namespace

namespace {

// A browser says where a form was sent from: a form another site made (which carries no session
// cookie, SameSite=Strict, so it arrives here as "session ended") is never offered to be sent again,
// or a forged request would be one click away. Without either header (no browser) nothing says it
// is cross-site, and no browser omits both on a cross-site POST.
bool SentFromThisSite(const http::Request& request) {
  const auto fetch_site = request.Header("sec-fetch-site");
  if (!fetch_site.empty() && fetch_site != "same-origin") return false;
  const auto origin = request.Header("origin");
  if (origin.empty()) return true;
  const auto host = request.Header("host");
  const auto scheme_end = origin.find("://");
  return !host.empty() && scheme_end != std::string_view::npos && origin.substr(scheme_end + 3) == host;
}

}  // namespace

std::optional<KeptForm> KeptFormOf(const http::Request& ended_post) {
  if (!ReturnablePath(ended_post.path) || !SentFromThisSite(ended_post)) return std::nullopt;
  KeptForm kept;
  kept.path = ended_post.path;
  if (!FormEncoded(ended_post)) {
    kept.file_lost = true;
    return kept;
  }
  auto pairs = http::ParseUrlEncodedInOrder(ended_post.body);
  if (!pairs) return std::nullopt;
  for (auto& [name, value] : *pairs)
    if (!NeverKeptFromForm(name)) kept.fields.emplace_back(std::move(name), std::move(value));
  return kept;
}

std::optional<KeptForm> KeptFormIn(const http::Request& sign_in_post) {
  if (!FormEncoded(sign_in_post)) return std::nullopt;
  auto pairs = http::ParseUrlEncodedInOrder(sign_in_post.body);
  if (!pairs) return std::nullopt;
  KeptForm kept;
  for (auto& [name, value] : *pairs) {
    if (name == "resume_path") kept.path = value;
    else if (name == "resume_file_lost") kept.file_lost = value == "yes";
    else if (name.starts_with(kKeptPrefix) && !NeverKeptFromForm(name.substr(kKeptPrefix.size())))
      kept.fields.emplace_back(name.substr(kKeptPrefix.size()), std::move(value));
  }
  if (!ReturnablePath(kept.path)) return std::nullopt;
  return kept;
}

void SetKeptFormData(Data& d, const KeptForm& kept) {
  Data form = Object();
  form.set("path", kept.path);
  if (kept.file_lost) form.set("file_lost", true);
  // "kept:name" on the sign-in page (its own username and password are not the form's); the form's
  // own names on the page that sends it again.
  Data hidden = List();
  Data as_sent = List();
  for (const auto& [name, value] : kept.fields) {
    Data field = Object();
    field.set("name", std::string(kKeptPrefix) + name);
    field.set("value", value);
    hidden.push_back(field);
    Data sent = Object();
    sent.set("name", name);
    sent.set("value", value);
    as_sent.push_back(sent);
  }
  form.set("hidden", hidden);
  form.set("as_sent", as_sent);
  Data answers = List();
  const auto typed = TypedAnswers(kept.fields);
  for (const auto& answer : typed) {
    Data row = Object();
    row.set("label", answer.label);
    row.set("value", answer.value);
    answers.push_back(row);
  }
  if (!typed.empty()) form.set("has_answers", true);
  form.set("answers", answers);
  d.set("kept_form", form);
}

}  // namespace fd::web
