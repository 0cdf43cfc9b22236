#include "domain/contact.h"

#include <algorithm>
#include <charconv>

#include <fmt/format.h>

#include "domain/call_reference.h"
#include "domain/consultation_number.h"
#include "domain/contact_detail_messages.h"
#include "domain/child_details.h"
#include "domain/expected_date.h"
#include "domain/nhs_number.h"
#include "domain/text.h"

namespace fd {
namespace {

struct ReferrerTypeName {
  ReferrerType type;
  std::string_view id;
  std::string_view title;
  bool professional;
};

const std::vector<ReferrerTypeName>& ReferrerTypeNames() {
  static const std::vector<ReferrerTypeName> names = {
      {ReferrerType::kMemberOfPublic, "member_of_public", "Member of the public", false},
      {ReferrerType::kSchool, "school", "School", true},
      {ReferrerType::kEarlyYears, "early_years", "Early years setting", true},
      {ReferrerType::kHealth, "health", "Health", true},
      {ReferrerType::kPolice, "police", "Police", true},
      {ReferrerType::kOtherProfessional, "other_professional", "Other professional", true},
  };
  return names;
}

struct GenderName {
  Gender gender;
  std::string_view id;
  std::string_view title;
};

constexpr GenderName kGenders[] = {
    {Gender::kFemale, "female", "Female"},
    {Gender::kMale, "male", "Male"},
    {Gender::kOther, "other", "Other"},
    {Gender::kNotKnown, "not_known", "Not known"},
};

using std::chrono::days;
using std::chrono::sys_days;
using std::chrono::year_month_day;

// Calendar arithmetic, not 18 average years: a child born on 29 February turns 18 on 1 March.
sys_days EighteenthBirthday(year_month_day dob) {
  const year_month_day birthday = dob + std::chrono::years{18};
  if (birthday.ok()) return sys_days(birthday);
  return sys_days(year_month_day{birthday.year(), std::chrono::March, std::chrono::day{1}});
}

// Adds every problem with one free-text field to `errors`; returns the trimmed text.
std::string CheckField(std::vector<FieldError>& errors, const std::string& field, std::string_view value,
                       std::size_t max, std::string_view what, bool required, bool multiline = false) {
  std::string trimmed = multiline ? std::string(value) : Trim(value);
  if (multiline && Trim(value).empty()) trimmed.clear();
  if (auto problem = CheckText(trimmed, max, multiline, what)) {
    errors.push_back({field, *problem});
  } else if (required && trimmed.empty()) {
    errors.push_back({field, EnterMessage(what)});
  }
  return trimmed;
}

Referrer ValidateReferrer(const ContactDraft& draft, std::vector<FieldError>& errors) {
  Referrer referrer;
  const auto type = ReferrerTypeFromId(draft.referrer_type);
  if (!type) {
    errors.push_back({"referrer.type", "Select who is making the contact"});
  } else {
    referrer.type = *type;
  }
  referrer.anonymous = draft.referrer_anonymous;
  // HCR-21: a professional referral cannot be anonymous. HCR-20: a member of the public may be.
  if (type && referrer.anonymous && IsProfessional(*type)) {
    errors.push_back({"referrer.anonymous",
                      "A professional cannot stay anonymous: untick “The member of the public asks to stay "
                      "anonymous” and give their name and contact details"});
  }
  const bool named = !referrer.anonymous;
  referrer.name = CheckField(errors, "referrer.name", draft.referrer_name, kMaxNameLength,
                             "The referrer's name", named);
  referrer.role = CheckField(errors, "referrer.role", draft.referrer_role, kMaxShortTextLength,
                             "The referrer's role", false);
  const bool professional = type && IsProfessional(*type);
  referrer.agency = CheckField(errors, "referrer.agency", draft.referrer_agency, kMaxShortTextLength,
                               "The referrer's organisation", professional);
  referrer.phone = CheckField(errors, "referrer.phone", draft.referrer_phone, 30, "The referrer's phone number",
                              false);
  referrer.email = CheckField(errors, "referrer.email", draft.referrer_email, 254,
                              "The referrer's email address", false);
  if (!referrer.phone.empty() && !LooksLikePhoneNumber(referrer.phone))
    errors.push_back({"referrer.phone", std::string(kPhoneNumberFormatMessage)});
  if (!referrer.email.empty() && !LooksLikeEmail(referrer.email))
    errors.push_back({"referrer.email", std::string(kEmailFormatMessage)});
  if (named && referrer.phone.empty() && referrer.email.empty()) {
    errors.push_back({"referrer.phone", "Enter a phone number or an email address so the referrer can be contacted"});
  }
  if (referrer.anonymous) {
    // Nothing that identifies an anonymous referrer is kept, even if it was typed before ticking the box.
    referrer.name.clear();
    referrer.phone.clear();
    referrer.email.clear();
  }
  return referrer;
}

Intake ValidateIntake(const ContactDraft& draft, const Referrer& referrer, const std::vector<Child>& children,
                      const IntakeRules& rules, std::vector<FieldError>& errors) {
  const IntakeDraft& in = draft.intake;
  Intake intake;
  auto channel = ChannelFromId(in.channel);
  if (channel == Channel::kPoliceNotification && !rules.police_notification) channel.reset();  // triage's alone
  if (channel) intake.channel = *channel;
  else errors.push_back({"intake.channel", rules.red_and_green_forms
                                               ? "Choose how the contact came in: phone call, e-mail, request form (red or green) or in person"
                                               : "Choose how the contact came in: phone call, e-mail, request form or in person"});
  if (auto form = FormKindFromId(in.form)) intake.form = *form;
  else if (rules.red_and_green_forms)
    errors.push_back({"intake.form", "Choose red (child protection) or green (service request) for the form, or leave the form out if there is none"});
  else errors.push_back({"intake.form", "The procedures in force have no red or green forms: leave the form out"});
  intake.hub_consultation =
      CheckField(errors, "intake.hub_consultation", in.hub_consultation, kMaxShortTextLength * 5, "The hub's advice", false, true);
  if (!Trim(in.consultation_number).empty()) {
    if (auto number = NormaliseConsultationNumber(in.consultation_number)) intake.consultation_number = *number;
    else
      errors.push_back({"intake.consultation_number",
                        "This is not a consultation number: check the number you were given (it looks like "
                        "CN-7KQ2-M9XD-4), or leave it blank"});
  }
  if (rules.call_references) intake.call_reference = ReadCallReference(in.call_reference, "intake.call_reference", errors);
  ReadHouseholdAnswers(in.household, "intake.household", intake.household, errors);
  ReadInformationItems(in.information, "intake.information", intake.information, errors);
  for (std::size_t i = 0; i < in.indicators.size(); ++i) {
    const auto& id = in.indicators[i];
    if (std::find(rules.indicator_ids.begin(), rules.indicator_ids.end(), id) == rules.indicator_ids.end())
      errors.push_back({fmt::format("intake.indicators[{}]", i), fmt::format("'{}' is not a significant-harm indicator of "
                                                                            "the procedures in force", id)});
    else if (std::find(intake.indicators.begin(), intake.indicators.end(), id) == intake.indicators.end())
      intake.indicators.push_back(id);
  }
  intake.harm_by_another_child = in.harm_by_another_child;
  intake.allegation_against_professional = in.allegation_against_professional;
  intake.anonymity_limits_explained = in.anonymity_limits_explained;
  intake.passing_on_concern_of = CheckField(errors, "intake.passing_on_concern_of", in.passing_on_concern_of,
                                            kMaxShortTextLength, "Whose concern is passed on", false);

  // HCR-20: anonymity is recorded with its limits explained (a court may order disclosure). A
  // professional is refused anonymity itself (HCR-21), so is not also asked to confirm its limits.
  if (referrer.anonymous && !IsProfessional(referrer.type) && !intake.anonymity_limits_explained)
    errors.push_back({"intake.anonymity_limits_explained",
                      "Explain the limits of anonymity (a court may require the referrer's identity) and confirm it"});
  // HCR-3: harm by another child takes both children.
  const bool has_subject = std::any_of(children.begin(), children.end(), [](const Child& c) { return c.role == ChildRole::kSubject; });
  const bool has_harming = std::any_of(children.begin(), children.end(), [](const Child& c) { return c.role == ChildRole::kHarmingChild; });
  if (intake.harm_by_another_child && !has_harming && !children.empty())
    errors.push_back({"children", "Harm by another child: add the details of the child said to have caused the harm too"});
  if (has_harming && !intake.harm_by_another_child)
    errors.push_back({"intake.harm_by_another_child", "A child is named as causing harm: confirm that the harm was caused by another child"});
  if (!has_subject && !children.empty())
    errors.push_back({"children", "Add the child the concern is about"});
  // HCR-17, where the pack has it: health contacts give each child's NHS number and use the red or
  // green form. Elsewhere a health contact without them is taken like any other (KCR-18).
  if (referrer.type == ReferrerType::kHealth) {
    if (rules.health_contacts_need_nhs_number)
      for (std::size_t i = 0; i < children.size(); ++i)
        if (children[i].role == ChildRole::kSubject && !children[i].IsUnborn() && children[i].nhs_number.empty() &&
            Trim(draft.children[i].nhs_number).empty())
          errors.push_back({fmt::format("children[{}].nhs_number", i), "Health contacts must give the child's NHS number"});
    if (rules.health_contacts_need_form && intake.channel != Channel::kPhone && intake.form == FormKind::kNone)
      errors.push_back({"intake.form", "Health contacts use the red form (child protection) or the green form (service request)"});
  }
  // HCR-10: the hub's advice is asked for only where the procedures have a hub that gives it.
  if (!rules.hub_advice && !intake.hub_consultation.empty())
    errors.push_back({"intake.hub_consultation",
                      "The procedures in force have no Consultation Hub: give the consultation number, if there was "
                      "one, or put what was advised in the concern"});
  if (!rules.red_and_green_forms) {
    if (intake.form != FormKind::kNone)
      errors.push_back({"intake.form", "The procedures in force have no red or green forms: leave the form out"});
    return intake;
  }
  // HCR-11: the green form is a service request for a need one agency can meet; a safeguarding
  // concern (any significant-harm indicator) goes on the red form.
  if (intake.form == FormKind::kGreen && intake.Urgent())
    errors.push_back({"intake.form", "A significant-harm indicator is a safeguarding concern: use the red form, not the "
                                     "green service request"});
  // HCR-9 etc.: only professionals use the red and green forms.
  if (intake.form != FormKind::kNone && !IsProfessional(referrer.type))
    errors.push_back({"intake.form", "The red and green forms are for professionals; a member of the public tells us in their own words"});
  return intake;
}

}  // namespace

Child ValidateChild(const ChildDraft& draft, const std::string& prefix, year_month_day today,
                    std::vector<FieldError>& errors) {
  Child child;
  child.first_names = CheckField(errors, prefix + ".first_names", draft.first_names, kMaxNameLength,
                                 "The child's first name", false);
  child.last_name = CheckField(errors, prefix + ".last_name", draft.last_name, kMaxNameLength,
                               "The child's last name", false);
  const std::string dob_text = Trim(draft.date_of_birth);
  const std::string due_text = Trim(draft.expected_date);
  if (!dob_text.empty() && !due_text.empty()) {
    errors.push_back({prefix + ".expected_date",
                      "Enter either a date of birth or, for an unborn child, an expected date, not both"});
  }
  if (!dob_text.empty()) {
    child.date_of_birth = ParseIsoDate(dob_text);
    if (!child.date_of_birth) {
      errors.push_back({prefix + ".date_of_birth", "Date of birth must be a real date, like 2019-03-27"});
    } else if (sys_days(*child.date_of_birth) > sys_days(today)) {
      errors.push_back({prefix + ".date_of_birth", "Date of birth must be today or in the past"});
    } else if (EighteenthBirthday(*child.date_of_birth) <= sys_days(today)) {
      errors.push_back({prefix + ".date_of_birth",
                        "Date of birth shows an adult: a child must be under 18 on the day of the contact"});
    }
  }
  if (!due_text.empty()) {
    child.expected_date = ParseIsoDate(due_text);
    if (!child.expected_date) {
      errors.push_back({prefix + ".expected_date", "Expected date must be a real date, like 2027-03-27"});
    } else if (sys_days(*child.expected_date) < sys_days(today) - days(kMaxDaysExpectedOverdue) ||
               sys_days(*child.expected_date) > sys_days(today) + days(kMaxDaysExpectedAhead)) {
      errors.push_back({prefix + ".expected_date",
                        "Expected date must be within the next 10 months (or the past month if overdue)"});
    }
  }
  if (child.first_names.empty() && child.last_name.empty() && !child.expected_date) {
    errors.push_back({prefix + ".first_names", "Enter the child's name (or what is known of it)"});
  }
  const std::string gender = Trim(draft.gender);
  if (gender.empty()) {
    child.gender = Gender::kNotKnown;
  } else if (auto g = GenderFromId(gender)) {
    child.gender = *g;
  } else {
    errors.push_back({prefix + ".gender", "Select the child's gender, or 'Not known'"});
  }
  child.address = CheckField(errors, prefix + ".address", draft.address, kMaxAddressLength, "The child's address",
                             false, true);
  child.school = CheckField(errors, prefix + ".school", draft.school, kMaxShortTextLength,
                            "The child's school or nursery", false);
  if (!Trim(draft.nhs_number).empty()) {
    // HCR-17: a number given is checked wherever it comes from, so a mistyped one never matches records.
    if (auto nhs = NormaliseNhsNumber(draft.nhs_number); nhs && IsValidNhsNumber(*nhs)) child.nhs_number = *nhs;
    else errors.push_back({prefix + ".nhs_number", "NHS number must be 10 digits with a valid check digit, like 943 476 5919"});
  }
  if (auto role = ChildRoleFromId(Trim(draft.role).empty() ? "subject" : Trim(draft.role))) child.role = *role;
  else errors.push_back({prefix + ".role", "Choose whether this child is the one the concern is about, or the child said to have caused the harm"});
  return child;
}

std::string_view ReferrerTypeId(ReferrerType type) {
  for (const auto& n : ReferrerTypeNames())
    if (n.type == type) return n.id;
  return "unknown";
}

std::string_view ReferrerTypeTitle(ReferrerType type) {
  for (const auto& n : ReferrerTypeNames())
    if (n.type == type) return n.title;
  return "Unknown";
}

std::optional<ReferrerType> ReferrerTypeFromId(std::string_view id) {
  for (const auto& n : ReferrerTypeNames())
    if (n.id == id) return n.type;
  return std::nullopt;
}

const std::vector<ReferrerType>& AllReferrerTypes() {
  static const std::vector<ReferrerType> all = [] {
    std::vector<ReferrerType> v;
    for (const auto& n : ReferrerTypeNames()) v.push_back(n.type);
    return v;
  }();
  return all;
}

bool IsProfessional(ReferrerType type) {
  for (const auto& n : ReferrerTypeNames())
    if (n.type == type) return n.professional;
  return true;
}

std::string_view GenderId(Gender gender) {
  for (const auto& g : kGenders)
    if (g.gender == gender) return g.id;
  return "not_known";
}

std::string_view GenderTitle(Gender gender) {
  for (const auto& g : kGenders)
    if (g.gender == gender) return g.title;
  return "Not known";
}

std::optional<Gender> GenderFromId(std::string_view id) {
  for (const auto& g : kGenders)
    if (g.id == id) return g.gender;
  return std::nullopt;
}

const std::vector<Gender>& AllGenders() {
  static const std::vector<Gender> all = {Gender::kFemale, Gender::kMale, Gender::kOther, Gender::kNotKnown};
  return all;
}

Result<NewContact> ValidateContact(const ContactDraft& draft, year_month_day today, const IntakeRules& rules) {
  std::vector<FieldError> errors;
  NewContact contact;
  contact.referrer = ValidateReferrer(draft, errors);
  if (draft.children.empty()) {
    errors.push_back({"children", "Add at least one child the contact is about"});
  } else if (draft.children.size() > kMaxChildren) {
    errors.push_back({"children", fmt::format("A contact can name at most {} children; record the others in a "
                                              "second contact", kMaxChildren)});
  } else {
    for (std::size_t i = 0; i < draft.children.size(); ++i)
      contact.children.push_back(
          ValidateChild(draft.children[i], fmt::format("children[{}]", i), today, errors));
  }
  contact.concern = CheckField(errors, "concern", draft.concern, kMaxConcernLength, "The concern", true, true);
  contact.intake = ValidateIntake(draft, contact.referrer, contact.children, rules, errors);
  if (!errors.empty()) return std::unexpected(Error::Invalid(std::move(errors)));
  return contact;
}

void ReadInformationItems(const std::map<std::string, std::string>& given, const std::string& prefix,
                          std::map<std::string, std::string>& information, std::vector<FieldError>& errors) {
  const auto& items = InformationItems();
  for (const auto& [id, text] : given) {
    const std::string field = prefix + "." + id;
    auto item = std::find_if(items.begin(), items.end(), [&](const auto& i) { return i.id == id; });
    if (item == items.end()) {
      errors.push_back({field, fmt::format("'{}' is not an item of the referral information checklist", id)});
      continue;
    }
    if (!item->free_text) {
      // Names, dates of birth, gender, address, school and the concern are the contact's own fields.
      errors.push_back({field, fmt::format("'{}' is taken from the children's details or the concern, not written "
                                           "here", id)});
      continue;
    }
    auto value = CheckField(errors, field, text, kMaxAddressLength * 4, item->title, false, true);
    if (value.empty()) information.erase(id);
    else information[id] = value;
  }
}

std::vector<InformationItem> MissingInformation(const Contact& contact) {
  std::vector<InformationItem> missing;
  auto all = [&](auto has) { return std::all_of(contact.children.begin(), contact.children.end(), has); };
  for (const auto& item : InformationItems()) {
    bool present = false;
    if (item.free_text) present = contact.intake.information.contains(std::string(item.id));
    else if (item.id == "children_names") present = all([](const Child& c) { return !c.first_names.empty() && !c.last_name.empty(); });
    else if (item.id == "children_dates_of_birth") present = all([](const Child& c) { return c.date_of_birth || c.expected_date; });
    else if (item.id == "children_gender") present = all([](const Child& c) { return c.gender != Gender::kNotKnown || c.IsUnborn(); });
    else if (item.id == "address") present = all([](const Child& c) { return !c.address.empty(); });
    else if (item.id == "school") present = all([](const Child& c) { return !c.school.empty() || c.IsUnborn(); });
    else if (item.id == "concern") present = !contact.concern.empty();
    if (!present) missing.push_back(item);
  }
  return missing;
}

std::string FormatContactReference(int year, std::int64_t sequence) {
  return fmt::format("FD-{:04}-{:06}", year, sequence);
}

std::optional<year_month_day> ParseIsoDate(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  int y = 0;
  unsigned m = 0, d = 0;
  auto parse = [](std::string_view s, auto& out) {
    for (char c : s)
      if (c < '0' || c > '9') return false;
    return std::from_chars(s.data(), s.data() + s.size(), out).ec == std::errc{};
  };
  if (!parse(text.substr(0, 4), y) || !parse(text.substr(5, 2), m) || !parse(text.substr(8, 2), d))
    return std::nullopt;
  const year_month_day date{std::chrono::year{y}, std::chrono::month{m}, std::chrono::day{d}};
  if (!date.ok() || y < 1900) return std::nullopt;
  return date;
}

std::string FormatIsoDate(year_month_day date) {
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                     static_cast<unsigned>(date.day()));
}

bool IsProtectedIdentity(const Referrer& referrer) {
  return referrer.type == ReferrerType::kMemberOfPublic && !referrer.anonymous;
}

void WithholdIdentity(Referrer& referrer) {
  if (!IsProtectedIdentity(referrer)) return;
  referrer.name.clear();
  referrer.role.clear();
  referrer.phone.clear();
  referrer.email.clear();
  referrer.identity_withheld = true;
}

}  // namespace fd
