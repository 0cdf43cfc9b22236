// A contact: a concern about one or more children, from a referrer, received by the front door.
// This file holds the contact's shape and the rules for what a valid contact is (KCR-18, HCR-20,
// HCR-21). It is pure: "today" comes in as an argument.
#pragma once

#include <chrono>
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

enum class ReferrerType {
  kMemberOfPublic,
  kSchool,
  kEarlyYears,
  kHealth,
  kPolice,
  kOtherProfessional,
};

std::string_view ReferrerTypeId(ReferrerType type);
std::string_view ReferrerTypeTitle(ReferrerType type);
std::optional<ReferrerType> ReferrerTypeFromId(std::string_view id);
const std::vector<ReferrerType>& AllReferrerTypes();
bool IsProfessional(ReferrerType type);

enum class Gender { kFemale, kMale, kOther, kNotKnown };
std::string_view GenderId(Gender gender);
std::string_view GenderTitle(Gender gender);
std::optional<Gender> GenderFromId(std::string_view id);
const std::vector<Gender>& AllGenders();

// What the user typed, as text, exactly. Kept whole so a refused form can be shown again unchanged.
struct ChildDraft {
  std::string first_names;
  std::string last_name;
  std::string date_of_birth;  // YYYY-MM-DD, empty when unborn or not known
  std::string expected_date;  // YYYY-MM-DD, for an unborn child
  std::string gender;
  std::string address;
  std::string school;
  std::string nhs_number;          // HCR-17
  std::string role = "subject";    // HCR-3: "subject" or "harming_child"
};

struct ContactDraft {
  // When the contact reached the front door, if before it is recorded (a call typed after it was
  // taken): the API's ISO 8601 time with its offset, or the page's local date and time. Empty: now.
  std::string received_at;
  std::string received_date;  // YYYY-MM-DD, local
  std::string received_time;  // HH:MM, local
  std::string referrer_type;
  bool referrer_anonymous = false;
  std::string referrer_name;
  std::string referrer_role;
  std::string referrer_agency;
  std::string referrer_phone;
  std::string referrer_email;
  std::vector<ChildDraft> children;
  std::string concern;
  IntakeDraft intake;
};

struct Referrer {
  ReferrerType type = ReferrerType::kMemberOfPublic;
  bool anonymous = false;  // HCR-20: only a member of the public may ask
  std::string name;
  std::string role;
  std::string agency;
  std::string phone;
  std::string email;
  // KCR-14: a member of the public's name, role, phone and e-mail were left out of this copy; see
  // app/referrer_identity.h for who may see them, and how.
  bool identity_withheld = false;
};

// KCR-14: a named member of the public's identity is protected (an anonymous one has none given).
bool IsProtectedIdentity(const Referrer& referrer);
// Blanks the name, role, phone and e-mail of a protected referrer and marks the copy withheld.
void WithholdIdentity(Referrer& referrer);

struct Child {
  std::string first_names;
  std::string last_name;
  std::optional<std::chrono::year_month_day> date_of_birth;
  std::optional<std::chrono::year_month_day> expected_date;  // unborn child
  Gender gender = Gender::kNotKnown;
  std::string address;
  std::string school;
  std::string nhs_number;  // normalised, ten digits, or empty
  ChildRole role = ChildRole::kSubject;

  bool IsUnborn() const { return expected_date.has_value(); }
};

// A contact ready to record: every field checked.
struct NewContact {
  Referrer referrer;
  std::vector<Child> children;
  std::string concern;
  Intake intake;
};

// A recorded contact.
struct Contact {
  std::int64_t id = 0;
  std::string reference;  // e.g. FD-2026-000123
  Instant received_at;  // when it reached the front door: every timescale counts from it (KCR-8, HCR-27)
  Instant recorded_at;  // when it was typed in; later than received_at for a call taken earlier
  std::int64_t recorded_by = 0;
  std::string recorded_by_name;
  Referrer referrer;
  std::vector<Child> children;
  std::string concern;
  Intake intake;
  // Workflow and routing (docs/workflow.md).
  std::string state = "received";
  std::int64_t version = 1;
  bool urgent = false;
  std::string queue = "front-door";
  std::optional<std::int64_t> allocated_user_id;
  std::optional<std::int64_t> team_id;
  std::string routing_note;
};

// Limits on what a contact may hold. Generous: a concern is often long, but a bounded record
// keeps pages, e-mails and exports sane.
inline constexpr std::size_t kMaxNameLength = 100;
inline constexpr std::size_t kMaxShortTextLength = 200;
inline constexpr std::size_t kMaxAddressLength = 500;
inline constexpr std::size_t kMaxConcernLength = 20000;
inline constexpr std::size_t kMaxChildren = 20;

// Checks a draft as of `today` (the authority's local date when the contact is received).
// Returns every problem found, each naming its field, or the typed contact.
// `rules` come from the pack in force: which significant-harm indicators exist, and which of one
// authority's intake rules (red and green forms, HCR-17's health conditions, the hub's advice) apply.
Result<NewContact> ValidateContact(const ContactDraft& draft, std::chrono::year_month_day today,
                                   const IntakeRules& rules = {});

// KCR-7: reads the checklist's free-text items given as item id → text into `information`, at intake
// ("intake.information") and while screening ("information"), so both accept the same items. Blank
// text clears an item; each wrong entry adds an error on "<prefix>.<id>".
void ReadInformationItems(const std::map<std::string, std::string>& given, const std::string& prefix,
                          std::map<std::string, std::string>& information, std::vector<FieldError>& errors);

// KCR-7: the information items still missing, in checklist order.
std::vector<InformationItem> MissingInformation(const Contact& contact);

// "FD-2026-000123": the human reference, unique per year, printed on receipts and said on the phone.
std::string FormatContactReference(int year, std::int64_t sequence);

// Parses YYYY-MM-DD strictly (a real calendar date).
std::optional<std::chrono::year_month_day> ParseIsoDate(std::string_view text);
std::string FormatIsoDate(std::chrono::year_month_day date);

}  // namespace fd
