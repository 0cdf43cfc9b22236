#include "web/register_forms.h"

#include <algorithm>
#include <array>

#include <fmt/format.h>

#include "api/json_body.h"
#include "api/session_guard.h"
#include "calendar/local_time.h"
#include "app/people.h"
#include "app/permissions.h"
#include "domain/contact.h"
#include "domain/text.h"
#include "web/date_boxes.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

using Fields = std::multimap<std::string, std::string>;

std::string PersonPath(std::int64_t id) { return fmt::format("/people/{}", id); }

std::string FullName(const std::string& first, const std::string& last) {
  std::string name = Trim(first + " " + last);
  return name.empty() ? std::string("Name not known") : name;
}

// --- dates -----------------------------------------------------------------------------------------

// The use cases speak ISO dates (the API's); the forms have GOV.UK day, month and year boxes named
// "<field>-day", "<field>-month", "<field>-year".
constexpr std::array<const char*, 7> kDateFields = {"date_of_birth", "expected_date", "address_from", "from_date",
                                                    "to_date",       "started_on",    "ended_on"};

bool IsDateField(const std::string& field) {
  return std::any_of(kDateFields.begin(), kDateFields.end(), [&](const char* f) { return field == f; });
}

// The use cases' messages give ISO examples; a form with date boxes gives day, month and year.
std::vector<FieldError> FormWords(std::vector<FieldError> errors) {
  for (auto& e : errors) {
    if (!IsDateField(e.field)) continue;
    const std::string iso = "like 2017-05-14";
    if (auto at = e.message.find(iso); at != std::string::npos) e.message.replace(at, iso.size(), "for example 14 5 2017");
  }
  return errors;
}

// Where the error summary links for a field: a date's day box; a radio group's first radio (which
// has the group's id); any other input by its name.
std::string InputId(const std::string& field) {
  if (field.empty()) return "main-content";
  if (IsDateField(field)) return field + "-day";
  return field;
}

// --- fields for the partials (templates/person_text_field, person_date_field) -----------------------

Data TextField(const std::string& name, const std::string& label, const std::string& hint, const std::string& value,
               const std::optional<std::string>& error, const std::string& width = "govuk-!-width-two-thirds") {
  Data d = Object();
  d.set("name", name);
  d.set("label", label);
  d.set("has_hint", !hint.empty());
  d.set("hint", hint);
  d.set("width", width);
  d.set("numeric", false);
  d.set("value", value);
  d.set("error", error.has_value());
  d.set("error_message", error.value_or(""));
  return d;
}

Data NumberField(const std::string& name, const std::string& label, const std::string& hint, const std::string& value,
                 const std::optional<std::string>& error) {
  Data d = TextField(name, label, hint, value, error, "govuk-input--width-10");
  d.set("numeric", true);
  return d;
}

void SetGroupError(Data& d, const std::string& key, const std::optional<std::string>& error) {
  d.set(key + "_error", error.has_value());
  d.set(key + "_error_message", error.value_or(""));
}

// A record number as typed: nullopt when empty; -1 (never a record) when it is not a whole number,
// so the use case names the field.
std::optional<std::int64_t> TypedId(const std::string& text) {
  const std::string t = Trim(text);
  if (t.empty()) return std::nullopt;
  std::int64_t value = 0;
  for (char c : t) {
    if (c < '0' || c > '9' || value > 1'000'000'000'000) return -1;
    value = value * 10 + (c - '0');
  }
  return value > 0 ? value : -1;
}

// --- the record a form is about ----------------------------------------------------------------------

// The person for a form on their record: the view, or the page to show instead (the role may not
// manage the register; no such person; restricted and not a named viewer; merged into another).
struct Subject {
  std::optional<app::PersonView> view;
  std::optional<http::Response> instead;
};

