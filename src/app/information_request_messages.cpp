#include "app/information_request_messages.h"

#include <fmt/format.h>

#include "notify/outbox.h"

namespace fd::app {

bool QueueEvidenceNeededEmail(store::Transaction& tx, const store::InformationRequestRecord& r,
                              const std::vector<MissingEvidence>& missing, const std::string& refusal_reason,
                              const std::string& event, Instant now) {
  if (r.requester_email.empty()) return false;
  const bool refused = event == "refused";
  std::string body = fmt::format("Dear {},\n\n", r.requester_name.empty() ? "requester" : r.requester_name);
  body += refused ? fmt::format("We cannot process your request for information {}.\n", r.reference)
                  : fmt::format("We have received your request for information {}, but we cannot process it yet.\n",
                                r.reference);
  if (!refusal_reason.empty()) body += fmt::format("\nWhy: {}\n", refusal_reason);
  if (!missing.empty()) {
    body += "\nPlease send us:\n";
    for (const auto& m : missing) body += fmt::format("- {} ({})\n", m.needed, m.rule);
    body += fmt::format("\nReply quoting {} and we will look at your request again.\n", r.reference);
  }
  body += "\nNothing about the child or family has been shared.\n";
  notify::Email email{r.requester_email,
                      fmt::format("Your request for information {}: {}", r.reference,
                                  refused ? "not processed" : "evidence needed"),
                      body,
                      "information_request",
                      r.id,
                      refused ? "refused" : "evidence-needed",
                      notify::IdempotencyKey("information_request", r.id, event)};
  return notify::Enqueue(tx, email, now);
}

bool QueueLegalHelpdeskEmail(store::Transaction& tx, const store::InformationRequestRecord& r,
                             const policy::PolicyPack& pack, const std::string& where, const std::string& public_url,
                             Instant now) {
  if (pack.routing.legal_helpdesk_email.empty()) return false;
  notify::Email email{pack.routing.legal_helpdesk_email,
                      fmt::format("Court or solicitor's request for information {}", r.reference),
                      fmt::format("A request for information from {} has been received (IR-8).\n\n"
                                  "Reference: {}\nWhere it went: {}\n\nOpen it in frontdoor: {}/information-requests/{}\n",
                                  r.requester_organisation.empty() ? std::string("a court or solicitor")
                                                                   : r.requester_organisation,
                                  r.reference, where, public_url, r.id),
                      "information_request",
                      r.id,
                      "legal-helpdesk",
                      notify::IdempotencyKey("information_request", r.id, "legal-helpdesk")};
  return notify::Enqueue(tx, email, now);
}

}  // namespace fd::app
