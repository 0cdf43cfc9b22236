#include "web/contact_form.h"

#include <algorithm>
#include <charconv>
#include <span>
#include <tuple>

#include <fmt/format.h>
#include <fmt/ranges.h>

#include "app/accounts.h"
#include "app/call_confirmations.h"
#include "app/idempotent_contacts.h"
#include "domain/text.h"
#include "policy/service_words.h"
#include "web/date_boxes.h"

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

// The message for `field`, if any.
std::string ErrorFor(const std::vector<FieldError>& errors, const std::string& field) {
  for (const auto& e : errors)
    if (e.field == field) return e.message;
  return "";
}

// `autocomplete`: "off" where the person typing is not the person the box is about (an officer taking
// a call); the WCAG 1.3.5 purpose ("name", "tel", …) where they are.
Data TextInput(const std::string& name, const std::string& label, const std::string& value, const std::string& error,
               const std::string& type = "text", const std::string& width = "govuk-!-width-two-thirds",
               const std::string& hint = "", const std::string& autocomplete = "off") {
  Data d = Object();
  d.set("name", name);
  d.set("label", label);
  d.set("value", value);
  d.set("type", type);
  d.set("width", width);
  d.set("autocomplete", autocomplete);
  if (!error.empty()) d.set("error", error);
  if (!hint.empty()) d.set("hint", hint);
  // A screen reader reads the box's hint and then its error, as GOV.UK's inputs do (WCAG 1.3.1, 3.3.1).
  std::string described_by = hint.empty() ? "" : name + "-hint";
  if (!error.empty()) described_by += (described_by.empty() ? "" : " ") + name + "-error";
  if (!described_by.empty()) d.set("described_by", described_by);
  return d;
}

// GOV.UK's date input: a box left empty, or a year of two digits, is named as such rather than "must be a
// real date", and only the boxes at fault are marked. `what` starts the message ("Date of birth").
struct DateFault {
  std::string message;  // empty: the domain's message stands
  bool day = false, month = false, year = false;
  std::string FirstBox() const { return day ? "day" : month ? "month" : "year"; }
};

DateFault FaultInBoxes(std::string_view what, const std::string& day, const std::string& month, const std::string& year) {
  DateFault fault{"", day.empty(), month.empty(), year.empty()};
  std::vector<std::string> missing;
  for (auto [empty, box] : {std::pair{fault.day, "day"}, std::pair{fault.month, "month"}, std::pair{fault.year, "year"}})
    if (empty) missing.push_back(box);
  if (!missing.empty()) {
    fault.message = fmt::format("{} must include a {}", what, fmt::join(missing, " and "));
    return fault;
  }
  fault = {"", !AllDigits(day), !AllDigits(month), !AllDigits(year)};
  if (fault.day || fault.month || fault.year) return fault;
  if (year.size() != 4) return {"Year must include 4 numbers", false, false, true};
  return {"", true, true, true};
}

Data DateInput(const std::string& name, const std::string& label, const std::string& hint, const std::string& day,
               const std::string& month, const std::string& year, const std::string& error,
               const std::optional<DateFault>& fault) {
  Data d = Object();
  d.set("name", name);
  d.set("label", label);
  d.set("hint", hint);
  d.set("day", day);
  d.set("month", month);
  d.set("year", year);
  if (!error.empty()) {
    d.set("error", error);
    d.set("day_error", !fault || fault->day);
    d.set("month_error", !fault || fault->month);
    d.set("year_error", !fault || fault->year);
  }
  return d;
}

// One radio, checkbox or select option.
Data Option(const std::string& value, const std::string& title, const std::string& input_id, bool checked) {
  Data d = Object();
  d.set("value", value);
  d.set("title", title);
  d.set("input_id", input_id);
  if (checked) d.set("checked", true);
  return d;
}

}  // namespace

