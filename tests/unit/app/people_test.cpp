// The people register's use cases (app/people.h): recording people with their names, addresses,
// relationships and involvement; the register view with family, household and history; restricted
// records; the read audit; merging and undoing a merge exactly; linking a contact's child. Every
// write notes the people it touched in person_changes, for the match index.
#include "app/people.h"

#include <map>

#include "app/contacts.h"
#include "app_fixture.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"

namespace fd::app {
namespace {

class PeopleTest : public AppTest {
 protected:
  Actor Worker() { return UserWithRole(Role::kSocialWorker); }
  Actor Manager() { return UserWithRole(Role::kTeamManager); }
  Actor Officer() { return UserWithRole(Role::kContactOfficer); }

  std::int64_t Record(const std::string& first, const std::string& last, const std::string& dob, bool child = true,
                      const std::string& address = "") {
    PersonDraft d;
    d.first_names = first;
    d.last_name = last;
    d.date_of_birth = dob;
    d.is_child = child;
    d.address = address;
    auto v = RecordPerson(ctx_, Worker(), d);
    EXPECT_TRUE(v.has_value()) << (v ? "" : v.error().message);
    return v ? v->id : 0;
  }

  std::int64_t Changes(std::int64_t person_id) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query("SELECT COUNT(*) FROM person_changes WHERE person_id = ?", {person_id}).at(0).Int(0);
  }

  std::int64_t Count(const std::string& sql, const store::Params& params = {}) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query(sql, params).at(0).Int(0);
  }

  // Every row of every table a merge may touch, as text, so two moments compare row by row.
  std::map<std::string, std::vector<std::string>> Snapshot() {
    std::map<std::string, std::vector<std::string>> out;
    auto tx = store_->Begin(store::TransactionMode::kRead);
    for (const char* table : {"people", "person_names", "person_addresses", "relationships", "involvements",
                              "restricted_viewers", "contact_children", "consultations", "chair_consultations",
                              "record_checks"}) {
      for (const auto& row : tx->Query(std::string("SELECT * FROM ") + table + " ORDER BY 1, 2")) {
        std::string line;
        for (std::size_t i = 0; i < row.size(); ++i) line += (row.IsNull(i) ? std::string("NULL") : row.Text(i)) + "|";
        out[table].push_back(line);
      }
    }
    return out;
  }

  static const FieldError* Field(const Error& e, const std::string& field) {
    for (const auto& f : e.fields)
      if (f.field == field) return &f;
    return nullptr;
  }

  std::int64_t RecordContactAbout(const std::vector<ChildDraft>& children) {
    ContactDraft d;
    d.referrer_type = "school";
    d.referrer_name = "Priya Shah";
    d.referrer_agency = "Riverside Primary";
    d.referrer_phone = "01632 960 001";  // KCR-17: the address is not a secure one
    d.referrer_email = "dsl@riverside.example.sch.uk";
    d.children = children;
    d.concern = "Arrived hungry three days running.";
    auto c = RecordContact(ctx_, Officer(), d);
    EXPECT_TRUE(c.has_value()) << (c ? "" : c.error().message);
    return c ? c->id : 0;
  }
};

// The gender message names the choices as the form shows them, not the value "not_known".
TEST_F(PeopleTest, AGenderNotOfferedIsRefusedInTheFormsWords) {
  PersonDraft d;
  d.first_names = "Mia";
  d.last_name = "Example";
  d.gender = "x";
  auto refused = RecordPerson(ctx_, Worker(), d);
  ASSERT_FALSE(refused.has_value());
  ASSERT_EQ(refused.error().fields.size(), 1u);
  EXPECT_EQ(refused.error().fields[0].message, "Choose the gender: female, male, other or not known");
}

