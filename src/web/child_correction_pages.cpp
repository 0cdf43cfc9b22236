#include "web/child_correction_pages.h"

#include <charconv>

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/child_corrections.h"
#include "app/people.h"
#include "calendar/local_time.h"
#include "domain/text.h"
#include "web/contact_summary.h"
#include "web/date_boxes.h"
#include "web/error_pages.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

std::optional<int> Position(const http::Request& request) {
  auto it = request.params.find("position");
  if (it == request.params.end()) return std::nullopt;
  int value = -1;
  auto [end, ec] = std::from_chars(it->second.data(), it->second.data() + it->second.size(), value);
  if (ec != std::errc{} || end != it->second.data() + it->second.size() || value < 0) return std::nullopt;
  return value;
}

// What the form holds, as typed.
struct CorrectionForm {
  std::string version;
  std::string first_names, last_name, gender, nhs_number, address, reason;
  std::string dob_day, dob_month, dob_year, due_day, due_month, due_year;
};

void SplitDate(const std::optional<std::chrono::year_month_day>& date, std::string& day, std::string& month,
               std::string& year) {
  if (!date) return;
  day = std::to_string(static_cast<unsigned>(date->day()));
  month = std::to_string(static_cast<unsigned>(date->month()));
  year = std::to_string(static_cast<int>(date->year()));
}

CorrectionForm FormOf(const Contact& contact, int position) {
  const Child& c = contact.children[static_cast<std::size_t>(position)];
  CorrectionForm f;
  f.version = std::to_string(contact.version);
  f.first_names = c.first_names;
  f.last_name = c.last_name;
  f.gender = std::string(GenderId(c.gender));
  f.nhs_number = FormatNhsNumber(c.nhs_number);
  f.address = c.address;
  SplitDate(c.date_of_birth, f.dob_day, f.dob_month, f.dob_year);
  SplitDate(c.expected_date, f.due_day, f.due_month, f.due_year);
  return f;
}

// The input the error summary links to for a field the use case named.
std::string InputId(const std::string& field) {
  if (field == "child.date_of_birth") return "dob-day";
  if (field == "child.expected_date") return "due-day";
  if (field == "child") return "first_names";
  if (field.starts_with("child.")) return field.substr(6);
  return field;
}

http::Response FormPage(PageContext& pc, const http::Request& request, const Contact& contact, int position,
                        const CorrectionForm& f, const std::vector<FieldError>& errors, int status) {
  Data d = PageData(request, "Correct the child's details");
  d.set("back_link", fmt::format("/contacts/{}", contact.id));
  d.set("contact_id", std::to_string(contact.id));
  d.set("position", std::to_string(position));
  d.set("reference", contact.reference);
  d.set("child_name", ChildName(contact.children[static_cast<std::size_t>(position)]));
  d.set("version", f.version);
  SetInput(d, "first_names", f.first_names, ErrorFor(errors, "child.first_names"));
  SetInput(d, "last_name", f.last_name, ErrorFor(errors, "child.last_name"));
  SetInput(d, "nhs_number", f.nhs_number, ErrorFor(errors, "child.nhs_number"));
  SetInput(d, "address", f.address, ErrorFor(errors, "child.address"));
  SetInput(d, "reason", f.reason, ErrorFor(errors, "reason"));
  SetInput(d, "gender", f.gender, ErrorFor(errors, "child.gender"));
  if (auto nothing = ErrorFor(errors, "child")) d.set("nothing_changed", *nothing);
  d.set("dob", DateFieldData("dob", "Date of birth", "For example, 27 3 2019. Leave empty for an unborn child.",
                             {f.dob_day, f.dob_month, f.dob_year}, ErrorFor(errors, "child.date_of_birth")));
  d.set("due", DateFieldData("due", "Expected date (unborn child)", "For example, 27 3 2027.",
                             {f.due_day, f.due_month, f.due_year}, ErrorFor(errors, "child.expected_date")));
  Data genders = List();
  for (const Gender g : AllGenders()) {
    Data option = Object();
    option.set("value", std::string(GenderId(g)));
    option.set("title", std::string(GenderTitle(g)));
    option.set("selected", f.gender == GenderId(g));
    genders.push_back(option);
  }
  d.set("genders", genders);
  SetErrorSummary(d, errors, InputId);
  return Page(pc, status, "child_correct", d);
}

http::Response ShowForm(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  const auto position = Position(request);
  if (!id || !position) return ErrorPage(Error::NotFound("There is no such child on that contact"));
  auto contact = app::ContactToCorrect(pc.app, api::ActorOf(request), *id, *position);
  if (!contact) return ErrorPage(contact.error());
  return FormPage(pc, request, *contact, *position, FormOf(*contact, *position), {}, 200);
}

