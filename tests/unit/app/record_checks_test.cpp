// Screening's record checks (KCR-10, HCR-30) with the people register's matcher behind them: a
// child is looked up by the record they are linked to, else an exact match, else the matcher, and
// a very likely record must be confirmed before the check can say "not known".
#include <gtest/gtest.h>

#include "app/contacts.h"
#include "app/people.h"
#include "app/person_directory.h"
#include "app/workflow.h"
#include "store/people_records.h"
#include "app_fixture.h"

namespace fd::app {
namespace {

class RecordChecksTest : public AppTest {
 protected:
  RecordChecksTest() { ctx_.people = &directory_; }

  Actor officer_ = UserWithRole(Role::kContactOfficer);
  Actor worker_ = UserWithRole(Role::kSocialWorker);
  Actor manager_ = UserWithRole(Role::kTeamManager);

  // The matcher's prior is the share of searches whose child is on the register over the people on
  // it, so a register of two or three people makes every likeness "very likely". A few thousand
  // people of other names give it a realistic size.
  void AddOtherPeople(int count) {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    for (int i = 0; i < count; ++i) {
      store::PersonRecord p;
      p.first_names = "Person";
      p.last_name = "Zz" + std::to_string(i);
      p.date_of_birth = "1970-01-01";
      store::InsertPerson(*tx, p);
    }
    tx->Commit();
  }

  std::int64_t AddPerson(const std::string& first, const std::string& last, const std::string& dob,
                         bool child_protection_plan = false) {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::PersonRecord p;
    p.first_names = first;
    p.last_name = last;
    p.date_of_birth = dob;
    p.household = "H1";
    p.child_protection_plan = child_protection_plan;
    const std::int64_t id = store::InsertPerson(*tx, p);
    tx->Commit();
    return id;
  }