Data InformationItemsData(const std::map<std::string, std::string>& given, const std::vector<FieldError>& errors,
                          const std::string& error_prefix, bool& open) {
  Data items = List();
  for (const auto& item : InformationItems()) {
    if (!item.free_text) continue;
    const std::string id(item.id);
    Data entry = Object();
    entry.set("name", "information-" + id);
    entry.set("title", std::string(item.title));
    auto text = given.find(id);
    entry.set("value", text == given.end() ? std::string() : text->second);
    if (text != given.end() && !text->second.empty()) open = true;
    if (auto e = ErrorFor(errors, error_prefix + "." + id); !e.empty()) {
      entry.set("error", e);
      open = true;
    }
    items.push_back(entry);
  }
  return items;
}

std::map<std::string, std::string> HouseholdFromFields(const std::multimap<std::string, std::string>& fields) {
  std::map<std::string, std::string> household;
  for (const auto& q : HouseholdQuestions())
    if (auto answer = Field(fields, "household-" + std::string(q.id)); !answer.empty())
      household[std::string(q.id)] = answer;
  return household;
}

Data HouseholdQuestionsData(const std::map<std::string, std::string>& given, const std::vector<FieldError>& errors,
                            const std::string& error_prefix) {
  Data questions = List();
  for (const auto& q : HouseholdQuestions()) {
    const std::string id(q.id);
    const std::string name = "household-" + id;
    auto answer = given.find(id);
    Data question = Object();
    question.set("name", name);
    question.set("title", std::string(q.title));
    if (auto e = ErrorFor(errors, error_prefix + "." + id); !e.empty()) question.set("error", e);
    Data answers = List();
    bool first = true;
    for (Answer a : {Answer::kYes, Answer::kNo, Answer::kNotKnown}) {
      const std::string value(AnswerId(a));
      answers.push_back(Option(value, std::string(AnswerTitle(a)), first ? name : name + "-" + value,
                               answer != given.end() && answer->second == value));
      first = false;
    }
    question.set("answers", answers);
    questions.push_back(question);
  }
  return questions;
}

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
  form.received_date = Field(fields, "received_date");
  form.received_time = Field(fields, "received_time");
  // A post without a channel (an older page, a script) is a phone call, as the draft assumes.
  if (auto channel = Field(fields, "channel"); !channel.empty()) form.channel = channel;
  form.form_kind = Field(fields, "form");
  form.hub_consultation = Field(fields, "hub_consultation");
  form.consultation_number = Field(fields, "consultation_number");
  form.call_reference = Field(fields, "call_reference");
  form.household = HouseholdFromFields(fields);
  for (const auto& item : InformationItems())
    if (item.free_text)
      if (auto text = Field(fields, "information-" + std::string(item.id)); !text.empty())
        form.information[std::string(item.id)] = text;
  auto [first, last] = fields.equal_range("indicators");
  for (auto it = first; it != last && form.indicators.size() < 100; ++it) form.indicators.push_back(it->second);
  form.harm_by_another_child = Field(fields, "harm_by_another_child") == "yes";
  form.allegation_against_professional = Field(fields, "allegation_against_professional") == "yes";
  form.passing_on_concern_of = Field(fields, "passing_on_concern_of");
  form.form_key = Field(fields, "form_key");
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
    c.nhs_number = Field(fields, p + "nhs_number");
    if (auto role = Field(fields, p + "role"); !role.empty()) c.role = role;
  }
  return form;
}

namespace {

bool IsEmpty(const ChildForm& c) {
  for (const std::string* text : {&c.first_names, &c.last_name, &c.school, &c.address, &c.dob_day, &c.dob_month,
                                  &c.dob_year, &c.due_day, &c.due_month, &c.due_year, &c.nhs_number})
    if (!Trim(*text).empty()) return false;
  return (c.gender.empty() || c.gender == GenderId(Gender::kNotKnown)) && (c.role.empty() || c.role == "subject");
}

}  // namespace

