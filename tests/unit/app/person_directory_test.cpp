// The people directory (the match index kept current with the register) and the SearchPeople use
// case over a real SQLite store: loading, catching up with writes from another connection (another
// node), merges, restricted records, permissions and the audit.
#include <fstream>
#include <sstream>

#include <nlohmann/json.hpp>

#include "app/person_directory.h"
#include "app/person_search.h"
#include "app_fixture.h"
#include "store/people_records.h"

namespace fd::app {
namespace {

class PersonDirectoryTest : public AppTest {
 protected:
  PersonDirectoryTest() { ctx_.people = &directory_; }

  // A register row with the given details; the legacy columns InsertPerson does not take are set
  // in the same transaction, with the change noted as every register write must.
  std::int64_t AddPerson(const std::string& first, const std::string& last, const std::string& dob,
                         const std::string& gender = "not_known", const std::string& postcode = "",
                         const std::string& household = "", bool open = false, store::Store* through = nullptr) {
    auto tx = (through ? *through : *store_).Begin(store::TransactionMode::kWrite);
    store::PersonRecord p;
    p.first_names = first;
    p.last_name = last;
    p.date_of_birth = dob;
    p.household = household;
    p.open_case = open;
    const std::int64_t id = store::InsertPerson(*tx, p);
    tx->Execute("UPDATE people SET gender = ?, postcode = ? WHERE id = ?", {gender, postcode, id});
    tx->Commit();
    return id;
  }

  void Write(const std::string& sql, const store::Params& params, std::int64_t changed) {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute(sql, params);
    store::NotePersonChanged(*tx, changed);
    tx->Commit();
  }

  static std::vector<std::int64_t> Ids(const std::vector<match::Candidate>& found) {
    std::vector<std::int64_t> ids;
    for (const auto& c : found) ids.push_back(c.id);
    return ids;
  }

  std::vector<match::Candidate> Find(const std::string& first, const std::string& last,
                                     std::optional<match::DateOfBirth> dob = std::nullopt) {
    match::PersonQuery query;
    query.forenames = {first};
    query.surname = last;
    query.date_of_birth = dob;
    directory_.CatchUp(*store_);
    auto found = directory_.Search(query, 10);
    EXPECT_TRUE(found.has_value());
    return found ? *found : std::vector<match::Candidate>{};
  }

  // The Example family of the demo: Mia (open), her brother Leo, their mother Sam.
  void AddExampleFamily() {
    mia_ = AddPerson("Mia", "Example", "2017-05-14", "female", "EX12AB", "orchard-way-12", true);
    leo_ = AddPerson("Leo", "Example", "2020-01-30", "male", "EX12AB", "orchard-way-12");
    sam_ = AddPerson("Sam", "Example", "1990-08-21", "female", "EX12AB", "orchard-way-12");
    Write("UPDATE people SET is_child = 0 WHERE id = ?", {sam_}, sam_);
  }