Subject LoadSubject(PageContext& pc, const http::Request& request, std::int64_t id) {
  const app::Actor actor = api::ActorOf(request);
  if (auto allowed = app::Authorise(actor, app::Action::kManageRegister); !allowed)
    return {std::nullopt, ErrorPage(allowed.error())};
  auto v = app::GetPerson(pc.app, actor, id);
  if (!v) return {std::nullopt, ErrorPage(v.error())};
  if (!v->visible)
    return {std::nullopt, ErrorPage(Error::Forbidden(fmt::format(
                              "This record is restricted. Ask {}", v->ask.empty() ? std::string("a team manager") : v->ask)))};
  if (v->merged_into)
    return {std::nullopt, ErrorPage(Error::Conflict(fmt::format(
                              "This record was merged into person {}: make the change there", *v->merged_into)))};
  return {std::move(*v), std::nullopt};
}

// Refuses a role that may not manage the register before anything is read or written.
std::optional<http::Response> RefusedRole(const http::Request& request) {
  if (auto allowed = app::Authorise(api::ActorOf(request), app::Action::kManageRegister); !allowed)
    return ErrorPage(allowed.error());
  return std::nullopt;
}

// The layout's data for a form on a person's record.
Data FormData(const http::Request& request, const app::PersonView& v, const std::string& title,
              const std::vector<FieldError>& errors) {
  Data d = PageData(request, title);
  d.set("back_link", PersonPath(v.id));
  SetErrorSummary(d, errors, InputId);
  d.set("id", std::to_string(v.id));
  d.set("person_name", FullName(v.person.first_names, v.person.last_name));
  return d;
}

http::Response Done(std::int64_t person_id, const char* what, const char* anchor) {
  return http::Response::Redirect(fmt::format("/people/{}?done={}#{}", person_id, what, anchor));
}

// A use case's refusal: the form again (kInvalid), or the refusal's own page.
template <typename Show>
http::Response Refused(const Error& error, Show&& show) {
  if (!error.IsInvalid()) return ErrorPage(error);
  auto errors = FormWords(error.fields);
  if (errors.empty()) errors.push_back({"", error.message});
  return show(errors);
}

// --- a new person ----------------------------------------------------------------------------------

http::Response NewPersonForm(PageContext& pc, const http::Request& request, const Fields& typed,
                             const std::vector<FieldError>& errors) {
  if (auto refused = RefusedRole(request)) return *refused;
  Data d = PageData(request, "Add a person to the register");
  d.set("back_link", "/");
  SetErrorSummary(d, errors, InputId);
  auto text = [&](const char* name) { return FormValue(typed, name); };
  d.set("first_names_field", TextField("first_names", "First names", "Leave empty for an unborn child not yet named",
                                       text("first_names"), ErrorFor(errors, "first_names")));
  d.set("last_name_field", TextField("last_name", "Last name", "", text("last_name"), ErrorFor(errors, "last_name")));
  d.set("date_of_birth_field", DateFieldData("date_of_birth", "Date of birth", "For example, 14 5 2017. Leave empty if not known.",
                                         ReadDateBoxes(typed, "date_of_birth"), ErrorFor(errors, "date_of_birth")));
  d.set("expected_date_field", DateFieldData("expected_date", "Expected date, if the child is not born yet",
                                         "For example, 14 6 2027", ReadDateBoxes(typed, "expected_date"),
                                         ErrorFor(errors, "expected_date")));
  Data genders = List();
  const std::string gender = text("gender");
  for (Gender g : AllGenders()) {
    Data option = Object();
    option.set("value", std::string(GenderId(g)));
    option.set("label", std::string(GenderTitle(g)));
    option.set("selected", gender.empty() ? g == Gender::kNotKnown : gender == GenderId(g));
    genders.push_back(option);
  }
  d.set("genders", genders);
  SetGroupError(d, "gender", ErrorFor(errors, "gender"));
  d.set("nhs_number_field", TextField("nhs_number", "NHS number (optional)", "10 digits, like 943 476 5919",
                                      text("nhs_number"), ErrorFor(errors, "nhs_number"), "govuk-input--width-10"));
  // Neither ticked at first (GOV.UK: radios are not pre-selected): left so, the date of birth decides.
  d.set("is_child_options", Radios("is_child", {{"yes", "Child"}, {"no", "Adult"}}, text("is_child")));
  SetGroupError(d, "is_child", ErrorFor(errors, "is_child"));
  d.set("address", text("address"));
  SetGroupError(d, "address", ErrorFor(errors, "address"));
  d.set("postcode_field", TextField("postcode", "Postcode (optional)", "Taken from the end of the address when left empty",
                                    text("postcode"), ErrorFor(errors, "postcode"), "govuk-input--width-10"));
  d.set("address_from_field", DateFieldData("address_from", "When did they move in? (optional)", "For example, 1 6 2021",
                                        ReadDateBoxes(typed, "address_from"), ErrorFor(errors, "address_from")));
  return Page(pc, errors.empty() ? 200 : 422, "person_new", d);
}

