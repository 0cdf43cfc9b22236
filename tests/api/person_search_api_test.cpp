// GET /api/v1/people/search over real HTTP: the service's own people directory, loaded at start
// and caught up with register writes made after it started.
#include "api_fixture.h"
#include "store/people_records.h"

namespace fd::testing {
namespace {

using nlohmann::json;

class PersonSearchApi : public ApiTest {
 protected:
  // Written straight to the store after the service started, as another node would: the search
  // must catch up with it.
  std::int64_t AddPerson(const std::string& first, const std::string& last, const std::string& dob,
                         const std::string& gender, const std::string& household, bool open = false) {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::PersonRecord p;
    p.first_names = first;
    p.last_name = last;
    p.date_of_birth = dob;
    p.household = household;
    p.open_case = open;
    const std::int64_t id = store::InsertPerson(*tx, p);
    tx->Execute("UPDATE people SET gender = ?, postcode = 'EX12AB' WHERE id = ?", {gender, id});
    tx->Commit();
    return id;
  }
};

// RULE KCR-10: a misspelt sibling is found. Leo's surname typed "Exampel", with his date of birth,
// finds Leo Example as very likely, with the reasons and his sister's open case.
TEST_F(PersonSearchApi, KCR10_AMisspeltSiblingIsFound) {
  AddPerson("Mia", "Example", "2017-05-14", "female", "orchard-way-12", true);
  const std::int64_t leo = AddPerson("Leo", "Example", "2020-01-30", "male", "orchard-way-12");
  auto officer = SignedIn(Role::kContactOfficer);
  auto reply = officer.Get("/api/v1/people/search?first_names=Leo&last_name=Exampel&date_of_birth=2020-01-30&limit=5");
  ASSERT_EQ(reply.status, 200) << reply.body;
  const json body = reply.Json();
  ASSERT_FALSE(body.at("items").empty()) << reply.body;
  const json& top = body.at("items").at(0);
  EXPECT_EQ(top.at("id"), leo);
  EXPECT_EQ(top.at("restricted"), false);
  EXPECT_EQ(top.at("first_names"), "Leo");
  EXPECT_EQ(top.at("last_name"), "Example");
  EXPECT_EQ(top.at("date_of_birth"), "2020-01-30");
  EXPECT_EQ(top.at("postcode_district"), "EX1");
  EXPECT_EQ(top.at("band"), "likely");
  EXPECT_EQ(top.at("band_words"), "very likely");
  EXPECT_GE(top.at("probability").get<double>(), 0.95);
  EXPECT_EQ(top.at("open"), false);
  EXPECT_EQ(top.at("sibling_open"), true);
  const json& surname = top.at("reasons").at(1);
  EXPECT_EQ(surname.at("field"), "last_name");
  EXPECT_EQ(surname.at("level"), "close spelling");
  EXPECT_EQ(surname.at("agreement"), "partly agreed");
  EXPECT_EQ(body.at("thresholds").at("likely"), 0.95);
  // The full postcode is never given, only the district.
  EXPECT_EQ(reply.body.find("EX12AB"), std::string::npos);
  EXPECT_EQ(reply.body.find("EX1 2AB"), std::string::npos);
}

TEST_F(PersonSearchApi, BadParametersAre422NamingTheParameter) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto bad_date = officer.Get("/api/v1/people/search?first_names=Leo&date_of_birth=2020-02-30");
  ASSERT_EQ(bad_date.status, 422) << bad_date.body;
  EXPECT_EQ(bad_date.Header("content-type"), "application/problem+json");
  EXPECT_EQ(bad_date.Json().at("errors").at(0).at("field"), "date_of_birth");
  auto not_iso = officer.Get("/api/v1/people/search?last_name=Example&date_of_birth=30%2F01%2F2020");
  ASSERT_EQ(not_iso.status, 422);
  EXPECT_EQ(not_iso.Json().at("errors").at(0).at("field"), "date_of_birth");
  auto limit = officer.Get("/api/v1/people/search?last_name=Example&limit=500");
  ASSERT_EQ(limit.status, 422);
  EXPECT_EQ(limit.Json().at("errors").at(0).at("field"), "limit");
  auto postcode = officer.Get("/api/v1/people/search?last_name=Example&postcode=EX1");
  ASSERT_EQ(postcode.status, 422);
  EXPECT_EQ(postcode.Json().at("errors").at(0).at("field"), "postcode");
  auto unknown = officer.Get("/api/v1/people/search?surname=Example");
  ASSERT_EQ(unknown.status, 422);
  EXPECT_EQ(unknown.Json().at("errors").at(0).at("field"), "surname");
}

TEST_F(PersonSearchApi, NothingToSearchByFindsNobody) {
  auto officer = SignedIn(Role::kContactOfficer);
  auto reply = officer.Get("/api/v1/people/search?gender=female");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_TRUE(reply.Json().at("items").empty());
}

TEST_F(PersonSearchApi, ARestrictedRecordShowsOnlyThatItExistsAndWhomToAsk) {
  const std::int64_t leo = AddPerson("Leo", "Example", "2020-01-30", "male", "orchard-way-12");
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("UPDATE people SET restricted = 1, restricted_ask = 'Ask Jo Bloggs, Head of Service' WHERE id = ?",
                {leo});
    store::NotePersonChanged(*tx, leo);
    tx->Commit();
  }
  auto reply = SignedIn(Role::kSocialWorker).Get("/api/v1/people/search?first_names=Leo&last_name=Example&date_of_birth=2020-01-30");
  ASSERT_EQ(reply.status, 200) << reply.body;
  EXPECT_EQ(reply.Json().at("items").at(0),
            (json{{"restricted", true}, {"record_exists", true}, {"ask", "Ask Jo Bloggs, Head of Service"}}));
  EXPECT_EQ(reply.body.find("Leo"), std::string::npos);
}

TEST_F(PersonSearchApi, WithoutASessionIs401) {
  auto reply = Client().Get("/api/v1/people/search?first_names=Leo&last_name=Example");
  EXPECT_EQ(reply.status, 401);
  EXPECT_EQ(reply.Header("content-type"), "application/problem+json");
}

TEST_F(PersonSearchApi, ARoleThatMayNotViewTheRegisterIs403) {
  for (Role role : {Role::kAnalyst, Role::kAdministrator, Role::kDataProtectionOfficer}) {
    auto reply = SignedIn(role).Get("/api/v1/people/search?first_names=Leo&last_name=Example");
    EXPECT_EQ(reply.status, 403) << RoleId(role);
  }
}

}  // namespace
}  // namespace fd::testing
