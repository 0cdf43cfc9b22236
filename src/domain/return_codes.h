// The code lists of the statutory returns (the DfE Children in Need census and Ofsted's Annex A),
// and how an authority's own values map onto them: the pack's [returns] table (policy/), checked
// against the lists here. docs/reports.md gives the sources and what in them is uncertain. Pure.
#pragma once

#include <chrono>
#include <map>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "domain/contact.h"

namespace fd::returns {

// CIN census ReferralSource (N00152), in the census's order: 1A … 10. Ofsted's Annex A lists 1 and
// 3 use the same codes with a letter before them ("a) 1A: Individual").
std::span<const std::string_view> CinReferralSourceCodes();
bool IsCinReferralSource(std::string_view code);
// Annex A's cell for a census referral source code ("e) 2A: Schools"); empty for an unknown code.
std::string AnnexASourceCell(std::string_view cin_code);

// CIN census PrimaryNeedCode (N00101): N0 … N9, and each code's meaning in the specification's
// words ("Abuse or neglect" for N1); empty for an unknown code.
std::span<const std::string_view> CinPrimaryNeedCodes();
bool IsCinPrimaryNeed(std::string_view code);
std::string_view CinPrimaryNeedTitle(std::string_view code);

// How the census counts a decision with this outcome.
enum class CensusReferral {
  kNone,             // it stays a contact (information and advice, early help, no further action)
  kFurtherAction,    // a referral that led to further action (ReferralNFA false)
  kNoFurtherAction,  // a referral closed with no further action (ReferralNFA true)
};
std::string_view CensusReferralId(CensusReferral referral);  // "none", "further-action", "no-further-action"
std::optional<CensusReferral> CensusReferralFromId(std::string_view id);

struct OutcomeReturnCodes {
  CensusReferral referral = CensusReferral::kNone;
  std::string primary_need;  // N0…N9 when the outcome itself says the need (a Section 47: N1); else empty
};

// An authority's mapping, as its pack's [returns] table gives it (docs/policy-packs.md).
struct ReturnCodes {
  std::string la_code;                  // the DfE local authority number, three digits (census <LEA>)
  std::string early_help_organisation;  // Annex A list 2, when an involvement names no team
  // Referrer type id (contact.h: "school", …), and "anonymous" → ReferralSource code.
  std::map<std::string, std::string> referral_sources;
  std::map<std::string, OutcomeReturnCodes> outcomes;  // outcome id → how the census counts it
};

// The referral source code of a contact's referrer: "anonymous" when the referrer withheld their
// name (HCR-20), else their type; empty when the pack maps neither.
std::string ReferralSourceCode(const ReturnCodes& codes, std::string_view referrer_type, bool anonymous);
// The referrer type ids a [returns.referral_sources] table must map, "anonymous" last.
std::vector<std::string> ReferralSourceKeys();

// Annex A's Gender cell: "a) Male", "b) Female", "c) Not stated/recorded", "d) Neither".
std::string AnnexAGenderCell(Gender gender);
// The census's sex or gender code for the year (cin_census.h): from 2024-25 (Year 2025) <Sex> F, M
// or U, U for an unborn child (rule 8750); before, <GenderCurrent> 1 male, 2 female, 0 not recorded
// or unborn, 9 indeterminate.
std::string CensusSexCode(Gender gender, bool unborn, bool uses_sex);

// Ethnicity (CIN census, XSD; Annex A lists 1 to 3): the census's twenty codes, WBRI … OOTH, REFU
// (refused) and NOBT (information not yet obtained). Both returns require a value for every child.
std::span<const std::string_view> CinEthnicityCodes();
bool IsCinEthnicity(std::string_view code);
// The census code for what a child's record holds: the code itself when it is one of the list,
// else NOBT. frontdoor records no structured ethnicity (the referral checklist's "Ethnicity, first
// language and religion", KCR-7, is free text), so every child is NOBT until one is recorded:
// free text is never read as a code.
std::string CensusEthnicityCode(std::string_view recorded);
// Annex A's Ethnicity cell for a census code: "a) WBRI" … "t) NOBT" (NOBT's letter is uncertain:
// docs/reports.md "Sources and what is uncertain"); "t) NOBT" for anything not a code.
std::string AnnexAEthnicityCell(std::string_view recorded);

// Whole years from `date_of_birth` to `on`; nullopt when `on` is before the birth.
std::optional<int> AgeInYears(std::chrono::year_month_day date_of_birth, std::chrono::year_month_day on);

}  // namespace fd::returns
