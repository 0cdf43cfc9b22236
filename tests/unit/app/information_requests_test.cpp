// Requests for information as use cases (Hertfordshire pack): recorded, evidenced, routed by the
// register (a notice to the allocated worker, a contact for a closed child, the Data Protection
// Team), reviewed by a manager, answered with exactly what was shared, or refused naming the
// evidence required. Audit events carry ids, never names.
#include "app/information_requests.h"

#include <set>

#include "app/contacts.h"
#include "app_fixture.h"
#include "store/people_records.h"

namespace fd::app {
namespace {

class InformationRequestsTest : public AppTest {
 protected:
  // Tia is open and allocated to the social worker; Mia is closed (an earlier contact); Sam is an
  // adult who was known as a child.
  void RegisterFamily() {
    const Actor worker = UserWithRole(Role::kSocialWorker);
    auto tx = store_->Begin(store::TransactionMode::kWrite);
    tia_ = store::InsertPerson(*tx, {0, "Tia", "Sample", "2012-10-03", "", "mill-lane-4", true, true, worker.user_id,
                                     worker.team_id, true, false, "Child protection plan since 2026"});
    mia_ = store::InsertPerson(*tx, {0, "Mia", "Example", "2017-05-14", "", "orchard-way-12", true, false, {}, {}, false,
                                     false, "Contact in 2024: information and advice"});
    sam_ = store::InsertPerson(*tx, {0, "Sam", "Jones", "1990-08-21", "", "", false, false, {}, {}, false, false,
                                     "Looked after 2001-2006"});
    tx->Commit();
  }

  static InformationRequestDraft Draft(std::string type, std::string first, std::string last, std::string dob) {
    InformationRequestDraft d;
    d.type = std::move(type);
    d.requester_name = "Jo Duty";
    d.requester_organisation = "Othershire County Council";
    d.requester_email = "jo.duty@othershire.gov.uk";
    d.subject_first_names = std::move(first);
    d.subject_last_name = std::move(last);
    d.subject_date_of_birth = std::move(dob);
    d.details = "Is the child known to you?";
    return d;
  }

  std::int64_t Count(const std::string& sql, std::vector<store::Value> params = {}) {
    auto tx = store_->Begin(store::TransactionMode::kRead);
    return tx->Query(sql, params).at(0).Int(0);
  }

  std::int64_t tia_ = 0, mia_ = 0, sam_ = 0;
};

// RULE IR-1: open → the allocated worker is told; closed → a contact is opened through the contacts
// use case, with the child linked; an adult who was known → routed for an adult contact.
TEST_F(InformationRequestsTest, IR1_OpenGoesToTheWorkerClosedOpensAContact) {
  RegisterFamily();
  const Actor officer = UserWithRole(Role::kContactOfficer);
  const Actor worker = UserWithRole(Role::kSocialWorker);
  auto draft = Draft("known-to-services", "Tia", "Sample", "2012-10-03");
  draft.evidence.safeguarding_purpose = true;
  auto open = RecordInformationRequest(ctx_, officer, draft);
  ASSERT_TRUE(open.has_value()) << open.error().message;
  EXPECT_EQ(open->record.person_id, tia_);
  EXPECT_EQ(open->register_state, RegisterState::kOpen);
  auto routed = DecideInformationRequestRoute(ctx_, officer, open->record.id);
  ASSERT_TRUE(routed.has_value()) << routed.error().message;
  EXPECT_EQ(routed->record.status, "routed");
  EXPECT_EQ(routed->record.route, "allocated-worker");
  EXPECT_EQ(routed->record.allocated_user_id, worker.user_id);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_notices WHERE user_id = ? AND link = ?",
                  {worker.user_id, "/information-requests/" + std::to_string(open->record.id)}),
            1);
  auto mine = ListInformationRequestQueue(ctx_, worker, "mine");
  ASSERT_TRUE(mine.has_value());
  ASSERT_EQ(mine->size(), 1u);