  PersonDirectory directory_;
  std::int64_t mia_ = 0, leo_ = 0, sam_ = 0;
};

TEST_F(PersonDirectoryTest, TheNicknameListIsCompiledInFromDataNicknamesCsv) {
  std::ifstream file(std::string(FD_SOURCE_DIR) + "/data/nicknames.csv");
  std::ostringstream text;
  text << file.rdbuf();
  EXPECT_EQ(ShippedNicknameList(), text.str());
  const std::int64_t william = AddPerson("William", "Jones", "2015-03-04");
  directory_.Load(*store_);
  const auto found = Find("Bill", "Jones", match::DateOfBirth{2015, 3, 4});
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front().id, william);
  EXPECT_EQ(found.front().reasons.front().level, match::Level::kNickname);
}

// RULE KCR-10: a misspelt sibling is found; the household's open case shows on the sibling.
TEST_F(PersonDirectoryTest, LoadThenSearchFindsAMisspeltSibling) {
  AddExampleFamily();
  const DirectoryLoad load = directory_.Load(*store_);
  EXPECT_EQ(load.people, 3u);
  EXPECT_EQ(load.fields_dropped, 0u);
  EXPECT_GT(load.last_seq, 0);
  EXPECT_GT(load.index.approx_bytes, 0u);

  auto result = SearchPeople(ctx_, UserWithRole(Role::kContactOfficer),
                             {"Leo", "Exampel", "2020-01-30", "", "", ""});
  ASSERT_TRUE(result.has_value()) << result.error().message;
  ASSERT_FALSE(result->candidates.empty());
  const PersonCandidate& leo = result->candidates.front();
  EXPECT_EQ(leo.id, leo_);
  EXPECT_EQ(leo.band, MatchBand::kLikely);
  EXPECT_GE(leo.probability, kLikelyMatch);
  EXPECT_EQ(leo.first_names, "Leo");
  EXPECT_EQ(leo.date_of_birth, "2020-01-30");
  EXPECT_EQ(leo.postcode_district, "EX1");
  EXPECT_FALSE(leo.open);
  EXPECT_TRUE(leo.sibling_open);  // Mia is open
  ASSERT_EQ(leo.reasons.size(), 6u);
  EXPECT_EQ(leo.reasons[1].field, "last_name");
  EXPECT_EQ(leo.reasons[1].level, "close spelling");
  EXPECT_NE(leo.reasons[1].words.find("Last name"), std::string::npos);
  // Mia and Sam share only the surname with the search: well below "possible", so not shown.
  for (const auto& c : result->candidates) EXPECT_NE(c.id, sam_);
}

TEST_F(PersonDirectoryTest, PreviousNamesAndTheOpenAddressAreIndexed) {
  const std::int64_t ava = AddPerson("Ava", "Brown", "2016-02-10", "female");
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO person_names (person_id, kind, first_names, last_name) VALUES (?, 'previous', 'Ava', 'Green')",
                {ava});
    tx->Execute("INSERT INTO person_addresses (person_id, address, postcode, from_date) VALUES (?, '1 Mill Lane', "
                "'ex4 1aa', '2024-01-01')",
                {ava});
    store::NotePersonChanged(*tx, ava);
    tx->Commit();
  }
  directory_.Load(*store_);
  const auto by_old_name = Find("Ava", "Green", match::DateOfBirth{2016, 2, 10});
  ASSERT_FALSE(by_old_name.empty());
  EXPECT_EQ(by_old_name.front().id, ava);
  auto result = SearchPeople(ctx_, UserWithRole(Role::kSocialWorker), {"Ava", "Brown", "2016-02-10", "", "EX4 1AA", ""});
  ASSERT_TRUE(result.has_value());
  ASSERT_FALSE(result->candidates.empty());
  EXPECT_EQ(result->candidates.front().postcode_district, "EX4");
  EXPECT_EQ(result->candidates.front().reasons[5].words, "Postcode: the same postcode");
}

// Another node writes through its own connection; this node's next search sees it.
TEST_F(PersonDirectoryTest, CatchUpAppliesAWriteMadeThroughAnotherConnection) {
  AddExampleFamily();
  directory_.Load(*store_);
  EXPECT_EQ(directory_.CatchUp(*store_), 0u);  // nothing new: one query, nothing re-read

  auto other_node_ptr = store_->OpenAnother();
  store::Store& other_node = *other_node_ptr;
  const std::int64_t ruby = AddPerson("Ruby", "Newcombe", "2019-09-09", "female", "", "", false, &other_node);
  auto found = Find("Rubi", "Newcomb", match::DateOfBirth{2019, 9, 9});
  ASSERT_FALSE(found.empty());
  EXPECT_EQ(found.front().id, ruby);
  EXPECT_EQ(directory_.size(), 4u);

  // A correction made elsewhere replaces what was indexed.
  {
    auto tx = other_node.Begin(store::TransactionMode::kWrite);
    tx->Execute("UPDATE people SET last_name = 'Holloway' WHERE id = ?", {ruby});
    store::NotePersonChanged(*tx, ruby);
    tx->Commit();
  }
  EXPECT_EQ(Ids(Find("Ruby", "Holloway", match::DateOfBirth{2019, 9, 9})).front(), ruby);
  EXPECT_EQ(directory_.size(), 4u);
}

