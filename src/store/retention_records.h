// What retention (app/retention.h) reads to date each record, and the purges it runs. Each purge
// removes one record and every row that exists only for it, in the caller's transaction; rows of
// other records that merely point at it lose the pointer (set to NULL), never their own data.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace fd::store {

struct ContactForRetention {
  std::int64_t id = 0;
  std::string reference;
  std::string created_at;                   // UTC ISO 8601
  std::optional<std::string> closed_at;     // the last authorised decision, UTC ISO 8601
  bool referral = false;                    // a referral was made from it
  std::optional<std::string> youngest_dob;  // YYYY-MM-DD, the latest date of birth of its children
};
// Every contact with an authorised decision (an undecided contact is never due).
std::vector<ContactForRetention> DecidedContacts(Transaction& tx);

// A consultation or CP chair consultation whose review day (set when it was recorded) has come.
struct ConsultationForRetention {
  std::int64_t id = 0;
  std::string reference;        // the consultation number, or "CPC-000001"
  std::string retention_class;
  std::string review_on;        // YYYY-MM-DD
};
std::vector<ConsultationForRetention> ConsultationsDue(Transaction& tx, const std::string& today);
std::vector<ConsultationForRetention> ChairConsultationsDue(Transaction& tx, const std::string& today);

// A consultation or CP chair consultation with a stored review day, and the dates that day was
// worked out from when it was stored, for checking it against the pack's rule (app/retention.h
// ReviewDaysToCheck).
struct StoredReviewDay {
  std::string record_type;  // "consultation" or "chair-consultation"
  std::int64_t id = 0;
  std::string reference;
  std::string retention_class;
  std::string review_on;   // YYYY-MM-DD, as stored
  std::string requested_at;  // UTC ISO 8601: the pack in force then dated it (CRU-5)
  std::string made_at;     // UTC ISO 8601: advised or recorded, else (queued) requested
  bool closed = false;     // advised or recorded: the day it was made is also the day it closed
  std::string date_of_birth;  // the child's, as the review day used it (the register's first); may be empty
};
std::vector<StoredReviewDay> StoredReviewDays(Transaction& tx);
// A consultation's or CP chair consultation's review day set by the data protection officer's
// decision (app/retention_decisions.h). False when there is no such record.
bool SetReviewDay(Transaction& tx, const std::string& record_type, std::int64_t id, const std::string& review_on);
// Whether the data protection officer has decided on the record's review day: its
// "retention.review_day_kept" audit event (the log's (record_type, record_id, action) index).
bool ReviewDayDecided(Transaction& tx, const std::string& record_type, std::int64_t id);

// Every person on the register (merged records included: they go with their dates) with nothing
// open: no open case and no involvement without an end date.
struct PersonForRetention {
  std::int64_t id = 0;
  std::optional<std::string> date_of_birth;  // YYYY-MM-DD
  std::string created_at;                    // UTC ISO 8601, or empty for rows made before the register
  bool is_child = true;
  bool related = false;  // a relationship to anyone on the register, either way round
};
std::vector<PersonForRetention> ClosedPeople(Transaction& tx);

// A police domestic-abuse notification a team manager has decided (closed, or a contact opened from
// it: the contact then holds what matters, under its own period). One awaiting triage is never due.
struct PoliceNotificationForRetention {
  std::int64_t id = 0;
  std::string force_reference;
  std::string decided_at;  // UTC ISO 8601
};
std::vector<PoliceNotificationForRetention> DecidedPoliceNotifications(Transaction& tx);

// A request for information that is finished (finding 9): answered (closed the day the answer was
// sent), refused, or returned for evidence that never came (closed the day it was returned).
// Requests already purged are not listed.
struct InformationRequestForRetention {
  std::int64_t id = 0;
  std::string reference;
  std::string closed_at;  // UTC ISO 8601
};
std::vector<InformationRequestForRetention> ClosedInformationRequests(Transaction& tx);
// The requests naming the person (not yet purged): they go with the person's record.
std::vector<InformationRequestForRetention> InformationRequestsNaming(Transaction& tx, std::int64_t person_id);

// Each returns false when the record is no longer there (another node's run purged it first).
bool PurgeContact(Transaction& tx, std::int64_t id);
bool PurgeConsultation(Transaction& tx, std::int64_t id);
bool PurgeChairConsultation(Transaction& tx, std::int64_t id);
// Also notes the change, so every node's match index drops the person.
bool PurgePerson(Transaction& tx, std::int64_t id);
// The notification goes; its batch keeps only its counts and who sent it.
bool PurgePoliceNotification(Transaction& tx, std::int64_t id);
// A request for information loses every personal detail — who asked, about whom, what, the evidence,
// the reviews and what was shared — and keeps its number, reference, kind, dates, route and register
// person, with status "purged": the DPO's pages still show that it was read and that an answer was
// disclosed (the ledger keeps its own row), with nothing of what it said. False when gone or purged.
bool PurgeInformationRequest(Transaction& tx, std::int64_t id);

}  // namespace fd::store
