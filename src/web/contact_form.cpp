#include "web/contact_form.h"

#include <fmt/format.h>

namespace fd::web {
namespace {

std::string Field(const std::multimap<std::string, std::string>& fields, const std::string& name) {
  auto it = fields.find(name);
  return it == fields.end() ? std::string() : it->second;
}

bool AllDigits(const std::string& s) {
  if (s.empty()) return false;
  for (char c : s)
    if (c < '0' || c > '9') return false;
  return true;
}

// Day, month and year boxes → "YYYY-MM-DD"; empty when all are empty; something that fails the
// date check (and so is reported) when only some are filled or they are not numbers.
std::string ComposeDate(const std::string& day, const std::string& month, const std::string& year) {
  if (day.empty() && month.empty() && year.empty()) return "";
  if (!AllDigits(day) || !AllDigits(month) || !AllDigits(year) || day.size() > 2 || month.size() > 2 ||
      year.size() != 4)
    return "incomplete";
  return fmt::format("{}-{:0>2}-{:0>2}", year, month, day);
}

// The message for `field`, if any.
std::string ErrorFor(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return e.message;
  return "";
}

Data TextInput(const std::string& name, const std::string& label, const std::string& value, const std::string& error,
               const std::string& type = "text", const std::string& width = "govuk-!-width-two-thirds",
               const std::string& hint = "") {
  Data d = Object();
  d.set("name", name);
  d.set("label", label);
  d.set("value", value);
  d.set("type", type);
  d.set("width", width);
  if (!error.empty()) d.set("error", error);
  if (!hint.empty()) d.set("hint", hint);
  return d;
}

Data DateInput(const std::string& name, const std::string& label, const std::string& hint, const std::string& day,
               const std::string& month, const std::string& year, const std::string& error) {
  Data d = Object();
  d.set("name", name);
  d.set("label", label);
  d.set("hint", hint);
  d.set("day", day);
  d.set("month", month);
  d.set("year", year);
  if (!error.empty()) d.set("error", error);
  return d;
}

}  // namespace

ContactForm ParseContactForm(const std::multimap<std::string, std::string>& fields) {
  ContactForm form;
  form.referrer_type = Field(fields, "referrer_type");
  form.referrer_anonymous = Field(fields, "referrer_anonymous") == "yes";
  form.anonymity_limits_explained = Field(fields, "anonymity_limits_explained") == "yes";
  form.referrer_name = Field(fields, "referrer_name");
  form.referrer_role = Field(fields, "referrer_role");
  form.referrer_agency = Field(fields, "referrer_agency");
  form.referrer_phone = Field(fields, "referrer_phone");
  form.referrer_email = Field(fields, "referrer_email");
  form.concern = Field(fields, "concern");
  std::size_t count = 1;
  const std::string count_text = Field(fields, "child_count");
  if (AllDigits(count_text) && count_text.size() < 3) count = std::stoul(count_text);
  count = std::clamp<std::size_t>(count, 1, kMaxChildren);
  form.children.assign(count, ChildForm{});
  for (std::size_t i = 0; i < count; ++i) {
    const std::string p = fmt::format("children-{}-", i);
    ChildForm& c = form.children[i];
    c.first_names = Field(fields, p + "first_names");
    c.last_name = Field(fields, p + "last_name");
    c.school = Field(fields, p + "school");
    c.gender = Field(fields, p + "gender");
    c.address = Field(fields, p + "address");
    c.dob_day = Field(fields, p + "dob-day");
    c.dob_month = Field(fields, p + "dob-month");
    c.dob_year = Field(fields, p + "dob-year");
    c.due_day = Field(fields, p + "due-day");
    c.due_month = Field(fields, p + "due-month");
    c.due_year = Field(fields, p + "due-year");
  }
  return form;
}

ContactDraft ToDraft(const ContactForm& form) {
  ContactDraft draft;
  draft.referrer_type = form.referrer_type;
  draft.referrer_anonymous = form.referrer_anonymous;
  draft.intake.anonymity_limits_explained = form.anonymity_limits_explained;
  draft.referrer_name = form.referrer_name;
  draft.referrer_role = form.referrer_role;
  draft.referrer_agency = form.referrer_agency;
  draft.referrer_phone = form.referrer_phone;
  draft.referrer_email = form.referrer_email;
  draft.concern = form.concern;
  for (const auto& c : form.children) {
    draft.children.push_back({c.first_names, c.last_name, ComposeDate(c.dob_day, c.dob_month, c.dob_year),
                              ComposeDate(c.due_day, c.due_month, c.due_year), c.gender, c.address, c.school,
                              c.nhs_number, c.role});
  }
  return draft;
}

std::string InputIdFor(const std::string& field) {
  if (field.starts_with("referrer.")) {
    const std::string name = "referrer_" + field.substr(9);
    return name == "referrer_type" ? "referrer_type-" + std::string(ReferrerTypeId(AllReferrerTypes()[0])) : name;
  }
  if (field == "children") return "children-0-first_names";
  if (field.starts_with("intake.")) return field.substr(7);  // intake.x → the input named x
  if (field.starts_with("children[")) {
    const auto close = field.find(']');
    const std::string index = field.substr(9, close - 9);
    std::string name = close + 2 <= field.size() ? field.substr(close + 2) : "first_names";
    if (name == "date_of_birth") name = "dob-day";
    if (name == "expected_date") name = "due-day";
    return "children-" + index + "-" + name;
  }
  return field;
}

Data ErrorList(const std::vector<FieldError>& errors) {
  Data list = List();
  for (const auto& e : errors) {
    Data item = Object();
    item.set("input_id", InputIdFor(e.field));
    item.set("message", e.message);
    list.push_back(item);
  }
  return list;
}

Data ContactFormData(const ContactForm& form, const std::vector<FieldError>& errors, const std::string& csrf_token) {
  Data d = Object();
  d.set("title", "Record a contact");
  d.set("csrf_token", csrf_token);
  d.set("child_count", std::to_string(form.children.size()));
  if (!errors.empty()) {
    d.set("has_errors", true);
    d.set("errors", ErrorList(errors));
  }
  Data types = List();
  for (ReferrerType t : AllReferrerTypes()) {
    Data item = Object();
    item.set("value", std::string(ReferrerTypeId(t)));
    item.set("title", std::string(ReferrerTypeTitle(t)));
    item.set("input_id", "referrer_type-" + std::string(ReferrerTypeId(t)));
    if (form.referrer_type == ReferrerTypeId(t)) item.set("checked", true);
    types.push_back(item);
  }
  d.set("referrer_types", types);
  if (auto e = ErrorFor(errors, "referrer.type"); !e.empty()) d.set("referrer_type_error", e);
  if (auto e = ErrorFor(errors, "referrer.anonymous"); !e.empty()) d.set("referrer_anonymous_error", e);
  if (form.referrer_anonymous) d.set("referrer_anonymous", true);
  if (form.anonymity_limits_explained) d.set("anonymity_limits_explained", true);
  if (auto e = ErrorFor(errors, "intake.anonymity_limits_explained"); !e.empty()) d.set("anonymity_error", e);

  Data referrer = List();
  referrer.push_back(TextInput("referrer_name", "Name", form.referrer_name, ErrorFor(errors, "referrer.name")));
  referrer.push_back(TextInput("referrer_role", "Role (optional)", form.referrer_role, ErrorFor(errors, "referrer.role"),
                               "text", "govuk-!-width-two-thirds", "For example, designated safeguarding lead"));
  referrer.push_back(TextInput("referrer_agency", "Organisation", form.referrer_agency,
                               ErrorFor(errors, "referrer.agency"), "text", "govuk-!-width-two-thirds",
                               "Needed for professionals: school, nursery, surgery, police station"));
  referrer.push_back(TextInput("referrer_phone", "Phone number", form.referrer_phone, ErrorFor(errors, "referrer.phone"),
                               "tel", "govuk-input--width-20"));
  referrer.push_back(TextInput("referrer_email", "Email address", form.referrer_email,
                               ErrorFor(errors, "referrer.email"), "email", "govuk-!-width-two-thirds"));
  d.set("referrer_fields", referrer);

  if (auto e = ErrorFor(errors, "children"); !e.empty()) d.set("children_error", e);
  Data children = List();
  for (std::size_t i = 0; i < form.children.size(); ++i) {
    const ChildForm& c = form.children[i];
    const std::string field = fmt::format("children[{}]", i);
    const std::string prefix = fmt::format("children-{}", i);
    Data child = Object();
    child.set("number", std::to_string(i + 1));
    child.set("prefix", prefix);
    Data text = List();
    text.push_back(TextInput(prefix + "-first_names", "First names", c.first_names, ErrorFor(errors, field + ".first_names")));
    text.push_back(TextInput(prefix + "-last_name", "Last name", c.last_name, ErrorFor(errors, field + ".last_name")));
    text.push_back(TextInput(prefix + "-school", "School or nursery (optional)", c.school, ErrorFor(errors, field + ".school")));
    child.set("text_fields", text);
    Data dates = List();
    dates.push_back(DateInput(prefix + "-dob", "Date of birth", "For example, 27 3 2019. Leave empty if not known.",
                              c.dob_day, c.dob_month, c.dob_year, ErrorFor(errors, field + ".date_of_birth")));
    dates.push_back(DateInput(prefix + "-due", "Expected date, if the child is unborn", "For example, 14 6 2027",
                              c.due_day, c.due_month, c.due_year, ErrorFor(errors, field + ".expected_date")));
    child.set("date_fields", dates);
    Data genders = List();
    for (Gender g : AllGenders()) {
      Data option = Object();
      option.set("value", std::string(GenderId(g)));
      option.set("title", std::string(GenderTitle(g)));
      const bool selected = c.gender.empty() ? g == Gender::kNotKnown : c.gender == GenderId(g);
      if (selected) option.set("selected", true);
      genders.push_back(option);
    }
    child.set("genders", genders);
    if (auto e = ErrorFor(errors, field + ".gender"); !e.empty()) child.set("gender_error", e);
    child.set("address", c.address);
    if (auto e = ErrorFor(errors, field + ".address"); !e.empty()) child.set("address_error", e);
    children.push_back(child);
  }
  d.set("children", children);
  d.set("concern", form.concern);
  if (auto e = ErrorFor(errors, "concern"); !e.empty()) d.set("concern_error", e);
  return d;
}

}  // namespace fd::web
