// Referrer status links (issue 12 point 3; KCR-17, HCR-24, HCR-33), end to end: the link arrives in
// the referrer's real e-mail (outbox → SMTP sink), is opened with no sign-in, shows the stage and,
// after the decision, only what that referrer may be told; it expires, can be revoked, is limited
// per address, and every look is audited.
#include <spdlog/spdlog.h>

#include <regex>
#include <thread>

#include "email_fixture.h"
#include "support/log_capture.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class StatusLinks : public ApiTestWithEmail {
 protected:
  static std::string Api(const std::string& page_path) { return "/api/v1" + page_path; }

  void StartScreening(std::int64_t id) {
    auto worker = SignedIn(Role::kSocialWorker);
    const std::string base = "/api/v1/contacts/" + std::to_string(id);
    auto r = PostWithVersion(worker, base + "/screening/start", json::object(), worker.Get(base).Json().at("version"));
    ASSERT_EQ(r.status, 200) << r.body;
  }

  // Screens and decides the contact: `outcome` with `next_steps`, authorised by the manager.
  void Decide(std::int64_t id, const std::string& outcome, const std::string& next_steps) {
    auto worker = SignedIn(Role::kSocialWorker);
    auto manager = SignedIn(Role::kTeamManager);
    ScreenAndDecide(worker, manager, id,
                    {{"outcome", outcome}, {"children", {0}}, {"rationale", "Internal reasoning, not for the referrer"},
                     {"next_steps", next_steps}, {"protective_factors", "Mother engaged; school watching daily"}});
  }

  CapturedLogs logs_;  // the link's secret must never be in the log
};

json PoliceContact(const std::string& channel) {
  return {{"referrer", {{"type", "police"}, {"name", "PC Jo Webb"}, {"agency", "Hertfordshire Constabulary"},
                        {"email", "jo.webb@herts.pnn.police.uk"}}},
          {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"}, {"date_of_birth", "2016-03-02"},
                                     {"gender", "female"}}})},
          {"concern", "Domestic incident attended last night; child present."},
          {"intake", {{"channel", channel},
                      {"household", {{"domestic_abuse", "yes"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
                                     {"learning_difficulties", "no"}}}}}};
}

json PublicPortalContact() {
  return {{"referrer", {{"type", "member_of_public"}, {"name", "Jo Neighbour"}, {"email", "jo.neighbour@example.com"}}},
          {"children", json::array({{{"first_names", "Sam"}, {"last_name", "Example"}}})},
          {"concern", "Shouting every night."},
          {"intake", {{"household", {{"domestic_abuse", "yes"}, {"mental_illness", "not_known"},
                                     {"substance_misuse", "no"}, {"learning_difficulties", "no"}}}}}};
}

// Nothing of the case beyond the stage: not the child, the concern, the referrer or the reasoning.
void ExpectNothingOfTheCase(const std::string& body) {
  for (const char* secret : {"Ava", "Sam", "Domestic incident", "Shouting", "PC Jo Webb", "Jo Neighbour",
                             "Internal reasoning", "Hertfordshire Constabulary"})
    EXPECT_EQ(body.find(secret), std::string::npos) << secret << " is shown: " << body;
}

