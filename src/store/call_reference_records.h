// HCR-15: what became of the call references quoted on contacts (migration 0048; the reference itself
// is the contact's own, `contacts.call_reference`, migration 0063; app/call_confirmations.h).
// Backend-neutral.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "store/store.h"

namespace fd::store {

// `call_contact_id`: the phone contact the reference `contact_id` quotes (`reference_given`, the
// contact's own, kept here too as it was matched) was recorded as confirming, or nullopt when it named none.
void InsertCallReference(Transaction& tx, std::int64_t contact_id, const std::string& reference_given,
                         std::optional<std::int64_t> call_contact_id, const std::string& staff_note);

// What became of the call reference quoted on `contact_id`, if it quoted one.
struct QuotedCallReference {
  std::string reference_given;                  // the contact's own (Intake::call_reference)
  std::optional<std::int64_t> call_contact_id;  // the call it confirmed in writing; nullopt: none
  std::string call_reference;                   // that call's reference, when there is one
  std::string staff_note;
};
std::optional<QuotedCallReference> CallReferenceOf(Transaction& tx, std::int64_t contact_id);

// The contacts recorded as the written confirmation of the call `call_contact_id`, oldest first.
struct WrittenConfirmation {
  std::int64_t contact_id = 0;
  std::string reference;
};
std::vector<WrittenConfirmation> WrittenConfirmationsOf(Transaction& tx, std::int64_t call_contact_id);

// Retention: the contact's own row, and the links of contacts that confirmed it (they stay, unlinked).
void PurgeCallReferences(Transaction& tx, std::int64_t contact_id);

}  // namespace fd::store
