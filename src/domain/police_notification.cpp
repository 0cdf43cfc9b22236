#include "domain/police_notification.h"

#include <fmt/format.h>

#include <algorithm>
#include <array>
#include <charconv>
#include <tuple>
#include <map>

#include "domain/contact.h"
#include "domain/expected_date.h"
#include "domain/text.h"

namespace fd {

std::string_view PoliceRiskLevelId(PoliceRiskLevel level) {
  switch (level) {
    case PoliceRiskLevel::kHigh: return "high";
    case PoliceRiskLevel::kMedium: return "medium";
    case PoliceRiskLevel::kStandard: break;
  }
  return "standard";
}

std::optional<PoliceRiskLevel> PoliceRiskLevelFromId(std::string_view id) {
  if (id == "high") return PoliceRiskLevel::kHigh;
  if (id == "medium") return PoliceRiskLevel::kMedium;
  if (id == "standard") return PoliceRiskLevel::kStandard;
  return std::nullopt;
}

TriageGrade GradeOf(PoliceRiskLevel level) {
  switch (level) {
    case PoliceRiskLevel::kHigh: return TriageGrade::kUrgent;
    case PoliceRiskLevel::kMedium: return TriageGrade::kMedium;
    case PoliceRiskLevel::kStandard: break;
  }
  return TriageGrade::kStandard;
}

std::string_view TriageGradeId(TriageGrade grade) {
  switch (grade) {
    case TriageGrade::kUrgent: return "urgent";
    case TriageGrade::kMedium: return "medium";
    case TriageGrade::kStandard: break;
  }
  return "standard";
}

int TriageRank(TriageGrade grade) {
  switch (grade) {
    case TriageGrade::kUrgent: return 0;
    case TriageGrade::kMedium: return 1;
    case TriageGrade::kStandard: break;
  }
  return 2;
}

namespace {

static_assert(kMaxDaysNotifiedOverdue < kMaxDaysExpectedOverdue,
              "a notification's unborn child must still be one the contact opened from it accepts");

void Check(std::vector<FieldError>& errors, const std::string& field, std::optional<std::string> problem) {
  if (problem) errors.push_back({field, std::move(*problem)});
}

// A force reference is a key other systems quote: printable ASCII, no spaces.
bool IsReferenceText(std::string_view text) {
  for (char c : text)
    if (c < 0x21 || c > 0x7e) return false;
  return true;
}

}  // namespace

std::expected<PoliceNotification, std::vector<FieldError>> ValidatePoliceNotification(
    const PoliceNotificationDraft& draft, Instant now) {
  std::vector<FieldError> errors;
  PoliceNotification out;
  out.force_reference = Trim(draft.force_reference);
  if (out.force_reference.empty())
    errors.push_back({"force_reference", "Enter the force reference"});
  else if (out.force_reference.size() > kMaxForceReferenceLength || !IsReferenceText(out.force_reference))
    errors.push_back({"force_reference", "The force reference must be up to 100 letters, digits or signs, without spaces"});

  const auto at = ParseUtc(Trim(draft.notified_at));
  if (!at)
    errors.push_back({"notified_at", "Enter the date and time of the notification in UTC, like 2026-11-25T23:10:00Z"});
  else if (*at > now + std::chrono::minutes(5))
    errors.push_back({"notified_at", "The date and time of the notification cannot be in the future"});
  else out.notified_at = *at;

  if (auto level = PoliceRiskLevelFromId(Trim(draft.risk_level))) out.risk_level = *level;
  else errors.push_back({"risk_level", "The risk level must be standard, medium or high"});

  out.incident_summary = Trim(draft.incident_summary);
  Check(errors, "incident_summary", CheckRequiredText(out.incident_summary, kMaxConcernLength, true, "the incident summary"));
  out.officer = Trim(draft.officer);
  Check(errors, "officer", CheckRequiredText(out.officer, kMaxShortTextLength, false, "the officer"));
  out.officer_email = Trim(draft.officer_email);
  if (out.officer_email.empty()) errors.push_back({"officer_email", "Enter the officer's e-mail address"});
  else if (out.officer_email.size() > 254 || !LooksLikeEmail(out.officer_email))
    errors.push_back({"officer_email", "Enter the officer's e-mail address in the correct format, like name@example.police.uk"});

  // A notification reaches children's services because children live where the incident happened.
  if (draft.children.empty()) errors.push_back({"children", "Name at least one child"});
  if (draft.children.size() > kMaxNotifiedChildren) errors.push_back({"children", "A notification may name up to 20 children"});
  const auto today = std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(now));
  for (std::size_t i = 0; i < draft.children.size() && i < kMaxNotifiedChildren; ++i) {
    const auto& c = draft.children[i];
    const std::string at_i = fmt::format("children[{}].", i);
    NotifiedChildDraft child{Trim(c.first_names), Trim(c.last_name), Trim(c.date_of_birth), Trim(c.address),
                             Trim(c.expected_date)};
    // KCR-7: a child's full name is asked for, but an unborn child often has none yet: its names may
    // be left empty (the contact names it "Unborn child").
    const auto name_check = child.IsUnborn() ? CheckText : CheckRequiredText;
    Check(errors, at_i + "first_names", name_check(child.first_names, kMaxNameLength, false, "the child's first names"));
    Check(errors, at_i + "last_name", name_check(child.last_name, kMaxNameLength, false, "the child's last name"));
    Check(errors, at_i + "address", CheckText(child.address, kMaxAddressLength, true, "the child's address"));
    if (child.IsUnborn()) {
      if (!child.date_of_birth.empty())
        errors.push_back({at_i + "expected_date",
                          "Give either a date of birth or, for an unborn child, an expected date, not both"});
      auto due = ParseIsoDate(child.expected_date);
      if (!due) errors.push_back({at_i + "expected_date", "Enter the expected date as a real date, YYYY-MM-DD"});
      else if (std::chrono::sys_days(*due) < std::chrono::sys_days(today) - std::chrono::days(kMaxDaysNotifiedOverdue))
        errors.push_back({at_i + "expected_date",
                          fmt::format("The expected date is more than {} days past: the child has most likely been "
                                      "born, so give the date of birth instead",
                                      kMaxDaysNotifiedOverdue)});
      else if (std::chrono::sys_days(*due) > std::chrono::sys_days(today) + std::chrono::days(kMaxDaysExpectedAhead))
        errors.push_back({at_i + "expected_date", "The expected date cannot be more than 10 months ahead"});
    }
    if (!child.date_of_birth.empty()) {
      auto date = ParseIsoDate(child.date_of_birth);
      if (!date) errors.push_back({at_i + "date_of_birth", "Enter the date of birth as a real date, YYYY-MM-DD"});
      else if (std::chrono::sys_days(*date) > std::chrono::sys_days(today))
        errors.push_back({at_i + "date_of_birth", "The date of birth cannot be in the future"});
      // A child is under 18 (Children Act 1989 s105) on the day of the notification; an unborn
      // child has an expected date instead. Judged on the notification's date when
      // it reads, else today's.
      else if (std::chrono::sys_days(*date + std::chrono::years{18}) <=
               std::chrono::sys_days(at ? std::chrono::year_month_day(std::chrono::floor<std::chrono::days>(*at))
                                        : today))
        errors.push_back({at_i + "date_of_birth",
                          "The date of birth shows an adult: a child must be under 18 on the day of the "
                          "notification (an unborn child has an expected date instead)"});
    }
    out.children.push_back(std::move(child));
  }
  if (draft.adults.size() > kMaxNotifiedAdults) errors.push_back({"adults", "A notification may name up to 20 adults"});
  for (std::size_t i = 0; i < draft.adults.size() && i < kMaxNotifiedAdults; ++i) {
    const std::string at_i = fmt::format("adults[{}].", i);
    NotifiedAdultDraft adult{Trim(draft.adults[i].name), Trim(draft.adults[i].role)};
    Check(errors, at_i + "name", CheckRequiredText(adult.name, kMaxNameLength, false, "the adult's name"));
    Check(errors, at_i + "role", CheckText(adult.role, kMaxShortTextLength, false, "the adult's role"));
    out.adults.push_back(std::move(adult));
  }
  if (!errors.empty()) return std::unexpected(std::move(errors));
  return out;
}

