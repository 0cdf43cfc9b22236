#include "app/referrer_messages.h"

#include <algorithm>

#include <fmt/format.h>

#include "calendar/local_time.h"
#include "domain/referrer_status.h"
#include "notify/outbox.h"
#include "notify/secure_recipients.h"

namespace fd::app {

std::optional<std::string> ReferrerEmailAddress(const Referrer& referrer, const policy::PolicyPack& pack) {
  if (referrer.anonymous || referrer.email.empty()) return std::nullopt;
  if (!IsProfessional(referrer.type)) return referrer.email;
  if (notify::IsSecureAddress(referrer.email, pack.secure_email_domains)) return referrer.email;
  return std::nullopt;
}

namespace {

// What the link shows, and that it is theirs alone: said wherever the link is sent.
std::string StatusLinkParagraph(const std::string& status_url) {
  if (status_url.empty()) return "";
  return fmt::format("You can see how far it has got at this link: {}\n"
                     "It shows only where your contact has got to and, once a decision is made, what we can tell you. "
                     "Please do not share it.\n\n",
                     status_url);
}

// "27 November 2026": the day it was received, in the authority's zone, as people write dates.
std::string ReceivedOn(const Contact& c, const policy::PolicyPack& pack) {
  return calendar::FormatLocalDateForPeople(c.received_at, pack.time_zone.empty() ? "Europe/London" : pack.time_zone);
}

}  // namespace

std::string ReturnedFormText() {
  return "We have not progressed the child protection (red) form you sent. Schools and early years settings consult "
         "the Consultation Hub before sending a red form. Please call the Hub to discuss the concern; it will advise "
         "whether to send a red form or a green service request.";
}

std::string WhatHappensNext(const Contact& c) {
  switch (RoutedToOfQueue(c.queue)) {
    case RoutedTo::kReturned: return ReturnedFormText();
    case RoutedTo::kLado: return std::string(kPassedToLado);
    case RoutedTo::kFrontDoor: break;
  }
  return "A social worker will look at what you told us and decide what happens next within one working day.";
}

Message AcknowledgementMessage(const Contact& c, const policy::PolicyPack& pack, const std::string& status_url) {
  return {fmt::format("{}: we have received your contact {}", pack.authority_name, c.reference),
          fmt::format("Thank you. We received your contact about a child on {} and gave it the reference {}.\n\n"
                      "Please quote this reference if you contact us about it. {}\n\n{}"
                      "If you think a child is in immediate danger, call 999.\n\n{}\n",
                      ReceivedOn(c, pack), c.reference, WhatHappensNext(c), StatusLinkParagraph(status_url),
                      pack.authority_name)};
}

Message StatusLinkMessage(const Contact& c, const policy::PolicyPack& pack, const std::string& status_url) {
  return {fmt::format("{}: follow your contact {}", pack.authority_name, c.reference),
          fmt::format("Thank you for your contact about a child on {}. Its reference is {}.\n\n{}"
                      "If you think a child is in immediate danger, call 999.\n\n{}\n",
                      ReceivedOn(c, pack), c.reference, StatusLinkParagraph(status_url),
                      pack.authority_name)};
}

Disclosure OutcomeToReferrer(const Contact& contact, const Decision& decision, const policy::PolicyPack& pack,
                             const Actor& actor, Instant now) {
  Disclosure d;
  d.direction = DisclosureDirection::kOut;
  d.items = IsProfessional(contact.referrer.type) ? std::vector<std::string>{"reference", "outcome", "next_steps"}
                                                  : std::vector<std::string>{"reference", "action_taken"};
  for (int position : decision.children) d.subjects.push_back({std::nullopt, contact.id, position});
  d.lawful_basis = pack.ledger.referrer_outcome;
  d.recorded_by = actor.user_id;
  d.recorded_by_username = actor.username;
  d.at = now;
  d.cause_kind = "referrer-message";
  return d;
}

Message OutcomeMessage(const Contact& c, const Decision& d, const policy::PolicyPack& pack,
                       const std::optional<std::string>& referral_team) {
  if (IsProfessional(c.referrer.type)) {
    std::string body = fmt::format("Your contact {} has been screened and a manager has authorised the outcome:\n\n"
                                   "  {}\n\nNext steps: {}\n",
                                   c.reference, d.outcome_label, d.next_steps);
    // HCR-33: when the contact is passed to another service, the referrer is told where.
    if (referral_team) body += fmt::format("\nIt has been passed to the {}.\n", *referral_team);
    if (!c.intake.passing_on_concern_of.empty())
      body += fmt::format("\nYou passed on a concern from {}: please let them know it has been dealt with.\n",
                          c.intake.passing_on_concern_of);
    return {fmt::format("{}: outcome of contact {}", pack.authority_name, c.reference), body + "\n" + pack.authority_name + "\n"};
  }
  // KCR-17: a member of the public hears that it was acted on, not what was decided about a child.
  return {fmt::format("{}: your contact {}", pack.authority_name, c.reference),
          fmt::format("Thank you for telling us about your concern (reference {}). It has been looked at by a social "
                      "worker and a manager, and we have taken the action we think is right.\n\n"
                      "To protect the child's privacy we cannot tell you what that action is.\n\n"
                      "If you are worried again, contact us. If a child is in immediate danger, call 999.\n\n{}\n",
                      c.reference, pack.authority_name)};
}

Message ReturnedFormMessage(const Contact& c, const policy::PolicyPack& pack) {
  return {fmt::format("{}: red form {} returned: please consult the Consultation Hub first", pack.authority_name,
                      c.reference),
          fmt::format("Your reference is {}.\n\n{}\n\n"
                      "If a child is at imminent risk of significant harm, call 999 or the Customer Service Centre at "
                      "once.\n\n{}\n",
                      c.reference, ReturnedFormText(), pack.authority_name)};
}

bool QueueReferrerEmail(store::Transaction& tx, const Contact& contact, const policy::PolicyPack& pack,
                        const std::string& purpose, const Message& message, Instant now) {
  auto address = ReferrerEmailAddress(contact.referrer, pack);
  if (!address) return false;
  return notify::Enqueue(tx,
                         {*address, message.subject, message.body, "contact", contact.id, purpose,
                          notify::IdempotencyKey("contact", contact.id, purpose)},
                         now);
}

bool QueueOutcomeEmail(store::Transaction& tx, const Contact& contact, const policy::PolicyPack& pack,
                       std::int64_t decision_id, const Message& message, Instant now) {
  auto address = ReferrerEmailAddress(contact.referrer, pack);
  if (!address) return false;
  std::string key = notify::IdempotencyKey("contact", contact.id, "outcome");
  const auto queued = notify::ListOutbox(tx, "contact", contact.id);
  if (std::any_of(queued.begin(), queued.end(), [&](const notify::OutboxRow& r) { return r.idempotency_key == key; }))
    key = fmt::format("{}:decision-{}", key, decision_id);
  return notify::Enqueue(tx, {*address, message.subject, message.body, "contact", contact.id, "outcome", key}, now);
}

}  // namespace fd::app
