// Police domestic-abuse notifications and their batches in the store (migration 0023). Backend-
// neutral: written against Transaction. The children, adults and match candidates are JSON text the
// app writes and reads (app/police_notifications.*).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::store {

struct PoliceBatchRecord {
  std::int64_t id = 0;
  Instant received_at;
  std::int64_t received_by = 0;
  std::string format;  // csv, json
  std::int64_t rows_total = 0, rows_imported = 0, rows_repeated = 0, rows_refused = 0;
};
std::int64_t InsertPoliceBatch(Transaction& tx, const PoliceBatchRecord& batch);
void UpdatePoliceBatchCounts(Transaction& tx, const PoliceBatchRecord& batch);

struct PoliceNotificationRecord {
  std::int64_t id = 0;
  std::int64_t batch_id = 0;
  std::string force_reference;
  std::string request_hash;
  Instant notified_at;
  std::string risk_level;  // standard, medium, high
  std::string grade;       // urgent, medium, standard
  int grade_rank = 2;
  std::string incident_summary;
  std::string officer;
  std::string officer_email;
  std::string children;  // JSON array
  std::string adults;    // JSON array
  std::string matches;   // JSON array, one entry per child
  std::string status = "awaiting-triage";  // awaiting-triage, closed, contact-opened
  std::string decision_reason;
  std::optional<Instant> decided_at;
  std::optional<std::int64_t> decided_by;
  std::string decided_by_name;  // read only (joined from users)
  std::optional<std::int64_t> contact_id;
  std::string contact_reference;  // read only (joined from contacts)
  Instant received_at;
};

// The id and request hash of the notification with that force reference, if any.
struct KnownPoliceReference {
  std::int64_t id = 0;
  std::string request_hash;
};
std::optional<KnownPoliceReference> FindPoliceReference(Transaction& tx, const std::string& force_reference);
std::int64_t InsertPoliceNotification(Transaction& tx, const PoliceNotificationRecord& notification);
std::optional<PoliceNotificationRecord> FindPoliceNotification(Transaction& tx, std::int64_t id);

struct PoliceNotificationPage {
  std::vector<PoliceNotificationRecord> items;
  std::int64_t total = 0;
};
// Notifications of one status, the triage order: urgent first, then medium, then standard; within a
// grade the oldest notification first. `page` counts from 1.
PoliceNotificationPage ListPoliceNotifications(Transaction& tx, const std::string& status, int page, int page_size);

// The force reference of the notification a contact was opened from; nullopt for any other contact.
std::optional<std::string> ForceReferenceOfContact(Transaction& tx, std::int64_t contact_id);
// The id of the notification a contact was opened from; nullopt for any other contact.
std::optional<std::int64_t> PoliceNotificationOfContact(Transaction& tx, std::int64_t contact_id);
// When the longest-waiting notification still awaiting triage was received; nullopt when none waits.
std::optional<Instant> OldestAwaitingTriage(Transaction& tx);

// Records a decision on a notification still awaiting triage. Returns false (and changes nothing)
// when it has been decided meanwhile.
bool DecidePoliceNotification(Transaction& tx, std::int64_t id, const std::string& status, const std::string& reason,
                              Instant at, std::int64_t by, std::optional<std::int64_t> contact_id);

}  // namespace fd::store
