#include "app/returned_forms.h"

#include <fmt/format.h>

#include "domain/text.h"

namespace fd::app {

std::string ReturnNotSentWords(const Referrer& referrer) {
  const std::string sender = Trim(referrer.agency).empty() ? std::string("the sender") : Trim(referrer.agency);
  const std::string why =
      Trim(referrer.email).empty()
          ? fmt::format("no e-mail address was given for {}", sender)
          : fmt::format("{}'s address ({}) is not a secure one frontdoor may e-mail", sender, Trim(referrer.email));
  const std::string ring = Trim(referrer.phone).empty()
                               ? std::string("no phone number was given either: find theirs and ring them")
                               : fmt::format("ring them on {}", Trim(referrer.phone));
  return fmt::format("Not sent: {}; {}. Tell them the form was returned, not progressed, and that they consult the "
                     "Consultation Hub first (HCR-9), then record the call below as a verbal acknowledgement "
                     "with a note (HCR-22).",
                     why, ring);
}

namespace {

// No e-mail of the return queued, no call recorded; followed by the IN list of ids.
constexpr const char* kReturnsToRing =
    "SELECT c.id FROM contacts c WHERE c.queue = 'returned' AND NOT EXISTS (SELECT 1 FROM outbox o WHERE "
    "o.record_type = 'contact' AND o.record_id = c.id AND o.purpose = 'returned') AND NOT EXISTS (SELECT 1 FROM "
    "contact_acknowledgements a WHERE a.contact_id = c.id) AND c.id IN (";

}  // namespace

std::set<std::int64_t> ReturnsToRing(store::Transaction& tx, const std::vector<std::int64_t>& contact_ids) {
  std::set<std::int64_t> out;
  if (contact_ids.empty()) return out;
  std::string placeholders;
  store::Params params;
  for (std::size_t i = 0; i < contact_ids.size(); ++i) {
    placeholders += i == 0 ? "?" : ", ?";
    params.push_back(contact_ids[i]);
  }
  // sql-scan: allow a constant query and an IN list of placeholders only; values are bound
  const auto rows = tx.Query(std::string(kReturnsToRing) + placeholders + ")", params);
  for (const auto& row : rows) out.insert(row.Int(0));
  return out;
}

}  // namespace fd::app