http::Response CreatePerson(PageContext& pc, http::Request& request) {
  if (auto refused = RefusedRole(request)) return *refused;
  const Fields f = FormFields(request);
  app::PersonDraft draft;
  draft.first_names = FormValue(f, "first_names");
  draft.last_name = FormValue(f, "last_name");
  draft.date_of_birth = IsoDate(ReadDateBoxes(f, "date_of_birth"));
  draft.expected_date = IsoDate(ReadDateBoxes(f, "expected_date"));
  if (auto gender = FormValue(f, "gender"); !gender.empty()) draft.gender = gender;
  draft.nhs_number = FormValue(f, "nhs_number");
  draft.address = FormValue(f, "address");
  draft.postcode = FormValue(f, "postcode");
  draft.address_from = IsoDate(ReadDateBoxes(f, "address_from"));
  const std::string is_child = FormValue(f, "is_child");
  if (is_child != "" && is_child != "yes" && is_child != "no")
    return NewPersonForm(pc, request, f, {{"is_child", "Say whether they are a child or an adult"}});
  if (!is_child.empty()) draft.is_child = is_child == "yes";
  auto recorded = app::RecordPerson(pc.app, api::ActorOf(request), draft);
  if (!recorded)
    return Refused(recorded.error(), [&](const auto& errors) { return NewPersonForm(pc, request, f, errors); });
  return Done(recorded->id, "recorded", "person-name");
}

// --- a previous or alternative name ------------------------------------------------------------------

http::Response NameForm(PageContext& pc, const http::Request& request, std::int64_t id, const Fields& typed,
                        const std::vector<FieldError>& errors) {
  auto subject = LoadSubject(pc, request, id);
  if (subject.instead) return *subject.instead;
  Data d = FormData(request, *subject.view, "Add a previous or alternative name", errors);
  d.set("kinds", Radios("kind", {{"previous", "Previous name"}, {"alternative", "Alternative name"}},
                        FormValue(typed, "kind")));
  SetGroupError(d, "kind", ErrorFor(errors, "kind"));
  d.set("first_names_field", TextField("first_names", "First names", "Leave empty if only the last name was different",
                                       FormValue(typed, "first_names"), ErrorFor(errors, "first_names")));
  d.set("last_name_field",
        TextField("last_name", "Last name", "", FormValue(typed, "last_name"), ErrorFor(errors, "last_name")));
  d.set("from_date_field", DateFieldData("from_date", "When was the name first used? (optional)", "For example, 14 5 2017",
                                     ReadDateBoxes(typed, "from_date"), ErrorFor(errors, "from_date")));
  d.set("to_date_field", DateFieldData("to_date", "When was it last used? (optional)",
                                   "For example, 31 5 2021. Leave empty if it is still used.", ReadDateBoxes(typed, "to_date"),
                                   ErrorFor(errors, "to_date")));
  return Page(pc, errors.empty() ? 200 : 422, "person_name_new", d);
}

http::Response AddName(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no person with that number on the register"));
  if (auto refused = RefusedRole(request)) return *refused;
  const Fields f = FormFields(request);
  app::NameDraft draft{FormValue(f, "kind"), FormValue(f, "first_names"), FormValue(f, "last_name"),
                       IsoDate(ReadDateBoxes(f, "from_date")), IsoDate(ReadDateBoxes(f, "to_date"))};
  auto added = app::AddName(pc.app, api::ActorOf(request), *id, draft);
  if (!added) return Refused(added.error(), [&](const auto& errors) { return NameForm(pc, request, *id, f, errors); });
  return Done(*id, "name", "names");
}