TEST_F(PeopleTest, RecordPersonKeepsEveryDetailAndNotesTheChange) {
  PersonDraft d;
  d.first_names = "Mia";
  d.last_name = "Example";
  d.date_of_birth = "2017-05-14";
  d.gender = "female";
  d.nhs_number = "943 476 5919";
  d.address = "12 Orchard Way, Exampleton";
  d.postcode = "ex1 2ab";
  auto v = RecordPerson(ctx_, Worker(), d);
  ASSERT_TRUE(v.has_value()) << v.error().message;
  EXPECT_TRUE(v->visible);
  EXPECT_EQ(v->person.first_names, "Mia");
  EXPECT_EQ(v->person.nhs_number, "9434765919");
  EXPECT_EQ(v->person.postcode, "EX12AB");
  EXPECT_EQ(v->person.gender, "female");
  EXPECT_EQ(v->person.household, "12-orchard-way-exampleton-ex12ab");
  ASSERT_TRUE(v->current_address.has_value());
  EXPECT_EQ(v->current_address->postcode, "EX12AB");
  EXPECT_EQ(v->person.created_at, "2026-11-24T10:00:00Z");
  EXPECT_GE(Changes(v->id), 2);  // the person, and their address
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'person.recorded' AND record_id = ?",
                  {std::to_string(v->id)}),
            1);

  // Someone recorded at the same address joins the household; the postcode is read from the address.
  PersonDraft sam;
  sam.first_names = "Sam";
  sam.last_name = "Example";
  sam.is_child = false;
  sam.address = "12 orchard way, Exampleton EX1 2AB";
  auto s = RecordPerson(ctx_, Worker(), sam);
  ASSERT_TRUE(s.has_value()) << s.error().message;
  EXPECT_EQ(s->person.postcode, "EX12AB");
  EXPECT_EQ(s->person.household, v->person.household);
  // An unborn child: an expected date, and no first name needed.
  PersonDraft unborn;
  unborn.last_name = "Sample";
  unborn.expected_date = "2027-03-01";
  auto u = RecordPerson(ctx_, Worker(), unborn);
  ASSERT_TRUE(u.has_value()) << u.error().message;
  EXPECT_EQ(u->person.expected_date, "2027-03-01");
}

TEST_F(PeopleTest, RecordPersonNamesEveryFieldItRefuses) {
  Record("Mia", "Example", "2017-05-14");
  PersonDraft d;
  d.first_names = "Mia\x01";
  d.last_name = "";
  d.date_of_birth = "2030-01-01";
  d.expected_date = "2027-02-30";
  d.gender = "girl";
  d.nhs_number = "943 476 5918";  // wrong check digit
  d.address = "1 Nowhere Street";
  d.postcode = "XYZ";
  auto refused = RecordPerson(ctx_, Worker(), d);
  ASSERT_FALSE(refused.has_value());
  ASSERT_TRUE(refused.error().IsInvalid());
  for (const char* field : {"first_names", "last_name", "date_of_birth", "expected_date", "gender", "nhs_number", "postcode"})
    EXPECT_NE(Field(refused.error(), field), nullptr) << field;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people"), 1);
  // The same NHS number twice is one person: the message says which record has it.
  d = {};
  d.first_names = "Mya";
  d.last_name = "Example";
  d.nhs_number = "9434765919";
  ASSERT_TRUE(RecordPerson(ctx_, Worker(), d).has_value());
  auto twice = RecordPerson(ctx_, Worker(), d);
  ASSERT_FALSE(twice.has_value());
  ASSERT_NE(Field(twice.error(), "nhs_number"), nullptr);
  EXPECT_NE(Field(twice.error(), "nhs_number")->message.find("already has this NHS number"), std::string::npos);
  // Contact officers read the register; they do not write it.
  EXPECT_TRUE(RecordPerson(ctx_, Officer(), d).error().IsForbidden());
}

TEST_F(PeopleTest, NamesAndAddressesKeepTheHistory) {
  const auto mia = Record("Mia", "Example", "2017-05-14", true, "3 Station Road, Exampleton EX3 1ZZ");
  auto named = AddName(ctx_, Worker(), mia, {"previous", "Mia", "Jones", "2017-05-14", "2021-05-31"});
  ASSERT_TRUE(named.has_value()) << named.error().message;
  ASSERT_EQ(named->names.size(), 1u);
  EXPECT_EQ(named->names[0].last_name, "Jones");
  EXPECT_TRUE(AddName(ctx_, Worker(), mia, {"maiden", "Mia", "Jones", "", ""}).error().IsInvalid());
  EXPECT_TRUE(AddName(ctx_, Worker(), mia, {"previous", "Mia", "Jones", "2021-01-01", "2020-01-01"}).error().IsInvalid());

  const auto before = Changes(mia);
  AddressDraft move{"12 Orchard Way, Exampleton EX1 2AB", "", "2021-06-01", "", true};
  auto moved = AddAddress(ctx_, Worker(), mia, move);
  ASSERT_TRUE(moved.has_value()) << moved.error().message;
  ASSERT_EQ(moved->addresses.size(), 2u);
  ASSERT_TRUE(moved->current_address.has_value());
  EXPECT_EQ(moved->current_address->postcode, "EX12AB");
  EXPECT_EQ(moved->addresses[1].to_date, "2021-06-01");  // the old one ended the day the new one began
  EXPECT_EQ(moved->person.postcode, "EX12AB");
  EXPECT_EQ(moved->person.household, "12-orchard-way-exampleton-ex1-2ab");
  EXPECT_GT(Changes(mia), before);
  EXPECT_TRUE(AddAddress(ctx_, Worker(), 999, move).error().IsNotFound());
}

