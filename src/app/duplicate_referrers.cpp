// HCR-24, KCR-17: the referrers of a decided contact's duplicates hear its outcome (app/duplicates.h).
#include <algorithm>
#include <cctype>

#include <fmt/format.h>

#include "app/disclosures.h"
#include "app/duplicates.h"
#include "app/referrer_callbacks.h"
#include "app/referrer_messages.h"
#include "domain/text.h"
#include "store/contact_records.h"
#include "store/duplicate_records.h"
#include "store/status_link_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

std::string Lower(std::string_view text) {
  std::string out = Trim(text);
  std::transform(out.begin(), out.end(), out.begin(), [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return out;
}

// "01632 960 001" and "01632960001" are one number.
std::string Digits(std::string_view phone) {
  std::string out;
  for (char c : phone)
    if (std::isdigit(static_cast<unsigned char>(c))) out.push_back(c);
  return out;
}

}  // namespace

bool SameReferrer(const Referrer& a, const Referrer& b) {
  if (a.anonymous || b.anonymous) return false;
  if (!Lower(a.email).empty() && Lower(a.email) == Lower(b.email)) return true;
  if (!Digits(a.phone).empty() && Digits(a.phone) == Digits(b.phone)) return true;
  return !Lower(a.name).empty() && Lower(a.name) == Lower(b.name) && Lower(a.agency) == Lower(b.agency);
}

namespace {

// How `duplicate`'s referrer hears `original`'s authorised decision: once, as the original's referrer,
// when they are one person; else e-mailed, or rung, by their own type (DuplicateReferrerTold::how).
Result<std::string> TellDuplicateReferrer(store::Transaction& tx, const AppContext& ctx, const Actor& actor,
                                          const Contact& original, const Contact& duplicate, const Decision& decision,
                                          const std::optional<std::string>& referral_team, Instant now) {
  // The same person (a professional's written confirmation of their own call) hears it once, as
  // the original's referrer.
  if (SameReferrer(duplicate.referrer, original.referrer)) return "same-referrer";
  // Under their own reference and by their own type, as the pack in force at their contact says
  // (its secure domains, its basis for feedback to referrers).
  const policy::PolicyPack& pack = ctx.procedures.PackAt(duplicate.received_at);
  if (QueueOutcomeEmail(tx, duplicate, pack, decision.id, OutcomeMessage(duplicate, decision, pack, referral_team),
                        now)) {
    // Issue 12 point 2: a disclosure about the children decided on, who are the original's.
    Disclosure d = OutcomeToReferrer(duplicate, decision, pack, actor, now);
    for (auto& subject : d.subjects) subject.contact_id = original.id;
    const bool professional = IsProfessional(duplicate.referrer.type);
    d.counterpart_kind = professional ? "email" : "person";
    d.counterpart = professional ? ReferrerEmailAddress(duplicate.referrer, pack).value_or("")
                                 : "the referrer (a member of the public)";
    // What may be told rests on the decision's authorisation (the actor's own, when it is that).
    d.authorised_by = decision.decided_by.value_or(actor.user_id);
    d.cause_id = OutcomeCauseId(tx, d.cause_kind, fmt::format("{}:outcome", duplicate.id), decision.id);
    if (auto recorded = RecordDisclosure(tx, pack, d); !recorded) return std::unexpected(recorded.error());
    return "emailed";
  }
  if (ReferrerIsTold(tx, duplicate) && TellsReferrerByPhone(duplicate.referrer, pack)) {
    OpenReferrerCallback(tx, ctx, duplicate, decision.id, decision.proposed_by, now);
    return "to-ring";
  }
  return "no-one-to-tell";
}

}  // namespace

Result<std::vector<DuplicateReferrerTold>> TellDuplicatesReferrers(store::Transaction& tx, const AppContext& ctx,
                                                                   const Actor& actor, const Contact& original,
                                                                   const Decision& decision,
                                                                   const std::optional<std::string>& referral_team,
                                                                   Instant now) {
  std::vector<DuplicateReferrerTold> out;
  for (const auto& link : store::DuplicatesOf(tx, original.id)) {
    const auto duplicate = store::FindContact(tx, link.contact_id);
    if (!duplicate) continue;
    auto how = TellDuplicateReferrer(tx, ctx, actor, original, *duplicate, decision, referral_team, now);
    if (!how) return std::unexpected(how.error());
    out.push_back({duplicate->id, *how});
  }
  return out;
}

Result<std::optional<std::string>> TellReferrerOfDuplicateOfDecided(store::Transaction& tx, const AppContext& ctx,
                                                                    const Actor& actor, const Contact& original,
                                                                    const Contact& duplicate, Instant now) {
  std::optional<Decision> decided;
  for (const auto& d : store::DecisionsOf(tx, original.id))
    if (d.status == "authorised") decided = d;
  if (!decided) return std::optional<std::string>();
  // The outcome's words from the pack in force at the original's receipt, as its authorisation gave
  // them to its own referrer; the team its referral went to (HCR-33), if one was made.
  for (const auto& o : ctx.procedures.PackAt(original.received_at).outcomes)
    if (o.id == decided->outcome) {
      decided->outcome_label = o.label;
      decided->next = o.next;
    }
  if (decided->outcome_label.empty()) decided->outcome_label = decided->outcome;
  auto how =
      TellDuplicateReferrer(tx, ctx, actor, original, duplicate, *decided, store::ReferralTeamOf(tx, original.id), now);
  if (!how) return std::unexpected(how.error());
  return std::optional<std::string>(*how);
}

}  // namespace fd::app