// --- an address ----------------------------------------------------------------------------------------

http::Response AddressForm(PageContext& pc, const http::Request& request, std::int64_t id, const Fields& typed,
                           const std::vector<FieldError>& errors) {
  auto subject = LoadSubject(pc, request, id);
  if (subject.instead) return *subject.instead;
  const auto& v = *subject.view;
  Data d = FormData(request, v, "Add an address", errors);
  d.set("address", FormValue(typed, "address"));
  SetGroupError(d, "address", ErrorFor(errors, "address"));
  d.set("postcode_field", TextField("postcode", "Postcode (optional)", "Taken from the end of the address when left empty",
                                    FormValue(typed, "postcode"), ErrorFor(errors, "postcode"), "govuk-input--width-10"));
  d.set("from_date_field", DateFieldData("from_date", "When did they move in? (optional)", "For example, 1 6 2021",
                                     ReadDateBoxes(typed, "from_date"), ErrorFor(errors, "from_date")));
  d.set("to_date_field", DateFieldData("to_date", "When did they move out? (optional)",
                                   "For example, 31 5 2023. Leave empty if they live there now.",
                                   ReadDateBoxes(typed, "to_date"), ErrorFor(errors, "to_date")));
  if (v.current_address) {
    d.set("current_address", v.current_address->address);
    d.set("close_previous", FormValue(typed, "close_previous") == "yes");
    SetGroupError(d, "close_previous", ErrorFor(errors, "close_previous"));
  }
  return Page(pc, errors.empty() ? 200 : 422, "person_address_new", d);
}

http::Response AddAddress(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no person with that number on the register"));
  if (auto refused = RefusedRole(request)) return *refused;
  const Fields f = FormFields(request);
  app::AddressDraft draft;
  draft.address = FormValue(f, "address");
  draft.postcode = FormValue(f, "postcode");
  draft.from_date = IsoDate(ReadDateBoxes(f, "from_date"));
  draft.to_date = IsoDate(ReadDateBoxes(f, "to_date"));
  draft.close_previous = FormValue(f, "close_previous") == "yes";
  auto added = app::AddAddress(pc.app, api::ActorOf(request), *id, draft);
  if (!added) return Refused(added.error(), [&](const auto& errors) { return AddressForm(pc, request, *id, f, errors); });
  return Done(*id, "address", "addresses");
}

// --- ending an address ---------------------------------------------------------------------------------

std::optional<std::int64_t> SecondId(const http::Request& request, const char* name) { return api::IdParam(request, name); }

http::Response EndAddressForm(PageContext& pc, const http::Request& request, std::int64_t id, std::int64_t address_id,
                              const Fields& typed, const std::vector<FieldError>& errors) {
  auto subject = LoadSubject(pc, request, id);
  if (subject.instead) return *subject.instead;
  const auto& v = *subject.view;
  const auto address = std::find_if(v.addresses.begin(), v.addresses.end(),
                                    [&](const store::PersonAddress& a) { return a.id == address_id; });
  if (address == v.addresses.end())
    return ErrorPage(Error::NotFound("There is no address with that number on this record"));
  if (address->to_date && !address->to_date->empty())
    return ErrorPage(Error::Conflict(fmt::format("They moved out of this address on {}", *address->to_date)));
  Data d = FormData(request, v, "Record that they moved out", errors);
  d.set("address_id", std::to_string(address_id));
  d.set("address", address->address);
  d.set("moved_in", calendar::IsoTextForPeople(address->from_date.value_or("")));
  d.set("has_moved_in", address->from_date && !address->from_date->empty());
  d.set("to_date_field", DateFieldData("to_date", "When did they move out?", "For example, 31 5 2023. Leave empty for today.",
                                   ReadDateBoxes(typed, "to_date"), ErrorFor(errors, "to_date")));
  return Page(pc, errors.empty() ? 200 : 422, "person_address_end", d);
}

