#include "web/consultation_pages.h"

#include <algorithm>

#include <fmt/format.h>

#include "api/session_guard.h"
#include "app/consultations.h"
#include "app/permissions.h"
#include "calendar/local_time.h"
#include "domain/consultation_request.h"
#include "domain/contact.h"
#include "domain/text.h"
#include "web/contact_summary.h"
#include "web/date_boxes.h"
#include "web/error_pages.h"
#include "web/form_kit.h"

namespace fd::web {
namespace {

using Fields = std::multimap<std::string, std::string>;

std::string Path(std::int64_t id, std::string_view rest = "") { return fmt::format("/consultations/{}{}", id, rest); }

std::string When(const PageContext& pc, Instant t) { return calendar::FormatLocalForPeople(t, pc.app.time_zone); }

// Field names in errors ("child.first_names") → input ids ("child-first_names"); a date of birth's
// box at fault ("child-date_of_birth-month").
std::string InputId(const std::string& field, const DateBoxes& dob = {}) {
  std::string id = field.empty() ? "summary" : field;
  std::replace(id.begin(), id.end(), '.', '-');
  if (field == "child.date_of_birth") id += "-" + FirstBoxAtFault(dob);
  if (field == "child") id = "child-first_names";  // "name the child" is said at the first names
  return id;
}

// The child's date of birth is typed in GOV.UK date boxes named "<box>-day", "-month" and "-year"
// ("child-date_of_birth" on the request and register forms, "record-child-date_of_birth" on the record
// form, which shares the page with the register form); the use case gets it as ISO text.
constexpr const char* kDobBoxes = "child-date_of_birth";
constexpr const char* kRecordDobBoxes = "record-child-date_of_birth";
constexpr const char* kDobHint = "For example, 14 5 2017";

// The use case's message about the date of birth, said for the boxes typed.
std::vector<FieldError> SaidForBoxes(std::vector<FieldError> errors, const DateBoxes& boxes) {
  SayForDateBoxes(errors, "child.date_of_birth", "Date of birth", boxes);
  return errors;
}

bool Ticked(const Fields& f, const char* name) { return FormValue(f, name) == "yes"; }

bool Lists(const std::vector<std::string>& list, std::string_view id) {
  return std::find(list.begin(), list.end(), id) != list.end();
}

// --- request ------------------------------------------------------------------------------------

// HCR-12: the contact form's fields from a consultation request refused for significant harm, so
// the referral starts with everything already typed (web/contact_form.h field names).
Data ReferralCarryOver(const app::ConsultationRequest& r) {
  Data fields = List();
  auto add = [&](std::string name, const std::string& value) {
    if (value.empty()) return;
    Data field = Object();
    field.set("name", std::move(name));
    field.set("value", value);
    fields.push_back(field);
  };
  add("action", "carry-over");
  if (auto type = ReferrerTypeFromId(r.caller_type); type && IsProfessional(*type))
    add("referrer_type", r.caller_type);
  add("referrer_name", r.consultee_name);
  add("referrer_role", r.consultee_role);
  add("referrer_agency", r.consultee_organisation);
  add("referrer_phone", r.consultee_phone);
  add("referrer_email", r.consultee_email);
  add("concern", r.summary);
  for (const auto& i : r.indicators) add("indicators", i);
  add("children-0-first_names", r.child.first_names);
  add("children-0-last_name", r.child.last_name);
  if (auto dob = ParseIsoDate(Trim(r.child.date_of_birth))) {
    add("children-0-dob-day", std::to_string(static_cast<unsigned>(dob->day())));
    add("children-0-dob-month", std::to_string(static_cast<unsigned>(dob->month())));
    add("children-0-dob-year", std::to_string(static_cast<int>(dob->year())));
  }
  return fields;
}

app::ConsultationRequest RequestFrom(const Fields& f, const app::ConsultationOffer& offer) {
  app::ConsultationRequest r;
  r.type = FormValue(f, "type");
  if (r.type.empty() && offer.types.size() == 1) r.type = offer.types[0].id;
  r.consultee_name = FormValue(f, "consultee_name");
  r.consultee_role = FormValue(f, "consultee_role");
  r.consultee_organisation = FormValue(f, "consultee_organisation");
  r.consultee_phone = FormValue(f, "consultee_phone");
  r.consultee_email = FormValue(f, "consultee_email");
  r.caller_type = FormValue(f, "caller_type");
  r.summary = FormValue(f, "summary");
  r.safeguarding_lead_consulted = Ticked(f, "safeguarding_lead_consulted");
  r.parent_discussed = Ticked(f, "parent_discussed");
  r.request_already_made = Ticked(f, "request_already_made");
  auto [from, to] = f.equal_range("indicators");
  for (auto it = from; it != to; ++it) r.indicators.push_back(it->second);
  // The child's fields exist only on a form offering a named consultation (FDS-7).
  r.child = {FormValue(f, "child.first_names"), FormValue(f, "child.last_name"), IsoDate(ReadDateBoxes(f, kDobBoxes))};
  return r;
}

http::Response RequestForm(PageContext& pc, const http::Request& request, const app::ConsultationOffer& offer,
                           const Fields& f, const std::vector<FieldError>& errors_as_given,
                           const std::optional<ConsultationRefusal>& refusal) {
  Data d = PageData(request, "Request a consultation");
  d.set("back_link", "/");
  const DateBoxes dob = ReadDateBoxes(f, kDobBoxes);
  const std::vector<FieldError> errors = SaidForBoxes(errors_as_given, dob);
  SetErrorSummary(d, errors, [&](const std::string& field) { return InputId(field, dob); });
  const app::ConsultationRequest typed = RequestFrom(f, offer);
  if (refusal) {
    Data r = Object();
    r.set("reason", refusal->reason);
    r.set("route", refusal->route);
    r.set("rule", refusal->rule);
    // HCR-12: significant harm is a referral now. The contact form opens with what was typed here.
    if (refusal->precondition == precondition::kNoSignificantHarm &&
        app::IsAllowed(api::ActorOf(request).role, app::Action::kRecordContact)) {
      r.set("refer_now", true);
      r.set("referral_fields", ReferralCarryOver(typed));
    }
    d.set("refusal", r);
  }
  bool any_named = false, asks_parent = false, asks_request = false, asks_lead = false;
  std::string request_words = "A Request for Support";
  Data types = List();
  bool first_type = true;
  for (const auto& t : offer.types) {
    Data item = Object();
    item.set("input_id", first_type ? std::string("type") : "type-" + t.id);
    first_type = false;
    item.set("value", t.id);
    item.set("label", t.name);
    item.set("checked", t.id == typed.type || offer.types.size() == 1);
    item.set("hours", t.hours.empty() ? std::string("Any time") : t.hours);
    item.set("open_now", t.open_now);
    item.set("next_opening", t.next_opening);
    types.push_back(item);
    any_named |= t.named;
    asks_parent |= Lists(t.preconditions, precondition::kParentDiscussed);
    asks_lead |= Lists(t.preconditions, precondition::kSafeguardingLeadConsulted);
    if (Lists(t.preconditions, precondition::kNoIarOrEhn)) {
      asks_request = true;
      request_words = "An Inter-Agency Referral or Early Help Notification";
    }
    asks_request |= Lists(t.preconditions, precondition::kNoRequestForSupport);
  }
  d.set("types", types);
  d.set("several_types", offer.types.size() > 1);
  if (offer.types.size() == 1) d.set("only_type", offer.types[0].id);
  d.set("named", any_named);
  // FDS-9: the e-mail of the number is promised only where a type offered sends it.
  d.set("number_emailed", std::any_of(offer.types.begin(), offer.types.end(),
                                      [](const app::OfferedConsultation& t) { return t.number_emailed; }));
  for (const char* key : {"consultee_name", "consultee_role", "consultee_organisation", "consultee_phone",
                          "consultee_email", "summary", "child.first_names", "child.last_name"}) {
    std::string name = key;
    std::replace(name.begin(), name.end(), '.', '_');
    SetInput(d, name, FormValue(f, key), ErrorFor(errors, key));
  }
  d.set("child_date_of_birth_field",
        DateFieldData(kDobBoxes, "Date of birth (optional)", kDobHint, dob, ErrorFor(errors, "child.date_of_birth")));
  if (auto e = ErrorFor(errors, "child")) SetInput(d, "child_first_names", typed.child.first_names, e);
  SetInput(d, "type_choice", "", ErrorFor(errors, "type"));
  std::vector<Option> callers;  // HCR-7: with the pack's own kinds of caller (a Families First key worker)
  for (const auto& [id, label] : offer.callers) callers.push_back({id, label});
  d.set("callers", Radios("caller_type", callers, typed.caller_type));
  SetInput(d, "caller", "", ErrorFor(errors, "caller_type"));
  // Nothing to confirm (the Consultation Hub asks none of these): no empty fieldset.
  if (asks_lead || asks_parent || asks_request) d.set("ask_confirmations", true);
  if (asks_lead) d.set("ask_lead", true);
  if (asks_parent) d.set("ask_parent", true);
  if (asks_request) {
    d.set("ask_request", true);
    d.set("request_words", request_words);
  }
  d.set("safeguarding_lead_consulted", typed.safeguarding_lead_consulted);
  d.set("parent_discussed", typed.parent_discussed);
  d.set("request_already_made", typed.request_already_made);
  std::vector<Option> indicators;
  for (const auto& [id, label] : offer.indicators) indicators.push_back({id, label});
  d.set("indicators", Choices("indicators", indicators, [&](const std::string& v) { return Lists(typed.indicators, v); }));
  d.set("urgent_advice", offer.urgent_advice);
  return Page(pc, errors.empty() && !refusal ? 200 : 422, "consultation_request", d);
}

http::Response NewPage(PageContext& pc, http::Request& request) {
  auto offer = app::ConsultationsOffered(pc.app, api::ActorOf(request));
  if (!offer) return ErrorPage(offer.error());
  return RequestForm(pc, request, *offer, {}, {}, std::nullopt);
}

http::Response CreateRequest(PageContext& pc, http::Request& request) {
  const app::Actor actor = api::ActorOf(request);
  auto offer = app::ConsultationsOffered(pc.app, actor);
  if (!offer) return ErrorPage(offer.error());
  const Fields f = FormFields(request);
  auto outcome = app::RequestConsultation(pc.app, actor, RequestFrom(f, *offer));
  if (!outcome) {
    if (outcome.error().IsInvalid()) return RequestForm(pc, request, *offer, f, outcome.error().fields, std::nullopt);
    return ErrorPage(outcome.error());
  }
  // Refused by the procedures: the reason and the right route, with everything typed kept.
  if (!outcome->check.accepted()) return RequestForm(pc, request, *offer, f, {}, outcome->check.refusal);
  return http::Response::Redirect(Path(*outcome->id, "/requested"));
}

http::Response ReceiptPage(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no consultation with that number"));
  auto receipt = app::GetConsultationReceipt(pc.app, api::ActorOf(request), *id);
  if (!receipt) return ErrorPage(receipt.error());
  Data d = PageData(request, "Consultation requested");
  d.set("number", receipt->number);
  d.set("type_name", receipt->type_name);
  d.set("consultee", receipt->consultee_name + ", " + receipt->consultee_organisation);
  // FDS-6: once the social worker has called back, the receipt says when, not that a call is to come.
  if (receipt->advised_at) d.set("called_back_at", When(pc, *receipt->advised_at));
  else if (receipt->call_back_by) d.set("call_back_by", When(pc, *receipt->call_back_by));
  d.set("number_emailed", receipt->number_emailed);
  return Page(pc, 200, "consultation_requested", d);
}

// --- the adviser's queue and record ------------------------------------------------------------

http::Response QueuePage(PageContext& pc, http::Request& request) {
  auto queue = app::ListConsultationQueue(pc.app, api::ActorOf(request));
  if (!queue) return ErrorPage(queue.error());
  Data d = PageData(request, "Consultation call-backs");
  d.set("back_link", "/");
  const Instant now = pc.app.clock.Now();
  Data rows = List();
  for (const auto& c : *queue) {
    Data row = Object();
    row.set("link", Path(c.id));
    row.set("number", c.number);
    row.set("type_name", c.type_name.empty() ? c.type : c.type_name);
    row.set("consultee", c.consultee_name + ", " + c.consultee_organisation);
    row.set("requested", When(pc, c.requested_at));
    if (c.call_back_by) {
      row.set("call_back_by", When(pc, *c.call_back_by));
      if (*c.call_back_by < now) row.set("overdue", true);
    }
    rows.push_back(row);
  }
  d.set("has_rows", !queue->empty());
  d.set("rows", rows);
  d.set("count", fmt::format("{} waiting for a call-back", queue->size()));
  return Page(pc, 200, "consultation_queue", d);
}

const char* RouteTitle(const std::string& route) {
  if (route == "red") return "Make a red (child protection) referral";
  if (route == "green") return "Make a green request for a service";
  if (route == "other") return "Other advice";
  return "";
}

// The consultation and, while it waits, the forms to check the register and record the advice. A
// refused form comes back with its input and errors (`form` says which).
http::Response ShowPage(PageContext& pc, const http::Request& request, std::int64_t id, const std::string& form,
                        const Fields& typed, const std::vector<FieldError>& errors_as_given) {
  // A GET is an adviser opening the consultation (audited: consultation.viewed); a POST shows it again
  // after a refused form (not a view).
  auto v = request.method == "GET" ? app::OpenConsultation(pc.app, api::ActorOf(request), id)
                                   : app::GetConsultation(pc.app, api::ActorOf(request), id);
  if (!v) return ErrorPage(v.error());
  Data d = PageData(request, "Consultation " + v->number);
  d.set("back_link", "/consultations");
  // The date of birth as typed in the boxes of the form sent; else as recorded.
  const char* const dob_boxes = form == "record" ? kRecordDobBoxes : kDobBoxes;
  const DateBoxes typed_dob = ReadDateBoxes(typed, dob_boxes);
  const std::vector<FieldError> errors = SaidForBoxes(errors_as_given, typed_dob);
  SetErrorSummary(d, errors, [&](const std::string& field) {
    return form == "record" && field.starts_with("child") ? "record-" + InputId(field, typed_dob)
                                                          : InputId(field, typed_dob);
  });
  if (request.QueryParam("done") == "register") d.set("banner", std::string("Register checked"));
  if (request.QueryParam("done") == "record") d.set("banner", std::string("Consultation recorded"));
  d.set("id", std::to_string(v->id));
  d.set("number", v->number);
  d.set("type_name", v->type_name);
  Data rows = List();
  rows.push_back(Row("Consultation number", v->number));
  rows.push_back(Row("Kind", v->type_name));
  rows.push_back(Row("Consultee", v->consultee_name + (v->consultee_role.empty() ? "" : ", " + v->consultee_role)));
  rows.push_back(Row("Organisation", v->consultee_organisation));
  rows.push_back(Row("Phone", v->consultee_phone));
  rows.push_back(Row("E-mail", v->consultee_email));
  rows.push_back(Row("Requested", When(pc, v->requested_at)));
  if (v->call_back_by) rows.push_back(Row("Call back by", When(pc, *v->call_back_by)));
  // FDS-6: when the call-back was made, and whether it was late, on the record itself.
  if (v->advised_at)
    rows.push_back(Row("Called back", When(pc, *v->advised_at) +
                                          (v->call_back_by && *v->advised_at > *v->call_back_by
                                               ? " (late: it was due by " + When(pc, *v->call_back_by) + ")"
                                               : std::string())));
  if (v->recorded) rows.push_back(Row("The concern", v->summary));
  if (v->named && v->recorded) {
    std::string child = v->child.first_names + " " + v->child.last_name;
    if (!v->child.date_of_birth.empty()) child += ", born " + calendar::IsoTextForPeople(v->child.date_of_birth);
    rows.push_back(Row("Child", child == " " ? "" : child));
  }
  d.set("rows", rows);
  // FDS-8, FDS-9: only a type that e-mails its number promises the consultee nothing but the number.
  d.set("number_emailed", v->number_emailed);
  if (const std::string note = app::NumberEmailNote(*v); !note.empty()) {
    d.set("number_email_note", note);
    d.set("number_email_sent", !v->number_emailed_to.empty());
  }
  if (!v->register_answer.empty()) d.set("register_answer", v->register_answer);
  const bool queued = v->status == "queued";
  const auto kept = [&](const char* which, const char* field, const std::string& recorded) {
    return form == which ? FormValue(typed, field) : recorded;
  };
  if (queued && v->named) {
    Data check = Object();
    SetInput(check, "first_names", kept("register", "child.first_names", v->child.first_names),
             form == "register" ? ErrorFor(errors, "child.first_names") : std::nullopt);
    SetInput(check, "last_name", kept("register", "child.last_name", v->child.last_name),
             form == "register" ? ErrorFor(errors, "child.last_name").or_else([&] { return ErrorFor(errors, "child"); })
                                : std::nullopt);
    check.set("date_of_birth_field",
              DateFieldData(kDobBoxes, "Date of birth", kDobHint,
                            form == "register" ? typed_dob : DateBoxesOf(v->child.date_of_birth),
                            form == "register" ? ErrorFor(errors, "child.date_of_birth") : std::nullopt));
    d.set("register_form", check);
  }
  if (queued) {
    Data rec = Object();
    const auto err = [&](const char* field) { return form == "record" ? ErrorFor(errors, field) : std::nullopt; };
    SetInput(rec, "questions", kept("record", "questions", ""), err("questions"));
    SetInput(rec, "advice", kept("record", "advice", ""), err("advice"));
    if (v->on_child_record == "when-safeguarding") {
      rec.set("ask_safeguarding", true);
      rec.set("safeguarding", form == "record" && Ticked(typed, "safeguarding"));
      SetInput(rec, "safeguarding_field", "", err("safeguarding"));
    }
    if (!v->advice_routes.empty()) {
      std::vector<Option> routes;
      for (const auto& r : v->advice_routes) routes.push_back({r, RouteTitle(r)[0] ? RouteTitle(r) : r});
      rec.set("has_routes", true);
      rec.set("routes", Radios("advised_route", routes, kept("record", "advised_route", "")));
      SetInput(rec, "route_field", "", err("advised_route"));
    }
    if (v->on_child_record != "never") {
      rec.set("on_child_record_note", v->on_child_record == "always"
                                          ? std::string("This advice goes on the child's record.")
                                          : std::string("Nothing is recorded unless you mark the concern as a "
                                                        "safeguarding one; then it goes on the child's record and an "
                                                        "Inter-Agency Referral is expected (CRU-4)."));
      SetInput(rec, "child_first_names", kept("record", "child.first_names", v->child.first_names),
               err("child.first_names").or_else([&] { return err("child"); }));
      SetInput(rec, "child_last_name", kept("record", "child.last_name", v->child.last_name), err("child.last_name"));
      rec.set("child_date_of_birth_field",
              DateFieldData(kRecordDobBoxes, "Child's date of birth (optional)", kDobHint,
                            form == "record" ? typed_dob : DateBoxesOf(v->child.date_of_birth),
                            err("child.date_of_birth")));
    }
    if (!v->named) rec.set("no_named_hint", true);
    // A screen reader reads out what the box is described by: its hint, then its error (WCAG 3.3.1).
    std::string questions_described_by = v->named ? "" : "questions-hint";
    if (err("questions")) questions_described_by += questions_described_by.empty() ? "questions-error" : " questions-error";
    if (!questions_described_by.empty()) rec.set("questions_described_by", questions_described_by);
    d.set("record_form", rec);
  } else {
    Data done = List();
    done.push_back(Row("Recorded", v->advised_at ? When(pc, *v->advised_at) + " by " + v->advised_by_name : ""));
    if (v->recorded) {
      done.push_back(Row("Questions asked", v->questions));
      done.push_back(Row("Advice given", v->advice));
      if (!v->advised_route.empty()) done.push_back(Row("Advised", RouteTitle(v->advised_route)));
      if (v->on_child_record == "when-safeguarding") done.push_back(Row("Safeguarding concern", v->safeguarding ? "Yes" : "No"));
      if (v->person_id) done.push_back(Row("On the child's record", "Yes"));
    } else {
      done.push_back(Row("What is kept", "Only that a consultation took place: not a safeguarding concern, so "
                                         "nothing else is recorded (CRU-4)"));
    }
    if (!v->followed_by_reference.empty()) done.push_back(Row("Followed by contact", v->followed_by_reference));
    d.set("has_record", true);
    d.set("record_rows", done);
  }
  d.set("retention", v->retention_class.empty() ? std::string()
                                                : fmt::format("Kept as \"{}\"; next review on {}", v->retention_class,
                                                              calendar::IsoTextForPeople(v->review_on)));
  return Page(pc, errors.empty() ? 200 : 422, "consultation_show", d);
}

http::Response Show(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no consultation with that number"));
  return ShowPage(pc, request, *id, "", {}, {});
}

http::Response CheckRegister(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no consultation with that number"));
  const Fields f = FormFields(request);
  app::ConsultationChild child{FormValue(f, "child.first_names"), FormValue(f, "child.last_name"),
                               IsoDate(ReadDateBoxes(f, kDobBoxes))};
  auto done = app::CheckConsultationRegister(pc.app, api::ActorOf(request), *id, child);
  if (!done) {
    if (done.error().IsInvalid()) return ShowPage(pc, request, *id, "register", f, done.error().fields);
    return ErrorPage(done.error());
  }
  return http::Response::Redirect(Path(*id, "?done=register"));
}

http::Response Record(PageContext& pc, http::Request& request) {
  const auto id = PathId(request);
  if (!id) return ErrorPage(Error::NotFound("There is no consultation with that number"));
  const Fields f = FormFields(request);
  app::ConsultationAdvice a;
  a.questions = FormValue(f, "questions");
  a.advice = FormValue(f, "advice");
  a.safeguarding = Ticked(f, "safeguarding");
  a.advised_route = FormValue(f, "advised_route");
  a.child = {FormValue(f, "child.first_names"), FormValue(f, "child.last_name"),
             IsoDate(ReadDateBoxes(f, kRecordDobBoxes))};
  auto done = app::RecordConsultationAdvice(pc.app, api::ActorOf(request), *id, a);
  if (!done) {
    if (done.error().IsInvalid()) return ShowPage(pc, request, *id, "record", f, done.error().fields);
    return ErrorPage(done.error());
  }
  return http::Response::Redirect(Path(*id, "?done=record"));
}

}  // namespace

void AddConsultationLinks(const app::Actor& actor, Data& d) {
  if (app::IsAllowed(actor.role, app::Action::kRequestConsultation)) d.set("consultation_request_link", "/consultations/new");
  if (app::IsAllowed(actor.role, app::Action::kAdviseConsultation)) d.set("consultation_queue_link", "/consultations");
}

void RegisterConsultationPages(http::Router& router, const std::shared_ptr<PageContext>& pc) {
  using http::Access;
  router.Add("GET", "/consultations/new", Access::kSignedIn, [pc](http::Request& r) { return NewPage(*pc, r); });
  router.Add("POST", "/consultations/new", Access::kSignedIn, [pc](http::Request& r) { return CreateRequest(*pc, r); });
  router.Add("GET", "/consultations", Access::kSignedIn, [pc](http::Request& r) { return QueuePage(*pc, r); });
  router.Add("GET", "/consultations/{id}", Access::kSignedIn, [pc](http::Request& r) { return Show(*pc, r); });
  router.Add("GET", "/consultations/{id}/requested", Access::kSignedIn,
             [pc](http::Request& r) { return ReceiptPage(*pc, r); });
  router.Add("POST", "/consultations/{id}/register-check", Access::kSignedIn,
             [pc](http::Request& r) { return CheckRegister(*pc, r); });
  router.Add("POST", "/consultations/{id}/record", Access::kSignedIn, [pc](http::Request& r) { return Record(*pc, r); });
}

}  // namespace fd::web
