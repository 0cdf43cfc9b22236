// What the front door asks at intake beyond who and what: how the contact came in, the household
// questions (KCR-6), the information checklist (KCR-7), significant-harm indicators (HCR-12/13),
// harm by another child (HCR-3), allegations against adults working with children (HCR-4), forms
// (HCR-9…HCR-11, HCR-17) and anonymity's limits (HCR-20). Pure.
#pragma once

#include <array>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "domain/error.h"

namespace fd {

// kPoliceNotification: opened from a force's notification at triage, never chosen at intake.
enum class Channel { kPhone, kEmail, kPortal, kForm, kInPerson, kPoliceNotification };
std::string_view ChannelId(Channel channel);
std::string_view ChannelTitle(Channel channel);
std::optional<Channel> ChannelFromId(std::string_view id);

// KCR-6: each household question is answered yes, no or not known; "not asked" until it is.
enum class Answer { kNotAsked, kYes, kNo, kNotKnown };
std::string_view AnswerId(Answer answer);
std::string_view AnswerTitle(Answer answer);
std::optional<Answer> AnswerFromId(std::string_view id);

struct HouseholdQuestion {
  std::string_view id;     // "domestic_abuse"
  std::string_view title;  // "Domestic abuse in the household"
};
// The four questions of KCR-6, in the order they are asked.
const std::array<HouseholdQuestion, 4>& HouseholdQuestions();
// KCR-6: reads answers given as question id → "yes" | "no" | "not_known" into `household`; a
// question not given keeps its answer. Each wrong entry adds an error on "<prefix>.<id>". One reading
// for intake ("intake.household") and for screening ("household"), so both accept the same answers.
void ReadHouseholdAnswers(const std::map<std::string, std::string>& given, const std::string& prefix,
                          std::array<Answer, 4>& household, std::vector<FieldError>& errors);

// KCR-7: the information a referral should gather. Items held in the child and referrer fields
// are checked there; the others are free text held under their id.
struct InformationItem {
  std::string_view id;
  std::string_view title;
  bool free_text;  // held in Intake::information (false: derived from other fields)
};
const std::vector<InformationItem>& InformationItems();

// Red: a child protection (safeguarding) form; green: a service request (HCR-11).
enum class FormKind { kNone, kRed, kGreen };
std::string_view FormKindId(FormKind form);
std::optional<FormKind> FormKindFromId(std::string_view id);

enum class ChildRole { kSubject, kHarmingChild };  // HCR-3
std::string_view ChildRoleId(ChildRole role);
std::optional<ChildRole> ChildRoleFromId(std::string_view id);

struct IntakeDraft {
  std::string channel = "phone";
  std::string form;                      // "", "red", "green"
  std::string hub_consultation;          // HCR-10: what the hub advised, when the form follows a consultation
  std::string consultation_number;       // FDS-9, CRU-4, HCR-10: the consultation this contact follows, if any
  std::string call_reference;            // HCR-15: the reference the referrer was given when they phoned, as typed
  std::map<std::string, std::string> household;    // question id → "yes" | "no" | "not_known"
  std::map<std::string, std::string> information;  // KCR-7 free-text item id → text
  std::vector<std::string> indicators;   // significant-harm indicator ids from the pack
  bool harm_by_another_child = false;
  bool allegation_against_professional = false;
  bool anonymity_limits_explained = false;
  std::string passing_on_concern_of;     // HCR-14/33: whose concern a professional passes on
};

struct Intake {
  Channel channel = Channel::kPhone;
  FormKind form = FormKind::kNone;
  std::string hub_consultation;
  std::string consultation_number;  // canonical ("CN-7KQ2-M9XD-4") or empty; the link itself is stored
  // HCR-15: the reference of the referrer's earlier phone call, as kept (ReadCallReference), or empty.
  // Quoted, not checked: what it confirmed is recorded apart (app/call_confirmations.h).
  std::string call_reference;
  std::array<Answer, 4> household{Answer::kNotAsked, Answer::kNotAsked, Answer::kNotAsked, Answer::kNotAsked};
  std::map<std::string, std::string> information;
  std::vector<std::string> indicators;
  bool harm_by_another_child = false;
  bool allegation_against_professional = false;
  bool anonymity_limits_explained = false;
  std::string passing_on_concern_of;

  bool Urgent() const { return !indicators.empty(); }  // HCR-12, HCR-13
  bool HouseholdAnswered() const;                       // KCR-6: all four asked
};

// What the pack in force allows and asks at intake. The switches are one authority's rules (all
// Hertfordshire's), off unless its pack sets them: elsewhere every contact is taken (KCR-1, KCR-18).
struct IntakeRules {
  std::vector<std::string> indicator_ids;  // significant-harm indicators
  bool red_and_green_forms = false;              // HCR-9…HCR-11: off, a form given is refused
  bool health_contacts_need_nhs_number = false;  // HCR-17 (an NHS number given is always checked)
  bool health_contacts_need_form = false;        // HCR-17: an e-mailed or posted health contact
  bool hub_advice = false;                       // HCR-10: off, "what the hub advised" is refused
  // HCR-15: a call's reference is kept; off (no written confirmation of calls is tracked), one given
  // is ignored, never refused: a referral is not turned away over an optional reference.
  bool call_references = false;
  bool police_notification = false;  // opened from a police notification: the only way in on that channel
};

}  // namespace fd
