#include "web/error_pages.h"

#include "domain/text.h"
#include "http/problem.h"

namespace fd::web {

// Self-contained (no template) so it works even when the templates folder is broken.
http::Response MessagePage(int status, const std::string& heading, const std::string& message) {
  return http::Response::Html(
      status,
      "<!DOCTYPE html>\n<html lang=\"en\" class=\"govuk-template\"><head><meta charset=\"utf-8\">"
      "<title>" + EscapeMarkup(heading) + " – frontdoor</title>"
      "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">"
      "<link rel=\"stylesheet\" href=\"/static/govuk/govuk-frontend.min.css\"></head>"
      "<body class=\"govuk-template__body\"><header class=\"govuk-header\"><div class=\"govuk-header__container "
      "govuk-width-container\"><div class=\"govuk-header__logo\"><a href=\"/\" class=\"govuk-header__link "
      "govuk-header__link--homepage\"><span class=\"govuk-header__logotype-text\">frontdoor</span></a></div></div>"
      "</header><div class=\"govuk-width-container\"><main class=\"govuk-main-wrapper\" id=\"main-content\">"
      "<h1 class=\"govuk-heading-l\">" + EscapeMarkup(heading) + "</h1><p class=\"govuk-body\">" + EscapeMarkup(message) +
      "</p><p class=\"govuk-body\"><a class=\"govuk-link\" href=\"/\">Go to your home page</a></p></main></div>"
      "</body></html>");
}

http::Response NotFoundPage(const http::Request& request) {
  if (request.path.starts_with("/api/")) return http::Problem(404, "Not found", "There is nothing at this address");
  return MessagePage(404, "Page not found", "If you typed the web address, check it is correct.");
}

}  // namespace fd::web
