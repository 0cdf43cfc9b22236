// The e-mails a request for information causes, queued in the outbox in the same transaction as
// the change (notify/outbox.h): the requester told what evidence is needed when a request is
// returned (IR-4, IR-10) or refused, and the legal helpdesk told of a court or solicitor's request
// (IR-8). None of them names the child or says whether the child is known: the requester is not
// yet entitled to know, and the helpdesk opens the request in frontdoor.
#pragma once

#include <string>
#include <vector>

#include "domain/information_request.h"
#include "policy/policy_pack.h"
#include "store/information_request_records.h"
#include "store/store.h"

namespace fd::app {

// Queues the requester's e-mail saying what is missing, when they gave an address. `event` tells
// repeated returns apart ("returned:<decided_at>", "refused"). True when an e-mail was queued.
bool QueueEvidenceNeededEmail(store::Transaction& tx, const store::InformationRequestRecord& r,
                              const std::vector<MissingEvidence>& missing, const std::string& refusal_reason,
                              const std::string& event, Instant now);

// Queues the legal helpdesk's note of a routed court or solicitor's request (IR-8), when the pack
// names the helpdesk's address. `where` says where the request went, in words. Its link is absolute,
// on `public_url` (the configured public base URL), as an e-mail is read outside frontdoor.
bool QueueLegalHelpdeskEmail(store::Transaction& tx, const store::InformationRequestRecord& r,
                             const policy::PolicyPack& pack, const std::string& where, const std::string& public_url,
                             Instant now);

}  // namespace fd::app
