// Retention (FDS-8, issue 8 point 5): what is due goes, audited, its audit payloads erased, and the
// audit chain still verifies; a dry run lists the same and changes nothing.
#include <gtest/gtest.h>

#include <thread>

#include "app/contacts.h"
#include "app/duplicates.h"
#include "app/police_notifications.h"
#include "app/retention.h"
#include "app/workflow.h"
#include "app_fixture.h"
#include "audit/audit_log.h"
#include "service/retention_job.h"
#include "store/people_records.h"

namespace fd::app {
namespace {

class RetentionTest : public AppTest {
 protected:
  Actor officer_ = UserWithRole(Role::kContactOfficer);
  Actor worker_ = UserWithRole(Role::kSocialWorker);
  Actor manager_ = UserWithRole(Role::kTeamManager);

  std::int64_t Version(std::int64_t id) { return GetContact(ctx_, worker_, id)->version; }

  // A contact about one child, screened and decided with `outcome`, authorised now.
  std::int64_t DecidedContact(const std::string& outcome, const std::string& child_dob) {
    ContactDraft d;
    d.referrer_type = "police";
    d.referrer_name = "PC Jo Webb";
    d.referrer_agency = "Hertfordshire Constabulary";
    d.referrer_email = "jo.webb@herts.pnn.police.uk";
    d.children.push_back({"Ava", "Example", child_dob, "", "female", "1 Elm Road", "", "", "subject"});
    d.concern = "Domestic incident attended last night; the child was present.";
    d.intake.channel = "email";
    d.intake.household = {{"domestic_abuse", "yes"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
                          {"learning_difficulties", "no"}};
    auto c = RecordContact(ctx_, officer_, d);
    EXPECT_TRUE(c.has_value());
    const auto id = c->id;
    EXPECT_TRUE(StartScreening(ctx_, worker_, id, Version(id)).has_value());
    ScreeningDraft s;
    for (const auto& q : ScreeningQuestions()) s.answers[std::string(q.id)] = "Answered";
    s.significant_harm = "no";
    s.urgent_action = "no";
    s.crime_possible = "no";
    s.consent = "informed_agreed";
    EXPECT_TRUE(SaveScreening(ctx_, worker_, id, Version(id), s).has_value());
    EXPECT_TRUE(RunRecordChecks(ctx_, worker_, id, Version(id)).has_value());
    EXPECT_TRUE(CompleteScreening(ctx_, worker_, id, Version(id)).has_value());
    DecisionDraft decision{outcome, {0}, "", "Reasons for the decision.", "Next steps agreed.",
                           "Mother engaged and protective.", "N1"};
    EXPECT_TRUE(ProposeDecision(ctx_, worker_, id, Version(id), decision).has_value());
    EXPECT_TRUE(AuthoriseDecision(ctx_, manager_, id, Version(id)).has_value());
    return id;
  }

  void At(const char* utc) { clock_.Set(*ParseUtc(utc)); }

  std::int64_t Count(const std::string& sql, const store::Params& params) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query(sql, params).at(0).Int(0);
  }
};

// RULE FDS-8: a contact closed as a duplicate is decided on its original and kept as long as it is
// (docs/decisions.md "Reopening a duplicate"): it goes with its original, in the same run and
// transaction, each audited; a dry run lists it with its original. Before that day both are kept.
TEST_F(RetentionTest, FDS8_ADuplicateGoesWithItsOriginalAndIsKeptWhileItIs) {
  const auto original = DecidedContact("no-further-action", "2016-03-02");
  ContactDraft d;
  d.referrer_type = "school";
  d.referrer_name = "Priya Shah";
  d.referrer_agency = "Riverside Primary";
  d.children.push_back({"Ava", "Example", "2016-03-02", "", "female", "1 Elm Road", "", "", "subject"});
  d.referrer_email = "dsl@riverside.hertfordshire.gov.uk";
  d.concern = "Ava told her teacher the police came to the house.";
  d.intake.channel = "email";
  d.intake.household = {{"domestic_abuse", "yes"}, {"mental_illness", "no"}, {"substance_misuse", "no"},
                        {"learning_difficulties", "no"}};
  auto duplicate = RecordContact(ctx_, officer_, d);
  ASSERT_TRUE(duplicate.has_value()) << duplicate.error().message;
  auto closed = CloseAsDuplicate(ctx_, worker_, duplicate->id, Version(duplicate->id),
                                 {std::to_string(original), "The same incident", false});
  ASSERT_TRUE(closed.has_value()) << closed.error().message;
  // An undecided contact of its own, never due: kept whatever the day.
  auto undecided = RecordContact(ctx_, officer_, d);
  ASSERT_TRUE(undecided.has_value());

  // The original is kept (six years from its decision): so is its duplicate.
  At("2030-11-24T12:00:00Z");
  auto early = RunRetention(ctx_, /*dry_run=*/false);
  ASSERT_TRUE(early.has_value());
  EXPECT_TRUE(early->items.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contacts WHERE id = ?", {duplicate->id}), 1);

  At("2032-11-24T12:00:00Z");
  auto dry = RunRetention(ctx_, /*dry_run=*/true);
  ASSERT_TRUE(dry.has_value());
  ASSERT_EQ(dry->items.size(), 2u);
  EXPECT_EQ(dry->items[1].id, duplicate->id);
  EXPECT_EQ(dry->items[1].with_id, original);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contacts WHERE id = ?", {duplicate->id}), 1);

  auto run = RunRetention(ctx_, /*dry_run=*/false);
  ASSERT_TRUE(run.has_value());
  ASSERT_EQ(run->items.size(), 2u);
  EXPECT_EQ(run->items[0].id, original);
  EXPECT_EQ(run->items[1].id, duplicate->id);
  EXPECT_EQ(run->items[1].record_class, run->items[0].record_class);
  EXPECT_EQ(run->items[1].due_on, run->items[0].due_on);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contacts WHERE id IN (?, ?)", {original, duplicate->id}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contact_duplicates", {}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contact_duplicate_stages", {}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM deadlines_not_applicable WHERE record_id = ?", {duplicate->id}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM contacts WHERE id = ?", {undecided->id}), 1);
  // Each audited, the duplicate naming its original, and both in one transaction: one moment.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'retention.purged' AND record_id = ? AND "
                  "changes LIKE '%duplicate_of%'",
                  {std::to_string(duplicate->id)}),
            1);
  EXPECT_TRUE(audit::Verify(*store_).intact);
}

// RULE FDS-8: records are kept under the pack's retention periods, and go when they end. A contact
// closed with no further action is kept six years from its decision (Hertfordshire pack).
TEST_F(RetentionTest, FDS8_AClosedContactGoesSixYearsAfterItsDecisionWithItsAuditPayloads) {
  const auto nfa = DecidedContact("no-further-action", "2016-03-02");
  const auto referral = DecidedContact("child-and-family-assessment", "2016-03-02");
  const std::string nfa_id = std::to_string(nfa);
  ASSERT_GT(Count("SELECT COUNT(*) FROM audit_events WHERE record_type = 'contact' AND record_id = ? AND "
                  "changes <> '{}'", {nfa_id}), 0);

  At("2032-11-23T12:00:00Z");  // a day early
  auto early = RunRetention(ctx_, /*dry_run=*/false);
  ASSERT_TRUE(early.has_value());
  EXPECT_TRUE(early->items.empty());

  At("2032-11-24T12:00:00Z");
  auto dry = RunRetention(ctx_, /*dry_run=*/true);
  ASSERT_TRUE(dry.has_value());
  ASSERT_EQ(dry->items.size(), 1u);
  EXPECT_EQ(dry->items[0].id, nfa);
  EXPECT_EQ(dry->items[0].record_class, "contact-no-further-action");
  EXPECT_EQ(dry->items[0].due_on, "2032-11-24");
  EXPECT_TRUE(GetContact(ctx_, worker_, nfa).has_value());  // a dry run changes nothing

  auto run = RunRetention(ctx_, /*dry_run=*/false);
  ASSERT_TRUE(run.has_value());
  ASSERT_EQ(run->items.size(), 1u);
  EXPECT_GT(run->audit_payloads_erased, 0);
  EXPECT_TRUE(GetContact(ctx_, worker_, nfa).error().IsNotFound());
  EXPECT_TRUE(GetContact(ctx_, worker_, referral).has_value());  // a referral: until the 25th birthday
  for (const char* table : {"contact_children", "screenings", "record_checks", "decisions"})
    EXPECT_EQ(Count(std::string("SELECT COUNT(*) FROM ") + table + " WHERE contact_id = ?", {nfa}), 0) << table;
  EXPECT_EQ(Count("SELECT COUNT(*) FROM deadlines WHERE record_type = 'contact' AND record_id = ?", {nfa}), 0);
  // The log keeps that things happened, not what the record said; the purge itself is recorded.
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE record_type = 'contact' AND record_id = ? AND "
                  "changes <> '{}' AND action <> 'retention.purged'", {nfa_id}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'retention.purged' AND record_id = ?", {nfa_id}), 1);
  const auto verified = audit::Verify(*store_);
  EXPECT_TRUE(verified.intact) << verified.problem;
  EXPECT_EQ(verified.events_erased, run->audit_payloads_erased);

  // Run again: nothing more is due, nothing is purged twice.
  auto again = RunRetention(ctx_, /*dry_run=*/false);
  ASSERT_TRUE(again.has_value());
  EXPECT_TRUE(again->items.empty());

  At("2041-03-02T12:00:00Z");  // the child's 25th birthday: the referral goes
  auto later = RunRetention(ctx_, /*dry_run=*/false);
  ASSERT_TRUE(later.has_value());
  ASSERT_EQ(later->items.size(), 1u);
  EXPECT_EQ(later->items[0].id, referral);
  EXPECT_EQ(later->items[0].record_class, "referral");
  EXPECT_TRUE(audit::Verify(*store_).intact);
}

// RULE FDS-8: a child's register record goes at their 25th birthday unless something is open; an
// adult related to them goes only once related to no one, the child-record period after it was made.
TEST_F(RetentionTest, FDS8_ARegisterRecordGoesAtTheTwentyFifthBirthdayUnlessOpen) {
  std::int64_t closed = 0, open = 0, adult = 0;
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::PersonRecord p;
    p.first_names = "Ava";
    p.last_name = "Example";
    p.date_of_birth = "2001-11-01";
    closed = store::InsertPerson(*tx, p);
    p.first_names = "Ben";
    p.open_case = true;
    open = store::InsertPerson(*tx, p);
    p.first_names = "Sam";
    p.date_of_birth = "1980-01-01";
    p.is_child = false;
    p.open_case = false;
    adult = store::InsertPerson(*tx, p);
    tx->Execute("UPDATE people SET created_at = '2026-11-24T10:00:00Z' WHERE id = ?", {adult});
    tx->Execute("INSERT INTO relationships (person_id, related_person_id, kind) VALUES (?, ?, 'parent')",
                {adult, closed});
    tx->Commit();
  }
  auto run = RunRetention(ctx_, /*dry_run=*/false);
  ASSERT_TRUE(run.has_value());
  ASSERT_EQ(run->items.size(), 1u);  // Ava is 25; Ben's case is open; Sam is still Ava's parent
  EXPECT_EQ(run->items[0].id, closed);
  EXPECT_EQ(run->items[0].record_type, "person");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people WHERE id = ?", {closed}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM relationships WHERE related_person_id = ?", {closed}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people WHERE id IN (?, ?)", {open, adult}), 2);
  At("2051-11-24T12:00:00Z");  // Sam: related to no one now, 25 years after the record was made
  auto later = RunRetention(ctx_, /*dry_run=*/true);
  ASSERT_TRUE(later.has_value());
  ASSERT_EQ(later->items.size(), 1u);
  EXPECT_EQ(later->items[0].id, adult);
  EXPECT_TRUE(audit::Verify(*store_).intact);
}

