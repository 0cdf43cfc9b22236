// Requests for information about a child or family from other agencies (Hertfordshire section 8:
// IR-1…IR-10). The policy pack lists the request types, each with the evidence it needs, where it
// goes and how it may be answered; this file decides, from a request's type, its evidence and the
// child's state on the register, what happens: returned with the exact evidence still required
// (IR-4, IR-5, IR-7, IR-10), routed (IR-1, IR-8, IR-9), by which channel the answer may go (IR-2,
// IR-6, KCR-5), whether a manager reviews it first (IR-7), and what may be said (IR-3).
// Pure: the register state and the pack's secure domains come in as facts.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace fd {

// Evidence (check) ids exactly as the packs spell them ([[information_request_types]] checks).
namespace ir_check {
inline constexpr std::string_view kSafeguardingPurposeOrConsent = "safeguarding-purpose-or-consent";  // IR-3
inline constexpr std::string_view kConsent = "consent";                                  // IR-4
inline constexpr std::string_view kSignedParentalConsent = "signed-parental-consent";    // IR-5
inline constexpr std::string_view kReasonsAndContext = "reasons-and-context";            // IR-7
inline constexpr std::string_view kInvestigatoryBody = "investigatory-body";             // IR-9
inline constexpr std::string_view kIdentityVerified = "identity-verified";               // IR-10
// Not a pack check: the reply channel (IR-2, IR-6, KCR-5), reported with the missing evidence.
inline constexpr std::string_view kReplyChannel = "reply-channel";
}  // namespace ir_check

// Where a type goes ([[information_request_types]] route).
namespace ir_route {
inline constexpr std::string_view kCaseHolder = "case-holder";                     // IR-1
inline constexpr std::string_view kCaseHolderAndLegal = "case-holder-and-legal";   // IR-8
inline constexpr std::string_view kDataProtectionTeam = "data-protection-team";   // IR-9
}  // namespace ir_route

// What a type may answer ([[information_request_types]] answers).
namespace ir_answers {
inline constexpr std::string_view kKnownStatus = "known-status";                // IR-3
inline constexpr std::string_view kConfirmInvolvement = "confirm-involvement";  // IR-2
inline constexpr std::string_view kDetailed = "detailed";                      // IR-7, IR-8, IR-9
}  // namespace ir_answers

// Every check id, route and answers value this code knows (the pack loader refuses others).
bool IsKnownInformationCheck(std::string_view id);
bool IsKnownInformationRoute(std::string_view id);
bool IsKnownInformationAnswers(std::string_view id);

// One request type as the pack defines it.
struct InformationRequestType {
  std::string id;           // "known-to-services"
  std::string name;         // "A statutory agency asks whether a child or family is known"
  std::string rule;         // the rule it implements: "IR-3"
  std::string description;  // who asks and why, in plain words
  std::vector<std::string> checks;         // evidence ids it needs (ir_check)
  std::string route = std::string(ir_route::kCaseHolder);
  std::vector<std::string> reply_domains;  // IR-2, IR-6: e-mail only to these; empty: the pack's secure domains
  bool manager_review = false;             // IR-7: a manager reviews what is sent before it goes
  std::string answers = std::string(ir_answers::kKnownStatus);
  // IR-9: a person's request for their own records (UK GDPR art. 15): no organisation is asked for,
  // and IR-10's evidence is of the person's own identity. Only a data-protection-team type may be one.
  bool subject_access = false;
  // The [[lawful_bases]] id an answer rests on when it rests on no consent; empty: the pack's
  // [ledger] information_request (domain/information_ground.h says when consent is the ground).
  std::string lawful_basis;
};

// What the requester has given, as recorded by the front door.
struct InformationEvidence {
  bool safeguarding_purpose = false;     // the requester confirms the purpose is safeguarding (IR-3)
  bool consent = false;                  // written consent of the person or someone with PR (IR-3, IR-4)
  bool signed_parental_consent = false;  // signed parental consent (IR-5)
  bool identity_verified = false;        // the requester's identity and statutory role checked (IR-10)
  bool investigatory_body = false;       // the requester is a body with an investigatory function (IR-9)
  std::string reasons;                   // why the information is asked for, and its context (IR-7)
};

// The child (or adult) on the register, as the decision needs it.
enum class RegisterState {
  kUnknown,     // not on the register, or not found
  kOpen,        // open to a team (with an allocated worker, or at least a team)
  kClosed,      // known, nothing open now
  kAdultKnown,  // an adult who was known as a child (or was in care)
};
std::string_view RegisterStateId(RegisterState state);  // unknown, open, closed, adult-known
std::optional<RegisterState> RegisterStateFromId(std::string_view id);

