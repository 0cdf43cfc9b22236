// RULE HCR-9: what a returned red form tells the school, by the pack and the clock: to consult the
// Consultation Hub, its hours in words (HCR-8) and, when it is closed, when it opens again; where to
// ask for its number (the procedure gives none, so the Customer Service Centre's, which it gives);
// and, if a child is at imminent risk after all, whom to call now (HCR-12, HCR-18). The receipt page,
// the e-mail and the API's receipt say the same. The fixture's pack is Hertfordshire's; each test
// moves the clock to the hours it needs, so none depends on when it runs.
#include "email_fixture.h"
#include "portal_receipt.h"
#include "school_red_form.h"

namespace fd::testing {
namespace {

using nlohmann::json;

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};
constexpr const char* kHubHours =
    "The Consultation Hub is open Monday to Thursday, 9am to 5pm; Friday, 9am to 4pm; closed on bank holidays.";
constexpr const char* kAskForTheNumber =
    "If you do not have the number for the Hub, ask the Customer Service Centre on 0300 123 4043.";

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

bool HubOpen(const policy::PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant at) {
  return calendar.IsOpen(*pack.HubService(), at);
}
bool CentreOpen(const policy::PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant at) {
  return calendar.IsOpen(*pack.Service(pack.routing.intake_service), at);
}

class ReturnedForm : public ApiTestWithEmail {
 protected:
  // Sends the red form from the page; returns what happens next as the receipt shows it, and checks
  // the e-mail to the school's secure address says the same.
  std::string SendFromThePage() {
    auto reply = Client().Send("POST", "/request-for-support", FormBody(SchoolRedForm("sam.head@herts.gov.uk")),
                               kFormHeaders);
    EXPECT_EQ(reply.status, 200) << reply.body;
    EXPECT_TRUE(Has(reply.body, "<title>Your red form has been returned")) << reply.body;
    const std::string next = WhatHappensNextOn(reply.body);
    const std::string email = EmailTo("sam.head@herts.gov.uk", ReferenceIn(reply.body));
    EXPECT_TRUE(Has(email, next)) << email << "\n---\n" << next;
    return next;
  }

  // The same over the API: what_happens_next of the portal's receipt.
  std::string SendOverTheApi() {
    auto sent = Client().SendJson("POST", "/api/v1/portal/contacts", SchoolRedFormForTheApi());
    EXPECT_EQ(sent.status, 201) << sent.body;
    EXPECT_EQ(sent.Json().at("returned"), true);
    return sent.Json().at("what_happens_next");
  }
};

// RULE HCR-9 RULE HCR-8: while the Hub and the centre are open, the returned form names the Hub's
// hours in words, where to ask for its number, and the centre's number if a child is at imminent risk.
TEST_F(ReturnedForm, HCR9_WhileTheHubIsOpenItNamesItsHoursAndWhereToAskForItsNumber) {
  AdvanceUntil([](const auto& pack, const auto& calendar, Instant at) {
    return HubOpen(pack, calendar, at) && CentreOpen(pack, calendar, at);
  });
  for (const std::string& next : {SendFromThePage(), SendOverTheApi()}) {
    EXPECT_TRUE(Has(next, "We have not progressed the child protection (red) form you sent")) << next;
    EXPECT_TRUE(Has(next, "Please call the Hub to discuss the concern")) << next;
    EXPECT_TRUE(Has(next, kHubHours)) << next;
    EXPECT_FALSE(Has(next, "closed now")) << next;
    EXPECT_TRUE(Has(next, kAskForTheNumber)) << next;
    EXPECT_TRUE(Has(next, "If a child is at imminent risk of significant harm, do not wait for the Hub. If a child is "
                          "in immediate danger, call 999 now. Otherwise call the Customer Service Centre on 0300 123 "
                          "4043 straight away and say it is urgent."))
        << next;
  }
}

// RULE HCR-9 RULE HCR-8: sent while the Hub is closed (the centre open), it says when the Hub opens again.
TEST_F(ReturnedForm, HCR9_WhileTheHubIsClosedItSaysWhenItOpensAgain) {
  AdvanceUntil([](const auto& pack, const auto& calendar, Instant at) {
    return !HubOpen(pack, calendar, at) && CentreOpen(pack, calendar, at);
  });
  for (const std::string& next : {SendFromThePage(), SendOverTheApi()}) {
    EXPECT_TRUE(Has(next, kHubHours)) << next;
    EXPECT_TRUE(Has(next, "It is closed now and opens again on ")) << next;
    EXPECT_TRUE(Has(next, " at 9:00am.")) << next;  // the Hub opens at 9 every day it opens
    EXPECT_TRUE(Has(next, "Otherwise call the Customer Service Centre on 0300 123 4043")) << next;
  }
}

// RULE HCR-9 RULE HCR-18: sent while the centre is closed, the returned form does not send the school
// to the closed centre for imminent risk: 999, that it is closed and when it opens, and the
// out-of-hours service.
TEST_F(ReturnedForm, HCR9_HCR18_OutOfTheCentresHoursItSays999AndTheOutOfHoursService) {
  AdvanceUntil([](const auto& pack, const auto& calendar, Instant at) { return !CentreOpen(pack, calendar, at); });
  for (const std::string& next : {SendFromThePage(), SendOverTheApi()}) {
    EXPECT_TRUE(Has(next, kHubHours)) << next;
    EXPECT_TRUE(Has(next, "It is closed now and opens again on ")) << next;
    EXPECT_TRUE(Has(next, "do not wait for the Hub. If a child is in immediate danger, call 999 now. The Customer "
                          "Service Centre is closed now (it opens again on "))
        << next;
    EXPECT_TRUE(Has(next, "Until then, urgent concerns go to the Safeguarding Out of Hours Service.")) << next;
    EXPECT_FALSE(Has(next, "Otherwise call the Customer Service Centre")) << next;
    EXPECT_FALSE(Has(next, "If you send this request now")) << next;  // it has been sent
  }
}

}  // namespace
}  // namespace fd::testing
