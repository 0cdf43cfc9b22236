#include "domain/contact_workflow.h"

#include <array>

#include <fmt/format.h>

#include "domain/named_values.h"

namespace fd {
namespace {

constexpr std::array<Named<ContactState>, 7> kStates = {{
    {ContactState::kReceived, "received", "Received"},
    {ContactState::kScreening, "screening", "Being screened"},
    {ContactState::kScreened, "screened", "Screened"},
    {ContactState::kProposed, "proposed", "Decision awaiting authorisation"},
    {ContactState::kDecided, "decided", "Decided"},
    {ContactState::kRouted, "routed", "Passed on"},
    {ContactState::kDuplicate, "duplicate", "Closed as a duplicate"},
}};

// The checks every transition shares: the actor saw the current version and the contact is in
// one of the states the transition starts from.
Result<ContactStatus> Begin(const ContactStatus& status, const Transition& t,
                            std::initializer_list<ContactState> from, std::string_view doing) {
  if (t.expected_version != status.version)
    return std::unexpected(Error::Conflict(
        "Someone else changed this contact while you were working on it. Reload it to see their change."));
  for (ContactState s : from)
    if (s == status.state) {
      ContactStatus next = status;
      next.version = status.version + 1;
      return next;
    }
  return std::unexpected(Error::Conflict(
      fmt::format("You cannot {} this contact: it is at the stage '{}'", doing, ContactStateTitle(status.state))));
}

}  // namespace

std::string_view ContactStateId(ContactState state) { return IdOf(kStates, state); }
std::string_view ContactStateTitle(ContactState state) { return TitleOf(kStates, state); }
std::optional<ContactState> ContactStateFromId(std::string_view id) { return FromId(kStates, id); }

bool CanScreen(Role role) { return role == Role::kSocialWorker || role == Role::kTeamManager; }
bool CanAuthorise(Role role) { return role == Role::kTeamManager; }

Result<ContactStatus> StartScreening(const ContactStatus& status, const Transition& t) {
  if (!CanScreen(t.actor_role)) return std::unexpected(Error::Forbidden("Only a social worker or manager can screen a contact"));
  auto next = Begin(status, t, {ContactState::kReceived}, "start screening");
  if (next) next->state = ContactState::kScreening;
  return next;
}

Result<ContactStatus> CompleteScreening(const ContactStatus& status, const Transition& t) {
  if (!CanScreen(t.actor_role)) return std::unexpected(Error::Forbidden("Only a social worker or manager can screen a contact"));
  auto next = Begin(status, t, {ContactState::kScreening}, "complete screening of");
  if (next) next->state = ContactState::kScreened;
  return next;
}

Result<ContactStatus> ProposeDecision(const ContactStatus& status, const Transition& t) {
  if (!CanScreen(t.actor_role))
    return std::unexpected(Error::Forbidden("Only a social worker or manager can propose a decision"));
  auto next = Begin(status, t, {ContactState::kScreened}, "propose a decision on");
  if (next) {
    next->state = ContactState::kProposed;
    next->proposed_by = t.actor_id;
  }
  return next;
}

Result<ContactStatus> AuthoriseDecision(const ContactStatus& status, const Transition& t) {
  if (!CanAuthorise(t.actor_role)) return std::unexpected(Error::Forbidden("Only a team manager can authorise a decision"));
  // KCR-16: the disposal is authorised by a manager who did not propose it.
  if (status.state == ContactState::kProposed && status.proposed_by == t.actor_id)
    return std::unexpected(
        Error::Forbidden("You proposed this decision, so another manager must authorise it"));
  auto next = Begin(status, t, {ContactState::kProposed}, "authorise a decision on");
  if (next) next->state = ContactState::kDecided;
  return next;
}

Result<ContactStatus> ReturnProposal(const ContactStatus& status, const Transition& t) {
  if (!CanAuthorise(t.actor_role)) return std::unexpected(Error::Forbidden("Only a team manager can return a proposal"));
  auto next = Begin(status, t, {ContactState::kProposed}, "return the proposal on");
  // KCR-16: a proposal is sent back to be worked on, so screening opens again: the worker records
  // the checks the manager asked for (KCR-9, KCR-10, KCR-11), completes it and proposes anew.
  if (next) {
    next->state = ContactState::kScreening;
    next->proposed_by.reset();
  }
  return next;
}

Result<ContactStatus> RouteElsewhere(const ContactStatus& status, const Transition& t) {
  auto next = Begin(status, t, {ContactState::kReceived, ContactState::kScreening}, "pass on");
  if (next) next->state = ContactState::kRouted;
  return next;
}

Result<ContactStatus> CloseAsDuplicate(const ContactStatus& status, const Transition& t, const DuplicateCheck& check) {
  if (!CanScreen(t.actor_role))
    return std::unexpected(Error::Forbidden("Only a social worker or manager can close a contact as a duplicate"));
  // Once a decision is proposed the contact has been worked to its end: it is decided (or sent
  // back), not closed; a contact passed on at receipt is not the front door's to close.
  if (t.expected_version == status.version) {
    if (status.state == ContactState::kDuplicate)
      return std::unexpected(Error::Conflict("This contact is already closed as a duplicate"));
    if (status.state == ContactState::kRouted)
      return std::unexpected(Error::Conflict(
          "This contact was passed on from the front door when it arrived, so it is not closed as a duplicate here"));
    if (status.state == ContactState::kProposed || status.state == ContactState::kDecided)
      return std::unexpected(Error::Conflict(
          fmt::format("A contact is closed as a duplicate only before a decision is proposed: this one is at the "
                      "stage '{}'",
                      ContactStateTitle(status.state))));
  }
  auto next = Begin(status, t, {ContactState::kReceived, ContactState::kScreening, ContactState::kScreened},
                    "close as a duplicate");
  if (!next) return next;
  if (check.same_contact)
    return std::unexpected(Error::InvalidField("contact", "A contact cannot be a duplicate of itself: give the "
                                                          "reference of the other contact"));
  if (check.original_is_duplicate)
    return std::unexpected(Error::InvalidField(
        "contact", "That contact is itself closed as a duplicate: give the reference of the contact it duplicates"));
  if (!check.shares_child && !check.same_concern_confirmed)
    return std::unexpected(Error::InvalidField(
        "same_concern", "The two contacts share no child: check the reference, or confirm that they are the same "
                        "concern"));
  next->state = ContactState::kDuplicate;
  return next;
}

Result<ContactStatus> ReopenDuplicate(const ContactStatus& status, const Transition& t, ContactState back_to) {
  // Undoing a closure is a manager's call, as authorising a decision is (KCR-16, HCR-31): the
  // duplicate's deadlines come back, some perhaps already breached.
  if (!CanAuthorise(t.actor_role))
    return std::unexpected(Error::Forbidden("Only a team manager can reopen a contact closed as a duplicate"));
  if (t.expected_version == status.version && status.state != ContactState::kDuplicate)
    return std::unexpected(Error::Conflict(
        fmt::format("This contact is not closed as a duplicate (it is at the stage '{}'), so there is nothing to "
                    "reopen: work on it from that stage",
                    ContactStateTitle(status.state))));
  auto next = Begin(status, t, {ContactState::kDuplicate}, "reopen");
  if (!next) return next;
  if (back_to != ContactState::kReceived && back_to != ContactState::kScreening && back_to != ContactState::kScreened)
    back_to = ContactState::kReceived;
  next->state = back_to;
  return next;
}

}  // namespace fd