std::string PoliceFieldInWords(std::string_view field) {
  static const std::map<std::string_view, std::string_view> kTop = {
      {"force_reference", "the force reference"},   {"notified_at", "the date and time of the notification"},
      {"risk_level", "the risk level"},             {"incident_summary", "the incident summary"},
      {"officer", "the officer"},                   {"officer_email", "the officer's e-mail address"},
      {"children", "the children"},                 {"adults", "the adults"},
      {"notification", "the notification"},         {"body", "the file"},
      // The contact's fields a notification fills (a contact refused at triage names them).
      {"referrer_email", "the officer's e-mail address"}, {"referrer_name", "the officer"},
      {"concern", "the incident summary"}};
  static const std::map<std::string_view, std::string_view> kChild = {
      {"first_names", "first names"}, {"last_name", "last name"}, {"date_of_birth", "date of birth"},
      {"address", "address"}, {"expected_date", "expected date"}};
  static const std::map<std::string_view, std::string_view> kAdult = {{"name", "name"}, {"role", "role"}};
  if (auto it = kTop.find(field); it != kTop.end()) return std::string(it->second);
  // "children[1].date_of_birth" → "child 2's date of birth"
  for (const auto& [list, one, parts] : {std::tuple{std::string_view("children["), std::string_view("child"), &kChild},
                                         std::tuple{std::string_view("adults["), std::string_view("adult"), &kAdult}}) {
    if (!field.starts_with(list)) continue;
    const auto close = field.find(']');
    if (close == std::string_view::npos) break;
    std::size_t index = 0;
    const auto digits = field.substr(list.size(), close - list.size());
    auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), index);
    if (ec != std::errc{} || end != digits.data() + digits.size()) break;
    const std::string who = fmt::format("{} {}", one, index + 1);
    if (close + 1 == field.size()) return who;
    if (field[close + 1] != '.') break;
    const auto part = parts->find(field.substr(close + 2));
    return part == parts->end() ? who : fmt::format("{}'s {}", who, part->second);
  }
  return std::string(field);
}

