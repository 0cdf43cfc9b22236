#include "app/sibling_reviews.h"

#include <algorithm>

#include <fmt/format.h>

#include "app/case_access.h"
#include "app/permissions.h"
#include "audit/audit_log.h"
#include "domain/contact_workflow.h"
#include "store/contact_records.h"
#include "store/sibling_review_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

std::vector<int> SubjectsOf(const Contact& contact) {
  std::vector<int> out;
  for (std::size_t i = 0; i < contact.children.size(); ++i)
    if (contact.children[i].role == ChildRole::kSubject) out.push_back(static_cast<int>(i));
  return out;
}

const Decision* Authorised(const std::vector<Decision>& decisions) {
  auto it = std::find_if(decisions.rbegin(), decisions.rend(), [](const Decision& d) { return d.status == "authorised"; });
  return it == decisions.rend() ? nullptr : &*it;
}

Result<SiblingChoice> Load(store::Transaction& tx, const Actor& actor, std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kAuthoriseDecision); !allowed) return std::unexpected(allowed.error());
  auto contact = store::FindContact(tx, contact_id);
  if (!contact) return std::unexpected(Error::NotFound("There is no contact with that number"));
  if (auto may = MayWorkOnCase(actor, CaseHolderOf(tx, *contact)); !may) return std::unexpected(may.error());
  const auto decisions = store::DecisionsOf(tx, contact_id);
  const Decision* decision = Authorised(decisions);
  if (!decision) {
    const ContactState state = ContactStateFromId(contact->state).value_or(ContactState::kReceived);
    return std::unexpected(Error::Conflict(
        fmt::format("Only the children opened by an authorised decision can be reviewed: this contact is at the "
                    "stage '{}'",
                    ContactStateTitle(state))));
  }
  SiblingChoice out{std::move(*contact), *decision, {}, store::SiblingReviewsOf(tx, contact_id)};
  out.subjects = SubjectsOf(out.contact);
  if (!HasSiblingChoice(out.subjects))
    return std::unexpected(Error::Conflict(
        "This contact is about one child: there is no choice of brothers or sisters to review. A brother or sister "
        "not on the contact is opened by a contact of their own"));
  return out;
}

}  // namespace

Result<SiblingChoice> SiblingChoiceToReview(AppContext& ctx, const Actor& actor, std::int64_t contact_id) {
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  return Load(*tx, actor, contact_id);
}

Result<SiblingChoice> ReviewSiblingChoice(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                          std::int64_t version, const SiblingReviewDraft& draft) {
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto choice = Load(*tx, actor, contact_id);
  if (!choice) return std::unexpected(choice.error());
  auto after = ValidateSiblingReview(draft, choice->decision.children, choice->subjects);
  if (!after) return std::unexpected(after.error());
  if (choice->contact.version != version ||
      !store::AdvanceContact(*tx, contact_id, version, choice->contact.state))
    return std::unexpected(Error::Conflict(
        "Someone else changed this contact while you were working on it. Reload it to see their change."));
  SiblingReview review;
  review.contact_id = contact_id;
  review.decision_id = choice->decision.id;
  review.children_before = choice->decision.children;
  review.children_after = *after;
  review.judgement = draft.judgement;
  review.reviewed_by = actor.user_id;
  review.reviewed_at = now;
  review.id = store::InsertSiblingReview(*tx, review);
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.sibling_choice_reviewed", "contact",
                      std::to_string(contact_id),
                      {{"decision", review.decision_id},
                       {"review", review.id},
                       {"children_before", review.children_before},
                       {"children_after", review.children_after},
                       {"opened", review.Opened()},
                       {"judgement", review.judgement}}});
  auto updated = Load(*tx, actor, contact_id);
  tx->Commit();
  return updated;
}

Result<std::vector<SiblingReview>> SiblingReviewsOf(AppContext& ctx, const Actor& actor, std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  return store::SiblingReviewsOf(*tx, contact_id);
}

bool OffersSiblingReview(const Actor& actor, const Contact& contact, const std::vector<Decision>& decisions) {
  return IsAllowed(actor.role, Action::kAuthoriseDecision) && Authorised(decisions) &&
         HasSiblingChoice(SubjectsOf(contact));
}

}  // namespace fd::app
