// The workflow's records in the store: contact state and routing, screening, record and agency
// checks, police notifications, decisions, referrals and staff notices. Backend-neutral.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "domain/decision.h"
#include "domain/screening.h"
#include "store/store.h"

namespace fd::store {

// Moves the contact to `state` if it is still at `expected_version`; false when someone else
// changed it first (the caller answers 409, never overwriting their change).
bool AdvanceContact(Transaction& tx, std::int64_t contact_id, std::int64_t expected_version, const std::string& state);
// KCR-6: the contact's four household answers (Intake::household), recorded while screening when the
// referrer was not asked at intake. REQUIRES: a write transaction that also advanced the version.
void UpdateContactHousehold(Transaction& tx, std::int64_t contact_id, const std::array<Answer, 4>& household);
// KCR-7: the referral checklist's free-text items (Intake::information), as completed while screening.
void UpdateContactInformation(Transaction& tx, std::int64_t contact_id,
                              const std::map<std::string, std::string>& information);
void SetRouting(Transaction& tx, std::int64_t contact_id, const std::string& queue,
                std::optional<std::int64_t> allocated_user_id, const std::string& note, bool urgent);
// HCR-5 found after receipt (app/linked_open_cases.h): the worker who holds the contact (none: the
// front door), its team, and its routing note; its open deadlines move to that team.
void SetCaseHolder(Transaction& tx, std::int64_t contact_id, std::optional<std::int64_t> allocated_user_id,
                   std::optional<std::int64_t> team_id, const std::string& note);
// KCR-8, HCR-32: significant harm or urgent action found while screening makes the contact urgent, as
// an intake indicator does. REQUIRES: a write transaction that also advanced the version.
void MarkContactUrgent(Transaction& tx, std::int64_t contact_id);

std::optional<Screening> FindScreening(Transaction& tx, std::int64_t contact_id);
void InsertScreening(Transaction& tx, const Screening& screening);
void UpdateScreening(Transaction& tx, const Screening& screening);

struct RecordCheck {
  std::int64_t id = 0;
  int child_position = 0;
  std::optional<std::int64_t> person_id;
  bool known = false;
  bool child_protection_plan = false;
  bool looked_after = false;
  bool open_case = false;
  std::string household_known;
  std::int64_t checked_by = 0;
  Instant checked_at;
  // KCR-10, HCR-30: set when the child's register record is restricted and the checker was not named
  // on it: the plan, looked-after and open-case answers were withheld (the flags above are then not
  // answers, never a "no"), and this says whom to ask.
  std::optional<std::string> withheld_ask;
  // When the child's details were first corrected after this check was run (migration 0038): the
  // check answered for the details as they were, and is kept as it was run.
  std::optional<Instant> details_corrected_at;
};
void ReplaceRecordChecks(Transaction& tx, std::int64_t contact_id, const std::vector<RecordCheck>& checks);
std::vector<RecordCheck> RecordChecksOf(Transaction& tx, std::int64_t contact_id);

struct AgencyCheck {
  std::int64_t id = 0;
  std::string agency;
  std::string asked_person;
  Instant asked_at;
  std::string response;
  std::int64_t recorded_by = 0;
  std::string recorded_by_name;
  Instant recorded_at;
};
std::int64_t InsertAgencyCheck(Transaction& tx, std::int64_t contact_id, const AgencyCheck& check);
std::vector<AgencyCheck> AgencyChecksOf(Transaction& tx, std::int64_t contact_id);

struct PoliceNotification {
  std::int64_t id = 0;
  Instant required_at;
  std::optional<Instant> done_at;
  std::optional<std::int64_t> done_by;
  std::string police_reference;
  std::string note;
};
std::int64_t InsertPoliceNotification(Transaction& tx, std::int64_t contact_id, Instant required_at);
std::vector<PoliceNotification> PoliceNotificationsOf(Transaction& tx, std::int64_t contact_id);
// Marks the open task done; false when there is none open.
bool CompletePoliceNotification(Transaction& tx, std::int64_t contact_id, Instant done_at, std::int64_t by,
                                const std::string& reference, const std::string& note);

std::int64_t InsertDecision(Transaction& tx, const Decision& decision);
std::vector<Decision> DecisionsOf(Transaction& tx, std::int64_t contact_id);
void UpdateDecision(Transaction& tx, const Decision& decision);
// KCR-16, HCR-31, HCR-32: the reason recorded at `step` ("proposed" or "authorised") for a decision
// departing from the strategy discussion screening's findings called for (migration 0055).
void InsertHarmOverride(Transaction& tx, std::int64_t decision_id, const std::string& step, const std::string& reason,
                        std::int64_t by, Instant at);

std::int64_t InsertReferral(Transaction& tx, const std::string& reference, std::int64_t contact_id,
                            std::int64_t decision_id, const std::string& outcome, const std::string& team, Instant at);

struct Referral {
  std::int64_t id = 0;
  std::string reference;
  std::int64_t contact_id = 0;
  std::string contact_reference;
  std::string outcome;
  std::string team;
  Instant created_at;
  std::string outcome_label;  // filled by the app from the pack in force: the store keeps only the id
};
// The referrals on a team's queue (all teams when `team` is empty), newest first, at most 200.
std::vector<Referral> ListReferrals(Transaction& tx, const std::string& team);

struct StaffNotice {
  std::int64_t id = 0;
  std::string message;
  std::string link;
  Instant created_at;
};
void InsertStaffNotice(Transaction& tx, std::int64_t user_id, const std::string& message, const std::string& link,
                       Instant at);
std::vector<StaffNotice> UnreadNotices(Transaction& tx, std::int64_t user_id);

}  // namespace fd::store
