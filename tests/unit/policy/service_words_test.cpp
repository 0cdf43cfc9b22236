// What referrers are told about a pack's services by the clock (policy/service_words.h): the Hub's
// hours in words and when it opens again (HCR-8, HCR-9), and whom to call now if a child may be at
// imminent risk, in and out of the Customer Service Centre's hours (HCR-12, HCR-18). Pure: the
// shipped Hertfordshire pack at fixed times, never the real clock. Also the [[services]] phone and
// email fields the words use, and how a bad one is refused.
#include "policy/service_words.h"

#include <gtest/gtest.h>

#include "unit/policy/test_pack.h"

namespace fd::policy {
namespace {

using test_pack::kPolicies;

const PolicyPack& Hertfordshire() {
  static const PolicyPack pack = [] {
    auto loaded = LoadPack(kPolicies + "/hertfordshire/2019.toml");
    EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : test_pack::AllErrors(loaded.error()));
    return *loaded;
  }();
  return pack;
}

const calendar::WorkingCalendar& HertsCalendar() {
  static const calendar::WorkingCalendar cal = CalendarFor(Hertfordshire());
  return cal;
}

// "2026-11-27T15:00" in the pack's zone.
Instant At(const char* local) { return *HertsCalendar().FromLocal(*calendar::ParseLocalTime(local)); }

bool Has(const std::string& text, const std::string& part) { return text.find(part) != std::string::npos; }

const calendar::ServiceHours& Hub() {
  const auto* hub = Hertfordshire().HubService();
  EXPECT_NE(hub, nullptr);
  return *hub;
}

// RULE HCR-8 RULE HCR-9: the Hub's hours in words, from the pack.
TEST(ServiceWords, HCR9_TheHubsHoursInWords) {
  EXPECT_EQ(Hub().id, "consultation-hub");
  EXPECT_EQ(OpeningHoursNow(Hub(), HertsCalendar(), At("2026-11-27T15:00")),
            "The Consultation Hub is open Monday to Thursday, 9am to 5pm; Friday, 9am to 4pm; closed on bank "
            "holidays.");
}

// RULE HCR-8 RULE HCR-9: closed on a Friday after 4pm, it opens again on Monday at 9am, said with the day.
TEST(ServiceWords, HCR9_ClosedNowSaysWhenTheHubOpensAgain) {
  EXPECT_EQ(OpeningHoursNow(Hub(), HertsCalendar(), At("2026-11-27T16:30")),
            "The Consultation Hub is open Monday to Thursday, 9am to 5pm; Friday, 9am to 4pm; closed on bank "
            "holidays. It is closed now and opens again on Monday 30 November 2026 at 9:00am.");
  EXPECT_TRUE(Has(OpeningHoursNow(Hub(), HertsCalendar(), At("2026-11-28T03:00")),
                  "It is closed now and opens again on Monday 30 November 2026 at 9:00am."));
}

// RULE HCR-8: closed on bank holidays: on Christmas Eve evening it next opens after Christmas Day
// and the Boxing Day holiday (Monday 28 December 2026).
TEST(ServiceWords, HCR9_TheHubsNextOpeningSkipsBankHolidays) {
  EXPECT_TRUE(Has(OpeningHoursNow(Hub(), HertsCalendar(), At("2026-12-24T17:30")),
                  "It is closed now and opens again on Tuesday 29 December 2026 at 9:00am."));
}

// RULE HCR-12 RULE HCR-18: while the Customer Service Centre is open, whom to call is the pack's
// urgent advice, with the centre's number; out of its hours 999, that it is closed and when it opens,
// and the out-of-hours service, never the closed centre's number.
TEST(ServiceWords, HCR18_UrgentAdviceByTheClock) {
  const auto& pack = Hertfordshire();
  const std::string open = UrgentAdviceNow(pack, HertsCalendar(), At("2026-11-27T15:00"), true);
  EXPECT_EQ(open, pack.routing.urgent_advice);
  EXPECT_TRUE(Has(open, "call the Customer Service Centre on 0300 123 4043")) << open;

  const std::string closed = UrgentAdviceNow(pack, HertsCalendar(), At("2026-11-28T03:00"), true);
  EXPECT_EQ(closed,
            "If a child is in immediate danger, call 999 now. The Customer Service Centre is closed now (it opens "
            "again on Saturday 28 November 2026 at 9:00am). Until then, urgent concerns go to the Safeguarding Out "
            "of Hours Service. If you send this request now, it is kept, shown to anyone on out-of-hours duty, "
            "and seen first when the centre opens.");
  const std::string not_sending = UrgentAdviceNow(pack, HertsCalendar(), At("2026-11-28T03:00"), false);
  EXPECT_FALSE(Has(not_sending, "If you send this request")) << not_sending;
  EXPECT_TRUE(Has(not_sending, "call 999 now")) << not_sending;
}

// A pack with one service whose [[services]] entry ends with `extra`.
std::expected<PolicyPack, PackErrors> WithService(const testing::TempDir& dir, const std::string& extra) {
  return LoadPack(test_pack::Write(dir, std::string(test_pack::kHead) + R"(
[[services]]
id = "centre"
name = "Centre"
hours = [{ days = "Mon-Fri", start = "09:00", end = "17:00" }]
)" + extra + test_pack::kRules + "\n[secure_email]\ndomains = [\"gov.uk\"]\n"));
}

// RULE HCR-18: with a number for the out-of-hours service, out of hours the advice gives it.
TEST(ServiceWords, HCR18_OutOfHoursTheOutOfHoursServicesNumberWhenThePackGivesOne) {
  testing::TempDir dir;
  auto pack = WithService(dir, R"(
[[services]]
id = "night"
name = "Emergency Duty Team"
phone = "01632 960 001"
hours = [{ days = "Mon-Sun", start = "00:00", end = "24:00" }]

[routing]
intake_service = "centre"
out_of_hours_service = "night"
)");
  ASSERT_TRUE(pack) << test_pack::AllErrors(pack.error());
  const auto cal = CalendarFor(*pack);
  const Instant saturday = *cal.FromLocal(*calendar::ParseLocalTime("2026-11-28T03:00"));
  const std::string advice = UrgentAdviceNow(*pack, cal, saturday, false);
  EXPECT_TRUE(Has(advice, "Until then, call the Emergency Duty Team on 01632 960 001 straight away")) << advice;
}

// A service's phone and e-mail are read as written; a number not shaped like a UK one, or an
// address that is not one, is refused naming the file, the service and the field.
TEST(ServiceWords, HCR9_AServicesPhoneAndEmailAreCheckedWhenThePackLoads) {
  EXPECT_EQ(Hertfordshire().ContactOf("customer-service-centre").phone, "0300 123 4043");
  EXPECT_EQ(Hertfordshire().ContactOf("customer-service-centre").email, "protectedreferrals.cs@hertfordshire.gov.uk");
  EXPECT_EQ(Hertfordshire().ContactOf("consultation-hub").phone, "");  // the procedure gives none
  testing::TempDir dir;
  for (const char* good : {"0300 123 4043", "01438 737402", "+44 300 123 4043", "+443001234043", "101", "999"}) {
    auto pack = WithService(dir, std::string("phone = \"") + good + "\"\nemail = \"centre@example.gov.uk\"\n");
    ASSERT_TRUE(pack) << good << ": " << test_pack::AllErrors(pack.error());
    EXPECT_EQ(pack->ContactOf("centre").phone, good);
    EXPECT_EQ(pack->ContactOf("centre").email, "centre@example.gov.uk");
  }
  for (const char* bad : {"0300 123", "call us", "0300-123-4043", "(01438) 737402", "+1 212 555 0100", "0300  123 4043",
                          "12345678901"}) {
    auto pack = WithService(dir, std::string("phone = \"") + bad + "\"\n");
    ASSERT_FALSE(pack) << bad;
    const std::string errors = test_pack::AllErrors(pack.error());
    EXPECT_TRUE(Has(errors, "authority/pack.toml:")) << errors;
    EXPECT_TRUE(Has(errors, std::string("service \"centre\": 'phone' must be a UK phone number like \"0300 123 "
                                        "4043\" or \"+44 300 123 4043\", digits and single spaces only (got \"") +
                                bad + "\")"))
        << errors;
  }
  auto bad_email = WithService(dir, "email = \"centre at example\"\n");
  ASSERT_FALSE(bad_email);
  EXPECT_TRUE(Has(test_pack::AllErrors(bad_email.error()), "service \"centre\": 'email' must be one e-mail address"));
  auto number = WithService(dir, "phone = 3001234043\n");
  ASSERT_FALSE(number);
  EXPECT_TRUE(Has(test_pack::AllErrors(number.error()), "'phone' must be text in quotes"));
}

}  // namespace
}  // namespace fd::policy
