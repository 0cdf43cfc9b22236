#include "policy/policy_pack.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>

#include "domain/contact.h"
#include "policy/procedures.h"
#include "support/temp_dir.h"
#include "unit/policy/test_pack.h"

namespace fd::policy {
namespace {

using test_pack::kPolicies;

calendar::Date Day(const char* iso) { return *ParseIsoDate(iso); }

const PolicyPack& Pack(const std::string& authority, const char* on) {
  static std::map<std::string, std::vector<PolicyPack>> cache;
  if (!cache.contains(authority)) {
    auto loaded = LoadAuthority(kPolicies + "/" + authority);
    EXPECT_TRUE(loaded.has_value()) << (loaded ? "" : loaded.error().front().ToString());
    cache[authority] = std::move(*loaded);
  }
  const PolicyPack* pack = VersionInForce(cache[authority], Day(on));
  EXPECT_NE(pack, nullptr);
  return *pack;
}

// Due time of a pack's timescale, from a local time, as local ISO text.
std::string Due(const PolicyPack& pack, const std::string& timescale_id, const char* from) {
  const TimescaleRule* rule = pack.Timescale(timescale_id);
  EXPECT_NE(rule, nullptr) << timescale_id;
  auto cal = CalendarFor(pack);
  return cal.FormatLocal(cal.Due(rule->timescale, *cal.FromLocal(*calendar::ParseLocalTime(from))));
}

TEST(PolicyPacks, EveryShippedPackIsValid) {
  for (const char* authority : {"kent", "hertfordshire"}) {
    auto packs = LoadAuthority(kPolicies + "/" + authority);
    ASSERT_TRUE(packs.has_value()) << packs.error().front().ToString();
    for (const auto& p : *packs) {
      EXPECT_FALSE(p.services.empty());
      EXPECT_FALSE(p.outcomes.empty());
      EXPECT_FALSE(p.significant_harm_indicators.empty());
      EXPECT_FALSE(p.secure_email_domains.empty());
      for (const auto& [id, t] : p.timescales) EXPECT_FALSE(t.rule.empty()) << id;
    }
  }
}

// RULE CRU-5: a consultation is judged by the policy in force when it was requested.
TEST(PolicyPacks, CRU5_VersionInForceByEffectiveDate) {
  EXPECT_EQ(Pack("kent", "2020-06-01").version, "2017-cru");
  EXPECT_EQ(Pack("kent", "2024-08-31").version, "2017-cru");
  EXPECT_EQ(Pack("kent", "2024-09-01").version, "2024-fds");
  EXPECT_EQ(Pack("kent", "2026-11-24").version, "2024-fds");
  auto kent = LoadAuthority(kPolicies + "/kent");
  EXPECT_EQ(VersionInForce(*kent, Day("2016-12-31")), nullptr);
  EXPECT_NE(Pack("kent", "2020-06-01").Service("cru-consultation-line"), nullptr);
  EXPECT_EQ(Pack("kent", "2020-06-01").Service("fds-consultation-line"), nullptr);
}

// RULE FDS-1 from the pack: 10:00–16:00 Monday to Friday, closed on bank holidays.
TEST(PolicyPacks, FDS1_ConsultationLineHoursComeFromThePack) {
  const auto& pack = Pack("kent", "2026-11-24");
  auto cal = CalendarFor(pack);
  const auto* line = pack.Service("fds-consultation-line");
  ASSERT_NE(line, nullptr);
  auto at = [&](const char* local) { return *cal.FromLocal(*calendar::ParseLocalTime(local)); };
  EXPECT_TRUE(cal.IsOpen(*line, at("2026-11-27T15:59")));
  EXPECT_FALSE(cal.IsOpen(*line, at("2026-11-27T16:00")));
  EXPECT_EQ(cal.FormatLocal(*cal.NextOpen(*line, at("2026-12-24T16:30"))), "2026-12-29T10:00:00+00:00");
}

// RULE HCR-8, HCR-18, HCR-19 from the pack.
TEST(PolicyPacks, HCR8_HCR18_HCR19_HertfordshireServiceHours) {
  const auto& pack = Pack("hertfordshire", "2026-11-24");
  auto cal = CalendarFor(pack);
  auto at = [&](const char* local) { return *cal.FromLocal(*calendar::ParseLocalTime(local)); };
  EXPECT_FALSE(cal.IsOpen(*pack.Service("consultation-hub"), at("2026-11-27T16:00")));  // Friday
  EXPECT_TRUE(cal.IsOpen(*pack.Service("consultation-hub"), at("2026-11-26T16:00")));   // Thursday
  EXPECT_TRUE(cal.IsOpen(*pack.Service("customer-service-centre"), at("2026-11-28T10:00")));  // Saturday
  EXPECT_FALSE(cal.IsOpen(*pack.Service("customer-service-centre"), at("2026-11-28T16:30")));
  EXPECT_TRUE(cal.IsOpen(*pack.Service("out-of-hours"), at("2026-11-28T16:30")));
  EXPECT_TRUE(cal.IsOpen(*pack.Service("out-of-hours"), at("2026-12-25T03:00")));
  EXPECT_TRUE(cal.IsOpen(*pack.Service("police-jcpit"), at("2026-12-25T10:00")));
  EXPECT_FALSE(cal.IsOpen(*pack.Service("police-jcpit"), at("2026-12-26T17:30")));
}

// Each timescale rule, loaded from its pack, gives the due time the procedures mean.
TEST(PolicyPacks, KCR8_DecisionWithinOneWorkingDay) {
  EXPECT_EQ(Due(Pack("kent", "2026-11-24"), "decision", "2026-11-27T16:30"), "2026-11-30T16:30:00+00:00");
  EXPECT_EQ(Due(Pack("kent", "2026-11-24"), "immediate-protection", "2026-11-27T16:30"), "2026-11-27T16:30:00+00:00");
}

TEST(PolicyPacks, HCR27_DecisionWithinOneWorkingDay) {
  EXPECT_EQ(Due(Pack("hertfordshire", "2026-11-24"), "decision", "2026-12-24T11:00"), "2026-12-29T11:00:00+00:00");
}

TEST(PolicyPacks, HCR22_AcknowledgementWithinOneWorkingDay) {
  EXPECT_EQ(Due(Pack("hertfordshire", "2026-11-24"), "acknowledgement", "2026-11-28T10:00"), "2026-12-01T09:00:00+00:00");
}

TEST(PolicyPacks, HCR23_ChaseAfterThreeWorkingDays) {
  EXPECT_EQ(Due(Pack("hertfordshire", "2026-11-24"), "chase-received-only", "2026-11-24T10:00"),
            "2026-11-27T10:00:00+00:00");
}

TEST(PolicyPacks, HCR15_WrittenConfirmationWithin24Hours) {
  EXPECT_EQ(Due(Pack("hertfordshire", "2026-11-24"), "written-confirmation", "2026-11-27T16:00"),
            "2026-11-28T16:00:00+00:00");
}

TEST(PolicyPacks, HCR32_ChildSeenAndSection47Decision) {
  const auto& pack = Pack("hertfordshire", "2026-11-24");
  EXPECT_EQ(Due(pack, "child-seen", "2026-12-21T10:00"), "2026-12-30T10:00:00+00:00");  // 22, 23, 24, 29, 30 December
  EXPECT_EQ(Due(pack, "section-47-decision", "2026-10-24T20:00"), "2026-10-25T19:00:00+00:00");  // clocks back
}

// RULE CPC-3 RULE CPC-4: the CP chair contacts the requesting social worker within 24 hours and
// records the consultation within 48 hours, elapsed time, weekend or not.
TEST(PolicyPacks, CPC3_CPC4_ChairContactAndRecord) {
  const auto& pack = Pack("kent", "2026-11-24");
  EXPECT_EQ(Due(pack, "chair-contact", "2026-11-27T15:00"), "2026-11-28T15:00:00+00:00");
  EXPECT_EQ(Due(pack, "chair-record", "2026-11-27T15:00"), "2026-11-29T15:00:00+00:00");
}

// RULE CAL-2: the shipped bank holidays cover every year a shipped pack is in force, from Kent's
// 2017 procedures on: a contact on Friday 22 December 2017 is due after Christmas and Boxing Day.
TEST(PolicyPacks, CAL2_BankHolidaysCoverTheOldestPack) {
  auto kent = Procedures::Load(kPolicies + "/kent");
  ASSERT_TRUE(kent.has_value());
  const Instant from = *ParseUtc("2017-12-22T10:00:00Z");
  const auto one_day = calendar::ParseTimescale("1 working day");
  ASSERT_TRUE(one_day.has_value());
  EXPECT_EQ(FormatUtc((*kent)->CalendarAt(from).Due(*one_day, from)), "2017-12-27T10:00:00Z");
}

class BrokenPackTest : public ::testing::Test {
 protected:
  // Writes a pack into <tmp>/authority/pack.toml with the real bank-holiday file beside it.
  std::string Write(const std::string& text) { return test_pack::Write(dir_, text); }
  static bool Has(const PackErrors& errors, int line, const std::string& words) {
    for (const auto& e : errors)
      if (e.line == line && e.message.find(words) != std::string::npos) return true;
    return false;
  }
  testing::TempDir dir_;
};

const char* kGoodHead = test_pack::kHead;

const std::string kGoodTail = test_pack::kRules + R"(
[secure_email]
domains = ["gov.uk"]
)";

TEST_F(BrokenPackTest, AGoodPackLoads) {
  auto pack = LoadPack(Write(std::string(kGoodHead) +
                             "\n[[services]]\nid = \"line\"\nname = \"Line\"\nhours = [{ days = \"Mon-Fri\", start = "
                             "\"09:00\", end = \"17:00\" }]\n" +
                             kGoodTail));
  ASSERT_TRUE(pack.has_value()) << pack.error().front().ToString();
  EXPECT_EQ(pack->services.at(0).weekly.size(), 5u);
}

TEST_F(BrokenPackTest, BadTomlSyntaxNamesTheLine) {
  auto pack = LoadPack(Write("[pack]\nauthority = \"test\nversion = 1\n"));
  ASSERT_FALSE(pack.has_value());
  EXPECT_EQ(pack.error().at(0).line, 2);
  EXPECT_NE(pack.error().at(0).ToString().find("pack.toml:2:"), std::string::npos);
}

// ParsePack (the fuzz harness's way in) reads text exactly as LoadPack reads the file holding it.
TEST(ParsePack, ReadsTextAsLoadPackReadsTheFile) {
  const std::string path = kPolicies + "/kent/2024-fds.toml";
  std::ifstream in(path);
  const std::string text((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
  auto from_file = LoadPack(path);
  auto from_text = ParsePack(text, path);
  ASSERT_TRUE(from_file.has_value() && from_text.has_value());
  EXPECT_EQ(from_text->version, from_file->version);
  EXPECT_EQ(from_text->services.size(), from_file->services.size());
  EXPECT_EQ(from_text->timescales.size(), from_file->timescales.size());
  EXPECT_EQ(from_text->bank_holiday_file, from_file->bank_holiday_file);
}

TEST(ParsePack, NamesThePathAndLineOfASyntaxError) {
  auto pack = ParsePack("[pack]\nauthority = \"test\nversion = 1\n", "policies/test/pack.toml");
  ASSERT_FALSE(pack.has_value());
  EXPECT_EQ(pack.error().at(0).line, 2);
  EXPECT_NE(pack.error().at(0).ToString().find("policies/test/pack.toml:2:"), std::string::npos);
}

TEST_F(BrokenPackTest, EveryProblemIsListedWithItsLine) {
  const std::string text = std::string(kGoodHead) +
                           "\n[[services]]\n"                                                   // line 11
                           "id = \"line\"\n"                                                    // 12
                           "name = 42\n"                                                        // 13 wrong type
                           "hours = [{ days = \"Mon-Fry\", start = \"09:00\", end = \"17:00\" },\n"  // 14 unknown day
                           "         { days = \"Sat\", start = \"17:00\", end = \"09:00\" }]\n"      // 15 end before start
                           "\n[timescales]\n"                                                   // 17
                           "decision = { within = \"a while\", rule = \"KCR-8\" }\n"            // 18 bad timescale
                           "\n[secure_email]\n"                                                 // 20
                           "domains = []\n";                                                    // 21
  auto pack = LoadPack(Write(text));
  ASSERT_FALSE(pack.has_value());
  const auto& errors = pack.error();
  EXPECT_TRUE(Has(errors, 13, "'name' must be text")) << errors.front().ToString();
  EXPECT_TRUE(Has(errors, 14, "\"Mon-Fri\""));
  EXPECT_TRUE(Has(errors, 15, "'end' must be after 'start'"));
  EXPECT_TRUE(Has(errors, 18, "expected \"immediately\""));
  EXPECT_TRUE(Has(errors, 20, "at least one secure e-mail domain"));
  bool missing_outcomes = false;
  for (const auto& e : errors) missing_outcomes |= e.message.find("[[outcomes]]") != std::string::npos;
  EXPECT_TRUE(missing_outcomes);
}

TEST_F(BrokenPackTest, MissingFieldsAndUnknownZoneAreNamed) {
  std::string head = kGoodHead;
  head.replace(head.find("Europe/London"), 13, "Europe/Atlantis");
  head.erase(head.find("effective_from"), head.find('\n', head.find("effective_from")) - head.find("effective_from") + 1);
  auto pack = LoadPack(Write(head + kGoodTail));
  ASSERT_FALSE(pack.has_value());
  std::string all;
  for (const auto& e : pack.error()) all += e.ToString() + "\n";
  EXPECT_NE(all.find("missing 'effective_from'"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown time zone \"Europe/Atlantis\""), std::string::npos) << all;
  EXPECT_NE(all.find("missing [[services]]"), std::string::npos) << all;
}

// A misspelt setting is an error naming the settings allowed there, not a silent default.
TEST_F(BrokenPackTest, AMisspeltSettingIsNamedWithTheRightOnes) {
  auto pack = LoadPack(Write(std::string(kGoodHead) +
                             "\n[[services]]\n"               // line 11
                             "id = \"line\"\nname = \"Line\"\n"  // 12-13
                             "closed_on_bank_holiday = false\n"  // 14: the real key ends in "holidays"
                             "hours = [{ days = \"Mon-Fri\", start = \"09:00\", end = \"17:00\" }]\n" +
                             kGoodTail));
  ASSERT_FALSE(pack.has_value());
  EXPECT_TRUE(Has(pack.error(), 14, "unknown setting 'closed_on_bank_holiday'")) << pack.error().front().ToString();
  EXPECT_TRUE(Has(pack.error(), 14, "closed_on_bank_holidays"));
}

TEST_F(BrokenPackTest, AnEmptyTimeZoneIsRefused) {
  std::string head = kGoodHead;
  head.replace(head.find("\"Europe/London\""), 15, "\"\"");
  auto pack = LoadPack(Write(head + "\n[[services]]\nid = \"l\"\nname = \"L\"\nhours = []\n" + kGoodTail));
  ASSERT_FALSE(pack.has_value());
  EXPECT_TRUE(Has(pack.error(), 7, "'time_zone' must not be empty")) << pack.error().front().ToString();
}

// RULE CRU-5: the version in force must be unambiguous, so two versions of one authority may not
// take effect on the same date.
TEST_F(BrokenPackTest, CRU5_TwoVersionsOnOneDateAreRefused) {
  const std::string body = std::string(kGoodHead) +
                           "\n[[services]]\nid = \"l\"\nname = \"L\"\nhours = []\n" + kGoodTail;
  Write(body);
  std::string second = body;
  second.replace(second.find("version = \"1\""), 13, "version = \"2\"");
  std::ofstream((dir_.path() / "authority/pack2.toml").string()) << second;
  auto versions = LoadAuthority((dir_.path() / "authority").string());
  ASSERT_FALSE(versions.has_value());
  EXPECT_NE(versions.error().at(0).message.find("same date"), std::string::npos) << versions.error().at(0).ToString();
}


}  // namespace
}  // namespace fd::policy

namespace fd::policy {
namespace {

// Issue 12 point 3: the status link's period comes from the pack, and a nonsense period is refused.
const std::string kSecure = "\n[secure_email]\ndomains = [\"gov.uk\"]\n";

TEST(PolicyPacks, StatusLinkPeriodComesFromThePack) {
  testing::TempDir dir;
  auto pack = LoadPack(test_pack::Write(dir, std::string(test_pack::kHead) + test_pack::kServiceToOutcome + kSecure +
                                                 "\n[referrer_status]\nlink_valid_days = 30\n"));
  ASSERT_TRUE(pack) << test_pack::AllErrors(pack.error());
  EXPECT_EQ(pack->status_link_days, 30);
  auto fallback = LoadPack(test_pack::Write(dir, std::string(test_pack::kHead) + test_pack::kServiceToOutcome + kSecure));
  ASSERT_TRUE(fallback) << test_pack::AllErrors(fallback.error());
  EXPECT_EQ(fallback->status_link_days, 90);
  auto refused = LoadPack(test_pack::Write(dir, std::string(test_pack::kHead) + test_pack::kServiceToOutcome + kSecure +
                                                  "\n[referrer_status]\nlink_valid_days = 0\n"));
  ASSERT_FALSE(refused);
  EXPECT_NE(test_pack::AllErrors(refused.error()).find("link_valid_days"), std::string::npos);
}

// RULE HCR-17 RULE HCR-34 RULE KCR-18: each authority's own intake and decision rules are switched on
// by its pack: Hertfordshire's has them, Kent's do not, and a pack without the tables has none. A
// switch that needs another is refused without it, as is a misspelt one.
TEST(PolicyPacks, HCR17_HCR34_IntakeAndDecisionSwitchesAreThePacks) {
  const PolicyPack& herts = Pack("hertfordshire", "2026-11-24");
  EXPECT_TRUE(herts.intake.red_and_green_forms);
  EXPECT_TRUE(herts.intake.health_contacts_need_nhs_number);
  EXPECT_TRUE(herts.intake.health_contacts_need_form);
  EXPECT_TRUE(herts.decisions.protective_factors_before_transfer);
  EXPECT_TRUE(herts.HasHubAdvice());
  EXPECT_TRUE(herts.Cites("HCR-25"));
  EXPECT_FALSE(herts.Cites("KCR-10")) << "Hertfordshire cites only its own rules (HCR, IR)";
  for (const char* on : {"2020-06-01", "2026-11-24"}) {
    const PolicyPack& kent = Pack("kent", on);
    EXPECT_FALSE(kent.intake.red_and_green_forms) << on;
    EXPECT_FALSE(kent.intake.health_contacts_need_nhs_number) << on;
    EXPECT_FALSE(kent.intake.health_contacts_need_form) << on;
    EXPECT_FALSE(kent.decisions.protective_factors_before_transfer) << on;
    EXPECT_FALSE(kent.HasHubAdvice()) << on;
    EXPECT_FALSE(kent.Cites("HCR-25")) << on;
    EXPECT_TRUE(kent.Cites("KCR-10")) << on;
  }
  testing::TempDir dir;
  const std::string base = std::string(test_pack::kHead) + test_pack::kServiceToOutcome + kSecure;
  auto alone = LoadPack(test_pack::Write(dir, base + "\n[intake]\nhealth_contacts_need_form = true\n"));
  ASSERT_FALSE(alone);
  EXPECT_NE(test_pack::AllErrors(alone.error()).find("set red_and_green_forms = true"), std::string::npos);
  auto misspelt = LoadPack(test_pack::Write(dir, base + "\n[decisions]\nprotective_factor_before_transfer = true\n"));
  ASSERT_FALSE(misspelt);
  EXPECT_NE(test_pack::AllErrors(misspelt.error()).find("protective_factors_before_transfer"), std::string::npos);
  auto hub = LoadPack(test_pack::Write(dir, base + "\n[routing]\nred_forms_need_hub_consultation = true\n"));
  ASSERT_FALSE(hub);
  EXPECT_NE(test_pack::AllErrors(hub.error()).find("red_and_green_forms"), std::string::npos);
  auto on = LoadPack(test_pack::Write(dir, base + "\n[intake]\nred_and_green_forms = true\nhealth_contacts_need_form = true\n"));
  ASSERT_TRUE(on) << test_pack::AllErrors(on.error());
  EXPECT_TRUE(on->intake.health_contacts_need_form);
  EXPECT_FALSE(on->intake.health_contacts_need_nhs_number);
}

// RULE HCR-12 RULE HCR-32 RULE KCR-8: which clocks a contact urgent at receipt opens is the pack's:
// Hertfordshire's 24-hour decision on a strategy discussion, Kent's decision at once (the default).
// A timescale the pack does not define is refused, naming it.
TEST(PolicyPacks, HCR32_KCR8_ClocksAnUrgentContactOpensAreThePacks) {
  EXPECT_EQ(Pack("hertfordshire", "2026-11-24").intake.urgent_timescales,
            std::vector<std::string>{"section-47-decision"});
  for (const char* on : {"2020-06-01", "2026-11-24"})
    EXPECT_EQ(Pack("kent", on).intake.urgent_timescales, std::vector<std::string>{"immediate-protection"}) << on;
  testing::TempDir dir;
  const std::string base = std::string(test_pack::kHead) + test_pack::kServiceToOutcome + kSecure;
  auto unknown = LoadPack(test_pack::Write(dir, base + "\n[intake]\nurgent_timescales = [\"strategy-now\"]\n"));
  ASSERT_FALSE(unknown);
  EXPECT_NE(test_pack::AllErrors(unknown.error()).find("\"strategy-now\""), std::string::npos)
      << test_pack::AllErrors(unknown.error());
  auto none = LoadPack(test_pack::Write(dir, base + "\n[intake]\nurgent_timescales = []\n"));
  ASSERT_TRUE(none) << test_pack::AllErrors(none.error());
  EXPECT_TRUE(none->intake.urgent_timescales.empty());
}

// RULE HCR-12: the urgent advice is said to the public, so it names no rule; the shipped packs pass.
TEST(PolicyPacks, HCR12_TheUrgentAdviceForThePublicNamesNoRule) {
  testing::TempDir dir;
  const std::string base = std::string(test_pack::kHead) + test_pack::kServiceToOutcome + kSecure;
  auto cited = LoadPack(test_pack::Write(dir, base + "\n[routing]\nurgent_advice = \"Call 999 now, or call us and "
                                                     "say it is urgent (HCR-12).\"\n"));
  ASSERT_FALSE(cited);
  EXPECT_NE(test_pack::AllErrors(cited.error()).find("leave out rule ids"), std::string::npos);
  auto plain = LoadPack(test_pack::Write(dir, base + "\n[routing]\nurgent_advice = \"Call 999 now, or call us on "
                                                    "0300-123 4043 (ask for the duty team A-1).\"\n"));
  ASSERT_TRUE(plain) << test_pack::AllErrors(plain.error());
}

// RULE KCR-8 RULE HCR-27: how far back a contact may say it was received is a pack value, 7 days
// unless the pack says, from 0 to 31.
TEST(PolicyPacks, KCR8_HowFarBackAContactMayBeReceivedIsAPackValue) {
  EXPECT_EQ(Pack("hertfordshire", "2026-11-24").intake.received_days_before, 7);
  EXPECT_EQ(Pack("kent", "2026-11-24").intake.received_days_before, 7);
  testing::TempDir dir;
  const std::string base = std::string(test_pack::kHead) + test_pack::kServiceToOutcome + kSecure;
  auto three = LoadPack(test_pack::Write(dir, base + "\n[intake]\nreceived_days_before = 3\n"));
  ASSERT_TRUE(three) << test_pack::AllErrors(three.error());
  EXPECT_EQ(three->intake.received_days_before, 3);
  for (const char* bad : {"32", "-1", "\"7\"", "1.5"}) {
    auto refused = LoadPack(test_pack::Write(dir, base + "\n[intake]\nreceived_days_before = " + bad + "\n"));
    ASSERT_FALSE(refused) << bad;
    EXPECT_NE(test_pack::AllErrors(refused.error()).find("'received_days_before' must be a whole number of days from 0 to 31"),
              std::string::npos)
        << bad;
  }
}

// RULE HCR-5: the timescale within which a contact passed to the allocated worker is recorded on the
// child's record is the pack's: Hertfordshire names one (a working day, citing HCR-5), Kent none (no
// deadline); a pack naming one it does not define is refused, naming it.
TEST(PolicyPacks, HCR5_TheTimescaleToRecordAPassedOnContactIsThePacks) {
  const auto herts = Pack("hertfordshire", "2026-11-24");
  ASSERT_EQ(herts.intake.passed_on_recorded, "passed-on-recorded");
  ASSERT_NE(herts.Timescale("passed-on-recorded"), nullptr);
  EXPECT_EQ(herts.Timescale("passed-on-recorded")->rule, "HCR-5");
  for (const char* on : {"2020-06-01", "2026-11-24"}) EXPECT_TRUE(Pack("kent", on).intake.passed_on_recorded.empty()) << on;
  testing::TempDir dir;
  const std::string base = std::string(test_pack::kHead) + test_pack::kServiceToOutcome + kSecure;
  auto unknown = LoadPack(test_pack::Write(dir, base + "\n[intake]\npassed_on_recorded = \"recorded-soon\"\n"));
  ASSERT_FALSE(unknown);
  EXPECT_NE(test_pack::AllErrors(unknown.error()).find("passed_on_recorded names timescale \"recorded-soon\""),
            std::string::npos)
      << test_pack::AllErrors(unknown.error());
}

// RULE HCR-13: which significant-harm indicators mean imminent risk, fast-tracked to the assessment
// team, is the pack's: Hertfordshire names "imminent-risk", Kent none (no fast track); a pack naming
// an indicator it does not define is refused, naming it, and so is a misspelt key.
TEST(PolicyPacks, HCR13_TheFastTrackIndicatorsAreThePacks) {
  const auto herts = Pack("hertfordshire", "2026-11-24");
  EXPECT_EQ(herts.routing.fast_track_indicators, std::vector<std::string>{"imminent-risk"});
  EXPECT_TRUE(herts.routing.FastTracks());
  for (const char* on : {"2020-06-01", "2026-11-24"}) EXPECT_FALSE(Pack("kent", on).routing.FastTracks()) << on;
  testing::TempDir dir;
  const std::string base = std::string(test_pack::kHead) + test_pack::kServiceToOutcome + kSecure;
  auto known = LoadPack(test_pack::Write(dir, base + "\n[routing]\nfast_track_indicators = [\"x\"]\n"));
  ASSERT_TRUE(known) << test_pack::AllErrors(known.error());
  EXPECT_EQ(known->routing.fast_track_indicators, std::vector<std::string>{"x"});
  auto unknown = LoadPack(test_pack::Write(dir, base + "\n[routing]\nfast_track_indicators = [\"imminent\"]\n"));
  ASSERT_FALSE(unknown);
  EXPECT_NE(test_pack::AllErrors(unknown.error())
                .find("fast_track_indicators names indicator \"imminent\", which [[significant_harm_indicators]] does "
                      "not define"),
            std::string::npos)
      << test_pack::AllErrors(unknown.error());
  auto misspelt = LoadPack(test_pack::Write(dir, base + "\n[routing]\nfast_track_indicator = [\"x\"]\n"));
  ASSERT_FALSE(misspelt);
  EXPECT_NE(test_pack::AllErrors(misspelt.error()).find("fast_track_indicator"), std::string::npos);
}

}  // namespace
}  // namespace fd::policy
