#include "domain/referrer_status.h"

namespace fd {

std::string_view ReferrerStageId(ReferrerStage stage) {
  switch (stage) {
    case ReferrerStage::kReceived: return "received";
    case ReferrerStage::kBeingScreened: return "being-screened";
    case ReferrerStage::kDecided: return "decided";
    case ReferrerStage::kPassedOn: return "passed-on";
  }
  return "received";
}

std::string_view ReferrerStageTitle(ReferrerStage stage) {
  switch (stage) {
    case ReferrerStage::kReceived: return "Received";
    case ReferrerStage::kBeingScreened: return "Being screened";
    case ReferrerStage::kDecided: return "Decided";
    case ReferrerStage::kPassedOn: return "Passed on";
  }
  return "Received";
}

ReferrerStage StageOf(ContactState state) {
  switch (state) {
    case ContactState::kReceived: return ReferrerStage::kReceived;
    case ContactState::kScreening:
    case ContactState::kScreened:
    case ContactState::kProposed: return ReferrerStage::kBeingScreened;
    case ContactState::kDecided: return ReferrerStage::kDecided;
    case ContactState::kRouted: return ReferrerStage::kPassedOn;
  }
  return ReferrerStage::kReceived;
}

StatusLinkState StateOfLink(Instant now, Instant expires_at, const std::optional<Instant>& revoked_at) {
  if (revoked_at && *revoked_at <= now) return StatusLinkState::kRevoked;
  if (now >= expires_at) return StatusLinkState::kExpired;
  return StatusLinkState::kActive;
}

ReferrerStatus StatusForReferrer(const ReferrerStatusFacts& f) {
  ReferrerStatus s;
  s.reference = f.reference;
  s.received_at = f.received_at;
  s.stage = StageOf(f.state);
  // A decided state without its authorised decision cannot happen; show no outcome rather than guess.
  if (s.stage == ReferrerStage::kDecided && !f.decided_at) s.stage = ReferrerStage::kBeingScreened;
  switch (s.stage) {
    case ReferrerStage::kReceived:
      s.summary = "We have received your contact. A social worker will look at it and decide what happens next "
                  "within one working day.";
      return s;
    case ReferrerStage::kBeingScreened:
      s.summary = "A social worker is looking at your contact. A manager will agree what happens next.";
      return s;
    case ReferrerStage::kPassedOn:
      s.summary = f.professional
                      ? "Your contact has been passed to the people already working with the child, who will "
                        "decide what to do."
                      : "Your contact has been passed to the right people, who will decide what to do.";
      return s;
    case ReferrerStage::kDecided: break;
  }
  s.decided_at = f.decided_at;
  if (f.professional) {
    // KCR-17, HCR-24: a professional is told the disposal; HCR-33: where it went, and to feed back.
    s.summary = "Your contact has been screened and a manager has authorised the outcome.";
    s.outcome = f.outcome_label;
    s.next_steps = f.next_steps;
    if (f.passed_to) s.passed_to = *f.passed_to;
    s.feed_back_to = f.passing_on_concern_of;
    return s;
  }
  // KCR-17: a member of the public hears that it was acted on, not what was decided about a child.
  s.summary = "Your contact has been looked at by a social worker and a manager.";
  s.confidential_message =
      "We have taken the action we think is right. To protect the child's privacy we cannot tell you what that "
      "action is. If you are worried again, contact us. If a child is in immediate danger, call 999.";
  return s;
}

}  // namespace fd
