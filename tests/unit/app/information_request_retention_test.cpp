// Requests for information under retention (finding 9 of the DPO's review): a finished request is
// purged when the pack's "information-request" period ends, and with the register record of the
// person it names; what it said goes, while the DPO's pages keep that it was read and what kinds of
// information were disclosed, on what basis.
#include <gtest/gtest.h>

#include "app/disclosures.h"
#include "app/information_requests.h"
#include "app/record_access.h"
#include "app/retention.h"
#include "app_fixture.h"
#include "audit/audit_log.h"
#include "store/people_records.h"

namespace fd::app {
namespace {

class InformationRequestRetention : public AppTest {
 protected:
  void At(const char* utc) { clock_.Set(*ParseUtc(utc)); }

  std::int64_t Count(const std::string& sql, const store::Params& params) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query(sql, params).at(0).Int(0);
  }

  std::int64_t Person(const char* first, const char* last, const char* dob) {
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    store::PersonRecord p;
    p.first_names = first;
    p.last_name = last;
    p.date_of_birth = dob;
    p.known_history = "Contact in 2024: information and advice";
    const auto id = store::InsertPerson(*tx, p);
    tx->Commit();
    return id;
  }

  // A Section 47 confirmation about the person, answered (and so disclosed) now.
  std::int64_t Answered(std::int64_t person) {
    const Actor officer = UserWithRole(Role::kContactOfficer);
    InformationRequestDraft d;
    d.type = "section-47-confirmation";
    d.requester_name = "PC Old";
    d.requester_organisation = "Othershire County Council";
    d.requester_email = "pc.old@othershire.gov.uk";
    d.person_id = person;
    d.details = "Rory was arrested; known?";
    auto recorded = RecordInformationRequest(ctx_, officer, d);
    EXPECT_TRUE(recorded.has_value()) << recorded.error().message;
    const auto id = recorded->record.id;
    EXPECT_TRUE(DecideInformationRequestRoute(ctx_, officer, id).has_value());
    auto sent = RecordInformationAnswer(ctx_, officer, id, {{{"known", "Known: a contact in 2024"}}, "pc.old@othershire.gov.uk", "email"});
    EXPECT_TRUE(sent.has_value()) << sent.error().message;
    EXPECT_TRUE(OpenInformationRequest(ctx_, officer, id).has_value());  // a read, for the DPO's page
    return id;
  }

  static constexpr const char* kPersonal =
      "SELECT COUNT(*) FROM information_requests WHERE id = ? AND (requester_name <> '' OR "
      "requester_organisation <> '' OR requester_email <> '' OR subject_first_names <> '' OR subject_last_name <> '' "
      "OR subject_date_of_birth <> '' OR details <> '' OR route_note <> '')";
};

// RULE IR-7 (finding 9): an answered request is kept six years from its answer (later requests build
// on it), then purged: who asked, about whom, what, the evidence and what was shared go, audited; the
// DPO still sees, by its reference, that it was read and that an answer was disclosed, on consent or
// not; it can no longer be opened or listed.
TEST_F(InformationRequestRetention, IR7_AnAnsweredRequestGoesSixYearsAfterItsAnswer) {
  const auto mia = Person("Mia", "Example", "2017-05-14");
  const auto id = Answered(mia);
  const Actor dpo = UserWithRole(Role::kDataProtectionOfficer);
  At("2032-11-23T12:00:00Z");
  ASSERT_TRUE(RunRetention(ctx_, false).has_value());
  EXPECT_EQ(Count(kPersonal, {id}), 1);  // a day early: kept
  At("2032-11-24T12:00:00Z");
  auto run = RunRetention(ctx_, false);
  ASSERT_TRUE(run.has_value());
  ASSERT_EQ(run->items.size(), 1u);
  EXPECT_EQ(run->items[0].record_type, "information_request");
  EXPECT_EQ(run->items[0].record_class, "information-request");
  EXPECT_EQ(Count(kPersonal, {id}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM information_shared WHERE request_id = ?", {id}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM information_request_evidence WHERE request_id = ?", {id}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM audit_events WHERE action = 'retention.purged' AND "
                  "record_type = 'information_request' AND record_id = ?",
                  {std::to_string(id)}),
            1);
  EXPECT_TRUE(audit::Verify(*store_).intact);

  auto opened = OpenInformationRequest(ctx_, UserWithRole(Role::kContactOfficer), id);
  ASSERT_FALSE(opened.has_value());
  EXPECT_EQ(opened.error().code, ErrorCode::kNotFound);
  EXPECT_NE(opened.error().message.find("retention"), std::string::npos);
  auto all = ListInformationRequestQueue(ctx_, UserWithRole(Role::kTeamManager), "all");
  ASSERT_TRUE(all.has_value());
  EXPECT_TRUE(all->empty());

  auto access = ListRecordAccess(ctx_, dpo, mia, 1, 50);
  ASSERT_TRUE(access.has_value()) << access.error().message;
  ASSERT_EQ(access->total, 1);  // the Open (the use cases' own answers are shown only by the API, which audits them)
  for (const auto& v : access->views) EXPECT_EQ(v.kind, "information-request");
  auto ledger = ListPersonDisclosures(ctx_, dpo, mia);
  ASSERT_TRUE(ledger.has_value());
  ASSERT_EQ(ledger->size(), 1u);
  EXPECT_EQ((*ledger)[0].row.lawful_basis, "public-task");
  EXPECT_FALSE((*ledger)[0].cause_reference.empty());
}

// RULE IR-9 (finding 9): a request goes with the register record of the person it names, whatever its
// own period, and is not left holding their name, date of birth or what was asked about them.
TEST_F(InformationRequestRetention, IR9_ARequestGoesWithThePersonItNames) {
  const auto rory = Person("Rory", "Oldcase", "1999-03-03");  // 25 already: due now
  const auto id = Answered(rory);
  auto run = RunRetention(ctx_, false);
  ASSERT_TRUE(run.has_value());
  ASSERT_EQ(run->items.size(), 2u);
  EXPECT_EQ(run->items[0].record_type, "person");
  EXPECT_EQ(run->items[1].record_type, "information_request");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM people WHERE id = ?", {rory}), 0);
  EXPECT_EQ(Count(kPersonal, {id}), 0);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM information_requests WHERE id = ? AND status = 'purged'", {id}), 1);
  EXPECT_TRUE(audit::Verify(*store_).intact);
}

}  // namespace
}  // namespace fd::app
