#include "domain/annex_a.h"

#include <algorithm>
#include <map>
#include <tuple>

#include <fmt/format.h>

#include "domain/csv.h"
#include "domain/return_codes.h"

namespace fd::returns {
namespace {

using std::chrono::sys_days;

// Columns as Ofsted's template names them (docs/reports.md "Sources"; the case of "start date",
// "completion date" and "Date of referral" is the template's own).
const std::vector<std::string> kList1Columns = {"Child Unique ID", "Gender",        "Ethnicity",
                                                "Date of Birth",   "Age of Child (Years)", "Date of Contact",
                                                "Contact Source"};
const std::vector<std::string> kList2Columns = {"Child Unique ID",
                                                "Gender",
                                                "Ethnicity",
                                                "Date of Birth",
                                                "Age of Child (Years)",
                                                "Assessment start date",
                                                "Assessment completion date",
                                                "Organisation completing assessment"};
const std::vector<std::string> kList3Columns = {"Child Unique ID",
                                                "Gender",
                                                "Ethnicity",
                                                "Date of Birth",
                                                "Age of Child (Years)",
                                                "Date of referral",
                                                "Referral Source",
                                                "Referral NFA?",
                                                "Number of Referrals in Last 12 Months",
                                                "Allocated Team",
                                                "Allocated Worker"};

// The four columns every list starts with after the ID. Ethnicity may not be blank: "t) NOBT" (not
// yet obtained) unless a code is recorded. Age on `as_of`: blank for an unborn child or an unknown
// date of birth.
void ChildCells(std::vector<AnnexACell>& row, const ReturnChild& child, Date as_of) {
  row.push_back(AnnexACell::Text(child.id));
  row.push_back(AnnexACell::Text(AnnexAGenderCell(child.gender)));
  row.push_back(AnnexACell::Text(AnnexAEthnicityCell(child.ethnicity)));
  row.push_back(AnnexACell::On(child.date_of_birth));
  std::optional<std::int64_t> age;
  if (child.date_of_birth)
    if (auto years = AgeInYears(*child.date_of_birth, as_of)) age = *years;
  row.push_back(AnnexACell::Number(age));
}

AnnexAList Empty(int list) {
  AnnexAList out;
  out.number = list;
  out.sheet_name = AnnexASheetName(list);
  out.columns = AnnexAColumns(list);
  return out;
}

bool Before(Date a, Date b) { return sys_days(a) < sys_days(b); }

// The same day a year earlier; for 29 February, 1 March (as the dashboard counts re-referrals).
Date YearBefore(Date d) {
  const Date back = d - std::chrono::years{1};
  if (back.ok()) return back;
  return Date{back.year(), std::chrono::March, std::chrono::day{1}};
}

}  // namespace

std::string RegisterChildId(std::int64_t person_id) { return fmt::format("P{}", person_id); }
std::string ContactChildId(std::int64_t contact_id, int position) {
  return fmt::format("C{}N{}", contact_id, position + 1);
}

AnnexACell AnnexACell::Text(std::string text) {
  AnnexACell c;
  if (text.empty()) return c;
  c.kind = Kind::kText;
  c.text = std::move(text);
  return c;
}

AnnexACell AnnexACell::On(std::optional<Date> date) {
  AnnexACell c;
  if (!date) return c;
  c.kind = Kind::kDate;
  c.date = *date;
  return c;
}

AnnexACell AnnexACell::Number(std::optional<std::int64_t> number) {
  AnnexACell c;
  if (!number) return c;
  c.kind = Kind::kNumber;
  c.number = *number;
  return c;
}

bool Period::Contains(Date d) const { return !Before(d, from) && !Before(to, d); }

std::vector<std::string> AnnexAColumns(int list) {
  if (list == 2) return kList2Columns;
  if (list == 3) return kList3Columns;
  return kList1Columns;
}

// As the lists are commonly named (docs/reports.md: the template's sheet names were not seen).
std::string AnnexASheetName(int list) {
  if (list == 2) return "List 2 - Early Help Assessments";
  if (list == 3) return "List 3 - Referrals";
  return "List 1 - Contacts";
}

bool RecordedTwice(const ContactEntry& entry) {
  const auto& original = entry.duplicate_of;
  return original && original->same_child && original->received_on == entry.received_on &&
         original->source_code == entry.source_code;
}

AnnexAList AnnexAList1(const std::vector<ContactEntry>& entries, const Period& period) {
  std::vector<const ContactEntry*> in;
  for (const auto& e : entries)
    if (period.Contains(e.received_on) && !RecordedTwice(e)) in.push_back(&e);
  std::stable_sort(in.begin(), in.end(), [](const ContactEntry* a, const ContactEntry* b) {
    return sys_days(a->received_on) < sys_days(b->received_on);
  });
  AnnexAList out = Empty(1);
  for (const ContactEntry* e : in) {
    std::vector<AnnexACell> row;
    ChildCells(row, e->child, period.to);
    row.push_back(AnnexACell::On(e->received_on));
    row.push_back(AnnexACell::Text(AnnexASourceCell(e->source_code)));
    out.rows.push_back(std::move(row));
  }
  return out;
}

AnnexAList AnnexAList2(const std::vector<EarlyHelpEntry>& entries, const Period& period) {
  std::vector<const EarlyHelpEntry*> in;
  for (const auto& e : entries)
    if (!Before(period.to, e.started_on) && !(e.ended_on && Before(*e.ended_on, period.from))) in.push_back(&e);
  std::stable_sort(in.begin(), in.end(), [](const EarlyHelpEntry* a, const EarlyHelpEntry* b) {
    return std::tuple(sys_days(a->started_on), a->child.id) < std::tuple(sys_days(b->started_on), b->child.id);
  });
  AnnexAList out = Empty(2);
  for (const EarlyHelpEntry* e : in) {
    std::vector<AnnexACell> row;
    ChildCells(row, e->child, period.to);
    row.push_back(AnnexACell::On(e->started_on));
    std::optional<Date> completed;
    if (e->ended_on && !Before(period.to, *e->ended_on)) completed = e->ended_on;
    row.push_back(AnnexACell::On(completed));
    row.push_back(AnnexACell::Text(e->organisation));
    out.rows.push_back(std::move(row));
  }
  return out;
}

AnnexAList AnnexAList3(const std::vector<ReferralEntry>& entries, const Period& period) {
  // Every entry in order, so "earlier" is well defined for referrals on the same day.
  std::vector<const ReferralEntry*> all;
  for (const auto& e : entries) all.push_back(&e);
  std::stable_sort(all.begin(), all.end(), [](const ReferralEntry* a, const ReferralEntry* b) {
    return std::tuple(sys_days(a->referred_on), a->contact_id) < std::tuple(sys_days(b->referred_on), b->contact_id);
  });
  // Each child's referral dates so far, in order: a child has few, so counting back through their
  // own is quick however many referrals the period holds.
  std::map<std::string, std::vector<Date>> seen;
  AnnexAList out = Empty(3);
  for (const ReferralEntry* entry : all) {
    const ReferralEntry& e = *entry;
    std::vector<Date>& before = seen[e.child.id];
    const Date year_before = YearBefore(e.referred_on);
    std::int64_t earlier = 0;
    for (auto it = before.rbegin(); it != before.rend() && !Before(*it, year_before); ++it) ++earlier;
    before.push_back(e.referred_on);
    if (!period.Contains(e.referred_on)) continue;
    std::vector<AnnexACell> row;
    ChildCells(row, e.child, period.to);
    row.push_back(AnnexACell::On(e.referred_on));
    row.push_back(AnnexACell::Text(AnnexASourceCell(e.source_code)));
    row.push_back(AnnexACell::Text(e.nfa ? "a) Yes" : "b) No"));
    row.push_back(AnnexACell::Number(earlier));
    row.push_back(AnnexACell::Text(e.team));
    row.push_back(AnnexACell::Text(e.worker));
    out.rows.push_back(std::move(row));
  }
  return out;
}

std::string FormatUkDate(Date date) {
  return fmt::format("{:02}/{:02}/{:04}", static_cast<unsigned>(date.day()), static_cast<unsigned>(date.month()),
                     static_cast<int>(date.year()));
}

std::string AnnexACsv(const AnnexAList& list) {
  std::string out = CsvLine(list.columns);
  for (const auto& row : list.rows) {
    for (std::size_t i = 0; i < row.size(); ++i) {
      if (i) out += ',';
      const auto& cell = row[i];
      // Only text can hold what someone typed (a team's or worker's name); dates and numbers are
      // the service's own and are written as they are, so a count reads as a number.
      switch (cell.kind) {
        case AnnexACell::Kind::kText: out += CsvCell(cell.text); break;
        case AnnexACell::Kind::kDate: out += FormatUkDate(cell.date); break;
        case AnnexACell::Kind::kNumber: out += std::to_string(cell.number); break;
        case AnnexACell::Kind::kBlank: break;
      }
    }
    out += "\r\n";
  }
  return out;
}

}  // namespace fd::returns
