// Ofsted's Annex A (ILACS) lists 1, 2 and 3 (contacts, early help, referrals): which records are on
// each list for a period, and each row's cells with Ofsted's column names and code values
// (docs/reports.md). Pure: the records and the period come in; the CSV is text. The XLSX is written
// from the same cells (app/xlsx_workbook.h).
#pragma once

#include <chrono>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/contact.h"
#include "domain/error.h"

namespace fd::returns {

using Date = std::chrono::year_month_day;

// A child as the returns identify and describe them.
struct ReturnChild {
  // Child Unique ID (Annex A) and LAchildID (census): "P" and the register number for a child
  // linked to the register (so a child's contacts and referrals share it), else "C", the contact's
  // number, "N" and the child's place on the contact ("C12N1"). Letters and digits only (rule 1580).
  std::string id;
  Gender gender = Gender::kNotKnown;
  std::optional<Date> date_of_birth;
  std::optional<Date> expected_date;  // an unborn child
  // The census ethnicity code recorded for the child (return_codes.h); frontdoor records none yet,
  // so it is empty and both returns say NOBT, "Information not yet obtained".
  std::string ethnicity;
};

std::string RegisterChildId(std::int64_t person_id);                     // "P1042"
std::string ContactChildId(std::int64_t contact_id, int position);       // "C12N1" (position 0 → N1)

// One child on one contact (list 1).
struct ContactEntry {
  ReturnChild child;
  Date received_on;         // the local date the contact was received
  std::string source_code;  // census ReferralSource code, from the pack (empty: not mapped)
  std::string contact_reference;
  // For a contact closed as a duplicate of another: that contact, as list 1 compares them.
  struct Original {
    Date received_on;
    std::string source_code;
    bool same_child = false;  // the original has this child too (one register person, NHS number, or names and birth)
  };
  std::optional<Original> duplicate_of;
};

// Whether list 1 leaves `entry` out as one contact recorded twice: it is on a contact closed as a
// duplicate, and the contact it duplicates has the same child, received the same day from the
// same source (the row's key columns as Ofsted's tooling de-duplicates them: Child Unique ID, Date
// of Contact, Contact Source). A duplicate about another child, on another day or from another
// source is a contact of its own: "all contacts … an entry for each child".
bool RecordedTwice(const ContactEntry& entry);

// One early help episode of a child on the register (list 2).
struct EarlyHelpEntry {
  ReturnChild child;
  Date started_on;
  std::optional<Date> ended_on;
  std::string organisation;
};

// One referral of one child (list 3 and the census): an authorised decision whose outcome the pack
// counts as a census referral, once for each child it covers.
struct ReferralEntry {
  ReturnChild child;
  // The local date the contact it came from was received: the day children's social care received
  // the referral (docs/reports.md "Referral date").
  Date referred_on;
  std::string source_code;
  bool nfa = false;
  std::string primary_need;
  std::string team;    // the responsible team's queue it went to; empty for a referral closed with no further action
  std::string worker;  // the child's allocated worker on the register, when there is one
  std::string referral_reference;  // "RF-2026-000001"; empty for a referral closed with no further action
  std::string contact_reference;
  std::int64_t contact_id = 0;  // orders referrals of one day
};

struct AnnexACell {
  enum class Kind { kBlank, kText, kDate, kNumber };
  Kind kind = Kind::kBlank;
  std::string text;
  Date date{};
  std::int64_t number = 0;

  static AnnexACell Blank() { return AnnexACell{}; }
  static AnnexACell Text(std::string text);  // blank when empty
  static AnnexACell On(std::optional<Date> date);  // blank when none
  static AnnexACell Number(std::optional<std::int64_t> number);
};

struct AnnexAList {
  int number = 1;          // 1, 2 or 3
  std::string sheet_name;  // as Ofsted names the list: "List 1 - Contacts"
  std::vector<std::string> columns;
  std::vector<std::vector<AnnexACell>> rows;
};

struct Period {
  Date from;  // first day, included
  Date to;    // last day, included
  bool Contains(Date d) const;
};

// REQUIRES: from <= to. Rows in date order, then by child.
// List 1: every entry received in the period but those RecordedTwice. Age is taken on the period's
// last day (the day of the inspection the lists are asked for).
AnnexAList AnnexAList1(const std::vector<ContactEntry>& entries, const Period& period);
// List 2: episodes started on or before the period's end and not ended before its start (the
// assessments in the period and the interventions current in it). A completion date after the
// period's end is left blank: not complete at the end of the period.
AnnexAList AnnexAList2(const std::vector<EarlyHelpEntry>& entries, const Period& period);
// List 3: the entries referred in the period. `entries` may hold earlier ones too: "Number of
// Referrals in Last 12 Months" counts the same child's referrals in the twelve months before each
// one (from the same day a year earlier, up to the day before), so give at least those.
AnnexAList AnnexAList3(const std::vector<ReferralEntry>& entries, const Period& period);

// The column names of a list (1, 2 or 3), exactly as the template has them.
std::vector<std::string> AnnexAColumns(int list);
std::string AnnexASheetName(int list);

// RFC 4180 CSV: the header row then each row; CRLF line ends; a field quoted when it holds a comma,
// quote or line break. Dates dd/mm/yyyy as Ofsted's template writes them.
std::string AnnexACsv(const AnnexAList& list);
std::string FormatUkDate(Date date);  // "01/07/2025"

}  // namespace fd::returns
