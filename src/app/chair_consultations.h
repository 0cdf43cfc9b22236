// Child Protection Chair consultations (CPC-1…CPC-8; docs/workflow.md): a social worker or manager
// asks for one through the area's inbox (CPC-1), the Child Protection Coordinator allocates it to
// the duty chair (CPC-2), who contacts the worker within 24 hours to arrange it (CPC-3) and records
// it under the suggested headings (CPC-5) within 48 hours of holding it (CPC-4). The consultation
// supports the district team's decision but never makes it (CPC-6): the record has no decision
// field. Requests after a strategy discussion are flagged (CPC-7); requests after the decision to
// go to an initial child protection conference are refused (CPC-8).
//
// Every step is one use case: it authorises, validates, then in one write transaction changes the
// consultation only if it is still at the step before (so a step is never done twice: kConflict),
// writes its audit event, its deadlines and its e-mail, and commits.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/chair_consultation.h"
#include "domain/deadline.h"
#include "domain/error.h"

namespace fd::app {

struct ChairConsultationRequest {
  std::string area;  // a chair_consultation_areas id of the pack in force
  std::string child_first_names, child_last_name;
  std::string child_date_of_birth;  // YYYY-MM-DD
  std::string contact_reference;    // optional
  std::string reason;               // what the worker wants to think through
  std::optional<bool> strategy_discussion_held;  // must be answered (CPC-7)
  std::string strategy_discussion_date;          // YYYY-MM-DD, when one was held
  std::optional<bool> icpc_decision_made;        // must be answered (CPC-8)
};

struct ChairConsultationOutcome {
  std::optional<ChairConsultationRefusal> refusal;  // CPC-8: refused, why, and the route
  std::optional<std::int64_t> id;                   // accepted
  std::string reference;                            // accepted: "CPC-000001"
  std::vector<ChairConsultationFlag> flags;         // CPC-7
  bool accepted() const { return !refusal.has_value(); }
};

// CPC-1: records the request and e-mails the area's inbox (the reference, area, requester and a
// link; never the child's details). A CPC-8 refusal is the outcome, audited, not an error.
// Errors: kForbidden (not a social worker or team manager); kInvalid naming each field (including
// "area" when the procedures in force offer no CP chair consultations at all).
Result<ChairConsultationOutcome> RequestChairConsultation(AppContext& ctx, const Actor& actor,
                                                          const ChairConsultationRequest& request);

struct ChairConsultationView {
  std::int64_t id = 0;
  std::string reference;
  std::string status;  // requested, allocated, arranged, recorded
  std::string status_title;
  std::string area, area_name;
  std::string policy_version;
  Instant requested_at;
  std::int64_t requested_by = 0;
  std::string requested_by_name;
  std::string child_first_names, child_last_name, child_date_of_birth;
  std::string contact_reference;
  std::string reason;
  bool strategy_discussion_held = false;
  std::string strategy_discussion_date;
  std::vector<ChairConsultationFlag> flags;  // CPC-7
  std::optional<std::int64_t> allocated_chair_id;
  std::string allocated_chair_name;
  std::optional<std::int64_t> allocated_by;
  std::string allocated_by_name;
  std::optional<Instant> allocated_at, contacted_at, arranged_for, held_at, recorded_at;
  ChairConsultationRecord record;  // heading id → text; empty until recorded
  std::optional<std::int64_t> person_id;
  // CPC-4: put on the child's record by hand (app/chair_consultation_child.h), by whom and when;
  // nullopt when linked at the request, or not linked. Read for one consultation, not for lists.
  struct HandLink {
    std::int64_t by = 0;
    std::string by_name;
    Instant at;
    bool new_person = false;  // the child was added to the register from the request
  };
  std::optional<HandLink> linked_by_hand;
  std::string retention_class, review_on;
  std::vector<Deadline> deadlines;  // chair-contact and chair-record, met ones included
  // CPC-2: awaiting allocation, when it should be allocated by (AllocateChairBy); nullopt once allocated.
  std::optional<Instant> allocate_by;
  Instant now;                      // when it was read, for the deadlines' state
  Instant end_of_today;
};

// CPC-2: the time a request should be allocated by: the pack's `chair-allocation` timescale (of the
// pack in force at the request) counted from the request, else a day, as the procedure names none.
Instant AllocateChairBy(const AppContext& ctx, Instant requested_at);

// What is due next on a consultation: its allocation while it awaits one (timescale
// "chair-allocation"), else its earliest open deadline (CPC-3 chair-contact, CPC-4 chair-record);
// nullopt when nothing is open. `overdue` as the deadline queues judge it (BreachedAt).
struct ChairConsultationDue {
  std::string timescale;
  std::string rule;
  std::string obligation;
  Instant due_at;
  bool overdue = false;
};
std::optional<ChairConsultationDue> NextDue(const ChairConsultationView& v);

// CPC-2 (coordinator): every consultation, awaiting allocation first, then oldest first; chair: those
// allocated to them, open ones first; social worker or team manager: their own requests, newest first.
// At most 200, each with its deadlines and, awaiting allocation, allocate_by. Errors: kForbidden for
// other roles.
Result<std::vector<ChairConsultationView>> ListChairConsultations(AppContext& ctx, const Actor& actor);

// The coordinator sees every consultation; a chair those allocated to them; a requester their own.
// Errors: kForbidden (role), kNotFound (no such consultation, or not one this user may see).
// Not audited: for re-reads (the API's answer to a step, a refused form shown again).
Result<ChairConsultationView> GetChairConsultation(AppContext& ctx, const Actor& actor, std::int64_t id);
// Someone opening the consultation (GET /api/v1/chair-consultations/{id}, /chair-consultations/{id}):
// GetChairConsultation, and the look appended as "chair-consultation.viewed" in the same transaction
// (app/record_access.h). Errors as GetChairConsultation; a refused look is not a view.
Result<ChairConsultationView> OpenChairConsultation(AppContext& ctx, const Actor& actor, std::int64_t id);
// Whether GetChairConsultation would show `actor` consultation `id` (the same rule, read in the
// caller's transaction), for lists that link to it. False for an unknown consultation.
bool MayOpenChairConsultation(store::Transaction& tx, const Actor& actor, std::int64_t id);

struct ChairOption {
  std::int64_t id = 0;
  std::string name;
};
// The active users with the cp_chair role, by name, for the coordinator to choose from.
// Errors: kForbidden (not a coordinator).
Result<std::vector<ChairOption>> ListChairs(AppContext& ctx, const Actor& actor);

// CPC-2: the coordinator allocates it to a chair (an active user with the cp_chair role), which
// opens the chair-contact deadline (CPC-3: 24 hours from now) assigned to that chair.
// Errors: kForbidden, kNotFound, kInvalid ("chair_user_id"), kConflict (already allocated).
Result<void> AllocateChairConsultation(AppContext& ctx, const Actor& actor, std::int64_t id,
                                       std::int64_t chair_user_id);

// CPC-3: the allocated chair records that they contacted the social worker and the time arranged
// ("arranged_for": UTC "2026-11-25T14:00:00Z", or local "2026-11-25T14:00"). Meets chair-contact
// and opens chair-record (CPC-4: 48 hours) from the arranged time.
// Errors: kForbidden (not the allocated chair), kNotFound, kInvalid, kConflict (not at this step).
Result<void> RecordChairContact(AppContext& ctx, const Actor& actor, std::int64_t id, const std::string& arranged_for);

struct ChairConsultationRecordDraft {
  std::string held_at;  // UTC or local, as arranged_for
  ChairConsultationRecord headings;
};

// CPC-4, CPC-5: the allocated chair records the consultation held at `held_at` under the eight
// headings. The chair-record deadline counts 48 hours from when it was held (moved there if it was
// held at another time than arranged) and is met now if the consultation is on the child's record
// (linked to the register), else when it is put there (app/chair_consultation_child.h). The record is kept under the cp-chair type's
// retention class, reviewed that many years from today. There is no decision (CPC-6).
// Errors: kForbidden, kNotFound, kInvalid (each heading, held_at), kConflict (not arranged yet, or
// already recorded).
Result<void> RecordChairConsultation(AppContext& ctx, const Actor& actor, std::int64_t id,
                                     const ChairConsultationRecordDraft& draft);

}  // namespace fd::app
