#include "app/referrer_disclosures.h"

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "app/disclosures.h"
#include "app/permissions.h"
#include "audit/audit_log.h"
#include "calendar/local_time.h"
#include "domain/text.h"
#include "store/contact_records.h"
#include "store/user_records.h"

namespace fd::app {
namespace {

Error NoSuchContact() { return Error::NotFound("There is no contact with that number"); }

nlohmann::json Nullable(const std::optional<std::int64_t>& v) { return v ? nlohmann::json(*v) : nlohmann::json(); }

// The consents on record as the decision needs them, each time as the user reads it.
std::vector<ConsentFact> ConsentFacts(const std::vector<store::ReferrerConsentRow>& rows, const std::string& zone) {
  std::vector<ConsentFact> out;
  for (const auto& r : rows) {
    const auto at = ParseUtc(r.recorded_at);
    out.push_back({r.id, r.given, at ? calendar::FormatLocalForPeople(*at, zone) : r.recorded_at});
  }
  return out;
}

// The colleague named as asking for a manager-authorised disclosure, as found (nullopt: no such user).
std::optional<RequesterFact> FindRequester(store::Transaction& tx, const std::string& username) {
  const std::string name = Trim(username);
  if (name.empty()) return std::nullopt;
  auto user = store::FindUserByUsername(tx, name);
  if (!user) return std::nullopt;
  const auto role = RoleFromId(user->role);
  return RequesterFact{user->id, user->active, role && IsAllowed(*role, Action::kViewReferrerIdentity)};
}

// KCR-14, issue 12 point 2: the identity passed on is a disclosure like any other, so the data
// protection officer finds it in the ledger under the contact's children (once linked to the
// register). The ledger names the items given, never their values: the referrer's name stays here.
Disclosure LedgerEntry(const Contact& contact, const store::ReferrerDisclosureRow& row,
                       const policy::PolicyPack& pack, const Actor& actor, Instant now) {
  Disclosure d;
  d.direction = DisclosureDirection::kOut;
  const Referrer& r = contact.referrer;
  for (const auto& [item, value] : {std::pair{"referrer_name", &r.name}, std::pair{"referrer_role", &r.role},
                                    std::pair{"referrer_phone", &r.phone}, std::pair{"referrer_email", &r.email}})
    if (!Trim(*value).empty()) d.items.push_back(item);
  if (d.items.empty()) d.items.push_back("referrer_identity");
  for (std::size_t i = 0; i < contact.children.size(); ++i)
    d.subjects.push_back({std::nullopt, contact.id, static_cast<int>(i)});
  d.counterpart_kind = "person";
  d.counterpart = fmt::format("{}, {}", row.recipient_name, row.recipient_organisation);
  const bool consent = row.consent_id.has_value();
  d.lawful_basis = consent ? pack.ledger.referrer_identity_consent : pack.ledger.referrer_identity_authorised;
  d.authorised_by = row.authorised_by;
  d.recorded_by = actor.user_id;
  d.recorded_by_username = actor.username;
  d.at = now;
  d.cause_kind = "referrer-disclosure";
  d.cause_id = std::to_string(row.id);
  d.detail = consent ? fmt::format("The referrer's identity, on their consent (answer {})", *row.consent_id)
                     : "The referrer's identity, on a team manager's authorisation";
  return d;
}

// The same user's identical disclosure recorded within the window before `now`, if any: what a
// re-sent form finds (KCR-14's record is of each time the identity was given, not each click).
std::optional<store::ReferrerDisclosureRow> JustRecorded(store::Transaction& tx, std::int64_t contact_id,
                                                         const AllowedDisclosure& allowed, const Actor& actor,
                                                         Instant now) {
  auto rows = store::ReferrerDisclosures(tx, contact_id);
  for (auto it = rows.rbegin(); it != rows.rend(); ++it) {
    const auto at = ParseUtc(it->disclosed_at);
    if (!at || *at + kResentFormWindow < now) break;  // oldest first: the rest are older
    if (it->disclosed_by == actor.user_id && it->recipient_name == allowed.recipient_name &&
        it->recipient_organisation == allowed.recipient_organisation && it->reason == allowed.reason &&
        it->basis == DisclosureBasisId(allowed.basis) && it->consent_id == allowed.consent_id &&
        it->requested_by == allowed.requested_by && it->authorisation_reason == allowed.authorisation_reason)
      return *it;
  }
  return std::nullopt;
}

}  // namespace

Result<store::ReferrerConsentRow> RecordReferrerConsent(AppContext& ctx, const Actor& actor,
                                                        std::int64_t contact_id, const ConsentDraft& draft) {
  if (auto allowed = Authorise(actor, Action::kViewReferrerIdentity); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = store::FindContact(*tx, contact_id);
  if (!contact) return std::unexpected(NoSuchContact());
  if (auto applies = CheckIdentityProtected(contact->referrer); !applies) return std::unexpected(applies.error());
  auto consent = ValidateConsent(draft);
  if (!consent) return std::unexpected(consent.error());
  store::ReferrerConsentRow row;
  row.contact_id = contact_id;
  row.given = consent->given;
  row.method = std::string(ConsentMethodId(consent->method));
  row.covers = consent->covers;
  row.recorded_by = actor.user_id;
  row.recorded_by_name = actor.display_name;
  row.recorded_at = FormatUtc(now);
  row.id = store::InsertReferrerConsent(*tx, row);
  audit::Append(*tx, {now, actor.user_id, actor.username, "referrer.consent_recorded", "contact",
                      std::to_string(contact_id),
                      {{"consent_id", row.id}, {"given", row.given}, {"method", row.method}}});
  tx->Commit();
  return row;
}

Result<ReferrerDisclosed> DiscloseReferrerIdentity(AppContext& ctx, const Actor& actor, std::int64_t contact_id,
                                                   const DisclosureDraft& draft) {
  if (auto allowed = Authorise(actor, Action::kViewReferrerIdentity); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  auto contact = store::FindContact(*tx, contact_id);
  if (!contact) return std::unexpected(NoSuchContact());
  DisclosureFacts facts;
  facts.referrer = contact->referrer;
  facts.consents = ConsentFacts(store::ReferrerConsents(*tx, contact_id), ctx.time_zone);
  facts.discloser_id = actor.user_id;
  facts.discloser_may_authorise = Authorise(actor, Action::kAuthoriseSharing).has_value();
  if (DisclosureBasisFromId(Trim(draft.basis)) == DisclosureBasis::kManagerAuthorisation)
    facts.requester = FindRequester(*tx, draft.requested_by);
  auto allowed = DecideDisclosure(draft, facts);
  if (!allowed) return std::unexpected(allowed.error());
  if (auto earlier = JustRecorded(*tx, contact_id, *allowed, actor, now)) {
    // The disclosure is not recorded again, but its answer shows the identity again: that is a
    // look like any other (KCR-14), so it is audited as one, naming the disclosure shown.
    audit::Append(*tx, {now, actor.user_id, actor.username, "referrer.identity_viewed", "contact",
                        std::to_string(contact_id), {{"reason", earlier->reason}, {"disclosure_id", earlier->id}}});
    tx->Commit();
    return ReferrerDisclosed{std::move(*earlier), contact->referrer, true};
  }

  store::ReferrerDisclosureRow row;
  row.contact_id = contact_id;
  row.recipient_name = allowed->recipient_name;
  row.recipient_organisation = allowed->recipient_organisation;
  row.reason = allowed->reason;
  row.basis = std::string(DisclosureBasisId(allowed->basis));
  row.consent_id = allowed->consent_id;
  row.requested_by = allowed->requested_by;
  row.authorised_by = allowed->authorised_by;
  row.authorisation_reason = allowed->authorisation_reason;
  row.disclosed_by = actor.user_id;
  row.disclosed_by_name = actor.display_name;
  row.disclosed_at = FormatUtc(now);
  if (row.authorised_by) row.authorised_by_name = actor.display_name;
  if (row.requested_by)
    if (auto requester = store::FindUserById(*tx, *row.requested_by)) row.requested_by_name = requester->display_name;
  row.id = store::InsertReferrerDisclosure(*tx, row);
  audit::Append(*tx, {now, actor.user_id, actor.username, "referrer.identity_disclosed", "contact",
                      std::to_string(contact_id),
                      {{"disclosure_id", row.id},
                       {"basis", row.basis},
                       {"consent_id", Nullable(row.consent_id)},
                       {"requested_by", Nullable(row.requested_by)},
                       {"authorised_by", Nullable(row.authorised_by)},
                       {"recipient_organisation", row.recipient_organisation}}});
  const auto& pack = ctx.procedures.PackAt(now);
  if (auto recorded = RecordDisclosure(*tx, pack, LedgerEntry(*contact, row, pack, actor, now)); !recorded)
    return std::unexpected(recorded.error());
  tx->Commit();
  return ReferrerDisclosed{std::move(row), contact->referrer, false};
}

Result<ReferrerSharingRecord> ListReferrerDisclosures(AppContext& ctx, const Actor& actor, std::int64_t contact_id) {
  // The list holds no identity, so the data protection officer (who keeps the ledger) may read it too.
  if (!Authorise(actor, Action::kViewDisclosures))
    if (auto allowed = Authorise(actor, Action::kViewReferrerIdentity); !allowed)
      return std::unexpected(allowed.error());
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  auto contact = store::FindContact(*tx, contact_id);
  if (!contact) return std::unexpected(NoSuchContact());
  ReferrerSharingRecord out;
  out.identity_protected = CheckIdentityProtected(contact->referrer).has_value();
  out.consents = store::ReferrerConsents(*tx, contact_id);
  out.disclosures = store::ReferrerDisclosures(*tx, contact_id);
  // KCR-14: free text may name the referrer ("Jo may be named to the school"), so only a reader who
  // may see the identity gets it.
  if (!Authorise(actor, Action::kViewReferrerIdentity)) {
    out.free_text_withheld = true;
    for (auto& c : out.consents) c.covers.clear();
    for (auto& d : out.disclosures) {
      d.reason.clear();
      d.authorisation_reason.clear();
    }
  }
  return out;
}

}  // namespace fd::app
