// [[information_request_types]] (IR-1…IR-10): the shipped Hertfordshire pack defines every type
// section 8 names, and a pack that misspells a check, route or answers is refused naming the key.
#include <gtest/gtest.h>

#include <filesystem>
#include <fstream>

#include "policy/policy_pack.h"
#include "support/temp_dir.h"

namespace fd::policy {
namespace {

const std::string kPolicies = std::string(FD_SOURCE_DIR) + "/policies";

// RULE IR-2 RULE IR-6 RULE IR-7 RULE IR-9: the shipped pack sends Section 47 and immigration
// answers to .gov.uk only, has detailed requests reviewed by a manager, and routes exemptions and
// subject access to the Data Protection Team.
TEST(InformationRequestTypes, HertfordshireDefinesEverySection8Type) {
  auto packs = LoadAuthority(kPolicies + "/hertfordshire");
  ASSERT_TRUE(packs.has_value()) << packs.error().front().ToString();
  const PolicyPack& pack = packs->back();
  for (const char* id : {"known-to-services", "section-47-confirmation", "immigration", "detailed-request",
                         "court-or-solicitor", "non-safeguarding", "other-agency", "crime-prevention-exemption",
                         "subject-access"})
    EXPECT_NE(pack.InformationRequestTypeById(id), nullptr) << id;
  EXPECT_EQ(pack.InformationRequestTypeById("immigration")->reply_domains, std::vector<std::string>{"gov.uk"});
  EXPECT_EQ(pack.InformationRequestTypeById("section-47-confirmation")->reply_domains, std::vector<std::string>{"gov.uk"});
  EXPECT_TRUE(pack.InformationRequestTypeById("detailed-request")->manager_review);
  EXPECT_EQ(pack.InformationRequestTypeById("subject-access")->route, "data-protection-team");
  EXPECT_EQ(pack.InformationRequestTypeById("crime-prevention-exemption")->route, "data-protection-team");
  EXPECT_EQ(pack.InformationRequestTypeById("court-or-solicitor")->route, "case-holder-and-legal");
}

TEST(InformationRequestTypes, BadChecksRoutesAndAnswersAreNamed) {
  testing::TempDir dir;
  std::filesystem::create_directories(dir.path() / "authority");
  std::filesystem::create_directories(dir.path() / "bank-holidays");
  std::filesystem::copy_file(kPolicies + "/bank-holidays/england-and-wales.json",
                             dir.path() / "bank-holidays/england-and-wales.json");
  const std::string path = (dir.path() / "authority/pack.toml").string();
  std::ofstream(path) << R"([pack]
authority = "test"
authority_name = "Test"
version = "1"
title = "Test pack"
effective_from = 2020-01-01
time_zone = "Europe/London"
bank_holidays = "bank-holidays/england-and-wales.json"
bank_holiday_division = "england-and-wales"

[[services]]
id = "line"
name = "Line"
hours = [{ days = "Mon-Fri", start = "09:00", end = "17:00" }]

[timescales]
decision = { within = "1 working day", rule = "KCR-8" }

[[significant_harm_indicators]]
id = "x"
label = "X"

[[outcomes]]
id = "nfa"
label = "No further action"
next = "close"

[secure_email]
domains = ["gov.uk"]

[[information_request_types]]
id = "known"
name = "Known?"
rule = "IR-3"
checks = ["consnet"]
route = "allocated"
answers = "everything"
manager_reveiw = true
)";
  auto pack = LoadPack(path);
  ASSERT_FALSE(pack.has_value());
  std::string all;
  for (const auto& e : pack.error()) all += e.ToString() + "\n";
  EXPECT_NE(all.find("unknown check \"consnet\" in 'checks'"), std::string::npos) << all;
  EXPECT_NE(all.find("'route' must be"), std::string::npos) << all;
  EXPECT_NE(all.find("'answers' must be"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown setting 'manager_reveiw'"), std::string::npos) << all;
  EXPECT_NE(all.find(":35:"), std::string::npos) << all;  // the checks line
}

}  // namespace
}  // namespace fd::policy
