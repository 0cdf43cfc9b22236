#include "app/duplicates.h"

#include <algorithm>
#include <cctype>
#include <charconv>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/call_confirmations.h"
#include "app/case_access.h"
#include "app/deadlines.h"
#include "app/permissions.h"
#include "app/screening_allocation.h"
#include "audit/audit_log.h"
#include "domain/contact_workflow.h"
#include "domain/text.h"
#include "app/referrer_callbacks.h"
#include "store/contact_records.h"
#include "store/duplicate_records.h"
#include "store/referrer_callback_records.h"
#include "store/same_child_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

// The original named by reference (any case) or by number; nullopt when neither finds one.
std::optional<Contact> FindNamed(store::Transaction& tx, const std::string& named) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(named.data(), named.data() + named.size(), id);
  if (ec == std::errc() && end == named.data() + named.size()) return store::FindContact(tx, id);
  std::string reference = named;
  std::transform(reference.begin(), reference.end(), reference.begin(),
                 [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  return store::FindContactByReference(tx, reference);
}

}  // namespace

Result<void> CloseAsDuplicate(AppContext& ctx, const Actor& actor, std::int64_t contact_id, std::int64_t version,
                              const DuplicateDraft& draft) {
  if (auto allowed = Authorise(actor, Action::kScreenContact); !allowed) return std::unexpected(allowed.error());
  const std::string named = Trim(draft.contact);
  const std::string reason = Trim(draft.reason);
  std::vector<FieldError> errors;
  if (named.empty())
    errors.push_back({"contact", "Enter the reference of the contact this one duplicates, like FD-2026-000123"});
  if (auto problem = CheckRequiredText(reason, 2000, true, "why this contact is a duplicate"))
    errors.push_back({"reason", *problem});
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));

  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = ContactToWorkOn(*tx, actor, contact_id);
  if (!contact) return std::unexpected(contact.error());
  if (auto may = MayScreenAllocated(ctx, *tx, actor, contact_id); !may) return std::unexpected(may.error());
  auto original = FindNamed(*tx, named);
  if (!original)
    return std::unexpected(Error::InvalidField("contact", fmt::format("There is no contact {}: check the reference", named)));
  // Whoever closes it says the original is the same concern: they must be able to work on it too.
  if (auto may = MayWorkOnCase(actor, CaseHolderOf(*tx, *original)); !may)
    return std::unexpected(Error::Forbidden(fmt::format("You cannot work on contact {}: {}", original->reference,
                                                        may.error().message)));

  DuplicateCheck check;
  check.same_contact = original->id == contact->id;
  check.original_is_duplicate = original->state == ContactStateId(ContactState::kDuplicate);
  check.shares_child = !check.same_contact && store::SharesChild(*tx, contact->id, original->id);
  check.same_concern_confirmed = draft.same_concern;
  ContactStatus status;
  status.state = ContactStateFromId(contact->state).value_or(ContactState::kReceived);
  status.version = contact->version;
  auto next = fd::CloseAsDuplicate(status, Transition{actor.user_id, actor.role, version}, check);
  if (!next) {
    // Point to the contact to give instead: the one the named contact duplicates.
    if (next.error().IsInvalid() && check.original_is_duplicate && !check.same_contact)
      if (auto first = store::DuplicateOf(*tx, original->id))
        return std::unexpected(Error::InvalidField(
            "contact", fmt::format("Contact {} is itself closed as a duplicate of {}: give {} instead",
                                   original->reference, first->reference, first->reference)));
    return std::unexpected(next.error());
  }
  if (!store::AdvanceContact(*tx, contact->id, version, std::string(ContactStateId(next->state))))
    return std::unexpected(Error::Conflict(
        "Someone else changed this contact while you were working on it. Reload it to see their change."));
  store::InsertDuplicate(*tx, contact->id, original->id, reason, check.shares_child, actor.user_id, now,
                         contact->state);

  // Its obligations fell away with it: neither met nor breached (store/duplicate_records.h).
  const auto closed = store::CloseDeadlinesNotApplicable(
      *tx, "contact", contact->id, now, actor.user_id, fmt::format("Closed as a duplicate of {}", original->reference));
  nlohmann::json closed_json = nlohmann::json::array();
  for (const auto& d : closed) closed_json.push_back({{"id", d.id}, {"timescale", d.timescale}, {"rule", d.rule_id}});

  // HCR-15: the professional's written confirmation of their call is this contact.
  bool confirmed = false;
  if (CameInWriting(contact->intake.channel) &&
      MeetDeadline(*tx, "contact", original->id, "written-confirmation", now, actor.user_id) > 0) {
    confirmed = true;
    audit::Append(*tx, {now, actor.user_id, actor.username, "contact.written_confirmation", "contact",
                        std::to_string(original->id),
                        {{"note", fmt::format("Contact {}, closed as a duplicate of this one", contact->reference)},
                         {"duplicate", contact->id}}});
  }
  // HCR-24, KCR-17: an original decided already told its duplicates' referrers then; this one's is told now.
  auto referrer_told = TellReferrerOfDuplicateOfDecided(*tx, ctx, actor, *original, *contact, now);
  if (!referrer_told) return std::unexpected(referrer_told.error());
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.closed_as_duplicate", "contact",
                      std::to_string(contact->id),
                      {{"original", {{"id", original->id}, {"reference", original->reference}}},
                       {"reason", reason},
                       {"shares_child", check.shares_child},
                       {"same_concern_confirmed", draft.same_concern},
                       {"from_state", contact->state},
                       {"deadlines_not_applicable", closed_json},
                       {"written_confirmation_recorded", confirmed},
                       {"referrer_told", *referrer_told ? nlohmann::json(**referrer_told) : nlohmann::json(nullptr)}}});
  tx->Commit();
  return {};
}

