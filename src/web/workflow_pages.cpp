#include "web/workflow_pages.h"

#include <algorithm>
#include <charconv>
#include <functional>
#include <map>
#include <set>
#include <string_view>

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/agency_checks.h"
#include "app/already_done.h"
#include "app/permissions.h"
#include "app/sharing_requests.h"
#include "calendar/local_time.h"
#include "domain/contact_workflow.h"
#include "domain/harm_override.h"
#include "domain/information_checklist.h"
#include "domain/return_codes.h"
#include "web/contact_form.h"
#include "web/error_pages.h"
#include "web/form_kit.h"
#include "web/rule_citations.h"
#include "web/same_child_section.h"
#include "web/screening_allocation_pages.h"
#include "web/time_box.h"

namespace fd::web {
namespace {

using Fields = std::multimap<std::string, std::string>;

// A form that was refused: which one, everything that was typed, and what is wrong with it. A page
// shown after a refusal keeps the input of that form and shows its errors; the others show what
// is recorded.
struct Refused {
  std::string form;  // "answers", "agency", "sharing", "police", "complete", "propose", "return", …
  Fields fields;
  std::vector<FieldError> errors;
  std::string conflict;  // why it was refused with 409 (the contact changed meanwhile); empty otherwise
};

// --- small helpers ------------------------------------------------------------------------------

std::optional<std::int64_t> ParseWhole(const std::string& text) {
  std::int64_t value = 0;
  auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || end != text.data() + text.size()) return std::nullopt;
  return value;
}

std::optional<std::int64_t> VersionOf(const Fields& fields) { return ParseWhole(FormValue(fields, "version")); }

std::string ContactPath(std::int64_t id, std::string_view rest = "") { return fmt::format("/contacts/{}{}", id, rest); }

ContactState StateOf(const app::WorkflowView& v) {
  return ContactStateFromId(v.contact.state).value_or(ContactState::kReceived);
}

std::string ChildName(const Child& c) {
  std::string name = c.first_names;
  if (!c.last_name.empty()) name += (name.empty() ? "" : " ") + c.last_name;
  if (name.empty()) name = c.IsUnborn() ? "Unborn child" : "Unnamed child";
  return name;
}

std::string JoinNames(const std::vector<std::string>& names) {
  std::string out;
  for (std::size_t i = 0; i < names.size(); ++i)
    out += (i == 0 ? "" : (i + 1 == names.size() ? " and " : ", ")) + names[i];
  return out;
}

std::string ChildrenNames(const Contact& c) {
  std::vector<std::string> names;
  for (const auto& child : c.children) names.push_back(ChildName(child));
  return JoinNames(names);
}

std::string ChildrenAt(const Contact& c, const std::vector<int>& positions) {
  std::vector<std::string> names;
  for (int p : positions)
    if (p >= 0 && static_cast<std::size_t>(p) < c.children.size()) names.push_back(ChildName(c.children[p]));
  return JoinNames(names);
}

std::vector<int> SubjectPositions(const Contact& c) {
  std::vector<int> out;
  for (std::size_t i = 0; i < c.children.size(); ++i)
    if (c.children[i].role == ChildRole::kSubject) out.push_back(static_cast<int>(i));
  return out;
}

std::string Dashed(std::string text) {
  std::replace(text.begin(), text.end(), '.', '-');
  return text;
}

std::string When(const PageContext& pc, Instant t) { return calendar::FormatLocalForPeople(t, pc.app.time_zone); }

const char* YesNo(bool b) { return b ? "Yes" : "No"; }

std::string AnswerText(Answer a) { return a == Answer::kNotAsked ? "Not answered yet" : std::string(AnswerTitle(a)); }

const Decision* Current(const app::WorkflowView& v, std::string_view status) {
  for (auto it = v.decisions.rbegin(); it != v.decisions.rend(); ++it)
    if (it->status == status) return &*it;
  return nullptr;
}

// KCR-16: while a proposal sent back is being put right, its manager and reason head the contact's
// pages ("Sent back by NAME: reason"), so the worker sees what to do where they do it.
void AddSentBack(const app::WorkflowView& v, Data& d) {
  const Decision* returned = app::SentBack(v);
  if (!returned) return;
  d.set("sent_back", true);
  d.set("sent_back_by", returned->decided_by_name);
  d.set("sent_back_reason", returned->return_reason);
  d.set("sent_back_screening", StateOf(v) == ContactState::kScreening);
}

std::string ReasonTitle(const std::string& id) {
  for (const auto& r : NotInformedReasons())
    if (r.id == id) return std::string(r.title);
  return id;
}

// The value to show in a form: what was typed when this form was refused, else what is recorded.
std::string Kept(const Refused& refused, const char* form, const std::string& field, const std::string& recorded) {
  if (refused.form != form) return recorded;
  auto it = refused.fields.find(field);
  return it == refused.fields.end() ? std::string() : it->second;
}

std::optional<std::string> ErrorFor(const Refused& refused, const char* form, const std::string& field) {
  if (refused.form != form) return std::nullopt;
  for (const auto& e : refused.errors)
    if (e.field == field) return e.message;
  return std::nullopt;
}

// Sets "has_error" / "error_message" on an item (always, so an item never inherits its parent's).
void SetFieldError(Data& item, const std::optional<std::string>& error) {
  item.set("has_error", error.has_value());
  item.set("error_message", error.value_or(""));
}


struct Option {
  std::string value;
  std::string label;
};

// Radio or checkbox items: the first input has the group's id (where the error summary links),
// the others "<name>-<value>".
Data Options(const std::string& id, const std::vector<Option>& options, const std::set<std::string>& selected) {
  Data list = List();
  bool first = true;
  for (const auto& o : options) {
    Data item = Object();
    item.set("id", first ? id : id + "-" + o.value);
    item.set("value", o.value);
    item.set("label", o.label);
    item.set("checked", selected.contains(o.value));
    list.push_back(item);
    first = false;
  }
  return list;
}

Data Row(const std::string& key, const std::string& value, const std::string& change_href = "",
         const std::string& change_label = "") {
  Data row = Object();
  row.set("key", key);
  row.set("value", value.empty() ? std::string("Not given") : value);
  row.set("has_change", !change_href.empty());
  row.set("change_href", change_href);
  row.set("change_label", change_label);
  return row;
}

// The layout's data plus what every workflow page shows about its contact.
Data WorkflowData(const http::Request& request, const app::WorkflowView& v, const std::string& title,
                  std::int64_t version) {
  Data d = PageData(request, title);
  d.set("contact_id", std::to_string(v.contact.id));
  d.set("contact_link", ContactPath(v.contact.id));
  d.set("reference", v.contact.reference);
  d.set("children_names", ChildrenNames(v.contact));
  d.set("state_title", std::string(ContactStateTitle(StateOf(v))));
  d.set("version", std::to_string(version));
  d.set("back_link", ContactPath(v.contact.id));
  return d;
}

void SetBanner(Data& d, const http::Request& request, const std::vector<std::pair<const char*, const char*>>& flags) {
  for (const auto& [flag, text] : flags)
    if (request.QueryParam(flag) == "1") {
      d.set("banner", std::string(text));
      return;
    }
}

// What a field of a workflow form is called on the page, for listing entries whose form is gone.
std::string EntryLabel(const std::string& field) {
  for (const auto& q : ScreeningQuestions())
    if (field == "answers." + std::string(q.id)) return std::string(q.title);
  for (const auto& q : HouseholdQuestions())
    if (field == "household-" + std::string(q.id)) return std::string(q.title);
  static const std::map<std::string, std::string> labels = {
      {"significant_harm", "Significant harm"},
      {"urgent_action", "Urgent action needed"},
      {"crime_possible", "A crime may have been committed"},
      {"police_protection", "Taken into police protection"},
      {"consent", "Parents informed"},
      {"not_informed_reason", "Why the parents were not informed"},
      {"not_informed_detail", "More detail"},
      {"agency", "Agency"},
      {"asked_person", "Who was asked"},
      {"asked_at", "When they were asked"},
      {"asked_at-day", "When they were asked: day"},
      {"asked_at-month", "When they were asked: month"},
      {"asked_at-year", "When they were asked: year"},
      {"asked_at-time", "When they were asked: time"},
      {"response", "What they said"},
      {"question", "What you asked"},
      {"lawful_basis", "Lawful basis"},
      {"urgency", "How urgent"},
      {"children", "Children"},
      {"reason", "Reasons"},
      {"police_reference", "Police reference"},
      {"note", "Note"},
      {"outcome", "Outcome"},
      {"sibling_reason", "Why the other children are not included"},
      {"rationale", "Reasons for the decision"},
      {"next_steps", "Next steps"},
      {"protective_factors", "Response to risk and protective factors"},
      {"primary_need", "Primary need (Children in Need census)"}};
  auto it = labels.find(field);
  return it == labels.end() ? field : it->second;
}

// 409: the contact changed (someone else's change, or it moved on) while this user was working on it.
// The page is shown again rather than a page of its own, so nothing typed is lost: the refused form
// keeps every entry (Kept) and carries the version now stored (FormVersion). This says what happened
// and what to do. `form_key` is the page data of the refused form, `anchor` where it is on the page:
// when the form is no longer offered (the contact moved on), the entries are listed here instead.
// Review finding 8: only a version conflict says the contact changed and invites sending again. The
// user's own earlier send of the same form ("You already …", app/already_done.h) is said as done, with
// a link to where it is (`done_link`); any other refusal (a rule, a state) says why, without "send it
// again" or "what you typed will be lost".
bool IsVersionConflict(const std::string& text) {
  return text.starts_with("Someone else changed") || text.starts_with("You changed this contact");
}

void AddConflict(Data& d, const Refused& refused, const std::string& reload, const std::string& form_key,
                 const std::string& anchor, const std::string& done_link = "") {
  if (refused.conflict.empty()) return;
  Data c = Object();
  c.set("text", refused.conflict);
  c.set("reload_link", reload);
  if (app::IsAlreadyDone(Error::Conflict(refused.conflict))) {
    c.set("done_link", done_link.empty() ? reload : done_link);
    d.set("already_done", c);
    return;
  }
  c.set("version_conflict", IsVersionConflict(refused.conflict));
  bool has_entries = false;
  Data entries = List();
  for (const auto& [field, value] : refused.fields) {
    if (field == "csrf_token" || field == "version" || field == "change" || value.empty()) continue;
    entries.push_back(Row(EntryLabel(field), value));
    has_entries = true;
  }
  const bool form_shown = !form_key.empty() && d.get(form_key) != nullptr;
  c.set("form_shown", form_shown && has_entries);
  c.set("form_anchor", anchor);
  c.set("has_entries", !form_shown && has_entries);
  c.set("entries", entries);
  d.set("changed", c);
}

// --- the screening page -------------------------------------------------------------------------

// The agency check's "When they were asked" (KCR-9): GOV.UK date boxes and a time box ("asked_at-day",
// "-month", "-year", "-time", web/time_box.h), sent to the use case as local "YYYY-MM-DDTHH:MM"; the
// API keeps its ISO field.
const DateTimeWords kAskedAt{"Enter the date and time they were asked", "Enter the date they were asked",
                             "The date they were asked", "they were asked"};

std::string ScreeningInputId(const Refused& refused, const std::string& field) {
  static const std::map<std::string, std::string> agency = {
      {"agency", "agency-name"}, {"asked_person", "agency-asked-person"}, {"response", "agency-response"}};
  const std::string& form = refused.form;
  if (form == "complete") return "task-" + Dashed(field);
  if (form == "agency") {
    if (field == "asked_at") return "asked_at-" + ReadDateTimeBoxes(refused.fields, "asked_at", kAskedAt).FirstBox();
    auto it = agency.find(field);
    return it == agency.end() ? "agency-name" : it->second;
  }
  if (form == "check_request") {
    // The form's ids are "check-" and the field with dashes ("lawful_basis" → "check-lawful-basis"); a
    // refusal not about one field points at the form.
    static const std::set<std::string> fields = {"agency", "children", "question", "lawful_basis", "urgency"};
    if (!fields.contains(field)) return "check-request-form";
    std::string id = "check-" + field;
    std::replace(id.begin(), id.end(), '_', '-');
    return id;
  }
  if (form == "sharing") return "sharing-reason";
  if (form == "police") return field == "note" ? "police-note" : "police-reference";
  if (form == "answers") return Dashed(field);
  return "main-content";
}

// Where on the page each task is done (the household questions too: asked at intake, or here when
// the referrer was not asked then).
std::string TaskHref(const std::string& task) {
  if (task == "record_checks") return "#record-checks";
  if (task == "sharing_authorisation") return "#sharing-authorisation";
  if (task == "police_notification") return "#police-notification";
  return "#" + Dashed(task);
}

void AddTaskList(const policy::PolicyPack& pack, const app::WorkflowView& v, bool linked, Data& d) {
  Data tasks = List();
  std::size_t done = 0;
  for (const auto& t : v.tasks) {
    Data item = Object();
    item.set("anchor", "task-" + Dashed(t.id));
    item.set("title", t.title);
    item.set("rule", CiteRules(pack, t.rule));
    item.set("done", t.done);
    item.set("linked", linked);
    item.set("href", TaskHref(t.id));
    tasks.push_back(item);
    if (t.done) ++done;
  }
  if (!v.tasks.empty()) {
    d.set("has_tasks", true);
    d.set("tasks", tasks);
    d.set("tasks_summary", fmt::format("You have completed {} of {} tasks.", done, v.tasks.size()));
  }
}

// KCR-7: the checklist boxes as sent ("information-<item id>"). Every free-text item's box is on the
// screening form, so an emptied box clears its item.
std::map<std::string, std::string> InformationFromFields(const Fields& fields) {
  std::map<std::string, std::string> information;
  for (const auto& item : InformationItems())
    if (item.free_text)
      if (auto it = fields.find("information-" + std::string(item.id)); it != fields.end())
        information[std::string(item.id)] = it->second;
  return information;
}

Data AnswersForm(const policy::PolicyPack& pack, const app::WorkflowView& v, const Refused& refused) {
  const Screening& s = *v.screening;
  Data f = Object();
  Data questions = List();
  for (const auto& q : ScreeningQuestions()) {
    const std::string field = "answers." + std::string(q.id);
    auto recorded = s.answers.find(std::string(q.id));
    Data item = Object();
    item.set("input_id", Dashed(field));
    item.set("name", field);
    item.set("title", std::string(q.title));
    item.set("rule", CiteRules(pack, q.rule));
    const std::string now = recorded == s.answers.end() ? "" : recorded->second;
    item.set("value", Kept(refused, "answers", field, now));
    SetFieldError(item, ErrorFor(refused, "answers", field));
    // After a conflict, what is recorded now where it differs from what was typed: the user decides.
    const bool differs = !refused.conflict.empty() && refused.form == "answers" && Kept(refused, "answers", field, now) != now;
    item.set("has_now_recorded", differs);
    item.set("now_recorded", differs ? (now.empty() ? std::string("(nothing)") : now) : std::string());
    questions.push_back(item);
  }
  f.set("questions", questions);

  // KCR-6: the household questions, asked here when the referrer was not asked at intake (the demo's
  // anonymous caller, a phone contact over the API): the intake form's radios, names and checks.
  std::map<std::string, std::string> household;
  if (refused.form == "answers") {
    household = HouseholdFromFields(refused.fields);
  } else {
    for (std::size_t i = 0; i < HouseholdQuestions().size(); ++i)
      if (v.contact.intake.household[i] != Answer::kNotAsked)
        household[std::string(HouseholdQuestions()[i].id)] = std::string(AnswerId(v.contact.intake.household[i]));
  }
  f.set("household_questions",
        HouseholdQuestionsData(household, refused.form == "answers" ? refused.errors : std::vector<FieldError>{},
                               "household"));
  f.set("household_answered", v.contact.intake.HouseholdAnswered());

  // KCR-7: the referral checklist's items the referrer was not asked at intake, gathered while
  // screening (the intake form's boxes and checks); the contact page counts what is still missing.
  std::map<std::string, std::string> information = v.contact.intake.information;
  if (refused.form == "answers") information = InformationFromFields(refused.fields);
  bool has_text = false;  // the boxes are always open here: this is where the missing items are asked
  f.set("information_items", InformationItemsData(information, refused.form == "answers" ? refused.errors
                                                                                         : std::vector<FieldError>{},
                                                  "information", has_text));
  const std::size_t missing = MissingInformation(v.contact, v.screening ? &*v.screening : nullptr).size();
  f.set("information_open", true);
  f.set("information_rule", CiteRules(pack, "KCR-7: record what the referrer or another agency tells you under each "
                                            "heading."));
  f.set("information_missing", missing == 0 ? std::string("Every item of the checklist has been gathered.")
                               : missing == 1 ? std::string("1 item of the checklist is still missing.")
                                              : fmt::format("{} items of the checklist are still missing.", missing));

  struct RadioQuestion {
    const char* name;
    const char* legend;
    const char* rule;
    Answer recorded;
    bool not_known;
  };
  const RadioQuestion radios[] = {
      {"significant_harm", "Does the concern involve significant harm?", "KCR-11", s.significant_harm, true},
      {"urgent_action", "Is urgent action needed for this or any child in the household?", "KCR-11", s.urgent_action,
       false},
      {"crime_possible", "May a crime have been committed?", "KCR-13: if so, the police are told at once",
       s.crime_possible, false},
      {"police_protection", "Has a child been taken into police protection?",
       "HCR-28: if so, a strategy discussion with the police follows", s.police_protection, false},
  };
  Data radio_questions = List();
  for (const auto& r : radios) {
    std::vector<Option> options = {{"yes", "Yes"}, {"no", "No"}};
    if (r.not_known) options.push_back({"not_known", "Not known"});
    const std::string recorded = r.recorded == Answer::kNotAsked ? "" : std::string(AnswerId(r.recorded));
    Data item = Object();
    item.set("name", r.name);
    item.set("legend", r.legend);
    item.set("rule", CiteRules(pack, r.rule));
    item.set("options", Options(r.name, options, {Kept(refused, "answers", r.name, recorded)}));
    SetFieldError(item, ErrorFor(refused, "answers", r.name));
    radio_questions.push_back(item);
  }
  f.set("radio_questions", radio_questions);

  std::vector<Option> consents;
  for (Consent c : {Consent::kInformedAgreed, Consent::kInformedOnly, Consent::kNotInformed})
    consents.push_back({std::string(ConsentId(c)), std::string(ConsentTitle(c))});
  const std::string consent = Kept(refused, "answers", "consent", std::string(ConsentId(s.consent)));
  f.set("consent_options", Options("consent", consents, {consent}));
  const auto consent_error = ErrorFor(refused, "answers", "consent");
  f.set("consent_error", consent_error.has_value());
  f.set("consent_error_message", consent_error.value_or(""));
  std::vector<Option> reasons;
  for (const auto& r : NotInformedReasons()) reasons.push_back({std::string(r.id), std::string(r.title)});
  f.set("reasons", Options("not_informed_reason", reasons,
                           {Kept(refused, "answers", "not_informed_reason", s.not_informed_reason)}));
  const auto reason_error = ErrorFor(refused, "answers", "not_informed_reason");
  f.set("reason_error", reason_error.has_value());
  f.set("reason_error_message", reason_error.value_or(""));
  f.set("detail", Kept(refused, "answers", "not_informed_detail", s.not_informed_detail));
  const auto detail_error = ErrorFor(refused, "answers", "not_informed_detail");
  f.set("detail_error", detail_error.has_value());
  f.set("detail_error_message", detail_error.value_or(""));
  return f;
}

void AddRecordChecks(const PageContext& pc, const app::WorkflowView& v, Data& d) {
  Data rows = List();
  for (const auto& c : v.record_checks) {
    Data row = Object();
    row.set("child", c.child_position >= 0 && static_cast<std::size_t>(c.child_position) < v.contact.children.size()
                         ? ChildName(v.contact.children[c.child_position])
                         : fmt::format("Child {}", c.child_position + 1));
    if (c.withheld_ask) {
      // KCR-10, HCR-30: never "No" for an answer the checker could not read.
      const std::string withheld = fmt::format("Withheld: restricted record — ask {}", *c.withheld_ask);
      row.set("known", std::string("Yes"));
      row.set("plan", withheld);
      row.set("looked_after", withheld);
    } else {
      row.set("known",
              c.known ? (c.open_case ? std::string("Yes, open case") : std::string("Yes")) : std::string("No"));
      row.set("plan", YesNo(c.child_protection_plan));
      row.set("looked_after", YesNo(c.looked_after));
    }
    row.set("household", c.household_known);
    // Run before the child's details were corrected: kept, and said to answer for the details then.
    if (c.details_corrected_at)
      row.set("earlier_details", fmt::format("Run on the details before they were corrected on {}: check records "
                                             "again",
                                             When(pc, *c.details_corrected_at)));
    rows.push_back(row);
  }
  if (!v.record_checks.empty()) {
    d.set("has_record_checks", true);
    d.set("record_checks", rows);
    d.set("record_checks_at", When(pc, v.record_checks.front().checked_at));
  }
}

void AddAgencyChecks(const PageContext& pc, const app::WorkflowView& v, Data& d) {
  Data rows = List();
  for (const auto& a : v.agency_checks) {
    Data row = Object();
    row.set("agency", a.agency);
    row.set("asked_person", a.asked_person);
    row.set("asked_at", When(pc, a.asked_at));
    row.set("response", a.response);
    row.set("recorded_by", a.recorded_by_name);
    rows.push_back(row);
  }
  if (!v.agency_checks.empty()) {
    d.set("has_agency_checks", true);
    d.set("agency_checks", rows);
  }
}

// Issue 12: the checks sent to partner agencies, with whether each is answered (the answer itself is
// in the agency checks table above, KCR-9).
void AddCheckRequests(const PageContext& pc, const app::WorkflowView& v, bool may_chase, Data& d) {
  const Instant now = pc.app.clock.Now();
  const policy::PolicyPack& pack = pc.app.procedures.PackAt(now);
  Data rows = List();
  for (const auto& q : v.check_requests) {
    Data row = Object();
    const auto* agency = pack.PartnerAgencyById(q.agency);
    row.set("agency", agency ? agency->name : q.agency);
    row.set("question", q.question);
    std::vector<int> positions;
    for (const auto& s : q.subjects) positions.push_back(static_cast<int>(s.child_position));
    row.set("children", ChildrenAt(v.contact, positions));
    const auto due = q.due_at ? ParseUtc(*q.due_at) : std::nullopt;
    row.set("due", due ? When(pc, *due) : std::string("No deadline"));
    const auto answered = q.answered_at ? ParseUtc(*q.answered_at) : std::nullopt;
    const bool overdue = !answered && due && now >= *due;
    std::string status = answered ? fmt::format("Answered by {} on {}", q.answered_by_name, When(pc, *answered))
                         : overdue ? std::string("Overdue")
                                   : std::string("Awaiting answer");
    if (!answered && q.chases > 0) status += fmt::format(" (chased {} {})", q.chases, q.chases == 1 ? "time" : "times");
    row.set("status", status);
    row.set("request_id", std::to_string(q.id));
    // Issue 12 point 1: an overdue check is chased from here (the agency's users are told again).
    if (overdue && may_chase) row.set("may_chase", true);
    rows.push_back(row);
  }
  if (!v.check_requests.empty()) {
    d.set("has_check_requests", true);
    d.set("check_requests", rows);
  }
}

// Issue 12: the form sending a check to a partner agency: which agency, about which children (only
// those named go), what is asked, on what basis, how urgently.
Data CheckRequestForm(const PageContext& pc, const app::WorkflowView& v, const Refused& refused) {
  const policy::PolicyPack& pack = pc.app.procedures.PackAt(pc.app.clock.Now());
  Data f = Object();
  std::vector<Option> agencies;
  for (const auto& a : pack.partner_agencies) agencies.push_back({a.id, a.name});
  f.set("agencies", Options("check-agency", agencies, {Kept(refused, "check_request", "agency", "")}));
  std::vector<Option> bases;
  for (const auto& b : pack.lawful_bases) bases.push_back({b.id, b.label});
  f.set("bases", Options("check-lawful-basis", bases, {Kept(refused, "check_request", "lawful_basis", "")}));
  std::vector<Option> children;
  for (std::size_t i = 0; i < v.contact.children.size(); ++i)
    children.push_back({std::to_string(i), ChildName(v.contact.children[i])});
  std::set<std::string> ticked;
  if (refused.form == "check_request") {
    auto [begin, end] = refused.fields.equal_range("children");
    for (auto it = begin; it != end; ++it) ticked.insert(it->second);
  }
  f.set("children", Options("check-children", children, ticked));
  f.set("urgencies", Options("check-urgency", {{"standard", "Standard"}, {"urgent", "Urgent"}},
                             {Kept(refused, "check_request", "urgency", "standard")}));
  f.set("question", Kept(refused, "check_request", "question", ""));
  for (const char* field : {"agency", "children", "question", "lawful_basis", "urgency"}) {
    const auto error = ErrorFor(refused, "check_request", field);
    f.set(std::string(field) + "_error", error.has_value());
    f.set(std::string(field) + "_error_message", error.value_or(""));
  }
  return f;
}

bool PolicePending(const app::WorkflowView& v) {
  return std::any_of(v.police_notifications.begin(), v.police_notifications.end(),
                     [](const auto& p) { return !p.done_at; });
}

// The contact a workflow page shows. A GET is someone opening it (audited: contact.viewed); a POST
// shows it again after a form, which is not a view.
Result<app::WorkflowView> ViewFor(PageContext& pc, const http::Request& request, std::int64_t id) {
  const app::Actor actor = api::ActorOf(request);
  return request.method == "GET" ? app::OpenWorkflow(pc.app, actor, id) : app::GetWorkflow(pc.app, actor, id);
}

// The version the page's forms carry. After a refused entry (422) they keep the one the user was
// looking at, so sending again after someone else's change is still a conflict. After a conflict (409)
// they carry the version now stored: the page shows the user's entries with the contact as it is now
// and says it changed, so sending the form again is a deliberate choice to record theirs over it
// (docs/decisions.md "A conflict keeps what was typed").
std::int64_t FormVersion(const app::WorkflowView& v, const Refused& refused) {
  if (refused.form.empty() || !refused.conflict.empty()) return v.contact.version;
  return VersionOf(refused.fields).value_or(v.contact.version);
}

http::Response ScreeningPage(PageContext& pc, const http::Request& request, std::int64_t id,
                             const Refused& as_refused, int status) {
  const app::Actor actor = api::ActorOf(request);
  auto view = ViewFor(pc, request, id);
  if (!view) return ErrorPage(view.error());
  const app::WorkflowView& v = *view;
  // The rules cited are those of the procedures the contact is screened under (CRU-5), also in the
  // messages of a refused form.
  const policy::PolicyPack& pack = pc.app.procedures.PackAt(v.contact.received_at);
  Refused refused = as_refused;
  for (auto& e : refused.errors) {
    // Review finding 6: the API's message lists the reasons' ids, which a client sends; the page lists
    // the reasons in words beside the radios, so its message points there instead.
    if (e.field == "not_informed_reason" && e.message.find("choose why") != std::string::npos)
      e.message = "Parents may be left uninformed only for a recorded reason: choose why (HCR-25), from the reasons "
                  "listed";
    e.message = CiteRules(pack, e.message);
  }
  const ContactState state = StateOf(v);
  const std::int64_t version = FormVersion(v, refused);
  Data d = WorkflowData(request, v, "Screening " + v.contact.reference, version);
  SetBanner(d, request,
            {{"started", "Screening started"},
             {"saved", "Screening answers saved"},
             {"checked", "Records checked"},
             {"agency", "Agency check recorded"},
             {"check_sent", "Check sent to the partner agency"},
             {"check_chased", "The partner agency has been chased"},
             {"sharing", "Sharing without the parents' knowledge authorised"},
             {"sharing_asked", "The team managers have been asked to authorise sharing: it is on their home page"},
             {"police", "Police notification recorded"}});
  SetErrorSummary(d, refused.errors, [&](const std::string& f) { return ScreeningInputId(refused, f); });

  // A contact allocated to, or being screened by, another social worker is theirs to screen
  // (app/screening_allocation.h): its forms are not offered to anyone else but a team manager.
  const bool held_by_other = app::HeldByOther(v, actor);
  const bool can_screen = app::IsAllowed(actor.role, app::Action::kScreenContact) && !held_by_other;
  const bool open = state == ContactState::kScreening && v.screening.has_value();
  const bool editable = open && can_screen;
  if (held_by_other && (state == ContactState::kReceived || open)) d.set("held_by_other", true);
  AddSentBack(v, d);
  AddTaskList(pack, v, editable, d);
  AddRecordChecks(pc, v, d);
  AddSameChild(pc, actor, v, d);  // KCR-10, HCR-30
  AddScreeningAllocation(v, actor, d, pc.app.time_zone);  // who screens it; others screening the same child now
  AddAgencyChecks(pc, v, d);

  if (state == ContactState::kReceived) {
    d.set("not_started", true);
    if (can_screen) d.set("can_start", true);
  }
  if (state == ContactState::kRouted) d.set("routed", true);
  if (state == ContactState::kDuplicate) d.set("duplicate", true);
  if (open) d.set("screening_open", true);
  // Hints that cite a rule, as the pack in force cites them (Hertfordshire asks the same household
  // questions, seed line 174, but has no rule id of its own for them).
  d.set("household_rule", CiteRules(pack, "KCR-6: domestic abuse, mental illness, substance misuse and learning "
                                          "difficulties in the household."));
  d.set("agency_checks_rule", CiteRules(pack, "KCR-9: what other agencies know about the child and family."));
  if (editable) {
    d.set("editable", true);
    d.set("answers_form", AnswersForm(pack, v, refused));
    d.set("check_link", ContactPath(id, "/screening/check"));
  }
  if (v.screening && v.screening->completed_at) {
    d.set("completed_text", fmt::format("Screening was completed on {}.", When(pc, *v.screening->completed_at)));
    d.set("check_link", ContactPath(id, "/screening/check"));
    d.set("decision_link", ContactPath(id, "/decision"));
  }

  // Agency checks (KCR-9), recorded or sent: after the parents are told, or with a manager's
  // authorisation (KCR-15, HCR-26). Neither form is offered before then, so nothing typed is refused.
  if (editable) {
    const Screening& s = *v.screening;
    if (s.consent == Consent::kNotRecorded) {
      d.set("agency_blocked",
            CiteRules(pack, "Record first whether the parents have been informed (HCR-25): other agencies are normally "
                            "asked after the parents are told."));
    } else if (s.NeedsSharingAuthorisation() && !s.SharingAuthorised()) {
      d.set("agency_blocked",
            CiteRules(pack, "The parents have not been informed, so a team manager must authorise sharing without "
                            "their knowledge, with reasons, before other agencies are asked or sent a check: ask a "
                            "team manager to authorise it, with the button above (KCR-15, HCR-26)."));
    } else {
      Data f = Object();
      for (const std::string field : {"agency", "asked_person", "response"}) {
        f.set(field, Kept(refused, "agency", field, ""));
        const auto error = ErrorFor(refused, "agency", field);
        f.set(field + "_error", error.has_value());
        f.set(field + "_error_message", error.value_or(""));
      }
      f.set("asked_at_field",
            DateTimeFieldData("asked_at", "When they were asked",
                              "The date, for example 24 11 2026, and the time, for example 14:30 or 2:30pm",
                              ReadDateTimeBoxes(refused.form == "agency" ? refused.fields : Fields{}, "asked_at", kAskedAt),
                              ErrorFor(refused, "agency", "asked_at")));
      d.set("agency_form", f);
      if (app::IsAllowed(actor.role, app::Action::kSendAgencyCheck))
        d.set("check_request_form", CheckRequestForm(pc, v, refused));
    }
  }
  AddCheckRequests(pc, v, app::IsAllowed(actor.role, app::Action::kSendAgencyCheck), d);

  // Sharing without the parents' knowledge (KCR-15, HCR-26).
  if (v.screening && v.screening->NeedsSharingAuthorisation()) {
    const Screening& s = *v.screening;
    d.set("sharing_needed", true);
    if (s.SharingAuthorised()) {
      Data rows = List();
      rows.push_back(Row("Authorised", s.sharing_authorised_at ? When(pc, *s.sharing_authorised_at) : ""));
      rows.push_back(Row("Reasons", s.sharing_authorisation_reason));
      d.set("sharing_authorised", true);
      d.set("sharing_rows", rows);
    } else if (open && app::IsAllowed(actor.role, app::Action::kAuthoriseSharing)) {
      Data f = Object();
      f.set("reason", Kept(refused, "sharing", "reason", ""));
      SetFieldError(f, ErrorFor(refused, "sharing", "reason"));
      f.set("why", ReasonTitle(s.not_informed_reason));
      d.set("sharing_form", f);
    } else if (open) {
      d.set("sharing_waiting", true);
      // Finding 7: the worker screening it asks a team manager with a button, not in person only.
      if (editable) d.set("sharing_ask", true);
    }
  }

  // Police notification (KCR-13, HCR-28).
  if (!v.police_notifications.empty()) {
    d.set("police_needed", true);
    Data done = List();
    for (const auto& p : v.police_notifications) {
      if (!p.done_at) continue;
      Data row = Object();
      row.set("at", When(pc, *p.done_at));
      row.set("has_reference", !p.police_reference.empty());
      row.set("police_reference", p.police_reference);
      row.set("has_note", !p.note.empty());
      row.set("note", p.note);
      done.push_back(row);
    }
    if (!done.list_value().empty()) d.set("police_done", done);
    if (PolicePending(v)) {
      for (const auto& p : v.police_notifications)
        if (!p.done_at) d.set("police_required", When(pc, p.required_at));
      if (editable) {
        Data f = Object();
        f.set("police_reference", Kept(refused, "police", "police_reference", ""));
        f.set("note", Kept(refused, "police", "note", ""));
        const auto ref_error = ErrorFor(refused, "police", "police_reference");
        f.set("reference_error", ref_error.has_value());
        f.set("reference_error_message", ref_error.value_or(""));
        const auto note_error = ErrorFor(refused, "police", "note");
        f.set("note_error", note_error.has_value());
        f.set("note_error_message", note_error.value_or(""));
        d.set("police_form", f);
      }
    }
  }
  static const std::map<std::string, std::pair<std::string, std::string>> forms = {
      {"answers", {"answers_form", "answers"}},
      {"agency", {"agency_form", "agency-checks"}},
      {"check_request", {"check_request_form", "check-request-form"}},
      {"sharing", {"sharing_form", "sharing-authorisation"}},
      {"police", {"police_form", "police-notification"}}};
  // Where what a form sent twice did the first time is shown (review finding 8).
  static const std::map<std::string, std::string> done_at = {
      {"answers", "/screening/check"},         {"record_checks", "/screening#record-checks"},
      {"agency", "/screening#agency-checks"},   {"check_request", "/screening#check-requests"},
      {"sharing", "/screening#sharing-authorisation"}, {"police", "/screening#police-notification"},
      {"sharing_request", "/screening#sharing-authorisation"}};
  const auto form = forms.find(refused.form);
  const auto done = done_at.find(refused.form);
  AddConflict(d, refused, ContactPath(id, "/screening"), form == forms.end() ? "" : form->second.first,
              form == forms.end() ? "" : form->second.second,
              done == done_at.end() ? ContactPath(id, "/screening") : ContactPath(id, done->second));
  d.set("cite", CiteSection(pack));
  return Page(pc, status, "workflow_screening", d);
}

// --- check your answers before completing --------------------------------------------------------

http::Response ScreeningCheckPage(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const app::Actor actor = api::ActorOf(request);
  auto view = app::OpenWorkflow(pc.app, actor, *id);  // GET only: audited as contact.viewed
  if (!view) return ErrorPage(view.error());
  const app::WorkflowView& v = *view;
  if (!v.screening) return http::Response::Redirect(ContactPath(*id, "/screening"));
  const Screening& s = *v.screening;
  const bool editable =
      StateOf(v) == ContactState::kScreening && app::IsAllowed(actor.role, app::Action::kScreenContact);
  Data d = WorkflowData(request, v, "Check your screening answers", v.contact.version);
  d.set("back_link", ContactPath(*id, "/screening"));
  const std::string base = ContactPath(*id, "/screening");
  auto change = [&](const std::string& anchor) { return editable ? base + "#" + anchor : std::string(); };

  Data answers = List();
  for (const auto& q : ScreeningQuestions()) {
    auto a = s.answers.find(std::string(q.id));
    const std::string title(q.title);
    answers.push_back(Row(title, a == s.answers.end() ? "Not answered yet" : a->second,
                          change("answers-" + std::string(q.id)), title));
  }
  answers.push_back(Row("Significant harm", AnswerText(s.significant_harm), change("significant_harm"),
                        "whether it involves significant harm"));
  answers.push_back(Row("Urgent action needed", AnswerText(s.urgent_action), change("urgent_action"),
                        "whether urgent action is needed"));
  answers.push_back(Row("A crime may have been committed", AnswerText(s.crime_possible), change("crime_possible"),
                        "whether a crime may have been committed"));
  answers.push_back(Row("Taken into police protection", AnswerText(s.police_protection), change("police_protection"),
                        "whether a child was taken into police protection"));
  d.set("answer_rows", answers);

  Data parents = List();
  parents.push_back(Row("Parents informed", std::string(ConsentTitle(s.consent)), change("consent"),
                        "whether the parents were informed"));
  if (s.consent == Consent::kNotInformed) {
    parents.push_back(Row("Why not", ReasonTitle(s.not_informed_reason), change("not_informed_reason"),
                          "why the parents were not informed"));
    if (!s.not_informed_detail.empty())
      parents.push_back(Row("Detail", s.not_informed_detail, change("not_informed_detail"), "the detail"));
    parents.push_back(Row("Sharing without their knowledge",
                          s.SharingAuthorised() ? "Authorised by a team manager: " + s.sharing_authorisation_reason
                                                : std::string("Not yet authorised by a team manager"),
                          change("sharing-authorisation"), "the authorisation to share"));
  }
  d.set("parent_rows", parents);

  Data checks = List();
  checks.push_back(Row("Household questions",
                       v.contact.intake.HouseholdAnswered() ? std::string("All four asked of the referrer")
                                                            : std::string("Not all asked of the referrer yet"),
                       change("household"), "the household questions"));
  std::string records;
  for (const auto& c : v.record_checks) {
    const std::string name = static_cast<std::size_t>(c.child_position) < v.contact.children.size()
                                 ? ChildName(v.contact.children[c.child_position])
                                 : fmt::format("Child {}", c.child_position + 1);
    if (c.withheld_ask) {
      records += fmt::format("{}{}: known; child protection plan and looked after withheld: restricted record — "
                             "ask {}",
                             records.empty() ? "" : "\n", name, *c.withheld_ask);
      continue;
    }
    records += fmt::format("{}{}: {}{}{}", records.empty() ? "" : "\n", name, c.known ? "known" : "not known",
                           c.child_protection_plan ? ", child protection plan" : "", c.looked_after ? ", looked after" : "");
  }
  checks.push_back(Row("Record checks", records.empty() ? "Not done yet" : records, change("record-checks"),
                       "the record checks"));
  std::string agencies;
  for (const auto& a : v.agency_checks)
    agencies += fmt::format("{}{} ({}, {})", agencies.empty() ? "" : "\n", a.agency, a.asked_person, When(pc, a.asked_at));
  checks.push_back(Row("Agency checks", agencies.empty() ? "None recorded" : agencies, change("agency-checks"),
                       "the agency checks"));
  if (!v.police_notifications.empty())
    checks.push_back(Row("Police notified", PolicePending(v) ? "Not yet" : "Yes", change("police-notification"),
                         "the police notification"));
  d.set("check_rows", checks);

  std::size_t done = 0;
  for (const auto& t : v.tasks) done += t.done ? 1 : 0;
  d.set("tasks_summary", fmt::format("You have completed {} of {} tasks.", done, v.tasks.size()));
  if (done < v.tasks.size()) d.set("tasks_left", true);
  if (editable) d.set("can_complete", true);
  return Page(pc, 200, "workflow_screening_check", d);
}

// --- the decision page ----------------------------------------------------------------------------

// The proposal as typed: kept when refused, carried through "check your answers".
struct DecisionForm {
  std::string outcome;
  std::vector<int> children;
  std::string sibling_reason, rationale, next_steps, protective_factors, primary_need;
  std::string harm_override_reason;  // KCR-16, HCR-31, HCR-32
};

DecisionForm ParseDecisionForm(const Fields& fields) {
  DecisionForm f;
  f.outcome = FormValue(fields, "outcome");
  auto [begin, end] = fields.equal_range("children");
  for (auto it = begin; it != end; ++it)
    if (auto n = ParseWhole(it->second); n && *n >= 0 && *n < 1000) f.children.push_back(static_cast<int>(*n));
  f.sibling_reason = FormValue(fields, "sibling_reason");
  f.rationale = FormValue(fields, "rationale");
  f.next_steps = FormValue(fields, "next_steps");
  f.protective_factors = FormValue(fields, "protective_factors");
  f.primary_need = FormValue(fields, "primary_need");
  f.harm_override_reason = FormValue(fields, "harm_override_reason");
  return f;
}

DecisionDraft ToDraft(const DecisionForm& f) {
  return DecisionDraft{f.outcome,    f.children,           f.sibling_reason, f.rationale,
                       f.next_steps, f.protective_factors, f.primary_need,   f.harm_override_reason};
}

std::string DecisionInputId(const std::string& field) {
  if (field == "sibling_reason") return "sibling-reason";
  if (field == "next_steps") return "next-steps";
  if (field == "protective_factors") return "protective-factors";
  if (field == "primary_need") return "primary-need";
  if (field == "reason") return "return-reason";
  if (field == "harm_override_reason") return "harm-override-reason";
  if (field == "override_reason") return "override-reason";
  if (field == "outcome" || field == "children" || field == "rationale") return field;
  return "outcome";
}

std::string OutcomeLabel(const app::WorkflowView& v, const std::string& id) {
  for (const auto& o : v.outcomes)
    if (o.id == id) return o.label;
  return id;
}

// "N4: Family in acute stress"; empty when none was recorded.
std::string PrimaryNeedWords(const std::string& code) {
  if (code.empty()) return "";
  const auto title = returns::CinPrimaryNeedTitle(code);
  return title.empty() ? code : fmt::format("{}: {}", code, title);
}

std::string OutcomeNext(const app::WorkflowView& v, const std::string& id) {
  for (const auto& o : v.outcomes)
    if (o.id == id) return o.next;
  return "";
}

// KCR-16, HCR-31, HCR-32, HCR-28: screening's harm, urgency and police protection answers, shown beside
// every proposal and decision so whoever proposes, authorises or later reads it sees what was found.
// With a warning when it calls for a strategy discussion. Nothing before screening.
void AddHarmFound(const app::WorkflowView& v, Data& d) {
  if (!v.screening) return;
  const Screening& s = *v.screening;
  Data rows = List();
  rows.push_back(Row("Significant harm suspected", AnswerText(s.significant_harm)));
  rows.push_back(Row("Urgent action needed to protect the child", AnswerText(s.urgent_action)));
  if (s.police_protection != Answer::kNotAsked)
    rows.push_back(Row("Taken into police protection", AnswerText(s.police_protection)));
  d.set("harm_found_rows", rows);
  d.set("has_harm_found", true);
  if (const std::string found = HarmFoundWords(s); !found.empty())
    d.set("harm_warning", fmt::format("Screening found {}: the procedures call for a strategy discussion before "
                                      "Section 47 enquiries. Any other outcome needs a recorded reason.",
                                      found));
}

Data DecisionRows(const app::WorkflowView& v, const std::string& outcome_label, const std::vector<int>& children,
                  const std::string& sibling_reason, const std::string& rationale, const std::string& next_steps,
                  const std::string& protective_factors, const std::string& primary_need,
                  const std::string& harm_override_reason = "", const std::string& authorised_override_reason = "") {
  Data rows = List();
  rows.push_back(Row("Outcome", outcome_label));
  rows.push_back(Row("Children it covers", ChildrenAt(v.contact, children)));
  if (!sibling_reason.empty() || children.size() < SubjectPositions(v.contact).size())
    rows.push_back(Row("Why the other children are not included", sibling_reason));
  rows.push_back(Row("Reasons for the decision", rationale));
  rows.push_back(Row("Next steps", next_steps));
  if (!protective_factors.empty()) rows.push_back(Row("Response to risk and protective factors", protective_factors));
  if (!primary_need.empty()) rows.push_back(Row("Primary need (Children in Need census)", PrimaryNeedWords(primary_need)));
  if (!harm_override_reason.empty())
    rows.push_back(Row("Why not a strategy discussion (proposer)", harm_override_reason));
  if (!authorised_override_reason.empty())
    rows.push_back(Row("Why not a strategy discussion (authorising manager)", authorised_override_reason));
  return rows;
}

Data ProposeForm(const app::WorkflowView& v, const DecisionForm& form, const std::vector<FieldError>& errors) {
  Data f = Object();
  std::vector<Option> outcomes;
  for (const auto& o : v.outcomes) outcomes.push_back({o.id, o.label});
  f.set("outcomes", Options("outcome", outcomes, {form.outcome}));
  std::vector<Option> children;
  std::set<std::string> ticked;
  for (int p : SubjectPositions(v.contact)) children.push_back({std::to_string(p), ChildName(v.contact.children[p])});
  for (int p : form.children) ticked.insert(std::to_string(p));
  f.set("children", Options("children", children, ticked));
  std::vector<std::string> harming;
  for (const auto& c : v.contact.children)
    if (c.role != ChildRole::kSubject) harming.push_back(ChildName(c));
  if (!harming.empty())
    f.set("harming_note", fmt::format("{} harmed another child and is not part of this decision", JoinNames(harming)));
  f.set("sibling_reason", form.sibling_reason);
  f.set("rationale", form.rationale);
  f.set("next_steps", form.next_steps);
  f.set("protective_factors", form.protective_factors);
  // HCR-34 is one authority's rule: elsewhere the box is there but asks for nothing.
  if (v.decision_rules.protective_factors_before_transfer) f.set("protective_factors_needed", true);
  std::vector<Option> needs = {{"", "Not recorded"}};
  for (const auto code : returns::CinPrimaryNeedCodes()) {
    if (code == "N0") continue;  // "not stated" is what leaving it blank says
    needs.push_back({std::string(code), PrimaryNeedWords(std::string(code))});
  }
  f.set("primary_needs", Options("primary_need", needs, {form.primary_need}));
  // KCR-16, HCR-31, HCR-32: the box for why not a strategy discussion, where screening found harm.
  if (v.screening && !HarmFoundWords(*v.screening).empty()) {
    f.set("harm_override", true);
    f.set("harm_override_reason", form.harm_override_reason);
  }
  for (const char* field : {"outcome", "children", "sibling_reason", "rationale", "next_steps", "protective_factors",
                            "primary_need", "harm_override_reason"}) {
    std::optional<std::string> error;
    for (const auto& e : errors)
      if (e.field == field && !error) error = e.message;
    f.set(std::string(field) + "_error", error.has_value());
    f.set(std::string(field) + "_error_message", error.value_or(""));
  }
  return f;
}

// GET and every re-render of /contacts/{id}/decision. `form`: the proposal as typed (nullopt: the
// returned proposal's values, if any); `refused`: a refused form and its errors.
http::Response DecisionPage(PageContext& pc, const http::Request& request, std::int64_t id,
                            const std::optional<DecisionForm>& form, const Refused& refused, int status) {
  const app::Actor actor = api::ActorOf(request);
  auto view = ViewFor(pc, request, id);
  if (!view) return ErrorPage(view.error());
  const app::WorkflowView& v = *view;
  const ContactState state = StateOf(v);
  const std::int64_t version = FormVersion(v, refused);
  Data d = WorkflowData(request, v, "Decision " + v.contact.reference, version);
  SetBanner(d, request,
            {{"screened", "Screening completed"},
             {"proposed", "Decision sent for authorisation"},
             {"authorised", "Decision authorised"},
             {"returned", "Proposal returned with your reason"}});
  SetErrorSummary(d, refused.errors, DecisionInputId);
  d.set("screening_link", ContactPath(id, "/screening"));
  if (state == ContactState::kScreened || state == ContactState::kProposed || state == ContactState::kDecided)
    AddHarmFound(v, d);

  switch (state) {
    case ContactState::kReceived:
    case ContactState::kScreening:
      d.set("heading", "Decision");
      d.set("not_ready", true);
      // KCR-16: a proposal sent back reopened screening; why it was sent back is said here too.
      if (const Decision* returned = app::SentBack(v)) {
        d.set("returned_by", returned->decided_by_name);
        d.set("return_reason", returned->return_reason);
      }
      break;
    case ContactState::kRouted:
      d.set("heading", "Decision");
      d.set("routed", true);
      break;
    case ContactState::kDuplicate:
      d.set("heading", "Decision");
      d.set("duplicate", true);
      break;
    case ContactState::kScreened: {
      d.set("heading", "Propose a decision");
      const Decision* returned = Current(v, "returned");
      if (returned) {
        d.set("returned_by", returned->decided_by_name);
        d.set("return_reason", returned->return_reason);
      }
      if (!app::IsAllowed(actor.role, app::Action::kScreenContact)) {
        d.set("no_proposal", true);
        break;
      }
      DecisionForm values;
      if (form) values = *form;
      else if (returned)
        values = {returned->outcome,    returned->children,           returned->sibling_reason, returned->rationale,
                  returned->next_steps, returned->protective_factors, returned->primary_need,
                  returned->harm_override_reason};
      d.set("propose_form", ProposeForm(v, values, refused.form == "propose" ? refused.errors : std::vector<FieldError>{}));
      break;
    }
    case ContactState::kProposed: {
      d.set("heading", "Decision awaiting authorisation");
      const Decision* p = Current(v, "proposed");
      if (!p) break;
      d.set("proposal_rows",
            DecisionRows(v, p->outcome_label.empty() ? p->outcome : p->outcome_label, p->children, p->sibling_reason,
                         p->rationale, p->next_steps, p->protective_factors, p->primary_need,
                         p->harm_override_reason));
      d.set("has_proposal", true);
      d.set("proposed_by", p->proposed_by_name);
      d.set("proposed_at", When(pc, p->proposed_at));
      if (app::IsAllowed(actor.role, app::Action::kAuthoriseDecision)) {
        if (p->proposed_by == actor.user_id) {
          d.set("own_proposal", true);  // KCR-16, HCR-31
        } else {
          Data f = Object();
          f.set("reason", Kept(refused, "return", "reason", ""));
          SetFieldError(f, ErrorFor(refused, "return", "reason"));
          // KCR-16, HCR-31, HCR-32: authorising another outcome than the strategy discussion screening's
          // findings call for needs the manager's own reason.
          if (DepartsFromHarmFound(v.screening ? &*v.screening : nullptr, OutcomeNext(v, p->outcome))) {
            Data o = Object();
            o.set("override_reason", Kept(refused, "authorise", "override_reason", ""));
            SetFieldError(o, ErrorFor(refused, "authorise", "override_reason"));
            f.set("override", o);
          }
          d.set("authorise_form", f);
        }
      } else {
        d.set("awaiting_manager", true);
      }
      break;
    }
    case ContactState::kDecided: {
      d.set("heading", "Decision");
      const Decision* a = Current(v, "authorised");
      if (!a) break;
      d.set("decision_rows",
            DecisionRows(v, a->outcome_label.empty() ? a->outcome : a->outcome_label, a->children, a->sibling_reason,
                         a->rationale, a->next_steps, a->protective_factors, a->primary_need,
                         a->harm_override_reason, a->authorised_override_reason));
      // HCR-32: a clock closed as not needed by an overriding decision says so, with the reason.
      Data not_needed = List();
      bool any_not_needed = false;
      for (const auto& n : v.deadlines_not_applicable)
        if (n.timescale == "section-47-decision") {
          not_needed.push_back(Row(fmt::format("{} ({})", n.obligation, n.rule_id), n.reason));
          any_not_needed = true;
        }
      if (any_not_needed) d.set("not_needed_rows", not_needed);
      d.set("has_decision", true);
      Data who = List();
      who.push_back(Row("Proposed by", fmt::format("{}, {}", a->proposed_by_name, When(pc, a->proposed_at))));
      who.push_back(Row("Authorised by", fmt::format("{}, {}", a->decided_by_name, a->decided_at ? When(pc, *a->decided_at) : "")));
      if (v.referral_reference) who.push_back(Row("Referral", *v.referral_reference));
      d.set("decided_rows", who);
      if (v.referral_reference) d.set("referral_reference", *v.referral_reference);
      break;
    }
  }
  if (refused.form == "return") AddConflict(d, refused, ContactPath(id, "/decision"), "authorise_form", "return-reason");
  else if (refused.form == "authorise") AddConflict(d, refused, ContactPath(id, "/decision"), "authorise_form", "override-reason");
  else if (refused.form == "propose") AddConflict(d, refused, ContactPath(id, "/decision"), "propose_form", "outcome");
  else AddConflict(d, refused, ContactPath(id, "/decision"), "", "");
  d.set("cite", CiteSection(pc.app.procedures.PackAt(v.contact.received_at)));
  return Page(pc, status, "workflow_decision", d);
}

http::Response ShowDecision(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  return DecisionPage(pc, request, *id, std::nullopt, {}, 200);
}

// POST /contacts/{id}/decision/check: "check your answers" for a valid proposal; the form again
// with the errors for an invalid one, or with the values when "Change" was pressed.
http::Response CheckDecision(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const Fields fields = FormFields(request);
  const DecisionForm form = ParseDecisionForm(fields);
  const auto version = VersionOf(fields);
  if (!version) return ErrorPage(Error::Invalid({}, "The form was sent without the contact's version: reload the page"));
  if (!FormValue(fields, "change").empty())
    return DecisionPage(pc, request, *id, form, Refused{"change", fields, {}, ""}, 200);
  const app::Actor actor = api::ActorOf(request);
  if (auto allowed = app::Authorise(actor, app::Action::kScreenContact); !allowed) return ErrorPage(allowed.error());
  auto view = app::GetWorkflow(pc.app, actor, *id);
  if (!view) return ErrorPage(view.error());
  const app::WorkflowView& v = *view;
  if (v.contact.version != *version || StateOf(v) != ContactState::kScreened)
    return DecisionPage(pc, request, *id, form,
                        Refused{"propose", fields, {},
                                "Someone else changed this contact while you were working on it. Reload it to see "
                                "their change."},
                        409);
  // The same rule the use case applies, so the check page only ever shows a proposal that can be sent.
  auto valid = ValidateDecision(ToDraft(form), v.outcomes, SubjectPositions(v.contact), v.decision_rules);
  if (!valid) return DecisionPage(pc, request, *id, form, Refused{"propose", fields, valid.error().fields, ""}, 422);
  const Screening* found = v.screening ? &*v.screening : nullptr;
  if (auto problem = OverrideReasonProblem(found, valid->next, OutcomeLabel(v, form.outcome), form.harm_override_reason,
                                           "proposing"))
    return DecisionPage(pc, request, *id, form,
                        Refused{"propose", fields,
                                {{"harm_override_reason",
                                  CiteRules(pc.app.procedures.PackAt(v.contact.received_at), *problem)}},
                                ""},
                        422);
  const bool overrides = DepartsFromHarmFound(found, valid->next);
  Data d = WorkflowData(request, v, "Check your decision", *version);
  d.set("back_link", ContactPath(*id, "/decision"));
  d.set("check_rows",
        DecisionRows(v, OutcomeLabel(v, form.outcome), valid->children, valid->sibling_reason, form.rationale,
                     form.next_steps, form.protective_factors, valid->primary_need,
                     overrides ? form.harm_override_reason : ""));
  Data hidden = List();
  auto keep = [&](const char* name, const std::string& value) {
    Data item = Object();
    item.set("name", name);
    item.set("value", value);
    hidden.push_back(item);
  };
  keep("outcome", form.outcome);
  for (int c : valid->children) keep("children", std::to_string(c));
  keep("sibling_reason", form.sibling_reason);
  keep("rationale", form.rationale);
  keep("next_steps", form.next_steps);
  keep("protective_factors", form.protective_factors);
  keep("primary_need", valid->primary_need);
  if (overrides) keep("harm_override_reason", form.harm_override_reason);
  d.set("hidden_fields", hidden);
  d.set("cite", CiteSection(pc.app.procedures.PackAt(v.contact.received_at)));
  return Page(pc, 200, "workflow_decision_check", d);
}

// --- posting a change -----------------------------------------------------------------------------

using Change = std::function<Result<void>(app::AppContext&, const app::Actor&, std::int64_t id, std::int64_t version,
                                          const Fields&)>;
using Rerender =
    std::function<http::Response(PageContext&, const http::Request&, std::int64_t, const Refused&, int status)>;

// Every workflow POST: run the use case with the version the user saw; on success 303 back to
// the page with a banner; refused input → the page again (422) with the input kept; a change made
// meanwhile → the page again (409) saying so, with the input kept too; anything else → its own page
// (403, 404).
http::Response Apply(PageContext& pc, http::Request& request, const char* form, const std::string& success,
                     const Change& change, const Rerender& rerender) {
  const auto id = PathId(request);
  if (!id) return NotFoundPage(request);
  const Fields fields = FormFields(request);
  const auto version = VersionOf(fields);
  if (!version) return ErrorPage(Error::Invalid({}, "The form was sent without the contact's version: reload the page"));
  auto done = change(pc.app, api::ActorOf(request), *id, *version, fields);
  if (!done) {
    const Error& e = done.error();
    if (e.IsInvalid()) {
      Refused refused{form, fields, e.fields, ""};
      if (refused.errors.empty()) refused.errors.push_back({"", e.message});
      return rerender(pc, request, *id, refused, 422);
    }
    if (app::IsAlreadyDone(e)) return rerender(pc, request, *id, Refused{form, {}, {}, e.message}, 409);
    if (e.code == ErrorCode::kConflict) {
      // The user's own step sent twice (a double click, the back button): show its result, as the
      // first send did, rather than a conflict with themselves.
      static const std::map<std::string, app::WorkflowStep> steps = {
          {"complete", app::WorkflowStep::kCompleteScreening},
          {"propose", app::WorkflowStep::kProposeDecision},
          {"authorise", app::WorkflowStep::kAuthoriseDecision}};
      const app::Actor actor = api::ActorOf(request);
      if (auto step = steps.find(form); step != steps.end())
        if (auto view = app::GetWorkflow(pc.app, actor, *id); view && app::AlreadyTakenBy(*view, actor, step->second, *version))
          return http::Response::Redirect(ContactPath(*id, success));
      return rerender(pc, request, *id, Refused{form, fields, {}, e.message}, 409);
    }
    return ErrorPage(e);
  }
  return http::Response::Redirect(ContactPath(*id, success));
}

http::Response RerenderScreening(PageContext& pc, const http::Request& r, std::int64_t id, const Refused& refused,
                                 int status) {
  return ScreeningPage(pc, r, id, refused, status);
}

http::Response RerenderDecision(PageContext& pc, const http::Request& r, std::int64_t id, const Refused& refused,
                                int status) {
  std::optional<DecisionForm> form;
  if (refused.form == "propose") form = ParseDecisionForm(refused.fields);
  return DecisionPage(pc, r, id, form, refused, status);
}

ScreeningDraft ScreeningDraftFrom(const Fields& fields) {
  ScreeningDraft draft;
  for (const auto& q : ScreeningQuestions()) {
    const std::string field = "answers." + std::string(q.id);
    // Every question's box is on the form, so an emptied box clears its answer.
    if (auto it = fields.find(field); it != fields.end()) draft.answers[std::string(q.id)] = it->second;
  }
  draft.significant_harm = FormValue(fields, "significant_harm");
  draft.urgent_action = FormValue(fields, "urgent_action");
  draft.crime_possible = FormValue(fields, "crime_possible");
  draft.police_protection = FormValue(fields, "police_protection");
  draft.consent = FormValue(fields, "consent");
  draft.household = HouseholdFromFields(fields);
  draft.information = InformationFromFields(fields);
  // The reason and detail belong to "not informed"; with another choice they are not sent on.
  if (draft.consent == ConsentId(Consent::kNotInformed)) {
    draft.not_informed_reason = FormValue(fields, "not_informed_reason");
    draft.not_informed_detail = FormValue(fields, "not_informed_detail");
  }
  return draft;
}

}  // namespace