// One involvement period, for the IR-3 answer: its dates, purpose and outcome.
struct InvolvementFact {
  std::string purpose;     // "Child protection plan"
  std::string started_on;  // YYYY-MM-DD
  std::string ended_on;    // empty: open
  std::string outcome;     // "Information and advice"
};

struct RegisterFacts {
  RegisterState state = RegisterState::kUnknown;
  std::optional<std::int64_t> allocated_user_id;
  std::string allocated_name;  // may be empty when only the team is known
  std::string team_name;
  std::vector<InvolvementFact> involvements;  // newest first
};

struct InformationRequestFacts {
  std::string reply_email;         // where the answer would be e-mailed; empty: none given
  bool identity_in_doubt = false;  // IR-10
  InformationEvidence evidence;
  RegisterFacts register_facts;
};

// One piece of evidence still needed: the requester is told exactly this.
struct MissingEvidence {
  std::string check;   // ir_check id
  std::string rule;    // "IR-4"
  std::string needed;  // plain words: what to ask the requester for
};

// How the answer may go (IR-2, IR-6, KCR-5).
struct ReplyChannel {
  bool email_allowed = false;        // reply_email is acceptable
  std::vector<std::string> domains;  // the domains an e-mailed answer may go to
  std::string rule;                  // "IR-6", or "KCR-5" when the pack's secure domains apply
  std::string description;           // "By e-mail to a .gov.uk address only"
};

struct InformationDecision {
  // Non-empty: the request is not processed until the requester gives these (IR-4, IR-5, IR-7,
  // IR-10, and the channel). Data-protection types are still routed to the team (IR-9), which
  // takes the requester through verification; nothing is answered until this list is empty.
  std::vector<MissingEvidence> missing;
  // "allocated-worker", "contact", "adult-contact", "front-door", "data-protection-team"; empty
  // when returned for evidence.
  std::string route;
  std::string route_rule;   // "IR-1", "IR-8", "IR-9"
  std::string route_note;   // in words, for the record
  bool legal_helpdesk = false;  // IR-8: the legal helpdesk is told as well
  ReplyChannel channel;
  bool manager_review = false;  // IR-7
  std::vector<std::string> shareable;  // the kinds of item that may be shared (IR-3)
  std::string suggested_answer;        // IR-3: known/open/closed, dates, purpose and outcome, in words
  bool returned() const { return !missing.empty(); }
};

// Decides what happens to a request of `type`. `secure_domains` are the pack's (KCR-5). Checks are
// reported in the pack's order; a check id this code does not know is reported as missing (fail
// closed). REQUIRES: nothing; an unknown route is treated as case-holder.
InformationDecision DecideInformationRequest(const InformationRequestType& type, const InformationRequestFacts& facts,
                                             const std::vector<std::string>& secure_domains);

// IR-3: the item kinds an answer of `answers` may carry.
//   known-status:         known, status, dates, purpose, outcome
//   confirm-involvement:  known, status, section-47
//   detailed:             all of those, and chronology, assessment, report, other
std::vector<std::string> ShareableKinds(std::string_view answers);
std::string_view SharedKindTitle(std::string_view kind);  // "Dates of involvement"

struct SharedItem {
  std::string kind;  // one of ShareableKinds
  std::string text;  // exactly what was said or sent
};

// Every problem with what is about to be shared, named "items[i].kind" / "items[i].text" / "items":
// no items, a kind the type may not share (IR-3), or empty text.
std::vector<FieldError> CheckSharedItems(const InformationRequestType& type, const std::vector<SharedItem>& items);

// IR-2, IR-6, KCR-5: whether the answer may go by `channel` ("email", "phone", "post", "in-person")
// to `to`. A type with reply_domains is answered by e-mail to those domains only. Returns the problem
// naming "channel" or "to", or nothing when allowed.
std::optional<FieldError> CheckReplyChannel(const InformationRequestType& type, std::string_view channel,
                                            std::string_view to, const std::vector<std::string>& secure_domains);

// True when `address` is name@domain with a domain equal to `domain` or under it, ignoring case:
// "a@x.gov.uk" is under "gov.uk"; "a@govuk.com" and "a@gov.uk.example.com" are not.
bool EmailUnderDomain(std::string_view address, std::string_view domain);

}  // namespace fd
