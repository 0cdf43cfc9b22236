// A person's "child or adult" agrees with their date of birth, and retention never purges a register
// record on the day it is made (admin review finding 4). The reviewer recorded Olly Oldchild, born
// 2000-03-03, as a worker: the page and the API both took them as a child by default, and `retention
// run` purged the record at once ("child-record, due 2025-03-03", their 25th birthday). A child is
// under 18 on the day recorded (Children Act 1989 s105, as contacts already hold); the packs keep a
// child's record "until the child's 25th birthday at the least", an adult's from the day it was made.
#include "api_fixture.h"
#include "page_forms.h"
#include "support/run_command.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using RegisterChildOrAdult = ApiTest;

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

const json kOlly = {{"first_names", "Olly"}, {"last_name", "Oldchild"}, {"date_of_birth", "2000-03-03"}};

std::int64_t People(store::Store& store) {
  auto tx = store.Begin(store::TransactionMode::kRead);
  return tx->Query("SELECT COUNT(*) FROM people WHERE last_name = 'Oldchild'").at(0).Int(0);
}

// The API: "child" with an adult's date of birth is refused, naming is_child; not said, the date of
// birth decides; said "adult", it is recorded. No date of birth: a child, as before.
TEST_F(RegisterChildOrAdult, AChildBornEighteenOrMoreYearsAgoIsRefusedAndOtherwiseTheDateOfBirthDecides) {
  auto worker = SignedIn(Role::kSocialWorker);
  json as_child = kOlly;
  as_child["is_child"] = true;
  auto refused = worker.SendJson("POST", "/api/v1/people", as_child);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(NamesField(refused, "is_child")) << refused.body;
  EXPECT_TRUE(Has(refused, "2000-03-03, shows they are 18 or over today")) << refused.body;
  EXPECT_EQ(People(*store_), 0);

  auto not_said = worker.SendJson("POST", "/api/v1/people", kOlly);
  ASSERT_EQ(not_said.status, 201) << not_said.body;
  EXPECT_EQ(not_said.Json().at("is_child"), false);

  auto young = worker.SendJson("POST", "/api/v1/people",
                               {{"first_names", "Mia"}, {"last_name", "Young"}, {"date_of_birth", "2017-05-14"}});
  ASSERT_EQ(young.status, 201) << young.body;
  EXPECT_EQ(young.Json().at("is_child"), true);
  auto unknown_birth = worker.SendJson("POST", "/api/v1/people", {{"first_names", "Kit"}, {"last_name", "Noday"}});
  ASSERT_EQ(unknown_birth.status, 201) << unknown_birth.body;
  EXPECT_EQ(unknown_birth.Json().at("is_child"), true);
}

// The page: "Child" ticked with an adult's date of birth is the form again (422), the error at
// "Child or adult" and in the summary, and everything typed kept. Neither ticked, the date decides.
TEST_F(RegisterChildOrAdult, ThePageRefusesChildForAnAdultsDateOfBirthAndKeepsWhatWasTyped) {
  auto worker = SignedIn(Role::kSocialWorker);
  auto form = worker.Get("/people/new");
  ASSERT_EQ(form.status, 200);
  EXPECT_FALSE(Has(form, "value=\"yes\" checked")) << "no answer is ticked before the person chooses";
  const std::vector<std::pair<std::string, std::string>> typed = {{"first_names", "Olly"},
                                                                  {"last_name", "Oldchild"},
                                                                  {"date_of_birth-day", "3"},
                                                                  {"date_of_birth-month", "3"},
                                                                  {"date_of_birth-year", "2000"}};
  auto with_child = typed;
  with_child.push_back({"is_child", "yes"});
  auto refused = SendForm(worker, "/people", with_child);
  ASSERT_EQ(refused.status, 422) << refused.body;
  EXPECT_TRUE(Has(refused, "href=\"#is_child\"")) << refused.body;
  EXPECT_TRUE(Has(refused, "shows they are 18 or over today")) << refused.body;
  EXPECT_TRUE(Has(refused, "value=\"Oldchild\"")) << refused.body;
  EXPECT_TRUE(Has(refused, "value=\"2000\"")) << refused.body;
  EXPECT_EQ(People(*store_), 0);

  auto recorded = SendForm(worker, "/people", typed);
  ASSERT_EQ(recorded.status, 303) << recorded.body;
  auto page = worker.Get(recorded.Header("location"));
  EXPECT_TRUE(Has(page, "Adult")) << page.body;
}

// The reviewer's case end to end: recorded as an adult, `retention run` keeps the record (an adult's
// runs from the day it was made). A record stored as a "child" before the register refused one is
// an adult's record all the same, and is kept too: never purged on the day it was made.
TEST_F(RegisterChildOrAdult, RetentionRunKeepsARecordMadeTodayOfSomeoneBornIn2000) {
  auto worker = SignedIn(Role::kSocialWorker);
  json as_adult = kOlly;
  as_adult["is_child"] = false;
  auto adult = worker.SendJson("POST", "/api/v1/people", as_adult);
  ASSERT_EQ(adult.status, 201) << adult.body;
  auto stored_as_child = worker.SendJson(
      "POST", "/api/v1/people", {{"first_names", "Ola"}, {"last_name", "Oldchild"}, {"date_of_birth", "2000-03-03"},
                                 {"is_child", false}});
  ASSERT_EQ(stored_as_child.status, 201) << stored_as_child.body;
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("UPDATE people SET is_child = 1 WHERE id = ?", {stored_as_child.Json().at("id").get<std::int64_t>()});
    tx->Commit();
  }
  const std::string common = " --database '" + real_store_->url() + "' --policy policies/hertfordshire";
  auto run = RunFrontdoor("retention run" + common);
  ASSERT_EQ(run.exit_code, 0) << run.output;
  EXPECT_EQ(run.output.find("purged person"), std::string::npos) << run.output;
  EXPECT_EQ(People(*store_), 2);
  EXPECT_EQ(worker.Get("/api/v1/people/" + std::to_string(adult.Json().at("id").get<std::int64_t>())).status, 200);
}

}  // namespace
}  // namespace fd::testing
