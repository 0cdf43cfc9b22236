#include "domain/referrer_disclosure.h"

#include <array>

#include <fmt/format.h>

#include "domain/text.h"

namespace fd {
namespace {

struct MethodName {
  ConsentMethod method;
  std::string_view id;
  std::string_view title;
};

constexpr std::array<MethodName, 3> kMethods = {{
    {ConsentMethod::kPhone, "phone", "By phone"},
    {ConsentMethod::kInWriting, "in-writing", "In writing"},
    {ConsentMethod::kInPerson, "in-person", "In person"},
}};

struct BasisName {
  DisclosureBasis basis;
  std::string_view id;
  std::string_view title;
};

constexpr std::array<BasisName, 2> kBases = {{
    {DisclosureBasis::kReferrerConsent, "referrer-consent", "The referrer's consent"},
    {DisclosureBasis::kManagerAuthorisation, "manager-authorisation", "A manager's authorisation"},
}};

// Checks one text field and returns it trimmed; a problem is added under `field`.
std::string Field(std::vector<FieldError>& errors, const char* field, const std::string& text, std::size_t max,
                  bool multiline, bool required, std::string_view what) {
  auto problem = required ? CheckRequiredText(text, max, multiline, what) : CheckText(text, max, multiline, what);
  if (problem) {
    errors.push_back({field, *problem});
    return {};
  }
  return Trim(text);
}

// What a disclosure on the referrer's consent rests on: the latest answer, which must be yes.
void CheckConsent(const DisclosureFacts& facts, std::vector<FieldError>& errors, AllowedDisclosure& out) {
  if (facts.consents.empty()) {
    errors.push_back({"basis",
                      "There is no consent from the referrer on record: record their consent first (whether they "
                      "agreed, how they told you and what it covers), or ask a team manager to authorise the "
                      "disclosure with a reason, such as a court order"});
    return;
  }
  const ConsentFact& latest = facts.consents.back();
  if (!latest.given) {
    const bool withdrawn = facts.consents.size() > 1 && facts.consents[facts.consents.size() - 2].given;
    errors.push_back(
        {"basis", fmt::format("The referrer's latest answer, recorded {}, was no{}: record their consent again if "
                              "they now agree, or ask a team manager to authorise the disclosure with a reason",
                              latest.recorded_at, withdrawn ? " (it withdrew their earlier consent)" : "")});
    return;
  }
  out.consent_id = latest.id;
}

// What a disclosure on a manager's authorisation rests on: a team manager disclosing at a
// colleague's request, never their own, with a reason.
void CheckAuthorisation(const DisclosureDraft& draft, const DisclosureFacts& facts, std::vector<FieldError>& errors,
                        AllowedDisclosure& out) {
  if (!facts.discloser_may_authorise)
    errors.push_back({"basis",
                      "Only a team manager can authorise disclosing the referrer's identity: ask a team manager "
                      "(not yourself) to authorise and record it, or record the referrer's consent"});
  out.authorisation_reason = Field(errors, "authorisation_reason", draft.authorisation_reason,
                                   kMaxDisclosureReasonLength, true, true,
                                   "the reason for the authorisation, for example a court order");
  if (Trim(draft.requested_by).empty()) {
    errors.push_back({"requested_by",
                      "Enter the username of the colleague who asked for the disclosure: a manager cannot "
                      "authorise their own request"});
  } else if (!facts.requester || !facts.requester->active) {
    errors.push_back({"requested_by", "There is no active user with that username"});
  } else if (facts.requester->user_id == facts.discloser_id) {
    errors.push_back({"requested_by",
                      "You cannot authorise your own request: another team manager must authorise it"});
  } else if (!facts.requester->may_request) {
    errors.push_back({"requested_by", "That user's role does not allow them to ask for the referrer's identity"});
  } else {
    out.requested_by = facts.requester->user_id;
  }
  if (facts.discloser_may_authorise) out.authorised_by = facts.discloser_id;
}

}  // namespace

std::string_view ConsentMethodId(ConsentMethod method) {
  for (const auto& m : kMethods)
    if (m.method == method) return m.id;
  return "phone";
}

std::string_view ConsentMethodTitle(ConsentMethod method) {
  for (const auto& m : kMethods)
    if (m.method == method) return m.title;
  return "By phone";
}

std::optional<ConsentMethod> ConsentMethodFromId(std::string_view id) {
  for (const auto& m : kMethods)
    if (m.id == id) return m.method;
  return std::nullopt;
}

const std::vector<ConsentMethod>& AllConsentMethods() {
  static const std::vector<ConsentMethod> all = {ConsentMethod::kPhone, ConsentMethod::kInWriting,
                                                 ConsentMethod::kInPerson};
  return all;
}

std::string_view DisclosureBasisId(DisclosureBasis basis) {
  for (const auto& b : kBases)
    if (b.basis == basis) return b.id;
  return "referrer-consent";
}

std::string_view DisclosureBasisTitle(DisclosureBasis basis) {
  for (const auto& b : kBases)
    if (b.basis == basis) return b.title;
  return "The referrer's consent";
}

std::optional<DisclosureBasis> DisclosureBasisFromId(std::string_view id) {
  for (const auto& b : kBases)
    if (b.id == id) return b.basis;
  return std::nullopt;
}

Result<void> CheckIdentityProtected(const Referrer& referrer) {
  if (IsProfessional(referrer.type))
    return std::unexpected(Error::Conflict(fmt::format(
        "The referrer is a professional ({}): KCR-14 protects a member of the public's identity only, so there is "
        "no consent to record and nothing to disclose; a professional's details are shared as for any "
        "professional contact",
        ReferrerTypeTitle(referrer.type))));
  if (!IsProtectedIdentity(referrer))
    return std::unexpected(Error::Conflict(
        "The referrer chose to stay anonymous: no name or contact details were recorded, so there is nothing to "
        "disclose"));
  return {};
}

Result<ReferrerConsent> ValidateConsent(const ConsentDraft& draft) {
  std::vector<FieldError> errors;
  ReferrerConsent consent;
  const std::string given = Trim(draft.given);
  if (given == "yes") consent.given = true;
  else if (given == "no") consent.given = false;
  else errors.push_back({"given", "Select whether the referrer agreed to their identity being shared"});
  if (auto method = ConsentMethodFromId(Trim(draft.method))) consent.method = *method;
  else errors.push_back({"method", "Select how the referrer gave their answer: by phone, in writing or in person"});
  const bool yes = given == "yes";
  consent.covers = Field(errors, "covers", draft.covers, kMaxConsentCoversLength, true, yes,
                         "what the consent covers, for example \"may be named to the school\"");
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return consent;
}

Result<AllowedDisclosure> DecideDisclosure(const DisclosureDraft& draft, const DisclosureFacts& facts) {
  if (auto applies = CheckIdentityProtected(facts.referrer); !applies) return std::unexpected(applies.error());
  std::vector<FieldError> errors;
  AllowedDisclosure out;
  out.recipient_name = Field(errors, "recipient_name", draft.recipient_name, kMaxNameLength, false, true,
                             "the name of the person you are giving the identity to");
  out.recipient_organisation = Field(errors, "recipient_organisation", draft.recipient_organisation,
                                     kMaxShortTextLength, false, true, "their organisation");
  out.reason = Field(errors, "reason", draft.reason, kMaxDisclosureReasonLength, true, true,
                     "why the identity is being disclosed");
  const auto basis = DisclosureBasisFromId(Trim(draft.basis));
  if (!basis) {
    errors.push_back({"basis", "Select the basis for the disclosure: the referrer's consent or a manager's "
                               "authorisation"});
  } else {
    out.basis = *basis;
    if (*basis == DisclosureBasis::kReferrerConsent) CheckConsent(facts, errors, out);
    else CheckAuthorisation(draft, facts, errors, out);
  }
  if (!errors.empty())
    return std::unexpected(Error::Invalid(std::move(errors), "The referrer's identity cannot be disclosed yet"));
  return out;
}

}  // namespace fd
