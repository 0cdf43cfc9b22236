// Professional consultations: whether one may be opened (FDS-1..FDS-5, CRU-1, CRU-2, HCR-7), that a
// no-named consultation identifies nobody (FDS-7), and the consultation number (FDS-9). Pure.
#include <gmock/gmock.h>
#include <gtest/gtest.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <set>
#include <cstdint>
#include <stdexcept>
#include <string>
#include <vector>

#include "domain/consultation_number.h"
#include "domain/consultation_request.h"
#include "domain/identifying_text.h"

namespace fd {
namespace {

using ::testing::HasSubstr;

// ---------------------------------------------------------------------------------------------
// FDS-7: identifying details in free text.

struct IdentifyingCase {
  std::string text;
  std::string found;  // the quoted text
  std::string what;   // "date of birth", "NHS number", "postcode", "phone number"
};

// RULE FDS-7: a no-named consultation holds nothing that identifies the child; each detail found is
// one error on the field, quoting exactly what to remove.
TEST(IdentifyingText, FDS7_FindsDatesOfBirthNhsNumbersPostcodesAndPhones) {
  const std::vector<IdentifyingCase> cases = {
      {"Born 12/03/2015, lives with mum", "12/03/2015", "date of birth"},
      {"dob 12-03-15.", "12-03-15", "date of birth"},
      {"dob 1.3.2015", "1.3.2015", "date of birth"},
      {"born on 12 March 2015 in Maidstone", "12 March 2015", "date of birth"},
      {"born 12th Mar 2015", "12th Mar 2015", "date of birth"},
      {"born 1st of september, 2015", "1st of september, 2015", "date of birth"},
      {"born March 12, 2015", "March 12, 2015", "date of birth"},
      {"DOB: 2015-03-12", "2015-03-12", "date of birth"},
      {"NHS 943 476 5919 per GP", "943 476 5919", "NHS number"},
      {"nhs no 9434765919", "9434765919", "NHS number"},
      {"nhs 943-476-5919", "943-476-5919", "NHS number"},
      {"lives at ME14 1XX", "ME14 1XX", "postcode"},
      {"near SW1A 1AA.", "SW1A 1AA", "postcode"},
      {"postcode me141xx", "me141xx", "postcode"},
      {"(M1 1AE)", "M1 1AE", "postcode"},
      {"mum on 07700 900123 today", "07700 900123", "phone number"},
      {"home 01632 960 001", "01632 960 001", "phone number"},
      {"home 01632960001", "01632960001", "phone number"},
      {"office 020 7946 0018", "020 7946 0018", "phone number"},
      {"call +44 7700 900123", "+44 7700 900123", "phone number"},
      {"call +44 (0)1622 123456", "+44 (0)1622 123456", "phone number"},
      {"call (01622) 123456", "(01622) 123456", "phone number"},
      {"call 0300 123 4567", "0300 123 4567", "phone number"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto errors = FindIdentifyingDetails(c.text, "summary");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].field, "summary");
    EXPECT_EQ(errors[0].message, "Remove the " + c.what + " \"" + c.found +
                                     "\": a no-named consultation must not identify the child");
  }
}

// RULE FDS-7: the message names the detail to remove, word for word.
TEST(IdentifyingText, FDS7_MessageQuotesTheDetail) {
  auto errors = FindIdentifyingDetails("Child born 12/03/2015.", "concern");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_EQ(errors[0].field, "concern");
  EXPECT_EQ(errors[0].message, "Remove the date of birth \"12/03/2015\": a no-named consultation must not identify the child");
}

// RULE FDS-7: every detail is reported, in order, not just the first.
TEST(IdentifyingText, FDS7_ReportsEveryDetail) {
  auto errors = FindIdentifyingDetails("Born 2015-03-12, NHS 9434765919, ME14 1XX, mum 07700 900123.", "summary");
  ASSERT_EQ(errors.size(), 4u);
  EXPECT_THAT(errors[0].message, HasSubstr("date of birth \"2015-03-12\""));
  EXPECT_THAT(errors[1].message, HasSubstr("NHS number \"9434765919\""));
  EXPECT_THAT(errors[2].message, HasSubstr("postcode \"ME14 1XX\""));
  EXPECT_THAT(errors[3].message, HasSubstr("phone number \"07700 900123\""));
}

// RULE FDS-7: ordinary numbers in a concern are not identifying details.
TEST(IdentifyingText, FDS7_OrdinaryNumbersAreNotReported) {
  const std::vector<std::string> ordinary = {
      "Mum has 3 children, the eldest aged 7.",
      "Seen at 16:00 on Tuesday; again at 9.30.",
      "Family moved here in 2024 and rent arrears are £250.",
      "Rent is £1,250.50 a month; 12 of 30 days missed.",
      "She is in Y6 2nd set for maths, b1 1st team.",
      "Ratio 3/4 of sessions attended, score 45/100.",
      "Concern raised 3 times in 12 months, 2 siblings aged 4 and 11.",
      "Invalid check digit 943 476 5918 should not count as an NHS number.",
      "A 10 digit number 1234567890 that is neither.",
      "Term dates: March 2015 and 32/13/2015 are not dates of birth.",
      "",
  };
  for (const auto& text : ordinary) {
    SCOPED_TRACE(text);
    EXPECT_TRUE(FindIdentifyingDetails(text, "summary").empty());
  }
}

// RULE FDS-7: a street address, a named school and an e-mail address identify the child too (the
// review's "lives at 12 Orchard Way Maidstone" and "attends Riverside Primary School" were accepted).
TEST(IdentifyingText, FDS7_FindsStreetAddressesSchoolsAndEmails) {
  const std::vector<IdentifyingCase> cases = {
      {"Mia Example, aged 9, lives at 12 Orchard Way Maidstone with mum", "12 Orchard Way", "street address"},
      {"at 12a Church Rd.", "12a Church Rd", "street address"},
      {"moved to 3 The Mews", "3 The Mews", "street address"},
      {"lives at 41 St John's Park", "41 St John's Park", "street address"},
      {"lives at 7 orchard road now", "7 orchard road", "street address"},
      {"10 HIGH STREET", "10 HIGH STREET", "street address"},
      {"The child, Mia Example, attends Riverside Primary School", "Riverside Primary School", "school"},
      {"goes to St Mary's Primary.", "St Mary's Primary", "school"},
      {"year 9 at Oakwood Park Grammar School", "Oakwood Park Grammar School", "school"},
      {"at Oak Academy", "Oak Academy", "school"},
      {"student at Mid Kent College", "Mid Kent College", "school"},
      {"Little Acorns Nursery said", "Little Acorns Nursery", "school"},
      {"Hextable Infant School reported", "Hextable Infant School", "school"},
      {"brother at Bower Grove Junior School", "Bower Grove Junior School", "school"},
      {"email mum at jo.example+1@mail.example.co.uk today", "jo.example+1@mail.example.co.uk", "e-mail address"},
      {"school dsl@oak.kent.sch.uk said", "dsl@oak.kent.sch.uk", "e-mail address"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.text);
    auto errors = FindIdentifyingDetails(c.text, "summary");
    ASSERT_EQ(errors.size(), 1u);
    EXPECT_EQ(errors[0].message, "Remove the " + c.what + " \"" + c.found +
                                     "\": a no-named consultation must not identify the child");
  }
}

// RULE FDS-7: ordinary sentences with numbers, places and schools in general are not addresses or
// schools.
TEST(IdentifyingText, FDS7_OrdinaryWordsAreNotAddressesOrSchools) {
  const std::vector<std::string> ordinary = {
      "Saw 2 men in the park near the lane.",
      "Mum walked 3 miles up the hill with 2 children.",
      "Seen 3 times at school, 2 days in a row.",
      "Attends primary school; her School says attendance is 80%.",
      "The Academy and the Primary School were told.",
      "Virtual School Kent is involved; Forest School on Fridays.",
      "She goes to nursery 3 days a week.",
      "Mum's email is on file; ask @ reception.",
      "Case 12 Close review next week.",
  };
  for (const auto& text : ordinary) {
    SCOPED_TRACE(text);
    auto errors = FindIdentifyingDetails(text, "summary");
    EXPECT_TRUE(errors.empty()) << (errors.empty() ? "" : errors[0].message);
  }
}

// RULE FDS-7: text that is not ASCII is scanned safely.
TEST(IdentifyingText, FDS7_NonAsciiTextIsScannedSafely) {
  EXPECT_TRUE(FindIdentifyingDetails("Père inquiet — école à côté, «3 enfants»", "summary").empty());
  auto errors = FindIdentifyingDetails("né le 12/03/2015 — école", "summary");
  ASSERT_EQ(errors.size(), 1u);
  EXPECT_THAT(errors[0].message, HasSubstr("\"12/03/2015\""));
}

// ---------------------------------------------------------------------------------------------
// FDS-9: consultation numbers.

std::string NumberFrom(std::array<std::uint8_t, 5> bytes) { return MakeConsultationNumber(bytes); }

// Numbers issued before the check symbol was kept to the 32 data symbols (made by the same check,
// as they were then): stored, and typed back by consultees, so they must stay accepted.
const std::array<std::string, 5> kNumbersIssuedBefore = {"CN-00FK-WQBW-*", "CN-KT1P-GK9J-~", "CN-XPTQ-TH8D-$",
                                                         "CN-43FS-WQ8W-=", "CN-AT9X-03AA-U"};

// RULE FDS-9: the consultee gets a unique, unguessable, checksummed consultation number.
TEST(ConsultationNumber, FDS9_ShapeAndUniqueness) {
  std::string number = NumberFrom({0x12, 0x34, 0x56, 0x78, 0x9a});
  ASSERT_EQ(number.size(), 14u);
  EXPECT_EQ(number.substr(0, 3), "CN-");
  EXPECT_EQ(number.substr(0, 12), "CN-28T5-CY4T");  // 40 bits, Crockford base32
  EXPECT_EQ(number[7], '-');
  EXPECT_EQ(number[12], '-');
  EXPECT_TRUE(IsValidConsultationNumber(number));
  // Different bytes, different numbers: every one of 40 bits shows in the number.
  std::array<std::uint8_t, 5> zero{};
  std::string base = NumberFrom(zero);
  for (int bit = 0; bit < 40; ++bit) {
    auto bytes = zero;
    bytes[static_cast<std::size_t>(bit / 8)] = static_cast<std::uint8_t>(1u << (bit % 8));
    EXPECT_NE(NumberFrom(bytes).substr(0, 12), base.substr(0, 12)) << bit;
  }
  std::vector<std::uint8_t> too_few = {1, 2, 3, 4};
  EXPECT_THROW(MakeConsultationNumber(too_few), std::invalid_argument);
  std::vector<std::uint8_t> more = {1, 2, 3, 4, 5, 6, 7, 8};
  EXPECT_TRUE(IsValidConsultationNumber(MakeConsultationNumber(more)));
}

// RULE FDS-9: a number typed back is accepted in any case, with or without hyphens, spaces or prefix.
TEST(ConsultationNumber, FDS9_AcceptsAnyCaseAndSeparators) {
  std::string number = NumberFrom({0xde, 0xad, 0xbe, 0xef, 0x01});
  std::string lower;
  for (char c : number) lower += static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  std::string compact;
  for (char c : number)
    if (c != '-') compact += c;
  std::string spaced = compact.substr(0, 2) + " " + compact.substr(2, 4) + " " + compact.substr(6, 4) + " " + compact.substr(10);
  for (const std::string& form : {number, lower, compact, spaced, compact.substr(2), number.substr(3)}) {
    SCOPED_TRACE(form);
    EXPECT_TRUE(IsValidConsultationNumber(form));
    EXPECT_EQ(NormaliseConsultationNumber(form), number);
  }
  for (const std::string bad : {"", "CN-", "CN-0000-0000", "CN-0000-0000-00", "XX-0000-0000-0", "CN-0000-0000-!"})
    EXPECT_FALSE(IsValidConsultationNumber(bad)) << bad;
}

// RULE FDS-9: every single changed symbol and every swap of adjacent symbols is rejected,
// exhaustively, over many numbers, and over numbers issued before whose check symbol is one of * ~ $ = U.
TEST(ConsultationNumber, FDS9_RejectsEverySingleChangeAndAdjacentSwap) {
  const std::string alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ*~$=";
  std::set<char> checks_seen;
  for (unsigned seed = 0; seed < 200; ++seed) {
    std::array<std::uint8_t, 5> bytes{};
    for (std::size_t i = 0; i < bytes.size(); ++i) bytes[i] = static_cast<std::uint8_t>((seed * 97 + i * 31 + seed * i * 13) & 0xff);
    std::string number = NumberFrom(bytes);
    ASSERT_TRUE(IsValidConsultationNumber(number)) << number;
    checks_seen.insert(number.back());
    for (std::size_t pos = 0; pos < number.size(); ++pos) {
      if (number[pos] == '-') continue;
      for (char c : alphabet) {
        if (c == number[pos]) continue;
        std::string changed = number;
        changed[pos] = c;
        EXPECT_FALSE(IsValidConsultationNumber(changed)) << number << " -> " << changed;
      }
    }
    std::string compact;
    for (char c : number)
      if (c != '-') compact += c;
    for (std::size_t pos = 0; pos + 1 < compact.size(); ++pos) {
      if (compact[pos] == compact[pos + 1]) continue;
      std::string swapped = compact;
      std::swap(swapped[pos], swapped[pos + 1]);
      EXPECT_FALSE(IsValidConsultationNumber(swapped)) << compact << " -> " << swapped;
    }
  }
  EXPECT_GT(checks_seen.size(), 20u);  // the check symbol varies across its range
  // Numbers issued before, ending * ~ $ = U, keep the same guarantee.
  for (const std::string& number : kNumbersIssuedBefore) {
    std::string compact;
    for (char c : number)
      if (c != '-') compact += c;
    for (std::size_t pos = 2; pos < compact.size(); ++pos)
      for (char c : alphabet) {
        if (c == compact[pos]) continue;
        std::string changed = compact;
        changed[pos] = c;
        EXPECT_FALSE(IsValidConsultationNumber(changed)) << compact << " -> " << changed;
      }
    for (std::size_t pos = 2; pos + 1 < compact.size(); ++pos) {
      if (compact[pos] == compact[pos + 1]) continue;
      std::string swapped = compact;
      std::swap(swapped[pos], swapped[pos + 1]);
      EXPECT_FALSE(IsValidConsultationNumber(swapped)) << compact << " -> " << swapped;
    }
  }
}

// RULE FDS-9: a new number's check symbol is always one of the number's own 32 symbols, so it can be
// read out on the phone (never * ~ $ = U), over many draws, including the rare case where every
// group of bytes given would have drawn one of those.
TEST(ConsultationNumber, FDS9_NewNumbersEndInOneOfTheirOwnSymbols) {
  const std::string_view own = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
  std::uint32_t state = 12345;  // a fixed pseudo-random walk: the test is repeatable
  auto next = [&] { return static_cast<std::uint8_t>((state = state * 1103515245u + 12345u) >> 24); };
  std::set<char> checks_seen;
  for (int draw = 0; draw < 20000; ++draw) {
    std::array<std::uint8_t, 40> bytes{};
    for (auto& b : bytes) b = next();
    const std::string number = MakeConsultationNumber(bytes);
    ASSERT_TRUE(IsValidConsultationNumber(number)) << number;
    ASSERT_NE(own.find(number.back()), std::string_view::npos) << number;
    checks_seen.insert(number.back());
  }
  EXPECT_EQ(checks_seen.size(), 32u);  // every one of the 32 is used: the check is not narrowed further
  // Five bytes that drew "CN-00FK-WQBW-*" before: the last data symbol is stepped on instead.
  const std::string stepped = NumberFrom({0, 31, 62, 93, 124});
  EXPECT_TRUE(IsValidConsultationNumber(stepped)) << stepped;
  EXPECT_NE(own.find(stepped.back()), std::string_view::npos) << stepped;
  EXPECT_EQ(stepped.substr(0, 11), "CN-00FK-WQB");
  // With a second group, that group is used.
  const std::array<std::uint8_t, 10> two = {0, 31, 62, 93, 124, 0x12, 0x34, 0x56, 0x78, 0x9a};
  EXPECT_EQ(MakeConsultationNumber(two), "CN-28T5-CY4T-T");
}

// RULE FDS-9: every number issued before stays accepted, in any case and spacing, so a typed old
// number is still found.
TEST(ConsultationNumber, FDS9_NumbersIssuedBeforeStayAccepted) {
  for (const std::string& number : kNumbersIssuedBefore) {
    SCOPED_TRACE(number);
    EXPECT_TRUE(IsValidConsultationNumber(number));
    EXPECT_EQ(NormaliseConsultationNumber(number), number);
    std::string typed;
    for (char c : number) typed += c == '-' ? ' ' : static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
    EXPECT_EQ(NormaliseConsultationNumber(typed), number);
  }
}

// ---------------------------------------------------------------------------------------------
// Preconditions of a consultation.

ConsultationRules KentFds() {
  return {"FDS",
          {"service-open", "no-request-for-support", "no-significant-harm", "safeguarding-lead-consulted", "child-not-open"},
          {},
          false};
}
ConsultationRules KentCru() {
  return {"CRU",
          {"service-open", "no-iar-or-ehn", "no-significant-harm", "safeguarding-lead-consulted", "parent-discussed"},
          {},
          false};
}
ConsultationRules HertsHub() {
  return {"HCR", {"service-open", "eligible-caller"}, {"school", "early_years", "families_first_key_worker"}, false};
}

// Facts that pass every precondition.
ConsultationFacts GoodCall() {
  ConsultationFacts f;
  f.service_open = true;
  f.next_opening = "Monday 30 November at 10:00";
  f.safeguarding_lead_consulted = true;
  f.parent_discussed = true;
  f.caller_type = "school";
  return f;
}

TEST(ConsultationRequest, AGoodCallIsAcceptedUnderEveryPack) {
  for (const auto& rules : {KentFds(), KentCru(), HertsHub()}) {
    auto check = CheckConsultationRequest(rules, GoodCall());
    EXPECT_TRUE(check.accepted()) << rules.procedure;
    EXPECT_TRUE(check.warnings.empty());
  }
}

struct RefusalCase {
  std::string name;
  ConsultationRules rules;
  void (*change)(ConsultationFacts&);
  std::string precondition;
  std::string rule;
  std::string route_contains;
};

// RULE FDS-1 RULE FDS-2 RULE FDS-3 RULE FDS-4 RULE FDS-5 RULE CRU-1 RULE CRU-2 RULE HCR-7 RULE HCR-8:
// each failing precondition refuses with its rule, a plain reason and the right route.
TEST(ConsultationRequest, FDS1_FDS2_FDS3_FDS4_FDS5_CRU1_CRU2_HCR7_EachPreconditionRefusesWithItsRoute) {
  const std::vector<RefusalCase> cases = {
      {"FDS-1 closed", KentFds(), [](ConsultationFacts& f) { f.service_open = false; }, "service-open", "FDS-1",
       "It opens again on Monday 30 November at 10:00"},
      {"FDS-2 RfS made", KentFds(), [](ConsultationFacts& f) { f.request_already_made = true; },
       "no-request-for-support", "FDS-2", "Request for Support already made"},
      {"FDS-3 harm", KentFds(), [](ConsultationFacts& f) { f.significant_harm_indicators = {"abandonment"}; },
       "no-significant-harm", "FDS-3", "Make an urgent Request for Support now; consent is not needed"},
      {"FDS-4 no lead", KentFds(), [](ConsultationFacts& f) { f.safeguarding_lead_consulted = false; },
       "safeguarding-lead-consulted", "FDS-4", "safeguarding lead"},
      {"FDS-5 open", KentFds(),
       [](ConsultationFacts& f) { f.open_to = AllocatedWorker{"Sam Patel", "Maidstone CIN Team 2", "03000 411111"}; },
       "child-not-open", "FDS-5", "Contact the allocated worker, Sam Patel (Maidstone CIN Team 2), on 03000 411111"},
      {"CRU-1 IAR made", KentCru(), [](ConsultationFacts& f) { f.request_already_made = true; }, "no-iar-or-ehn",
       "CRU-1", "referral or notification already made"},
      {"CRU-1 harm", KentCru(), [](ConsultationFacts& f) { f.significant_harm_indicators = {"other-significant-harm"}; },
       "no-significant-harm", "CRU-1", "Inter-Agency Referral"},
      {"CRU-2 no lead", KentCru(), [](ConsultationFacts& f) { f.safeguarding_lead_consulted = false; },
       "safeguarding-lead-consulted", "CRU-2", "safeguarding lead"},
      {"CRU-2 parent", KentCru(), [](ConsultationFacts& f) { f.parent_discussed = false; }, "parent-discussed", "CRU-2",
       "parent, carer or young person"},
      {"HCR-7 caller", HertsHub(), [](ConsultationFacts& f) { f.caller_type = "health"; }, "eligible-caller", "HCR-7",
       "Customer Service Centre"},
      {"HCR-8 closed", HertsHub(), [](ConsultationFacts& f) { f.service_open = false; }, "service-open", "HCR-8",
       "It opens again on Monday 30 November at 10:00"},
  };
  for (const auto& c : cases) {
    SCOPED_TRACE(c.name);
    auto facts = GoodCall();
    c.change(facts);
    auto check = CheckConsultationRequest(c.rules, facts);
    ASSERT_FALSE(check.accepted());
    EXPECT_EQ(check.refusal->precondition, c.precondition);
    EXPECT_EQ(check.refusal->rule, c.rule);
    EXPECT_FALSE(check.refusal->reason.empty());
    EXPECT_THAT(check.refusal->route, HasSubstr(c.route_contains));
  }
}

// RULE FDS-3: significant harm is checked first, whatever else fails, so the caller always hears the
// urgent route (and needs no consent for it).
TEST(ConsultationRequest, FDS3_SignificantHarmComesFirst) {
  auto facts = GoodCall();
  facts.significant_harm_indicators = {"unexplained-injuries"};
  facts.service_open = false;
  facts.request_already_made = true;
  facts.safeguarding_lead_consulted = false;
  facts.parent_discussed = false;
  facts.open_to = AllocatedWorker{"Sam Patel", "", ""};
  facts.caller_type = "health";
  for (auto rules : {KentFds(), KentCru()}) {
    // The pack's order of preconditions does not matter either.
    std::reverse(rules.preconditions.begin(), rules.preconditions.end());
    auto check = CheckConsultationRequest(rules, facts);
    ASSERT_FALSE(check.accepted());
    EXPECT_EQ(check.refusal->precondition, "no-significant-harm");
  }
  EXPECT_EQ(CheckConsultationRequest(KentFds(), facts).refusal->route,
            "Make an urgent Request for Support now; consent is not needed");
}

// RULE FDS-1: outside the line's hours the caller hears when it opens, and the urgent route.
TEST(ConsultationRequest, FDS1_ClosedLineGivesNextOpeningAndUrgentRoute) {
  auto facts = GoodCall();
  facts.service_open = false;
  auto check = CheckConsultationRequest(KentFds(), facts);
  ASSERT_FALSE(check.accepted());
  EXPECT_EQ(check.refusal->reason, "The consultation line is closed now");
  EXPECT_THAT(check.refusal->route, HasSubstr("It opens again on Monday 30 November at 10:00."));
  EXPECT_THAT(check.refusal->route, HasSubstr("urgent Request for Support"));
  facts.next_opening.clear();
  EXPECT_THAT(CheckConsultationRequest(KentFds(), facts).refusal->route,
              HasSubstr("Call again when the consultation line is open"));
}

// RULE HCR-8: a caller to Hertfordshire's Consultation Hub out of its hours is told the Hub is closed,
// by the name they called, not another authority's "consultation line".
TEST(ConsultationRequest, HCR8_ClosedServiceIsNamedAsThePackNamesIt) {
  auto facts = GoodCall();
  facts.service_open = false;
  facts.service_name = "Consultation Hub";
  auto check = CheckConsultationRequest(HertsHub(), facts);
  ASSERT_FALSE(check.accepted());
  EXPECT_EQ(check.refusal->rule, "HCR-8");
  EXPECT_EQ(check.refusal->reason, "The Consultation Hub is closed now");
  EXPECT_THAT(check.refusal->route, HasSubstr("It opens again on Monday 30 November at 10:00."));
  facts.next_opening.clear();
  EXPECT_THAT(CheckConsultationRequest(HertsHub(), facts).refusal->route,
              HasSubstr("Call again when the Consultation Hub is open"));
}

// RULE FDS-5: where only the team is known, the caller is sent to the team.
TEST(ConsultationRequest, FDS5_OpenChildGoesToAllocatedTeam) {
  auto facts = GoodCall();
  facts.open_to = AllocatedWorker{"", "Ashford Early Help Unit", ""};
  auto check = CheckConsultationRequest(KentFds(), facts);
  ASSERT_FALSE(check.accepted());
  EXPECT_EQ(check.refusal->rule, "FDS-5");
  EXPECT_THAT(check.refusal->route, HasSubstr("the allocated team, Ashford Early Help Unit"));
}

// RULE FDS-4: policy may let the consultation proceed with a warning instead of refusing.
TEST(ConsultationRequest, FDS4_SafeguardingLeadCanBeAWarningByPolicy) {
  auto rules = KentFds();
  rules.safeguarding_lead_warning_only = true;
  auto facts = GoodCall();
  facts.safeguarding_lead_consulted = false;
  auto check = CheckConsultationRequest(rules, facts);
  EXPECT_TRUE(check.accepted());
  ASSERT_EQ(check.warnings.size(), 1u);
  EXPECT_THAT(check.warnings[0], HasSubstr("safeguarding lead"));
}

// RULE CRU-2: both the safeguarding lead and the parent come first; the lead is reported first.
TEST(ConsultationRequest, CRU2_LeadThenParent) {
  auto facts = GoodCall();
  facts.safeguarding_lead_consulted = false;
  facts.parent_discussed = false;
  EXPECT_EQ(CheckConsultationRequest(KentCru(), facts).refusal->precondition, "safeguarding-lead-consulted");
  facts.safeguarding_lead_consulted = true;
  EXPECT_EQ(CheckConsultationRequest(KentCru(), facts).refusal->precondition, "parent-discussed");
  // FDS does not ask about the parent.
  EXPECT_TRUE(CheckConsultationRequest(KentFds(), facts).accepted());
}

// RULE HCR-7: the hub is for schools, early years settings and Families First key workers only.
TEST(ConsultationRequest, HCR7_OnlyEligibleCallersUseTheHub) {
  for (const std::string caller : {"school", "early_years", "families_first_key_worker"}) {
    auto facts = GoodCall();
    facts.caller_type = caller;
    EXPECT_TRUE(CheckConsultationRequest(HertsHub(), facts).accepted()) << caller;
  }
  for (const std::string caller : {"health", "police", "public", ""}) {
    auto facts = GoodCall();
    facts.caller_type = caller;
    auto check = CheckConsultationRequest(HertsHub(), facts);
    ASSERT_FALSE(check.accepted()) << caller;
    EXPECT_EQ(check.refusal->rule, "HCR-7");
    EXPECT_THAT(check.refusal->reason, HasSubstr("school, early years and families first key worker"));
  }
  // An ineligible caller hears so before being told when the hub opens.
  auto facts = GoodCall();
  facts.caller_type = "health";
  facts.service_open = false;
  EXPECT_EQ(CheckConsultationRequest(HertsHub(), facts).refusal->rule, "HCR-7");
}

// A precondition this code cannot check is refused rather than skipped (fail closed).
TEST(ConsultationRequest, UnknownPreconditionFailsClosed) {
  ConsultationRules rules{"FDS", {"no-icpc-decision"}, {}, false};
  auto check = CheckConsultationRequest(rules, GoodCall());
  ASSERT_FALSE(check.accepted());
  EXPECT_EQ(check.refusal->precondition, "no-icpc-decision");
  EXPECT_EQ(check.refusal->rule, "no-icpc-decision");
}

}  // namespace
}  // namespace fd