http::Response EndAddress(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  const auto address_id = SecondId(request, "address_id");
  if (!id || !address_id) return ErrorPage(Error::NotFound("There is no such address on the register"));
  if (auto refused = RefusedRole(request)) return *refused;
  const Fields f = FormFields(request);
  auto ended = app::CloseAddress(pc.app, api::ActorOf(request), *id, *address_id, IsoDate(ReadDateBoxes(f, "to_date")));
  if (!ended)
    return Refused(ended.error(), [&](const auto& errors) { return EndAddressForm(pc, request, *id, *address_id, f, errors); });
  return Done(*id, "address_ended", "addresses");
}

// --- a relationship -------------------------------------------------------------------------------------

// What the other person is to this one, as the form offers it, and how it is stored: the
// register keeps "subject is <kind> of related" (app/people.h), so "Parent of Mia" is stored with
// the other person as the subject.
struct Relation {
  const char* value;
  const char* label;  // {} is this person's name
  const char* kind;
  bool other_is_subject;
};

constexpr std::array<Relation, 9> kRelations = {{
    {"sibling", "Brother or sister", "sibling", false},
    {"half_sibling", "Half-brother or half-sister", "half_sibling", false},
    {"parent", "Parent of {}", "parent", true},
    {"child", "Child of {}", "parent", false},
    {"step_parent", "Step-parent of {}", "step_parent", true},
    {"step_child", "Step-child of {}", "step_parent", false},
    {"partner_of_parent", "Partner of {}'s parent", "partner_of_parent", true},
    {"child_of_partner", "Child of {}'s partner", "partner_of_parent", false},
    {"household_member", "Lives in the same household (not related)", "household_member", false},
}};

const Relation* FindRelation(const std::string& value) {
  for (const auto& r : kRelations)
    if (value == r.value) return &r;
  return nullptr;
}

http::Response RelationshipForm(PageContext& pc, const http::Request& request, std::int64_t id, const Fields& typed,
                                const std::vector<FieldError>& errors) {
  auto subject = LoadSubject(pc, request, id);
  if (subject.instead) return *subject.instead;
  const auto& v = *subject.view;
  Data d = FormData(request, v, "Add a relationship", errors);
  const std::string name = FullName(v.person.first_names, v.person.last_name);
  std::vector<Option> options;
  for (const auto& r : kRelations) options.push_back({r.value, fmt::format(fmt::runtime(r.label), name)});
  d.set("relations", Radios("relation", options, FormValue(typed, "relation")));
  SetGroupError(d, "relation", ErrorFor(errors, "relation"));
  d.set("related_person_id_field",
        NumberField("related_person_id", "Their person number",
                    "The number on their register record, like 12. Find them by name above.",
                    FormValue(typed, "related_person_id"), ErrorFor(errors, "related_person_id")));
  d.set("from_date_field", DateFieldData("from_date", "Since when? (optional)", "For example, 1 6 2021",
                                     ReadDateBoxes(typed, "from_date"), ErrorFor(errors, "from_date")));
  d.set("to_date_field", DateFieldData("to_date", "Until when? (optional)",
                                   "For example, 31 5 2023. Leave empty if it still holds.", ReadDateBoxes(typed, "to_date"),
                                   ErrorFor(errors, "to_date")));
  return Page(pc, errors.empty() ? 200 : 422, "person_relationship_new", d);
}

// The use case's words are about the stored subject; the form asks about "the other person".
std::vector<FieldError> RelationshipWords(std::vector<FieldError> errors, const std::string& typed_number) {
  for (auto& e : errors) {
    if (e.field == "kind") {
      e.field = "relation";
      e.message = "Choose what the other person is to this one";
    }
    if (e.field == "related_person_id" && Trim(typed_number).empty())
      e.message = "Enter their person number, or find them by name and choose them";
    else if (e.field == "related_person_id" && TypedId(typed_number) == -1)
      e.message = "Enter their person number as digits, like 12";
  }
  return errors;
}