void AddWorkflowLinks(const app::WorkflowView& v, const app::Actor& actor, Data& d) {
  const ContactState state = StateOf(v);
  const std::int64_t id = v.contact.id;
  const bool can_screen = app::IsAllowed(actor.role, app::Action::kScreenContact);
  d.set("workflow_state", std::string(ContactStateTitle(state)));
  AddSentBack(v, d);
  auto screening = [&](const char* text) {
    d.set("screening_link", ContactPath(id, "/screening"));
    d.set("screening_link_text", std::string(text));
  };
  auto decision = [&](const char* text) {
    d.set("decision_link", ContactPath(id, "/decision"));
    d.set("decision_link_text", std::string(text));
  };
  switch (state) {
    case ContactState::kReceived:
      if (can_screen) screening("Start screening");
      break;
    case ContactState::kScreening:
      screening(can_screen ? "Continue screening" : "View screening");
      break;
    case ContactState::kScreened:
      screening("View screening");
      if (can_screen) decision("Propose a decision");
      break;
    case ContactState::kProposed: {
      screening("View screening");
      const Decision* p = Current(v, "proposed");
      const bool can_authorise = app::IsAllowed(actor.role, app::Action::kAuthoriseDecision) &&
                                 (p == nullptr || p->proposed_by != actor.user_id);
      decision(can_authorise ? "Authorise the decision" : "View the proposed decision");
      break;
    }
    case ContactState::kDecided:
      screening("View screening");
      decision("View the decision");
      break;
    case ContactState::kRouted: break;
    case ContactState::kDuplicate:
      if (v.screening) screening("View screening");
      break;
  }
}

void RegisterWorkflowPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/contacts/{id}/screening", Access::kSignedIn, [pc](http::Request& r) {
    const auto id = PathId(r);
    if (!id) return NotFoundPage(r);
    return ScreeningPage(*pc, r, *id, {}, 200);
  });
  router.Add("GET", "/contacts/{id}/screening/check", Access::kSignedIn,
             [pc](http::Request& r) { return ScreeningCheckPage(*pc, r); });
  router.Add("POST", "/contacts/{id}/screening/start", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "start", "/screening?started=1",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t v, const Fields&) {
                   return app::StartScreening(c, a, id, v);
                 },
                 RerenderScreening);
  });
  router.Add("POST", "/contacts/{id}/screening", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "answers", "/screening?saved=1",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t v, const Fields& f) {
                   return app::SaveScreening(c, a, id, v, ScreeningDraftFrom(f));
                 },
                 RerenderScreening);
  });
  router.Add("POST", "/contacts/{id}/record-checks", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "record_checks", "/screening?checked=1#record-checks",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t v,
                    const Fields&) -> Result<void> {
                   auto checks = app::RunRecordChecks(c, a, id, v);
                   if (!checks) return std::unexpected(checks.error());
                   return {};
                 },
                 RerenderScreening);
  });
  router.Add("POST", "/contacts/{id}/agency-checks", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "agency", "/screening?agency=1#agency-checks",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t v, const Fields& f) {
                   auto added = app::AddAgencyCheck(c, a, id, v,
                                                    {FormValue(f, "agency"), FormValue(f, "asked_person"),
                                                     ReadDateTimeBoxes(f, "asked_at", kAskedAt).Local(),
                                                     FormValue(f, "response")});
                   // The use case speaks ISO ("like 2026-11-24T14:30"): said for the boxes instead,
                   // unless they make a date and time and its own rule refused them.
                   if (added || !added.error().IsInvalid()) return added;
                   Error refused = added.error();
                   SayForDateTimeBoxes(refused.fields, "asked_at", ReadDateTimeBoxes(f, "asked_at", kAskedAt));
                   return Result<void>(std::unexpected(std::move(refused)));
                 },
                 RerenderScreening);
  });
  // Issue 12: a check request to a partner agency (app/agency_checks.h); it does not move the contact on.
  router.Add("POST", "/contacts/{id}/agency-check-requests", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "check_request", "/screening?check_sent=1#check-requests",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t, const Fields& f)
                     -> Result<void> {
                   app::CheckRequestDraft draft{FormValue(f, "agency"), FormValue(f, "question"), {},
                                                FormValue(f, "lawful_basis"), FormValue(f, "urgency")};
                   auto [begin, end] = f.equal_range("children");
                   for (auto it = begin; it != end; ++it) {
                     const auto n = ParseWhole(it->second);
                     if (!n || *n < 0 || *n >= 1000)
                       return std::unexpected(Error::InvalidField("children", "Choose only children of this contact"));
                     draft.children.push_back(static_cast<int>(*n));
                   }
                   auto sent = app::SendAgencyCheck(c, a, id, draft);
                   if (!sent) return std::unexpected(sent.error());
                   return {};
                 },
                 RerenderScreening);
  });
  router.Add("POST", "/contacts/{id}/agency-check-requests/{request}/chase", Access::kSignedIn, [pc](http::Request& r) {
    const auto request = ParseWhole(r.Param("request"));
    if (!request) return NotFoundPage(r);
    return Apply(*pc, r, "check_chase", "/screening?check_chased=1#check-requests",
                 [request](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t, const Fields&)
                     -> Result<void> {
                   auto chased = app::ChaseAgencyCheck(c, a, id, *request);
                   if (!chased) return std::unexpected(chased.error());
                   return {};
                 },
                 RerenderScreening);
  });
  router.Add("POST", "/contacts/{id}/sharing-authorisation", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "sharing", "/screening?sharing=1",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t v, const Fields& f) {
                   return app::AuthoriseSharing(c, a, id, v, FormValue(f, "reason"));
                 },
                 RerenderScreening);
  });
  // KCR-15, HCR-26: the screening worker asks a team manager to authorise sharing (app/sharing_requests.h).
  router.Add("POST", "/contacts/{id}/sharing-authorisation-request", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "sharing_request", "/screening?sharing_asked=1#sharing-authorisation",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t, const Fields&)
                     -> Result<void> {
                   auto asked = app::AskForSharingAuthorisation(c, a, id);
                   if (!asked) return std::unexpected(asked.error());
                   return {};
                 },
                 RerenderScreening);
  });
  router.Add("POST", "/contacts/{id}/police-notification", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "police", "/screening?police=1",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t v, const Fields& f) {
                   return app::RecordPoliceNotified(c, a, id, v, FormValue(f, "police_reference"),
                                                    FormValue(f, "note"));
                 },
                 RerenderScreening);
  });
  router.Add("POST", "/contacts/{id}/screening/complete", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "complete", "/decision?screened=1",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t v, const Fields&) {
                   return app::CompleteScreening(c, a, id, v);
                 },
                 RerenderScreening);
  });
  router.Add("GET", "/contacts/{id}/decision", Access::kSignedIn,
             [pc](http::Request& r) { return ShowDecision(*pc, r); });
  router.Add("POST", "/contacts/{id}/decision/check", Access::kSignedIn,
             [pc](http::Request& r) { return CheckDecision(*pc, r); });
  router.Add("POST", "/contacts/{id}/decision", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "propose", "/decision?proposed=1",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t v, const Fields& f) {
                   return app::ProposeDecision(c, a, id, v, ToDraft(ParseDecisionForm(f)));
                 },
                 RerenderDecision);
  });
  router.Add("POST", "/contacts/{id}/decision/authorise", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "authorise", "/decision?authorised=1",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t v, const Fields& f) {
                   return app::AuthoriseDecision(c, a, id, v, FormValue(f, "override_reason"));
                 },
                 RerenderDecision);
  });
  router.Add("POST", "/contacts/{id}/decision/return", Access::kSignedIn, [pc](http::Request& r) {
    return Apply(*pc, r, "return", "/decision?returned=1",
                 [](app::AppContext& c, const app::Actor& a, std::int64_t id, std::int64_t v, const Fields& f) {
                   return app::ReturnDecision(c, a, id, v, FormValue(f, "reason"));
                 },
                 RerenderDecision);
  });
}

}  // namespace fd::web