std::string FormFingerprint(const std::multimap<std::string, std::string>& fields) {
  nlohmann::json answers = nlohmann::json::object();  // keys sorted, values in the order sent
  for (const auto& [name, value] : fields)
    if (name != "csrf_token" && name != "action" && name != "form_key") answers[name].push_back(value);
  return app::RequestFingerprint(answers);
}

bool ApplyChildAction(ContactForm& form, std::string_view action) {
  if (action == "add-child") {
    if (form.children.size() < kMaxChildren) {
      form.children.emplace_back();
      form.child_change = ChildChange{ChildChange::Kind::kAdded, form.children.size()};
    } else {
      form.child_change = ChildChange{ChildChange::Kind::kNoMoreRoom, form.children.size()};
    }
    return true;
  }
  constexpr std::string_view kRemove = "remove-child-";
  if (!action.starts_with(kRemove)) return false;
  const std::string_view number = action.substr(kRemove.size());
  std::size_t index = 0;
  const auto [end, ec] = std::from_chars(number.data(), number.data() + number.size(), index);
  if (ec == std::errc{} && end == number.data() + number.size() && index >= 1 && index < form.children.size()) {
    form.children.erase(form.children.begin() + static_cast<std::ptrdiff_t>(index));
    form.child_change = ChildChange{ChildChange::Kind::kRemoved, index + 1};
  }
  return true;
}

ContactDraft ToDraft(const ContactForm& form) {
  ContactDraft draft;
  draft.referrer_type = form.referrer_type;
  draft.referrer_anonymous = form.referrer_anonymous;
  draft.referrer_name = form.referrer_name;
  draft.referrer_role = form.referrer_role;
  draft.referrer_agency = form.referrer_agency;
  draft.referrer_phone = form.referrer_phone;
  draft.referrer_email = form.referrer_email;
  draft.concern = form.concern;
  draft.received_date = form.received_date;
  draft.received_time = form.received_time;
  // Only trailing empty boxes are left out, so every error's index still names the box it is in.
  std::size_t kept = form.children.size();
  while (kept > 1 && IsEmpty(form.children[kept - 1])) --kept;
  for (const auto& c : std::span(form.children).first(kept)) {
    draft.children.push_back({c.first_names, c.last_name, IsoDate({c.dob_day, c.dob_month, c.dob_year}),
                              IsoDate({c.due_day, c.due_month, c.due_year}), c.gender, c.address, c.school,
                              c.nhs_number, c.role});
  }
  IntakeDraft& in = draft.intake;
  in.channel = form.channel;
  in.form = form.form_kind == "none" ? "" : form.form_kind;
  in.hub_consultation = form.hub_consultation;
  in.consultation_number = form.consultation_number;
  in.household = form.household;
  in.information = form.information;
  in.call_reference = form.call_reference;  // HCR-15
  in.indicators = form.indicators;
  in.harm_by_another_child = form.harm_by_another_child;
  in.allegation_against_professional = form.allegation_against_professional;
  in.anonymity_limits_explained = form.anonymity_limits_explained;
  in.passing_on_concern_of = form.passing_on_concern_of;
  return draft;
}

