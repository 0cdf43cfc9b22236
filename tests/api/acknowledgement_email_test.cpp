// RULE HCR-22 (docs/decisions.md "An acknowledgement is met when it is sent"): an e-mailed contact's
// automatic acknowledgement is made when the mail server takes it, not when it is queued, and e-mail
// that is not going is seen by managers, analysts and administrators on the pages and the API. The
// real service sends to a real SMTP sink that refuses every message while "down".
#include <functional>
#include <thread>
#include <utility>
#include <vector>

#include "email_fixture.h"
#include "notify/outbox.h"

namespace fd::testing {
namespace {

using nlohmann::json;

constexpr const char* kOfficerAddress = "jo.webb@herts.pnn.police.uk";

json PoliceEmailContact() {
  return {{"referrer", {{"type", "police"}, {"name", "PC Jo Webb"}, {"agency", "Hertfordshire Constabulary"},
                        {"email", kOfficerAddress}}},
          {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"}, {"date_of_birth", "2016-03-02"},
                                     {"gender", "female"}}})},
          {"concern", "Domestic incident attended last night; child present."},
          {"intake", {{"channel", "email"},
                      {"household", {{"domestic_abuse", "yes"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
                                     {"learning_difficulties", "no"}}}}}};
}

const json* Acknowledgement(const json& deadlines) {
  for (const auto& d : deadlines)
    if (d.at("timescale") == "acknowledgement") return &d;
  return nullptr;
}

class AcknowledgementEmail : public ApiTestWithEmail {
 protected:
  // The contact's acknowledgement e-mail row, read straight from the store.
  notify::OutboxRow Row(std::int64_t contact_id) {
    auto tx = real_store_->Begin(store::TransactionMode::kRead);
    for (auto& row : notify::ListOutbox(*tx, "contact", contact_id))
      if (row.purpose == "acknowledgement") return row;
    ADD_FAILURE() << "no acknowledgement e-mail for contact " << contact_id;
    return {};
  }
  // Waits (bounded) until `done` holds of the contact's acknowledgement e-mail.
  bool WaitFor(std::int64_t contact_id, const std::function<bool(const notify::OutboxRow&)>& done) {
    for (int i = 0; i < 200; ++i) {
      if (done(Row(contact_id))) return true;
      std::this_thread::sleep_for(std::chrono::milliseconds(50));
    }
    return false;
  }
  std::int64_t RecordContact() {
    auto created = SignedIn(Role::kContactOfficer).SendJson("POST", "/api/v1/contacts", PoliceEmailContact());
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().value("id", std::int64_t{0});
  }
};

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

