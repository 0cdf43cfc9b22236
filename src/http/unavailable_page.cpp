#include "http/unavailable_page.h"

#include <string_view>

#include "domain/form_field_words.h"
#include "http/form_pairs.h"
#include "http/message.h"
#include "domain/text.h"

namespace fd::http {

namespace {

// What was typed, in the form's words (domain/form_field_words.h): no form keys, versions or tokens,
// no passwords, a date's three boxes as one.
std::string TypedFields(const std::string& body) {
  const auto pairs = ParseUrlEncodedInOrder(body);
  if (!pairs) return {};
  std::string out;
  int shown = 0;
  for (const auto& answer : TypedAnswers(*pairs)) {
    if (++shown > 200) break;
    const std::string id = "typed-" + std::to_string(shown);
    out += "<div class=\"govuk-form-group\">\n<label class=\"govuk-label\" for=\"" + id + "\">" +
           EscapeMarkup(answer.label) + "</label>\n<textarea class=\"govuk-textarea\" id=\"" + id +
           "\" rows=\"" + std::to_string(answer.value.size() > 200 ? 6 : 2) + "\" readonly>" +
           EscapeMarkup(answer.value) + "</textarea>\n</div>\n";
  }
  return out;
}

}  // namespace

bool WantsPage(std::string_view target, std::string_view accept) {
  if (!target.starts_with("/api/")) return true;
  return accept.starts_with("text/html");
}

Response UnavailablePage(const std::string& heading, const std::string& form_body, std::chrono::seconds retry_after) {
  const std::string typed = TypedFields(form_body);
  std::string html =
      "<!DOCTYPE html>\n<html lang=\"en-GB\" class=\"govuk-template\">\n<head><meta charset=\"utf-8\">"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<link rel=\"stylesheet\" href=\"/static/app.css\">"
      "<title>" + EscapeMarkup(heading) + " – frontdoor</title></head>\n<body class=\"govuk-template__body\">\n"
      "<div class=\"govuk-width-container\">\n<main class=\"govuk-main-wrapper\" id=\"main-content\">\n"
      "<h1 class=\"govuk-heading-l\">" + EscapeMarkup(heading) + "</h1>\n"
      "<p class=\"govuk-body\">Nothing was saved. Try again in a minute or two.</p>\n";
  if (!typed.empty())
    html += "<p class=\"govuk-body\">What you typed is below. Copy anything you need before you leave this page, "
            "then go back and send the form again.</p>\n" + typed;
  html += "<p class=\"govuk-body\">If a child is in immediate danger, call 999.</p>\n"
          "</main>\n</div>\n</body>\n</html>\n";
  Response r = Response::Html(503, std::move(html));
  r.Header("Retry-After", std::to_string(retry_after.count()));
  return r;
}

}  // namespace fd::http