  auto closed_draft = Draft("known-to-services", "Mia", "Example", "2017-05-14");
  closed_draft.evidence.consent = true;
  auto closed = RecordInformationRequest(ctx_, officer, closed_draft);
  ASSERT_TRUE(closed.has_value()) << closed.error().message;
  auto contact_routed = DecideInformationRequestRoute(ctx_, officer, closed->record.id);
  ASSERT_TRUE(contact_routed.has_value()) << contact_routed.error().message;
  EXPECT_EQ(contact_routed->record.route, "contact");
  ASSERT_TRUE(contact_routed->record.contact_id.has_value());
  auto contact = GetContact(ctx_, officer, *contact_routed->record.contact_id);
  ASSERT_TRUE(contact.has_value());
  EXPECT_EQ(contact->referrer.agency, "Othershire County Council");
  EXPECT_NE(contact->concern.find(closed->record.reference), std::string::npos);
  EXPECT_EQ(Count("SELECT person_id FROM contact_children WHERE contact_id = ?", {*contact_routed->record.contact_id}),
            mia_);

  auto adult_draft = Draft("known-to-services", "Sam", "Jones", "1990-08-21");
  adult_draft.evidence.consent = true;
  auto adult = RecordInformationRequest(ctx_, officer, adult_draft);
  ASSERT_TRUE(adult.has_value());
  auto adult_routed = DecideInformationRequestRoute(ctx_, officer, adult->record.id);
  ASSERT_TRUE(adult_routed.has_value()) << adult_routed.error().message;
  EXPECT_EQ(adult_routed->record.route, "adult-contact");
  EXPECT_EQ(adult_routed->record.register_state, "adult-known");
}

// RULE IR-3: the answer to "is the child known?" says known/open/closed, dates, purpose and outcome
// only: a chronology is refused naming the item.
TEST_F(InformationRequestsTest, IR3_TheAnswerIsLimitedToKnownStatusDatesPurposeOutcome) {
  RegisterFamily();
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto draft = Draft("known-to-services", "Mia", "Example", "2017-05-14");
  auto returned = RecordInformationRequest(ctx_, officer, draft);
  ASSERT_TRUE(returned.has_value());
  auto decided = DecideInformationRequestRoute(ctx_, officer, returned->record.id);
  ASSERT_TRUE(decided.has_value());
  EXPECT_EQ(decided->record.status, "returned");
  ASSERT_EQ(decided->record.missing_evidence.size(), 1u);
  EXPECT_EQ(decided->record.missing_evidence[0].rule, "IR-3");
  InformationEvidenceUpdate purpose;
  purpose.safeguarding_purpose = true;
  purpose.note = "Confirmed by phone";
  ASSERT_TRUE(RecordInformationEvidence(ctx_, officer, returned->record.id, purpose).has_value());
  auto routed = DecideInformationRequestRoute(ctx_, officer, returned->record.id);
  ASSERT_TRUE(routed.has_value()) << routed.error().message;
  EXPECT_NE(routed->decision.suggested_answer.find("closed"), std::string::npos) << routed->decision.suggested_answer;
  auto chronology = RecordInformationAnswer(ctx_, officer, returned->record.id,
                                            {{{"chronology", "Everything since 2017"}}, "jo.duty@othershire.gov.uk", "email"});
  ASSERT_FALSE(chronology.has_value());
  EXPECT_EQ(chronology.error().fields.at(0).field, "items[0].kind");
  auto answered = RecordInformationAnswer(
      ctx_, officer, returned->record.id,
      {{{"known", "Yes"}, {"status", "Closed"}, {"outcome", "Information and advice, 2024"}}, "jo.duty@othershire.gov.uk",
       "email"});
  ASSERT_TRUE(answered.has_value()) << answered.error().message;
  EXPECT_EQ(answered->record.status, "answered");
  ASSERT_EQ(answered->shared.size(), 1u);
  EXPECT_EQ(answered->shared[0].items.size(), 3u);
  EXPECT_EQ(answered->shared[0].authorised_by, officer.user_id);
}