// RULE HCR-22: with the mail server refusing, the acknowledgement waits and its clock stays open; the
// contact page, its status link and the API say it waits; managers (home, deadlines), analysts
// (dashboard) and the API are warned, never shown the address. With the server back, once the outbox
// sends it, the clock is met at the time it was sent and the warning is gone.
TEST_F(AcknowledgementEmail, HCR22_MetWhenSentNotWhenQueuedAndFailingEmailIsSeen) {
  sink_.FailNextTransactions(1000);  // the mail server "down": every message refused
  const std::int64_t id = RecordContact();
  ASSERT_GT(id, 0);
  ASSERT_TRUE(WaitFor(id, [](const notify::OutboxRow& r) { return r.attempts >= 1; }));
  const std::string path = "/api/v1/contacts/" + std::to_string(id);

  auto officer = SignedIn(Role::kContactOfficer);
  const json waiting = officer.Get(path).Json();
  ASSERT_NE(Acknowledgement(waiting.at("deadlines")), nullptr) << waiting.dump();
  EXPECT_EQ(Acknowledgement(waiting.at("deadlines"))->at("state"), "open");
  EXPECT_TRUE(waiting.at("acknowledgements").empty()) << waiting.dump();
  EXPECT_EQ(waiting.at("acknowledgement_email").at("state"), "waiting");
  EXPECT_GE(waiting.at("acknowledgement_email").at("failed_attempts").get<int>(), 1);
  EXPECT_TRUE(waiting.at("acknowledgement_email").contains("last_error")) << waiting.dump();
  const json links = officer.Get(path + "/status-links").Json();
  ASSERT_EQ(links.at("status_links").size(), 1u) << links.dump();
  EXPECT_EQ(links.at("status_links")[0].at("email").at("state"), "waiting");
  const std::string contact_page = officer.Get("/contacts/" + std::to_string(id)).body;
  EXPECT_TRUE(Has(contact_page, "Acknowledgement e-mail: Waiting to be sent since")) << contact_page;
  EXPECT_TRUE(Has(contact_page, "It counts as the acknowledgement once it is sent (HCR-22)"));
  EXPECT_FALSE(Has(contact_page, ">Sent ")) << contact_page;

  // The warning: the manager's home page and deadlines, the analyst's dashboard, the API.
  auto manager = SignedIn(Role::kTeamManager);
  auto analyst = SignedIn(Role::kAnalyst);
  const std::vector<std::pair<HttpClient*, std::string>> pages = {
      {&manager, "/"}, {&manager, "/deadlines"}, {&analyst, "/dashboard"}, {&analyst, "/"}};
  for (const auto& [client, page] : pages) {
    const auto reply = client->Get(page);
    ASSERT_EQ(reply.status, 200) << page;
    EXPECT_TRUE(Has(reply.body, "id=\"email-warning\"")) << page << reply.body;
    EXPECT_TRUE(Has(reply.body, "E-mails are not being sent: 1 waiting since")) << page;
    EXPECT_TRUE(Has(reply.body, "Tell your system administrator")) << page;
    EXPECT_FALSE(Has(reply.body, kOfficerAddress)) << page;
    EXPECT_FALSE(Has(reply.body, "email-warning-emails")) << page;  // the list is the administrator's
  }
  const auto health = manager.Get("/api/v1/outbox/health");
  ASSERT_EQ(health.status, 200) << health.body;
  EXPECT_EQ(health.Json().at("failing"), true);
  EXPECT_EQ(health.Json().at("waiting"), 1);
  EXPECT_TRUE(Has(health.Json().at("message").get<std::string>(), "E-mails are not being sent")) << health.body;
  EXPECT_FALSE(health.Json().contains("emails"));
  EXPECT_FALSE(Has(health.body, kOfficerAddress));
  // The administrator gets each e-mail: its purpose, record and the recipient's domain, not the address.
  auto admin = SignedIn(Role::kAdministrator);
  const json detail = admin.Get("/api/v1/outbox/health").Json();
  ASSERT_EQ(detail.at("emails").size(), 1u) << detail.dump();
  EXPECT_EQ(detail.at("emails")[0].at("purpose"), "acknowledgement");
  EXPECT_EQ(detail.at("emails")[0].at("record").at("id"), id);
  EXPECT_EQ(detail.at("emails")[0].at("recipient_domain"), "herts.pnn.police.uk");
  EXPECT_FALSE(Has(detail.dump(), kOfficerAddress));
  const std::string admin_home = admin.Get("/").body;
  EXPECT_TRUE(Has(admin_home, "email-warning-emails")) << admin_home;
  EXPECT_FALSE(Has(admin_home, kOfficerAddress));
  // A contact officer's home page is not where the warning goes (it is on the deadlines page).
  EXPECT_FALSE(Has(officer.Get("/").body, "id=\"email-warning\""));

  // The mail server back: the retry (30 s after the first failure) sends it.
  sink_.FailNextTransactions(0);
  clock_.Advance(std::chrono::minutes(2));
  ASSERT_FALSE(EmailTo(kOfficerAddress, "").empty());
  ASSERT_TRUE(WaitFor(id, [](const notify::OutboxRow& r) { return r.sent_at.has_value(); }));
  const std::string sent_at = FormatUtc(*Row(id).sent_at);
  const json sent = officer.Get(path).Json();
  EXPECT_EQ(Acknowledgement(sent.at("deadlines"))->at("state"), "met");
  EXPECT_EQ(Acknowledgement(sent.at("deadlines"))->at("met_at"), sent_at);
  ASSERT_EQ(sent.at("acknowledgements").size(), 1u) << sent.dump();
  EXPECT_EQ(sent.at("acknowledgements")[0].at("method"), "email");
  EXPECT_EQ(sent.at("acknowledgements")[0].at("at"), sent_at);
  EXPECT_EQ(sent.at("acknowledgement_email").at("state"), "sent");
  EXPECT_EQ(sent.at("acknowledgement_email").at("sent_at"), sent_at);
  EXPECT_EQ(officer.Get(path + "/status-links").Json().at("status_links")[0].at("email").at("state"), "sent");
  EXPECT_TRUE(Has(officer.Get("/contacts/" + std::to_string(id)).body, ">Sent "));
  EXPECT_EQ(manager.Get("/api/v1/outbox/health").Json().at("failing"), false);
  for (const char* page : {"/", "/deadlines"}) EXPECT_FALSE(Has(manager.Get(page).body, "id=\"email-warning\"")) << page;
  EXPECT_FALSE(Has(analyst.Get("/dashboard").body, "id=\"email-warning\""));
}

