// Screening a contact (KCR-10, KCR-11, HCR-30), consent and informing parents (KCR-4, HCR-25),
// sharing without their knowledge (KCR-15, HCR-26) and a possible crime (KCR-13, HCR-28): what is
// recorded, what each value may be, and what still blocks completing the screening. Pure.
#pragma once

#include <cstdint>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"
#include "domain/instant.h"
#include "domain/intake.h"

namespace fd {

struct ScreeningQuestion {
  std::string_view id;
  std::string_view title;
  std::string_view rule;
};
// The free-text questions screening answers, in order.
const std::vector<ScreeningQuestion>& ScreeningQuestions();

// HCR-25: one of three; "not informed" only with one of the listed reasons.
enum class Consent { kNotRecorded, kInformedAgreed, kInformedOnly, kNotInformed };
std::string_view ConsentId(Consent consent);
std::string_view ConsentTitle(Consent consent);
std::optional<Consent> ConsentFromId(std::string_view id);

struct NotInformedReason {
  std::string_view id;
  std::string_view title;
};
const std::vector<NotInformedReason>& NotInformedReasons();

struct Screening {
  std::int64_t contact_id = 0;
  std::int64_t started_by = 0;
  Instant started_at;
  std::map<std::string, std::string> answers;  // ScreeningQuestions() id → text
  Answer significant_harm = Answer::kNotAsked;
  Answer urgent_action = Answer::kNotAsked;
  Answer crime_possible = Answer::kNotAsked;
  Answer police_protection = Answer::kNotAsked;  // HCR-28: a child taken into police protection
  Consent consent = Consent::kNotRecorded;
  std::string not_informed_reason;  // NotInformedReasons() id
  std::string not_informed_detail;
  std::optional<std::int64_t> sharing_authorised_by;  // KCR-15, HCR-26
  std::optional<Instant> sharing_authorised_at;
  std::string sharing_authorisation_reason;
  std::optional<std::int64_t> completed_by;
  std::optional<Instant> completed_at;

  // Sharing with other agencies without the parents' knowledge needs a manager's authorisation.
  bool NeedsSharingAuthorisation() const { return consent == Consent::kNotInformed; }
  bool SharingAuthorised() const { return sharing_authorised_by.has_value(); }
};

// KCR-15, HCR-25/26: why another agency may not be asked yet, if it may not. Agencies are asked
// once the screening records whether the parents were told (HCR-26: the police, where a crime may
// have been committed, before that); once it records that they will not be told, only after a team
// manager has authorised sharing without their knowledge. `screening` is null before screening
// starts. The one rule for checks sent through frontdoor and checks recorded by hand.
enum class SharingBlock { kNone, kConsentNotRecorded, kNeedsAuthorisation };
SharingBlock SharingBlockFor(const Screening* screening, bool asking_the_police);

// Whether an agency, by its id or its name, is the police (partner agencies are pack data or typed).
bool NamesThePolice(std::string_view agency_words);

// What a social worker sends to record screening answers; every field optional (partial saves).
struct ScreeningDraft {
  std::map<std::string, std::string> answers;
  std::string significant_harm, urgent_action, crime_possible;  // "yes" | "no" | "not_known" ("" = unchanged)
  std::string police_protection;                                // "yes" | "no" ("" = unchanged)
  std::string consent;                                          // ConsentId ("" = unchanged)
  std::string not_informed_reason, not_informed_detail;
  // KCR-6: household answers not asked at intake are recorded while screening (question id → "yes" |
  // "no" | "not_known", as at intake; a question left out keeps its answer). They are the contact's
  // intake answers (Intake::household), read with ReadHouseholdAnswers, not part of the Screening.
  std::map<std::string, std::string> household;
  // KCR-7: the referral checklist's items not gathered at intake (item id → text, as at intake's
  // intake.information; blank clears one). The contact's Intake::information, read with
  // ReadInformationItems, not part of the Screening.
  std::map<std::string, std::string> information;
};

// Applies the draft to `current`. Errors: kInvalid naming each bad field (unknown question,
// bad answer, "not informed" without one of HCR-25's reasons).
Result<Screening> ApplyScreeningDraft(const Screening& current, const ScreeningDraft& draft);

// The facts outside the screening record that completion depends on.
struct ScreeningFacts {
  bool household_answered = false;     // KCR-6
  bool record_checks_done = false;     // KCR-10, HCR-30
  // KCR-10, HCR-30: whom to ask to run the record checks when a restricted record's answers were
  // withheld from whoever ran them (empty: nothing withheld).
  std::string record_checks_withheld_ask;
  bool police_notification_pending = false;  // KCR-13: a task not yet recorded as done
};

// One line of the screening task list.
struct ScreeningTask {
  std::string id;
  std::string title;
  std::string rule;
  bool done = false;
};
std::vector<ScreeningTask> ScreeningTasks(const Screening& screening, const ScreeningFacts& facts);

// The unfinished tasks as field errors ("what still blocks completion"); empty when complete.
std::vector<FieldError> WhatBlocksCompletion(const Screening& screening, const ScreeningFacts& facts);

}  // namespace fd