// RULE IR-7: a CAFCASS detailed request without reasons is returned; with them, the worker's answer
// waits for a manager; only exactly what was approved is recorded as sent, authorised by the
// manager; a later request about the same child shows what was shared before.
TEST_F(InformationRequestsTest, IR7_DetailedRequestsAreReviewedAndWhatWasSharedIsKept) {
  RegisterFamily();
  const Actor officer = UserWithRole(Role::kContactOfficer);
  const Actor worker = UserWithRole(Role::kSocialWorker);
  const Actor manager = UserWithRole(Role::kTeamManager);
  auto draft = Draft("detailed-request", "Tia", "Sample", "2012-10-03");
  draft.requester_organisation = "CAFCASS";
  draft.requester_email = "officer@cafcass.gov.uk";
  auto recorded = RecordInformationRequest(ctx_, officer, draft);
  ASSERT_TRUE(recorded.has_value());
  const auto id = recorded->record.id;
  auto returned = DecideInformationRequestRoute(ctx_, officer, id);
  ASSERT_TRUE(returned.has_value());
  EXPECT_EQ(returned->record.status, "returned");
  EXPECT_EQ(returned->record.missing_evidence.at(0).check, "reasons-and-context");
  InformationEvidenceUpdate reasons;
  reasons.reasons = "Private law proceedings listed for January; the court asked for a safeguarding letter.";
  ASSERT_TRUE(RecordInformationEvidence(ctx_, officer, id, reasons).has_value());
  auto routed = DecideInformationRequestRoute(ctx_, officer, id);
  ASSERT_TRUE(routed.has_value());
  EXPECT_EQ(routed->record.route, "allocated-worker");

  const InformationAnswer answer{{{"chronology", "2026-01-12 child protection plan (neglect)"}},
                                 "officer@cafcass.gov.uk", "email"};
  auto proposed = RecordInformationAnswer(ctx_, worker, id, answer);
  ASSERT_TRUE(proposed.has_value()) << proposed.error().message;
  EXPECT_EQ(proposed->record.status, "awaiting-review");
  EXPECT_TRUE(proposed->shared.empty());
  EXPECT_EQ(Count("SELECT COUNT(*) FROM information_shared"), 0);
  EXPECT_FALSE(ReviewInformationRequest(ctx_, worker, id, {true, ""}).has_value());  // not a manager
  auto waiting = ListInformationRequestQueue(ctx_, manager, "awaiting-review");
  ASSERT_TRUE(waiting.has_value());
  EXPECT_EQ(waiting->size(), 1u);
  auto bare_return = ReviewInformationRequest(ctx_, manager, id, {false, ""});
  ASSERT_FALSE(bare_return.has_value());
  EXPECT_EQ(bare_return.error().fields.at(0).field, "note");
  auto approved = ReviewInformationRequest(ctx_, manager, id, {true, "Fine to send"});
  ASSERT_TRUE(approved.has_value()) << approved.error().message;
  EXPECT_EQ(approved->record.status, "approved");

  InformationAnswer more = answer;
  more.items.push_back({"assessment", "The whole assessment"});
  auto differs = RecordInformationAnswer(ctx_, worker, id, more);
  ASSERT_FALSE(differs.has_value());
  EXPECT_EQ(differs.error().code, ErrorCode::kConflict);
  auto sent = RecordInformationAnswer(ctx_, worker, id, answer);
  ASSERT_TRUE(sent.has_value()) << sent.error().message;
  ASSERT_EQ(sent->shared.size(), 1u);
  EXPECT_EQ(sent->shared[0].authorised_by, manager.user_id);
  EXPECT_EQ(sent->shared[0].shared_by, worker.user_id);
  EXPECT_EQ(sent->shared[0].channel, "email");

  auto later_draft = Draft("detailed-request", "Tia", "Sample", "2012-10-03");
  later_draft.evidence.reasons = "Follow-up hearing";
  auto later = RecordInformationRequest(ctx_, officer, later_draft);
  ASSERT_TRUE(later.has_value());
  ASSERT_EQ(later->shared_before.size(), 1u);
  EXPECT_EQ(later->shared_before[0].items.at(0).kind, "chronology");
}

