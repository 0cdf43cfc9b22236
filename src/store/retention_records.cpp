#include "store/retention_records.h"

#include "store/people_records.h"
#include "store/fast_track_records.h"
#include "store/agency_check_records.h"
#include "store/disclosure_records.h"
#include "store/call_reference_records.h"
#include "store/duplicate_records.h"
#include "store/referrer_disclosure_records.h"
#include "store/status_link_records.h"

namespace fd::store {

std::vector<ContactForRetention> DecidedContacts(Transaction& tx) {
  std::vector<ContactForRetention> out;
  for (const auto& r : tx.Query(
           "SELECT c.id, c.reference, c.created_at, "
           "(SELECT MAX(d.decided_at) FROM decisions d WHERE d.contact_id = c.id AND d.status = 'authorised'), "
           "EXISTS (SELECT 1 FROM referrals f WHERE f.contact_id = c.id), "
           "(SELECT MAX(k.date_of_birth) FROM contact_children k WHERE k.contact_id = c.id) "
           "FROM contacts c WHERE EXISTS (SELECT 1 FROM decisions d WHERE d.contact_id = c.id AND "
           "d.status = 'authorised') ORDER BY c.id")) {
    ContactForRetention c;
    c.id = r.Int(0);
    c.reference = r.Text(1);
    c.created_at = r.Text(2);
    c.closed_at = r.OptionalText(3);
    c.referral = r.Int(4) != 0;
    c.youngest_dob = r.OptionalText(5);
    if (c.youngest_dob && c.youngest_dob->empty()) c.youngest_dob.reset();
    out.push_back(std::move(c));
  }
  return out;
}

std::vector<ConsultationForRetention> ConsultationsDue(Transaction& tx, const std::string& today) {
  std::vector<ConsultationForRetention> out;
  for (const auto& r : tx.Query("SELECT id, number, retention_class, review_on FROM consultations "
                                "WHERE review_on <> '' AND review_on <= ? ORDER BY id",
                                {today}))
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

std::vector<ConsultationForRetention> ChairConsultationsDue(Transaction& tx, const std::string& today) {
  std::vector<ConsultationForRetention> out;
  for (const auto& r : tx.Query("SELECT id, reference, retention_class, review_on FROM chair_consultations "
                                "WHERE review_on <> '' AND review_on <= ? ORDER BY id",
                                {today}))
    out.push_back({r.Int(0), r.Text(1), r.Text(2), r.Text(3)});
  return out;
}

std::vector<StoredReviewDay> StoredReviewDays(Transaction& tx) {
  std::vector<StoredReviewDay> out;
  // A consultation's child: the register's date of birth when linked, else the one given; a
  // consultation not kept (CRU-4) keeps neither, as its review day used neither.
  for (const auto& r : tx.Query("SELECT c.id, c.number, c.retention_class, c.review_on, c.requested_at, c.advised_at, "
                                "c.child_date_of_birth, p.date_of_birth FROM consultations c "
                                "LEFT JOIN people p ON p.id = c.person_id WHERE c.review_on <> '' ORDER BY c.id")) {
    StoredReviewDay d{"consultation", r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(4), false, r.Text(6)};
    if (auto advised = r.OptionalText(5)) {
      d.made_at = *advised;
      d.closed = true;
    }
    if (auto registered = r.OptionalText(7); registered && !registered->empty()) d.date_of_birth = *registered;
    out.push_back(std::move(d));
  }
  for (const auto& r : tx.Query("SELECT id, reference, retention_class, review_on, requested_at, recorded_at, child_date_of_birth "
                                "FROM chair_consultations WHERE review_on <> '' AND recorded_at IS NOT NULL ORDER BY id"))
    out.push_back({"chair-consultation", r.Int(0), r.Text(1), r.Text(2), r.Text(3), r.Text(4), r.Text(5), true, r.Text(6)});
  return out;
}

bool SetReviewDay(Transaction& tx, const std::string& record_type, std::int64_t id, const std::string& review_on) {
  if (record_type == "consultation")
    return tx.Execute("UPDATE consultations SET review_on = ? WHERE id = ?", {review_on, id}) > 0;
  if (record_type == "chair-consultation")
    return tx.Execute("UPDATE chair_consultations SET review_on = ? WHERE id = ?", {review_on, id}) > 0;
  return false;
}

bool ReviewDayDecided(Transaction& tx, const std::string& record_type, std::int64_t id) {
  return !tx.Query("SELECT 1 FROM audit_events WHERE record_type = ? AND record_id = ? AND "
                   "action = 'retention.review_day_kept' LIMIT 1",
                   {record_type, std::to_string(id)})
              .empty();
}

std::vector<PersonForRetention> ClosedPeople(Transaction& tx) {
  std::vector<PersonForRetention> out;
  for (const auto& r : tx.Query("SELECT p.id, p.date_of_birth, p.created_at, p.is_child, EXISTS (SELECT 1 FROM "
                                "relationships r WHERE r.person_id = p.id OR r.related_person_id = p.id) "
                                "FROM people p WHERE p.open_case = 0 AND "
                                "NOT EXISTS (SELECT 1 FROM involvements i WHERE i.person_id = p.id AND "
                                "(i.ended_on IS NULL OR i.ended_on = '')) ORDER BY p.id")) {
    PersonForRetention p{r.Int(0), r.OptionalText(1), r.Text(2), r.Int(3) != 0, r.Int(4) != 0};
    if (p.date_of_birth && p.date_of_birth->empty()) p.date_of_birth.reset();
    out.push_back(std::move(p));
  }
  return out;
}

namespace {

// Deadlines and e-mails belong to the record they were made for.
void PurgeDeadlinesAndMail(Transaction& tx, const char* record_type, std::int64_t id) {
  tx.Execute("DELETE FROM deadlines_past_bank_holidays WHERE deadline_id IN (SELECT id FROM deadlines WHERE "
             "record_type = ? AND record_id = ?)",
             {record_type, id});
  tx.Execute("DELETE FROM deadlines WHERE record_type = ? AND record_id = ?", {record_type, id});
  tx.Execute("DELETE FROM outbox WHERE record_type = ? AND record_id = ?", {record_type, id});
}

}  // namespace

bool PurgeContact(Transaction& tx, std::int64_t id) {
  if (tx.Query("SELECT 1 FROM contacts WHERE id = ?", {id}).empty()) return false;
  tx.Execute("DELETE FROM contact_children WHERE contact_id = ?", {id});
  tx.Execute("DELETE FROM child_corrections WHERE contact_id = ?", {id});  // migration 0038
  tx.Execute("DELETE FROM contact_acknowledgements WHERE contact_id = ?", {id});
  tx.Execute("DELETE FROM screenings WHERE contact_id = ?", {id});
  tx.Execute("DELETE FROM screening_allocations WHERE contact_id = ?", {id});  // migration 0031
  tx.Execute("DELETE FROM sibling_reviews WHERE contact_id = ?", {id});  // migration 0056, before its decisions
  tx.Execute("DELETE FROM record_checks_before_correction WHERE contact_id = ?", {id});  // migration 0038
  tx.Execute("DELETE FROM contact_hand_overs WHERE contact_id = ?", {id});  // migration 0036
  tx.Execute("DELETE FROM passed_on_recorded WHERE contact_id = ?", {id});  // migration 0036
  tx.Execute("DELETE FROM referrer_callbacks WHERE contact_id = ?", {id});  // migration 0039
  tx.Execute("DELETE FROM referrer_callbacks_earlier WHERE contact_id = ?", {id});  // migration 0045
  PurgeFastTrack(tx, id);  // migration 0043
  tx.Execute("DELETE FROM record_checks WHERE contact_id = ?", {id});
  tx.Execute("DELETE FROM agency_checks WHERE contact_id = ?", {id});
  tx.Execute("DELETE FROM police_notifications WHERE contact_id = ?", {id});
  tx.Execute("DELETE FROM referrals WHERE contact_id = ?", {id});
  tx.Execute("DELETE FROM decision_harm_overrides WHERE decision_id IN (SELECT id FROM decisions WHERE "
             "contact_id = ?)",
             {id});  // migration 0055
  tx.Execute("DELETE FROM decisions WHERE contact_id = ?", {id});
  PurgeReferrerDisclosures(tx, id);  // KCR-14 consents and disclosures (migration 0015)
  PurgeStatusLinks(tx, id);          // the referrer's status links (migration 0024)
  UnlinkDisclosuresFromContact(tx, id);  // the ledger keeps the row (migration 0020)
  PurgeCheckRequests(tx, id);            // partner agency check requests (migration 0021)
  tx.Execute("DELETE FROM idempotency_keys WHERE contact_id = ?", {id});  // migration 0022
  tx.Execute("UPDATE police_da_notifications SET contact_id = NULL WHERE contact_id = ?", {id});  // 0023
  tx.Execute("DELETE FROM staff_notices WHERE link = ?", {"/contacts/" + std::to_string(id)});
  tx.Execute("UPDATE consultations SET followed_by_contact_id = NULL WHERE followed_by_contact_id = ?", {id});
  tx.Execute("UPDATE information_requests SET contact_id = NULL WHERE contact_id = ?", {id});
  PurgeDuplicateLinks(tx, id);  // migration 0037
  PurgeCallReferences(tx, id);  // migration 0048
  PurgeDeadlinesAndMail(tx, "contact", id);
  tx.Execute("DELETE FROM contacts WHERE id = ?", {id});
  return true;
}

std::vector<PoliceNotificationForRetention> DecidedPoliceNotifications(Transaction& tx) {
  std::vector<PoliceNotificationForRetention> out;
  for (const auto& row : tx.Query("SELECT id, force_reference, decided_at FROM police_da_notifications "
                                  "WHERE status <> 'awaiting-triage' AND decided_at IS NOT NULL ORDER BY id"))
    out.push_back({row.Int(0), row.Text(1), row.Text(2)});
  return out;
}

bool PurgePoliceNotification(Transaction& tx, std::int64_t id) {
  return tx.Execute("DELETE FROM police_da_notifications WHERE id = ?", {id}) == 1;
}

namespace {

// A finished request's closing day: the answer sent, the refusal, or its return for evidence.
constexpr const char* kInformationRequestsClosed =
    "SELECT q.id, q.reference, CASE q.status "
    "WHEN 'answered' THEN (SELECT MAX(s.shared_at) FROM information_shared s WHERE s.request_id = q.id) "
    "WHEN 'refused' THEN q.refused_at ELSE q.decided_at END "
    "FROM information_requests q WHERE q.status IN ('answered', 'refused', 'returned') ";

}  // namespace

std::vector<InformationRequestForRetention> ClosedInformationRequests(Transaction& tx) {
  std::vector<InformationRequestForRetention> out;
  for (const auto& row : tx.Query(std::string(kInformationRequestsClosed) + "ORDER BY q.id"))
    if (auto closed = row.OptionalText(2); closed && !closed->empty()) out.push_back({row.Int(0), row.Text(1), *closed});
  return out;
}

std::vector<InformationRequestForRetention> InformationRequestsNaming(Transaction& tx, std::int64_t person_id) {
  std::vector<InformationRequestForRetention> out;
  for (const auto& row : tx.Query("SELECT id, reference FROM information_requests WHERE person_id = ? AND "
                                  "status <> 'purged' ORDER BY id",
                                  {person_id}))
    out.push_back({row.Int(0), row.Text(1), ""});
  return out;
}

bool PurgeInformationRequest(Transaction& tx, std::int64_t id) {
  if (tx.Query("SELECT 1 FROM information_requests WHERE id = ? AND status <> 'purged'", {id}).empty()) return false;
  tx.Execute("DELETE FROM information_shared_items WHERE shared_id IN (SELECT s.id FROM information_shared s WHERE "
             "s.request_id = ?)",
             {id});
  tx.Execute("DELETE FROM information_shared WHERE request_id = ?", {id});
  tx.Execute("DELETE FROM information_request_evidence WHERE request_id = ?", {id});
  tx.Execute("DELETE FROM information_request_reviews WHERE request_id = ?", {id});
  tx.Execute("DELETE FROM staff_notices WHERE link = ?", {"/information-requests/" + std::to_string(id)});
  PurgeDeadlinesAndMail(tx, "information_request", id);
  tx.Execute("UPDATE information_requests SET status = 'purged', requester_name = '', requester_organisation = '', "
             "requester_role = '', requester_email = '', requester_phone = '', subject_first_names = '', "
             "subject_last_name = '', subject_date_of_birth = '', details = '', reasons = '', route_note = '', "
             "missing_evidence = '[]', proposed_items = '[]', proposed_to = '', proposed_channel = '', "
             "refused_reason = '', contact_id = NULL WHERE id = ?",
             {id});
  return true;
}

bool PurgeConsultation(Transaction& tx, std::int64_t id) {
  if (tx.Query("SELECT 1 FROM consultations WHERE id = ?", {id}).empty()) return false;
  PurgeDeadlinesAndMail(tx, "consultation", id);
  tx.Execute("DELETE FROM consultations WHERE id = ?", {id});
  return true;
}

bool PurgeChairConsultation(Transaction& tx, std::int64_t id) {
  if (tx.Query("SELECT 1 FROM chair_consultations WHERE id = ?", {id}).empty()) return false;
  PurgeDeadlinesAndMail(tx, "chair-consultation", id);
  tx.Execute("DELETE FROM chair_consultation_child_links WHERE consultation_id = ?", {id});
  tx.Execute("DELETE FROM chair_consultations WHERE id = ?", {id});
  return true;
}

bool PurgePerson(Transaction& tx, std::int64_t id) {
  if (tx.Query("SELECT 1 FROM people WHERE id = ?", {id}).empty()) return false;
  tx.Execute("DELETE FROM person_names WHERE person_id = ?", {id});
  tx.Execute("DELETE FROM person_addresses WHERE person_id = ?", {id});
  tx.Execute("DELETE FROM involvements WHERE person_id = ?", {id});
  tx.Execute("DELETE FROM restricted_viewers WHERE person_id = ?", {id});
  tx.Execute("DELETE FROM relationships WHERE person_id = ? OR related_person_id = ?", {id, id});
  tx.Execute("DELETE FROM person_merges WHERE kept_person_id = ? OR merged_person_id = ?", {id, id});
  tx.Execute("UPDATE contact_children SET person_id = NULL WHERE person_id = ?", {id});
  tx.Execute("UPDATE child_corrections SET link_person_id = NULL, link_differs = '' WHERE link_person_id = ?", {id});
  tx.Execute("UPDATE record_checks SET person_id = NULL WHERE person_id = ?", {id});
  tx.Execute("UPDATE consultations SET person_id = NULL WHERE person_id = ?", {id});
  // A hand link (migration 0049) goes with the link it records.
  tx.Execute("DELETE FROM chair_consultation_child_links WHERE consultation_id IN (SELECT id FROM "
             "chair_consultations WHERE person_id = ?)",
             {id});
  tx.Execute("UPDATE chair_consultations SET person_id = NULL WHERE person_id = ?", {id});
  tx.Execute("UPDATE information_requests SET person_id = NULL WHERE person_id = ?", {id});
  tx.Execute("UPDATE information_shared SET person_id = NULL WHERE person_id = ?", {id});
  UnlinkDisclosuresFromPerson(tx, id);
  tx.Execute("UPDATE people SET merged_into = NULL WHERE merged_into = ?", {id});
  tx.Execute("DELETE FROM people WHERE id = ?", {id});
  NotePersonChanged(tx, id);
  return true;
}

}  // namespace fd::store