// RULE HCR-22: an acknowledgement e-mail given up on is no acknowledgement: the clock stays open, the
// contact page says it was not sent and why (the address taken out of the server's words) and to
// tell the referrer another way; the warning counts it.
TEST_F(AcknowledgementEmail, HCR22_AnEmailGivenUpOnIsNotAnAcknowledgement) {
  sink_.FailNextTransactions(1000);
  const std::int64_t id = RecordContact();
  ASSERT_GT(id, 0);
  ASSERT_TRUE(WaitFor(id, [](const notify::OutboxRow& r) { return r.attempts >= 1; }));
  const std::int64_t email_id = Row(id).id;
  {
    // Refused for good, as a server that rejects the recipient does.
    auto tx = real_store_->Begin(store::TransactionMode::kWrite);
    notify::RecordFailure(*tx, email_id, std::string("550 5.1.1 <") + kOfficerAddress + ">: Recipient address rejected",
                          clock_.Now(), true);
    tx->Commit();
  }
  ASSERT_TRUE(Row(id).failed_at.has_value());
  auto officer = SignedIn(Role::kContactOfficer);
  const json contact = officer.Get("/api/v1/contacts/" + std::to_string(id)).Json();
  EXPECT_EQ(Acknowledgement(contact.at("deadlines"))->at("state"), "open");
  EXPECT_TRUE(contact.at("acknowledgements").empty());
  EXPECT_EQ(contact.at("acknowledgement_email").at("state"), "not-sent");
  EXPECT_EQ(contact.at("acknowledgement_email").at("last_error"), "550 5.1.1 <[address]>: Recipient address rejected");
  const std::string page = officer.Get("/contacts/" + std::to_string(id)).body;
  EXPECT_TRUE(Has(page, "Acknowledgement e-mail: Not sent: 550 5.1.1 &lt;[address]&gt;: Recipient address rejected"))
      << page;
  EXPECT_TRUE(Has(page, "tell them another way and record it below (HCR-22)"));
  // The status link it carried says the same.
  EXPECT_TRUE(Has(page, ">Not sent: 550 5.1.1 &lt;[address]&gt;: Recipient address rejected</dt>")) << page;
  EXPECT_FALSE(Has(page, kOfficerAddress + std::string(">: Recipient")));
  const json health = SignedIn(Role::kTeamManager).Get("/api/v1/outbox/health").Json();
  EXPECT_EQ(health.at("failing"), true);
  EXPECT_EQ(health.at("given_up"), 1);
  EXPECT_EQ(health.at("waiting"), 0);
  EXPECT_EQ(health.at("last_error"), "550 5.1.1 <[address]>: Recipient address rejected");

  // Told on the phone instead: the verbal acknowledgement meets it at once.
  ASSERT_EQ(officer.SendJson("POST", "/api/v1/contacts/" + std::to_string(id) + "/acknowledgement",
                             {{"method", "verbal"}, {"note", "Rang PC Webb"}})
                .status,
            201);
  EXPECT_EQ(Acknowledgement(officer.Get("/api/v1/contacts/" + std::to_string(id)).Json().at("deadlines"))->at("state"),
            "met");
}

// The health answer takes no parameters, and says so naming the one given; a role that neither works
// deadlines nor reads the figures (the data protection officer) is refused.
TEST_F(AcknowledgementEmail, HCR22_TheHealthAnswerRefusesParametersAndRolesItIsNotFor) {
  auto manager = SignedIn(Role::kTeamManager);
  const auto bad = manager.Get("/api/v1/outbox/health?foo=1");
  EXPECT_GE(bad.status, 400) << bad.body;
  EXPECT_TRUE(NamesField(bad, "foo")) << bad.body;
  EXPECT_EQ(manager.Get("/api/v1/outbox/health").Json().at("failing"), false);
  EXPECT_EQ(SignedIn(Role::kDataProtectionOfficer).Get("/api/v1/outbox/health").status, 403);
}

}  // namespace
}  // namespace fd::testing