// RULE IR-8: court correspondence about an open child goes to the worker with the legal helpdesk told.
TEST_F(InformationRequestsTest, IR8_CourtCorrespondenceTellsTheLegalHelpdesk) {
  RegisterFamily();
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto draft = Draft("court-or-solicitor", "Tia", "Sample", "2012-10-03");
  draft.requester_organisation = "Smith & Co Solicitors";
  draft.requester_email = "";
  auto recorded = RecordInformationRequest(ctx_, officer, draft);
  ASSERT_TRUE(recorded.has_value());
  auto routed = DecideInformationRequestRoute(ctx_, officer, recorded->record.id);
  ASSERT_TRUE(routed.has_value()) << routed.error().message;
  EXPECT_EQ(routed->record.route, "allocated-worker");
  EXPECT_TRUE(routed->record.legal_helpdesk);
}

// RULE IR-9: subject access goes to the Data Protection Team only: the front door routes it but
// cannot answer it; the DPO sees it in their queue and answers once identity is verified.
TEST_F(InformationRequestsTest, IR9_SubjectAccessIsTheDataProtectionTeamsAlone) {
  RegisterFamily();
  const Actor officer = UserWithRole(Role::kContactOfficer);
  const Actor dpo = UserWithRole(Role::kDataProtectionOfficer);
  auto draft = Draft("subject-access", "Sam", "Jones", "1990-08-21");
  draft.requester_name = "Sam Jones";
  draft.requester_organisation = "Self";
  draft.requester_email = "";
  auto recorded = RecordInformationRequest(ctx_, officer, draft);
  ASSERT_TRUE(recorded.has_value()) << recorded.error().message;
  auto routed = DecideInformationRequestRoute(ctx_, officer, recorded->record.id);
  ASSERT_TRUE(routed.has_value()) << routed.error().message;
  EXPECT_EQ(routed->record.route, "data-protection-team");
  EXPECT_EQ(Count("SELECT COUNT(*) FROM staff_notices WHERE user_id = ?", {dpo.user_id}), 1);
  const InformationAnswer answer{{{"other", "Copy of the records 2001-2006"}}, "Sam Jones, in person", "in-person"};
  auto by_officer = RecordInformationAnswer(ctx_, officer, recorded->record.id, answer);
  ASSERT_FALSE(by_officer.has_value());
  EXPECT_TRUE(by_officer.error().IsForbidden());
  EXPECT_FALSE(ListInformationRequestQueue(ctx_, officer, "data-protection-team").has_value());
  auto queue = ListInformationRequestQueue(ctx_, dpo, "data-protection-team");
  ASSERT_TRUE(queue.has_value());
  ASSERT_EQ(queue->size(), 1u);
  auto too_soon = RecordInformationAnswer(ctx_, dpo, recorded->record.id, answer);
  ASSERT_FALSE(too_soon.has_value());
  EXPECT_EQ(too_soon.error().code, ErrorCode::kConflict);
  InformationEvidenceUpdate identity;
  identity.identity_verified = true;
  ASSERT_TRUE(RecordInformationEvidence(ctx_, dpo, recorded->record.id, identity).has_value());
  auto answered = RecordInformationAnswer(ctx_, dpo, recorded->record.id, answer);
  ASSERT_TRUE(answered.has_value()) << answered.error().message;
  EXPECT_EQ(answered->record.status, "answered");
}

