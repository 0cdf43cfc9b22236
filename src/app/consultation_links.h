// A contact that follows a consultation (CRU-4's Inter-Agency Referral, HCR-10's red or green form)
// is linked to it: by the consultation number the referrer quotes, or — for advice recorded on a
// child's record — by the same child from the same organisation within the pack's follow-up window.
// The link is what lets a school's red form pass HCR-9, and what meets CRU-4's "IAR expected".
#pragma once

#include <optional>
#include <string>

#include "app/context.h"
#include "domain/contact.h"
#include "domain/error.h"
#include "store/store.h"

namespace fd::app {

struct FollowedConsultation {
  std::int64_t id = 0;
  std::string number;
  std::string note;  // HCR-10: "Consultation CN-… on 24 November 2026 …: advised a red referral"
};

// Finds the consultation `contact` follows. kInvalid on "intake.consultation_number" when a quoted
// number matches no consultation, or one still waiting for its call-back.
Result<std::optional<FollowedConsultation>> FindFollowedConsultation(store::Transaction& tx, const AppContext& ctx,
                                                                     const NewContact& contact, Instant now);

// Records the link both ways, meets the "iar-expected" deadline and audits it. REQUIRES: a write
// transaction and the contact's row.
void LinkFollowedConsultation(store::Transaction& tx, const FollowedConsultation& followed, std::int64_t contact_id,
                              const std::string& contact_reference, Instant now, std::int64_t user_id,
                              const std::string& username);

}  // namespace fd::app
