// Police domestic-abuse notifications (issue 12 point 4; docs/workflow.md "Police notifications"):
// what a police force sends each day about incidents where children live, and the rules for a valid
// one. A force's reference is its own unique number for the notification and the notification's
// idempotency key. Pure: "now" comes in as an argument.
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/instant.h"

namespace fd {

// The force's own risk assessment (DASH): standard, medium or high.
enum class PoliceRiskLevel { kStandard, kMedium, kHigh };
std::string_view PoliceRiskLevelId(PoliceRiskLevel level);
std::optional<PoliceRiskLevel> PoliceRiskLevelFromId(std::string_view id);

// Where the notification goes in the triage queue, graded from the force's risk level alone: high
// is urgent (a child may need protecting today), medium and standard keep their names.
enum class TriageGrade { kUrgent, kMedium, kStandard };
TriageGrade GradeOf(PoliceRiskLevel level);
std::string_view TriageGradeId(TriageGrade grade);
int TriageRank(TriageGrade grade);  // 0 urgent, 1 medium, 2 standard: the queue's order

// As received, every field text, so a refused row can be reported field by field. An unborn child
// (the victim is pregnant) has an expected date instead of a date of birth, and often no name yet.
struct NotifiedChildDraft {
  std::string first_names;
  std::string last_name;
  std::string date_of_birth;  // YYYY-MM-DD, or empty when the force does not know it or the child is unborn
  std::string address;
  std::string expected_date;  // YYYY-MM-DD, an unborn child's expected date of delivery; else empty

  bool IsUnborn() const { return !expected_date.empty(); }
};
struct NotifiedAdultDraft {
  std::string name;
  std::string role;  // e.g. "victim", "alleged perpetrator", "other adult"
};
struct PoliceNotificationDraft {
  std::string force_reference;
  std::string notified_at;  // ISO 8601 UTC, e.g. 2026-11-25T23:10:00Z
  std::string risk_level;
  std::string incident_summary;
  std::string officer;
  std::string officer_email;  // where the front door asks its questions; the contact's referrer e-mail
  std::vector<NotifiedChildDraft> children;
  std::vector<NotifiedAdultDraft> adults;
};

struct PoliceNotification {
  std::string force_reference;
  Instant notified_at;
  PoliceRiskLevel risk_level = PoliceRiskLevel::kStandard;
  std::string incident_summary;
  std::string officer;
  std::string officer_email;
  // Checked: names given (an unborn child's may be empty), dates real, a date of birth not in the
  // future, an expected date near today.
  std::vector<NotifiedChildDraft> children;
  std::vector<NotifiedAdultDraft> adults;
};

inline constexpr std::size_t kMaxForceReferenceLength = 100;
inline constexpr std::size_t kMaxNotifiedChildren = 20;
inline constexpr std::size_t kMaxNotifiedAdults = 20;
// How far past its expected date an unborn child may still be notified as unborn. Labour is induced
// by about 42 weeks, two weeks after the expected date, so a child more overdue than that has almost
// certainly been born and the force should give the date of birth. It is also shorter than the month
// the contact opened from the notification allows (kMaxDaysExpectedOverdue), so a notification
// triaged a fortnight late still becomes a contact.
inline constexpr int kMaxDaysNotifiedOverdue = 14;

// Checks one notification as of `now`. Returns every problem, each naming its field
// ("children[1].date_of_birth"), or the checked notification.
std::expected<PoliceNotification, std::vector<FieldError>> ValidatePoliceNotification(
    const PoliceNotificationDraft& draft, Instant now);

// A field a row problem names, in words for people: "children[0].date_of_birth" → "child 1's date
// of birth", "officer_email" → "the officer's e-mail address". An unknown field comes back as it is.
std::string PoliceFieldInWords(std::string_view field);

// The CSV a force sends: a header row naming the columns (any order; names as the draft's fields:
// force_reference, notified_at, risk_level, incident_summary, officer, officer_email, children, adults), then one
// row per notification. RFC 4180 quoting (a field in double quotes may hold commas, line breaks and
// doubled quotes). `children`: "First names|Last name|YYYY-MM-DD|Address|Expected YYYY-MM-DD" per
// child (the fifth part, an unborn child's expected date, may be left off), children separated by
// ";"; `adults`: "Name|Role" per adult, separated by ";". Gives the drafts in file order (row 1 is
// the first after the header). Errors: kInvalid naming "body" when the file is not CSV of that shape
// (no header, a required column missing, an unclosed quote).
Result<std::vector<PoliceNotificationDraft>> ReadPoliceNotificationCsv(std::string_view text);

}  // namespace fd
