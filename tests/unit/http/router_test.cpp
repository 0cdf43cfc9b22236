#include "http/router.h"

#include <gtest/gtest.h>
#include <nlohmann/json.hpp>

#include "http/problem.h"

namespace fd::http {
namespace {

Request Get(const std::string& path, const std::string& method = "GET") {
  Request r;
  r.method = method;
  r.path = path;
  r.target = path;
  return r;
}

TEST(MatchPattern, LiteralParamAndWildcardSegments) {
  std::map<std::string, std::string> params;
  EXPECT_TRUE(MatchPattern("/api/v1/contacts", "/api/v1/contacts", params));
  EXPECT_FALSE(MatchPattern("/api/v1/contacts", "/api/v1/contacts/1", params));
  EXPECT_TRUE(MatchPattern("/api/v1/contacts/{id}", "/api/v1/contacts/42", params));
  EXPECT_EQ(params["id"], "42");
  EXPECT_FALSE(MatchPattern("/api/v1/contacts/{id}", "/api/v1/contacts/", params));
  EXPECT_TRUE(MatchPattern("/static/{*}", "/static/govuk/assets/x.woff2", params));
  EXPECT_EQ(params["*"], "govuk/assets/x.woff2");
  EXPECT_TRUE(MatchPattern("/", "/", params));
}

TEST(Router, UnknownPathIs404ProblemAndWrongMethodIs405WithAllow) {
  Router router;
  router.Add("GET", "/things", Access::kPublic, [](Request&) { return Response::Text(200, "list"); });
  router.Add("POST", "/things", Access::kPublic, [](Request&) { return Response::Text(201, "made"); });
  auto missing = Get("/nothing");
  EXPECT_EQ(router.Dispatch(missing).status, 404);
  auto wrong = Get("/things", "DELETE");
  auto response = router.Dispatch(wrong);
  EXPECT_EQ(response.status, 405);
  EXPECT_EQ(response.content_type, "application/problem+json");
  ASSERT_TRUE(response.HasHeader("Allow"));
  auto head = Get("/things", "HEAD");
  EXPECT_EQ(router.Dispatch(head).status, 200);  // HEAD is served as GET
}

// A status link's secret is a bearer credential: never logged, whether the look matched its route,
// was mistyped (a trailing slash, an extra segment: 404) or used the wrong method (405).
TEST(Router, LoggablePathHidesASecretSegmentMatchedOrNot) {
  Router router;
  router.Add("GET", "/status/{secret}", Access::kPublic, [](Request&) { return Response::Text(200, "status"); });
  router.Add("GET", "/api/v1/status/{secret}", Access::kPublic, [](Request&) { return Response::Text(200, "status"); });
  router.Add("GET", "/contacts/{id}/links/{secret}/x", Access::kPublic, [](Request&) { return Response::Text(200, "x"); });
  EXPECT_EQ(router.LoggablePath("/status/Abc-123_xyz"), "/status/[secret]");
  EXPECT_EQ(router.LoggablePath("/status/Abc-123_xyz/"), "/status/[secret]/");
  EXPECT_EQ(router.LoggablePath("/status/Abc-123_xyz/more"), "/status/[secret]/more");
  EXPECT_EQ(router.LoggablePath("/api/v1/status/Abc-123_xyz"), "/api/v1/status/[secret]");
  EXPECT_EQ(router.LoggablePath("/contacts/7/links/Abc-123_xyz"), "/contacts/7/links/[secret]");
  // Nothing else is changed.
  EXPECT_EQ(router.LoggablePath("/status"), "/status");
  EXPECT_EQ(router.LoggablePath("/status/"), "/status/");
  EXPECT_EQ(router.LoggablePath("/contacts/7"), "/contacts/7");
  EXPECT_EQ(router.LoggablePath("/statusx/Abc"), "/statusx/Abc");
  EXPECT_EQ(router.LoggablePath("/"), "/");
}

TEST(Router, GuardRunsOnlyForSignedInRoutes) {
  Router router;
  int guarded = 0;
  router.SetGuard([&](Request& r, const Route&) -> std::optional<Response> {
    ++guarded;
    if (r.Header("x-user").empty()) return Response::Text(401, "sign in");
    return std::nullopt;
  });
  router.Add("GET", "/public", Access::kPublic, [](Request&) { return Response::Text(200, "hi"); });
  router.Add("GET", "/private/{id}", Access::kSignedIn,
             [](Request& r) { return Response::Text(200, "id " + r.Param("id")); });
  auto open = Get("/public");
  EXPECT_EQ(router.Dispatch(open).status, 200);
  EXPECT_EQ(guarded, 0);
  auto closed = Get("/private/7");
  EXPECT_EQ(router.Dispatch(closed).status, 401);
  auto allowed = Get("/private/7");
  allowed.headers.emplace_back("x-user", "1");
  auto response = router.Dispatch(allowed);
  EXPECT_EQ(response.body, "id 7");
  EXPECT_EQ(guarded, 2);
}

TEST(Problem, CarriesEveryFieldError) {
  auto response = ProblemFrom(Error::Invalid({{"a", "bad a"}, {"b.c", "bad c"}}));
  EXPECT_EQ(response.status, 422);
  auto body = nlohmann::json::parse(response.body);
  EXPECT_EQ(body["status"], 422);
  ASSERT_EQ(body["errors"].size(), 2u);
  EXPECT_EQ(body["errors"][1]["field"], "b.c");
  EXPECT_EQ(StatusFor(ErrorCode::kConflict), 409);
  EXPECT_EQ(StatusFor(ErrorCode::kUnavailable), 503);
}

TEST(UrlEncoding, DecodesFormsAndRefusesBrokenEscapes) {
  auto form = ParseUrlEncoded("name=Zo%C3%AB+Smith&empty=&flag&name=second");
  ASSERT_TRUE(form);
  EXPECT_EQ(form->find("name")->second, "Zoë Smith");
  EXPECT_EQ(form->count("name"), 2u);
  EXPECT_EQ(form->find("empty")->second, "");
  EXPECT_EQ(form->find("flag")->second, "");
  EXPECT_FALSE(ParseUrlEncoded("bad=%G1"));
  EXPECT_FALSE(ParseUrlEncoded("bad=%4"));
  EXPECT_EQ(PercentDecode("a+b", false), "a+b");
  EXPECT_EQ(PercentEncode("/contacts?x=1&y"), "/contacts%3Fx%3D1%26y");
}

TEST(Request, HeadersAreCaseInsensitiveAndCookiesParse) {
  Request r;
  r.headers = {{"content-type", "application/json"}, {"cookie", "a=1; fd_session=tok.en; b=2"}};
  EXPECT_EQ(r.Header("Content-Type"), "application/json");
  EXPECT_EQ(r.Cookie("fd_session"), "tok.en");
  EXPECT_EQ(r.Cookie("b"), "2");
  EXPECT_FALSE(r.Cookie("missing"));
}

}  // namespace
}  // namespace fd::http