namespace {

// RFC 4180 records: fields separated by commas, records by CRLF or LF; quoted fields may hold both.
Result<std::vector<std::vector<std::string>>> CsvRecords(std::string_view text) {
  std::vector<std::vector<std::string>> records;
  std::vector<std::string> record;
  std::string field;
  bool quoted = false, any = false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    if (quoted) {
      if (c != '"') field += c;
      else if (i + 1 < text.size() && text[i + 1] == '"') field += text[++i];
      else quoted = false;
      continue;
    }
    if (c == '"') {
      quoted = true;
      any = true;
    } else if (c == ',') {
      record.push_back(std::move(field));
      field.clear();
      any = true;
    } else if (c == '\n' || c == '\r') {
      if (c == '\r' && i + 1 < text.size() && text[i + 1] == '\n') ++i;
      if (any || !field.empty()) {
        record.push_back(std::move(field));
        records.push_back(std::move(record));
      }
      record.clear();
      field.clear();
      any = false;
    } else {
      field += c;
    }
  }
  if (quoted) return std::unexpected(Error::InvalidField("body", "The CSV has a quoted field that is never closed"));
  if (any || !field.empty()) {
    record.push_back(std::move(field));
    records.push_back(std::move(record));
  }
  return records;
}

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= text.size()) {
    const std::size_t end = std::min(text.find(separator, start), text.size());
    out.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

std::string PartOr(const std::vector<std::string>& parts, std::size_t i) { return i < parts.size() ? parts[i] : ""; }

}  // namespace

Result<std::vector<PoliceNotificationDraft>> ReadPoliceNotificationCsv(std::string_view text) {
  if (text.starts_with("\xEF\xBB\xBF")) text.remove_prefix(3);  // spreadsheets write a byte-order mark
  auto records = CsvRecords(text);
  if (!records) return std::unexpected(records.error());
  if (records->empty()) return std::unexpected(Error::InvalidField("body", "The CSV is empty: send a header row and one row per notification"));
  static constexpr std::array<std::string_view, 8> kColumns = {
      "force_reference", "notified_at", "risk_level", "incident_summary", "officer", "officer_email", "children",
      "adults"};
  std::map<std::string, std::size_t, std::less<>> at;
  const auto& header = records->front();
  for (std::size_t i = 0; i < header.size(); ++i) at.emplace(Trim(header[i]), i);
  std::vector<FieldError> missing;
  for (std::string_view column : kColumns)
    if (column != "adults" && !at.contains(column))
      missing.push_back({"body", fmt::format("The CSV header has no {} column", column)});
  if (!missing.empty()) return std::unexpected(Error::Invalid(std::move(missing), "The CSV's header row is not as documented"));
  auto cell = [&](const std::vector<std::string>& row, std::string_view column) -> std::string {
    auto it = at.find(column);
    return it == at.end() || it->second >= row.size() ? std::string() : row[it->second];
  };
  std::vector<PoliceNotificationDraft> drafts;
  drafts.reserve(records->size() - 1);
  for (std::size_t r = 1; r < records->size(); ++r) {
    const auto& row = (*records)[r];
    PoliceNotificationDraft d;
    d.force_reference = cell(row, "force_reference");
    d.notified_at = cell(row, "notified_at");
    d.risk_level = cell(row, "risk_level");
    d.incident_summary = cell(row, "incident_summary");
    d.officer = cell(row, "officer");
    d.officer_email = cell(row, "officer_email");
    for (const auto& one : Split(cell(row, "children"), ';')) {
      if (Trim(one).empty()) continue;
      const auto parts = Split(one, '|');
      // Four parts as forces first sent them; a fifth, an unborn child's expected date, when given.
      d.children.push_back({PartOr(parts, 0), PartOr(parts, 1), PartOr(parts, 2), PartOr(parts, 3), PartOr(parts, 4)});
    }
    for (const auto& one : Split(cell(row, "adults"), ';')) {
      if (Trim(one).empty()) continue;
      const auto parts = Split(one, '|');
      d.adults.push_back({PartOr(parts, 0), PartOr(parts, 1)});
    }
    drafts.push_back(std::move(d));
  }
  return drafts;
}

}  // namespace fd
