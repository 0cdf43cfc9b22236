// KCR-14 and issue 8 point 2: a member of the public's identity never leaves the front door (to a
// parent, a school, the police, any other agency) without a recorded basis: the referrer's own
// consent, or a team manager's authorisation with a reason (a court order, say) given by a manager
// who is not the person who asked. This file holds the consent record's rules and the decision
// whether one disclosure may go. Pure: the consents on record, the requester and the discloser come
// in as facts; nothing is read and no clock is consulted.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/contact.h"
#include "domain/error.h"

namespace fd {

// How the referrer gave their answer.
enum class ConsentMethod { kPhone, kInWriting, kInPerson };
std::string_view ConsentMethodId(ConsentMethod method);     // "phone", "in-writing", "in-person"
std::string_view ConsentMethodTitle(ConsentMethod method);  // "By phone", "In writing", "In person"
std::optional<ConsentMethod> ConsentMethodFromId(std::string_view id);
const std::vector<ConsentMethod>& AllConsentMethods();

// What a disclosure rests on.
enum class DisclosureBasis { kReferrerConsent, kManagerAuthorisation };
std::string_view DisclosureBasisId(DisclosureBasis basis);     // "referrer-consent", "manager-authorisation"
std::string_view DisclosureBasisTitle(DisclosureBasis basis);  // "The referrer's consent", "A manager's authorisation"
std::optional<DisclosureBasis> DisclosureBasisFromId(std::string_view id);

inline constexpr std::size_t kMaxConsentCoversLength = 500;
inline constexpr std::size_t kMaxDisclosureReasonLength = 2000;

// Ok when the contact's referrer has an identity KCR-14 protects. Otherwise kConflict saying why
// there is nothing to consent to or disclose: a professional's identity is not protected (it is
// shared as for any professional contact), and an anonymous member of the public gave none.
Result<void> CheckIdentityProtected(const Referrer& referrer);

// The referrer's answer as typed: `given` "yes" or "no", `method` a ConsentMethodId, `covers` what
// they agreed to ("may be named to the school"; required for a yes, a note for a no).
struct ConsentDraft {
  std::string given;
  std::string method;
  std::string covers;
};

struct ReferrerConsent {
  bool given = false;
  ConsentMethod method = ConsentMethod::kPhone;
  std::string covers;  // trimmed
};

// Every problem found, each naming its field ("given", "method", "covers"), or the checked answer.
Result<ReferrerConsent> ValidateConsent(const ConsentDraft& draft);

// A consent answer on record, for the decision.
struct ConsentFact {
  std::int64_t id = 0;
  bool given = false;
  std::string recorded_at;  // when, as the user reads it ("14 May 2026 at 9:30am"); only quoted in messages
};

// A colleague named as the one who asked for a disclosure on a manager's authorisation, as found.
struct RequesterFact {
  std::int64_t user_id = 0;
  bool active = false;
  bool may_request = false;  // their role may ask for the referrer's identity
};

// A disclosure as typed: to whom, why, and on what basis. For a manager's authorisation, the
// colleague who asked (`requested_by`, their username) and the authorisation's own reason.
struct DisclosureDraft {
  std::string recipient_name;
  std::string recipient_organisation;
  std::string reason;
  std::string basis;
  std::string requested_by;
  std::string authorisation_reason;
};

// What the decision knows besides the draft.
struct DisclosureFacts {
  Referrer referrer;                     // as recorded (CheckIdentityProtected)
  std::vector<ConsentFact> consents;     // the contact's consent answers, oldest first
  std::int64_t discloser_id = 0;         // the person disclosing (the actor)
  bool discloser_may_authorise = false;  // a team manager
  std::optional<RequesterFact> requester;  // `requested_by` looked up; nullopt when no such user
};

// A disclosure that may go, with the evidence it rests on.
struct AllowedDisclosure {
  DisclosureBasis basis = DisclosureBasis::kReferrerConsent;
  std::string recipient_name;
  std::string recipient_organisation;
  std::string reason;
  std::optional<std::int64_t> consent_id;    // the "yes" it rests on (referrer-consent)
  std::optional<std::int64_t> requested_by;  // the colleague who asked (manager-authorisation)
  std::optional<std::int64_t> authorised_by; // the manager, who is the discloser (manager-authorisation)
  std::string authorisation_reason;
};

// KCR-14: whether this disclosure may go. kConflict when the identity is not protected
// (CheckIdentityProtected). kInvalid naming every field to fix: recipient_name,
// recipient_organisation, reason; "basis" when there is no consent on record, when the latest answer
// is no (a later no withdraws an earlier yes), or when a manager's authorisation is claimed by
// someone who is not a team manager; "requested_by" when no colleague is named, they are unknown or
// may not ask, or they are the discloser (never one's own authorisation); "authorisation_reason"
// when a manager's authorisation gives none. A manager's authorisation does not need consent.
Result<AllowedDisclosure> DecideDisclosure(const DisclosureDraft& draft, const DisclosureFacts& facts);

}  // namespace fd