// RULE KCR-17 RULE HCR-24 RULE HCR-33: a professional's link shows received, while screened too,
// then the outcome with the next steps and where the referral went; never the case itself.
TEST_F(StatusLinks, KCR17_HCR24_AProfessionalSeesTheStageAndThenTheOutcome) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PoliceContact("email"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::string link = LinkSentTo("jo.webb@herts.pnn.police.uk");
  auto referrer = Client();  // no session

  auto look = referrer.Get(Api(link));
  ASSERT_EQ(look.status, 200) << look.body;
  EXPECT_EQ(look.Json().at("stage"), "received");
  EXPECT_EQ(look.Json().at("reference"), created.Json().at("reference"));
  EXPECT_FALSE(look.Json().contains("outcome"));
  EXPECT_EQ(look.Header("cache-control"), "no-store");
  ExpectNothingOfTheCase(look.body);

  const std::string base = "/api/v1/contacts/" + std::to_string(id);
  StartScreening(id);
  if (HasFatalFailure()) return;
  // HCR-24, KCR-17: until the decision, "received": how far screening has got is not shown, as a
  // contact passed to an allocated worker is never screened here (portal_feedback_test).
  EXPECT_EQ(referrer.Get(Api(link)).Json().at("stage"), "received");

  // A child-in-need assessment makes a referral to the assessment team (HCR-33: they are told where).
  Decide(id, "child-and-family-assessment", "A social worker will visit the family this week");
  if (HasFatalFailure()) return;

  look = referrer.Get(Api(link));
  ASSERT_EQ(look.status, 200) << look.body;
  const json status = look.Json();
  EXPECT_EQ(status.at("stage"), "decided");
  EXPECT_FALSE(status.at("outcome").get<std::string>().empty());
  EXPECT_EQ(status.at("next_steps"), "A social worker will visit the family this week");
  EXPECT_FALSE(status.at("passed_to").get<std::string>().empty());  // HCR-33
  EXPECT_FALSE(status.contains("message"));
  ExpectNothingOfTheCase(look.body);

  // The page says the same to a browser, and is not cached or passed on as a Referer.
  auto page = referrer.Get(link);
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_NE(page.body.find("A social worker will visit the family this week"), std::string::npos);
  EXPECT_NE(page.body.find(status.at("outcome").get<std::string>()), std::string::npos);
  EXPECT_EQ(page.Header("referrer-policy"), "no-referrer");
  ExpectNothingOfTheCase(page.body);

  // RULE KCR-17 (issue 12 point 2): showing the outcome is a disclosure to the referrer, in the
  // lawful-basis ledger once per link however often it is looked at.
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    auto rows = tx->Query("SELECT lawful_basis, counterpart FROM disclosures WHERE cause_kind = 'status-link'", {});
    ASSERT_EQ(rows.size(), 1u);
    EXPECT_FALSE(rows[0].Text(0).empty());
    EXPECT_EQ(rows[0].Text(1), "jo.webb@herts.pnn.police.uk");
  }

  // Every look is audited on the contact, and staff see how often it was opened.
  auto links = officer.Get(base + "/status-links");
  ASSERT_EQ(links.status, 200) << links.body;
  ASSERT_EQ(links.Json().at("status_links").size(), 1u);
  EXPECT_EQ(links.Json().at("status_links")[0].at("looks"), 4);
  EXPECT_EQ(links.Json().at("status_links")[0].at("state"), "active");
  EXPECT_EQ(links.body.find("/status/"), std::string::npos);  // never the secret itself

  // Nor is it logged: the access log writes the route's {secret} as "[secret]", also for a mistyped
  // look (a trailing slash: 404) and a wrong method (405).
  auto mistyped = Client();
  EXPECT_EQ(mistyped.Get(link + "/").status, 404);
  EXPECT_EQ(mistyped.SendJson("POST", "/api/v1" + link, nlohmann::json::object()).status, 405);
  const std::string secret = link.substr(std::string("/status/").size());
  int logged_looks = 0;
  for (const auto& line : logs_.Lines()) {
    EXPECT_EQ(line.find(secret), std::string::npos) << line;
    if (line.find("/status/[secret]") != std::string::npos) ++logged_looks;
  }
  EXPECT_EQ(logged_looks, 4 + 2);  // the four looks and the two mistyped ones
}

// RULE KCR-17: a member of the public who gave an e-mail address gets the link on the receipt and by
// e-mail; after the decision their page says only that it was acted on, in the confidential form.
TEST_F(StatusLinks, KCR17_AMemberOfThePublicSeesOnlyTheConfidentialForm) {
  auto portal = Client();
  auto submitted = portal.SendJson("POST", "/api/v1/portal/contacts", PublicPortalContact());
  ASSERT_EQ(submitted.status, 201) << submitted.body;
  const std::string on_receipt = submitted.Json().at("status_link");
  const std::string link = LinkSentTo("jo.neighbour@example.com");
  EXPECT_TRUE(on_receipt.ends_with(link)) << on_receipt << " vs " << link;

  auto officer = SignedIn(Role::kContactOfficer);
  auto found = officer.Get("/api/v1/contacts?page=1&page_size=1");
  ASSERT_EQ(found.status, 200) << found.body;
  const std::int64_t id = found.Json().at("items")[0].at("id");
  Decide(id, "families-first", "Families First worker to contact the mother");
  if (HasFatalFailure()) return;

  auto look = Client().Get(Api(link));
  ASSERT_EQ(look.status, 200) << look.body;
  EXPECT_EQ(look.Json().at("stage"), "decided");
  EXPECT_FALSE(look.Json().contains("outcome"));
  EXPECT_FALSE(look.Json().contains("next_steps"));
  EXPECT_NE(look.Json().at("message").get<std::string>().find("cannot tell you"), std::string::npos);
  auto page = Client().Get(link);
  EXPECT_EQ(page.body.find("Families First"), std::string::npos) << page.body;
  ExpectNothingOfTheCase(look.body);
  ExpectNothingOfTheCase(page.body);
}

