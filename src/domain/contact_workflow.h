// The life of a contact at the front door as a state machine (docs/workflow.md draws it):
//
//   received ──start screening──▶ screening ──complete──▶ screened ──propose──▶ proposed
//                                     ▲                                           │
//                                     └──────────────── return ───────────────────┤
//                                                                                 └─authorise─▶ decided
//   received ──route──▶ routed (allocated worker HCR-5, LADO HCR-4, returned to sender HCR-9)
//   received, screening, screened ──close as a duplicate of another contact──▶ duplicate
//   duplicate ──reopen (a team manager, by mistake)──▶ the stage it was closed at
//
// Pure: who acts and what they may do come in as arguments; the caller records the result.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "domain/error.h"
#include "domain/role.h"

namespace fd {

enum class ContactState {
  kReceived,
  kScreening,
  kScreened,
  kProposed,
  kDecided,
  kRouted,
  kDuplicate,  // closed as a duplicate of another contact: the same concern, decided on the other
};

std::string_view ContactStateId(ContactState state);
std::string_view ContactStateTitle(ContactState state);
std::optional<ContactState> ContactStateFromId(std::string_view id);

// What the workflow needs to know about a contact to judge a transition.
struct ContactStatus {
  ContactState state = ContactState::kReceived;
  std::int64_t version = 1;  // bumped by every change; a stale version is a conflict
  std::optional<std::int64_t> proposed_by;  // user who proposed the decision now awaiting authorisation
};

struct Transition {
  std::int64_t actor_id = 0;
  Role actor_role = Role::kSocialWorker;
  std::int64_t expected_version = 0;  // the version the actor was looking at
};

// Each returns the new status, or why not: kConflict for a stale version or the wrong state
// (authorising twice, deciding before screening is complete), kForbidden for the wrong role or
// for authorising one's own proposal (KCR-16).
Result<ContactStatus> StartScreening(const ContactStatus& status, const Transition& t);
Result<ContactStatus> CompleteScreening(const ContactStatus& status, const Transition& t);
Result<ContactStatus> ProposeDecision(const ContactStatus& status, const Transition& t);
Result<ContactStatus> AuthoriseDecision(const ContactStatus& status, const Transition& t);
Result<ContactStatus> ReturnProposal(const ContactStatus& status, const Transition& t);
Result<ContactStatus> RouteElsewhere(const ContactStatus& status, const Transition& t);

// What closing a contact as a duplicate of another needs to know of the two and of what the actor said.
struct DuplicateCheck {
  bool same_contact = false;          // the "original" named is the contact itself
  bool original_is_duplicate = false;  // the original is itself closed as a duplicate (name its original)
  bool shares_child = false;           // the two are about one child (store/same_child_records.h)
  bool same_concern_confirmed = false;  // the actor confirms one concern though no child is shared
};
// A social worker or team manager closes a contact not yet proposed for decision (received, being
// screened, screened) as a duplicate of another. kForbidden for another role; kConflict for a stale
// version or a later stage; kInvalid naming "contact" (itself, or a duplicate already) or
// "same_concern" (no shared child and not confirmed), so a slip of the reference closes nothing.
Result<ContactStatus> CloseAsDuplicate(const ContactStatus& status, const Transition& t, const DuplicateCheck& check);

// A team manager reopens a contact closed as a duplicate by mistake: it returns to `back_to`, the
// stage it was closed at (received, screening, screened). kForbidden for another role; kConflict
// for a stale version or a contact not closed as a duplicate (saying what to do instead).
Result<ContactStatus> ReopenDuplicate(const ContactStatus& status, const Transition& t, ContactState back_to);
// Roles that screen and propose (front door social workers and their managers), and that
// authorise (team managers: KCR-16, HCR-31).
bool CanScreen(Role role);
bool CanAuthorise(Role role);

}  // namespace fd