TEST_F(PersonDirectoryTest, AMergedPersonDisappearsAndReturnsWhenTheMergeIsUndone) {
  AddExampleFamily();
  const std::int64_t duplicate = AddPerson("Leo", "Example", "2020-01-30", "male");
  directory_.Load(*store_);
  auto both = Ids(Find("Leo", "Example", match::DateOfBirth{2020, 1, 30}));
  EXPECT_NE(std::find(both.begin(), both.end(), duplicate), both.end());

  Write("UPDATE people SET merged_into = ? WHERE id = ?", {leo_, duplicate}, duplicate);
  auto after = Ids(Find("Leo", "Example", match::DateOfBirth{2020, 1, 30}));
  EXPECT_EQ(std::find(after.begin(), after.end(), duplicate), after.end());
  EXPECT_NE(std::find(after.begin(), after.end(), leo_), after.end());
  EXPECT_FALSE(directory_.Search({}, 1).value().size());  // an empty query finds nobody

  // A fresh load leaves the merged record out too.
  PersonDirectory reloaded;
  EXPECT_EQ(reloaded.Load(*store_).people, 3u);

  Write("UPDATE people SET merged_into = NULL WHERE id = ?", {duplicate}, duplicate);
  auto undone = Ids(Find("Leo", "Example", match::DateOfBirth{2020, 1, 30}));
  EXPECT_NE(std::find(undone.begin(), undone.end(), duplicate), undone.end());
}

TEST_F(PersonDirectoryTest, ADeletedPersonIsRemoved) {
  const std::int64_t gone = AddPerson("Zara", "Quill", "2018-07-07");
  directory_.Load(*store_);
  Write("DELETE FROM people WHERE id = ?", {gone}, gone);
  EXPECT_TRUE(Find("Zara", "Quill", match::DateOfBirth{2018, 7, 7}).empty());
  EXPECT_EQ(directory_.size(), 0u);
}

TEST_F(PersonDirectoryTest, MalformedRegisterFieldsAreLeftOutNotThePerson) {
  const std::int64_t kit = AddPerson("Kit", "Marlowe", "2014-02-30");  // no such date
  Write("UPDATE people SET nhs_number = '12345', postcode = 'EX1' WHERE id = ?", {kit}, kit);
  const DirectoryLoad load = directory_.Load(*store_);
  EXPECT_EQ(load.people, 1u);
  EXPECT_EQ(load.fields_dropped, 3u);
  EXPECT_EQ(Ids(Find("Kit", "Marlowe")).front(), kit);
}

// A restricted record: only that a record exists and whom to ask, unless the searcher is named.
TEST_F(PersonDirectoryTest, ARestrictedPersonShowsOnlyThatARecordExistsAndWhomToAsk) {
  AddExampleFamily();
  Write("UPDATE people SET restricted = 1, restricted_ask = 'Ask Jo Bloggs, Head of Service, on 01632 960 100' "
        "WHERE id = ?",
        {leo_}, leo_);
  directory_.Load(*store_);
  const Actor worker = UserWithRole(Role::kSocialWorker);
  auto result = SearchPeople(ctx_, worker, {"Leo", "Example", "2020-01-30", "", "", ""});
  ASSERT_TRUE(result.has_value());
  ASSERT_FALSE(result->candidates.empty());
  const PersonCandidate& hidden = result->candidates.front();
  EXPECT_TRUE(hidden.restricted);
  EXPECT_EQ(hidden.ask, "Ask Jo Bloggs, Head of Service, on 01632 960 100");
  EXPECT_EQ(hidden.id, 0);
  EXPECT_TRUE(hidden.first_names.empty());
  EXPECT_TRUE(hidden.last_name.empty());
  EXPECT_TRUE(hidden.date_of_birth.empty());
  EXPECT_TRUE(hidden.postcode_district.empty());
  EXPECT_TRUE(hidden.reasons.empty());
  EXPECT_EQ(hidden.probability, 0.0);

  // A restricted sibling's open case is not revealed through Mia either.
  Write("UPDATE people SET open_case = 1 WHERE id = ?", {leo_}, leo_);
  Write("UPDATE people SET open_case = 0 WHERE id = ?", {mia_}, mia_);
  auto mia = SearchPeople(ctx_, worker, {"Mia", "Example", "2017-05-14", "", "", ""});
  ASSERT_TRUE(mia.has_value());
  EXPECT_EQ(mia->candidates.front().id, mia_);
  EXPECT_FALSE(mia->candidates.front().sibling_open);

  // A named viewer sees the record.
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO restricted_viewers (person_id, user_id) VALUES (?, ?)", {leo_, worker.user_id});
    store::NotePersonChanged(*tx, leo_);
    tx->Commit();
  }
  auto named = SearchPeople(ctx_, worker, {"Leo", "Example", "2020-01-30", "", "", ""});
  ASSERT_TRUE(named.has_value());
  EXPECT_FALSE(named->candidates.front().restricted);
  EXPECT_EQ(named->candidates.front().id, leo_);
  EXPECT_TRUE(named->candidates.front().open);
  EXPECT_TRUE(SearchPeople(ctx_, worker, {"Mia", "Example", "2017-05-14", "", "", ""})->candidates.front().sibling_open);
}

