// HCR-9, KCR-5: a school's red form sent without consulting the Hub first is returned to the sender,
// by e-mail. frontdoor e-mails a professional only at a secure address (the pack's list), so a school
// writing from its own domain (".sch.uk") cannot be e-mailed: the return is then a call. Its contact
// says so, and so does the "Returned forms" queue, and the pack's acknowledgement clock (HCR-22) runs
// until the call is recorded as a verbal acknowledgement with a note (app/deadlines.h
// AcknowledgeContact), as for any contact acknowledged by phone (worker review finding 2).
#pragma once

#include <cstdint>
#include <set>
#include <string>
#include <vector>

#include "domain/contact.h"
#include "store/store.h"

namespace fd::app {

// What the contact and the queue say of a return no e-mail could carry: why it was not sent, whom to
// ring and on what number, and what to tell them. Pure.
std::string ReturnNotSentWords(const Referrer& referrer);

// Of `contact_ids`, the returned forms whose return was not e-mailed (no e-mail of its purpose
// "returned" queued) and whose call is not yet recorded (no acknowledgement): the calls to make.
std::set<std::int64_t> ReturnsToRing(store::Transaction& tx, const std::vector<std::int64_t>& contact_ids);

}  // namespace fd::app
