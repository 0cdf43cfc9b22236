// [[information_request_types]] (IR-1…IR-10): the shipped Hertfordshire pack defines every type
// section 8 names, and a pack that misspells a check, route or answers is refused naming the key.
#include <gtest/gtest.h>

#include "policy/policy_pack.h"
#include "unit/policy/test_pack.h"

namespace fd::policy {
namespace {

using test_pack::kPolicies;

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
  // IR-9: subject access is the pack's word, and each Data Protection Team kind names its own basis.
  EXPECT_TRUE(pack.InformationRequestTypeById("subject-access")->subject_access);
  EXPECT_FALSE(pack.InformationRequestTypeById("crime-prevention-exemption")->subject_access);
  EXPECT_EQ(pack.InformationRequestTypeById("subject-access")->lawful_basis, "subject-access");
  EXPECT_EQ(pack.InformationRequestTypeById("crime-prevention-exemption")->lawful_basis, "crime-prevention-exemption");
  EXPECT_EQ(pack.InformationRequestTypeById("known-to-services")->lawful_basis, "");
}

// RULE IR-9: a subject access type anywhere but the Data Protection Team, or a basis no
// [[lawful_bases]] defines, is refused by name: either would disclose on the wrong footing.
TEST(InformationRequestTypes, IR9_SubjectAccessAndLawfulBasisAreChecked) {
  testing::TempDir dir;
  const std::string path = test_pack::Write(dir, std::string(test_pack::kHead) + test_pack::kServiceToOutcome + R"(
[secure_email]
domains = ["gov.uk"]

[[information_request_types]]
id = "own-records"
name = "A person asks for their own records"
rule = "IR-9"
checks = ["identity-verified"]
route = "case-holder"
subject_access = true
lawful_basis = "right-of-acess"
)");
  auto pack = LoadPack(path);
  ASSERT_FALSE(pack.has_value());
  const std::string all = test_pack::AllErrors(pack.error());
  EXPECT_NE(all.find("information request type \"own-records\": a subject access request goes to the Data Protection "
                     "Team (IR-9)"),
            std::string::npos)
      << all;
  EXPECT_NE(all.find("names lawful basis \"right-of-acess\", which no [[lawful_bases]] defines"), std::string::npos)
      << all;
}

TEST(InformationRequestTypes, BadChecksRoutesAndAnswersAreNamed) {
  testing::TempDir dir;
  const std::string path = test_pack::Write(dir, std::string(test_pack::kHead) + test_pack::kServiceToOutcome + R"(
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
)");
  auto pack = LoadPack(path);
  ASSERT_FALSE(pack.has_value());
  const std::string all = test_pack::AllErrors(pack.error());
  EXPECT_NE(all.find("unknown check \"consnet\" in 'checks'"), std::string::npos) << all;
  EXPECT_NE(all.find("'route' must be"), std::string::npos) << all;
  EXPECT_NE(all.find("'answers' must be"), std::string::npos) << all;
  EXPECT_NE(all.find("unknown setting 'manager_reveiw'"), std::string::npos) << all;
  EXPECT_NE(all.find(":35:"), std::string::npos) << all;  // the checks line
}

}  // namespace
}  // namespace fd::policy