TEST_F(PersonDirectoryTest, OpenInvolvementNamesTheAllocatedWorkerAndTeam) {
  AddExampleFamily();
  const Actor worker = UserWithRole(Role::kSocialWorker);
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO involvements (person_id, kind, started_on, allocated_user_id, team_id) "
                "VALUES (?, 'child_in_need', '2026-01-05', ?, ?)",
                {leo_, worker.user_id, worker.team_id});
    store::NotePersonChanged(*tx, leo_);
    tx->Commit();
  }
  directory_.Load(*store_);
  auto result = SearchPeople(ctx_, UserWithRole(Role::kContactOfficer), {"Leo", "Example", "2020-01-30", "", "", ""});
  ASSERT_TRUE(result.has_value());
  const PersonCandidate& leo = result->candidates.front();
  EXPECT_TRUE(leo.open);
  EXPECT_EQ(leo.allocated_worker, "Test social_worker");
  EXPECT_EQ(leo.team, "Front Door");
}

TEST_F(PersonDirectoryTest, AnAnalystMayNotSearch) {
  AddExampleFamily();
  directory_.Load(*store_);
  auto refused = SearchPeople(ctx_, UserWithRole(Role::kAnalyst), {"Leo", "Example", "2020-01-30", "", "", ""});
  ASSERT_FALSE(refused.has_value());
  EXPECT_TRUE(refused.error().IsForbidden());
}

TEST_F(PersonDirectoryTest, BadFieldsAreNamed) {
  directory_.Load(*store_);
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto bad = SearchPeople(ctx_, officer, {"Leo", "Example", "2020-02-30", "12345", "EX1", "boy"}, 0);
  ASSERT_FALSE(bad.has_value());
  ASSERT_TRUE(bad.error().IsInvalid());
  std::vector<std::string> fields;
  for (const auto& f : bad.error().fields) fields.push_back(f.field);
  EXPECT_EQ(fields, (std::vector<std::string>{"date_of_birth", "nhs_number", "postcode", "gender", "limit"}));
}

// The audit says who searched, when, on which fields and what was shown, never the search terms.
TEST_F(PersonDirectoryTest, SearchesAreAuditedWithoutTheSearchTerms) {
  AddExampleFamily();
  directory_.Load(*store_);
  const Actor officer = UserWithRole(Role::kContactOfficer);
  ASSERT_TRUE(SearchPeople(ctx_, officer, {"Leo", "Exampel", "2020-01-30", "", "", ""}).has_value());
  ASSERT_TRUE(SearchPeople(ctx_, officer, {}).has_value());  // nothing to search by: not audited
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT actor_id, changes FROM audit_events WHERE action = 'person.searched'");
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Int(0), officer.user_id);
  const std::string changes = rows[0].Text(1);
  EXPECT_EQ(changes.find("Exampel"), std::string::npos) << changes;
  EXPECT_EQ(changes.find("2020-01-30"), std::string::npos) << changes;
  const auto event = nlohmann::json::parse(changes);
  EXPECT_EQ(event.at("fields"), (nlohmann::json{"first_names", "last_name", "date_of_birth"}));
  EXPECT_GE(event.at("candidates").get<int>(), 1);
  EXPECT_EQ(event.at("shown").at(0), leo_);
}

TEST_F(PersonDirectoryTest, WithoutADirectoryTheSearchIsUnavailable) {
  ctx_.people = nullptr;
  auto result = SearchPeople(ctx_, UserWithRole(Role::kContactOfficer), {"Leo", "Example", "", "", "", ""});
  ASSERT_FALSE(result.has_value());
  EXPECT_EQ(result.error().code, ErrorCode::kUnavailable);
}

}  // namespace
}  // namespace fd::app