TEST_F(PeopleTest, RelationshipsRefuseSelfUnknownAndDuplicates) {
  const auto mia = Record("Mia", "Example", "2017-05-14");
  const auto leo = Record("Leo", "Example", "2020-01-30");
  const auto sam = Record("Sam", "Example", "1990-08-21", false);
  const auto leo_changes = Changes(leo);
  auto v = AddRelationship(ctx_, Worker(), mia, {leo, "sibling", "", ""});
  ASSERT_TRUE(v.has_value()) << v.error().message;
  EXPECT_GT(Changes(leo), leo_changes);  // both sides of a relationship are noted
  EXPECT_TRUE(AddRelationship(ctx_, Worker(), sam, {mia, "parent", "", ""}).has_value());

  auto self = AddRelationship(ctx_, Worker(), mia, {mia, "sibling", "", ""});
  ASSERT_FALSE(self.has_value());
  EXPECT_NE(Field(self.error(), "related_person_id"), nullptr);
  // A sibling relationship is one relationship whichever way round it is given.
  auto again = AddRelationship(ctx_, Worker(), leo, {mia, "sibling", "", ""});
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(Field(again.error(), "related_person_id")->message, "This relationship is already recorded");
  EXPECT_FALSE(AddRelationship(ctx_, Worker(), sam, {mia, "parent", "", ""}).has_value());
  EXPECT_TRUE(AddRelationship(ctx_, Worker(), mia, {12345, "sibling", "", ""}).error().IsInvalid());
  EXPECT_NE(Field(AddRelationship(ctx_, Worker(), mia, {sam, "cousin", "", ""}).error(), "kind"), nullptr);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationships"), 2);
}

TEST_F(PeopleTest, InvolvementsKeepTheCurrentSummary) {
  const Actor worker = Worker();
  const auto tia = Record("Tia", "Sample", "2012-10-03");
  InvolvementDraft plan;
  plan.kind = "child_protection_plan";
  plan.started_on = "2026-01-12";
  plan.allocated_user_id = worker.user_id;
  plan.summary = "Neglect";
  auto open = AddInvolvement(ctx_, worker, tia, plan);
  ASSERT_TRUE(open.has_value()) << open.error().message;
  EXPECT_TRUE(open->person.open_case);
  EXPECT_TRUE(open->person.child_protection_plan);
  EXPECT_EQ(open->person.allocated_user_id, worker.user_id);
  EXPECT_EQ(open->person.team_id, worker.team_id);  // the worker's team when none is given
  EXPECT_EQ(open->allocated_name, "Test social_worker");
  EXPECT_EQ(open->team_name, "Front Door");
  ASSERT_EQ(open->involvements.size(), 1u);
  EXPECT_FALSE(open->involvements[0].ended_on.has_value());

  InvolvementDraft earlier;
  earlier.kind = "assessment";
  earlier.started_on = "2025-03-01";
  earlier.ended_on = "2025-04-10";
  ASSERT_TRUE(AddInvolvement(ctx_, worker, tia, earlier).has_value());
  InvolvementDraft bad;
  bad.kind = "holiday";
  bad.started_on = "2027-01-01";
  bad.allocated_user_id = 999;
  auto refused = AddInvolvement(ctx_, worker, tia, bad);
  ASSERT_FALSE(refused.has_value());
  for (const char* field : {"kind", "started_on", "allocated_user_id"}) EXPECT_NE(Field(refused.error(), field), nullptr) << field;

  const auto plan_id = open->involvements[0].id;
  EXPECT_FALSE(CloseInvolvement(ctx_, worker, plan_id, "2025-12-31").has_value());  // before it started
  auto closed = CloseInvolvement(ctx_, worker, plan_id, "2026-11-20");
  ASSERT_TRUE(closed.has_value()) << closed.error().message;
  EXPECT_FALSE(closed->person.open_case);
  EXPECT_FALSE(closed->person.child_protection_plan);
  EXPECT_FALSE(closed->person.allocated_user_id.has_value());
  EXPECT_EQ(CloseInvolvement(ctx_, worker, plan_id, "").error().code, ErrorCode::kConflict);
  EXPECT_TRUE(CloseInvolvement(ctx_, worker, 4242, "").error().IsNotFound());
}

