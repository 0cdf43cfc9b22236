#include "app/referrer_callbacks.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/case_access.h"
#include "app/deadlines.h"
#include "app/disclosures.h"
#include "app/permissions.h"
#include "app/referrer_messages.h"
#include "audit/audit_log.h"
#include "domain/text.h"
#include "policy/rule_citations.h"
#include "store/contact_records.h"
#include "store/deadline_records.h"
#include "store/duplicate_records.h"
#include "store/workflow_records.h"

namespace fd::app {

bool TellsReferrerByPhone(const Referrer& referrer, const policy::PolicyPack& pack) {
  if (referrer.anonymous || ReferrerEmailAddress(referrer, pack)) return false;
  // KCR-17: a professional is always told. With no phone number the task says so, and what is known
  // of them, so that no one is left untold without anyone seeing it.
  return !Trim(referrer.phone).empty() || IsProfessional(referrer.type);
}

std::string NoPhoneWords(const Referrer& referrer) {
  if (!Trim(referrer.phone).empty()) return "";
  std::vector<std::string> known;
  for (const std::string* part : {&referrer.name, &referrer.role, &referrer.agency, &referrer.email})
    if (!Trim(*part).empty()) known.push_back(Trim(*part));
  if (referrer.agency.empty()) known.emplace_back(ReferrerTypeTitle(referrer.type));
  const std::string why = referrer.email.empty()
                              ? std::string("No phone number or e-mail address was given.")
                              : fmt::format("No phone number was given, and the outcome cannot be e-mailed to {}: it "
                                            "is not a secure address.",
                                            referrer.email);
  return fmt::format("{} What is known of the referrer: {}. Find another way to tell them (their organisation, a "
                     "secure address), and note how they were told.",
                     why, fmt::join(known, ", "));
}

std::string TellOutcomeWords(const Contact& contact, const policy::PolicyPack& pack) {
  if (IsProfessional(contact.referrer.type))
    return policy::CiteRules(pack,
                             "A decision has been authorised: the referrer is a professional, so tell them the "
                             "outcome and next steps shown on the contact (KCR-17, HCR-24).");
  return policy::CiteRules(pack,
                           "A decision has been authorised. Tell the referrer that the concern was looked at "
                           "and acted on, but not what was decided: that protects the child's privacy "
                           "(KCR-17, HCR-24).");
}

void OpenReferrerCallback(store::Transaction& tx, const AppContext& ctx, const Contact& contact,
                          std::int64_t decision_id, std::int64_t proposer, Instant now) {
  store::InsertReferrerCallback(tx, contact.id, decision_id, proposer, now);
  // The call is the proposer's, so its deadline is on their own queue ("mine"), whoever holds the
  // contact. Opened only when the pack in force has the timescale (OpenDeadline).
  OpenDeadline(tx, ctx, kTellReferrerTimescale, {"contact", contact.id, contact.reference, contact.team_id, proposer},
               now);
}

namespace {

ReferrerCallbackView ViewOf(const AppContext& ctx, store::Transaction& tx, store::ReferrerCallback callback) {
  ReferrerCallbackView view;
  if (auto contact = store::FindContact(tx, callback.contact_id)) {
    view.tell = TellOutcomeWords(*contact, ctx.procedures.PackAt(contact->received_at));
    view.no_phone = NoPhoneWords(contact->referrer);
    // A duplicate's referrer is told the decision on its original, which that contact shows.
    if (auto original = store::DuplicateOf(tx, contact->id))
      view.tell += fmt::format(" This contact was closed as a duplicate of {}: the decision is on that contact.",
                               original->reference);
  }
  for (const auto& d : store::DeadlinesForRecord(tx, "contact", callback.contact_id))
    if (d.timescale == kTellReferrerTimescale) view.due_at = d.due_at;
  view.callback = std::move(callback);
  return view;
}

// The outcome told on the phone (app/referrer_messages.h OutcomeToReferrer), authorised by whoever
// authorised the decision.
Disclosure CallDisclosure(const Contact& contact, const Decision& decision, const policy::PolicyPack& pack,
                          const Actor& actor, Instant now) {
  Disclosure d = OutcomeToReferrer(contact, decision, pack, actor, now);
  d.counterpart_kind = "person";
  // With no phone number given, how they were told is in the note of the call.
  const std::string how = Trim(contact.referrer.phone).empty() ? "as the note of the call says" : "by phone";
  d.counterpart = IsProfessional(contact.referrer.type)
                      ? fmt::format("the referrer, {}, {}", contact.referrer.agency.empty()
                                                                ? std::string(ReferrerTypeTitle(contact.referrer.type))
                                                                : contact.referrer.agency,
                                    how)
                      : "the referrer (a member of the public), " + how;
  d.authorised_by = decision.decided_by;
  return d;
}

}  // namespace

std::optional<ReferrerCallbackView> ReadReferrerCallback(const AppContext& ctx, store::Transaction& tx,
                                                         std::int64_t contact_id) {
  auto callback = store::FindReferrerCallback(tx, contact_id);
  if (!callback) return std::nullopt;
  auto view = ViewOf(ctx, tx, std::move(*callback));
  view.earlier = store::EarlierReferrerCallbacks(tx, contact_id);
  return view;
}

Result<ReferrerCallbackView> ContactReferrerCallback(AppContext& ctx, const Actor& actor, std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  if (!store::FindContact(*tx, contact_id)) return std::unexpected(Error::NotFound("There is no contact with that number"));
  auto view = ReadReferrerCallback(ctx, *tx, contact_id);
  if (!view) return std::unexpected(Error::NotFound("No call to the referrer was needed for this contact"));
  return std::move(*view);
}

Result<std::vector<ReferrerCallbackView>> ReferrersToTell(AppContext& ctx, const Actor& actor) {
  if (auto allowed = Authorise(actor, Action::kViewDeadlines); !allowed) return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  std::vector<ReferrerCallbackView> out;
  for (auto& callback : store::OpenReferrerCallbacksOf(*tx, actor.user_id)) out.push_back(ViewOf(ctx, *tx, std::move(callback)));
  return out;
}

Result<void> RecordReferrerTold(AppContext& ctx, const Actor& actor, std::int64_t contact_id, const std::string& note) {
  if (auto allowed = Authorise(actor, Action::kScreenContact); !allowed) return std::unexpected(allowed.error());
  if (auto problem = CheckRequiredText(note, 2000, true, "A note of the call"))
    return std::unexpected(Error::InvalidField("note", *problem));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  // A contact about a child whose case is open is worked by its allocated worker and their managers.
  auto contact = ContactToWorkOn(*tx, actor, contact_id);
  if (!contact) return std::unexpected(contact.error());
  if (!store::MarkReferrerTold(*tx, contact_id, actor.user_id, note, now))
    return std::unexpected(Error::Conflict("There is no call to the referrer waiting on this contact"));
  const auto callback = store::FindReferrerCallback(*tx, contact_id);
  // A duplicate's referrer is told the decision on its original (app/duplicates.h), about its children.
  std::int64_t decided_on = contact_id;
  if (auto original = store::DuplicateOf(*tx, contact_id)) decided_on = original->contact_id;
  for (const auto& decision : store::DecisionsOf(*tx, decided_on))
    if (callback && decision.id == callback->decision_id) {
      const policy::PolicyPack& pack = ctx.procedures.PackAt(contact->received_at);
      Disclosure d = CallDisclosure(*contact, decision, pack, actor, now);
      d.cause_id = OutcomeCauseId(*tx, d.cause_kind, fmt::format("{}:outcome-call", contact_id), decision.id);
      for (auto& subject : d.subjects) subject.contact_id = decided_on;
      if (auto recorded = RecordDisclosure(*tx, pack, d); !recorded) return std::unexpected(recorded.error());
    }
  const auto met = MeetDeadline(*tx, "contact", contact_id, kTellReferrerTimescale, now, actor.user_id);
  audit::Append(*tx, {now, actor.user_id, actor.username, "contact.referrer_told", "contact", std::to_string(contact_id),
                      {{"note", note}, {"deadlines_met", met}}});
  tx->Commit();
  return {};
}

}  // namespace fd::app