  // A contact about one child, as the caller gave the name; screening started.
  std::int64_t ContactAbout(const std::string& first, const std::string& last, const std::string& dob) {
    ContactDraft d;
    d.referrer_type = "police";
    d.referrer_name = "PC Jo Webb";
    d.referrer_agency = "Hertfordshire Constabulary";
    d.referrer_email = "jo.webb@herts.pnn.police.uk";
    d.children.push_back({first, last, dob, "", "female", "1 Elm Road", "", "", "subject"});
    d.concern = "Domestic incident attended last night; the child was present.";
    d.intake.channel = "email";
    d.intake.household = {{"domestic_abuse", "yes"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
                          {"learning_difficulties", "no"}};
    auto c = RecordContact(ctx_, officer_, d);
    EXPECT_TRUE(c.has_value());
    if (!c) return 0;
    EXPECT_TRUE(StartScreening(ctx_, worker_, c->id, c->version).has_value());
    return c->id;
  }

  std::int64_t Version(std::int64_t id) { return GetContact(ctx_, worker_, id)->version; }

  PersonDirectory directory_;
};

// RULE KCR-10: a misspelt name with the right date of birth is very likely a child on the register,
// so the check refuses to answer "not known" until someone confirms who the child is; once linked,
// the check reads that record (the plan included).
TEST_F(RecordChecksTest, KCR10_AVeryLikelyRecordMustBeConfirmedBeforeTheCheck) {
  const auto ava = AddPerson("Ava", "Example", "2016-03-02", /*child_protection_plan=*/true);
  const auto contact = ContactAbout("Ava", "Exampel", "2016-03-02");

  auto refused = RunRecordChecks(ctx_, worker_, contact, Version(contact));
  ASSERT_FALSE(refused.has_value());
  EXPECT_EQ(refused.error().code, ErrorCode::kConflict);
  EXPECT_NE(refused.error().message.find("Child 1 (Ava Exampel) is very likely already on the people register"),
            std::string::npos)
      << refused.error().message;

  ASSERT_TRUE(ConfirmChildMatch(ctx_, worker_, contact, 0, ava).has_value());
  auto checks = RunRecordChecks(ctx_, worker_, contact, Version(contact));
  ASSERT_TRUE(checks.has_value()) << checks.error().message;
  ASSERT_EQ(checks->size(), 1u);
  EXPECT_TRUE((*checks)[0].known);
  EXPECT_EQ((*checks)[0].person_id, ava);
  EXPECT_TRUE((*checks)[0].child_protection_plan);
}

// RULE KCR-10: "new person" settles it too: the child is then known as the new (empty) record.
TEST_F(RecordChecksTest, KCR10_RecordingANewPersonSettlesAVeryLikelyMatch) {
  AddPerson("Ava", "Example", "2016-03-02");
  const auto contact = ContactAbout("Ava", "Exampel", "2016-03-02");
  ASSERT_FALSE(RunRecordChecks(ctx_, worker_, contact, Version(contact)).has_value());
  auto added = NewPersonFromContactChild(ctx_, worker_, contact, 0);
  ASSERT_TRUE(added.has_value()) << added.error().message;
  auto checks = RunRecordChecks(ctx_, worker_, contact, Version(contact));
  ASSERT_TRUE(checks.has_value()) << checks.error().message;
  EXPECT_EQ((*checks)[0].person_id, added->person_id);
  EXPECT_FALSE((*checks)[0].child_protection_plan);
}

// RULE KCR-10: only a possible match (same names, a different date of birth) does not stop the
// check, but it says the register holds unconfirmed candidates rather than a bare "not known".
TEST_F(RecordChecksTest, KCR10_PossibleMatchesAreNamedInTheCheck) {
  AddOtherPeople(5000);
  AddPerson("Ava", "Example", "2009-11-20");
  const auto contact = ContactAbout("Ava", "Example", "2016-03-02");
  auto checks = RunRecordChecks(ctx_, worker_, contact, Version(contact));
  ASSERT_TRUE(checks.has_value()) << checks.error().message;
  EXPECT_FALSE((*checks)[0].known);
  EXPECT_NE((*checks)[0].household_known.find("1 possible match on the people register not confirmed"),
            std::string::npos)
      << (*checks)[0].household_known;
}

// RULE KCR-10: nobody like the child on the register: "not known", as before.
TEST_F(RecordChecksTest, KCR10_NoOneLikeTheChildIsNotKnown) {
  AddPerson("Zed", "Other", "1990-01-01");
  const auto contact = ContactAbout("Ava", "Example", "2016-03-02");
  auto checks = RunRecordChecks(ctx_, worker_, contact, Version(contact));
  ASSERT_TRUE(checks.has_value());
  EXPECT_FALSE((*checks)[0].known);
  EXPECT_EQ((*checks)[0].household_known, "Not known to children's services");
}

// RULE KCR-10: a restricted record linked to the child shows the checker only that it exists and
// whom to ask, never its plan or household: the answers are withheld (not "no") and the task stays
// open until a named viewer of the record runs the checks.
TEST_F(RecordChecksTest, KCR10_ARestrictedRecordSaysOnlyWhomToAsk) {
  const auto ava = AddPerson("Ava", "Example", "2016-03-02", /*child_protection_plan=*/true);
  AddPerson("Dan", "Other", "1985-05-05");
  RestrictionDraft restriction;
  restriction.ask = "the Head of Service";
  ASSERT_TRUE(SetRestricted(ctx_, manager_, ava, restriction).has_value());
  const auto contact = ContactAbout("Ava", "Example", "2016-03-02");
  auto checks = RunRecordChecks(ctx_, worker_, contact, Version(contact));
  ASSERT_TRUE(checks.has_value()) << checks.error().message;
  EXPECT_TRUE((*checks)[0].known);
  EXPECT_EQ((*checks)[0].withheld_ask, "the Head of Service");
  EXPECT_EQ((*checks)[0].household_known, "A restricted record exists: ask the Head of Service");
  auto task = [&](const Actor& reader) {
    auto view = GetWorkflow(ctx_, reader, contact);
    EXPECT_TRUE(view.has_value());
    for (const auto& t : view->tasks)
      if (t.id == "record_checks") return t;
    return ScreeningTask{};
  };
  EXPECT_FALSE(task(worker_).done);
  EXPECT_NE(task(worker_).title.find("ask the Head of Service to run them"), std::string::npos) << task(worker_).title;

  // The manager who restricted it is named on it: the real answers, and the task is done.
  auto by_viewer = RunRecordChecks(ctx_, manager_, contact, Version(contact));
  ASSERT_TRUE(by_viewer.has_value()) << by_viewer.error().message;
  EXPECT_FALSE((*by_viewer)[0].withheld_ask.has_value());
  EXPECT_TRUE((*by_viewer)[0].child_protection_plan);
  EXPECT_TRUE(task(worker_).done);
  // Read by the worker, the viewer's check is withheld as the record is.
  auto seen = GetWorkflow(ctx_, worker_, contact);
  ASSERT_TRUE(seen.has_value());
  EXPECT_EQ(seen->record_checks[0].withheld_ask, "the Head of Service");
  EXPECT_FALSE(seen->record_checks[0].child_protection_plan);
  EXPECT_EQ(seen->record_checks[0].household_known, "A restricted record exists: ask the Head of Service");
}

// RULE KCR-10: a check stored before answers could be withheld said "no" to the plan of a restricted
// child it could not read. Migration 0027 marks those checks withheld, with whom to ask, and the task
// open, so no later reader takes them for "no".
TEST_F(RecordChecksTest, KCR10_AnEarlierCheckThatSaidNoOnARestrictedRecordIsReadAsWithheld) {
  const auto contact = ContactAbout("Ava", "Example", "2016-03-02");
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tx->Execute("INSERT INTO record_checks (contact_id, child_position, known, child_protection_plan, looked_after, "
                "open_case, household_known, checked_by, checked_at) VALUES (?, 0, 1, 0, 0, 0, ?, ?, ?)",
                {contact, "A restricted record exists: ask the Head of Service", worker_.user_id,
                 "2026-11-24T10:00:00Z"});
    const auto& migration = store::AllMigrations().at(26);
    ASSERT_EQ(migration.name, "record_checks_withheld");
    tx->Execute(migration.sql.substr(migration.sql.find("UPDATE record_checks")));
    tx->Commit();
  }
  auto view = GetWorkflow(ctx_, worker_, contact);
  ASSERT_TRUE(view.has_value());
  ASSERT_EQ(view->record_checks.size(), 1u);
  EXPECT_EQ(view->record_checks[0].withheld_ask, "the Head of Service");
  for (const auto& t : view->tasks)
    if (t.id == "record_checks") {
      EXPECT_FALSE(t.done);
    }
}

}  // namespace
}  // namespace fd::app
