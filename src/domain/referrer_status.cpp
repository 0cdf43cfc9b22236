#include "domain/referrer_status.h"

namespace fd {

std::string_view ReferrerStageId(ReferrerStage stage) {
  switch (stage) {
    case ReferrerStage::kReceived: return "received";
    case ReferrerStage::kDecided: return "decided";
    case ReferrerStage::kPassedOn: return "passed-on";
  }
  return "received";
}

std::string_view ReferrerStageTitle(ReferrerStage stage) {
  switch (stage) {
    case ReferrerStage::kReceived: return "Received";
    case ReferrerStage::kDecided: return "Decided";
    case ReferrerStage::kPassedOn: return "Passed on";
  }
  return "Received";
}

RoutedTo RoutedToOfQueue(std::string_view queue) {
  if (queue == "lado") return RoutedTo::kLado;
  if (queue == "returned") return RoutedTo::kReturned;
  return RoutedTo::kFrontDoor;
}

ReferrerStage StageOf(ContactState state, RoutedTo routed_to) {
  if (state == ContactState::kDecided) return ReferrerStage::kDecided;
  // A contact routed to the allocated worker is "received", as one waiting at the front door is.
  if (state == ContactState::kRouted && routed_to == RoutedTo::kLado) return ReferrerStage::kPassedOn;
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
  s.stage = StageOf(f.state, f.routed_to);
  // A decided state without its authorised decision cannot happen; show no outcome rather than guess.
  if (s.stage == ReferrerStage::kDecided && !f.decided_at) s.stage = ReferrerStage::kReceived;
  // HCR-5, KCR-17: a professional's contact passed to the child's social worker ends there, once
  // recorded; said in general words (not whose worker, nor what the record holds).
  if (s.stage == ReferrerStage::kReceived && f.state == ContactState::kRouted && f.professional &&
      f.recorded_by_childs_worker) {
    s.stage = ReferrerStage::kPassedOn;
    s.summary = std::string(kPassedToChildsWorker);
    s.passed_to = "the child's social worker";
    s.passed_to_childs_worker = true;
    return s;
  }
  switch (s.stage) {
    case ReferrerStage::kReceived:
      // The same words however far it has got and wherever it went (see the header).
      s.summary = "We have received your contact. A social worker will look at it and decide what happens next.";
      return s;
    case ReferrerStage::kPassedOn:
      // HCR-33: where it went, in the words of the receipt and the e-mail.
      s.summary = std::string(kPassedToLado);
      s.passed_to = std::string(kLadoName);
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
