// The lawful-basis ledger (issue 12 point 2; KCR-4, KCR-15, HCR-26): every disclosure into or out of
// frontdoor is recorded with what items, about whom, to or from whom, on which lawful basis of the
// pack in force, authorised by whom, when, and what caused it. A disclosure with no basis, or a basis
// the pack does not list, is refused: the caller's whole transaction then fails, so nothing is sent
// (or taken in) without a recorded basis.
//
// Hooked into: partner agency checks (out when sent, in when answered; app/agency_checks.h), the
// outcome e-mail to a referrer (app/workflow.cpp AuthoriseDecision) and its first showing on the
// referrer's status page (app/status_links.cpp), the answer to a request for
// information (app/information_requests.cpp) and the statutory returns (app/statutory_returns.cpp:
// one row per export, about no one person).
//
// Who lists them: the data protection officer only (Action::kViewDisclosures), as for who viewed a
// person's records (app/record_access.h): both answer a data subject's "who has had my data?".
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/error.h"
#include "domain/instant.h"
#include "policy/policy_pack.h"
#include "store/disclosure_records.h"
#include "store/store.h"

namespace fd::app {

enum class DisclosureDirection { kOut, kIn };

// About whom: a register person, and/or a contact's child (contact id and child position). A child
// that is linked to the register is recorded with its person too.
struct DisclosureSubject {
  std::optional<std::int64_t> person_id;
  std::optional<std::int64_t> contact_id;
  std::optional<int> child_position;
};

struct Disclosure {
  DisclosureDirection direction = DisclosureDirection::kOut;
  std::vector<std::string> items;  // "name", "date_of_birth", "concern_summary", "outcome", …
  std::vector<DisclosureSubject> subjects;  // may be empty for an aggregate export
  std::string counterpart_kind;             // agency, organisation, email, person
  std::string counterpart;                  // "police", "Ofsted", an e-mail address
  std::string lawful_basis;                 // the pack's [[lawful_bases]] id
  std::optional<std::int64_t> authorised_by;  // empty where the basis needs no authorisation
  std::optional<std::int64_t> recorded_by;    // who made it; empty for the system
  std::string recorded_by_username = "system";  // for the audit event
  Instant at;
  std::string cause_kind;  // agency-check, referrer-message, information-request, export
  std::string cause_id;
  std::string detail;      // an export's return and period
};

// Records `d` under `pack` (the version in force at d.at) inside `tx`, with its audit event
// ("disclosure.recorded": ids, basis, counterpart and counts; never a name). Contact children linked to
// the register get their person id. Returns the ledger row's id.
// Errors: kInvalid naming "lawful_basis" (none, or not one of the pack's), "items" (none) or
// "counterpart" (none). REQUIRES: a write transaction; on an error the caller must not commit.
Result<std::int64_t> RecordDisclosure(store::Transaction& tx, const policy::PolicyPack& pack, const Disclosure& d);

// The cause id of a referrer told a decision's outcome (app/referrer_callbacks.cpp: "{contact}:outcome-call"
// for the call): `first` while the ledger holds none under `cause_kind` and it, as every one recorded
// before; else `first` and ":decision-{id}". A duplicate's referrer is rung with its original's outcome,
// and again with its own once the duplicate is reopened and decided: two entries the data protection
// officer must tell apart, while the references already recorded stay as they are.
std::string OutcomeCauseId(store::Transaction& tx, const std::string& cause_kind, const std::string& first,
                           std::int64_t decision_id);

// One ledger row as the data protection officer reads it.
struct DisclosureEntry {
  store::DisclosureRow row;
  std::string basis_label;  // the pack's words for the basis (its id when the pack no longer lists it)
  // What caused it, in the DPO's words (finding 7): a request for information's reference
  // ("IR-2026-000004") and its page; empty where the cause has no reference of its own or is purged.
  std::string cause_reference;
  std::string cause_link;
};

// Every disclosure about the person (or records merged into them, or contact children linked to
// them), oldest first. The listing is itself audited ("disclosures.listed").
// Errors: kForbidden (not Action::kViewDisclosures), kNotFound (no such person).
Result<std::vector<DisclosureEntry>> ListPersonDisclosures(AppContext& ctx, const Actor& actor, std::int64_t person_id);

}  // namespace fd::app
