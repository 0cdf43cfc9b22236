// The DfE Children in Need census, the referral-level items frontdoor holds: the children and their
// referrals (CINdetails) of one census year, the census's own validation rules that can be checked
// on those items, and the XML in the structure of the DfE specification for that year
// (docs/reports.md gives the version, each item's source and each rule). Pure: the records, the
// year and the working-day cut-offs come in; the XML is text.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "domain/annex_a.h"

namespace fd::returns {

// A census year, named as the DfE names the collection: Year 2025 is the 2024-25 census, from
// 1 April 2024 to its ReferenceDate, 31 March 2025.
struct CensusYear {
  int year = 0;
  Date start;           // 1 April of the year before
  Date reference_date;  // 31 March
  // From 2024-25 (Year 2025) <Sex> (F, M, U) replaces <GenderCurrent>, and LAchildID is limited to
  // 20 letters and digits (rules 1570, 1580).
  bool UsesSex() const { return year >= 2025; }
};
// REQUIRES: 2000 <= year <= 2999 (ValidCensusYear checks what a user typed).
CensusYear CensusYearOf(int year);
// kInvalid (field "year") unless a four-digit year from 2014 (the first census with these items
// as checked here) to 2100.
Result<CensusYear> ValidCensusYear(std::string_view text);
// kInvalid (field "year") when the census year ends after `today` (the authority's local date): a
// census holds a whole year, and one not yet ended cannot be submitted.
Result<void> CensusYearEnded(const CensusYear& year, Date today);

struct CensusAssessment {
  Date start;                         // AssessmentActualStartDate
  std::optional<Date> authorised;     // AssessmentAuthorisationDate
  std::vector<std::string> factors;   // FactorsIdentifiedAtAssessment (frontdoor records none)
};

struct CensusSection47 {
  Date start;                       // S47ActualStartDate: the strategy discussion that began it
  std::optional<Date> initial_cpc;  // DateOfInitialCPC
  bool icpc_not_required = false;   // ICPCnotRequired
};

// One <CINdetails>: one referral of one child.
struct CensusEpisode {
  ReferralEntry referral;
  std::optional<Date> closure_date;  // CINclosureDate (frontdoor holds none)
  std::string reason_for_closure;
  std::vector<CensusAssessment> assessments;
  std::vector<CensusSection47> section47;
};

struct CensusChild {
  ReturnChild child;
  std::vector<CensusEpisode> episodes;  // in referral date order
};

// The children of `referrals` (one per child id, in order of first referral), each with their
// referrals in date order. Referrals outside the census year are left out.
std::vector<CensusChild> GroupCensusChildren(const std::vector<ReferralEntry>& referrals, const CensusYear& year);

// kInvalid (field "year") when `children` is empty: the census's schema needs at least one <Child>
// in <Children>, so an empty census is refused rather than written ("No children in need in that
// year: nothing to return").
Result<void> CensusHasChildren(const std::vector<CensusChild>& children, const CensusYear& year);

// Something done for a child, to be put with the referral it followed: the child's referral with
// the latest date on or before `on` (none when the child has no referral by then).
CensusEpisode* EpisodeFor(CensusChild& child, Date on);

// The working-day cut-offs of the census's queries, worked out with the authority's calendar:
// ReferenceDate minus 45 working days (8670Q) and minus 15 working days (8675Q), counting the
// ReferenceDate itself as the first when it is a working day.
struct CensusCutoffs {
  Date assessment;  // 8670Q: an open assessment started before this is queried
  Date section47;   // 8675Q: an open Section 47 started before this is queried
};

// A validation failure, in plain words, with the record it concerns.
struct CensusFinding {
  std::string rule;      // the DfE rule number: "8610", "8670Q"
  bool query = false;    // a query ("Q"): to check and explain, not an error that stops the return
  std::string child_id;  // LAchildID
  std::string record;    // "referral RF-2025-000003 (contact FD-2025-000010)", or the contact alone
  std::string message;
  // "Error 8610: child P1042, referral RF-…: Primary need code is missing …"
  std::string ToString() const;
};

// Every failure of the rules docs/reports.md lists, in child order then rule order.
std::vector<CensusFinding> ValidateCensus(const std::vector<CensusChild>& children, const CensusYear& year,
                                          const CensusCutoffs& cutoffs);
bool HasErrors(const std::vector<CensusFinding>& findings);

struct CensusSource {
  std::string la_code;        // <LEA>
  std::string software_code;  // <SoftwareCode>
  std::string release;        // <Release>
  std::string serial_no = "001";
  std::string date_time;      // <DateTime>: local, "2025-05-01T10:00:00"
};

// The census message: <Message><Header>…</Header><Children><Child>… in the XSD's element order.
std::string CensusXml(const CensusSource& source, const CensusYear& year, const std::vector<CensusChild>& children);

}  // namespace fd::returns
