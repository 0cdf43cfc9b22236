#include "domain/information_request.h"
#include "domain/information_reply.h"

#include <algorithm>
#include <array>
#include <cctype>

#include <fmt/format.h>

#include "domain/text.h"

namespace fd {
namespace {

bool Lists(const std::vector<std::string>& list, std::string_view id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

std::string Lower(std::string_view s) {
  std::string out(s);
  for (auto& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

// A check, the rule it comes from, and what the requester is asked for when it is missing.
struct CheckRow {
  std::string_view id, rule, needed;
};

constexpr std::array<CheckRow, 6> kChecks{{
    {ir_check::kSafeguardingPurposeOrConsent, "IR-3",
     "Confirmation that the information is needed to protect and safeguard the welfare of a child, or the written "
     "consent of someone with parental responsibility"},
    {ir_check::kConsent, "IR-4",
     "A copy of a consent form signed by the person the information is about, or by someone with parental "
     "responsibility"},
    {ir_check::kSignedParentalConsent, "IR-5",
     "Signed parental consent: this request informs no safeguarding decision, so nothing is shared without it"},
    {ir_check::kReasonsAndContext, "IR-7",
     "Why the information is requested, and the context or background to the request"},
    {ir_check::kInvestigatoryBody, "IR-9",
     "Evidence that the requester is a body with an investigatory function (such as the police, UK Border Agency, "
     "probation or CEOP)"},
    {ir_check::kIdentityVerified, "IR-10",
     "Evidence of the requester's identity as a statutory agency (and consent from someone with parental "
     "responsibility, unless there is a child protection risk)"},
}};

const CheckRow* CheckFor(std::string_view id) {
  for (const auto& row : kChecks)
    if (row.id == id) return &row;
  return nullptr;
}

// IR-10 for a person asking for their own records (IR-9 subject access): their own identity, as the
// seed's "identity as a statutory agency" is about agencies.
constexpr std::string_view kOwnIdentityNeeded =
    "Evidence of the person's own identity (for example a passport or driving licence, and proof of their address), "
    "so that their records go only to them";

MissingEvidence Missing(const CheckRow& row, const InformationRequestType& type) {
  if (row.id == ir_check::kIdentityVerified && IsSubjectAccess(type))
    return {std::string(row.id), std::string(row.rule), std::string(kOwnIdentityNeeded)};
  return {std::string(row.id), std::string(row.rule), std::string(row.needed)};
}

bool Holds(std::string_view id, const InformationEvidence& e) {
  if (id == ir_check::kSafeguardingPurposeOrConsent) return e.safeguarding_purpose || e.consent;
  if (id == ir_check::kConsent) return e.consent;
  if (id == ir_check::kSignedParentalConsent) return e.signed_parental_consent;
  if (id == ir_check::kReasonsAndContext) return !Trim(e.reasons).empty();
  if (id == ir_check::kInvestigatoryBody) return e.investigatory_body;
  if (id == ir_check::kIdentityVerified) return e.identity_verified;
  return false;  // fail closed
}

std::string DomainList(const std::vector<std::string>& domains) {
  std::string out;
  for (std::size_t i = 0; i < domains.size(); ++i)
    out += (i == 0 ? "" : i + 1 == domains.size() ? " or " : ", ") + std::string(".") + domains[i];
  return out;
}

ReplyChannel ChannelFor(const InformationRequestType& type, const std::vector<std::string>& secure_domains) {
  ReplyChannel c;
  if (!type.reply_domains.empty()) {
    c.domains = type.reply_domains;
    c.rule = type.rule;
    c.description = fmt::format("By e-mail to a {} address only", DomainList(type.reply_domains));
  } else {
    c.domains = secure_domains;
    c.rule = "KCR-5";
    c.description = fmt::format("By e-mail only to a secure address ({}); otherwise by phone or post once the "
                                "requester's identity is checked",
                                DomainList(secure_domains));
  }
  return c;
}

bool UnderAny(std::string_view address, const std::vector<std::string>& domains) {
  return std::any_of(domains.begin(), domains.end(), [&](const std::string& d) { return EmailUnderDomain(address, d); });
}

std::string Involvement(const InvolvementFact& f) {
  std::string out = f.purpose.empty() ? std::string("Involvement") : f.purpose;
  if (!f.started_on.empty()) {
    out += ", from " + f.started_on;
    out += f.ended_on.empty() ? std::string(" (open)") : fmt::format(" to {}", f.ended_on);
  }
  if (!f.outcome.empty()) out += "; outcome: " + f.outcome;
  return out;
}

// IR-3: known / open or closed / dates, purpose and outcome — nothing else.
std::string SuggestedAnswer(std::string_view answers, const RegisterFacts& r) {
  if (r.state == RegisterState::kUnknown) return "Not known to children's services.";
  std::string out = "Known to children's services: ";
  out += r.state == RegisterState::kOpen ? "the case is open." : "the case is closed.";
  if (answers == ir_answers::kConfirmInvolvement) return out;
  for (const auto& f : r.involvements) out += fmt::format(" {}.", Involvement(f));
  return out;
}

}  // namespace

bool IsKnownInformationCheck(std::string_view id) { return CheckFor(id) != nullptr; }
bool IsKnownInformationRoute(std::string_view id) {
  return id == ir_route::kCaseHolder || id == ir_route::kCaseHolderAndLegal || id == ir_route::kDataProtectionTeam;
}
bool IsKnownInformationAnswers(std::string_view id) {
  return id == ir_answers::kKnownStatus || id == ir_answers::kConfirmInvolvement || id == ir_answers::kDetailed;
}

std::string_view RegisterStateId(RegisterState state) {
  switch (state) {
    case RegisterState::kOpen: return "open";
    case RegisterState::kClosed: return "closed";
    case RegisterState::kAdultKnown: return "adult-known";
    case RegisterState::kUnknown: break;
  }
  return "unknown";
}

std::optional<RegisterState> RegisterStateFromId(std::string_view id) {
  for (RegisterState s : {RegisterState::kUnknown, RegisterState::kOpen, RegisterState::kClosed, RegisterState::kAdultKnown})
    if (RegisterStateId(s) == id) return s;
  return std::nullopt;
}

InformationDecision DecideInformationRequest(const InformationRequestType& type, const InformationRequestFacts& facts,
                                             const std::vector<std::string>& secure_domains) {
  InformationDecision d;
  const auto& e = facts.evidence;
  for (const auto& id : type.checks) {
    if (Holds(id, e)) continue;
    if (const auto* row = CheckFor(id)) d.missing.push_back(Missing(*row, type));
    else
      d.missing.push_back({id, type.rule, "The front door cannot check \"" + id + "\": refer the request to a manager"});
  }
  // IR-10: in doubt, nothing is disclosed until the requester proves who they are — whatever the type.
  if (facts.identity_in_doubt && !e.identity_verified && !Lists(type.checks, ir_check::kIdentityVerified)) {
    d.missing.push_back(Missing(*CheckFor(ir_check::kIdentityVerified), type));
  }
  // IR-2, IR-6, KCR-5: the answer goes only where the type (or the pack) allows. Only a type answered
  // by e-mail alone (IR-2, IR-6) waits for an address it may go to; any other may be answered by
  // phone, post or in person, so an address that may not be e-mailed only rules out e-mail (IR-8 has
  // no such condition; a subject access request is often from a private address).
  d.channel = ChannelFor(type, secure_domains);
  const std::string email(Trim(facts.reply_email));
  if (!email.empty()) {
    d.channel.email_allowed = UnderAny(email, d.channel.domains);
    if (!d.channel.email_allowed && !type.reply_domains.empty())
      d.missing.push_back({std::string(ir_check::kReplyChannel), d.channel.rule,
                           fmt::format("One e-mail address ending {} to send the answer to: {} is not one, and the "
                                       "answer may go only there",
                                       DomainList(d.channel.domains), email)});
  } else if (!type.reply_domains.empty()) {
    d.missing.push_back({std::string(ir_check::kReplyChannel), d.channel.rule,
                         fmt::format("An e-mail address ending {} to send the answer to: it may be sent nowhere else",
                                     DomainList(d.channel.domains))});
  }
  d.manager_review = type.manager_review;
  d.shareable = ShareableKinds(type.answers);

  // IR-9: exemption and subject access requests go to the Data Protection Team only, which takes
  // the requester through verification; so they are routed even while evidence is missing.
  if (type.route == ir_route::kDataProtectionTeam) {
    d.route = "data-protection-team";
    d.route_rule = "IR-9";
    d.route_note = "To the Data Protection Team only";
    return d;
  }
  if (d.returned()) return d;  // IR-4: not processed until the evidence comes

  const auto& r = facts.register_facts;
  d.route_rule = "IR-1";
  switch (r.state) {
    case RegisterState::kOpen: {
      d.route = "allocated-worker";
      std::string who = !r.allocated_name.empty() ? r.allocated_name : "the allocated team";
      if (!r.team_name.empty()) who += fmt::format(" ({})", r.team_name);
      d.route_note = "Open to a team: the allocated worker, " + who + ", handles the request";
      break;
    }
    case RegisterState::kClosed:
      d.route = "contact";
      d.route_note = "Closed: a contact is opened and the front door handles the request";
      break;
    case RegisterState::kAdultKnown:
      // The adult contact is on the adults' record system, not here: the note says who opens it.
      d.route = "adult-contact";
      d.route_note = "An adult who received children's services as a child: the front door opens an adult contact "
                     "on the adults' record system to process the request";
      break;
    case RegisterState::kUnknown:
      d.route = "front-door";
      d.route_note = "Not known to children's services: the front door answers";
      break;
  }
  if (type.route == ir_route::kCaseHolderAndLegal) {
    d.route_rule = "IR-8";
    d.legal_helpdesk = true;
    d.route_note += "; the legal helpdesk is told";
  }
  d.suggested_answer = SuggestedAnswer(type.answers, r);
  return d;
}

std::vector<std::string> ShareableKinds(std::string_view answers) {
  if (answers == ir_answers::kConfirmInvolvement) return {"known", "status", "section-47"};
  if (answers == ir_answers::kDetailed)
    return {"known", "status", "dates", "purpose", "outcome", "section-47", "chronology", "assessment", "report", "other"};
  return {"known", "status", "dates", "purpose", "outcome"};
}

std::string_view SharedKindTitle(std::string_view kind) {
  struct Row {
    std::string_view kind, title;
  };
  static constexpr std::array<Row, 10> kTitles{{
      {"known", "Whether known to children's services"},
      {"status", "Whether the case is open or closed"},
      {"dates", "Dates of involvement"},
      {"purpose", "Purpose of involvement"},
      {"outcome", "Outcome of involvement"},
      {"section-47", "Involvement in a Section 47 enquiry"},
      {"chronology", "Chronology"},
      {"assessment", "Assessment"},
      {"report", "Report or document"},
      {"other", "Other information"},
  }};
  for (const auto& row : kTitles)
    if (row.kind == kind) return row.title;
  return kind;
}

std::vector<FieldError> CheckSharedItems(const InformationRequestType& type, const std::vector<SharedItem>& items) {
  std::vector<FieldError> errors;
  if (items.empty()) errors.push_back({"items", "Add what was shared: at least one item, with its kind and the exact words"});
  const auto kinds = ShareableKinds(type.answers);
  for (std::size_t i = 0; i < items.size(); ++i) {
    const std::string at = "items[" + std::to_string(i) + "]";
    std::string allowed;
    for (const auto& k : kinds) allowed += (allowed.empty() ? "" : "; ") + std::string(SharedKindTitle(k));
    if (Trim(items[i].kind).empty()) {
      errors.push_back({at + ".kind", fmt::format("Choose what this item is ({}), or clear its words: an item left "
                                                  "\"Not used\" cannot say anything",
                                                  allowed)});
    } else if (!Lists(kinds, items[i].kind)) {
      errors.push_back({at + ".kind", fmt::format("{} may not be shared for this kind of request ({}): choose one of: {}",
                                                  SharedKindTitle(items[i].kind), type.rule, allowed)});
    }
    if (Trim(items[i].text).empty())
      errors.push_back({at + ".text", "Enter exactly what was shared for this item"});
    else if (items[i].text.size() > 20000)
      errors.push_back({at + ".text", "Shorten this item to 20,000 characters or fewer"});
  }
  return errors;
}

std::optional<FieldError> CheckReplyChannel(const InformationRequestType& type, std::string_view channel,
                                            std::string_view to, const std::vector<std::string>& secure_domains) {
  const ReplyChannel allowed = ChannelFor(type, secure_domains);
  if (channel == "email") {
    if (Trim(to).empty())
      return FieldError{"to", fmt::format("Enter the e-mail address the answer was sent to: one address ending {}",
                                          DomainList(allowed.domains))};
    if (!IsOneEmailAddress(Trim(to)))
      return FieldError{"to", NotOneEmailAddressMessage(Trim(to), "The address the answer was sent to")};
    if (!UnderAny(Trim(to), allowed.domains))
      return FieldError{"to", fmt::format("The answer may be e-mailed only to an address ending {} ({}): ask the "
                                          "requester for one",
                                          DomainList(allowed.domains), allowed.rule)};
    return std::nullopt;
  }
  if (channel != "phone" && channel != "post" && channel != "in-person")
    return FieldError{"channel", "Choose how the answer was given: email, phone, post or in-person"};
  if (!type.reply_domains.empty())
    return FieldError{"channel", fmt::format("This request may be answered only by e-mail to a {} address ({})",
                                             DomainList(type.reply_domains), type.rule)};
  if (Trim(to).empty())
    return FieldError{"to", "Enter whom the answer was given to: the person spoken to, or the name and address it was "
                            "posted to"};
  return std::nullopt;
}

bool IsOneEmailAddress(std::string_view address) { return LooksLikeEmail(address); }

bool IsSubjectAccess(const InformationRequestType& type) { return type.subject_access; }

std::string NotOneEmailAddressMessage(std::string_view address, std::string_view what) {
  const bool list = std::count(address.begin(), address.end(), '@') > 1 ||
                    address.find_first_of(",;") != std::string_view::npos;
  if (list)
    return fmt::format("{} must be exactly one e-mail address, not a list: enter the one address the answer goes to",
                       what);
  return fmt::format("{} is not an e-mail address: enter it in the correct format, like name@agency.gov.uk", what);
}

bool EmailUnderDomain(std::string_view address, std::string_view domain) {
  if (!IsOneEmailAddress(address)) return false;
  const auto at = address.rfind('@');
  if (at == std::string_view::npos || at == 0 || at + 1 >= address.size()) return false;
  std::string host = Lower(address.substr(at + 1));
  std::string want = Lower(domain);
  while (!want.empty() && (want.front() == '@' || want.front() == '.')) want.erase(0, 1);
  while (!want.empty() && want.back() == '.') want.pop_back();
  if (want.empty() || host.find_first_of(" <>\t") != std::string::npos) return false;
  if (host == want) return true;
  return host.size() > want.size() && host.compare(host.size() - want.size(), want.size(), want) == 0 &&
         host[host.size() - want.size() - 1] == '.';
}

}  // namespace fd