// RULE KCR-10: the register view shows the child's brothers and sisters (also those found only
// through a parent), the adults of the household, and whether each is or was known.
TEST_F(PeopleTest, KCR10_TheRegisterViewShowsFamilyHouseholdAndWhetherEachIsKnown) {
  const Actor worker = Worker();
  const std::string home = "12 Orchard Way, Exampleton EX1 2AB";
  const auto mia = Record("Mia", "Example", "2017-05-14", true, home);
  const auto leo = Record("Leo", "Example", "2020-01-30", true, home);
  const auto sam = Record("Sam", "Example", "1990-08-21", false, home);
  const auto noah = Record("Noah", "Jones", "2009-02-11", true, "4 Mill Lane, Exampleton EX2 4CD");
  ASSERT_TRUE(AddRelationship(ctx_, worker, mia, {leo, "sibling", "", ""}).has_value());
  ASSERT_TRUE(AddRelationship(ctx_, worker, sam, {mia, "parent", "", ""}).has_value());
  ASSERT_TRUE(AddRelationship(ctx_, worker, sam, {noah, "parent", "", ""}).has_value());
  InvolvementDraft cin;
  cin.kind = "child_in_need";
  cin.started_on = "2024-02-01";
  cin.ended_on = "2025-01-10";
  ASSERT_TRUE(AddInvolvement(ctx_, worker, noah, cin).has_value());

  auto v = GetPerson(ctx_, Officer(), mia);
  ASSERT_TRUE(v.has_value()) << v.error().message;
  std::map<std::int64_t, FamilyMember> family;
  for (const auto& f : v->family) family[f.person.person_id] = f;
  ASSERT_EQ(family.size(), 3u);
  EXPECT_EQ(family[leo].relation, "Brother or sister");
  EXPECT_EQ(family[sam].relation, "Parent");
  EXPECT_FALSE(family[sam].person.is_child);
  EXPECT_TRUE(family[noah].through_parent);  // Sam's other child, never recorded as Mia's brother
  EXPECT_EQ(family[noah].relation, "Child of Sam Example");
  EXPECT_TRUE(family[noah].person.known);    // HCR-30: "are or were known"
  EXPECT_FALSE(family[noah].person.open_case);
  EXPECT_FALSE(family[leo].person.known);
  // The household: everyone now at the same address, with what they are to Mia.
  ASSERT_EQ(v->household.size(), 2u);
  EXPECT_EQ(v->household[0].person.person_id, leo);
  EXPECT_EQ(v->household[1].person.person_id, sam);
  EXPECT_EQ(v->household[1].relation, "Parent");
  // The other side reads the other way round.
  auto sams = GetPerson(ctx_, Officer(), sam);
  for (const auto& f : sams->family)
    if (f.person.person_id == mia) {
      EXPECT_EQ(f.relation, "Child");
    }
  EXPECT_TRUE(GetPerson(ctx_, UserWithRole(Role::kAnalyst), mia).error().IsForbidden());
  EXPECT_TRUE(GetPerson(ctx_, Officer(), 777).error().IsNotFound());
}

TEST_F(PeopleTest, OpeningARecordIsAudited) {
  const auto mia = Record("Mia", "Example", "2017-05-14");
  const Actor officer = Officer();
  ASSERT_TRUE(GetPerson(ctx_, officer, mia).has_value());
  auto tx = store_->Begin(store::TransactionMode::kRead);
  auto rows = tx->Query("SELECT actor_id, actor, at, changes FROM audit_events WHERE action = 'person.viewed' AND "
                        "record_type = 'person' AND record_id = ?",
                        {std::to_string(mia)});
  ASSERT_EQ(rows.size(), 1u);
  EXPECT_EQ(rows[0].Int(0), officer.user_id);
  EXPECT_EQ(rows[0].Text(1), "contact_officer");
  EXPECT_EQ(rows[0].Text(2), "2026-11-24T10:00:00Z");
  EXPECT_EQ(nlohmann::json::parse(rows[0].Text(3)).at("existence_only"), false);
  tx.reset();
  EXPECT_TRUE(audit::Verify(*store_).intact);
}

