#include "app/referrer_messages.h"

#include <algorithm>

#include <fmt/format.h>

#include "calendar/local_time.h"
#include "domain/text.h"
#include "domain/referrer_status.h"
#include "notify/outbox.h"
#include "notify/secure_recipients.h"
#include "policy/service_words.h"

namespace fd::app {

std::optional<std::string> ReferrerEmailAddress(const Referrer& referrer, const policy::PolicyPack& pack) {
  if (referrer.anonymous || referrer.email.empty()) return std::nullopt;
  if (!IsProfessional(referrer.type)) return referrer.email;
  if (notify::IsSecureAddress(referrer.email, pack.secure_email_domains)) return referrer.email;
  return std::nullopt;
}

bool ReferrerIsTold(store::Transaction& tx, const Contact& contact) {
  return tx.Query("SELECT 1 FROM information_requests WHERE contact_id = ?", {contact.id}).empty();
}

namespace {

// "gov.uk, nhs.net or police.uk": the pack's secure domains, as a sentence lists them.
std::string SecureDomainsInWords(const std::vector<std::string>& domains) {
  std::string out;
  for (std::size_t i = 0; i < domains.size(); ++i)
    out += (i == 0 ? "" : i + 1 == domains.size() ? " or " : ", ") + domains[i];
  return out;
}

}  // namespace

std::optional<std::string> PhoneNeededToHearOutcome(const ContactDraft& draft, const policy::PolicyPack& pack,
                                                    bool to_referrer) {
  const auto type = ReferrerTypeFromId(draft.referrer_type);
  if (!type || !IsProfessional(*type) || draft.referrer_anonymous) return std::nullopt;
  Referrer referrer;
  referrer.type = *type;
  referrer.phone = Trim(draft.referrer_phone);
  referrer.email = Trim(draft.referrer_email);
  if (!referrer.phone.empty() || referrer.email.empty() || !LooksLikeEmail(referrer.email)) return std::nullopt;
  if (ReferrerEmailAddress(referrer, pack)) return std::nullopt;
  const std::string secure = pack.secure_email_domains.empty()
                                 ? std::string()
                                 : " (one ending " + SecureDomainsInWords(pack.secure_email_domains) + ")";
  if (to_referrer)
    return fmt::format("Enter your phone number: we cannot e-mail the outcome to {} because it is not a secure "
                       "address{}, so we will phone you to tell you. Or correct the address if it is mistyped",
                       referrer.email, secure);
  return fmt::format("Enter a phone number: the outcome cannot be e-mailed to {} because it is not a secure "
                     "address{}, so the referrer is phoned to be told it. Or correct the address if it is mistyped",
                     referrer.email, secure);
}

std::string HowTheOutcomeIsTold(const Contact& c, const policy::PolicyPack& pack) {
  if (!IsProfessional(c.referrer.type) || RoutedToOfQueue(c.queue) != RoutedTo::kFrontDoor) return "";
  if (auto address = ReferrerEmailAddress(c.referrer, pack))
    return fmt::format("Once a decision is made, we will e-mail the outcome to {}.", *address);
  const std::string why = c.referrer.email.empty()
                              ? std::string()
                              : fmt::format("We cannot e-mail the outcome to {} because it is not a secure address. ",
                                            c.referrer.email);
  if (!c.referrer.phone.empty())
    return why + fmt::format("Once a decision is made, a social worker will phone you on {} to tell you the outcome.",
                             c.referrer.phone);
  return why + "Once a decision is made, a social worker will find a way to tell you the outcome.";
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

std::string ReturnedFormText(const policy::PolicyPack& pack, const calendar::WorkingCalendar& calendar, Instant now) {
  const auto* hub = pack.HubService();
  const std::string hub_phone = hub ? pack.ContactOf(hub->id).phone : std::string();
  std::string text = fmt::format(
      "We have not progressed the child protection (red) form you sent. Schools and early years settings consult "
      "the Consultation Hub before sending a red form. Please call the Hub{} to discuss the concern; it will advise "
      "whether to send a red form or a green service request.",
      hub_phone.empty() ? std::string() : fmt::format(" on {}", hub_phone));
  // HCR-8: when they can reach it, so they can act on it; said at receipt, so "closed now" is true.
  if (hub) {
    text += ' ';
    text += policy::OpeningHoursNow(*hub, calendar, now);
  }
  // The procedures give the Hub no number (docs/decisions.md): the one they give schools for
  // children's services, the intake service's, is where to ask for it. None is made up.
  if (hub && hub_phone.empty()) {
    const auto* intake = pack.Service(pack.routing.intake_service);
    if (const std::string phone = intake ? pack.ContactOf(intake->id).phone : std::string(); !phone.empty())
      text += fmt::format(" If you do not have the number for the Hub, ask the {} on {}.", intake->name, phone);
  }
  // HCR-9 returns a form only where no imminent risk was given; HCR-12: if there is one after all,
  // whom to call now (HCR-18: out of the centre's hours, not the closed centre).
  const std::string urgent = policy::UrgentAdviceNow(pack, calendar, now, false);
  text += " If a child is at imminent risk of significant harm, do not wait for the Hub. ";
  text += urgent.empty() ? std::string("Call 999 now.") : urgent;
  return text;
}

std::string WhatHappensNext(const Contact& c, const policy::PolicyPack& pack, const calendar::WorkingCalendar& calendar,
                            Instant now) {
  switch (RoutedToOfQueue(c.queue)) {
    case RoutedTo::kReturned: return ReturnedFormText(pack, calendar, now);
    case RoutedTo::kLado: return std::string(kPassedToLado);
    case RoutedTo::kFrontDoor: break;
  }
  // KCR-8: as soon as possible where a child may need protecting: "at the top of our queue" and
  // "within one working day" together would leave them unsure which is true.
  if (c.urgent)
    return "A social worker will look at what you told us before other requests and decide what happens next as "
           "soon as possible.";
  return "A social worker will look at what you told us and decide what happens next within one working day.";
}

Message AcknowledgementMessage(const Contact& c, const policy::PolicyPack& pack, const calendar::WorkingCalendar& calendar,
                               Instant now, const std::string& status_url, const std::string& what_happens_next) {
  return {fmt::format("{}: we have received your contact {}", pack.authority_name, c.reference),
          fmt::format("Thank you. We received your contact about a child on {} and gave it the reference {}.\n\n"
                      "Please quote this reference if you contact us about it. {}\n\n{}"
                      "If you think a child is in immediate danger, call 999.\n\n{}\n",
                      ReceivedOn(c, pack), c.reference,
                      what_happens_next.empty() ? WhatHappensNext(c, pack, calendar, now) : what_happens_next,
                      StatusLinkParagraph(status_url),
                      pack.authority_name)};
}

Message StatusLinkMessage(const Contact& c, const policy::PolicyPack& pack, const std::string& status_url,
                          const std::string& asked) {
  return {fmt::format("{}: follow your contact {}", pack.authority_name, c.reference),
          fmt::format("Thank you for your contact about a child on {}. Its reference is {}.\n\n{}{}"
                      "If you think a child is in immediate danger, call 999.\n\n{}\n",
                      ReceivedOn(c, pack), c.reference, asked, StatusLinkParagraph(status_url),
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

Message ReturnedFormMessage(const Contact& c, const policy::PolicyPack& pack, const calendar::WorkingCalendar& calendar,
                            Instant now) {
  return {fmt::format("{}: red form {} returned: please consult the Consultation Hub first", pack.authority_name,
                      c.reference),
          fmt::format("Your reference is {}.\n\n{}\n\n{}\n", c.reference, ReturnedFormText(pack, calendar, now),
                      pack.authority_name)};
}

bool QueueReferrerEmail(store::Transaction& tx, const Contact& contact, const policy::PolicyPack& pack,
                        const std::string& purpose, const Message& message, Instant now) {
  if (!ReferrerIsTold(tx, contact)) return false;
  auto address = ReferrerEmailAddress(contact.referrer, pack);
  if (!address) return false;
  return notify::Enqueue(tx,
                         {*address, message.subject, message.body, "contact", contact.id, purpose,
                          notify::IdempotencyKey("contact", contact.id, purpose)},
                         now);
}

bool QueueOutcomeEmail(store::Transaction& tx, const Contact& contact, const policy::PolicyPack& pack,
                       std::int64_t decision_id, const Message& message, Instant now) {
  if (!ReferrerIsTold(tx, contact)) return false;
  auto address = ReferrerEmailAddress(contact.referrer, pack);
  if (!address) return false;
  std::string key = notify::IdempotencyKey("contact", contact.id, "outcome");
  const auto queued = notify::ListOutbox(tx, "contact", contact.id);
  if (std::any_of(queued.begin(), queued.end(), [&](const notify::OutboxRow& r) { return r.idempotency_key == key; }))
    key = fmt::format("{}:decision-{}", key, decision_id);
  return notify::Enqueue(tx, {*address, message.subject, message.body, "contact", contact.id, "outcome", key}, now);
}

}  // namespace fd::app
