// Requests for information (migration 0013, IR-1…IR-10): the request with its evidence and
// decision, the manager's reviews (IR-7) and what was shared (IR-7). Backend-neutral, written
// against Transaction; every value is bound, never concatenated. Times are UTC ISO 8601 text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace fd::store {

struct SharedItemRow {
  std::string kind;
  std::string text;
};

struct MissingEvidenceRow {
  std::string check, rule, needed;
};

struct InformationRequestRecord {
  std::int64_t id = 0;
  std::string reference;
  std::string type;
  std::string policy_version;
  std::string received_at;
  std::int64_t recorded_by = 0;
  std::string recorded_by_name;  // read only
  std::string requester_name, requester_organisation, requester_role, requester_email, requester_phone;
  std::string subject_first_names, subject_last_name, subject_date_of_birth;
  std::optional<std::int64_t> person_id;
  std::string details;
  bool identity_in_doubt = false;
  bool safeguarding_purpose = false, consent = false, signed_parental_consent = false, identity_verified = false,
       investigatory_body = false;
  std::string reasons;
  std::string status = "received";
  std::string register_state, route, route_note;
  bool legal_helpdesk = false;
  std::optional<std::int64_t> allocated_user_id;
  std::string allocated_name;  // read only
  std::optional<std::int64_t> contact_id;
  std::string contact_reference;  // read only
  std::vector<MissingEvidenceRow> missing_evidence;
  std::optional<std::string> decided_at;
  std::optional<std::int64_t> decided_by;
  std::vector<SharedItemRow> proposed_items;
  std::string proposed_to, proposed_channel;
  std::optional<std::int64_t> proposed_by;
  std::string refused_reason;
  std::optional<std::int64_t> refused_by;
  std::optional<std::string> refused_at;
};

struct InformationReviewRow {
  std::int64_t id = 0;
  std::int64_t request_id = 0;
  std::string decision;  // approved, returned
  std::string note;
  std::vector<SharedItemRow> items;
  std::string shared_to, channel;
  std::int64_t reviewed_by = 0;
  std::string reviewed_by_name;  // read only
  std::string reviewed_at;
};

struct InformationSharedRow {
  std::int64_t id = 0;
  std::int64_t request_id = 0;
  std::string request_reference;  // read only
  std::optional<std::int64_t> person_id;
  std::string shared_to, organisation, channel, shared_at;
  std::int64_t shared_by = 0, authorised_by = 0;
  std::string shared_by_name, authorised_by_name;  // read only
  std::vector<SharedItemRow> items;
};

struct EvidenceLogRow {
  std::string kind, detail, recorded_by_name, recorded_at;
};

// Inserts the request as received (its evidence flags included); returns the id.
std::int64_t InsertInformationRequest(Transaction& tx, const InformationRequestRecord& r);
std::optional<InformationRequestRecord> FindInformationRequest(Transaction& tx, std::int64_t id);

// The queues: "mine" (allocated to `user_id`, or recorded by them while not yet routed elsewhere),
// "front-door" (routed to the contact or front door, or returned), "data-protection-team",
// "awaiting-review", and "all". Newest first, at most `limit`. `status`: "open" (not answered or
// refused; for awaiting-review, those waiting), "closed" (answered or refused; for awaiting-review,
// those a manager reviewed) or "any".
std::vector<InformationRequestRecord> ListInformationRequests(Transaction& tx, const std::string& queue,
                                                              std::int64_t user_id, int limit,
                                                              const std::string& status = "open");

// Writes the evidence columns (and the reasons) and logs each change with who and when.
void UpdateInformationEvidence(Transaction& tx, const InformationRequestRecord& r);
void InsertEvidenceLog(Transaction& tx, std::int64_t request_id, const std::string& kind, const std::string& detail,
                       std::int64_t user_id, const std::string& at);
std::vector<EvidenceLogRow> EvidenceLog(Transaction& tx, std::int64_t request_id);

// Stores the decision: status, register state, route, worker, contact and what is missing.
void UpdateInformationDecision(Transaction& tx, const InformationRequestRecord& r);
// Stores what is proposed to be shared and the status (awaiting-review / approved / routed).
void UpdateInformationProposal(Transaction& tx, const InformationRequestRecord& r);
void UpdateInformationStatus(Transaction& tx, std::int64_t id, const std::string& status);
void UpdateInformationRefusal(Transaction& tx, const InformationRequestRecord& r);

std::int64_t InsertInformationReview(Transaction& tx, const InformationReviewRow& review);
// Oldest first.
std::vector<InformationReviewRow> InformationReviews(Transaction& tx, std::int64_t request_id);

// Records an answer sent and its items; returns the id.
std::int64_t InsertInformationShared(Transaction& tx, const InformationSharedRow& shared);
std::vector<InformationSharedRow> SharedForRequest(Transaction& tx, std::int64_t request_id);
// IR-7: everything shared about a person by earlier requests (not `except_request_id`), newest first.
std::vector<InformationSharedRow> SharedAboutPerson(Transaction& tx, std::int64_t person_id,
                                                    std::int64_t except_request_id);

}  // namespace fd::store
