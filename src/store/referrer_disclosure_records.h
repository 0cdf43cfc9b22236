// KCR-14 (migration 0015): the referrer's consent answers and every disclosure of their identity
// outside the front door. Backend-neutral, written against Transaction; every value is bound, never
// concatenated. Times are UTC ISO 8601 text. Neither table holds the referrer's identity itself.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace fd::store {

struct ReferrerConsentRow {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  bool given = false;
  std::string method;  // ConsentMethodId
  std::string covers;
  std::int64_t recorded_by = 0;
  std::string recorded_by_name;  // read only
  std::string recorded_at;
};

struct ReferrerDisclosureRow {
  std::int64_t id = 0;
  std::int64_t contact_id = 0;
  std::string recipient_name;
  std::string recipient_organisation;
  std::string reason;
  std::string basis;  // DisclosureBasisId
  std::optional<std::int64_t> consent_id;
  std::optional<std::int64_t> requested_by;
  std::optional<std::int64_t> authorised_by;
  std::string authorisation_reason;
  std::int64_t disclosed_by = 0;
  std::string disclosed_at;
  std::string requested_by_name, authorised_by_name, disclosed_by_name;  // read only
};

std::int64_t InsertReferrerConsent(Transaction& tx, const ReferrerConsentRow& consent);
// The contact's consent answers, oldest first (the last is the one that stands).
std::vector<ReferrerConsentRow> ReferrerConsents(Transaction& tx, std::int64_t contact_id);

std::int64_t InsertReferrerDisclosure(Transaction& tx, const ReferrerDisclosureRow& disclosure);
// The contact's disclosures, oldest first.
std::vector<ReferrerDisclosureRow> ReferrerDisclosures(Transaction& tx, std::int64_t contact_id);

// Retention: both tables go with their contact.
void PurgeReferrerDisclosures(Transaction& tx, std::int64_t contact_id);

}  // namespace fd::store
