#include "domain/information_ground.h"

#include <algorithm>

namespace fd {
namespace {

bool Needs(const InformationRequestType& type, std::string_view check) {
  return std::find(type.checks.begin(), type.checks.end(), check) != type.checks.end();
}

}  // namespace

std::vector<InformationGround> InformationGroundsOf(const InformationRequestType& type,
                                                    const InformationEvidence& evidence) {
  // A type that needs consent rests on it whatever else was given: without it nothing is processed.
  if (Needs(type, ir_check::kConsent) || Needs(type, ir_check::kSignedParentalConsent))
    return {InformationGround::kConsent};
  if (!Needs(type, ir_check::kSafeguardingPurposeOrConsent)) return {InformationGround::kWithoutConsent};
  // IR-3: either is enough; whichever the requester gave is a basis, the safeguarding purpose first.
  std::vector<InformationGround> out;
  if (evidence.safeguarding_purpose) out.push_back(InformationGround::kWithoutConsent);
  if (evidence.consent) out.push_back(InformationGround::kConsent);
  return out;
}

}  // namespace fd
