#include "app/status_links.h"

#include <spdlog/spdlog.h>

#include "app/accounts.h"
#include "app/disclosures.h"
#include "app/permissions.h"
#include "app/referrer_messages.h"
#include "domain/text.h"
#include "audit/audit_log.h"
#include "store/contact_records.h"
#include "store/duplicate_records.h"
#include "store/disclosure_records.h"
#include "store/passed_on_records.h"
#include "store/status_link_records.h"
#include "store/workflow_records.h"

namespace fd::app {
namespace {

constexpr std::size_t kSecretBytes = 32;  // 256 bits: not guessable, however many tries
constexpr std::size_t kSecretLength = 43;  // its base64url, unpadded
constexpr std::string_view kSecretAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

bool IsSecretChar(char c) { return kSecretAlphabet.find(c) != std::string_view::npos; }
constexpr std::size_t kMaxReasonLength = 1000;

std::int64_t LooksAt(store::Transaction& tx, std::int64_t contact_id, std::int64_t link_id) {
  // Each look is an audit event on the contact naming its link; the (record_type, record_id,
  // action, seq) index finds them without reading the log.
  std::int64_t looks = 0;
  for (const auto& row : tx.Query("SELECT changes FROM audit_events WHERE record_type = 'contact' AND record_id = ? "
                                  "AND action = 'status_link.viewed'",
                                  {std::to_string(contact_id)})) {
    const auto changes = nlohmann::json::parse(row.Text(0), nullptr, false);
    if (changes.is_object() && changes.value("link", std::int64_t{0}) == link_id) ++looks;
  }
  return looks;
}

// The authorised decision the status rests on, for the ledger.
struct Authorised {
  std::vector<int> children;
  std::optional<std::int64_t> by;
};

ReferrerStatusFacts FactsOf(store::Transaction& tx, const Contact& contact, const policy::PolicyPack& pack,
                            Authorised& authorised) {
  ReferrerStatusFacts f;
  f.reference = contact.reference;
  f.received_at = contact.received_at;
  f.state = ContactStateFromId(contact.state).value_or(ContactState::kReceived);
  f.routed_to = RoutedToOfQueue(contact.queue);
  f.professional = IsProfessional(contact.referrer.type);
  f.passing_on_concern_of = contact.intake.passing_on_concern_of;
  f.authority_name = pack.authority_name;
  for (const auto& d : store::DecisionsOf(tx, contact.id)) {
    if (d.status != "authorised" || !d.decided_at) continue;
    f.decided_at = d.decided_at;
    authorised = {d.children, d.decided_by};
    // The store keeps the outcome's id; its words are the pack's in force at receipt (as the workflow shows it).
    f.outcome_label = d.outcome;
    for (const auto& o : pack.outcomes)
      if (o.id == d.outcome) f.outcome_label = o.label;
    f.next_steps = d.next_steps;
  }
  f.passed_to = store::ReferralTeamOf(tx, contact.id);
  // HCR-5: passed at receipt to the child's social worker, who has recorded it: the end a professional
  // is told of (KCR-17); the disclosure is about the children it concerns, by the worker who recorded it.
  if (contact.queue == "allocated-worker" && !f.decided_at)
    if (const auto recorded = store::FindPassedOnRecorded(tx, contact.id)) {
      f.recorded_by_childs_worker = recorded->recorded_at;
      authorised.children.clear();
      for (std::size_t i = 0; i < contact.children.size(); ++i)
        if (contact.children[i].role == ChildRole::kSubject) authorised.children.push_back(static_cast<int>(i));
      authorised.by = recorded->recorded_by;
    }
  return f;
}

// Issue 12 point 2: the first time a link shows the outcome (or, to the public, that it was acted
// on), that is a disclosure to the referrer, on the pack's basis for feedback to referrers, once per
// link (later looks repeat what they already have). Errors as RecordDisclosure.
// `decided_on`: the contact whose decision is shown (the original, for a duplicate's link).
Result<void> RecordOutcomeShown(store::Transaction& tx, const policy::PolicyPack& pack, const Contact& contact,
                                const ReferrerStatus& status, const Authorised& authorised, std::int64_t link_id,
                                Instant now, std::int64_t decided_on) {
  const std::string cause = std::to_string(link_id);
  if (!store::DisclosuresByCause(tx, "status-link", cause).empty()) return {};
  const bool professional = !status.outcome.empty() || status.passed_to_childs_worker;
  Disclosure d;
  d.direction = DisclosureDirection::kOut;
  d.items = status.passed_to_childs_worker ? std::vector<std::string>{"reference"}
            : professional                 ? std::vector<std::string>{"reference", "outcome", "next_steps"}
                                           : std::vector<std::string>{"reference", "action_taken"};
  if (professional && !status.passed_to.empty()) d.items.push_back("passed_to");
  for (int position : authorised.children) d.subjects.push_back({std::nullopt, decided_on, position});
  d.counterpart_kind = professional ? "email" : "person";
  d.counterpart = professional ? ReferrerEmailAddress(contact.referrer, pack).value_or("the referrer")
                               : "the referrer (a member of the public)";
  d.lawful_basis = pack.ledger.referrer_outcome;
  d.authorised_by = authorised.by;
  d.at = now;
  d.cause_kind = "status-link";
  d.cause_id = cause;
  d.detail = "the referrer's status page";
  auto recorded = RecordDisclosure(tx, pack, d);
  if (!recorded) return std::unexpected(recorded.error());
  return {};
}

}  // namespace

std::optional<IssuedStatusLink> IssueStatusLink(store::Transaction& tx, const AppContext& ctx, const Contact& contact,
                                                const policy::PolicyPack& pack, Instant now) {
  if (!ReferrerIsTold(tx, contact) || !ReferrerEmailAddress(contact.referrer, pack)) return std::nullopt;
  const std::string secret = RandomToken(kSecretBytes);
  const Instant expires = now + std::chrono::days{pack.status_link_days};
  IssuedStatusLink link;
  link.id = store::InsertStatusLink(tx, contact.id, audit::Sha256Hex(secret), FormatUtc(now), FormatUtc(expires));
  link.url = ctx.public_url + "/status/" + secret;
  audit::Append(tx, {now, std::nullopt, "system", "status_link.created", "contact", std::to_string(contact.id),
                     {{"link", link.id}, {"expires_at", FormatUtc(expires)}}});
  return link;
}

std::string WithoutStatusSecrets(std::string_view body) {
  constexpr std::string_view kPath = "/status/";
  std::string out;
  std::size_t from = 0;
  for (std::size_t at = body.find(kPath); at != std::string_view::npos; at = body.find(kPath, at + 1)) {
    const std::size_t start = at + kPath.size();
    std::size_t end = start;
    while (end < body.size() && IsSecretChar(body[end])) ++end;
    if (end - start != kSecretLength) continue;  // not a link's secret: left as written
    out.append(body.substr(from, start - from));
    out.append(kStatusSecretNotKept);
    from = end;
  }
  out.append(body.substr(from));
  return out;
}

StatusLook LookAtStatus(AppContext& ctx, const std::string& secret, const std::string& address) {
  const Instant now = ctx.clock.Now();
  StatusLook look;
  look.authority_name = ctx.procedures.PackAt(now).authority_name;
  const auto too_many = [&](const AddressThrottle::Refusal& refused) {
    look.retry_after = refused.retry_after;
    spdlog::warn("status link looks limited address={} retry_after_s={}", address, look.retry_after.count());
    look.outcome = StatusLook::Outcome::kTooMany;
    return look;
  };
  // Counted in the database, so every node counts the same looks. An address already past the limit
  // is turned away on a read, without queueing for the writers' lock; any other look is counted in
  // its own write transaction, and one refused there (another look came first) rolls it back.
  if (auto refused = ctx.status_throttle->Check(*ctx.store.Begin(store::TransactionMode::kRead), address, now))
    return too_many(*refused);
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  if (auto refused = ctx.status_throttle->Count(*tx, address, now)) return too_many(*refused);
  // A secret is base64url of 32 bytes; anything else cannot be one, and is not worth a query.
  if (secret.size() != kSecretLength || secret.find_first_not_of(kSecretAlphabet) != std::string::npos) {
    spdlog::info("status link unknown address={}", address);
    tx->Commit();  // the look is counted all the same
    return look;
  }
  auto link = store::FindStatusLinkByHash(*tx, audit::Sha256Hex(secret));
  if (!link) {
    spdlog::info("status link unknown address={}", address);
    tx->Commit();
    return look;
  }
  std::optional<Instant> revoked_at;
  if (link->revoked_at) revoked_at = ParseUtc(*link->revoked_at);
  const auto state = StateOfLink(now, ParseUtc(link->expires_at).value_or(now), revoked_at);
  const std::string contact_id = std::to_string(link->contact_id);
  if (state != StatusLinkState::kActive) {
    look.outcome = state == StatusLinkState::kExpired ? StatusLook::Outcome::kExpired : StatusLook::Outcome::kRevoked;
    audit::Append(*tx, {now, std::nullopt, "referrer", "status_link.refused", "contact", contact_id,
                        {{"link", link->id}, {"why", state == StatusLinkState::kExpired ? "expired" : "revoked"}}});
    tx->Commit();
    return look;
  }
  auto contact = store::FindContact(*tx, link->contact_id);
  if (!contact) {  // purged by retention with its links: cannot happen, but say "unknown"
    tx->Commit();
    return look;
  }
  const auto& pack = ctx.procedures.PackAt(contact->received_at);
  Authorised authorised;
  // HCR-24, KCR-17: a contact closed as a duplicate is decided as the contact it duplicates, so its
  // referrer sees that one's progress and decision, as they may hear it (their own reference, and a
  // professional's or a member of the public's view by who they are).
  std::int64_t decided_on = contact->id;
  ReferrerStatusFacts facts;
  std::optional<Contact> original;
  if (auto duplicate_of = store::DuplicateOf(*tx, contact->id)) original = store::FindContact(*tx, duplicate_of->contact_id);
  if (original) {
    decided_on = original->id;
    facts = FactsOf(*tx, *original, ctx.procedures.PackAt(original->received_at), authorised);
    facts.reference = contact->reference;
    facts.received_at = contact->received_at;
    facts.professional = IsProfessional(contact->referrer.type);
    facts.passing_on_concern_of = contact->intake.passing_on_concern_of;
    facts.authority_name = pack.authority_name;
  } else {
    facts = FactsOf(*tx, *contact, pack, authorised);
  }
  look.status = StatusForReferrer(facts);
  look.authority_name = pack.authority_name;
  look.outcome = StatusLook::Outcome::kShown;
  bool withheld = false;
  if (look.status->decided_at || look.status->passed_to_childs_worker) {
    // The ledger is written under the pack in force now, as every other disclosure is.
    const auto& pack_now = ctx.procedures.PackAt(now);
    if (auto recorded = RecordOutcomeShown(*tx, pack_now, *contact, *look.status, authorised, link->id, now, decided_on);
        !recorded) {
      // No recorded basis, no disclosure: the page says a decision was made and nothing of it.
      spdlog::error("status link: outcome withheld, the ledger refused it contact_id={} error={}", link->contact_id,
                    recorded.error().message);
      withheld = true;
      tx.reset();  // nothing of the refused disclosure is kept
      tx = ctx.store.Begin(store::TransactionMode::kWrite);
      (void)ctx.status_throttle->Count(*tx, address, now);  // the look was allowed; its count went with the rest
      auto& s = *look.status;
      s.outcome.clear();
      s.next_steps.clear();
      s.passed_to.clear();
      s.feed_back_to.clear();
      s.confidential_message.clear();
      s.passed_to_childs_worker = false;
      s.summary = "A decision has been made. Contact us, quoting your reference, to hear about it.";
    }
  }
  audit::Append(*tx, {now, std::nullopt, "referrer", "status_link.viewed", "contact", contact_id,
                      {{"link", link->id}, {"stage", std::string(ReferrerStageId(look.status->stage))},
                       {"outcome_withheld", withheld}}});
  tx->Commit();
  return look;
}

Result<std::vector<StatusLinkInfo>> StatusLinksOfContact(AppContext& ctx, const Actor& actor, std::int64_t contact_id) {
  if (auto allowed = Authorise(actor, Action::kViewContact); !allowed) return std::unexpected(allowed.error());
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kRead);
  if (!store::FindContact(*tx, contact_id)) return std::unexpected(Error::NotFound("There is no contact with that number"));
  std::vector<StatusLinkInfo> out;
  // Every link of a contact is made when it is recorded and goes in its one e-mail to the referrer.
  const auto email = ContactEmail(*tx, contact_id, {"acknowledgement", "status-link"});
  for (const auto& row : store::StatusLinksOf(*tx, contact_id)) {
    StatusLinkInfo info;
    info.id = row.id;
    info.created_at = ParseUtc(row.created_at).value_or(Instant{});
    info.expires_at = ParseUtc(row.expires_at).value_or(Instant{});
    if (row.revoked_at) info.revoked_at = ParseUtc(*row.revoked_at);
    info.state = StateOfLink(now, info.expires_at, info.revoked_at);
    info.revoked_by_name = row.revoked_by_name;
    info.revoke_reason = row.revoke_reason;
    info.looks = LooksAt(*tx, contact_id, row.id);
    info.email = email;
    out.push_back(std::move(info));
  }
  return out;
}