http::Response AddRelationship(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no person with that number on the register"));
  if (auto refused = RefusedRole(request)) return *refused;
  const Fields f = FormFields(request);
  const std::string typed_number = FormValue(f, "related_person_id");
  const auto other = TypedId(typed_number);
  const Relation* relation = FindRelation(FormValue(f, "relation"));
  const app::Actor actor = api::ActorOf(request);
  auto show = [&](const std::vector<FieldError>& errors) {
    return RelationshipForm(pc, request, *id, f, RelationshipWords(FormWords(errors), typed_number));
  };
  app::RelationshipDraft draft;
  draft.kind = relation ? relation->kind : FormValue(f, "relation");
  draft.from_date = IsoDate(ReadDateBoxes(f, "from_date"));
  draft.to_date = IsoDate(ReadDateBoxes(f, "to_date"));
  Result<app::PersonView> added;
  if (relation && relation->other_is_subject && other && *other > 0) {
    // Stored with the other person as the subject: their record must be one the user may change.
    draft.related_person_id = *id;
    added = app::AddRelationship(pc.app, actor, *other, draft);
    if (!added) {
      const Error& e = added.error();
      if (e.code == ErrorCode::kNotFound)
        return show({{"related_person_id", "There is no person with that number on the register"}});
      if (e.code == ErrorCode::kForbidden || e.code == ErrorCode::kConflict)
        return show({{"related_person_id", fmt::format("Person {}: {}", *other, e.message)}});
    }
  } else {
    // No person number, or one that is not a number: no record can match, so nothing is written
    // and every field is named.
    // (An unknown relation is passed on as typed: the use case refuses it by name.)
    draft.related_person_id = other.value_or(0) > 0 ? *other : 0;
    added = app::AddRelationship(pc.app, actor, *id, draft);
  }
  if (!added) {
    // The other person restricted: said at their number, as the reverse direction above does.
    const Error& e = added.error();
    if (e.IsForbidden() && ErrorFor(e.fields, "related_person_id"))
      return show({{"related_person_id", fmt::format("Person {}: {}", draft.related_person_id, e.message)}});
    return Refused(e, show);
  }
  return Done(*id, "relationship", "family");
}

// --- an involvement ---------------------------------------------------------------------------------------

constexpr std::array<std::pair<const char*, const char*>, 7> kInvolvementKinds = {{
    {"contact", "Contact"},
    {"referral", "Referral"},
    {"early_help", "Early help"},
    {"assessment", "Assessment"},
    {"child_in_need", "Child in need"},
    {"child_protection_plan", "Child protection plan"},
    {"looked_after", "Looked after"},
}};

Data Select(const std::vector<app::AllocationOption>& options, const std::string& selected, const std::string& none) {
  Data list = List();
  Data first = Object();
  first.set("value", std::string());
  first.set("label", none);
  first.set("selected", selected.empty());
  list.push_back(first);
  for (const auto& o : options) {
    Data item = Object();
    item.set("value", std::to_string(o.id));
    item.set("label", o.name);
    item.set("selected", selected == std::to_string(o.id));
    list.push_back(item);
  }
  return list;
}