TEST_F(PeopleTest, ARestrictedRecordShowsOthersOnlyThatItExistsAndWhomToAsk) {
  const Actor manager = Manager();
  const Actor worker = Worker();
  const auto ezra = Record("Ezra", "Quinn", "2011-06-19", true, "9 Hidden Row, Exampleton EX9 9ZZ");
  const auto sister = Record("Ava", "Quinn", "2013-01-01");
  ASSERT_TRUE(AddRelationship(ctx_, worker, sister, {ezra, "sibling", "", ""}).has_value());
  const auto changes = Changes(ezra);
  EXPECT_TRUE(SetRestricted(ctx_, worker, ezra, {true, "Morgan Manager", {}}).error().IsForbidden());
  EXPECT_TRUE(SetRestricted(ctx_, manager, ezra, {true, "", {}}).error().IsInvalid());
  auto restricted = SetRestricted(ctx_, manager, ezra, {true, "Morgan Manager, Front Door team manager", {worker.user_id}});
  ASSERT_TRUE(restricted.has_value()) << restricted.error().message;
  EXPECT_GT(Changes(ezra), changes);
  ASSERT_EQ(restricted->viewers.size(), 2u);  // the named worker, and the manager who restricted it

  // Everyone else: that a record exists, and whom to ask — no name, no date of birth, nothing else.
  const Actor officer = Officer();
  auto limited = GetPerson(ctx_, officer, ezra);
  ASSERT_TRUE(limited.has_value()) << limited.error().message;
  EXPECT_FALSE(limited->visible);
  EXPECT_TRUE(limited->restricted);
  EXPECT_EQ(limited->ask, "Morgan Manager, Front Door team manager");
  EXPECT_EQ(limited->id, ezra);
  EXPECT_EQ(limited->person.first_names, "");
  EXPECT_EQ(limited->person.last_name, "");
  EXPECT_FALSE(limited->person.date_of_birth.has_value());
  EXPECT_FALSE(limited->current_address.has_value());
  EXPECT_TRUE(limited->names.empty() && limited->addresses.empty() && limited->family.empty() &&
              limited->household.empty() && limited->involvements.empty() && limited->viewers.empty());
  // That view is audited too.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'person.viewed' AND actor_id = ? AND "
                  "record_id = ? AND changes LIKE '%\"existence_only\":true%'",
                  {officer.user_id, std::to_string(ezra)}),
            1);
  // Seen from a relative's record, the restricted person is hidden the same way.
  auto avas = GetPerson(ctx_, officer, sister);
  ASSERT_EQ(avas->family.size(), 1u);
  EXPECT_TRUE(avas->family[0].person.hidden);
  EXPECT_EQ(avas->family[0].person.first_names, "");
  EXPECT_EQ(avas->family[0].person.ask, "Morgan Manager, Front Door team manager");
  // Named viewers see it all; others may not write to it.
  EXPECT_TRUE(GetPerson(ctx_, worker, ezra)->visible);
  EXPECT_EQ(GetPerson(ctx_, worker, ezra)->person.first_names, "Ezra");
  auto other_worker = CreateUser(ctx_, std::nullopt, {"worker2", "Second Worker", "", Role::kSocialWorker, "Front Door", kPassword});
  ASSERT_TRUE(other_worker.has_value());
  const Actor stranger{*other_worker, "worker2", "Second Worker", Role::kSocialWorker, worker.team_id};
  auto refused = AddName(ctx_, stranger, ezra, {"alternative", "Ez", "Quinn", "", ""});
  ASSERT_TRUE(refused.error().IsForbidden());
  EXPECT_NE(refused.error().message.find("Morgan Manager"), std::string::npos);
}

