// The e-mails requests for information cause: the requester told what evidence is needed (IR-4,
// IR-10) and the legal helpdesk told of a court or solicitor's request (IR-8). Checked in the
// outbox, written in the same transaction as the change.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "api_fixture.h"
#include "notify/outbox.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class InformationRequestEmails : public ApiTest {
 protected:
  std::int64_t Create(HttpClient& client, const std::string& type, const std::string& email) {
    auto created = client.SendJson("POST", "/api/v1/information-requests",
                                   {{"type", type},
                                    {"requester_name", "Sam Clerk"},
                                    {"requester_organisation", "Harbour Solicitors"},
                                    {"requester_email", email},
                                    {"subject_first_names", "Mia"},
                                    {"subject_last_name", "Example"},
                                    {"subject_date_of_birth", "2017-05-14"},
                                    {"details", "Please tell us what you hold."}});
    EXPECT_EQ(created.status, 201) << created.body;
    return created.Json().at("id").get<std::int64_t>();
  }
  std::vector<notify::OutboxRow> Emails(std::int64_t id) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return notify::ListOutbox(*tx, "information_request", id);
  }
  static std::string Path(std::int64_t id) { return "/api/v1/information-requests/" + std::to_string(id); }
};

// RULE IR-4: a request without the consent it needs is returned, and the requester is e-mailed what
// evidence to send; the e-mail names neither the child nor whether they are known.
TEST_F(InformationRequestEmails, IR4_TheRequesterIsToldWhatEvidenceIsNeeded) {
  auto officer = SignedIn(Role::kContactOfficer);
  const auto id = Create(officer, "other-agency", "sam@harbour-law.example");
  auto returned = officer.SendJson("POST", Path(id) + "/decide", json::object());
  ASSERT_EQ(returned.status, 200) << returned.body;
  ASSERT_EQ(returned.Json().at("status"), "returned");
  auto emails = Emails(id);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0].recipient, "sam@harbour-law.example");
  EXPECT_EQ(emails[0].purpose, "evidence-needed");
  EXPECT_NE(emails[0].body.find("IR-4"), std::string::npos) << emails[0].body;
  EXPECT_NE(emails[0].body.find(returned.Json().at("reference").get<std::string>()), std::string::npos);
  EXPECT_EQ(emails[0].body.find("Mia"), std::string::npos) << emails[0].body;
  EXPECT_EQ(emails[0].body.find("Example"), std::string::npos) << emails[0].body;

  // Refused outright: a second e-mail with the reason and the evidence still missing.
  auto refused = officer.SendJson("POST", Path(id) + "/refuse", {{"reason", "No consent form after two weeks"}});
  ASSERT_EQ(refused.status, 200) << refused.body;
  emails = Emails(id);
  ASSERT_EQ(emails.size(), 2u);
  EXPECT_EQ(emails[1].purpose, "refused");
  EXPECT_NE(emails[1].body.find("No consent form after two weeks"), std::string::npos);
  EXPECT_NE(emails[1].body.find("IR-4"), std::string::npos);
}

// RULE IR-10: a request whose requester gave no e-mail address is returned without an e-mail (the
// front door phones them); nothing is queued to nowhere.
TEST_F(InformationRequestEmails, IR10_NoAddressNoEmail) {
  auto officer = SignedIn(Role::kContactOfficer);
  const auto id = Create(officer, "other-agency", "");
  ASSERT_EQ(officer.SendJson("POST", Path(id) + "/decide", json::object()).Json().at("status"), "returned");
  EXPECT_TRUE(Emails(id).empty());
}

// RULE IR-8: a court or solicitor's request, once routed, is sent to the legal helpdesk's address
// from the pack, once, with the reference and where it went.
TEST_F(InformationRequestEmails, IR8_TheLegalHelpdeskIsTold) {
  auto officer = SignedIn(Role::kContactOfficer);
  // Solicitors answer over the secure CJSM service (KCR-5).
  const auto id = Create(officer, "court-or-solicitor", "sam@harbour-law.cjsm.net");
  auto routed = officer.SendJson("POST", Path(id) + "/decide", json::object());
  ASSERT_EQ(routed.status, 200) << routed.body;
  ASSERT_NE(routed.Json().at("status"), "returned") << routed.body;
  auto emails = Emails(id);
  ASSERT_EQ(emails.size(), 1u);
  EXPECT_EQ(emails[0].recipient, procedures_->PackAt(clock_.Now()).routing.legal_helpdesk_email);
  EXPECT_EQ(emails[0].purpose, "legal-helpdesk");
  EXPECT_NE(emails[0].body.find(routed.Json().at("reference").get<std::string>()), std::string::npos);
  EXPECT_NE(emails[0].body.find("Harbour Solicitors"), std::string::npos);
  EXPECT_EQ(emails[0].body.find("Mia"), std::string::npos) << emails[0].body;
}

}  // namespace
}  // namespace fd::testing
