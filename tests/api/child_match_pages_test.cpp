// "Is this child known?" on the contact page, as a browser without JavaScript uses it: the register's
// candidates for each child not yet linked, with why each matched, "This is the child" and "New
// person" (KCR-10, HCR-30).
#include "api_fixture.h"
#include "http/message.h"
#include "store/people_records.h"

namespace fd::testing {
namespace {

using nlohmann::json;
using ChildMatchPages = ApiTest;

const std::map<std::string, std::string> kForm{{"Content-Type", "application/x-www-form-urlencoded"}};

bool Has(const HttpReply& reply, const std::string& text) { return reply.body.find(text) != std::string::npos; }

// RULE KCR-10: a misspelt child on a contact is offered the register's record; the officer confirms it
// and the contact then links the child to the register; a child nobody knows is added as a new person.
TEST_F(ChildMatchPages, KCR10_TheContactPageOffersTheRegistersRecordAndLinksIt) {
  std::int64_t leo = 0;
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    leo = store::InsertPerson(*tx, {0, "Leo", "Example", "2020-01-30", "", "orchard-way-12", true, false, {}, {}, false,
                                    false, ""});
    tx->Commit();
  }
  auto officer = SignedIn(Role::kContactOfficer);
  json contact = {{"referrer", {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Elm Primary"}, {"phone", "01632 960 001"}}},
                  {"children", json::array({{{"first_names", "Leo"}, {"last_name", "Exampel"},
                                             {"date_of_birth", "2020-01-30"}, {"gender", "male"}},
                                            {{"first_names", "Zara"}, {"last_name", "Nobody"},
                                             {"date_of_birth", "2018-04-04"}, {"gender", "female"}}})},
                  {"concern", "Leo was collected late from nursery twice this week."}};
  auto created = officer.SendJson("POST", "/api/v1/contacts", contact);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::string page = "/contacts/" + std::to_string(created.Json().at("id").get<std::int64_t>());

  auto shown = officer.Get(page);
  ASSERT_EQ(shown.status, 200);
  EXPECT_TRUE(Has(shown, "Is this child known?"));
  EXPECT_TRUE(Has(shown, "Leo Example"));
  EXPECT_TRUE(Has(shown, "This is the child"));

  auto linked = officer.Send("POST", page + "/children/0/person",
                             "csrf_token=" + http::PercentEncode(officer.csrf_token) +
                                 "&person_id=" + std::to_string(leo),
                             kForm);
  ASSERT_EQ(linked.status, 303) << linked.body;
  auto added = officer.Send("POST", page + "/children/1/person",
                            "csrf_token=" + http::PercentEncode(officer.csrf_token) + "&new=yes", kForm);
  ASSERT_EQ(added.status, 303) << added.body;

  auto after = officer.Get(page);
  EXPECT_TRUE(Has(after, "/people/" + std::to_string(leo)));
  EXPECT_FALSE(Has(after, "Is this child known?"));  // both children are on the register now
  // A role that may not link children sees no forms and is refused.
  auto analyst = SignedIn(Role::kAnalyst);
  EXPECT_EQ(analyst.Send("POST", page + "/children/0/person",
                         "csrf_token=" + http::PercentEncode(analyst.csrf_token) + "&person_id=1", kForm)
                .status,
            403);
}

// RULE KCR-10: the record offered was merged into another meanwhile: "This is the child" shows the
// contact page again saying so, in the error summary and in the child's panel, and links nothing;
// before, it was the bare error page.
TEST_F(ChildMatchPages, KCR10_ARecordMergedMeanwhileIsSaidOnTheContactPage) {
  std::int64_t leo = 0, kept = 0;
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    leo = store::InsertPerson(*tx, {0, "Leo", "Example", "2020-01-30", "", "orchard-way-12", true, false, {}, {}, false,
                                    false, ""});
    kept = store::InsertPerson(*tx, {0, "Leo", "Example", "2020-01-30", "", "orchard-way-12", true, false, {}, {},
                                     false, false, ""});
    tx->Commit();
  }
  auto officer = SignedIn(Role::kContactOfficer);
  json contact = {{"referrer",
                   {{"type", "school"}, {"name", "Priya Shah"}, {"agency", "Elm Primary"}, {"phone", "01632 960 001"}}},
                  {"children", json::array({{{"first_names", "Leo"}, {"last_name", "Example"},
                                             {"date_of_birth", "2020-01-30"}, {"gender", "male"}}})},
                  {"concern", "Leo was collected late from nursery twice this week."}};
  auto created = officer.SendJson("POST", "/api/v1/contacts", contact);
  ASSERT_EQ(created.status, 201) << created.body;
  const std::int64_t id = created.Json().at("id").get<std::int64_t>();
  const std::string page = "/contacts/" + std::to_string(id);
  ASSERT_TRUE(Has(officer.Get(page), "This is the child"));
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("UPDATE people SET merged_into = ? WHERE id = ?", {kept, leo});
    tx->Commit();
  }
  auto refused = officer.Send("POST", page + "/children/0/person",
                              "csrf_token=" + http::PercentEncode(officer.csrf_token) +
                                  "&person_id=" + std::to_string(leo),
                              kForm);
  EXPECT_TRUE(refused.status == 409 || refused.status == 422) << refused.status;
  EXPECT_FALSE(Has(refused, "Go to your home page")) << "the bare error page";
  EXPECT_TRUE(Has(refused, "Contact " + created.Json().at("reference").get<std::string>())) << refused.body;
  EXPECT_TRUE(Has(refused, "govuk-error-summary")) << refused.body;
  EXPECT_TRUE(Has(refused, "id=\"child-0-match-error\"")) << refused.body;
  EXPECT_TRUE(Has(refused, "This is the child")) << "the choice is offered again";
  auto tx = store_->Begin(store::TransactionMode::kRead);
  EXPECT_TRUE(tx->Query("SELECT person_id FROM contact_children WHERE contact_id = ?", {id}).at(0).IsNull(0));
}

}  // namespace
}  // namespace fd::testing
