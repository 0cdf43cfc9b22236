// What a restore would lose, and what it must carry over from the database it replaces
// (docs/operations.md "Back up and restore", docs/decisions.md "Restore, readiness and the
// database's permissions").
//
// A backup is an earlier state: everything the replaced database recorded after the backup's last
// audit event is gone once it is restored — contacts and the references their referrers were told,
// a leaver's disabling, a password reset, e-mails already sent. The operator is told each of them
// before anything is replaced, and must redo or warn about them. Two things are not left to the
// operator: a reference already issued is never issued again (the counters continue from the
// replaced database's), and no session survives a restore (a leaver's would open again).
#pragma once

#include <cstdint>
#include <map>
#include <string>
#include <utility>
#include <vector>

#include <nlohmann/json.hpp>

#include "domain/instant.h"
#include "store/store.h"

namespace fd::cli {

// Each reference series, (prefix, year) as in FD-2026-000123, and the last number issued in it.
using ReferenceCounters = std::map<std::pair<std::string, std::int64_t>, std::int64_t>;

// The counters of a migrated database; none for one never migrated.
ReferenceCounters ReadReferenceCounters(store::Store& store);

// The last audit event of a migrated database (0: none).
std::int64_t LastAuditEvent(store::Store& store);

// What the replaced database holds that the backup does not.
struct Losses {
  std::int64_t backup_last_event = 0;
  std::int64_t audit_events = 0;       // events recorded after the backup's last
  bool other_history = false;          // the backup is not an earlier copy of this database at all
  std::vector<std::string> contacts;   // "FD-2026-000008 (referrer Hv Nurse, hv@nhs.net)"
  std::vector<std::string> account_changes;  // "worker: user.disabled at … by admin"
  std::vector<std::string> emails;     // "to hv@nhs.net: subject (sent …)"
  bool Any() const;
  // One line each, for the terminal: a count, then the items.
  std::vector<std::string> Lines() const;
  nlohmann::json Json() const;
};

// Compares the database being replaced with the (checked, upgraded) backup.
Losses CompareWithBackup(store::Store& replaced, store::Store& backup);

// What a restore did beyond copying, in words.
struct CarriedOver {
  std::vector<std::string> references;  // "FD-2026: the next is after FD-2026-000009 (the backup's last was …)"
  std::int64_t sessions_ended = 0;
  std::int64_t browsers_forgotten = 0;
  std::vector<std::string> Lines() const;
};

// In the restored database (before it replaces the old one): raises every reference counter to the
// replaced database's, ends every session and forgets every remembered browser, and appends an
// audit event "database.restored" saying from what, what was lost and what was carried over.
CarriedOver CarryOver(store::Store& restored, const ReferenceCounters& replaced, const Losses& losses,
                      const std::string& from, bool replaced_unreadable, Instant now);

}  // namespace fd::cli