Result<int> RevokeStatusLinks(AppContext& ctx, const Actor& actor, std::int64_t contact_id, const std::string& reason) {
  // Those who deal with the referrer (acknowledgements, chasing) may withdraw the link they were sent.
  if (auto allowed = Authorise(actor, Action::kAcknowledgeContact); !allowed) return std::unexpected(allowed.error());
  const std::string why = Trim(reason);
  if (why.empty())
    return std::unexpected(Error::InvalidField("reason", "Enter why the status link is being revoked"));
  if (why.size() > kMaxReasonLength)
    return std::unexpected(Error::InvalidField("reason", "Enter a reason of 1000 characters or fewer"));
  const Instant now = ctx.clock.Now();
  auto tx = ctx.store.Begin(store::TransactionMode::kWrite);
  if (!store::FindContact(*tx, contact_id)) return std::unexpected(Error::NotFound("There is no contact with that number"));
  const int revoked = store::RevokeStatusLinks(*tx, contact_id, actor.user_id, why, FormatUtc(now));
  if (revoked == 0) return std::unexpected(Error::Conflict("This contact has no working status link to revoke"));
  audit::Append(*tx, {now, actor.user_id, actor.username, "status_link.revoked", "contact", std::to_string(contact_id),
                      {{"links", revoked}, {"reason", why}}});
  tx->Commit();
  return revoked;
}

}  // namespace fd::app
