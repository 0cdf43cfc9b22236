// Where and to whom a request for information may be answered (Hertfordshire section 8): the one
// rule for an address an answer goes to (IR-2, IR-6: "by e-mail to a .gov.uk address", so exactly one
// address), and which kinds of request are a person's own (IR-9 subject access). Pure; defined in
// domain/information_request.cpp beside the decision that uses them.
//
// What domain/information_request.h says of these, as they now hold:
// - DecideInformationRequest: only a type with reply_domains (IR-2, IR-6) waits for an address it may
//   e-mail (`reply-channel`); for any other an address frontdoor may not e-mail (KCR-5) only rules out
//   e-mail (`channel.email_allowed` false): it is answered by phone, post or in person.
// - CheckReplyChannel: `to` is never empty, and an e-mail goes to exactly one address (a list is
//   refused as a list).
// - CheckSharedItems: an item with words and no kind ("Not used") is named; kinds are named in words.
// - EmailUnderDomain: false for anything that is not exactly one address.
#pragma once

#include <string>
#include <string_view>

#include "domain/information_request.h"

namespace fd {

// Exactly one e-mail address (name@host.domain: one "@", no list separators, spaces or angle
// brackets). The one check for every address a request is answered at: the requester's, a corrected
// reply address and the answer's "to" (LooksLikeEmail, domain/text.h, is the rule).
bool IsOneEmailAddress(std::string_view address);

// The message for an address that is not one; a list is named as a list. `what` begins it.
std::string NotOneEmailAddressMessage(std::string_view address, std::string_view what);

// IR-9: the Data Protection Team's two kinds are exemption requests, "only from bodies with an
// investigatory function", and subject access requests, a person's own. A Data Protection Team kind
// that does not check for an investigatory body is subject access: no organisation is asked for, and
// IR-10's evidence is of the person's own identity, not "a statutory agency".
bool IsSubjectAccess(const InformationRequestType& type);

}  // namespace fd