// The server's daily job runs the same purge on its own thread.
TEST_F(RetentionTest, FDS8_TheServersDailyJobPurgesWhatIsDue) {
  std::int64_t child = 0;
  {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::PersonRecord p;
    p.first_names = "Ava";
    p.last_name = "Example";
    p.date_of_birth = "2000-01-01";
    child = store::InsertPerson(*tx, p);
    tx->Commit();
  }
  service::RetentionJob job(ctx_, {std::chrono::seconds{0}, std::chrono::hours{24}});
  job.Start();
  for (int i = 0; i < 100 && Count("SELECT COUNT(*) FROM people WHERE id = ?", {child}) != 0; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  job.Stop();
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people WHERE id = ?", {child}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'retention.purged'", {}), 1);
  // Issue 9: the run then keeps the dashboard's last twelve complete months, for all teams.
  for (int i = 0; i < 100 && Count("SELECT COUNT(*) FROM performance_months WHERE team_id = 0", {}) < 12; ++i)
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  EXPECT_EQ(Count("SELECT COUNT(*) FROM performance_months WHERE team_id = 0", {}), 12);
}

// RULE FDS-8 (issue 12): a police notification a team manager has decided is kept six years from
// the decision (Hertfordshire pack), then goes with its audit payloads; one still awaiting triage is
// never due.
TEST_F(RetentionTest, FDS8_ADecidedPoliceNotificationGoesSixYearsAfterItsDecision) {
  const auto notification = [](const std::string& reference) {
    return nlohmann::json{{"force_reference", reference},
                          {"notified_at", "2026-11-20T22:15:00Z"},
                          {"risk_level", "standard"},
                          {"incident_summary", "Verbal argument between the parents; the children were upstairs."},
                          {"officer", "PC 4521 Dawson"},
                          {"officer_email", "k.dawson@example.police.uk"},
                          {"children", nlohmann::json::array({{{"first_names", "Mia"},
                                                               {"last_name", "Example"},
                                                               {"date_of_birth", "2017-05-14"}}})},
                          {"adults", nlohmann::json::array({{{"name", "Sam Example"}, {"role", "alleged perpetrator"}}})}};
  };
  const auto batch = nlohmann::json::array({notification("DA/1"), notification("DA/2")}).dump();
  auto imported = ImportPoliceBatch(ctx_, manager_, "json", batch);
  ASSERT_TRUE(imported.has_value()) << imported.error().message;
  const std::int64_t closed = Count("SELECT id FROM police_da_notifications WHERE force_reference = 'DA/1'", {});
  auto decided = DecidePoliceNotifications(ctx_, manager_, {{closed}, "information-only", "Known to the family support worker already."});
  ASSERT_TRUE(decided.has_value()) << decided.error().message;

  const auto decided_on = Count("SELECT COUNT(*) FROM police_da_notifications WHERE decided_at IS NOT NULL", {});
  ASSERT_EQ(decided_on, 1);
  At("2032-11-23T12:00:00Z");  // six years less a day after the decision
  auto early = RunRetention(ctx_, /*dry_run=*/true);
  ASSERT_TRUE(early.has_value());
  EXPECT_TRUE(std::none_of(early->items.begin(), early->items.end(),
                           [](const auto& i) { return i.record_type == "police-notification"; }));

  At("2032-11-24T12:00:00Z");
  auto due = RunRetention(ctx_, /*dry_run=*/false);
  ASSERT_TRUE(due.has_value());
  const auto purged = std::count_if(due->items.begin(), due->items.end(),
                                    [](const auto& i) { return i.record_type == "police-notification"; });
  EXPECT_EQ(purged, 1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM police_da_notifications WHERE force_reference = 'DA/1'", {}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM police_da_notifications WHERE force_reference = 'DA/2'", {}), 1)
      << "awaiting triage: never due";
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'retention.purged' AND record_type = "
                  "'police-notification'", {}),
            1);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE record_type = 'police-notification' AND record_id = ? "
                  "AND action <> 'retention.purged' AND changes <> '{}'",
                  {std::to_string(closed)}),
            0)
      << "what the notification said is erased from its audit events";
  EXPECT_TRUE(audit::Verify(*store_).intact);
}

}  // namespace
}  // namespace fd::app