// RULE IR-4 RULE IR-10: without a consent form, or while identity is in doubt, the request is
// refused with exactly the evidence required recorded; nothing is shared.
TEST_F(InformationRequestsTest, IR4_IR10_RefusalRecordsTheEvidenceRequired) {
  RegisterFamily();
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto draft = Draft("other-agency", "Mia", "Example", "2017-05-14");
  draft.identity_in_doubt = true;
  auto recorded = RecordInformationRequest(ctx_, officer, draft);
  ASSERT_TRUE(recorded.has_value());
  auto refused = RefuseInformationRequest(ctx_, officer, recorded->record.id, "");
  ASSERT_TRUE(refused.has_value()) << refused.error().message;
  EXPECT_EQ(refused->record.status, "refused");
  ASSERT_EQ(refused->record.missing_evidence.size(), 2u);
  EXPECT_EQ(refused->record.missing_evidence[0].rule, "IR-4");
  EXPECT_EQ(refused->record.missing_evidence[1].rule, "IR-10");
  EXPECT_EQ(RefuseInformationRequest(ctx_, officer, recorded->record.id, "again").error().code, ErrorCode::kConflict);
  EXPECT_EQ(Count("SELECT COUNT(*) FROM information_shared"), 0);
  // Audit events hold ids and kinds, never the child's name.
  auto tx = store_->Begin(store::TransactionMode::kRead);
  for (const auto& row : tx->Query("SELECT changes FROM audit_events WHERE record_type = 'information_request'"))
    EXPECT_EQ(row.Text(0).find("Mia"), std::string::npos) << row.Text(0);
}

// RULE IR-6: an immigration request from a non-.gov.uk address is returned naming the channel, and
// an answer e-mailed anywhere but .gov.uk is refused.
TEST_F(InformationRequestsTest, IR6_ImmigrationAnswersGoToGovUkOnly) {
  RegisterFamily();
  const Actor officer = UserWithRole(Role::kContactOfficer);
  auto draft = Draft("immigration", "Mia", "Example", "2017-05-14");
  draft.requester_organisation = "UK Visas and Immigration";
  draft.requester_email = "caseworker@ukvi-mail.com";
  auto recorded = RecordInformationRequest(ctx_, officer, draft);
  ASSERT_TRUE(recorded.has_value());
  auto returned = DecideInformationRequestRoute(ctx_, officer, recorded->record.id);
  ASSERT_TRUE(returned.has_value());
  EXPECT_EQ(returned->record.status, "returned");
  EXPECT_EQ(returned->record.missing_evidence.at(0).check, "reply-channel");
  EXPECT_EQ(returned->record.missing_evidence.at(0).rule, "IR-6");
  InformationEvidenceUpdate address;
  address.reply_email = "caseworker@homeoffice.gov.uk";
  ASSERT_TRUE(RecordInformationEvidence(ctx_, officer, recorded->record.id, address).has_value());
  ASSERT_EQ(DecideInformationRequestRoute(ctx_, officer, recorded->record.id)->record.status, "routed");
  auto wrong = RecordInformationAnswer(ctx_, officer, recorded->record.id,
                                       {{{"known", "Yes"}}, "caseworker@ukvi-mail.com", "email"});
  ASSERT_FALSE(wrong.has_value());
  EXPECT_EQ(wrong.error().fields.at(0).field, "to");
}

TEST_F(InformationRequestsTest, RecordingNamesEveryBadFieldAndChecksRoles) {
  const Actor officer = UserWithRole(Role::kContactOfficer);
  InformationRequestDraft bad;
  bad.type = "gossip";
  bad.requester_email = "not an address";
  auto refused = RecordInformationRequest(ctx_, officer, bad);
  ASSERT_FALSE(refused.has_value());
  std::set<std::string> fields;
  for (const auto& f : refused.error().fields) fields.insert(f.field);
  for (const char* f : {"type", "requester_name", "requester_organisation", "requester_email", "subject_last_name"})
    EXPECT_TRUE(fields.contains(f)) << f;
  EXPECT_TRUE(RecordInformationRequest(ctx_, UserWithRole(Role::kAnalyst), Draft("immigration", "A", "B", ""))
                  .error()
                  .IsForbidden());
}

}  // namespace
}  // namespace fd::app