http::Response Submit(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  const auto position = Position(request);
  if (!id || !position) return ErrorPage(Error::NotFound("There is no such child on that contact"));
  const app::Actor actor = api::ActorOf(request);
  const auto fields = FormFields(request);
  CorrectionForm f;
  f.version = FormValue(fields, "version");
  f.first_names = FormValue(fields, "first_names");
  f.last_name = FormValue(fields, "last_name");
  f.gender = FormValue(fields, "gender");
  f.nhs_number = FormValue(fields, "nhs_number");
  f.address = FormValue(fields, "address");
  f.reason = FormValue(fields, "reason");
  f.dob_day = FormValue(fields, "dob-day");
  f.dob_month = FormValue(fields, "dob-month");
  f.dob_year = FormValue(fields, "dob-year");
  f.due_day = FormValue(fields, "due-day");
  f.due_month = FormValue(fields, "due-month");
  f.due_year = FormValue(fields, "due-year");
  const std::int64_t version = WholeNumber(f.version).value_or(0);
  app::ChildDetailsChange change{f.first_names, f.last_name, IsoDate({Trim(f.dob_day), Trim(f.dob_month), Trim(f.dob_year)}),
                                 IsoDate({Trim(f.due_day), Trim(f.due_month), Trim(f.due_year)}), f.nhs_number, f.gender, f.address};
  auto corrected = app::CorrectChild(pc.app, actor, *id, *position, version, change, f.reason);
  if (!corrected) {
    const Error& e = corrected.error();
    // Someone else changed the contact meanwhile: the form again, saying so at its top, with what was
    // typed and the version now stored, so sending it again applies it over their change knowingly.
    const bool stale = e.code == ErrorCode::kConflict && e.message.starts_with("Someone else changed");
    if (!e.IsInvalid() && !stale) return ErrorPage(e);
    auto contact = app::ContactToCorrect(pc.app, actor, *id, *position);
    if (!contact) return ErrorPage(contact.error());
    if (!stale) return FormPage(pc, request, *contact, *position, f, e.fields, 422);
    f.version = std::to_string(contact->version);
    return FormPage(pc, request, *contact, *position, f, {{"child", e.message}}, 409);
  }
  std::string differs;
  for (const auto& w : corrected->link_warnings) differs += (differs.empty() ? "" : ",") + w.field;
  return http::Response::Redirect(differs.empty() ? fmt::format("/contacts/{}?corrected=1", *id)
                                                  : fmt::format("/contacts/{}?corrected=1&differs={}", *id, differs));
}

}  // namespace

void AddChildCorrections(PageContext& pc, const app::Actor& actor, const Contact& contact, Data& blocks) {
  auto corrections = app::ChildCorrectionsOf(pc.app, actor, contact.id);
  const bool offer = app::OffersChildCorrection(actor.role, contact);
  Data updated = List();
  const auto& items = blocks.list_value();
  for (std::size_t position = 0; position < items.size(); ++position) {
    Data block = items[position];
    if (offer) block.set("correct_link", fmt::format("/contacts/{}/children/{}/correct", contact.id, position));
    Data lines = List();
    Data to_check = List();
    bool any = false, check = false;
    if (corrections)
      for (const auto& c : *corrections) {
        if (static_cast<std::size_t>(c.child_position) != position) continue;
        std::string what;
        for (const auto& f : c.changes)
          what += (what.empty() ? "" : "; ") +
                  fmt::format("{} {} → {}", app::CorrectedFieldWords(f.field), app::CorrectedValueWords(f.field, f.from),
                              app::CorrectedValueWords(f.field, f.to));
        lines.push_back(Data(fmt::format("Corrected by {} on {}: {} ({})", c.corrected_by_name,
                                         calendar::FormatLocalDateForPeople(c.corrected_at, pc.app.time_zone), what,
                                         c.reason)));
        any = true;
        if (c.link_person_id) {
          to_check = List();  // the latest correction's flag stands
          for (const auto& field : c.link_differs) to_check.push_back(Data(app::LinkWarningMessage(field)));
          check = !c.link_differs.empty();
        }
      }
    if (any) {
      block.set("has_corrections", true);
      block.set("corrections", lines);
    }
    if (check) {
      block.set("has_link_to_check", true);
      block.set("link_to_check", to_check);
    }
    updated.push_back(block);
  }
  blocks = std::move(updated);
}

void RegisterChildCorrectionPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  router.Add("GET", "/contacts/{id}/children/{position}/correct", http::Access::kSignedIn,
             [pc](http::Request& r) { return ShowForm(*pc, r); });
  router.Add("POST", "/contacts/{id}/children/{position}/correct", http::Access::kSignedIn,
             [pc](http::Request& r) { return Submit(*pc, r); });
}

}  // namespace fd::web
