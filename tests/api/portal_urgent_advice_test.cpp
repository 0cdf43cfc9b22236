// RULE HCR-18 RULE HCR-12: the portal's urgent advice before a request is sent (shown when a
// significant-harm indicator is ticked) says whom to call now, by the pack and the clock, as the
// receipt does: in the Customer Service Centre's hours its number; out of them 999, that it is
// closed and when it opens, and the out-of-hours service the request would go to. The API gives the
// same words (GET /api/v1/portal/urgent-advice) to systems with forms of their own. The fixture's
// pack is Hertfordshire's; each test moves the clock to the hours it needs.
#include "api_fixture.h"

namespace fd::testing {
namespace {

const std::map<std::string, std::string> kFormHeaders{{"Content-Type", "application/x-www-form-urlencoded"}};

bool Has(const std::string& body, const std::string& text) { return body.find(text) != std::string::npos; }

// The urgent warning's words, as the page shows them.
std::string UrgentWarningOn(const std::string& page) {
  const auto at = page.find("id=\"urgent-warning\"");
  if (at == std::string::npos) return "(none)";
  const auto end = page.find("</strong>", at);
  return page.substr(at, end == std::string::npos ? std::string::npos : end - at);
}

// A member of the public's request with an indicator ticked and no concern: sent back for the
// concern, so the form is shown again with the warning showing.
std::vector<std::pair<std::string, std::string>> TickedWithoutConcern() {
  return {{"child_count", "1"},
          {"referrer_type", "member_of_public"},
          {"referrer_name", "Jo Neighbour"},
          {"referrer_phone", "01632 960 001"},
          {"children-0-first_names", "Sam"},
          {"children-0-last_name", "Example"},
          {"indicators", "unexplained-injuries"},
          {"action", "send"}};
}

bool CentreOpen(const policy::PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant at) {
  return calendar.IsOpen(*pack.Service(pack.routing.intake_service), at);
}

using PortalUrgentAdvice = ApiTest;

// RULE HCR-18: in the centre's hours, the form's warning names the centre's number, and 999.
TEST_F(PortalUrgentAdvice, HCR18_InHoursTheFormsUrgentAdviceNamesTheFrontDoorsNumber) {
  AdvanceUntil([](const auto& pack, const auto& calendar, Instant at) { return CentreOpen(pack, calendar, at); });
  auto page = Client().Get("/request-for-support");
  ASSERT_EQ(page.status, 200) << page.body;
  const std::string warning = UrgentWarningOn(page.body);
  EXPECT_TRUE(Has(page.body, "id=\"urgent-warning\" hidden")) << warning;  // shown when an indicator is ticked
  EXPECT_TRUE(Has(warning, "If a child is in immediate danger, call 999 now. Otherwise call the Customer Service "
                           "Centre on 0300 123 4043 straight away and say it is urgent."))
      << warning;
  EXPECT_FALSE(Has(warning, "closed now")) << warning;

  auto api = Client().Get("/api/v1/portal/urgent-advice");  // no sign-in, as the form
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(api.Json().at("intake_service_open"), true);
  EXPECT_EQ(api.Json().at("urgent_advice"), "If a child is in immediate danger, call 999 now. Otherwise call the "
                                            "Customer Service Centre on 0300 123 4043 straight away and say it is "
                                            "urgent.");

  auto again = Client().Send("POST", "/request-for-support", FormBody(TickedWithoutConcern()), kFormHeaders);
  ASSERT_EQ(again.status, 422) << again.body;
  EXPECT_TRUE(Has(again.body, "id=\"urgent-warning\">")) << again.body;  // ticked: showing
  EXPECT_TRUE(Has(UrgentWarningOn(again.body), "Otherwise call the Customer Service Centre on 0300 123 4043"));
}

// RULE HCR-18: out of the centre's hours, the warning does not send them to the closed centre: 999,
// that it is closed and when it opens, and that the request would go straight to the out-of-hours
// service (the pack gives no number for it).
TEST_F(PortalUrgentAdvice, HCR18_OutOfHoursTheFormsUrgentAdviceSays999AndTheOutOfHoursService) {
  AdvanceUntil([](const auto& pack, const auto& calendar, Instant at) { return !CentreOpen(pack, calendar, at); });
  for (const bool shown : {false, true}) {
    auto page = shown ? Client().Send("POST", "/request-for-support", FormBody(TickedWithoutConcern()), kFormHeaders)
                      : Client().Get("/request-for-support");
    ASSERT_EQ(page.status, shown ? 422 : 200) << page.body;
    const std::string warning = UrgentWarningOn(page.body);
    EXPECT_EQ(Has(page.body, "id=\"urgent-warning\" hidden"), !shown) << warning;
    EXPECT_TRUE(Has(warning, "If a child is in immediate danger, call 999 now. The Customer Service Centre is closed "
                             "now (it opens again on "))
        << warning;
    EXPECT_TRUE(Has(warning, "Until then, urgent concerns go to the Safeguarding Out of Hours Service. If you send "
                             "this request now, it is kept, shown to anyone on out-of-hours duty, and seen first when the centre opens."))
        << warning;
    EXPECT_FALSE(Has(warning, "call the Customer Service Centre")) << warning;
  }
  auto api = Client().Get("/api/v1/portal/urgent-advice");
  ASSERT_EQ(api.status, 200) << api.body;
  EXPECT_EQ(api.Json().at("intake_service_open"), false);
  const std::string advice = api.Json().at("urgent_advice");
  EXPECT_TRUE(Has(advice, "call 999 now. The Customer Service Centre is closed now (it opens again on ")) << advice;
  EXPECT_TRUE(Has(advice, "If you send this request now, it is kept, shown to anyone on out-of-hours duty, and seen first when the "
                       "centre opens."))
      << advice;
  EXPECT_FALSE(Has(advice, "call the Customer Service Centre")) << advice;
}

}  // namespace
}  // namespace fd::testing
