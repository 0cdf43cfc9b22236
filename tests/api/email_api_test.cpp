// E-mail end to end: the real service with its outbox worker sending to a real SMTP sink on
// loopback. What arrives is read back and checked.
#include <thread>

#include "api_fixture.h"
#include "support/smtp_sink.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class EmailApi : public ApiTest {
 protected:
  void Configure(service::ServiceOptions& options) override {
    options.smtp_url = sink_.url();
    options.smtp_from = "frontdoor@hertfordshire.gov.uk";
  }

  // Waits (bounded) until `count` messages have arrived.
  std::vector<ReceivedMessage> WaitForMessages(std::size_t count) {
    for (int i = 0; i < 100 && sink_.MessageCount() < count; ++i)
      std::this_thread::sleep_for(std::chrono::milliseconds(100));
    return sink_.Messages();
  }

  SmtpSink sink_;
};

json PoliceEmailContact() {
  return {{"referrer", {{"type", "police"}, {"name", "PC Jo Webb"}, {"agency", "Hertfordshire Constabulary"},
                        {"email", "jo.webb@herts.pnn.police.uk"}}},
          {"children", json::array({{{"first_names", "Ava"}, {"last_name", "Example"}, {"date_of_birth", "2016-03-02"},
                                     {"gender", "female"}}})},
          {"concern", "Domestic incident attended last night; child present."},
          {"intake", {{"channel", "email"},
                      {"household", {{"domestic_abuse", "yes"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
                                     {"learning_difficulties", "no"}}}}}};
}

// RULE HCR-22 RULE KCR-17 RULE HCR-24 RULE KCR-5: an e-mailed contact from a secure police address is
// acknowledged by e-mail at once; once authorised, the officer is e-mailed the outcome. Each arrives
// once, from the outbox, over SMTP.
TEST_F(EmailApi, HCR22_KCR17_AcknowledgementAndOutcomeArriveBySmtp) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto created = officer.SendJson("POST", "/api/v1/contacts", PoliceEmailContact());
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string reference = created.Json().at("reference");
  auto messages = WaitForMessages(1);
  ASSERT_EQ(messages.size(), 1u);
  EXPECT_EQ(messages[0].recipients, std::vector<std::string>{"jo.webb@herts.pnn.police.uk"});
  EXPECT_NE(messages[0].DecodedSubject().find(reference), std::string::npos);
  EXPECT_NE(messages[0].DecodedBody().find("within one working day"), std::string::npos);

  auto worker = SignedIn(Role::kSocialWorker);
  auto manager = SignedIn(Role::kTeamManager);
  ScreenAndDecide(worker, manager, created.Json().at("id"),
                  {{"outcome", "families-first"}, {"children", {0}}, {"rationale", "Support needed"},
                   {"next_steps", "Families First worker to contact the mother"}});
  if (HasFatalFailure()) return;

  messages = WaitForMessages(2);
  ASSERT_EQ(messages.size(), 2u);
  EXPECT_NE(messages[1].DecodedSubject().find("outcome"), std::string::npos) << messages[1].DecodedSubject();
  EXPECT_NE(messages[1].DecodedBody().find("Families First"), std::string::npos) << messages[1].DecodedBody();
  EXPECT_NE(messages[0].Header("Message-ID"), messages[1].Header("Message-ID"));
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));  // a further poll sends nothing again
  EXPECT_EQ(sink_.MessageCount(), 2u);
}

// RULE KCR-5: a professional address off the secure list is never sent anything.
TEST_F(EmailApi, KCR5_NothingGoesToAnInsecureProfessionalAddress) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto body = PoliceEmailContact();
  body["referrer"]["email"] = "jo.webb@webmail.example";
  ASSERT_EQ(officer.SendJson("POST", "/api/v1/contacts", body).status, 201);
  std::this_thread::sleep_for(std::chrono::milliseconds(1500));
  EXPECT_EQ(sink_.MessageCount(), 0u);
}

}  // namespace
}  // namespace fd::testing