// Merging moves everything of one record onto the other; undoing puts back exactly what moved,
// compared row by row in every table a merge touches.
TEST_F(PeopleTest, MergeThenUndoRestoresEveryRowExactly) {
  const Actor worker = Worker();
  const Actor manager = Manager();
  const auto mia = Record("Mia", "Example", "2017-05-14", true, "12 Orchard Way, Exampleton EX1 2AB");
  const auto mya = Record("Mya", "Exampel", "2017-05-14", true, "3 Station Road, Exampleton EX3 1ZZ");
  const auto sam = Record("Sam", "Example", "1990-08-21", false);
  const auto leo = Record("Leo", "Example", "2020-01-30");
  ASSERT_TRUE(AddName(ctx_, worker, mya, {"previous", "Mya", "Jones", "", "2021-05-31"}).has_value());
  ASSERT_TRUE(AddRelationship(ctx_, worker, sam, {mya, "parent", "", ""}).has_value());
  ASSERT_TRUE(AddRelationship(ctx_, worker, mya, {leo, "sibling", "", ""}).has_value());
  ASSERT_TRUE(AddRelationship(ctx_, worker, mia, {leo, "sibling", "", ""}).has_value());  // already on the kept record
  ASSERT_TRUE(AddRelationship(ctx_, worker, mia, {mya, "household_member", "", ""}).has_value());  // between the two
  InvolvementDraft plan;
  plan.kind = "child_protection_plan";
  plan.started_on = "2026-02-01";
  plan.allocated_user_id = worker.user_id;
  ASSERT_TRUE(AddInvolvement(ctx_, worker, mya, plan).has_value());
  const auto contact = RecordContactAbout({{"Mya", "Exampel", "2017-05-14", "", "female", "3 Station Road", "", "", "subject"}});
  ASSERT_TRUE(ConfirmChildMatch(ctx_, Officer(), contact, 0, mya).has_value());
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO record_checks (contact_id, child_position, person_id, known, child_protection_plan, "
                "looked_after, open_case, household_known, checked_by, checked_at) VALUES (?, 0, ?, 1, 1, 0, 1, '', ?, ?)",
                {contact, mya, worker.user_id, "2026-11-24T10:00:00Z"});
    tx->Commit();
  }

  const auto before = Snapshot();
  const auto kept_changes = Changes(mia), merged_changes = Changes(mya), sam_changes = Changes(sam);
  auto merge = MergePeople(ctx_, manager, mia, mya, "The same child: a misspelt name on the 2026 plan");
  ASSERT_TRUE(merge.has_value()) << merge.error().message;
  EXPECT_EQ(merge->moved.names.size(), 1u);
  EXPECT_EQ(merge->moved.addresses.size(), 1u);
  EXPECT_EQ(merge->moved.involvements.size(), 1u);
  EXPECT_EQ(merge->moved.relationships_to.size(), 1u);   // Sam's parenthood
  EXPECT_EQ(merge->moved.relationships_from.size(), 0u); // Leo is already Mia's brother; Mia–Mya stays put
  EXPECT_EQ(merge->moved.contact_children.size(), 1u);
  EXPECT_EQ(merge->moved.record_checks.size(), 1u);
  EXPECT_EQ(merge->moved.added_names.size(), 1u);         // "Mya Exampel" stays findable on Mia
  EXPECT_TRUE(merge->undoable);
  EXPECT_GT(Changes(mia), kept_changes);
  EXPECT_GT(Changes(mya), merged_changes);
  EXPECT_GT(Changes(sam), sam_changes);

  auto kept = GetPerson(ctx_, worker, mia);
  EXPECT_TRUE(kept->person.open_case);  // the plan moved, and with it the summary
  EXPECT_TRUE(kept->person.child_protection_plan);
  EXPECT_EQ(kept->involvements.size(), 1u);
  EXPECT_EQ(kept->contacts.size(), 1u);
  EXPECT_EQ(GetPerson(ctx_, worker, mya)->merged_into, mia);
  EXPECT_NE(Snapshot(), before);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'person.merged'"), 1);

  // Refused: into itself, into a merged record, a merged record again, and by a social worker.
  EXPECT_TRUE(MergePeople(ctx_, manager, mia, mia, "same").error().IsInvalid());
  EXPECT_EQ(MergePeople(ctx_, manager, mya, sam, "into a merged record").error().code, ErrorCode::kConflict);
  EXPECT_EQ(MergePeople(ctx_, manager, sam, mya, "already merged").error().code, ErrorCode::kConflict);
  EXPECT_TRUE(MergePeople(ctx_, worker, sam, leo, "not a manager").error().IsForbidden());
  EXPECT_TRUE(MergePeople(ctx_, manager, sam, leo, "").error().IsInvalid());
  // Writing to a merged record points to the kept one.
  EXPECT_EQ(AddName(ctx_, worker, mya, {"alternative", "M", "E", "", ""}).error().code, ErrorCode::kConflict);

  auto undone = UndoMerge(ctx_, manager, merge->id);
  ASSERT_TRUE(undone.has_value()) << undone.error().message;
  EXPECT_TRUE(undone->undone_at.has_value());
  EXPECT_FALSE(undone->undoable);
  const auto after = Snapshot();
  for (const auto& [table, rows] : before) {
    ASSERT_EQ(after.at(table).size(), rows.size()) << table;
    for (std::size_t i = 0; i < rows.size(); ++i) EXPECT_EQ(after.at(table)[i], rows[i]) << table << " row " << i;
  }
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'person.merge_undone'"), 1);
  auto again = UndoMerge(ctx_, manager, merge->id);
  ASSERT_FALSE(again.has_value());
  EXPECT_EQ(again.error().code, ErrorCode::kConflict);
  // When, as people read it: "24 November 2026 at 10:00am", not the stored UTC text.
  EXPECT_EQ(again.error().message, "This merge was already undone on " +
                                       calendar::FormatLocalForPeople(clock_.Now(), "Europe/London"));
  EXPECT_EQ(again.error().message.find('Z'), std::string::npos);
  EXPECT_TRUE(UndoMerge(ctx_, manager, 999).error().IsNotFound());
  EXPECT_TRUE(audit::Verify(*store_).intact);
}

