// What a referrer may see through their status link (issue 12 point 3; KCR-17, HCR-24, HCR-33).
// The page says only where the contact has got to — received, then decided, or passed to the LADO
// — and, once a manager has authorised the outcome, what this referrer may be told: a professional
// the outcome, the next steps written for them and, when the case moved, where it went; a member of
// the public only that it was acted on, in the same confidential words as their e-mail. Nothing else
// of the case, ever. Pure.
//
// Until the decision every referrer sees "Received", whatever the front door is doing with it
// (HCR-24: until the outcome is decided, feedback is the acknowledgement of receipt only). Above
// all, a contact passed at receipt to the social worker of a child whose case is open (HCR-5) looks
// exactly like one waiting at the front door: that routing comes from the register, and showing it
// would tell anyone who sends a concern about a named child whether the child is known (KCR-17: the
// public's feedback respects the child's confidentiality). Only routing that follows from what the
// sender said shows: an allegation against an adult who works with children goes to the LADO, and
// they are told so (HCR-4, HCR-33). The one exception is the end of a professional's contact passed
// to the child's social worker: once that worker has recorded it on the child's record, the
// professional is told it was passed to the child's social worker, as they would be told any other
// disposal (KCR-17). Their link goes only to the address they gave, by e-mail, never on the portal's
// receipt (app/status_links.h). The public go on seeing "Received".
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "domain/contact_workflow.h"
#include "domain/instant.h"

namespace fd {

enum class ReferrerStage { kReceived, kDecided, kPassedOn };

std::string_view ReferrerStageId(ReferrerStage stage);     // "received", "decided", "passed-on"
std::string_view ReferrerStageTitle(ReferrerStage stage);  // "Received", "Decided", "Passed on"

// Where a contact went at receipt, as far as the referrer may know it.
enum class RoutedTo {
  kFrontDoor,   // screened at the front door, or passed to an allocated worker (HCR-5: never shown)
  kLado,        // an allegation against an adult who works with children (HCR-4)
  kReturned,    // a red form returned to the school (HCR-9)
};
// From the contact's queue: "lado" and "returned" are the sender's own doing; every other queue
// (front-door, out-of-hours, allocated-worker) is the front door's.
RoutedTo RoutedToOfQueue(std::string_view queue);

// The contact's workflow state as the referrer sees it: "decided" once decided, "passed on" when it
// went to the LADO, and "received" for everything else (screening, a proposal, a contact passed to
// the allocated worker): see above.
ReferrerStage StageOf(ContactState state, RoutedTo routed_to = RoutedTo::kFrontDoor);

// Said to whoever sent a concern about an adult who works with children: on the receipt, in the
// acknowledgement and on the status page, in these words (HCR-33).
inline constexpr std::string_view kPassedToLado =
    "Your concern is about an adult who works with children, so it has been passed to the Local Authority "
    "Designated Officer (LADO), who deals with allegations against adults who work with children. The LADO will "
    "decide what happens next.";
inline constexpr std::string_view kLadoName = "the Local Authority Designated Officer (LADO)";
// Said to a professional whose contact was passed to the child's social worker, once that worker has
// recorded it on the child's record (HCR-5, KCR-17).
inline constexpr std::string_view kPassedToChildsWorker =
    "The child already has a social worker, so your contact has been passed to them and they have recorded it on "
    "the child's record. They will decide what happens next and may contact you.";

enum class StatusLinkState { kActive, kExpired, kRevoked };

// A link works from its making until it expires or is revoked, whichever is first.
StatusLinkState StateOfLink(Instant now, Instant expires_at, const std::optional<Instant>& revoked_at);

// The facts the page is made from; the caller reads them, this decides what may be shown.
struct ReferrerStatusFacts {
  std::string reference;
  Instant received_at;
  ContactState state = ContactState::kReceived;
  RoutedTo routed_to = RoutedTo::kFrontDoor;
  bool professional = false;
  // The authorised decision, when there is one.
  std::optional<Instant> decided_at;
  std::string outcome_label;
  std::string next_steps;
  std::optional<std::string> passed_to;  // HCR-33: the team a referral went to
  std::string passing_on_concern_of;     // HCR-33: whose concern a referrer passed on
  std::string authority_name;
  // HCR-5: when the child's allocated social worker recorded on the child's record a contact passed
  // to them at receipt. Shown to a professional only (KCR-17), and only once recorded: until then it
  // looks as any contact waiting at the front door does.
  std::optional<Instant> recorded_by_childs_worker;
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
  // A professional's contact passed to the child's social worker, who has recorded it (HCR-5, KCR-17).
  bool passed_to_childs_worker = false;
};

ReferrerStatus StatusForReferrer(const ReferrerStatusFacts& facts);

}  // namespace fd
