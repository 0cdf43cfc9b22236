// Partner agency check requests (migration 0021; issue 12 point 1): what was asked of which agency,
// about which of a contact's children, on what basis, by when, and the answer. Backend-neutral,
// written against Transaction; every value is bound. Times are UTC ISO 8601 text.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace fd::store {

// A named child as sent: the identifying details only, copied when the request was sent.
struct CheckSubjectRow {
  std::int64_t child_position = 0;
  std::string first_names;
  std::string last_name;
  std::string date_of_birth;  // YYYY-MM-DD, or empty
  std::string address;
};

struct CheckRequestRow {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  std::string agency;  // the pack's [[partner_agencies]] id
  std::string question;
  std::string lawful_basis;
  std::string urgency;  // urgent, standard
  std::int64_t requested_by = 0;
  std::string requested_at;
  std::optional<std::string> due_at;
  std::optional<std::int64_t> deadline_id;
  std::optional<std::string> answer;
  std::optional<std::int64_t> answered_by;
  std::optional<std::string> answered_at;
  std::vector<CheckSubjectRow> subjects;
  std::string requested_by_name, answered_by_name;  // read only
  int chases = 0;  // how often the front door chased it once overdue (migration 0025)
  std::optional<std::string> last_chased_at;
};

// Writes the request and its subjects; returns its id.
std::int64_t InsertCheckRequest(Transaction& tx, const CheckRequestRow& row);
void SetCheckRequestDeadline(Transaction& tx, std::int64_t id, std::int64_t deadline_id, const std::string& due_at);
std::optional<CheckRequestRow> FindCheckRequest(Transaction& tx, std::int64_t id);
// One agency's requests: unanswered first (soonest due first), then answered (newest first), at most `limit`.
std::vector<CheckRequestRow> CheckRequestsForAgency(Transaction& tx, const std::string& agency, int limit);
// A contact's requests, oldest first.
std::vector<CheckRequestRow> CheckRequestsOfContact(Transaction& tx, std::int64_t contact_id);
// Records the answer unless one is recorded already; returns whether it did.
bool AnswerCheckRequest(Transaction& tx, std::int64_t id, const std::string& answer, std::int64_t by,
                        const std::string& at);
// Every answered request since `from` (UTC text), for response times by agency.
std::vector<CheckRequestRow> AnsweredCheckRequestsSince(Transaction& tx, const std::string& from);
// Marks one deadline met (the one a request opened), unless already met.
// Counts one chase of an overdue request.
void RecordCheckRequestChase(Transaction& tx, std::int64_t id, const std::string& at);
// The agency's active partner users, to tell of a chase.
std::vector<std::int64_t> ActivePartnerUsers(Transaction& tx, const std::string& agency);
void MeetDeadlineById(Transaction& tx, std::int64_t deadline_id, const std::string& at, std::int64_t by);
// Retention: a contact's requests go with it.
void PurgeCheckRequests(Transaction& tx, std::int64_t contact_id);

}  // namespace fd::store