std::string InputIdFor(const std::string& field) {
  if (field.starts_with("referrer.")) {
    const std::string name = "referrer_" + field.substr(9);
    return name == "referrer_type" ? "referrer_type-" + std::string(ReferrerTypeId(AllReferrerTypes()[0])) : name;
  }
  if (field == "children") return "children-0-first_names";
  if (field == "received_at") return "received_date";
  if (field.starts_with("intake.")) {
    // intake.x → the input named x; a group's first option carries the group's name as its id
    // ("intake.household.mental_illness" → "household-mental_illness", "intake.indicators[2]" →
    // "indicators", "intake.information.identity" → "information-identity").
    std::string name = field.substr(7);
    name = name.substr(0, name.find('['));
    std::replace(name.begin(), name.end(), '.', '-');
    return name.empty() ? "channel" : name;
  }
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

// The domain's date messages are shared with the API, which takes ISO dates ("like 2019-03-27"); the
// form has day, month and year boxes, so its messages give the example its hints give.
std::vector<FieldError> ForDateBoxes(std::vector<FieldError> errors) {
  for (auto& e : errors)
    for (auto [iso, boxes] : {std::pair{"like 2019-03-27", "like 27 3 2019"}, std::pair{"like 2027-03-27", "like 14 6 2027"}})
      if (auto at = e.message.find(iso); at != std::string::npos) e.message.replace(at, std::string_view(iso).size(), boxes);
  return errors;
}

Data ErrorList(const std::vector<FieldError>& errors, const std::map<std::string, std::string>& links) {
  Data list = List();
  for (const auto& e : errors) {
    Data item = Object();
    auto link = links.find(e.field);
    item.set("input_id", link == links.end() ? InputIdFor(e.field) : link->second);
    // Child 2's "Enter the child's name" would read like child 1's in the summary; so every child's
    // errors say which child, child 1's too.
    std::string message = e.message;
    if (e.field.starts_with("children[")) {
      const auto close = e.field.find(']');
      std::size_t index = 0;
      std::from_chars(e.field.data() + 9, e.field.data() + close, index);
      message = fmt::format("Child {}: {}", index + 1, message);
    }
    item.set("message", message);
    list.push_back(item);
  }
  return list;
}

namespace {

// Where a field's input stands on the page, top to bottom: the summary lists the errors in the
// order the page asks its questions (GOV.UK error summary), whatever order they were found in. The
// portal asks about the sender before the red or green form; the staff form asks how it came in first.
std::tuple<int, std::size_t, int> PlaceOnPage(const std::string& field, FormAudience audience) {
  const bool portal = audience == FormAudience::kPortal;
  const int form_kind = portal ? 20 : 1;
  static const std::vector<std::string> kTop{"referrer.type", "referrer.anonymous",
                                             "intake.anonymity_limits_explained", "referrer.name", "referrer.role",
                                             "referrer.agency", "referrer.phone", "referrer.email",
                                             "intake.passing_on_concern_of"};
  if (field == "intake.channel") return {0, 0, 0};
  if (field == "intake.form") return {form_kind, 0, 0};
  if (field == "intake.call_reference") return {form_kind, 0, 1};
  if (field == "intake.consultation_number") return {form_kind, 0, 2};
  if (field == "intake.hub_consultation") return {form_kind, 0, 3};
  if (auto at = std::find(kTop.begin(), kTop.end(), field); at != kTop.end()) return {10, 0, static_cast<int>(at - kTop.begin())};
  if (field == "children") return {30, 0, 0};
  if (field.starts_with("children[")) {
    const auto close = field.find(']');
    std::size_t index = 0;
    std::from_chars(field.data() + 9, field.data() + close, index);
    static const std::vector<std::string> kBoxes{"first_names", "last_name", "school", "date_of_birth", "expected_date",
                                                 "gender", "address", "nhs_number", "role"};
    const std::string box = close + 2 <= field.size() ? field.substr(close + 2) : "";
    auto at = std::find(kBoxes.begin(), kBoxes.end(), box);
    return {31, index, static_cast<int>(at - kBoxes.begin())};
  }
  if (field == "intake.harm_by_another_child") return {32, 0, 0};
  if (field == "concern") return {40, 0, 0};
  if (field == "intake.allegation_against_professional") return {41, 0, 0};
  if (field.starts_with("intake.indicators")) return {42, 0, 0};
  if (field.starts_with("intake.household.")) {
    const auto& questions = HouseholdQuestions();
    auto at = std::find_if(questions.begin(), questions.end(), [&](const auto& q) { return field.substr(17) == q.id; });
    return {50, 0, static_cast<int>(at - questions.begin())};
  }
  if (field.starts_with("intake.information.")) {
    const auto& items = InformationItems();
    auto at = std::find_if(items.begin(), items.end(), [&](const auto& i) { return field.substr(19) == i.id; });
    return {60, 0, static_cast<int>(at - items.begin())};
  }
  return {99, 0, 0};
}

}  // namespace

std::string FormKindTitle(FormKind form) {
  switch (form) {
    case FormKind::kRed: return "Red form: child protection";
    case FormKind::kGreen: return "Green form: service request";
    default: return "No form";
  }
}

std::string ChildRoleTitle(ChildRole role) {
  return role == ChildRole::kHarmingChild ? "Child said to have caused the harm" : "Child the concern is about";
}

std::string UrgentAdviceText(const std::string& pack_advice) { return policy::WithEmergencyNumber(pack_advice); }

Data ContactFormData(const ContactForm& form, const std::vector<FieldError>& errors_as_given,
                     const std::string& csrf_token, const policy::PolicyPack& pack, FormAudience audience) {
  const auto& indicators = pack.significant_harm_indicators;
  std::vector<FieldError> errors = ForDateBoxes(errors_as_given);
  const bool portal = audience == FormAudience::kPortal;
  // A date the boxes could not make says which box is wrong, and links to it.
  std::map<std::string, std::string> links;  // field → the input its summary entry links to
  std::map<std::string, DateFault> date_faults;
  for (auto& e : errors) {
    if (!e.field.starts_with("children[")) continue;
    const auto close = e.field.find(']');
    std::size_t index = 0;
    std::from_chars(e.field.data() + 9, e.field.data() + close, index);
    if (index >= form.children.size()) continue;
    const ChildForm& c = form.children[index];
    const std::string box = e.field.substr(close + 1);
    const bool born = box == ".date_of_birth";
    if (!born && box != ".expected_date") continue;
    const std::string what = born ? "Date of birth" : "Expected date";
    if (!e.message.starts_with(what + " must be a real date")) continue;
    const DateFault fault = born ? FaultInBoxes(what, c.dob_day, c.dob_month, c.dob_year)
                                 : FaultInBoxes(what, c.due_day, c.due_month, c.due_year);
    if (!fault.message.empty()) e.message = fault.message;
    links[e.field] = fmt::format("children-{}-{}-{}", index, born ? "dob" : "due", fault.FirstBox());
    date_faults[e.field] = fault;
  }
  // HCR-3's "add the details of the child said to have caused the harm" links to where they go: the
  // last child's box (its name if empty, else "Which child is this?"), or "Add another child" when
  // there is one child. "Add the child the concern is about" links to child 1's "Which child is this?".
  const bool harming_named = std::any_of(form.children.begin(), form.children.end(), [](const ChildForm& c) {
    return c.role == ChildRoleId(ChildRole::kHarmingChild);
  });
  if (form.harm_by_another_child && !harming_named) {
    const std::size_t last = form.children.size() - 1;
    links["children"] = last == 0 ? "add-child"
                                  : fmt::format("children-{}-{}", last, IsEmpty(form.children[last]) ? "first_names" : "role");
  } else if (harming_named) {
    links["children"] = "children-0-role";
  }
  Data d = Object();
  d.set("title", portal ? "Request support for a child" : "Record a contact");
  d.set("csrf_token", csrf_token);
  d.set("child_count", std::to_string(form.children.size()));
  // A new form gets its key here; a form shown again keeps the one it was sent with.
  d.set("form_key", form.form_key.empty() ? app::RandomToken(16) : form.form_key);
  if (!errors.empty()) {
    std::vector<FieldError> in_page_order = errors;
    // The children's own errors stand where they link to: HCR-3's at the box that needs the details.
    const auto place = [&](const FieldError& e) {
      auto link = links.find(e.field);
      if (e.field != "children" || link == links.end()) return PlaceOnPage(e.field, audience);
      if (link->second == "add-child") return PlaceOnPage("intake.harm_by_another_child", audience);
      const std::string& id = link->second;  // children-N-box
      const auto dash = id.find('-', 9);
      return PlaceOnPage(fmt::format("children[{}].{}", id.substr(9, dash - 9), id.substr(dash + 1)), audience);
    };
    std::stable_sort(in_page_order.begin(), in_page_order.end(),
                     [&](const FieldError& a, const FieldError& b) { return place(a) < place(b); });
    d.set("has_errors", true);
    d.set("errors", ErrorList(in_page_order, links));
  }
  d.set("received_date", form.received_date);
  d.set("received_time", form.received_time);
  if (auto e = ErrorFor(errors, "received_at"); !e.empty()) d.set("received_error", e);
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
  // On the portal these boxes are about the person typing, so their browser may fill them in (WCAG
  // 1.3.5); on the staff form the officer types a caller's details, and their own would be wrong.
  const auto own = [portal](const char* purpose) { return portal ? std::string(purpose) : std::string("off"); };
  referrer.push_back(TextInput("referrer_name", portal ? "Your name" : "Name", form.referrer_name,
                               ErrorFor(errors, "referrer.name"), "text", "govuk-!-width-two-thirds",
                               portal ? "Leave empty if you are a member of the public staying anonymous" : "",
                               own("name")));
  referrer.push_back(TextInput("referrer_role", portal ? "Your role (optional)" : "Role (optional)", form.referrer_role,
                               ErrorFor(errors, "referrer.role"), "text", "govuk-!-width-two-thirds",
                               "For example, designated safeguarding lead", own("organization-title")));
  referrer.push_back(TextInput("referrer_agency", portal ? "Your organisation" : "Organisation", form.referrer_agency,
                               ErrorFor(errors, "referrer.agency"), "text", "govuk-!-width-two-thirds",
                               portal ? "Professionals only: school, nursery, surgery, police station"
                                      : "Needed for professionals: school, nursery, surgery, police station",
                               own("organization")));
  referrer.push_back(TextInput("referrer_phone", portal ? "Your phone number" : "Phone number", form.referrer_phone,
                               ErrorFor(errors, "referrer.phone"), "tel", "govuk-input--width-20", "", own("tel")));
  referrer.push_back(TextInput("referrer_email", portal ? "Your email address" : "Email address", form.referrer_email,
                               ErrorFor(errors, "referrer.email"), "email", "govuk-!-width-two-thirds",
                               portal ? "We will send you an acknowledgement with your reference" : "", own("email")));
  d.set("referrer_fields", referrer);
  d.set("passing_on_concern_of", form.passing_on_concern_of);
  if (auto e = ErrorFor(errors, "intake.passing_on_concern_of"); !e.empty()) d.set("passing_on_error", e);

  // How it came in (staff only: the portal is its own channel).
  if (!portal) {
    Data channels = List();
    bool first = true;
    for (Channel ch : {Channel::kPhone, Channel::kEmail, Channel::kForm, Channel::kInPerson}) {
      const std::string id(ChannelId(ch));
      std::string title(ChannelTitle(ch));
      if (ch == Channel::kForm && pack.intake.red_and_green_forms) title += " (red or green)";
      channels.push_back(Option(id, title, first ? "channel" : "channel-" + id, form.channel == id));
      first = false;
    }
    d.set("channels", channels);
    if (auto e = ErrorFor(errors, "intake.channel"); !e.empty()) d.set("channel_error", e);
  }
  // The red and green forms (HCR-9…HCR-11) and the Consultation Hub's advice (HCR-10), only where
  // the procedures in force have them: other authorities' referrers are not asked about them.
  if (pack.intake.red_and_green_forms) {
    d.set("red_and_green_forms", true);
    if (pack.routing.red_forms_need_hub_consultation) d.set("red_forms_need_hub", true);
    Data forms = List();
    forms.push_back(Option("none", portal ? "No, I am not sending a form" : "No form", "form",
                           form.form_kind.empty() || form.form_kind == "none"));
    forms.push_back(Option("red", FormKindTitle(FormKind::kRed), "form-red", form.form_kind == "red"));
    forms.push_back(Option("green", FormKindTitle(FormKind::kGreen), "form-green", form.form_kind == "green"));
    d.set("form_kinds", forms);
  }
  if (auto e = ErrorFor(errors, "intake.form"); !e.empty()) d.set("form_error", e);
  if (pack.HasHubAdvice()) d.set("hub_advice", true);
  d.set("hub_consultation", form.hub_consultation);
  if (auto e = ErrorFor(errors, "intake.hub_consultation"); !e.empty()) d.set("hub_consultation_error", e);
  // HCR-15: where the pack tracks the written confirmation of calls; elsewhere not asked (and ignored).
  if (app::TracksWrittenConfirmationOfCalls(pack)) d.set("written_confirmation_of_calls", true);
  d.set("call_reference", form.call_reference);
  if (auto e = ErrorFor(errors, "intake.call_reference"); !e.empty()) d.set("call_reference_error", e);
  d.set("consultation_number", form.consultation_number);
  if (auto e = ErrorFor(errors, "intake.consultation_number"); !e.empty()) d.set("consultation_number_error", e);

  if (auto e = ErrorFor(errors, "children"); !e.empty()) d.set("children_error", e);
  if (form.child_change) {
    const ChildChange& change = *form.child_change;
    Data said = Object();
    switch (change.kind) {
      case ChildChange::Kind::kAdded: said.set("message", fmt::format("Child {} added", change.number)); break;
      case ChildChange::Kind::kRemoved: said.set("message", fmt::format("Child {} removed", change.number)); break;
      case ChildChange::Kind::kNoMoreRoom:
        said.set("message", fmt::format("No child added: the form takes up to {} children", kMaxChildren));
        break;
    }
    // After a removal (or no room) the keyboard is kept at this line; after an addition, at the new
    // child's first box, whose description is this line.
    if (change.kind != ChildChange::Kind::kAdded) said.set("focus", true);
    d.set("child_change", said);
  }
  Data children = List();
  for (std::size_t i = 0; i < form.children.size(); ++i) {
    const ChildForm& c = form.children[i];
    const std::string field = fmt::format("children[{}]", i);
    const std::string prefix = fmt::format("children-{}", i);
    Data child = Object();
    child.set("number", std::to_string(i + 1));
    if (i > 0) child.set("removable", std::to_string(i));
    child.set("prefix", prefix);
    Data text = List();
    Data first_names = TextInput(prefix + "-first_names", "First names", c.first_names, ErrorFor(errors, field + ".first_names"));
    if (form.child_change && form.child_change->kind == ChildChange::Kind::kAdded && form.child_change->number == i + 1) {
      first_names.set("autofocus", true);
      first_names.set("described_by", "children-status");
    }
    // The children's own error ("Harm by another child: add the details…") is read at the box it links to.
    const auto children_link = links.find("children");
    const bool children_error_here = !ErrorFor(errors, "children").empty() && children_link != links.end();
    if (children_error_here && children_link->second == prefix + "-first_names") {
      const std::string own_error = ErrorFor(errors, field + ".first_names").empty() ? "" : prefix + "-first_names-error ";
      first_names.set("described_by", own_error + "children-error");
    }
    text.push_back(first_names);
    text.push_back(TextInput(prefix + "-last_name", "Last name", c.last_name, ErrorFor(errors, field + ".last_name")));
    text.push_back(TextInput(prefix + "-school", "School or nursery (optional)", c.school, ErrorFor(errors, field + ".school")));
    child.set("text_fields", text);
    Data dates = List();
    const auto fault = [&](const std::string& date_field) -> std::optional<DateFault> {
      auto at = date_faults.find(date_field);
      return at == date_faults.end() ? std::nullopt : std::optional(at->second);
    };
    dates.push_back(DateInput(prefix + "-dob", "Date of birth", "For example, 27 3 2019. Leave empty if not known.",
                              c.dob_day, c.dob_month, c.dob_year, ErrorFor(errors, field + ".date_of_birth"),
                              fault(field + ".date_of_birth")));
    dates.push_back(DateInput(prefix + "-due", "Expected date, if the child is unborn", "For example, 14 6 2027",
                              c.due_day, c.due_month, c.due_year, ErrorFor(errors, field + ".expected_date"),
                              fault(field + ".expected_date")));
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
    // HCR-17: the NHS number (health contacts must give it); HCR-3: which child this is.
    child.set("nhs_number", c.nhs_number);
    if (auto e = ErrorFor(errors, field + ".nhs_number"); !e.empty()) child.set("nhs_number_error", e);
    Data roles = List();
    for (ChildRole r : {ChildRole::kSubject, ChildRole::kHarmingChild}) {
      Data option = Object();
      option.set("value", std::string(ChildRoleId(r)));
      option.set("title", ChildRoleTitle(r));
      if (c.role == ChildRoleId(r)) option.set("selected", true);
      roles.push_back(option);
    }
    child.set("roles", roles);
    std::string role_described_by;
    if (auto e = ErrorFor(errors, field + ".role"); !e.empty()) {
      child.set("role_error", e);
      role_described_by = prefix + "-role-error";
    }
    if (children_error_here && children_link->second == prefix + "-role")
      role_described_by += (role_described_by.empty() ? "" : " ") + std::string("children-error");
    if (!role_described_by.empty()) child.set("role_described_by", role_described_by);
    children.push_back(child);
  }
  d.set("children", children);
  // Staff only: the typed register search (static/person_search.mjs). The public never sees it.
  if (!portal) d.set("person_search", true);
  if (form.harm_by_another_child) d.set("harm_by_another_child", true);
  if (auto e = ErrorFor(errors, "intake.harm_by_another_child"); !e.empty()) d.set("harm_error", e);

  d.set("concern", form.concern);
  if (auto e = ErrorFor(errors, "concern"); !e.empty()) d.set("concern_error", e);
  if (form.allegation_against_professional) d.set("allegation_against_professional", true);
  if (auto e = ErrorFor(errors, "intake.allegation_against_professional"); !e.empty()) d.set("allegation_error", e);

  // KCR-6: the four household questions, each yes, no or not known.
  d.set("household_questions", HouseholdQuestionsData(form.household, errors, "intake.household"));

  // HCR-12/13: the significant-harm indicators of the pack in force.
  std::string indicator_error;
  for (const auto& e : errors)
    if (e.field == "intake.indicators" || e.field.starts_with("intake.indicators[")) indicator_error = e.message;
  Data boxes = List();
  bool any_ticked = false;
  for (std::size_t i = 0; i < indicators.size(); ++i) {
    const auto& ind = indicators[i];
    const bool ticked = std::find(form.indicators.begin(), form.indicators.end(), ind.id) != form.indicators.end();
    any_ticked = any_ticked || ticked;
    Data box = Option(ind.id, ind.label, i == 0 ? "indicators" : "indicators-" + ind.id, ticked);
    boxes.push_back(box);
  }
  if (!indicators.empty()) d.set("has_indicators", true);
  d.set("indicators", boxes);
  if (!indicator_error.empty()) d.set("indicators_error", indicator_error);
  if (portal) {
    // Its urgent advice says whom to call now, so the portal's pages set it by the clock (HCR-18).
    d.set("portal", true);
    if (any_ticked) d.set("urgent_shown", true);
  }

  // KCR-7: the free-text items of the referral information checklist.
  bool open = false;
  Data items = InformationItemsData(form.information, errors, "intake.information", open);
  d.set("information_items", items);
  if (open) d.set("information_open", true);
  return d;
}

}  // namespace fd::web
