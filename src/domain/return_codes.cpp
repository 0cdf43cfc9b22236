#include "domain/return_codes.h"

#include <algorithm>
#include <array>

namespace fd::returns {
namespace {

struct SourceCode {
  std::string_view code;
  std::string_view annex_a;  // Ofsted's cell, letter and category: docs/reports.md "Referral source"
};

// The census list (N00152) with Ofsted's lettering. 5D ("LA services – early help") came later than
// the rest and carries "p1)" so the letters after it did not move.
constexpr std::array kSources = {
    SourceCode{"1A", "a) 1A: Individual"},     SourceCode{"1B", "b) 1B: Individual"},
    SourceCode{"1C", "c) 1C: Individual"},     SourceCode{"1D", "d) 1D: Individual"},
    SourceCode{"2A", "e) 2A: Schools"},        SourceCode{"2B", "f) 2B: Education services"},
    SourceCode{"3A", "g) 3A: Health services"}, SourceCode{"3B", "h) 3B: Health services"},
    SourceCode{"3C", "i) 3C: Health services"}, SourceCode{"3D", "j) 3D: Health services"},
    SourceCode{"3E", "k) 3E: Health services"}, SourceCode{"3F", "l) 3F: Health services"},
    SourceCode{"4", "m) 4: Housing"},           SourceCode{"5A", "n) 5A: LA services"},
    SourceCode{"5B", "o) 5B: LA services"},     SourceCode{"5C", "p) 5C: LA services"},
    SourceCode{"5D", "p1) 5D: LA services"},    SourceCode{"6", "q) 6: Police"},
    SourceCode{"7", "r) 7: Other legal agency"}, SourceCode{"8", "s) 8: Other"},
    SourceCode{"9", "t) 9: Anonymous"},         SourceCode{"10", "u) 10: Unknown"},
};

constexpr std::array<std::string_view, kSources.size()> kSourceCodes = [] {
  std::array<std::string_view, kSources.size()> out{};
  for (std::size_t i = 0; i < kSources.size(); ++i) out[i] = kSources[i].code;
  return out;
}();

// The census's ethnicity list in its order, with Ofsted's lettering (the Standard Safeguarding
// Dataset's; liia-tools letters NOBT "s)", as REFU: docs/reports.md).
struct EthnicityCode {
  std::string_view code;
  std::string_view annex_a;
};
constexpr std::array kEthnicities = {
    EthnicityCode{"WBRI", "a) WBRI"}, EthnicityCode{"WIRI", "b) WIRI"}, EthnicityCode{"WIRT", "c) WIRT"},
    EthnicityCode{"WOTH", "d) WOTH"}, EthnicityCode{"WROM", "e) WROM"}, EthnicityCode{"MWBC", "f) MWBC"},
    EthnicityCode{"MWBA", "g) MWBA"}, EthnicityCode{"MWAS", "h) MWAS"}, EthnicityCode{"MOTH", "i) MOTH"},
    EthnicityCode{"AIND", "j) AIND"}, EthnicityCode{"APKN", "k) APKN"}, EthnicityCode{"ABAN", "l) ABAN"},
    EthnicityCode{"AOTH", "m) AOTH"}, EthnicityCode{"BCRB", "n) BCRB"}, EthnicityCode{"BAFR", "o) BAFR"},
    EthnicityCode{"BOTH", "p) BOTH"}, EthnicityCode{"CHNE", "q) CHNE"}, EthnicityCode{"OOTH", "r) OOTH"},
    EthnicityCode{"REFU", "s) REFU"}, EthnicityCode{"NOBT", "t) NOBT"},
};
constexpr std::string_view kNotObtained = "NOBT";

constexpr std::array<std::string_view, kEthnicities.size()> kEthnicityCodes = [] {
  std::array<std::string_view, kEthnicities.size()> out{};
  for (std::size_t i = 0; i < kEthnicities.size(); ++i) out[i] = kEthnicities[i].code;
  return out;
}();

constexpr std::array<std::string_view, 10> kPrimaryNeeds = {"N0", "N1", "N2", "N3", "N4",
                                                            "N5", "N6", "N7", "N8", "N9"};
constexpr std::array<std::string_view, 10> kPrimaryNeedTitles = {"Not stated",
                                                                 "Abuse or neglect",
                                                                 "Child's disability",
                                                                 "Parental disability or illness",
                                                                 "Family in acute stress",
                                                                 "Family dysfunction",
                                                                 "Socially unacceptable behaviour",
                                                                 "Low income",
                                                                 "Absent parenting",
                                                                 "Cases other than children in need"};

}  // namespace

std::span<const std::string_view> CinReferralSourceCodes() { return kSourceCodes; }

bool IsCinReferralSource(std::string_view code) {
  return std::find(kSourceCodes.begin(), kSourceCodes.end(), code) != kSourceCodes.end();
}

std::string AnnexASourceCell(std::string_view cin_code) {
  for (const auto& s : kSources)
    if (s.code == cin_code) return std::string(s.annex_a);
  return "";
}

std::span<const std::string_view> CinEthnicityCodes() { return kEthnicityCodes; }

bool IsCinEthnicity(std::string_view code) {
  return std::find(kEthnicityCodes.begin(), kEthnicityCodes.end(), code) != kEthnicityCodes.end();
}

std::string CensusEthnicityCode(std::string_view recorded) {
  return std::string(IsCinEthnicity(recorded) ? recorded : kNotObtained);
}

std::string AnnexAEthnicityCell(std::string_view recorded) {
  const std::string code = CensusEthnicityCode(recorded);
  for (const auto& e : kEthnicities)
    if (e.code == code) return std::string(e.annex_a);
  return "";  // not reached: NOBT is in the list
}

std::span<const std::string_view> CinPrimaryNeedCodes() { return kPrimaryNeeds; }

bool IsCinPrimaryNeed(std::string_view code) {
  return std::find(kPrimaryNeeds.begin(), kPrimaryNeeds.end(), code) != kPrimaryNeeds.end();
}

std::string_view CinPrimaryNeedTitle(std::string_view code) {
  const auto it = std::find(kPrimaryNeeds.begin(), kPrimaryNeeds.end(), code);
  return it == kPrimaryNeeds.end() ? std::string_view{} : kPrimaryNeedTitles[static_cast<std::size_t>(it - kPrimaryNeeds.begin())];
}

std::string_view CensusReferralId(CensusReferral referral) {
  switch (referral) {
    case CensusReferral::kFurtherAction: return "further-action";
    case CensusReferral::kNoFurtherAction: return "no-further-action";
    case CensusReferral::kNone: break;
  }
  return "none";
}

std::optional<CensusReferral> CensusReferralFromId(std::string_view id) {
  for (auto r : {CensusReferral::kNone, CensusReferral::kFurtherAction, CensusReferral::kNoFurtherAction})
    if (CensusReferralId(r) == id) return r;
  return std::nullopt;
}

std::string ReferralSourceCode(const ReturnCodes& codes, std::string_view referrer_type, bool anonymous) {
  const auto it = codes.referral_sources.find(anonymous ? std::string("anonymous") : std::string(referrer_type));
  return it == codes.referral_sources.end() ? std::string() : it->second;
}

std::vector<std::string> ReferralSourceKeys() {
  std::vector<std::string> keys;
  for (ReferrerType t : AllReferrerTypes()) keys.emplace_back(ReferrerTypeId(t));
  keys.emplace_back("anonymous");
  return keys;
}

std::string AnnexAGenderCell(Gender gender) {
  switch (gender) {
    case Gender::kMale: return "a) Male";
    case Gender::kFemale: return "b) Female";
    case Gender::kOther: return "d) Neither";
    case Gender::kNotKnown: break;
  }
  return "c) Not stated/recorded";
}

std::string CensusSexCode(Gender gender, bool unborn, bool uses_sex) {
  if (uses_sex) {
    if (unborn) return "U";
    if (gender == Gender::kMale) return "M";
    if (gender == Gender::kFemale) return "F";
    return "U";
  }
  if (unborn) return "0";
  switch (gender) {
    case Gender::kMale: return "1";
    case Gender::kFemale: return "2";
    case Gender::kOther: return "9";
    case Gender::kNotKnown: break;
  }
  return "0";
}

std::optional<int> AgeInYears(std::chrono::year_month_day date_of_birth, std::chrono::year_month_day on) {
  using namespace std::chrono;
  if (sys_days(on) < sys_days(date_of_birth)) return std::nullopt;
  int age = static_cast<int>(on.year()) - static_cast<int>(date_of_birth.year());
  // Not yet had this year's birthday (a 29 February birthday falls on 1 March in other years).
  if (on.month() < date_of_birth.month() || (on.month() == date_of_birth.month() && on.day() < date_of_birth.day()))
    --age;
  return age;
}

}  // namespace fd::returns
