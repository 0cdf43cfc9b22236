// What an answer to a request for information rests on (the DPO's review of section 8, finding 6):
// the consent the requester gave (IR-3 written consent, IR-4, IR-5), or the purpose the rule lets the
// council share for without it (IR-2, IR-3 safeguarding, IR-6…IR-9). Pure: the type and the evidence
// come in; which of the pack's lawful bases each ground is, app/information_requests.cpp decides.
#pragma once

#include <vector>

#include "domain/information_request.h"

namespace fd {

enum class InformationGround {
  kWithoutConsent,  // the rule's own purpose: the type's basis, or the pack's for answering requests
  kConsent,         // the consent the requester gave
};

// The grounds an answer to a request of `type` with `evidence` lawfully rests on, the request's own
// purpose first: consent alone where the type needs consent (IR-4, IR-5); for IR-3, a safeguarding
// purpose and/or written consent, whichever was given (both: either is lawful, and the sender may
// choose); otherwise the type's purpose alone. Empty when nothing given makes it lawful (the request
// is then returned for evidence anyway).
std::vector<InformationGround> InformationGroundsOf(const InformationRequestType& type,
                                                    const InformationEvidence& evidence);

}  // namespace fd