TEST_F(PeopleTest, AMergeMovedOnByALaterMergeIsUndoneInOrder) {
  const Actor manager = Manager();
  const auto a = Record("Ava", "Quinn", "2013-01-01");
  const auto b = Record("Eva", "Quinn", "2013-01-01");
  const auto c = Record("Ava", "Quin", "2013-01-01");
  ASSERT_TRUE(AddName(ctx_, Worker(), b, {"alternative", "Evie", "Quinn", "", ""}).has_value());
  auto first = MergePeople(ctx_, manager, a, b, "duplicate");
  ASSERT_TRUE(first.has_value());
  auto second = MergePeople(ctx_, manager, c, a, "duplicate again");
  ASSERT_TRUE(second.has_value()) << second.error().message;
  EXPECT_FALSE(GetMerge(ctx_, manager, first->id)->undoable);
  EXPECT_EQ(UndoMerge(ctx_, manager, first->id).error().code, ErrorCode::kConflict);
  ASSERT_TRUE(UndoMerge(ctx_, manager, second->id).has_value());
  ASSERT_TRUE(UndoMerge(ctx_, manager, first->id).has_value());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM person_names WHERE person_id = ?", {b}), 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people WHERE merged_into IS NOT NULL"), 0);
}

TEST_F(PeopleTest, AContactsChildIsLinkedToTheRegisterOrMadeANewPerson) {
  const auto mia = Record("Mia", "Example", "2017-05-14");
  const auto contact = RecordContactAbout(
      {{"Mia", "Example", "2017-05-14", "", "female", "12 Orchard Way, Exampleton", "", "", "subject"},
       {"Leo", "Example", "2020-01-30", "", "male", "12 Orchard Way, Exampleton EX1 2AB", "", "", "subject"}});
  const Actor officer = Officer();
  auto linked = ConfirmChildMatch(ctx_, officer, contact, 0, mia);
  ASSERT_TRUE(linked.has_value()) << linked.error().message;
  EXPECT_FALSE(linked->new_person);
  auto made = NewPersonFromContactChild(ctx_, officer, contact, 1);
  ASSERT_TRUE(made.has_value()) << made.error().message;
  EXPECT_TRUE(made->new_person);
  EXPECT_GE(Changes(made->person_id), 2);
  auto leo = GetPerson(ctx_, officer, made->person_id);
  EXPECT_EQ(leo->person.first_names, "Leo");
  EXPECT_EQ(leo->person.date_of_birth, "2020-01-30");
  EXPECT_EQ(leo->person.gender, "male");
  EXPECT_EQ(leo->person.postcode, "EX12AB");
  ASSERT_EQ(leo->contacts.size(), 1u);
  EXPECT_EQ(leo->contacts[0].contact_id, contact);
  EXPECT_EQ(leo->contacts[0].child_position, 1);

  auto links = ContactChildPeople(ctx_, officer, contact);
  ASSERT_TRUE(links.has_value());
  ASSERT_EQ(links->size(), 2u);
  EXPECT_EQ((*links)[0], mia);
  EXPECT_EQ((*links)[1], made->person_id);
  EXPECT_EQ(NewPersonFromContactChild(ctx_, officer, contact, 1).error().code, ErrorCode::kConflict);
  EXPECT_TRUE(ConfirmChildMatch(ctx_, officer, contact, 2, mia).error().IsNotFound());
  EXPECT_TRUE(ConfirmChildMatch(ctx_, officer, contact, 0, 9999).error().IsInvalid());
  EXPECT_TRUE(ConfirmChildMatch(ctx_, UserWithRole(Role::kAnalyst), contact, 0, mia).error().IsForbidden());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'contact.child_linked' AND record_id = ?",
                  {std::to_string(contact)}),
            2);
}