// RULE KCR-5: no link is made where frontdoor may not e-mail the referrer; a professional who phoned
// from a secure address gets the link in an e-mail of its own (the call was the acknowledgement).
TEST_F(StatusLinks, KCR5_LinksOnlyGoWhereFrontdoorMayEmail) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto insecure = PoliceContact("email");
  insecure["referrer"]["email"] = "jo.webb@gmail.com";
  insecure["referrer"]["phone"] = "01632 960 004";  // KCR-17: told the outcome by phone instead
  auto created = officer.SendJson("POST", "/api/v1/contacts", insecure);
  ASSERT_EQ(created.status, 201) << created.body;
  auto links = officer.Get("/api/v1/contacts/" + std::to_string(created.Json().at("id").get<int>()) + "/status-links");
  ASSERT_EQ(links.status, 200) << links.body;
  EXPECT_TRUE(links.Json().at("status_links").empty());

  auto phoned = officer.SendJson("POST", "/api/v1/contacts", PoliceContact("phone"));
  ASSERT_EQ(phoned.status, 201) << phoned.body;
  const std::string link = LinkSentTo("jo.webb@herts.pnn.police.uk");
  EXPECT_EQ(Client().Get(Api(link)).status, 200);
  bool own_email = false;
  for (const auto& m : sink_.Messages())
    if (m.DecodedSubject().find("follow your contact") != std::string::npos) own_email = true;
  EXPECT_TRUE(own_email);
  EXPECT_EQ(sink_.MessageCount(), 1u);  // nothing to the insecure address
}

// RULE KCR-17: the link works for the pack's period (90 days) from receipt, then says it has expired.
TEST_F(StatusLinks, KCR17_ALinkExpiresAfterThePacksPeriod) {
  auto officer = SignedIn(Role::kContactOfficer);
  ASSERT_EQ(officer.SendJson("POST", "/api/v1/contacts", PoliceContact("email")).status, 201);
  const std::string link = LinkSentTo("jo.webb@herts.pnn.police.uk");
  clock_.Advance(std::chrono::days{89});
  EXPECT_EQ(Client().Get(Api(link)).status, 200);
  clock_.Advance(std::chrono::days{1});
  auto expired = Client().Get(Api(link));
  EXPECT_EQ(expired.status, 410) << expired.body;
  EXPECT_NE(expired.Json().at("detail").get<std::string>().find("expired"), std::string::npos);
  auto page = Client().Get(link);
  EXPECT_EQ(page.status, 410);
  EXPECT_NE(page.body.find("This link has expired"), std::string::npos);
}

// RULE KCR-17: staff who deal with the referrer revoke a link with a reason; it is then gone for good.
TEST_F(StatusLinks, KCR17_ARevokedLinkNoLongerWorksAndRevokingNeedsAReason) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PoliceContact("email"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string base = "/api/v1/contacts/" + std::to_string(created.Json().at("id").get<int>());
  const std::string link = LinkSentTo("jo.webb@herts.pnn.police.uk");

  auto analyst = SignedIn(Role::kAnalyst);
  EXPECT_EQ(analyst.SendJson("POST", base + "/status-links/revoke", {{"reason", "x"}}).status, 403);
  auto no_reason = officer.SendJson("POST", base + "/status-links/revoke", {{"reason", "  "}});
  EXPECT_EQ(no_reason.status, 422) << no_reason.body;
  EXPECT_TRUE(NamesField(no_reason, "reason"));
  EXPECT_EQ(Client().Get(Api(link)).status, 200);  // refused: still works

  auto revoked = officer.SendJson("POST", base + "/status-links/revoke",
                                  {{"reason", "The e-mail address was mistyped: it went to someone else"}});
  ASSERT_EQ(revoked.status, 200) << revoked.body;
  EXPECT_EQ(revoked.Json().at("revoked"), 1);
  EXPECT_EQ(Client().Get(Api(link)).status, 410);
  EXPECT_EQ(officer.SendJson("POST", base + "/status-links/revoke", {{"reason", "again"}}).status, 409);
  auto links = officer.Get(base + "/status-links").Json().at("status_links");
  EXPECT_EQ(links[0].at("state"), "revoked");
  EXPECT_EQ(links[0].at("revoke_reason"), "The e-mail address was mistyped: it went to someone else");

  // The page form: the reason is kept when refused, and the contact page shows the revocation.
  auto worker = SignedIn(Role::kSocialWorker);
  const std::string page_base = "/contacts/" + std::to_string(created.Json().at("id").get<int>());
  auto page = worker.Get(page_base);
  EXPECT_NE(page.body.find("Referrer's status link"), std::string::npos);
  EXPECT_NE(page.body.find("Revoked by"), std::string::npos);
  // A revoked link has no "works until" to give; the one look before is "once", not "1 times".
  EXPECT_EQ(page.body.find("Works until"), std::string::npos) << page.body;
  EXPECT_NE(page.body.find("Opened once."), std::string::npos) << page.body;
}