http::Response InvolvementForm(PageContext& pc, const http::Request& request, std::int64_t id, const Fields& typed,
                               const std::vector<FieldError>& errors) {
  auto subject = LoadSubject(pc, request, id);
  if (subject.instead) return *subject.instead;
  auto choices = app::ListAllocationChoices(pc.app, api::ActorOf(request));
  if (!choices) return ErrorPage(choices.error());
  Data d = FormData(request, *subject.view, "Add an involvement", errors);
  std::vector<Option> kinds;
  for (const auto& [value, label] : kInvolvementKinds) kinds.push_back({value, label});
  d.set("kinds", Radios("kind", kinds, FormValue(typed, "kind")));
  SetGroupError(d, "kind", ErrorFor(errors, "kind"));
  d.set("started_on_field", DateFieldData("started_on", "When did it start?", "For example, 12 1 2026",
                                      ReadDateBoxes(typed, "started_on"), ErrorFor(errors, "started_on")));
  d.set("ended_on_field", DateFieldData("ended_on", "When did it end? (optional)",
                                    "For example, 20 11 2026. Leave empty while it is open.", ReadDateBoxes(typed, "ended_on"),
                                    ErrorFor(errors, "ended_on")));
  d.set("workers", Select(choices->workers, Trim(FormValue(typed, "allocated_user_id")), "Not allocated"));
  SetGroupError(d, "allocated_user_id", ErrorFor(errors, "allocated_user_id"));
  d.set("teams", Select(choices->teams, Trim(FormValue(typed, "team_id")), "The allocated worker's team"));
  SetGroupError(d, "team_id", ErrorFor(errors, "team_id"));
  d.set("reference_field", TextField("reference", "Reference (optional)", "The contact or case reference, like FD-2026-000123",
                                     FormValue(typed, "reference"), ErrorFor(errors, "reference"), "govuk-input--width-20"));
  d.set("summary", FormValue(typed, "summary"));
  SetGroupError(d, "summary", ErrorFor(errors, "summary"));
  return Page(pc, errors.empty() ? 200 : 422, "person_involvement_new", d);
}

http::Response AddInvolvement(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no person with that number on the register"));
  if (auto refused = RefusedRole(request)) return *refused;
  const Fields f = FormFields(request);
  app::InvolvementDraft draft;
  draft.kind = FormValue(f, "kind");
  draft.started_on = IsoDate(ReadDateBoxes(f, "started_on"));
  draft.ended_on = IsoDate(ReadDateBoxes(f, "ended_on"));
  draft.allocated_user_id = TypedId(FormValue(f, "allocated_user_id"));
  draft.team_id = TypedId(FormValue(f, "team_id"));
  draft.reference = FormValue(f, "reference");
  draft.summary = FormValue(f, "summary");
  auto added = app::AddInvolvement(pc.app, api::ActorOf(request), *id, draft);
  if (!added) {
    return Refused(added.error(), [&](std::vector<FieldError> errors) {
      for (auto& e : errors) {
        if (e.field == "kind") e.message = "Choose what kind of involvement this is";
        if (e.field == "allocated_user_id") e.message = "Choose the allocated worker from the list";
        if (e.field == "team_id") e.message = "Choose the team from the list";
      }
      return InvolvementForm(pc, request, *id, f, errors);
    });
  }
  return Done(*id, "involvement", "involvement");
}

// --- ending an involvement -------------------------------------------------------------------------------

http::Response EndInvolvementForm(PageContext& pc, const http::Request& request, std::int64_t id,
                                  std::int64_t involvement_id, const Fields& typed, const std::vector<FieldError>& errors) {
  auto subject = LoadSubject(pc, request, id);
  if (subject.instead) return *subject.instead;
  const auto& v = *subject.view;
  const auto involvement = std::find_if(v.involvements.begin(), v.involvements.end(),
                                        [&](const store::Involvement& i) { return i.id == involvement_id; });
  if (involvement == v.involvements.end())
    return ErrorPage(Error::NotFound("There is no involvement with that number on this record"));
  if (involvement->ended_on)
    return ErrorPage(Error::Conflict(fmt::format("This involvement already ended on {}", *involvement->ended_on)));
  if (auto held = v.held_elsewhere.find(involvement_id); held != v.held_elsewhere.end())
    return ErrorPage(Error::Forbidden(held->second));
  Data d = FormData(request, v, "End an involvement", errors);
  d.set("involvement_id", std::to_string(involvement_id));
  d.set("kind", app::InvolvementKindTitle(involvement->kind));
  d.set("started_on", calendar::IsoTextForPeople(involvement->started_on));
  std::string who = involvement->allocated_name;
  if (!involvement->team_name.empty()) who += (who.empty() ? "" : ", ") + involvement->team_name;
  d.set("who", who);
  d.set("has_who", !who.empty());
  d.set("ended_on_field", DateFieldData("ended_on", "When did it end?", "For example, 20 11 2026. Leave empty for today.",
                                    ReadDateBoxes(typed, "ended_on"), ErrorFor(errors, "ended_on")));
  return Page(pc, errors.empty() ? 200 : 422, "person_involvement_end", d);
}

