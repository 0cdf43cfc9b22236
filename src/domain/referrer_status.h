// What a referrer may see through their status link (issue 12 point 3; KCR-17, HCR-24, HCR-33).
// The page says only where the contact has got to — received, being screened, decided (or passed
// on to the team already working with the child) — and, once a manager has authorised the outcome,
// what this referrer may be told: a professional the outcome, the next steps written for them and,
// when the case moved, where it went; a member of the public only that it was acted on, in the same
// confidential words as their e-mail. Nothing else of the case, ever. Pure.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/contact_workflow.h"
#include "domain/instant.h"

namespace fd {

enum class ReferrerStage { kReceived, kBeingScreened, kDecided, kPassedOn };

std::string_view ReferrerStageId(ReferrerStage stage);     // "received", "being-screened", …
std::string_view ReferrerStageTitle(ReferrerStage stage);  // "Received", "Being screened", …

// The contact's workflow state as the referrer sees it: screening, a proposal and its return are
// all "being screened" (a returned proposal is not news to the referrer); a contact routed straight
// to an allocated worker or the LADO (HCR-4, HCR-5) is "passed on".
ReferrerStage StageOf(ContactState state);

enum class StatusLinkState { kActive, kExpired, kRevoked };

// A link works from its making until it expires or is revoked, whichever is first.
StatusLinkState StateOfLink(Instant now, Instant expires_at, const std::optional<Instant>& revoked_at);

// The facts the page is made from; the caller reads them, this decides what may be shown.
struct ReferrerStatusFacts {
  std::string reference;
  Instant received_at;
  ContactState state = ContactState::kReceived;
  bool professional = false;
  // The authorised decision, when there is one.
  std::optional<Instant> decided_at;
  std::string outcome_label;
  std::string next_steps;
  std::optional<std::string> passed_to;  // HCR-33: the team a referral went to
  std::string passing_on_concern_of;     // HCR-33: whose concern a referrer passed on
  std::string authority_name;
};

struct ReferrerStatus {
  std::string reference;
  Instant received_at;
  ReferrerStage stage = ReferrerStage::kReceived;
  std::string summary;  // one sentence on the stage, in the referrer's words
  std::optional<Instant> decided_at;
  // Professionals only (KCR-17), after the decision: empty otherwise.
  std::string outcome;
  std::string next_steps;
  std::string passed_to;
  std::string feed_back_to;  // HCR-33: "please let them know it has been dealt with"
  // Members of the public only, after the decision: the confidential form.
  std::string confidential_message;
};

ReferrerStatus StatusForReferrer(const ReferrerStatusFacts& facts);

}  // namespace fd