Result<ReopenedDuplicate> ReopenDuplicate(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                          std::int64_t version, const std::string& reason_given) {
  if (auto allowed = Authorise(actor, Action::kAuthoriseDecision); !allowed)
    return std::unexpected(Error::Forbidden("Only a team manager can reopen a contact closed as a duplicate"));
  const std::string reason = Trim(reason_given);
  if (auto problem = CheckRequiredText(reason, 2000, true, "why this contact is reopened"))
    return std::unexpected(Error::InvalidField("reason", *problem));

  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = ContactToWorkOn(*tx, actor, contact_id);
  if (!contact) return std::unexpected(contact.error());
  const auto link = store::DuplicateOf(*tx, contact->id);
  // The stage it was closed at, kept with the link (migration 0042).
  const auto back_to = ContactStateFromId(store::DuplicateFromState(*tx, contact->id).value_or("received"))
                           .value_or(ContactState::kReceived);
  ContactStatus status;
  status.state = ContactStateFromId(contact->state).value_or(ContactState::kReceived);
  status.version = contact->version;
  auto next = fd::ReopenDuplicate(status, Transition{actor.user_id, actor.role, version}, back_to);
  if (!next) return std::unexpected(next.error());
  if (!store::AdvanceContact(*tx, contact->id, version, std::string(ContactStateId(next->state))))
    return std::unexpected(Error::Conflict(
        "Someone else changed this contact while you were working on it. Reload it to see their change."));
  store::RemoveDuplicate(*tx, contact->id);

  ReopenedDuplicate out;
  out.state = std::string(ContactStateId(next->state));
  out.restored = store::RestoreNotApplicableDeadlines(*tx, "contact", contact->id);
  // Restored as they were: one whose due time passed while it was closed is breached, not given more time.
  for (const auto& d : out.restored)
    if (d.due_at < now) out.breached.push_back(d);
  // The original's decision is no longer this contact's to tell its referrer: it will have its own.
  const bool call_withdrawn = store::WithdrawReferrerCallback(*tx, contact->id, kTellReferrerTimescale);

  const auto listed = [](const std::vector<store::NotApplicableDeadline>& ds) {
    nlohmann::json list = nlohmann::json::array();
    for (const auto& d : ds)
      list.push_back({{"id", d.id}, {"timescale", d.timescale}, {"rule", d.rule_id}, {"due_at", FormatUtc(d.due_at)}});
    return list;
  };
  nlohmann::json original = nullptr;
  if (link) original = {{"id", link->contact_id}, {"reference", link->reference}};
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.duplicate_reopened", "contact",
                      std::to_string(contact->id),
                      {{"original", original},
                       {"reason", reason},
                       {"to_state", out.state},
                       {"deadlines_restored", listed(out.restored)},
                       {"deadlines_breached", listed(out.breached)},
                       {"referrer_call_withdrawn", call_withdrawn}}});
  tx->Commit();
  return out;
}

}  // namespace fd::app
