// Finding a child from the pages (KCR-10, HCR-30: is the child known): GET /people/search, the
// API's search with its restricted handling and audit; and a queue that can be narrowed to its
// urgent contacts (HCR-13), says when each must be decided by, and links its first and last pages.
#include <map>
#include <string>

#include "api_fixture.h"
#include "store/people_records.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class FindChild : public ApiTest {
 protected:
  std::int64_t AddPerson(const std::string& first, const std::string& last, const std::string& dob,
                         bool restricted = false) {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::PersonRecord p;
    p.first_names = first;
    p.last_name = last;
    p.date_of_birth = dob;
    const std::int64_t id = store::InsertPerson(*tx, p);
    if (restricted)
      tx->Execute("UPDATE people SET restricted = 1, restricted_ask = 'Ask Jo Bloggs, Head of Service' WHERE id = ?",
                  {id});
    tx->Commit();
    return id;
  }

  std::int64_t AuditCount(const std::string& action) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM audit_events WHERE action = ?", {action}).at(0).Int(0);
  }
};

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

// RULE KCR-10 RULE HCR-30: a worker finds a child on the register from the pages; a restricted
// record shows only that it exists and whom to ask; the search is audited as the API's is.
TEST_F(FindChild, KCR10_HCR30_TheSearchPageFindsAChild) {
  const std::int64_t elijah = AddPerson("Elijah Arthur", "Penton", "2015-03-02");
  AddPerson("Elijah", "Penton", "2015-03-02", true);
  auto worker = SignedIn(Role::kSocialWorker);

  auto home = worker.Get("/");
  EXPECT_TRUE(Has(home, "href=\"/people/search\"")) << home.body;  // in the header

  auto empty = worker.Get("/people/search");
  ASSERT_EQ(empty.status, 200) << empty.body;
  EXPECT_TRUE(Has(empty, "Find a child"));
  EXPECT_FALSE(Has(empty, "search-results"));

  const auto before = AuditCount("person.searched");
  auto found = worker.Get("/people/search?first_names=Elijah+Arthur&last_name=Pentin&date_of_birth-day=2&"
                          "date_of_birth-month=3&date_of_birth-year=2015");
  ASSERT_EQ(found.status, 200) << found.body;
  EXPECT_TRUE(Has(found, "href=\"/people/" + std::to_string(elijah) + "\">Elijah Arthur Penton</a>")) << found.body;
  EXPECT_TRUE(Has(found, "A restricted record may match: ask Ask Jo Bloggs, Head of Service."));
  EXPECT_EQ(AuditCount("person.searched"), before + 1);

  auto bad = worker.Get("/people/search?last_name=Penton&date_of_birth-day=2&date_of_birth-month=3%2F&date_of_birth-year=2015");
  EXPECT_EQ(bad.status, 422);
  EXPECT_TRUE(Has(bad, "href=\"#date_of_birth-day\">Date of birth must be a real date")) << bad.body;

  // A role that may not search the register has neither the link nor the page.
  auto analyst = SignedIn(Role::kAnalyst);
  EXPECT_FALSE(Has(analyst.Get("/"), "href=\"/people/search\""));
  EXPECT_EQ(analyst.Get("/people/search?last_name=Penton").status, 403);
}

// RULE HCR-13: a queue narrowed to its urgent contacts, with when each must be decided by, through
// the API and the page; the pages link the first and the last.
TEST_F(FindChild, HCR13_TheQueueFiltersUrgentAndSaysWhenToDecide) {
  DuringOpeningHours();  // HCR-18: out of hours its contacts go to the out-of-hours queue
  auto officer = SignedIn(Role::kContactOfficer);
  json urgent = ScreenableSchoolContact();
  urgent["intake"]["indicators"] = json::array({"disclosed-abuse"});
  std::int64_t urgent_id = 0;
  for (int i = 0; i < 2; ++i) {
    auto r = officer.SendJson("POST", "/api/v1/contacts", i == 0 ? urgent : ScreenableSchoolContact());
    ASSERT_EQ(r.status, 201) << r.body;
    if (i == 0) urgent_id = r.Json().at("id").get<std::int64_t>();
  }
  auto all = officer.Get("/api/v1/contacts?queue=front-door");
  ASSERT_EQ(all.status, 200) << all.body;
  EXPECT_EQ(all.Json().at("total"), 2);
  const json items = all.Json().at("items");
  for (const auto& item : items) EXPECT_TRUE(item.at("decide_by").is_string()) << item.dump();
  auto only = officer.Get("/api/v1/contacts?queue=front-door&urgent=true");
  ASSERT_EQ(only.status, 200) << only.body;
  ASSERT_EQ(only.Json().at("total"), 1) << only.body;
  EXPECT_EQ(only.Json().at("items").at(0).at("id"), urgent_id);
  EXPECT_EQ(officer.Get("/api/v1/contacts?queue=front-door&urgent=maybe").status, 422);

  auto page = officer.Get("/contacts?queue=front-door");
  ASSERT_EQ(page.status, 200) << page.body;
  EXPECT_TRUE(Has(page, ">Decide by</th>"));
  EXPECT_TRUE(Has(page, "Show urgent contacts only"));
  auto urgent_page = officer.Get("/contacts?queue=front-door&urgent=true");
  EXPECT_TRUE(Has(urgent_page, "1 urgent waiting")) << urgent_page.body;

  // 25 to a page: 9 pages; page 5 links 1 and 9 besides 2…8, and page 1 links the last.
  for (int i = 0; i < 8 * 25 + 1 - 2; ++i) {
    auto r = officer.SendJson("POST", "/api/v1/contacts", ScreenableSchoolContact());
    ASSERT_EQ(r.status, 201) << r.body;
  }
  auto first = officer.Get("/contacts?queue=front-door");
  EXPECT_TRUE(Has(first, "page=9\" aria-label=\"Page 9\"")) << first.body;
  EXPECT_TRUE(Has(first, "govuk-pagination__item--ellipses"));
  EXPECT_FALSE(Has(first, "aria-label=\"Page 8\""));
  auto fifth = officer.Get("/contacts?queue=front-door&page=5");
  EXPECT_TRUE(Has(fifth, "href=\"/contacts?queue=front-door&amp;page=1\" aria-label=\"Page 1\"")) << fifth.body;
  EXPECT_TRUE(Has(fifth, "page=9\" aria-label=\"Page 9\""));
}

}  // namespace
}  // namespace fd::testing