// RULE KCR-17: once the e-mail with the link is sent, the outbox keeps it without the secret
// ("/status/[sent: not kept]"): the store then has only the secret's SHA-256, as docs/security.md
// says, and the referrer's link still works.
TEST_F(StatusLinks, KCR17_ASentEmailIsKeptWithoutTheLinksSecretAndTheLinkStillWorks) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PoliceContact("email"));
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id");
  const std::string link = LinkSentTo("jo.webb@herts.pnn.police.uk");
  const std::string secret = link.substr(std::string("/status/").size());
  ASSERT_EQ(secret.size(), 43u);

  // Marked sent just after the mail server took it.
  const auto stored = [&] {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT body, sent_at FROM outbox WHERE record_type = 'contact' AND record_id = ? "
                     "AND purpose = 'acknowledgement'",
                     {id});
  };
  for (int i = 0; i < 100 && (stored().empty() || stored().at(0).IsNull(1)); ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  const auto rows = stored();
  ASSERT_EQ(rows.size(), 1u);
  ASSERT_FALSE(rows.at(0).IsNull(1)) << "the acknowledgement was not marked sent";
  const std::string body = rows.at(0).Text(0);
  EXPECT_EQ(body.find(secret), std::string::npos) << body;
  EXPECT_NE(body.find("/status/[sent: not kept]"), std::string::npos) << body;
  EXPECT_NE(body.find(created.Json().at("reference").get<std::string>()), std::string::npos);  // the rest is kept
  {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    for (const auto& row : tx->Query("SELECT body FROM outbox"))
      EXPECT_EQ(row.Text(0).find(secret), std::string::npos) << row.Text(0);
  }

  auto look = Client().Get(Api(link));
  ASSERT_EQ(look.status, 200) << look.body;
  EXPECT_EQ(look.Json().at("reference"), created.Json().at("reference"));
}

// Looks are limited per address (30 in 10 minutes), unknown secrets included, and answered 429 with
// Retry-After; an unknown or malformed secret is a plain 404 that says what to check.
TEST_F(StatusLinks, LooksAreLimitedPerAddressAndUnknownLinksAre404) {
  auto referrer = Client();
  auto unknown = referrer.Get("/api/v1/status/" + std::string(43, 'A'));
  EXPECT_EQ(unknown.status, 404);
  EXPECT_NE(unknown.Json().at("detail").get<std::string>().find("whole link"), std::string::npos);
  EXPECT_EQ(referrer.Get("/api/v1/status/not-a-link").status, 404);
  EXPECT_EQ(referrer.Get("/status/not-a-link").status, 404);
  int allowed = 3;
  HttpReply last;
  for (int i = 0; i < 40 && last.status != 429; ++i) {
    last = referrer.Get("/api/v1/status/" + std::string(43, 'B'));
    if (last.status == 404) ++allowed;
  }
  EXPECT_EQ(allowed, 30);
  EXPECT_EQ(last.status, 429);
  EXPECT_FALSE(last.Header("retry-after").empty());
  clock_.Advance(std::chrono::minutes{10});
  EXPECT_EQ(referrer.Get("/api/v1/status/" + std::string(43, 'B')).status, 404);  // a new window
}

}  // namespace
}  // namespace fd::testing
