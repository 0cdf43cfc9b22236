// Statutory returns (issue 9 points 2 and 3; docs/reports.md): Ofsted's Annex A lists 1 (contacts),
// 2 (early help) and 3 (referrals) for a period, as CSV or XLSX, and the DfE Children in Need
// census's referral-level items for a census year, as the census XML after its validation rules.
// For team managers and analysts (Action::kViewPerformance). Each return produced is audited
// ("report.produced": which return, the period or year, how many rows; never a name).
//
// Which records, which codes and which blanks: domain/annex_a.h and domain/cin_census.h; the codes
// come from the [returns] table of the pack in force when each contact was received (CRU-5).
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "app/actor.h"
#include "app/context.h"
#include "domain/annex_a.h"
#include "domain/cin_census.h"
#include "domain/error.h"

namespace fd::app {

enum class ReturnFormat { kCsv, kXlsx };

// A return ready to hand over.
struct ReturnFile {
  std::string file_name;     // "annex-a-list-1-2025-01-01-to-2025-06-30.csv", "cin-census-2025.xml"
  std::string content_type;  // "text/csv; charset=utf-8", the XLSX type, "application/xml"
  std::string bytes;
  std::int64_t rows = 0;  // Annex A rows on every list; the census's CINdetails
};

struct AnnexARequest {
  std::vector<int> lists;  // 1, 2 and/or 3; more than one only as XLSX (a sheet each)
  returns::Period period;
  ReturnFormat format = ReturnFormat::kCsv;
};

// What a user typed (CLI, API, page): `list` "1", "2", "3" or "all"; `from` and `to` YYYY-MM-DD with
// from on or before to; `format` "csv" or "xlsx". Errors: kInvalid naming each field ("list",
// "from", "to", "format"); "all" as CSV is refused (a CSV holds one list).
Result<AnnexARequest> ParseAnnexARequest(std::string_view list, std::string_view from, std::string_view to,
                                         std::string_view format);

// The Annex A lists asked for. Errors: kForbidden without kViewPerformance; kInvalid naming "to"
// when the period ends after today (the authority's local date), and when a pack version that
// applies has no [returns] table; kUnavailable when the XLSX cannot be written. A CSV begins with
// the UTF-8 byte-order mark.
Result<ReturnFile> ProduceAnnexA(AppContext& ctx, const Actor& actor, const AnnexARequest& request);

struct CinCensusReturn {
  returns::CensusYear year;
  std::vector<returns::CensusFinding> findings;  // errors and queries, each naming its record
  std::int64_t children = 0;
  std::int64_t referrals = 0;
  // The XML; none when the validation found errors and they were not allowed (queries never stop it).
  std::optional<ReturnFile> file;
};

// The census for `year`: the referrals of the contacts received in it (1 April to 31 March), with
// the assessments (register involvements) and Section 47 enquiries (strategy discussions on CP Chair
// consultations) frontdoor holds, validated first. Errors: kForbidden; kInvalid naming "year" when
// the year has not ended or has no children in need (the census cannot be sent without a child),
// and when a pack that applies has no [returns] table. Nothing is audited then.
Result<CinCensusReturn> ProduceCinCensus(AppContext& ctx, const Actor& actor, const returns::CensusYear& year,
                                         bool allow_errors);

}  // namespace fd::app