http::Response EndInvolvement(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  const auto involvement_id = SecondId(request, "involvement_id");
  if (!id || !involvement_id) return ErrorPage(Error::NotFound("There is no such involvement on the register"));
  if (auto refused = RefusedRole(request)) return *refused;
  const Fields f = FormFields(request);
  auto ended = app::CloseInvolvement(pc.app, api::ActorOf(request), *involvement_id, IsoDate(ReadDateBoxes(f, "ended_on")));
  if (!ended)
    return Refused(ended.error(),
                   [&](const auto& errors) { return EndInvolvementForm(pc, request, *id, *involvement_id, f, errors); });
  return Done(ended->id, "involvement_ended", "involvement");
}

}  // namespace

std::string RegisterFormBanner(const std::string& done) {
  if (done == "recorded") return "Person added to the register";
  if (done == "name") return "Name added";
  if (done == "address") return "Address added";
  if (done == "address_ended") return "Address ended";
  if (done == "relationship") return "Relationship added";
  if (done == "involvement") return "Involvement added";
  if (done == "involvement_ended") return "Involvement ended";
  return "";
}

void RegisterPersonForms(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/people/new", Access::kSignedIn,
             [pc](http::Request& r) { return NewPersonForm(*pc, r, {}, {}); });
  router.Add("POST", "/people", Access::kSignedIn, [pc](http::Request& r) { return CreatePerson(*pc, r); });
  // Each form on a record: GET …/new shows it; POST to the collection adds.
  auto form = [pc](auto show) {
    return [pc, show](http::Request& r) {
      const auto id = PathId(r);
      if (!id) return ErrorPage(Error::NotFound("There is no person with that number on the register"));
      return show(*pc, r, *id, Fields{}, std::vector<FieldError>{});
    };
  };
  router.Add("GET", "/people/{id}/names/new", Access::kSignedIn, form(NameForm));
  router.Add("POST", "/people/{id}/names", Access::kSignedIn, [pc](http::Request& r) { return AddName(*pc, r); });
  router.Add("GET", "/people/{id}/addresses/new", Access::kSignedIn, form(AddressForm));
  router.Add("POST", "/people/{id}/addresses", Access::kSignedIn, [pc](http::Request& r) { return AddAddress(*pc, r); });
  router.Add("GET", "/people/{id}/relationships/new", Access::kSignedIn, form(RelationshipForm));
  router.Add("POST", "/people/{id}/relationships", Access::kSignedIn,
             [pc](http::Request& r) { return AddRelationship(*pc, r); });
  router.Add("GET", "/people/{id}/involvements/new", Access::kSignedIn, form(InvolvementForm));
  router.Add("POST", "/people/{id}/involvements", Access::kSignedIn,
             [pc](http::Request& r) { return AddInvolvement(*pc, r); });
  router.Add("GET", "/people/{id}/addresses/{address_id}/end", Access::kSignedIn, [pc](http::Request& r) {
    const auto id = PathId(r);
    const auto address_id = SecondId(r, "address_id");
    if (!id || !address_id) return ErrorPage(Error::NotFound("There is no such address on the register"));
    return EndAddressForm(*pc, r, *id, *address_id, {}, {});
  });
  router.Add("POST", "/people/{id}/addresses/{address_id}/end", Access::kSignedIn,
             [pc](http::Request& r) { return EndAddress(*pc, r); });
  router.Add("GET", "/people/{id}/involvements/{involvement_id}/end", Access::kSignedIn, [pc](http::Request& r) {
    const auto id = PathId(r);
    const auto involvement_id = SecondId(r, "involvement_id");
    if (!id || !involvement_id) return ErrorPage(Error::NotFound("There is no such involvement on the register"));
    return EndInvolvementForm(*pc, r, *id, *involvement_id, {}, {});
  });
  router.Add("POST", "/people/{id}/involvements/{involvement_id}/end", Access::kSignedIn,
             [pc](http::Request& r) { return EndInvolvement(*pc, r); });
}

}  // namespace fd::web