// Every use case that writes the register notes each person it touched in person_changes, in its
// own transaction, so each node's match index catches up.
TEST_F(PeopleTest, EveryRegisterWriteNotesThePeopleItTouched) {
  const Actor worker = Worker();
  const Actor manager = Manager();
  const auto a = Record("Ava", "Quinn", "2013-01-01");
  const auto b = Record("Ben", "Quinn", "2015-01-01");
  const auto a_again = Record("Ava", "Quin", "2013-01-01");  // a duplicate of Ava: Ben is her half-brother
  auto noted = [&](std::int64_t id, auto&& write) {
    const auto before = Changes(id);
    write();
    return Changes(id) > before;
  };
  EXPECT_TRUE(noted(a, [&] { AddName(ctx_, worker, a, {"alternative", "Avie", "Quinn", "", ""}); }));
  EXPECT_TRUE(noted(a, [&] { AddAddress(ctx_, worker, a, {"1 High St, Exampleton EX1 1AA", "", "", "", false}); }));
  EXPECT_TRUE(noted(b, [&] { AddRelationship(ctx_, worker, a, {b, "half_sibling", "", ""}); }));
  InvolvementDraft i;
  i.kind = "early_help";
  i.started_on = "2026-01-01";
  std::int64_t involvement = 0;
  EXPECT_TRUE(noted(a, [&] { involvement = AddInvolvement(ctx_, worker, a, i)->involvements.at(0).id; }));
  EXPECT_TRUE(noted(a, [&] { CloseInvolvement(ctx_, worker, involvement, ""); }));
  EXPECT_TRUE(noted(a, [&] { SetRestricted(ctx_, manager, a, {true, "Morgan", {}}); }));
  std::int64_t merge_id = 0;
  EXPECT_TRUE(noted(a_again, [&] { merge_id = MergePeople(ctx_, manager, a, a_again, "duplicate")->id; }));
  EXPECT_TRUE(noted(a_again, [&] { UndoMerge(ctx_, manager, merge_id); }));
  // A read writes no change.
  EXPECT_FALSE(noted(a, [&] { GetPerson(ctx_, manager, a); }));
}

TEST(PeopleKinds, PostcodesAreNormalisedAndFoundAtTheEndOfAnAddress) {
  EXPECT_EQ(NormalisePostcode("ex1 2ab"), "EX12AB");
  EXPECT_EQ(NormalisePostcode("SW1A 1AA"), "SW1A1AA");
  EXPECT_EQ(NormalisePostcode("M1 1AE"), "M11AE");
  EXPECT_FALSE(NormalisePostcode("EX1").has_value());
  EXPECT_FALSE(NormalisePostcode("12345").has_value());
  EXPECT_EQ(PostcodeInAddress("12 Orchard Way, Exampleton EX1 2AB"), "EX12AB");
  EXPECT_EQ(PostcodeInAddress("12 Orchard Way, Exampleton, EX12AB"), "EX12AB");
  EXPECT_FALSE(PostcodeInAddress("Flat above the launderette, High Street").has_value());
  EXPECT_TRUE(IsRelationshipKind("partner_of_parent"));
  EXPECT_FALSE(IsRelationshipKind("cousin"));
  EXPECT_EQ(InvolvementKindTitle("looked_after"), "Looked after");
}

}  // namespace
}  // namespace fd::app
